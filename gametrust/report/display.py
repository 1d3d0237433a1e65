"""Notebook display: the report layer's renderers registered for each result type.

Importing this module registers them with :mod:`gametrust.core.display`; the
package face arranges that on the first display in a notebook, so results
show as tables without importing the report layer themselves.
"""

from __future__ import annotations

from ..analysis.check_report import CheckReport
from ..analysis.explanation import Explanation
from ..analysis.regions import SweepMap
from ..analysis.sweep_result import SweepResult
from ..analysis.types_sweep_result import TypesSweep
from ..core.display import register
from ..solvers.bayesian_result import BayesianResult
from ..solvers.result import SolveResult
from ..solvers.signalling_result import SignallingResult
from ..solvers.tree_result import TreeSolveResult
from .html import render_html
from .markdown import explanation_markdown, render_markdown
from .sweep_markdown import render_html as sweep_html
from .sweep_markdown import render_map_html, render_map_markdown
from .sweep_markdown import render_markdown as sweep_markdown
from .tree import tree_markdown

__all__ = ["plain_html"]



def plain_html(value: object) -> str:
    """Any result without a table of its own: its text report, preformatted."""
    from html import escape

    text = value.text() if callable(getattr(value, "text", None)) else str(value)
    return f"<pre>{escape(text)}</pre>"


# every result type of the package; those below also have tables
for _cls in (TreeSolveResult, BayesianResult, SignallingResult, TypesSweep, Explanation,
             CheckReport):
    register(_cls, "html", plain_html)
register(SolveResult, "markdown", render_markdown)
register(SolveResult, "html", render_html)
register(TreeSolveResult, "markdown", tree_markdown)
register(SweepResult, "markdown", sweep_markdown)
register(SweepResult, "html", sweep_html)
register(SweepMap, "markdown", render_map_markdown)
register(SweepMap, "html", render_map_html)
register(Explanation, "markdown", explanation_markdown)
