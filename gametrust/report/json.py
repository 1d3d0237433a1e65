"""JSON report of a solve result: a documented, stable schema (``schema_version`` 1).

The schema is ``gametrust/schemas/result.schema.json`` (JSON Schema draft
2020-12) and every field is described in ``docs/json-output.md``.  Numbers
that come out of the game (payoffs, probabilities, parameter values, empathy
weights, regrets) are *strings*: exact rationals such as ``"2/3"`` in exact
games, short decimals such as ``"0.666667"`` in float games, so that no
consumer ever parses ``0.6666666666666666`` by accident.

>>> from gametrust import NormalFormGame
>>> from gametrust.solvers.solve import solve
>>> stag = NormalFormGame.from_arrays([[3, 0], [2, 2]], [[3, 2], [0, 2]],
...                                   players=["Row", "Col"],
...                                   actions=[["Stag", "Hare"], ["Stag", "Hare"]])
>>> data = to_dict(solve(stag, method="pure"))
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

from ..core.exact import format_number
from ..core.version import __version__
from . import context, dominated_by, family_of, format_value, risk_comparisons, selection_of

if TYPE_CHECKING:
    from ..analysis.explanation import Explanation
    from ..analysis.families import Family
    from ..scenario.scenario import Scenario
    from ..solvers.result import SolveResult

__all__ = ["SCHEMA_VERSION", "family_dict", "render", "schema", "selection_dict", "to_dict"]

#: Bumped only when a field is removed or changes meaning; new fields may be
#: added within a version.
SCHEMA_VERSION = 1


def to_dict(
    result: SolveResult,
    scenario: Scenario | None = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
    *,
    explanation: Explanation | None = None,
) -> dict[str, Any]:
    """The result as plain JSON-ready data (see ``docs/json-output.md``).

    ``explanation`` (``solve --explain``) adds the ``explain`` block.
    """
    ctx = context(result, scenario, parameters, empathy)
    game = result.game
    component_of = {k: c for c, members in enumerate(result.components) for k in members}
    dominated = dominated_by(result)
    equilibria = []
    for k, eq in enumerate(result.equilibria):
        base = eq.to_dict()
        equilibria.append(
            {
                "index": k,
                "kind": eq.kind,
                "profile": list(eq.profile) if eq.profile is not None else None,
                "strategies": base["strategies"],
                "payoffs": base["payoffs"],
                "support": base["support"],
                "strict": eq.strict,
                "pareto_dominated": eq.pareto_dominated,
                "pareto_dominated_by": list(dominated[k]),
                "regret": base["regret"],
                "component": component_of.get(k),
            }
        )
    data = {
        "schema_version": SCHEMA_VERSION,
        "gametrust_version": __version__,
        "scenario": {"title": ctx.title, "file": ctx.file},
        "players": [
            {"id": p, "name": ctx.name(p), "actions": list(game.actions[i])}
            for i, p in enumerate(game.players)
        ],
        "parameters": {name: format_value(v) for name, v in ctx.parameters.items()},
        "empathy": {
            "model": ctx.empathy_model,
            "weights": {p: format_value(w) for p, w in ctx.empathy.items()},
        },
        "game": {
            "exact": game.exact,
            "shape": list(game.shape),
            "payoffs": [
                {
                    "profile": [game.actions[i][k] for i, k in enumerate(index)],
                    "payoffs": [
                        format_number(game.payoffs[(i, *index)]) for i in range(game.n_players)
                    ],
                }
                for index in game.profiles()
            ],
        },
        "method": result.method,
        "concept": result.concept,
        "exact": result.exact,
        "tolerance": result.tolerance,
        "complete": result.complete,
        "degenerate": result.degenerate,
        "equilibria": equilibria,
        "components": [list(c) for c in result.components],
        "warnings": list(result.warnings),
        "family": family_dict(family_of(result)),
        "selection": selection_dict(result),
    }
    if explanation is not None:
        data["explain"] = explanation.to_dict()
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


def selection_dict(result: SolveResult) -> dict[str, Any] | None:
    """The ``selection`` block (``None`` unless two players and several equilibria)."""
    selection = selection_of(result)
    if selection is None:
        return None
    data = selection.to_dict(result)
    data["risk_comparisons"] = [
        {"equilibria": [k, j], "winner": winner}
        for k, j, winner in risk_comparisons(result, selection)
    ]
    return data


def render(
    result: SolveResult,
    scenario: Scenario | None = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
    *,
    explanation: Explanation | None = None,
) -> str:
    """:func:`to_dict` as indented JSON text (UTF-8, keys in schema order)."""
    data = to_dict(result, scenario, parameters, empathy, explanation=explanation)
    return json.dumps(data, indent=2, ensure_ascii=False)


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that :func:`to_dict` output satisfies.

    >>> schema()["properties"]["schema_version"]["const"]
    1
    """
    from importlib.resources import files

    text = files("gametrust").joinpath("schemas", "result.schema.json").read_text("utf-8")
    return json.loads(text)
