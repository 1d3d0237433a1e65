"""Every extreme Nash equilibrium of a two-player game, by vertex enumeration.

The algorithm (Mangasarian 1964; von Stengel, "Equilibrium computation for
two-player games in strategic and extensive form", ch. 3 of Nisan et al.,
*Algorithmic Game Theory*, 2007, Algorithm 3.5):

1. Make both payoff matrices positive (adding a constant changes no best
   response) and scale them to integers.
2. Take the best-response polytopes
   ``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}``.  Label a
   point of ``P`` with ``i`` when ``x_i = 0`` and with ``m + j`` when column
   ``j`` is a best response (``(B^T x)_j = 1``); likewise for ``Q``.
3. Enumerate every vertex of ``P`` and ``Q``: a vertex with support I is
   the unique solution of ``B[I, J]^T x_I = 1`` for some ``|J| = |I|`` tight
   columns.  Every "is this zero / is this feasible" decision is exact —
   nothing is lost to rounding, which is what makes degenerate games (payoff
   ties) safe — and most bases are decided without exact arithmetic
   (:mod:`gametrust.solvers._basis_screen`, where the proofs are): row sets
   holding a row dominated on the support are never tried; a floating-point
   test with rigorous error bounds drops most of the rest and certifies most
   vertices, tight rows included; what it cannot decide is solved exactly
   modulo a few primes (see :mod:`gametrust.solvers.modular`).  Exact
   coordinates are computed only for the vertices of equilibria.
4. A pair of vertices ``(x, y) != (0, 0)`` whose labels cover all ``m + n``
   labels is an extreme equilibrium, after normalising ``x`` and ``y`` to
   probabilities.  Every extreme point of every equilibrium component is such a
   pair, so the list is complete.
5. The game is *degenerate* exactly when some vertex has more labels than the
   dimension (a mixed strategy with more pure best responses than its support
   size).  Extreme equilibria that combine into convex sets — "maximal Nash
   subsets", complete bipartite sub-graphs of the vertex pairs — are reported
   as components; one with several members is a continuum.

Float games run the same enumeration in floating point with the documented
tolerance :data:`gametrust.core.exact.FLOAT_TOLERANCE` deciding zero and tightness.

>>> from gametrust import NormalFormGame
>>> pennies = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
>>> found = enumerate_equilibria(pennies)
>>> found.profiles
[((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))]
>>> found.degenerate
False
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from itertools import combinations
from typing import Any

import numpy as np

from ..core.exact import FLOAT_TOLERANCE
from ..model.game import NormalFormGame
from . import _basis_screen, modular

__all__ = ["Enumeration", "Vertex", "enumerate_equilibria", "equilibria_gen", "polytope_vertices"]

#: Bases solved per numpy batch (bounds memory on larger games).
_BATCH = 20_000
#: Bases of consecutive sizes share one float-test call until there are this many.
_SHARED = 500


@dataclass(frozen=True)
class Vertex:
    """A vertex of ``{z >= 0 : C z <= 1}``: coordinates, support and tight rows."""

    point: tuple[Any, ...]  # Fractions (exact) or floats
    support: frozenset[int]
    tight: frozenset[int]

    @property
    def degenerate(self) -> bool:
        """More tight rows than the support size: more labels than the dimension."""
        return len(self.tight) > len(self.support)


@dataclass
class Enumeration:
    """The raw output of the enumeration, before certification."""

    profiles: list[tuple[tuple[Any, ...], tuple[Any, ...]]]
    degenerate: bool
    components: tuple[tuple[int, ...], ...]
    details: dict[str, Any] = field(default_factory=dict)


# -- polytope vertices ---------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _combinations(n: int, k: int) -> np.ndarray:
    """All k-subsets of range(n), one per row, in lexicographic order (cached; read-only)."""
    out = np.array(list(combinations(range(n), k)), dtype=np.intp).reshape(-1, k)
    out.flags.writeable = False
    return out


def _index_pairs(d: int, r: int, k: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """All (support, tight rows) index sets of size k, in batches."""
    supports, rows = _combinations(d, k), _combinations(r, k)
    per = max(1, _BATCH // len(rows))
    for start in range(0, len(supports), per):
        chunk = supports[start : start + per]
        yield np.repeat(chunk, len(rows), axis=0), np.tile(rows, (len(chunk), 1))


def _float_screen(c: np.ndarray, support: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Which bases may define a vertex: those the certified float test does not drop.

    ``c`` is the float64 copy of a positive integer matrix with entries below
    ``2**50``; see :func:`gametrust.solvers._basis_screen.classify` for the proof
    that a dropped basis defines no vertex.  Used by the plain reference path
    (support and rows (N, k)); the fast path also uses the test's VERTEX
    verdicts.
    """
    check = np.ones((c.shape[0], len(support)), dtype=bool)
    return _basis_screen.classify(c, support.T, rows.T, check)[0] != _basis_screen.DROP


def _bit_masks(flags: np.ndarray) -> list[int]:
    """Each column of a boolean (w, N) array as an int with bit i set where row i is True."""
    if flags.shape[0] <= 62:
        weights = np.left_shift(1, np.arange(flags.shape[0], dtype=np.int64))
        return (weights @ flags).tolist()
    return [sum(1 << int(i) for i in np.nonzero(col)[0]) for col in flags.T]


def _index_masks(index: np.ndarray, width: int) -> list[int]:
    """Each column of a (k, N) index array as a bit mask."""
    flags = np.zeros((width, index.shape[1]), dtype=bool)
    flags[index, np.arange(index.shape[1])] = True
    return _bit_masks(flags)


def _bits(mask: int) -> list[int]:
    """The set bits of a mask, ascending."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _solve_exact(m: list[list[int]]) -> tuple[list[int], int] | None:
    """Solve ``m z = 1`` for an integer matrix, exactly: ``(numerators, det)`` with
    ``z_i = numerators[i] / det``; None if singular.

    Fraction-free Gauss-Jordan elimination (Bareiss 1968): after eliminating
    column ``c`` every entry is a ``(c+1)``-minor of the (row-permuted)
    augmented matrix ``[m | 1]``, so each division by the previous pivot is
    exact, and at the end ``t[i][i] = ±det(m)`` and ``t[i][k] = ±det(m) z_i``.

    >>> _solve_exact([[2, 1], [1, 3]])
    ([2, 1], 5)
    """
    k = len(m)
    t = [[int(v) for v in row] + [1] for row in m]
    previous = 1
    for col in range(k):
        pivot = next((i for i in range(col, k) if t[i][col]), None)
        if pivot is None:
            return None
        t[col], t[pivot] = t[pivot], t[col]
        p, row_c = t[col][col], t[col]
        for i in range(k):
            if i != col:
                f = t[i][col]
                t[i] = [(p * a - f * b) // previous for a, b in zip(t[i], row_c, strict=True)]
        previous = p
    return [row[k] for row in t], previous


class _Vertices:
    """The vertices of one polytope, found so far, without duplicates.

    Supports and tight sets are bit masks; a vertex's coordinates are stored
    either as a point or as a basis ``(support, rows)`` whose exact solution is
    computed only when :meth:`point` is asked — in practice only for the
    vertices that belong to an equilibrium.
    """

    def __init__(self, c: np.ndarray, origin: tuple[Any, ...]) -> None:
        self.c = c
        self.supports: list[int] = [0]
        self.tights: list[int] = [0]
        self._sources: list[Any] = [origin]
        self._points: dict[int, tuple[Any, ...]] = {0: origin}
        self._normalised: dict[int, tuple[Any, ...]] = {}
        self._seen: set[tuple[int, int]] = {(0, 0)}

    def __len__(self) -> int:
        return len(self.supports)

    def _add(self, support: int, tight: int, source: Any) -> bool:
        """Append a vertex unless one with the same support and tight rows is known."""
        if (support, tight) in self._seen:
            return False
        self._seen.add((support, tight))
        self.supports.append(support)
        self.tights.append(tight)
        self._sources.append(source)
        return True

    def add_vertices(self, vertices: list[Vertex]) -> None:
        """Add vertices whose points are known."""
        for v in vertices:
            support = sum(1 << i for i in v.support)
            tight = sum(1 << j for j in v.tight)
            if self._add(support, tight, None):
                self._points[len(self.supports) - 1] = v.point

    def add_bases(self, support: np.ndarray, tight: np.ndarray, rows: np.ndarray) -> None:
        """Add vertices of nonsingular bases: support (k, N), tight flags (r, N), rows (k, N)."""
        supports = _index_masks(support, self.c.shape[1])
        for n, (s, t) in enumerate(zip(supports, _bit_masks(tight), strict=True)):
            self._add(s, t, (support, rows, n))

    def _solve(self, i: int) -> None:
        """Exact coordinates of vertex ``i`` and their normalisation, from its basis."""
        support, rows, n = self._sources[i]
        cols, rows = support[:, n], rows[:, n]
        solved = _solve_exact([[self.c[j, col] for col in cols] for j in rows])
        assert solved is not None  # the basis was certified nonsingular
        nums, det = solved
        total = sum(nums)  # the numerators have the sign of det: z > 0
        point, normalised = [Fraction(0)] * self.c.shape[1], [Fraction(0)] * self.c.shape[1]
        for col, num in zip(cols, nums, strict=True):
            point[int(col)] = Fraction(num, det)
            normalised[int(col)] = Fraction(num, total)
        self._points[i] = tuple(point)
        self._normalised[i] = tuple(normalised)

    def point(self, i: int) -> tuple[Any, ...]:
        """The coordinates of vertex ``i`` (exact ones are solved for on first use)."""
        if i not in self._points:
            self._solve(i)
        return self._points[i]

    def normalised(self, i: int) -> tuple[Any, ...]:
        """Vertex ``i`` scaled to a probability vector (a mixed strategy)."""
        if i not in self._normalised:
            if i not in self._points:
                self._solve(i)
            else:
                self._normalised[i] = _normalise(self._points[i])
        return self._normalised[i]

    @property
    def degenerate(self) -> bool:
        """Some vertex has more tight rows than its support size."""
        return any(t.bit_count() > s.bit_count() for s, t in zip(self.supports, self.tights,
                                                                    strict=True))

    def vertex(self, i: int) -> Vertex:
        """Vertex ``i`` as a :class:`Vertex`."""
        return Vertex(self.point(i), frozenset(_bits(self.supports[i])),
                      frozenset(_bits(self.tights[i])))


@dataclass
class _Polytope:
    """One polytope ``{z >= 0 : c z <= 1}`` during the enumeration."""

    c: np.ndarray  # positive integers: int64, or Python ints from 2**62 on
    cmax: int
    found: _Vertices
    offset: int = 0  # its first column in the side-by-side float matrix

    def __post_init__(self) -> None:
        self.orders = _basis_screen.column_orders(self.c)

    @property
    def screened(self) -> bool:
        """Whether the float test applies (entries exact in float64, far from overflow)."""
        return self.cmax < 2**50

    def primes(self, k: int, primes: tuple[int, ...] | None) -> tuple[int, ...] | None:
        """Primes for size-k bases (None: too few for the Hadamard bounds)."""
        if primes is not None:
            return primes
        # Hadamard bounds on |det|, the Cramer numerators and the slacks
        det_bound = (self.cmax * math.sqrt(k)) ** k
        num_bound = (self.cmax * math.sqrt(k)) ** (k - 1) * math.sqrt(k)
        bound = det_bound + k * self.cmax * num_bound
        return modular.primes_for(bound * 1.01 + 1)


@dataclass
class _Block:
    """Candidate bases of one polytope and size, one basis per column."""

    polytope: _Polytope
    support: np.ndarray  # (k, N) columns of the polytope's own matrix
    rows: np.ndarray  # (k, N)
    check: np.ndarray  # (r, N) rows whose slack the float test must decide
    primes: tuple[int, ...]


def _candidates(p: _Polytope, k: int, primes: tuple[int, ...]) -> Iterator[_Block]:
    """The bases of size ``k`` whose rows avoid those dominated or repeated on the support."""
    r, d = p.c.shape
    supports, row_sets = _combinations(d, k), _combinations(r, k)
    in_rows = np.zeros((r, len(row_sets)), dtype=bool)  # (r, J): row a is in row set j
    in_rows[row_sets.T, np.arange(len(row_sets))] = True
    per = max(1, _BATCH // len(row_sets))
    for start in range(0, len(supports), per):
        chunk = supports[start : start + per]
        dominated, repeated = _basis_screen.dominated_rows(p.orders, chunk)  # (r, S)
        s_idx, j_idx = _basis_screen.candidate_rows(dominated | repeated, row_sets)
        check = ~dominated[:, s_idx] & ~in_rows[:, j_idx]  # repeated rows are checked
        yield _Block(p, chunk.T[:, s_idx], row_sets.T[:, j_idx], check, primes)


def _decide(wide: np.ndarray, blocks: list[_Block]) -> None:
    """Run the float test on blocks at once; the undecided bases go to the exact modular solver.

    Bases smaller than the largest, ``K``, are padded to size ``K`` with an
    identity block: ``wide`` gains ``K`` columns and rows holding ``I_K``, a
    size-``k`` basis takes the last ``K - k`` of them, and its matrix becomes
    ``diag(M, I)``: the same determinant and coordinates, padded with ones; the
    padding rows are in ``J`` (or else exactly slack) and never checked.
    """
    size = max(b.support.shape[0] for b in blocks)
    height, width = wide.shape
    padded = np.zeros((height + size, width + size))
    padded[:height, :width] = wide
    padded[height:, width:] = np.eye(size)
    bounds = np.cumsum([0, *(b.support.shape[1] for b in blocks)])
    support = np.empty((size, bounds[-1]), dtype=np.intp)
    rows = np.empty_like(support)
    check = np.zeros((height + size, bounds[-1]), dtype=bool)
    for b, start, stop in zip(blocks, bounds, bounds[1:], strict=False):
        k = b.support.shape[0]
        support[:k, start:stop] = b.support + b.polytope.offset
        support[k:, start:stop] = np.arange(width + k, width + size)[:, None]
        rows[:k, start:stop] = b.rows
        rows[k:, start:stop] = np.arange(height + k, height + size)[:, None]
        check[: b.check.shape[0], start:stop] = b.check
    status, tight = _basis_screen.classify(padded, support, rows, check)
    for b, start, stop in zip(blocks, bounds, bounds[1:], strict=False):
        p, verdict = b.polytope, status[start:stop]
        vertex = verdict == _basis_screen.VERTEX
        flags = tight[: p.c.shape[0], start:stop]
        p.found.add_bases(b.support[:, vertex], flags[:, vertex], b.rows[:, vertex])
        undecided = verdict == _basis_screen.UNDECIDED
        if undecided.any():
            support, rows = b.support[:, undecided].T, b.rows[:, undecided].T
            _modular_vertices(p.c, support, rows, b.primes, p.found)


def _exact_vertices(
    matrices: list[np.ndarray], primes: tuple[int, ...] | None = None
) -> list[_Vertices]:
    """Vertices of ``{z >= 0 : c z <= 1}`` for positive integer matrices ``c`` (r x d).

    For each size ``k`` and each support ``I``, only row sets ``J`` free of rows
    dominated on ``I`` (or repeating an earlier row there) are tried; of those,
    the certified float test (:mod:`gametrust.solvers._basis_screen`) drops
    most, accepts most vertices with their exact tight rows, and leaves the
    rest to the exact modular solver.  The polytopes share the float test's
    calls: their matrices sit side by side in one float matrix.  When there
    are too few primes for the Hadamard bound (``primes_for`` gives None)
    every basis goes to the plain rational path, which is also the reference
    the tests compare with.
    """
    polytopes = []
    for c in matrices:
        cmax = max(int(v) for v in c.ravel())
        c = c.astype(np.int64) if cmax < 2**62 else c
        polytopes.append(_Polytope(c, cmax, _Vertices(c, (Fraction(0),) * c.shape[1])))
    screened = [p for p in polytopes if p.screened]
    # rows padded with zeros: a basis only reads its own columns, and its zero rows are
    # never in J, never checked, and exactly slack
    wide = np.zeros((max((p.c.shape[0] for p in screened), default=0),
                     sum(p.c.shape[1] for p in screened)))
    offset = 0
    for p in screened:
        p.offset = offset
        wide[: p.c.shape[0], offset : offset + p.c.shape[1]] = p.c
        offset += p.c.shape[1]
    pending: list[_Block] = []  # small sizes share a call (see _decide)
    for k in range(1, max(min(p.c.shape) for p in polytopes) + 1):
        for p in polytopes:
            r, d = p.c.shape
            if k > min(r, d):
                continue
            ps = p.primes(k, primes)
            if ps is None:  # the plain reference: every basis, exact rationals
                c_float = p.c.astype(np.float64) if p.screened else None
                for support, rows in _index_pairs(d, r, k):
                    keep = _float_screen(c_float, support, rows) if p.screened else slice(None)
                    p.found.add_vertices(_fraction_vertices(p.c, support[keep], rows[keep]))
                continue
            for block in _candidates(p, k, ps):
                if p.screened:
                    pending.append(block)
                    if sum(b.support.shape[1] for b in pending) >= _BATCH:
                        _decide(wide, pending)
                        pending = []
                elif block.support.shape[1]:
                    _modular_vertices(p.c, block.support.T, block.rows.T, ps, p.found)
        if sum(b.support.shape[1] for b in pending) >= _SHARED:
            _decide(wide, pending)
            pending = []
    if pending:
        _decide(wide, pending)
    return [p.found for p in polytopes]


def _modular_vertices(
    c: np.ndarray, support: np.ndarray, rows: np.ndarray, primes: tuple[int, ...],
    found: _Vertices,
) -> None:
    """Decide bases exactly modulo ``primes`` and add their vertices to ``found``."""
    mats = c[rows[:, :, None], support[:, None, :]]  # (N, k, k): c[J, I]
    det, num, ok = modular.solve_ones(mats, primes)
    det_sign = modular.signs(det, primes)  # (N,)
    num_sign = modular.signs(num, primes) * det_sign[:, None]  # sign of z_I
    candidate = ok & (det_sign != 0) & (num_sign > 0).all(axis=1)
    unlucky = np.nonzero(~ok)[0]
    if unlucky.size:
        found.add_vertices(_fraction_vertices(c, support[unlucky], rows[unlucky]))
    idx = np.nonzero(candidate)[0]
    if idx.size == 0:
        return
    # slacks of every row: S_j = det - sum_i c[j, I_i] num_i (mod p), sign relative to det
    c_cols = c[:, support[idx]]  # (r, n_idx, k)
    slack_res = []
    for t, p in enumerate(primes):
        cm = np.asarray(c_cols % p, dtype=np.int64)
        nm = num[t, idx]  # (n_idx, k)
        acc = np.zeros((c.shape[0], idx.size), dtype=np.int64)
        for i in range(nm.shape[1]):
            acc = (acc + cm[:, :, i] * nm[None, :, i]) % p
        slack_res.append((det[t, idx][None, :] - acc) % p)
    slack_sign = modular.signs(np.stack(slack_res), primes) * det_sign[idx][None, :]
    feasible = np.nonzero((slack_sign >= 0).all(axis=0))[0]
    chosen = idx[feasible]
    found.add_bases(support[chosen].T, slack_sign[:, feasible] == 0, rows[chosen].T)


def _fraction_solve(m: list[list[Fraction]]) -> list[Fraction] | None:
    """Solve ``m z = 1`` exactly (Gauss-Jordan over the rationals); None if singular."""
    k = len(m)
    t = [[Fraction(v) for v in row] + [Fraction(1)] for row in m]
    for col in range(k):
        pivot = next((r for r in range(col, k) if t[r][col] != 0), None)
        if pivot is None:
            return None
        t[col], t[pivot] = t[pivot], t[col]
        inv = 1 / t[col][col]
        t[col] = [v * inv for v in t[col]]
        for r in range(k):
            if r != col and t[r][col] != 0:
                f = t[r][col]
                t[r] = [a - f * b for a, b in zip(t[r], t[col], strict=True)]
    return [t[r][k] for r in range(k)]


def _fraction_vertices(c: np.ndarray, support: np.ndarray, rows: np.ndarray) -> list[Vertex]:
    """The slow, obviously-correct path: one exact rational solve per basis."""
    out = []
    for sup, tight_rows in zip(support, rows, strict=True):
        m = [[Fraction(int(c[j, i])) for i in sup] for j in tight_rows]
        z = _fraction_solve(m)
        if z is None or any(v <= 0 for v in z):
            continue
        slacks = [1 - sum(int(c[j, i]) * v for i, v in zip(sup, z, strict=True)) for j in
                  range(c.shape[0])]
        if any(s < 0 for s in slacks):
            continue
        point = [Fraction(0)] * c.shape[1]
        for i, v in zip(sup, z, strict=True):
            point[i] = v
        tight = frozenset(j for j, s in enumerate(slacks) if s == 0)
        out.append(Vertex(tuple(point), frozenset(int(i) for i in sup), tight))
    return out


def _float_vertices(c: np.ndarray, tol: float) -> list[Vertex]:
    """Vertices of ``{z >= 0 : c z <= 1}`` in floating point (entries of c in (0, 1])."""
    r, d = c.shape
    vertices = [Vertex(tuple(0.0 for _ in range(d)), frozenset(), frozenset())]
    seen: set[tuple[frozenset[int], frozenset[int]]] = set()
    for k in range(1, min(r, d) + 1):
        for support, rows in _index_pairs(d, r, k):
            mats = c[rows[:, :, None], support[:, None, :]]
            dets = np.linalg.det(mats)
            regular = np.abs(dets) > tol
            if not regular.any():
                continue
            sol = np.linalg.solve(mats[regular], np.ones((int(regular.sum()), k, 1)))[..., 0]
            sup = support[regular]
            positive = (sol > tol).all(axis=1)
            sol, sup = sol[positive], sup[positive]
            slacks = 1.0 - np.einsum("jnk,nk->nj", c[:, sup], sol)
            feasible = (slacks >= -tol).all(axis=1)
            for z, s_idx, slack in zip(sol[feasible], sup[feasible], slacks[feasible],
                                       strict=True):
                tight = frozenset(int(j) for j in np.nonzero(np.abs(slack) <= tol)[0])
                key = (frozenset(int(i) for i in s_idx), tight)
                if key in seen:
                    continue
                seen.add(key)
                point = [0.0] * d
                for i, v in zip(s_idx, z, strict=True):
                    point[int(i)] = float(v)
                vertices.append(Vertex(tuple(point), key[0], tight))
    return vertices


def polytope_vertices(
    c: np.ndarray, *, exact: bool = True, primes: tuple[int, ...] | None = None
) -> list[Vertex]:
    """Every vertex of ``{z >= 0 : c z <= 1}`` for a positive matrix ``c``.

    Exact mode needs a positive *integer* matrix and returns Fraction
    coordinates; ``primes`` overrides the automatic choice (tests use tiny
    primes to exercise the "unlucky prime" fallback).  Float mode needs entries
    in (0, 1] and uses :data:`FLOAT_TOLERANCE`.

    >>> [v.point for v in polytope_vertices(np.array([[2, 1], [1, 2]]))]
    [(Fraction(0, 1), Fraction(0, 1)), (Fraction(1, 2), Fraction(0, 1)), \
(Fraction(0, 1), Fraction(1, 2)), (Fraction(1, 3), Fraction(1, 3))]
    """
    if exact:
        found = _exact_vertices([c], primes)[0]
        return [found.vertex(i) for i in range(len(found))]
    return _float_vertices(c, FLOAT_TOLERANCE)


# -- equilibria ----------------------------------------------------------------------------------


def _positive_integer(matrix: np.ndarray) -> np.ndarray:
    low = min(int(v) for v in matrix.ravel())
    return np.vectorize(lambda v: int(v) - low + 1, otypes=[object])(matrix)


def _positive_float(matrix: np.ndarray) -> np.ndarray:
    shifted = matrix - matrix.min() + 1.0
    return shifted / shifted.max()


def _normalise(point: tuple[Any, ...]) -> tuple[Any, ...]:
    total = sum(point)
    return tuple(v / total for v in point)


def _vertices_of_game(game: NormalFormGame, primes=None) -> tuple[_Vertices, _Vertices]:
    if game.exact:
        a, b = (_positive_integer(m) for m in game.integer_payoffs)
        p_vertices, q_vertices = _exact_vertices([b.T, a], primes)
        return p_vertices, q_vertices
    a, b = (_positive_float(np.asarray(m, dtype=np.float64)) for m in game.payoffs)
    out = []
    for c in (b.T, a):
        vertices = _float_vertices(c, FLOAT_TOLERANCE)
        found = _Vertices(c, vertices[0].point)
        found.add_vertices(vertices[1:])
        out.append(found)
    return out[0], out[1]


def _labels(vertices: _Vertices, dim: int, offset_support: int, offset_tight: int) -> list[int]:
    """Bit masks of the vertices' labels (zero coordinates and tight rows)."""
    free = (1 << dim) - 1
    return [
        ((~s & free) << offset_support) | (t << offset_tight)
        for s, t in zip(vertices.supports, vertices.tights, strict=True)
    ]


def _pairs(game: NormalFormGame, primes=None) -> tuple[list[tuple[int, int]], _Vertices,
                                                      _Vertices]:
    m, n = game.shape
    p_vertices, q_vertices = _vertices_of_game(game, primes)
    # P: zero x_i -> label i, tight column j -> label m + j
    # Q: tight row i -> label i, zero y_j -> label m + j
    p_labels = _labels(p_vertices, m, 0, m)
    q_labels = _labels(q_vertices, n, m, 0)
    full = (1 << (m + n)) - 1
    if m + n <= 62:
        pl = np.array(p_labels, dtype=np.int64)
        ql = np.array(q_labels, dtype=np.int64)
        hits = (pl[:, None] | ql[None, :]) == full
        hits[0, :] = False  # the origins (first vertex of each list) pair with nothing
        hits[:, 0] = False
        pairs = [(int(a), int(b)) for a, b in zip(*np.nonzero(hits), strict=True)]
    else:
        pairs = [
            (a, b)
            for a, la in enumerate(p_labels)
            if a
            for b, lb in enumerate(q_labels)
            if b and la | lb == full
        ]

    def order(pair: tuple[int, int]) -> tuple:
        a, b = pair
        x, y = p_vertices.supports[a], q_vertices.supports[b]
        return (x.bit_count() + y.bit_count(), _bits(x), _bits(y),
                p_vertices.normalised(a), q_vertices.normalised(b))

    pairs.sort(key=order)
    return pairs, p_vertices, q_vertices


def equilibria_gen(game: NormalFormGame) -> Iterator[tuple[tuple[Any, ...], tuple[Any, ...]]]:
    """Yield every extreme equilibrium ``(x, y)`` (uncertified; see ``gametrust.solve``)."""
    pairs, p_vertices, q_vertices = _pairs(game)
    for a, b in pairs:
        yield p_vertices.normalised(a), q_vertices.normalised(b)


def _maximal_bicliques(pairs: list[tuple[int, int]]) -> list[tuple[frozenset[int], frozenset[int]]]:
    """Maximal complete bipartite sub-graphs of the equilibrium graph (maximal Nash subsets)."""
    neighbours: dict[int, frozenset[int]] = {}
    for a, b in pairs:
        neighbours[a] = neighbours.get(a, frozenset()) | {b}
    # the right-hand sides of maximal bicliques are the intersections of neighbourhoods
    closed: set[frozenset[int]] = set(neighbours.values())
    frontier = set(closed)
    while frontier:
        new = set()
        for s in frontier:
            for t in neighbours.values():
                inter = s & t
                if inter and inter not in closed:
                    new.add(inter)
        closed |= new
        frontier = new
    cliques = []
    for right in closed:
        left = frozenset(a for a, nb in neighbours.items() if right <= nb)
        # maximal: the right side must be all common neighbours of the left side
        common = frozenset.intersection(*(neighbours[a] for a in left))
        if common == right:
            cliques.append((left, right))
    return cliques


def enumerate_equilibria(game: NormalFormGame, *, primes=None) -> Enumeration:
    """All extreme equilibria, whether the game is degenerate, and the components."""
    pairs, p_vertices, q_vertices = _pairs(game, primes)
    profiles = [
        (p_vertices.normalised(a), q_vertices.normalised(b)) for a, b in pairs
    ]
    degenerate = p_vertices.degenerate or q_vertices.degenerate
    index = {pair: k for k, pair in enumerate(pairs)}
    components = []
    for left, right in _maximal_bicliques(pairs):
        members = sorted(index[(a, b)] for a in left for b in right)
        components.append(tuple(members))
    components.sort()
    details = {"vertices": (len(p_vertices), len(q_vertices))}
    return Enumeration(profiles, degenerate, tuple(components), details)
