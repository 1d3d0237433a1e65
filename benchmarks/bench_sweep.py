"""An exact empathy sweep against per-point loops of nashpy and Gambit.

Usage::

    python benchmarks/bench_sweep.py [--points 10001] [--seeds 2025] [--repeats 3]
                                     [--budget SECONDS] [--skip-korea]
    python benchmarks/bench_sweep.py --scaling [--sizes 4 5 6] [--seeds 2025 2026]
                                     [--gambit-sample 101] [--quantecon-max 6]

``--scaling`` times the sweep of random n x n games (payoffs 0..9, the seeds'
games) with a 10,001-point grid, best of ``--repeats`` with every cache
(sympy's, and gametrust's factorisations and root isolations) cleared before
each, against a loop of QuantEcon's ``support_enumeration`` (floats, numba,
compiled before timing) over the same points, and checks gametrust's grid
against Gambit's exact ``enummixed_solve`` at ``--gambit-sample`` evenly
spaced grid points and every grid point that is a breakpoint.

Two games, empathy ``e`` in [0, 1] for both players (altruism model:
``u'_1 = A + e B``, ``u'_2 = B + e A``), on ``--points`` evenly spaced values
``e_k = k / (points - 1)``:

* ``scenarios/korea.yaml`` (2x2, the Prisoner's Dilemma that turns into a Stag
  Hunt at 1/4 and into Harmony at 2/3);
* for each ``--seeds`` value, the random 4x4 game with integer payoffs 0..9
  drawn by ``numpy.random.default_rng(seed).integers(0, 10, size=(2, 4, 4))``.
  The default seed 2025 is the first seed from 2024 on whose game has any
  breakpoint in (0, 1) (seed 2024's equilibrium set never changes); the seed
  was picked for that reason only.

Methods:

``gametrust sweep``           ``gametrust.sweep(source, "empathy", 0, 1, grid=N)``: the
                              exact intervals and breakpoints plus the grid (kept as
                              integer numpy arrays); best of ``--repeats``
``gametrust sweep + values``  the same and then ``grid.equilibria(k)`` for every k, which
                              makes every probability a ``Fraction``; best of ``--repeats``
``nashpy loop``               per point: ``nashpy.Game(A + e B, B + e A)`` on float arrays
                              and ``list(game.support_enumeration())`` (default settings)
``gambit loop``               per point: ``pygambit.Game.from_arrays`` on exact
                              (``Fraction``) arrays and
                              ``pygambit.nash.enummixed_solve(g, rational=True)``

The loops are timed once each (the time of building the game and solving it,
summed over the points; converting the answers for the comparison is not
timed).  With ``--budget`` a loop whose timed part exceeds that many seconds
stops being timed and its time is extrapolated linearly from the points done
(the table says so); Gambit is still run on every point for the check.

Checks, on every point (not timed):

* the exact payoff arrays given to Gambit equal ``gametrust.apply_empathy(base,
  [e, e])`` (so every method solves the same game);
* gametrust's equilibria equal Gambit's, as sets of exact ``Fraction``
  profiles (Gambit's list may repeat a profile);
* nashpy's profiles against Gambit's, matched within 1e-6: a point is a
  mismatch if nashpy misses one of Gambit's equilibria or reports a profile
  that is not among them.

All libraries (numpy, sympy, nashpy, pygambit, gametrust and the modules the
sweep imports lazily) are imported before anything is timed.  Sympy's cache is
cleared before every timed sweep, so a repetition does not reuse the previous
one's work.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import nashpy
import numpy as np
import pygambit
import sympy
from sympy.core.cache import clear_cache

import gametrust
import gametrust.analysis.families  # imported lazily by sweep; not timed
from gametrust import NormalFormGame, apply_empathy, load, sweep
from gametrust.core import real_roots

ROOT = Path(__file__).resolve().parent.parent
KOREA = ROOT / "scenarios" / "korea.yaml"
MATCH_TOL = 1e-6
REGRET_TOL = 1e-9

ExactProfile = tuple[tuple[Fraction, ...], ...]
FloatProfile = tuple[tuple[float, ...], ...]


@dataclass
class Case:
    name: str
    source: Any  # Scenario or NormalFormGame, what gametrust.sweep is given
    a: np.ndarray  # base payoffs (object arrays of Fractions), empathy 0
    b: np.ndarray
    base: NormalFormGame


@dataclass(frozen=True)
class Times:
    """CPU seconds of this process and wall-clock seconds."""

    cpu: float = 0.0
    wall: float = 0.0

    def __add__(self, other: Times) -> Times:
        return Times(self.cpu + other.cpu, self.wall + other.wall)

    def __mul__(self, factor: float) -> Times:
        return Times(self.cpu * factor, self.wall * factor)


class Stopwatch:
    def __init__(self) -> None:
        self.cpu = time.process_time()
        self.wall = time.perf_counter()

    def stop(self) -> Times:
        return Times(time.process_time() - self.cpu, time.perf_counter() - self.wall)


def _best(runs: list[Times]) -> Times:
    return Times(min(t.cpu for t in runs), min(t.wall for t in runs))


@dataclass
class Row:
    game: str
    method: str
    seconds: Times
    timed_points: int
    compared: int | str
    mismatches: int | str
    notes: str = ""


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- the games ---------------------------------------------------------------------------------


def korea_case() -> Case:
    scenario = load(KOREA)
    base = scenario.build(None, {p: 0 for p in scenario.player_ids})
    a, b = (np.asarray(base.payoffs[i], dtype=object) for i in range(2))
    return Case("korea.yaml (2x2)", scenario, a, b, base)


def random_case(seed: int, n: int = 4) -> Case:
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, 10, size=(2, n, n))
    base = NormalFormGame.from_arrays(a.tolist(), b.tolist())
    ea, eb = (np.asarray(base.payoffs[i], dtype=object) for i in range(2))
    return Case(f"random {n}x{n}, seed {seed}", base, ea, eb, base)


def clear_caches() -> None:
    """Forget sympy's and gametrust's caches (factorisations, root isolations)."""
    clear_cache()
    for cached in (real_roots.real_roots, real_roots.factor, real_roots.isolate):
        cached.cache_clear()


# -- scaling: random n x n games, a QuantEcon loop, Gambit at sampled grid points ----------


def quantecon_loop(case: Case, points: Sequence[Fraction]) -> Times:
    """CPU/wall time of ``support_enumeration`` (QuantEcon, floats) at every point."""
    from quantecon.game_theory import NormalFormGame as QGame
    from quantecon.game_theory import Player, support_enumeration

    a, b = case.a.astype(float), case.b.astype(float)
    support_enumeration(QGame((Player(a), Player(b.T))))  # compile (numba) before timing
    watch = Stopwatch()
    for e in points:
        x = float(e)
        support_enumeration(QGame((Player(a + x * b), Player((b + x * a).T))))
    return watch.stop()


def sampled_check(result: Any, case: Case, points: Sequence[Fraction], sample: int) -> tuple:
    """gametrust's grid against Gambit's exact ``enummixed`` at ``sample`` evenly spaced grid
    points and at every grid point that is a breakpoint: (points checked, mismatches)."""
    grid = result.grid
    picks = set(np.linspace(0, len(points) - 1, sample).round().astype(int).tolist())
    picks |= set(grid.on_breakpoint)
    bad = 0
    for k in sorted(picks):
        game, _, _ = _gambit_game(case, points[k])
        theirs = _gambit_profiles(game, pygambit.nash.enummixed_solve(game, rational=True))
        ours = {tuple(tuple(Fraction(v) for v in s) for s in eq) for eq in grid.equilibria(k)}
        bad += ours != theirs
    return len(picks), bad


def scaling(args: argparse.Namespace) -> int:
    """``--scaling``: sweeps of random n x n games against a QuantEcon loop."""
    n_points = args.points
    points = [Fraction(k, n_points - 1) for k in range(n_points)]
    warm = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    sweep(warm, "empathy", 0, 1, grid=3)
    print(f"{n_points} grid points, empathy in [0, 1]. {environment()}.")
    print()
    print("| game | gametrust sweep CPU (s) | wall (s) | intervals | QuantEcon loop CPU (s) "
          "| QuantEcon / sweep | Gambit-checked points | mismatches |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for size in args.sizes:
        for seed in args.seeds:
            case = random_case(seed, size)
            runs = []
            for _ in range(args.repeats):
                clear_caches()
                watch = Stopwatch()
                result = sweep(case.source, "empathy", 0, 1, grid=n_points)
                runs.append(watch.stop())
            best = _best(runs)
            qe = quantecon_loop(case, points) if size <= args.quantecon_max else None
            checked, bad = sampled_check(result, case, points, args.gambit_sample)
            qe_text = "-" if qe is None else f"{qe.cpu:.3f}"
            ratio = "-" if qe is None else f"{qe.cpu / best.cpu:.2f}"
            print(f"| {case.name} | {best.cpu:.3f} | {best.wall:.3f} | {len(result.intervals)} "
                  f"| {qe_text} | {ratio} | {checked} | {bad} |", flush=True)
    return 0


# -- gametrust ---------------------------------------------------------------------------------


def time_gametrust(case: Case, n: int, repeats: int) -> tuple[list[Times], list[Times], Any]:
    """Times of the sweep and of sweep + all values (one per repetition), and the result."""
    sweeps: list[Times] = []
    alls: list[Times] = []
    result = None
    for _ in range(repeats):
        clear_caches()
        watch = Stopwatch()
        result = sweep(case.source, "empathy", 0, 1, grid=n)
        sweeps.append(watch.stop())
    for _ in range(repeats):
        clear_caches()
        watch = Stopwatch()
        result = sweep(case.source, "empathy", 0, 1, grid=n)
        grid = result.grid
        values = [grid.equilibria(k) for k in range(len(grid))]
        alls.append(watch.stop())
        del values
    return sweeps, alls, result


# -- the loops ---------------------------------------------------------------------------------


def nashpy_loop(
    case: Case, points: Sequence[Fraction], budget: float | None
) -> tuple[Times, int, list[list[FloatProfile] | None]]:
    """Time spent building and solving, points timed, the profiles found per point."""
    a = case.a.astype(float)
    b = case.b.astype(float)
    found: list[list[FloatProfile] | None] = []
    total = Times()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "even number of equilibria": degenerate games
        for e in points:
            if budget is not None and total.wall > budget:
                break
            watch = Stopwatch()
            x = float(e)
            try:
                eqs = list(nashpy.Game(a + x * b, b + x * a).support_enumeration())
            except Exception:  # a failure at a point is a result, not a crash
                eqs = None
            total += watch.stop()
            found.append(
                None
                if eqs is None
                else [(tuple(map(float, s1)), tuple(map(float, s2))) for s1, s2 in eqs]
            )
    return total, len(found), found


def _gambit_game(case: Case, e: Fraction) -> tuple[Any, np.ndarray, np.ndarray]:
    a = case.a + e * case.b
    b = case.b + e * case.a
    return pygambit.Game.from_arrays(a, b), a, b


def _gambit_profiles(game: Any, result: Any) -> set[ExactProfile]:
    return {
        tuple(tuple(Fraction(eq[s]) for s in player.strategies) for player in game.players)
        for eq in result.equilibria
    }


def gambit_loop(
    case: Case, points: Sequence[Fraction], budget: float | None
) -> tuple[Times, int, list[set[ExactProfile]], int]:
    """Time, points timed, Gambit's equilibria at every point, and construction mismatches.

    Every point is solved (the check needs them all); only the first ones, up to
    ``budget`` seconds, are timed.
    """
    total = Times()
    timed = 0
    answers: list[set[ExactProfile]] = []
    bad_games = 0
    for e in points:
        timing = budget is None or total.wall <= budget
        watch = Stopwatch()
        game, a, b = _gambit_game(case, e)
        result = pygambit.nash.enummixed_solve(game, rational=True)
        if timing:
            total += watch.stop()
            timed += 1
        answers.append(_gambit_profiles(game, result))
        # the same game as gametrust's altruism model at this point
        ours = apply_empathy(case.base, [e, e]).payoffs
        if not (np.array_equal(ours[0], a) and np.array_equal(ours[1], b)):
            bad_games += 1
    return total, timed, answers, bad_games


# -- comparisons -------------------------------------------------------------------------------


def _close(p: FloatProfile, q: ExactProfile | FloatProfile) -> bool:
    return all(
        abs(u - float(v)) <= MATCH_TOL
        for ps, qs in zip(p, q, strict=True)
        for u, v in zip(ps, qs, strict=True)
    )


def _float_regret(a: np.ndarray, b: np.ndarray, p: FloatProfile) -> float:
    x, y = np.array(p[0]), np.array(p[1])
    ay, xb = a @ y, x @ b
    return float(max(ay.max() - x @ ay, xb.max() - xb @ y))


def compare_nashpy(
    case: Case, points: Sequence[Fraction], found: list, gambit: list[set[ExactProfile]]
) -> dict[str, int]:
    counts = {
        "points": 0,
        "mismatch": 0,
        "missed": 0,
        "missed_points": 0,
        "extra": 0,
        "extra_not_nash": 0,
        "failed": 0,
    }
    a0, b0 = case.a.astype(float), case.b.astype(float)
    for k, eqs in enumerate(found):
        counts["points"] += 1
        if eqs is None:
            counts["failed"] += 1
            counts["mismatch"] += 1
            continue
        reference = gambit[k]
        missed = sum(not any(_close(p, q) for p in eqs) for q in reference)
        extras = [p for p in eqs if not any(_close(p, q) for q in reference)]
        distinct_extras: list[FloatProfile] = []
        for p in extras:
            if not any(_close(p, d) for d in distinct_extras):
                distinct_extras.append(p)
        e = float(points[k])
        for p in distinct_extras:
            if _float_regret(a0 + e * b0, b0 + e * a0, p) > REGRET_TOL:
                counts["extra_not_nash"] += 1
        counts["missed"] += missed
        counts["missed_points"] += missed > 0
        counts["extra"] += len(distinct_extras)
        counts["mismatch"] += bool(missed or distinct_extras)
    return counts


def compare_gametrust(
    result: Any, gambit: list[set[ExactProfile]], points: Sequence[Fraction]
) -> tuple[int, list[str]]:
    grid = result.grid
    mismatches = 0
    examples: list[str] = []
    for k in range(len(grid)):
        if grid.point(k) != points[k]:
            raise SystemExit(f"grid point {k} is {grid.point(k)}, expected {points[k]}")
        ours = {tuple(tuple(Fraction(v) for v in s) for s in eq) for eq in grid.equilibria(k)}
        if ours != gambit[k]:
            mismatches += 1
            if len(examples) < 5:
                examples.append(
                    f"e = {points[k]}: only gametrust {sorted(ours - gambit[k])}, "
                    f"only Gambit {sorted(gambit[k] - ours)}"
                )
    return mismatches, examples


# -- one game ----------------------------------------------------------------------------------


def run_case(case: Case, n: int, repeats: int, budget: float | None) -> tuple[list[Row], Any]:
    points = [Fraction(k, n - 1) for k in range(n)]
    _log(f"[{case.name}] gametrust sweep, best of {repeats} ...")
    sweeps, alls, result = time_gametrust(case, n, repeats)
    t_sweep, t_all = _best(sweeps), _best(alls)
    _log(
        f"  sweep CPU {', '.join(f'{t.cpu:.3f}' for t in sweeps)} s, "
        f"wall {', '.join(f'{t.wall:.3f}' for t in sweeps)} s; "
        f"with values CPU {', '.join(f'{t.cpu:.3f}' for t in alls)} s; "
        f"{len(result.intervals)} intervals, {len(result.breakpoints)} breakpoints"
    )

    _log(f"[{case.name}] Gambit loop over {n} points (and the check) ...")
    t_gambit, gambit_timed, gambit, bad_games = gambit_loop(case, points, budget)
    _log(f"  CPU {t_gambit.cpu:.1f} s, wall {t_gambit.wall:.1f} s for {gambit_timed} points")
    mismatches, examples = compare_gametrust(result, gambit, points)
    for line in examples:
        _log("  MISMATCH " + line)

    _log(f"[{case.name}] nashpy loop over {n} points ...")
    t_nashpy, nashpy_timed, found = nashpy_loop(case, points, budget)
    _log(f"  CPU {t_nashpy.cpu:.1f} s, wall {t_nashpy.wall:.1f} s for {nashpy_timed} points")
    counts = compare_nashpy(case, points, found, gambit)

    def scaled(seconds: Times, timed: int) -> tuple[Times, str]:
        if timed == n:
            return seconds, ""
        note = f"timed on the first {timed} points, extrapolated x{n / timed:.2f}"
        return seconds * (n / timed), note

    rows = [
        Row(
            case.name,
            "gametrust sweep",
            t_sweep,
            n,
            n,
            mismatches,
            f"best of {repeats}; {len(result.intervals)} intervals, "
            f"{len(result.breakpoints)} breakpoints",
        ),
        Row(
            case.name,
            "gametrust sweep + values",
            t_all,
            n,
            n,
            mismatches,
            f"best of {repeats}; every probability as a Fraction",
        ),
    ]
    seconds, note = scaled(t_nashpy, nashpy_timed)
    nashpy_notes = [note] if note else []
    nashpy_notes.append(f"missed {counts['missed']} equilibria at {counts['missed_points']} points")
    if counts["extra"]:
        nashpy_notes.append(
            f"{counts['extra']} profiles not in Gambit's list "
            f"({counts['extra_not_nash']} with regret > {REGRET_TOL:g})"
        )
    if counts["failed"]:
        nashpy_notes.append(f"raised at {counts['failed']} points")
    rows.append(
        Row(
            case.name,
            "nashpy loop",
            seconds,
            nashpy_timed,
            counts["points"],
            counts["mismatch"],
            "; ".join(nashpy_notes),
        )
    )
    seconds, note = scaled(t_gambit, gambit_timed)
    gambit_notes = ["reference" + (f"; {note}" if note else "")]
    if bad_games:
        gambit_notes.append(f"{bad_games} games differ from gametrust.apply_empathy")
    rows.append(
        Row(
            case.name,
            "gambit loop (rational)",
            seconds,
            gambit_timed,
            n,
            "-",
            "; ".join(gambit_notes),
        )
    )
    return rows, result


# -- output ------------------------------------------------------------------------------------


def _fmt_seconds(s: float) -> str:
    return f"{s:.3f}" if s < 10 else f"{s:.1f}"


def _fmt_ratio(r: float) -> str:
    return f"{r:.2f}" if r < 10 else f"{r:.0f}"


def table(rows: list[Row]) -> str:
    lines = [
        "| game | method | CPU (s) | wall (s) | x sweep | x sweep + values | points compared "
        "| mismatches vs Gambit | notes |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    by_game: dict[str, dict[str, Row]] = {}
    for row in rows:
        by_game.setdefault(row.game, {})[row.method] = row
    for row in rows:
        ours = by_game[row.game]
        t_sweep = ours["gametrust sweep"].seconds.cpu
        t_all = ours["gametrust sweep + values"].seconds.cpu
        t = row.seconds
        lines.append(
            f"| {row.game} | {row.method} | {_fmt_seconds(t.cpu)} | {_fmt_seconds(t.wall)} "
            f"| {_fmt_ratio(t.cpu / t_sweep)} | {_fmt_ratio(t.cpu / t_all)} "
            f"| {row.compared} | {row.mismatches} | {row.notes} |"
        )
    return "\n".join(lines)


def _commit() -> str:
    """The checked-out commit, and whether gametrust/ differs from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "gametrust"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "commit unknown"
    return f"commit {head}" + (" (gametrust/ modified)" if dirty else "")


def environment() -> str:
    load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{_commit()}; "
        f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, {platform.machine()} "
        f"{platform.system()}, Python {platform.python_version()}, numpy {np.__version__}, "
        f"sympy {sympy.__version__}, nashpy {nashpy.__version__}, "
        f"pygambit {pygambit.__version__}, gametrust {gametrust.__version__}; "
        f"load average at start {load1:.2f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--points", type=int, default=10_001)
    parser.add_argument("--seeds", type=int, nargs="*", default=[2025])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--budget",
        type=float,
        default=None,
        help="seconds of timed loop per method and game before extrapolating",
    )
    parser.add_argument("--skip-korea", action="store_true")
    parser.add_argument("--scaling", action="store_true",
                        help="random n x n games (--sizes) against a QuantEcon loop instead")
    parser.add_argument("--sizes", type=int, nargs="*", default=[4, 5, 6])
    parser.add_argument("--quantecon-max", type=int, default=6,
                        help="largest size that also runs the QuantEcon loop")
    parser.add_argument("--gambit-sample", type=int, default=101,
                        help="--scaling: grid points checked against Gambit (and every breakpoint)")
    args = parser.parse_args(argv)
    if args.scaling:
        return scaling(args)
    if args.points < 2:
        parser.error("--points must be at least 2")

    env = environment()
    cases = ([] if args.skip_korea else [korea_case()]) + [random_case(s) for s in args.seeds]
    # warm up the code paths (not the caches of the timed games): one small sweep and solve each
    warm = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    sweep(warm, "empathy", 0, 1, grid=3)
    list(nashpy.Game(np.eye(2), np.eye(2)).support_enumeration())
    pygambit.nash.enummixed_solve(pygambit.Game.from_arrays(np.eye(2), np.eye(2)), rational=True)

    rows: list[Row] = []
    for case in cases:
        case_rows, result = run_case(case, args.points, args.repeats, args.budget)
        rows.extend(case_rows)
        _log(result.summary())
        _log(table(case_rows))
    print(f"{args.points} grid points, empathy in [0, 1]. {env}.")
    print()
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
