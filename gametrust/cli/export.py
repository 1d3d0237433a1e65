"""The command ``export``: the built game as a Gambit ``.nfg`` or ``.efg`` file.

A Gambit file holds a strategic-form game or a game tree; the sections of a
scenario that neither can hold (:data:`UNEXPORTABLE`: a leader's mixed
commitment, a repeated game, types and priors, a signal stage) are never
dropped silently: the export is refused with an error located at the section,
unless ``--stage-game`` asks for the stage game alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..core.errors import InputError, Location, ScenarioError
from .commands import cli
from .options import build_options, load_scenario, none_if_empty
from .progress import working_on

__all__ = ["UNEXPORTABLE", "export", "refuse_losing_sections"]


#: The sections a Gambit file cannot hold: what an export would lose without them.
UNEXPORTABLE = (
    ("leadership", "the leader's commitment to a mixed strategy"),
    ("repeated", "the stage game played again and again, with its strategies and discount"),
    ("signalling", "the signal stage before the game"),
    ("types", "the players' types and priors"),
)


def refuse_losing_sections(scenario: Any, target: str) -> None:
    """A located error for the first section of ``scenario`` that a Gambit ``target`` file
    cannot hold (nothing when there is none)."""
    lost = [(key, what) for key, what in UNEXPORTABLE if getattr(scenario, key)]
    if not lost:
        return
    key = lost[0][0]
    where = (scenario.source_map.key_location((key,)) if scenario.source_map
             else Location(file=scenario.path, path=(key,)))
    sections = "; ".join(f"{k}: ({what})" for k, what in lost)
    raise ScenarioError(
        f"export --to {target} would write the stage game alone and lose {sections}, which "
        f"a Gambit .{target} file cannot hold; add --stage-game to write the stage game alone",
        where,
    )


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
@click.option(
    "--stage-game", is_flag=True,
    help="For a scenario with leadership:, repeated:, types: or signalling:, which Gambit "
    "files cannot hold: write its stage game alone (without it, such an export is refused).",
)
@build_options
def export(
    file: str,
    target: str,
    output: str | None,
    stage_game: bool,
    overrides: dict[str, str],
    empathy: dict[str, str],
) -> None:
    """Write the game in FILE in another format.

    The game is built first, so --set and --empathy change what is written:
    the exported payoffs are the empathy-adjusted ones.  A scenario whose
    leadership:, repeated:, types: or signalling: section a Gambit file cannot
    hold is refused, naming what would be lost, unless --stage-game asks for
    its stage game alone.

    \b
    Examples:
      gametrust export scenarios/korea.yaml --to nfg
      gametrust export scenarios/korea.yaml --to nfg --empathy US=1/4 -o korea.nfg
      gametrust export scenarios/agreed_framework_1994.yaml --to efg -o af.efg
    """
    with working_on(file):
        scenario = load_scenario(file)
        if not stage_game:
            refuse_losing_sections(scenario, target)
        if target == "efg":
            from ..formats.gambit_efg import write_efg

            tree = scenario.build_tree(none_if_empty(overrides), none_if_empty(empathy))
            text = write_efg(tree, title=scenario.title)
        else:
            from ..formats.gambit_nfg import write_nfg

            game = scenario.build(none_if_empty(overrides), none_if_empty(empathy))
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
