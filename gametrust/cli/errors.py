"""Exit codes and error lines: every exception that ends a command, mapped in one place.

====  ==============================================================
0     success
1     internal error: a :class:`~gametrust.core.errors.SolverError` or any
      unexpected exception (a bug; rerun with ``GAMETRUST_DEBUG=1``);
      ``check``: a claim fails
2     bad input: a usage error (unknown option, ``--set`` without ``=``)
      or any :class:`~gametrust.core.errors.InputError` (scenario, Gambit
      file, argument)
130   interrupted (Ctrl-C); the line says what was done
====  ==============================================================

An error is printed as one line on standard error, ``error: <message>``, never
as a traceback.  An error about the work a file asks for that names no file
(a limit reached deep inside a solver) is shown with the file's name.

>>> from gametrust.core.errors import InputError, SolverError
>>> exit_code(ValueError("boom")), exit_code(InputError("bad")), exit_code(SolverError("x"))
(1, 2, 1)
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

import click

from ..core.errors import GametrustError, InputError
from ..core.limits import LimitError
from ..core.progress import Step

__all__ = [
    "DEBUG_VARIABLE",
    "EXIT_CLAIM_FAILED",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "Group",
    "Interrupted",
    "error_line",
    "exit_code",
    "interrupted",
    "naming_file",
]

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_CLAIM_FAILED = 1  # gametrust check: a claim does not hold
EXIT_INPUT = 2
EXIT_INTERRUPTED = 130

DEBUG_VARIABLE = "GAMETRUST_DEBUG"


class Interrupted(BaseException):
    """Ctrl-C during a command; ``steps`` say what was done (the last step of each task
    the progress bar kept; none: nothing was reported).

    Not a KeyboardInterrupt, which click would turn into ``Abort`` after printing
    an empty line: :class:`Group` turns every KeyboardInterrupt into one.
    """

    def __init__(self, *steps: Step) -> None:
        super().__init__()
        self.steps = steps


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and the exceptions it was raised from or during."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        yield current
        seen.add(id(current))
        current = current.__cause__ or current.__context__


def interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` is, or was caused by, Ctrl-C: a KeyboardInterrupt, click's Abort
    (what click makes of one), or an error raised from one (numpy and C extensions may
    wrap a KeyboardInterrupt raised inside their callbacks in a SystemError)."""
    stops = (KeyboardInterrupt, Interrupted, click.exceptions.Abort)
    return any(isinstance(e, stops) for e in _chain(exc))


def naming_file(exc: InputError, file: str) -> InputError:
    """``exc`` located in ``file`` when it is a :class:`LimitError` that names no file
    (the same error otherwise)."""
    if not isinstance(exc, LimitError) or exc.location.file is not None:
        return exc
    location = replace(exc.location, file=file)
    return type(exc)(exc.message, location, exc.limit, exc.count)


def exit_code(exc: BaseException) -> int:
    """The process exit code for an exception that ended a command (the one mapping)."""
    if isinstance(exc, click.exceptions.Exit):
        return exc.exit_code
    if interrupted(exc):
        return EXIT_INTERRUPTED
    if isinstance(exc, (click.ClickException, InputError)):
        return EXIT_INPUT
    return EXIT_INTERNAL


def _one_line(text: str) -> str:
    return " ".join(text.split())


def error_line(exc: BaseException) -> str | None:
    """The one line shown on standard error for ``exc`` (``None``: nothing to show)."""
    if isinstance(exc, click.exceptions.Exit):
        return None
    if interrupted(exc):
        steps = next((e.steps for e in _chain(exc) if isinstance(e, Interrupted)), ())
        return "error: interrupted" + (f" ({'; '.join(map(str, steps))})" if steps else "")
    if isinstance(exc, click.UsageError):
        hint = ""
        if exc.ctx is not None:
            hint = f" (see '{exc.ctx.command_path} --help')"
        return f"error: {_one_line(exc.format_message())}{hint}"
    if isinstance(exc, click.ClickException):
        return f"error: {_one_line(exc.format_message())}"
    if isinstance(exc, GametrustError):
        return f"error: {_one_line(str(exc))}"
    return (
        f"internal error: {type(exc).__name__}: {_one_line(str(exc))} "
        f"(rerun with {DEBUG_VARIABLE}=1 for the traceback)"
    )


class Group(click.Group):
    """A click group that maps every exception to one error line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Interrupted:
            raise
        except BaseException as exc:
            if isinstance(exc, click.exceptions.Exit) or not interrupted(exc):
                raise
            raise Interrupted() from exc

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> int:
        try:
            rv = super().main(
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
            code = rv if isinstance(rv, int) else EXIT_OK
        except SystemExit:
            raise
        except BaseException as exc:
            if os.environ.get(DEBUG_VARIABLE) and not isinstance(exc, click.exceptions.Exit):
                traceback.print_exc()
            line = error_line(exc)
            if line and interrupted(exc) and sys.stderr.isatty():
                line = "\r\x1b[K" + line  # over the '^C' the terminal echoed
            if line:
                click.echo(line, err=True)
            code = exit_code(exc)
        if standalone_mode:
            sys.exit(code)
        return code
