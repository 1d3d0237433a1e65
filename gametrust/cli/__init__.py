"""The ``gametrust`` command line: ``solve``, ``validate``, ``export``, ``sweep``, ``check``,
``play``, ``learn``, ``qre``.

The command line is the only part of gametrust that imports click: options
and loading in :mod:`.options`, the commands in :mod:`.commands`, and every
exit code (0 success, 1 internal error or a failed claim, 2 bad input, 130
interrupted) decided in one place, :func:`~gametrust.cli.errors.exit_code`.
An error is printed as one line on standard error, never as a traceback.
While a command works, :mod:`.progress` draws the engines' progress on
standard error when it is a terminal.

It sits at the top of the layers: it may import every layer below
(``report``, ``analysis``, ``formats``, ``solvers``, ``scenario``, ``model``,
``core``); nothing in the package imports it.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import export, learning  # noqa: F401  (register export, learn and qre)
from .commands import cli
from .errors import (
    EXIT_CLAIM_FAILED,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    error_line,
    exit_code,
)

__all__ = [
    "EXIT_CLAIM_FAILED",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "cli",
    "error_line",
    "exit_code",
    "main",
]


def main(args: Sequence[str] | None = None) -> None:
    """Run the command line (the ``gametrust`` console script); exits the process."""
    cli.main(args=list(args) if args is not None else None, prog_name="gametrust")
