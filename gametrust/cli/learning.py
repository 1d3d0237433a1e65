"""The commands ``learn`` (learning dynamics and exact basins) and ``qre`` (logit QRE).

Each parses its options, calls the analysis layer (:mod:`gametrust.analysis.dynamics`,
:mod:`gametrust.analysis.basins`, :mod:`gametrust.analysis.qre`) and prints what
:mod:`gametrust.report.learning` renders (docs/learning.md).
"""

from __future__ import annotations

from typing import Any

import click

from .commands import cli
from .options import build_options, exact_option, load_scenario, none_if_empty, pairs
from .progress import working_on

__all__ = ["learn", "qre"]

DYNAMICS_CHOICES = ("fictitious", "stochastic", "replicator", "best_response")


def _starts(values: dict[str, str]) -> dict[str, list[object]] | None:
    if not values:
        return None
    return {player: [exact_option(x.strip(), "--start", player) for x in text.split(",")]
            for player, text in values.items()}


def _plottable(plot_path: str | None) -> None:
    """Refuse a figure that cannot be drawn before computing anything."""
    if plot_path is not None:
        from ..report.plot import check_path, require_matplotlib

        check_path(plot_path)
        require_matplotlib()


def _draw(value: Any, plot_path: str | None, title: str) -> None:
    if plot_path is not None:
        from ..report.learning_plot import plot_learning

        plot_learning(value, plot_path, title=title)
        click.echo(f"wrote {plot_path}", err=True)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dynamics", type=click.Choice(DYNAMICS_CHOICES), default="fictitious",
              show_default=True,
              help="fictitious play, stochastic fictitious play, replicator dynamics (nashpy's, "
              "seeded), or best_response: the exact basins of a 2x2 game's equilibria.")
@click.option("--iterations", type=click.IntRange(1, 1_000_000), default=1000, show_default=True,
              help="Rounds of (stochastic) fictitious play.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Seed of the random tie-breaks and choices.")
@click.option("--start", "starts", multiple=True, metavar="PLAYER=W1,W2,...", callback=pairs,
              help="Start of a player, one number per action: play counts for fictitious play, "
              "population shares for replicator dynamics. Repeatable.")
@click.option("--noise", type=click.FloatRange(min=0, min_open=True), default=0.1,
              show_default=True, help="Stochastic fictitious play: the logit noise (etha).")
@click.option("--shock", type=click.FloatRange(min=0), default=0.01, show_default=True,
              help="Stochastic fictitious play: the largest payoff shock (epsilon_bar).")
@click.option("--horizon", type=click.FloatRange(min=0, min_open=True), default=100.0,
              show_default=True, help="Replicator dynamics: integrate up to this time.")
@click.option("--populations", type=click.IntRange(1, 2), default=2, show_default=True,
              help="Replicator dynamics: 2 (one per player) or 1 (a symmetric game).")
@click.option("--tolerance", type=click.FloatRange(min=0), default=0.05, show_default=True,
              help="Play approaches an equilibrium when it ends this close (sup norm).")
@build_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output: text or JSON (docs/learning.md).")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), metavar="OUT.png|.svg|.pdf",
              default=None, help="Also draw it (needs matplotlib: pip install 'gametrust[plot]').")
def learn(
    file: str, dynamics: str, iterations: int, seed: int, starts: dict[str, str], noise: float,
    shock: float, horizon: float, populations: int, tolerance: float,
    overrides: dict[str, str], empathy: dict[str, str], fmt: str, plot_path: str | None,
) -> None:
    """Let the two players of FILE learn, and say which equilibrium play approaches.

    The game is built with its parameters and empathy; where play ends is
    compared with the exact equilibria. --dynamics best_response gives the
    exact belief regions from which each equilibrium of a 2x2 game is
    reached, and their link with risk dominance (docs/learning.md).

    \b
    Examples:
      gametrust learn scenarios/stag_hunt.yaml --dynamics best_response
      gametrust learn scenarios/stag_hunt.yaml --dynamics replicator --start Row=3,1
      gametrust learn scenarios/chicken.yaml --dynamics fictitious --iterations 5000 --seed 1
    """
    from ..analysis.basins import basins
    from ..analysis.dynamics import learn as run_learn
    from ..report.learning import render_learning

    _plottable(plot_path)
    with working_on(file):
        scenario = load_scenario(file)
        parameters, weights = none_if_empty(overrides), none_if_empty(empathy)
        if dynamics == "best_response":
            value = basins(scenario, parameters, weights)
        else:
            value = run_learn(
                scenario, dynamics, iterations=iterations, seed=seed, start=_starts(starts),
                noise=noise, shock=shock, horizon=horizon, populations=populations,
                tolerance=tolerance, parameters=parameters, empathy=weights)
    _draw(value, plot_path, scenario.title)
    click.echo(render_learning(value, fmt, file=file, title=scenario.title))


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--regret", type=click.FloatRange(min=0, min_open=True), default=1e-8,
              show_default=True,
              help="Stop when the largest regret is at most this times the payoff range.")
@click.option("--max-lambda", type=click.FloatRange(min=0, min_open=True), default=1e7,
              show_default=True, help="Stop past this precision (in the game's payoff units).")
@build_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output: text or JSON (docs/learning.md).")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), metavar="OUT.png|.svg|.pdf",
              default=None, help="Also draw it (needs matplotlib: pip install 'gametrust[plot]').")
def qre(file: str, regret: float, max_lambda: float, overrides: dict[str, str],
        empathy: dict[str, str], fmt: str, plot_path: str | None) -> None:
    """Trace the logit quantal response equilibria of FILE as the precision lambda grows.

    Approximate (floats, predictor-corrector path following): the principal
    branch from uniform play at lambda = 0 to the Nash equilibrium it
    converges to, compared with the exact equilibria (docs/learning.md).

    \b
    Examples:
      gametrust qre scenarios/stag_hunt.yaml
      gametrust qre scenarios/korea.yaml --empathy US=1/3 --empathy DPRK=1/3
    """
    from ..analysis.qre import qre as trace
    from ..report.learning import render_learning

    _plottable(plot_path)
    with working_on(file):
        scenario = load_scenario(file)
        value = trace(scenario, regret=regret, max_lambda=max_lambda,
                      parameters=none_if_empty(overrides), empathy=none_if_empty(empathy))
    _draw(value, plot_path, scenario.title)
    click.echo(render_learning(value, fmt, file=file, title=scenario.title))
