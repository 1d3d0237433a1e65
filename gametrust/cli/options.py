"""Options shared by the commands, and turning option text into values.

``--set NAME=VALUE`` and ``--empathy PLAYER=WEIGHT`` pairs, exact numbers
from option text, the swept variables that ``sweep``'s options ask for, and
loading a scenario file with located errors.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..core.errors import ArgumentError, InputError, Location

if TYPE_CHECKING:
    from ..scenario.scenario import Scenario

__all__ = [
    "ALL_PLAYERS",
    "build_options",
    "exact_option",
    "load_scenario",
    "none_if_empty",
    "pairs",
    "shape_text",
    "sweep_variables",
]


def pairs(ctx: click.Context, param: click.Parameter, values: Sequence[str]) -> dict[str, str]:
    """Parse repeated ``NAME=VALUE`` options; the last one given for a name wins."""
    out: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise click.BadParameter(f"expected NAME=VALUE, got {item!r}", ctx=ctx, param=param)
        out[name.strip()] = value.strip()
    return out


def build_options(command: Any) -> Any:
    command = click.option(
        "--empathy",
        "empathy",
        multiple=True,
        metavar="PLAYER=WEIGHT",
        callback=pairs,
        help="Empathy weight of a player (how much it weighs the others' payoffs), "
        "e.g. US=1/4; overrides the scenario. With fehr_schmidt or charness_rabin name "
        "one weight: Row.beta=1/3. Repeatable.",
    )(command)
    command = click.option(
        "--set",
        "overrides",
        multiple=True,
        metavar="NAME=VALUE",
        callback=pairs,
        help="Set a scenario parameter, e.g. relief=5 or cost=2/3. Repeatable.",
    )(command)
    return command


def load_scenario(file: str) -> Scenario:
    """Load a scenario file; a file that cannot be read is bad input (exit 2)."""
    from ..formats.load import load

    path = Path(file)
    if not path.exists():
        raise InputError("no such file", Location(file=file))
    if path.is_dir():
        raise InputError("is a directory, not a scenario file", Location(file=file))
    try:
        return load(file)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), Location(file=file)) from None


def shape_text(shape: Sequence[int]) -> str:
    return "x".join(str(k) for k in shape)


def none_if_empty(values: Mapping[str, str]) -> Mapping[str, str] | None:
    return dict(values) if values else None


#: The value ``--empathy`` takes when given alone: the common weight of every player.
ALL_PLAYERS = "all"


def exact_option(text: str | None, option: str, name: str | None = None) -> Any:
    """An exact number from an option's text (``1/4``, ``0.25``), ``None`` when not given."""
    from ..core.exact import literal_problem, parse_number

    if text is None:
        return None
    value = parse_number(text)
    if value is None:
        path: tuple[str, ...] = (option, name) if name else (option,)
        why = literal_problem(text) or f"{text!r} is not a number (e.g. 1/4, 0.25, 2)"
        raise ArgumentError(why, Location(path=path))
    return value


def sweep_variables(ctx: click.Context, empathy: Sequence[str], params: Sequence[str]) -> list[str]:
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
