"""All equilibria of random N-player games: gametrust against Gambit, side by side in one run.

Usage::

    python benchmarks/bench_nplayer.py [--games 10] [--seed 2026] [--limit 30]
                                       [--shapes 2x2x2,3x3x3,2x2x2x2]

For every shape and two payoff ranges (``0..99``: ties are rare, ``0..3``:
ties everywhere) it draws ``--games`` random integer games and runs, per game:

``gametrust``  ``gametrust.solve(game)``: exact support enumeration, every equilibrium
               certified (``complete`` unless a support has a continuum of solutions)
``enumpoly``   ``pygambit.nash.enumpoly_solve`` (support enumeration, polynomial
               systems in floating point)
``gnm``        ``pygambit.nash.gnm_solve`` (global Newton, floats)
``simpdiv``    ``pygambit.nash.simpdiv_solve`` (simplicial subdivision, one equilibrium)

Each Gambit call runs in a forked worker with a ``--limit`` seconds time limit
(wall clock; enumpoly is known to hang on some games); a call past the limit
counts as a timeout.  gametrust runs in the main process after one warm-up call
(imports are not timed).  Times are CPU seconds of the solving process
(``time.process_time``, in the worker for Gambit): on a shared machine wall
time mostly measures how long a process waited for a core.  The table gives, per
shape and range, the median time per game, the ratio to gametrust's median, the
equilibria found in total (distinct, matched within 1e-6), ``missed``: equilibria
gametrust certified that the method did not report, ``extra``: reported profiles
that are not among gametrust's, and how many of gametrust's answers were complete.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

Profile = tuple[tuple[float, ...], ...]


def _gambit_worker(method: str, payoffs: list, queue: Any) -> None:
    import pygambit as gbt

    arrays = [np.array(p, dtype=object) for p in payoffs]
    game = gbt.Game.from_arrays(*arrays)
    start = time.process_time()
    if method == "enumpoly":
        result = gbt.nash.enumpoly_solve(game)
    elif method == "gnm":
        result = gbt.nash.gnm_solve(game)
    else:
        result = gbt.nash.simpdiv_solve(game.mixed_strategy_profile(rational=True))
    elapsed = time.process_time() - start
    profiles = [
        tuple(tuple(float(eq[s]) for s in player.strategies) for player in game.players)
        for eq in result.equilibria
    ]
    queue.put((elapsed, profiles))


def run_gambit(method: str, payoffs: np.ndarray, limit: float) -> tuple[float | None, list]:
    """Time one Gambit call in a worker; ``(None, [])`` on a timeout."""
    queue: Any = multiprocessing.Queue()
    worker = multiprocessing.Process(
        target=_gambit_worker, args=(method, [p.tolist() for p in payoffs], queue)
    )
    worker.start()
    worker.join(limit)
    if worker.is_alive():
        worker.kill()
        worker.join()
        return None, []
    if worker.exitcode != 0:
        raise RuntimeError(f"{method} failed in its worker (exit code {worker.exitcode})")
    return queue.get()


def run_gametrust(payoffs: np.ndarray) -> tuple[float, list[Profile], bool]:
    from gametrust import NormalFormGame, solve

    game = NormalFormGame.from_payoff_tensor(payoffs.astype(object))
    start = time.process_time()
    result = solve(game)
    elapsed = time.process_time() - start
    profiles = [tuple(tuple(float(p) for p in s) for s in e.strategies) for e in result]
    return elapsed, profiles, result.complete


def _same(a: Profile, b: Profile) -> bool:
    return all(
        abs(x - y) < 1e-6 for s, t in zip(a, b, strict=True) for x, y in zip(s, t, strict=True)
    )


def _distinct(profiles: Sequence[Profile]) -> list[Profile]:
    out: list[Profile] = []
    for p in profiles:
        if not any(_same(p, q) for q in out):
            out.append(p)
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--limit", type=float, default=30.0)
    parser.add_argument("--shapes", default="2x2x2,3x3x3,2x2x2x2")
    args = parser.parse_args(argv)
    import pygambit

    print(
        f"python {sys.version.split()[0]}, pygambit {pygambit.__version__}, "
        f"{args.games} games per row, Gambit limit {args.limit:g} s (wall), "
        f"times in CPU seconds, load average {os.getloadavg()[0]:.1f}"
    )
    rng = np.random.default_rng(args.seed)
    warm = rng.integers(0, 9, size=(3, 2, 2, 2))
    run_gametrust(warm)
    header = (
        f"{'shape':9} {'range':5} {'method':9} {'median s':>9} {'ratio':>7} "
        f"{'equilibria':>10} {'missed':>6} {'extra':>5} {'timeouts':>8} {'complete':>8}"
    )
    print(header)
    print("-" * len(header))
    for text in args.shapes.split(","):
        shape = tuple(int(k) for k in text.split("x"))
        for top in (99, 3):
            games = [rng.integers(0, top + 1, size=(len(shape), *shape)) for _ in range(args.games)]
            ours = [run_gametrust(g) for g in games]
            base = statistics.median(t for t, _, _ in ours)
            complete = sum(c for _, _, c in ours)
            total = sum(len(p) for _, p, _ in ours)
            print(
                f"{text:9} 0..{top:<2} {'gametrust':9} {base:9.4f} {1:7.2f} {total:10d} "
                f"{0:6d} {0:5d} {0:8d} {complete:5d}/{len(games)}"
            )
            for method in ("enumpoly", "gnm", "simpdiv"):
                times, found, missed, extra, timeouts = [], 0, 0, 0, 0
                for g, (_, mine, _) in zip(games, ours, strict=True):
                    elapsed, theirs = run_gambit(method, g, args.limit)
                    if elapsed is None:
                        timeouts += 1
                        times.append(args.limit)
                        continue
                    times.append(elapsed)
                    theirs = _distinct(theirs)
                    found += len(theirs)
                    if method == "enumpoly":
                        missed += sum(not any(_same(p, q) for q in theirs) for p in mine)
                    extra += sum(not any(_same(p, q) for q in mine) for p in theirs)
                median = statistics.median(times)
                print(
                    f"{text:9} 0..{top:<2} {method:9} {median:9.4f} {median / base:7.2f} "
                    f"{found:10d} {missed if method == 'enumpoly' else '-':>6} {extra:5d} "
                    f"{timeouts:8d} {'':>8}"
                )


if __name__ == "__main__":
    main()
