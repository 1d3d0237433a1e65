"""Every vertex of ``{z >= 0 : C z <= 1}`` by a search over lexicographically feasible bases.

``C`` is an r x d matrix of positive integers.  In standard form the polytope
is ``[C | I] (z, s) = 1`` with ``(z, s) >= 0``; a *basis* is a set of ``r``
of the ``d + r`` variables whose columns ``B`` are nonsingular.  Perturb the
right-hand side to ``1 + (ε, ε², ..., ε^r)`` (Charnes 1952; Avis, "lrs: a
revised implementation of the reverse search vertex enumeration algorithm",
2000): a basis is *lexicographically feasible* (lex-feasible) when every row
of ``[B⁻¹1 | B⁻¹]`` is lexicographically positive (its first nonzero entry
is positive).  For small ε the lex-feasible bases are exactly the vertices of
the perturbed polytope, which is simple and nondegenerate, so

* every lex-feasible basis has exactly ``d`` neighbours, one per entering
  variable, found by the *lexicographic ratio test*; the graph they form is
  the graph of a polytope, hence connected, and it contains the all-slack
  basis (``B = I``);
* every vertex of ``{z >= 0 : C z <= 1}`` is the (unperturbed) point of some
  lex-feasible basis (the vertex maximises some objective over the polytope;
  so does the limit of the perturbed optimum, a lex-feasible basis).

So a breadth-first search from ``B = I`` over lex-feasible bases finds every
vertex.  It is run in floating point, batched with numpy, and **every step is
certified** (:func:`_certify`): a basis is kept only when its lex-feasibility
is proven by rigorous error bounds (the same rounding model and integrality
gap as :mod:`gametrust.solvers._basis_screen`: every entry of ``[B⁻¹1 | B⁻¹]``
is an integer over ``det B``, so a nonzero one is at least ``1 / H`` in size,
``H`` Hadamard's bound), or by exact rational arithmetic (python-flint) when
the bounds cannot decide.  A float ratio test may pick a wrong leaving
variable; that does no harm:

* if the basis ``B'`` it leads to is certified lex-feasible, ``B'`` *is* the
  neighbour: ``B`` and ``B'`` are vertices of the simple perturbed polytope on
  the line of their ``d - 1`` shared nonbasic constraints, hence the two ends
  of that edge;
* otherwise the pivot is redone exactly (:func:`_exact_pivot`).

Hence when the search ends, the set of certified bases is closed under all
``d`` neighbours: it is the whole (connected) graph, and the vertex list is
complete.  (A basis reached by a pivot does not try the variable that just
left: by the same argument that neighbour is its parent, already known.)  A
*budget* on the bases visited (or Ctrl-C) stops the search early; what was
found is then returned with ``complete = False``.

Speed.  The search goes by numpy batches of bases (one batch per layer of the
breadth-first search, up to :data:`_BATCH`); a batch costs a fixed ~0.3 ms of
numpy calls plus a few microseconds per basis.  So that the fixed cost is paid
once, both best-response polytopes of a square game are searched together,
their bases side by side in the same batches (:class:`LexSearch` takes
several matrices of one shape).  Per basis: ``B⁻¹ [C | I]`` by one matrix
product per polytope (``fl(R B)`` for the certificate is read off it), and
arrays laid out so that every sum and maximum runs over a leading axis or is
a matrix product (numpy reduces a short trailing axis tens of times slower).

The point of a basis is ``z_I = β_I`` on its basic ``z`` variables; its
support is where ``β > 0`` and its tight rows are the nonbasic slacks and the
basic slacks with ``β = 0`` — exact, because every sign and zero of ``β`` is
certified.

>>> found, complete = lex_vertices(np.array([[2, 1], [1, 2]]))
>>> complete, sorted((s, t) for s, t, _ in found)
(True, [(0, 0), (1, 1), (2, 2), (3, 3)])
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from ..core.progress import step

__all__ = ["LexSearch", "lex_vertices"]

#: Bases expanded per numpy batch.
_BATCH = 4_000
_U = 2.0**-53
_HIGH, _TINY = 2.0**400, 2.0**-500
# certified verdicts on lex-feasibility
_NO, _YES, _UNKNOWN = 0, 1, 2


def _masks(
    basis: np.ndarray, pid: np.ndarray, n_var: int, small: bool
) -> np.ndarray | list[int]:
    """Each row of an (F, r) array of variable indices as a bit mask, the polytope's index
    ``pid`` above bit ``n_var``: int64 when ``small`` (they fit: :func:`_fits`; one choice for
    the whole search, see :class:`_Seen`), else Python ints."""
    if small:
        masks = np.left_shift(np.int64(1), np.ascontiguousarray(basis.T, dtype=np.int64)).sum(
            axis=0)
        return masks + (pid.astype(np.int64) << n_var)
    return [sum(1 << int(v) for v in row) | (int(p) << n_var)
            for row, p in zip(basis, pid, strict=True)]


def _fits(n_var: int, pid: np.ndarray | int) -> bool:
    """Whether the masks of bases of ``n_var`` variables, polytope index up to ``pid``, fit
    in an int64."""
    return n_var + int(np.max(pid, initial=0)).bit_length() <= 62


class _Seen:
    """The bases (or vertices) met so far, as bit masks (:func:`_masks`): a sorted int64
    array while they fit, else a set of Python ints."""

    def __init__(self) -> None:
        self.keys: set[int] = set()
        self.sorted = np.empty(0, dtype=np.int64)

    def fresh(self, masks: np.ndarray | list[int]) -> np.ndarray:
        """Indices of the masks not met before (first occurrences); they are met now."""
        if isinstance(masks, np.ndarray):  # most are known: a binary search finds them
            known = self.sorted
            candidates = np.arange(len(masks))
            if known.size:
                at = np.minimum(np.searchsorted(known, masks), known.size - 1)
                candidates = np.nonzero(known[at] != masks)[0]
            unique, first = np.unique(masks[candidates], return_index=True)
            self.sorted = np.insert(known, np.searchsorted(known, unique), unique)
            return np.sort(candidates[first])
        keys, out = self.keys, []
        for k, mask in enumerate(masks):
            if mask not in keys:
                keys.add(mask)
                out.append(k)
        return np.array(out, dtype=np.intp)


def _certify(
    mats: np.ndarray, norms: np.ndarray, basis: np.ndarray, pid: np.ndarray, guess: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Certified lex-feasibility of bases, their ``β = B⁻¹1`` (float) and exact zero flags.

    ``mats`` (K, r, n) holds the matrices ``[C | I]`` of the polytopes searched
    in float64 (integers below ``2**50``), ``norms`` (K, n) their column
    2-norms; ``basis`` (F, r) are bases of the polytopes ``pid`` (F,, sorted)
    and ``guess`` (F, r, r) approximate inverses (NaN where none is known).
    Returns the verdict (F,) (_YES, _NO, _UNKNOWN), ``β̂`` (r, F) and
    ``β = 0`` flags (r, F) (exact where the verdict is _YES), ``R ≈ B⁻¹``
    (F, r, r) and ``fl(R [C | I])`` (r, F, n).

    With ``R`` LAPACK's inverse, ``G = I - R B`` satisfies
    ``|G| <= |fl(R B) - I| / (1 - u) + γ |R| |B|`` (Higham, Lemma 3.1; at most
    ``r`` nonzero products per dot product since ``B`` has at most ``r``
    nonzeros per column).  If ``‖G‖∞ <= 1/2`` then ``B`` is nonsingular,
    ``‖B⁻¹‖max <= 2 ‖R‖max`` and ``‖B⁻¹ - R‖max = ‖G B⁻¹‖max <= ‖G‖∞ 2 ‖R‖max``
    (we require ``‖G‖∞ <= 1/4`` as computed, and double every computed bound
    for its own rounding, as :mod:`gametrust.solvers._basis_screen` does).
    ``β - fl(R 1)`` is at most ``r E + γ |R| 1`` with ``E`` that bound.  A
    nonzero entry of ``[β | B⁻¹]`` is an integer over ``det B``, at least
    ``1 / H`` with ``H`` the product of the column norms of ``B``: an entry
    whose float value is within its bound ``e`` of 0 with ``4 H e < 1`` is 0.
    (``fl(R B)`` is read off ``fl(R [C | I])``, the same dot products.)

    ``R`` may be any approximate inverse (the bounds hold for every ``R``):
    ``guess``, the parent's inverse updated by the pivot, is used where it is
    accurate (``‖G‖∞`` computed at most ``2**-30``), LAPACK's elsewhere.
    """
    k_all, r, n = mats.shape
    flat = basis + (pid * n)[:, None]
    b = np.ascontiguousarray(mats.transpose(0, 2, 1).reshape(k_all * n, r)[flat]
                             .transpose(0, 2, 1))  # (F, r, r)
    gap = 4.0 * norms.ravel()[flat].prod(axis=1)  # 4 H
    bounds = np.searchsorted(pid, np.arange(k_all + 1))
    out = _certify_with(mats, bounds, b, basis, gap, guess)
    stale = np.nonzero(out[5] > 2.0**-30)[0]  # includes NaN (not <=)
    if stale.size:
        with np.errstate(all="ignore"):
            inv = _inverse(b[stale])
        fresh = _certify_with(mats, np.searchsorted(pid[stale], np.arange(k_all + 1)),
                              b[stale], basis[stale], gap[stale], inv)
        for k, (whole, part) in enumerate(zip(out[:5], fresh, strict=False)):
            if k in (1, 2, 4):  # (r, F) and (r, F, n) layouts
                whole[:, stale] = part
            else:
                whole[stale] = part
    return out[:5]


def _product(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``x @ y`` for a tall ``x``, in slices of rows small enough (under ``2**17``
    multiply-adds) for OpenBLAS to compute each on one thread: spreading small products over
    threads costs far more than it saves, on a busy machine ten times more."""
    step_rows = max(1, 2**17 // (x.shape[1] * y.shape[1]))
    if x.shape[0] <= step_rows:
        return x @ y
    out = np.empty((x.shape[0], y.shape[1]))
    for start in range(0, x.shape[0], step_rows):
        np.matmul(x[start : start + step_rows], y, out=out[start : start + step_rows])
    return out


def _inverse(b: np.ndarray) -> np.ndarray:
    """LAPACK's inverses of a batch, NaN for those it finds singular."""
    try:
        return np.linalg.inv(b)
    except np.linalg.LinAlgError:
        regular = np.linalg.det(b) != 0.0
        inv = np.full_like(b, np.nan)
        with contextlib.suppress(np.linalg.LinAlgError):  # all left undecided
            inv[regular] = np.linalg.inv(b[regular])
        return inv


def _certify_with(
    mats: np.ndarray, bounds: np.ndarray, b: np.ndarray, basis: np.ndarray, gap: np.ndarray,
    inv: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_certify` of the basis matrices ``b`` (F, r, r) (``gap``: 4 times Hadamard's
    bound; polytope ``p``'s are ``bounds[p]:bounds[p + 1]``) with ``R = inv``; also
    ``‖G‖∞``.

    Arrays are laid out so that every sum and maximum runs over a leading axis or is a
    matrix product (numpy reduces slowly over a short trailing axis)."""
    f, r = b.shape[:2]
    n = mats.shape[2]
    g = (r + 1) * _U / (1 - (r + 1) * _U)
    verdict = np.full(f, _UNKNOWN, dtype=np.int8)
    ones = np.ones(r)
    with np.errstate(all="ignore"):
        table = np.empty((r, f, n))  # fl(R [C | I])
        for p, (low, high) in enumerate(pairwise(bounds)):
            if high > low:
                inv_t = np.ascontiguousarray(inv[low:high].transpose(1, 0, 2))  # (i, F, j)
                table[:, low:high] = _product(inv_t.reshape(-1, r), mats[p]).reshape(
                    r, high - low, n)
        # fl(R B): the basic columns; G's rows summed by a product with ones
        flat = (np.arange(f)[:, None] * n + basis).ravel()
        resid = table.reshape(r, f * n)[:, flat].reshape(r, f, r)  # (i, F, j)
        idx = np.arange(r)
        resid[idx, :, idx] -= 1.0
        a_inv = np.abs(inv)
        row_sums = b @ ones  # (F, j): B 1 (B >= 0)
        alpha = np.abs(resid) @ ones + g * (a_inv @ row_sums[:, :, None])[:, :, 0].T
        alpha = alpha.max(axis=0)  # (F,)
        r_max = a_inv.reshape(f, r * r).max(axis=1)
        ok = (alpha <= 0.25) & (r_max <= _HIGH)
        e_inv = np.where(ok, 8.0 * alpha * r_max, np.inf) + _TINY  # bounds |B⁻¹ - R| entrywise
        beta = (inv @ ones).T  # (i, F)
        e_beta = 2.0 * (r * e_inv + g * (a_inv @ ones).T) + _TINY  # (i, F)
        # signs: +1, -1, 0 (certified zero), 2 (unknown); the lex rows are [β | B⁻¹]; most
        # rows are decided by β alone, the others (β near 0) by the entries of B⁻¹ too
        beta_sign = np.full(beta.shape, 2, dtype=np.int8)
        beta_sign[beta > e_beta] = 1
        beta_sign[beta < -e_beta] = -1
        beta_zero = (np.abs(beta) <= e_beta) & (e_beta * gap < 1.0)
        beta_sign[beta_zero] = 0
        lead = beta_sign.copy()
        more = np.nonzero((beta_sign == 0).any(axis=0))[0]
        if more.size:
            sub = np.ascontiguousarray(inv[more].transpose(2, 1, 0))  # (j, i, M)
            bound = e_inv[more]
            sign = np.full(sub.shape, 2, dtype=np.int8)
            sign[sub > bound] = 1
            sign[sub < -bound] = -1
            sign[(np.abs(sub) <= bound) & (bound * gap[more] < 1.0)] = 0
            first = (sign != 0).argmax(axis=0)  # (i, M): rows of B⁻¹ are nonzero
            inner = np.take_along_axis(sign, first[None], axis=0)[0]
            lead[:, more] = np.where(beta_sign[:, more] == 0, inner, beta_sign[:, more])
    verdict[(lead == 1).all(axis=0)] = _YES
    verdict[(lead == -1).any(axis=0) & ok] = _NO
    verdict[~ok] = _UNKNOWN
    return verdict, beta, beta_zero, inv, table, np.where(alpha <= 1.0, alpha, np.inf)


def _exact_lex_rows(c: np.ndarray, basis: list[int]) -> list[list[int]] | None:
    """The rows ``[β_i | B⁻¹_i]`` times ``|det B|`` (integers, python-flint), or None for a
    singular ``B``: the same signs and ratios as the rational rows."""
    import flint

    r, d = c.shape
    cols = [[int(c[i, v]) if v < d else int(v - d == i) for i in range(r)] for v in basis]
    m = flint.fmpz_mat([[cols[j][i] for j in range(r)] for i in range(r)])
    if m.det() == 0:
        return None
    num, den = m.inv().numer_denom()
    sign = 1 if den > 0 else -1
    rows = [[sign * int(v) for v in row] for row in num.tolist()]
    return [[sum(row), *row] for row in rows]


def _lex_positive(row: list[int]) -> bool:
    return next((v for v in row if v != 0), 0) > 0


def _exact_pivot(c: np.ndarray, basis: list[int], entering: int) -> list[int]:
    """The lex-feasible neighbour of a lex-feasible basis through ``entering``, exactly
    (the lexicographic ratio test on integer rows, compared by cross-multiplying)."""
    r, d = c.shape
    rows = _exact_lex_rows(c, basis)
    assert rows is not None
    column = [int(c[i, entering]) if entering < d else int(entering - d == i) for i in range(r)]
    best, best_row, best_t = None, None, 0
    for i, row in enumerate(rows):
        t = sum(row[1 + j] * column[j] for j in range(r))
        if t > 0 and (best is None or [v * best_t for v in row] < [v * t for v in best_row]):
            best, best_row, best_t = i, row, t
    assert best is not None  # the polytope is bounded
    out = list(basis)
    out[best] = entering
    return sorted(out)


@dataclass
class Found:
    """The distinct vertices of one polytope found by the search: support and tight-row
    bit masks, and a lex-feasible basis of each (a row of ``bases``: basic variables, ``z``
    columns below ``d``, slack of row ``i`` as ``d + i``)."""

    supports: list[int] = field(default_factory=list)
    tights: list[int] = field(default_factory=list)
    chunks: list[np.ndarray] = field(default_factory=list)

    @property
    def bases(self) -> np.ndarray:
        """The bases, one row per vertex (in the order of ``supports``)."""
        return np.concatenate(self.chunks) if self.chunks else np.empty((0, 0), dtype=np.intp)


@dataclass
class LexSearch:
    """The breadth-first search over the lex-feasible bases of polytopes of one shape.

    Several polytopes (both best-response polytopes of a square game) are searched
    together, their bases side by side in the same numpy batches (each step's fixed
    cost is paid once for all).  ``found[p]`` holds polytope ``p``'s vertices and
    ``bases[p]`` counts its certified bases; ``budget`` bounds the bases of each.
    """

    cs: list[np.ndarray]  # (r, d) positive integers, below 2**50, all of one shape
    budget: int | None = None
    label: str = "vertices"
    found: list[Found] = field(default_factory=list)
    bases: list[int] = field(default_factory=list)
    complete: bool = False
    interrupted: bool = False  # stopped by Ctrl-C

    def __post_init__(self) -> None:
        self.found = [Found() for _ in self.cs]
        self.bases = [0] * len(self.cs)
        self._keys = _Seen()  # the vertices' (polytope, support, tight rows)
        r, d = self.cs[0].shape
        self._small = _fits(d + r, len(self.cs) - 1)  # masks and keys fit in an int64

    def run(self) -> None:
        """Search until every lex-feasible basis is found, or a budget is spent (Ctrl-C:
        stop and keep what was found; ``complete`` stays False)."""
        try:
            self._run()
        except KeyboardInterrupt:
            self.complete, self.interrupted = False, True

    def _run(self) -> None:
        cs = self.cs
        k_all = len(cs)
        r, d = cs[0].shape
        n_var = d + r
        mats = np.empty((k_all, r, n_var))  # each polytope's [C | I]
        mats[:, :, :d] = np.asarray(cs, dtype=np.float64)
        mats[:, :, d:] = np.eye(r)
        norms = np.sqrt((mats * mats).sum(axis=1))
        start = np.tile(np.arange(d, n_var), (k_all, 1))
        pid = np.arange(k_all)
        seen = _Seen()
        seen.fresh(_masks(start, pid, n_var, self._small))
        none = np.full(k_all, -1)
        # the frontier: candidate bases, their polytopes, the parents and entering variables
        # of the pivots that gave them (-1: none), the variables that left, and their
        # inverses updated by the pivot (NaN: not known, LAPACK's is taken); the all-slack
        # basis is its own inverse
        frontier = [(start, pid, start.copy(), none, none, np.tile(np.eye(r), (k_all, 1, 1)))]
        while frontier:
            batch = frontier.pop()
            while frontier and len(batch[0]) + len(frontier[-1][0]) <= _BATCH:
                batch = tuple(np.concatenate([x, y]) for x, y in
                              zip(batch, frontier.pop(), strict=True))
            if len(batch[0]) > _BATCH:
                frontier.append(tuple(x[_BATCH:] for x in batch))
                batch = tuple(x[:_BATCH] for x in batch)
            if (np.diff(batch[1]) < 0).any():  # polytope by polytope
                order = np.argsort(batch[1], kind="stable")
                batch = tuple(x[order] for x in batch)
            basis, pid, parents, entered, left, guess = batch
            verdict, beta, zero, inv, table = _certify(mats, norms, basis, pid, guess)
            redo: list[tuple[list[int], int, int]] = []
            good = verdict == _YES
            for k in np.nonzero(~good)[0]:
                row, c = basis[k].tolist(), cs[pid[k]]
                lex = _exact_lex_rows(c, row) if verdict[k] == _UNKNOWN else None
                if lex is not None and all(_lex_positive(v) for v in lex):
                    good[k] = True
                    zero[:, k] = [v[0] == 0 for v in lex]  # β and its zeros exactly
                    continue
                # not from an exact pivot: those and the all-slack basis are lex-feasible
                assert entered[k] >= 0
                redo.append((parents[k].tolist(), int(entered[k]), int(pid[k])))
            keep = np.nonzero(good)[0]
            self._record(basis[keep], pid[keep], zero[:, keep], d)
            if self.budget is not None and max(self.bases) > self.budget:
                return
            step(f"enumerating {self.label}", sum(self.bases))
            children = self._expand(table, keep, basis, pid, left, beta, inv, seen)
            if redo:  # an exact pivot from a lex-feasible basis is lex-feasible: certified anyway
                exact = np.array([_exact_pivot(cs[p], parent, entering)
                                  for parent, entering, p in redo])
                exact_pid = np.array([p for _, _, p in redo])
                fresh = seen.fresh(_masks(exact, exact_pid, n_var, self._small))
                if fresh.size:
                    frontier.append((exact[fresh], exact_pid[fresh], exact[fresh],
                                     np.full(fresh.size, -1), np.full(fresh.size, -1),
                                     np.full((fresh.size, r, r), np.nan)))
            if len(children[0]):
                frontier.append(children)
        self.complete = True

    def _record(self, basis: np.ndarray, pid: np.ndarray, zero: np.ndarray, d: int) -> None:
        """Add the vertices of certified lex-feasible bases (``zero`` (r, F): exact
        ``β = 0``)."""
        for p in range(len(self.cs)):
            self.bases[p] += int((pid == p).sum())
        r = basis.shape[1]
        if self._small:
            one = np.int64(1)
            cols = np.ascontiguousarray(basis.T)  # (r, F): sums over the leading axis
            is_z = cols < d
            support = np.where(is_z & ~zero, one << np.where(is_z, cols, 0), 0).sum(axis=0)
            slack = np.where(is_z, 0, cols - d)
            basic_slack = np.where(is_z, 0, one << slack).sum(axis=0)
            zero_slack = np.where(~is_z & zero, one << slack, 0).sum(axis=0)
            tight = (((one << r) - 1) ^ basic_slack) | zero_slack
            keys = support | (tight << d) | (pid.astype(np.int64) << (d + r))
        else:
            support, tight = [], []
            for row, zr in zip(basis.tolist(), zero.T, strict=True):
                support.append(sum(1 << v for v, z in zip(row, zr, strict=True)
                                   if v < d and not z))
                tight.append(sum(1 << i for i in range(r) if d + i not in set(row))
                             | sum(1 << (v - d) for v, z in zip(row, zr, strict=True)
                                   if v >= d and z))
            keys = [s | (t << d) | (int(p) << (d + r))
                    for s, t, p in zip(support, tight, pid, strict=True)]
            support, tight = np.array(support, dtype=object), np.array(tight, dtype=object)
        new = self._keys.fresh(keys)
        for p, out in enumerate(self.found):
            chosen = new[pid[new] == p]
            if chosen.size:
                out.supports.extend(support[chosen].tolist())
                out.tights.extend(tight[chosen].tolist())
                out.chunks.append(basis[chosen])

    def _expand(
        self, table: np.ndarray, keep: np.ndarray, basis: np.ndarray, pid: np.ndarray,
        left: np.ndarray, beta: np.ndarray, inv: np.ndarray, seen: _Seen,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Float lexicographic ratio tests for every (basis, nonbasic) pair of the bases
        ``keep`` of the batch: the new bases, their polytopes, the parents and entering
        variables of the pivots that gave them, and their inverses updated by the pivot (a
        guess), and the variables that left.

        ``table`` (r, F, n) is ``B⁻¹ [C | I]``, ``beta`` (r, F) is ``B⁻¹ 1``; arrays
        over the pairs are (r, P), reduced over their leading axis.  The variable that
        left to give a basis is not tried: it leads back to the parent, known."""
        r, f_all, n_var = table.shape
        f = len(keep)
        if f == 0:
            empty = np.empty((0, r), dtype=np.intp)
            none = np.empty(0, dtype=np.intp)
            return empty, none, empty, none, none, np.empty((0, r, r))
        nonbasic_flags = np.ones((f, n_var), dtype=bool)
        nonbasic_flags[np.arange(f)[:, None], basis[keep]] = False
        nonbasic_flags[np.arange(f), left[keep]] &= left[keep] < 0  # (-1: none)
        fb, entering = np.nonzero(nonbasic_flags)  # (P,) pairs, d per basis
        fb = keep[fb]  # indices in the batch
        t = table.reshape(r, f_all * n_var)[:, fb * n_var + entering]  # (r, P): B⁻¹ a_j
        eligible = t > 1e-9 * np.abs(t).max(axis=0)
        with np.errstate(all="ignore"):
            ratio = np.where(eligible, beta[:, fb] / t, np.inf)
        low = ratio.min(axis=0)
        alive = ratio <= low + 1e-9 * (np.abs(low) + 1.0)
        leave = alive.argmax(axis=0)
        tied = np.nonzero(alive.sum(axis=0) > 1)[0]
        if tied.size:  # the lexicographic tie-break, on the tied rows only
            leave[tied] = _tie_break(alive[:, tied], t[:, tied], inv[fb[tied]])
        leaving = basis[fb, leave]
        if self._small:  # the child's mask from the parent's
            one = np.int64(1)
            masks = _masks(basis, pid, n_var, True)[fb] - (one << leaving) + (one << entering)
        else:
            child = basis[fb].copy()
            child[np.arange(len(fb)), leave] = entering
            masks = _masks(child, pid[fb], n_var, False)
        new = seen.fresh(masks)
        count = np.arange(len(new))
        parent = fb[new]
        child = basis[parent].copy()
        out_row = leave[new]
        child[count, out_row] = entering[new]
        # B'⁻¹ from B⁻¹: the pivot row divided by the pivot, t_i times it taken from the others
        # (the rows of B'⁻¹ follow the child's basis order: the entering variable takes the
        # leaving one's place)
        parent_inv, column = inv[parent], np.ascontiguousarray(t[:, new].T)
        with np.errstate(all="ignore"):
            pivot_row = parent_inv[count, out_row] / column[count, out_row][:, None]
            guess = parent_inv - column[:, :, None] * pivot_row[:, None, :]
        guess[count, out_row] = pivot_row
        return child, pid[parent], basis[parent], entering[new], leaving[new], guess


def _tie_break(alive: np.ndarray, t: np.ndarray, inv: np.ndarray) -> np.ndarray:
    """The leaving row of pivots whose ratio test ties: among the rows ``alive`` (r, T), the
    lexicographically smallest ``B⁻¹_i / t_i`` (``t`` (r, T), ``inv`` (T, r, r)).

    The tied rows, usually two or three per pivot, are listed pivot by pivot; column by
    column of ``B⁻¹`` the rows above the pivot's smallest value are dropped."""
    pair, row = np.nonzero(alive.T)  # sorted by pair
    k_all = len(pair)
    starts = np.searchsorted(pair, np.arange(alive.shape[1]))
    with np.errstate(all="ignore"):
        rows = inv[pair, row] / t[row, pair][:, None]  # (K, r)
    # ties within a millionth of a millionth of the rows' size (an exact zero of B⁻¹ comes
    # out as rounding noise of that size); a wrong guess is caught later
    scale = np.maximum.reduceat(np.abs(rows).max(axis=1), starts)
    tol = (1e-12 * scale + 1e-300)[pair]
    keep = np.ones(k_all, dtype=bool)
    for col in range(rows.shape[1]):
        values = np.where(keep, rows[:, col], np.inf)
        keep &= values <= np.minimum.reduceat(values, starts)[pair] + tol
        if (np.add.reduceat(keep, starts, dtype=np.intp) <= 1).all():
            break
    # the first row kept of each pivot (its first tied row if none is: NaN)
    score = np.where(keep, k_all - np.arange(k_all), 0)
    best = np.maximum.reduceat(score, starts)
    return row[np.where(best > 0, k_all - best, starts)]


def lex_vertices(
    c: np.ndarray, budget: int | None = None, label: str = "vertices"
) -> tuple[list[tuple[int, int, np.ndarray]], bool]:
    """Every vertex of ``{z >= 0 : c z <= 1}`` (``c`` positive integers below ``2**50``) as
    ``(support mask, tight mask, basis)``, and whether the list is complete."""
    search = LexSearch([np.asarray(c)], budget, label)
    search.run()
    (found,) = search.found
    return list(zip(found.supports, found.tights, found.bases, strict=True)), search.complete
