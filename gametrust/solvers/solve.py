"""``solve(game, method=...)``: pick a solver, certify what it finds, return a result.

Methods:

``"auto"`` (default)
    ``"enumeration"`` for two-player games and for exact games with more
    players and at most ``limit("supports")`` (5,000) support profiles,
    ``"pure"`` otherwise (then not complete, as a warning says).
``"enumeration"``
    Every extreme Nash equilibrium of a two-player game, by exact vertex
    enumeration of the best-response polytopes (degenerate games included;
    continua are reported as their extreme points).  Complete.  With three or
    more players (exact games): every equilibrium by support enumeration with
    each support's polynomial system solved exactly
    (:mod:`gametrust.solvers.nplayer`); irrational probabilities are real
    algebraic numbers; complete unless a support has a continuum of solutions.
``"pure"``
    Every pure-strategy equilibrium of an N-player game.  Complete for pure
    equilibria only.
``"lemke-howson"``
    One equilibrium of a two-player game by complementary pivoting, exact:
    on integers for small games, for large ones (m + n > 40) a float path
    whose last basis is solved and certified exactly, with exact pivoting as
    the fallback; on large games a long path is abandoned for the next label
    (:func:`gametrust.solvers.lemke_howson.one_equilibrium`).  Not complete.
``"logit"``
    One equilibrium of a game of any number of players, for games too large
    to enumerate: the principal logit quantal-response branch is followed
    numerically from the centroid and its end solved exactly on its support
    (rationals or real algebraic numbers, certified); when that fails, no
    equilibrium is listed and the end point is reported as approximate with
    its exactly computed regret (:mod:`gametrust.solvers.logit_refine`).  Not
    complete.
``"support-enumeration"``
    nashpy's support enumeration, in floats, for comparison.  Not complete:
    it misses equilibria of degenerate games.

Every profile any method returns is certified by
:func:`gametrust.solvers.result.certify` (zero regret, exactly for exact games).

>>> from gametrust import NormalFormGame, solve
>>> stag = NormalFormGame.from_arrays([[3, 0], [2, 2]], [[3, 2], [0, 2]],
...                                   actions=[["Stag", "Hare"], ["Stag", "Hare"]])
>>> result = solve(stag)
>>> [e.describe() for e in result]
['(Stag, Stag)', '(Hare, Hare)', 'P1: Stag 2/3, Hare 1/3; P2: Stag 2/3, Hare 1/3']
"""

from __future__ import annotations

from collections.abc import Sequence

from ..core.errors import ArgumentError, Location
from ..core.exact import Number
from ..core.limits import LIMITS, ArgumentLimitError, check, limit
from ..model.game import NormalFormGame
from ..model.regret import float_tolerance
from .result import SolveResult, certify

__all__ = ["METHODS", "solve"]

METHODS: tuple[str, ...] = (
    "auto",
    "enumeration",
    "pure",
    "lemke-howson",
    "support-enumeration",
    "logit",
)


def _pure_profiles(game: NormalFormGame, indices: Sequence[tuple[int, ...]]) -> list:
    return [
        tuple(
            tuple(1 if k == idx[i] else 0 for k in range(game.shape[i]))
            for i in range(game.n_players)
        )
        for idx in indices
    ]


#: Largest number of bases (C(m + n, m)) an enumeration that is not budgeted takes on by
#: default (about 10x10): the ``bases`` limit of :mod:`gametrust.core.limits`.
ENUMERATION_BUDGET = LIMITS["bases"].default


def _bases(shape: Sequence[int]) -> int:
    from math import comb

    return comb(sum(shape), shape[0])


def _lift(profile: Sequence[Sequence[Number]], alive: list[list[int]], shape: Sequence[int]):
    """Strategies on surviving actions back on all actions (zeros elsewhere)."""
    out = []
    for strategy, keep, size in zip(profile, alive, shape, strict=True):
        full: list[Number] = [type(strategy[0])(0)] * size
        for k, p in zip(keep, strategy, strict=True):
            full[k] = p
        out.append(tuple(full))
    return tuple(out)


def _enumerable(game: NormalFormGame) -> bool:
    """An exact game with few enough support profiles for the N-player enumeration."""
    from .nplayer import support_count

    return game.exact and support_count(game.shape) <= limit("supports")


def _why_pure(game: NormalFormGame) -> str:
    """Why ``method="auto"`` lists only the pure equilibria of a game of three or more."""
    from .nplayer import support_count

    if not game.exact:
        return ("mixed equilibria of games with more than two players are enumerated for "
                "exact payoffs only; this game has float payoffs")
    return (f"the game has {support_count(game.shape):,} support profiles, more than the "
            f"limit of {limit('supports'):,} for enumerating its mixed equilibria (raise it "
            "with GAMETRUST_MAX_SUPPORTS; see docs/limits.md; method='logit' finds one "
            "equilibrium of games of any size)")


def _need_two_players(game: NormalFormGame, method: str) -> None:
    if game.n_players != 2:
        raise ArgumentError(
            f"method {method!r} solves two-player games; this game has {game.n_players} "
            "players (use method='pure')",
            Location(path=("method",)),
        )


def solve(game: NormalFormGame, method: str = "auto", *, budgeted: bool = False) -> SolveResult:
    """Solve a normal-form game; see the module docstring for the methods.

    ``budgeted``: the exact enumeration of a two-player game is not refused for
    its size; it searches at most ``limit("enumeration")`` lexicographic bases
    per polytope (``solve --budget``) and, past them or on Ctrl-C, returns the
    certified equilibria found so far with ``complete=False``.  Without it (the
    solvers inside trees, Bayesian games, sweeps and checks) a game with more
    than ``limit("bases")`` bases ``C(m + n, m)`` is refused (an ArgumentError
    those callers handle) and an interruption propagates.
    """
    if not isinstance(game, NormalFormGame):
        raise ArgumentError(
            f"solve() takes a NormalFormGame, got {type(game).__name__}",
            Location(path=("game",)),
        )
    if method not in METHODS:
        raise ArgumentError(
            f"unknown method {method!r}; choose one of {', '.join(METHODS)}",
            Location(path=("method",)),
        )
    warnings: list[str] = []
    if method == "auto":
        method = "enumeration" if game.n_players == 2 or _enumerable(game) else "pure"
        if method == "pure":
            warnings.append(_why_pure(game))
    if method == "logit":
        from .logit_refine import solve_logit

        return solve_logit(game)
    if method == "enumeration" and game.n_players != 2:
        from .nplayer import solve_nplayer, support_count

        if not game.exact or support_count(game.shape) > limit("supports"):
            raise ArgumentError(
                "method 'enumeration' solves games with more than two players exactly and up "
                f"to {limit('supports'):,} support profiles; this game has "
                + ("float payoffs" if not game.exact
                   else f"{support_count(game.shape):,} support profiles (raise the limit "
                        "with GAMETRUST_MAX_SUPPORTS; see docs/limits.md; method='logit' finds one "
            "equilibrium)")
                + " (use method='pure', or method='logit' for one equilibrium)",
                Location(path=("method",)),
            )
        return solve_nplayer(game)
    tol = None if game.exact else float_tolerance(game)

    if method == "pure":
        from .pure import pure_equilibria

        profiles = _pure_profiles(game, pure_equilibria(game))
        if game.n_players > 2:
            warnings.append(
                "only pure-strategy equilibria were searched (mixed equilibria of games "
                "with more than two players are not computed)"
            )
        else:
            warnings.append("only pure-strategy equilibria were searched")
        equilibria = certify(game, profiles, method="pure")
        return SolveResult(
            game=game,
            equilibria=equilibria,
            method="pure",
            exact=game.exact,
            complete=game.n_players <= 2,  # N players: mixed equilibria are not computed
            concept="pure-nash",
            components=tuple((k,) for k in range(len(equilibria))),
            warnings=tuple(warnings),
            tolerance=tol,
        )

    _need_two_players(game, method)
    if method == "enumeration":
        from .vertex_enumeration import enumerate_equilibria

        target, alive = game, None
        budget = limit("enumeration") if budgeted and game.exact else None
        if budget is None and _bases(game.shape) > limit("bases"):
            from .dominance import restrict, surviving_actions

            alive = surviving_actions(game)
            target = restrict(game, alive)
            m, n = target.shape
            check("bases", _bases(target.shape),
                  f"complete enumeration of the {m}x{n} game (after removing strictly dominated "
                  "actions; method='lemke-howson' finds one equilibrium)",
                  Location(path=("method",)), verb="visits up to",
                  error=ArgumentLimitError)
            removed = [
                f"{game.players[i]}: "
                + ", ".join(a for k, a in enumerate(game.actions[i]) if k not in keep)
                for i, keep in enumerate(alive)
                if len(keep) < game.shape[i]
            ]
            warnings.append(
                "strictly dominated actions were removed before enumerating (no equilibrium "
                f"plays them): {'; '.join(removed)}; 'degenerate' refers to the remaining game"
            )
        found = enumerate_equilibria(target, budget=budget)
        if found.interrupted and not budgeted:
            raise KeyboardInterrupt
        if alive is not None:
            found.profiles = [_lift(p, alive, game.shape) for p in found.profiles]
        equilibria = certify(game, found.profiles, method=method)
        if found.degenerate:
            warnings.append(
                "the game is degenerate (some mixed strategy has more pure best responses "
                "than its support size); every extreme equilibrium is listed"
            )
        if not found.complete:
            warnings.append(
                ("the enumeration was interrupted" if found.interrupted else
                 f"the enumeration stopped at its budget of {limit('enumeration'):,} "
                 "lexicographic bases of a best-response polytope")
                + ": the equilibria listed are certified but others may exist (raise the "
                "budget with --budget N or GAMETRUST_MAX_ENUMERATION=N; see docs/limits.md)"
            )
        continua = [c for c in found.components if len(c) > 1]
        if continua:
            warnings.append(
                f"{len(continua)} continuum/continua of equilibria: each is the set of all "
                "mixtures of its listed extreme equilibria's strategies"
            )
        return SolveResult(
            game=game,
            equilibria=equilibria,
            method="enumeration",
            exact=game.exact,
            complete=found.complete,
            degenerate=found.degenerate,
            components=found.components,
            warnings=tuple(warnings),
            tolerance=tol,
            details=found.details,
        )

    if method == "lemke-howson":
        from .lemke_howson import one_equilibrium

        profile = one_equilibrium(game)
        equilibria = certify(game, [profile], method=method)
        return SolveResult(
            game=game,
            equilibria=equilibria,
            method="lemke-howson",
            exact=game.exact,
            complete=False,
            components=((0,),),
            warnings=("Lemke-Howson finds one equilibrium; others may exist",),
            tolerance=tol,
        )

    # support-enumeration (nashpy, floats)
    return _nashpy_support_enumeration(game)


def _nashpy_support_enumeration(game: NormalFormGame) -> SolveResult:
    import warnings as _warnings

    import nashpy

    float_game = game.to_float()
    tol = float_tolerance(float_game)
    nash_game = nashpy.Game(float_game.payoffs[0], float_game.payoffs[1])
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore")
        raw = list(nash_game.support_enumeration())
    profiles: list[tuple[tuple[Number, ...], ...]] = []
    for x, y in raw:
        profiles.append((tuple(float(v) for v in x), tuple(float(v) for v in y)))
    equilibria = certify(float_game, profiles, method="support-enumeration")
    return SolveResult(
        game=float_game,
        equilibria=equilibria,
        method="support-enumeration",
        exact=False,
        complete=False,
        components=tuple((k,) for k in range(len(equilibria))),
        warnings=(
            "nashpy's support enumeration in floats: it can miss equilibria of degenerate games",
        ),
        tolerance=tol,
    )
