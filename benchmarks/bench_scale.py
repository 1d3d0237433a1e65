"""Serial against two workers: a large 2-D map and a 500-example check (docs/scale.md).

Usage::

    python benchmarks/bench_scale.py [--workers 2] [--examples 500] [--no-dask]

Two jobs, each run serially, on a local ``ProcessPoolExecutor`` of
``--workers`` processes, and on a Dask ``LocalCluster`` of as many
single-threaded worker processes (unless ``--no-dask`` or ``distributed`` is
missing), one after the other in one run, each once (the cluster and the pool
are started before the clock starts; a worker's first task also imports
gametrust, which is in the times):

* ``map``: ``gametrust.sweep(ladder, ("empathy:A", "empathy:B"))`` over
  ``[0, 1]^2`` for ``benchmarks/scenarios/escalation_4x4.yaml`` (a 4x4 game;
  its plane splits into 1,147 cells, each solved exactly);
* ``check``: ``gametrust.check(stag_hunt, examples=500, seed=3, prove=False)``
  for ``scenarios/stag_hunt.yaml`` (four claims, each searched with 500
  examples and then spread over the ranges).

Each parallel answer is compared with the serial one (``==`` of the values);
the script prints wall times, the ratio, the machine's load average before
and after (another job on the machine slows every column) and ``same``.
"""

from __future__ import annotations

import argparse
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import gametrust

ROOT = Path(__file__).resolve().parent.parent


def jobs(examples: int) -> dict[str, Any]:
    ladder = gametrust.load(ROOT / "benchmarks" / "scenarios" / "escalation_4x4.yaml")
    stag = gametrust.load(ROOT / "scenarios" / "stag_hunt.yaml")
    return {
        "map (4x4, 1,147 cells)": lambda ex: gametrust.sweep(
            ladder, ("empathy:A", "empathy:B"), executor=ex),
        f"check ({examples} examples, 4 claims)": lambda ex: gametrust.check(
            stag, examples=examples, seed=3, prove=False, executor=ex),
    }


def timed(fn: Any, executor: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn(executor)
    return time.perf_counter() - start, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--examples", type=int, default=500)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}; cores: {os.cpu_count()}")
    cluster = client = None
    if not args.no_dask:
        try:
            from distributed import Client, LocalCluster

            cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1,
                                   processes=True, dashboard_address=None)
            client = Client(cluster)
        except ImportError:
            print("distributed is not installed: no Dask column")
    print(f"{'job':34} {'serial s':>9} {'pool s':>9} {'x':>6} {'dask s':>9} {'x':>6} same")
    with ProcessPoolExecutor(args.workers) as pool:
        for name, fn in jobs(args.examples).items():
            serial, expected = timed(fn, None)
            local, got = timed(fn, pool)
            same = got == expected
            row = f"{name:34} {serial:9.2f} {local:9.2f} {serial / local:6.2f}"
            if client is not None:
                dask, got = timed(fn, client.get_executor())
                same = same and got == expected
                row += f" {dask:9.2f} {serial / dask:6.2f}"
            print(f"{row} {same}")
    if client is not None:
        client.close()
        cluster.close()  # type: ignore[union-attr]
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
