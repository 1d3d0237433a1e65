"""Solving games of incomplete information: every Bayesian Nash equilibrium, exactly.

Trust, in the literature gametrust draws on, is a belief: the probability that
the other side is a *security seeker* rather than a *greedy* state that would
exploit cooperation.  A :class:`~gametrust.model.bayesian.BayesianGame` makes
that belief part of the game (Harsanyi 1967-68): each player has a set of
**types**, drawn **independently** from **priors** that are common knowledge,
and every type profile has its own payoff tensor.

A **Bayesian Nash equilibrium** (BNE) gives each type of each player a (mixed)
strategy that is a best response, given the type's *interim* belief about the
others' types, to the others' type-contingent strategies.  Because types are
independent, a type's interim belief is just the others' prior, so the
condition is well defined for every type, including types with prior 0 (see
:func:`solve_bayesian` for why that matters).

:func:`solve_bayesian` finds every BNE of a two-player game exactly, through the
*type-agent normal form* (each player's pure strategies are plans: one action
per type), solved by :func:`gametrust.solve`; N-player games get their pure BNE.
It returns a :class:`~gametrust.solvers.bayesian_result.BayesianResult`.  How
the equilibria move with a prior is analysis:
:func:`gametrust.analysis.prior_sweep.sweep_prior` and
:func:`gametrust.analysis.prior_trust.prior_threshold`.  The model is
documented in ``docs/bayesian.md``.

A security dilemma with two kinds of North Korea: the US (Stag Hunt
preferences) reassures only if DPRK freezes with probability at least 1/2;
a security seeker (Stag Hunt) freezes only if the US reassures with probability
at least 2/3; a greedy DPRK (Prisoner's Dilemma) always arms.

>>> from gametrust import BayesianGame, NormalFormGame
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
>>> result.max_regret, result.complete
(Fraction(0, 1), True)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations
from typing import Any

from ..core.errors import ArgumentError, SolverError, fail
from ..core.exact import Number, format_number
from ..core.linalg import solve_unique
from ..model.bayesian import BayesianGame, plan_game
from ..model.interim import interim_deviation_payoffs, strategy_vectors, tolerance
from .bayesian_result import BayesianEquilibrium, BayesianResult, Strategies
from .solve import solve

__all__ = ["solve_bayesian"]


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
                dev = interim_deviation_payoffs(bg, vectors, i, t)
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
            bg.n_players <= 2,  # N players: mixed equilibria are not computed
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
