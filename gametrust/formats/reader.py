"""The located reader of scenario data: every value checked where it was written.

:class:`Reader` reads the generic shapes of plain data loaded from YAML
(mappings, lists, allowed keys, text, labels, numbers, expressions), with a
:class:`~gametrust.scenario.source_map.SourceMap` of positions, raising one
:class:`~gametrust.core.errors.ScenarioError` that names the file, line, column
and key path of the first problem.  The section readers build on it: the
sections every scenario has (:mod:`gametrust.formats.game_section`), trees
and moves (:mod:`gametrust.formats.tree_section`), types
(:mod:`gametrust.formats.types_section`), claims
(:mod:`gametrust.formats.claims_format`), and the whole document
(:mod:`gametrust.formats.scenario_data`).

>>> reader = Reader(SourceMap.empty("s.yaml"))
>>> reader.number("2/3", ("parameters", "p"), "parameter p")
Fraction(2, 3)
>>> reader.label("a, b", ("players", "A", "actions", 0), "an action")
Traceback (most recent call last):
...
gametrust.core.errors.ScenarioError: s.yaml: players.A.actions[0]: an action 'a, b' contains a comma (commas separate actions in payoff keys)
"""  # noqa: E501

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..core.errors import ScenarioError, did_you_mean
from ..core.exact import Number, literal_problem
from ..scenario.expression import Expression, constant, parse_expression, parse_number_safely
from ..scenario.source_map import KeyPath, SourceMap
from .yamlsource import AmbiguousScalar

__all__ = ["KeyPath", "Reader", "is_container", "kind_of", "short_text"]


def kind_of(value: object) -> str:
    """How a person would call the type of a YAML value."""
    if isinstance(value, AmbiguousScalar):
        return f"{value.kind}: {value.explain()}"
    if isinstance(value, datetime.datetime):
        return "a date and time"
    if isinstance(value, datetime.date):
        return "a date"
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, Fraction, float, Decimal)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def short_text(text: str, limit: int = 60) -> str:
    """``repr(text)``, cut to ``limit`` characters for an error message."""
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 4] + "...'"


def is_container(data: Any, path: KeyPath) -> bool:
    """True when the value at ``path`` is a mapping or list (errors then point at its key)."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(data, Mapping | list)


class Reader:
    """Validates plain scenario data; ``where`` supplies locations."""

    def __init__(self, where: SourceMap) -> None:
        self.where = where

    # -- errors --------------------------------------------------------------------------------

    def error(self, message: str, path: KeyPath, *, at_key: bool = False) -> ScenarioError:
        location = self.where.key_location(path) if at_key else self.where.location(path)
        return ScenarioError(message, location)

    # -- generic shapes ------------------------------------------------------------------------

    def mapping(self, value: object, path: KeyPath, what: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.error(f"{what} must be a mapping (key: value), not {kind_of(value)}", path)
        return value

    def sequence(self, value: object, path: KeyPath, what: str) -> list[Any]:
        if not isinstance(value, list | tuple):
            raise self.error(f"{what} must be a list, not {kind_of(value)}", path)
        return list(value)

    def keys(
        self,
        mapping: Mapping[str, Any],
        path: KeyPath,
        allowed: tuple[str, ...],
        required: tuple[str, ...],
        where: str,
    ) -> None:
        for key in mapping:
            if key not in allowed:
                raise self.error(
                    f"unknown key {key!r}{did_you_mean(str(key), allowed)}; "
                    f"{where} may have: {', '.join(allowed)}",
                    (*path, key),
                    at_key=True,
                )
        for key in required:
            if key not in mapping:
                raise self.error(f"missing required key {key!r} in {where}", (*path, key))

    def text(self, value: object, path: KeyPath, what: str) -> str:
        """Text; a scalar YAML read as a number or boolean counts as the text written."""
        if isinstance(value, str):
            return value
        written = self.where.text(path)
        if written is not None and not isinstance(value, (Mapping, list, tuple, type(None))):
            return written
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        raise self.error(f"{what} must be text, not {kind_of(value)}", path)

    def label(self, value: object, path: KeyPath, what: str) -> str:
        """An id or action label: non-empty text without commas or surrounding spaces."""
        label = self.text(value, path, what)
        if not label.strip():
            raise self.error(f"{what} must not be empty", path)
        if label != label.strip():
            raise self.error(f"{what} {label!r} has leading or trailing spaces", path)
        if "," in label:
            raise self.error(
                f"{what} {label!r} contains a comma (commas separate actions in payoff keys)",
                path,
            )
        return label

    def number(self, value: object, path: KeyPath, what: str) -> Number:
        """An exact number: int, decimal (already exact from YAML), or ``"p/q"`` text."""
        if isinstance(value, bool) or not isinstance(value, int | Fraction | float | Decimal | str):
            raise self.error(f"{what} must be a number, not {kind_of(value)}", path)
        if isinstance(value, str):
            parsed = parse_number_safely(value)
            if parsed is None:
                why = literal_problem(value)
                raise self.error(
                    f"{what}: {why}" if why else
                    f"{what} must be a number (like 2, 0.5 or 2/3), not {short_text(value)}", path
                )
            return parsed
        if isinstance(value, float):
            if not math.isfinite(value):
                raise self.error(f"{what} must be a finite number, not {value}", path)
            return value
        return Fraction(value)

    def expression(
        self, value: object, path: KeyPath, what: str, names: Mapping[str, Number]
    ) -> Expression:
        """A payoff or weight: a number, or an expression over the parameters."""
        if isinstance(value, bool) or not isinstance(value, int | Fraction | float | Decimal | str):
            raise self.error(
                f"{what} must be a number or an expression of parameters, not {kind_of(value)}",
                path,
            )
        location = self.where.location(path)
        if isinstance(value, str):
            expression = parse_expression(value, self.where.text_location(path))
            expression.evaluate(names)  # unknown names, division by zero: located errors
            return expression
        return constant(self.number(value, path, what), location)
