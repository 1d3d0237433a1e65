"""The long fuzz run: N mutated inputs through validate, solve, sweep and check.

Usage::

    python tests/fuzz/run.py --inputs 100000 [--seed 0] [--workers 1] [--out fuzz-out]
                             [--hang 10] [--limit 60] [--memory-gb 1] [--start 0]

Input ``i`` is ``make_case(random.Random(f"{seed}:{i}"), sources())``
(tests/fuzz/mutations.py), so a run is reproducible and can be resumed
(``--start``) or split.  Each input is run in a child forked from a parent
that has imported everything once, under ``resource.setrlimit``: an address
space of 4 GB at most (a run cannot take the machine down) and CPU seconds;
each command line in the child has a limit on its processor time (``--limit``;
wall time on a shared machine says more about the other processes), and the
parent kills a child that outlives ten times all of its commands' limits.  A *hang* is
a run that used more than ``--hang`` seconds of processor time (wall time on
a shared machine says more about the other processes) or hit its limit.  The child's
peak resident memory comes from ``os.wait4``.

``validate`` runs on every input; when it accepts the file, so do ``solve``,
``sweep`` and ``check``, else one of them (they all load the file first).

Counted: runs by command and exit code; *internal errors* (exit 1 with
``internal error``, a traceback, or another exit code), grouped by the
innermost gametrust frame (run with ``GAMETRUST_DEBUG=1``); *hangs* (a run
over ``--hang`` seconds); inputs whose child peaked over ``--memory-gb``; and
messages that are not one ``error:`` line.  Every failure is written to
``--out`` as a reproducer (the input file and a JSON record with the command
lines), and the counts to ``--out/summary.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for fuzz.*
for _threads in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_threads, "1")  # one core per worker, before numpy is imported

from fuzz.harness import run_command, verdict  # noqa: E402
from fuzz.mutations import COMMANDS, make_case, sources  # noqa: E402

ADDRESS_SPACE = 4 * 2**30


def _warm() -> None:
    """Import what the commands import, once, in the parent (forks share it)."""
    import gametrust.analysis.check
    import gametrust.analysis.run
    import gametrust.report  # noqa: F401

    korea = sources()[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / korea.name
        path.write_text(korea.text, encoding="utf-8")
        for args in (["solve", "FILE"], ["sweep", "FILE", "--empathy"],
                     ["check", "FILE", "--seed", "0", "--examples", "5"]):
            run_command(args, path)


def _child(index: int, seed: int, directory: Path, limit: float, result: Path) -> None:
    """Run input ``index`` and write its outcomes to ``result`` (in the forked child)."""
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    cpu = int(limit * len(COMMANDS)) + 10
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    case = make_case(random.Random(f"{seed}:{index}"), sources())
    path = directory / f"input{index}{case.suffix}"
    path.write_text(case.text, encoding="utf-8", errors="surrogatepass")
    records = []
    first = run_command(case.commands[0], path, limit, cpu=True)
    outcomes = [first]
    rest = case.commands[1:]
    if first.exit_code != 0:
        rest = [random.Random(index).choice(rest)]
    outcomes += [run_command(args, path, limit, cpu=True) for args in rest]
    for o in outcomes:
        records.append({
            "args": [("FILE" if a == str(path) else a) for a in o.args],
            "exit": o.exit_code, "seconds": round(o.seconds, 3), "cpu": round(o.cpu, 3),
            "timed_out": o.timed_out,
            "stderr": o.stderr[-2000:], "where": o.where, "verdict": verdict(o),
        })
    result.write_text(json.dumps({"index": index, "origin": case.origin,
                                  "mutations": case.mutations, "runs": records}))
    path.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1000)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--hang", type=float, default=10.0)
    parser.add_argument("--limit", type=float, default=60.0)
    parser.add_argument("--memory-gb", type=float, default=1.0)
    parser.add_argument("--out", type=Path, default=Path("fuzz-out"))
    args = parser.parse_args(argv)
    os.environ["GAMETRUST_DEBUG"] = "1"  # tracebacks say where an internal error is
    args.out.mkdir(parents=True, exist_ok=True)
    _warm()
    work = Path(tempfile.mkdtemp(prefix="gametrust-fuzz-"))
    counts: Counter[str] = Counter()
    internal: Counter[str] = Counter()
    running: dict[int, tuple[int, float, Path]] = {}  # pid -> (index, start, result file)
    pending = iter(range(args.start, args.start + args.inputs))
    started = time.time()
    done = 0
    deadline = 10 * (args.limit * len(COMMANDS) + 30)  # wall time: a backstop on a busy machine

    def launch(index: int) -> None:
        result = work / f"result{index}.json"
        pid = os.fork()
        if pid == 0:
            try:
                _child(index, args.seed, work, args.limit, result)
            finally:
                os._exit(0)
        running[pid] = (index, time.time(), result)

    def record(index: int, result: Path, rss_kb: int, killed: bool) -> None:
        nonlocal done
        done += 1
        counts["inputs"] += 1
        failures = []
        if result.exists():
            data = json.loads(result.read_text())
            result.unlink()
        else:
            data = {"index": index, "runs": []}
            failures.append("no result (killed: over the wall-time or CPU limit, or crashed)")
            counts["children killed or crashed"] += 1
        for run in data["runs"]:
            counts["runs"] += 1
            counts[f"{run['args'][0]} exit {run['exit']}"] += 1
            if run["cpu"] > args.hang or run["timed_out"]:
                counts[f"hangs over {args.hang:g} s"] += 1
                failures.append(f"hang: {run['cpu']} s of processor time, {run['seconds']} s")
            problem = run["verdict"]
            if problem == "internal error" or (problem or "").startswith("exit code"):
                counts["internal errors"] += 1
                line = run["stderr"].splitlines()[-1] if run["stderr"] else "?"
                message = re.sub(r"\d+", "N", line.split(" (rerun")[0])[:140]
                internal[f"{run['where']}: {message}"] += 1
                failures.append(problem)
            elif problem in ("not one line", "not an error line"):
                counts["messages not one error line"] += 1
                failures.append(problem)
        if rss_kb > args.memory_gb * 2**20:
            counts[f"inputs over {args.memory_gb:g} GB"] += 1
            failures.append(f"memory: {rss_kb // 1024} MB")
        counts["peak MB (max)"] = max(counts["peak MB (max)"], rss_kb // 1024)
        if killed:
            failures.append("killed by the parent")
        if failures:
            case = make_case(random.Random(f"{args.seed}:{index}"), sources())
            stem = args.out / f"input{index}"
            stem.with_suffix(case.suffix).write_text(case.text, encoding="utf-8",
                                                     errors="surrogatepass")
            data.update(failures=failures, rss_mb=rss_kb // 1024, file=stem.name + case.suffix)
            stem.with_suffix(".json").write_text(json.dumps(data, indent=1))

    def reap(block: bool) -> None:
        while running:
            pid, _, usage = os.wait4(-1, 0 if block else os.WNOHANG)
            if pid == 0:
                return
            index, _, result = running.pop(pid)
            record(index, result, usage.ru_maxrss, killed=False)
            block = False

    def report() -> None:
        rate = done / max(time.time() - started, 1e-9)
        summary = {"command": " ".join(["python", "tests/fuzz/run.py", *(argv or sys.argv[1:])]),
                   "seconds": round(time.time() - started), "inputs per second": round(rate, 2),
                   "counts": dict(sorted(counts.items())),
                   "internal errors by place": dict(internal.most_common())}
        (args.out / "summary.json").write_text(json.dumps(summary, indent=1))

    def wait(most: int) -> None:
        """Until at most ``most`` children run, killing those past the deadline."""
        while len(running) > most:
            reap(block=False)
            now = time.time()
            for pid, (i, start, result) in list(running.items()):
                if now - start > deadline:
                    os.kill(pid, signal.SIGKILL)
                    _, _, usage = os.wait4(pid, 0)
                    running.pop(pid)
                    record(i, result, usage.ru_maxrss, killed=True)
            if len(running) > most:
                time.sleep(0.005)

    last_report = 0
    for index in pending:
        wait(args.workers - 1)
        launch(index)
        if done - last_report >= 500:
            last_report = done
            report()
    wait(0)
    report()
    print(json.dumps(json.loads((args.out / "summary.json").read_text()), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
