"""Payoff expressions: arithmetic over parameters, parsed by a whitelist parser, never ``eval``.

A scenario may write a payoff as arithmetic over its parameters
(``relief - 1``, ``2*cost/3``, ``(1 - p)^2``): numbers, names, ``+ - * /``,
``^`` (or ``**``) and parentheses, nothing else (the grammar and the parser
are in :mod:`gametrust.scenario.expression_syntax`).  An :class:`Expression`
is the parsed value: it evaluates exactly, folds over any number type, and
converts to sympy.  Input is limited to :data:`MAX_LENGTH` characters and
:data:`MAX_DEPTH` nested parentheses / signs / powers, an exponent must be
an integer of magnitude at most :data:`MAX_EXPONENT`, and exact results may
not exceed :data:`MAX_BITS` bits, so no input can hang the parser or blow the
stack.

>>> e = parse_expression("relief - 1/2")
>>> sorted(e.names())
['relief']
>>> e.evaluate({"relief": 4})
Fraction(7, 2)
>>> parse_expression("0.1 + 0.2").evaluate({})
Fraction(3, 10)
>>> parse_expression("-2^2"), parse_expression("2^-1").evaluate({})
(Expression('-2^2'), Fraction(1, 2))
>>> parse_expression("os.system")
Traceback (most recent call last):
...
gametrust.core.errors.ExpressionError: unexpected '.' at column 3: attribute access is not allowed
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from numbers import Rational
from typing import TYPE_CHECKING, Any

from ..core.errors import ExpressionError, Location, did_you_mean, fail
from .expression_syntax import (
    MAX_BITS,
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_LENGTH,
    ChainNode,
    NameNode,
    NumberNode,
    PowerNode,
    SyntaxNode,
    UnaryNode,
    Value,
    parse_number_safely,
    parse_syntax,
    shift_location,
    walk,
)

if TYPE_CHECKING:  # pragma: no cover
    import sympy

__all__ = [
    "MAX_BITS",
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "Expression",
    "constant",
    "parse_expression",
    "parse_number_safely",
]


# -- evaluation -------------------------------------------------------------------------------


def _as_value(value: object, name: str) -> Value:
    if isinstance(value, bool):
        raise ExpressionError(f"value of {name!r} is a boolean, not a number")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (int, Rational)):
        return Fraction(value)
    if isinstance(value, Decimal):
        return Fraction(value)
    if isinstance(value, float):
        return value
    raise ExpressionError(f"value of {name!r} is {value!r}, not a number")


def _finite(value: Value, error: Any, pos: int) -> Value:
    if isinstance(value, float) and not math.isfinite(value):
        raise error("the result is not a finite number", pos)
    return value


class _Evaluator:
    def __init__(self, expression: Expression, values: Mapping[str, Value]) -> None:
        self.expression = expression
        self.values = values

    def error(self, message: str, pos: int) -> ExpressionError:
        where = shift_location(self.expression.location, self.expression.source, pos)
        return ExpressionError(f"{self.expression.source!r}: {message}", where)

    def run(self, node: SyntaxNode) -> Value:
        if isinstance(node, NumberNode):
            return node.value
        if isinstance(node, NameNode):
            return self.values[node.id]
        if isinstance(node, UnaryNode):
            value = self.run(node.operand)
            return -value if node.op == "-" else value
        if isinstance(node, ChainNode):
            result = self.run(node.first)
            for (op, operand), pos in zip(node.rest, node.positions, strict=True):
                right = self.run(operand)
                if op == "/" and right == 0:
                    raise self.error("division by zero", pos)
                try:
                    result = _OPERATORS[op](result, right)
                except OverflowError:
                    raise self.error("the result is too large", pos) from None
                result = _finite(result, self.error, pos)
            return result
        return self.power(node)

    def power(self, node: PowerNode) -> Value:
        base = self.run(node.base)
        exponent = self.run(node.exponent)
        return _power(base, exponent, self.error, node.pos)


def _power(base: Value, exponent: Value, error: Any, pos: int) -> Value:
    if isinstance(exponent, float):
        if not exponent.is_integer():
            raise error(f"the exponent {exponent} is not an integer", pos)
        exponent = Fraction(int(exponent))
    if exponent.denominator != 1:
        raise error(f"the exponent {exponent} is not an integer", pos)
    k = exponent.numerator
    if abs(k) > MAX_EXPONENT:
        raise error(f"the exponent {k} is larger than {MAX_EXPONENT} in magnitude", pos)
    if base == 0 and k < 0:
        raise error("division by zero (zero to a negative power)", pos)
    if isinstance(base, Fraction):
        bits = max(base.numerator.bit_length(), base.denominator.bit_length())
        if bits * abs(k) > MAX_BITS:
            raise error("the result is too large", pos)
        return base**k
    try:
        return _finite(base**k, error, pos)
    except OverflowError:
        raise error("the result is too large", pos) from None


#: The binary operators of a chain ``a op b op c``, applied to any number type.
_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}


def _repeat(base: Any, k: int, number: Callable[[Fraction | float], Any]) -> Any:
    result = number(Fraction(1))
    for _ in range(k):
        result = result * base
    return result


def _format(value: Value) -> str:
    if isinstance(value, float):
        return repr(value)
    return str(value)


# -- the value -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expression:
    """A parsed, immutable payoff expression.

    Two expressions are equal when their trees are (``1+2`` equals ``1 + 2``);
    ``location`` (where the text was written) is remembered for error messages
    and is not part of equality.

    >>> e = parse_expression("2*cost/3")
    >>> e.evaluate({"cost": 1})
    Fraction(2, 3)
    >>> e.evaluate({"cost": 1.5})
    1.0
    >>> e == parse_expression("2 * cost / 3"), e.is_constant()
    (True, False)
    """

    source: str = field(compare=False)
    tree: SyntaxNode = field(repr=False)
    location: Location | None = field(default=None, compare=False, repr=False)
    _names: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def __post_init__(self) -> None:
        names = frozenset(n.id for n in walk(self.tree) if isinstance(n, NameNode))
        object.__setattr__(self, "_names", names)

    def __repr__(self) -> str:
        return f"Expression({self.source!r})"

    def __str__(self) -> str:
        return self.source

    def names(self) -> frozenset[str]:
        """The parameter names the expression uses."""
        return self._names

    def is_constant(self) -> bool:
        """True when the expression uses no names.

        >>> parse_expression("2/3").is_constant()
        True
        """
        return not self._names

    def evaluate(self, values: Mapping[str, Value | int] | None = None) -> Value:
        """The value for the given parameter values.

        The result is a ``Fraction`` when every number involved is exact, a
        ``float`` as soon as one value is a float.  An unknown name, a
        division by zero or an oversized power raise :class:`ExpressionError`
        located at the offending character.

        >>> parse_expression("1/(x - 1)").evaluate({"x": 1})
        Traceback (most recent call last):
        ...
        gametrust.core.errors.ExpressionError: '1/(x - 1)': division by zero
        >>> parse_expression("cots").evaluate({"cost": 4})
        Traceback (most recent call last):
        ...
        gametrust.core.errors.ExpressionError: 'cots': unknown name 'cots' (did you mean 'cost'?)
        """
        values = values or {}
        evaluator = _Evaluator(self, {})
        for node in walk(self.tree):
            if isinstance(node, NameNode) and node.id not in values:
                suggestion = did_you_mean(node.id, values)
                raise evaluator.error(f"unknown name {node.id!r}{suggestion}", node.pos)
        evaluator.values = {name: _as_value(values[name], name) for name in self._names}
        return evaluator.run(self.tree)

    # -- building expressions from expressions (used when scenario sugar expands) ------------

    def _combine(self, op: str, other: object, reverse: bool = False) -> Expression:
        right = other if isinstance(other, Expression) else constant(other)  # type: ignore[arg-type]
        left, right = (right, self) if reverse else (self, right)

        def wrap(e: Expression) -> str:
            atomic = isinstance(e.tree, (NumberNode, NameNode)) and not e.source.startswith("-")
            return e.source if atomic else f"({e.source})"

        source = f"{wrap(left)} {op} {wrap(right)}"
        return Expression(source, ChainNode(left.tree, ((op, right.tree),), (0,)))

    def __add__(self, other: object) -> Expression:
        """``a + b`` as a new expression (numbers are lifted with :func:`constant`).

        >>> (parse_expression("relief") - 1).evaluate({"relief": 4})
        Fraction(3, 1)
        >>> str(parse_expression("c") * parse_expression("d + 1"))
        'c * (d + 1)'
        """
        return self._combine("+", other)

    def __radd__(self, other: object) -> Expression:
        return self._combine("+", other, reverse=True)

    def __sub__(self, other: object) -> Expression:
        return self._combine("-", other)

    def __rsub__(self, other: object) -> Expression:
        return self._combine("-", other, reverse=True)

    def __mul__(self, other: object) -> Expression:
        return self._combine("*", other)

    def __rmul__(self, other: object) -> Expression:
        return self._combine("*", other, reverse=True)

    def __neg__(self) -> Expression:
        return Expression(f"-({self.source})", UnaryNode("-", self.tree))

    def fold(self, number: Callable[[Fraction | float], Any], name: Callable[[str], Any]) -> Any:
        """Evaluate the tree with any values that support ``+ - * /`` (e.g. polynomials).

        ``number`` converts each literal, ``name`` each name; powers need an
        exponent that folds to an integer (``int(value)`` must be exact).

        >>> parse_expression("2*x^2 - 1").fold(lambda v: v, lambda n: Fraction(3))
        Fraction(17, 1)
        """

        def run(node: SyntaxNode) -> Any:
            if isinstance(node, NumberNode):
                return number(node.value)
            if isinstance(node, NameNode):
                return name(node.id)
            if isinstance(node, UnaryNode):
                value = run(node.operand)
                return -value if node.op == "-" else value
            if isinstance(node, ChainNode):
                result = run(node.first)
                for op, operand in node.rest:
                    result = _OPERATORS[op](result, run(operand))
                return result
            base = run(node.base)
            exponent = self._constant_exponent(node)
            if exponent < 0:
                return number(Fraction(1)) / _repeat(base, -exponent, number)
            return _repeat(base, exponent, number)

        return run(self.tree)

    def _constant_exponent(self, node: PowerNode) -> int:
        if any(isinstance(n, NameNode) for n in walk(node.exponent)):
            raise self._error_at("an exponent that depends on a name cannot be swept", node.pos)
        value = Expression(self.source, node.exponent).evaluate({})
        if isinstance(value, float) or value.denominator != 1:
            raise self._error_at(f"the exponent {value} is not an integer", node.pos)
        return int(value)

    def _error_at(self, message: str, pos: int) -> ExpressionError:
        return _Evaluator(self, {}).error(message, pos)

    def to_sympy(self, symbols: Mapping[str, sympy.Expr] | None = None) -> sympy.Expr:
        """The expression as a sympy expression (numbers become ``sympy.Rational``).

        ``symbols`` maps each name to a sympy expression (usually a symbol, or
        a number to substitute); names missing from it become
        ``sympy.Symbol(name)``.

        >>> import sympy
        >>> parse_expression("relief^2 - 0.5").to_sympy({"relief": sympy.Symbol("r")})
        r**2 - 1/2
        """
        import sympy

        table = dict(symbols or {})

        def convert(node: SyntaxNode) -> sympy.Expr:
            if isinstance(node, NumberNode):
                value = node.value
                if isinstance(value, float):
                    return sympy.Float(value)
                return sympy.Rational(value.numerator, value.denominator)
            if isinstance(node, NameNode):
                return table[node.id] if node.id in table else sympy.Symbol(node.id)
            if isinstance(node, UnaryNode):
                operand = convert(node.operand)
                return -operand if node.op == "-" else operand
            if isinstance(node, ChainNode):
                result = convert(node.first)
                for (op, operand), pos in zip(node.rest, node.positions, strict=True):
                    right = convert(operand)
                    if op == "/" and right == 0:
                        raise _Evaluator(self, {}).error("division by zero", pos)
                    result = _OPERATORS[op](result, right)
                return result
            base = convert(node.base)
            exponent = convert(node.exponent)
            if exponent.is_number:
                if not exponent.is_integer:
                    raise _Evaluator(self, {}).error(
                        f"the exponent {exponent} is not an integer", node.pos
                    )
                k = int(exponent)
                if abs(k) > MAX_EXPONENT:
                    raise _Evaluator(self, {}).error(
                        f"the exponent {k} is larger than {MAX_EXPONENT} in magnitude", node.pos
                    )
            return base**exponent

        return convert(self.tree)


def parse_expression(text: str, location: Location | None = None) -> Expression:
    """Parse an expression, or raise :class:`ExpressionError` saying where it is wrong.

    ``location`` is where the text was written (e.g. a YAML value); errors are
    located there, with the column moved to the offending character when the
    text is on one line.

    >>> try:
    ...     parse_expression("max(a, b)")
    ... except ExpressionError as error:
    ...     print(error)
    unexpected '(' at column 4: function calls are not allowed
    >>> parse_expression("relief ** 2").evaluate({"relief": 3})
    Fraction(9, 1)
    """
    if not isinstance(text, str):
        raise ExpressionError(f"an expression must be text, not {type(text).__name__}", location)
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"expression is {len(text)} characters long; the limit is {MAX_LENGTH}", location
        )
    tree = parse_syntax(text, location)
    return Expression(text, tree, location)


def constant(value: Value | int, location: Location | None = None) -> Expression:
    """An expression that is just a number (``Fraction``, ``int`` or finite ``float``).

    >>> constant(Fraction(2, 3))
    Expression('2/3')
    >>> constant(0.5).evaluate({})
    0.5
    """
    if isinstance(value, bool) or not isinstance(value, (int, Rational, float, Decimal)):
        raise fail(f"{value!r} is not a number", "value")
    number: Value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise fail(f"{value} is not a finite number", "value")
        number = value
    else:
        number = Fraction(value)  # type: ignore[arg-type]
    return Expression(_format(number), NumberNode(number), location)
