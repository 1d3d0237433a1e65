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
Other reports
    :mod:`.tree` (game trees), :mod:`.sweep` (sweeps and maps),
    :mod:`.bayesian` (types and signals), :mod:`.plot` (matplotlib).
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

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..core.errors import ArgumentError, Location
from .html import render_html
from .json import render_json
from .markdown import render_markdown
from .text import render_text

if TYPE_CHECKING:
    from ..analysis.explanation import Explanation
    from ..analysis.solve_report import SolveReport
    from ..scenario.scenario import Scenario
    from ..solvers.result import SolveResult

__all__ = ["FORMATS", "render", "render_html", "render_json", "render_markdown", "render_text"]

#: The output formats, in the order the CLI offers them.
FORMATS: tuple[str, ...] = ("text", "json", "markdown")

_RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}


def render(
    result: SolveResult | SolveReport,
    scenario: Scenario | None = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
    *,
    format: str = "text",
    explanation: Explanation | None = None,
) -> str:
    """Render a solve report (or a result with its context) in one of :data:`FORMATS`.

    ``explanation`` (from :func:`gametrust.explain.explain`) adds the exact
    conditions of ``solve --explain``: a section of the text and Markdown
    reports, an ``explain`` block of the JSON.
    """
    renderer = _RENDERERS.get(format)
    if renderer is None:
        raise ArgumentError(
            f"unknown format {format!r}; choose one of {', '.join(FORMATS)}",
            Location(path=("format",)),
        )
    return renderer(result, scenario, parameters, empathy, explanation=explanation)
