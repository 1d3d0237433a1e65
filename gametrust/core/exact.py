"""Numbers: exact rationals by default, floats as a declared mode.

gametrust stores an *exact* game's payoffs as :class:`fractions.Fraction` and a
*float* game's as ``float``.  Input that is an integer, a decimal written in a
file (``0.1`` is exactly 1/10), a fraction string (``"2/3"``) or a ``Fraction``
is exact; a Python ``float`` (or numpy floating value) makes the game a float
game, compared with the documented tolerance :data:`FLOAT_TOLERANCE`.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from numbers import Rational
from typing import TypeAlias

import numpy as np

from .algebraic import RealAlgebraic

__all__ = [
    "FLOAT_TOLERANCE",
    "Number",
    "as_number",
    "format_number",
    "is_exact_value",
    "parse_number",
]

Number: TypeAlias = Fraction | float

#: Absolute tolerance used for float games, after payoffs are scaled so that
#: each player's largest absolute payoff is at most 1: a deviation gaining less
#: than this is not profitable, a probability below it is zero.
FLOAT_TOLERANCE = 1e-9

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_FRACTION = re.compile(r"^[+-]?\d+\s*/\s*[+-]?\d+$")
_MAX_LITERAL = 1000  # characters in one number literal
_MAX_EXPONENT = 1000  # |k| in 1ek


def parse_number(text: str) -> Fraction | None:
    """The exact value of a number literal, or ``None`` when it is not one.

    Accepts integers, decimals (with an optional exponent) and ``p/q``.

    >>> parse_number("0.1")
    Fraction(1, 10)
    >>> parse_number(" 2/3 ")
    Fraction(2, 3)
    >>> parse_number("1e-2")
    Fraction(1, 100)
    >>> parse_number("relief") is None
    True
    >>> parse_number("1e999999999") is None   # refused, not computed
    True
    """
    text = text.strip()
    if len(text) > _MAX_LITERAL:
        return None  # no payoff needs it, and huge literals make Decimal/int slow
    if _NUMBER.match(text):
        exponent = text.lower().partition("e")[2]
        if exponent and abs(int(exponent)) > _MAX_EXPONENT:
            return None
        try:
            return Fraction(Decimal(text))
        except (InvalidOperation, ValueError):  # pragma: no cover - regex guards
            return None
    if _FRACTION.match(text):
        num, den = (int(part) for part in text.split("/"))
        if den == 0:
            return None
        return Fraction(num, den)
    return None


def is_exact_value(value: object) -> bool:
    """True for values gametrust treats exactly (ints, Fractions, Decimals)."""
    return isinstance(value, (int, Rational, Decimal, np.integer)) and not isinstance(value, bool)


def as_number(value: object, *, exact: bool) -> Number:
    """Convert an input payoff to the game's number type.

    Raises ``TypeError`` for booleans and non-numbers and ``ValueError`` for
    NaN and infinities (callers turn these into located errors).

    >>> as_number(3, exact=True)
    Fraction(3, 1)
    >>> as_number("2/3", exact=True)
    Fraction(2, 3)
    >>> as_number(Fraction(1, 2), exact=False)
    0.5
    """
    if isinstance(value, bool):
        raise TypeError("a boolean is not a payoff")
    if isinstance(value, str):
        parsed = parse_number(value)
        if parsed is None:
            raise TypeError(f"{value!r} is not a number")
        value = parsed
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, (int, Rational)):
        fraction = Fraction(value)
        return fraction if exact else float(fraction)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} is not a finite number")
        return Fraction(value) if exact else float(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} is not a finite number")
        return Fraction(value) if exact else value
    raise TypeError(f"{value!r} is not a number")


def format_number(value: Number, digits: int = 6) -> str:
    """The exact string of a rational (``"2/3"``), or a short float.

    >>> format_number(Fraction(2, 3))
    '2/3'
    >>> format_number(Fraction(4, 2))
    '2'
    >>> format_number(0.6666666666)
    '0.666667'
    >>> format_number(-0.0)
    '0'
    """
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, RealAlgebraic):
        return str(value)
    text = f"{float(value):.{digits}g}"
    return "0" if text in ("-0", "0") else text
