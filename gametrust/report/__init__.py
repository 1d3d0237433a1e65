"""The report layer: results in, strings out — text, JSON, Markdown, HTML, plots.

A renderer only renders: it formats values that the layers below computed and
never builds a game, solves, sweeps or computes beliefs.  This package may
import every layer below it (``analysis``, ``solvers``, ``formats``,
``scenario``, ``model``, ``core``) but never ``testing`` (its sibling) or the
command line.

Solve reports
    :func:`render` formats a :class:`~gametrust.analysis.solve_report.SolveReport`
    (or a :class:`~gametrust.solvers.result.SolveResult` with its scenario
    context, turned into one by the analysis layer) in one of :data:`FORMATS`;
    one module per format: :mod:`.text`, :mod:`.json`, :mod:`.markdown`,
    :mod:`.html`, sharing :mod:`.common`.  Every renderer has the same
    signature, report in, string out (no printing)::

        render_text(report_or_result, scenario=None, parameters=None, empathy=None,
                    *, explanation=None) -> str

    ``scenario`` (a ``Scenario``, optional) supplies the title, the file, the
    players' names and the empathy model; ``parameters`` (name -> value) and
    ``empathy`` (player id -> weight) are the values the game was built with.
    When they are ``None`` the scenario's defaults are shown.
Every kind of scenario
    :func:`render` also takes what :func:`gametrust.analysis.run.analyse`
    returns for the other kinds — a tree (:mod:`.tree`), a scenario with types
    or a costly signal (:mod:`.bayesian`) — and :func:`render_sweep` whatever
    :func:`gametrust.analysis.run.sweep` returns (:mod:`.sweep`, :mod:`.tree`);
    :func:`gametrust.report.plot.plot` draws (matplotlib).  Both dispatch on the
    type of the value, in one table each; the command line never asks what kind
    of scenario it has.
A page to share
    :func:`gametrust.report.page.report_page` writes one self-contained HTML
    page with sliders over the exact sweeps (:mod:`.page`; its own scripts and
    style sheet in ``html_assets/``).
Notebooks
    :mod:`.display` registers the renderers of each result type with
    :mod:`gametrust.core.display`.

>>> from gametrust import NormalFormGame
>>> from gametrust.solvers.solve import solve
>>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                                 players=["Row", "Col"],
...                                 actions=[["C", "D"], ["C", "D"]])
>>> print(render(solve(pd, method="pure"), format="markdown").splitlines()[0])
## Game (Row, Col)
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ..core.errors import ArgumentError, Location
from .formats import FORMATS, SWEEP_FORMATS

if TYPE_CHECKING:
    from ..analysis.explanation import Explanation
    from ..analysis.reports import BayesianReport, SignallingReport, TreeReport
    from ..analysis.solve_report import SolveReport
    from ..scenario.scenario import Scenario
    from ..solvers.result import SolveResult

_PACKAGE = __name__.rpartition(".")[0]

__all__ = ["FORMATS", "SWEEP_FORMATS", "render", "render_sweep"]

# The renderers are imported on first use: the command line imports this
# package at start-up, and one command needs one renderer.


def _solve_renderer(format: str) -> Callable[..., str] | None:
    """The renderer of one format (only its module is imported), ``None`` if unknown."""
    if format == "text":
        from .text import render_text

        return render_text
    if format == "json":
        from .json import render_json

        return render_json
    if format == "markdown":
        from .markdown import render_markdown

        return render_markdown
    return None


def _tree(value: Any, format: str) -> str:
    from .tree import render_tree

    return render_tree(value, format)


def _bayesian(value: Any, format: str) -> str:
    from .bayesian import render_bayesian

    return render_bayesian(value, format)


def _signalling(value: Any, format: str) -> str:
    from .bayesian import render_signalling

    return render_signalling(value, format)


def _signal_stage(value: Any, format: str) -> str:
    from .signal_stage import render_signal_stage

    return render_signal_stage(value, format)


def _repeated(value: Any, format: str) -> str:
    from .repeated import render_repeated

    return render_repeated(value, format)


def _reputation(value: Any, format: str) -> str:
    from .reputation import render_reputation

    return render_reputation(value, format)


#: Report types held in modules imported only by the commands that make them.
_LAZY_REPORTS = (
    (".analysis.repeated", "RepeatedReport", _repeated, "a repeated game"),
    (".analysis.reputation", "ReputationReport", _reputation, "a reputation game"),
)


def _reports() -> dict[type, tuple[Callable[[Any, str], str], tuple[str, ...], str]]:
    """The reports of the other kinds: renderer, the formats it writes, what it is (errors)."""
    from ..analysis.reports import BayesianReport, SignallingReport, SignalStageReport, TreeReport

    table: dict[type, tuple[Callable[[Any, str], str], tuple[str, ...], str]] = {
        TreeReport: (_tree, FORMATS, "a scenario with moves in time"),
        BayesianReport: (_bayesian, ("text", "json"), "a scenario with types"),
        SignallingReport: (_signalling, ("text", "json"), "a scenario with types"),
        SignalStageReport: (_signal_stage, ("text", "json"), "a scenario with types"),
    }
    # A repeated or reputation report exists only once its module was imported, so a
    # command that made none does not pay for importing those engines (~25 ms of start-up).
    for module, name, renderer, what in _LAZY_REPORTS:
        loaded = sys.modules.get(_PACKAGE + module)
        if loaded is not None:
            table[getattr(loaded, name)] = (renderer, FORMATS, what)
    return table


def _unsupported(format: str, formats: tuple[str, ...], what: str) -> ArgumentError:
    return ArgumentError(
        f"--format does not apply to {what} ({' or '.join(formats)} output)",
        Location(path=("--format",)),
    )


def render(
    result: SolveReport | SolveResult | TreeReport | BayesianReport | SignallingReport,
    scenario: Scenario | None = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
    *,
    format: str = "text",
    explanation: Explanation | None = None,
) -> str:
    """Render a solve report (or a result with its context) in one of :data:`FORMATS`.

    ``result`` is a :class:`~gametrust.analysis.solve_report.SolveReport` or a
    :class:`~gametrust.solvers.result.SolveResult` (with ``scenario``,
    ``parameters``, ``empathy`` and ``explanation`` as its context), or any
    other value :func:`gametrust.analysis.run.analyse` returns.
    ``explanation`` (from :func:`gametrust.explain`) adds the exact conditions
    of ``solve --explain``: a section of the text and Markdown reports, an
    ``explain`` block of the JSON.
    """
    entry = _reports().get(type(result))
    if entry is not None:
        renderer, formats, what = entry
        if format not in formats:
            raise _unsupported(format, formats, what)
        return renderer(result, format)
    solve_renderer = _solve_renderer(format)
    if solve_renderer is None:
        raise ArgumentError(
            f"unknown format {format!r}; choose one of {', '.join(FORMATS)}",
            Location(path=("format",)),
        )
    return solve_renderer(result, scenario, parameters, empathy, explanation=explanation)


def render_sweep(
    result: Any,
    format: str = "text",
    *,
    file: str | None = None,
    title: str | None = None,
    grid: int | None = None,
) -> str:
    """Render what :func:`gametrust.analysis.run.sweep` returns in one of :data:`SWEEP_FORMATS`.

    ``file`` and ``title`` name the scenario; ``grid=n`` adds the region ids
    on an n x n grid to a map's JSON and CSV.  Sweeps of trees and of games
    with types (:mod:`.types_sweep`) are written as text or JSON.
    """
    from ..analysis.leadership_sweep import LeadershipSweep
    from ..analysis.repeated_sweep import RepeatedSweep
    from ..analysis.tree_sweep import TreeSweepResult
    from ..analysis.types_sweep_result import TypesSweep
    from .sweep import render as render_normal_form_sweep
    from .tree import render_tree_sweep
    from .types_sweep import render_types_sweep

    if isinstance(result, TreeSweepResult):
        if format not in ("text", "json"):
            raise ArgumentError(
                "for a scenario with moves in time, sweep one axis with --format text or json",
                Location(path=("--format",)),
            )
        return render_tree_sweep(result, format, file=file)
    if isinstance(result, RepeatedSweep):
        if format not in ("text", "json"):
            raise _unsupported(format, ("text", "json"), "a repeated game")
        from .repeated import render_repeated_sweep

        return render_repeated_sweep(result, format, file=file)
    from ..analysis.reputation_sweep import ReputationSweep

    if isinstance(result, ReputationSweep):
        if format not in ("text", "json"):
            raise _unsupported(format, ("text", "json"), "a reputation game")
        from .reputation import render_reputation_sweep

        return render_reputation_sweep(result, format, file=file)
    if isinstance(result, TypesSweep):
        return render_types_sweep(result, format, file=file, title=title)
    if isinstance(result, LeadershipSweep):
        from .commitment import render_leadership_sweep

        return render_leadership_sweep(result, format, file=file, grid=grid)
    return render_normal_form_sweep(result, format, file=file, grid=grid)
