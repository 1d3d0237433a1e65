"""Exit codes and error lines: every exception that ends a command, mapped in one place.

====  ==============================================================
0     success
1     internal error: a :class:`~gametrust.core.errors.SolverError` or any
      unexpected exception (a bug; rerun with ``GAMETRUST_DEBUG=1``);
      ``check``: a claim fails
2     bad input: a usage error (unknown option, ``--set`` without ``=``)
      or any :class:`~gametrust.core.errors.InputError` (scenario, Gambit
      file, argument)
130   interrupted (Ctrl-C)
====  ==============================================================

An error is printed as one line on standard error, ``error: <message>``, never
as a traceback.

>>> from gametrust.core.errors import InputError, SolverError
>>> exit_code(ValueError("boom")), exit_code(InputError("bad")), exit_code(SolverError("x"))
(1, 2, 1)
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any

import click

from ..core.errors import GametrustError, InputError

__all__ = [
    "DEBUG_VARIABLE",
    "EXIT_CLAIM_FAILED",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "Group",
    "error_line",
    "exit_code",
]

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_CLAIM_FAILED = 1  # gametrust check: a claim does not hold
EXIT_INPUT = 2
EXIT_INTERRUPTED = 130

DEBUG_VARIABLE = "GAMETRUST_DEBUG"


def exit_code(exc: BaseException) -> int:
    """The process exit code for an exception that ended a command (the one mapping)."""
    if isinstance(exc, click.exceptions.Exit):
        return exc.exit_code
    if isinstance(exc, (click.exceptions.Abort, KeyboardInterrupt)):
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
    if isinstance(exc, (click.exceptions.Abort, KeyboardInterrupt)):
        return "error: interrupted"
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
            if line:
                click.echo(line, err=True)
            code = exit_code(exc)
        if standalone_mode:
            sys.exit(code)
        return code
