"""Reading the conditions of a scenario file's ``assumptions:`` and ``claims:``.

:class:`ConditionReader` reads the pieces both sections share — exact
numbers and ranges, players, action profiles, family names — and the
conditions: statements written as text (a comparison of parameters
``cost < relief``, a preference ``US prefers "Reassure, Freeze" to "Pressure,
Arm"``, a family ``the game is a Stag Hunt``) and a claim's ``when:``
(bounds on empathy weights and parameters).  Statements are read with
gametrust's own expression parser; comparison operators are split off first,
so nothing is ever evaluated as code.  Every problem is one located
:class:`~gametrust.core.errors.ScenarioError`.  The sections themselves are
read by :mod:`gametrust.formats.claims_format`; the format is documented in
``docs/check.md``.

>>> import gametrust
>>> from gametrust.formats.yamlsource import SourceMap
>>> korea = gametrust.load("scenarios/korea.yaml")
>>> reader = ConditionReader(SourceMap.empty("k.yaml"), korea)
>>> reader.statement("cost < relief", ("statements", 0))
Traceback (most recent call last):
...
gametrust.core.errors.ExpressionError: k.yaml: statements[0]: 'cost': unknown name 'cost'
>>> reader.statement('US prefers "Reassure, Freeze" to (Pressure, Arm)', ("s",)).worse
('Pressure', 'Arm')
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..core.errors import Location, ScenarioError, did_you_mean
from ..model.empathy import weight_keys, weight_label, weight_names
from ..scenario.claims import Assumptions, profile_text
from ..scenario.conditions import EMPATHY, PARAMETER, Bound, Comparison, FamilyIs, Prefers
from ..scenario.expression import Expression, parse_expression, parse_number_safely
from ..scenario.family_names import FamilyName, family_names, parse_family_name
from .reader import Reader
from .yamlsource import KeyPath, SourceMap

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario.conditions import Condition
    from ..scenario.scenario import Scenario

__all__ = ["WHEN_KEYS", "ConditionReader"]

#: Keys of a claim's ``when:``.
WHEN_KEYS = ("empathy", "parameters", "family", "statements")

_QUOTED = r'"[^"]*"|\'[^\']*\'|\([^()]*\)'
_PREFERS = re.compile(
    rf"^\s*(?P<player>\S+)\s+(?P<weak>weakly\s+)?prefers\s+(?P<a>{_QUOTED})\s+to\s+"
    rf"(?P<b>{_QUOTED})\s*$"
)
_FAMILY = re.compile(r"^\s*the\s+game\s+is\s+(?P<not>not\s+)?(?P<name>.+?)\s*$", re.IGNORECASE)
_OPERATOR = re.compile(r"<=|>=|==|!=|<|>|=")


class ConditionReader(Reader):
    """Reads the pieces and conditions of ``assumptions:`` and ``claims:``.

    ``strict`` (a scenario file) requires a condition of a claim's ``when``
    to be about a value the assumptions let vary; :func:`gametrust.assert_claim`
    reads claims with ``strict=False``.
    """

    def __init__(self, where: SourceMap, scenario: Scenario, strict: bool = True) -> None:
        super().__init__(where)
        self.scenario = scenario
        self.strict = strict
        self.values = {n: p.value for n, p in scenario.parameters.items()}

    # -- small pieces ---------------------------------------------------------------------------

    def exact(self, value: object, path: KeyPath, what: str) -> Fraction:
        number = self.number(value, path, what)
        if not isinstance(number, Fraction):
            raise self.error(f"{what} must be exact (an integer, decimal or fraction)", path)
        return number

    def range_of(self, value: object, path: KeyPath, what: str) -> tuple[Fraction, Fraction]:
        bounds = self.sequence(value, path, f"the range of {what}")
        if len(bounds) != 2:
            raise self.error(
                f"the range of {what} must be [low, high], got {len(bounds)} item(s)", path
            )
        low = self.exact(bounds[0], (*path, 0), "a range bound")
        high = self.exact(bounds[1], (*path, 1), "a range bound")
        if low > high:
            raise self.error(
                f"the range of {what} has low {low} > high {high}", path
            )
        return low, high

    def weight_items(self, spec: Mapping[str, Any], path: KeyPath
                     ) -> list[tuple[str, Any, KeyPath]]:
        """``{PLAYER: x}`` (or ``{PLAYER: {KEY: x}}`` for a two-weight empathy model) as
        (weight name, x, key path) triples."""
        keys = weight_keys(self.scenario.empathy_model)
        out: list[tuple[str, Any, KeyPath]] = []
        for pid, item in spec.items():
            ipath = (*path, pid)
            self.player(pid, ipath, at_key=True)
            if not keys:
                out.append((pid, item, ipath))
                continue
            pair = self.mapping(item, ipath, f"the {self.scenario.empathy_model} weights of {pid}")
            for key, sub in pair.items():
                if key not in keys:
                    raise self.error(
                        f"unknown {self.scenario.empathy_model} weight {key!r}"
                        f"{did_you_mean(str(key), keys)}; the weights are {', '.join(keys)}",
                        (*ipath, key), at_key=True)
                out.append((f"{pid}.{key}", sub, (*ipath, key)))
        return out

    def player(self, value: object, path: KeyPath, *, at_key: bool = False) -> str:
        ids = self.scenario.player_ids
        pid = self.text(value, path, "a player id")
        if pid not in ids:
            raise self.error(
                f"unknown player {pid!r}{did_you_mean(pid, ids)}; the players are "
                f"{', '.join(ids)}",
                path,
                at_key=at_key,
            )
        return pid

    def profile(self, value: object, path: KeyPath, *, at_key: bool = False) -> tuple[str, ...]:
        """An action profile: ``"A, B"``, ``"(A, B)"`` or ``[A, B]``, one action per player."""
        if self.scenario.stage_tree is not None:
            raise self.error(
                "this scenario is written as a tree: its claims are about paths "
                "(path_includes, path_excludes), not action profiles",
                path,
                at_key=at_key,
            )
        if isinstance(value, list | tuple):
            labels = [self.text(v, (*path, k), "an action") for k, v in enumerate(value)]
        else:
            text = self.text(value, path, "an action profile").strip()
            if len(text) >= 2 and text[0] + text[-1] in ('""', "''", "()"):
                text = text[1:-1]
            labels = [part.strip() for part in text.split(",")]
        players = self.scenario.players
        if len(labels) != len(players):
            order = ", ".join(p.id for p in players)
            raise self.error(
                f"a profile names one action per player ({order}), separated by commas; "
                f"got {len(labels)}",
                path,
                at_key=at_key,
            )
        for player, label in zip(players, labels, strict=True):
            if label not in player.actions:
                raise self.error(
                    f"{label!r} is not an action of {player.id}"
                    f"{did_you_mean(label, player.actions)}; its actions are "
                    f"{', '.join(player.actions)}",
                    path,
                    at_key=at_key,
                )
        return tuple(labels)

    def family(self, value: object, path: KeyPath) -> FamilyName:
        text = self.text(value, path, "a family")
        found = parse_family_name(text)
        if found is None:
            raise self.error(
                f"unknown family {text!r}{did_you_mean(text, family_names())}; known families: "
                f"{', '.join(family_names())}",
                path,
            )
        return found

    def family_is(self, value: object, path: KeyPath) -> FamilyIs:
        """``family: Stag Hunt`` of the assumptions or a claim's ``when``: the game is one."""
        family = self.family(value, path)
        return FamilyIs(family, False, f"the game is a {family.text}", self.where.location(path))

    def shifted(self, location: Location, offset: int) -> Location:
        if location.column is None:
            return location
        return dataclasses.replace(location, column=location.column + offset)

    # -- statements -----------------------------------------------------------------------------

    def statement(self, value: object, path: KeyPath) -> Condition:
        """One statement: a comparison, a preference or a family, as text."""
        text = self.text(value, path, "a statement")
        location = self.where.text_location(path)
        if self.scenario.stage_tree is None:
            match = _PREFERS.match(text)
            if match:
                return self.prefers(match, text, path, location)
        if " prefers " in f" {text} " and self.scenario.stage_tree is not None:
            raise self.error(
                "preferences between action profiles are for normal-form scenarios; this one "
                "is written as a tree",
                path,
            )
        if " prefers " in f" {text} ":
            raise self.error(
                'cannot read this preference; write e.g. US prefers "Reassure, Freeze" to '
                '"Pressure, Arm" (profiles in quotes or parentheses)',
                path,
            )
        match = _FAMILY.match(text)
        if match:
            family = self.family(match.group("name"), path)
            return FamilyIs(family, bool(match.group("not")), text.strip(), location)
        if _OPERATOR.search(text):
            return self.comparison(text, path, location)
        raise self.error(
            f"cannot read the statement {text!r}: write a comparison of parameters "
            '(cost < relief), a preference (US prefers "A, B" to "C, D") or a family '
            "(the game is a Stag Hunt)",
            path,
        )

    def prefers(
        self, match: re.Match[str], text: str, path: KeyPath, location: Location
    ) -> Prefers:
        pid = match.group("player")
        if pid not in self.scenario.player_ids:
            ids = self.scenario.player_ids
            raise ScenarioError(
                f"unknown player {pid!r}{did_you_mean(pid, ids)}; the players are "
                f"{', '.join(ids)}",
                location,
            )
        better = self.profile(match.group("a"), path)
        worse = self.profile(match.group("b"), path)
        if better == worse:
            raise self.error(f"{profile_text(better)} is compared with itself", path)
        return Prefers(pid, better, worse, not match.group("weak"), text.strip(), location)

    def comparison(self, text: str, path: KeyPath, location: Location) -> Comparison:
        """``a OP b [OP c ...]``: each side parsed by the expression parser, located."""
        terms: list[Expression] = []
        ops: list[str] = []
        start = 0
        pieces = [*list(_OPERATOR.finditer(text)), None]
        for match in pieces:
            end = match.start() if match is not None else len(text)
            side = text[start:end]
            offset = start + (len(side) - len(side.lstrip()))
            if not side.strip():
                where = self.shifted(location, offset)
                raise ScenarioError(
                    f"a comparison needs an expression on each side of its operator in "
                    f"{text!r}",
                    where,
                )
            expression = parse_expression(side.strip(), self.shifted(location, offset))
            expression.evaluate(self.values)  # unknown names: located errors
            terms.append(expression)
            if match is not None:
                ops.append(match.group())
                start = match.end()
        return Comparison(tuple(terms), tuple(ops), text.strip(), location)

    def statements(self, value: object, path: KeyPath) -> list[Condition]:
        if isinstance(value, str):
            return [self.statement(value, path)]
        items = self.sequence(value, path, "statements")
        return [self.statement(v, (*path, k)) for k, v in enumerate(items)]

    # -- conditions -----------------------------------------------------------------------------

    def when(self, value: object, path: KeyPath, assumptions: Assumptions) -> list[Condition]:
        spec = self.mapping(value, path, "when")
        self.keys(spec, path, WHEN_KEYS, (), "when")
        out: list[Condition] = []
        if spec.get("empathy") is not None:
            epath = (*path, "empathy")
            item = spec["empathy"]
            model = self.scenario.empathy_model
            if isinstance(item, Mapping):
                for name, cond, wpath in self.weight_items(item, epath):
                    out += self.bounds(f"{EMPATHY}:{name}", weight_label(model, name), cond,
                                       wpath, assumptions)
            else:
                for name in weight_names(model, self.scenario.player_ids):
                    out += self.bounds(
                        f"{EMPATHY}:{name}", weight_label(model, name), item, epath, assumptions
                    )
        if spec.get("parameters") is not None:
            ppath = (*path, "parameters")
            item = self.mapping(spec["parameters"], ppath, "the parameters of when")
            names = list(self.scenario.parameters)
            for name, cond in item.items():
                if name not in self.scenario.parameters:
                    raise self.error(
                        f"unknown parameter {name!r}{did_you_mean(name, names)}",
                        (*ppath, name),
                        at_key=True,
                    )
                out += self.bounds(f"{PARAMETER}:{name}", name, cond, (*ppath, name), assumptions)
        if spec.get("family") is not None:
            out.append(self.family_is(spec["family"], (*path, "family")))
        if spec.get("statements") is not None:
            out += self.statements(spec["statements"], (*path, "statements"))
        return out

    def bounds(
        self, key: str, label: str, value: object, path: KeyPath, assumptions: Assumptions
    ) -> list[Bound]:
        """``">= 1/4"``, a number (equality), ``[low, high]`` or a list of conditions
        (``["> 1/4", "< 2/3"]``) for one variable."""
        variable = assumptions.variable(key)
        if self.strict and (variable is None or not variable.varies):
            fixed = "does not let it vary" if variable is None else (
                f"fix it at {variable.low}"
            )
            kind, _, name = key.partition(":")
            example = f"{kind}: {{{name}: [0, 1]}}" if kind == EMPATHY else f"{kind}s: [{name}]"
            raise self.error(
                f"a condition on {label}, but the assumptions {fixed}; let it vary "
                f"(assumptions: {example})",
                path,
                at_key=True,
            )
        location = self.where.location(path)
        if isinstance(value, list | tuple) and any(
            isinstance(v, str) and _OPERATOR.match(v.strip()) for v in value
        ):
            out: list[Bound] = []
            for k, item in enumerate(value):
                out += self.bounds(key, label, item, (*path, k), assumptions)
            return out
        if isinstance(value, list | tuple):
            low, high = self.range_of(value, path, label)
            return [
                Bound(key, ">=", low, f"{label} >= {low}", location),
                Bound(key, "<=", high, f"{label} <= {high}", location),
            ]
        if isinstance(value, str) and parse_number_safely(value) is None:
            match = re.match(r"^\s*(<=|>=|==|!=|<|>|=)\s*(.*?)\s*$", value)
            if not match:
                raise self.error(
                    f"a condition is an operator and a number (like '>= 1/4'), a number or "
                    f"[low, high], not {value!r}",
                    path,
                )
            op, raw = match.group(1), match.group(2)
            number = self.exact(raw, path, "the number of a condition")
            return [Bound(key, op, number, f"{label} {op} {number}", location)]
        number = self.exact(value, path, "the value of a condition")
        return [Bound(key, "=", number, f"{label} = {number}", location)]

