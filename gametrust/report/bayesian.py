"""Reports for scenarios with types: signalling games (perfect Bayesian equilibria).

:func:`render_signalling` is what ``gametrust solve`` prints for a scenario
with a ``signalling:`` section: each perfect Bayesian equilibrium (separating,
pooling, hybrid) with the beliefs that support it and its Intuitive Criterion
verdict, the sender types' stage-game replies, and the exact cost conditions
under which the signal separates the types.  The JSON form is documented in
``docs/json-output.md``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..exact import Number, format_number

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario import Scenario
    from ..signalling import SeparatingConditions, SignallingGame, SignallingResult

__all__ = ["render_bayesian", "render_signalling", "signalling_data"]


def _values(values: Mapping[str, Number]) -> dict[str, str]:
    return {name: format_number(v) for name, v in values.items()}


def signalling_data(
    scenario: Scenario,
    game: SignallingGame,
    result: SignallingResult,
    conditions: SeparatingConditions | None,
    replies: Mapping[str, Mapping[str, str]],
    parameters: Mapping[str, Number],
    empathy: Mapping[str, Number],
) -> dict[str, Any]:
    """JSON-ready data: the game as reduced, every PBE, the separating cost conditions."""
    return {
        "kind": "signalling",
        "scenario": scenario.title,
        "file": scenario.path,
        "parameters": _values(parameters),
        "empathy": _values(empathy),
        "sender": game.sender,
        "receiver": game.receiver,
        "types": list(game.types),
        "prior": {t: format_number(p) for t, p in game.prior.items()},
        "signals": list(game.signals),
        "responses": list(game.responses),
        "sender_replies": {t: dict(r) for t, r in replies.items()},
        "payoffs": {
            t: {r: [format_number(v) for v in game.payoffs[t][r]] for r in game.responses}
            for t in game.types
        },
        "cost": {t: {m: format_number(game.cost.get(t, {}).get(m, 0)) for m in game.signals}
                 for t in game.types},
        "equilibria": result.to_dict(),
        "separating_conditions": None if conditions is None else [
            {
                "senders": dict(case.senders),
                "responses": dict(case.responses),
                "conditions": [c.describe() for c in case.conditions],
                "holds": case.holds,
            }
            for case in conditions.cases
        ],
    }


def _text(
    scenario: Scenario,
    game: SignallingGame,
    result: SignallingResult,
    conditions: SeparatingConditions | None,
    replies: Mapping[str, Mapping[str, str]],
    parameters: Mapping[str, Number],
) -> str:
    lines = [f"{scenario.title}: a signalling game"]
    if parameters:
        lines.append("parameters: " + ", ".join(
            f"{n} = {format_number(v)}" for n, v in parameters.items()))
    prior = ", ".join(f"{t} {format_number(p)}" for t, p in game.prior.items())
    lines.append(f"{game.sender} is {' or '.join(game.types)} (prior: {prior}); "
                 f"{game.receiver} sees the signal, not the type.")
    for t in game.types:
        cost = ", ".join(
            f"{m} {format_number(game.cost.get(t, {}).get(m, 0))}" for m in game.signals
        )
        reply = ", ".join(f"{r} -> {a}" for r, a in replies[t].items())
        lines.append(f"  {t}: cost {cost}; then plays {reply}")
    lines.append("")
    lines.append(result.describe())
    if conditions is not None:
        lines.append("")
        lines.append("When does the signal separate the types (cost conditions):")
        lines.extend("  " + line for line in conditions.describe().splitlines())
    return "\n".join(lines)


def render_signalling(
    scenario: Scenario,
    game: SignallingGame,
    result: SignallingResult,
    conditions: SeparatingConditions | None,
    replies: Mapping[str, Mapping[str, str]],
    parameters: Mapping[str, Number],
    empathy: Mapping[str, Number],
    format: str = "text",
) -> str:
    """The report of a signalling scenario, as ``text`` or ``json``."""
    if format == "json":
        data = signalling_data(scenario, game, result, conditions, replies, parameters, empathy)
        return json.dumps(data, indent=2)
    return _text(scenario, game, result, conditions, replies, parameters)


def _observed(scenario: Scenario) -> tuple[str, str] | None:
    """(observer, observed): the first player with two or more types and the other player."""
    ids = scenario.player_ids
    typed = [pid for pid in ids if len(scenario.types.get(pid, ())) > 1]
    if len(ids) != 2 or not typed:
        return None
    about = typed[0]
    return next(p for p in ids if p != about), about


def render_bayesian(
    scenario: Scenario,
    overrides: Mapping[str, object] | None,
    empathy_overrides: Mapping[str, object] | None,
    parameters: Mapping[str, Number],
    empathy: Mapping[str, Number],
    format: str = "text",
    rounds: int = 3,
) -> str:
    """Bayesian Nash equilibria per type with expected payoffs, and what each action does
    to the observer's belief (Bayes' rule), with a short table of rounds along each one."""
    from ..bayesian import solve_bayesian
    from ..beliefs import belief_effects, spiral

    game = scenario.build_bayesian(overrides, empathy_overrides)
    result = solve_bayesian(game)
    pair = _observed(scenario)
    items = []
    for e in result:
        entry: dict[str, Any] = {"equilibrium": e.to_dict(), "describe": e.describe(),
                                 "payoffs": e.describe_payoffs()}
        if pair is not None:
            observer, about = pair
            effects = belief_effects(game, e, observer, about=about)
            entry["beliefs"] = [
                {"action": b.action, "probability": format_number(b.probability),
                 "posterior": None if b.posterior is None else
                 {t: format_number(p) for t, p in b.posterior.items()}}
                for b in effects
            ]
            entry["spiral"] = spiral(game, e, observer, about=about, rounds=rounds).table()
        items.append(entry)
    if format == "json":
        return json.dumps({
            "kind": "bayesian", "scenario": scenario.title, "file": scenario.path,
            "parameters": _values(parameters), "empathy": _values(empathy),
            "priors": {pid: {t: format_number(p) for t, p in prior.items()}
                       for pid, prior in scenario.priors(overrides).items()},
            "observer": None if pair is None else pair[0],
            "observed": None if pair is None else pair[1],
            "equilibria": items,
        }, indent=2)
    lines = [f"{scenario.title}: a Bayesian game"]
    for pid, prior in scenario.priors(overrides).items():
        lines.append(f"{pid} is " + " or ".join(
            f"{t} ({format_number(p)})" for t, p in prior.items()))
    lines.append("")
    lines.append(f"{len(items)} Bayesian Nash equilibri{'um' if len(items) == 1 else 'a'}:")
    for k, entry in enumerate(items, 1):
        lines.append(f"{k}. {entry['describe']}")
        lines.append(f"   expected payoffs: {entry['payoffs']}")
        if pair is not None:
            observer, about = pair
            lines.append(f"   {observer} seeing {about}'s action (Bayes' rule):")
            for b in entry["beliefs"]:
                post = "off the equilibrium path" if b["posterior"] is None else ", ".join(
                    f"P({t}) = {p}" for t, p in b["posterior"].items())
                lines.append(f"     {b['action']} (probability {b['probability']}): {post}")
            lines.extend("   " + line for line in entry["spiral"].splitlines())
    return "\n".join(lines)
