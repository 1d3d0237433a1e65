"""Pure equilibria of large games held as integers, against a numpy floor.

For each size a random game with integer payoffs is drawn (numpy seed), built
with ``NormalFormGame.from_arrays`` from the integer arrays, and solved with
``solve(game, method="pure")``: every pure equilibrium, each certified exactly
(zero regret on the integers).  The floors are what a bare numpy program does:

* ``argmax floor`` (two players): each column's best row and each row's best
  column by ``argmax``, intersected.  It is only correct without ties, so
  those games draw payoffs from 0..2**31 (ties are then very unlikely and the
  benchmark checks that both find the same equilibria);
* ``max floor``: ``payoff == max along the player's axis`` for every player,
  and'ed, then ``nonzero``: correct with ties (payoffs 0..999), N players too.

Memory: the peak of Python/numpy allocations during build + solve
(``tracemalloc``; numpy reports its buffers to it), next to the size of the
int64 payoff arrays themselves.  Times are CPU times (``time.process_time``), the
best of ``--repeat``; ``build``
is ``NormalFormGame.from_arrays`` (one copy of the arrays, no Fraction),
``solve`` is ``solve(game, method="pure")`` on the built game (search and the
exact certificate of every equilibrium).

    python benchmarks/bench_pure.py             # 2000x2000 (both ranges), 3 players 150^3
    python benchmarks/bench_pure.py --sizes 500 1000 2000 --three 100 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

from gametrust import NormalFormGame, solve


def _best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The least CPU time of ``repeat`` calls (process time: a shared machine disturbs it
    far less than wall time; page faults count, as system time)."""
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        out = fn()
        best = min(best, time.process_time() - start)
    return best, out


def argmax_floor(a: np.ndarray, b: np.ndarray) -> list[tuple[int, int]]:
    best_row = a.argmax(axis=0)  # for each column
    best_col = b.argmax(axis=1)  # for each row
    cols = np.flatnonzero(best_col[best_row] == np.arange(a.shape[1]))
    return sorted((int(best_row[j]), int(j)) for j in cols)


def max_floor(tensor: np.ndarray) -> list[tuple[int, ...]]:
    mask = np.ones(tensor.shape[1:], dtype=bool)
    for i in range(tensor.shape[0]):
        mask &= tensor[i] == tensor[i].max(axis=i, keepdims=True)
    return [tuple(int(k) for k in idx) for idx in zip(*np.nonzero(mask), strict=True)]


def ours(arrays: list[np.ndarray]) -> tuple[list[tuple[int, ...]], Any]:
    game = NormalFormGame.from_arrays(*arrays)
    result = solve(game, method="pure")
    assert result.max_regret == 0
    found = [tuple(e.strategies[i].index(1) for i in range(game.n_players)) for e in result]
    return found, result


def peak_memory(arrays: list[np.ndarray]) -> int:
    tracemalloc.start()
    ours(arrays)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def row(label: str, arrays: list[np.ndarray], repeat: int, with_argmax: bool) -> None:
    build_time, game = _best(lambda: NormalFormGame.from_arrays(*arrays), repeat)
    solve_time, result = _best(lambda: solve(game, method="pure"), repeat)
    assert result.max_regret == 0
    found = [tuple(e.strategies[i].index(1) for i in range(game.n_players)) for e in result]
    both = build_time + solve_time
    tensor = np.stack(arrays)
    max_time, max_found = _best(lambda: max_floor(tensor), repeat)
    assert sorted(found) == max_found, "gametrust and the max floor disagree"
    cells = [f"{build_time * 1e3:.1f}", f"{solve_time * 1e3:.1f}", f"{max_time * 1e3:.1f}",
             f"{solve_time / max_time:.2f} / {both / max_time:.2f}"]
    if with_argmax:
        arg_time, arg_found = _best(lambda: argmax_floor(*arrays), repeat)
        assert arg_found == max_found, "ties: the argmax floor does not apply"
        cells += [f"{arg_time * 1e3:.1f}", f"{solve_time / arg_time:.2f} / {both / arg_time:.2f}"]
    else:
        cells += ["-", "-"]
    data = sum(a.nbytes for a in arrays) / 2**20
    peak = peak_memory(arrays) / 2**20
    print(f"| {label} | {len(found)} | " + " | ".join(cells) + f" | {data:.0f} | {peak:.0f} |",
          flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000])
    parser.add_argument("--three", type=int, nargs="*", default=[150],
                        help="three-player games n x n x n")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"# bench_pure {' '.join(sys.argv[1:])}; load average {os.getloadavg()[0]:.1f}; "
          "CPU ms, best of --repeat")
    print("| game | pure eq | build ms | solve ms (search + certificates) | max floor ms "
          "| x max floor (solve / build + solve) | argmax floor ms | x argmax floor "
          "(solve / build + solve) | payoffs MiB | peak MiB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    rng = np.random.default_rng(args.seed)
    for n in args.sizes:
        for high in (2**31, 1000):
            arrays = [rng.integers(0, high, (n, n)) for _ in range(2)]
            row(f"{n}x{n}, payoffs 0..{high - 1}", arrays, args.repeat, high == 2**31)
    for n in args.three:
        arrays = [rng.integers(0, 1000, (n, n, n)) for _ in range(3)]
        row(f"{n}x{n}x{n}, payoffs 0..999", arrays, args.repeat, False)


if __name__ == "__main__":
    main()
