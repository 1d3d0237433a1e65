"""Reports for scenarios with types: Bayesian games and signalling games.

:func:`render_bayesian` is what ``gametrust solve`` prints for a scenario with
types and priors: each Bayesian Nash equilibrium, what each observed action
does to the observer's belief, and rounds of updating (the spiral of
mistrust), from a :class:`gametrust.analysis.bayesian.BayesianAnalysis`.
:func:`render_signalling` is what it prints for a scenario with a
``signalling:`` section: each perfect Bayesian equilibrium (separating,
pooling, hybrid) with the beliefs that support it and its Intuitive Criterion
verdict, the sender types' stage-game replies, and the exact cost conditions
under which the signal separates the types.  The JSON forms are documented in
``docs/json-output.md``.  These functions only format: the computing is in
:mod:`gametrust.analysis`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..core.exact import Number, format_number

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.bayesian import BayesianAnalysis
    from ..analysis.beliefs import Spiral
    from ..analysis.reports import BayesianReport, SignallingReport
    from ..analysis.separation import SeparatingConditions
    from ..model.signalling import SignallingGame
    from ..scenario.scenario import Scenario
    from ..solvers.signalling_result import SignallingResult

__all__ = [
    "bayesian_data",
    "render_bayesian",
    "render_signalling",
    "signalling_data",
]


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


def render_signalling(report: SignallingReport, format: str = "text") -> str:
    """The report of a signalling scenario, as ``text`` or ``json``."""
    args = (report.scenario, report.game, report.result, report.conditions, report.replies,
            report.parameters)
    if format == "json":
        return json.dumps(signalling_data(*args, report.empathy), indent=2)
    return _text(*args)


def _effects(effects: Any) -> list[dict[str, Any]]:
    return [
        {"action": b.action, "probability": format_number(b.probability),
         "posterior": None if b.posterior is None else
         {t: format_number(p) for t, p in b.posterior.items()},
         "trust": None if b.trust is None else format_number(b.trust),
         "below_threshold": b.below}
        for b in effects
    ]


def _spiral_data(sp: Spiral) -> dict[str, Any]:
    first = sp.first_below()
    return {
        "rule": sp.rule,
        "path": "hostile" if sp.true_type is not None else "likely",
        "true_type": sp.true_type,
        "rounds": [
            {"round": r.round, "observed": r.observed,
             "probability": None if r.probability is None else format_number(r.probability),
             "posterior": None if r.posterior is None else
             {t: format_number(p) for t, p in r.posterior.items()},
             "trust": None if r.trust is None else format_number(r.trust),
             "below_threshold": r.below}
            for r in sp.rows
        ],
        "first_below": None if first is None else first.round,
        "table": sp.table(),
    }


def _items(analysis: BayesianAnalysis) -> list[dict[str, Any]]:
    """Each equilibrium with its belief effects and spirals, formatted."""
    items = []
    for one in analysis.equilibria:
        e = one.equilibrium
        entry: dict[str, Any] = {"equilibrium": e.to_dict(), "describe": e.describe(),
                                 "payoffs": e.describe_payoffs()}
        if one.effects is not None:
            entry["beliefs"] = _effects(one.effects)
            if analysis.dynamics is not None:
                entry["spirals"] = {path: _spiral_data(one.spirals[path])
                                    for path in ("hostile", "likely")}
                entry["spiral"] = entry["spirals"]["likely"]["table"]
            else:
                entry["spiral"] = one.spirals["likely"].table()
        items.append(entry)
    return items


def bayesian_data(
    analysis: BayesianAnalysis,
    parameters: Mapping[str, Number],
    empathy: Mapping[str, Number],
) -> dict[str, Any]:
    """JSON-ready data: the priors, every BNE with its belief effects and spirals, the
    trust threshold (see ``docs/json-output.md``)."""
    scenario, dyn = analysis.scenario, analysis.dynamics
    data: dict[str, Any] = {
        "kind": "bayesian", "scenario": scenario.title, "file": scenario.path,
        "parameters": _values(parameters), "empathy": _values(empathy),
        "priors": {pid: {t: format_number(p) for t, p in prior.items()}
                   for pid, prior in analysis.priors.items()},
        "observer": analysis.observer,
        "observed": analysis.observed,
        "rule": analysis.rule,
        "beliefs": None,
        "equilibria": _items(analysis),
    }
    if dyn is not None:
        t = dyn.threshold
        data["beliefs"] = {
            "trusted": dyn.spec.trusted, "hostile": dyn.hostile_type,
            "cooperative": list(dyn.spec.cooperative), "cooperative_reply": dyn.reply,
            "rounds": dyn.rounds,
            "threshold": None if t.value is None else format_number(t.value),
            "threshold_attained": t.attained,
            "threshold_describe": t.describe(),
            "threshold_over": t.belief,
            "threshold_agents": [{"player": p, "type": k, "action": a}
                                 for p, k, a in t.cooperative],
        }
    return data


def _bayesian_text(analysis: BayesianAnalysis) -> str:
    scenario, dyn = analysis.scenario, analysis.dynamics
    items = _items(analysis)
    lines = [f"{scenario.title}: a Bayesian game"]
    for pid, prior in analysis.priors.items():
        lines.append(f"{pid} is " + " or ".join(
            f"{t} ({format_number(p)})" for t, p in prior.items()))
    if dyn is not None:
        t = dyn.threshold
        lines.append(f"trust threshold: {t.describe()}")
        if t.value is not None:
            lines.append(f"  ({t.belief} threshold = {format_number(t.value)})")
        lines.append(f"update rule: {dyn.rule.replace('_', '-')}"
                     + (f" ({', '.join(dyn.spec.cooperative)} read as a trick)"
                        if dyn.rule == "bad_faith" else ""))
    lines.append("")
    lines.append(f"{len(items)} Bayesian Nash equilibri{'um' if len(items) == 1 else 'a'}:")
    rule_name = "Bayes' rule" if analysis.rule == "bayes" else "the bad-faith rule"
    for k, entry in enumerate(items, 1):
        lines.append(f"{k}. {entry['describe']}")
        lines.append(f"   expected payoffs: {entry['payoffs']}")
        if analysis.observer is None:
            continue
        observer, about = analysis.observer, analysis.observed
        lines.append(f"   {observer} seeing {about}'s action ({rule_name}):")
        for b in entry["beliefs"]:
            post = "off the equilibrium path" if b["posterior"] is None else ", ".join(
                f"P({t}) = {p}" for t, p in b["posterior"].items())
            flag = ""
            if b["below_threshold"] is not None:
                flag = "; below the threshold" if b["below_threshold"] else "; not below"
            lines.append(f"     {b['action']} (probability {b['probability']}): {post}{flag}")
        if dyn is None:
            lines.extend("   " + line for line in entry["spiral"].splitlines())
            continue
        for path, label in (("hostile", f"the spiral: {dyn.hostile_type}'s play"),
                            ("likely", "the most likely action")):
            sp = entry["spirals"][path]
            lines.append(f"   rounds along {label}:")
            lines.extend("   " + line for line in sp["table"].splitlines())
            first = sp["first_below"]
            lines.append("   " + ("never below the threshold" if first is None
                                  else f"below the threshold from round {first}"))
    return "\n".join(lines)


def render_bayesian(report: BayesianReport, format: str = "text") -> str:
    """Bayesian Nash equilibria per type with expected payoffs, and what each action does
    to the observer's belief, with short tables of rounds along each one.

    ``report`` comes from :func:`gametrust.analysis.run.analyse`.  With a
    ``beliefs:`` section: the exact trust threshold, the update rule, and the
    rounds along the hostile path (the untrusted type's play: the spiral) and
    the likely path, flagging the rounds below the threshold.
    """
    if format == "json":
        return json.dumps(
            bayesian_data(report.analysis, report.parameters, report.empathy), indent=2
        )
    return _bayesian_text(report.analysis)
