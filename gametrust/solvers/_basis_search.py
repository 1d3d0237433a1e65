"""The fast exact search for the vertices of ``{z >= 0 : C z <= 1}`` (C positive integers).

For each size ``k`` and each support ``I``, only row sets ``J`` free of rows
dominated on ``I`` (or repeating an earlier row there) are tried; of those,
the certified float test (:mod:`gametrust.solvers._basis_screen`, where the
proofs are) drops most, accepts most vertices with their exact tight rows, and
leaves the rest to the exact modular solver (:mod:`gametrust.solvers.modular`).
Several polytopes share the float test's calls: their matrices sit side by
side in one float matrix.  When there are too few primes for the Hadamard
bound (``primes_for`` gives None) every basis goes to the plain rational path
(:func:`gametrust.solvers.polytope.rational_vertices`), which is also the
reference the tests compare with.

>>> import numpy as np
>>> (found,) = exact_vertices([np.array([[2, 1], [1, 2]])])
>>> [found.vertex(i).point for i in range(len(found))][-1]
(Fraction(1, 3), Fraction(1, 3))
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..core.progress import step
from . import _basis_screen, modular
from .polytope import BATCH, VertexSet, index_pairs, rational_vertices, subsets

__all__ = ["exact_vertices"]

#: Bases of consecutive sizes share one float-test call until there are this many.
_SHARED = 500


def _float_screen(c: np.ndarray, support: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Which bases may define a vertex: those the certified float test does not drop.

    ``c`` is the float64 copy of a positive integer matrix with entries below
    ``2**50``; see :func:`gametrust.solvers._basis_screen.classify_bases` for
    the proof that a dropped basis defines no vertex.  Used by the plain
    reference path (support and rows (N, k)); the fast path also uses the
    test's VERTEX verdicts.
    """
    check = np.ones((c.shape[0], len(support)), dtype=bool)
    verdict = _basis_screen.classify_bases(c, support.T, rows.T, check)[0]
    return verdict != _basis_screen.DROP


@dataclass
class _SearchedPolytope:
    """One polytope ``{z >= 0 : c z <= 1}`` during the search."""

    c: np.ndarray  # positive integers: int64, or Python ints from 2**62 on
    cmax: int
    found: VertexSet
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
        # Hadamard bounds on |det|, the Cramer numerators and the slacks, in exact integers
        # (a float overflows from cmax ~ 1e154 on): every row of a k x k matrix has 2-norm
        # at most root = ceil(cmax sqrt(k)); a Cramer numerator has a column of ones instead
        root = math.isqrt(self.cmax * self.cmax * k - 1) + 1
        det_bound = root**k
        num_bound = root ** (k - 1) * (math.isqrt(k - 1) + 1)
        return modular.primes_for(det_bound + k * self.cmax * num_bound + 1)


@dataclass
class _Block:
    """Candidate bases of one polytope and size, one basis per column."""

    polytope: _SearchedPolytope
    support: np.ndarray  # (k, N) columns of the polytope's own matrix
    rows: np.ndarray  # (k, N)
    check: np.ndarray  # (r, N) rows whose slack the float test must decide
    primes: tuple[int, ...]


def _candidates(p: _SearchedPolytope, k: int, primes: tuple[int, ...]) -> Iterator[_Block]:
    """The bases of size ``k`` whose rows avoid those dominated or repeated on the support."""
    r, d = p.c.shape
    supports, row_sets = subsets(d, k), subsets(r, k)
    in_rows = np.zeros((r, len(row_sets)), dtype=bool)  # (r, J): row a is in row set j
    in_rows[row_sets.T, np.arange(len(row_sets))] = True
    per = max(1, BATCH // len(row_sets))
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
    status, tight = _basis_screen.classify_bases(padded, support, rows, check)
    for b, start, stop in zip(blocks, bounds, bounds[1:], strict=False):
        p, verdict = b.polytope, status[start:stop]
        vertex = verdict == _basis_screen.VERTEX
        flags = tight[: p.c.shape[0], start:stop]
        p.found.add_bases(b.support[:, vertex], flags[:, vertex], b.rows[:, vertex])
        undecided = verdict == _basis_screen.UNDECIDED
        if undecided.any():
            support, rows = b.support[:, undecided].T, b.rows[:, undecided].T
            _modular_vertices(p.c, support, rows, b.primes, p.found)


def exact_vertices(
    matrices: list[np.ndarray], primes: tuple[int, ...] | None = None
) -> list[VertexSet]:
    """Vertices of ``{z >= 0 : c z <= 1}`` for positive integer matrices ``c`` (r x d).

    ``primes`` overrides the automatic choice of primes for the modular
    solver (tests use tiny primes to exercise the "unlucky prime" fallback).
    See the module docstring for how the bases are decided.
    """
    polytopes = []
    for c in matrices:
        cmax = max(int(v) for v in c.ravel())
        c = c.astype(np.int64) if cmax < 2**62 else c
        polytopes.append(_SearchedPolytope(c, cmax, VertexSet(c, (Fraction(0),) * c.shape[1])))
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
    sizes = max(min(p.c.shape) for p in polytopes)
    for k in range(1, sizes + 1):
        step("enumeration: vertices of the best-response polytopes", k - 1, sizes)
        for p in polytopes:
            r, d = p.c.shape
            if k > min(r, d):
                continue
            ps = p.primes(k, primes)
            if ps is None:  # the plain reference: every basis, exact rationals
                c_float = p.c.astype(np.float64) if p.screened else None
                for support, rows in index_pairs(d, r, k):
                    keep = _float_screen(c_float, support, rows) if p.screened else slice(None)
                    p.found.add_vertices(rational_vertices(p.c, support[keep], rows[keep]))
                continue
            for block in _candidates(p, k, ps):
                if p.screened:
                    pending.append(block)
                    if sum(b.support.shape[1] for b in pending) >= BATCH:
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
    found: VertexSet,
) -> None:
    """Decide bases exactly modulo ``primes`` and add their vertices to ``found``."""
    mats = c[rows[:, :, None], support[:, None, :]]  # (N, k, k): c[J, I]
    det, num, ok = modular.solve_ones(mats, primes)
    det_sign = modular.signs(det, primes)  # (N,)
    num_sign = modular.signs(num, primes) * det_sign[:, None]  # sign of z_I
    candidate = ok & (det_sign != 0) & (num_sign > 0).all(axis=1)
    unlucky = np.nonzero(~ok)[0]
    if unlucky.size:
        found.add_vertices(rational_vertices(c, support[unlucky], rows[unlucky]))
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
