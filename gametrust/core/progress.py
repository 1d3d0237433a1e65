"""Progress of long computations: what the engines report, and who listens (no I/O here).

A long computation — a sweep's candidate solves, a map's cells, ``check``'s
search, a large enumeration — calls :func:`step` as it goes::

    for k, point in enumerate(points):
        step("sweep: solving at sample points", k, len(points))
        ...

:func:`step` does nothing unless a listener is installed with
:func:`reporting`: a callable taking a :class:`Step`.  The command line
installs one that draws a bar on standard error when it is a terminal
(:mod:`gametrust.cli.progress`); Python code may install its own.  The
listener is held in a context variable, so engines need no extra parameter
and threads or tasks do not see each other's listeners.

The listener sees every step, so it knows what was done when a run is
stopped with Ctrl-C (the command line says so in its last line).

>>> seen = []
>>> with reporting(seen.append):
...     for k in range(3):
...         step("counting", k, 3)
>>> [(s.task, s.done, s.total) for s in seen]
[('counting', 0, 3), ('counting', 1, 3), ('counting', 2, 3)]
>>> step("nobody listens", 1, 2)   # no listener: nothing happens
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

__all__ = ["Listener", "Step", "reporting", "step"]


@dataclass(frozen=True)
class Step:
    """``done`` of ``total`` units of ``task`` are finished (``total`` None: unknown)."""

    task: str
    done: int
    total: int | None = None

    def __str__(self) -> str:
        if self.total is None:
            return f"{self.task}: {self.done:,} done"
        return f"{self.task}: {self.done:,} of {self.total:,} done"


#: What :func:`reporting` takes: called with every :class:`Step`.
Listener = Callable[[Step], None]


_listener: ContextVar[Listener | None] = ContextVar("gametrust_progress", default=None)


def step(task: str, done: int, total: int | None = None) -> None:
    """Report that ``done`` of ``total`` units of ``task`` are finished (cheap: one lookup
    when nobody listens)."""
    listener = _listener.get()
    if listener is not None:
        listener(Step(task, done, total))


@contextmanager
def reporting(listener: Listener) -> Iterator[None]:
    """Send every :func:`step` inside the ``with`` block to ``listener``."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)
