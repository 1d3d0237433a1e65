"""Every error gametrust raises on purpose, and where it came from.

The exception tree::

    GametrustError                    base of everything below
     ├── InputError                   the user's input is wrong (CLI exit code 2)
     │    ├── ScenarioError           a scenario file: file, line, column, key path
     │    │    └── ExpressionError    a payoff/parameter expression
     │    ├── GambitFormatError       a Gambit .nfg/.efg file
     │    ├── ArgumentError           an argument to an API function or CLI option
     │    └── LimitError              an input asks for more work than a limit allows
     │                                (:mod:`gametrust.core.limits`; also a ScenarioError
     │                                or an ArgumentError where it is one of those)
     └── SolverError                  a solver could not certify its answer (exit 1)

Every ``InputError`` carries a :class:`Location` so that the one line shown to
a person says where the problem is::

    korea.yaml:14:3: payoffs.'Pressure, Arm': unknown parameter 'releif' (did you mean 'relief'?)

Tests and callers should branch on the exception *type* and on the structured
``location``, never on message text.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "ArgumentError",
    "ExpressionError",
    "GambitFormatError",
    "GametrustError",
    "InputError",
    "Location",
    "ScenarioError",
    "SolverError",
    "did_you_mean",
    "fail",
    "format_key_path",
]


def format_key_path(path: Sequence[str | int]) -> str:
    """Render a key path the way a person reads it.

    >>> format_key_path(["payoffs", "Pressure, Arm", 1])
    "payoffs.'Pressure, Arm'[1]"
    >>> format_key_path(["players", "US", "actions"])
    'players.US.actions'
    >>> format_key_path(["--set", "releif"])   # a command-line option and its name
    '--set releif'
    """
    if path and isinstance(path[0], str) and path[0].startswith("--"):
        return " ".join(str(part) for part in path)
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        text = str(part)
        if not text.replace("_", "").replace("-", "").isalnum():
            text = repr(text)
        out += ("." if out else "") + text
    return out


@dataclass(frozen=True)
class Location:
    """Where in the user's input a problem is (every field optional)."""

    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    path: tuple[str | int, ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        head = ""
        if self.file is not None:
            head = self.file
            if self.line is not None:
                head += f":{self.line}"
                if self.column is not None:
                    head += f":{self.column}"
        key = format_key_path(self.path)
        return ": ".join(part for part in (head, key) if part)


class GametrustError(Exception):
    """Base class of every error gametrust raises on purpose."""

    exit_code = 1


class InputError(GametrustError):
    """The input (file, argument, option) is wrong; the user can fix it."""

    exit_code = 2

    def __init__(self, message: str, location: Location | None = None) -> None:
        self.message = message
        self.location = location or Location()
        where = str(self.location)
        super().__init__(f"{where}: {message}" if where else message)


class ScenarioError(InputError):
    """A scenario file is malformed or inconsistent."""


class ExpressionError(ScenarioError):
    """A payoff or parameter expression cannot be parsed or evaluated."""


class GambitFormatError(InputError):
    """A Gambit ``.nfg`` / ``.efg`` file cannot be read."""


class ArgumentError(InputError):
    """An argument given to an API function or a CLI option is invalid.

    The location's ``path`` names the argument, e.g. ``("--set",)``.
    """


class SolverError(GametrustError):
    """A solver produced something it could not certify (a bug, not bad input)."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix, or ``""`` when nothing is close.

    >>> did_you_mean("releif", ["relief", "cost"])
    " (did you mean 'relief'?)"
    >>> did_you_mean("zzz", ["relief"])
    ''
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def fail(message: str, *path: str | int) -> ArgumentError:
    """The :class:`ArgumentError` for a bad argument at a key path (raise it).

    >>> raise fail("must be a probability", "types", "DPRK", 0)
    Traceback (most recent call last):
    ...
    gametrust.core.errors.ArgumentError: types.DPRK[0]: must be a probability
    """
    return ArgumentError(message, Location(path=tuple(path)))
