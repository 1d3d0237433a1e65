"""``solve(game, method="logit")``: one equilibrium of a game too large to enumerate.

The principal branch of the logit quantal-response correspondence is followed
numerically from the centroid (:mod:`gametrust.solvers.logit_path`).  Its end
is close to a Nash equilibrium; what gametrust reports is decided exactly:

1. **Refined to an exact equilibrium** when it can be: the supports the end
   point suggests (actions played with probability above 1e-3, 1e-5, 1e-7) have
   their indifference systems solved exactly
   (:func:`~gametrust.solvers.nplayer_system.solve_support`: rationals or real
   algebraic numbers); a solution with positive probabilities on the support
   and no better action outside it is an equilibrium, certified exactly like
   every other (the one closest to the end point when there are several; it
   need not be the branch's limit, which can converge very slowly at a
   non-strict equilibrium).  The result lists that one equilibrium and is not
   complete; ``details["logit_path"]`` gives the precision reached, the
   support and the distance from the end point.
2. **Otherwise approximate, honestly labelled:** no equilibrium is listed; the
   end point — or, better, its polish by Newton's method on the indifference
   equations of a suggested support (:func:`~gametrust.solvers.logit_path.polish`,
   kept when its exact regret is smaller) — rounded to rationals, is reported
   in ``details["approximate"]``
   with each player's regret computed *exactly* on the game's payoffs — a
   certified bound (the profile is an epsilon-equilibrium for that epsilon)
   — and a warning says so.

Exact refinement is tried only while a support system can have at most
:data:`MAX_SOLUTIONS` isolated solutions by its multihomogeneous Bézout
number (:func:`bezout_bound`; the exact algebra grows fast with it: five
players with two actions each, all mixing, have up to 44 and their Gröbner
basis took more than a minute); games with float payoffs are always
approximate (their regret in floats).

>>> from gametrust.formats.gambit_nfg import read_nfg_game
>>> result = solve_logit(read_nfg_game("tests/fixtures/gambit/2x2x2.nfg"))
>>> len(result), result.complete, result.max_regret, result[0].describe()
(1, False, Fraction(0, 1), 'Player 1: 1 1/2, 2 1/2; Player 2: 1 1/2, 2 1/2; Player 3: 1 1')
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.exact import format_number
from ..model.exact_regret import exact_certificate
from ..model.game import NormalFormGame
from ..model.regret import float_tolerance, regrets
from .logit_path import LogitPath, follow_logit_path, polish
from .nplayer_certificate import field_equilibrium
from .nplayer_support import admissible
from .nplayer_system import solve_support
from .result import Equilibrium, SolveResult

__all__ = ["MAX_SOLUTIONS", "THRESHOLDS", "bezout_bound", "solve_logit"]

#: The probability thresholds that define the supports tried, in turn.
THRESHOLDS = (1e-3, 1e-5, 1e-7)
#: Exact refinement is tried on supports whose indifference system has at most this
#: multihomogeneous Bézout number (two-player systems are linear: always tried).
MAX_SOLUTIONS = 12
#: The denominator the approximate profile is rounded to.
ROUNDING = 10**12


def bezout_bound(supports: Sequence[Sequence[int]]) -> int:
    """The multihomogeneous Bézout number of the indifference system of ``supports``.

    Player ``i`` has ``d_i = len(S_i) - 1`` unknowns and ``d_i`` equations, each of degree
    one in every other player's unknowns and zero in its own: the bound is the coefficient
    of ``prod_j y_j^d_j`` in ``prod_i (sum_{j != i} y_j)^d_i``.  With two actions each and
    everybody mixing it is the number of derangements (2, 9, 44 for 3, 4, 5 players).

    >>> bezout_bound([(0, 1)] * 3), bezout_bound([(0, 1)] * 5), bezout_bound([(0, 1, 2)] * 3)
    (2, 44, 10)
    """
    degrees = [len(s) - 1 for s in supports]
    terms: dict[tuple[int, ...], int] = {tuple(0 for _ in degrees): 1}
    for i, d in enumerate(degrees):
        for _ in range(d):
            grown: dict[tuple[int, ...], int] = {}
            for exponents, count in terms.items():
                for j, cap in enumerate(degrees):
                    if j != i and exponents[j] < cap:
                        key = (*exponents[:j], exponents[j] + 1, *exponents[j + 1:])
                        grown[key] = grown.get(key, 0) + count
            terms = grown
    return terms.get(tuple(degrees), 0)


def _supports(path: LogitPath) -> list[tuple[tuple[int, ...], ...]]:
    """The distinct support profiles the end point suggests, most probable first."""
    out: list[tuple[tuple[int, ...], ...]] = []
    for tau in THRESHOLDS:
        supports = tuple(
            tuple(int(a) for a in np.flatnonzero(p > tau)) or (int(np.argmax(p)),)
            for p in path.profile
        )
        if supports not in out:
            out.append(supports)
    return out


def _distance(strategies: list[list[Any]], fld: Any, path: LogitPath) -> float:
    return max(
        abs(float(fld.number(p)) - float(q))
        for row, target in zip(strategies, path.profile, strict=True)
        for p, q in zip(row, target, strict=True)
    )


def _exact_equilibrium(
    game: NormalFormGame, path: LogitPath
) -> tuple[Equilibrium, tuple, float] | None:
    """An exact equilibrium on a support the path's end suggests, closest to it, with that
    support and its distance from the end (largest coordinate difference), or ``None``."""
    for supports in _supports(path):
        if game.n_players > 2 and bezout_bound(supports) > MAX_SOLUTIONS:
            continue
        system = solve_support(game.integer_payoffs, supports)
        points = [(fld, rows) for fld, rows in system.points
                  if admissible((fld, rows), game.integer_payoffs, supports)]
        if not points:
            continue
        distance, fld, rows = min(
            ((_distance(rows, fld, path), fld, rows) for fld, rows in points),
            key=lambda item: item[0],
        )
        return field_equilibrium(game, fld, rows, "logit"), supports, distance
    return None


def _rounded(profile: tuple[np.ndarray, ...]) -> tuple[tuple[Fraction, ...], ...]:
    """Each mix rounded to a rational probability vector (denominator :data:`ROUNDING`)."""
    out = []
    for p in profile:
        q = [Fraction(round(float(x) * ROUNDING), ROUNDING) for x in p]
        top = int(np.argmax(p))
        q[top] += 1 - sum(q)
        out.append(tuple(q))
    return tuple(out)


def solve_logit(game: NormalFormGame) -> SolveResult:
    """One equilibrium by the logit path, refined exactly when possible (module docstring)."""
    payoffs = np.asarray(game.to_float().payoffs, dtype=float)
    path = follow_logit_path(payoffs)
    details: dict[str, Any] = {
        "logit_path": {"precision": path.precision, "steps": path.steps,
                       "reached_end": path.finished},
    }
    tol = None if game.exact else float_tolerance(game)
    if game.exact:
        found = _exact_equilibrium(game, path)
        if found is not None:
            equilibrium, supports, distance = found
            details["logit_path"]["support"] = {
                game.players[i]: [game.actions[i][a] for a in s] for i, s in enumerate(supports)
            }
            details["logit_path"]["distance"] = distance
            return SolveResult(
                game=game, equilibria=(equilibrium,), method="logit", exact=True,
                complete=False, components=((0,),),
                warnings=("one equilibrium, found by following the logit path from the centroid "
                          "and solved exactly on its support; others may exist",),
                tolerance=None, details=details,
            )
        candidates = [path.profile] + [
            q for q in (polish(payoffs, path.profile, s) for s in _supports(path)) if q is not None
        ]
        scored = []
        for candidate in candidates:
            rounded = _rounded(candidate)
            certificate = exact_certificate(game, rounded)
            scored.append((max(certificate.regrets), rounded, certificate.regrets))
        bound, rounded, exact_regrets = min(scored, key=lambda item: item[0])
        details["logit_path"]["polished"] = len(candidates) - 1
        regret_of = dict(zip(game.players, (format_number(r) for r in exact_regrets),
                             strict=True))
    else:
        rounded = tuple(tuple(float(x) for x in p) for p in path.profile)
        values = regrets(game, rounded)
        bound = max(values)
        regret_of = dict(zip(game.players, (repr(float(r)) for r in values), strict=True))
    details["approximate"] = {
        "strategies": {
            game.players[i]: {a: format_number(p) for a, p in zip(game.actions[i], s, strict=True)}
            for i, s in enumerate(rounded)
        },
        "regret": regret_of,
        "max_regret": format_number(bound) if game.exact else repr(float(bound)),
    }
    shown = "; ".join(
        f"{game.players[i]}: "
        + ", ".join(f"{a} {float(p):.6f}" for a, p in zip(game.actions[i], s, strict=True) if p)
        for i, s in enumerate(rounded)
    )
    return SolveResult(
        game=game, equilibria=(), method="logit", exact=game.exact, complete=False,
        warnings=(
            "no exact equilibrium was confirmed at the end of the logit path; its end point "
            f"({shown}; exact values under \"approximate\" in the JSON output) is an approximate "
            f"equilibrium with maximum regret {details['approximate']['max_regret']}, computed "
            "exactly on the payoffs: a certified bound",
        ),
        tolerance=tol, details=details,
    )
