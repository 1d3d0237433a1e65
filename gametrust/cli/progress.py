"""Progress on standard error while a command works, and what was done when it is stopped.

:func:`showing_progress` listens to the engines' steps
(:mod:`gametrust.core.progress`) for the length of a command.  When standard
error is a terminal, a run that has lasted half a second draws one line,
redrawn at most ten times a second and erased when the work ends::

    sweep: solving the game at candidate points  37/120 [========>           ] 31%

Otherwise (a pipe, a file, a test) nothing is drawn.  Ctrl-C ends the
command with :class:`~gametrust.cli.errors.Interrupted`, which carries what was
done (:meth:`Bar.done`: the last step of each task, leaving out inner tasks that
ran several times, such as each solve's enumeration inside a sweep), so the one
error line says it (exit code 130)::

    error: interrupted (map: solving each cell: 37 of 400 done)

An engine may stop early on Ctrl-C and return what it has (a two-player
enumeration lists the equilibria found so far, marked incomplete): the bar
notes the signal, so the command still ends with that line and exit code 130
after printing the partial answer, and a batch stops at the next step.
"""

from __future__ import annotations

import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TextIO

from ..core.errors import InputError
from ..core.progress import Step, reporting
from .errors import Interrupted, interrupted, naming_file

__all__ = ["Bar", "showing_progress", "working_on"]

#: Seconds before the bar first appears, between redraws, and that a task keeps the line
#: after its last step while another task reports.
DELAY, INTERVAL, HOLD = 0.5, 0.1, 1.0


class Bar:
    """Listens to steps; draws them on ``stream`` when it is a terminal."""

    def __init__(self, stream: TextIO, *, draw: bool | None = None) -> None:
        self.stream = stream
        self.draw = stream.isatty() if draw is None else draw
        self.start = time.monotonic()
        self.shown = 0.0  # when the line was last drawn (0: never)
        self.last: Step | None = None  # the step shown (or that would be)
        self.seen = 0.0  # when its task last reported
        self.latest: dict[str, Step] = {}  # each task's last step, in the order tasks began
        self.repeated: set[str] = set()  # tasks that started over (inner loops)
        self.began: dict[str, int] = {}  # when (the how-many-th step) each task began
        self.reported: dict[str, int] = {}  # and when it last reported
        self.count = 0  # steps seen
        self.interrupted = False  # Ctrl-C was pressed (an engine may have returned early)

    def __call__(self, step: Step) -> None:
        if self.interrupted:  # an engine returned early on Ctrl-C: stop at the next step
            raise KeyboardInterrupt
        previous = self.latest.get(step.task)
        if previous is not None and step.done < previous.done:
            self.repeated.add(step.task)
        self.latest[step.task] = step
        self.count += 1
        self.began.setdefault(step.task, self.count)
        self.reported[step.task] = self.count
        now = time.monotonic()
        # an outer task (a sweep's solves) keeps the line while it reports; the steps of
        # an inner one (each solve's enumeration) show only when the outer task is quiet
        if self.last is not None and step.task != self.last.task and now - self.seen < HOLD:
            return
        self.last, self.seen = step, now
        if not self.draw or now - self.start < DELAY or now - self.shown < INTERVAL:
            return
        self.shown = now
        self.stream.write("\r" + self.line(step, shutil.get_terminal_size().columns) + "\x1b[K")
        self.stream.flush()

    @staticmethod
    def line(step: Step, width: int) -> str:
        """The text of the bar for ``step``, at most ``width - 1`` characters.

        >>> Bar.line(Step("sweep", 30, 120), 60)
        'sweep  30/120 [========>                             ]  25%'
        >>> Bar.line(Step("check", 7), 60)
        'check  7 done'
        """
        if step.total is None or step.total <= 0:
            return f"{step.task}  {step.done:,} done"[: width - 1]
        done = min(step.done, step.total)
        head = f"{step.task}  {done:,}/{step.total:,} "
        tail = f" {100 * done // step.total:3d}%"
        room = width - 1 - len(head) - len(tail) - 2
        if room < 10:
            return (head + tail)[: width - 1]
        filled = room * done // step.total
        arrow = "=" * max(filled - 1, 0) + (">" if filled else "")
        return f"{head}[{arrow.ljust(room)}]{tail}"

    def done(self) -> tuple[Step, ...]:
        """What was done: the last step of each task still under way, outermost first.

        Left out: inner tasks that started over (each solve's enumeration inside a
        sweep), a task that has not reported since a later one began and has no unit
        left to start (a phase that ended: the solve before a learning run; steps are
        reported as each unit starts), and a task that has not reported since an
        enclosing one did (the claims of the file before).  The last step reported
        when nothing is left.

        >>> bar = Bar(sys.stderr, draw=False)
        >>> for k in range(3):
        ...     bar(Step("map: cells", k, 9))
        ...     for j in range(2):
        ...         bar(Step("enumeration", j, 2))
        >>> [str(s) for s in bar.done()]
        ['map: cells: 2 of 9 done']
        """
        began, reported = self.began, self.reported
        tasks = [t for t in self.latest if t not in self.repeated]
        kept = []
        for k, task in enumerate(tasks):
            last = self.latest[task]
            unstarted = last.total is not None and last.done < last.total - 1
            later = [began[u] for u in self.latest if began[u] > began[task]]
            if later and reported[task] < min(later) and not unstarted:
                continue  # a phase that ended before the next began (or is on its last unit)
            if any(reported[outer] > reported[task] for outer in tasks[:k]):
                continue  # an inner task of an enclosing one that has moved on
            kept.append(self.latest[task])
        if kept:
            return tuple(kept)
        return () if self.last is None else (self.last,)

    def clear(self) -> None:
        """Erase the line, if one was drawn."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = 0.0


@contextmanager
def showing_progress(stream: TextIO | None = None) -> Iterator[Bar]:
    """Show the engines' progress on ``stream`` (standard error) while the block runs."""
    bar = Bar(stream if stream is not None else sys.stderr)
    previous = _catch_ctrl_c(bar)
    try:
        with reporting(bar):
            yield bar
    except Interrupted:
        raise
    except BaseException as exc:
        if interrupted(exc):
            raise Interrupted(*bar.done()) from None
        raise
    finally:
        bar.clear()
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    if bar.interrupted:  # an engine returned what it had: the command printed it, now stop
        raise Interrupted(*bar.done())


def _catch_ctrl_c(bar: Bar) -> signal.Handlers | object | None:
    """Note Ctrl-C in ``bar`` (then raise KeyboardInterrupt as Python does); the handler
    it replaces (``None``: not the main thread, where Python handles signals)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    previous = signal.getsignal(signal.SIGINT)

    def note(signum: int, frame: FrameType | None) -> None:
        bar.interrupted = True
        signal.default_int_handler(signum, frame)

    signal.signal(signal.SIGINT, note)
    return previous


@contextmanager
def working_on(file: str | None) -> Iterator[Bar]:
    """:func:`showing_progress` for the work on ``file``: a limit reached deep inside the
    work (which names no file) is reported as ``file``'s."""
    with showing_progress() as bar:
        try:
            yield bar
        except InputError as exc:
            located = exc if file is None else naming_file(exc, file)
            if located is exc:
                raise
            raise located from None
