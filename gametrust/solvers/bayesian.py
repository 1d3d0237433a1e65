"""Games of incomplete information: types, priors and Bayesian Nash equilibria.

Trust, in the literature gametrust draws on, is a belief: the probability that
the other side is a *security seeker* rather than a *greedy* state that would
exploit cooperation.  A :class:`BayesianGame` makes that belief part of the
game (Harsanyi 1967-68): each player has a set of **types** (its private
information: its preferences), types are drawn **independently** from **priors**
that are common knowledge, and every type profile has its own payoff tensor.

A **Bayesian Nash equilibrium** (BNE) gives each type of each player a (mixed)
strategy that is a best response, given the type's *interim* belief about the
others' types, to the others' type-contingent strategies.  Because types are
independent, a type's interim belief is just the others' prior, so the
condition is well defined for every type, including types with prior 0 (see
:func:`solve_bayesian` for why that matters).

:func:`solve_bayesian` finds every BNE of a two-player game exactly, through the
*type-agent normal form* (each player's pure strategies are plans: one action
per type), solved by :func:`gametrust.solve`; N-player games get their pure BNE.
:func:`sweep_prior` follows the BNE exactly as one player's prior moves, and
:func:`trust_threshold` returns the least prior at which a named cooperative
profile is part of a BNE.  The model is documented in ``docs/bayesian.md``.

A security dilemma with two kinds of North Korea: the US (Stag Hunt
preferences) reassures only if DPRK freezes with probability at least 1/2;
a security seeker (Stag Hunt) freezes only if the US reassures with probability
at least 2/3; a greedy DPRK (Prisoner's Dilemma) always arms.

>>> from fractions import Fraction
>>> from gametrust import NormalFormGame
>>> acts = [["Reassure", "Pressure"], ["Freeze", "Arm"]]
>>> us = [[4, 0], [3, 1]]
>>> seeker = NormalFormGame.from_arrays(us, [[4, 3], [0, 2]], players=["US", "DPRK"],
...                                     actions=acts)
>>> greedy = NormalFormGame.from_arrays(us, [[3, 4], [0, 2]], players=["US", "DPRK"],
...                                     actions=acts)
>>> bg = BayesianGame.from_games(
...     {("US", "security_seeker"): seeker, ("US", "greedy"): greedy},
...     types={"US": ["US"], "DPRK": ["security_seeker", "greedy"]},
...     priors={"DPRK": ["3/4", "1/4"]})
>>> result = solve_bayesian(bg)
>>> for e in result:
...     print(e.describe())
US: Reassure; DPRK: security_seeker: Freeze, greedy: Arm
US: Pressure; DPRK: security_seeker: Arm, greedy: Arm
US: Reassure 2/3, Pressure 1/3; DPRK: security_seeker: (Freeze 2/3, Arm 1/3), greedy: Arm
>>> trust_threshold(bg, "DPRK", "security_seeker",
...                 {"US": "Reassure", "DPRK.security_seeker": "Freeze"}).value
Fraction(1, 2)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations, product
from math import comb, prod
from typing import Any, Literal

from ..analysis.parametric import interleave
from ..core.errors import ArgumentError, Location, SolverError, fail
from ..core.exact import Number, as_number, format_number
from ..core.linalg import solve_square, solve_unique
from ..core.polynomial import Poly, RationalFunction
from ..model.bayesian import (
    BayesianGame,
    deviation_payoffs,
    interim_payoffs,
    interim_regrets,
    is_bayesian_nash,
    plan_game,
    strategy_vectors,
    tolerance,
)
from .result import SolveResult

__all__ = [
    "BayesianEquilibrium",
    "BayesianGame",
    "BayesianResult",
    "PriorPiece",
    "PriorPoint",
    "PriorSweep",
    "PriorThreshold",
    "interim_payoffs",
    "interim_regrets",
    "is_bayesian_nash",
    "solve_bayesian",
    "sweep_prior",
    "trust_threshold",
]

#: Largest number of bases of the best-response polytope a prior sweep examines.
SWEEP_BUDGET = 200_000

Strategies = tuple[tuple[tuple[Number, ...], ...], ...]  # [player][type][action]


# -- results -------------------------------------------------------------------------------------


def _mix(actions: Sequence[str], probs: Sequence[Number]) -> str:
    support = [(a, p) for a, p in zip(actions, probs, strict=True) if p > 0]
    if len(support) == 1:
        return support[0][0]
    return ", ".join(f"{a} {format_number(p)}" for a, p in support)


@dataclass(frozen=True)
class BayesianEquilibrium:
    """One certified Bayesian Nash equilibrium.

    ``strategies[i][t][a]``: probability that player ``i`` of type ``t`` plays
    action ``a``.  ``interim_payoffs[i][t]``: that type's expected payoff given
    its interim belief; ``payoffs[i]``: the player's ex-ante expected payoff
    (prior-weighted over its types).  ``best_responses[i][t]``: the actions
    that are best for the type (it is indifferent among them).  ``regret`` is
    the certificate: the largest interim gain any type could get by deviating
    (``0`` exactly in exact games).
    """

    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    types: tuple[tuple[str, ...], ...]
    strategies: Strategies
    interim_payoffs: tuple[tuple[Number, ...], ...]
    payoffs: tuple[Number, ...]
    best_responses: tuple[tuple[tuple[str, ...], ...], ...]
    regret: Number
    strict: bool

    @property
    def kind(self) -> Literal["pure", "mixed"]:
        """``"pure"`` when every type of every player plays one action."""
        pure = all(sum(1 for p in s if p > 0) == 1 for per in self.strategies for s in per)
        return "pure" if pure else "mixed"

    def _player(self, player: str | int) -> int:
        return player if isinstance(player, int) else self.players.index(player)

    def strategy(self, player: str | int, type_: str | int | None = None) -> dict[str, Number]:
        """A type's mixed strategy as ``{action: probability}`` (type optional for one type)."""
        i = self._player(player)
        if type_ is None:
            if len(self.types[i]) != 1:
                raise fail(f"player {self.players[i]!r} has several types; name one", "type")
            t = 0
        else:
            t = type_ if isinstance(type_, int) else self.types[i].index(type_)
        return dict(zip(self.actions[i], self.strategies[i][t], strict=True))

    def action(self, player: str | int, type_: str | int | None = None) -> str | None:
        """The action a type plays for sure, or ``None`` when it mixes."""
        support = [a for a, p in self.strategy(player, type_).items() if p > 0]
        return support[0] if len(support) == 1 else None

    def support(self, player: str | int, type_: str | int) -> tuple[str, ...]:
        return tuple(a for a, p in self.strategy(player, type_).items() if p > 0)

    def describe_player(self, player: str | int) -> str:
        """``"Reassure"`` or ``"security_seeker: (Freeze 2/3, Arm 1/3), greedy: Arm"``."""
        i = self._player(player)
        if len(self.types[i]) == 1:
            return _mix(self.actions[i], self.strategies[i][0])
        parts = []
        for t, s in zip(self.types[i], self.strategies[i], strict=True):
            text = _mix(self.actions[i], s)
            parts.append(f"{t}: ({text})" if "," in text else f"{t}: {text}")
        return ", ".join(parts)

    def describe(self) -> str:
        """One line: ``"US: Reassure; DPRK: security_seeker: Freeze, greedy: Arm"``."""
        return "; ".join(f"{p}: {self.describe_player(i)}" for i, p in enumerate(self.players))

    def describe_payoffs(self) -> str:
        """``"interim: US 3; DPRK security_seeker 4, greedy 4 | ex ante: US 3, DPRK 4"``."""
        interim = []
        for i, p in enumerate(self.players):
            if len(self.types[i]) == 1:
                interim.append(f"{p} {format_number(self.interim_payoffs[i][0])}")
            else:
                values = ", ".join(
                    f"{t} {format_number(v)}"
                    for t, v in zip(self.types[i], self.interim_payoffs[i], strict=True)
                )
                interim.append(f"{p} {values}")
        ex_ante = ", ".join(
            f"{p} {format_number(v)}" for p, v in zip(self.players, self.payoffs, strict=True)
        )
        return f"interim: {'; '.join(interim)} | ex ante: {ex_ante}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: probabilities and payoffs as exact strings."""
        return {
            "kind": self.kind,
            "strategies": {
                p: {
                    t: {a: format_number(x) for a, x in zip(self.actions[i], s, strict=True)}
                    for t, s in zip(self.types[i], self.strategies[i], strict=True)
                }
                for i, p in enumerate(self.players)
            },
            "interim_payoffs": {
                p: {
                    t: format_number(v)
                    for t, v in zip(self.types[i], self.interim_payoffs[i], strict=True)
                }
                for i, p in enumerate(self.players)
            },
            "payoffs": {
                p: format_number(v) for p, v in zip(self.players, self.payoffs, strict=True)
            },
            "strict": self.strict,
            "regret": format_number(self.regret),
        }


@dataclass(frozen=True)
class BayesianResult:
    """Every Bayesian Nash equilibrium found, and how much of it there is.

    ``complete`` is True when every *extreme* BNE was found (two players), or
    every pure one (``concept == "pure-bayesian-nash"``).  ``components``
    groups equilibria into maximal convex sets: a group of several is a
    continuum, every profile in which each player's type-contingent strategy
    is a convex combination (one set of weights for all its types) of the
    group's strategies for that player.  ``agent_form`` is the solved
    type-agent normal form, for inspection.
    """

    game: BayesianGame = field(compare=False, repr=False)
    equilibria: tuple[BayesianEquilibrium, ...]
    method: str
    exact: bool
    complete: bool
    concept: str = "bayesian-nash"
    components: tuple[tuple[int, ...], ...] = ()
    warnings: tuple[str, ...] = ()
    agent_form: SolveResult | None = field(default=None, compare=False, repr=False)

    def __iter__(self) -> Iterator[BayesianEquilibrium]:
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, index: int) -> BayesianEquilibrium:
        return self.equilibria[index]

    @property
    def continua(self) -> tuple[tuple[int, ...], ...]:
        return tuple(c for c in self.components if len(c) > 1)

    @property
    def pure(self) -> tuple[BayesianEquilibrium, ...]:
        return tuple(e for e in self.equilibria if e.kind == "pure")

    @property
    def mixed(self) -> tuple[BayesianEquilibrium, ...]:
        return tuple(e for e in self.equilibria if e.kind == "mixed")

    def describe(self) -> str:
        """A short text report: each equilibrium with its interim and ex-ante payoffs."""
        title = f" of {self.game.title!r}" if self.game.title else ""
        flags = ", ".join(
            x
            for x in (
                "exact" if self.exact else "float",
                "complete" if self.complete else "not complete",
            )
            if x
        )
        what = (
            "pure Bayesian Nash equilibria"
            if self.concept == "pure-bayesian-nash"
            else ("Bayesian Nash equilibria")
        )
        lines = [f"{len(self)} {what}{title} ({self.method}, {flags})"]
        priors = []
        for i, p in enumerate(self.game.players):
            if len(self.game.types[i]) > 1:
                priors.append(
                    f"{p}: "
                    + ", ".join(
                        f"{t} {format_number(q)}"
                        for t, q in zip(self.game.types[i], self.game.priors[i], strict=True)
                    )
                )
        if priors:
            lines.append("priors: " + "; ".join(priors))
        for k, e in enumerate(self):
            lines.append(f"{k + 1}. [{e.kind}] {e.describe()}")
            lines.append(f"   {e.describe_payoffs()}")
        for c in self.continua:
            members = ", ".join(str(k + 1) for k in c)
            lines.append(f"continuum: equilibria {members} and every mixture of them")
        lines.extend(f"note: {w}" for w in self.warnings)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.describe()


# -- solving -------------------------------------------------------------------------------------


def _marginals(bg: BayesianGame, i: int, mixed: Sequence[Number]) -> tuple[tuple[Number, ...], ...]:
    """A mixed plan as behaviour: the marginal distribution of each type's action."""
    zero: Number = Fraction(0) if bg.exact else 0.0
    out = [[zero] * bg.shape[i] for _ in bg.types[i]]
    for plan, weight in zip(bg.plans(i), mixed, strict=True):
        if weight == 0:
            continue
        for t, a in enumerate(plan):
            out[t][a] = out[t][a] + weight
    return tuple(tuple(row) for row in out)


def _flat(strategy: tuple[tuple[Number, ...], ...]) -> tuple[Number, ...]:
    return tuple(p for row in strategy for p in row)


def _same(a: Sequence[Number], b: Sequence[Number], tol: Any) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))


def _in_hull(point: Sequence[Number], others: list[Sequence[Number]], dim: int, tol: Any) -> bool:
    """Is ``point`` a convex combination of ``others``?  Exact, by Caratheodory's theorem:
    try every affinely independent subset of at most ``dim + 1`` points."""
    target = [*point, 1]
    for size in range(1, min(len(others), dim + 1) + 1):
        for subset in combinations(others, size):
            lam = solve_unique([[*q, 1] for q in subset], target, tol)
            if lam is not None and all(x >= -tol for x in lam):
                return True
    return False


def _extreme(
    points: list[tuple[tuple[Number, ...], ...]], dim: int, tol: Any
) -> list[tuple[tuple[Number, ...], ...]]:
    unique: list[tuple[tuple[Number, ...], ...]] = []
    for p in points:
        if not any(_same(_flat(p), _flat(q), tol) for q in unique):
            unique.append(p)
    flats = [_flat(p) for p in unique]
    return [
        p
        for k, p in enumerate(unique)
        if not _in_hull(flats[k], flats[:k] + flats[k + 1 :], dim, tol)
    ]


def _is_pure(profile: Strategies) -> bool:
    return all(sum(1 for p in s if p > 0) == 1 for per in profile for s in per)


def _certify(
    bg: BayesianGame, profiles: list[Strategies], method: str
) -> tuple[BayesianEquilibrium, ...]:
    tol = tolerance(bg)
    out = []
    for strategies in profiles:
        vectors = strategy_vectors(bg, strategies)
        interim, best, regret, strict = [], [], Fraction(0), True
        for i in range(bg.n_players):
            values, responses = [], []
            for t in range(len(bg.types[i])):
                dev = deviation_payoffs(bg, vectors, i, t)
                value = sum((p * d for p, d in zip(vectors[i][t], dev, strict=True)), Fraction(0))
                top = max(dev)
                regret = max(regret, top - value)
                br = tuple(a for a, d in zip(bg.actions[i], dev, strict=True) if d >= top - tol)
                support = [k for k, p in enumerate(strategies[i][t]) if p > 0]
                strict = strict and len(br) == 1 and len(support) == 1
                values.append(value)
                responses.append(br)
            interim.append(tuple(values))
            best.append(tuple(responses))
        if regret > tol:
            raise SolverError(
                f"{method} returned a profile that is not a Bayesian equilibrium "
                f"(interim regret {format_number(regret)}): {strategies}"
            )
        ex_ante = tuple(
            sum((q * v for q, v in zip(bg.priors[i], interim[i], strict=True)), Fraction(0))
            for i in range(bg.n_players)
        )
        out.append(
            BayesianEquilibrium(
                players=bg.players,
                actions=bg.actions,
                types=bg.types,
                strategies=strategies,
                interim_payoffs=tuple(interim),
                payoffs=ex_ante,
                best_responses=tuple(best),
                regret=regret,
                strict=strict,
            )
        )
    return tuple(out)


def solve_bayesian(bg: BayesianGame, method: str = "auto") -> BayesianResult:
    """Every Bayesian Nash equilibrium of a two-player game, exactly; pure ones for N players.

    ``method="auto"`` enumerates (two players) or searches pure plans (other
    numbers of players); ``method="pure"`` searches pure BNE only.

    How (two players).  Build the *type-agent normal form*: a player's pure
    strategies are its plans (one action per type), and its payoff is the sum
    over its types of their interim expected payoffs.  Solve it with
    :func:`gametrust.solve` (exact vertex enumeration: every extreme
    equilibrium and the maximal convex sets they span).  Map each mixed plan
    to behaviour: the marginal distribution of each type's action.  Payoffs
    depend on a mixed plan only through these marginals (types are
    independent), so the map sends equilibria onto behaviour equilibria and
    each maximal convex set of plan equilibria onto one of behaviour
    equilibria; the extreme points of the image are images of extreme points.
    So the behaviour extreme equilibria are the images that are not convex
    combinations of other images of their component (checked exactly), and
    every pair of them within a component is an equilibrium.  Each is
    certified by the interim condition: no type of any player has an action
    with a higher interim expected payoff (exactly).

    With every prior positive this is the ex-ante normal form up to a positive
    weight per type, so the equilibria are the same.  A type with prior 0 is
    also required to best-respond to its interim belief (well defined since
    types are independent); the ex-ante form would let it do anything, a
    continuum that says nothing.
    """
    if not isinstance(bg, BayesianGame):
        raise fail(f"solve_bayesian() takes a BayesianGame, got {type(bg).__name__}", "game")
    if method not in ("auto", "enumeration", "pure"):
        raise fail(f"unknown method {method!r}; choose auto, enumeration or pure", "method")
    from .solve import solve

    if method == "auto":
        method = "enumeration" if bg.n_players == 2 else "pure"
    if method == "enumeration" and bg.n_players != 2:
        raise fail(
            f"enumeration solves two-player games; this one has "
            f"{bg.n_players} players (use method='pure')",
            "method",
        )
    agent = plan_game(bg, agent=True)
    tol = tolerance(bg)
    warnings: list[str] = []
    if method == "pure":
        found = solve(agent, "pure")
        profiles = [
            tuple(_marginals(bg, i, e.strategies[i]) for i in range(bg.n_players)) for e in found
        ]
        equilibria = _certify(bg, profiles, "pure")
        if bg.n_players != 2:
            warnings.append(
                f"only pure-strategy Bayesian equilibria were searched (mixed ones "
                f"of games with {bg.n_players} players are not computed)"
            )
        else:
            warnings.append("only pure-strategy Bayesian equilibria were searched")
        return BayesianResult(
            bg,
            equilibria,
            "type-agent pure",
            bg.exact,
            True,
            "pure-bayesian-nash",
            tuple((k,) for k in range(len(equilibria))),
            tuple(warnings),
            found,
        )
    try:
        found = solve(agent, "enumeration")
    except ArgumentError as exc:
        raise fail(
            f"the type-agent normal form ({' x '.join(map(str, agent.shape))}"
            f" plans) is too large for complete enumeration: {exc.message}",
            "game",
        ) from None
    images = [tuple(_marginals(bg, i, e.strategies[i]) for i in range(2)) for e in found]
    dims = [len(bg.types[i]) * (bg.shape[i] - 1) for i in range(2)]
    profiles: list[Strategies] = []
    components: list[tuple[int, ...]] = []

    def index_of(profile: Strategies) -> int:
        for k, q in enumerate(profiles):
            if all(_same(_flat(a), _flat(b), tol) for a, b in zip(profile, q, strict=True)):
                return k
        profiles.append(profile)
        return len(profiles) - 1

    for component in found.components:
        sides = [_extreme([images[k][i] for k in component], dims[i], tol) for i in range(2)]
        members = sorted({index_of((x, y)) for x in sides[0] for y in sides[1]})
        if tuple(members) not in components:
            components.append(tuple(members))
    # pure equilibria first, otherwise in the order the enumeration found them
    order = sorted(range(len(profiles)), key=lambda k: (not _is_pure(profiles[k]), k))
    position = {old: new for new, old in enumerate(order)}
    profiles = [profiles[k] for k in order]
    components = [tuple(sorted(position[k] for k in c)) for c in components]
    equilibria = _certify(bg, profiles, "type-agent enumeration")
    continua = [c for c in components if len(c) > 1]
    if continua:
        many = "continua" if len(continua) > 1 else "continuum"
        warnings.append(
            f"{len(continua)} {many} of Bayesian equilibria: each is every profile "
            "whose type-contingent strategies are convex combinations of its listed "
            "extreme equilibria's"
        )
    zero = [
        f"{bg.players[i]}.{t}"
        for i in range(2)
        for t, q in zip(bg.types[i], bg.priors[i], strict=True)
        if q == 0
    ]
    if zero:
        warnings.append(
            f"types with prior 0 ({', '.join(zero)}) are required to best-respond "
            "to their interim beliefs too"
        )
    return BayesianResult(
        bg,
        equilibria,
        "type-agent enumeration",
        bg.exact,
        True,
        "bayesian-nash",
        tuple(sorted(components)),
        tuple(warnings),
        found,
    )


# -- exact sweeps over a prior -------------------------------------------------------------------
#
# Sweep player i's prior of one type: p_i(t) = p, the other types share 1 - p in their old
# proportions.  Only the *other* player j's interim payoffs depend on p.  In the variables
# z(k, a) = p_i(k) * sigma_i(k, a) the best-response polytope of i's behaviour strategies,
#
#     z >= 0,   sum_a z(k, a) = p_i(k),   sum_{k,a} z(k, a) u_j(k, tj)(a, b) - v(tj) <= 0,
#
# has a constant constraint matrix and a right-hand side linear in p.  So for every basis the
# vertex coordinates and the slacks of the other constraints are linear in p, and the vertices
# of the polytope, with their labels (zero probabilities, best responses of j's types), cannot
# change between consecutive roots of those linear functions.  The other polytope (j's
# behaviour, i's best responses) does not depend on p at all.  Bayesian equilibria are the
# completely labelled vertex pairs, so the equilibria, their supports and best-response sets
# and their components are constant between consecutive roots: every breakpoint is rational,
# and on each interval each equilibrium is sigma_i(k, a) = (x + y p) / p_i(k), sigma_j constant.


def _prior_family(bg: BayesianGame, i: int, t: int) -> list[tuple[Fraction, Fraction]]:
    """``p_i(k) = a_k + b_k p``: type t gets p, the others share 1 - p in their old proportions
    (equally when type t's prior is 1)."""
    base = bg.priors[i][t]
    n = len(bg.types[i])
    out = []
    for k in range(n):
        if k == t:
            out.append((Fraction(0), Fraction(1)))
            continue
        share = bg.priors[i][k] / (1 - base) if base < 1 else Fraction(1, n - 1)
        out.append((share, -share))
    return out


class _Polytope:
    """Player i's behaviour best-response polytope in the z variables, as p moves."""

    def __init__(self, bg: BayesianGame, i: int, family: list[tuple[Fraction, Fraction]]) -> None:
        j = 1 - i
        self.i, self.j = i, j
        self.family = family
        self.n_types_i, self.n_types_j = len(bg.types[i]), len(bg.types[j])
        self.cols = [(k, a) for k in range(self.n_types_i) for a in range(bg.shape[i])]
        self.rows = [(tj, b) for tj in range(self.n_types_j) for b in range(bg.shape[j])]
        self.zero = [a == 0 and b == 0 for a, b in family]  # types with prior 0 whatever p is

        def u(k: int, a: int, tj: int, b: int) -> Fraction:
            types = (k, tj) if i == 0 else (tj, k)
            acts = (a, b) if i == 0 else (b, a)
            return Fraction(bg.payoffs[types][j][acts])

        self.coef = {
            r: {c: Fraction(0) if self.zero[c[0]] else u(c[0], c[1], r[0], r[1]) for c in self.cols}
            for r in self.rows
        }

    def rhs(self, k: int) -> tuple[Fraction, Fraction]:
        return (Fraction(1), Fraction(0)) if self.zero[k] else self.family[k]

    def solve(
        self, support: Sequence[tuple[int, int]], tight: Sequence[tuple[int, int]]
    ) -> tuple[list[tuple[Fraction, Fraction]], list[tuple[Fraction, Fraction]]] | None:
        """Coordinates ``z`` (on the support) and values ``v`` (per type of j) as
        ``(constant, slope)`` pairs, from one basis; ``None`` when it is singular."""
        if {tj for tj, _ in tight} != set(range(self.n_types_j)):
            return None
        nj = self.n_types_j
        matrix: list[list[Fraction]] = []
        rhs: list[list[Fraction]] = []
        for k in range(self.n_types_i):
            matrix.append(
                [Fraction(1) if c[0] == k else Fraction(0) for c in support] + [Fraction(0)] * nj
            )
            rhs.append(list(self.rhs(k)))
        for r in tight:
            matrix.append(
                [self.coef[r][c] for c in support]
                + [Fraction(-1) if tj == r[0] else Fraction(0) for tj in range(nj)]
            )
            rhs.append([Fraction(0), Fraction(0)])
        if len(matrix) != len(support) + nj:
            return None
        x = solve_square(matrix, rhs)
        if x is None:
            return None
        z = [(row[0], row[1]) for row in x[: len(support)]]
        v = [(row[0], row[1]) for row in x[len(support) :]]
        return z, v

    def bases(self) -> Iterator[tuple[list[tuple[int, int]], tuple[tuple[int, int], ...]]]:
        blocks = []
        for k in range(self.n_types_i):
            cols = [c for c in self.cols if c[0] == k]
            blocks.append(
                [list(s) for size in range(1, len(cols) + 1) for s in combinations(cols, size)]
            )
        for choice in product(*blocks):
            support = [c for block in choice for c in block]
            need = len(support) + self.n_types_j - self.n_types_i
            if self.n_types_j <= need <= len(self.rows):
                for tight in combinations(self.rows, need):
                    yield support, tight

    def count(self) -> int:
        total = 0
        for sizes in product(
            *(range(1, len([c for c in self.cols if c[0] == k]) + 1) for k in range(self.n_types_i))
        ):
            n_cols = len(self.cols) // self.n_types_i
            ways = prod(comb(n_cols, s) for s in sizes)
            need = sum(sizes) + self.n_types_j - self.n_types_i
            if self.n_types_j <= need <= len(self.rows):
                total += ways * comb(len(self.rows), need)
        return total

    def roots(self, lo: Fraction, hi: Fraction) -> list[Fraction]:
        """Where a basis becomes or stops being feasible: the ends, inside ``(lo, hi)``, of the
        interval of p on which its coordinates and the other constraints' slacks are >= 0.

        Between consecutive such points the vertices and their labels cannot change: a
        coordinate or slack that is zero somewhere inside a basis's feasible interval without
        being identically zero changes sign there, so that point ends the interval."""
        found: set[Fraction] = set()
        for support, tight in self.bases():
            solved = self.solve(support, tight)
            if solved is None:
                continue
            z, v = solved
            values = list(z)
            for r in self.rows:
                if r in tight:
                    continue
                s0, s1 = v[r[0]]
                for (c0, c1), col in zip(z, support, strict=True):
                    s0 -= self.coef[r][col] * c0
                    s1 -= self.coef[r][col] * c1
                values.append((s0, s1))
            # feasible interval {p in [lo, hi] : c0 + c1 p >= 0 for all}
            low, high = lo, hi
            for c0, c1 in values:
                if c1 > 0:
                    low = max(low, -c0 / c1)
                elif c1 < 0:
                    high = min(high, -c0 / c1)
                elif c0 < 0:
                    low, high = hi, lo  # never feasible
            if low > high:
                continue
            found.update(x for x in (low, high) if lo < x < hi)
        return sorted(found)


def _linear(c0: Fraction, c1: Fraction) -> RationalFunction:
    return RationalFunction(Poly.from_coeffs([c0, c1]), Poly.constant(1))


@dataclass(frozen=True)
class PriorPiece:
    """One Bayesian equilibrium across an interval of the prior, as exact functions of ``p``.

    ``strategy_formulas[i][t][a]``, ``interim_formulas[i][t]`` and
    ``payoff_formulas[i]`` are :class:`RationalFunction` s of the swept prior;
    ``equilibrium`` is the equilibrium at the interval's sample point.
    """

    equilibrium: BayesianEquilibrium
    strategy_formulas: tuple[tuple[tuple[RationalFunction, ...], ...], ...]
    interim_formulas: tuple[tuple[RationalFunction, ...], ...]
    payoff_formulas: tuple[RationalFunction, ...]
    symbol: str = "p"

    @property
    def kind(self) -> str:
        return self.equilibrium.kind

    def at(self, p: object) -> Strategies:
        """The exact strategies at a prior inside the interval (not at p = 0 or 1, where a
        type's prior in the denominator vanishes: use :meth:`PriorSweep.equilibria_at`)."""
        value = Fraction(p)  # type: ignore[arg-type]
        return tuple(
            tuple(tuple(f(value) for f in s) for s in per) for per in self.strategy_formulas
        )

    def strategies(self) -> tuple[Any, ...]:
        """The probabilities as simplified sympy expressions in the prior."""
        from ..core.polynomial import to_sympy

        return tuple(
            tuple(tuple(to_sympy(f, self.symbol) for f in s) for s in per)
            for per in self.strategy_formulas
        )

    def describe(self) -> str:
        """Like :meth:`BayesianEquilibrium.describe`, with probabilities as formulas in p."""
        e = self.equilibrium
        players = []
        for i, (player, per) in enumerate(zip(e.players, self.strategies(), strict=True)):
            parts = []
            for t, probs in enumerate(per):
                support = [
                    (a, f)
                    for a, f, x in zip(e.actions[i], probs, e.strategies[i][t], strict=True)
                    if x > 0
                ]
                text = (
                    support[0][0]
                    if len(support) == 1
                    else ", ".join(f"{a} {f}" for a, f in support)
                )
                if len(e.types[i]) == 1:
                    parts.append(text)
                else:
                    parts.append(
                        f"{e.types[i][t]}: ({text})"
                        if len(support) > 1
                        else f"{e.types[i][t]}: {text}"
                    )
            players.append(f"{player}: {', '.join(parts)}")
        return "; ".join(players)


def _show(value: Fraction) -> str:
    return format_number(value)


@dataclass(frozen=True)
class PriorInterval:
    """An interval of the prior on which the Bayesian equilibria do not change (in kind)."""

    lo: Fraction
    hi: Fraction
    closed_lo: bool
    closed_hi: bool
    sample: Fraction
    result: BayesianResult
    pieces: tuple[PriorPiece, ...]

    def contains(self, p: Fraction) -> bool:
        above = p >= self.lo if self.closed_lo else p > self.lo
        below = p <= self.hi if self.closed_hi else p < self.hi
        return above and below

    def label(self, symbol: str = "p") -> str:
        left = "[" if self.closed_lo else "("
        right = "]" if self.closed_hi else ")"
        return f"{symbol} in {left}{_show(self.lo)}, {_show(self.hi)}{right}"


@dataclass(frozen=True)
class PriorPoint:
    """A prior at which the equilibria change (or an end of the range that differs)."""

    value: Fraction
    result: BayesianResult

    def label(self, symbol: str = "p") -> str:
        return f"{symbol} = {_show(self.value)}"


def _count(result: BayesianResult) -> str:
    n = len(result)
    kinds = []
    if result.pure:
        kinds.append(f"{len(result.pure)} pure")
    if result.mixed:
        kinds.append(f"{len(result.mixed)} mixed")
    text = f"{n} BNE ({', '.join(kinds)})"
    if result.continua:
        text += f", {len(result.continua)} continu{'a' if len(result.continua) > 1 else 'um'}"
    return text


@dataclass(frozen=True)
class PriorSweep:
    """Intervals and breakpoints of an exact sweep of ``player``'s prior of ``type``."""

    game: BayesianGame = field(compare=False, repr=False)
    player: str
    type: str
    lo: Fraction
    hi: Fraction
    intervals: tuple[PriorInterval, ...]
    breakpoints: tuple[PriorPoint, ...]
    ends: tuple[PriorPoint | None, PriorPoint | None] = (None, None)
    symbol: str = "p"

    def segments(self) -> list[PriorInterval | PriorPoint]:
        """Intervals and breakpoints in order along the prior."""
        return interleave(self.intervals, self.breakpoints, self.ends)

    def at(self, p: object) -> PriorInterval | PriorPoint:
        """The interval or breakpoint holding the prior ``p``."""
        value = Fraction(p)  # type: ignore[arg-type]
        for point in (*self.breakpoints, *(e for e in self.ends if e is not None)):
            if point.value == value:
                return point
        for interval in self.intervals:
            if interval.contains(value):
                return interval
        raise fail(
            f"{_show(value)} is outside the swept range [{_show(self.lo)}, {_show(self.hi)}]", "p"
        )

    def solve_at(self, p: object) -> BayesianResult:
        """Solve the game afresh at the prior ``p`` (for checks and for p = 0 or 1)."""
        value = _exact_prior(p, "p")
        i = self.game.player_index(self.player)
        family = _prior_family(self.game, i, self.game.type_index(i, self.type))
        return solve_bayesian(self.game.with_prior(i, [a + b * value for a, b in family]))

    def equilibria_at(self, p: object) -> tuple[Strategies, ...]:
        """Exact equilibrium strategies (extreme points) at any prior in the range.

        Inside an interval they come from its formulas; at p = 0 or p = 1,
        where some type's prior vanishes and the formulas (which divide by it)
        do not apply, from solving the game there.
        """
        value = Fraction(p)  # type: ignore[arg-type]
        where = self.at(value)
        if isinstance(where, PriorPoint):
            return tuple(e.strategies for e in where.result)
        if value in (0, 1):
            return tuple(e.strategies for e in self.solve_at(value))
        return tuple(piece.at(value) for piece in where.pieces)

    def summary(self) -> str:
        """One line: ``"p < 1/2: 1 BNE (1 pure); p = 1/2: ...; p > 1/2: ..."``.

        ``p`` alone (no bounds) means the whole swept range."""
        parts = []
        for seg in self.segments():
            if isinstance(seg, PriorPoint):
                parts.append(f"{seg.label(self.symbol)}: {_count(seg.result)}")
                continue
            has_lo = not (seg.lo == self.lo and seg.closed_lo)
            has_hi = not (seg.hi == self.hi and seg.closed_hi)
            if has_lo and not has_hi:  # "p > 1/2" reads better than "1/2 < p"
                where = f"{self.symbol} {'>=' if seg.closed_lo else '>'} {_show(seg.lo)}"
            else:
                lo = f"{_show(seg.lo)} {'<=' if seg.closed_lo else '<'} " if has_lo else ""
                hi = f" {'<=' if seg.closed_hi else '<'} {_show(seg.hi)}" if has_hi else ""
                where = f"{lo}{self.symbol}{hi}"
            parts.append(f"{where}: {_count(seg.result)}")
        return "; ".join(parts)

    def describe(self) -> str:
        """Each interval and breakpoint with its equilibria (formulas in p on intervals)."""
        head = (
            f"{self.symbol} = P({self.player} is {self.type}), from {_show(self.lo)} "
            f"to {_show(self.hi)}"
        )
        lines = [head]
        for seg in self.segments():
            lines.append(f"{seg.label(self.symbol)}: {_count(seg.result)}")
            if isinstance(seg, PriorPoint):
                lines.extend(f"  [{e.kind}] {e.describe()}" for e in seg.result)
            else:
                lines.extend(f"  [{piece.kind}] {piece.describe()}" for piece in seg.pieces)
        return "\n".join(lines)


def _signature(result: BayesianResult) -> tuple:
    def key(e: BayesianEquilibrium) -> tuple:
        supports = tuple(
            tuple(tuple(k for k, x in enumerate(s) if x > 0) for s in per) for per in e.strategies
        )
        return supports, e.best_responses

    keys = [key(e) for e in result]
    return (
        tuple(sorted(keys)),
        tuple(sorted(tuple(sorted(keys[k] for k in c)) for c in result.components)),
    )


def _piece(
    e: BayesianEquilibrium, polytope: _Polytope, bg: BayesianGame, sample: Fraction
) -> PriorPiece:
    i, j = polytope.i, polytope.j
    support = [c for c in polytope.cols if e.strategies[i][c[0]][c[1]] > 0]
    tight = [
        (tj, b)
        for tj in range(polytope.n_types_j)
        for b in range(bg.shape[j])
        if bg.actions[j][b] in e.best_responses[j][tj]
    ]
    need = len(support) + polytope.n_types_j - polytope.n_types_i
    solved = None
    for rows in combinations(tight, max(need, 0)):
        solved = polytope.solve(support, rows)
        if solved is not None:
            break
    if solved is None:
        raise SolverError(f"no basis reproduces the equilibrium {e.describe()} at p = {sample}")
    z, v = solved
    zero = RationalFunction.constant(0)
    formulas_i: list[list[RationalFunction]] = [
        [zero] * bg.shape[i] for _ in range(polytope.n_types_i)
    ]
    for (k, a), (c0, c1) in zip(support, z, strict=True):
        if polytope.zero[k]:
            formulas_i[k][a] = _linear(c0, c1)
        else:
            a0, b0 = polytope.family[k]
            formulas_i[k][a] = RationalFunction(
                Poly.from_coeffs([c0, c1]), Poly.from_coeffs([a0, b0])
            )
    formulas: list[Any] = [None, None]
    formulas[i] = tuple(tuple(row) for row in formulas_i)
    formulas[j] = tuple(tuple(RationalFunction.constant(x) for x in s) for s in e.strategies[j])
    interim: list[Any] = [None, None]
    interim[i] = tuple(RationalFunction.constant(x) for x in e.interim_payoffs[i])
    interim[j] = tuple(_linear(c0, c1) for c0, c1 in v)
    prior_i = [_linear(a0, b0) for a0, b0 in polytope.family]
    payoffs: list[Any] = [None, None]
    payoffs[i] = sum((q * x for q, x in zip(prior_i, interim[i], strict=True)), zero)
    payoffs[j] = sum((x * q for x, q in zip(interim[j], bg.priors[j], strict=True)), zero)
    piece = PriorPiece(e, tuple(formulas), tuple(interim), tuple(payoffs))
    if piece.at(sample) != e.strategies or any(
        f(sample) != x
        for fs, xs in zip(interim, e.interim_payoffs, strict=True)
        for f, x in zip(fs, xs, strict=True)
    ):
        raise SolverError(f"the formulas of {e.describe()} do not reproduce it at p = {sample}")
    return piece


def _exact_prior(value: object, name: str) -> Fraction:
    if isinstance(value, float):
        raise fail(
            f"give {name} exactly (a fraction string or Fraction), not the float {value!r}", name
        )
    try:
        number = as_number(value, exact=True)
    except (TypeError, ValueError) as exc:
        raise fail(f"{name} must be a number: {exc}", name) from None
    assert isinstance(number, Fraction)
    if not 0 <= number <= 1:
        raise fail(f"{name} must be a probability in [0, 1], got {_show(number)}", name)
    return number


def sweep_prior(
    game: BayesianGame,
    player: str | int,
    type: str | int,
    lo: object = 0,
    hi: object = 1,
) -> PriorSweep:
    """The Bayesian equilibria as ``player``'s prior of ``type`` moves from ``lo`` to ``hi``.

    The swept type gets probability ``p``; the player's other types share
    ``1 - p`` in their proportions in ``game`` (equally if the swept type has
    prior 1 there).  Exact: the breakpoints are the roots of the linear
    functions that can change the equilibria (see the comment above
    :func:`_prior_family` in the source and ``docs/bayesian.md``), the game is
    solved exactly at each root and between roots, and neighbours that do not
    differ are merged.  Each interval lists its equilibria as exact functions
    of ``p``; each breakpoint the equilibria exactly there.  Two players only.
    """
    if not isinstance(game, BayesianGame):
        raise fail(f"sweep_prior() takes a BayesianGame, got {game.__class__.__name__}", "game")
    if game.n_players != 2:
        raise fail(
            f"prior sweeps are for two-player games; this one has {game.n_players} players", "game"
        )
    i = game.player_index(player)
    t = game.type_index(i, type)
    if len(game.types[i]) < 2:
        raise fail(f"player {game.players[i]!r} has one type: its prior is 1", "type")
    low, high = _exact_prior(lo, "lo"), _exact_prior(hi, "hi")
    if not low < high:
        raise fail(f"the range must have lo < hi, got [{_show(low)}, {_show(high)}]", "lo")
    if not game.exact:
        raise fail("prior sweeps need exact payoffs", "game")
    family = _prior_family(game, i, t)
    polytope = _Polytope(game, i, family)
    if polytope.count() > SWEEP_BUDGET:
        raise fail(
            f"the best-response polytope has {polytope.count()} bases to "
            f"examine (more than {SWEEP_BUDGET}): too large for an exact prior sweep",
            "game",
        )
    cache: dict[Fraction, tuple[BayesianResult, tuple]] = {}

    def at(p: Fraction) -> tuple[BayesianResult, tuple]:
        if p not in cache:
            result = solve_bayesian(game.with_prior(i, [a + b * p for a, b in family]))
            cache[p] = (result, _signature(result))
        return cache[p]

    points = [low, *polytope.roots(low, high), high]
    gaps = [(points[k] + points[k + 1]) / 2 for k in range(len(points) - 1)]
    kept = [
        k
        for k in range(1, len(points) - 1)
        if at(gaps[k - 1])[1] != at(gaps[k])[1] or at(points[k])[1] != at(gaps[k - 1])[1]
    ]
    edges = [0, *kept, len(points) - 1]
    intervals = []
    for n in range(len(edges) - 1):
        a, b = edges[n], edges[n + 1]
        sample = gaps[a]
        result, signature = at(sample)
        pieces = tuple(_piece(e, polytope, game, sample) for e in result)
        intervals.append(
            PriorInterval(
                points[a],
                points[b],
                at(points[a])[1] == signature,
                at(points[b])[1] == signature,
                sample,
                result,
                pieces,
            )
        )
    breakpoints = tuple(PriorPoint(points[k], at(points[k])[0]) for k in kept)
    ends = (
        None if intervals[0].closed_lo else PriorPoint(low, at(low)[0]),
        None if intervals[-1].closed_hi else PriorPoint(high, at(high)[0]),
    )
    return PriorSweep(
        game, game.players[i], game.types[i][t], low, high, tuple(intervals), breakpoints, ends
    )


# -- trust thresholds over the prior --------------------------------------------------------------


Agent = tuple[str, str]  # (player, type)


def _cooperative(game: BayesianGame, spec: Mapping[Any, str]) -> tuple[tuple[int, int, int], ...]:
    """``{"US": "Reassure", "DPRK.security_seeker": "Freeze"}`` (or tuple keys) as
    (player, type, action) indices; a bare player names all its types."""
    if not isinstance(spec, Mapping) or not spec:
        raise fail(
            "name the cooperative profile as a mapping, e.g. "
            "{'US': 'Reassure', 'DPRK.security_seeker': 'Freeze'}",
            "cooperative",
        )
    out = []
    for key, action in spec.items():
        text = ".".join(map(str, key)) if isinstance(key, tuple) else str(key)
        try:
            if isinstance(key, tuple) and len(key) == 2:
                i = game.player_index(key[0])
                types = [game.type_index(i, key[1])]
            elif key in game.players:
                i = game.player_index(key)
                types = list(range(len(game.types[i])))
            else:
                head, _, tail = str(key).partition(".")
                i = game.player_index(head)
                types = [game.type_index(i, tail)]
            a = game.action_index(i, action)
        except ArgumentError as exc:
            raise ArgumentError(exc.message, Location(path=("cooperative", text))) from None
        out.extend((i, t, a) for t in types)
    return tuple(out)


@dataclass(frozen=True)
class PriorThreshold:
    """Where, along one player's prior, a named cooperative profile is part of a BNE.

    ``value`` is the least such prior (the infimum; ``None`` when there is
    none in the range) and ``attained`` whether it is itself included;
    ``regions`` are the maximal intervals ``(lo, hi, closed_lo, closed_hi)``
    where the profile is supported.
    """

    player: str
    type: str
    cooperative: tuple[tuple[str, str, str], ...]  # (player, type, action)
    value: Fraction | None
    attained: bool
    regions: tuple[tuple[Fraction, Fraction, bool, bool], ...]
    sweep: PriorSweep = field(compare=False, repr=False)

    def _profile(self) -> str:
        parts = []
        for player, type_, action in self.cooperative:
            one = len(self.sweep.game.types[self.sweep.game.player_index(player)]) == 1
            parts.append(f"{player}: {action}" if one else f"{player}.{type_}: {action}")
        return ", ".join(parts)

    def describe(self) -> str:
        """E.g. ``"a BNE with US: Reassure, DPRK.security_seeker: Freeze exists iff
        P(DPRK is security_seeker) >= 1/2"``."""
        belief = f"P({self.player} is {self.type})"
        head = f"a BNE with {self._profile()}"
        if self.value is None:
            return f"no prior P in [{_show(self.sweep.lo)}, {_show(self.sweep.hi)}] supports {head}"
        if len(self.regions) == 1 and self.regions[0][1] == self.sweep.hi and self.regions[0][3]:
            op = ">=" if self.attained else ">"
            return f"{head} exists iff {belief} {op} {_show(self.value)}"
        spans = []
        for lo, hi, closed_lo, closed_hi in self.regions:
            if lo == hi:
                spans.append(f"= {_show(lo)}")
            else:
                spans.append(
                    f"in {'[' if closed_lo else '('}{_show(lo)}, {_show(hi)}"
                    f"{']' if closed_hi else ')'}"
                )
        return f"{head} exists iff {belief} " + " or ".join(spans)


def trust_threshold(
    game: BayesianGame,
    player: str | int,
    type: str | int,
    cooperative: Mapping[Any, str],
    *,
    lo: object = 0,
    hi: object = 1,
) -> PriorThreshold:
    """The exact least prior that ``player`` is ``type`` at which some BNE plays ``cooperative``.

    ``cooperative`` maps agents to actions they play for sure:
    ``{"US": "Reassure", "DPRK.security_seeker": "Freeze"}`` (a bare player
    name means all its types; ``(player, type)`` tuples work too).  Types not
    named may do anything, mixing included.  Computed from :func:`sweep_prior`
    (it suffices to look at extreme equilibria: the profiles of a convex set of
    equilibria in which given agents play given actions form a face of it).
    """
    if not isinstance(game, BayesianGame):
        raise fail("trust_threshold() takes a BayesianGame", "game")
    agents = _cooperative(game, cooperative)
    result = sweep_prior(game, player, type, lo, hi)

    def holds(r: BayesianResult) -> bool:
        return any(all(e.strategies[i][t][a] == 1 for i, t, a in agents) for e in r)

    regions: list[list[Any]] = []
    for seg in result.segments():
        if isinstance(seg, PriorPoint):
            span = [seg.value, seg.value, True, True]
        else:
            span = [seg.lo, seg.hi, seg.closed_lo, seg.closed_hi]
        if not holds(seg.result):
            continue
        if regions and regions[-1][1] == span[0] and (regions[-1][3] or span[2]):
            regions[-1][1], regions[-1][3] = span[1], span[3]
        else:
            regions.append(span)
    named = tuple((game.players[i], game.types[i][t], game.actions[i][a]) for i, t, a in agents)
    value = regions[0][0] if regions else None
    attained = bool(regions and regions[0][2])
    return PriorThreshold(
        result.player, result.type, named, value, attained, tuple(tuple(r) for r in regions), result
    )  # type: ignore[misc]
