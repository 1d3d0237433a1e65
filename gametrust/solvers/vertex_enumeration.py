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
3. Enumerate every vertex of ``P`` and ``Q``: a vertex with support ``I`` is
   the unique solution of ``B[I, J]^T x_I = 1`` for some ``|J| = |I|`` tight
   columns.  All systems of one size are solved at once, exactly, modulo a few
   primes (see :mod:`gametrust.solvers.modular`), so every "is this zero / is
   this feasible" decision is exact — nothing is lost to rounding, which is
   what makes degenerate games (payoff ties) safe.
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
tolerance :data:`gametrust.exact.FLOAT_TOLERANCE` deciding zero and tightness.

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
from itertools import combinations
from typing import Any

import numpy as np

from ..exact import FLOAT_TOLERANCE
from ..game import NormalFormGame
from . import modular

__all__ = ["Enumeration", "Vertex", "enumerate_equilibria", "equilibria_gen", "polytope_vertices"]

#: Bases solved per numpy batch (bounds memory on larger games).
_BATCH = 20_000


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


def _index_pairs(d: int, r: int, k: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """All (support, tight rows) index sets of size k, in batches."""
    supports = np.array(list(combinations(range(d), k)), dtype=np.intp)
    rows = np.array(list(combinations(range(r), k)), dtype=np.intp)
    per = max(1, _BATCH // len(rows))
    for start in range(0, len(supports), per):
        chunk = supports[start : start + per]
        yield np.repeat(chunk, len(rows), axis=0), np.tile(rows, (len(chunk), 1))


def _float_screen(c: np.ndarray, support: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Which bases may define a vertex: a sound float pre-filter for the exact test.

    A basis is dropped only when its float solution ``ẑ`` violates positivity or
    a constraint by more than a forward error bound (Higham, *Accuracy and
    Stability of Numerical Algorithms*, 2nd ed., Thm. 7.2 and §7.2:
    ``|z - ẑ| <= |M^-1| (|r| + γ (|M||ẑ| + 1))``), with ``|M^-1|`` bounded by
    Hadamard's inequality on the adjugate over ``|det M|``, and then inflated a
    hundredfold.  Nearly singular bases are never dropped here: they go to the
    exact test, which decides them.
    """
    k = support.shape[1]
    mats = c[rows[:, :, None], support[:, None, :]]  # c is positive: no abs() needed
    row_norms = np.sqrt(np.einsum("nij,nij->ni", mats, mats))
    hadamard = row_norms.prod(axis=1)
    det = np.linalg.det(mats)
    regular = np.abs(det) > 1e-8 * hadamard
    keep = ~regular
    idx = np.nonzero(regular)[0]
    if idx.size == 0:
        return keep
    m_reg = mats[idx]
    z = np.linalg.solve(m_reg, np.ones((idx.size, k, 1)))[..., 0]
    # every entry of M^-1 is a (k-1)-minor over det: bounded by Hadamard on k-1 rows
    inv_bound = hadamard[idx] / row_norms[idx].min(axis=1) / np.abs(det[idx])
    gamma = 2 * (k + 1) * np.finfo(np.float64).eps
    resid = np.abs(np.einsum("nij,nj->ni", m_reg, z) - 1.0).max(axis=1)
    scale = np.einsum("nij,nj->ni", m_reg, np.abs(z)).max(axis=1) + 1.0
    z_err = 100.0 * k * inv_bound * (resid + gamma * scale) + 1e-300
    maybe_positive = (z > -z_err[:, None]).all(axis=1)
    c_sup = c[:, support[idx]]  # (r, n, k)
    cz = np.einsum("rnk,nk->nr", c_sup, z)
    cz_err = c_sup.sum(axis=2).T * z_err[:, None] + gamma * (np.abs(cz) + 1.0)
    maybe_feasible = (cz <= 1.0 + 100.0 * cz_err).all(axis=1)
    keep[idx] = maybe_positive & maybe_feasible
    return keep


def _exact_vertices(
    c: np.ndarray, primes: tuple[int, ...] | None, screen: bool = True
) -> list[Vertex]:
    """Vertices of ``{z >= 0 : c z <= 1}`` for a positive integer matrix ``c`` (r x d)."""
    r, d = c.shape
    cmax = max(int(v) for v in c.ravel())
    if cmax < 2**62:
        c = c.astype(np.int64)
    screen = screen and cmax < 2**50
    c_float = c.astype(np.float64) if screen else None
    vertices = [Vertex(tuple(Fraction(0) for _ in range(d)), frozenset(), frozenset())]
    seen: set[tuple[frozenset[int], frozenset[int]]] = set()
    for k in range(1, min(r, d) + 1):
        # Hadamard bounds on |det|, the Cramer numerators and the slacks
        det_bound = (cmax * math.sqrt(k)) ** k
        num_bound = (cmax * math.sqrt(k)) ** (k - 1) * math.sqrt(k)
        bound = det_bound + k * cmax * num_bound
        ps = modular.primes_for(bound * 1.01 + 1) if primes is None else primes
        for all_support, all_rows in _index_pairs(d, r, k):
            keep = _float_screen(c_float, all_support, all_rows) if screen else slice(None)
            support, rows = all_support[keep], all_rows[keep]
            if len(support) == 0:
                continue
            if ps is None:
                found = _fraction_vertices(c, support, rows)
            else:
                found = _modular_vertices(c, support, rows, ps)
            for vertex in found:
                key = (vertex.support, vertex.tight)
                if key not in seen:
                    seen.add(key)
                    vertices.append(vertex)
    return vertices


def _modular_vertices(
    c: np.ndarray, support: np.ndarray, rows: np.ndarray, primes: tuple[int, ...]
) -> list[Vertex]:
    mats = c[rows[:, :, None], support[:, None, :]]  # (N, k, k): c[J, I]
    det, num, ok = modular.solve_ones(mats, primes)
    det_sign = modular.signs(det, primes)  # (N,)
    num_sign = modular.signs(num, primes) * det_sign[:, None]  # sign of z_I
    candidate = ok & (det_sign != 0) & (num_sign > 0).all(axis=1)
    out: list[Vertex] = []
    unlucky = np.nonzero(~ok)[0]
    if unlucky.size:
        out.extend(_fraction_vertices(c, support[unlucky], rows[unlucky]))
    idx = np.nonzero(candidate)[0]
    if idx.size == 0:
        return out
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
    if feasible.size == 0:
        return out
    chosen = idx[feasible]
    dets = modular.to_ints(det[:, chosen], primes)
    nums = modular.to_ints(num[:, chosen], primes)
    tights = slack_sign[:, feasible] == 0
    d = c.shape[1]
    for pos, b in enumerate(chosen):
        point = [Fraction(0)] * d
        d_int = dets[pos]
        for i, col in enumerate(support[b]):
            point[col] = Fraction(nums[pos, i], d_int)
        tight = frozenset(int(j) for j in np.nonzero(tights[:, pos])[0])
        out.append(Vertex(tuple(point), frozenset(int(i) for i in support[b]), tight))
    return out


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
    """
    if exact:
        return _exact_vertices(c, primes)
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


def _vertices_of_game(game: NormalFormGame, primes=None) -> tuple[list[Vertex], list[Vertex]]:
    if game.exact:
        a, b = (_positive_integer(m) for m in game.integer_payoffs)
        return (
            polytope_vertices(b.T, exact=True, primes=primes),
            polytope_vertices(a, exact=True, primes=primes),
        )
    a, b = (_positive_float(np.asarray(m, dtype=np.float64)) for m in game.payoffs)
    return polytope_vertices(b.T, exact=False), polytope_vertices(a, exact=False)


def _labels(vertex: Vertex, dim: int, offset_support: int, offset_tight: int) -> int:
    """Bit mask of a vertex's labels (zero coordinates and tight rows)."""
    mask = 0
    for i in range(dim):
        if i not in vertex.support:
            mask |= 1 << (i + offset_support)
    for j in vertex.tight:
        mask |= 1 << (j + offset_tight)
    return mask


def _pairs(game: NormalFormGame, primes=None) -> tuple[list[tuple[int, int]], list[Vertex],
                                                      list[Vertex]]:
    m, n = game.shape
    p_vertices, q_vertices = _vertices_of_game(game, primes)
    # P: zero x_i -> label i, tight column j -> label m + j
    # Q: tight row i -> label i, zero y_j -> label m + j
    p_labels = [_labels(v, m, 0, m) for v in p_vertices]
    q_labels = [_labels(v, n, m, 0) for v in q_vertices]
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
        x, y = p_vertices[pair[0]], q_vertices[pair[1]]
        return (len(x.support) + len(y.support), sorted(x.support), sorted(y.support),
                _normalise(x.point), _normalise(y.point))

    pairs.sort(key=order)
    return pairs, p_vertices, q_vertices


def equilibria_gen(game: NormalFormGame) -> Iterator[tuple[tuple[Any, ...], tuple[Any, ...]]]:
    """Yield every extreme equilibrium ``(x, y)`` (uncertified; see ``gametrust.solve``)."""
    pairs, p_vertices, q_vertices = _pairs(game)
    for a, b in pairs:
        yield _normalise(p_vertices[a].point), _normalise(q_vertices[b].point)


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
        (_normalise(p_vertices[a].point), _normalise(q_vertices[b].point)) for a, b in pairs
    ]
    degenerate = any(v.degenerate for v in p_vertices) or any(v.degenerate for v in q_vertices)
    index = {pair: k for k, pair in enumerate(pairs)}
    components = []
    for left, right in _maximal_bicliques(pairs):
        members = sorted(index[(a, b)] for a in left for b in right)
        components.append(tuple(members))
    components.sort()
    details = {"vertices": (len(p_vertices), len(q_vertices))}
    return Enumeration(profiles, degenerate, tuple(components), details)
