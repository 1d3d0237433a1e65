"""The polytope ``{z >= 0 : C z <= 1}`` of vertex enumeration, and its vertices.

A two-player game's best-response polytopes take this form once its payoffs
are made positive (:mod:`gametrust.solvers.vertex_enumeration`).  A vertex with
support ``I`` is the unique solution of ``C[J, I] z_I = 1`` for some set ``J``
of ``|I|`` tight rows, strictly positive on ``I`` and feasible in every row:
a *basis* ``(I, J)``.

This module holds what every way of finding the vertices shares:

* :class:`Vertex`, one vertex: coordinates, support, tight rows;
* :class:`VertexSet`, the vertices of one polytope found so far, without
  duplicates, stored as bit masks and, for exact vertices, as the basis that
  defines them: exact coordinates are solved for (fraction-free, Bareiss 1968)
  only when asked, in practice only for the vertices of equilibria;
* the two plain enumerations over every basis: :func:`rational_vertices`, the
  obviously-correct exact reference, and :func:`float_vertices`, the float
  mode with a tolerance.

The fast exact enumeration, which decides most bases without exact arithmetic,
is :mod:`gametrust.solvers._basis_search`.

>>> import numpy as np
>>> [v.point for v in rational_vertices(np.array([[2, 1], [1, 2]]), *next(index_pairs(2, 2, 2)))]
[(Fraction(1, 3), Fraction(1, 3))]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from itertools import combinations
from typing import Any

import numpy as np

from ..core.linalg import solve_square

__all__ = [
    "BATCH",
    "Vertex",
    "VertexSet",
    "float_vertices",
    "index_pairs",
    "normalise",
    "rational_vertices",
    "subsets",
]

#: Bases solved per numpy batch (bounds memory on larger games).
BATCH = 20_000


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


@lru_cache(maxsize=64)
def subsets(n: int, k: int) -> np.ndarray:
    """All k-subsets of range(n), one per row, in lexicographic order (cached; read-only).

    >>> subsets(3, 2).tolist()
    [[0, 1], [0, 2], [1, 2]]
    """
    out = np.array(list(combinations(range(n), k)), dtype=np.intp).reshape(-1, k)
    out.flags.writeable = False
    return out


def index_pairs(d: int, r: int, k: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Every basis of size ``k`` of an (r x d) matrix: ``(supports, rows)``, each (N, k),
    in batches of about :data:`BATCH` bases."""
    supports, rows = subsets(d, k), subsets(r, k)
    per = max(1, BATCH // len(rows))
    for start in range(0, len(supports), per):
        chunk = supports[start : start + per]
        yield np.repeat(chunk, len(rows), axis=0), np.tile(rows, (len(chunk), 1))


def normalise(point: tuple[Any, ...]) -> tuple[Any, ...]:
    """A nonzero vertex scaled to a probability vector (a mixed strategy)."""
    total = sum(point)
    return tuple(v / total for v in point)


# -- bit masks -----------------------------------------------------------------------------------


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


def _solve_integer(m: list[list[int]]) -> tuple[list[int], int] | None:
    """Solve ``m z = 1`` for an integer matrix, exactly: ``(numerators, det)`` with
    ``z_i = numerators[i] / det``; None if singular.

    Fraction-free Gauss-Jordan elimination (Bareiss 1968): after eliminating
    column ``c`` every entry is a ``(c+1)``-minor of the (row-permuted)
    augmented matrix ``[m | 1]``, so each division by the previous pivot is
    exact, and at the end ``t[i][i] = ±det(m)`` and ``t[i][k] = ±det(m) z_i``.

    >>> _solve_integer([[2, 1], [1, 3]])
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


# -- the vertices of one polytope ----------------------------------------------------------------


class VertexSet:
    """The vertices of one polytope ``{z >= 0 : c z <= 1}``, found so far, without duplicates.

    Vertex 0 is the origin.  ``supports[i]`` and ``tights[i]`` are vertex
    ``i``'s support and tight rows as bit masks; its coordinates are stored
    either as a point or as a basis ``(support, rows)`` whose exact solution
    is computed only when :meth:`point` is asked.

    >>> found = VertexSet(np.array([[2, 1], [1, 2]]), (Fraction(0), Fraction(0)))
    >>> found.add_vertices([Vertex((Fraction(1, 3), Fraction(1, 3)), frozenset({0, 1}),
    ...                            frozenset({0, 1}))])
    >>> len(found), found.support_of(1), found.normalised(1)
    (2, [0, 1], (Fraction(1, 2), Fraction(1, 2)))
    """

    def __init__(self, c: np.ndarray, origin: tuple[Any, ...]) -> None:
        self.c = c
        self.supports: list[int] = [0]
        self.tights: list[int] = [0]
        self._sources: list[Any] = [origin]
        self._points: dict[int, tuple[Any, ...]] = {0: origin}
        self._normalised: dict[int, tuple[Any, ...]] = {}
        self._seen: set[tuple[int, int]] | None = {(0, 0)}
        # the bases of vertices found by the lexicographic search, from vertex index on
        self._lex: tuple[np.ndarray, int] | None = None

    def __len__(self) -> int:
        return len(self.supports)

    def _add(self, support: int, tight: int, source: Any) -> bool:
        """Append a vertex unless one with the same support and tight rows is known."""
        if self._seen is None:
            self._seen = set(zip(self.supports, self.tights, strict=True))
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

    def add_lex_bases(self, supports: list[int], tights: list[int], bases: np.ndarray) -> None:
        """Add vertices from the search over lexicographic bases
        (:mod:`gametrust.solvers.lex_search`): support and tight-row masks, and one basis per
        row of ``bases``: the basic variables, ``z`` columns below ``d`` and slacks
        ``d + row`` from ``d`` on."""
        if len(self.supports) == 1 and self._lex is None:
            # only the origin: the search's vertices are distinct already
            origin = [k for k, (s, t) in enumerate(zip(supports, tights, strict=True))
                      if s == 0 and t == 0]
            if origin:
                k = origin[0]
                supports, tights = supports[:k] + supports[k + 1:], tights[:k] + tights[k + 1:]
                bases = np.delete(bases, k, axis=0)
            self.supports.extend(supports)
            self.tights.extend(tights)
            self._sources.extend([None] * len(supports))  # read from _lex
            self._lex = (bases, 1)
            self._seen = None  # made again when needed
            return
        for k, (support, tight) in enumerate(zip(supports, tights, strict=True)):
            self._add(support, tight, (bases, k))

    def _basis_of(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """The columns and rows of a nonsingular ``C[rows, cols]`` that defines vertex ``i``."""
        lex = self._lex is not None and self._lex[1] <= i < self._lex[1] + len(self._lex[0])
        source = (self._lex[0], i - self._lex[1]) if lex else self._sources[i]
        if len(source) == 2:  # a lexicographic basis: basic z, nonbasic slacks
            r, d = self.c.shape
            basis = source[0][source[1]].tolist()
            basic = {v - d for v in basis if v >= d}
            return (np.array(sorted(v for v in basis if v < d), dtype=np.intp),
                    np.array([j for j in range(r) if j not in basic], dtype=np.intp))
        support, rows, n = source
        return support[:, n], rows[:, n]

    def _solve(self, i: int) -> None:
        """Exact coordinates of vertex ``i`` and their normalisation, from its basis."""
        cols, rows = self._basis_of(i)
        solved = _solve_integer([[self.c[j, col] for col in cols] for j in rows])
        assert solved is not None  # the basis was certified nonsingular
        nums, det = solved
        total = sum(nums)  # the numerators have the sign of det: z >= 0, not all 0
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
                self._normalised[i] = normalise(self._points[i])
        return self._normalised[i]

    def support_of(self, i: int) -> list[int]:
        """The support of vertex ``i``, ascending."""
        return _bits(self.supports[i])

    @property
    def degenerate(self) -> bool:
        """Some vertex has more tight rows than its support size."""
        return any(t.bit_count() > s.bit_count() for s, t in zip(self.supports, self.tights,
                                                                    strict=True))

    def vertex(self, i: int) -> Vertex:
        """Vertex ``i`` as a :class:`Vertex`."""
        return Vertex(self.point(i), frozenset(_bits(self.supports[i])),
                      frozenset(_bits(self.tights[i])))


# -- the plain enumerations: every basis ---------------------------------------------------------


def rational_vertices(c: np.ndarray, support: np.ndarray, rows: np.ndarray) -> list[Vertex]:
    """The vertices among the bases ``(support[n], rows[n])`` ((N, k) each), by one exact
    rational solve per basis: slow and obviously correct (the reference of the tests)."""
    out = []
    for sup, tight_rows in zip(support, rows, strict=True):
        m = [[int(c[j, i]) for i in sup] for j in tight_rows]
        solved = solve_square(m, [[1]] * len(m))
        if solved is None:
            continue
        z = [row[0] for row in solved]
        if any(v <= 0 for v in z):
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


def float_vertices(c: np.ndarray, tol: float) -> list[Vertex]:
    """Vertices of ``{z >= 0 : c z <= 1}`` in floating point (entries of c in (0, 1]).

    ``tol`` decides zero determinants, positive coordinates and tight rows.
    """
    r, d = c.shape
    vertices = [Vertex(tuple(0.0 for _ in range(d)), frozenset(), frozenset())]
    seen: set[tuple[frozenset[int], frozenset[int]]] = set()
    for k in range(1, min(r, d) + 1):
        for support, rows in index_pairs(d, r, k):
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
