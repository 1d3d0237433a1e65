"""One equilibrium of N-player games too large to enumerate: gametrust's logit method and Gambit's.

    python benchmarks/bench_logit.py [--games 3] [--limit 60]

Random integer games (payoffs 0..99, numpy seed = game number) of shapes past
the enumeration's support limit.  gametrust: ``solve(game, method="logit")``
(logit path in floats, its end solved exactly and certified, otherwise an
approximate profile with its exact regret).  Gambit 16.7.0 (skipped if
pygambit is missing): ``logit_solve`` (its logit path tracer), ``gnm_solve``
(global Newton) and ``simpdiv_solve`` (simplicial subdivision), each in a
forked worker with a time limit; their answers are floats, and the column
``regret`` is the maximum regret of their profile computed by Gambit
(``max_regret``), or gametrust's exact regret (``0`` = a certified equilibrium).
CPU time of the process that solves (``time.process_time``), median over the games.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import time
from fractions import Fraction

import numpy as np

from gametrust import NormalFormGame, solve

SHAPES = [(4, 4, 4, 4), (3,) * 6, (2,) * 8, (6, 6, 6, 6)]


def _gametrust(payoffs: np.ndarray) -> tuple[float, str, str]:
    game = NormalFormGame.from_arrays(*payoffs)
    start = time.process_time()
    result = solve(game, method="logit")
    spent = time.process_time() - start
    if len(result):
        return spent, "exact", "0"
    bound = Fraction(result.to_dict()["approximate"]["max_regret"])
    return spent, "approximate", f"{float(bound):.2e}"


def _gambit_worker(payoffs: np.ndarray, method: str, queue: mp.Queue) -> None:
    import pygambit as gbt

    try:
        game = gbt.Game.from_arrays(*[p.astype(int) for p in payoffs])
        start = time.process_time()
        if method == "simpdiv":  # from the centroid, in exact arithmetic as Gambit's default
            result = gbt.nash.simpdiv_solve(game.mixed_strategy_profile(rational=True))
        else:
            result = {"logit": gbt.nash.logit_solve, "gnm": gbt.nash.gnm_solve}[method](game)
        spent = time.process_time() - start
        regret = min((float(e.max_regret()) for e in result.equilibria), default=float("nan"))
        queue.put((spent, len(result.equilibria), regret))
    except Exception as exc:  # reported, never a hang of the parent
        queue.put((float("nan"), f"error: {type(exc).__name__}", float("nan")))


def _gambit(payoffs: np.ndarray, method: str, limit: float) -> tuple[float, str, str]:
    queue: mp.Queue = mp.Queue()
    worker = mp.get_context("fork").Process(target=_gambit_worker, args=(payoffs, method, queue))
    worker.start()
    worker.join(limit)
    if worker.is_alive():
        worker.kill()
        return limit, "timeout", "-"
    spent, found, regret = queue.get(timeout=5)
    return spent, f"{found} float", f"{regret:.2e}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--games", type=int, default=3)
    parser.add_argument("--limit", type=float, default=60.0)
    args = parser.parse_args()
    try:
        import pygambit  # noqa: F401

        methods = ["gametrust", "logit", "gnm", "simpdiv"]
    except ImportError:
        methods = ["gametrust"]
    print("| shape | method | median CPU s | ratio | answers | regret (per game) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for shape in SHAPES:
        games = [np.random.default_rng(seed).integers(0, 100, size=(len(shape), *shape))
                 for seed in range(args.games)]
        base = None
        for method in methods:
            rows = [_gametrust(g) if method == "gametrust" else _gambit(g, method, args.limit)
                    for g in games]
            median = statistics.median(r[0] for r in rows)
            base = base or median
            shape_text = "x".join(map(str, shape))
            print(f"| {shape_text} | {method} | {median:.3f} | {median / base:.2f} | "
                  f"{', '.join(r[1] for r in rows)} | {', '.join(r[2] for r in rows)} |",
                  flush=True)


if __name__ == "__main__":
    main()
