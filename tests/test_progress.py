"""Every long command reports progress, and Ctrl-C stops it cleanly saying what was done.

For each long-running command (sweeps of every kind, 2-D maps, check, batch
solve and check, a large two-player enumeration, learning dynamics, the QRE
path, repeated play, the shared page): the command line's progress bar sees
the engine's steps; nothing is drawn when standard error is not a terminal; a
real SIGINT sent while the work runs ends the command with exit code 130, no
traceback, and one last line ``error: interrupted (...)`` naming what was done.
"""

from __future__ import annotations

import io
import os
import signal

import numpy as np
import pytest
from click.testing import CliRunner

import gametrust.cli.progress as cli_progress
from gametrust.cli import cli
from gametrust.cli.errors import EXIT_INTERRUPTED, Interrupted
from gametrust.core.progress import Step, step

KOREA = "scenarios/korea.yaml"
STAG = "scenarios/stag_hunt.yaml"
WIDE = "tests/fixtures/scale/stag_hunt_wide.yaml"
CANDIDATES = "sweep: solving the game at candidate points"

#: (command, a task its engine must report); "R9" is a random 9x9 game.
LONG = [
    (["sweep", KOREA, "--empathy"], CANDIDATES),
    (["sweep", KOREA, "--empathy", "US", "--empathy", "DPRK"], "map: solving each cell"),
    (["sweep", "scenarios/korea_trust.yaml", "--prior", "common"], CANDIDATES),
    (["sweep", "scenarios/kydd_reassurance.yaml", "--empathy"], CANDIDATES),
    (["sweep", "scenarios/agreed_framework_1994.yaml", "--param", "bond"],
     "sweep: polynomials of the best-response polytopes"),
    (["sweep", "scenarios/inspection_mixed_leadership.yaml", "--param", "gain"], CANDIDATES),
    (["sweep", "scenarios/korea_repeated.yaml", "--param", "delta"],
     "sweep: equilibrium sets of each pair of strategies"),
    (["check", WIDE, "--seed", "1", "--examples", "30"],
     "check: hunting stag together is an equilibrium"),
    (["check", WIDE, WIDE, "--seed", "1", "--examples", "5"], "check: files"),
    (["solve", KOREA, STAG, "R9"], "solve: files"),
    (["solve", "R9"], "enumerating vertices of the best-response polytopes"),
    (["learn", STAG, "--dynamics", "fictitious", "--iterations", "1500"],
     "learn: fictitious play iterations"),
    (["qre", STAG], "qre: path-following steps"),
    (["play", "scenarios/korea_repeated.yaml", "--noise", "1/20", "--runs", "20"], "play: runs"),
    (["report", KOREA, "-o", "-"], CANDIDATES),
]


@pytest.fixture(scope="module")
def random_9x9(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A random 9x9 game: its exact enumeration takes a few hundred bases per polytope."""
    rng = np.random.default_rng(7)
    a, b = rng.integers(0, 100, (9, 9)), rng.integers(0, 100, (9, 9))
    payoffs = " ".join(f"{a[i, j]} {b[i, j]}" for j in range(9) for i in range(9))
    path = tmp_path_factory.mktemp("progress") / "random9.nfg"
    path.write_text('NFG 1 R "random 9x9" { "P1" "P2" } { 9 9 }\n\n' + payoffs + "\n")
    return str(path)


def _run(monkeypatch: pytest.MonkeyPatch, args: list[str], stop_at: str | None = None) -> tuple[
    object, list[Step]
]:
    """Run the command, recording the steps the bar sees; with ``stop_at``, send SIGINT (as
    Ctrl-C does) at the second step of that task."""
    seen: list[Step] = []
    bar_step = cli_progress.Bar.__call__

    def listen(bar: cli_progress.Bar, step: Step) -> None:
        seen.append(step)
        bar_step(bar, step)
        if stop_at is not None and step.task == stop_at and sum(
                s.task == stop_at for s in seen) == 2:
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(cli_progress.Bar, "__call__", listen)
    result = CliRunner().invoke(cli, args)
    monkeypatch.setattr(cli_progress.Bar, "__call__", bar_step)
    return result, seen


@pytest.mark.parametrize(("args", "task"), LONG, ids=[" ".join(a[:2]) + f" {k}"
                                                       for k, (a, _) in enumerate(LONG)])
def test_long_commands_report_progress_and_stop_cleanly_on_ctrl_c(
    monkeypatch: pytest.MonkeyPatch, random_9x9: str, args: list[str], task: str
) -> None:
    args = [random_9x9 if a == "R9" else a for a in args]
    done, seen = _run(monkeypatch, args)
    assert done.exit_code in (0, 1), done.output  # check: 1 when a claim fails
    assert task in {s.task for s in seen}
    assert "\r" not in done.stderr and "[" not in done.stderr  # not a terminal: no bar

    stopped, _ = _run(monkeypatch, args, stop_at=task)
    assert stopped.exit_code == EXIT_INTERRUPTED, stopped.output
    last = stopped.stderr.splitlines()[-1]
    assert last.startswith("error: interrupted (") and task in last, last
    assert "Traceback" not in stopped.output
    if args[0] == "solve" and len(args) == 2:  # the enumeration returned what it had found
        assert "the enumeration was interrupted" in stopped.stdout


def test_what_was_done_leaves_out_inner_tasks_that_started_over() -> None:
    bar = cli_progress.Bar(io.StringIO(), draw=False)
    for k in range(4):
        bar(Step("map: solving each cell", k, 9))
        for j in range(3):
            bar(Step("enumeration", j, 3))
    bar(Step("sweep: solving the game at candidate points", 5))
    assert [str(s) for s in bar.done()] == [
        "map: solving each cell: 3 of 9 done",
        "sweep: solving the game at candidate points: 5 done",
    ]


def test_what_was_done_keeps_an_outer_task_with_units_left_and_drops_an_ended_phase() -> None:
    bar = cli_progress.Bar(io.StringIO(), draw=False)
    bar(Step("check: files", 0, 3))  # the first file's claims are under way
    bar(Step("check: claims", 0, 2))
    bar(Step("check: a claim", 7, 100))
    assert [str(s) for s in bar.done()] == [
        "check: files: 0 of 3 done", "check: claims: 0 of 2 done", "check: a claim: 7 of 100 done"]
    bar = cli_progress.Bar(io.StringIO(), draw=False)
    bar(Step("enumeration", 0, 2))
    bar(Step("enumeration", 1, 2))  # its last unit: ended before the learning run began
    bar(Step("learn: iterations", 1000, 5000))
    assert [str(s) for s in bar.done()] == ["learn: iterations: 1,000 of 5,000 done"]


def test_on_a_terminal_the_bar_is_drawn_then_erased_before_the_interrupted_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(cli_progress, "DELAY", 0.0)
    monkeypatch.setattr(cli_progress, "INTERVAL", 0.0)
    stream = Terminal()
    with pytest.raises(Interrupted) as info, cli_progress.showing_progress(stream):
        for k in range(3):
            step("counting", k, 10)
        os.kill(os.getpid(), signal.SIGINT)
    assert [str(s) for s in info.value.steps] == ["counting: 2 of 10 done"]
    assert "counting  2/10 [" in stream.getvalue()
    assert stream.getvalue().endswith("\r\x1b[K")  # erased: the error line starts clean


def test_ctrl_c_stops_a_busy_local_worker_and_an_idle_one_ignores_it(
    capfd: pytest.CaptureFixture[str],
) -> None:
    """Ctrl-C at a terminal reaches every process of the group: an idle worker of
    ``--workers N`` printed a traceback from its queue; now it ignores the signal, and a
    worker running a chunk stops it (the future carries the KeyboardInterrupt back)."""
    import time

    from gametrust.analysis.parallel import map_ordered, open_executor, run_chunk

    with open_executor(2) as pool:
        assert map_ordered(abs, [-1, -2], pool) == [1, 2]  # the workers are up, idle
        workers = list(pool._processes)  # type: ignore[union-attr]
        for pid in workers:
            os.kill(pid, signal.SIGINT)
        assert map_ordered(abs, [-3, -4], pool) == [3, 4]  # they ignored it
        busy = pool.submit(run_chunk, time.sleep, [0.05] * 600)  # 30 s unless stopped
        deadline = time.monotonic() + 30
        while not busy.done() and time.monotonic() < deadline:
            for pid in workers:
                os.kill(pid, signal.SIGINT)
            time.sleep(0.2)
        with pytest.raises(KeyboardInterrupt):
            busy.result(timeout=1)
    assert "Traceback" not in capfd.readouterr().err
