"""What the assumptions of a scenario let vary, and the conditions they and claims state.

A scenario's ``assumptions:`` (see ``docs/check.md``) name the values that
may vary — a :class:`Variable` each: a parameter, an empathy weight or one
entry of the payoff table, over a range — and the conditions that must hold
among them; a claim's ``when:`` states conditions too.  A condition is one of

* :class:`Bound` — ``empathy of US >= 1/4`` (one variable against a number);
* :class:`Comparison` — ``cost < relief <= 5`` (expressions of parameters);
* :class:`Prefers` — ``US prefers "Reassure, Freeze" to "Pressure, Arm"``;
* :class:`FamilyIs` — ``the game is a Stag Hunt`` (or ``is not``).

These are data: they are read by :mod:`gametrust.formats.claims_format` and
decided at given values by :func:`gametrust.analysis.verdicts.condition_holds`.

>>> v = Variable(EMPATHY, "US", Fraction(0), Fraction(1), "empathy of US")
>>> v.key, v.range_text()
('empathy:US', '[0, 1]')
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..core.errors import Location
from ..core.exact import format_number
from .expression import Expression
from .family_names import FamilyName

__all__ = [
    "EMPATHY",
    "FLIPPED",
    "PARAMETER",
    "PAYOFF",
    "Bound",
    "Comparison",
    "Condition",
    "FamilyIs",
    "Prefers",
    "Variable",
    "bare_name",
]

#: Kinds of :class:`Variable`.
PARAMETER = "parameter"
EMPATHY = "empathy"
PAYOFF = "payoff"

#: Each comparison operator as written with its sides swapped (``a < b`` is ``b > a``).
FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "==": "==", "!=": "!="}


# -- what varies ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variable:
    """One value the assumptions let vary, over a closed (or half-open) range.

    ``kind`` is :data:`PARAMETER` (``name`` is the parameter), :data:`EMPATHY`
    (``name`` is the player id) or :data:`PAYOFF` (one entry of the payoff
    table: ``profile`` and ``player``; ``name`` is the internal parameter
    the check model puts there, and with ``offset`` the entry is the written
    payoff plus the variable instead of the variable itself).
    """

    kind: str
    name: str
    low: Fraction
    high: Fraction
    label: str
    low_open: bool = False
    high_open: bool = False
    profile: tuple[str, ...] = ()
    player: str = ""
    offset: bool = False
    location: Location | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> str:
        """``parameter:relief``, ``empathy:US``, ``payoff:US:Pressure, Arm``."""
        if self.kind == PAYOFF:
            return f"{PAYOFF}:{self.player}:{', '.join(self.profile)}"
        return f"{self.kind}:{self.name}"

    @property
    def varies(self) -> bool:
        return self.low < self.high

    def contains(self, value: Any) -> bool:
        above = value > self.low if self.low_open else value >= self.low
        below = value < self.high if self.high_open else value <= self.high
        return bool(above and below)

    def range_text(self) -> str:
        """``[0, 1]``, ``(1/4, 1]``."""
        return (
            f"{'(' if self.low_open else '['}{format_number(self.low)}, "
            f"{format_number(self.high)}{')' if self.high_open else ']'}"
        )

    def narrowed(self, op: str, value: Fraction) -> Variable | None:
        """The variable restricted by ``variable OP value``; ``None`` when nothing is left.

        ``!=`` narrows nothing (the condition still filters).

        >>> v = Variable(EMPATHY, "US", Fraction(0), Fraction(1), "empathy of US")
        >>> v.narrowed(">=", Fraction(1, 4)).range_text()
        '[1/4, 1]'
        >>> v.narrowed(">", Fraction(1)) is None
        True
        """
        low, high, low_open, high_open = self.low, self.high, self.low_open, self.high_open
        if op in (">", ">="):
            if value > low or (value == low and op == ">"):
                low, low_open = value, op == ">"
        elif op in ("<", "<="):
            if value < high or (value == high and op == "<"):
                high, high_open = value, op == "<"
        elif op in ("=", "=="):
            if not self.contains(value):
                return None
            low = high = value
            low_open = high_open = False
        if low > high or (low == high and (low_open or high_open)):
            return None
        return dataclasses.replace(
            self, low=low, high=high, low_open=low_open, high_open=high_open
        )


# -- conditions (assumption statements and a claim's ``when``) -------------------------------


@dataclass(frozen=True)
class Bound:
    """``variable OP number``: e.g. the empathy of US is at least 1/4."""

    key: str  # the variable's key
    op: str
    value: Fraction
    text: str
    location: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Comparison:
    """A chain of comparisons between expressions of parameters: ``cost < relief <= 5``."""

    terms: tuple[Expression, ...]
    ops: tuple[str, ...]
    text: str
    location: Location | None = field(default=None, compare=False, repr=False)

    def bounds(self) -> list[tuple[str, str, Fraction]]:
        """``(name, op, number)`` for each link between a bare name and a constant."""
        out = []
        for op, a, b in zip(self.ops, self.terms, self.terms[1:], strict=False):
            if bare_name(a) and b.is_constant():
                value = b.evaluate({})
                if isinstance(value, Fraction):
                    out.append((a.source.strip(), op, value))
            elif bare_name(b) and a.is_constant():
                value = a.evaluate({})
                if isinstance(value, Fraction):
                    out.append((b.source.strip(), FLIPPED[op], value))
        return out


def bare_name(expression: Expression) -> bool:
    """Whether an expression is one name and nothing else (``relief``, not ``relief + 1``)."""
    return len(expression.names()) == 1 and expression.source.strip() in expression.names()


@dataclass(frozen=True)
class Prefers:
    """``US prefers "Reassure, Freeze" to "Pressure, Arm"``, in the game as written.

    Preferences are about the payoffs before empathy (what each outcome is
    worth to the player itself).
    """

    player: str
    better: tuple[str, ...]
    worse: tuple[str, ...]
    strict: bool
    text: str
    location: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class FamilyIs:
    """``the game is a Stag Hunt`` (or ``is not``), for the game as written (before empathy)."""

    family: FamilyName
    negated: bool
    text: str
    location: Location | None = field(default=None, compare=False, repr=False)


#: A condition of the assumptions or of a claim's ``when``; each has a ``text``.
Condition = Bound | Comparison | Prefers | FamilyIs
