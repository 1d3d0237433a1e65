"""Where the mixed equilibria of a parametric N-player game can change: exact critical values.

Fix a support profile ``S`` (at least one player mixing).  Its equilibria at
the swept value ``t`` solve the indifference system ``E_S(x, t) = 0``
(:mod:`gametrust.solvers.nplayer_system`, now with payoffs polynomial in
``t``) with every probability of the support positive and every action
outside it no better (its *slack* ``u_i(b, x_-i) - u_i(S_i[0], x_-i) <= 0``).
On an open interval of ``t`` where

1. no solution has a probability or a slack equal to 0, and
2. no solution is singular (the Jacobian ``det(dE_S/dx)`` is not 0),

every solution in the simplex moves along a smooth branch (implicit
functions) that cannot leave the simplex (it would cross a probability 0),
cannot appear from outside it or from infinity (the same), and cannot meet
another one or turn complex (that needs a singular point): so the equilibria
with support ``S`` keep their number, supports and best responses.  The
values of ``t`` where 1. or 2. fails are roots of the *elimination
polynomials*: a Gröbner basis of ``E_S`` with ``g`` added (``g`` a
probability, a slack or the Jacobian) in lexicographic order with ``t``
last contains the generators of the ideal's intersection with ``Q[t]``
(FLINT's Buchberger, through python-flint; 1.3 s for every support of a
2x2x2 game under load).  When that intersection is zero (a whole curve of
solutions meets ``g = 0``, e.g. ``E_S`` has a continuum for every ``t``)
the support is *not certifiable* and :func:`mixed_critical_polys` says so
(unless ``E_S`` alone eliminates to a nonzero polynomial in ``t``: then it has
solutions only at that polynomial's roots, which are critical values, as when
one player mixes and its indifference involves ``t`` only);
the sweep then samples the mixed equilibria instead of proving them
constant.

>>> import gametrust
>>> from fractions import Fraction as F
>>> from gametrust.analysis.parametric import Axis, cleared_polys, parametric_tensor, roots_of
>>> six = gametrust.load("scenarios/six_party.yaml")
>>> _, _, tensor = parametric_tensor(six, Axis.parse("param:sensibility"), None, None)
>>> found = mixed_critical_polys(cleared_polys(tensor, "s", F(0), F(1)))
>>> found.certified, [str(r) for r in roots_of(found.polys, F(0), F(1))]
(True, ['1/3', '1/2', '7/12'])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from math import lcm
from typing import Any

import flint
import numpy as np

from ..core.polynomial import Poly

__all__ = ["MixedCritical", "mixed_critical_polys"]


@dataclass(frozen=True)
class MixedCritical:
    """The elimination polynomials in ``t`` of every support, and whether every support
    was certifiable (see the module docstring); ``uncertified`` lists those that were
    not, as action indices per player."""

    polys: frozenset[Poly]
    uncertified: tuple[tuple[tuple[int, ...], ...], ...]

    @property
    def certified(self) -> bool:
        return not self.uncertified


def _subsets(k: int) -> list[tuple[int, ...]]:
    return [tuple(a for a in range(k) if mask >> a & 1) for mask in range(1, 2**k)]


def _det(rows: list[list[Any]], zero: Any) -> Any:
    """The determinant by expansion along the first row (the systems are small)."""
    if len(rows) == 1:
        return rows[0][0]
    total = zero
    for k, entry in enumerate(rows[0]):
        if entry.is_zero():
            continue
        minor = [row[:k] + row[k + 1:] for row in rows[1:]]
        term = entry * _det(minor, zero)
        total = total + term if k % 2 == 0 else total - term
    return total


class _System:
    """The indifference system of one support profile, in the unknowns and ``t``."""

    def __init__(self, polys: np.ndarray, supports: Sequence[Sequence[int]]) -> None:
        self.supports = supports
        self.unknowns = [(i, a) for i, s in enumerate(supports) for a in s[1:]]
        names = (*(f"x{i}_{a}" for i, a in self.unknowns), "t")
        self.ctx = flint.fmpz_mpoly_ctx.get(names, "lex")
        gens = self.ctx.gens()
        self.t = gens[-1]
        self.zero = self.ctx.from_dict({})
        self.one = self.ctx.from_dict({(0,) * len(names): 1})
        position = {u: k for k, u in enumerate(self.unknowns)}
        self.strategies: list[dict[int, Any]] = []
        for i, s in enumerate(supports):
            mix = {a: gens[position[(i, a)]] for a in s[1:]}
            first = self.one
            for g in mix.values():
                first = first - g
            self.strategies.append({s[0]: first, **mix})
        self.polys = polys
        self.scale = [
            lcm(1, *(c.denominator for p in polys[i].ravel() for c in p.coeffs))
            for i in range(polys.shape[0])
        ]

    def _payoff(self, i: int, index: Sequence[int]) -> Any:
        out = self.zero
        for k, c in enumerate(self.polys[(i, *index)].coeffs):
            if c:
                out = out + int(c * self.scale[i]) * self.t**k
        return out

    def value(self, i: int, a: int) -> Any:
        """Player ``i``'s payoff from action ``a`` against the others' mixes."""
        others = [j for j in range(len(self.supports)) if j != i]
        total = self.zero
        for profile in product(*(self.supports[j] for j in others)):
            index = list(profile)
            index.insert(i, a)
            term = self._payoff(i, index)
            for j, k in zip(others, profile, strict=True):
                term = term * self.strategies[j][k]
            total = total + term
        return total

    def equations_and_boundaries(self) -> tuple[list[Any], list[Any]]:
        equations, boundaries = [], []
        for i, s in enumerate(self.supports):
            base = self.value(i, s[0])
            equations += [self.value(i, a) - base for a in s[1:]]
            boundaries += [self.strategies[i][a] for a in s if len(s) > 1]
            boundaries += [self.value(i, b) - base for b in range(self.polys.shape[1 + i])
                           if b not in s]
        return equations, boundaries

    def jacobian(self, equations: list[Any]) -> Any:
        m = len(self.unknowns)
        rows = [[e.derivative(k) for k in range(m)] for e in equations]
        return _det(rows, self.zero)

    def eliminate(self, equations: list[Any], g: Any) -> list[Poly] | None:
        """The generators of ``(E_S, g)`` in ``Q[t]`` (``[]``: no solution has ``g = 0``),
        or ``None`` when that intersection is zero (not certifiable).  ``g = 0`` (the
        polynomial) eliminates from ``E_S`` alone."""
        system = [*equations, g] if not g.is_zero() else list(equations)
        basis = list(flint.fmpz_mpoly_vec(system, self.ctx).buchberger_naive())
        nonzero = [p for p in basis if not p.is_zero()]
        if any(p.is_constant() for p in nonzero):
            return []
        width = len(self.unknowns)
        only_t = [p for p in nonzero if all(not any(k[:width]) for k in p.to_dict())]
        if not only_t:
            return None
        out = []
        for p in only_t:
            terms = p.to_dict()
            coeffs = [0] * (max(k[width] for k in terms) + 1)
            for k, v in terms.items():
                coeffs[k[width]] = int(v)
            out.append(Poly.from_coeffs([Fraction(c) for c in coeffs]))
        return out


def mixed_critical_polys(polys: np.ndarray) -> MixedCritical:
    """Every elimination polynomial in ``t`` of every support profile with a mixing player
    (``polys``: each player's payoffs as polynomials in ``t``, denominators cleared)."""
    shape = polys.shape[1:]
    found: set[Poly] = set()
    uncertified = []
    for supports in product(*(_subsets(k) for k in shape)):
        if all(len(s) == 1 for s in supports):
            continue  # pure profiles: the deviation differences decide them
        system = _System(polys, supports)
        equations, boundaries = system.equations_and_boundaries()
        if any(e.is_zero() for e in equations):  # an identity: a continuum for every t
            uncertified.append(tuple(tuple(s) for s in supports))
            continue
        alone = system.eliminate(equations, system.zero)
        if alone is not None:  # solutions only at the roots of these (or none at all)
            found.update(p.primitive() for p in alone if p.degree > 0)
            continue
        jacobian = system.jacobian(equations)
        if jacobian.is_zero():  # singular everywhere: no isolated branches to follow
            uncertified.append(tuple(tuple(s) for s in supports))
            continue
        for g in [*boundaries, jacobian]:
            if g.is_constant():  # never 0 (a probability 1), or always (a permanent tie)
                continue
            eliminated = system.eliminate(equations, g)
            if eliminated is None:
                uncertified.append(tuple(tuple(s) for s in supports))
                break
            found.update(p.primitive() for p in eliminated if p.degree > 0)
    return MixedCritical(frozenset(found), tuple(uncertified))
