"""The folk-theorem picture of a repeated game, drawn (``gametrust solve FILE --plot OUT``).

The feasible payoffs (the hull of the stage payoff vectors), the minmax
lines that bound the individually rational ones, and each listed profile's
average payoffs as the discount moves: a curve over the discounts where the
profile is subgame-perfect, a dot at the file's discount.  Values are
evaluated in floating point for drawing only; the report holds them exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..analysis.repeated import RepeatedReport
from ..core.errors import ArgumentError, Location
from ..core.polynomial import approx

__all__ = ["RepeatedReport", "plot_folk"]


def _samples(profile: Any, points: int) -> list[float]:
    """Discounts in ``[0, 1)`` where the profile is subgame-perfect, for a curve."""
    out = []
    for lo, hi, _, _ in profile.subgame_perfect.intervals():
        a, b = approx(lo), min(approx(hi), 0.995)
        out += [a + (b - a) * k / points for k in range(points + 1)] if b > a else [a]
    return out


def plot_folk(report: RepeatedReport, path: str | Path, *, figure: Any,
              save: Callable[[Any, str | Path], Path], points: int = 60) -> Path:
    """Draw the folk-theorem picture of ``report`` into ``path``; ``figure`` is matplotlib's
    ``Figure`` class and ``save`` writes a figure (both from :mod:`gametrust.report.plot`,
    which calls this)."""
    if report.folk is None:
        raise ArgumentError("--plot draws the folk-theorem picture of a repeated game whose "
                            "stage payoffs are numbers", Location(path=("--plot",)))
    fig = figure(figsize=(6.4, 5.6))
    ax = fig.add_subplot()
    players = report.scenario.player_ids
    corners = [(float(x), float(y)) for x, y in report.folk.hull]
    xs, ys = zip(*(corners + corners[:1]), strict=True)
    ax.fill(xs, ys, color="#dde7f3", label="feasible payoffs")
    ax.plot(xs, ys, color="#5577aa", linewidth=1)
    mx, my = (float(v) for v in report.folk.minmax)
    ax.axvline(mx, color="#aa5555", linestyle="--", linewidth=1,
               label=f"minmax of {players[0]} ({mx:g})")
    ax.axhline(my, color="#aa5555", linestyle=":", linewidth=1,
               label=f"minmax of {players[1]} ({my:g})")
    for profile in report.profiles:
        if profile.subgame_perfect.is_empty():
            continue
        f, g = profile.payoffs.values()
        deltas = _samples(profile, points)
        curve = [(float(f.at(_q(d))), float(g.at(_q(d)))) for d in deltas]
        line = ax.plot(*zip(*curve, strict=True), linewidth=2, label=profile.name)[0]
        if report.discount is not None and profile.subgame_perfect.contains(report.discount):
            ax.plot(float(f.at(report.discount)), float(g.at(report.discount)), "o",
                    color=line.get_color())
    sym = "δ" if report.symbol == "delta" else report.symbol
    ax.set_xlabel(f"average payoff of {players[0]}")
    ax.set_ylabel(f"average payoff of {players[1]}")
    ax.set_title(f"{report.scenario.title}: subgame-perfect profiles as {sym} varies",
                 fontsize=10)
    ax.legend(fontsize=8, loc="best")
    return save(fig, path)


def _q(x: float) -> Any:
    from fractions import Fraction

    return Fraction(x).limit_denominator(10**6)
