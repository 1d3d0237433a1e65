"""Reputation over a finite number of meetings: a scenario's equilibrium, belief path and threshold.

:func:`analyse_reputation` builds the stage game of a scenario whose
``repeated:`` section has ``rounds:`` and ``reputation:`` (parameters and
empathy applied, exactly), solves it (:mod:`gametrust.solvers.reputation`:
the Kreps–Wilson sequential equilibrium), certifies it on the whole game tree
(:mod:`gametrust.solvers.reputation_certificate`), checks whether it is the only
one on its path (:mod:`gametrust.solvers.reputation_unique`) and returns a
:class:`ReputationReport`: the thresholds ``q^k``, the prior above which
cooperation starts in the first meeting, and the beliefs and mixing
probabilities of every meeting on the path.

>>> import gametrust
>>> report = analyse_reputation(gametrust.load("scenarios/summits.yaml"))
>>> str(report.equilibrium.thresholds[-1]), [str(s.belief) for s in report.path_beliefs()]
('1/8', ['1/5', '1/4', '1/4', '1/2'])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.errors import fail
from ..core.exact import format_number
from ..scenario.build import empathy_with
from ..scenario.reputation import reputation_stage
from ..scenario.scenario import Scenario
from ..solvers.reputation import MeetingState, ReputationEquilibrium, solve_reputation
from ..solvers.reputation_certificate import ReputationCertificate, certify_reputation
from ..solvers.reputation_unique import Uniqueness, uniqueness

__all__ = ["ReputationReport", "analyse_reputation", "reputation_at"]


@dataclass(frozen=True)
class ReputationReport:
    """What ``gametrust solve`` shows for a reputation game."""

    scenario: Scenario
    equilibrium: ReputationEquilibrium
    certificate: ReputationCertificate
    parameters: dict[str, Any]
    empathy: dict[str, Any]
    uniqueness: Uniqueness | None = None

    @property
    def prior_threshold(self) -> Fraction:
        """The prior above which the first mover rewards in the first meeting: ``q^n``."""
        return self.equilibrium.thresholds[-1]

    def meeting_name(self, t: int) -> str:
        """``Meeting 2 (Hanoi 2019)``, or ``Meeting 2``."""
        spec = self.scenario.repeated.reputation  # type: ignore[union-attr]
        name = f" ({spec.meetings[t]})" if spec is not None and spec.meetings else ""
        return f"Meeting {t + 1}{name}"

    def path_beliefs(self) -> list[MeetingState]:
        """Every state on the path, meeting by meeting (no ``other`` answer seen yet)."""
        return [s for meeting in self.equilibrium.meetings for s in meeting]

    def to_dict(self) -> dict[str, Any]:
        eq = self.equilibrium
        stage = eq.stage
        spec = self.scenario.repeated.reputation  # type: ignore[union-attr]
        (move, stay), (c, d) = stage.actions
        first, second = stage.players
        labels = [f"{move}, {c}", f"{move}, {d}", stay]
        return {
            "title": self.scenario.title,
            "file": self.scenario.path,
            "parameters": {k: format_number(v) for k, v in self.parameters.items()},
            "empathy": {k: format_number(v) for k, v in self.empathy.items()},
            "reputation": {
                "model": "Kreps-Wilson: a committed type with a prior, short-run first movers",
                "rounds": eq.rounds,
                "meetings": list(spec.meetings) if spec is not None else [],
                "first_mover": first,
                "informed": second,
                "stage": {
                    "move": move, "stay": stay, "committed_action": c, "other_action": d,
                    "payoffs": {lab: {first: str(u), second: str(v)} for lab, u, v in
                                zip(labels, stage.first, stage.second, strict=True)},
                    "kind": eq.kind,
                    "reward": move if eq.kind == "trust" else stay,
                },
                "prior": str(eq.prior),
                "discount": str(eq.delta),
                "q": str(eq.q),
                "thresholds": [{"meetings_left": k + 1, "belief": str(p)}
                               for k, p in enumerate(eq.thresholds)],
                "prior_threshold": str(self.prior_threshold),
                "reward_at_threshold": str(eq.beta),
                "path": [
                    {"meeting": t + 1, "name": spec.meetings[t] if spec and spec.meetings
                     else None, "revealed_before": str(eq.revealed[t]),
                     "states": [s.to_dict() for s in meeting]}
                    for t, meeting in enumerate(eq.meetings)],
                "expected_payoffs": {
                    "first_mover_by_meeting": [str(x) for x in self.certificate.first_payoffs],
                    "informed_normal": str(self.certificate.normal_payoff)},
                "mix_pinned_down": eq.unique_mix,
                "unique_on_path": None if self.uniqueness is None else self.uniqueness.unique,
                "uniqueness": None if self.uniqueness is None else (
                    self.uniqueness.reason or "every sequential equilibrium plays this on its "
                    "path (short-run first movers)"),
                "certificate": self.certificate.to_dict(),
            },
        }

    def __str__(self) -> str:
        eq = self.equilibrium
        return (f"reputation over {eq.rounds} meetings: thresholds "
                f"{', '.join(str(p) for p in eq.thresholds)}; prior {eq.prior}")


def reputation_at(
    scenario: Scenario,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> ReputationEquilibrium:
    """The equilibrium at the given parameter values and empathy (not yet certified)."""
    spec = scenario.repeated
    assert spec is not None and spec.reputation is not None
    game = scenario.build(parameters or None, empathy or None, exact=True)
    values = scenario.parameter_values(parameters)
    stage = reputation_stage(spec.reputation, scenario.player_ids, scenario.actions,
                             lambda i, j: game.payoff((i, j)))
    prior = Fraction(spec.reputation.prior.evaluate(values))  # type: ignore[arg-type]
    delta = Fraction(spec.discount.evaluate(values))  # type: ignore[arg-type]
    if not 0 < prior < 1:
        raise fail(f"the prior of the committed type is {prior} here; it must lie strictly "
                   "between 0 and 1", "repeated", "reputation", "committed", "prior")
    if not 0 < delta <= 1:
        raise fail(f"the discount is {delta} here; it must lie in (0, 1]", "repeated",
                   "discount")
    return solve_reputation(stage, prior, delta, spec.reputation.rounds)


def analyse_reputation(
    scenario: Scenario,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> ReputationReport:
    """Solve and certify a reputation scenario at the parameter values and empathy."""
    eq = reputation_at(scenario, parameters, empathy)
    return ReputationReport(
        scenario, eq, certify_reputation(eq), scenario.parameter_values(parameters),
        empathy_with(scenario, dict(parameters or {}), dict(empathy or {})), uniqueness(eq))
