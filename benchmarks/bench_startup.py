"""Wall time of ``gametrust solve scenarios/korea.yaml`` against ``python -c "import numpy"``.

Usage::

    python benchmarks/bench_startup.py [--repeats 5] [--scenario scenarios/korea.yaml]

Each command runs as a fresh subprocess; the best of ``--repeats`` runs is
reported.  ``python -c "import numpy"`` is the floor any numpy-based command
line pays; the difference is gametrust's own start-up and solve time.  The
``gametrust`` console script is used when it is on ``PATH``, otherwise
``python -c "from gametrust.cli import main; main()"`` (the same code without
the entry-point wrapper).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def best_of(command: Sequence[str], repeats: int) -> float:
    """Seconds of the fastest of ``repeats`` runs; exits if the command fails."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(
                f"{' '.join(command)} exited with {done.returncode}:\n{done.stderr.strip()[-2000:]}"
            )
        best = min(best, elapsed)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--scenario", default="scenarios/korea.yaml")
    args = parser.parse_args(argv)

    script = shutil.which("gametrust")
    cli = [script] if script else [sys.executable, "-c", "from gametrust.cli import main; main()"]
    rows = [
        ('python -c "import numpy"', [sys.executable, "-c", "import numpy"]),
        ('python -c "import gametrust"', [sys.executable, "-c", "import gametrust"]),
        (f"gametrust solve {args.scenario}", [*cli, "solve", args.scenario]),
    ]
    print(f"best of {args.repeats} runs, wall time")
    print()
    print("| command | ms | vs import numpy |")
    print("| --- | --- | --- |")
    floor = None
    for label, command in rows:
        seconds = best_of(command, args.repeats)
        floor = floor or seconds
        print(f"| `{label}` | {seconds * 1e3:.0f} | {seconds / floor:.2f}x |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
