"""The logit quantal-response path of an N-player game, followed numerically (a homotopy).

For a precision ``lam >= 0`` a logit equilibrium is a profile in which every
player plays each action with probability proportional to
``exp(lam * expected payoff)``.  At ``lam = 0`` it is the centroid (everyone
mixes uniformly); as ``lam`` grows, the branch that starts there (the
*principal branch*) leads to a Nash equilibrium (McKelvey and Palfrey 1995;
Turocy 2005 follows it the same way).  This module follows that branch in
floating point; :mod:`gametrust.solvers.logit_refine` turns its end into an
exact, certified equilibrium when it can, and otherwise reports the end point
with an exactly computed bound on its regret.

The unknowns are, for every player ``i`` and action ``a >= 1``, the log-odds
``z[i, a] = log(p_i(a) / p_i(0))``, and the equations

    H(z, lam)[i, a] = z[i, a] - lam * (U_i(a) - U_i(0)) = 0,

where ``U_i(a)`` is player ``i``'s expected payoff from ``a`` against the
others' logit mixes.  The curve ``H = 0`` is followed by pseudo-arclength
continuation in ``(z, lam)``: an Euler predictor along the tangent (the null
vector of the Jacobian, oriented so that it keeps its direction), Newton
corrector steps orthogonal to it, and a step that grows after easy steps and
shrinks after failed ones.  The branch may turn back in ``lam`` (a fold); the
arclength parametrisation follows it through.

Payoffs are first scaled to ``[0, 1]`` per player (a positive affine change:
the same equilibria), so precisions are comparable across games.

>>> import numpy as np
>>> stag = np.array([[[4, 0], [3, 3]], [[4, 3], [0, 3]]], dtype=float)   # a Stag Hunt
>>> path = follow_logit_path(stag)
>>> [[round(float(p), 3) for p in s] for s in path.profile]   # risk-dominant (Hare, Hare)
[[0.0, 1.0], [0.0, 1.0]]
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np

from ..core.progress import step

__all__ = ["LogitPath", "follow_logit_path", "polish", "scaled_payoffs"]

#: Where the path is stopped: the precision on payoffs scaled to ``[0, 1]``.
MAX_PRECISION = 1e6
#: At most this many predictor-corrector steps.
MAX_STEPS = 20_000


@dataclass(frozen=True)
class LogitPath:
    """Where the followed branch ended.

    ``profile``: each player's mix at the end (floats); ``precision``: the
    ``lam`` reached; ``steps``: predictor-corrector steps taken; ``finished``:
    whether ``lam`` reached :data:`MAX_PRECISION` (otherwise the step size
    collapsed or the step budget ran out, and the end is less precise).
    """

    profile: tuple[np.ndarray, ...]
    precision: float
    steps: int
    finished: bool


def scaled_payoffs(payoffs: np.ndarray) -> np.ndarray:
    """Each player's payoffs mapped affinely onto ``[0, 1]`` (constant payoffs to 0).

    >>> scaled_payoffs(np.array([[[2.0, 4.0]], [[5.0, 5.0]]])).tolist()
    [[[0.0, 1.0]], [[0.0, 0.0]]]
    """
    out = np.empty(payoffs.shape, dtype=float)
    for i, u in enumerate(payoffs):
        lo, hi = float(u.min()), float(u.max())
        out[i] = (u - lo) / (hi - lo) if hi > lo else 0.0
    return out


def _mixes(z: list[np.ndarray]) -> list[np.ndarray]:
    """Each player's probabilities from its log-odds (action 0 has log-odds 0)."""
    out = []
    for zi in z:
        full = np.concatenate(([0.0], zi))
        full -= full.max()
        w = np.exp(full)
        out.append(w / w.sum())
    return out


def _contract_except(
    tensor: np.ndarray, mixes: list[np.ndarray], keep: tuple[int, ...]
) -> np.ndarray:
    """``tensor`` (one player's payoffs) averaged over every player not in ``keep``."""
    result = tensor
    for j in range(len(mixes) - 1, -1, -1):  # from the last axis, so earlier axes stay put
        if j not in keep:
            result = np.tensordot(result, mixes[j], axes=([j], [0]))
    return result


class _System:
    """The equations ``H`` and their Jacobian at a point of the path."""

    def __init__(self, payoffs: np.ndarray) -> None:
        self.u = payoffs
        self.n = payoffs.shape[0]
        self.sizes = payoffs.shape[1:]
        self.offsets = np.cumsum([0] + [k - 1 for k in self.sizes])
        self.dim = int(self.offsets[-1])

    def split(self, x: np.ndarray) -> list[np.ndarray]:
        return [x[self.offsets[i]:self.offsets[i + 1]] for i in range(self.n)]

    def values(self, x: np.ndarray) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
        """``H`` at ``x = (z, lam)``, the mixes and each player's action values."""
        z, lam = self.split(x[:-1]), x[-1]
        mixes = _mixes(z)
        values = [_contract_except(self.u[i], mixes, (i,)) for i in range(self.n)]
        h = np.concatenate([z[i] - lam * (values[i][1:] - values[i][0]) for i in range(self.n)])
        return h, mixes, values

    def jacobian(
        self, x: np.ndarray, mixes: list[np.ndarray], values: list[np.ndarray]
    ) -> np.ndarray:
        """``[dH/dz | dH/dlam]``, a ``dim x (dim + 1)`` matrix."""
        lam = x[-1]
        jac = np.zeros((self.dim, self.dim + 1))
        jac[:, :-1] = np.eye(self.dim)
        for i in range(self.n):
            rows = slice(self.offsets[i], self.offsets[i + 1])
            jac[rows, -1] = -(values[i][1:] - values[i][0])
        for i, j in combinations(range(self.n), 2):
            for a, b in ((i, j), (j, i)):
                # d U_a(s) / d z_b(t) = p_b(t) * (M[s, t] - U_a(s)), M = payoffs of a vs b's actions
                m = _contract_except(self.u[a], mixes, (a, b))
                m = m if a < b else m.T
                d = mixes[b][1:] * (m[:, 1:] - values[a][:, None])
                jac[self.offsets[a]:self.offsets[a + 1], self.offsets[b]:self.offsets[b + 1]] = (
                    -lam * (d[1:] - d[0])
                )
        return jac


def _tangent(jac: np.ndarray, previous: np.ndarray, orientation: float) -> np.ndarray:
    """The unit null vector ``t`` of ``jac`` with ``sign(det [jac; t]) == orientation``.

    The sign of that determinant stays constant along a regular branch, folds
    included, so it (not closeness to ``previous``) decides the direction: a
    step never turns back along the branch it came from.  It changes at a
    bifurcation point, where :func:`follow_logit_path` goes straight on.
    """
    augmented = np.vstack([jac, previous])
    rhs = np.zeros(jac.shape[0] + 1)
    rhs[-1] = 1.0
    try:
        t = np.linalg.solve(augmented, rhs)
    except np.linalg.LinAlgError:
        t = np.linalg.svd(jac)[2][-1]
    t /= np.linalg.norm(t)
    return t if np.linalg.det(np.vstack([jac, t])) * orientation > 0 else -t


def follow_logit_path(
    payoffs: np.ndarray, *, max_precision: float = MAX_PRECISION, max_steps: int = MAX_STEPS
) -> LogitPath:
    """Follow the principal logit branch of the game ``payoffs`` (shape ``(n, *shape)``)."""
    system = _System(scaled_payoffs(np.asarray(payoffs, dtype=float)))
    x = np.zeros(system.dim + 1)
    direction = np.zeros(system.dim + 1)
    direction[-1] = 1.0
    h, mixes, values = system.values(x)
    jac = system.jacobian(x, mixes, values)
    # at the centroid the branch starts towards growing precision: that fixes the orientation
    orientation = float(np.sign(np.linalg.det(np.vstack([jac, direction]))))
    tangent = _tangent(jac, direction, orientation)
    size, steps = 0.05, 0
    while x[-1] < max_precision and steps < max_steps:
        steps += 1
        if steps % 200 == 0:
            step("logit path: following the branch (precision reached)",
                 min(int(x[-1]), int(max_precision)), int(max_precision))
        predicted = x + size * tangent
        point, ok, newton = predicted, False, 0
        while newton < 6:
            h, mixes, values = system.values(point)
            if np.max(np.abs(h)) < 1e-9 * max(1.0, point[-1]):
                ok = True
                break
            newton += 1
            jac = system.jacobian(point, mixes, values)
            try:
                delta = np.linalg.solve(np.vstack([jac, tangent]), np.concatenate([-h, [0.0]]))
            except np.linalg.LinAlgError:
                break
            point = point + delta
            if not np.all(np.isfinite(point)):
                break
        if not ok or point[-1] < 0:
            size /= 4
            if size < 1e-12:
                break
            continue
        new_tangent = _tangent(system.jacobian(point, mixes, values), tangent, orientation)
        turn = float(new_tangent @ tangent)
        if turn < -0.99 and size < 1e-3:
            # the determinant changed sign under a tiny step: a bifurcation point (symmetric
            # games have them), not a fold; go straight on through it
            orientation, new_tangent = -orientation, -new_tangent
        elif turn < 0.5:  # turned too sharply (or jumped a fold): a smaller step
            size /= 2
            continue
        x, tangent = point, new_tangent
        size = size * (2.0 if newton <= 2 else 1.0)  # easy steps: longer ones
    mixes = _mixes(system.split(x[:-1]))
    return LogitPath(tuple(mixes), float(x[-1]), steps, bool(x[-1] >= max_precision))


def polish(
    payoffs: np.ndarray, profile: tuple[np.ndarray, ...], supports: tuple[tuple[int, ...], ...],
    *, iterations: int = 30,
) -> tuple[np.ndarray, ...] | None:
    """Newton's method on the indifference equations of ``supports``, from ``profile``.

    The unknowns are the probabilities on each support (the first action of a
    support takes the rest); the equations say that every action of a support
    pays what its first action pays.  Returns the polished profile (zeros off
    the supports), or ``None`` when Newton's method does not converge or leaves
    a probability negative.  A float answer: what it is worth is decided by its
    exact regret (:mod:`gametrust.solvers.logit_refine`).
    """
    u = scaled_payoffs(np.asarray(payoffs, dtype=float))
    n = u.shape[0]
    free = [(i, a) for i, s in enumerate(supports) for a in s[1:]]
    if not free:
        return None
    mixes = [np.zeros(k) for k in u.shape[1:]]
    for i, s in enumerate(supports):
        mixes[i][list(s)] = np.asarray(profile[i])[list(s)]
        mixes[i] /= mixes[i].sum()
    for _ in range(iterations):
        values = [_contract_except(u[i], mixes, (i,)) for i in range(n)]
        residual = np.array([values[i][a] - values[i][supports[i][0]] for i, a in free])
        if np.max(np.abs(residual)) < 1e-14:
            break
        jac = np.zeros((len(free), len(free)))
        pairs: dict[tuple[int, int], np.ndarray] = {}
        for row, (i, a) in enumerate(free):
            first = supports[i][0]
            for col, (j, b) in enumerate(free):
                if j == i:
                    continue
                if (i, j) not in pairs:
                    m = _contract_except(u[i], mixes, (i, j))
                    pairs[(i, j)] = m if i < j else m.T
                m = pairs[(i, j)]
                base = supports[j][0]
                jac[row, col] = (m[a, b] - m[a, base]) - (m[first, b] - m[first, base])
        try:
            step_ = np.linalg.solve(jac, -residual)
        except np.linalg.LinAlgError:
            return None
        for (i, a), d in zip(free, step_, strict=True):
            mixes[i][a] += d
            mixes[i][supports[i][0]] -= d
    else:
        return None
    if any(np.min(m[list(s)]) < 0 for m, s in zip(mixes, supports, strict=True)):
        return None
    return tuple(mixes)
