"""The ``gametrust`` command line: ``solve``, ``validate``, ``export``, ``sweep`` and ``check``.

This is the only module that imports click.  Every exit code is decided in one
place, :func:`exit_code`:

====  ==============================================================
0     success
1     internal error: a :class:`~gametrust.core.errors.SolverError` or any
      unexpected exception (a bug; rerun with ``GAMETRUST_DEBUG=1``);
      ``check``: a claim fails
2     bad input: a usage error (unknown option, ``--set`` without ``=``)
      or any :class:`~gametrust.core.errors.InputError` (scenario, Gambit
      file, argument)
130   interrupted (Ctrl-C)
====  ==============================================================

An error is printed as one line on standard error, ``error: <message>``, never
as a traceback.  Heavy libraries (sympy, nashpy) are imported only by the
commands that need them, so ``gametrust solve`` starts fast.

>>> from gametrust.core.errors import SolverError
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

from .core.errors import ArgumentError, GametrustError, InputError, Location, did_you_mean
from .core.version import __version__
from .report import FORMATS
from .report.sweep import SWEEP_FORMATS
from .solvers.solve import METHODS

if TYPE_CHECKING:
    from .scenario.scenario import Scenario

__all__ = [
    "EXIT_CLAIM_FAILED",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "cli",
    "exit_code",
    "main",
]

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_CLAIM_FAILED = 1  # gametrust check: a claim does not hold
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
    from .formats.load import load

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
      gametrust sweep scenarios/korea.yaml --empathy --plot korea.png
      gametrust check scenarios/korea.yaml

    Exit codes: 0 success, 2 bad input, 1 internal error (check: a claim fails).
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
@click.option(
    "--explain",
    is_flag=True,
    help="Also derive, exactly, when each pure profile is an equilibrium, the mixed "
    "equilibrium's probabilities and the trust thresholds, as formulas in the scenario's "
    "parameters and empathy weights (e_PLAYER). Names given with --set/--empathy are "
    "fixed at those values; the others stay symbolic.",
)
@click.option(
    "--update", "update_rule", type=click.Choice(("bayes", "bad_faith")), default=None,
    help="Scenarios with types and beliefs: the belief update rule (overrides beliefs: rule).",
)
@click.option(
    "--rounds", type=click.IntRange(1, 50), default=None,
    help="Scenarios with types: the rounds of belief updating shown (default 3).",
)
@click.option(
    "--plot", "plot_path", type=click.Path(dir_okay=False), metavar="OUT.png|.svg|.pdf",
    default=None,
    help="Scenarios with types and beliefs: also draw the belief over rounds under both "
    "rules (needs matplotlib: pip install 'gametrust[plot]').",
)
def solve(
    file: str,
    overrides: dict[str, str],
    empathy: dict[str, str],
    method: str,
    fmt: str,
    explain: bool,
    update_rule: str | None,
    rounds: int | None,
    plot_path: str | None,
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
      gametrust solve scenarios/korea.yaml --explain --set relief=4
    """
    from .report import render
    from .solvers.solve import solve as run_solver

    scenario = _load(file)
    for flag, used in (("--update", update_rule), ("--rounds", rounds), ("--plot", plot_path)):
        if used is not None and (not scenario.types or scenario.is_signalling):
            raise ArgumentError(f"{flag} applies to Bayesian scenarios (types:, no signalling:)",
                                Location(path=(flag,)))
    if scenario.is_tree:
        _solve_tree(scenario, overrides, empathy, method, fmt, explain)
        return
    if scenario.types:
        _solve_types(scenario, overrides, empathy, method, fmt, explain,
                     update_rule=update_rule, rounds=rounds, plot_path=plot_path)
        return
    game = scenario.build(_none_if_empty(overrides), _none_if_empty(empathy))
    try:
        result = run_solver(game, method=method)
    except ArgumentError as exc:
        if exc.location.path[:1] != ("method",):
            raise
        raise ArgumentError(exc.message, Location(path=("--method",))) from None
    parameters = scenario.parameter_values(overrides)
    explanation = None
    if explain:
        from .analysis.explain import explain as run_explain

        explanation = run_explain(scenario, parameters=overrides, empathy=empathy)
    click.echo(
        render(result, scenario, parameters, empathy, format=fmt, explanation=explanation)
    )


def _solve_tree(
    scenario: Scenario,
    overrides: dict[str, str],
    empathy: dict[str, str],
    method: str,
    fmt: str,
    explain: bool,
) -> None:
    """Scenarios with moves in time: subgame-perfect and Nash equilibria of the tree."""
    from .core.exact import as_number
    from .report.tree import render_tree
    from .solvers.extensive import solve_tree

    if method != "auto":
        raise ArgumentError(
            "a scenario with moves in time is solved by backward induction over its subgames "
            "and the reduced normal form; --method does not apply",
            Location(path=("--method",)),
        )
    if explain:
        raise ArgumentError(
            "--explain covers normal-form games; for moves in time use 'gametrust sweep' "
            "to find exact thresholds",
            Location(path=("--explain",)),
        )
    tree = scenario.build_tree(_none_if_empty(overrides), _none_if_empty(empathy))
    result = solve_tree(tree)
    parameters = scenario.parameter_values(overrides)
    weights = scenario.empathy_weights(overrides)
    weights.update({k: as_number(v, exact=True) for k, v in empathy.items()})
    click.echo(render_tree(result, scenario, parameters, weights, format=fmt))


def _solve_types(
    scenario: Scenario,
    overrides: dict[str, str],
    empathy: dict[str, str],
    method: str,
    fmt: str,
    explain: bool,
    *,
    update_rule: str | None = None,
    rounds: int | None = None,
    plot_path: str | None = None,
) -> None:
    """Scenarios with types: perfect Bayesian equilibria of a signalling game, or Bayesian
    Nash equilibria with belief dynamics (issue 5)."""
    from .core.exact import as_number

    for flag, used in (("--method", method != "auto"), ("--explain", explain),
                       ("--format", fmt not in ("text", "json"))):
        if used:
            raise ArgumentError(
                f"{flag} does not apply to a scenario with types (text or json output)",
                Location(path=(flag,)),
            )
    parameters = scenario.parameter_values(overrides)
    weights = scenario.empathy_weights(overrides)
    weights.update({k: as_number(v, exact=True) for k, v in empathy.items()})
    if scenario.is_signalling:
        from .analysis.separation import separating_conditions
        from .report.bayesian import render_signalling
        from .solvers.signalling import solve_signalling

        game = scenario.build_signalling(_none_if_empty(overrides), _none_if_empty(empathy))
        conditions = separating_conditions(game) if len(game.signals) == len(game.types) else None
        replies = scenario.sender_replies(_none_if_empty(overrides), _none_if_empty(empathy))
        click.echo(render_signalling(scenario, game, solve_signalling(game), conditions, replies,
                                     parameters, weights, format=fmt))
        return
    from .analysis.bayesian import analyse_bayesian
    from .report.bayesian import render_bayesian

    if plot_path is not None:
        from .report.plot import check_path, require_matplotlib

        if scenario.beliefs is None:
            raise ArgumentError("--plot needs a beliefs: section in the scenario",
                                Location(path=("--plot",)))
        check_path(plot_path)
        require_matplotlib()
    analysis = analyse_bayesian(scenario, _none_if_empty(overrides), _none_if_empty(empathy),
                                rounds=rounds, rule=update_rule)
    click.echo(render_bayesian(analysis, parameters, weights, format=fmt, plot_path=plot_path))
    if plot_path is not None:
        click.echo(f"wrote {plot_path}", err=True)


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
    type=click.Choice(["nfg", "efg"]),
    default="nfg",
    show_default=True,
    help="Output format: Gambit's strategic-form .nfg, or extensive-form .efg for a "
    "scenario with moves in time (both readable by Gambit and by gametrust).",
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
      gametrust export scenarios/agreed_framework_1994.yaml --to efg -o af.efg
    """
    scenario = _load(file)
    if target == "efg":
        from .formats.gambit_efg import write_efg

        tree = scenario.build_tree(_none_if_empty(overrides), _none_if_empty(empathy))
        text = write_efg(tree, title=scenario.title)
    else:
        from .formats.gambit_nfg import write_nfg

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


#: The value ``--empathy`` takes when given alone: the common weight of every player.
ALL_PLAYERS = "all"


def _exact_option(text: str | None, option: str, name: str | None = None) -> Any:
    """An exact number from an option's text (``1/4``, ``0.25``), ``None`` when not given."""
    from .core.exact import parse_number

    if text is None:
        return None
    value = parse_number(text)
    if value is None:
        path: tuple[str, ...] = (option, name) if name else (option,)
        raise ArgumentError(f"{text!r} is not a number (e.g. 1/4, 0.25, 2)", Location(path=path))
    return value


def _sweep_axes(ctx: click.Context, empathy: Sequence[str], params: Sequence[str]) -> list[str]:
    """The swept axes ("empathy", "empathy:US", "param:relief") the options ask for."""
    if not empathy and not params:
        raise click.UsageError(
            "say what to sweep: --empathy (every player's weight), --empathy PLAYER, "
            "--empathy A --empathy B (a 2-D map) or --param NAME",
            ctx,
        )
    if empathy and params:
        raise click.UsageError(
            "--param cannot be combined with --empathy: two-dimensional maps are over two "
            "players' empathy weights",
            ctx,
        )
    if params:
        if len(params) > 1:
            raise click.UsageError(
                "give --param once: two-dimensional maps are over two players' empathy weights",
                ctx,
            )
        return [f"param:{params[0]}"]
    for value in empathy:
        if "=" in value:
            raise click.UsageError(
                f"--empathy names the swept player, got {value!r}; to hold a player's weight "
                f"fixed use --fix-empathy {value}",
                ctx,
            )
    if len(empathy) == 1:
        return ["empathy" if empathy[0] == ALL_PLAYERS else f"empathy:{empathy[0]}"]
    if len(empathy) > 2 or ALL_PLAYERS in empathy or empathy[0] == empathy[1]:
        raise click.UsageError(
            "a map needs --empathy twice, with two different players "
            "(e.g. --empathy US --empathy DPRK)",
            ctx,
        )
    return [f"empathy:{empathy[0]}", f"empathy:{empathy[1]}"]


def _check_sweep_names(
    scenario: Scenario, axes: Sequence[str], overrides: Mapping[str, str],
    fixed: Mapping[str, str],
) -> None:
    """Names the options use exist, and nothing is both swept and held fixed."""
    from .core.errors import did_you_mean

    players = scenario.player_ids
    swept = {a.partition(":")[2] for a in axes}
    for axis in axes:
        kind, _, name = axis.partition(":")
        if kind == "param" and name not in scenario.parameters:
            names = list(scenario.parameters)
            hint = did_you_mean(name, names) or (
                f"; the parameters are {', '.join(names)}" if names else
                "; the scenario declares none"
            )
            raise ArgumentError(f"unknown parameter {name!r}{hint}", Location(path=("--param",)))
        if kind == "empathy" and name and name not in players:
            raise ArgumentError(
                f"unknown player {name!r}{did_you_mean(name, players)}; the players are "
                f"{', '.join(players)}",
                Location(path=("--empathy",)),
            )
    for name in overrides:
        if name in swept and any(a.startswith("param:") for a in axes):
            raise ArgumentError(
                f"{name!r} is the swept parameter; it cannot also be set",
                Location(path=("--set", name)),
            )
    for name in fixed:
        if name not in players:
            raise ArgumentError(
                f"unknown player {name!r}{did_you_mean(name, players)}; the players are "
                f"{', '.join(players)}",
                Location(path=("--fix-empathy", name)),
            )
        if "empathy" in axes or name in swept:
            raise ArgumentError(
                f"the empathy weight of {name} is swept; it cannot also be fixed",
                Location(path=("--fix-empathy", name)),
            )


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False), required=False, metavar="FILE")
@click.option(
    "--empathy",
    "empathy_axes",
    multiple=True,
    is_flag=False,
    flag_value=ALL_PLAYERS,
    metavar="[PLAYER]",
    help="Sweep empathy. Alone: one common weight for every player. With a player id: "
    "that player's weight (the others as in the file or --fix-empathy). Twice, with two "
    "players: a 2-D map of the two weights. Put FILE before it.",
)
@click.option(
    "--param", "params", multiple=True, metavar="NAME",
    help="Sweep the scenario parameter NAME (over its declared range unless --from/--to).",
)
@click.option(
    "--prior", "prior", metavar="PLAYER.TYPE",
    help="Sweep the prior that PLAYER is of TYPE (a scenario with types), from 0 to 1 unless "
    "--from/--to: the exact prior at which each Bayesian equilibrium appears or disappears.",
)
@click.option(
    "--from", "lo", metavar="X",
    help="Start of the range, exact (0, 1/4, 2.5). Default: the parameter's declared range, "
    "or 0 for empathy.",
)
@click.option("--to", "hi", metavar="Y", help="End of the range (default: the declared range, "
              "or 1 for empathy).")
@click.option(
    "--grid", type=click.IntRange(min=2), metavar="N",
    help="Also evaluate N evenly spaced points exactly, from the formulas (in the JSON and "
    "CSV; for a map: region ids on an N x N grid).",
)
@click.option(
    "--set", "overrides", multiple=True, metavar="NAME=VALUE", callback=_pairs,
    help="Hold a parameter at a value other than its default, e.g. relief=5. Repeatable.",
)
@click.option(
    "--fix-empathy", "fixed_empathy", multiple=True, metavar="PLAYER=WEIGHT", callback=_pairs,
    help="Hold a player that is not swept at this empathy weight, e.g. DPRK=1/4. Repeatable.",
)
@click.option(
    "--format", "fmt", type=click.Choice(SWEEP_FORMATS), default="text", show_default=True,
    help="Output: a text report, JSON (schema: docs/sweep.md), CSV or Markdown.",
)
@click.option(
    "--plot", "plot_path", type=click.Path(dir_okay=False), metavar="OUT.png|.svg|.pdf",
    help="Also draw a figure (needs matplotlib: pip install 'gametrust[plot]').",
)
@click.pass_context
def sweep(
    ctx: click.Context,
    file: str | None,
    empathy_axes: tuple[str, ...],
    params: tuple[str, ...],
    prior: str | None,
    lo: str | None,
    hi: str | None,
    grid: int | None,
    overrides: dict[str, str],
    fixed_empathy: dict[str, str],
    fmt: str,
    plot_path: str | None,
) -> None:
    """Show exactly how the equilibria of FILE change with empathy or a parameter.

    The range splits at exact breakpoints (rationals, or algebraic numbers)
    into intervals on which the equilibria do not change; for each interval
    the game family, the equilibria with probabilities and payoffs as exact
    functions of the swept value, payoff and risk dominance and the trust
    each side needs; for each breakpoint the game exactly there.

    \b
    Examples:
      gametrust sweep scenarios/korea.yaml --empathy
      gametrust sweep scenarios/korea.yaml --empathy US --fix-empathy DPRK=1/2
      gametrust sweep scenarios/korea.yaml --param relief --format json
      gametrust sweep scenarios/korea.yaml --empathy US --empathy DPRK --plot map.png
      gametrust sweep scenarios/korea.yaml --empathy --grid 101 --format csv > korea.csv
    """
    from .report.sweep import render

    if file is None:
        taken = [v for v in empathy_axes if Path(v).is_file()]
        hint = (
            f" (FILE comes before --empathy: gametrust sweep {taken[0]} --empathy)"
            if taken else ""
        )
        raise click.UsageError(f"missing argument FILE{hint}", ctx)
    if prior is not None:
        if empathy_axes or params:
            raise click.UsageError("sweep one of --prior, --empathy or --param", ctx)
        _sweep_prior(file, prior, lo, hi, overrides, fixed_empathy, fmt)
        return
    axes = _sweep_axes(ctx, empathy_axes, params)
    if plot_path is not None:
        from .report.plot import check_path, require_matplotlib

        check_path(plot_path)
        require_matplotlib()
    low, high = _exact_option(lo, "--from"), _exact_option(hi, "--to")
    weights = {name: _exact_option(v, "--fix-empathy", name) for name, v in fixed_empathy.items()}
    scenario = _load(file)
    _check_sweep_names(scenario, axes, overrides, fixed_empathy)
    parameters = _none_if_empty(overrides)
    if scenario.is_tree:
        if len(axes) == 2 or plot_path is not None or fmt not in ("text", "json"):
            raise ArgumentError(
                "for a scenario with moves in time, sweep one axis with --format text or json",
                Location(path=("--format" if len(axes) == 1 else "--empathy",)),
            )
        from .analysis.tree_sweep import sweep_scenario_tree
        from .report.tree import render_tree_sweep

        tree_result = sweep_scenario_tree(
            scenario, axes[0], low, high, parameters=parameters, empathy=weights or None
        )
        click.echo(render_tree_sweep(tree_result, fmt, file=file))
        return
    try:
        if len(axes) == 2:
            from .analysis.regions import sweep_map

            bounds = None if low is None and high is None else (low, high)
            result: Any = sweep_map(
                scenario, (axes[0], axes[1]), bounds, bounds,
                parameters=parameters, empathy=weights or None,
            )
        else:
            from .analysis.sweep import sweep as run_sweep

            result = run_sweep(
                scenario, axes[0], low, high, parameters=parameters, empathy=weights or None,
                grid=grid,
            )
    except ArgumentError as exc:
        if exc.location.path[:1] != ("axis",):
            raise
        option = "--param" if axes[0].startswith("param:") else "--empathy"
        raise ArgumentError(exc.message, Location(path=(option,))) from None
    text = render(result, fmt, file=file, grid=grid if len(axes) == 2 else None)
    click.echo(text, nl=not text.endswith("\n"))
    if plot_path is not None:
        from .report.plot import plot

        plot(result, plot_path)
        click.echo(f"wrote {plot_path}", err=True)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--examples", type=click.IntRange(min=1), default=200, show_default=True, metavar="N",
    help="Examples hypothesis tries per claim that cannot be proved exactly.",
)
@click.option(
    "--seed", type=click.IntRange(min=0), metavar="S",
    help="Seed of the search, to reproduce a run (default: a random one, printed).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Output: a text report or JSON (schema: docs/check.md).",
)
@click.option(
    "--database", type=click.Path(file_okay=False), metavar="DIR",
    help="Keep hypothesis's example database in DIR: counterexamples found are tried first "
    "next time (by default none is kept; a run with a database takes no --seed).",
)
@click.option(
    "--no-proof", is_flag=True,
    help="Search even where a claim could be proved exactly by a sweep.",
)
@click.pass_context
def check(
    ctx: click.Context,
    file: str,
    examples: int,
    seed: int | None,
    fmt: str,
    database: str | None,
    no_proof: bool,
) -> None:
    """Check the claims of FILE against its assumptions.

    Each claim is proved exactly where one or two values vary (a parameter, a
    payoff or an empathy weight; or both players' empathy weights), by an
    exact sweep; otherwise hypothesis searches values within the assumptions
    for a counterexample and shrinks the one it finds.  Prints for each claim
    'proved', 'survived' (no counterexample in N examples) or 'FAILED' with
    the values, the equilibria and the game's family there.

    Exit codes: 0 every claim holds, 1 a claim fails (or nothing satisfies
    its conditions), 2 bad input.

    \b
    Examples:
      gametrust check scenarios/korea.yaml
      gametrust check scenarios/korea.yaml --examples 1000 --seed 7
      gametrust check scenarios/korea.yaml --format json
    """
    import json

    from .analysis.check import check as run_check

    scenario = _load(file)
    if not scenario.claims:
        raise InputError(
            "the scenario states no claims to check (add a claims: section; see docs/check.md)",
            Location(file=file),
        )
    report = run_check(
        scenario, examples=examples, seed=seed, database=database, prove=not no_proof
    )
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(report.text())
    if not report.ok:
        ctx.exit(EXIT_CLAIM_FAILED)


def _sweep_prior(
    file: str,
    prior: str,
    lo: str | None,
    hi: str | None,
    overrides: dict[str, str],
    fixed_empathy: dict[str, str],
    fmt: str,
) -> None:
    """``sweep --prior PLAYER.TYPE``: the Bayesian equilibria as a prior moves, exactly."""
    from .analysis.prior_sweep import sweep_prior

    player, dot, type_ = prior.partition(".")
    if not dot or not player or not type_:
        raise ArgumentError(
            f"--prior takes PLAYER.TYPE (e.g. DPRK.security_seeker), got {prior!r}",
            Location(path=("--prior",)),
        )
    if fmt not in ("text", "json"):
        raise ArgumentError(
            "a prior sweep prints --format text or json", Location(path=("--format",))
        )
    scenario = _load(file)
    if not getattr(scenario, "is_bayesian", False):
        raise ArgumentError(
            f"{file} declares no types: --prior sweeps a scenario with types: and priors",
            Location(path=("--prior",)),
        )
    labels = scenario.type_labels()
    if player not in labels:
        raise ArgumentError(
            f"no player {player!r}{did_you_mean(player, labels)}", Location(path=("--prior",))
        )
    if type_ not in labels[player]:
        raise ArgumentError(
            f"{player} has no type {type_!r}{did_you_mean(type_, labels[player])}; its types "
            f"are {', '.join(labels[player])}",
            Location(path=("--prior",)),
        )
    low = _exact_option(lo, "--from")
    high = _exact_option(hi, "--to")
    game = scenario.build_bayesian(_none_if_empty(overrides), _none_if_empty(fixed_empathy))
    low, high = (0 if low is None else low), (1 if high is None else high)
    result = sweep_prior(game, player, type_, low, high)
    if fmt == "json":
        import json

        data = {
            "schema_version": 1,
            "kind": "prior-sweep",
            "scenario": {"title": scenario.title, "file": file},
            "prior": {"player": player, "type": type_},
            "range": [str(result.lo), str(result.hi)],
            "breakpoints": [str(b.value) for b in result.breakpoints],
            "summary": result.summary(),
            "text": result.describe(),
        }
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"{scenario.title}\nFile: {file}\n")
    click.echo(result.describe())
    click.echo(f"\nSummary: {result.summary()}")


def main(args: Sequence[str] | None = None) -> None:
    """Run the command line (the ``gametrust`` console script); exits the process."""
    cli.main(args=list(args) if args is not None else None, prog_name="gametrust")


if __name__ == "__main__":  # python -m gametrust.cli
    main()
