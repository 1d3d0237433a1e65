"""An optional compiled kernel for the float Lemke–Howson path (numba, ``gametrust[speed]``).

:func:`follow` is the whole float path of
:mod:`gametrust.solvers.lemke_howson_float` — the ratio test, the lexicographic
tie-break, the pivot — as plain loops over the same condensed tableaux, with
the same tolerances and the same floating-point operations in the same order
(no fused multiply-add: numba's default), so it takes the same pivots and ends
at the same bases as the numpy path.  The numpy path costs about a dozen numpy
calls per pivot; compiled, a pivot is one pass over the tableau.

numba is not a dependency: :func:`compiled` returns the jitted :func:`follow`
when numba is installed, else ``None`` and the numpy path runs.  Either way
the answer is the exact, certified end of the same path; the kernel only
changes how fast floats choose it.  Which path runs is decided by
:func:`gametrust.solvers.lemke_howson_float.float_path`: loading the kernel
costs a process about a second (importing numba, loading the compiled code
from its disk cache; the very first call compiles it, several seconds), so by
default a path starts in numpy and moves to the kernel only once it has taken
longer than that.  Called uncompiled, :func:`follow` is the same algorithm in plain
Python (slow: the tests use it to check the two paths agree without numba).

Integer state of one tableau (``rows`` basic variables, ``cols`` nonbasic,
``size = m + n`` labels), in one int64 array: ``basic`` (``rows``), then
``nonbasic`` (``cols``), ``row_of`` (``size``, -1 when nonbasic), ``col_of``
(``size``, -1 when basic).  The initial basic variable of row ``i`` (its slack)
is ``slack_start + i``: ``m`` in P, ``0`` in Q.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["Kernel", "compiled", "fill_tables", "follow", "interpreted"]

#: As in :mod:`gametrust.solvers.lemke_howson_float` (the tests check they agree).
PIVOT_TOLERANCE = 1e-10
RATIO_TIE = 1e-9

class Kernel:
    """The kernel's two functions, compiled or not: :func:`fill_tables` and :func:`follow`."""

    __slots__ = ("fill_tables", "follow")

    def __init__(self, fill_tables: Callable, follow: Callable):
        self.fill_tables, self.follow = fill_tables, follow


_COMPILED: list[Kernel | None] = []


def compiled() -> Kernel | None:
    """The numba-compiled kernel (compiled once, cached on disk), or ``None`` when numba
    is not installed."""
    if not _COMPILED:
        try:
            import numba
        except ImportError:
            _COMPILED.append(None)
        else:
            jit = numba.njit(cache=True, error_model="numpy")
            _COMPILED.append(Kernel(jit(fill_tables), jit(follow)))
    return _COMPILED[0]


def interpreted() -> Kernel:
    """The kernel's loops run by Python (slow; checks the kernel where numba is missing)."""
    return Kernel(fill_tables, follow)


def fill_tables(
    a_pos: np.ndarray, b_pos: np.ndarray, p_table: np.ndarray, q_table: np.ndarray
) -> None:
    """The initial tableaux ``[Bᵀ / max B | 1]`` and ``[A / max A | 1]`` of int64 positive
    payoffs, as :func:`gametrust.solvers.lemke_howson_float.float_path` makes them in numpy
    (each integer to float64, times the float64 reciprocal of the maximum: the same floats)."""
    m, n = a_pos.shape
    top_a = a_pos[0, 0]
    top_b = b_pos[0, 0]
    for i in range(m):
        for j in range(n):
            top_a = max(top_a, a_pos[i, j])
            top_b = max(top_b, b_pos[i, j])
    scale_a, scale_b = 1.0 / float(top_a), 1.0 / float(top_b)
    for i in range(m):
        for j in range(n):
            q_table[i, j] = float(a_pos[i, j]) * scale_a
            p_table[j, i] = float(b_pos[i, j]) * scale_b
        q_table[i, n] = 1.0
    for j in range(n):
        p_table[j, m] = 1.0


def follow(
    p_table: np.ndarray,
    q_table: np.ndarray,
    p_state: np.ndarray,
    q_state: np.ndarray,
    m: int,
    n: int,
    label: int,
    current: int,
    entering: int,
    pivots: int,
    max_pivots: int,
    lost: int,
    column: np.ndarray,
    row: np.ndarray,
    tied: np.ndarray,
) -> tuple[int, int]:
    """Follow the path dropping ``label`` from its ``pivots``-th pivot, where ``entering``
    enters tableau ``current`` (0: P, 1: Q; at the start ``label`` enters the tableau where
    it is nonbasic, P when ``label < m``); ``(status, pivots)``, the tableaux and states
    updated in place.  ``status``: 0 the path ended, 1 stopped at ``max_pivots``
    (``-1``: no cap), -1 lost (no pivot row, or ``lost`` pivots).  ``column``,
    ``row`` (float64) and ``tied`` (int64) are work buffers of length at least
    ``max(m, n) + 1``."""
    size = m + n
    while pivots < lost:
        if max_pivots >= 0 and pivots >= max_pivots:
            return 1, pivots
        if current == 0:
            table, state, slack_start = p_table, p_state, m
        else:
            table, state, slack_start = q_table, q_state, 0
        rows, width = table.shape
        cols = width - 1
        nonbasic_at, row_at, col_at = rows, rows + cols, rows + cols + size
        c = state[col_at + entering]
        # ratio test: the first row of least rhs / column over column > tolerance
        r = -1
        low = np.inf
        for i in range(rows):
            entry = table[i, c]
            if entry <= PIVOT_TOLERANCE:
                continue
            ratio = table[i, cols] / entry
            if ratio < low:
                low = ratio
                r = i
        if r < 0:
            return -1, pivots + 1
        bound = low * (1.0 + RATIO_TIE) + RATIO_TIE
        k = 0
        for i in range(rows):
            entry = table[i, c]
            if entry > PIVOT_TOLERANCE and table[i, cols] / entry <= bound:
                tied[k] = i
                k += 1
        # lexicographic tie-break over the initial slacks' columns (B⁻¹), in order
        for t in range(rows):
            if k <= 1:
                break
            slack = slack_start + t
            basic_row = state[row_at + slack]
            if basic_row >= 0:  # a unit vector: it can only drop its own row (tied: entry > 0)
                entry = table[basic_row, c]
                if entry > 0.0 and 1.0 / entry > RATIO_TIE:
                    kept = 0
                    for s in range(k):
                        if tied[s] != basic_row:
                            tied[kept] = tied[s]
                            kept += 1
                    k = kept
                continue
            slack_col = state[col_at + slack]
            least = np.inf
            for s in range(k):
                value = table[tied[s], slack_col] / table[tied[s], c]
                if value < least:
                    least = value
            limit = least + RATIO_TIE * max(1.0, abs(least))
            kept = 0
            for s in range(k):
                if table[tied[s], slack_col] / table[tied[s], c] <= limit:
                    tied[kept] = tied[s]
                    kept += 1
            k = kept
        r = tied[0]
        # pivot: a rank-one update, then the exchange of row r and column c
        for i in range(rows):
            column[i] = table[i, c]
        p = column[r]
        for j in range(width):
            row[j] = table[r, j] / p
        for i in range(rows):
            factor = column[i]
            for j in range(width):
                table[i, j] = table[i, j] - factor * row[j]
        for j in range(width):
            table[r, j] = row[j]
        scale = -1.0 / p
        for i in range(rows):
            table[i, c] = column[i] * scale
        table[r, c] = 1.0 / p
        leaving = state[r]
        state[r] = entering
        state[nonbasic_at + c] = leaving
        state[row_at + entering] = r
        state[col_at + entering] = -1
        state[row_at + leaving] = -1
        state[col_at + leaving] = c
        pivots += 1
        if leaving == label:
            return 0, pivots
        entering = leaving
        current = 1 - current
    return -1, pivots
