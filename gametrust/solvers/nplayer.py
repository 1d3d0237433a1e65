"""``solve(game)`` for exact games with three or more players: every equilibrium, certified.

:func:`solve_nplayer` runs the support enumeration of
:mod:`gametrust.solvers.nplayer_support` and turns what it finds into a
:class:`~gametrust.solvers.result.SolveResult`:

- a profile with rational coordinates is certified by
  :func:`~gametrust.solvers.result.certify` (the exact regret check every
  solver uses);
- a profile with an irrational coordinate is certified in its number field
  (:func:`~gametrust.solvers.nplayer_certificate.certify_field_profile`) and
  reported with :class:`~gametrust.core.algebraic.RealAlgebraic`
  probabilities and payoffs (shown as radicals when short);
- each isolated equilibrium is its own component; the vertices of a
  polytope of equilibria (one player mixing) form one component, as in the
  two-player enumeration (every mix of them is an equilibrium); the samples
  of any other positive-dimensional set form one component, described in
  ``details["continua"]`` (its supports, unknowns and Gröbner basis), and
  then ``complete`` is false.

>>> from gametrust.formats.gambit_nfg import read_nfg_game
>>> result = solve_nplayer(read_nfg_game("tests/fixtures/gambit/2x2x2.nfg"))
>>> len(result), result.complete, result.max_regret
(9, True, Fraction(0, 1))
"""

from __future__ import annotations

from dataclasses import replace

from ..core.limits import LIMITS
from ..model.game import NormalFormGame
from .nplayer_certificate import field_equilibrium
from .nplayer_support import nplayer_equilibria
from .result import Equilibrium, SolveResult

__all__ = ["SUPPORT_BUDGET", "solve_nplayer", "support_count"]

#: The default of the ``supports`` limit (core/limits.py, ``GAMETRUST_MAX_SUPPORTS``): the
#: most support profiles ``solve`` enumerates for a game with three or more players (a 4x4x4
#: game has 3,375; a 5x5x5 game 29,791); beyond it ``method="auto"`` lists the pure
#: equilibria (not complete, with a warning saying why) and ``method="enumeration"`` is an
#: error.
SUPPORT_BUDGET = LIMITS["supports"].default


def support_count(shape: tuple[int, ...]) -> int:
    """The number of support profiles: ``prod(2^n_i - 1)``.

    >>> support_count((2, 2, 2)), support_count((3, 3, 3))
    (27, 343)
    """
    count = 1
    for n in shape:
        count *= 2**n - 1
    return count


def _dominated(mine: tuple, other: tuple) -> bool:
    return all(x >= y for x, y in zip(other, mine, strict=True)) and any(
        x > y for x, y in zip(other, mine, strict=True)
    )


def solve_nplayer(game: NormalFormGame) -> SolveResult:
    """Every equilibrium of an exact N-player game (see the module docstring)."""
    found = nplayer_equilibria(game)
    equilibria: list[Equilibrium] = []
    where: list[int] = []  # profile k is equilibrium where[k] (a polytope vertex may repeat)
    for p in found.profiles:
        e = field_equilibrium(game, p.field, p.strategies, "enumeration")
        same = [k for k, o in enumerate(equilibria) if o.strategies == e.strategies]
        if not same:
            equilibria.append(e)
        where.append(same[0] if same else len(equilibria) - 1)
    equilibria = [
        replace(e, pareto_dominated=any(_dominated(e.payoffs, o.payoffs) for o in equilibria))
        for e in equilibria
    ]
    # a polytope (one player mixing) is one component, as in the two-player enumeration;
    # the samples of any other continuum are listed one by one (their mixtures need not be
    # equilibria)
    groups = {tuple(sorted({where[k] for k in c.samples})) for c in found.continua if c.resolved}
    groups = {g for g in groups if not any(set(g) < set(h) for h in groups)}
    grouped = {k for g in groups for k in g}
    singles = sorted({where[k] for k, p in enumerate(found.profiles)} - grouped)
    components = [(k,) for k in singles] + sorted(groups)
    warnings = []
    polytopes = [g for g in groups if len(g) > 1]
    if polytopes:
        warnings.append(
            f"{len(polytopes)} continuum/continua where one player mixes: each is the set of "
            "all mixtures of its listed extreme equilibria's strategies"
        )
    for c in (c for c in found.continua if not c.resolved):
        support = "; ".join(
            f"{game.players[i]} {{{', '.join(game.actions[i][a] for a in s)}}}"
            for i, s in enumerate(c.supports)
        )
        listed = sorted({where[k] + 1 for k in c.samples})
        warnings.append(
            f"the supports {support} have a continuum of solutions (its equations: "
            f"{', '.join(c.basis)} = 0, in the probabilities x<player>_<action>); "
            + (
                f"equilibria {', '.join(map(str, listed))} are sample points of it"
                if listed
                else "no sample point of it was found to be an equilibrium"
            )
            + "; the equilibria there are not enumerated, so the list is not complete"
        )
    details = {
        "supports_visited": found.visited,
        "supports_pruned": found.skipped,
        "continua": [
            {
                "supports": {
                    game.players[i]: [game.actions[i][a] for a in s]
                    for i, s in enumerate(c.supports)
                },
                "unknowns": list(c.unknowns),
                "groebner_basis": list(c.basis),
                "equilibria": sorted({where[k] for k in c.samples}),
                "kind": "polytope (all mixtures of the listed vertices)"
                if c.resolved
                else "sampled (not enumerated)",
            }
            for c in found.continua
        ],
    }
    return SolveResult(
        game=game,
        equilibria=tuple(equilibria),
        method="enumeration",
        exact=True,
        complete=found.complete,
        degenerate=bool(found.continua),
        components=tuple(components),
        warnings=tuple(warnings),
        tolerance=None,
        details=details,
    )
