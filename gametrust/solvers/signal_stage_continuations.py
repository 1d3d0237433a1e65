"""The continuations after a signal: stage equilibria at any belief, by supports.

After a signal, the sender (knowing its type) and the receiver (seeing the
signal) play the stage game.  A continuation is a Bayesian equilibrium of it
at the receiver's belief.  With the receiver's support ``S`` and each type's
stage actions ``A_t`` fixed, the set of continuations splits in two
independent polytopes:

* the receiver's mixes ``beta`` over ``S`` at which every action of ``A_t`` is
  a best reply of type ``t`` (linear in ``beta``), and
* the joint beliefs ``nu(t, a)`` (type *and* stage action, supported on
  ``{(t, a) : a in A_t}``) at which ``S`` is optimal for the receiver (linear
  in ``nu``); the belief about the type is ``nu``'s marginal.

Every pair of points, one from each, is a continuation, and every
continuation with these supports is such a pair.  :class:`StageTables` holds
the game by index and these polytopes (cached); :func:`off_path_options` lists
every option at an off-path signal that deters every type;
:func:`stage_intuitive_criterion` is Cho and Kreps' test with continuations in
place of best responses.  Used by :mod:`gametrust.solvers.signal_stage`.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from functools import cached_property
from itertools import combinations, product

from ..core.linalg import Polytope, bounded_polytope, dot, unit_vector
from ..model.signal_stage import SignalStageGame
from ..model.signalling_beliefs import BeliefSet
from .signal_stage_result import StageOffPathOption
from .signalling_result import IntuitiveCriterion, SignalTest

__all__ = ["Option", "StageTables", "off_path_options", "stage_intuitive_criterion", "subsets"]

ZERO = Fraction(0)
ONE = Fraction(1)

Rows = list[tuple[list[Fraction], Fraction]]
#: A continuation's supports: the receiver's responses and each type's stage actions.
Option = tuple[tuple[int, ...], tuple[tuple[int, ...], ...]]


def subsets(n: int) -> list[tuple[int, ...]]:
    """Non-empty subsets of ``range(n)``, smallest first."""
    return [c for size in range(1, n + 1) for c in combinations(range(n), size)]


def in_hull(point: Sequence[Fraction], others: Sequence[Sequence[Fraction]]) -> bool:
    """Whether ``point`` is a convex combination of ``others`` (exact)."""
    if not others:
        return False
    k, n = len(others), len(point)
    eqs: Rows = [([ONE] * k, ONE)]
    eqs += [([q[i] for q in others], point[i]) for i in range(n)]
    return bounded_polytope(k, eqs, [(unit_vector(k, j), ZERO) for j in range(k)]) is not None


def extreme_points(points: Sequence[tuple[Fraction, ...]]) -> tuple[tuple[Fraction, ...], ...]:
    """The points of ``points`` that are not convex combinations of the others, sorted."""
    unique = sorted(set(points))
    return tuple(
        p for k, p in enumerate(unique) if not in_hull(p, unique[:k] + unique[k + 1:])
    )


class StageTables:
    """The game by index, and the continuation polytopes of its stage game.

    ``prior[t]``, ``us[t][a][b]`` and ``ur[t][a][b]`` (the sender's gross and the
    receiver's payoff when type ``t`` plays ``a`` and the receiver ``b``),
    ``cost[t][m]``; types, signals, actions and responses numbered in the
    game's order.
    """

    def __init__(self, game: SignalStageGame) -> None:
        self.game = game
        self.nt, self.nm = len(game.types), len(game.signals)
        self.na, self.nb = len(game.actions), len(game.responses)
        self.prior = [game.prior[t] for t in game.types]
        self.us = [[[game.payoffs[t][a][b][0] for b in game.responses] for a in game.actions]
                   for t in game.types]
        self.ur = [[[game.payoffs[t][a][b][1] for b in game.responses] for a in game.actions]
                   for t in game.types]
        self.cost = [[game.cost[t][m] for m in game.signals] for t in game.types]
        self._nu: dict[tuple[tuple[int, ...], tuple[tuple[int, int], ...]], Polytope | None] = {}
        #: each type's stage actions that no other action strictly dominates (only these are
        #: ever best replies)
        self.undominated = [
            tuple(a for a in range(self.na) if not any(
                all(self.us[t][c][b] > self.us[t][a][b] for b in range(self.nb))
                for c in range(self.na)))
            for t in range(self.nt)
        ]
        self.stage_supports = list(product(*(
            [tuple(acts[i] for i in s) for s in subsets(len(acts))] for acts in self.undominated
        )))

    @cached_property
    def feasible(self) -> list[tuple[int, ...]]:
        """The receiver's supports that are optimal at some belief about type and action."""
        pairs = tuple((t, a) for t in range(self.nt) for a in range(self.na))
        return [s for s in subsets(self.nb) if self.nu_polytope(s, pairs)]

    def receiver_rows(
        self, support: tuple[int, ...], weight: dict[tuple[int, int], tuple[int, Fraction]],
        n: int,
    ) -> tuple[Rows, Rows]:
        """Indifference over ``support`` and optimality against other responses, as rows in
        ``n`` variables: the pair ``(t, a)`` has weight ``w`` in variable ``i`` when
        ``weight[t, a] == (i, w)``."""
        b0 = support[0]

        def row(b: int, c: int) -> list[Fraction]:
            out = [ZERO] * n
            for (t, a), (i, w) in weight.items():
                diff = self.ur[t][a][b] - self.ur[t][a][c]
                if diff:
                    out[i] += w * diff
            return out

        eqs = [(row(b, b0), ZERO) for b in support[1:]]
        ineqs = [(row(b0, c), ZERO) for c in range(self.nb) if c not in support]
        return eqs, ineqs

    def nu_polytope(
        self, support: tuple[int, ...], pairs: tuple[tuple[int, int], ...]
    ) -> Polytope | None:
        """Joint beliefs over ``pairs`` (type, stage action) at which ``support`` is optimal."""
        key = (support, pairs)
        if key not in self._nu:
            n = len(pairs)
            weight = {p: (i, ONE) for i, p in enumerate(pairs)}
            eqs, ineqs = self.receiver_rows(support, weight, n)
            eqs = [([ONE] * n, ONE), *eqs]
            ineqs += [(unit_vector(n, i), ZERO) for i in range(n)]
            self._nu[key] = bounded_polytope(n, eqs, ineqs)
        return self._nu[key]

    def reply_rows(
        self, actions: Sequence[tuple[int, ...]], columns: dict[int, int], n: int
    ) -> tuple[Rows, Rows]:
        """Every action in ``actions[t]`` a best reply of ``t`` to the receiver's mix, whose
        response ``b`` is variable ``columns[b]`` (of ``n``)."""
        eqs: Rows = []
        ineqs: Rows = []

        def row(t: int, a: int, c: int) -> list[Fraction]:
            out = [ZERO] * n
            for b, i in columns.items():
                out[i] = self.us[t][a][b] - self.us[t][c][b]
            return out

        for t, acts in enumerate(actions):
            eqs += [(row(t, a, acts[0]), ZERO) for a in acts[1:]]
            ineqs += [(row(t, acts[0], c), ZERO) for c in range(self.na) if c not in acts]
        return eqs, ineqs

    def beta_polytope(
        self, option: Option, m: int, values: Sequence[Fraction] | None
    ) -> Polytope | None:
        """The receiver's mixes of ``option`` at signal ``m`` (deterring every type from ``m``
        when ``values``, the types' equilibrium payoffs, are given)."""
        support, actions = option
        n = len(support)
        columns = {b: i for i, b in enumerate(support)}
        eqs, ineqs = self.reply_rows(actions, columns, n)
        eqs = [([ONE] * n, ONE), *eqs]
        ineqs += [(unit_vector(n, i), ZERO) for i in range(n)]
        if values is not None:
            for t, acts in enumerate(actions):
                # values_t + cost_t(m) - sum_b beta_b u_S(t, a_t, b) >= 0
                ineqs.append(([-self.us[t][acts[0]][b] for b in support],
                              -(values[t] + self.cost[t][m])))
        return bounded_polytope(n, eqs, ineqs, positive=range(n))

    def options(self, types: Sequence[int] | None = None) -> list[Option]:
        """Supports of continuations whose belief polytope (on ``types``) is not empty."""
        types = range(self.nt) if types is None else types
        out = []
        for support in self.feasible:
            for actions in self.stage_supports:
                pairs = tuple((t, a) for t in types for a in actions[t])
                if self.nu_polytope(support, pairs) is not None:
                    out.append((support, actions))
        return out

    def mix(self, support: Sequence[int], vector: Sequence[Fraction], names: Sequence[str]
            ) -> dict[str, Fraction]:
        """A mix over ``names`` from the probabilities ``vector`` of its ``support``."""
        out = dict.fromkeys(names, ZERO)
        for i, p in zip(support, vector, strict=True):
            out[names[i]] = p
        return out

    def payoff(self, t: int, m: int, a: int, support: Sequence[int],
               beta: Sequence[Fraction]) -> Fraction:
        """Type ``t``'s payoff from signal ``m`` and stage action ``a`` against ``beta``."""
        return dot(beta, [self.us[t][a][b] for b in support]) - self.cost[t][m]


def off_path_options(
    tab: StageTables, m: int, values: Sequence[Fraction], options: Sequence[Option]
) -> tuple[StageOffPathOption, ...]:
    """Every continuation at off-path signal ``m`` that leaves no type better off than
    ``values``, one :class:`StageOffPathOption` per pair of supports."""
    game = tab.game
    out = []
    for option in options:
        beta = tab.beta_polytope(option, m, values)
        if beta is None:
            continue
        support, actions = option
        pairs = tuple((t, a) for t in range(tab.nt) for a in actions[t])
        nu = tab.nu_polytope(support, pairs)
        assert nu is not None  # options have beliefs
        marginals = [
            tuple(sum((v[i] for i, (s, _) in enumerate(pairs) if s == t), ZERO)
                  for t in range(tab.nt))
            for v in nu.vertices
        ]
        centre = dict(zip(pairs, nu.centre, strict=True))
        belief = {game.types[t]: sum((centre[t, a] for a in actions[t]), ZERO)
                  for t in range(tab.nt)}
        play = {}
        for t, name in enumerate(game.types):
            weights = [centre[t, a] if a in actions[t] else ZERO for a in range(tab.na)]
            if belief[name] == 0:
                weights = [ONE if a == actions[t][0] else ZERO for a in range(tab.na)]
            total = sum(weights, ZERO)
            play[name] = {game.actions[a]: w / total for a, w in enumerate(weights)}
        out.append(StageOffPathOption(
            signal=game.signals[m],
            support=tuple(game.responses[b] for b in support),
            mixes=tuple(tab.mix(support, v, game.responses) for v in beta.vertices),
            response=tab.mix(support, beta.centre, game.responses),
            beliefs=BeliefSet(game.types, extreme_points(marginals),
                              tuple(game.responses[b] for b in support)),
            actions={game.types[t]: tuple(game.actions[a] for a in actions[t])
                     for t in range(tab.nt)},
            belief=belief,
            play=play,
        ))
    return tuple(out)


def _payoff_range(
    tab: StageTables, m: int, t: int, options: Sequence[Option]
) -> tuple[Fraction, Fraction] | None:
    """The least and greatest payoff of type ``t`` from ``m`` over these continuations."""
    values = []
    for option in options:
        beta = tab.beta_polytope(option, m, None)
        if beta is None:
            continue
        support, actions = option
        values += [tab.payoff(t, m, actions[t][0], support, v) for v in beta.vertices]
    return (min(values), max(values)) if values else None


def stage_intuitive_criterion(
    tab: StageTables, off_path: Sequence[int], values: Sequence[Fraction]
) -> IntuitiveCriterion:
    """Cho and Kreps' Intuitive Criterion at each off-path signal, with the stage game's
    continuations (Bayesian equilibria at some belief) in place of best responses.

    ``m`` is equilibrium-dominated for ``t`` when ``t``'s equilibrium payoff exceeds
    the most ``m`` brings it in any continuation at any belief; a type fails the
    equilibrium when it gains from ``m`` in every continuation at every belief
    concentrated on the types for which ``m`` is not dominated.
    """
    game = tab.game
    every = tab.options()
    tests = []
    for m in off_path:
        dominated = []
        for t in range(tab.nt):
            bounds = _payoff_range(tab, m, t, every)
            if bounds is not None and values[t] > bounds[1]:
                dominated.append(t)
        remaining = tuple(t for t in range(tab.nt) if t not in dominated)
        deviators: tuple[int, ...] = ()
        if remaining:
            credible = tab.options(remaining)
            found = []
            for t in range(tab.nt):
                bounds = _payoff_range(tab, m, t, credible)
                if bounds is not None and bounds[0] > values[t]:
                    found.append(t)
            deviators = tuple(found)
        tests.append(SignalTest(
            signal=game.signals[m],
            dominated=tuple(game.types[t] for t in dominated),
            remaining=tuple(game.types[t] for t in remaining),
            deviators=tuple(game.types[t] for t in deviators),
        ))
    return IntuitiveCriterion(tuple(tests))
