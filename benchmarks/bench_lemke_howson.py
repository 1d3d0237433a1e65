"""Exact Lemke–Howson (gametrust) against nashpy's float Lemke–Howson.

Random n x n games with integer payoffs 0..99 (``random.Random(seed)``); both
solvers drop the same label (0 unless ``--label``).  nashpy runs in a
subprocess with a timeout, because its float tableau overflows on large games
and it can then pivot forever; a run that does not finish, crashes, or returns
something that is not an equilibrium is reported as such.  Every gametrust
answer is certified exactly.

    python benchmarks/bench_lemke_howson.py                  # n = 10, 25, 50, 100
    python benchmarks/bench_lemke_howson.py --sizes 100 --seeds 0 1 2 --zero-sum
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time

from gametrust import NormalFormGame, is_nash
from gametrust.solvers.lemke_howson import lemke_howson

_NASHPY_CHILD = """
import json, sys, time, warnings
import numpy as np
import nashpy
a, b, label = json.load(sys.stdin)
game = nashpy.Game(np.array(a, dtype=float), np.array(b, dtype=float))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    start = time.perf_counter()
    x, y = game.lemke_howson(initial_dropped_label=label)
    elapsed = time.perf_counter() - start
print(json.dumps({"time": elapsed, "x": [float(v) for v in x], "y": [float(v) for v in y],
                  "warnings": sorted({str(w.category.__name__) for w in caught})}))
"""


def random_matrices(size: int, seed: int, zero_sum: bool) -> tuple[list, list]:
    rng = random.Random(seed)
    a = [[rng.randrange(100) for _ in range(size)] for _ in range(size)]
    if zero_sum:
        b = [[99 - v for v in row] for row in a]
    else:
        b = [[rng.randrange(100) for _ in range(size)] for _ in range(size)]
    return a, b


def run_ours(a: list, b: list, label: int) -> tuple[float, str]:
    game = NormalFormGame.from_arrays(a, b)
    start = time.perf_counter()
    x, y = lemke_howson(game, label)
    elapsed = time.perf_counter() - start
    if not is_nash(game, (x, y)):  # exact check: regret == 0
        return elapsed, "NOT AN EQUILIBRIUM"
    support = sum(p > 0 for p in x), sum(p > 0 for p in y)
    bits = max(p.denominator.bit_length() for p in x + y)
    return elapsed, f"exact eq, supports {support[0]}+{support[1]}, denominators {bits} bits"


def run_nashpy(a: list, b: list, label: int, timeout: float) -> tuple[float | None, str]:
    try:
        done = subprocess.run(
            [sys.executable, "-c", _NASHPY_CHILD],
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
    game = NormalFormGame.from_arrays(a, b).to_float()
    x, y = out["x"], out["y"]
    note = f" (warnings: {', '.join(out['warnings'])})" if out["warnings"] else ""
    if len(x) != game.shape[0] or len(y) != game.shape[1]:
        return out["time"], "wrong shape" + note
    if any(v != v for v in x + y) or not is_nash(game, (x, y)):
        return out["time"], "NOT an equilibrium (NaN or regret > tolerance)" + note
    return out["time"], "float eq" + note


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 25, 50, 100])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--timeout", type=float, default=20.0, help="nashpy timeout (s)")
    parser.add_argument("--zero-sum", action="store_true", help="B = 99 - A (no pure eq)")
    parser.add_argument("--label", type=int, default=0, help="initial dropped label")
    parser.add_argument("--no-nashpy", action="store_true")
    args = parser.parse_args(argv)
    kind = "constant-sum" if args.zero_sum else "random"
    print(f"Lemke-Howson, label {args.label}, {kind} n x n games, payoffs 0..99")
    print(f"{'n':>4} {'seed':>4} | {'gametrust':>10}  {'':<48} | {'nashpy':>10}  result")
    for size in args.sizes:
        for seed in args.seeds:
            a, b = random_matrices(size, seed, args.zero_sum)
            ours_time, ours_note = run_ours(a, b, args.label)
            if args.no_nashpy:
                theirs_time, theirs_note = None, "skipped"
            else:
                theirs_time, theirs_note = run_nashpy(a, b, args.label, args.timeout)
            theirs = "-" if theirs_time is None else f"{theirs_time:.3f} s"
            print(
                f"{size:>4} {seed:>4} | {ours_time:>8.3f} s  {ours_note:<48} | "
                f"{theirs:>10}  {theirs_note}",
                flush=True,
            )


if __name__ == "__main__":
    main()
