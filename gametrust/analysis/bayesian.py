"""What ``gametrust solve`` shows for a scenario with types and priors (not a signalling game).

:func:`analyse_bayesian` builds the Bayesian game of a scenario, solves it
(:func:`gametrust.solvers.bayesian.solve_bayesian`) and, when one player
watches another whose type is private, computes along every equilibrium what
each observed action does to the observer's belief
(:func:`gametrust.analysis.beliefs.belief_effects`) and a few rounds of
updating (:func:`gametrust.analysis.beliefs.spiral`).  With a ``beliefs:``
section it also finds the exact trust threshold
(:func:`gametrust.analysis.prior_trust.prior_threshold`) and the spirals along
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
from .prior_trust import PriorThreshold, prior_threshold

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


def cooperative_reply(
    scenario: Scenario, game: BayesianGame, spec: BeliefSpec
) -> tuple[str, PriorThreshold]:
    """The observer's cooperative action and the exact trust threshold of the cooperative
    profile (observer's reply, the trusted type's first cooperative action)."""
    coop = spec.cooperative[0]
    agent = f"{spec.about}.{spec.trusted}"
    if spec.cooperative_reply is not None:
        reply = spec.cooperative_reply
        return reply, prior_threshold(
            game, spec.about, spec.trusted, {spec.observer: reply, agent: coop}
        )
    found = []
    for a in game.actions[game.player_index(spec.observer)]:
        t = prior_threshold(game, spec.about, spec.trusted, {spec.observer: a, agent: coop})
        if t.value is not None:
            found.append((a, t))
    if len(found) != 1:
        names = ", ".join(a for a, _ in found) or "none"
        raise ScenarioError(
            f"cannot tell {spec.observer}'s cooperative reply to {spec.trusted} playing {coop} "
            f"(actions that support it in some equilibrium: {names}); give it in beliefs: as "
            "cooperative_reply",
            scenario.locate(("beliefs",)),
        )
    return found[0]


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
