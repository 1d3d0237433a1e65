"""Payoff expressions: a whitelist parser, never ``eval``.

A scenario may write a payoff as arithmetic over its parameters
(``relief - 1``, ``2*cost/3``, ``(1 - p)^2``).  The grammar is deliberately
tiny; nothing else is accepted::

    expression := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary)*
    unary      := ("+" | "-") unary | power
    power      := atom (("^" | "**") unary)?         right-associative
    atom       := NUMBER | NAME | "(" expression ")"
    NUMBER     := 12 | 0.1 | .5 | 1e-2 | 2.5E3        (decimals are exact: 0.1 = 1/10)
    NAME       := [A-Za-z_][A-Za-z0-9_]*              (not a Python keyword)

So there are no calls, attribute access, indexing, strings or commas.  Input
is limited to :data:`MAX_LENGTH` characters and :data:`MAX_DEPTH` nested
parentheses / signs / powers, an exponent must be an integer of magnitude at
most :data:`MAX_EXPONENT`, and exact results may not exceed
:data:`MAX_BITS` bits, so no input can hang the parser or blow the stack.

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

import dataclasses
import keyword
import math
import operator
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from numbers import Rational
from typing import TYPE_CHECKING, Any, TypeAlias

from ..core.errors import ArgumentError, ExpressionError, Location, did_you_mean

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

#: Longest expression text accepted, in characters.
MAX_LENGTH = 1000
#: Deepest nesting of parentheses, unary signs and powers.
MAX_DEPTH = 50
#: Largest magnitude of an exponent (``x^64`` is fine, ``x^65`` is not).
MAX_EXPONENT = 64
#: Largest size, in bits, of a numerator or denominator produced by ``^``, and
#: (as a power of ten) of a number literal's exponent.
MAX_BITS = 100_000
_MAX_LITERAL_EXPONENT = 1000

Value: TypeAlias = Fraction | float

# -- the tree ---------------------------------------------------------------------------------
# Node columns are 0-based offsets into the source; they are not part of equality.


@dataclass(frozen=True)
class _Number:
    value: Value
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True)
class _Name:
    id: str
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True)
class _Unary:
    op: str  # "+" or "-"
    operand: _Node
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True)
class _Chain:
    """``first op1 x1 op2 x2 ...`` with left-to-right operators of one precedence.

    Kept flat (not a left-deep binary tree) so a long sum stays shallow.
    """

    first: _Node
    rest: tuple[tuple[str, _Node], ...]  # (operator, operand)
    positions: tuple[int, ...] = field(default=(), compare=False)  # of the operators


@dataclass(frozen=True)
class _Power:
    base: _Node
    exponent: _Node
    pos: int = field(default=0, compare=False)  # position of the operator


_Node: TypeAlias = _Number | _Name | _Unary | _Chain | _Power


# -- tokens -----------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

# Characters that are never allowed, with the reason shown to the user.
_FORBIDDEN = {
    ".": "attribute access is not allowed",
    "[": "indexing is not allowed",
    "]": "indexing is not allowed",
    ",": "commas are not allowed",
    "'": "strings are not allowed",
    '"': "strings are not allowed",
    "=": "assignments and comparisons are not allowed",
    "<": "comparisons are not allowed",
    ">": "comparisons are not allowed",
    ":": "only numbers, parameter names, + - * / ^ and parentheses are allowed",
}
_ALLOWED_HINT = "only numbers, parameter names, + - * / ^ and parentheses are allowed"


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "name", "op", "bad", "end"
    text: str
    pos: int


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch.isascii() and (ch.isdigit() or (ch == "." and i + 1 < n and text[i + 1].isdigit())):
            match = _NUMBER.match(text, i)
            assert match is not None  # the first character is a digit or ".digit"
            out.append(_Token("number", match.group(), i))
            i = match.end()
            continue
        match = _NAME.match(text, i)
        if match:
            out.append(_Token("name", match.group(), i))
            i = match.end()
            continue
        if text.startswith("**", i):
            out.append(_Token("op", "^", i))
            i += 2
            continue
        if ch in "+-*/^()":
            out.append(_Token("op", ch, i))
        else:
            out.append(_Token("bad", ch, i))
        i += 1
    out.append(_Token("end", "", n))
    return out


# -- parser -----------------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str, location: Location | None) -> None:
        self.text = text
        self.location = location
        self.tokens = _tokens(text)
        self.index = 0
        self.depth = 0

    # errors

    def error(self, message: str, pos: int) -> ExpressionError:
        return ExpressionError(message, _shift(self.location, self.text, pos))

    def unexpected(self, token: _Token, reason: str) -> ExpressionError:
        if token.kind == "end":
            return self.error(f"unexpected end of expression: {reason}", token.pos)
        shown = f"number {token.text}" if token.kind == "number" else repr(token.text)
        return self.error(f"unexpected {shown} at column {token.pos + 1}: {reason}", token.pos)

    # helpers

    @property
    def token(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def at_op(self, *ops: str) -> bool:
        return self.token.kind == "op" and self.token.text in ops

    def nest(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"expression nested more than {MAX_DEPTH} levels deep", pos)

    def check_bad(self, token: _Token) -> None:
        if token.kind == "bad":
            raise self.unexpected(token, _FORBIDDEN.get(token.text, _ALLOWED_HINT))

    # grammar

    def parse(self) -> _Node:
        if self.token.kind == "end":
            raise self.error("empty expression", 0)
        node = self.expression()
        token = self.token
        if token.kind != "end":
            self.check_bad(token)
            if token.kind == "op" and token.text == "(":
                raise self.unexpected(token, "function calls are not allowed")
            if token.kind == "op" and token.text == ")":
                raise self.unexpected(token, "no matching '('")
            hint = ""
            previous = self.tokens[self.index - 1]
            if token.kind == "name" and previous.kind == "number":
                hint = f" (write {previous.text}*{token.text} to multiply)"
            raise self.unexpected(token, f"expected an operator{hint}")
        return node

    def expression(self) -> _Node:
        return self.chain(("+", "-"), self.term)

    def term(self) -> _Node:
        return self.chain(("*", "/"), self.unary)

    def chain(self, ops: tuple[str, ...], operand: Any) -> _Node:
        first = operand()
        rest: list[tuple[str, _Node]] = []
        positions: list[int] = []
        while self.at_op(*ops):
            op = self.advance()
            positions.append(op.pos)
            rest.append((op.text, operand()))
        return _Chain(first, tuple(rest), tuple(positions)) if rest else first

    def unary(self) -> _Node:
        if self.at_op("+", "-"):
            op = self.advance()
            self.nest(op.pos)
            operand = self.unary()
            self.depth -= 1
            return _Unary(op.text, operand, op.pos)
        return self.power()

    def power(self) -> _Node:
        base = self.atom()
        if self.at_op("^"):
            op = self.advance()
            self.nest(op.pos)
            exponent = self.unary()
            self.depth -= 1
            return _Power(base, exponent, op.pos)
        return base

    def atom(self) -> _Node:
        token = self.advance()
        if token.kind == "number":
            return _Number(self.number(token), token.pos)
        if token.kind == "name":
            if keyword.iskeyword(token.text):
                raise self.error(
                    f"{token.text!r} at column {token.pos + 1} is a Python keyword, not a "
                    f"parameter name; {_ALLOWED_HINT}",
                    token.pos,
                )
            if self.at_op("("):
                raise self.unexpected(self.token, "function calls are not allowed")
            return _Name(token.text, token.pos)
        if token.kind == "op" and token.text == "(":
            self.nest(token.pos)
            inner = self.expression()
            self.depth -= 1
            closing = self.token
            if not self.at_op(")"):
                self.check_bad(closing)
                raise self.unexpected(
                    closing, f"expected ')' to close '(' at column {token.pos + 1}"
                )
            self.advance()
            if self.at_op("("):
                raise self.unexpected(self.token, "function calls are not allowed")
            return inner
        self.check_bad(token)
        raise self.unexpected(token, "expected a number, a name or '('")

    def number(self, token: _Token) -> Fraction:
        _, _, exponent = token.text.lower().partition("e")
        if exponent and abs(int(exponent)) > _MAX_LITERAL_EXPONENT:
            raise self.error(
                f"number {token.text} at column {token.pos + 1} is out of range "
                f"(exponent above {_MAX_LITERAL_EXPONENT})",
                token.pos,
            )
        return Fraction(Decimal(token.text))


def _shift(location: Location | None, text: str, pos: int) -> Location:
    """``location`` moved to the character at ``pos`` of a one-line expression."""
    if location is None:
        return Location(column=pos + 1)
    if location.column is None or "\n" in text or "\r" in text:
        return location
    return dataclasses.replace(location, column=location.column + pos)


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
        where = _shift(self.expression.location, self.expression.source, pos)
        return ExpressionError(f"{self.expression.source!r}: {message}", where)

    def run(self, node: _Node) -> Value:
        if isinstance(node, _Number):
            return node.value
        if isinstance(node, _Name):
            return self.values[node.id]
        if isinstance(node, _Unary):
            value = self.run(node.operand)
            return -value if node.op == "-" else value
        if isinstance(node, _Chain):
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

    def power(self, node: _Power) -> Value:
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


def _walk(node: _Node) -> Iterator[_Node]:
    """Nodes in source order (pre-order, left to right)."""
    stack: list[_Node] = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, _Unary):
            stack.append(current.operand)
        elif isinstance(current, _Chain):
            stack.extend(reversed([current.first, *(x for _, x in current.rest)]))
        elif isinstance(current, _Power):
            stack.extend([current.exponent, current.base])


def _format(value: Value) -> str:
    if isinstance(value, float):
        return repr(value)
    return str(value)


# -- public API -------------------------------------------------------------------------------


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
    tree: _Node = field(repr=False)
    location: Location | None = field(default=None, compare=False, repr=False)
    _names: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def __post_init__(self) -> None:
        names = frozenset(n.id for n in _walk(self.tree) if isinstance(n, _Name))
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
        for node in _walk(self.tree):
            if isinstance(node, _Name) and node.id not in values:
                suggestion = did_you_mean(node.id, values)
                raise evaluator.error(f"unknown name {node.id!r}{suggestion}", node.pos)
        evaluator.values = {name: _as_value(values[name], name) for name in self._names}
        return evaluator.run(self.tree)

    # -- building expressions from expressions (used when scenario sugar expands) ------------

    def _combine(self, op: str, other: object, reverse: bool = False) -> Expression:
        right = other if isinstance(other, Expression) else constant(other)  # type: ignore[arg-type]
        left, right = (right, self) if reverse else (self, right)

        def wrap(e: Expression) -> str:
            atomic = isinstance(e.tree, (_Number, _Name)) and not e.source.startswith("-")
            return e.source if atomic else f"({e.source})"

        source = f"{wrap(left)} {op} {wrap(right)}"
        return Expression(source, _Chain(left.tree, ((op, right.tree),), (0,)))

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
        return Expression(f"-({self.source})", _Unary("-", self.tree))

    def fold(self, number: Callable[[Fraction | float], Any], name: Callable[[str], Any]) -> Any:
        """Evaluate the tree with any values that support ``+ - * /`` (e.g. polynomials).

        ``number`` converts each literal, ``name`` each name; powers need an
        exponent that folds to an integer (``int(value)`` must be exact).

        >>> parse_expression("2*x^2 - 1").fold(lambda v: v, lambda n: Fraction(3))
        Fraction(17, 1)
        """

        def run(node: _Node) -> Any:
            if isinstance(node, _Number):
                return number(node.value)
            if isinstance(node, _Name):
                return name(node.id)
            if isinstance(node, _Unary):
                value = run(node.operand)
                return -value if node.op == "-" else value
            if isinstance(node, _Chain):
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

    def _constant_exponent(self, node: _Power) -> int:
        if any(isinstance(n, _Name) for n in _walk(node.exponent)):
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

        def convert(node: _Node) -> sympy.Expr:
            if isinstance(node, _Number):
                value = node.value
                if isinstance(value, float):
                    return sympy.Float(value)
                return sympy.Rational(value.numerator, value.denominator)
            if isinstance(node, _Name):
                return table[node.id] if node.id in table else sympy.Symbol(node.id)
            if isinstance(node, _Unary):
                operand = convert(node.operand)
                return -operand if node.op == "-" else operand
            if isinstance(node, _Chain):
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
    tree = _Parser(text, location).parse()
    return Expression(text, tree, location)


_EXPONENT = re.compile(r"[eE]\s*([+-]?[0-9]+)")


def parse_number_safely(text: str) -> Fraction | None:
    """:func:`gametrust.core.exact.parse_number` for untrusted text: ``None`` for huge input.

    Text longer than :data:`MAX_LENGTH` or with a decimal exponent beyond
    1000 is not treated as a number, so ``"1e999999999"`` cannot make the
    process compute a billion-digit integer.

    >>> parse_number_safely("2/3"), parse_number_safely("1e999999999")
    (Fraction(2, 3), None)
    """
    from ..core.exact import parse_number

    if len(text) > MAX_LENGTH:
        return None
    match = _EXPONENT.search(text)
    if match and abs(int(match.group(1))) > _MAX_LITERAL_EXPONENT:
        return None
    return parse_number(text)


def constant(value: Value | int, location: Location | None = None) -> Expression:
    """An expression that is just a number (``Fraction``, ``int`` or finite ``float``).

    >>> constant(Fraction(2, 3))
    Expression('2/3')
    >>> constant(0.5).evaluate({})
    0.5
    """
    if isinstance(value, bool) or not isinstance(value, (int, Rational, float, Decimal)):
        raise ArgumentError(f"{value!r} is not a number", Location(path=("value",)))
    number: Value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ArgumentError(f"{value} is not a finite number", Location(path=("value",)))
        number = value
    else:
        number = Fraction(value)  # type: ignore[arg-type]
    return Expression(_format(number), _Number(number), location)
