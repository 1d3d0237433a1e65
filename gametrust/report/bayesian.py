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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.exact import Number, format_number

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.beliefs import Spiral
    from ..analysis.separation import SeparatingConditions
    from ..model.signalling import SignallingGame
    from ..scenario.scenario import Scenario
    from ..scenario.typespec import BeliefSpec
    from ..solvers.signalling_result import SignallingResult

__all__ = [
    "BeliefDynamics",
    "belief_dynamics",
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
    """(observer, observed): from ``beliefs:``, else the first player with two or more types
    and the other player."""
    if scenario.beliefs is not None:
        return scenario.beliefs.observer, scenario.beliefs.about
    ids = scenario.player_ids
    typed = [pid for pid in ids if len(scenario.types.get(pid, ())) > 1]
    if len(ids) != 2 or not typed:
        return None
    about = typed[0]
    return next(p for p in ids if p != about), about


def _cooperative_reply(scenario: Scenario, game: Any, spec: BeliefSpec) -> tuple[str, Any]:
    """The observer's cooperative action and the exact trust threshold of the cooperative
    profile (observer's reply, the trusted type's first cooperative action)."""
    from ..core.errors import ScenarioError
    from ..solvers.bayesian import trust_threshold

    coop = spec.cooperative[0]
    agent = f"{spec.about}.{spec.trusted}"
    if spec.cooperative_reply is not None:
        reply = spec.cooperative_reply
        return reply, trust_threshold(game, spec.about, spec.trusted,
                                      {spec.observer: reply, agent: coop})
    found = []
    for a in game.actions[game.player_index(spec.observer)]:
        t = trust_threshold(game, spec.about, spec.trusted, {spec.observer: a, agent: coop})
        if t.value is not None:
            found.append((a, t))
    if len(found) != 1:
        names = ", ".join(a for a, _ in found) or "none"
        raise ScenarioError(
            f"cannot tell {spec.observer}'s cooperative reply to {spec.trusted} playing {coop} "
            f"(actions that support it in some equilibrium: {names}); give it in beliefs: as "
            "cooperative_reply",
            scenario._locate(("beliefs",)),
        )
    return found[0]


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


@dataclass(frozen=True)
class BeliefDynamics:
    """Everything ``solve`` shows about beliefs for a scenario with ``beliefs:``.

    ``spirals[k][(rule, path)]`` is equilibrium ``k``'s spiral, ``path`` being
    ``"hostile"`` (the untrusted type's play) or ``"likely"``.
    """

    spec: BeliefSpec
    rule: str
    rounds: int
    hostile_type: str
    reply: str
    threshold: Any  # PriorThreshold
    spirals: tuple[dict[tuple[str, str], Spiral], ...]


def belief_dynamics(scenario: Scenario, game: Any, result: Any, *, rule: str | None = None,
                    rounds: int | None = None) -> BeliefDynamics | None:
    """The belief dynamics of every equilibrium under both rules (``None`` without
    ``beliefs:``); ``rule``/``rounds`` override the section's."""
    from ..analysis.beliefs import spiral

    spec = scenario.beliefs
    if spec is None:
        return None
    rule = rule or spec.rule
    rounds = spec.rounds if rounds is None else rounds
    reply, threshold = _cooperative_reply(scenario, game, spec)
    types = game.types[game.player_index(spec.about)]
    hostile = next(t for t in types if t != spec.trusted)
    spirals = []
    for e in result:
        one = {}
        for r in ("bayes", "bad_faith"):
            for path, true_type in (("hostile", hostile), ("likely", None)):
                one[(r, path)] = spiral(game, e, spec.observer, about=spec.about, rounds=rounds,
                                        rule=r, cooperative=spec.cooperative,
                                        true_type=true_type, threshold=threshold,
                                        trusted=spec.trusted)
        spirals.append(one)
    return BeliefDynamics(spec, rule, rounds, hostile, reply, threshold, tuple(spirals))


def render_bayesian(
    scenario: Scenario,
    overrides: Mapping[str, object] | None,
    empathy_overrides: Mapping[str, object] | None,
    parameters: Mapping[str, Number],
    empathy: Mapping[str, Number],
    format: str = "text",
    rounds: int | None = None,
    rule: str | None = None,
    plot_path: str | None = None,
) -> str:
    """Bayesian Nash equilibria per type with expected payoffs, and what each action does
    to the observer's belief, with short tables of rounds along each one.

    With a ``beliefs:`` section: the exact trust threshold, the update ``rule``
    (the section's unless given), and the rounds along the hostile path (the
    untrusted type's play: the spiral) and the likely path, flagging the rounds
    below the threshold; ``plot_path`` also draws the belief over rounds.
    """
    from ..analysis.beliefs import belief_effects, spiral
    from ..solvers.bayesian import solve_bayesian

    game = scenario.build_bayesian(overrides, empathy_overrides)
    result = solve_bayesian(game)
    pair = _observed(scenario)
    dyn = belief_dynamics(scenario, game, result, rule=rule, rounds=rounds)
    shown_rule = dyn.rule if dyn is not None else (rule or "bayes")
    n_rounds = dyn.rounds if dyn is not None else (3 if rounds is None else rounds)
    items = []
    for k, e in enumerate(result):
        entry: dict[str, Any] = {"equilibrium": e.to_dict(), "describe": e.describe(),
                                 "payoffs": e.describe_payoffs()}
        if pair is not None:
            observer, about = pair
            if dyn is not None:
                effects = belief_effects(game, e, observer, about=about, rule=dyn.rule,
                                         cooperative=dyn.spec.cooperative,
                                         threshold=dyn.threshold, trusted=dyn.spec.trusted)
                entry["beliefs"] = _effects(effects)
                entry["spirals"] = {
                    path: _spiral_data(dyn.spirals[k][(dyn.rule, path)])
                    for path in ("hostile", "likely")
                }
                entry["spiral"] = entry["spirals"]["likely"]["table"]
            else:
                effects = belief_effects(game, e, observer, about=about, rule=shown_rule)
                entry["beliefs"] = _effects(effects)
                entry["spiral"] = spiral(game, e, observer, about=about, rounds=n_rounds,
                                         rule=shown_rule).table()
        items.append(entry)
    if plot_path is not None and dyn is not None:
        from .plot import plot_beliefs

        plot_beliefs(dyn, plot_path, title=scenario.title)
    if format == "json":
        data: dict[str, Any] = {
            "kind": "bayesian", "scenario": scenario.title, "file": scenario.path,
            "parameters": _values(parameters), "empathy": _values(empathy),
            "priors": {pid: {t: format_number(p) for t, p in prior.items()}
                       for pid, prior in scenario.priors(overrides).items()},
            "observer": None if pair is None else pair[0],
            "observed": None if pair is None else pair[1],
            "rule": shown_rule,
            "beliefs": None,
            "equilibria": items,
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
            }
        return json.dumps(data, indent=2)
    lines = [f"{scenario.title}: a Bayesian game"]
    for pid, prior in scenario.priors(overrides).items():
        lines.append(f"{pid} is " + " or ".join(
            f"{t} ({format_number(p)})" for t, p in prior.items()))
    if dyn is not None:
        t = dyn.threshold
        lines.append(f"trust threshold: {t.describe()}")
        if t.value is not None:
            lines.append(f"  (P({dyn.spec.about} is {dyn.spec.trusted}) threshold = "
                         f"{format_number(t.value)})")
        lines.append(f"update rule: {dyn.rule.replace('_', '-')}"
                     + (f" ({', '.join(dyn.spec.cooperative)} read as a trick)"
                        if dyn.rule == "bad_faith" else ""))
    lines.append("")
    lines.append(f"{len(items)} Bayesian Nash equilibri{'um' if len(items) == 1 else 'a'}:")
    rule_name = "Bayes' rule" if shown_rule == "bayes" else "the bad-faith rule"
    for k, entry in enumerate(items, 1):
        lines.append(f"{k}. {entry['describe']}")
        lines.append(f"   expected payoffs: {entry['payoffs']}")
        if pair is None:
            continue
        observer, about = pair
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
