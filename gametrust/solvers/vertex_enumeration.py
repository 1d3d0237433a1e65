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
3. Enumerate every vertex of ``P`` and ``Q`` by a breadth-first search over
   their lexicographically feasible bases (:mod:`gametrust.solvers.lex_search`,
   where the proof of completeness is; the method of Avis's lrs): pivots are
   taken in floating point, numpy-batched, and every basis kept is certified
   lex-feasible by rigorous error bounds or exactly (python-flint), so its
   vertex, support and tight rows are exact — nothing is lost to rounding,
   which is what makes degenerate games (payoff ties) safe.  The two
   polytopes of a square game are searched together, in the same batches.
   The work grows
   with the number of vertices, not with ``C(m + n, m)``; a budget on the
   bases (the ``enumeration`` limit, ``solve --budget``) or Ctrl-C stops it
   with what was found, marked incomplete.  Games of at most 7x7 (:data:`LEX_FROM`
   bases; faster there) and matrices with entries from ``2**50`` on use the
   search over every basis (row sets holding a row dominated
   on the support never tried, a certified float test, an exact modular
   solver for the rest: :mod:`gametrust.solvers._basis_search`,
   :mod:`gametrust.solvers._basis_screen`, :mod:`gametrust.solvers.modular`).
   Exact coordinates are computed only for the vertices of equilibria.  The
   polytope and its vertices are :mod:`gametrust.solvers.polytope`.
4. A pair of vertices ``(x, y) != (0, 0)`` whose labels cover all ``m + n``
   labels (found by a hash join on the label bit masks) is an extreme
   equilibrium, after normalising ``x`` and ``y`` to
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

from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from math import comb
from typing import Any

import numpy as np

from ..core.exact import FLOAT_TOLERANCE
from ..model.game import NormalFormGame
from ._basis_search import exact_vertices
from .lex_search import LexSearch
from .polytope import Vertex, VertexSet, float_vertices

__all__ = ["Enumeration", "Vertex", "enumerate_equilibria", "equilibria_gen", "polytope_vertices"]


@dataclass
class Enumeration:
    """The raw output of the enumeration, before certification."""

    profiles: list[tuple[tuple[Any, ...], tuple[Any, ...]]]
    degenerate: bool
    components: tuple[tuple[int, ...], ...]
    details: dict[str, Any] = field(default_factory=dict)
    complete: bool = True  # False: the search stopped early (budget or Ctrl-C)
    interrupted: bool = False  # stopped by Ctrl-C


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
        found = exact_vertices([c], primes)[0]
        return [found.vertex(i) for i in range(len(found))]
    return float_vertices(c, FLOAT_TOLERANCE)


# -- equilibria ----------------------------------------------------------------------------------


def _positive_integer(matrix: np.ndarray) -> np.ndarray:
    low = min(int(v) for v in matrix.ravel())
    return np.vectorize(lambda v: int(v) - low + 1, otypes=[object])(matrix)


def _positive_float(matrix: np.ndarray) -> np.ndarray:
    shifted = matrix - matrix.min() + 1.0
    return shifted / shifted.max()


#: Games with at most this many bases C(m + n, m) (7x7) use the search over every basis.
LEX_FROM = 3_432


def _lex_or_basis_search(
    matrices: list[np.ndarray], primes, budget: int | None
) -> tuple[list[VertexSet], bool, bool]:
    """The vertex sets of the polytopes of positive integer matrices, whether complete, and
    whether interrupted (Ctrl-C).

    The search over lexicographic bases (:mod:`gametrust.solvers.lex_search`)
    takes entries below ``2**50``; larger ones, games with at most
    :data:`LEX_FROM` bases (faster there: no batches of pivots to wait for) and
    ``primes`` (which tests use to exercise the modular solver) go to the
    search over every basis.  Polytopes of one shape (a square game's) are
    searched together, in the same batches.  When a search stops early
    (budget or Ctrl-C) the next gets as many bases as it used, so that an
    interrupted run ends soon.
    """
    r, d = matrices[0].shape
    if (primes is not None or comb(r + d, d) <= LEX_FROM
            or max(int(m.max()) for m in matrices) >= 2**50):
        return list(exact_vertices(matrices, primes)), True, False
    groups = ([[0, 1]] if matrices[0].shape == matrices[1].shape else [[0], [1]])
    out: list[VertexSet] = []
    complete, interrupted = True, False
    for group in groups:
        label = ("vertices of the best-response polytopes" if len(group) == 2 else
                 f"vertices of player {group[0] + 1}'s polytope")
        search = LexSearch([np.asarray(matrices[k], dtype=np.int64) for k in group], budget,
                           label)
        search.run()
        for k, found in zip(group, search.found, strict=True):
            c = matrices[k]
            vertices = VertexSet(c, tuple(Fraction(0) for _ in range(c.shape[1])))
            vertices.add_lex_bases(found.supports, found.tights, found.bases)
            out.append(vertices)
        if not search.complete:
            complete, budget = False, max(search.bases)
            interrupted |= search.interrupted
    return out, complete, interrupted


def _vertices_of_game(
    game: NormalFormGame, primes=None, budget: int | None = None
) -> tuple[VertexSet, VertexSet, tuple[bool, bool]]:
    if game.exact:
        a, b = (_positive_integer(m) for m in game.integer_payoffs)
        (p_vertices, q_vertices), complete, interrupted = _lex_or_basis_search(
            [b.T, a], primes, budget)
        return p_vertices, q_vertices, (complete, interrupted)
    a, b = (_positive_float(np.asarray(m, dtype=np.float64)) for m in game.payoffs)
    out = []
    for c in (b.T, a):
        vertices = float_vertices(c, FLOAT_TOLERANCE)
        found = VertexSet(c, vertices[0].point)
        found.add_vertices(vertices[1:])
        out.append(found)
    return out[0], out[1], (True, False)


def _labels(vertices: VertexSet, dim: int, offset_support: int, offset_tight: int) -> list[int]:
    """Bit masks of the vertices' labels (zero coordinates and tight rows)."""
    free = (1 << dim) - 1
    if offset_support + dim <= 62 and offset_tight + len(vertices.c) <= 62:
        supports = np.array(vertices.supports, dtype=np.int64)
        tights = np.array(vertices.tights, dtype=np.int64)
        return ((((~supports) & free) << offset_support) | (tights << offset_tight)).tolist()
    return [
        ((~s & free) << offset_support) | (t << offset_tight)
        for s, t in zip(vertices.supports, vertices.tights, strict=True)
    ]


def _complementary(
    p_labels: list[int], q_labels: list[int], m: int, n: int
) -> list[tuple[int, int]]:
    """Pairs ``(a, b)`` of nonzero vertices whose labels cover all ``m + n`` (a hash join).

    A vertex of P with exactly ``m`` labels (nondegenerate) pairs with the
    vertices of Q holding at least the ``n`` missing ones: the nondegenerate
    ones with exactly those (one dictionary look-up) and the degenerate ones
    (more than ``n`` labels), which are scanned; a degenerate vertex of P is
    compared with every vertex of Q.
    """
    full = (1 << (m + n)) - 1
    if m + n <= 62:
        p_count = np.bitwise_count(np.array(p_labels, dtype=np.int64))
        q_count = np.bitwise_count(np.array(q_labels, dtype=np.int64))
        p_count[0] = q_count[0] = 0  # the origins pair with nothing
        plain_q = np.nonzero(q_count == n)[0].tolist()
        degenerate_q = np.nonzero(q_count > n)[0].tolist()
        plain_p = np.nonzero(p_count == m)[0].tolist()
        degenerate_p = np.nonzero(p_count > m)[0].tolist()
    else:
        plain_q = [b for b, lb in enumerate(q_labels) if b and lb.bit_count() == n]
        degenerate_q = [b for b, lb in enumerate(q_labels) if b and lb.bit_count() > n]
        plain_p = [a for a, la in enumerate(p_labels) if a and la.bit_count() == m]
        degenerate_p = [a for a, la in enumerate(p_labels) if a and la.bit_count() > m]
    by_mask: dict[int, list[int]] = {}
    for b in plain_q:
        by_mask.setdefault(q_labels[b], []).append(b)
    pairs = [(a, b) for a in plain_p for b in by_mask.get(full ^ p_labels[a], ())]
    scans = [(plain_p, degenerate_q), (degenerate_p, list(range(1, len(q_labels))))]
    for left, right in scans:
        if not left or not right:
            continue
        if m + n <= 62:
            pl = np.array([p_labels[a] for a in left], dtype=np.int64)
            ql = np.array([q_labels[b] for b in right], dtype=np.int64)
            step_rows = max(1, 2**22 // len(right))
            for start in range(0, len(left), step_rows):
                hits = (pl[start:start + step_rows, None] | ql[None, :]) == full
                pairs.extend((left[start + i], right[j]) for i, j in zip(*np.nonzero(hits),
                                                                            strict=True))
        else:
            pairs.extend((a, b) for a in left for b in right if p_labels[a] | q_labels[b] == full)
    return pairs


def _pairs(
    game: NormalFormGame, primes=None, budget: int | None = None
) -> tuple[list[tuple[int, int]], VertexSet, VertexSet, tuple[bool, bool]]:
    m, n = game.shape
    p_vertices, q_vertices, status = _vertices_of_game(game, primes, budget)
    # P: zero x_i -> label i, tight column j -> label m + j
    # Q: tight row i -> label i, zero y_j -> label m + j
    p_labels = _labels(p_vertices, m, 0, m)
    q_labels = _labels(q_vertices, n, m, 0)
    pairs = _complementary(p_labels, q_labels, m, n)

    def order(pair: tuple[int, int]) -> tuple:
        a, b = pair
        x, y = p_vertices.support_of(a), q_vertices.support_of(b)
        return (len(x) + len(y), x, y,
                p_vertices.normalised(a), q_vertices.normalised(b))

    pairs.sort(key=order)
    return pairs, p_vertices, q_vertices, status


def equilibria_gen(game: NormalFormGame) -> Iterator[tuple[tuple[Any, ...], tuple[Any, ...]]]:
    """Yield every extreme equilibrium ``(x, y)`` (uncertified; see ``gametrust.solve``)."""
    pairs, p_vertices, q_vertices, _ = _pairs(game)
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


def enumerate_equilibria(
    game: NormalFormGame, *, primes=None, budget: int | None = None
) -> Enumeration:
    """All extreme equilibria, whether the game is degenerate, and the components.

    ``budget`` bounds the lexicographic bases searched per polytope; when it
    is spent (or on Ctrl-C) the equilibria among the vertices found so far are
    returned with ``complete = False``.
    """
    pairs, p_vertices, q_vertices, (complete, interrupted) = _pairs(game, primes, budget)
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
    return Enumeration(profiles, degenerate, tuple(components), details, complete, interrupted)
