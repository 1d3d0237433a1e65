"""The parts a scenario is made of: players, parameters, and the numbers they take.

:class:`Player` and :class:`Parameter` check themselves when constructed;
:func:`number_at` and :func:`expression_at` turn what a caller wrote (numbers,
number text, expression text) into exact values, raising an
:class:`~gametrust.core.errors.ArgumentError` at the key path of a bad one.

>>> number_at("2/3"), number_at(0.5)
(Fraction(2, 3), 0.5)
>>> number_at("two", "parameters", "relief")
Traceback (most recent call last):
...
gametrust.core.errors.ArgumentError: parameters.relief: 'two' is not a number (write e.g. 2, 0.5 or 2/3)
"""  # noqa: E501

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from numbers import Rational

import numpy as np

from ..core.errors import ExpressionError, Location, fail
from ..core.exact import Number, format_number, literal_problem, number_too_long
from .expression import Expression, constant, parse_expression, parse_number_safely

__all__ = ["Parameter", "Player", "expression_at", "number_at"]


def number_at(value: object, *path: str | int) -> Number:
    """An exact ``Fraction`` (or a ``float`` for float input) from a number or number text."""
    if isinstance(value, bool):
        raise fail(f"{value!r} is not a number", *path)
    if isinstance(value, str):
        parsed = parse_number_safely(value)
        if parsed is None:
            why = literal_problem(value)
            raise fail(why or f"{value!r} is not a number (write e.g. 2, 0.5 or 2/3)", *path)
        return parsed
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, (int, Rational)) or (isinstance(value, Decimal) and value.is_finite()):
        exact = Fraction(value)  # type: ignore[arg-type]
        why = number_too_long(exact)
        if why:
            raise fail(f"this number {why}", *path)
        return exact
    if isinstance(value, float) and math.isfinite(value):
        return value
    raise fail(f"{value!r} is not a finite number", *path)


def expression_at(value: object, *path: str | int) -> Expression:
    """A payoff or weight as an :class:`Expression` (numbers become constants)."""
    if isinstance(value, Expression):
        return value
    if isinstance(value, str):
        try:
            return parse_expression(value, Location(path=tuple(path)))
        except ExpressionError as exc:
            raise fail(exc.message, *path) from None
    return constant(number_at(value, *path))


@dataclass(frozen=True)
class Player:
    """A player: an id (used in files and on the command line), a display name, actions.

    A player of a tree who never moves (a bystander with payoffs) has no actions; a
    normal-form game refuses such a player where it is read or built.

    >>> Player("US", "", ["Pressure", "Reassure"])
    Player(id='US', name='US', actions=('Pressure', 'Reassure'))
    """

    id: str
    name: str
    actions: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", tuple(self.actions))
        if not isinstance(self.id, str) or not self.id:
            raise fail(f"a player id must be non-empty text, not {self.id!r}", "players")
        if not self.name:
            object.__setattr__(self, "name", self.id)
        for action in self.actions:
            if not isinstance(action, str) or not action:
                raise fail(
                    f"player {self.id!r}: an action must be non-empty text, not {action!r}",
                    "players",
                    self.id,
                    "actions",
                )
        if len(set(self.actions)) != len(self.actions):
            raise fail(
                f"player {self.id!r} has duplicate actions {list(self.actions)}",
                "players",
                self.id,
                "actions",
            )


@dataclass(frozen=True)
class Parameter:
    """A named value used in payoff expressions; ``range`` feeds sweeps and checks.

    >>> Parameter("relief", "4", ("2", 6)).range
    (Fraction(2, 1), Fraction(6, 1))
    """

    name: str
    value: Number
    range: tuple[Number, Number] | None = None
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", number_at(self.value, "parameters", self.name))
        if self.range is not None:
            if len(self.range) != 2:
                raise fail("a range is [low, high]", "parameters", self.name, "range")
            low, high = (number_at(v, "parameters", self.name, "range") for v in self.range)
            if low > high:
                raise fail(
                    f"range [{format_number(low)}, {format_number(high)}] has low > high",
                    "parameters",
                    self.name,
                    "range",
                )
            if not low <= self.value <= high:
                raise fail(
                    f"value {format_number(self.value)} is outside its range "
                    f"[{format_number(low)}, {format_number(high)}]",
                    "parameters",
                    self.name,
                    "value",
                )
            object.__setattr__(self, "range", (low, high))
