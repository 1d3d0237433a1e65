"""Costly signalling games and their perfect Bayesian equilibria, exact.

A :class:`SignallingGame` is the reassurance story told as a game: chance
draws the sender's *type* from a common prior; the sender, who knows its type,
sends one of a finite set of *signals*, paying a type-dependent *cost*; the
receiver sees the signal (not the type), forms a *belief* about the type and
chooses a *response*.  The sender gets ``u_S(type, response) - cost(type,
signal)``, the receiver ``u_R(type, response)``.

:func:`solve_signalling` finds every (weak) perfect Bayesian equilibrium
exactly and classifies it as separating, pooling, hybrid (semi-separating: some
type mixes) or partially pooling; it gives the beliefs that support each one
(the whole set of supporting off-path beliefs) and says which fail the
Intuitive Criterion.  :func:`separating_conditions` gives the exact cost
conditions under which the signal separates the types ("reassures").

>>> game = reassurance_game(prior_trustworthy="2/5", cost_trustworthy=1,
...                         cost_untrustworthy="3/2")
>>> result = solve_signalling(game)
>>> [e.kind for e in result]
['pooling', 'hybrid']
>>> hybrid = result.hybrid[0]
>>> hybrid.sender["untrustworthy"]["signal"], hybrid.receiver["signal"]["cooperate"]
(Fraction(1, 3), Fraction(3, 4))
>>> print(separating_conditions(game))
c_trustworthy <= 3 and c_untrustworthy >= 2
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations, permutations, product
from typing import Any, Literal

from ..core.errors import SolverError, fail
from ..core.exact import format_number
from ..core.linalg import Polytope, bounded_polytope, dot, is_inconsistent
from ..model.signalling import SignallingGame, reassurance_game

__all__ = [
    "BeliefSet",
    "CostCondition",
    "IntuitiveCriterion",
    "OffPathOption",
    "OnPathContinuum",
    "PerfectBayesianEquilibrium",
    "SeparatingCase",
    "SeparatingConditions",
    "SignalTest",
    "SignallingGame",
    "SignallingResult",
    "reassurance_game",
    "separating_conditions",
    "solve_signalling",
]

Kind = Literal["separating", "pooling", "hybrid", "partially pooling"]
KINDS: tuple[Kind, ...] = ("separating", "pooling", "hybrid", "partially pooling")

#: Support profiles :func:`solve_signalling` examines before refusing a game as too large.
MAX_SUPPORTS = 100_000

ZERO = Fraction(0)
ONE = Fraction(1)


Rows = list[tuple[list[Fraction], Fraction]]


def _subsets(n: int) -> list[tuple[int, ...]]:
    """Non-empty subsets of ``range(n)``, smallest first."""
    return [c for size in range(1, n + 1) for c in combinations(range(n), size)]


def _unit(n: int, i: int, value: Fraction = ONE) -> list[Fraction]:
    row = [ZERO] * n
    row[i] = value
    return row


# -- results --------------------------------------------------------------------------------------


def _show_belief(types: Sequence[str], belief: Sequence[Fraction]) -> str:
    if len(types) == 2:
        return f"P({types[0]}) = {format_number(belief[0])}"
    return "(" + ", ".join(
        f"{t} {format_number(p)}" for t, p in zip(types, belief, strict=True)
    ) + ")"


@dataclass(frozen=True)
class BeliefSet:
    """A convex set of beliefs over the sender's types, by its extreme points.

    ``vertices[k][i]`` is the probability of ``types[i]`` at the ``k``-th extreme
    point.  For two types the set is exactly the interval :meth:`interval` of
    the first type's probability.  ``responses`` are the receiver responses
    that are all best responses at every belief of the set.
    """

    types: tuple[str, ...]
    vertices: tuple[tuple[Fraction, ...], ...]
    responses: tuple[str, ...]

    def interval(self, type: str | None = None) -> tuple[Fraction, Fraction]:
        """The least and greatest probability of ``type`` (default: the first type) in the set."""
        i = self.types.index(type) if type is not None else 0
        values = [v[i] for v in self.vertices]
        return min(values), max(values)

    def beliefs(self) -> tuple[dict[str, Fraction], ...]:
        """The extreme points as ``{type: probability}``."""
        return tuple(dict(zip(self.types, v, strict=True)) for v in self.vertices)

    def __str__(self) -> str:
        if len(self.types) == 2:
            lo, hi = self.interval()
            if lo == hi:
                return f"P({self.types[0]}) = {format_number(lo)}"
            return f"P({self.types[0]}) in [{format_number(lo)}, {format_number(hi)}]"
        if len(self.vertices) == 1:
            return "belief " + _show_belief(self.types, self.vertices[0])
        return "beliefs in the convex hull of " + ", ".join(
            _show_belief(self.types, v) for v in self.vertices
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "vertices": [{t: format_number(p) for t, p in b.items()} for b in self.beliefs()],
            "text": str(self),
        }
        if len(self.types) == 2:
            out["interval"] = {"type": self.types[0],
                               "low": format_number(self.interval()[0]),
                               "high": format_number(self.interval()[1])}
        return out


@dataclass(frozen=True)
class OffPathOption:
    """A receiver response to an off-path signal that keeps an equilibrium one.

    The receiver plays a mix with support ``support``; every mix in the convex
    hull of ``mixes`` with that full support deters every type (no type gains by
    sending ``signal``), and ``beliefs`` is the set of beliefs at which each
    response of the support is a best response.  For a pure response ``mixes``
    is that response alone.  ``response`` is one such mix (the centre).
    """

    signal: str
    support: tuple[str, ...]
    mixes: tuple[dict[str, Fraction], ...]
    response: dict[str, Fraction]
    beliefs: BeliefSet

    @property
    def pure(self) -> bool:
        return len(self.support) == 1

    def __str__(self) -> str:
        if self.pure:
            return f"{self.support[0]}, for beliefs {self.beliefs}"
        if len(self.support) == 2:
            a, b = self.support
            lo = min(m[a] for m in self.mixes)
            hi = max(m[a] for m in self.mixes)
            left = "(" if lo == 0 else "["
            right = ")" if hi == 1 else "]"
            if lo == hi:
                mix = f"{a} {format_number(lo)}, {b} {format_number(1 - lo)}"
            else:
                mix = (f"{a} with probability in {left}{format_number(lo)}, "
                       f"{format_number(hi)}{right}, else {b}")
            return f"mix {mix}, at beliefs {self.beliefs}"
        mixes = "; ".join(
            ", ".join(f"{a} {format_number(p)}" for a, p in m.items()) for m in self.mixes
        )
        return (f"mix of {list(self.support)} in the convex hull of ({mixes}), "
                f"at beliefs {self.beliefs}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "support": list(self.support),
            "mixes": [{a: format_number(p) for a, p in m.items()} for m in self.mixes],
            "beliefs": self.beliefs.to_dict(),
            "text": str(self),
        }


@dataclass(frozen=True)
class SignalTest:
    """The Intuitive Criterion at one off-path signal.

    ``dominated``: types for which sending ``signal`` is equilibrium-dominated
    (their equilibrium payoff exceeds the most the signal can bring them against
    any best response to any belief).  ``remaining``: the other types.
    ``deviators``: types that would strictly gain by sending ``signal`` against
    every best response to every belief concentrated on ``remaining``; the
    equilibrium fails the criterion when there is one.
    """

    signal: str
    dominated: tuple[str, ...]
    remaining: tuple[str, ...]
    deviators: tuple[str, ...]

    @property
    def fails(self) -> bool:
        return bool(self.deviators)

    def __str__(self) -> str:
        if not self.fails:
            if self.dominated:
                return (f"{self.signal!r}: equilibrium-dominated for {', '.join(self.dominated)}; "
                        "no type gains by sending it")
            return f"{self.signal!r}: no type is equilibrium-dominated; no restriction"
        return (f"{self.signal!r} is equilibrium-dominated for {', '.join(self.dominated)}; "
                f"believed to come from {', '.join(self.remaining)}, it pays "
                f"{', '.join(self.deviators)} more than the equilibrium")


@dataclass(frozen=True)
class IntuitiveCriterion:
    """Cho and Kreps' (1987) Intuitive Criterion, signal by signal (off-path signals only)."""

    tests: tuple[SignalTest, ...]

    @property
    def passes(self) -> bool:
        return not any(t.fails for t in self.tests)

    @property
    def failures(self) -> tuple[SignalTest, ...]:
        return tuple(t for t in self.tests if t.fails)

    def __str__(self) -> str:
        if not self.tests:
            return "passes the Intuitive Criterion (no off-path signal)"
        if self.passes:
            return "passes the Intuitive Criterion"
        return "fails the Intuitive Criterion: " + "; ".join(str(t) for t in self.failures)


@dataclass(frozen=True)
class OnPathContinuum:
    """A non-isolated equilibrium: its on-path strategies range over a convex set.

    This happens in non-generic games (e.g. a prior exactly at the receiver's
    indifference threshold).  With the equilibrium's supports, the sender's
    strategy ranges over the convex hull of ``sender`` and the on-path
    receiver strategy over the convex hull of ``receiver`` (the extreme points
    themselves may have smaller supports).  A point of that set is an
    equilibrium when some off-path response deters every type there: those
    points are the union of the convex hulls listed in ``supported`` (one per
    kind of off-path response; taken with the supports above, i.e. relative
    interiors).  The record shows one such point (the centre when it
    qualifies), and its off-path options are those of that point.
    """

    sender: tuple[dict[str, dict[str, Fraction]], ...]
    receiver: tuple[dict[str, dict[str, Fraction]], ...]
    supported: tuple[tuple[dict[str, dict[str, Fraction]], ...], ...] = ()


@dataclass(frozen=True)
class PerfectBayesianEquilibrium:
    """One certified (weak) perfect Bayesian equilibrium of a signalling game.

    ``sender[type][signal]`` and ``receiver[signal][response]`` are the
    strategies, ``beliefs[signal][type]`` the receiver's beliefs; on-path
    beliefs follow Bayes' rule.  At an off-path signal the strategy and belief
    shown are one choice among ``off_path[signal]``, every response (with its
    set of supporting beliefs) that keeps the equilibrium; any combination of
    them across off-path signals is an equilibrium with the same path of play.
    ``continuum`` is set when the on-path strategies are not isolated.
    """

    kind: Kind
    sender: dict[str, dict[str, Fraction]]
    receiver: dict[str, dict[str, Fraction]]
    beliefs: dict[str, dict[str, Fraction]]
    on_path: tuple[str, ...]
    off_path: dict[str, tuple[OffPathOption, ...]]
    sender_payoffs: dict[str, Fraction]
    receiver_payoff: Fraction
    intuitive_criterion: IntuitiveCriterion
    continuum: OnPathContinuum | None = None

    def behavior(self, game: SignallingGame) -> dict[str, dict[str, Fraction] | None]:
        """The behaviour strategy profile in ``game.to_tree()`` (information set -> mix)."""
        out: dict[str, dict[str, Fraction] | None] = {}
        for t in game.types:
            out[game.sender_infoset(t)] = dict(self.sender[t])
        for m in game.signals:
            out[game.receiver_infoset(m)] = dict(self.receiver[m])
        return out

    def lines(self) -> list[str]:
        """The equilibrium in words, one line per fact."""
        types = list(self.sender)
        lines = [f"{self.kind}" + (" (a continuum; one point shown)" if self.continuum else "")]
        for t in types:
            support = [(m, p) for m, p in self.sender[t].items() if p > 0]
            text = support[0][0] if len(support) == 1 else ", ".join(
                f"{m} {format_number(p)}" for m, p in support
            )
            lines.append(f"  {t}: {text}  (payoff {format_number(self.sender_payoffs[t])})")
        for m in self.receiver:
            belief = _show_belief(types, [self.beliefs[m][t] for t in types])
            if m in self.on_path:
                support = [(a, p) for a, p in self.receiver[m].items() if p > 0]
                text = support[0][0] if len(support) == 1 else ", ".join(
                    f"{a} {format_number(p)}" for a, p in support
                )
                lines.append(f"  after {m}: {text}  (belief {belief})")
            elif len(self.off_path[m]) == 1:
                lines.append(f"  after {m} (off path): {self.off_path[m][0]}")
            else:
                lines.append(f"  after {m} (off path), any of:")
                lines.extend(f"    {o}" for o in self.off_path[m])
        lines.append(f"  receiver payoff {format_number(self.receiver_payoff)}; "
                     f"{self.intuitive_criterion}")
        return lines

    def describe(self) -> str:
        return "\n".join(self.lines())

    def to_dict(self) -> dict[str, Any]:
        def table(d: Mapping[str, Mapping[str, Fraction]]) -> dict[str, dict[str, str]]:
            return {k: {a: format_number(p) for a, p in v.items()} for k, v in d.items()}

        return {
            "kind": self.kind,
            "sender": table(self.sender),
            "receiver": table(self.receiver),
            "beliefs": table(self.beliefs),
            "on_path": list(self.on_path),
            "off_path": {m: [o.to_dict() for o in opts] for m, opts in self.off_path.items()},
            "payoffs": {"sender": {t: format_number(v) for t, v in self.sender_payoffs.items()},
                        "receiver": format_number(self.receiver_payoff)},
            "intuitive_criterion": {
                "passes": self.intuitive_criterion.passes,
                "failures": [{"signal": f.signal, "dominated": list(f.dominated),
                              "deviators": list(f.deviators)}
                             for f in self.intuitive_criterion.failures],
            },
            "continuum": None if self.continuum is None else {
                "sender": [table(s) for s in self.continuum.sender],
                "receiver": [table(r) for r in self.continuum.receiver],
                "supported": [[table(r) for r in piece] for piece in self.continuum.supported],
            },
        }


@dataclass(frozen=True)
class SignallingResult:
    """Every perfect Bayesian equilibrium found, certified.

    ``complete`` is True when every PBE of the game is accounted for: its path
    of play is listed as an isolated equilibrium or lies in the on-path set of
    a listed :class:`OnPathContinuum`, and each isolated one lists *every*
    off-path response that supports it.  :func:`solve_signalling` always
    achieves this (the field is kept for solvers that may not); ``warnings``
    holds anything a reader should know.
    """

    game: SignallingGame
    equilibria: tuple[PerfectBayesianEquilibrium, ...]
    complete: bool
    warnings: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    def __iter__(self) -> Iterator[PerfectBayesianEquilibrium]:
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, index: int) -> PerfectBayesianEquilibrium:
        return self.equilibria[index]

    def _kind(self, kind: Kind) -> tuple[PerfectBayesianEquilibrium, ...]:
        return tuple(e for e in self.equilibria if e.kind == kind)

    @property
    def separating(self) -> tuple[PerfectBayesianEquilibrium, ...]:
        return self._kind("separating")

    @property
    def pooling(self) -> tuple[PerfectBayesianEquilibrium, ...]:
        return self._kind("pooling")

    @property
    def hybrid(self) -> tuple[PerfectBayesianEquilibrium, ...]:
        return self._kind("hybrid")

    @property
    def partially_pooling(self) -> tuple[PerfectBayesianEquilibrium, ...]:
        return self._kind("partially pooling")

    @property
    def continua(self) -> tuple[PerfectBayesianEquilibrium, ...]:
        return tuple(e for e in self.equilibria if e.continuum is not None)

    def describe(self) -> str:
        head = f"{len(self)} perfect Bayesian equilibri{'um' if len(self) == 1 else 'a'}"
        if not self.complete:
            head += " (possibly incomplete)"
        parts = [head + ":"]
        for k, e in enumerate(self.equilibria, 1):
            lines = e.lines()
            parts.append(f"{k}. {lines[0]}")
            parts.extend(lines[1:])
        parts.extend(f"warning: {w}" for w in self.warnings)
        return "\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "equilibria": [e.to_dict() for e in self.equilibria],
            "complete": self.complete,
            "warnings": list(self.warnings),
        }


# -- the solver -----------------------------------------------------------------------------------


class Tables:
    """The game by index: prior, payoffs and costs as lists of Fractions; cached belief sets."""

    def __init__(self, game: SignallingGame) -> None:
        self.game = game
        self.nt, self.nm, self.na = len(game.types), len(game.signals), len(game.responses)
        self.prior = [game.prior[t] for t in game.types]
        self.us = [[game.payoffs[t][a][0] for a in game.responses] for t in game.types]
        self.ur = [[game.payoffs[t][a][1] for a in game.responses] for t in game.types]
        self.cost = [[game.cost[t][m] for m in game.signals] for t in game.types]
        self._beliefs: dict[tuple[tuple[int, ...], tuple[int, ...]], Polytope | None] = {}

    def belief_polytope(
        self, support: tuple[int, ...], types: tuple[int, ...] | None = None
    ) -> Polytope | None:
        """Beliefs (concentrated on ``types``) at which every response in ``support`` is optimal."""
        types = tuple(range(self.nt)) if types is None else types
        key = (support, types)
        if key not in self._beliefs:
            n = self.nt
            eqs: list[tuple[list[Fraction], Fraction]] = [([ONE] * n, ONE)]
            eqs += [(_unit(n, t), ZERO) for t in range(n) if t not in types]
            a0 = support[0]
            eqs += [
                ([self.ur[t][a] - self.ur[t][a0] for t in range(n)], ZERO) for a in support[1:]
            ]
            ineqs = [(_unit(n, t), ZERO) for t in range(n)]
            ineqs += [
                ([self.ur[t][a0] - self.ur[t][b] for t in range(n)], ZERO)
                for b in range(self.na) if b not in support
            ]
            self._beliefs[key] = bounded_polytope(n, eqs, ineqs)
        return self._beliefs[key]

    def belief_set(self, support: tuple[int, ...]) -> BeliefSet | None:
        poly = self.belief_polytope(support)
        if poly is None:
            return None
        return BeliefSet(self.game.types, poly.vertices,
                         tuple(self.game.responses[a] for a in support))

    def value(self, t: int, m: int, mix: Sequence[Fraction]) -> Fraction:
        """Type ``t``'s payoff from signal ``m`` against the receiver's mix there."""
        return dot(mix, self.us[t]) - self.cost[t][m]


def _sender_system(
    tab: Tables, supports: Sequence[tuple[int, ...]], on_path: Sequence[int],
    responses: Mapping[int, tuple[int, ...]],
) -> tuple[list[tuple[int, int]], Rows, Rows]:
    """Variables ``(type, signal)``, equalities and inequalities of the sender strategies
    with these supports that make each on-path response set optimal."""
    index = [(t, m) for t in range(tab.nt) for m in supports[t]]
    n = len(index)
    pos = {key: i for i, key in enumerate(index)}
    eqs: list[tuple[list[Fraction], Fraction]] = []
    for t in range(tab.nt):
        row = [ZERO] * n
        for m in supports[t]:
            row[pos[t, m]] = ONE
        eqs.append((row, ONE))
    ineqs: list[tuple[list[Fraction], Fraction]] = [(_unit(n, i), ZERO) for i in range(n)]

    def weighted(m: int, a: int, b: int) -> list[Fraction]:
        # sum_t prior_t sigma(m|t) (u_R(t, a) - u_R(t, b)): the belief at m, unnormalised
        row = [ZERO] * n
        for t in range(tab.nt):
            if (t, m) in pos:
                row[pos[t, m]] = tab.prior[t] * (tab.ur[t][a] - tab.ur[t][b])
        return row

    for m in on_path:
        a0 = responses[m][0]
        eqs += [(weighted(m, a, a0), ZERO) for a in responses[m][1:]]
        ineqs += [(weighted(m, a0, b), ZERO) for b in range(tab.na) if b not in responses[m]]
    return index, eqs, ineqs


def _receiver_system(
    tab: Tables, supports: Sequence[tuple[int, ...]], on_path: Sequence[int],
    responses: Mapping[int, tuple[int, ...]],
) -> tuple[list[tuple[int, int]], Rows, Rows]:
    """Variables ``(signal, response)``, equalities and inequalities of the on-path receiver
    mixes with these supports that make each type's support optimal among on-path signals."""
    index = [(m, a) for m in on_path for a in responses[m]]
    n = len(index)
    pos = {key: i for i, key in enumerate(index)}
    eqs: Rows = []
    for m in on_path:
        row = [ZERO] * n
        for a in responses[m]:
            row[pos[m, a]] = ONE
        eqs.append((row, ONE))
    ineqs: Rows = [(_unit(n, i), ZERO) for i in range(n)]

    def gap(t: int, m: int, other: int) -> tuple[list[Fraction], Fraction]:
        # payoff of type t from m minus from other = row . y - (cost_m - cost_other)
        row = [ZERO] * n
        for a in responses[m]:
            row[pos[m, a]] += tab.us[t][a]
        for a in responses[other]:
            row[pos[other, a]] -= tab.us[t][a]
        return row, tab.cost[t][m] - tab.cost[t][other]

    for t in range(tab.nt):
        m0 = supports[t][0]
        eqs += [gap(t, m, m0) for m in supports[t][1:]]
        ineqs += [gap(t, m0, other) for other in on_path if other not in supports[t]]
    return index, eqs, ineqs


def _supported_pieces(
    tab: Tables, supports: Sequence[tuple[int, ...]], on_path: Sequence[int],
    responses: Mapping[int, tuple[int, ...]], feasible: Sequence[tuple[int, ...]],
) -> list[Polytope]:
    """The parts of a continuum of on-path receiver mixes at which some off-path response
    deters every type from every off-path signal: one convex piece (extreme points of its
    closure, and a relative-interior point) per choice of off-path response supports.

    Deterrence is linear in the on-path mixes and the off-path ones jointly, so for each
    choice of off-path supports the supported set is the projection of one polytope.
    """
    index, eqs, ineqs = _receiver_system(tab, supports, on_path, responses)
    n_on = len(index)
    pos = {key: i for i, key in enumerate(index)}
    off = [m for m in range(tab.nm) if m not in on_path]
    pieces: list[Polytope] = []
    for chosen in product(feasible, repeat=len(off)):
        extra = [(m, a) for m, support in zip(off, chosen, strict=True) for a in support]
        n = n_on + len(extra)
        where = {key: n_on + i for i, key in enumerate(extra)}
        grow = [ZERO] * len(extra)
        eqs2: Rows = [([*row, *grow], b) for row, b in eqs]
        ineqs2: Rows = [([*row, *grow], b) for row, b in ineqs]
        for m, support in zip(off, chosen, strict=True):
            row = [ZERO] * n
            for a in support:
                row[where[m, a]] = ONE
            eqs2.append((row, ONE))
            ineqs2 += [(_unit(n, where[m, a]), ZERO) for a in support]
            for t in range(tab.nt):
                # value of t on its path minus its payoff from m >= 0
                m0 = supports[t][0]
                row = [ZERO] * n
                for a in responses[m0]:
                    row[pos[m0, a]] += tab.us[t][a]
                for a in support:
                    row[where[m, a]] -= tab.us[t][a]
                ineqs2.append((row, tab.cost[t][m0] - tab.cost[t][m]))
        poly = bounded_polytope(n, eqs2, ineqs2, positive=range(n))
        if poly is None:
            continue
        vertices = tuple(sorted({v[:n_on] for v in poly.vertices}))
        if all(p.vertices != vertices for p in pieces):
            pieces.append(Polytope(vertices, poly.centre[:n_on]))
    return pieces


def _off_path_options(
    tab: Tables, m: int, values: Sequence[Fraction], feasible: Sequence[tuple[int, ...]]
) -> tuple[OffPathOption, ...]:
    """Every receiver support at off-path signal ``m`` (with the mixes over it) that is a best
    response to some belief and leaves no type better off than ``values``."""
    game = tab.game
    out = []
    for support in feasible:
        n = len(support)
        eqs = [([ONE] * n, ONE)]
        ineqs = [(_unit(n, i), ZERO) for i in range(n)]
        # value_t + cost_t(m) - sum_a y_a u_S(t, a) >= 0
        ineqs += [([-tab.us[t][a] for a in support], -(values[t] + tab.cost[t][m]))
                  for t in range(tab.nt)]
        poly = bounded_polytope(n, eqs, ineqs, positive=range(n))
        if poly is None:
            continue
        beliefs = tab.belief_set(support)
        assert beliefs is not None  # feasible supports have beliefs

        def mix(vector: Sequence[Fraction], support: tuple[int, ...] = support) -> dict[
            str, Fraction
        ]:
            out = dict.fromkeys(game.responses, ZERO)
            for a, p in zip(support, vector, strict=True):
                out[game.responses[a]] = p
            return out

        out.append(OffPathOption(
            signal=game.signals[m],
            support=tuple(game.responses[a] for a in support),
            mixes=tuple(mix(v) for v in poly.vertices),
            response=mix(poly.centre),
            beliefs=beliefs,
        ))
    return tuple(out)


def _intuitive_criterion(
    tab: Tables, off_path: Sequence[int], values: Sequence[Fraction]
) -> IntuitiveCriterion:
    game = tab.game
    all_types = tuple(range(tab.nt))

    def rationalizable(types: tuple[int, ...]) -> list[int]:
        """Pure responses that are best responses to some belief concentrated on ``types``."""
        return [a for a in range(tab.na) if tab.belief_polytope((a,), types) is not None]

    anything = rationalizable(all_types)
    tests = []
    for m in off_path:
        dominated = tuple(
            t for t in all_types
            if values[t] > max(tab.us[t][a] - tab.cost[t][m] for a in anything)
        )
        remaining = tuple(t for t in all_types if t not in dominated)
        deviators: tuple[int, ...] = ()
        if remaining:
            credible = rationalizable(remaining)
            deviators = tuple(
                t for t in all_types
                if min(tab.us[t][a] - tab.cost[t][m] for a in credible) > values[t]
            )
        tests.append(SignalTest(
            signal=game.signals[m],
            dominated=tuple(game.types[t] for t in dominated),
            remaining=tuple(game.types[t] for t in remaining),
            deviators=tuple(game.types[t] for t in deviators),
        ))
    return IntuitiveCriterion(tuple(tests))


def _kind(sender: Sequence[Sequence[Fraction]]) -> Kind:
    if any(sum(1 for p in row if p > 0) > 1 for row in sender):
        return "hybrid"
    chosen = [next(m for m, p in enumerate(row) if p > 0) for row in sender]
    if len(set(chosen)) == 1:
        return "pooling"
    if len(set(chosen)) == len(chosen):
        return "separating"
    return "partially pooling"


def _count_supports(nt: int, nm: int, n_feasible: int) -> int:
    total = 0
    for supports in product(_subsets(nm), repeat=nt):
        total += n_feasible ** len(set().union(*supports))
    return total


def solve_signalling(game: SignallingGame, *, max_supports: int = MAX_SUPPORTS) -> SignallingResult:
    """Every perfect Bayesian equilibrium of a signalling game, exact and certified.

    The method enumerates supports: for every choice of the signals each type
    sends with positive probability and of the responses the receiver mixes
    over at each signal sent, the sender's mix is fixed by the receiver's
    indifference (posterior on the indifference boundary) and the receiver's
    mix by each type's indifference; both are linear systems, solved exactly.
    At every off-path signal, every receiver response (pure, or a mix at a
    belief that makes its responses indifferent) that is a best response to
    some belief and gives no type more than its equilibrium payoff is listed,
    with its whole set of supporting beliefs.  Each equilibrium is then
    certified independently (Bayes' rule on the path, sequential rationality of
    the receiver at every signal, no profitable deviation for any type) and
    tested with the Intuitive Criterion.

    Raises :class:`~gametrust.core.errors.ArgumentError` when the game needs more than
    ``max_supports`` support profiles.
    """
    if not isinstance(game, SignallingGame):
        raise fail(f"expected a SignallingGame, got {type(game).__name__}", "game")
    tab = Tables(game)
    feasible = [s for s in _subsets(tab.na) if tab.belief_polytope(s) is not None]
    count = _count_supports(tab.nt, tab.nm, len(feasible))
    if count > max_supports:
        raise fail(
            f"the game has {count} support profiles, more than max_supports={max_supports}; "
            "pass a larger max_supports to try anyway",
            "game",
        )
    found: list[PerfectBayesianEquilibrium] = []
    warnings: list[str] = []
    for supports in product(_subsets(tab.nm), repeat=tab.nt):
        on_path = sorted(set().union(*supports))
        for chosen in product(feasible, repeat=len(on_path)):
            responses = dict(zip(on_path, chosen, strict=True))
            # cheap first: in a generic game one of the two linear systems is inconsistent
            s_index, s_eqs, s_ineqs = _sender_system(tab, supports, on_path, responses)
            r_index, r_eqs, r_ineqs = _receiver_system(tab, supports, on_path, responses)
            if is_inconsistent(r_eqs, len(r_index)) or is_inconsistent(s_eqs, len(s_index)):
                continue
            rho_poly = bounded_polytope(len(r_index), r_eqs, r_ineqs, positive=range(len(r_index)))
            if rho_poly is None:
                continue
            sigma_poly = bounded_polytope(
                len(s_index), s_eqs, s_ineqs, positive=range(len(s_index))
            )
            if sigma_poly is None:
                continue
            sigma, rho = (sigma_poly, s_index), (rho_poly, r_index)
            record = _assemble(tab, supports, on_path, responses, sigma, rho, feasible)
            if record is not None:
                _certify(game, record)
                found.append(record)
    found.sort(key=lambda e: KINDS.index(e.kind))
    return SignallingResult(
        game=game,
        equilibria=tuple(found),
        complete=not warnings,
        warnings=tuple(warnings),
        details={"support_profiles": count},
    )


def _assemble(
    tab: Tables,
    supports: Sequence[tuple[int, ...]],
    on_path: Sequence[int],
    responses: Mapping[int, tuple[int, ...]],
    sigma: tuple[Polytope, list[tuple[int, int]]],
    rho: tuple[Polytope, list[tuple[int, int]]],
    feasible: Sequence[tuple[int, ...]],
) -> PerfectBayesianEquilibrium | None:
    """The equilibrium at the centre of these on-path sets (or, for a continuum whose centre
    no off-path response supports, at a point of it that one does); ``None`` when there is
    none."""
    game = tab.game

    def sender_table(vector: Sequence[Fraction]) -> list[list[Fraction]]:
        table = [[ZERO] * tab.nm for _ in range(tab.nt)]
        for (t, m), p in zip(sigma[1], vector, strict=True):
            table[t][m] = p
        return table

    def receiver_table(vector: Sequence[Fraction]) -> dict[int, list[Fraction]]:
        table = {m: [ZERO] * tab.na for m in on_path}
        for (m, a), p in zip(rho[1], vector, strict=True):
            table[m][a] = p
        return table

    sender = sender_table(sigma[0].centre)
    receiver = receiver_table(rho[0].centre)
    off = [m for m in range(tab.nm) if m not in on_path]
    is_continuum = len(sigma[0].vertices) > 1 or len(rho[0].vertices) > 1

    def analyse(receiver: dict[int, list[Fraction]]) -> tuple[
        list[Fraction], dict[int, tuple[OffPathOption, ...]]
    ]:
        values = [tab.value(t, supports[t][0], receiver[supports[t][0]]) for t in range(tab.nt)]
        return values, {m: _off_path_options(tab, m, values, feasible) for m in off}

    values, options = analyse(receiver)
    pieces = None
    if len(rho[0].vertices) > 1:
        pieces = _supported_pieces(tab, supports, on_path, responses, feasible)
        if not pieces:
            return None
        if any(not opts for opts in options.values()):
            # the centre of the continuum is not supported off the path: a point that is
            receiver = receiver_table(pieces[0].centre)
            values, options = analyse(receiver)
    elif any(not opts for opts in options.values()):
        return None
    beliefs: dict[str, dict[str, Fraction]] = {}
    receiver_out: dict[str, dict[str, Fraction]] = {}
    for m in range(tab.nm):
        name = game.signals[m]
        if m in on_path:
            weights = [tab.prior[t] * sender[t][m] for t in range(tab.nt)]
            total = sum(weights, ZERO)
            beliefs[name] = {game.types[t]: w / total for t, w in enumerate(weights)}
            receiver_out[name] = {game.responses[a]: p for a, p in enumerate(receiver[m])}
        else:
            first = options[m][0]
            beliefs[name] = first.beliefs.beliefs()[0]
            receiver_out[name] = dict(first.response)
    receiver_payoff = sum(
        (
            tab.prior[t] * sender[t][m] * receiver[m][a] * tab.ur[t][a]
            for t in range(tab.nt) for m in on_path for a in range(tab.na)
        ),
        ZERO,
    )
    continuum = None
    if is_continuum:

        def named(vertices: Sequence[Sequence[Fraction]]) -> tuple[dict[str, dict[str, Fraction]],
                                                                    ...]:
            return tuple(
                {game.signals[m]: {game.responses[a]: p for a, p in enumerate(row)}
                 for m, row in receiver_table(v).items()}
                for v in vertices
            )

        continuum = OnPathContinuum(
            sender=tuple(_name_sender(game, sender_table(v)) for v in sigma[0].vertices),
            receiver=named(rho[0].vertices),
            supported=tuple(named(p.vertices) for p in pieces) if pieces is not None else (
                named(rho[0].vertices),
            ),
        )
    return PerfectBayesianEquilibrium(
        kind=_kind(sender),
        sender=_name_sender(game, sender),
        receiver=receiver_out,
        beliefs=beliefs,
        on_path=tuple(game.signals[m] for m in on_path),
        off_path={game.signals[m]: options[m] for m in off},
        sender_payoffs={game.types[t]: values[t] for t in range(tab.nt)},
        receiver_payoff=receiver_payoff,
        intuitive_criterion=_intuitive_criterion(tab, off, values),
        continuum=continuum,
    )


def _name_sender(game: SignallingGame, table: Sequence[Sequence[Fraction]]) -> dict[
    str, dict[str, Fraction]
]:
    return {
        t: {m: table[i][j] for j, m in enumerate(game.signals)} for i, t in enumerate(game.types)
    }


def _certify(game: SignallingGame, e: PerfectBayesianEquilibrium) -> None:
    """Check an equilibrium from its named strategies alone; a failure is a solver bug."""

    def fail(why: str) -> SolverError:
        return SolverError(f"a signalling equilibrium failed its certificate ({why}): {e}")

    for t in game.types:
        row = e.sender[t]
        if any(p < 0 for p in row.values()) or sum(row.values(), ZERO) != 1:
            raise fail(f"the strategy of {t} is not a distribution")
    for m in game.signals:
        mix = e.receiver[m]
        if any(p < 0 for p in mix.values()) or sum(mix.values(), ZERO) != 1:
            raise fail(f"the response to {m} is not a distribution")
        mass = sum((game.prior[t] * e.sender[t][m] for t in game.types), ZERO)
        if (mass > 0) != (m in e.on_path):
            raise fail(f"{m} is wrongly marked on or off the path")
        if mass > 0:
            for t in game.types:
                if e.beliefs[m][t] != game.prior[t] * e.sender[t][m] / mass:
                    raise fail(f"the belief after {m} does not follow Bayes' rule")
        best = game.best_responses(e.beliefs[m])
        if any(p > 0 and a not in best for a, p in mix.items()):
            raise fail(f"the response to {m} is not a best response to the belief")
    for t in game.types:
        payoff = {
            m: sum((p * game.sender_payoff(t, m, a) for a, p in e.receiver[m].items()), ZERO)
            for m in game.signals
        }
        top = max(payoff.values())
        if any(p > 0 and payoff[m] != top for m, p in e.sender[t].items()):
            raise fail(f"{t} has a profitable deviation")
        if e.sender_payoffs[t] != top:
            raise fail(f"the payoff of {t} is wrong")
    for m, options in e.off_path.items():
        if not options:
            raise fail(f"no off-path support at {m}")
        for option in options:
            for belief in option.beliefs.beliefs():
                if not set(option.support) <= set(game.best_responses(belief)):
                    raise fail(f"an off-path belief at {m} does not support its response")
            for mix in (*option.mixes, option.response):
                for t in game.types:
                    gain = sum((p * game.sender_payoff(t, m, a) for a, p in mix.items()), ZERO)
                    if gain > e.sender_payoffs[t]:
                        raise fail(f"an off-path response at {m} invites {t} to deviate")


# -- cost conditions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CostCondition:
    """``cost(type, signal) - cost(type, versus) <relation> bound``, and whether the game meets it.

    ``value`` is the game's own cost difference.  Written ``c_type <= bound``
    when the case fixes which two signals are compared.
    """

    type: str
    signal: str
    versus: str
    relation: Literal["<=", ">="]
    bound: Fraction
    value: Fraction

    @property
    def holds(self) -> bool:
        return self.value <= self.bound if self.relation == "<=" else self.value >= self.bound

    def __str__(self) -> str:
        return f"c_{self.type} {self.relation} {format_number(self.bound)}"

    def describe(self) -> str:
        return (f"cost({self.type}, {self.signal}) - cost({self.type}, {self.versus}) "
                f"{self.relation} {format_number(self.bound)}")


@dataclass(frozen=True)
class SeparatingCase:
    """One way to separate: ``senders[signal]`` is the type that sends it, ``responses[signal]``
    the receiver's (pure) best response to that type, and ``conditions`` the cost inequalities
    that make it an equilibrium (all must hold)."""

    senders: dict[str, str]
    responses: dict[str, str]
    conditions: tuple[CostCondition, ...]

    @property
    def holds(self) -> bool:
        return all(c.holds for c in self.conditions)

    def __str__(self) -> str:
        if len(self.senders) == 2:
            return " and ".join(str(c) for c in self.conditions)
        return " and ".join(c.describe() for c in self.conditions)


@dataclass(frozen=True)
class SeparatingConditions:
    """The cost conditions under which a signal separates the types (it "reassures").

    A separating equilibrium exists iff some case holds (for two types and two
    signals, ``c_t`` is type ``t``'s cost of the first signal minus its cost of
    the second).  ``ties`` is True when the receiver is indifferent between
    responses to some known type: then mixed responses can separate under
    further cost conditions not listed — :func:`solve_signalling` decides.
    """

    cases: tuple[SeparatingCase, ...]
    ties: bool

    @property
    def holds(self) -> bool:
        return any(c.holds for c in self.cases)

    def cases_for(self, type: str, signal: str) -> tuple[SeparatingCase, ...]:
        """The cases in which ``type`` sends ``signal``."""
        return tuple(c for c in self.cases if c.senders.get(signal) == type)

    def __str__(self) -> str:
        """The first case (for the reassurance game: the trustworthy type sends the signal)."""
        return str(self.cases[0])

    def describe(self) -> str:
        return "\n".join(
            f"{', '.join(f'{t} sends {m}' for m, t in c.senders.items())}: {c}"
            f"  ({'holds' if c.holds else 'fails'})"
            for c in self.cases
        )


def separating_conditions(game: SignallingGame) -> SeparatingConditions:
    """Exact cost conditions for a separating equilibrium, as many signals as types.

    With every type sending its own signal, the receiver knows the type and
    answers with a best response to it, and each type must not prefer another
    type's signal: ``cost(t, m_t) - cost(t, m_t') <= u_S(t, r_t) - u_S(t, r_t')``.
    For two types and signals ``(s1, s2)`` this reads, for the case where type
    ``A`` sends ``s1``: ``c_A <= u_S(A, r_A) - u_S(A, r_B)`` (the signal costs A at
    most what being recognised gains it) and ``c_B >= u_S(B, r_A) - u_S(B, r_B)``
    (it costs B at least what mimicking A would gain it), where
    ``c_t = cost(t, s1) - cost(t, s2)``.

    >>> game = reassurance_game(prior_trustworthy="1/2", cost_trustworthy=1,
    ...                         cost_untrustworthy=3)
    >>> conditions = separating_conditions(game)
    >>> print(conditions)
    c_trustworthy <= 3 and c_untrustworthy >= 2
    >>> conditions.holds
    True
    """
    if not isinstance(game, SignallingGame):
        raise fail(f"expected a SignallingGame, got {type(game).__name__}", "game")
    if len(game.types) < 2 or len(game.signals) != len(game.types):
        raise fail(
            "separating conditions are computed for games with as many signals as types (at "
            f"least two); this game has {len(game.types)} types and {len(game.signals)} signals "
            "— use solve_signalling(game).separating",
            "game",
        )
    best = {}
    ties = False
    for t in game.types:
        values = {a: game.receiver_payoff(t, a) for a in game.responses}
        top = max(values.values())
        best[t] = [a for a in game.responses if values[a] == top]
        ties = ties or len(best[t]) > 1
    two = len(game.types) == 2
    s1, s2 = game.signals[0], game.signals[-1]
    cases = []
    for order in permutations(game.types):
        senders = dict(zip(game.signals, order, strict=True))
        signal_of = {t: m for m, t in senders.items()}
        for chosen in product(*(best[t] for t in order)):
            response_of = dict(zip(order, chosen, strict=True))
            conditions = []
            if two:
                a, b = order  # a sends s1, b sends s2
                gain_a = game.payoffs[a][response_of[a]][0] - game.payoffs[a][response_of[b]][0]
                gain_b = game.payoffs[b][response_of[a]][0] - game.payoffs[b][response_of[b]][0]
                conditions = [
                    CostCondition(a, s1, s2, "<=", gain_a, game.cost[a][s1] - game.cost[a][s2]),
                    CostCondition(b, s1, s2, ">=", gain_b, game.cost[b][s1] - game.cost[b][s2]),
                ]
            else:
                for t in order:
                    for other in order:
                        if other == t:
                            continue
                        m, m2 = signal_of[t], signal_of[other]
                        bound = (game.payoffs[t][response_of[t]][0]
                                 - game.payoffs[t][response_of[other]][0])
                        conditions.append(CostCondition(
                            t, m, m2, "<=", bound, game.cost[t][m] - game.cost[t][m2]
                        ))
            cases.append(SeparatingCase(
                senders=senders,
                responses={signal_of[t]: response_of[t] for t in order},
                conditions=tuple(conditions),
            ))
    return SeparatingConditions(tuple(cases), ties)
