"""The ``gametrust`` command line: ``solve``, ``validate``, ``export``, ``sweep`` and ``check``.

The command line is the only part of gametrust that imports click: options
and loading in :mod:`.options`, the commands in :mod:`.commands`, and every
exit code decided in one place, :func:`~gametrust.cli.errors.exit_code`:

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
as a traceback.  Heavy libraries (sympy, nashpy) are imported only by the
commands that need them, so ``gametrust solve`` starts fast.

It sits at the top of the layers: it may import every layer below
(``report``, ``analysis``, ``formats``, ``solvers``, ``scenario``, ``model``,
``core``); nothing in the package imports it.
"""

from __future__ import annotations

from collections.abc import Sequence

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
