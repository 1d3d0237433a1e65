"""The ``gametrust`` command line: ``solve``, ``validate`` and ``export``.

This is the only module that imports click.  Every exit code is decided in one
place, :func:`exit_code`:

====  ==============================================================
0     success
1     internal error: a :class:`~gametrust.errors.SolverError` or any
      unexpected exception (a bug; rerun with ``GAMETRUST_DEBUG=1``)
2     bad input: a usage error (unknown option, ``--set`` without ``=``)
      or any :class:`~gametrust.errors.InputError` (scenario, Gambit
      file, argument)
130   interrupted (Ctrl-C)
====  ==============================================================

An error is printed as one line on standard error, ``error: <message>``, never
as a traceback.  Heavy libraries (sympy, nashpy) are imported only by the
commands that need them, so ``gametrust solve`` starts fast.

>>> from gametrust.errors import SolverError
>>> exit_code(ValueError("boom")), exit_code(InputError("bad")), exit_code(SolverError("x"))
(1, 2, 1)
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .errors import ArgumentError, GametrustError, InputError, Location
from .report import FORMATS
from .solve import METHODS

if TYPE_CHECKING:
    from .scenario import Scenario

__all__ = ["EXIT_INPUT", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_OK", "cli", "exit_code", "main"]

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INPUT = 2
EXIT_INTERRUPTED = 130

DEBUG_VARIABLE = "GAMETRUST_DEBUG"


def exit_code(exc: BaseException) -> int:
    """The process exit code for an exception that ended a command (the one mapping)."""
    if isinstance(exc, click.exceptions.Exit):
        return exc.exit_code
    if isinstance(exc, (click.exceptions.Abort, KeyboardInterrupt)):
        return EXIT_INTERRUPTED
    if isinstance(exc, (click.ClickException, InputError)):
        return EXIT_INPUT
    return EXIT_INTERNAL


def _one_line(text: str) -> str:
    return " ".join(text.split())


def error_line(exc: BaseException) -> str | None:
    """The one line shown on standard error for ``exc`` (``None``: nothing to show)."""
    if isinstance(exc, click.exceptions.Exit):
        return None
    if isinstance(exc, (click.exceptions.Abort, KeyboardInterrupt)):
        return "error: interrupted"
    if isinstance(exc, click.UsageError):
        hint = ""
        if exc.ctx is not None:
            hint = f" (see '{exc.ctx.command_path} --help')"
        return f"error: {_one_line(exc.format_message())}{hint}"
    if isinstance(exc, click.ClickException):
        return f"error: {_one_line(exc.format_message())}"
    if isinstance(exc, GametrustError):
        return f"error: {_one_line(str(exc))}"
    return (
        f"internal error: {type(exc).__name__}: {_one_line(str(exc))} "
        f"(rerun with {DEBUG_VARIABLE}=1 for the traceback)"
    )


class _Group(click.Group):
    """A click group that maps every exception to one error line and an exit code."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> int:
        try:
            rv = super().main(
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
            code = rv if isinstance(rv, int) else EXIT_OK
        except SystemExit:
            raise
        except BaseException as exc:
            if os.environ.get(DEBUG_VARIABLE) and not isinstance(exc, click.exceptions.Exit):
                traceback.print_exc()
            line = error_line(exc)
            if line:
                click.echo(line, err=True)
            code = exit_code(exc)
        if standalone_mode:
            sys.exit(code)
        return code


# -- shared options ------------------------------------------------------------------------------


def _pairs(ctx: click.Context, param: click.Parameter, values: Sequence[str]) -> dict[str, str]:
    """Parse repeated ``NAME=VALUE`` options; the last one given for a name wins."""
    out: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise click.BadParameter(f"expected NAME=VALUE, got {item!r}", ctx=ctx, param=param)
        out[name.strip()] = value.strip()
    return out


def _build_options(command: Any) -> Any:
    command = click.option(
        "--empathy",
        "empathy",
        multiple=True,
        metavar="PLAYER=WEIGHT",
        callback=_pairs,
        help="Empathy weight of a player (how much it weighs the others' payoffs), "
        "e.g. US=1/4; overrides the scenario. Repeatable.",
    )(command)
    command = click.option(
        "--set",
        "overrides",
        multiple=True,
        metavar="NAME=VALUE",
        callback=_pairs,
        help="Set a scenario parameter, e.g. relief=5 or cost=2/3. Repeatable.",
    )(command)
    return command


def _load(file: str) -> Scenario:
    """Load a scenario file; a file that cannot be read is bad input (exit 2)."""
    from .load import load

    path = Path(file)
    if not path.exists():
        raise InputError("no such file", Location(file=file))
    if path.is_dir():
        raise InputError("is a directory, not a scenario file", Location(file=file))
    try:
        return load(file)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), Location(file=file)) from None


def _shape(shape: Sequence[int]) -> str:
    return "x".join(str(k) for k in shape)


def _none_if_empty(values: Mapping[str, str]) -> Mapping[str, str] | None:
    return dict(values) if values else None


# -- commands ------------------------------------------------------------------------------------


@click.group(
    cls=_Group,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(
    __version__, "--version", prog_name="gametrust", message="%(prog)s %(version)s"
)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Exact, certified equilibria for games of trust, empathy and conflict.

    A scenario file (YAML, or a Gambit .nfg file) describes the players, their
    actions and payoffs; gametrust computes every equilibrium exactly.

    \b
    Examples:
      gametrust solve scenarios/korea.yaml
      gametrust solve scenarios/korea.yaml --empathy US=1/4 --empathy DPRK=1/4
      gametrust validate scenarios/*.yaml
      gametrust export scenarios/stag_hunt.yaml --to nfg -o stag_hunt.nfg

    Exit codes: 0 success, 2 bad input, 1 internal error.
    """
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@_build_options
@click.option(
    "--method",
    type=click.Choice(METHODS),
    default="auto",
    show_default=True,
    help="Solver: 'enumeration' finds every extreme equilibrium of a two-player game "
    "exactly; 'pure' every pure equilibrium of any game; 'lemke-howson' one equilibrium; "
    "'support-enumeration' is nashpy's, in floats; 'auto' picks enumeration for two "
    "players, pure otherwise.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output: a text report, JSON (schema: docs/json-output.md) or Markdown.",
)
def solve(
    file: str,
    overrides: dict[str, str],
    empathy: dict[str, str],
    method: str,
    fmt: str,
) -> None:
    """Compute the equilibria of the game in FILE.

    Every equilibrium printed is certified: no player gains by deviating
    (checked exactly in exact games).

    \b
    Examples:
      gametrust solve scenarios/stag_hunt.yaml
      gametrust solve scenarios/korea.yaml --set relief=5
      gametrust solve scenarios/korea.yaml --empathy US=1/4 --empathy DPRK=1/4
      gametrust solve scenarios/korea.yaml --format json > korea.json
    """
    from .report import render
    from .solve import solve as run_solver

    scenario = _load(file)
    game = scenario.build(_none_if_empty(overrides), _none_if_empty(empathy))
    try:
        result = run_solver(game, method=method)
    except ArgumentError as exc:
        if exc.location.path[:1] != ("method",):
            raise
        raise ArgumentError(exc.message, Location(path=("--method",))) from None
    parameters = scenario.parameter_values(overrides)
    click.echo(render(result, scenario, parameters, empathy, format=fmt))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.pass_context
def validate(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Check scenario files without solving them.

    Loads each FILE and builds its game with the default parameter values.
    Prints 'ok: FILE (title; players; shape)' for each good file and one
    'error: ...' line for each bad one; exits with 2 if any file is bad.

    \b
    Examples:
      gametrust validate scenarios/korea.yaml
      gametrust validate scenarios/*.yaml game.nfg
    """
    bad = False
    for file in files:
        try:
            scenario = _load(file)
            game = scenario.build(None, None)
        except InputError as exc:
            bad = True
            click.echo(error_line(exc), err=True)
            continue
        click.echo(
            f"ok: {file} ({scenario.title}; {game.n_players} players; {_shape(game.shape)})"
        )
    if bad:
        ctx.exit(EXIT_INPUT)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--to",
    "target",
    type=click.Choice(["nfg"]),
    default="nfg",
    show_default=True,
    help="Output format: Gambit's strategic-form .nfg (readable by Gambit and by gametrust).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to this file instead of standard output.",
)
@_build_options
def export(
    file: str,
    target: str,
    output: str | None,
    overrides: dict[str, str],
    empathy: dict[str, str],
) -> None:
    """Write the game in FILE in another format.

    The game is built first, so --set and --empathy change what is written:
    the exported payoffs are the empathy-adjusted ones.

    \b
    Examples:
      gametrust export scenarios/korea.yaml --to nfg
      gametrust export scenarios/korea.yaml --to nfg --empathy US=1/4 -o korea.nfg
    """
    from .gambit_nfg import write_nfg

    scenario = _load(file)
    game = scenario.build(_none_if_empty(overrides), _none_if_empty(empathy))
    text = write_nfg(game, title=scenario.title)
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"cannot write: {exc.strerror or exc}", Location(file=output)
        ) from None
    click.echo(f"wrote {output}", err=True)


def main(args: Sequence[str] | None = None) -> None:
    """Run the command line (the ``gametrust`` console script); exits the process."""
    cli.main(args=list(args) if args is not None else None, prog_name="gametrust")


if __name__ == "__main__":  # python -m gametrust.cli
    main()
