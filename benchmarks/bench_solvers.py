"""Time gametrust's exact vertex enumeration against nashpy, Gambit and QuantEcon.

Usage::

    python benchmarks/bench_solvers.py [--sizes 2..8] [--games 20] [--seed 2024]
                                       [--ranges 99,9] [--budget 20] [--methods ...]

For every payoff range ``0..R`` and size ``n`` it draws the same ``--games``
random ``n x n`` integer bimatrix games for every method and times, per game,
one call that builds the library's game object from the numpy arrays and
computes all the equilibria the method can find.  Fast calls are repeated
(until ~50 ms have passed, at most 50 times) and averaged; the table shows the
median over games.

Methods (those whose library is missing are skipped with a note):

``gametrust``          ``gametrust.solve(game, method="enumeration")`` on the exact game
``nashpy-support``     ``nashpy.Game(A, B).support_enumeration()`` (floats, default settings)
``nashpy-vertex``      ``nashpy.Game(A, B).vertex_enumeration()`` (floats)
``gambit-float``       ``pygambit.nash.enummixed_solve(g, rational=False)``
``gambit-rational``    ``pygambit.nash.enummixed_solve(g, rational=True)``
``quantecon-support``  ``quantecon.game_theory.support_enumeration`` (only if installed)

``--lrsnash`` instead compares with ``lrsnash`` (lrslib, exact; ``apt-get install
lrslib``; never a dependency of gametrust): each game is solved by both, one after
the other, and the table shows median CPU milliseconds (lrsnash's from its process's
rusage, best of ``--repeat`` (3) runs per game, alternating; gametrust's for
``enumerate_equilibria`` alone and for the whole
``gametrust.solve(..., method="enumeration")``: building the exact game, enumerating, certifying
every equilibrium), the ratios to lrsnash, and on how many games the two equilibrium
sets are identical (exact rationals) and gametrust's is complete::

    python benchmarks/bench_solvers.py --lrsnash --sizes 6,8,10,12,14 --games 5

Each method gets ``--budget`` seconds per (range, n) cell: games are run in
order until the budget is spent (at least one game), so slow combinations run
on fewer games; the ``games`` column says how many, and the ratio and the
equilibrium counts of that row compare with gametrust on those same games.

``equilibria`` is the number of distinct equilibria found, summed over the
games.  ``missed`` counts gametrust's (exact, complete) extreme equilibria that
the method did not report (matching within 1e-6); ``extra`` counts profiles a
method reported that are not among them (duplicates are not counted).  A row
is flagged ``FEWER`` when the method missed any.
"""

from __future__ import annotations

import argparse
import math
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

Profile = tuple[tuple[float, ...], ...]
Runner = Callable[[np.ndarray, np.ndarray], list[Profile]]

MIN_TIME = 0.05
MAX_REPEATS = 50
MATCH_TOL = 1e-6


# -- the methods -------------------------------------------------------------------------------


def _gametrust() -> Runner:
    from gametrust.model.game import NormalFormGame
    from gametrust.solvers.solve import solve

    def run(a: np.ndarray, b: np.ndarray) -> list[Profile]:
        result = solve(NormalFormGame.from_arrays(a, b), method="enumeration")
        return [tuple(tuple(float(p) for p in s) for s in eq.strategies) for eq in result]

    return run


def _nashpy(kind: str) -> Runner:
    import nashpy

    def run(a: np.ndarray, b: np.ndarray) -> list[Profile]:
        game = nashpy.Game(a, b)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = game.support_enumeration() if kind == "support" else game.vertex_enumeration()
            return [tuple(tuple(float(p) for p in s) for s in pair) for pair in found]

    return run


def _gambit(rational: bool) -> Runner:
    import pygambit

    def run(a: np.ndarray, b: np.ndarray) -> list[Profile]:
        game = pygambit.Game.from_arrays(a, b)
        result = pygambit.nash.enummixed_solve(game, rational=rational)
        players = list(game.players)
        return [
            tuple(tuple(float(eq[s]) for s in p.strategies) for p in players)
            for eq in result.equilibria
        ]

    return run


def _quantecon() -> Runner:
    from quantecon import game_theory as qe_gt

    def run(a: np.ndarray, b: np.ndarray) -> list[Profile]:
        game = qe_gt.NormalFormGame((qe_gt.Player(a), qe_gt.Player(b.T)))
        return [
            tuple(tuple(float(p) for p in s) for s in pair)
            for pair in qe_gt.support_enumeration(game)
        ]

    return run


METHODS: dict[str, Callable[[], Runner]] = {
    "gametrust": _gametrust,
    "nashpy-support": lambda: _nashpy("support"),
    "nashpy-vertex": lambda: _nashpy("vertex"),
    "gambit-float": lambda: _gambit(False),
    "gambit-rational": lambda: _gambit(True),
    "quantecon-support": _quantecon,
}


# -- measuring ---------------------------------------------------------------------------------


def _timed(run: Runner, a: np.ndarray, b: np.ndarray) -> tuple[float, list[Profile] | None]:
    """Seconds per call (repeating fast calls) and the profiles found (None on error)."""
    start = time.perf_counter()
    try:
        found = run(a, b)
    except Exception as exc:  # a library failing on a game is a result, not a crash
        return time.perf_counter() - start, _failure(exc)
    elapsed = time.perf_counter() - start
    if elapsed < MIN_TIME:
        repeats = min(MAX_REPEATS, max(1, math.ceil(MIN_TIME / max(elapsed, 1e-6))))
        start = time.perf_counter()
        for _ in range(repeats):
            run(a, b)
        elapsed = (time.perf_counter() - start) / repeats
    return elapsed, found


_FAILURES: list[str] = []


def _failure(exc: Exception) -> None:  # records the error; the game counts as failed
    _FAILURES.append(f"{type(exc).__name__}: {exc}"[:120])
    return None


def _distinct(profiles: Sequence[Profile]) -> list[Profile]:
    out: list[Profile] = []
    for p in profiles:
        if not any(_close(p, q) for q in out):
            out.append(p)
    return out


def _close(p: Profile, q: Profile) -> bool:
    return len(p) == len(q) and all(
        len(s) == len(t) and all(abs(x - y) <= MATCH_TOL for x, y in zip(s, t, strict=True))
        for s, t in zip(p, q, strict=True)
    )


@dataclass
class Cell:
    times: list[float] = field(default_factory=list)
    found: list[list[Profile] | None] = field(default_factory=list)


def _run_cell(run: Runner, games: Sequence[tuple[np.ndarray, np.ndarray]], budget: float) -> Cell:
    cell = Cell()
    start = time.perf_counter()
    for a, b in games:
        if cell.times and time.perf_counter() - start > budget:
            break
        seconds, found = _timed(run, a, b)
        cell.times.append(seconds)
        cell.found.append(None if found is None else _distinct(found))
    return cell


# -- the report --------------------------------------------------------------------------------


def _parse_sizes(text: str) -> list[int]:
    if ".." in text:
        low, high = text.split("..")
        return list(range(int(low), int(high) + 1))
    return [int(part) for part in text.split(",")]


def _row(
    payoffs: str, n: int, method: str, cell: Cell, reference: Cell, total_games: int
) -> list[str]:
    k = len(cell.times)
    median_ms = statistics.median(cell.times) * 1e3
    ref_ms = statistics.median(reference.times[:k]) * 1e3
    errors = sum(f is None for f in cell.found)
    equilibria = sum(len(f) for f in cell.found if f is not None)
    missed = extra = 0
    for mine, ref in zip(cell.found, reference.found[:k], strict=True):
        if ref is None:  # gametrust itself failed on this game: nothing to compare with
            continue
        if mine is None:
            missed += len(ref)
            continue
        missed += sum(not any(_close(r, m) for m in mine) for r in ref)
        extra += sum(not any(_close(m, r) for r in ref) for m in mine)
    notes = []
    if k < total_games:
        notes.append(f"budget: {k}/{total_games} games")
    if errors:
        notes.append(f"{errors} raised")
    if missed:
        notes.append("FEWER")
    return [
        payoffs,
        str(n),
        method,
        str(k),
        f"{median_ms:.3g}" if median_ms < 100 else f"{median_ms:.0f}",
        "1" if method == "gametrust" else f"{median_ms / ref_ms:.2g}",
        str(equilibria),
        str(missed),
        str(extra),
        ", ".join(notes),
    ]


# -- side by side with lrsnash: CPU time and the identical equilibrium set ----------------------


def _lrsnash_run(a: np.ndarray, b: np.ndarray) -> tuple[float, set]:
    """lrsnash's CPU seconds (its own process, from rusage) and its equilibria (exact)."""
    import resource
    import subprocess
    from fractions import Fraction

    m, n = a.shape
    text = (f"{m} {n}\n\n" + "\n".join(" ".join(map(str, r)) for r in a) + "\n\n"
            + "\n".join(" ".join(map(str, r)) for r in b) + "\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(["lrsnash", "/dev/stdin"], input=text, capture_output=True,
                         text=True, check=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    found, ys = set(), []
    for line in out.splitlines():
        parts = line.split()
        if not parts:
            ys = []
        elif parts[0] == "2":
            ys.append(tuple(Fraction(v) for v in parts[1:1 + n]))
        elif parts[0] == "1":
            x = tuple(Fraction(v) for v in parts[1:1 + m])
            found.update((x, y) for y in ys)
    return cpu, found


def _gametrust_run(a: np.ndarray, b: np.ndarray) -> tuple[float, float, set, bool]:
    """gametrust's CPU seconds for the enumeration alone (``enumerate_equilibria``: both
    polytopes' vertices, the complementary pairs, the equilibria's exact coordinates), then
    for ``solve(..., method="enumeration")`` (building the exact game, enumerating again,
    certifying every equilibrium exactly); the equilibria and whether the list is complete."""
    from gametrust import solve  # the public API: budgeted, no size wall
    from gametrust.model.game import NormalFormGame
    from gametrust.solvers.vertex_enumeration import enumerate_equilibria

    game = NormalFormGame.from_arrays(a.tolist(), b.tolist())
    start = time.process_time()
    enumerate_equilibria(game)
    enumeration = time.process_time() - start
    start = time.process_time()
    result = solve(NormalFormGame.from_arrays(a.tolist(), b.tolist()), method="enumeration")
    cpu = time.process_time() - start
    found = {tuple(tuple(s) for s in e.strategies) for e in result.equilibria}
    return enumeration, cpu, found, result.complete


def lrsnash_main(args: argparse.Namespace) -> int:
    """``--lrsnash``: each game solved by both, one after the other, CPU times compared."""
    import shutil

    if shutil.which("lrsnash") is None:
        print("lrsnash not found: apt-get install lrslib")
        return 1
    print(f"# bench_solvers {' '.join(sys.argv[1:])}")
    print(f"# {platform.machine()}, {platform.system()}; Python {platform.python_version()}, "
          f"numpy {np.__version__}; CPU milliseconds (process time), best of {args.repeat} "
          "runs per game, median over games")
    print()
    header = ["payoffs", "n", "games", "lrsnash ms", "enumeration ms", "ratio", "solve ms",
              "ratio", "equilibria", "identical sets"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(" --- " for _ in header) + "|")
    rng = np.random.default_rng(args.seed)
    for high in [int(r) for r in args.ranges.split(",")]:
        for n in _parse_sizes(args.sizes):
            enumerations, solves, theirs, same, count = [], [], [], 0, 0
            for a, b in rng.integers(0, high + 1, size=(args.games, 2, n, n)):
                # best of --repeat runs each, alternating (a shared machine disturbs both alike)
                lrs_cpu, enumeration, cpu = math.inf, math.inf, math.inf
                for _ in range(args.repeat):
                    one_cpu, lrs_set = _lrsnash_run(a, b)
                    one_enumeration, one_solve, found, complete = _gametrust_run(a, b)
                    lrs_cpu, enumeration = min(lrs_cpu, one_cpu), min(enumeration, one_enumeration)
                    cpu = min(cpu, one_solve)
                enumerations.append(enumeration)
                solves.append(cpu)
                theirs.append(lrs_cpu)
                same += complete and found == lrs_set
                count += len(found)
            other = statistics.median(theirs)
            enum, whole = statistics.median(enumerations), statistics.median(solves)
            print(f"| 0..{high} | {n} | {args.games} | {1000 * other:.1f} | {1000 * enum:.1f} | "
                  f"{enum / other:.2f} | {1000 * whole:.1f} | {whole / other:.2f} | {count} | "
                  f"{same}/{args.games} |", flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lrsnash", action="store_true",
                        help="compare with lrsnash instead (CPU times, identical sets)")
    parser.add_argument("--sizes", default="2..8", help="n values: '2..8' or '2,4,8'")
    parser.add_argument("--games", type=int, default=20, help="games per (range, n)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--ranges", default="99,9", help="payoffs are drawn from 0..R")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per method and cell")
    parser.add_argument("--methods", default=",".join(METHODS), help="comma-separated")
    parser.add_argument("--repeat", type=int, default=3,
                        help="--lrsnash: best of this many runs per game, for both")
    args = parser.parse_args(argv)
    if args.lrsnash:
        return lrsnash_main(args)

    sizes = _parse_sizes(args.sizes)
    ranges = [int(r) for r in args.ranges.split(",")]
    runners: dict[str, Runner] = {}
    skipped: list[str] = []
    for name in args.methods.split(","):
        if name not in METHODS:
            parser.error(f"unknown method {name!r}; choose from {', '.join(METHODS)}")
        try:
            runners[name] = METHODS[name]()
        except ImportError as exc:
            skipped.append(f"{name} (not installed: {exc.name})")
    if "gametrust" not in runners:
        parser.error("gametrust must be among the methods: it is the reference")

    versions = [f"Python {platform.python_version()}", f"numpy {np.__version__}"]
    for module in ("nashpy", "pygambit", "quantecon"):
        mod = sys.modules.get(module)
        if mod is not None:
            versions.append(f"{module} {getattr(mod, '__version__', '?')}")
    print(f"# bench_solvers {' '.join(sys.argv[1:])}")
    print(f"# {platform.machine()}, {platform.system()}; {', '.join(versions)}")
    if skipped:
        print(f"# skipped: {'; '.join(skipped)}")
    print()
    header = [
        "payoffs", "n", "method", "games", "median ms", "x gametrust",
        "equilibria", "missed", "extra", "notes",
    ]  # fmt: skip
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(" --- " for _ in header) + "|")
    rng = np.random.default_rng(args.seed)
    for high in ranges:
        for n in sizes:
            games = [(a, b) for a, b in rng.integers(0, high + 1, size=(args.games, 2, n, n))]
            cells = {name: _run_cell(run, games, args.budget) for name, run in runners.items()}
            reference = cells["gametrust"]
            for name, cell in cells.items():
                row = _row(f"0..{high}", n, name, cell, reference, args.games)
                print("| " + " | ".join(row) + " |", flush=True)
    if _FAILURES:
        print()
        print("# errors raised by methods (first 5 distinct):")
        for message in sorted(set(_FAILURES))[:5]:
            print(f"#   {message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
