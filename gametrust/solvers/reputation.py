"""Reputation over a finite number of meetings: the Kreps–Wilson sequential equilibrium, exactly.

The game (Kreps and Wilson 1982, "Reputation and imperfect information",
*J. Econ. Theory* 27; Milgrom and Roberts 1982, "Predation, reputation, and
entry deterrence", same issue): a stage game
(:class:`~gametrust.scenario.reputation.StagePayoffs`) is played ``rounds``
times.  In each meeting the *first mover* (a new decision maker each
meeting, who maximises that meeting's payoff: Kreps and Wilson's short-run
entrants) chooses ``move`` or ``stay``; after ``move`` the *informed* player
answers ``committed`` or ``other``.  The informed player is committed (always
answers ``committed``) with the prior ``mu0``, else normal (stage payoffs,
summed over the meetings with the discount ``delta``).  Everyone sees what
was played; beliefs follow Bayes' rule, and an ``other`` answer reveals the
normal type for good (the off-path rule: the belief stays ``0``).

Write ``q`` for the first mover's indifference point (the chance of
``committed`` at which ``move`` and ``stay`` pay it the same).  Two stages
are supported, the two textbook ones:

* **trust** (the informed player wants to be trusted: the first mover's
  payoffs ``u(move, committed) > u(stay) > u(move, other)``; the normal type
  prefers ``(move, other)`` to ``stay``): ``move`` is the reward;
* **deterrence** (the chain store: ``u(move, other) > u(stay) >
  u(move, committed)``; the normal type prefers ``stay``): ``stay`` is the reward.

Either way the normal type is tempted (``v(move, other) > v(move,
committed)``), and the equilibrium is Kreps and Wilson's: with ``k``
meetings left the threshold belief is ``p_k = q^k``; the first mover plays
the reward above ``p_k``, the punishment below, and at ``p_k`` the reward
with probability ``beta`` that leaves the normal type of the meeting before
indifferent; the normal type answers ``committed`` for sure when the belief
``mu`` is at least ``p_{k-1}`` and otherwise with the probability that
brings the posterior exactly to ``p_{k-1}`` (``other`` in the last meeting).
So the prior above which the reward (cooperation) starts in the first of
``n`` meetings is ``q^n``.  :func:`solve_reputation` computes this
assessment and its belief path exactly; it is certified by
:mod:`gametrust.solvers.reputation_certificate` on the whole game tree.

>>> from fractions import Fraction as F
>>> from gametrust.scenario.reputation import StagePayoffs
>>> chain_store = StagePayoffs(("Entrant", "Incumbent"), (("In", "Out"), ("Fight", "Acquiesce")),
...                            (F(-1, 2), F(1, 2), F(0)), (F(-1), F(0), F(2)))
>>> eq = solve_reputation(chain_store, F(1, 10), F(1), 3)
>>> eq.kind, eq.q, [str(p) for p in eq.thresholds], eq.beta
('deterrence', Fraction(1, 2), ['1/2', '1/4', '1/8'], Fraction(1, 2))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..scenario.reputation import StagePayoffs, stage_kind

__all__ = ["MeetingState", "ReputationEquilibrium", "solve_reputation"]

F = Fraction


@dataclass(frozen=True)
class MeetingState:
    """One belief the first mover may hold at a meeting on the path (no ``other`` answer
    seen yet) and what everyone does there.

    ``reach`` is the probability of getting here; ``move`` the probability that the first
    mover plays ``move``; ``sigma`` the probability that a normal type answers
    ``committed`` after ``move``; ``seen`` the probability of a ``committed`` answer
    (either type); ``after`` the belief after it (``None`` when it cannot happen);
    ``prior_edge`` is true when the belief is a threshold reached without mixing (the first
    mover's mix there is not pinned down: other mixes are equilibria too)."""

    belief: Fraction
    reach: Fraction
    move: Fraction
    sigma: Fraction
    seen: Fraction
    after: Fraction | None
    prior_edge: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"belief": str(self.belief), "probability": str(self.reach),
                "move": str(self.move), "normal_committed": str(self.sigma),
                "committed_seen": str(self.seen),
                "belief_after": None if self.after is None else str(self.after)}


@dataclass(frozen=True)
class ReputationEquilibrium:
    """The assessment, exactly: thresholds ``p_1 .. p_n`` (``thresholds[k-1]`` is ``p_k``, for
    ``k`` meetings left), the reward probability ``beta`` at a threshold, and per meeting
    the states reached on the path (``revealed[t]``: the probability that the normal type
    has been revealed before meeting ``t``)."""

    stage: StagePayoffs
    prior: Fraction
    delta: Fraction
    rounds: int
    kind: str
    q: Fraction
    thresholds: tuple[Fraction, ...]
    beta: Fraction
    meetings: tuple[tuple[MeetingState, ...], ...]
    revealed: tuple[Fraction, ...]

    @property
    def unique_mix(self) -> bool:
        """False when the path reaches a threshold without mixing (knife-edge priors)."""
        return not any(s.prior_edge for m in self.meetings for s in m)

    def sigma(self, left: int, mu: Fraction) -> Fraction:
        """The normal type's probability of answering ``committed`` after ``move`` with
        ``left`` meetings to go (this one included) at belief ``mu``."""
        if left == 1 or mu == 0:
            return F(0)
        p = self.thresholds[left - 2]
        if mu >= p:
            return F(1)
        return mu * (1 - p) / (p * (1 - mu))

    def reward(self, left: int, mu: Fraction) -> Fraction:
        """The probability that the first mover plays the reward (``move`` in a trust stage,
        ``stay`` in a deterrence stage)."""
        p = self.thresholds[left - 1]
        return F(1) if mu > p else F(0) if mu < p else self.beta

    def move(self, left: int, mu: Fraction) -> Fraction:
        """The probability that the first mover plays ``move``."""
        r = self.reward(left, mu)
        return r if self.kind == "trust" else 1 - r

    def posterior(self, left: int, mu: Fraction, committed: bool) -> Fraction:
        """The belief after ``move`` answered by ``committed`` (or not): Bayes' rule; ``0``
        after ``other`` and, off the path, after ``committed`` once revealed."""
        if not committed or mu == 0:
            return F(0)
        seen = mu + (1 - mu) * self.sigma(left, mu)
        return mu / seen


def solve_reputation(stage: StagePayoffs, prior: Fraction, delta: Fraction,
                     rounds: int) -> ReputationEquilibrium:
    """The Kreps–Wilson sequential equilibrium of ``rounds`` meetings (see the module)."""
    prior, delta = F(prior), F(delta)
    kind = stage_kind(stage, delta)
    u_c, u_d, u_s = stage.first
    v_c, v_d, v_s = stage.second
    q = (u_s - u_d) / (u_c - u_d)
    thresholds = tuple(q ** k for k in range(1, rounds + 1))
    gap = (v_d - v_s) if kind == "trust" else (v_s - v_d)
    beta = (v_d - v_c) / (delta * gap)
    skeleton = ReputationEquilibrium(stage, prior, delta, rounds, kind, q, thresholds, beta,
                                     (), ())
    meetings: list[tuple[MeetingState, ...]] = []
    revealed: list[Fraction] = []
    states: dict[Fraction, tuple[Fraction, bool]] = {prior: (F(1), False)}
    gone = F(0)
    for t in range(rounds):
        left = rounds - t
        row = []
        nxt: dict[Fraction, tuple[Fraction, bool]] = {}
        revealed.append(gone)
        for mu, (reach, mixed) in sorted(states.items()):
            move = skeleton.move(left, mu)
            sigma = skeleton.sigma(left, mu)
            seen = mu + (1 - mu) * sigma
            after = skeleton.posterior(left, mu, True) if seen > 0 else None
            edge = mu == thresholds[left - 1] and not mixed
            row.append(MeetingState(mu, reach, move, sigma, seen, after, edge))
            for belief, p, by_mixing in ((mu, reach * (1 - move), mixed),
                                         (after, reach * move * seen, 0 < sigma < 1)):
                if p > 0 and belief is not None:
                    old = nxt.get(belief, (F(0), True))
                    nxt[belief] = (old[0] + p, old[1] and by_mixing)
            gone += reach * move * (1 - seen)
        meetings.append(tuple(row))
        states = nxt
    return ReputationEquilibrium(stage, prior, delta, rounds, kind, q, thresholds, beta,
                                 tuple(meetings), tuple(revealed))
