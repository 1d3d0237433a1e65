"""Progress on standard error while a command works, and what was done when it is stopped.

:func:`showing_progress` listens to the engines' steps
(:mod:`gametrust.core.progress`) for the length of a command.  When standard
error is a terminal, a run that has lasted half a second draws one line,
redrawn at most ten times a second and erased when the work ends::

    sweep: solving the game at candidate points  37/120 [========>           ] 31%

Otherwise (a pipe, a file, a test) nothing is drawn.  Ctrl-C ends the
command with :class:`~gametrust.cli.errors.Interrupted`, which carries the last step reported, so
the one error line says what was done (exit code 130).
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
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

    def __call__(self, step: Step) -> None:
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
    try:
        with reporting(bar):
            yield bar
    except Interrupted:
        raise
    except BaseException as exc:
        if interrupted(exc):
            raise Interrupted(bar.last) from None
        raise
    finally:
        bar.clear()


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
