"""Learning dynamics on two-player games: fictitious play, stochastic fictitious play, replicator.

Which equilibrium do two sides that learn from each other end up in?
:func:`learn` runs one of nashpy's learning algorithms on the game a
scenario builds (parameters and empathy applied), maps its arrays back to
the scenario's player and action labels, and compares where play ends with
gametrust's exact, certified equilibria (:mod:`.learning_game`):

``"fictitious"`` — fictitious play (Brown 1951; Fudenberg & Levine 1998, ch. 2)
    Each round each player best-responds to the other's empirical play so
    far.  nashpy's ``fictitious_play`` runs on each player's payoffs scaled
    to integers (positive scaling keeps best responses), so the expected
    payoffs it compares are exact integers and ties are real ties; a tie is
    broken uniformly at random — in the first round, with no history,
    everything ties.  The result is the empirical frequencies, exact
    (counts / rounds).  They converge to a Nash equilibrium in 2x2 games
    (Miyasawa 1961), zero-sum games (Robinson 1951) and potential games, not
    in general (Shapley 1964).
``"stochastic"`` — stochastic fictitious play (Hofbauer & Sandholm 2002)
    Each round each player plays a logit response, with noise ``noise``
    (nashpy's ``etha``) and payoff shocks up to ``shock`` (``epsilon_bar``),
    to the other's empirical play.  Floats; payoffs are shifted by their
    maximum first (a logit response is unchanged when a constant is added to
    all of a player's payoffs), so large payoffs do not overflow.
``"replicator"`` — replicator dynamics (Taylor & Jonker 1978)
    Two populations, one per player: an action's share grows with its payoff
    above the population's average (nashpy's
    ``asymmetric_replicator_dynamics``, integrated by scipy's ``odeint`` up
    to time ``horizon``; each player's payoffs shifted to start at 1, which
    leaves the dynamics unchanged but keeps nashpy's equations on the simplex —
    with negative payoffs they drift off it).  ``populations=1`` is the one-population form for
    a symmetric game (nashpy's ``replicator_dynamics``, where a player meets
    a random member of its own population).

Runs are deterministic: nashpy draws from numpy's global generator, which
:func:`learn` seeds with ``seed`` for the run and then restores, so it does
not disturb its caller's randomness.  Play *approaches* an equilibrium when
it ends within ``tolerance`` (default 0.05; the sup norm over every
probability) of it; the distances to every equilibrium are reported.

>>> import gametrust
>>> stag = gametrust.load("scenarios/stag_hunt.yaml")
>>> run = learn(stag, "replicator", start={"Row": [3, 1], "Column": [3, 1]})
>>> run.approached, run.equilibria[run.approached].describe()
(0, '(Stag, Stag)')
>>> run = learn(stag, "fictitious", iterations=100, start={"Row": [0, 1], "Column": [0, 1]})
>>> run.final                                         # exact frequencies of play
((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1)))
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import ArgumentError, Location
from ..core.exact import format_number
from ..core.progress import step
from ..model.game import NormalFormGame
from ..solvers.result import SolveResult
from .learning_game import (
    Profile,
    distances,
    format_profile,
    learning_game,
    nearest,
    sample_indices,
)

__all__ = ["DYNAMICS", "LearningRun", "learn"]

#: The learning dynamics :func:`learn` runs.
DYNAMICS = ("fictitious", "stochastic", "replicator")

#: Fictitious play compares integer payoffs times play counts in floats: exact below 2**53.
_EXACT_FLOATS = 2**53


@dataclass(frozen=True)
class LearningRun:
    """One run of a learning dynamic, in the scenario's labels.

    ``path`` holds the profile at the sampled ``steps`` (rounds, or times
    for replicator dynamics): empirical frequencies for (stochastic)
    fictitious play, population shares for replicator dynamics.  ``final``
    is the last profile (exact Fractions for fictitious play, floats
    otherwise); ``distances[k]`` its sup-norm distance to equilibrium ``k``
    of ``equilibria`` (gametrust's exact solution of the same game).
    """

    dynamics: str
    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    settings: dict[str, Any]
    steps: tuple[float, ...]
    path: tuple[Profile, ...]
    final: Profile
    equilibria: SolveResult
    tolerance: float
    distances: tuple[float, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "distances", distances(self.equilibria, self.final))

    @property
    def approached(self) -> int | None:
        """The index of the (nearest) equilibrium play ends within ``tolerance`` of, if any."""
        return nearest(self.distances, self.tolerance)

    def describe_approach(self) -> str:
        """Which equilibrium play approaches (1-based, as reports number them), or that none."""
        k = self.approached
        if k is None:
            if not self.distances:
                return "no equilibrium to compare with"
            near = min(range(len(self.distances)), key=self.distances.__getitem__)
            return (f"approaches no equilibrium within {self.tolerance:g} (nearest: "
                    f"{near + 1} {self.equilibria[near].describe()} at "
                    f"{self.distances[near]:.2g})")
        return (f"approaches equilibrium {k + 1} {self.equilibria[k].describe()} "
                f"(distance {self.distances[k]:.2g})")

    def to_dict(self) -> dict[str, Any]:
        def value(x: Any) -> Any:
            return format_number(x) if isinstance(x, Fraction) else float(x)

        def mixes(profile: Profile) -> dict[str, dict[str, Any]]:
            return {p: {a: value(x) for a, x in zip(acts, mix, strict=True)}
                    for p, acts, mix in zip(self.players, self.actions, profile, strict=True)}

        k = self.approached
        return {
            "dynamics": self.dynamics,
            "exact": self.dynamics == "fictitious",
            "settings": {key: value(v) if isinstance(v, (Fraction, float)) else v
                         for key, v in self.settings.items()},
            "final": mixes(self.final),
            "tolerance": self.tolerance,
            "approached": None if k is None else k + 1,
            "equilibria": [
                {"index": j + 1, "profile": e.describe(), "distance": d}
                for j, (e, d) in enumerate(zip(self.equilibria, self.distances, strict=True))
            ],
            "path": [{"step": s, "profile": mixes(p)}
                     for s, p in zip(self.steps, self.path, strict=True)],
        }

    def __str__(self) -> str:
        what = {"fictitious": "fictitious play (exact frequencies)",
                "stochastic": "stochastic fictitious play (floats)",
                "replicator": "replicator dynamics (floats)"}[self.dynamics]
        shown = ", ".join(f"{k} {format_number(v) if isinstance(v, Fraction) else v}"
                          for k, v in self.settings.items() if k != "start")
        lines = [f"{what}: {shown}",
                 f"  start: {self._start_text()}",
                 f"  end:   {format_profile(self.actions, self.players, self.final)}",
                 f"  {self.describe_approach()}"]
        return "\n".join(lines)

    def _start_text(self) -> str:
        if self.settings.get("start") == "none":
            return "no history (in the first round every action ties; drawn at random)"
        return format_profile(self.actions, self.players, self.path[0])


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """numpy's global generator seeded for a run, and restored after it."""
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(state)


def _start(game: NormalFormGame, start: Mapping[str, Sequence[object]] | None,
           what: str) -> list[list[Fraction]] | None:
    """The start per player (in action order) as exact non-negative numbers."""
    if start is None:
        return None
    unknown = set(start) - set(game.players)
    if unknown:
        raise ArgumentError(f"unknown player {sorted(unknown)[0]!r} (players: "
                            f"{', '.join(game.players)})", Location(path=("start",)))
    out = []
    for i, player in enumerate(game.players):
        values = start.get(player)
        n = len(game.actions[i])
        if values is None:
            out.append([Fraction(1)] * n)
            continue
        try:
            row = [Fraction(str(v)) if not isinstance(v, (int, Fraction)) else Fraction(v)
                   for v in values]
        except (ValueError, ZeroDivisionError):
            raise ArgumentError(f"{what} of {player} must be numbers, got {list(values)}",
                                Location(path=("start", player))) from None
        if len(row) != n or any(v < 0 for v in row) or sum(row) == 0:
            raise ArgumentError(
                f"{what} of {player}: {n} non-negative numbers, not all zero, one per action "
                f"({', '.join(game.actions[i])}), got {[format_number(v) for v in row]}",
                Location(path=("start", player)))
        out.append(row)
    return out



def _frequencies(counts: Sequence[Sequence[Any]]) -> Profile:
    out = []
    for row in counts:
        total = sum(Fraction(int(c)) for c in row)
        n = len(row)
        out.append(tuple(Fraction(int(c)) / total if total else Fraction(1, n) for c in row))
    return tuple(out)


def _fictitious(game: NormalFormGame, iterations: int, start: list[list[Fraction]] | None,
                seed: int) -> tuple[list[float], list[Profile]]:
    import nashpy

    ints = game.integer_payoffs
    counts0 = [np.array([int(v) for v in row], dtype=object) for row in start] if start else None
    if start and any(v.denominator != 1 for row in start for v in row):
        raise ArgumentError("the start of fictitious play is a play count per action: whole "
                            "numbers", Location(path=("start",)))
    biggest = max(abs(int(v)) for v in ints.ravel()) * (
        iterations + (sum(sum(int(c) for c in r) for r in counts0) if counts0 else 0))
    if biggest * max(game.shape) >= _EXACT_FLOATS:
        raise ArgumentError("fictitious play compares payoffs times play counts exactly below "
                            "2**53: use fewer iterations or smaller payoffs",
                            Location(path=("iterations",)))
    a = np.array(ints[0], dtype=object)
    b = np.array(ints[1], dtype=object)
    keep = set(sample_indices(iterations + 1))
    steps, path = [], []
    with _seeded(seed):
        for t, counts in enumerate(nashpy.Game(a, b).fictitious_play(iterations, counts0)):
            if t % 1000 == 0:
                step("learn: fictitious play iterations", t, iterations)
            if t in keep:
                steps.append(float(t))
                path.append(_frequencies(counts))
    return steps, path


def _shifted_floats(game: NormalFormGame) -> tuple[np.ndarray, np.ndarray]:
    a = np.array(game.payoffs[0], dtype=float)
    b = np.array(game.payoffs[1], dtype=float)
    return a - a.max(), b - b.max()


def _stochastic(game: NormalFormGame, iterations: int, start: list[list[Fraction]] | None,
                seed: int, noise: float, shock: float) -> tuple[list[float], list[Profile]]:
    import nashpy

    a, b = _shifted_floats(game)
    counts0 = [np.array([float(v) for v in row]) for row in start] if start else None
    keep = set(sample_indices(iterations + 1))
    steps, path = [], []
    with _seeded(seed), np.errstate(all="ignore"):
        try:
            runs = nashpy.Game(a, b).stochastic_fictitious_play(
                iterations, counts0, etha=noise, epsilon_bar=shock)
            for t, (counts, _) in enumerate(runs):
                if t % 1000 == 0:
                    step("learn: stochastic fictitious play iterations", t, iterations)
                if t in keep:
                    totals = [float(np.sum(c)) for c in counts]
                    steps.append(float(t))
                    path.append(tuple(
                        tuple(float(x) / s if s else 1 / len(c) for x in c)
                        for c, s in zip(counts, totals, strict=True)))
        except ValueError as exc:  # nashpy: the logit choice overflowed; numpy: NaN probabilities
            raise ArgumentError(f"the logit response is not finite in floats with noise {noise:g}"
                                f" for payoffs this far apart ({exc.__class__.__name__}); use a "
                                "larger noise", Location(path=("noise",))) from None
    return steps, path


def _replicator(game: NormalFormGame, start: list[list[Fraction]] | None, horizon: float,
                populations: int) -> tuple[list[float], list[Profile]]:
    from nashpy.learning.replicator_dynamics import (
        asymmetric_replicator_dynamics,
        replicator_dynamics,
    )

    # nashpy's equations keep the sum of the shares at 1 only when the average payoff is
    # positive (d/dt (Σx - 1) = -φ (Σx - 1)); with negative payoffs the integrator drifts
    # off the simplex.  Adding a constant to a player's payoffs leaves the dynamics on the
    # simplex unchanged, so each player's payoffs are shifted to start at 1.
    a = np.array(game.payoffs[0], dtype=float)
    b = np.array(game.payoffs[1], dtype=float)
    a, b = a - a.min() + 1.0, b - b.min() + 1.0
    mixes = [np.array([float(v / sum(row)) for v in row]) for row in start] if start else [
        np.ones(n) / n for n in game.shape]
    times = np.linspace(0.0, horizon, 1001)
    if populations == 1:
        xs = replicator_dynamics(a, y0=mixes[0], timepoints=times)
        rows, cols = xs, xs
    else:
        rows, cols = asymmetric_replicator_dynamics(a, b, x0=mixes[0], y0=mixes[1],
                                                    timepoints=times)
    keep = sample_indices(len(times))
    return [float(times[k]) for k in keep], [(_share(rows[k]), _share(cols[k])) for k in keep]


def _share(x: np.ndarray) -> tuple[float, ...]:
    """A population's shares with the integrator's tiny negative errors clipped to 0."""
    clipped = np.clip(np.asarray(x, dtype=float), 0.0, None)
    return tuple(float(v) for v in clipped / clipped.sum())


def _symmetric(game: NormalFormGame) -> bool:
    u = game.payoffs
    return (game.shape[0] == game.shape[1] and game.actions[0] == game.actions[1]
            and bool((u[0] == u[1].T).all()))


def learn(
    subject: Any,
    dynamics: str = "fictitious",
    *,
    iterations: int = 1000,
    seed: int = 0,
    start: Mapping[str, Sequence[object]] | None = None,
    noise: float = 0.1,
    shock: float = 0.01,
    horizon: float = 100.0,
    populations: int = 2,
    tolerance: float = 0.05,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> LearningRun:
    """Run ``dynamics`` (one of :data:`DYNAMICS`) on a two-player game or scenario.

    ``start`` gives, per player id, one number per action: initial play
    counts for (stochastic) fictitious play (default: none, nashpy's start),
    initial population shares for replicator dynamics (normalised; default:
    uniform).  ``iterations`` and ``seed`` are for the fictitious plays,
    ``noise`` and ``shock`` for the stochastic one, ``horizon`` and
    ``populations`` for replicator dynamics.
    """
    if dynamics not in DYNAMICS:
        raise ArgumentError(f"unknown dynamics {dynamics!r} (one of {', '.join(DYNAMICS)})",
                            Location(path=("dynamics",)))
    if iterations < 1 or iterations > 1_000_000:
        raise ArgumentError("iterations: between 1 and 1,000,000", Location(path=("iterations",)))
    if not (noise > 0 and shock >= 0 and horizon > 0 and tolerance >= 0):
        raise ArgumentError("noise and horizon must be positive, shock and tolerance "
                            "non-negative", Location(path=("noise",)))
    game, result = learning_game(subject, parameters, empathy)
    what = "the start shares" if dynamics == "replicator" else "the start play counts"
    begin = _start(game, start, what)
    settings: dict[str, Any]
    if dynamics == "fictitious":
        steps, path = _fictitious(game, iterations, begin, seed)
        settings = {"iterations": iterations, "seed": seed,
                    "start": "none" if begin is None else "counts"}
    elif dynamics == "stochastic":
        steps, path = _stochastic(game, iterations, begin, seed, float(noise), float(shock))
        settings = {"iterations": iterations, "seed": seed, "noise": float(noise),
                    "shock": float(shock), "start": "none" if begin is None else "counts"}
    else:
        if populations not in (1, 2):
            raise ArgumentError("populations: 1 or 2", Location(path=("populations",)))
        if populations == 1 and not _symmetric(game):
            raise ArgumentError("one population needs a symmetric game (the same actions, and "
                                "the column player's payoffs the transpose of the row player's)",
                                Location(path=("populations",)))
        if populations == 1 and begin is not None and begin[0] != begin[1]:
            raise ArgumentError("one population has one start: give the same shares for both "
                                "players", Location(path=("start",)))
        steps, path = _replicator(game, begin, float(horizon), populations)
        settings = {"horizon": float(horizon), "populations": populations}
    return LearningRun(dynamics, game.players, game.actions, settings, tuple(steps),
                       tuple(path), path[-1], result, tolerance)
