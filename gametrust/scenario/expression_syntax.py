"""The syntax of payoff expressions: a whitelist tokenizer and parser, never ``eval``.

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
parentheses / signs / powers, and a number literal's decimal exponent to
:data:`MAX_LITERAL_EXPONENT`, so no input can hang the parser or blow the
stack.  :func:`parse_syntax` gives the syntax tree (:data:`SyntaxNode`); the
:class:`~gametrust.scenario.expression.Expression` value wraps it and
evaluates it.

>>> tree = parse_syntax("2 * x")
>>> tree == ChainNode(NumberNode(Fraction(2)), (("*", NameNode("x")),))
True
>>> [type(node).__name__ for node in walk(tree)]
['ChainNode', 'NumberNode', 'NameNode']
>>> parse_syntax("os.system")
Traceback (most recent call last):
...
gametrust.core.errors.ExpressionError: unexpected '.' at column 3: attribute access is not allowed
"""

from __future__ import annotations

import dataclasses
import keyword
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeAlias

from ..core.errors import ExpressionError, Location
from ..core.exact import number_too_long, parse_number

__all__ = [
    "MAX_BITS",
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "MAX_LITERAL_EXPONENT",
    "ChainNode",
    "NameNode",
    "NumberNode",
    "PowerNode",
    "SyntaxNode",
    "UnaryNode",
    "Value",
    "parse_number_safely",
    "parse_syntax",
    "shift_location",
    "walk",
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
#: Largest magnitude of a number literal's decimal exponent (``1e1000``).
MAX_LITERAL_EXPONENT = 1000

#: A number in an expression: exact, or a float when a float was given.
Value: TypeAlias = Fraction | float

# -- the tree ---------------------------------------------------------------------------------
# Node columns are 0-based offsets into the source; they are not part of equality.


@dataclass(frozen=True)
class NumberNode:
    """A number literal."""

    value: Value
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True)
class NameNode:
    """A parameter name."""

    id: str
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True)
class UnaryNode:
    """A sign before an operand: ``-x`` or ``+x``."""

    op: str  # "+" or "-"
    operand: SyntaxNode
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ChainNode:
    """``first op1 x1 op2 x2 ...`` with left-to-right operators of one precedence.

    Kept flat (not a left-deep binary tree) so a long sum stays shallow.
    """

    first: SyntaxNode
    rest: tuple[tuple[str, SyntaxNode], ...]  # (operator, operand)
    positions: tuple[int, ...] = field(default=(), compare=False)  # of the operators


@dataclass(frozen=True)
class PowerNode:
    """``base ^ exponent`` (right-associative)."""

    base: SyntaxNode
    exponent: SyntaxNode
    pos: int = field(default=0, compare=False)  # position of the operator


SyntaxNode: TypeAlias = NumberNode | NameNode | UnaryNode | ChainNode | PowerNode


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
        return ExpressionError(message, shift_location(self.location, self.text, pos))

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

    def parse(self) -> SyntaxNode:
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

    def expression(self) -> SyntaxNode:
        return self.chain(("+", "-"), self.term)

    def term(self) -> SyntaxNode:
        return self.chain(("*", "/"), self.unary)

    def chain(self, ops: tuple[str, ...], operand: Any) -> SyntaxNode:
        first = operand()
        rest: list[tuple[str, SyntaxNode]] = []
        positions: list[int] = []
        while self.at_op(*ops):
            op = self.advance()
            positions.append(op.pos)
            rest.append((op.text, operand()))
        return ChainNode(first, tuple(rest), tuple(positions)) if rest else first

    def unary(self) -> SyntaxNode:
        if self.at_op("+", "-"):
            op = self.advance()
            self.nest(op.pos)
            operand = self.unary()
            self.depth -= 1
            return UnaryNode(op.text, operand, op.pos)
        return self.power()

    def power(self) -> SyntaxNode:
        base = self.atom()
        if self.at_op("^"):
            op = self.advance()
            self.nest(op.pos)
            exponent = self.unary()
            self.depth -= 1
            return PowerNode(base, exponent, op.pos)
        return base

    def atom(self) -> SyntaxNode:
        token = self.advance()
        if token.kind == "number":
            return NumberNode(self.number(token), token.pos)
        if token.kind == "name":
            if keyword.iskeyword(token.text):
                raise self.error(
                    f"{token.text!r} at column {token.pos + 1} is a Python keyword, not a "
                    f"parameter name; {_ALLOWED_HINT}",
                    token.pos,
                )
            if self.at_op("("):
                raise self.unexpected(self.token, "function calls are not allowed")
            return NameNode(token.text, token.pos)
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
        if exponent and abs(int(exponent)) > MAX_LITERAL_EXPONENT:
            raise self.error(
                f"number {token.text} at column {token.pos + 1} is out of range "
                f"(exponent above {MAX_LITERAL_EXPONENT})",
                token.pos,
            )
        value = Fraction(Decimal(token.text))
        why = number_too_long(value)
        if why:
            shown = token.text if len(token.text) <= 24 else token.text[:20] + "..."
            raise self.error(f"number {shown} at column {token.pos + 1} {why}", token.pos)
        return value


def shift_location(location: Location | None, text: str, pos: int) -> Location:
    """``location`` moved to the character at ``pos`` of a one-line expression."""
    if location is None:
        return Location(column=pos + 1)
    if location.column is None or "\n" in text or "\r" in text:
        return location
    return dataclasses.replace(location, column=location.column + pos)


def parse_syntax(text: str, location: Location | None = None) -> SyntaxNode:
    """The syntax tree of ``text``, or an :class:`ExpressionError` located at the bad character.

    ``text`` is at most :data:`MAX_LENGTH` characters (checked by the caller,
    :func:`~gametrust.scenario.expression.parse_expression`).
    """
    return _Parser(text, location).parse()


def walk(node: SyntaxNode) -> Iterator[SyntaxNode]:
    """Nodes in source order (pre-order, left to right)."""
    stack: list[SyntaxNode] = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, UnaryNode):
            stack.append(current.operand)
        elif isinstance(current, ChainNode):
            stack.extend(reversed([current.first, *(x for _, x in current.rest)]))
        elif isinstance(current, PowerNode):
            stack.extend([current.exponent, current.base])


_EXPONENT = re.compile(r"[eE]\s*([+-]?[0-9]+)")


def parse_number_safely(text: str) -> Fraction | None:
    """:func:`gametrust.core.exact.parse_number` for untrusted text: ``None`` for huge input.

    Text longer than :data:`MAX_LENGTH` or with a decimal exponent beyond
    1000 is not treated as a number, so ``"1e999999999"`` cannot make the
    process compute a billion-digit integer.

    >>> parse_number_safely("2/3"), parse_number_safely("1e999999999")
    (Fraction(2, 3), None)
    """
    if len(text) > MAX_LENGTH:
        return None
    match = _EXPONENT.search(text)
    if match and abs(int(match.group(1))) > MAX_LITERAL_EXPONENT:
        return None
    return parse_number(text)
