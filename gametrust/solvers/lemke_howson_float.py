"""Lemke–Howson for large games: a float path, its last basis solved exactly.

Exact integer pivoting (:mod:`gametrust.solvers.lemke_howson`) pays for every
pivot with big-integer arithmetic once tableau entries pass 2**63, and on a
random 100x100 game they pass it within a few dozen of its ~1,000 pivots.
The path itself, though, is only a sequence of bases.  Here it is followed in
float64 (one numpy rank-one update per pivot, the lexicographic ratio test
with a tolerance; or the same loops compiled by numba when it is installed,
:mod:`.lemke_howson_kernel`, see :func:`float_path`), and only its last basis
is trusted to the exact side:

1. the basic variables of the final pair of bases give the supports ``I``
   (row player) and ``J`` (column player); at a completely labelled pair they
   are also the tight constraints, so the two square ``k x k`` systems
   ``B[I, J]ᵀ x_I = 1`` and ``A[I, J] y_J = 1`` are solved exactly on the
   integer payoff matrices (python-flint ``fmpz_mat.solve``): integer weights
   over one denominator each (:func:`basis_solution`);
2. that pair is certified on integers (:func:`certified_profile`): weights
   nonnegative, ``A[:, J] y <= 1`` with equality on ``I`` and ``B[I, :]ᵀ x <= 1``
   with equality on ``J`` — two integer matrix-vector products reading only
   ``k`` columns of ``A`` and ``k`` rows of ``B`` (int64 when a bound allows,
   else FLINT) — which is exactly the statement that each normalised strategy
   is a best response to the other.

Any doubt — a singular or non-square system, a negative weight, a row beating
the equilibrium payoff — returns ``None`` and the caller falls back to exact
integer pivoting.  Floats never decide the answer, only which basis to try.
In a nondegenerate game where no float ratio test came out wrong this is the
end of the exact path (the same equilibrium as exact pivoting from the same
label); otherwise it may be another equilibrium, still certified, or the
fallback runs.

Tableaux are condensed as in the exact module: ``z_B + T z_N = rhs`` with one
row per basic and one column per nonbasic variable plus the right-hand side.
Pivoting on ``(r, c)`` with ``p = T[r, c]``: row ``r`` is divided by ``p``,
every other row ``i`` loses ``T[i, c] / p`` times row ``r``, column ``c``
becomes ``-T[:, c] / p`` and ``T[r, c] = 1 / p`` (the exchange rule).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from fractions import Fraction
from functools import lru_cache

import numpy as np
from flint import fmpz_mat

from ..model.exact_regret import int_matvec
from .lemke_howson_kernel import PIVOT_TOLERANCE, RATIO_TIE, compiled, interpreted

__all__ = [
    "FLOAT_PIVOT_TOLERANCE", "Basis", "BasisSolution", "FloatPath", "basis_solution",
    "certified_profile", "float_path",
]

#: Entries of an entering column at most this are not pivot candidates (the
#: payoffs are scaled into (0, 1] first, so the tableau starts with entries of order 1).
FLOAT_PIVOT_TOLERANCE = PIVOT_TOLERANCE
#: Ratios within this (relative) of the minimum are ties, broken lexicographically.
_RATIO_TIE = RATIO_TIE


class Basis:
    """Which variables are basic (by tableau row) and nonbasic (by column) in a condensed
    tableau, and where each variable sits; the bookkeeping shared by the float and the exact
    integer tableaux of Lemke–Howson."""

    __slots__ = ("basic", "col_of", "nonbasic", "row_of", "slacks")

    def __init__(self, nonbasic: list[int], basic: list[int], size: int):
        self.basic = list(basic)
        self.nonbasic = list(nonbasic)
        self.slacks = tuple(basic)  # the initial basis, in row order: columns of B⁻¹
        self.row_of = [-1] * size
        self.col_of = [-1] * size
        for i, v in enumerate(self.basic):
            self.row_of[v] = i
        for j, v in enumerate(self.nonbasic):
            self.col_of[v] = j

    def exchange(self, r: int, c: int, entering: int) -> int:
        """Make ``entering`` (nonbasic at column ``c``) basic at row ``r``; the leaving one."""
        leaving = self.basic[r]
        self.basic[r] = entering
        self.nonbasic[c] = leaving
        self.row_of[entering], self.col_of[entering] = r, -1
        self.row_of[leaving], self.col_of[leaving] = -1, c
        return leaving


class _FloatTableau(Basis):
    """A condensed float tableau; see the module docstring.

    Every array a pivot touches is allocated once, here: a pivot is about ten numpy
    calls on preallocated buffers (the ratio test, one rank-one update, the exchange
    of the pivot row and column), and the lexicographic tie-break runs only when the
    minimum ratio is not unique.
    """

    __slots__ = ("buffer", "column", "mask", "ratios", "rhs", "row", "table")

    def __init__(self, table: np.ndarray, nonbasic: list[int], basic: list[int], size: int):
        super().__init__(nonbasic, basic, size)
        rows, width = table.shape
        cols = width - 1
        self.table = table
        self.rhs = table[:, cols]  # a view: the table is only ever updated in place
        self.buffer = np.empty_like(self.table)  # the rank-one update, without an allocation
        self.column = np.empty(rows)
        self.row = np.empty(cols + 1)
        self.ratios = np.empty(rows)
        self.mask = np.empty(rows, dtype=bool)

    def leaving_row(self, c: int) -> int | None:
        """The lexicographic minimum-ratio row for entering column ``c`` (``None``: unbounded)."""
        column = self.table[:, c]
        ratios = self.ratios
        np.divide(self.rhs, column, out=ratios)
        np.less_equal(column, FLOAT_PIVOT_TOLERANCE, out=self.mask)
        np.copyto(ratios, np.inf, where=self.mask)
        r = int(ratios.argmin())
        low = float(ratios[r])
        if low == np.inf:
            return None
        bound = low * (1.0 + _RATIO_TIE) + _RATIO_TIE
        ratios[r] = np.inf
        if ratios.min() > bound:  # the usual case: a unique minimum, no tie-break
            return r
        ratios[r] = low
        return self._tie_break(np.flatnonzero(ratios <= bound), column)

    def _tie_break(self, rows: np.ndarray, column: np.ndarray) -> int:
        """Among tied ``rows``, the lexicographically smallest row of ``B⁻¹`` over the column.

        ``B⁻¹``'s columns are those of the initial slacks, in order.  A basic slack's
        column is a unit vector: it only ever removes its own row from the tie (its
        value ``1 / column[row]`` against the others' 0), so it costs no numpy call.
        """
        tied = rows.tolist()
        for slack in self.slacks:
            if len(tied) == 1:
                break
            r = self.row_of[slack]
            if r >= 0:  # basic: its column is a unit vector
                if r in tied and 1.0 / float(column[r]) > _RATIO_TIE:
                    tied.remove(r)
                continue
            values = (self.table[tied, self.col_of[slack]] / column[tied]).tolist()
            low = min(values)
            bound = low + _RATIO_TIE * max(1.0, abs(low))
            tied = [i for i, v in zip(tied, values, strict=True) if v <= bound]
        return tied[0]

    def pivot(self, entering: int) -> int | None:
        """Bring ``entering`` into the basis; the variable that leaves (``None``: no pivot)."""
        c = self.col_of[entering]
        r = self.leaving_row(c)
        if r is None:
            return None
        table, column, row = self.table, self.column, self.row
        np.copyto(column, table[:, c])
        p = float(column[r])
        np.divide(table[r], p, out=row)
        np.multiply(column[:, None], row, out=self.buffer)
        np.subtract(table, self.buffer, out=table)
        table[r] = row
        np.multiply(column, -1.0 / p, out=table[:, c])
        table[r, c] = 1.0 / p
        return self.exchange(r, c, entering)


class FloatPath:
    """The end of a float Lemke–Howson path: the basic variables of both polytopes.

    Labels as in :mod:`gametrust.solvers.lemke_howson`: ``0..m-1`` the row
    player's actions (``x_i`` in P, slack ``r_i`` in Q), ``m..m+n-1`` the column
    player's (slack ``s_j`` in P, ``y_j`` in Q).  ``pivots`` is the path length.
    """

    __slots__ = ("complete", "m", "n", "p_basic", "pivots", "q_basic")

    def __init__(
        self, m: int, n: int, p_basic: list[int], q_basic: list[int], pivots: int, complete: bool
    ):
        self.m, self.n = m, n
        self.p_basic, self.q_basic = p_basic, q_basic
        self.pivots = pivots
        self.complete = complete  # False: stopped at max_pivots, not at the end


def _table(matrix: np.ndarray) -> np.ndarray:
    """``[matrix / max(matrix) | 1]`` in float64 (times the reciprocal: one multiplication per
    entry), entries in (0, 1]; OverflowError past the float range."""
    rows, cols = matrix.shape
    table = np.empty((rows, cols + 1))
    scale = 1.0 / float(matrix.max())
    if matrix.dtype == object:  # Python ints: to floats first
        matrix = matrix.astype(np.float64)
    np.multiply(matrix, scale, out=table[:, :cols])
    table[:, cols] = 1.0
    return table


#: The float path's kernels (see :func:`float_path`); ``GAMETRUST_KERNEL`` picks one for "auto".
KERNELS = ("auto", "numpy", "compiled", "interpreted")
#: With kernel "auto", a path still running in numpy after this many seconds moves to the
#: compiled kernel (when numba is installed): about what loading the kernel costs a process,
#: so a path never takes much more than twice as long as with the better of the two.
SWITCH_AFTER = 1.0


def float_path(
    a_pos: np.ndarray,
    b_pos: np.ndarray,
    label: int,
    max_pivots: int | None = None,
    *,
    kernel: str = "auto",
) -> FloatPath | None:
    """Follow the path dropping ``label`` in float64 on positive payoff matrices.

    An incomplete :class:`FloatPath` when it takes more than ``max_pivots``
    pivots; ``None`` when the floats lose their way (no pivot row, or far more
    pivots than any path of a game this size should need).

    ``kernel``: ``"numpy"``; ``"compiled"`` (numba, :mod:`.lemke_howson_kernel`,
    the numpy path when numba is missing); ``"interpreted"`` (the kernel's loops
    run by Python: slow, to check the kernel without numba); ``"auto"`` (default)
    takes ``$GAMETRUST_KERNEL`` when set, else starts in numpy and moves the path
    to the compiled kernel after :data:`SWITCH_AFTER` seconds.  All take the
    same pivots to the same bases.
    """
    if kernel == "auto":
        kernel = os.environ.get("GAMETRUST_KERNEL", "auto")
    if kernel not in KERNELS:
        raise ValueError(f"kernel is one of {', '.join(KERNELS)}, got {kernel!r}")
    m, n = a_pos.shape
    size = m + n
    lost = 50 * size**2 + 1000
    kernel_used = interpreted() if kernel == "interpreted" else (
        compiled() if kernel == "compiled" else None)
    if kernel_used is not None:
        if a_pos.dtype == np.int64 and b_pos.dtype == np.int64:
            p_table, q_table = np.empty((n, m + 1)), np.empty((m, n + 1))
            kernel_used.fill_tables(a_pos, b_pos, p_table, q_table)
        else:
            p_table, q_table = _table(b_pos.T), _table(a_pos)
        states = _initial_state(range(m), range(m, size)), _initial_state(range(m, size), range(m))
        start = (0 if label < m else 1, label, 0)
        return _run_kernel(kernel_used.follow, (p_table, q_table), states, m, n, label, start,
                           max_pivots, lost)
    p_table, q_table = _table(b_pos.T), _table(a_pos)
    p_tab = _FloatTableau(p_table, list(range(m)), list(range(m, size)), size)
    q_tab = _FloatTableau(q_table, list(range(m, size)), list(range(m)), size)
    switch = time.perf_counter() + SWITCH_AFTER if kernel == "auto" else None
    with np.errstate(divide="ignore", invalid="ignore"):  # ratios of non-candidates: inf
        return _follow(p_tab, q_tab, m, n, label, max_pivots, lost, switch)


def _initial_state(nonbasic: range, basic: range) -> np.ndarray:
    """A slack basis's integer state for the kernel (see :mod:`.lemke_howson_kernel`)."""
    return _slack_state(nonbasic.start, nonbasic.stop, basic.start, basic.stop).copy()


@lru_cache(maxsize=16)
def _slack_state(first: int, stop: int, basic_first: int, basic_stop: int) -> np.ndarray:
    nonbasic, basic = range(first, stop), range(basic_first, basic_stop)
    rows, cols = len(basic), len(nonbasic)
    size = rows + cols
    state = np.full(rows + cols + 2 * size, -1, dtype=np.int64)
    state[:rows] = basic
    state[rows:size] = nonbasic
    state[size + basic.start:size + basic.stop] = np.arange(rows)
    state[2 * size + nonbasic.start:2 * size + nonbasic.stop] = np.arange(cols)
    state.setflags(write=False)
    return state


def _run_kernel(
    loops: Callable, tables: tuple[np.ndarray, np.ndarray], states: tuple[np.ndarray, np.ndarray],
    m: int, n: int, label: int, start: tuple[int, int, int], max_pivots: int | None, lost: int,
) -> FloatPath | None:
    """The path from ``start`` (tableau, entering variable, pivots so far) in the kernel."""
    longest = max(m, n) + 1
    status, pivots = loops(
        *tables, *states, m, n, label, *start, -1 if max_pivots is None else max_pivots, lost,
        np.empty(longest), np.empty(longest), np.empty(longest, dtype=np.int64),
    )
    if status < 0:
        return None
    return FloatPath(m, n, states[0][:n].tolist(), states[1][:m].tolist(), pivots, status == 0)


def _follow(
    p_tab: _FloatTableau, q_tab: _FloatTableau, m: int, n: int, label: int,
    max_pivots: int | None, lost: int, switch: float | None,
) -> FloatPath | None:
    """The path in numpy; past time ``switch`` (checked every 64 pivots) on in the kernel."""
    current, other = (p_tab, q_tab) if label < m else (q_tab, p_tab)
    entering = label
    pivots = 0
    while pivots < lost:
        if max_pivots is not None and pivots >= max_pivots:
            return FloatPath(m, n, list(p_tab.basic), list(q_tab.basic), pivots, False)
        if switch is not None and pivots % 64 == 63 and time.perf_counter() > switch:
            switch = None
            kernel = compiled()
            if kernel is not None:
                start = (0 if current is p_tab else 1, entering, pivots)
                states = tuple(
                    np.array(t.basic + t.nonbasic + t.row_of + t.col_of, dtype=np.int64)
                    for t in (p_tab, q_tab)
                )
                return _run_kernel(kernel.follow, (p_tab.table, q_tab.table), states, m, n,
                                   label, start, max_pivots, lost)
        leaving = current.pivot(entering)
        pivots += 1
        if leaving is None:
            return None
        if leaving == label:
            return FloatPath(m, n, list(p_tab.basic), list(q_tab.basic), pivots, True)
        entering = leaving
        current, other = other, current
    return None


class BasisSolution:
    """The final bases solved exactly: supports ``I`` (row player) and ``J`` (column player),
    and integer weights over one positive denominator each, ``x_I = x_weights / x_den`` and
    ``y_J = y_weights / y_den`` (points of the polytopes P and Q, not yet normalised)."""

    __slots__ = ("x_den", "x_support", "x_weights", "y_den", "y_support", "y_weights")

    def __init__(
        self, x_support: list[int], x_weights: list[int], x_den: int,
        y_support: list[int], y_weights: list[int], y_den: int,
    ):
        self.x_support, self.x_weights, self.x_den = x_support, x_weights, x_den
        self.y_support, self.y_weights, self.y_den = y_support, y_weights, y_den


def _solve_exact(
    matrix: np.ndarray, rows: list[int], cols: list[int]
) -> tuple[list[int], int] | None:
    """``matrix[rows, cols] v = 1`` solved exactly: integer weights and one positive
    denominator, ``v = weights / den`` (``None``: singular)."""
    k = len(rows)
    sub = matrix[np.ix_(rows, cols)]
    system = fmpz_mat(k, k, sub.ravel().tolist())
    try:
        solution = system.solve(fmpz_mat(k, 1, [1] * k))
    except ZeroDivisionError:
        return None
    numerators, den = solution.numer_denom()
    weights = [int(v) for v in numerators.entries()]
    den = int(den)
    if den < 0:
        return [-w for w in weights], -den
    return weights, den


def basis_solution(a_pos: np.ndarray, b_pos: np.ndarray, end: FloatPath) -> BasisSolution | None:
    """The final bases of ``end`` solved exactly on the positive integer payoffs.

    At a completely labelled pair of bases the row player's support ``I`` (basic
    ``x_i``) is also the set of tight rows of Q (nonbasic ``r_i``) and the column
    player's support ``J`` the set of tight columns of P, so the two systems
    ``B[I, J]ᵀ x_I = 1`` and ``A[I, J] y_J = 1`` are square.  ``None`` when they
    are not, or singular; the caller certifies the rest.
    """
    m = end.m
    x_support = sorted(v for v in end.p_basic if v < m)
    y_support = sorted(v - m for v in end.q_basic if v >= m)
    if not x_support or len(x_support) != len(y_support):
        return None
    x = _solve_exact(b_pos.T, y_support, x_support)
    y = _solve_exact(a_pos, x_support, y_support)
    if x is None or y is None:
        return None
    return BasisSolution(x_support, x[0], x[1], y_support, y[0], y[1])


def _best_responses_hold(
    lines: np.ndarray, weights: list[int], den: int, support: list[int]
) -> bool:
    """``lines @ weights <= den`` everywhere and ``== den`` on ``support``, exactly.

    ``lines`` (positive integers, one row per pure strategy of the responding
    player, one column per action in the other's support) times the other's
    weights is the responder's payoff vector scaled by ``den``: the strategies
    on ``support`` are best responses exactly when no row beats ``den`` and they
    reach it.
    """
    values = int_matvec(lines, weights)  # int64 limbs under a proven bound
    return max(values) <= den and all(values[i] == den for i in support)


def _strategy(support: list[int], weights: list[int], size: int) -> tuple[Fraction, ...]:
    total = sum(weights)
    out = [_ZERO] * size
    for k, w in zip(support, weights, strict=True):
        out[k] = Fraction(w, total)
    return tuple(out)


_ZERO = Fraction(0)


def certified_profile(
    a_pos: np.ndarray, b_pos: np.ndarray, solution: BasisSolution
) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]] | None:
    """The exact equilibrium of ``solution``, certified on integers; ``None`` if it is not one.

    With ``x = x_weights / x_den >= 0`` and ``y = y_weights / y_den >= 0`` (both
    nonzero), ``A y <= 1`` with equality on ``I ⊇ supp x`` and ``Bᵀ x <= 1`` with
    equality on ``J ⊇ supp y`` say that each normalised strategy is a best
    response to the other: a Nash equilibrium of the positive game, hence of the
    original one (the same up to a positive affine map per player).  Only the
    columns ``J`` of ``A`` and the rows ``I`` of ``B`` are read.
    """
    s = solution
    if min(s.x_weights) < 0 or min(s.y_weights) < 0:
        return None
    if sum(s.x_weights) <= 0 or sum(s.y_weights) <= 0:
        return None
    if not _best_responses_hold(a_pos[:, s.y_support], s.y_weights, s.y_den, s.x_support):
        return None
    if not _best_responses_hold(b_pos[s.x_support].T, s.x_weights, s.x_den, s.y_support):
        return None
    m, n = a_pos.shape
    return _strategy(s.x_support, s.x_weights, m), _strategy(s.y_support, s.y_weights, n)
