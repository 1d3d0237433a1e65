"""JSON report of a solve result: a documented, stable schema (``schema_version`` 1).

The schema is ``gametrust/schemas/result.schema.json`` (JSON Schema draft
2020-12) and every field is described in ``docs/json-output.md``.  Numbers
that come out of the game (payoffs, probabilities, parameter values, empathy
weights, regrets) are *strings*: exact rationals such as ``"2/3"`` in exact
games, short decimals such as ``"0.666667"`` in float games, so that no
consumer ever parses ``0.6666666666666666`` by accident.

The result's own part (game, method, equilibria, components, warnings, ...) is
:meth:`gametrust.solvers.result.SolveResult.to_dict`; this module adds the
scenario context, the family and the selection, in the schema's order.

>>> from gametrust import NormalFormGame
>>> from gametrust.solvers.solve import solve
>>> stag = NormalFormGame.from_arrays([[3, 0], [2, 2]], [[3, 2], [0, 2]],
...                                   players=["Row", "Col"],
...                                   actions=[["Stag", "Hare"], ["Stag", "Hare"]])
>>> data = report_dict(solve(stag, method="pure"))
>>> data["schema_version"], data["complete"], [e["profile"] for e in data["equilibria"]]
(1, True, [['Stag', 'Stag'], ['Hare', 'Hare']])
>>> data["equilibria"][1]["pareto_dominated_by"]
[0]
>>> data["family"]["name"], data["selection"]["payoff_dominant"]
('tie: boundary of Stag Hunt and Assurance', 0)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..core.version import __version__
from .common import as_report, value_text

if TYPE_CHECKING:
    from ..analysis.explanation import Explanation
    from ..analysis.families import Family
    from ..analysis.solve_report import SolveReport
    from ..scenario.scenario import Scenario
    from ..solvers.result import SolveResult

__all__ = [
    "SCHEMA_VERSION",
    "family_dict",
    "render_json",
    "report_dict",
    "result_schema",
    "selection_dict",
]

#: Bumped only when a field is removed or changes meaning; new fields may be
#: added within a version.
SCHEMA_VERSION = 1

#: The keys of :meth:`SolveResult.to_dict` the report carries, in the schema's order.
_RESULT_KEYS = (
    "game",
    "method",
    "concept",
    "exact",
    "tolerance",
    "complete",
    "degenerate",
    "equilibria",
    "components",
    "warnings",
)


def report_dict(
    result: SolveResult | SolveReport,
    scenario: Scenario | None = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
    *,
    explanation: Explanation | None = None,
) -> dict[str, Any]:
    """The report as plain JSON-ready data (see ``docs/json-output.md``): of a
    :class:`~gametrust.analysis.solve_report.SolveReport`, or of a result with its context.

    ``explanation`` (``solve --explain``) adds the ``explain`` block.
    """
    report = as_report(result, scenario, parameters, empathy, explanation)
    ctx = report.context
    own = report.result.to_dict()
    data = {
        "schema_version": SCHEMA_VERSION,
        "gametrust_version": __version__,
        "scenario": {"title": ctx.title, "file": ctx.file},
        "players": [
            {"id": p["id"], "name": ctx.name(p["id"]), "actions": p["actions"]}
            for p in own["players"]
        ],
        "parameters": {name: value_text(v) for name, v in ctx.parameters.items()},
        "empathy": {
            "model": ctx.empathy_model,
            "weights": {p: value_text(w) for p, w in ctx.empathy.items()},
        },
        **{key: own[key] for key in _RESULT_KEYS},
        "family": family_dict(report.family),
        "selection": selection_dict(report),
    }
    if report.commitment is not None:
        data["commitment"] = report.commitment.to_dict()
    if report.explanation is not None:
        data["explain"] = report.explanation.to_dict()
    return data


def family_dict(family: Family) -> dict[str, Any]:
    """The ``family`` block: :class:`~gametrust.analysis.families.Family` as JSON-ready data."""
    return {
        "name": family.name,
        "short": family.short,
        "group": family.group,
        "index": family.index,
        "strict": family.strict,
        "symmetric": family.symmetric,
        "player_types": dict(family.player_types),
        "borders": list(family.borders),
        "facts": list(family.facts),
        "description": str(family),
    }


def selection_dict(report: SolveReport) -> dict[str, Any] | None:
    """The ``selection`` block (``None`` unless two players and several equilibria)."""
    if report.selection is None:
        return None
    data = report.selection.to_dict(report.result)
    data["risk_comparisons"] = [
        {"equilibria": [k, j], "winner": winner} for k, j, winner in report.risk_comparisons
    ]
    return data


def render_json(
    result: SolveResult | SolveReport,
    scenario: Scenario | None = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
    *,
    explanation: Explanation | None = None,
) -> str:
    """:func:`report_dict` as indented JSON text (UTF-8, keys in schema order)."""
    data = report_dict(result, scenario, parameters, empathy, explanation=explanation)
    return json.dumps(data, indent=2, ensure_ascii=False)


def result_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that :func:`report_dict` output satisfies.

    >>> result_schema()["properties"]["schema_version"]["const"]
    1
    """
    from importlib.resources import files

    text = files("gametrust").joinpath("schemas", "result.schema.json").read_text("utf-8")
    return json.loads(text)
