"""The text layer shared by Gambit's ``.nfg`` and ``.efg`` formats.

Both formats are streams of the same tokens: quoted labels, numbers, the
braces ``{`` ``}``, commas and bare words (``NFG``, ``R``, the node kinds
``p``/``c``/``t``).  This module splits text into located tokens, reads a
file's bytes, quotes labels for writing and makes labels unique the way
Gambit 16.7 does.  :mod:`gametrust.formats.gambit_nfg` and :mod:`gametrust.formats.gambit_efg`
build their grammars on it.

Numbers are exact: ``1.5`` is 3/2, ``3/2`` is 3/2, ``2e-1`` is 1/5.  Inside a
quoted label ``\\"`` is a quote and ``\\\\`` a backslash; any other backslash
is kept as it is.

>>> stream = TokenStream('EFG 2 R "a \\\\"b\\\\"" { 1/2, -0.25 }', "x.efg")
>>> [(t.kind, t.text) for t in stream.rest()]  # doctest: +NORMALIZE_WHITESPACE
[('symbol', 'EFG'), ('number', '2'), ('symbol', 'R'), ('text', 'a "b"'), ('{', '{'),
 ('number', '1/2'), (',', ','), ('number', '-0.25'), ('}', '}'), ('eof', '')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from os import PathLike

from ..core.errors import GambitFormatError, Location
from ..core.exact import literal_problem, parse_number
from .files import read_capped

__all__ = [
    "Token",
    "TokenStream",
    "count",
    "describe",
    "gambit_number",
    "quote",
    "read_text",
    "unique_labels",
]

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?\d+/\d+")
_DELIMITERS = frozenset('{},"')


@dataclass(frozen=True)
class Token:
    """One token and where it starts (1-based line and column)."""

    kind: str  # "number" | "text" | "symbol" | "{" | "}" | "," | "eof"
    text: str
    line: int
    column: int
    value: Fraction | None = None


def count(n: int, noun: str) -> str:
    """``"1 payoff"``, ``"2 payoffs"``.

    >>> count(1, "payoff"), count(2, "payoff")
    ('1 payoff', '2 payoffs')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def describe(token: Token) -> str:
    """How an error message names a token: ``string 'x'``, ``'{'``, ``end of file``."""
    if token.kind == "eof":
        return "end of file"
    if token.kind == "text":
        return f"string {token.text!r}"
    if token.kind in "{},":
        return f"'{token.kind}'"
    return f"{token.kind} {token.text!r}"


class _Lexer:
    """Splits Gambit text into tokens, remembering where each one starts."""

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.pos = 0
        self.line = 1
        self.column = 1

    def error(self, message: str, line: int, column: int) -> GambitFormatError:
        return GambitFormatError(message, Location(file=self.file, line=line, column=column))

    def _advance(self) -> str:
        char = self.text[self.pos]
        self.pos += 1
        if char == "\n":
            self.line += 1
            self.column = 1
        else:
            self.column += 1
        return char

    def _word(self) -> str:
        start = self.pos
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char.isspace() or char in _DELIMITERS:
                break
            self._advance()
        return self.text[start : self.pos]

    def _string(self, line: int, column: int) -> str:
        self._advance()  # opening quote
        out: list[str] = []
        while True:
            if self.pos >= len(self.text):
                raise self.error("unterminated string (no closing '\"')", line, column)
            char = self._advance()
            if char == '"':
                return "".join(out)
            if char == "\\" and self.pos < len(self.text) and self.text[self.pos] in '"\\':
                out.append(self._advance())
            else:
                out.append(char)

    def tokens(self) -> Iterator[Token]:
        while True:
            while self.pos < len(self.text) and self.text[self.pos].isspace():
                self._advance()
            line, column = self.line, self.column
            if self.pos >= len(self.text):
                yield Token("eof", "", line, column)
                return
            char = self.text[self.pos]
            if char in "{},":
                self._advance()
                yield Token(char, char, line, column)
            elif char == '"':
                yield Token("text", self._string(line, column), line, column)
            elif char.isdigit() or char in "+-.":
                word = self._word()
                value = parse_number(word) if _NUMBER.fullmatch(word) else None
                if value is None:
                    why = literal_problem(word)
                    raise self.error(why or f"bad number {word!r}", line, column)
                yield Token("number", word, line, column, value)
            else:
                yield Token("symbol", self._word(), line, column)


class TokenStream:
    """A one-token look-ahead over Gambit text (a leading byte-order mark is ignored).

    ``token`` is the current token; :meth:`take` consumes it, :meth:`expect`
    consumes it if it has the expected kind and otherwise raises a
    :class:`~gametrust.core.errors.GambitFormatError` located at it.
    """

    def __init__(self, text: str, file: str) -> None:
        self.lexer = _Lexer(text.removeprefix("\ufeff"), file)
        self.stream = self.lexer.tokens()
        self.token = next(self.stream)

    @property
    def file(self) -> str:
        return self.lexer.file

    def error(self, message: str, token: Token | None = None) -> GambitFormatError:
        """An error located at ``token`` (default: the current token)."""
        token = token or self.token
        return self.lexer.error(message, token.line, token.column)

    def take(self) -> Token:
        token = self.token
        if token.kind != "eof":
            self.token = next(self.stream)
        return token

    def expect(self, kind: str, what: str) -> Token:
        if self.token.kind != kind:
            raise self.error(f"expected {what}, found {describe(self.token)}")
        return self.take()

    def preamble(self, magic: str, version: str, form: str) -> tuple[str, list[str]]:
        """The shared start of both formats: ``MAGIC VERSION R|D "title" { "player" ... }``.

        ``form`` names the file kind in errors ("strategic-form", "extensive-form").
        """
        first = self.token
        if first.kind != "symbol" or first.text != magic:
            raise self.error(
                f"not a Gambit {form} file: expected {magic!r}, found {describe(first)}"
            )
        self.take()
        number = self.token
        if number.kind != "number" or number.text != version:
            raise self.error(
                f"only {magic} version {version} is supported, found {describe(number)}"
            )
        self.take()
        kind = self.token
        if kind.kind != "symbol" or kind.text not in ("R", "D"):
            raise self.error(f"expected the data type R or D, found {describe(kind)}")
        self.take()
        title = self.expect("text", "the game title (a quoted string)").text
        self.expect("{", "'{' opening the list of player names")
        players: list[str] = []
        while self.token.kind == "text":
            players.append(self.take().text)
        closing = self.expect("}", "a quoted player name or '}'")
        if not players:
            raise self.error("the game has no players", closing)
        return title, players

    def rest(self) -> list[Token]:
        """Every remaining token, the end-of-file token included."""
        out = [self.take()]
        while out[-1].kind != "eof":
            out.append(self.take())
        return out


def read_text(path: str | PathLike[str]) -> str:
    """A file's text: UTF-8, or Latin-1 when it is not valid UTF-8.

    An unreadable file raises :class:`~gametrust.core.errors.GambitFormatError` naming it;
    a file longer than the ``file_bytes`` limit is not read.
    """
    data = read_capped(path, GambitFormatError)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def unique_labels(labels: Sequence[str]) -> list[str]:
    """Non-empty, distinct labels, the way Gambit 16.7 normalizes them.

    Every empty or repeated label ``x`` becomes ``x_1``, ``x_2``, ... (the next
    suffix not already in use); an empty label becomes ``_1``, ``_2``, ...

    >>> unique_labels(["", "P", "P", "P_1"])
    ['_1', 'P_2', 'P_3', 'P_1']
    """
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    used = set(labels)
    suffix: dict[str, int] = {}
    out = list(labels)
    for k, label in enumerate(labels):
        if counts[label] == 1 and label:
            continue
        while True:
            suffix[label] = suffix.get(label, 0) + 1
            candidate = f"{label}_{suffix[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        out[k] = candidate
    return out


def quote(label: str) -> str:
    """A label as a Gambit string literal.

    >>> print(quote('say "hi" \\\\ bye'))
    "say \\"hi\\" \\\\ bye"
    """
    return '"' + label.replace("\\", "\\\\").replace('"', '\\"') + '"'


def gambit_number(value: object) -> str:
    """An exact number as ``p/q``, anything else as a full-precision decimal.

    >>> gambit_number(Fraction(-2, 3)), gambit_number(Fraction(4)), gambit_number(0.1)
    ('-2/3', '4', '0.1')
    """
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return repr(float(value))  # type: ignore[arg-type]
