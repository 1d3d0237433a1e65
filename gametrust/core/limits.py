"""Limits on the work one input can ask for, and how to raise them.

Some inputs make the work explode although they are short: thirty
two-action players are 2**30 action profiles, ten commitments multiply a
tree's plans beyond counting, ``--grid 1000000`` asks for a million exact
evaluations.  Each such input is measured *before* the work starts and
compared with a limit from :data:`LIMITS`; going over one raises
:class:`LimitError` (an :class:`~gametrust.core.errors.InputError`, so the
command line exits with 2) whose one line names the limit, the amount asked
for, and how to raise it.  The table, with the reasons for each default, is
``docs/limits.md``.

A limit is raised for one run with its environment variable
(``GAMETRUST_MAX_PROFILES=1000000 gametrust solve big.nfg``) or, in Python,
for a block of code with :func:`raised`:

>>> LIMITS["profiles"].default
100000
>>> with raised(profiles=10):
...     check("profiles", 16, "a 4x4 game")
Traceback (most recent call last):
...
gametrust.core.limits.LimitError: a 4x4 game has 16 action profiles, more than the limit of 10 (raise it with GAMETRUST_MAX_PROFILES=16 or more; see docs/limits.md)
>>> check("profiles", 16, "a 4x4 game")   # within the default
"""  # noqa: E501

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from .errors import ArgumentError, InputError, Location, ScenarioError

__all__ = [
    "LIMITS", "ArgumentLimitError", "Limit", "LimitError", "ScenarioLimitError", "check",
    "limit", "raised", "shape_name",
]


@dataclass(frozen=True)
class Limit:
    """One limit: its name, default, the unit it counts and why it exists."""

    name: str
    default: int
    unit: str  # "action profiles": what the count counts
    reason: str  # one line for docs/limits.md

    @property
    def variable(self) -> str:
        """The environment variable that raises it: ``GAMETRUST_MAX_<NAME>``."""
        return f"GAMETRUST_MAX_{self.name.upper()}"


class LimitError(InputError):
    """An input asks for more work than a limit allows (exit code 2).

    ``limit`` is the :class:`Limit`, ``count`` what the input asked for.
    """

    def __init__(
        self, message: str, location: Location | None = None, limit: Limit | None = None,
        count: int = 0,
    ) -> None:
        super().__init__(message, location)
        self.limit = limit
        self.count = count


class ScenarioLimitError(LimitError, ScenarioError):
    """A limit reached while reading a scenario file (also a :class:`ScenarioError`)."""


class ArgumentLimitError(LimitError, ArgumentError):
    """A limit reached by an argument of an API function (also an :class:`ArgumentError`)."""


#: Every limit, by name (documented in docs/limits.md).
LIMITS: Mapping[str, Limit] = {
    entry.name: entry
    for entry in (
        Limit("file_bytes", 2_000_000, "bytes",
              "a scenario or Gambit file is read whole, and parsing a large YAML file takes "
              "about 7 seconds and 150 MB per megabyte"),
        Limit("values", 200_000, "values",
              "the values a YAML document holds or expands to through aliases (alias bombs)"),
        Limit("digits", 100, "digits",
              "the numerator or the denominator of one exact number in the input (a payoff, "
              "probability, parameter, empathy weight or range end): exact arithmetic on "
              "1,000-digit payoffs made a 3x3 empathy sweep and a tree's Nash equilibria take "
              "minutes; 1e-99 and 10^99 are fine"),
        Limit("players", 64, "players", "the players of one game"),
        Limit("actions", 1_000, "actions", "the actions of one player in a normal-form game"),
        Limit("profiles", 100_000, "action profiles",
              "the profiles of a normal-form game, or the plan profiles of a tree's reduced "
              "normal form: every payoff of every profile is built and stored exactly"),
        Limit("commitments", 4, "commitments",
              "every commitment multiplies the subgames and plans of the tree it is made in "
              "(5 bond commitments on the Agreed Framework tree: a 1296x32 reduced normal "
              "form solved in minutes)"),
        Limit("bases", 400_000, "bases",
              "complete vertex enumeration of an m x n game inside a tree, a Bayesian game, a "
              "sweep or a check visits up to C(m + n, m) bases (about a 10x10 game)"),
        Limit("enumeration", 500_000, "bases",
              "solving a two-player game for all its equilibria searches the lexicographic "
              "bases of each best-response polytope (a random 14x14 game: about 25,000) and "
              "stops there, listing what it found as incomplete (solve --budget N)"),
        Limit("supports", 5_000, "support profiles",
              "the exact enumeration of a game with three or more players solves one "
              "polynomial system per support profile, prod(2^m_i - 1) of them (a 4x4x4 game: "
              "3,375; 5x5x5: 29,791); past the limit solve lists the pure equilibria, not "
              "complete, and says why"),
        Limit("sweep_work", 5_000, "payoff differences and bases",
              "an exact sweep of a game (or of a subgame of a tree) compares every pair of a "
              "player's payoffs and, for two players, computes the determinant, Cramer "
              "numerators and slacks of each of the C(m + n, m) bases of a best-response "
              "polytope, all as polynomials (a 7x7 game: 4,608; a 9x8 subgame "
              "of Gambit's 2_player_chance.efg: 26,866, over 30 s of processor time for one "
              "sample point; Kuhn poker's 27x64 "
              "reduced normal form: about 10^23)"),
        Limit("grid", 10_001, "points",
              "sweep --grid N on a line evaluates every equilibrium exactly at N points "
              "(10,001 points: about 3 s and 120 MB for a 2x2 game)"),
        Limit("map_grid", 1_001, "points per side",
              "sweep --grid N on a two-dimensional map evaluates N x N points"),
        Limit("examples", 10_000, "examples",
              "check --examples N solves a game for every example of every claim"),
    )
}

_overrides: ContextVar[Mapping[str, int] | None] = ContextVar("gametrust_limits", default=None)


def _from_environment(entry: Limit) -> int | None:
    text = os.environ.get(entry.variable)
    if text is None or not text.strip():
        return None
    try:
        value = int(text.strip().replace("_", ""))
    except ValueError:
        value = 0
    if value < 1:
        raise ArgumentError(
            f"must be a positive whole number, not {text!r}", Location(path=(entry.variable,))
        )
    return value


def limit(name: str) -> int:
    """The current value of the limit ``name``: :func:`raised`, else the environment, else
    the default."""
    entry = LIMITS[name]
    override = (_overrides.get() or {}).get(name)
    if override is not None:
        return override
    from_environment = _from_environment(entry)
    return entry.default if from_environment is None else from_environment


@contextmanager
def raised(**values: int) -> Iterator[None]:
    """Set limits (by name) for the code inside the ``with`` block (any value, up or down)."""
    for name in values:
        if name not in LIMITS:
            raise ArgumentError(
                f"no limit {name!r}; the limits are {', '.join(LIMITS)}", Location(path=(name,))
            )
    token = _overrides.set({**(_overrides.get() or {}), **values})
    try:
        yield
    finally:
        _overrides.reset(token)


def check(
    name: str, count: int, subject: str, location: Location | None = None, *,
    verb: str = "has", error: type[LimitError] = LimitError,
) -> None:
    """Raise :class:`LimitError` when ``count`` is over the limit ``name``.

    The message reads "``subject`` ``verb`` ``count`` ``unit``, more than the
    limit of ``N`` (raise it with ``GAMETRUST_MAX_...``)".
    """
    allowed = limit(name)
    if count <= allowed:
        return
    entry = LIMITS[name]
    raise error(
        f"{subject} {verb} {count:,} {entry.unit}, more than the limit of {allowed:,} "
        f"(raise it with {entry.variable}={count} or more; see docs/limits.md)",
        location,
        entry,
        count,
    )


def shape_name(shape: tuple[int, ...] | list[int]) -> str:
    """A game's shape for a message: ``"the 3x4 game"``, ``"the 30-player game"``.

    >>> shape_name([3, 4]), shape_name([2] * 30)
    ('the 3x4 game', 'the 30-player game')
    """
    if len(shape) <= 4:
        return f"the {'x'.join(str(k) for k in shape)} game"
    return f"the {len(shape)}-player game"
