"""Deciding most bases of ``{z >= 0 : C z <= 1}`` before any exact arithmetic.

Vertex enumeration (:mod:`gametrust.solvers.vertex_enumeration`) looks at every
*basis* ``(I, J)``: a support ``I`` (columns) and as many tight rows ``J``; the
basis defines a vertex with support exactly ``I`` when the unique solution of
``C[J, I] z_I = 1`` is strictly positive and satisfies every row of
``C z <= 1``.  ``C`` is a positive integer matrix.  Two steps settle most bases
cheaply, and each comes with a proof, so nothing here trades exactness for
speed.

**1. Dominated and repeated rows (exact).**  Say row ``a`` is *dominated on*
``I`` when ``C[a, i] <= C[b, i]`` for every ``i`` in ``I`` and ``<`` for some
``i``, for some other row ``b``.  If ``z`` is feasible with support exactly
``I`` then ``C[a] z < C[b] z <= 1`` (the strict term has ``z_i > 0``): a
dominated row is never tight.  Hence:

* a basis whose ``J`` contains a dominated row never yields a vertex with
  support ``I`` (its rows would all be tight), and is skipped
  (:func:`candidate_rows`); no vertex is lost, because every vertex ``z`` with
  support ``I`` has a nonsingular ``C[J, I]`` with ``J`` inside its tight rows,
  none of which is dominated;
* once a positive ``z`` satisfies every *undominated* row, it satisfies the
  dominated ones strictly: a row ``a`` with the largest ``C[a] z`` is not
  dominated (its dominator would be larger), so ``C[a] z <= 1`` for every row,
  and the dominated rows are strictly below their dominators.

Likewise, when rows ``a > b`` are *equal on* ``I``, row ``a`` is tight exactly
when ``b`` is, and a basis using ``a`` in place of ``b`` has the same matrix
``C[J, I]`` up to row order: it is singular if it also uses ``b``, and
otherwise defines the same vertex as the basis with ``b``.  So ``a`` is left
out of ``J`` as well (but its slack is still checked: it is tight with ``b``).

**2. Certified floating point.**  :func:`classify_bases` decides the remaining
bases in two passes, both with *rigorous* error bounds (the rounding model of
Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., §2.2 and
Lemma 3.1/(3.5); Rump, "Verification methods", *Acta Numerica* 19, 2010,
§10).  ``u = 2**-53`` and ``γ = (k+1)u / (1 - (k+1)u)``: every dot product
we form has at most ``k`` products that are not exactly zero, and such a dot
product, summed in any order, with or without fused multiply-add, errs by at
most ``γ`` times the sum of the absolute products (adding an exact zero is
exact, so the zero products do not count).  ``M = C[J, I]``, ``ẑ``
is LAPACK's solution of ``M z = 1``, and ``ρ = 1 - M ẑ``:

* Every exact quantity we compare is bounded through
  ``|ρ| <= |fl(1 - fl(M ẑ))| / (1 - u) + γ M |ẑ|`` and, for the slack
  ``s_a = 1 - C[a, I] z`` of row ``a`` and its float value
  ``ŝ_a = fl(1 - fl(C[a, I] ẑ))``:
  ``|s_a - ŝ_a| <= (Σ_i C[a, I_i]) ‖z - ẑ‖∞ + γ C[a, I] |ẑ| + u |ŝ_a| / (1 - u)``.
* *Pass 1, for every basis: a crude bound that needs no inverse.*  If ``M`` is
  nonsingular, ``det M`` is a nonzero integer, so ``|det M| >= 1``, and each
  entry of ``M^-1 = adj(M) / det M`` is a cofactor at most Hadamard's bound
  ``h_j = Π_{l != j} ‖M_l‖₂`` (row ``j`` deleted).  So
  ``‖z - ẑ‖∞ = ‖M^-1 ρ‖∞ <= Σ_j h_j |ρ_j|``.  A basis whose ``ẑ`` has a
  coordinate below ``-err`` or a slack below ``-σ_a`` under this bound is
  **dropped**: either ``M`` is singular (no vertex) or the exact solution is
  not a positive feasible point.  (This pass bounds every row's
  ``Σ_i C[a, I_i]`` by ``cap = Σ_i max_a C[a, I_i]``, and tests only the row
  with the smallest ``ŝ_a``.)
* *Pass 2, for the survivors: a tight bound.*  With ``R`` an approximate
  inverse (LAPACK), ``G = I - R M`` satisfies
  ``|G| <= |fl(fl(R M) - I)| / (1 - u) + γ |R| M``.  If ``‖G‖∞ <= 1/2`` then
  ``R M`` and so ``M`` are nonsingular, and from
  ``z - ẑ = M^-1 ρ = R ρ + G (z - ẑ)``:
  ``‖z - ẑ‖∞ <= ‖ |R| |ρ| ‖∞ / (1 - ‖G‖∞) <= 2 ‖ |R| |ρ| ‖∞``.  Moreover
  ``z_i = num_i / det M`` and ``s_a = (det M - C[a, I] num) / det M`` with
  integer numerators, and ``|det M| <= H = Π_j ‖M_j‖₂`` (Hadamard), so a
  nonzero ``z_i`` or ``s_a`` is at least ``1 / H`` in magnitude.  Hence when
  ``|ẑ_i| <= err`` with ``2 err < 1 / H``, ``z_i = 0`` exactly, and likewise
  ``s_a = 0`` when ``|ŝ_a| <= σ_a < 1 / (2 H)``: ties are decided too.  The
  basis is **dropped** as in pass 1 or when some ``z_i = 0`` (its point, if a
  vertex, has a smaller support and another basis), and is **a vertex** when
  every ``ẑ_i > err`` and the slack of every row outside ``J`` that is not
  strictly dominated is decided: ``M`` is nonsingular, the point is positive
  and feasible, and its tight rows are exactly ``J`` and the rows with
  ``s_a = 0`` (rows in ``J`` are tight by construction, dominated rows slack
  by step 1).
* Each bound (and ``H``) is evaluated in floating point from nonnegative
  numbers (sums, products, quotients, square roots); its exact value is at
  most ``(1 - u)**-n`` times the computed one for ``n`` operations, so
  computed bounds, the ``1 / (1 - u)`` factors included, are doubled (and
  ``‖G‖∞`` is required to be at most ``1/4`` as computed, and
  ``4 H err < 1`` for the ties).
* The rounding model excludes overflow and underflow.  ``C`` holds integers
  in ``[1, 2**50]``, and decisions are only taken when the multipliers of
  ``|ρ|`` (``h_j``, or ``|R|`` entries) are at most ``2**400`` (which also
  rejects NaN), so nothing overflows; a result that underflows errs by at
  most ``2**-1074`` absolutely, and on its way into ``err`` or ``σ_a`` is
  multiplied by less than ``2**460 (n + 1)**3``, so adding ``2**-500`` to
  both covers every underflow.  (Nonzero exact coordinates and slacks,
  ``num / det`` with ``|det|`` below Hadamard's bound, are far larger for the
  sizes enumerated here, so this costs no decision.)

Everything else — singular or ill-conditioned ``M``, a coordinate or a slack
too close to zero for the bounds — is **undecided** and goes to the exact
modular solver.

Arrays of bases hold one basis per *column* (``support`` and ``rows`` are
(k, N), flags over rows are (r, N)): numpy reduces fast over a leading axis and
slowly over a short trailing one.

>>> import numpy as np
>>> c = np.array([[2.0, 1.0], [1.0, 2.0], [1.0, 1.0]])  # 2 z0 + z1 <= 1, z0 + 2 z1 <= 1, ...
>>> support = np.array([[0, 0, 0], [1, 1, 1]])           # three bases, all with support {0, 1}
>>> rows = np.array([[0, 0, 1], [1, 2, 2]])              # tight rows {0, 1}, {0, 2}, {1, 2}
>>> check = np.array([[0, 0, 1], [0, 1, 0], [1, 0, 0]], dtype=bool)  # the rows outside J
>>> status, tight = classify_bases(c, support, rows, check)
>>> [int(s) for s in status] == [VERTEX, DROP, DROP], tight[:, 0].tolist()
(True, [True, True, False])

(``(1/3, 1/3)`` is a vertex; rows 0 and 2 tight give ``z = (0, 1)``, which
violates row 1; rows 1 and 2 give ``(1, 0)``, which violates row 0.)
"""

from __future__ import annotations

import contextlib

import numpy as np

__all__ = [
    "DROP", "UNDECIDED", "VERTEX", "candidate_rows", "classify_bases", "column_orders",
    "dominated_rows",
]

#: :func:`classify_bases` outcomes.
DROP, VERTEX, UNDECIDED = 0, 1, 2

_U = 2.0**-53
_HIGH, _TINY = 2.0**400, 2.0**-500


def column_orders(c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How the rows of the integer matrix ``c`` compare in each column: ``(below, equal)``,
    both (d, r, r), ``below[t, a, b]`` when ``c[a, t] <= c[b, t]`` (exact comparisons;
    ``c`` may be int64 or hold Python ints)."""
    cols = c.T[:, :, None], c.T[:, None, :]
    return np.asarray(cols[0] <= cols[1], dtype=bool), np.asarray(cols[0] == cols[1], dtype=bool)


def dominated_rows(
    orders: tuple[np.ndarray, np.ndarray], supports: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Rows dominated on each support, and rows equal there to an earlier row.

    ``orders`` is :func:`column_orders` of the matrix, ``supports`` is (S, k),
    one support per row; both results are (r, S).

    >>> c = np.array([[1, 5], [2, 3], [1, 3]])
    >>> dominated, repeated = dominated_rows(column_orders(c), np.array([[0], [1]]))
    >>> dominated.astype(int).tolist(), repeated.astype(int).tolist()
    ([[1, 0], [0, 1], [1, 1]], [[0, 0], [0, 0], [1, 1]])

    (On column 0 rows 0 and 2 are below row 1, and row 2 repeats row 0; on
    column 1 rows 1 and 2 are below row 0, and row 2 repeats row 1.)
    """
    below = orders[0][supports.T].all(axis=0)  # (S, a, b): row a <= row b on the support
    equal = orders[1][supports.T].all(axis=0)
    r = below.shape[1]
    dominated = (below & ~equal).any(axis=2).T
    repeated = (equal & np.tri(r, k=-1, dtype=bool)).any(axis=2).T  # b < a
    return dominated, repeated


def candidate_rows(skip: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of indices ``(s, j)`` such that ``rows[j]`` avoids the rows ``skip[:, s]``.

    ``skip`` is (r, S) (dominated or repeated rows, :func:`dominated_rows`),
    ``rows`` is (J, k); the pairs come sorted by ``s``, then ``j``.
    """
    hit = skip[rows[:, 0]]
    for t in range(1, rows.shape[1]):
        hit = hit | skip[rows[:, t]]  # (J, S)
    j, s = np.nonzero(~hit.T)[::-1]
    return s, j


def _lapack(f, m: np.ndarray, *args: np.ndarray) -> np.ndarray:
    """``f(m, *args)`` (numpy.linalg.inv or solve) for a batch, NaN where LAPACK meets a
    zero pivot (numpy raises for the whole batch then)."""
    try:
        return f(m, *args)
    except np.linalg.LinAlgError:
        pass
    # det is 0 exactly when the LU factorization (the same one inv and solve use) has a zero pivot
    regular = np.linalg.det(m) != 0.0
    out = np.full(args[0].shape if args else m.shape, np.nan)
    with contextlib.suppress(np.linalg.LinAlgError):  # would leave every basis undecided
        out[regular] = f(m[regular], *(a[regular] for a in args))
    return out


def _product(c: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``c @ x`` for a small ``c`` and a wide ``x`` (..., d, N), in slices of ``N``.

    Each slice is a matrix product small enough (under ``2**17`` multiply-adds)
    for OpenBLAS to compute on one thread: spreading such products over
    threads costs far more than it saves, on a busy machine ten times more.
    """
    step = max(1, 2**17 // (c.shape[0] * c.shape[1]))
    if x.shape[-1] <= step:
        return c @ x
    out = np.empty((*x.shape[:-2], c.shape[0], x.shape[-1]))
    for start in range(0, x.shape[-1], step):
        out[..., start : start + step] = c @ x[..., start : start + step]
    return out


def classify_bases(
    c: np.ndarray, support: np.ndarray, rows: np.ndarray, check: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """DROP, VERTEX or UNDECIDED for each basis, and the tight rows of the vertices.

    ``c`` (r, d) is float64 holding integers in ``[0, 2**50]``, positive where
    a basis reads ``c[J, I]`` (a zero row outside ``J`` and unchecked is
    harmless: its slack is exactly 1); ``support`` and ``rows`` are (k, N)
    index arrays, one basis per column; ``check`` (r, N)
    marks the rows whose slack must be decided for VERTEX (the rows outside
    ``J`` not strictly dominated on ``I``).  Returns the status (N,) and the
    exact tight rows (r, N) of the bases classified VERTEX.
    """
    k, n = support.shape
    r, d = c.shape
    status = np.full(n, UNDECIDED, dtype=np.int8)
    tight = np.zeros((r, n), dtype=bool)
    if n == 0:
        return status, tight
    g = (k + 1) * _U / (1 - (k + 1) * _U)
    m = c.ravel()[(rows.T * d)[:, :, None] + support.T[:, None, :]]  # (N, k, k): c[J, I]
    z_hat = _lapack(np.linalg.solve, m, np.ones((n, k, 1)))[:, :, 0]
    columns = np.arange(n)
    with np.errstate(all="ignore"):
        z = np.ascontiguousarray(z_hat.T)  # (k, N)
        norms = np.sqrt(np.einsum("nij,nij->ni", m, m)).T  # (k, N): ‖M_j‖₂
        # pass 1, on every basis: |det M| >= 1 and Hadamard's bound on the cofactors; with
        # cap = Σ_i max_a C[a, I_i] >= Σ_i C[a, I_i] for every row a, C[a, I] |ẑ| <= cap max|ẑ|
        # and M |ẑ| = M ẑ + 2 M max(-ẑ, 0) <= |M ẑ| + 2 cap max(-ẑ, 0); only the row with the
        # smallest ŝ_a (largest C[a, I] ẑ) is tested for a violation
        spread = np.zeros((d, n))
        spread[support, columns] = z
        cz = _product(c, spread)  # (r, N): C ẑ
        mz = cz[rows, columns]  # M ẑ
        below = np.maximum(-z.min(axis=0), 0.0)
        cap = c.max(axis=0)[support].sum(axis=0)
        rho = np.abs(1.0 - mz) + g * (np.abs(mz) + 2.0 * cap * below)
        cofactor = norms.prod(axis=0) / norms  # h_j
        err = np.where(cofactor.max(axis=0) <= _HIGH, 2.0 * (cofactor * rho).sum(axis=0), np.inf)
        err += _TINY
        s_top = 1.0 - cz.max(axis=0)  # the smallest ŝ_a (fl(1 - x) falls as x grows)
        sigma = 2.0 * (cap * (err + g * np.abs(z).max(axis=0)) + _U * np.abs(s_top)) + _TINY
        negative = (z < -err).any(axis=0) | (s_top < -sigma)
        status[negative] = DROP
        rest = np.nonzero(~negative)[0]
        if rest.size == 0:
            return status, tight
        # pass 2, on the survivors: an approximate inverse, and bounds row by row
        n_rest, support, rows, check = rest.size, support[:, rest], rows[:, rest], check[:, rest]
        z, m, norms, columns = z[:, rest], m[rest], norms[:, rest], columns[:n_rest]
        spread = np.zeros((3, d, n_rest))
        spread[0, support, columns] = z
        spread[1, support, columns] = np.abs(z)
        spread[2, support, columns] = 1.0
        prods = _product(c, spread)  # (3, r, n_rest): C ẑ, C |ẑ|, Σ_i C[a, I_i]
        s = 1.0 - prods[0]  # ŝ
        at_rows = prods[:, rows, columns]  # (3, k, n_rest): M ẑ, M |ẑ|, M 1
        rho = np.abs(1.0 - at_rows[0]) + g * at_rows[1]  # bounds |1 - M ẑ|
        inv = _lapack(np.linalg.inv, m)
        a_inv = np.abs(np.ascontiguousarray(inv.transpose(1, 2, 0)))  # (k, k, n_rest)
        resid = np.ascontiguousarray((inv @ m).transpose(1, 2, 0))  # fl(R M)
        for i in range(k):
            resid[i, i] -= 1.0
        alpha = (np.abs(resid).sum(axis=1) + g * (a_inv * at_rows[2]).sum(axis=1)).max(axis=0)
        certified = (alpha <= 0.25) & (a_inv.max(axis=(0, 1)) <= _HIGH)
        err = np.where(certified, 4.0 * (a_inv * rho).sum(axis=1).max(axis=0), np.inf) + _TINY
        sigma = 2.0 * (prods[2] * err + g * prods[1] + _U * np.abs(s)) + _TINY
        # a nonzero coordinate or slack is at least 1 / |det M| >= 1 / H
        gap = 4.0 * norms.prod(axis=0)
        z_zero = (np.abs(z) <= err) & (err * gap < 1.0)
        s_zero = (np.abs(s) <= sigma) & (sigma * gap < 1.0) & check
        negative = (z < -err).any(axis=0) | (s < -sigma).any(axis=0) | z_zero.any(axis=0)
        vertex = (certified & ~negative & (z > err).all(axis=0)
                  & ((s > sigma) | s_zero | ~check).all(axis=0))
    status[rest[negative]] = DROP
    status[rest[vertex]] = VERTEX
    tight[:, rest] = s_zero
    tight[rows, rest] = True
    return status, tight
