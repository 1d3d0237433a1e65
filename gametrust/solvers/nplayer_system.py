"""The indifference system of one support profile of an N-player game, solved exactly.

Fix a support ``S_i`` for every player.  Player ``i`` mixes ``S_i`` with
probabilities ``x_{i,a}`` (``a`` in ``S_i`` after the first; the first gets
``1 - sum``); a profile with these supports can be an equilibrium only if every
player is indifferent among the actions of its support:

    u_i(a, x_-i) - u_i(S_i[0], x_-i) = 0      for every player i and a in S_i[1:].

That is ``sum(|S_i| - 1)`` multilinear equations in as many unknowns
(Porter, Nudelman and Shoham 2008, "Simple search methods for finding a Nash
equilibrium", feasibility program 1).  :func:`solve_support` solves it
exactly, with measured choices:

1. a Gröbner basis in degree-reverse-lexicographic order by FLINT
   (``fmpz_mpoly_vec.buchberger_naive`` through python-flint; on a random
   3x3x3 game's totally mixed support it took 13 ms, sympy's ``groebner``
   1.0 s in grevlex and 13.6 s in lex), with the players' unknowns in
   reverse order (measured in :func:`solve_support`);
2. no solution when the basis is ``{1}``; a positive-dimensional solution set
   when some variable has no pure power among the leading monomials
   (reported as such: the caller samples it);
3. otherwise the finite quotient ring: its standard monomials and the
   matrices of multiplication by each variable (normal forms by FLINT's
   reduction, :func:`_matrices`; 6 ms against 15 ms for memoised rewriting
   with Python fractions on a 3x3x3 totally mixed support); when a fixed
   linear form ``t`` of the variables has a multiplication matrix with
   distinct eigenvalues (a square-free characteristic polynomial), the ideal
   is radical and ``t`` separates its points; otherwise the ideal is made
   radical by adding the square-free part of each variable's eliminant (the
   minimal polynomial of its matrix; Seidenberg's lemma) and ``t`` is sought
   again.  Every variable is then a polynomial in ``t`` (the shape lemma):
   at an eigenvalue ``theta`` the nonzero columns of ``adj(theta I - T^T)``
   are multiples of the vector of the standard monomials' values at the
   point, and that adjugate is ``sum theta^j B_j`` with ``B_j`` from the
   Faddeev–LeVerrier recursion (matrix-vector products only: 14-20 ms on the
   3x3x3 support where solving the Krylov system, with 3,700-bit entries,
   took 120 ms);
4. the minimal polynomial of ``t`` is factored over Q and each real root of
   each factor gives one point over the field ``Q(root)``
   (:class:`~gametrust.core.number_field.RealField`).

Every complex solution is accounted for; the caller keeps the real points
whose probabilities are positive and certifies them.  Supports with a simple
structure are solved by the cheaper exact paths of
:mod:`gametrust.solvers.nplayer_fast` instead (the same points; the tests
compare them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from typing import Any

import flint
import numpy as np

from ..core.number_field import RealField
from ..core.real_roots import real_roots

__all__ = ["SupportSystem", "solve_support", "support_equations"]

#: Linear forms tried to separate the solutions (coefficients of the variables).
_SEPARATORS = (
    (1, 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31),
    (1, -3, 7, -11, 17, -23, 31, -41, 47, -59, 67, -73),
    (3, 1, -4, 1, 5, -9, 2, 6, -5, 3, 5, -8),
)


@dataclass
class SupportSystem:
    """What the indifference system of one support profile has.

    ``points``: each a field and the strategies of every player over all its
    actions as elements of that field (``[]`` when there is no solution);
    ``dimension``: ``-1`` no complex solution, ``0`` finitely many, ``1`` a
    positive-dimensional set (then ``points`` is empty and ``basis`` is its
    Gröbner basis as text, in the natural order of the unknowns unless some are
    ``fixed``); ``names``: the unknowns.
    """

    points: list[tuple[RealField, list[list[Any]]]] = field(default_factory=list)
    dimension: int = -1
    names: tuple[str, ...] = ()
    basis: tuple[str, ...] = ()


def _variables(supports: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    return [(i, a) for i, s in enumerate(supports) for a in s[1:]]


def support_equations(
    payoffs: np.ndarray, supports: Sequence[Sequence[int]], fixed: dict[int, Fraction] | None = None
) -> tuple[Any, list[Any], list[tuple[int, int]]]:
    """The context, equations (``fmpz_mpoly``) and unknowns ``(player, action)`` of a support.

    ``payoffs`` are integers (``game.integer_payoffs``: a positive scaling per
    player keeps the equilibria).  ``fixed`` adds equations ``x_k = value`` (to
    sample a positive-dimensional set).
    """
    unknowns = _variables(supports)
    names = tuple(f"x{i}_{a}" for i, a in unknowns) or ("t",)
    ctx = flint.fmpz_mpoly_ctx.get(names, "degrevlex")
    gens = ctx.gens()
    one = ctx.from_dict({(0,) * len(names): 1})
    position = {u: k for k, u in enumerate(unknowns)}
    strategies: list[dict[int, Any]] = []
    for i, s in enumerate(supports):
        mix = {a: gens[position[(i, a)]] for a in s[1:]}
        first = one
        for g in mix.values():
            first = first - g
        strategies.append({s[0]: first, **mix})
    equations = []
    n = len(supports)
    for i, s in enumerate(supports):
        if len(s) < 2:
            continue
        others = [j for j in range(n) if j != i]

        def value(a: int, i: int = i, others: list[int] = others) -> Any:
            total = ctx.from_dict({})
            for prof in product(*(supports[j] for j in others)):
                index = list(prof)
                index.insert(i, a)
                c = int(payoffs[(i, *index)])
                if c:
                    term = ctx.from_dict({(0,) * len(names): c})
                    for j, k in zip(others, prof, strict=True):
                        term = term * strategies[j][k]
                    total = total + term
            return total

        base = value(s[0])
        equations += [value(a) - base for a in s[1:]]
    for k, q in (fixed or {}).items():
        equations.append(gens[k] * q.denominator - one * q.numerator)
    return ctx, [e for e in equations if not e.is_zero()], unknowns


def _leading(p: Any) -> tuple[int, ...]:
    return tuple(int(e) for e in p.monoms()[0])


def _standard_monomials(leads: list[tuple[int, ...]], n: int) -> list[tuple[int, ...]] | None:
    """The monomials no leading monomial divides; ``None`` when infinitely many."""
    for k in range(n):
        if not any(m[k] > 0 and sum(m) == m[k] for m in leads):
            return None
    seen = {(0,) * n}
    frontier = [(0,) * n]
    while frontier:
        nxt = []
        for m in frontier:
            for k in range(n):
                c = (*m[:k], m[k] + 1, *m[k + 1 :])
                if c in seen or any(
                    all(x >= y for x, y in zip(c, lm, strict=True)) for lm in leads
                ):
                    continue
                seen.add(c)
                nxt.append(c)
        frontier = nxt
    return sorted(seen)


def _basis(equations: list[Any], ctx: Any) -> list[Any]:
    if not equations:
        return []
    return list(flint.fmpz_mpoly_vec(equations, ctx).buchberger_naive().autoreduction())


def _matrices(basis: list[Any], standard: list[tuple[int, ...]], n: int) -> list[Any]:
    """Matrices of multiplication by each variable on the standard monomials.

    Each normal form is FLINT's reduction by the basis (``reduction_primitive_part``: the
    remainder of division up to a nonzero integer factor), made exact by reducing
    ``x^m - z`` for a new smallest variable ``z`` that no leading monomial divides: the
    remainder is ``c (NF(x^m) - z)``, and ``-c`` is its coefficient of ``z``.  (The basis
    stays a Gröbner basis with ``z`` added: the order restricted to the old variables is
    the same.)"""
    ctx = basis[0].context()
    zctx = flint.fmpz_mpoly_ctx.get((*ctx.names(), "_z"), "degrevlex")
    zbasis = flint.fmpz_mpoly_vec(
        [
            zctx.from_dict({(*(int(e) for e in m), 0): c for m, c in p.to_dict().items()})
            for p in basis
        ],
        zctx,
    )
    z = zctx.gens()[-1]
    z_key = (0,) * n + (1,)
    index = {m: j for j, m in enumerate(standard)}
    size = len(standard)
    out = []
    for k in range(n):
        entries = [[flint.fmpq(0)] * size for _ in range(size)]
        for j, m in enumerate(standard):
            product_ = (*m[:k], m[k] + 1, *m[k + 1 :])
            if product_ in index:
                entries[index[product_]][j] = flint.fmpq(1)
                continue
            remainder = (zctx.from_dict({(*product_, 0): 1}) - z).reduction_primitive_part(zbasis)
            terms = {tuple(int(e) for e in mono): c for mono, c in remainder.to_dict().items()}
            scale = -terms.pop(z_key)
            for mono, c in terms.items():
                entries[index[mono[:-1]]][j] = flint.fmpq(c, scale)
        out.append(flint.fmpq_mat(size, size, [e for row in entries for e in row]))
    return out


def _integer(poly: Any) -> list[int]:
    scaled = poly * poly.denom()
    return [int(c) for c in scaled.numer().coeffs()]


def _radical_additions(matrices: list[Any], ctx: Any) -> list[Any]:
    """Square-free parts of the eliminants that are not square-free (empty: radical)."""
    added = []
    gens = ctx.gens()
    for k, m in enumerate(matrices):
        eliminant = m.minpoly()
        if eliminant.gcd(eliminant.derivative()).degree() > 0:
            free = eliminant / eliminant.gcd(eliminant.derivative())
            poly = ctx.from_dict({})
            for e, c in enumerate(_integer(free)):
                poly = poly + c * gens[k] ** e
            added.append(poly)
    return added


def solve_support(
    payoffs: np.ndarray, supports: Sequence[Sequence[int]], fixed: dict[int, Fraction] | None = None
) -> SupportSystem:
    """Solve the indifference system of ``supports`` exactly (see the module docstring)."""
    ctx, equations, unknowns = support_equations(payoffs, supports, fixed)
    n = len(unknowns)
    names = tuple(f"x{i}_{a}" for i, a in unknowns)
    if any(e.is_constant() for e in equations):
        return SupportSystem(names=names)
    if n == 0:
        zero = RealField(flint.fmpq_poly([0, 1]), Fraction(0))
        return SupportSystem([(zero, _strategies(zero, supports, unknowns, [], payoffs))], 0, names)
    # the basis is computed with the players' unknowns in reverse order (last player's
    # first): on a 3x3x3 game's totally mixed support FLINT's Buchberger took 19-20 ms
    # there against 30-33 ms in the natural order and 260-300 ms interleaved; the matrices
    # are put back in the natural order, so the separating form, its characteristic
    # polynomial and the points do not depend on this choice
    order = [k for i in reversed(range(len(supports))) for k, u in enumerate(unknowns) if u[0] == i]
    pctx = flint.fmpz_mpoly_ctx.get(tuple(ctx.names()[k] for k in order), "degrevlex")
    permuted = [
        pctx.from_dict({tuple(int(m[k]) for k in order): c for m, c in e.to_dict().items()})
        for e in equations
    ]
    basis = _basis(permuted, pctx)
    for _ in range(3):
        if any(p.is_constant() and not p.is_zero() for p in basis):
            return SupportSystem(names=names)
        standard = _standard_monomials([_leading(p) for p in basis], n)
        if standard is None:
            text = basis if fixed else _basis(equations, ctx)  # the natural order's, shown
            return SupportSystem(dimension=1, names=names, basis=tuple(str(p) for p in text))
        in_order = _matrices(basis, standard, n)
        matrices = [in_order[order.index(k)] for k in range(n)]
        separated = _separate(matrices)
        if separated is not None:  # distinct eigenvalues: as many points as standard monomials
            break
        added = _radical_additions(in_order, pctx)
        if not added:  # pragma: no cover - three fixed forms have always separated in practice
            raise ArithmeticError("no separating linear form found")
        basis = _basis(basis + added, pctx)
    else:  # pragma: no cover - one round of additions makes the ideal radical
        raise ArithmeticError("the support system did not become radical")
    points = _points(*separated, matrices, standard, supports, unknowns, payoffs)
    return SupportSystem(points, 0, names)


def _separate(matrices: list[Any]) -> tuple[Any, Any] | None:
    """A linear form ``t`` of the variables whose multiplication matrix has distinct
    eigenvalues (then the ideal is radical and ``t`` separates its points): the matrix and its
    characteristic polynomial; ``None`` when none of the fixed forms does."""
    size = matrices[0].nrows()
    for coefficients in _SEPARATORS:
        t_matrix = flint.fmpq_mat(size, size)
        for c, m in zip(coefficients, matrices, strict=False):
            t_matrix = t_matrix + m * c
        charpoly = t_matrix.charpoly()
        if charpoly.gcd(charpoly.derivative()).degree() == 0:
            return t_matrix, charpoly
    return None


def _points(
    t_matrix: Any,
    minimal: Any,
    matrices: list[Any],
    standard: list[tuple[int, ...]],
    supports: Sequence[Sequence[int]],
    unknowns: list[tuple[int, int]],
    payoffs: np.ndarray,
) -> list[tuple[RealField, list[list[Any]]]]:
    size, n = len(standard), len(matrices)
    # adj(theta I - T^T) = sum_j theta^j B_j (Faddeev-LeVerrier: B_{size-1} = I,
    # B_{j-1} = T^T B_j + c_j I); at an eigenvalue theta its nonzero columns are multiples of
    # the evaluation vector (m(point))_m, so each coordinate is a ratio of two of its entries
    transposed = t_matrix.transpose()
    c = minimal.coeffs()
    cache: dict[int, list[Any]] = {}

    def adjugate_column(start: int) -> list[Any]:
        """Entry ``r`` of column ``start`` of ``adj(theta I - T^T)``, a polynomial in theta."""
        if start not in cache:
            unit = flint.fmpq_mat(size, 1, [1 if r == start else 0 for r in range(size)])
            w, column = unit, [unit]
            for j in range(size - 1, 0, -1):
                w = transposed * w + unit * c[j]
                column.append(w)
            column.reverse()  # column[j] = B_j e_start
            cache[start] = [
                flint.fmpq_poly([column[j][r, 0] for j in range(size)]) for r in range(size)
            ]
        return cache[start]

    first = [[matrices[k][r, 0] for r in range(size)] for k in range(n)]
    one = standard.index((0,) * n)
    points = []
    _, factors = minimal.factor()
    for factor, _ in factors:
        ints = tuple(_integer(factor))
        modulus = flint.fmpq_poly(list(ints))
        for start in [one, *(r for r in range(size) if r != one)]:
            vector = [entry % modulus for entry in adjugate_column(start)]
            if not vector[one].is_zero():
                break
        else:  # pragma: no cover - a simple eigenvalue's adjugate has a nonzero column
            raise ArithmeticError("no eigenvector found")
        g, inverse, _ = vector[one].xgcd(modulus)
        inverse = inverse / g
        values = []
        for k in range(n):  # x_k(point) = sum_r v_r M_k[r, 0] / v_1
            total = flint.fmpq_poly([])
            for r in range(size):
                if first[k][r] != 0:
                    total = total + vector[r] * first[k][r]
            values.append((total * inverse) % modulus)
        for root in real_roots(ints):
            fld = RealField(modulus, root)
            points.append((fld, _strategies(fld, supports, unknowns, values, payoffs)))
    return points


def _strategies(
    fld: RealField,
    supports: Sequence[Sequence[int]],
    unknowns: list[tuple[int, int]],
    values: list[Any],
    payoffs: np.ndarray,
) -> list[list[Any]]:
    shape = payoffs.shape[1:]
    value_of = dict(zip(unknowns, values, strict=True))
    out = []
    for i, s in enumerate(supports):
        row = [flint.fmpq_poly([]) for _ in range(shape[i])]
        rest = flint.fmpq_poly([1])
        for a in s[1:]:
            row[a] = value_of[(i, a)]
            rest = rest - value_of[(i, a)]
        row[s[0]] = fld.reduce(rest)
        out.append(row)
    return out
