"""Lemke–Howson for large games: a float path, its last basis solved exactly.

Exact integer pivoting (:mod:`gametrust.solvers.lemke_howson`) pays for every
pivot with big-integer arithmetic once tableau entries pass 2**63, and on a
random 100x100 game they pass it within a few dozen of its ~1,000 pivots.
The path itself, though, is only a sequence of bases.  Here it is followed in
float64 (one numpy rank-one update per pivot, the lexicographic ratio test
with a tolerance), and only its last basis is trusted to the exact side:

1. the basic variables of the final pair of bases give the supports ``I``
   (row player) and ``J`` (column player) and the tight constraints; the two
   square systems ``B[I, J']ᵀ x_I = 1`` and ``A[I', J] y_J = 1`` are solved
   exactly on the integer payoff matrices (python-flint ``fmpz_mat.solve``,
   fraction-free);
2. the solutions, normalised to probability vectors, are certified exactly on
   integers (:func:`gametrust.model.exact_regret.exact_certificate`).

Any doubt — a singular system, a negative or zero probability, a positive
regret — returns ``None`` and the caller falls back to exact integer pivoting.
Floats never decide the answer, only which basis to try.  In a nondegenerate
game where no float ratio test came out wrong this is the end of the exact
path (the same equilibrium as exact pivoting from the same label); otherwise
it may be another equilibrium, still certified, or the fallback runs.

Tableaux are condensed as in the exact module: ``z_B + T z_N = rhs`` with one
row per basic and one column per nonbasic variable plus the right-hand side.
Pivoting on ``(r, c)`` with ``p = T[r, c]``: row ``r`` is divided by ``p``,
every other row ``i`` loses ``T[i, c] / p`` times row ``r``, column ``c``
becomes ``-T[:, c] / p`` and ``T[r, c] = 1 / p`` (the exchange rule).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from flint import fmpz_mat

__all__ = ["FLOAT_PIVOT_TOLERANCE", "Basis", "FloatPath", "basis_profile", "float_path"]

#: Entries of an entering column at most this are not pivot candidates (the
#: payoffs are scaled into (0, 1] first, so the tableau starts with entries of order 1).
FLOAT_PIVOT_TOLERANCE = 1e-10
#: Ratios within this (relative) of the minimum are ties, broken lexicographically.
_RATIO_TIE = 1e-9


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
    """A condensed float tableau; see the module docstring."""

    __slots__ = ("buffer", "ratios", "table")

    def __init__(self, matrix: np.ndarray, nonbasic: list[int], basic: list[int], size: int):
        super().__init__(nonbasic, basic, size)
        rows, cols = matrix.shape
        self.table = np.empty((rows, cols + 1))
        self.table[:, :cols] = matrix
        self.table[:, cols] = 1.0
        self.buffer = np.empty_like(self.table)  # the rank-one update, without an allocation
        self.ratios = np.empty(rows)

    def leaving_row(self, c: int) -> int | None:
        """The lexicographic minimum-ratio row for entering column ``c`` (``None``: unbounded)."""
        column = self.table[:, c]
        ratios = self.ratios
        np.divide(self.table[:, -1], column, out=ratios)
        ratios[column <= FLOAT_PIVOT_TOLERANCE] = np.inf
        low = ratios.min()
        if low == np.inf:
            return None
        rows = np.flatnonzero(ratios <= low * (1.0 + _RATIO_TIE) + _RATIO_TIE)
        for slack in self.slacks:
            if rows.size == 1:
                break
            r = self.row_of[slack]
            if r >= 0:  # basic: its column is a unit vector
                values = np.where(rows == r, 1.0, 0.0) / column[rows]
            else:
                values = self.table[rows, self.col_of[slack]] / column[rows]
            low = values.min()
            rows = rows[values <= low + _RATIO_TIE * max(1.0, abs(low))]
        return int(rows[0])

    def pivot(self, entering: int) -> int | None:
        """Bring ``entering`` into the basis; the variable that leaves (``None``: no pivot)."""
        c = self.col_of[entering]
        r = self.leaving_row(c)
        if r is None:
            return None
        table = self.table
        column = table[:, c].copy()
        p = float(column[r])
        row = table[r] / p
        np.multiply(column[:, None], row, out=self.buffer)
        table -= self.buffer
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


def float_path(
    a_pos: np.ndarray, b_pos: np.ndarray, label: int, max_pivots: int | None = None
) -> FloatPath | None:
    """Follow the path dropping ``label`` in float64 on positive payoff matrices.

    An incomplete :class:`FloatPath` when it takes more than ``max_pivots``
    pivots; ``None`` when the floats lose their way (no pivot row, or far more
    pivots than any path of a game this size should need).
    """
    m, n = a_pos.shape
    size = m + n
    top_a, top_b = float(np.max(a_pos)), float(np.max(b_pos))  # scale into (0, 1]
    p_tab = _FloatTableau(b_pos.T.astype(np.float64) / top_b, list(range(m)),
                          list(range(m, size)), size)
    q_tab = _FloatTableau(a_pos.astype(np.float64) / top_a, list(range(m, size)),
                          list(range(m)), size)
    with np.errstate(divide="ignore", invalid="ignore"):  # ratios of non-candidates: inf
        return _follow(p_tab, q_tab, m, n, label, max_pivots)


def _follow(
    p_tab: _FloatTableau, q_tab: _FloatTableau, m: int, n: int, label: int,
    max_pivots: int | None,
) -> FloatPath | None:
    current, other = (p_tab, q_tab) if label < m else (q_tab, p_tab)
    entering = label
    pivots = 0
    lost = 50 * (m + n) ** 2 + 1000
    while pivots < lost:
        if max_pivots is not None and pivots >= max_pivots:
            return FloatPath(m, n, list(p_tab.basic), list(q_tab.basic), pivots, False)
        leaving = current.pivot(entering)
        pivots += 1
        if leaving is None:
            return None
        if leaving == label:
            return FloatPath(m, n, list(p_tab.basic), list(q_tab.basic), pivots, True)
        entering = leaving
        current, other = other, current
    return None


def _solve_exact(matrix: np.ndarray, rows: list[int], cols: list[int]) -> list[Fraction] | None:
    """The solution ``v`` of ``matrix[rows, cols] v = 1`` as Fractions (``None``: singular)."""
    k = len(rows)
    if k == 0 or len(cols) != k:
        return None
    sub = matrix[np.ix_(rows, cols)]
    system = fmpz_mat(k, k, [int(v) for v in sub.ravel().tolist()])
    try:
        solution = system.solve(fmpz_mat(k, 1, [1] * k))
    except ZeroDivisionError:
        return None
    return [Fraction(int(solution[i, 0].p), int(solution[i, 0].q)) for i in range(k)]


def _normalised(
    values: list[Fraction], support: list[int], size: int
) -> tuple[Fraction, ...] | None:
    total = sum(values, Fraction(0))
    if total <= 0 or any(v < 0 for v in values):
        return None
    out = [Fraction(0)] * size
    for k, v in zip(support, values, strict=True):
        out[k] = v / total
    return tuple(out)


def basis_profile(
    a_pos: np.ndarray, b_pos: np.ndarray, end: FloatPath
) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]] | None:
    """The exact strategies of the final bases (probability vectors), ``None`` if not.

    The caller certifies them; this only solves the two square systems.
    """
    m, n = end.m, end.n
    x_support = sorted(v for v in end.p_basic if v < m)
    tight_cols = sorted(set(range(m, m + n)) - set(end.p_basic))  # nonbasic slacks s_j
    y_support = sorted(v - m for v in end.q_basic if v >= m)
    tight_rows = sorted(set(range(m)) - set(end.q_basic))  # nonbasic slacks r_i
    x_values = _solve_exact(b_pos.T, [j - m for j in tight_cols], x_support)
    y_values = _solve_exact(a_pos, tight_rows, y_support)
    if x_values is None or y_values is None:
        return None
    x = _normalised(x_values, x_support, m)
    y = _normalised(y_values, y_support, n)
    if x is None or y is None:
        return None
    return x, y
