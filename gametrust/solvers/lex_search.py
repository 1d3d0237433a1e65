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
complete.  A *budget* on the bases visited (or Ctrl-C) stops the search early;
what was found is then returned with ``complete = False``.

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

import numpy as np

from ..core.progress import step

__all__ = ["LexSearch", "lex_vertices"]

#: Bases expanded per numpy batch.
_BATCH = 4_000
_U = 2.0**-53
_HIGH, _TINY = 2.0**400, 2.0**-500
# certified verdicts on lex-feasibility
_NO, _YES, _UNKNOWN = 0, 1, 2


def _masks(basis: np.ndarray, pid: np.ndarray, n_var: int) -> list[int]:
    """Each row of an (F, r) array of variable indices as a bit mask (a Python int), the
    polytope's index ``pid`` above bit ``n_var``."""
    if n_var + int(pid.max(initial=0)).bit_length() <= 62:
        masks = np.left_shift(np.int64(1), basis.astype(np.int64)).sum(axis=1)
        return (masks + (pid.astype(np.int64) << n_var)).tolist()
    return [sum(1 << int(v) for v in row) | (int(p) << n_var)
            for row, p in zip(basis, pid, strict=True)]


class _Seen:
    """The bases met so far, as bit masks (:func:`_masks`)."""

    def __init__(self) -> None:
        self.keys: set[int] = set()

    def fresh(self, masks: list[int]) -> np.ndarray:
        """Indices of the masks not met before (first occurrences); they are met now."""
        keys, out = self.keys, []
        for k, mask in enumerate(masks):
            if mask not in keys:
                keys.add(mask)
                out.append(k)
        return np.array(out, dtype=np.intp)


def _certify(
    cols: np.ndarray, norms: np.ndarray, pid: np.ndarray, basis: np.ndarray,
    guess: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Certified lex-feasibility of bases, their ``β = B⁻¹1`` (float) and exact zero flags.

    ``cols[p]`` holds the columns of ``[C | I]`` of polytope ``p`` in float64
    (integers below ``2**50``), one per row, and ``norms[p]`` their 2-norms;
    ``basis`` (F, r) are bases of the polytopes ``pid`` (F,).  Returns the
    verdict (F,) (_YES, _NO, _UNKNOWN), ``β̂`` (F, r) and ``β = 0`` flags
    (F, r) (exact where the verdict is _YES), and ``R ≈ B⁻¹``.

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

    ``R`` may be any approximate inverse (the bounds hold for every ``R``):
    ``guess``, the parent's inverse updated by the pivot, is used where it is
    accurate (``‖G‖∞`` computed at most ``2**-30``), LAPACK's elsewhere.
    """
    b = np.ascontiguousarray(cols[pid[:, None], basis].transpose(0, 2, 1))  # (F, r, r)
    gap = 4.0 * norms[pid[:, None], basis].prod(axis=1)  # 4 H
    if guess is not None:
        out = _certify_with(b, gap, guess)
        stale = np.nonzero(out[4] > 2.0**-30)[0]  # includes NaN (not <=)
        if stale.size:
            fresh = _certify_with(b[stale], gap[stale], None)
            for whole, part in zip(out, fresh, strict=True):
                whole[stale] = part
        return out[:4]
    return _certify_with(b, gap, None)[:4]


def _certify_with(
    b: np.ndarray, gap: np.ndarray, guess: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_certify` of the basis matrices ``b`` (F, r, r) (``gap``: 4 times Hadamard's
    bound) with ``R = guess``, or LAPACK's inverse when None; also ``‖G‖∞``."""
    f, r = b.shape[:2]
    g = (r + 1) * _U / (1 - (r + 1) * _U)
    verdict = np.full(f, _UNKNOWN, dtype=np.int8)
    with np.errstate(all="ignore"):
        try:
            inv = np.linalg.inv(b) if guess is None else guess
        except np.linalg.LinAlgError:
            regular = np.linalg.det(b) != 0.0
            inv = np.full_like(b, np.nan)
            with contextlib.suppress(np.linalg.LinAlgError):  # all left undecided
                inv[regular] = np.linalg.inv(b[regular])
        a_inv = np.abs(inv)
        resid = inv @ b
        resid[:, np.arange(r), np.arange(r)] -= 1.0
        row_sums = b.sum(axis=2)  # B 1 (B >= 0)
        alpha = np.abs(resid).sum(axis=2) + g * np.einsum("fij,fj->fi", a_inv, row_sums)
        alpha = alpha.max(axis=1)
        r_max = a_inv.max(axis=(1, 2))
        ok = (alpha <= 0.25) & (r_max <= _HIGH)
        e_inv = np.where(ok, 8.0 * alpha * r_max, np.inf) + _TINY  # bounds |B⁻¹ - R| entrywise
        beta = inv.sum(axis=2)
        e_beta = 2.0 * (r * e_inv[:, None] + g * a_inv.sum(axis=2)) + _TINY  # (F, r)
        # signs: +1, -1, 0 (certified zero), 2 (unknown); the lex rows are [β | B⁻¹]; most
        # rows are decided by β alone, the others (β near 0) by the entries of B⁻¹ too
        beta_sign = np.full(beta.shape, 2, dtype=np.int8)
        beta_sign[beta > e_beta] = 1
        beta_sign[beta < -e_beta] = -1
        beta_zero = (np.abs(beta) <= e_beta) & (e_beta * gap[:, None] < 1.0)
        beta_sign[beta_zero] = 0
        lead = beta_sign.copy()
        more = np.nonzero((beta_sign == 0).any(axis=1))[0]
        if more.size:
            sub = inv[more]
            bound = e_inv[more][:, None, None]
            sign = np.full(sub.shape, 2, dtype=np.int8)
            sign[sub > bound] = 1
            sign[sub < -bound] = -1
            sign[(np.abs(sub) <= bound) & (bound * gap[more][:, None, None] < 1.0)] = 0
            first = (sign != 0).argmax(axis=2)  # rows of B⁻¹ are nonzero
            inner = np.take_along_axis(sign, first[:, :, None], axis=2)[:, :, 0]
            lead[more] = np.where(beta_sign[more] == 0, inner, beta_sign[more])
    verdict[(lead == 1).all(axis=1)] = _YES
    verdict[(lead == -1).any(axis=1) & ok] = _NO
    verdict[~ok] = _UNKNOWN
    return verdict, beta, beta_zero, inv, np.where(alpha <= 1.0, alpha, np.inf)


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
        self._keys: set[int] = set()

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
        a = np.empty((k_all, r, n_var))
        a[:, :, :d] = np.asarray(cs, dtype=np.float64)
        a[:, :, d:] = np.eye(r)
        cols = np.ascontiguousarray(a.transpose(0, 2, 1))  # (K, n_var, r): the columns
        norms = np.sqrt((a * a).sum(axis=1))  # (K, n_var)
        start = np.tile(np.arange(d, n_var), (k_all, 1))
        pid = np.arange(k_all)
        seen = _Seen()
        seen.fresh(_masks(start, pid, n_var))
        # the frontier: candidate bases, their polytopes, the parents and entering variables
        # of the pivots that gave them (-1: none) and their inverses updated by the pivot
        # (NaN: not known, LAPACK's is taken); the all-slack basis is its own inverse
        frontier = [(start, pid, start.copy(), np.full(k_all, -1), np.tile(np.eye(r),
                                                                            (k_all, 1, 1)))]
        while frontier:
            basis, pid, parents, entered, guess = frontier.pop()
            while frontier and len(basis) + len(frontier[-1][0]) <= _BATCH:
                more = frontier.pop()
                basis, pid, parents, entered, guess = (
                    np.concatenate([x, y]) for x, y in
                    zip((basis, pid, parents, entered, guess), more, strict=True))
            if len(basis) > _BATCH:
                frontier.append(tuple(x[_BATCH:] for x in (basis, pid, parents, entered,
                                                           guess)))
                basis, pid, parents, entered, guess = (
                    x[:_BATCH] for x in (basis, pid, parents, entered, guess))
            verdict, beta, zero, inv = _certify(cols, norms, pid, basis, guess)
            redo: list[tuple[list[int], int, int]] = []
            good = verdict == _YES
            for k in np.nonzero(~good)[0]:
                row, c = basis[k].tolist(), cs[pid[k]]
                lex = _exact_lex_rows(c, row) if verdict[k] == _UNKNOWN else None
                if lex is not None and all(_lex_positive(v) for v in lex):
                    good[k] = True
                    zero[k] = [v[0] == 0 for v in lex]  # β and its zeros exactly
                    continue
                # not from an exact pivot: those and the all-slack basis are lex-feasible
                assert entered[k] >= 0
                redo.append((parents[k].tolist(), int(entered[k]), int(pid[k])))
            keep = np.nonzero(good)[0]
            self._record(basis[keep], pid[keep], zero[keep], d)
            if self.budget is not None and max(self.bases) > self.budget:
                return
            step(f"enumerating {self.label}", sum(self.bases))
            children = self._expand(cols, basis[keep], pid[keep], beta[keep], inv[keep], seen)
            if redo:  # an exact pivot from a lex-feasible basis is lex-feasible: certified anyway
                exact = np.array([_exact_pivot(cs[p], parent, entering)
                                  for parent, entering, p in redo])
                exact_pid = np.array([p for _, _, p in redo])
                fresh = seen.fresh(_masks(exact, exact_pid, n_var))
                if fresh.size:
                    frontier.append((exact[fresh], exact_pid[fresh], exact[fresh],
                                     np.full(fresh.size, -1), np.full((fresh.size, r, r),
                                                                      np.nan)))
            if len(children[0]):
                frontier.append(children)
        self.complete = True

    def _record(self, basis: np.ndarray, pid: np.ndarray, zero: np.ndarray, d: int) -> None:
        """Add the vertices of certified lex-feasible bases (``zero``: exact ``β = 0``)."""
        for p in range(len(self.cs)):
            self.bases[p] += int((pid == p).sum())
        r = basis.shape[1]
        is_z = basis < d
        if d + r + len(self.cs).bit_length() <= 62:
            one = np.int64(1)
            support = np.where(is_z & ~zero, one << np.where(is_z, basis, 0), 0).sum(axis=1)
            slack = np.where(is_z, 0, basis - d)
            basic_slack = np.where(is_z, 0, one << slack).sum(axis=1)
            zero_slack = np.where(~is_z & zero, one << slack, 0).sum(axis=1)
            tight = (((one << r) - 1) ^ basic_slack) | zero_slack
            keys = (support | (tight << d) | (pid.astype(np.int64) << (d + r))).tolist()
            support, tight = support.tolist(), tight.tolist()
        else:
            support, tight = [], []
            for row, zr, zs in zip(basis.tolist(), is_z, zero, strict=True):
                support.append(sum(1 << v for v, z, o in zip(row, zr, zs, strict=True)
                                   if z and not o))
                tight.append(sum(1 << i for i in range(r) if d + i not in set(row))
                             | sum(1 << (v - d) for v, z, o in zip(row, zr, zs, strict=True)
                                   if o and not z))
            keys = [s | (t << d) | (int(p) << (d + r))
                    for s, t, p in zip(support, tight, pid, strict=True)]
        new = []
        for k, key in enumerate(keys):
            if key not in self._keys:
                self._keys.add(key)
                new.append(k)
        for k in new:
            out = self.found[pid[k]]
            out.supports.append(support[k])
            out.tights.append(tight[k])
        new = np.array(new, dtype=np.intp)
        for p, out in enumerate(self.found):
            chosen = new[pid[new] == p]
            if chosen.size:
                out.chunks.append(basis[chosen])

    def _expand(
        self, cols: np.ndarray, basis: np.ndarray, pid: np.ndarray, beta: np.ndarray,
        inv: np.ndarray, seen: _Seen,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Float lexicographic ratio tests for every (basis, nonbasic) pair: the new bases,
        their polytopes, the parents and entering variables of the pivots that gave them, and
        their inverses updated by the pivot (a guess)."""
        f, r = basis.shape
        n_var = cols.shape[1]
        if f == 0:
            empty = np.empty((0, r), dtype=np.intp)
            none = np.empty(0, dtype=np.intp)
            return empty, none, empty, none, np.empty((0, r, r))
        nonbasic_flags = np.ones((f, n_var), dtype=bool)
        nonbasic_flags[np.arange(f)[:, None], basis] = False
        fb, entering = np.nonzero(nonbasic_flags)  # (P,) pairs, d per basis
        table = cols[pid] @ inv.transpose(0, 2, 1)  # (F, n_var, r): (B⁻¹ [C | I])ᵀ
        t = table[fb, entering]  # (P, r): B⁻¹ a_j
        eligible = t > 1e-9 * np.abs(t).max(axis=1, keepdims=True)
        with np.errstate(all="ignore"):
            ratio = np.where(eligible, beta[fb] / t, np.inf)
        low = ratio.min(axis=1, keepdims=True)
        alive = ratio <= low + 1e-9 * (np.abs(low) + 1.0)
        leave = alive.argmax(axis=1)
        tied = np.nonzero(alive.sum(axis=1) > 1)[0]
        if tied.size:  # the lexicographic tie-break, on the ties only
            sub_alive = alive[tied]
            with np.errstate(all="ignore"):
                rows = inv[fb[tied]] / t[tied][:, :, None]  # (T, r, r)
            # ties within a millionth of a millionth of the rows' size (an exact zero of B⁻¹
            # comes out as rounding noise of that size); a wrong guess is caught later
            scale = np.abs(np.where(sub_alive[:, :, None], rows, 0.0)).max(axis=(1, 2))
            tol = 1e-12 * scale[:, None] + 1e-300
            for col in range(r):
                values = np.where(sub_alive, rows[:, :, col], np.inf)
                low = values.min(axis=1, keepdims=True)
                sub_alive &= values <= low + tol
                if (sub_alive.sum(axis=1) <= 1).all():
                    break
            leave[tied] = sub_alive.argmax(axis=1)
        leaving = basis[fb, leave]
        if n_var + len(self.cs).bit_length() <= 62:  # the child's mask from the parent's
            one = np.int64(1)
            masks = (np.asarray(_masks(basis, pid, n_var), dtype=np.int64)[fb]
                     - (one << leaving) + (one << entering)).tolist()
        else:
            child = basis[fb].copy()
            child[np.arange(len(fb)), leave] = entering
            masks = _masks(child, pid[fb], n_var)
        new = seen.fresh(masks)
        count = np.arange(len(new))
        parent = fb[new]
        child = basis[parent].copy()
        out_row = leave[new]
        child[count, out_row] = entering[new]
        # B'⁻¹ from B⁻¹: the pivot row divided by the pivot, t_i times it taken from the others
        # (the rows of B'⁻¹ follow the child's basis order: the entering variable takes the
        # leaving one's place)
        parent_inv, column = inv[parent], t[new]
        with np.errstate(all="ignore"):
            pivot_row = parent_inv[count, out_row] / column[count, out_row][:, None]
            guess = parent_inv - column[:, :, None] * pivot_row[:, None, :]
        guess[count, out_row] = pivot_row
        return child, pid[parent], basis[parent], entering[new], guess


def lex_vertices(
    c: np.ndarray, budget: int | None = None, label: str = "vertices"
) -> tuple[list[tuple[int, int, np.ndarray]], bool]:
    """Every vertex of ``{z >= 0 : c z <= 1}`` (``c`` positive integers below ``2**50``) as
    ``(support mask, tight mask, basis)``, and whether the list is complete."""
    search = LexSearch([np.asarray(c)], budget, label)
    search.run()
    (found,) = search.found
    return list(zip(found.supports, found.tights, found.bases, strict=True)), search.complete
