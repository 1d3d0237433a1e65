"""Running a mutated case's command lines in-process, and judging what came out.

A run is *acceptable* when it ends with exit code 0 or 2 (``check`` may also
end with 1: a claim fails, with the report on standard output and nothing on
standard error), an exit code 2 comes with exactly one line on standard error
that starts with ``error: ``, and nothing is an internal error (exit 1 with
``internal error: ...``), a traceback, or over the time limit.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from gametrust.cli import cli

__all__ = ["Outcome", "run_command", "time_limit", "verdict"]


class TimeLimit(BaseException):
    """The run took longer than its time limit (raised by the alarm signal)."""


@dataclass(frozen=True)
class Outcome:
    """What one command line did."""

    args: tuple[str, ...]
    exit_code: int
    stderr: str  # without the traceback
    seconds: float  # wall time
    timed_out: bool = False
    trace: str = ""  # the traceback GAMETRUST_DEBUG=1 prints
    cpu: float = 0.0  # processor time of this process (the run, in a forked child)

    @property
    def where(self) -> str:
        """The innermost gametrust frame of the traceback: ``path:line in function``."""
        frames = [line.strip() for line in self.trace.splitlines()
                  if line.strip().startswith('File "') and "/gametrust/" in line]
        if not frames:
            return ""
        path, _, rest = frames[-1].removeprefix('File "').partition('", line ')
        return f"gametrust/{path.rpartition('/gametrust/')[2]}:{rest.replace(', in ', ' in ')}"


def _runner() -> CliRunner:
    try:  # click < 8.2 mixes stderr into stdout unless told not to
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


@contextmanager
def time_limit(seconds: float, cpu: bool = False) -> Iterator[None]:
    """Raise :class:`TimeLimit` in the main thread after ``seconds`` (0: no limit) of wall
    time, or of the process's processor time when ``cpu`` (a loaded machine slows a run's
    wall clock, not its processor time)."""
    if not seconds:
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise TimeLimit

    signum, timer = (
        (signal.SIGPROF, signal.ITIMER_PROF) if cpu else (signal.SIGALRM, signal.ITIMER_REAL)
    )
    previous = signal.signal(signum, alarm)
    signal.setitimer(timer, seconds)
    try:
        yield
    finally:
        signal.setitimer(timer, 0)
        signal.signal(signum, previous)


def run_command(args: list[str], path: Path, seconds: float = 0, cpu: bool = False) -> Outcome:
    """Run ``gametrust ARGS`` in-process, ``FILE`` in ``args`` standing for ``path``, for at
    most ``seconds`` of wall time (of processor time when ``cpu``)."""
    args = [str(path) if a == "FILE" else a for a in args]
    start, start_cpu = time.perf_counter(), time.process_time()
    timed_out = False
    try:
        with time_limit(seconds, cpu):
            result = _runner().invoke(cli, args, catch_exceptions=True)
        code, stderr = result.exit_code, result.stderr
        if isinstance(result.exception, TimeLimit) or "TimeLimit" in stderr:
            timed_out = True
    except TimeLimit:
        code, stderr, timed_out = -1, "", True
    trace = ""
    if stderr.startswith("Traceback"):  # GAMETRUST_DEBUG=1: the traceback, then the line
        trace, _, stderr = stderr.rstrip("\n").rpartition("\n")
    return Outcome(tuple(args), code, stderr, time.perf_counter() - start, timed_out, trace,
                   time.process_time() - start_cpu)


def verdict(outcome: Outcome) -> str | None:
    """Why the run is not acceptable (None: it is)."""
    if outcome.timed_out:
        return "time limit"
    lines = outcome.stderr.splitlines()
    if any(line.startswith("internal error") for line in lines) or "Traceback" in outcome.stderr:
        return "internal error"
    code = outcome.exit_code
    if code == 1 and outcome.args[0] == "check" and not lines:
        return None  # a claim fails: the report says which
    if code not in (0, 2):
        return f"exit code {code}"
    if code == 2:
        if len(lines) != 1:
            return "not one line"
        if not all(line.startswith("error: ") for line in lines):
            return "not an error line"
    return None
