"""Lemke–Howson: gametrust (float path, exact basis, certified) against QuantEcon, Gambit, nashpy.

Random n x n games with integer payoffs 0..99 (``random.Random(seed)``); every
solver that takes a starting label drops the same one (0 unless ``--label``).

* ``gametrust``: ``lemke_howson(game, label)`` then ``certify`` (exact zero
  regret); for ``m + n > 40`` the path is followed in floats and its last basis
  solved exactly (``--arithmetic exact`` forces integer pivoting all the way).
  Timed twice, with the float path's two kernels (``GAMETRUST_KERNEL``):
  ``numpy`` and ``compiled`` (numba, the optional ``gametrust[speed]``; loaded
  before timing, as QuantEcon's is; skipped when numba is missing).
* ``quantecon``: ``quantecon.game_theory.lemke_howson(g, init_pivot=label)``
  (numba, floats, uncertified), in-process, after one warm-up call so that the
  JIT compilation is not timed.  Its pivot count is shown: gametrust follows
  the same path.
* ``gambit``: ``pygambit.nash.lcp_solve(g, rational=False, stop_after=1)``
  (floats; it takes no starting label) in a subprocess with a timeout.
* ``nashpy`` (``--nashpy``): ``Game.lemke_howson(initial_dropped_label=label)``
  in a subprocess with a timeout (its float tableau overflows on large games).

Times are the best of ``--repeat`` rounds, the in-process runs alternating
within a round (the machine is shared: load changes hit all alike); ratios are
peer / gametrust on the same game (above 1: gametrust is faster).  A float
answer is checked against the game with the float tolerance; gametrust's
exactly.

    python benchmarks/bench_lemke_howson.py                         # n = 100, seeds 0..4
    python benchmarks/bench_lemke_howson.py --sizes 200 400 --seeds 0 1 2 --repeat 1
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np

from gametrust import NormalFormGame, is_nash
from gametrust.solvers.lemke_howson import lemke_howson
from gametrust.solvers.lemke_howson_float import float_path
from gametrust.solvers.lemke_howson_kernel import compiled
from gametrust.solvers.result import certify

_NASHPY_CHILD = """
import json, sys, time, warnings
import numpy as np
import nashpy
a, b, label = json.load(sys.stdin)
game = nashpy.Game(np.array(a, dtype=float), np.array(b, dtype=float))
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    start = time.perf_counter()
    x, y = game.lemke_howson(initial_dropped_label=label)
    elapsed = time.perf_counter() - start
print(json.dumps({"time": elapsed, "x": [float(v) for v in x], "y": [float(v) for v in y]}))
"""

_GAMBIT_CHILD = """
import json, sys, time
import numpy as np
import pygambit
a, b, label = json.load(sys.stdin)
game = pygambit.Game.from_arrays(np.array(a, dtype=float), np.array(b, dtype=float))
start = time.perf_counter()
result = pygambit.nash.lcp_solve(game, rational=False, stop_after=1)
elapsed = time.perf_counter() - start
eq = result.equilibria[0]
rows, cols = game.players
print(json.dumps({"time": elapsed, "x": [float(eq[s]) for s in rows.strategies],
                  "y": [float(eq[s]) for s in cols.strategies]}))
"""


def random_matrices(size: int, seed: int) -> tuple[list, list]:
    rng = random.Random(seed)
    a = [[rng.randrange(100) for _ in range(size)] for _ in range(size)]
    b = [[rng.randrange(100) for _ in range(size)] for _ in range(size)]
    return a, b


def ours(
    a: list, b: list, label: int, arithmetic: str, kernel: str
) -> tuple[Callable[[], None], Callable]:
    """One timed gametrust run (a fresh game each time: nothing cached) and its note."""
    last: list = []

    def run() -> None:
        game = NormalFormGame.from_arrays(np.array(a), np.array(b))
        os.environ["GAMETRUST_KERNEL"] = kernel
        start = time.perf_counter()
        profile = lemke_howson(game, label, arithmetic=arithmetic)
        (equilibrium,) = certify(game, [profile], method="lemke-howson")
        last[:] = [time.perf_counter() - start, equilibrium]

    def note() -> str:
        equilibrium = last[1]
        assert equilibrium.regret == 0
        x, y = equilibrium.strategies
        bits = max(p.denominator.bit_length() for p in x + y)
        support = sum(p > 0 for p in x), sum(p > 0 for p in y)
        return f"certified, supports {support[0]}+{support[1]}, denominators {bits} bits"

    return run, lambda: (last[0], note())


def quantecon(a: list, b: list, label: int) -> tuple[Callable[[], None], Callable] | None:
    """One timed QuantEcon run (after a warm-up call: no JIT compilation timed)."""
    try:
        import quantecon.game_theory as gt
    except ImportError:
        return None
    game = gt.NormalFormGame(
        (gt.Player(np.array(a, dtype=float)), gt.Player(np.array(b, dtype=float).T))
    )
    gt.lemke_howson(gt.NormalFormGame((gt.Player(np.ones((2, 2))), gt.Player(np.ones((2, 2))))))
    last: list = []

    def run() -> None:
        start = time.perf_counter()
        (x, y), info = gt.lemke_howson(game, init_pivot=label, full_output=True)
        last[:] = [time.perf_counter() - start, x, y, info.num_iter]

    def note() -> str:
        _, x, y, pivots = last
        return _float_check(a, b, list(x), list(y)) + f", {pivots} pivots"

    return run, lambda: (last[0], note())


def our_pivots(a: list, b: list, label: int) -> int | str:
    """The length of gametrust's float path (the payoffs made positive as lemke_howson does)."""
    a_pos, b_pos = (np.array(m, dtype=np.int64) for m in (a, b))
    end = float_path(a_pos - a_pos.min() + 1, b_pos - b_pos.min() + 1, label)
    return "lost" if end is None else end.pivots


def interleaved(runs: list, repeat: int) -> list[float]:
    """Best time of each run over ``repeat`` rounds, the runs alternating within a round
    (on a shared machine the load then changes for all of them alike)."""
    best = [float("inf")] * len(runs)
    for _ in range(repeat):
        for k, (run, result) in enumerate(runs):
            run()
            best[k] = min(best[k], result()[0])
    return best


def _float_check(a: list, b: list, x: list, y: list) -> str:
    game = NormalFormGame.from_arrays(a, b).to_float()
    if any(v != v for v in x + y) or not is_nash(game, (x, y)):
        return "NOT an equilibrium"
    return "float eq"


def run_child(child: str, a: list, b: list, label: int, timeout: float) -> tuple[float | None, str]:
    try:
        done = subprocess.run(
            [sys.executable, "-c", child],
            input=json.dumps([a, b, label]),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None, f"did not finish in {timeout:g} s"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return None, f"crashed: {last[:60]}"
    out = json.loads(done.stdout)
    return out["time"], _float_check(a, b, out["x"], out["y"])


def _cell(t: float | None) -> str:
    return "-" if t is None else f"{t:.4g}"


def _ratio(t: float | None, ours: float) -> str:
    return "-" if t is None else f"{t / ours:.3g}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--label", type=int, default=0, help="initial dropped label")
    parser.add_argument("--repeat", type=int, default=7, help="best of this many rounds")
    parser.add_argument("--timeout", type=float, default=120.0, help="per subprocess peer (s)")
    parser.add_argument("--arithmetic", default="auto", choices=["auto", "exact", "float"])
    parser.add_argument("--no-gambit", action="store_true")
    parser.add_argument("--nashpy", action="store_true", help="also run nashpy")
    args = parser.parse_args(argv)
    kernels = ["numpy"] + (["compiled"] if compiled() is not None else [])  # imports numba
    if len(kernels) == 2:  # load the compiled code now (as QuantEcon's warm-up call does)
        warm = np.ones((2, 2), dtype=np.int64)
        float_path(warm, warm, 0, kernel="compiled")
    print(f"Lemke-Howson, label {args.label}, random n x n games, payoffs 0..99, "
          f"best of {args.repeat}; ratio = peer time / gametrust time; kernels {kernels}")
    print("| n | seed | pivots (qe / ours) | gametrust numpy s | x qe | gametrust compiled s | "
          "x qe | quantecon s | gambit s | x gambit (numpy) | notes |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for size in args.sizes:
        for seed in args.seeds:
            a, b = random_matrices(size, seed)
            runs = [ours(a, b, args.label, args.arithmetic, kernel) for kernel in kernels]
            peer = quantecon(a, b, args.label)
            runs += [] if peer is None else [peer]
            times = interleaved(runs, args.repeat)
            notes = [runs[0][1]()[1]]
            qe, pivots = None, "-"
            if peer is not None:
                qe, qe_note = times[-1], peer[1]()[1]
                pivots = qe_note.rsplit(", ", 1)[1].split()[0]
                notes.append(f"qe: {qe_note}")
            mine = times[0]
            if args.arithmetic != "exact":  # gametrust's own path length (untimed)
                pivots = f"{pivots} / {our_pivots(a, b, args.label)}"
            fast = times[1] if len(kernels) == 2 else None
            if args.no_gambit:
                gb, gb_note = None, "skipped"
            else:
                gb, gb_note = run_child(_GAMBIT_CHILD, a, b, args.label, args.timeout)
            notes.append(f"gambit: {gb_note}")
            if args.nashpy:
                np_time, np_note = run_child(_NASHPY_CHILD, a, b, args.label, args.timeout)
                shown = "-" if np_time is None else f"{np_time:.4g} s"
                notes.append(f"nashpy: {shown} {np_note}")
            print(f"| {size} | {seed} | {pivots} | {mine:.4g} | {_ratio(qe, mine)} | "
                  f"{_cell(fast)} | {'-' if fast is None else _ratio(qe, fast)} | {_cell(qe)} | "
                  f"{_cell(gb)} | {_ratio(gb, mine)} | {'; '.join(notes)} |", flush=True)

if __name__ == "__main__":
    main()
