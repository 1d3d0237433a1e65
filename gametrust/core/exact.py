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
from .limits import limit

__all__ = [
    "FLOAT_TOLERANCE",
    "Number",
    "as_number",
    "format_number",
    "is_exact_value",
    "literal_problem",
    "number_too_long",
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


def number_too_long(value: Fraction) -> str | None:
    """Why an exact number is beyond the ``digits`` limit (a located error's text), or
    ``None`` when it is within it.

    >>> number_too_long(Fraction(1, 10**99)) is None
    True
    >>> print(number_too_long(Fraction(10**100)))
    has 101 digits in its numerator, more than the limit of 100 (raise it with GAMETRUST_MAX_DIGITS; see docs/limits.md)
    """  # noqa: E501
    allowed = limit("digits")
    for part, name in ((value.numerator, "numerator"), (value.denominator, "denominator")):
        # a number below 2**(3.32 d) has at most d digits: the exact count only past that
        if abs(part).bit_length() > 3.32 * allowed:
            digits = len(str(abs(part))) if abs(part).bit_length() < 40_000 else None
            if digits is None or digits > allowed:
                shown = f"{digits:,}" if digits else "over 10,000"
                return (f"has {shown} digits in its {name}, more than the limit of "
                        f"{allowed:,} (raise it with GAMETRUST_MAX_DIGITS; see docs/limits.md)")
    return None


def parse_number(text: str) -> Fraction | None:
    """The exact value of a number literal, or ``None`` when it is not one or it is beyond
    the ``digits`` limit (:func:`number_too_long` says why).

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
            value = Fraction(Decimal(text))
        except (InvalidOperation, ValueError):  # pragma: no cover - regex guards
            return None
        return None if number_too_long(value) else value
    if _FRACTION.match(text):
        num, den = (int(part) for part in text.split("/"))
        if den == 0:
            return None
        value = Fraction(num, den)
        return None if number_too_long(value) else value
    return None


def literal_problem(text: str) -> str | None:
    """Why a number literal is refused when it is beyond a limit (its exponent or its
    digits), for a message; ``None`` when it is not a number literal or is accepted.

    >>> literal_problem("1e999")
    "'1e999' has 1,000 digits in its numerator, more than the limit of 100 (raise it with GAMETRUST_MAX_DIGITS; see docs/limits.md)"
    """  # noqa: E501
    text = text.strip()
    if len(text) > _MAX_LITERAL or not (_NUMBER.match(text) or _FRACTION.match(text)):
        return None
    exponent = text.lower().partition("e")[2] if _NUMBER.match(text) else ""
    if exponent and abs(int(exponent)) > _MAX_EXPONENT:
        return f"{text[:24]!r} has an exponent beyond {_MAX_EXPONENT}"
    if _NUMBER.match(text):
        value = Fraction(Decimal(text))
    else:
        num, den = (int(part) for part in text.split("/"))
        if den == 0:
            return None
        value = Fraction(num, den)
    why = number_too_long(value)
    shown = text if len(text) <= 24 else text[:20] + "..."
    return f"{shown!r} {why}" if why else None


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
            problem = literal_problem(value)
            if problem:
                raise ValueError(problem)
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
