"""What ``gametrust solve`` shows for a scenario with types and priors (not a signalling game).

:func:`analyse_bayesian` builds the Bayesian game of a scenario, solves it
(:func:`gametrust.solvers.bayesian.solve_bayesian`) and, when one player
watches another whose type is private, computes along every equilibrium what
each observed action does to the observer's belief
(:func:`gametrust.analysis.beliefs.belief_effects`) and a few rounds of
updating (:func:`gametrust.analysis.beliefs.spiral`).  With a ``beliefs:``
section it also finds the exact trust threshold
(:func:`cooperative_reply`: the least prior at which an equilibrium has the
trusted types cooperate, over a common prior when both sides have types) and
the spirals along
the hostile and the likely path under both update rules
(:class:`BeliefDynamics`).  The result is a :class:`BayesianAnalysis`, a value
that ``gametrust.report.bayesian`` renders as text or JSON and draws.

>>> from gametrust import load
>>> analysis = analyse_bayesian(load("scenarios/korea_trust.yaml"))
>>> analysis.observer, analysis.observed, analysis.rule
('US', 'DPRK', 'bad_faith')
>>> print(analysis.dynamics.threshold)
a BNE with US: Reassure, DPRK.security_seeker: Freeze exists iff P(DPRK is security_seeker) >= 1/2
>>> [one.equilibrium.describe() for one in analysis.equilibria]
['US: Pressure; DPRK: security_seeker: Arm, greedy: Arm']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.errors import ScenarioError
from ..core.exact import Number
from ..model.bayesian import BayesianGame
from ..solvers.bayesian import solve_bayesian
from ..solvers.bayesian_result import BayesianEquilibrium, BayesianResult
from .beliefs import BeliefEffect, Spiral, belief_effects, spiral
from .prior_trust import PriorThreshold, trust_region
from .types_model import TypeAxis
from .types_sweep import sweep_types
from .types_sweep_result import TypesSweep

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario.scenario import Scenario
    from ..scenario.typespec import BeliefSpec

__all__ = [
    "BayesianAnalysis",
    "BeliefDynamics",
    "EquilibriumBeliefs",
    "analyse_bayesian",
    "belief_dynamics",
    "cooperative_reply",
    "observed_pair",
    "sweep_threshold",
    "threshold_axis",
    "trust_agents",
]


def observed_pair(scenario: Scenario) -> tuple[str, str] | None:
    """(observer, observed): from ``beliefs:``, else the first player with two or more types
    and the other player; ``None`` when no player of a two-player game has several types."""
    if scenario.beliefs is not None:
        return scenario.beliefs.observer, scenario.beliefs.about
    ids = scenario.player_ids
    typed = [pid for pid in ids if len(scenario.types.get(pid, ())) > 1]
    if len(ids) != 2 or not typed:
        return None
    about = typed[0]
    return next(p for p in ids if p != about), about


def trust_agents(scenario: Scenario, spec: BeliefSpec, reply: str) -> dict[str, str]:
    """The agents a trust threshold is about, and what they play (the literature's definition).

    The observed player's *trusted* type plays its first cooperative action
    and the observer plays ``reply``: all of the observer when it has one type;
    with types on both sides (Kydd's model), only its type of the same name as
    the trusted type.  Every other type (an untrustworthy one) may do anything.
    """
    labels = scenario.type_labels()[spec.observer]
    if len(labels) == 1:
        observer = spec.observer
    elif spec.trusted in labels:
        observer = f"{spec.observer}.{spec.trusted}"
    else:
        raise ScenarioError(
            f"{spec.observer} has types ({', '.join(labels)}) but none named {spec.trusted!r}: "
            "with types on both sides the trust threshold is about the trusted types of both, "
            "so name the observer's trusted type like the observed one's",
            scenario.locate(("beliefs", "trusted")),
        )
    return {observer: reply, f"{spec.about}.{spec.trusted}": spec.cooperative[0]}


def threshold_axis(scenario: Scenario, game: BayesianGame, spec: BeliefSpec) -> TypeAxis:
    """The prior a trust threshold is over: a common prior of the trusted type when every
    player with types has that type with the same prior (types on both sides), else the
    observed player's prior of its trusted type."""
    typed = [i for i, ts in enumerate(game.types) if len(ts) > 1]
    if len(typed) > 1 and all(spec.trusted in game.types[i] for i in typed):
        priors = {game.prior(i)[spec.trusted] for i in typed}
        if len(priors) == 1:
            return TypeAxis("prior", type=spec.trusted)
    return TypeAxis("prior", player=spec.about, type=spec.trusted)


def _reply_threshold(
    scenario: Scenario, spec: BeliefSpec, sweep: TypesSweep
) -> tuple[str, PriorThreshold]:
    """The observer's cooperative reply (given, or the one action that supports the trusted
    type's cooperation somewhere along ``sweep``) and its trust region along ``sweep``."""
    if spec.cooperative_reply is not None:
        reply = spec.cooperative_reply
        return reply, trust_region(sweep, trust_agents(scenario, spec, reply))
    found = []
    for a in scenario.actions[scenario.player_ids.index(spec.observer)]:
        region = trust_region(sweep, trust_agents(scenario, spec, a))
        if region.value is not None:
            found.append((a, region))
    if len(found) != 1:
        names = ", ".join(a for a, _ in found) or "none"
        raise ScenarioError(
            f"cannot tell {spec.observer}'s cooperative reply to {spec.trusted} playing "
            f"{spec.cooperative[0]} (actions that support it in some equilibrium: {names}); "
            "give it in beliefs: as cooperative_reply",
            scenario.locate(("beliefs",)),
        )
    return found[0]


def cooperative_reply(
    scenario: Scenario, game: BayesianGame, spec: BeliefSpec
) -> tuple[str, PriorThreshold]:
    """The observer's cooperative action and the exact trust threshold: the least prior
    (:func:`threshold_axis`) at which some equilibrium has the trusted types cooperate
    (:func:`trust_agents`)."""
    sweep = sweep_types(game, threshold_axis(scenario, game, spec))
    return _reply_threshold(scenario, spec, sweep)


def sweep_threshold(scenario: Scenario, sweep: TypesSweep) -> PriorThreshold:
    """The trust region of the scenario's ``beliefs:`` along a sweep of it (any axis)."""
    assert scenario.beliefs is not None
    return _reply_threshold(scenario, scenario.beliefs, sweep)[1]


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
    threshold: PriorThreshold
    spirals: tuple[dict[tuple[str, str], Spiral], ...]


def belief_dynamics(
    scenario: Scenario,
    game: BayesianGame,
    result: BayesianResult,
    *,
    rule: str | None = None,
    rounds: int | None = None,
) -> BeliefDynamics | None:
    """The belief dynamics of every equilibrium under both rules (``None`` without
    ``beliefs:``); ``rule``/``rounds`` override the section's."""
    spec = scenario.beliefs
    if spec is None:
        return None
    rule = rule or spec.rule
    rounds = spec.rounds if rounds is None else rounds
    reply, threshold = cooperative_reply(scenario, game, spec)
    types = game.types[game.player_index(spec.about)]
    hostile = next(t for t in types if t != spec.trusted)
    spirals = []
    for e in result:
        one = {}
        for r in ("bayes", "bad_faith"):
            for path, true_type in (("hostile", hostile), ("likely", None)):
                one[(r, path)] = spiral(
                    game, e, spec.observer, about=spec.about, rounds=rounds, rule=r,
                    cooperative=spec.cooperative, true_type=true_type, threshold=threshold,
                    trusted=spec.trusted,
                )
        spirals.append(one)
    return BeliefDynamics(spec, rule, rounds, hostile, reply, threshold, tuple(spirals))


@dataclass(frozen=True)
class EquilibriumBeliefs:
    """One equilibrium and what the observer learns along it.

    ``effects``: each action's probability and the posterior after it (``None``
    without an observer).  ``spirals``: rounds of updating keyed by path,
    ``"likely"`` always (with an observer), ``"hostile"`` too with ``beliefs:``.
    """

    equilibrium: BayesianEquilibrium
    effects: tuple[BeliefEffect, ...] | None
    spirals: Mapping[str, Spiral]


@dataclass(frozen=True)
class BayesianAnalysis:
    """The Bayesian equilibria of a scenario and the belief dynamics along each.

    ``priors`` are the scenario's priors (overrides applied); ``observer`` and
    ``observed`` the players of :func:`observed_pair` (``None`` when there are
    none); ``rule`` and ``rounds`` the update rule and number of rounds shown;
    ``dynamics`` the :class:`BeliefDynamics` of a ``beliefs:`` section.
    """

    scenario: Scenario
    priors: Mapping[str, Mapping[str, Number]]
    game: BayesianGame
    result: BayesianResult
    observer: str | None
    observed: str | None
    rule: str
    rounds: int
    dynamics: BeliefDynamics | None
    equilibria: tuple[EquilibriumBeliefs, ...]


def analyse_bayesian(
    scenario: Scenario,
    overrides: Mapping[str, object] | None = None,
    empathy_overrides: Mapping[str, object] | None = None,
    *,
    rounds: int | None = None,
    rule: str | None = None,
) -> BayesianAnalysis:
    """Solve a scenario with types and follow the observer's belief along each equilibrium.

    With a ``beliefs:`` section: the exact trust threshold, the update ``rule``
    (the section's unless given), and the rounds along the hostile path (the
    untrusted type's play: the spiral) and the likely path.  Without one: the
    likely path under ``rule`` (Bayes' rule unless given), ``rounds`` rounds
    (3 unless given).
    """
    game = scenario.build_bayesian(overrides, empathy_overrides)
    result = solve_bayesian(game)
    pair = observed_pair(scenario)
    dyn = belief_dynamics(scenario, game, result, rule=rule, rounds=rounds)
    shown_rule = dyn.rule if dyn is not None else (rule or "bayes")
    n_rounds = dyn.rounds if dyn is not None else (3 if rounds is None else rounds)
    items = []
    for k, e in enumerate(result):
        effects: tuple[BeliefEffect, ...] | None = None
        spirals: dict[str, Spiral] = {}
        if pair is not None:
            observer, about = pair
            if dyn is not None:
                effects = belief_effects(
                    game, e, observer, about=about, rule=dyn.rule,
                    cooperative=dyn.spec.cooperative, threshold=dyn.threshold,
                    trusted=dyn.spec.trusted,
                )
                spirals = {path: dyn.spirals[k][(dyn.rule, path)] for path in ("hostile", "likely")}
            else:
                effects = belief_effects(game, e, observer, about=about, rule=shown_rule)
                spirals = {"likely": spiral(game, e, observer, about=about, rounds=n_rounds,
                                            rule=shown_rule)}
        items.append(EquilibriumBeliefs(e, effects, spirals))
    priors: dict[str, Any] = dict(scenario.priors(overrides))
    return BayesianAnalysis(
        scenario,
        priors,
        game,
        result,
        None if pair is None else pair[0],
        None if pair is None else pair[1],
        shown_rule,
        n_rounds,
        dyn,
        tuple(items),
    )
