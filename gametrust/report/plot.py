"""Figures of a sweep: a band chart of game families and equilibrium payoffs, or a region map.

matplotlib is an optional extra (``pip install gametrust[plot]``); it is
imported only when a figure is drawn, and a missing matplotlib is one clear
:class:`~gametrust.core.errors.ArgumentError`, never a traceback.

:func:`plot_sweep` (one swept value)
    Coloured bands for the game family along the axis, with the family names
    written in them; each equilibrium's payoff curve for each player (one
    colour per equilibrium, one line style per player), evaluated from the
    exact formulas; the equilibria exactly at each breakpoint as markers; and
    dotted vertical lines at the breakpoints, labelled with their exact values.
:func:`plot_map` (two empathy weights)
    The plane coloured by equilibrium set, each region labelled with its
    number and game family, the exact boundary lines labelled with their
    values, and a legend of the equilibrium sets.

The format follows the file's extension: ``.png``, ``.svg`` or ``.pdf``.

>>> from gametrust.report.plot import check_path
>>> check_path("korea.svg")
'svg'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysis.regions import SweepMap
from ..analysis.sweep_facts import (
    family_name,
    is_2x2,
    labelled_segments,
    piece_label,
    trust_formulas,
)
from ..core.errors import ArgumentError, InputError, Location
from ..core.exact import format_number
from .plot_labels import (
    boundary_segments,
    breakpoint_label,
    legend_entries,
    stagger,
    supports_key,
    supports_label,
    text_width,
    value_label,
)
from .sweep_labels import fixed_text, pretty

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.sweep_result import SweepResult

__all__ = [
    "FIGURE_FORMATS", "check_path", "map_legend", "plot", "plot_map", "plot_sweep",
    "require_matplotlib",
]

#: The file extensions a figure can be written to.
FIGURE_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")

#: Light band colours of the broad families (the same in every figure).
FAMILY_COLOURS: dict[str, str] = {
    "Prisoner's Dilemma": "#f6cfc9",
    "Deadlock": "#e0d6cf",
    "Chicken": "#fbdcb4",
    "Battle of the Sexes": "#e3d3ef",
    "Stag Hunt": "#fbeeb0",
    "Harmony": "#cfe8cf",
    "Alibi game": "#cfe0f3",
    "Cycle": "#e6e6e6",
}
_SPARE_COLOURS = ("#d7ecef", "#efd7e6", "#e8edc9", "#dcdcf2", "#f0e0d0", "#d5e8dc")
#: Equilibrium colours (Okabe–Ito, readable by colour-blind readers).
EQUILIBRIUM_COLOURS = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#882255", "#56B4E9", "#E69F00", "#44AA99",
)
PLAYER_STYLES = ("-", (0, (5, 3)), ":", "-.")
_MAP_COLOURS = (
    "#a6cee3", "#fdbf6f", "#b2df8a", "#fb9a99", "#cab2d6", "#ffff99", "#1f78b4", "#33a02c",
    "#e31a1c", "#ff7f00", "#6a3d9a", "#b15928",
)
DPI = 200
#: The width of a sweep's plot area in inches (for placing labels before drawing).
AXES_WIDTH = 7.3
#: The width and height of a map's plot area in inches.
MAP_AXES = (5.6, 5.0)


def require_matplotlib() -> Any:
    """Import matplotlib, or raise one clear :class:`ArgumentError`; returns its ``Figure``.

    Figures are drawn on a ``matplotlib.figure.Figure`` directly, never through
    pyplot, so drawing changes no global state (backend, open figures) of the
    caller, e.g. a notebook.
    """
    try:
        import matplotlib  # noqa: F401  (the package first: it is what a user installs)
        from matplotlib.figure import Figure
    except ImportError:
        raise ArgumentError(
            "plots need matplotlib, which is not installed: pip install 'gametrust[plot]'",
            Location(path=("--plot",)),
        ) from None
    return Figure


def check_path(path: str | Path) -> str:
    """The figure format of ``path`` from its extension, or an :class:`ArgumentError`.

    >>> check_path("out.PNG")
    'png'
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FIGURE_FORMATS:
        raise ArgumentError(
            f"cannot tell the figure format of {str(path)!r}: use a file name ending in "
            + ", ".join(f".{f}" for f in FIGURE_FORMATS),
            Location(path=("--plot",)),
        )
    return suffix


def plot(obj: Any, path: str | Path) -> Path:
    """Draw what can be drawn into ``path``: a sweep (:func:`plot_sweep`), a map
    (:func:`plot_map`), or the belief dynamics of a scenario with types and a
    ``beliefs:`` section (:func:`plot_beliefs`); anything else is a located
    :class:`~gametrust.core.errors.ArgumentError` on ``--plot``."""
    from ..analysis.reports import BayesianReport
    from ..analysis.sweep_result import SweepResult

    if isinstance(obj, SweepMap):
        return plot_map(obj, path)
    if isinstance(obj, SweepResult):
        return plot_sweep(obj, path)
    if isinstance(obj, BayesianReport) and obj.analysis.dynamics is not None:
        return plot_beliefs(obj.analysis.dynamics, path, title=obj.analysis.scenario.title)
    from .repeated_plot import RepeatedReport, plot_folk  # a repeated game's folk picture
    if isinstance(obj, RepeatedReport):
        return plot_folk(obj, path, figure=require_matplotlib(), save=_save)
    raise ArgumentError(
        "--plot draws sweeps of empathy or a parameter of a normal-form game, maps, and the "
        f"belief dynamics of a scenario with beliefs:, not a {type(obj).__name__}",
        Location(path=("--plot",)),
    )


# -- labels --------------------------------------------------------------------------------------


def _axis_label(result_axis: Any, players: Sequence[str]) -> str:
    if result_axis.kind == "param":
        return f"{result_axis.symbol} (parameter)"
    return f"{result_axis.symbol}: {result_axis.weight_text(players)}"


def _band_name(segment: Any, two_by_two: bool) -> tuple[str, str]:
    """The name written in a band and its short form: the family of a 2x2 game, the
    structure of a larger one (``3 equilibria, 2 continua``)."""
    if two_by_two:
        return family_name(segment.family), segment.family.short
    label = segment.structure.label() if segment.structure is not None else segment.family.short
    return label, label


def _band_colour(segment: Any, two_by_two: bool, spare: dict[str, str]) -> str:
    family = segment.family
    if two_by_two and family.group in FAMILY_COLOURS:
        return FAMILY_COLOURS[family.group]
    name = _band_name(segment, two_by_two)[0]
    if name not in spare:
        spare[name] = _SPARE_COLOURS[len(spare) % len(_SPARE_COLOURS)]
    return spare[name]


def _axis_labels(
    ax: Any, values: Sequence[Any], symbol: str, span_inches: float, *, vertical: bool = False
) -> tuple[list[str], int]:
    """Label breakpoints (or boundary lines) on the top (right) edge of ``ax``, staggered
    into rows where they would overprint (:func:`~gametrust.report.plot_labels.stagger`);
    returns the labels no row had room for (for the caller to list elsewhere) and the
    number of rows used (a title above clears them)."""
    lo, hi = (ax.get_ylim() if vertical else ax.get_xlim())
    fontsize = 9.0
    texts = [breakpoint_label(symbol, v) for v in values]
    positions = [(float(v) - lo) / (hi - lo) for v in values]
    if vertical:  # a label takes one line of height; rows become columns to the right
        widths = [fontsize * 1.5 / 72 / span_inches] * len(texts)
    else:
        widths = [text_width(t, fontsize, span_inches) for t in texts]
    rows = stagger(positions, widths, rows=1 if vertical else 3)
    for text, position, row in zip(texts, positions, rows, strict=True):
        if row is None:
            continue
        if vertical:
            ax.text(1.01, position, text, transform=ax.transAxes, ha="left", va="center",
                    fontsize=fontsize, color="#222222", clip_on=False)
        else:
            ax.text(position, 1.01 + 0.045 * row, text, transform=ax.transAxes, ha="center",
                    va="bottom", fontsize=fontsize, color="#222222", clip_on=False)
    used = 1 + max((r for r in rows if r is not None), default=-1)
    return [t for t, row in zip(texts, rows, strict=True) if row is None], used


def _save(fig: Any, path: str | Path) -> Path:
    out = Path(path)
    try:
        fig.savefig(out, format=check_path(out), dpi=DPI, bbox_inches="tight")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", Location(file=str(out))) from None
    return out


# -- one dimension -------------------------------------------------------------------------------


def _subtitle(result: SweepResult) -> str:
    parts = []
    model = result.fixed.get("empathy_model")
    if model:
        parts.append(f"{model} empathy model")
    fixed = fixed_text(result.fixed)
    if fixed:
        parts.append(f"fixed: {fixed}")
    return "; ".join(parts)


def plot_sweep(result: SweepResult, path: str | Path, *, points: int = 400) -> Path:
    """Band chart of a one-dimensional sweep, written to ``path`` (see the module docstring).

    When some interval has several equilibria and trust thresholds that are
    exact functions of the swept value (2x2 games), a lower panel shows them:
    the least probability each player must put on the other's cooperative
    action for cooperating to pay.
    """
    import numpy as np

    check_path(path)
    figure = require_matplotlib()
    from matplotlib.lines import Line2D

    lo, hi = float(result.lo), float(result.hi)
    width = hi - lo
    sym = result.axis.symbol
    segments = labelled_segments(result)
    trust = [
        (segment, t)
        for where, _, segment in segments
        if where == "interval"
        for t in trust_formulas(segment, sym)
        if t.symbolic
    ]
    if trust:
        fig = figure(figsize=(8.5, 6.8))
        ax, tax = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [2.6, 1]})
    else:
        fig = figure(figsize=(8.5, 5.2))
        ax = fig.subplots()
        tax = None
    spare: dict[str, str] = {}
    colours: dict[tuple, str] = {}

    def colour(key: tuple) -> str:
        if key not in colours:
            colours[key] = EQUILIBRIUM_COLOURS[len(colours) % len(EQUILIBRIUM_COLOURS)]
        return colours[key]

    def xs_of(a: float, b: float) -> Any:
        return np.linspace(a, b, max(2, int(points * (b - a) / width)))

    n_players = len(result.players)
    two_by_two = is_2x2(result)
    ymin, ymax = np.inf, -np.inf
    bands = []
    separate = equal = False
    for where, _, segment in segments:
        if where != "interval":
            continue
        a, b = float(segment.lo), float(segment.hi)
        for axes in (ax, tax):
            if axes is not None:
                axes.axvspan(a, b, color=_band_colour(segment, two_by_two, spare), lw=0, zorder=0)
        bands.append((a, b, _band_name(segment, two_by_two)))
        xs = xs_of(a, b)
        for piece in segment.pieces:
            key = supports_key(piece.supports)
            ys_all = piece.payoff_curves(xs)
            same = all(np.array_equal(ys_all[0], ys) for ys in ys_all[1:])
            equal |= same
            separate |= not same
            for i, ys in enumerate(ys_all[:1] if same else ys_all):
                ymin, ymax = min(ymin, ys.min()), max(ymax, ys.max())
                ax.plot(
                    xs, ys, color=colour(key), linestyle=PLAYER_STYLES[i % len(PLAYER_STYLES)],
                    linewidth=2.4 if i == 0 else 1.7, zorder=3 + i,
                    solid_capstyle="butt", dash_capstyle="butt",
                )
    # the equilibria exactly at the breakpoints (and at the ends, when they differ)
    marked = False
    for where, _, segment in segments:
        if where == "interval":
            continue
        x = float(segment.value)
        if where == "breakpoint":
            for axes in (ax, tax):
                if axes is not None:
                    axes.axvline(x, color="#444444", linestyle=(0, (1.5, 2)), linewidth=1.0,
                                 zorder=2)
        for eq in segment.result:
            key = supports_key([eq.support(i) for i in range(n_players)])
            for i in range(n_players):
                y = float(eq.payoffs[i])
                ymin, ymax = min(ymin, y), max(ymax, y)
                ax.plot(
                    [x], [y], marker="o", markersize=6.5 if i == 0 else 4.5,
                    markerfacecolor="white", markeredgecolor=colour(key),
                    markeredgewidth=1.6, zorder=6 + i, linestyle="none", clip_on=False,
                )
                marked = True
    if not np.isfinite(ymin):
        ymin, ymax = 0.0, 1.0
    span = (ymax - ymin) or 1.0
    ax.set_xlim(lo, hi)
    ax.set_ylim(ymin - 0.08 * span, ymax + 0.22 * span)
    # family names (larger games: their structure) in the bands, at the top
    for a, b, (name, short) in bands:
        room = (b - a) / width * 8.5  # inches
        label = name if room > 0.085 * len(name) + 0.1 else short
        if room < 0.085 * len(label):
            label = ""
        ax.text(
            (a + b) / 2, 0.965, label, transform=ax.get_xaxis_transform(), ha="center",
            va="top", fontsize=10, fontweight="bold", color="#333333", zorder=8,
        )
    # breakpoints labelled with their exact values above the plot, staggered, never overprinted
    unlabelled, rows = _axis_labels(ax, [b.value for b in result.breakpoints], sym, AXES_WIDTH)
    payoff = "payoff" if result.axis.kind == "param" and not _has_empathy(result) else (
        "empathy-adjusted payoff"
    )
    ax.set_ylabel(f"equilibrium {payoff}", fontsize=10.5)
    fig.suptitle(f"{result.title or 'Sweep'}: equilibria as {sym} varies", fontsize=12.5,
                 y=0.995)
    subtitle = _subtitle(result)
    if subtitle:
        ax.set_title(subtitle, fontsize=9, color="#555555", pad=11 + 13 * max(rows, 1))
    bottom = ax
    if tax is not None:
        _trust_panel(tax, trust, result, xs_of)
        bottom = tax
    bottom.set_xlabel(_axis_label(result.axis, result.players), fontsize=10.5)
    for axes in (ax, tax):
        if axes is None:
            continue
        axes.grid(axis="y", color="white", linewidth=0.8, zorder=1)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
    # legend: equilibria (colours), players (line styles), breakpoint markers
    handles = [
        Line2D([], [], color=c, linewidth=2.4, label=supports_label(k, result.players))
        for k, c in colours.items()
    ]
    if separate:
        handles += [
            Line2D([], [], color="#333333", linestyle=PLAYER_STYLES[i % len(PLAYER_STYLES)],
                   linewidth=2.0, label=f"payoff of {p}")
            for i, p in enumerate(result.players)
        ]
    if equal:
        handles.append(
            Line2D([], [], color="#333333", linewidth=2.4,
                   label="one line: " + " = ".join(result.players) + " (equal payoffs)"
                   if separate else "payoff of each player (equal)")
        )
    if marked:
        handles.append(
            Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor="#333333",
                   linestyle="none", label="equilibria exactly at a breakpoint")
        )
    if unlabelled:  # breakpoints too close to label above the plot
        handles.append(Line2D([], [], linestyle="none",
                              label="also breakpoints at " + ", ".join(unlabelled)))
    fig.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2,
        fontsize=8.5, frameon=False, handlelength=2.6,
    )
    fig.tight_layout()
    return _save(fig, path)


def _trust_panel(tax: Any, trust: list, result: SweepResult, xs_of: Any) -> None:
    """The lower panel: trust thresholds as functions of the swept value."""
    import numpy as np

    grey = ("#222222", "#666666", "#999999")
    labelled: set[str] = set()
    switches: list[Any] = []
    for interval, t in trust:
        coop = interval.pieces[t.cooperative]
        for lo_v, hi_v in t.spans or ((interval.lo, interval.hi),):
            xs = xs_of(float(lo_v), float(hi_v))
            drawn: list[tuple[Any, list[str], int]] = []
            for i, player in enumerate(result.players):
                ys = t.curve(player, xs)
                if ys is None:
                    continue
                need = f"{player}: P({result.players[1 - i]} plays {coop.supports[1 - i][0]})"
                for other_ys, names, _ in drawn:
                    if np.array_equal(ys, other_ys):
                        names.append(need)
                        break
                else:
                    drawn.append((ys, [need], i))
            for ys, names, i in drawn:
                label = " = ".join(names)
                tax.plot(
                    xs, ys, color=grey[i % len(grey)],
                    linestyle=PLAYER_STYLES[i % len(PLAYER_STYLES)], linewidth=2.0, zorder=3,
                    label=None if label in labelled else label,
                )
                labelled.add(label)
                middle = len(xs) // 2
                formula = t.thresholds[result.players[i]]
                if formula:
                    tax.annotate(
                        f"{pretty(formula, result.axis.symbol)}",
                        (xs[middle], ys[middle]), xytext=(6, 6), textcoords="offset points",
                        fontsize=8.5, color=grey[i % len(grey)], zorder=5,
                    )
        for at, _ in interval.selection_points:
            tax.axvline(float(at), color="#888888", linestyle="-.", linewidth=0.9, zorder=2)
            switches.append(at)
        del coop
    # where risk dominance switches, written above the panel without overprinting
    lo, hi = tax.get_xlim()
    texts = [f"risk dominance switches at {value_label(at)}" for at in switches]
    rows = stagger([(float(at) - lo) / (hi - lo) for at in switches],
                   [text_width(t, 7.5, AXES_WIDTH) for t in texts], rows=2)
    for at, text, row in zip(switches, texts, rows, strict=True):
        if row is not None:  # else only its line is drawn: the text report names it
            tax.text(float(at), 1.02 + 0.12 * row, text, transform=tax.get_xaxis_transform(),
                     fontsize=7.5, ha="center", va="bottom", color="#555555")
    tax.set_ylim(0, 1)
    tax.set_ylabel("trust needed", fontsize=10)
    tax.legend(
        loc="best", fontsize=8, frameon=False, title_fontsize=8,
        title=f"least belief needed to play "
        f"{piece_label(trust[0][0].pieces[trust[0][1].cooperative])}",
    )


def _has_empathy(result: SweepResult) -> bool:
    return any(float(v) != 0 for v in (result.fixed.get("empathy") or {}).values())


# -- two dimensions ------------------------------------------------------------------------------


def map_legend(sweep_map: SweepMap) -> list[tuple[str, list[int]]]:
    """The legend of a map, as ``(text, region indices)``: one entry (and one colour) per
    equilibrium set as it reads, so no two entries repeat the same text; each names its
    regions and their families (2x2) or structure (larger games)."""
    two_by_two = tuple(len(a) for a in sweep_map.actions) == (2, 2)

    def equilibria_text(region: Any) -> str:
        keys = sorted(supports_key([e.support(i) for i in range(2)]) for e in region.result)
        return ", ".join(
            supports_label(k, sweep_map.players) if all(len(s) == 1 for s in k)
            else f"[{supports_label(k, sweep_map.players)}]"
            for k in keys
        ) or "none"

    regions = sweep_map.regions
    return legend_entries(
        [(r, [r.index]) for r in regions],
        equilibria_text,
        lambda indices: ", ".join(f"R{k + 1}" for k in indices) + " (" + ", ".join(
            dict.fromkeys(_band_name(regions[k], two_by_two)[1] for k in indices)
        ) + ")",
    )


def plot_map(sweep_map: SweepMap, path: str | Path, *, resolution: int = 401) -> Path:
    """Region map of two players' empathy weights, written to ``path``."""
    import numpy as np

    check_path(path)
    figure = require_matplotlib()
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    _, _, ids = sweep_map.grid(resolution)
    two_by_two = tuple(len(a) for a in sweep_map.actions) == (2, 2)
    regions = sweep_map.regions
    entries = map_legend(sweep_map)
    colour_of = {k: c for c, (_, members) in enumerate(entries) for k in members}
    image = np.full(ids.shape, np.nan)
    for index, colour_index in colour_of.items():
        image[ids == index] = colour_index
    cmap = ListedColormap([_MAP_COLOURS[k % len(_MAP_COLOURS)] for k in range(len(entries))])
    fig = figure(figsize=(8.8, 6.2))
    ax = fig.subplots()
    x0, x1 = float(sweep_map.x_range[0]), float(sweep_map.x_range[1])
    y0, y1 = float(sweep_map.y_range[0]), float(sweep_map.y_range[1])
    ax.imshow(
        np.ma.masked_invalid(image), origin="lower", extent=(x0, x1, y0, y1), aspect="auto",
        cmap=cmap, vmin=-0.5, vmax=len(entries) - 0.5, interpolation="nearest", zorder=0,
    )
    # boundary lines only where they separate regions
    cells = {(c.column, c.row): c for c in sweep_map.cells}
    vertical, horizontal = boundary_segments(
        {k: c.region for k, c in cells.items()},
        len(sweep_map.x_breaks) + 1, len(sweep_map.y_breaks) + 1,
    )
    for k, rows in vertical.items():
        for r in rows:
            y_lo, y_hi = cells[(k, r)].y
            ax.vlines(float(sweep_map.x_breaks[k]), float(y_lo), float(y_hi),
                      color="#222222", linewidth=1.1, zorder=2)
    for k, columns in horizontal.items():
        for c in columns:
            x_lo, x_hi = cells[(c, k)].x
            ax.hlines(float(sweep_map.y_breaks[k]), float(x_lo), float(x_hi),
                      color="#222222", linewidth=1.1, zorder=2)
    # region labels at the centre of each region's largest cell (its number alone when the
    # structure does not fit in the cell)
    for region in regions:
        best = max(
            (cells[c] for c in region.cells),
            key=lambda c: (float(c.x[1]) - float(c.x[0])) * (float(c.y[1]) - float(c.y[0])),
        )
        cx = (float(best.x[0]) + float(best.x[1])) / 2
        cy = (float(best.y[0]) + float(best.y[1])) / 2
        name = _band_name(region, two_by_two)[1]
        room = (float(best.x[1]) - float(best.x[0])) / (x1 - x0)
        label = f"R{region.index + 1}" + (
            f"\n{name}" if text_width(name, 9, MAP_AXES[0]) < room else ""
        )
        ax.text(cx, cy, label, ha="center", va="center", fontsize=9, color="#1a1a1a", zorder=4)
    # exact boundary values on the top and right edges, staggered, never overprinted
    xa, ya = sweep_map.axes
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    unlabelled, rows = _axis_labels(ax, [sweep_map.x_breaks[k] for k in vertical], xa.symbol,
                                    MAP_AXES[0])
    unlabelled += _axis_labels(ax, [sweep_map.y_breaks[k] for k in horizontal], ya.symbol,
                               MAP_AXES[1], vertical=True)[0]
    ax.set_xlabel(_axis_label(xa, sweep_map.players), fontsize=10.5)
    ax.set_ylabel(_axis_label(ya, sweep_map.players), fontsize=10.5)
    ax.set_title(
        f"{sweep_map.title or 'Map'}: equilibria as {xa.symbol} and {ya.symbol} vary",
        fontsize=12.5, pad=13 + 13 * max(rows, 1),
    )
    handles = [
        Patch(color=_MAP_COLOURS[c % len(_MAP_COLOURS)], label=text)
        for c, (text, _) in enumerate(entries)
    ]
    if unlabelled:
        handles.append(Patch(color="none", label="also boundaries at " + ", ".join(unlabelled)))
    ax.legend(
        handles=handles, title="equilibria (regions, families)" if two_by_two else
        "equilibria (regions, structure)", loc="upper left",
        bbox_to_anchor=(1.13, 1.0), fontsize=8.5, title_fontsize=9, frameon=False,
    )
    return _save(fig, path)


def plot_beliefs(dynamics: Any, path: str | Path, *, title: str | None = None) -> Path:
    """The observer's belief in the trusted type over rounds, along the hostile path (the
    untrusted type's play), under Bayes' rule (solid) and the bad-faith rule (dashed), one
    colour per equilibrium, with the trust threshold as a horizontal line.

    ``dynamics`` is a :class:`gametrust.analysis.bayesian.BeliefDynamics`.
    """
    check_path(path)
    figure_class = require_matplotlib()
    fig = figure_class(figsize=(6, 3.6))
    ax = fig.add_subplot(1, 1, 1)
    styles = {"bayes": "-", "bad_faith": (0, (5, 3))}
    for k, spirals in enumerate(dynamics.spirals):
        colour = EQUILIBRIUM_COLOURS[k % len(EQUILIBRIUM_COLOURS)]
        for rule in ("bayes", "bad_faith"):
            rows = [r for r in spirals[(rule, "hostile")].rows if r.trust is not None]
            ax.plot([r.round for r in rows], [float(r.trust) for r in rows], marker="o",
                    linestyle=styles[rule], color=colour,
                    label=f"equilibrium {k + 1}, {rule.replace('_', '-')}")
    value = dynamics.threshold.value
    if value is not None:
        ax.axhline(float(value), color="black", linewidth=1, linestyle=":",
                   label=f"threshold {format_number(value)}")
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel(f"round ({dynamics.hostile_type} plays)")
    ax.set_ylabel(f"P({dynamics.spec.about} is {dynamics.spec.trusted})")
    if title:
        ax.set_title(title, fontsize=10)
    ax.legend(fontsize=7, loc="best")
    return _save(fig, path)
