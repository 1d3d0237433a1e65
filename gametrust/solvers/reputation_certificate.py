"""The certificate of a reputation equilibrium, computed on the whole game tree.

:func:`certify_reputation` writes the finitely repeated game of
:mod:`gametrust.solvers.reputation` as a :class:`~gametrust.model.tree.GameTree`:
chance draws the informed player's type at the root (committed with the
prior), every meeting is the first mover's decision, in one information set
for both types (it sees the history, not the type), then — after ``move`` — the
normal type's decision (its own node: it knows its type and the history) or
the committed type's forced answer (a chance move with probability 1).  The
first mover of each meeting is its own player (``US@2``: Kreps and Wilson's
short-run entrants), paid that meeting's stage payoff; the informed player is
paid the discounted sum.  It then checks, independently of how the
equilibrium was found:

* **Bayes' rule**: at each of the first mover's information sets the belief
  the solver used equals the probability of the committed node given the
  history, computed from chance and the normal type's behaviour in the tree;
  where that history has probability 0 (an ``other`` answer seen when the
  normal type never gives it) the belief is the stated rule's, ``0``;
* **sequential rationality**: at every information set of every player (on
  and off the path) no action pays more, against those beliefs and the
  behaviour that follows, than the mixture it plays — exactly zero regret; by
  the one-shot deviation principle for finite games with perfect recall
  (Hendon, Jacobsen and Sloth 1996, *Games Econ. Behav.* 12) that is
  sequential rationality;
* **Nash** at the root, by the tree's best-response computation
  (:func:`~gametrust.solvers.tree_certificate.subgame_regret`).

It also checks the same assessment when the first mover is **one long-run
player** paid the discounted sum of its meetings (``long_run``: whether no
one-shot deviation pays then too) — a fact reported, not required.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.errors import SolverError
from ..model.tree import Chance, Decision, GameTree, Node, Terminal
from .reputation import ReputationEquilibrium
from .tree_certificate import expected_value, subgame_regret

__all__ = ["ReputationCertificate", "assessment", "beliefs_at", "certify_reputation",
           "reputation_tree"]

F = Fraction
History = tuple[str, ...]


@dataclass(frozen=True)
class ReputationCertificate:
    """What the tree check found: the largest regret at any information set (``0``), the
    number of information sets checked, the expected payoffs (first mover per meeting,
    the normal informed type's discounted total) and the long-run fact."""

    infosets: int
    max_regret: Fraction
    first_payoffs: tuple[Fraction, ...]
    normal_payoff: Fraction
    long_run: bool
    long_run_regret: Fraction

    def to_dict(self) -> dict[str, Any]:
        return {"method": "game tree: Bayes' rule and one-shot deviations at every "
                          "information set",
                "information_sets": self.infosets, "max_regret": str(self.max_regret),
                "long_run_first_mover": {"equilibrium": self.long_run,
                                         "max_regret": str(self.long_run_regret)}}


def _outcome(first: str, second: str | None) -> str:
    return first if second is None else f"{first}/{second}"


def reputation_tree(eq: ReputationEquilibrium, *, long_run: bool = False) -> GameTree:
    """The game tree (see the module); ``long_run`` makes the first mover one player."""
    stage = eq.stage
    (move, stay), (c, d) = stage.actions
    first, second = stage.players
    n = eq.rounds
    players = ((first,) if long_run else tuple(f"{first}@{t + 1}" for t in range(n)))
    informed = len(players)

    def pay(t: int, u: Fraction, v: Fraction, acc: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
        out = list(acc)
        weight = eq.delta ** t
        out[0 if long_run else t] += weight * u if long_run else u
        out[informed] += weight * v
        return tuple(out)

    def meeting(t: int, committed: bool, history: History, acc: tuple[Fraction, ...]) -> Node:
        if t == n:
            return Terminal(acc)
        mover = 0 if long_run else t
        key = "|".join(history)
        u_c, u_d, u_s = stage.first
        v_c, v_d, v_s = stage.second
        honoured = meeting(t + 1, committed, (*history, _outcome(move, c)),
                           pay(t, u_c, v_c, acc))
        answer: Node
        if committed:
            answer = Chance(((c, F(1), honoured),))
        else:
            other = meeting(t + 1, committed, (*history, _outcome(move, d)),
                            pay(t, u_d, v_d, acc))
            answer = Decision(informed, ((c, honoured), (d, other)), f"{second}|{key}")
        stayed = meeting(t + 1, committed, (*history, stay), pay(t, u_s, v_s, acc))
        return Decision(mover, ((move, answer), (stay, stayed)), f"{first}@{t + 1}|{key}")

    zero = tuple(F(0) for _ in range(informed + 1))
    root = Chance((("committed", eq.prior, meeting(0, True, (), zero)),
                   ("normal", 1 - eq.prior, meeting(0, False, (), zero))))
    return GameTree((*players, second), root)


def assessment(eq: ReputationEquilibrium, tree: GameTree) -> tuple[dict, dict[str, Fraction]]:
    """The solver's behaviour at every information set of ``tree`` (information set id ->
    action -> probability) and the first mover's beliefs (information set id -> the
    probability of the committed type), each read off the solver's own updating along the
    history."""
    (move, stay), (c, d) = eq.stage.actions
    behavior: dict[str, dict[str, Fraction]] = {}
    beliefs: dict[str, Fraction] = {}
    for info in tree.infosets:
        path = info.paths[0][1:]  # drop the type
        answering = bool(path) and path[-1] == move
        mu, t = beliefs_at(eq, path[:-1] if answering else path)
        left = eq.rounds - t
        if answering:
            p = eq.sigma(left, mu)
            behavior[info.id] = {c: p, d: 1 - p}
        else:
            beliefs[info.id] = mu
            p = eq.move(left, mu)
            behavior[info.id] = {move: p, stay: 1 - p}
    return behavior, beliefs


def beliefs_at(eq: ReputationEquilibrium, path: History) -> tuple[Fraction, int]:
    """The solver's belief after the moves ``path`` (without the type) and the number of
    meetings they span."""
    (move, _), (c, _) = eq.stage.actions
    mu, t, k = eq.prior, 0, 0
    while k < len(path):
        if path[k] == move:
            mu = eq.posterior(eq.rounds - t, mu, path[k + 1] == c)
            k += 2
        else:
            k += 1
        t += 1
    return mu, t


def _regrets(tree: GameTree, behavior: dict, beliefs: dict[str, Fraction],
             players: range) -> Fraction:
    """The largest regret of any listed player at any of its information sets."""
    worst = F(0)
    for info in tree.infosets:
        if info.player not in players:
            continue
        if len(info.paths) == 2:
            mu = beliefs[info.id]
            weights = {p: (mu if p[0] == "committed" else 1 - mu) for p in info.paths}
        else:
            weights = {info.paths[0]: F(1)}
        values = {a: sum((w * expected_value(tree, behavior, (*p, a))[info.player]
                          for p, w in weights.items() if w != 0), F(0))
                  for a in info.actions}
        played = sum((behavior[info.id][a] * values[a] for a in info.actions), F(0))
        worst = max(worst, max(values.values()) - played)
    return worst


def _check_bayes(eq: ReputationEquilibrium, tree: GameTree, behavior: dict,
                 beliefs: dict[str, Fraction]) -> None:
    for info in tree.infosets:
        if info.id not in beliefs:
            continue
        reach = {}
        for path in info.paths:
            p = eq.prior if path[0] == "committed" else 1 - eq.prior
            for k in range(1, len(path)):
                node = tree.node(path[:k])
                if isinstance(node, Decision) and node.player == len(tree.players) - 1:
                    p *= behavior[tree.infoset_of[path[:k]]][path[k]]
            reach[path[0]] = p
        total = reach.get("committed", F(0)) + reach.get("normal", F(0))
        expected = reach.get("committed", F(0)) / total if total else F(0)
        if expected != beliefs[info.id]:
            raise SolverError(f"the belief at {info.id} is {beliefs[info.id]}, but Bayes' rule "
                              f"gives {expected}")


def certify_reputation(eq: ReputationEquilibrium) -> ReputationCertificate:
    """Check the assessment on the game tree (see the module); a :class:`SolverError` if any
    check fails."""
    tree = reputation_tree(eq)
    behavior, beliefs = assessment(eq, tree)
    _check_bayes(eq, tree, behavior, beliefs)
    regret = _regrets(tree, behavior, beliefs, range(len(tree.players)))
    if regret != 0 or subgame_regret(tree, behavior, roots=[()]) != 0:
        raise SolverError(f"the reputation assessment leaves a regret of {regret}: not an "
                          "equilibrium (a bug)")
    values = expected_value(tree, behavior)
    normal = expected_value(tree, behavior, ("normal",))[-1]
    long_tree = reputation_tree(eq, long_run=True)
    long_behavior, long_beliefs = assessment(eq, long_tree)
    long_regret = _regrets(long_tree, long_behavior, long_beliefs, range(1))
    return ReputationCertificate(len(tree.infosets), regret, tuple(values[:-1]), normal,
                                 long_regret == 0, long_regret)
