"""Playing a repeated game round by round: a cross-check of the exact payoffs.

:func:`play` runs two strategies of a scenario's ``repeated:`` section
against each other for a number of rounds, with the section's noise (or
another) and a seed, and reports each player's average payoff — discounted
and normalised, ``(1 − δ) Σ_{t < T} δ^t u_t``, exactly as a rational per
run — and, over several runs, the mean with a 95% confidence interval
(normal approximation).  Beside it, the exact value of the infinitely
repeated game: without noise the played average differs from it by
``δ^T`` times the continuation value, so the two agree up to ``δ^T·max|u|``.

>>> import gametrust
>>> korea = gametrust.load("scenarios/korea_repeated.yaml")
>>> result = play(korea, {"US": "grim", "DPRK": "always_defect"}, rounds=3)
>>> [str(x) for x in result.runs[0]]       # (1/10)(0 + 9/10 + 81/100), (1/10)(5 + 9/10 + 81/100)
['171/1000', '671/1000']
>>> [x.formula("delta") for x in result.exact_functions]
['delta', '5 - 4*delta']
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from ..core.errors import ArgumentError, Location
from ..core.exact import format_number
from ..core.progress import step
from ..scenario.repeated import strategy_automata
from ..scenario.scenario import Scenario
from .repeated_engine import profile_values
from .repeated_sets import RF

__all__ = ["MAX_ROUNDS", "PlayResult", "play"]

#: At most this many rounds in all (rounds times runs): exact sums grow with each round.
MAX_ROUNDS = 200_000


@dataclass(frozen=True)
class PlayResult:
    """Each run's discounted average payoffs (exact), and the exact values to compare."""

    players: tuple[str, ...]
    strategies: dict[str, str]
    rounds: int
    discount: Fraction
    noise: Fraction
    seed: int
    runs: tuple[tuple[Fraction, ...], ...]
    exact_functions: tuple[RF, ...]

    @property
    def exact(self) -> tuple[Fraction, ...]:
        """The exact average payoffs of the infinitely repeated game at the discount."""
        return tuple(f.at(self.discount) for f in self.exact_functions)

    def mean(self, player: int) -> float:
        return float(sum(r[player] for r in self.runs) / len(self.runs))

    def interval(self, player: int) -> tuple[float, float] | None:
        """The 95% confidence interval of the mean (normal approximation); ``None`` for one run."""
        n = len(self.runs)
        if n < 2:
            return None
        m = self.mean(player)
        var = sum((float(r[player]) - m) ** 2 for r in self.runs) / (n - 1)
        half = 1.96 * math.sqrt(var / n)
        return m - half, m + half

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "strategies": dict(self.strategies), "rounds": self.rounds, "runs": len(self.runs),
            "discount": format_number(self.discount), "noise": format_number(self.noise),
            "seed": self.seed, "players": {}}
        for k, pid in enumerate(self.players):
            entry: dict[str, Any] = {"exact": format_number(self.exact[k]),
                                     "mean": self.mean(k)}
            if len(self.runs) == 1:
                entry["played"] = format_number(self.runs[0][k])
            ci = self.interval(k)
            if ci is not None:
                entry["confidence_95"] = list(ci)
            out["players"][pid] = entry
        return out

    def __str__(self) -> str:
        head = (f"{' vs '.join(f'{s} ({p})' for p, s in self.strategies.items())}: "
                f"{self.rounds} rounds x {len(self.runs)} run(s), discount "
                f"{format_number(self.discount)}, noise {format_number(self.noise)}, "
                f"seed {self.seed}")
        lines = [head]
        for k, pid in enumerate(self.players):
            ci = self.interval(k)
            played = (f"{self.mean(k):.6g} (95% CI {ci[0]:.6g} to {ci[1]:.6g})" if ci else
                      _short(self.runs[0][k]))
            lines.append(f"  {pid}: played {played}; exact (infinitely repeated) "
                         f"{_short(self.exact[k])}")
        return "\n".join(lines)


def _short(x: Fraction) -> str:
    """``3``, ``632709/300400 (≈ 2.10622)``, or ``≈ 2.99461`` for a long fraction."""
    text = format_number(x)
    if x.denominator == 1:
        return text
    return f"{text} (≈ {float(x):.6g})" if len(text) <= 24 else f"≈ {float(x):.6g}"


def play(
    scenario: Scenario,
    strategies: Mapping[str, str] | None = None,
    *,
    rounds: int = 100,
    runs: int | None = None,
    seed: int = 0,
    noise: object = None,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> PlayResult:
    """Play two listed strategies (player id -> name; default: each player's first) against
    each other; ``runs`` defaults to 1 without noise and 200 with it."""
    spec = scenario.repeated
    if spec is None:
        raise ArgumentError("play needs a scenario with a repeated: section",
                            Location(file=scenario.path))
    if rounds < 1 or (runs is not None and runs < 1):
        raise ArgumentError("rounds and runs must be at least 1", Location(path=("--rounds",)))
    if rounds * (runs or 200) > MAX_ROUNDS:
        raise ArgumentError(f"rounds x runs is at most {MAX_ROUNDS:,}",
                            Location(path=("--rounds",)))
    players = scenario.player_ids
    automata = strategy_automata(spec, players, scenario.actions)
    chosen = []
    for pid in players:
        name = (strategies or {}).get(pid, spec.strategies[pid][0])
        match = [a for a in automata[pid] if a.name == name]
        if not match:
            raise ArgumentError(f"{name!r} is not among {pid}'s strategies "
                                f"({', '.join(spec.strategies[pid])})",
                                Location(path=("--strategy", pid)))
        chosen.append(match[0])
    unknown = set(strategies or {}) - set(players)
    if unknown:
        raise ArgumentError(f"unknown player {sorted(unknown)[0]!r}",
                            Location(path=("--strategy",)))
    values = scenario.parameter_values(parameters)
    delta = Fraction(spec.discount.evaluate(values))  # type: ignore[arg-type]
    epsilon = Fraction(spec.noise.evaluate(values) if noise is None else noise)  # type: ignore
    if not 0 <= epsilon <= 1:
        raise ArgumentError("the noise is a probability in [0, 1]", Location(path=("--noise",)))
    from .repeated import repeated_stage

    stage, _ = repeated_stage(scenario, None, parameters, empathy)
    stage = replace(stage, delta=RF.variable(), noise=RF.constant(epsilon))
    values_rf = profile_values(stage, chosen[0], chosen[1])
    start = (chosen[0].initial, chosen[1].initial)
    payoff = {p: (u[0].at(0), u[1].at(0)) for p, u in stage.payoffs.items()}
    rng = random.Random(seed)
    count = runs if runs is not None else (1 if epsilon == 0 else 200)
    results = []
    sizes = [len(a) for a in stage.actions]
    for run in range(count):
        step("play: runs", run, count)
        state, weight = start, Fraction(1)
        totals = [Fraction(0), Fraction(0)]
        for _ in range(rounds):
            intended = (chosen[0].play[state[0]], chosen[1].play[state[1]])
            real = tuple(
                a if epsilon == 0 or rng.random() >= epsilon else
                rng.choice([b for b in range(sizes[k]) if b != a])
                for k, a in enumerate(intended))
            for k in (0, 1):
                totals[k] += weight * payoff[real][k]  # type: ignore[index]
            weight *= delta
            state = (chosen[0].step(state[0], real),  # type: ignore[arg-type]
                     chosen[1].step(state[1], real))  # type: ignore[arg-type]
        results.append(tuple((1 - delta) * t for t in totals))
    return PlayResult(players, {p: a.name for p, a in zip(players, chosen, strict=True)},
                      rounds, delta, epsilon, seed, tuple(results),
                      (values_rf[start][0], values_rf[start][1]))
