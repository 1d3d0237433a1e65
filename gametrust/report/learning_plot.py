"""Learning results, drawn (``gametrust learn FILE --plot OUT``, ``gametrust qre FILE --plot OUT``).

* basins (:class:`~gametrust.analysis.basins.Basins`): the square of beliefs,
  each rectangle coloured by the equilibrium best-reply play reaches from it
  (grey: it cycles), the thresholds marked with their exact values;
* a learning run (:class:`~gametrust.analysis.dynamics.LearningRun`): each
  player's probability of each action along the path, the equilibria's as
  dashed lines;
* the logit QRE branch (:class:`~gametrust.analysis.qre.QREBranch`): each
  player's probabilities against the precision λ (log scale).

Floats for drawing only; matplotlib's ``Figure`` directly (no pyplot), as in
:mod:`gametrust.report.plot`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..analysis.basins import Basins
from ..analysis.dynamics import LearningRun
from ..analysis.qre import QREBranch
from ..core.errors import InputError, Location
from ..core.exact import format_number
from .plot import DPI, check_path, require_matplotlib

__all__ = ["plot_learning"]

COLOURS = ("#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377")


def plot_learning(value: Basins | LearningRun | QREBranch, path: str | Path,
                  title: str | None = None) -> Path:
    """Draw a learning result into ``path`` (.png, .svg or .pdf)."""
    check_path(path)
    figure = require_matplotlib()
    fig = _basins(figure, value) if isinstance(value, Basins) else _curves(figure, value)
    if title:
        fig.suptitle(title, fontsize=11)
    out = Path(path)
    try:
        fig.savefig(out, format=check_path(out), dpi=DPI, bbox_inches="tight")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", Location(file=str(out))) from None
    return out


def _basins(figure: Any, b: Basins) -> Any:
    fig = figure(figsize=(5.6, 5.2))
    ax = fig.add_subplot()
    for cell in b.cells:
        (x0, x1), (y0, y1) = ((float(lo), float(hi)) for lo, hi in cell.beliefs)
        colour = "#dddddd" if cell.reaches is None else COLOURS[cell.reaches % len(COLOURS)]
        label = ("cycles" if cell.reaches is None and cell.first is not None else
                 "not determined" if cell.reaches is None else
                 f"{cell.reaches + 1}. {b.equilibria[cell.reaches].describe()}")
        ax.fill([x0, x1, x1, x0], [y0, y0, y1, y1], color=colour, alpha=0.6)
        ax.text((x0 + x1) / 2, (y0 + y1) / 2, label, ha="center", va="center", fontsize=8)
    for k, split in enumerate(b.splits):
        if split.threshold is not None:
            t = float(split.threshold)
            (ax.axvline if k == 0 else ax.axhline)(t, color="black", linewidth=1)
            where = {"x": t, "y": 1.01} if k == 0 else {"x": 1.01, "y": t}
            ax.text(s=format_number(split.threshold), fontsize=8,
                    ha="center" if k == 0 else "left", **where)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel(f"{b.splits[0].player}'s belief P({b.splits[0].other} plays "
                  f"{b.splits[0].about})")
    ax.set_ylabel(f"{b.splits[1].player}'s belief P({b.splits[1].other} plays "
                  f"{b.splits[1].about})")
    ax.set_title("Best-response dynamics: where play goes from each belief", fontsize=10, pad=14)
    return fig


def _curves(figure: Any, value: LearningRun | QREBranch) -> Any:
    fig = figure(figsize=(7.0, 4.2))
    ax = fig.add_subplot()
    if isinstance(value, QREBranch):
        xs = [max(x, 1e-3) for x in value.lambdas]
        points, xlabel = value.profiles, "precision λ (log scale)"
        ax.set_xscale("log")
        heading = "Logit QRE, principal branch (approximate)"
    else:
        xs, points = list(value.steps), value.path
        xlabel = "time" if value.dynamics == "replicator" else "round"
        heading = {"fictitious": "Fictitious play: frequencies",
                   "stochastic": "Stochastic fictitious play: frequencies",
                   "replicator": "Replicator dynamics: shares"}[value.dynamics]
    colour = 0
    for i, (player, actions) in enumerate(zip(value.players, value.actions, strict=True)):
        for k, action in enumerate(actions[:-1] if len(actions) == 2 else actions):
            c = COLOURS[colour % len(COLOURS)]
            colour += 1
            ys = [float(p[i][k]) for p in points]
            ax.plot(xs, ys, color=c, linestyle="-" if i == 0 else "--",
                    label=f"P({player} plays {action})")
    for e in value.equilibria:
        for i in range(len(value.players)):
            for k in range(len(value.actions[i]) - (1 if len(value.actions[i]) == 2 else 0)):
                ax.axhline(float(e.strategies[i][k]), color="#999999", linewidth=0.6,
                           linestyle=":")
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("probability (dotted: equilibria)")
    ax.set_title(heading, fontsize=10)
    ax.legend(fontsize=8, loc="best")
    return fig
