"""Safe YAML loading that remembers where every key and value was written.

:func:`load_yaml` parses with PyYAML's *safe* composer only and then builds
plain Python data itself (``dict``, ``list``, ``str``, ``int``, ``Fraction``,
``bool``, ``None``), recording the 1-based line and column of every mapping key
and value in a :class:`~gametrust.scenario.source_map.SourceMap` (re-exported
here), addressed by key path
(``("payoffs", "Pressure, Arm", 1)``).

Compared with ``yaml.safe_load``:

* a decimal such as ``0.1`` becomes ``Fraction(1, 10)`` exactly, read from the
  text the user wrote, never through a binary float;
* duplicate mapping keys are an error naming both lines (PyYAML silently keeps
  the last one);
* mapping keys are always text, exactly as written (``yes:`` is ``"yes"``);
* a scalar that YAML 1.1 reads as something a person rarely means — a date
  or time (``2001-12-14``), a base-60 number (``1:30`` is 90) or an octal one
  (``010`` is 8) — becomes an :class:`AmbiguousScalar`: the text written where
  text is expected (a title, a label), and a located error where a number is
  (a payoff written ``2001-12-14`` is not silently 2001 - 12 - 14);
* tags other than YAML's plain data types (``!!python/object``, ``!!binary``,
  ``!!set``, custom ``!tags``) are refused;
* anchors, aliases and ``<<`` merge keys work, but recursive aliases and alias
  "bombs" are refused.

Every problem is one :class:`~gametrust.core.errors.ScenarioError` located at a
file, line and column.

When PyYAML was built with libyaml, the text is scanned and parsed by libyaml's
C parser, whose events (each with its line and column) are composed into nodes
by PyYAML's Python composer, counting nodes and guarding depth as it goes:
reading every shipped scenario is five to seven times faster than with the
pure-Python parser (``benchmarks/bench_yaml.py``), and every limit and every
located error stays (PyYAML's
all-C ``CSafeLoader`` would compose with unbounded C recursion — a file of
100,000 ``[`` crashes the interpreter — and count nothing).  Without libyaml
the pure-Python parser is used; :data:`PARSER` says which (``"c"`` or
``"python"``).  The two report the same locations; the wording of a syntax
error may differ (libyaml's or PyYAML's).

>>> data, where = load_yaml("title: Summit\\npayoffs:\\n  C, C: [0.1, 2]\\n", "s.yaml")
>>> data["payoffs"]["C, C"]
[Fraction(1, 10), 2]
>>> str(where.location(("payoffs", "C, C", 1)))
"s.yaml:3:15: payoffs.'C, C'[1]"
>>> load_yaml("a: 1\\na: 2\\n", "s.yaml")
Traceback (most recent call last):
...
gametrust.core.errors.ScenarioError: s.yaml:2:1: a: duplicate key 'a' (first given at line 1)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader
from yaml.resolver import Resolver

try:  # libyaml's scanner and parser, when PyYAML was built with it
    from yaml.cyaml import CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    CParser = None

from ..core.errors import Location, ScenarioError
from ..core.exact import literal_problem, number_too_long
from ..core.limits import LIMITS, ScenarioLimitError, limit
from ..scenario.expression import parse_number_safely
from ..scenario.source_map import KeyPath, SourceMap, WrittenScalar

__all__ = ["PARSER", "AmbiguousScalar", "KeyPath", "SourceMap", "load_yaml"]

#: The parser that reads the text: ``"c"`` (libyaml) when PyYAML has it, else
#: ``"python"``; set it to ``"python"`` to use PyYAML's pure-Python parser.
PARSER = "c" if CParser is not None else "python"


_TAG = "tag:yaml.org,2002:"
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_OCTAL = re.compile(r"^[-+]?0[0-7_]+$")


@dataclass(frozen=True)
class AmbiguousScalar:
    """A plain scalar that YAML 1.1 reads as a date, a time, a base-60 or an octal number.

    Text where text is expected (the reader uses the text written), never a
    number: :attr:`kind` says what YAML would have made of it, for the error.
    """

    text: str
    kind: str  # "a date", "a date and time", "a base-60 number", "an octal number"
    value: int | Fraction | None = None  # what YAML 1.1 makes of a number

    def __str__(self) -> str:
        return self.text

    def explain(self) -> str:
        """What YAML would read, for an error message."""
        if self.value is None:
            return f"YAML reads {self.text} unquoted as {self.kind}"
        return (f"YAML 1.1 reads {self.text} as {self.kind}, {self.value}; write the number "
                "in decimal")
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}


def _error(message: str, file: str | None, mark: Any = None, path: KeyPath = ()) -> ScenarioError:
    if mark is None:
        return ScenarioError(message, Location(file, path=path))
    return ScenarioError(message, Location(file, mark.line + 1, mark.column + 1, path))


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _at(source: str | bytes, index: int, file: str | None, message: str) -> ScenarioError:
    """An error located at character (or byte) ``index`` of the source: line and column."""
    newline = b"\n" if isinstance(source, bytes) else "\n"
    line = source.count(newline, 0, index) + 1  # type: ignore[arg-type]
    column = index - (source.rfind(newline, 0, index) + 1) + 1  # type: ignore[arg-type]
    return ScenarioError(message, Location(file, line, column))


def _decode(source: str | bytes, file: str | None) -> str:
    if isinstance(source, bytes):
        if b"\x00" in source:
            message = "not a text file (it contains NUL bytes)"
            raise _at(source, source.index(b"\x00"), file, message)
        try:
            source = source.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _at(
                source, exc.start, file, f"not a text file (byte {exc.start} is not valid UTF-8)"
            ) from None
    elif "\x00" in source:
        message = "not a text file (it contains NUL characters)"
        raise _at(source, source.index("\x00"), file, message)
    return source.removeprefix("\ufeff")


def _too_many(
    most: int, verb: str, file: str | None, mark: Any, path: KeyPath = ()
) -> ScenarioLimitError:
    entry = LIMITS["values"]
    return ScenarioLimitError(
        f"the document {verb} more than {most:,} values, the limit (raise it with "
        f"{entry.variable}=N; see docs/limits.md)",
        Location(file, mark.line + 1, mark.column + 1, path),
        entry,
        most + 1,
    )


class _Counting(Composer):
    """PyYAML's composer, counting the nodes it composes (memory grows with them)."""

    file: str | None
    most: int
    composed: int

    def start_counting(self, file: str | None) -> None:
        self.file = file
        self.most = limit("values")
        self.composed = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self.composed += 1
        if self.composed > self.most:
            raise _too_many(self.most, "holds", self.file, self.peek_event().start_mark)
        return super().compose_node(parent, index)


class _Loader(_Counting, yaml.SafeLoader):
    """PyYAML's pure-Python safe loader, counting nodes."""

    def __init__(self, stream: str, file: str | None) -> None:
        yaml.SafeLoader.__init__(self, stream)  # checks every character first (a ReaderError)
        self.start_counting(file)


if CParser is not None:

    class _CLoader(_Counting, CParser, Resolver):  # type: ignore[misc, valid-type]
        """libyaml's scanner and parser (C) under the Python composer, counting nodes."""

        def __init__(self, stream: str, file: str | None) -> None:
            match = Reader.NON_PRINTABLE.search(stream)
            if match is not None:  # the pure-Python reader's check, word for word
                raise yaml.reader.ReaderError(
                    file or "<string>", match.start(), ord(match.group()), "unicode",
                    "special characters are not allowed")
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)
            self.start_counting(file)


def _compose(text: str, file: str | None) -> Node | None:
    loader: _Counting | None = None
    try:
        loader = (_CLoader if PARSER == "c" and CParser is not None else _Loader)(text, file)
        return loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        position = exc.position
        if exc.encoding != "unicode":
            # libyaml counts bytes of the UTF-8 text
            position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise ScenarioError(
            f"not a text file (character U+{char:04X} is not allowed in YAML)",
            Location(file, line, column),
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = _one_line(exc.problem or "")
        context = _one_line(exc.context or "")
        if context and exc.context_mark is not None and exc.context_mark is not mark:
            context += f" at line {exc.context_mark.line + 1}"
        message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
        raise _error(message, file, mark) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error above is marked
        raise _error(f"invalid YAML: {_one_line(exc)}", file) from None
    except RecursionError:
        raise _error("invalid YAML: nested too deeply", file) from None
    finally:
        if loader is not None:
            loader.dispose()


class _Builder:
    """Turns a composed node graph into plain data, recording positions."""

    def __init__(self, file: str | None) -> None:
        self.file = file
        self.values: dict[KeyPath, tuple[int, int]] = {}
        self.keys: dict[KeyPath, tuple[int, int]] = {}
        self.scalars: dict[KeyPath, WrittenScalar] = {}
        self.constructor = SafeConstructor()
        self.count = 0
        self.most = limit("values")
        self.active: set[int] = set()

    def build(self, node: Node, path: KeyPath) -> Any:
        self.count += 1
        if self.count > self.most:
            raise _too_many(self.most, "expands to", self.file, node.start_mark, path)
        self.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if id(node) in self.active:
            raise _error("a recursive alias is not allowed", self.file, node.start_mark, path)
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                self.check_tag(node, f"{_TAG}seq", path)
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            assert isinstance(node, MappingNode)
            self.check_tag(node, f"{_TAG}map", path)
            return self.mapping(node, path)
        finally:
            self.active.discard(id(node))

    def check_tag(self, node: Node, expected: str, path: KeyPath) -> None:
        if node.tag != expected:
            raise _error(
                f"the YAML tag {node.tag!r} is not allowed (only plain data: text, numbers, "
                "booleans, lists and mappings)",
                self.file,
                node.start_mark,
                path,
            )

    def scalar(self, node: ScalarNode, path: KeyPath) -> Any:
        start, end = node.start_mark, node.end_mark
        column: int | None = start.column + 1
        if start.line != end.line or "\n" in node.value:
            column = None
        elif node.style in ("'", '"'):
            column = start.column + 2 if end.index - start.index - 2 == len(node.value) else None
        elif node.style:  # block scalar ('|' or '>'; a plain one is None, or '' from libyaml)
            column = None
        self.scalars[path] = WrittenScalar(node.value, start.line + 1, column)
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            self.check_tag(node, f"{_TAG}str", path)
        if tag == f"{_TAG}str":
            return node.value
        if tag == f"{_TAG}timestamp":
            kind = "a date" if len(node.value.strip()) <= 10 else "a date and time"
            return AmbiguousScalar(node.value, kind)
        if tag in (f"{_TAG}int", f"{_TAG}float") and _SEXAGESIMAL.match(node.value):
            base60 = self.constructor.construct_yaml_int(node) if tag == f"{_TAG}int" else (
                Fraction(self.constructor.construct_yaml_float(node)))
            return AmbiguousScalar(node.value, "a base-60 number", base60)
        if tag == f"{_TAG}int" and _OCTAL.match(node.value):
            octal = self.constructor.construct_yaml_int(node)
            return AmbiguousScalar(node.value, "an octal number", octal)
        if tag == f"{_TAG}float":
            exact = parse_number_safely(node.value.replace("_", ""))
            if exact is not None:
                return exact
            why = literal_problem(node.value.replace("_", ""))
            if why:
                raise _error(why, self.file, start, path)
        try:
            if tag == f"{_TAG}int":
                whole = self.constructor.construct_yaml_int(node)
                why = number_too_long(Fraction(whole))
                if why:
                    raise _error(f"{node.value[:40]!r} {why}", self.file, start, path)
                return whole
            if tag == f"{_TAG}bool":
                return self.constructor.construct_yaml_bool(node)
            if tag == f"{_TAG}null":
                return None
            value = self.constructor.construct_yaml_float(node)
        except (ConstructorError, ValueError):
            raise _error(
                f"{node.value!r} is not a valid {tag.removeprefix(_TAG)}",
                self.file,
                start,
                path,
            ) from None
        if not math.isfinite(value):
            return value
        return Fraction(value)  # e.g. sexagesimal 1:30.5 — exact in binary anyway

    def key(self, node: Node, path: KeyPath) -> str:
        if not isinstance(node, ScalarNode):
            raise _error(
                "a mapping key must be plain text, not a list or mapping",
                self.file,
                node.start_mark,
                path,
            )
        if node.tag not in _SCALAR_TAGS:
            self.check_tag(node, f"{_TAG}str", path)
        return node.value

    def mapping(self, node: MappingNode, path: KeyPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        merged: list[tuple[str, Node, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == f"{_TAG}merge":
                merged.extend(self.merge_entries(value_node, path))
                continue
            key = self.key(key_node, path)
            key_path = (*path, key)
            line = key_node.start_mark.line + 1
            if key in first_line:
                raise _error(
                    f"duplicate key {key!r} (first given at line {first_line[key]})",
                    self.file,
                    key_node.start_mark,
                    key_path,
                )
            first_line[key] = line
            self.keys[key_path] = (line, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, key_path)
        for key, key_node, value_node in merged:
            if key in out:
                continue
            key_path = (*path, key)
            self.keys[key_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, key_path)
        return out

    def merge_entries(self, node: Node, path: KeyPath) -> list[tuple[str, Node, Node]]:
        """The ``(key, key node, value node)`` entries a ``<<`` merge brings in."""
        sources = node.value if isinstance(node, SequenceNode) else [node]
        entries: list[tuple[str, Node, Node]] = []
        seen: set[str] = set()
        for source in sources:
            if not isinstance(source, MappingNode):
                raise _error(
                    "a '<<' merge needs a mapping or a list of mappings",
                    self.file,
                    source.start_mark,
                    path,
                )
            if id(source) in self.active:
                raise _error("a recursive alias is not allowed", self.file, source.start_mark, path)
            for key_node, value_node in source.value:
                if key_node.tag == f"{_TAG}merge":
                    self.active.add(id(source))
                    try:
                        inner = self.merge_entries(value_node, path)
                    finally:
                        self.active.discard(id(source))
                    entries.extend(e for e in inner if e[0] not in seen)
                    seen.update(e[0] for e in inner)
                    continue
                key = self.key(key_node, path)
                if key not in seen:  # earlier mappings in the list win, as in YAML
                    seen.add(key)
                    entries.append((key, key_node, value_node))
        return entries


def load_yaml(source: str | bytes, file: str | None = "<string>") -> tuple[Any, SourceMap]:
    """Parse one YAML document into plain data and a :class:`SourceMap`.

    The top level must be a mapping.  ``file`` names the source in error
    locations.

    >>> load_yaml("", "empty.yaml")
    Traceback (most recent call last):
    ...
    gametrust.core.errors.ScenarioError: empty.yaml:1:1: the file is empty
    >>> load_yaml("x: !!python/object/apply:os.system [ls]", "evil.yaml")
    Traceback (most recent call last):
    ...
    gametrust.core.errors.ScenarioError: evil.yaml:1:4: x: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed (only plain data: text, numbers, booleans, lists and mappings)
    """  # noqa: E501
    text = _decode(source, file)
    if not text.strip():
        raise ScenarioError("the file is empty", Location(file, 1, 1))
    node = _compose(text, file)
    if node is None:
        raise _error("the file is empty (it has only comments)", file)
    if not isinstance(node, MappingNode):
        kind = "a list" if isinstance(node, SequenceNode) else "a single value"
        raise _error(
            f"the top level must be a mapping of 'key: value' lines, not {kind}",
            file,
            node.start_mark,
        )
    builder = _Builder(file)
    try:
        data = builder.build(node, ())
    except RecursionError:
        raise _error("the document is nested too deeply", file) from None
    return data, SourceMap(file, builder.values, builder.keys, builder.scalars)
