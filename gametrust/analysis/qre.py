"""The logit quantal response equilibrium correspondence, traced as the precision grows.

Players who make mistakes, more costly ones less often: each plays every
action with probability proportional to ``exp(λ · expected payoff)``
(McKelvey & Palfrey 1995).  At ``λ = 0`` both mix uniformly; as ``λ``
grows, the *principal branch* of logit equilibria starting there converges
to a Nash equilibrium — the logit tracing procedure's selection, which in a
symmetric 2x2 coordination game is the risk-dominant equilibrium.

:func:`qre` follows the branch by predictor–corrector path following
(Allgower & Georg 1990; Turocy 2005, as Gambit's ``logit_solve`` does) in the
log-probabilities ``β`` and ``λ``: the branch is the curve
``H(β, λ) = 0`` of ``β_j − β_0 = λ (U_j − U_0)`` for each player's actions
``j`` and ``Σ exp β = 1`` for each player; a step goes along the tangent
(the null vector of ``H``'s Jacobian), and Newton's method with the
Moore–Penrose inverse brings it back to the curve, halving the step when it
does not.  So the path may turn back in ``λ``.  Payoffs are scaled by their
range ``R`` first (so steps are in the same units for every game); ``λ`` is
reported in the game's units.  It stops when the profile's largest regret is
at most ``regret`` times ``R``.

**Approximate mode:** this is float arithmetic (numpy), declared as such in
the result; the end of the branch is compared with gametrust's exact,
certified equilibria (sup-norm distance).

>>> import gametrust
>>> branch = qre(gametrust.load("scenarios/stag_hunt.yaml"))
>>> branch.approached, branch.equilibria[branch.approached].describe()
(1, '(Hare, Hare)')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.errors import ArgumentError, Location
from ..core.progress import step
from ..solvers.result import SolveResult
from .learning_game import (
    Profile,
    distances,
    format_profile,
    learning_game,
    nearest,
    sample_indices,
)

__all__ = ["QREBranch", "qre"]


@dataclass(frozen=True)
class QREBranch:
    """Points ``(λ, profile)`` of the principal branch of logit QRE, in the scenario's labels.

    ``lambdas`` in the game's payoff units; ``final`` is the last profile,
    ``distances[k]`` its sup-norm distance to exact equilibrium ``k``;
    ``regret`` its largest regret; ``turns`` how many times ``λ`` turned
    back; ``complete`` whether the path reached the regret goal.
    """

    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    lambdas: tuple[float, ...]
    profiles: tuple[Profile, ...]
    equilibria: SolveResult
    regret: float
    turns: int
    complete: bool
    tolerance: float
    distances: tuple[float, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "distances", distances(self.equilibria, self.final))

    @property
    def final(self) -> Profile:
        return self.profiles[-1]

    @property
    def approached(self) -> int | None:
        """The (nearest) equilibrium the branch ends within ``tolerance`` of, if any."""
        return nearest(self.distances, self.tolerance)

    def at(self, lam: float) -> Profile:
        """The profile at the first point of the branch with precision at least ``lam``
        (exactly at ``lam`` when :func:`qre` was asked for it with ``at=``)."""
        for x, p in zip(self.lambdas, self.profiles, strict=True):
            if x >= lam:
                return p
        return self.final

    def to_dict(self) -> dict[str, Any]:
        def mixes(profile: Profile) -> dict[str, dict[str, float]]:
            return {p: {a: float(x) for a, x in zip(acts, mix, strict=True)}
                    for p, acts, mix in zip(self.players, self.actions, profile, strict=True)}

        k = self.approached
        return {
            "method": "logit QRE, predictor-corrector path following",
            "exact": False,
            "approximate": "floats (numpy); compared with the exact equilibria",
            "complete": self.complete,
            "final": {"lambda": self.lambdas[-1], "profile": mixes(self.final),
                      "max_regret": self.regret},
            "turns": self.turns,
            "tolerance": self.tolerance,
            "approached": None if k is None else k + 1,
            "equilibria": [{"index": j + 1, "profile": e.describe(), "distance": d}
                           for j, (e, d) in enumerate(zip(self.equilibria, self.distances,
                                                          strict=True))],
            "branch": [{"lambda": x, "profile": mixes(p)}
                       for x, p in zip(self.lambdas, self.profiles, strict=True)],
        }

    def __str__(self) -> str:
        k = self.approached
        lines = ["Logit quantal response equilibrium, principal branch (approximate: floats, "
                 "predictor-corrector path following)"]
        shown = sorted({0, len(self.lambdas) - 1,
                        *(next((j for j, x in enumerate(self.lambdas) if x >= goal),
                               len(self.lambdas) - 1) for goal in (0.5, 1, 2, 5, 10)),
                        })
        for j in shown:
            lines.append(f"  lambda {self.lambdas[j]:<10.4g} "
                         f"{format_profile(self.actions, self.players, self.profiles[j])}")
        lines.append(f"  ends at lambda {self.lambdas[-1]:.4g} with largest regret "
                     f"{self.regret:.2g}" + ("" if self.complete else " (path stopped early)")
                     + (f"; lambda turned back {self.turns} time(s)" if self.turns else ""))
        if k is None:
            lines.append(f"  no equilibrium within {self.tolerance:g} of the end")
        else:
            lines.append(f"  converges to equilibrium {k + 1} {self.equilibria[k].describe()} "
                         f"(distance {self.distances[k]:.2g})")
        return "\n".join(lines)


def _system(a: np.ndarray, b: np.ndarray, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``H(z)`` and its Jacobian for ``z = (β_1, β_2, λ)``."""
    n, m = a.shape
    s1, s2, lam = np.exp(z[:n]), np.exp(z[n:n + m]), z[-1]
    u1, u2 = a @ s2, b.T @ s1
    h = np.empty(n + m)
    jac = np.zeros((n + m, n + m + 1))
    for j in range(1, n):
        h[j - 1] = z[j] - z[0] - lam * (u1[j] - u1[0])
        jac[j - 1, j], jac[j - 1, 0] = 1.0, -1.0
        jac[j - 1, n:n + m] = -lam * (a[j] - a[0]) * s2
        jac[j - 1, -1] = -(u1[j] - u1[0])
    h[n - 1] = s1.sum() - 1.0
    jac[n - 1, :n] = s1
    for j in range(1, m):
        r = n + j - 1
        h[r] = z[n + j] - z[n] - lam * (u2[j] - u2[0])
        jac[r, n + j], jac[r, n] = 1.0, -1.0
        jac[r, :n] = -lam * (b[:, j] - b[:, 0]) * s1
        jac[r, -1] = -(u2[j] - u2[0])
    h[n + m - 1] = s2.sum() - 1.0
    jac[n + m - 1, n:n + m] = s2
    return h, jac


def _tangent(jac: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
    t = np.linalg.svd(jac)[2][-1]
    if previous is None:
        return t if t[-1] > 0 else -t
    return t if t @ previous >= 0 else -t


def _regret(a: np.ndarray, b: np.ndarray, s1: np.ndarray, s2: np.ndarray) -> float:
    u1, u2 = a @ s2, b.T @ s1
    return float(max(u1.max() - s1 @ u1, u2.max() - s2 @ u2))



def qre(
    subject: Any,
    *,
    regret: float = 1e-8,
    max_lambda: float = 1e7,
    first_step: float = 0.03,
    max_steps: int = 20_000,
    tolerance: float = 1e-3,
    at: Sequence[float] = (),
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> QREBranch:
    """Trace the principal branch of logit QRE of a two-player game or scenario from λ = 0
    until the largest regret is at most ``regret`` times the payoff range (or λ passes
    ``max_lambda``, in the game's units).  Each precision in ``at`` (game units) the branch
    passes is a point of it too, corrected onto the curve at exactly that λ (where the
    branch passes it more than once, the first time)."""
    if not (regret > 0 and max_lambda > 0 and first_step > 0 and max_steps > 0):
        raise ArgumentError("regret, max_lambda, first_step and max_steps must be positive",
                            Location(path=("regret",)))
    game, result = learning_game(subject, parameters, empathy)
    a = np.array(game.payoffs[0], dtype=float)
    b = np.array(game.payoffs[1], dtype=float)
    scale = float(max(a.max() - a.min(), b.max() - b.min()))
    n, m = game.shape
    points: list[tuple[float, np.ndarray]] = []
    z = np.concatenate([np.full(n, -np.log(n)), np.full(m, -np.log(m)), [0.0]])
    points.append((0.0, z))
    if scale == 0:  # every profile is an equilibrium; the branch is the uniform profile
        return _branch(game, result, points, 0.0, 0, True, tolerance, n)
    a_n, b_n = a / scale, b / scale
    h, tangent, turns, done = first_step, None, 0, False
    requested: list[int] = []
    for k in range(max_steps):
        step("qre: path-following steps", k)
        _, jac = _system(a_n, b_n, z)
        t = _tangent(jac, tangent)
        if tangent is not None and np.sign(t[-1]) != np.sign(tangent[-1]) and t[-1] != 0:
            turns += 1
        while True:
            guess = z + h * t
            ok, newton = False, 0
            while newton < 8:
                value, jac_g = _system(a_n, b_n, guess)
                if np.linalg.norm(value) < 1e-11 * max(1.0, abs(guess[-1])):
                    ok = True
                    break
                newton += 1
                guess = guess - np.linalg.lstsq(jac_g, value, rcond=None)[0]
                if not np.all(np.isfinite(guess)):
                    break
            if ok and np.linalg.norm(guess - (z + h * t)) < 0.5 * h:
                break
            h /= 2
            if h < 1e-12:
                return _branch(game, result, points, _regret(a, b, *_mix(z, n)), turns,
                               False, tolerance, n, requested)
        z, tangent = guess, t
        for lam in sorted(x * scale for x in at if points[-1][0] < x <= z[-1] / scale):
            fixed = _at_lambda(a_n, b_n, points[-1][1], z, lam)
            if fixed is not None:
                requested.append(len(points))
                points.append((lam / scale, fixed))
        points.append((z[-1] / scale, z))
        h = h * (2.0 if newton <= 2 else 1.0)
        s1, s2 = _mix(z, n)
        if _regret(a_n, b_n, s1, s2) <= regret:
            done = True
            break
        if z[-1] / scale > max_lambda:
            break
    return _branch(game, result, points, _regret(a, b, *_mix(z, n)), turns, done, tolerance, n,
                   requested)


def _at_lambda(a: np.ndarray, b: np.ndarray, before: np.ndarray, after: np.ndarray,
               lam: float) -> np.ndarray | None:
    """The point of the branch at precision ``lam`` (scaled units) between two of its points:
    Newton's method on ``H(β, lam) = 0`` from the linear interpolation."""
    w = (lam - before[-1]) / (after[-1] - before[-1])
    z = before + w * (after - before)
    z[-1] = lam
    for _ in range(20):
        value, jac = _system(a, b, z)
        if np.linalg.norm(value) < 1e-13 * max(1.0, lam):
            return z
        z[:-1] -= np.linalg.solve(jac[:, :-1], value)
    return None


def _mix(z: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    s = np.exp(z[:-1])
    return s[:n] / s[:n].sum(), s[n:] / s[n:].sum()


def _branch(game: Any, result: SolveResult, points: list[tuple[float, np.ndarray]],
            regret: float, turns: int, complete: bool, tolerance: float, n: int,
            requested: Sequence[int] = ()) -> QREBranch:
    # the points at requested precisions are always kept
    keep = sorted(set(sample_indices(len(points))) | set(requested))
    lambdas = tuple(float(points[k][0]) for k in keep)
    profiles = tuple(tuple(tuple(float(x) for x in s) for s in _mix(points[k][1], n))
                     for k in keep)
    return QREBranch(game.players, game.actions, lambdas, profiles, result, regret, turns,
                     complete, tolerance)
