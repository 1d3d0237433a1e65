"""Reading the ``assumptions:`` and ``claims:`` sections of a scenario file.

:func:`parse_claims` turns the raw data of a scenario file (with its
:class:`~gametrust.formats.yamlsource.SourceMap`) and the scenario already read from
it into :class:`~gametrust.analysis.claims.Assumptions` and
:class:`~gametrust.analysis.claims.Claim` objects.  Every problem is one
:class:`~gametrust.core.errors.ScenarioError` (an
:class:`~gametrust.core.errors.ExpressionError` inside an expression) with the
file, line, column and key path.  Statements are read with gametrust's own
expression parser; comparison operators are split off first, so nothing is
ever evaluated as code.  The format is documented in ``docs/check.md``.

>>> import gametrust
>>> from gametrust.formats.yamlsource import load_yaml
>>> korea = gametrust.load("scenarios/korea.yaml")
>>> data, where = load_yaml('''
... assumptions:
...   parameters: {relief: [2, 6]}
...   empathy: {US: [0, 1], DPRK: [0, 1]}
...   statements: [relief > 2]
... claims:
...   - name: restraint
...     equilibrium: Reassure, Freeze
...     when: {empathy: {US: ">= 1/4", DPRK: ">= 1/4"}, parameters: {relief: 4}}
... ''', "claims.yaml")
>>> assumptions, claims = parse_claims(data, where, korea)
>>> [v.label for v in assumptions.variables]
['relief', 'empathy of US', 'empathy of DPRK']
>>> claims[0].text()
'(Reassure, Freeze) is an equilibrium when empathy of US >= 1/4 and empathy of DPRK >= 1/4 and relief = 4'
>>> parse_claims({"claims": [{"name": "x", "equilibrium": "Reassure, Frezee"}]},
...              SourceMap.empty("k.yaml"), korea)
Traceback (most recent call last):
...
gametrust.core.errors.ScenarioError: k.yaml: claims[0].equilibrium: 'Frezee' is not an action of DPRK (did you mean 'Freeze'?); its actions are Arm, Freeze
"""  # noqa: E501

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..analysis.claims import (
    EMPATHY,
    PARAMETER,
    PAYOFF,
    Assumptions,
    Bound,
    Claim,
    Comparison,
    FamilyIs,
    HasFamily,
    IsEquilibrium,
    NotEquilibrium,
    PathIncludes,
    Prefers,
    TrustThreshold,
    UniqueEquilibrium,
    Variable,
    family_name,
    family_names,
    payoff_variable_name,
    profile_text,
)
from ..core.errors import Location, ScenarioError, did_you_mean
from ..scenario.expression import Expression, parse_expression, parse_number_safely
from .reader import Reader, kind_of
from .yamlsource import KeyPath, SourceMap

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario.scenario import Scenario

__all__ = ["ASSUMPTION_KEYS", "CLAIM_KEYS", "parse_claims", "read_assumptions", "read_claim"]

#: Keys of ``assumptions:``.
ASSUMPTION_KEYS = ("parameters", "empathy", "payoffs", "family", "statements")
#: Keys a claim may have besides its one statement.
CLAIM_KEYS = ("name", "description", "when")
#: The statement keys of a claim (exactly one per claim).
STATEMENT_KEYS = (
    "equilibrium",
    "not_equilibrium",
    "unique_equilibrium",
    "family",
    "trust_threshold",
    "path_includes",
    "path_excludes",
)
#: Keys of a claim's ``when:``.
WHEN_KEYS = ("empathy", "parameters", "family", "statements")
_TRUST_KEYS = ("player", "at_most", "at_least", "cooperative")

_QUOTED = r'"[^"]*"|\'[^\']*\'|\([^()]*\)'
_PREFERS = re.compile(
    rf"^\s*(?P<player>\S+)\s+(?P<weak>weakly\s+)?prefers\s+(?P<a>{_QUOTED})\s+to\s+"
    rf"(?P<b>{_QUOTED})\s*$"
)
_FAMILY = re.compile(r"^\s*the\s+game\s+is\s+(?P<not>not\s+)?(?P<name>.+?)\s*$", re.IGNORECASE)
_OPERATOR = re.compile(r"<=|>=|==|!=|<|>|=")
_PLUS_MINUS = re.compile(r"^\s*(±|\+-|\+/-)\s*(?P<value>.+?)\s*$")


class _ClaimsReader(Reader):
    """Validates ``assumptions:`` and ``claims:``; ``strict`` requires conditions on variables."""

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

    def family(self, value: object, path: KeyPath) -> Any:
        text = self.text(value, path, "a family")
        found = family_name(text)
        if found is None:
            raise self.error(
                f"unknown family {text!r}{did_you_mean(text, family_names())}; known families: "
                f"{', '.join(family_names())}",
                path,
            )
        return found

    def shifted(self, location: Location, offset: int) -> Location:
        if location.column is None:
            return location
        return dataclasses.replace(location, column=location.column + offset)

    # -- statements -----------------------------------------------------------------------------

    def statement(self, value: object, path: KeyPath) -> Any:
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

    def prefers(self, match: re.Match[str], text: str, path: KeyPath, location: Location) -> Any:
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

    def statements(self, value: object, path: KeyPath) -> list[Any]:
        if isinstance(value, str):
            return [self.statement(value, path)]
        items = self.sequence(value, path, "statements")
        return [self.statement(v, (*path, k)) for k, v in enumerate(items)]

    # -- assumptions ----------------------------------------------------------------------------

    def assumptions(self, value: object, path: KeyPath = ("assumptions",)) -> Assumptions:
        spec = self.mapping(value, path, "assumptions")
        self.keys(spec, path, ASSUMPTION_KEYS, (), "assumptions")
        variables: list[Variable] = []
        if spec.get("parameters") is not None:
            variables += self.parameter_variables(spec["parameters"], (*path, "parameters"))
        if spec.get("payoffs") is not None:
            variables += self.payoff_variables(spec["payoffs"], (*path, "payoffs"))
        if spec.get("empathy") is not None:
            variables += self.empathy_variables(spec["empathy"], (*path, "empathy"))
        statements: list[Any] = []
        if spec.get("family") is not None:
            fpath = (*path, "family")
            family = self.family(spec["family"], fpath)
            statements.append(
                FamilyIs(family, False, f"the game is a {family.text}", self.where.location(fpath))
            )
        if spec.get("statements") is not None:
            statements += self.statements(spec["statements"], (*path, "statements"))
        return Assumptions(tuple(variables), tuple(statements), self.where.location(path))

    def parameter_variables(self, value: object, path: KeyPath) -> list[Variable]:
        names = list(self.scenario.parameters)
        out: list[Variable] = []
        entries: list[tuple[str, object, KeyPath]]
        if isinstance(value, list | tuple):
            entries = [
                (self.text(v, (*path, k), "a parameter name"), "declared", (*path, k))
                for k, v in enumerate(value)
            ]
        else:
            spec = self.mapping(value, path, "the parameters of the assumptions")
            entries = [(name, item, (*path, name)) for name, item in spec.items()]
        for name, item, ipath in entries:
            at_key = not isinstance(value, list | tuple)
            if name not in self.scenario.parameters:
                hint = did_you_mean(name, names) or (
                    f"; the parameters are {', '.join(names)}" if names else
                    "; the scenario declares none"
                )
                raise self.error(f"unknown parameter {name!r}{hint}", ipath, at_key=at_key)
            if item == "declared":
                declared = self.scenario.parameters[name].range
                if declared is None:
                    raise self.error(
                        f"parameter {name} declares no range; give one here, e.g. "
                        f"{name}: [low, high]",
                        ipath,
                    )
                low, high = Fraction(declared[0]), Fraction(declared[1])
            elif isinstance(item, list | tuple):
                low, high = self.range_of(item, ipath, name)
            else:
                low = high = self.exact(item, ipath, f"the value of {name}")
            out.append(
                Variable(PARAMETER, name, low, high, name, location=self.where.location(ipath))
            )
        return out

    def empathy_variables(self, value: object, path: KeyPath) -> list[Variable]:
        if isinstance(value, list | tuple):
            low, high = self.range_of(value, path, "empathy")
            return [
                Variable(EMPATHY, pid, low, high, f"empathy of {pid}",
                         location=self.where.location(path))
                for pid in self.scenario.player_ids
            ]
        spec = self.mapping(value, path, "the empathy of the assumptions")
        out = []
        for pid, item in spec.items():
            ipath = (*path, pid)
            self.player(pid, ipath, at_key=True)
            if isinstance(item, list | tuple):
                low, high = self.range_of(item, ipath, f"the empathy of {pid}")
            else:
                low = high = self.exact(item, ipath, f"the empathy of {pid}")
            out.append(
                Variable(EMPATHY, pid, low, high, f"empathy of {pid}",
                         location=self.where.location(ipath))
            )
        return out

    def payoff_variables(self, value: object, path: KeyPath) -> list[Variable]:
        if self.scenario.stage_tree is not None:
            raise self.error(
                "payoff ranges are for normal-form scenarios (payoffs:); in a tree, write the "
                "payoff as a parameter and give the parameter a range",
                path,
                at_key=True,
            )
        spec = self.mapping(value, path, "the payoffs of the assumptions")
        out: list[Variable] = []
        for key, item in spec.items():
            kpath = (*path, key)
            profile = self.profile(key, kpath, at_key=True)
            entries = self.mapping(item, kpath, f"the payoffs of {profile_text(profile)}")
            for pid, bounds in entries.items():
                bpath = (*kpath, pid)
                self.player(pid, bpath, at_key=True)
                label = f"{pid}'s payoff at {profile_text(profile)}"
                offset = False
                if isinstance(bounds, str) and _PLUS_MINUS.match(bounds):
                    raw = _PLUS_MINUS.match(bounds).group("value")  # type: ignore[union-attr]
                    delta = self.exact(raw, bpath, "the ± of a payoff")
                    if delta < 0:
                        raise self.error("the ± of a payoff must not be negative", bpath)
                    low, high, offset = -delta, delta, True
                    label = f"{pid}'s payoff at {profile_text(profile)} (± from as written)"
                elif isinstance(bounds, list | tuple):
                    low, high = self.range_of(bounds, bpath, label)
                else:
                    raise self.error(
                        f"a payoff range is [low, high] or '± d', not {kind_of(bounds)}", bpath
                    )
                name = payoff_variable_name(self.scenario, len(out))
                out.append(
                    Variable(PAYOFF, name, low, high, label, profile=profile, player=pid,
                             offset=offset, location=self.where.location(bpath))
                )
        return out

    # -- claims ---------------------------------------------------------------------------------

    def claims(self, value: object, assumptions: Assumptions) -> tuple[Claim, ...]:
        path: KeyPath = ("claims",)
        items = self.sequence(value, path, "claims")
        out: list[Claim] = []
        seen: dict[str, int] = {}
        for k, item in enumerate(items):
            claim = self.claim(item, (*path, k), assumptions)
            if claim.name in seen:
                raise self.error(
                    f"two claims are named {claim.name!r} (claims[{seen[claim.name]}] and "
                    f"claims[{k}])",
                    (*path, k, "name"),
                )
            seen[claim.name] = k
            out.append(claim)
        return tuple(out)

    def claim(self, value: object, path: KeyPath, assumptions: Assumptions) -> Claim:
        spec = self.mapping(value, path, "a claim")
        self.keys(spec, path, (*CLAIM_KEYS, *STATEMENT_KEYS), (), "a claim")
        given = [k for k in STATEMENT_KEYS if k in spec]
        if len(given) != 1:
            what = "none" if not given else " and ".join(given)
            raise self.error(
                f"a claim states exactly one of {', '.join(STATEMENT_KEYS)}; this one has "
                f"{what}",
                path,
            )
        name = ""
        if "name" in spec:
            name = self.text(spec["name"], (*path, "name"), "a claim's name").strip()
            if not name:
                raise self.error("a claim's name must not be empty", (*path, "name"))
        elif self.strict:
            raise self.error("missing required key 'name' in a claim", (*path, "name"))
        description = ""
        if spec.get("description") is not None:
            description = self.text(spec["description"], (*path, "description"), "a description")
        key = given[0]
        statement = self.claim_statement(key, spec[key], (*path, key))
        when: tuple[Any, ...] = ()
        if spec.get("when") is not None:
            when = tuple(self.when(spec["when"], (*path, "when"), assumptions))
        claim = Claim(name, statement, when, description, self.where.location(path))
        if not name:
            claim = dataclasses.replace(claim, name=claim.text())
        return claim

    def claim_statement(self, key: str, value: object, path: KeyPath) -> Any:
        n = len(self.scenario.players)
        if key in ("unique_equilibrium", "trust_threshold") and n != 2:
            raise self.error(
                f"{key} claims are for two-player games; this one has {n} players",
                path,
                at_key=True,
            )
        if key in ("path_includes", "path_excludes"):
            return self.path_claim(key, value, path)
        if key == "family":
            return HasFamily(self.family(value, path))
        if key == "trust_threshold":
            return self.trust(value, path)
        profile = self.profile(value, path)
        if key == "equilibrium":
            return IsEquilibrium(profile)
        if key == "not_equilibrium":
            return NotEquilibrium(profile)
        return UniqueEquilibrium(profile)

    def path_claim(self, key: str, value: object, path: KeyPath) -> PathIncludes:
        if not self.scenario.is_tree:
            raise self.error(
                f"{key} is about moves in time; this scenario is one simultaneous game "
                "(add a tree, commitments, verification or order)",
                path,
                at_key=True,
            )
        move = self.text(value, path, "a move")
        labels = _move_labels(self.scenario)
        if move not in labels:
            raise self.error(
                f"no move {move!r} in the game tree{did_you_mean(move, labels)}; its moves are "
                f"{', '.join(labels)}",
                path,
            )
        return PathIncludes(move, key == "path_includes", key)

    def trust(self, value: object, path: KeyPath) -> TrustThreshold:
        spec = self.mapping(value, path, "trust_threshold")
        self.keys(spec, path, _TRUST_KEYS, (), "trust_threshold")
        players = self.scenario.player_ids
        if spec.get("player") is not None:
            players = (self.player(spec["player"], (*path, "player")),)
        bounds: dict[str, Fraction] = {}
        for name in ("at_most", "at_least"):
            if spec.get(name) is not None:
                x = self.exact(spec[name], (*path, name), name)
                if not 0 <= x <= 1:
                    raise self.error(
                        f"{name} is a probability, between 0 and 1; it is {x}", (*path, name)
                    )
                bounds[name] = x
        if not bounds:
            raise self.error("trust_threshold needs at_most or at_least (or both)", path)
        cooperative = None
        if spec.get("cooperative") is not None:
            cooperative = self.profile(spec["cooperative"], (*path, "cooperative"))
        return TrustThreshold(
            tuple(players), bounds.get("at_most"), bounds.get("at_least"), cooperative
        )

    # -- conditions -----------------------------------------------------------------------------

    def when(self, value: object, path: KeyPath, assumptions: Assumptions) -> list[Any]:
        spec = self.mapping(value, path, "when")
        self.keys(spec, path, WHEN_KEYS, (), "when")
        out: list[Any] = []
        if spec.get("empathy") is not None:
            epath = (*path, "empathy")
            item = spec["empathy"]
            if isinstance(item, Mapping):
                for pid, cond in item.items():
                    self.player(pid, (*epath, pid), at_key=True)
                    out += self.bounds(
                        f"{EMPATHY}:{pid}", f"empathy of {pid}", cond, (*epath, pid), assumptions
                    )
            else:
                for pid in self.scenario.player_ids:
                    out += self.bounds(
                        f"{EMPATHY}:{pid}", f"empathy of {pid}", item, epath, assumptions
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
            fpath = (*path, "family")
            family = self.family(spec["family"], fpath)
            out.append(
                FamilyIs(family, False, f"the game is a {family.text}", self.where.location(fpath))
            )
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


def _move_labels(scenario: Scenario) -> list[str]:
    from ..model.tree import Chance, Decision

    labels: dict[str, None] = {}
    for _, node in scenario.tree.nodes():
        if isinstance(node, Decision):
            labels.update(dict.fromkeys(node.actions))
        elif isinstance(node, Chance):
            labels.update(dict.fromkeys(label for label, _, _ in node.moves))
    return list(labels)


def parse_claims(
    data: Mapping[str, Any], source_map: SourceMap, scenario: Scenario
) -> tuple[Assumptions | None, tuple[Claim, ...]]:
    """The ``assumptions:`` and ``claims:`` of a scenario file's data, validated.

    ``data`` is the whole document (other keys are ignored), ``source_map``
    where its keys were written, ``scenario`` the scenario read from it (for
    players, actions, parameters and the tree).  Assumptions are ``None``
    when the file has none.
    """
    reader = _ClaimsReader(source_map, scenario)
    assumptions = None
    if data.get("assumptions") is not None:
        assumptions = reader.assumptions(data["assumptions"])
    claims: tuple[Claim, ...] = ()
    if data.get("claims") is not None:
        claims = reader.claims(data["claims"], assumptions or Assumptions())
    return assumptions, claims


def read_assumptions(scenario: Scenario, data: Mapping[str, Any]) -> Assumptions:
    """Assumptions from plain data in the file format (errors located by key path)."""
    reader = _ClaimsReader(SourceMap.empty(scenario.path), scenario)
    return reader.assumptions(data)


def read_claim(
    scenario: Scenario,
    data: Mapping[str, Any],
    assumptions: Assumptions | None = None,
    *,
    strict: bool = True,
) -> Claim:
    """One claim from plain data in the file format.

    With ``strict=False`` (for :func:`gametrust.analysis.claims.assert_claim`) a claim
    needs no name and its conditions may name values the assumptions fix.
    """
    reader = _ClaimsReader(SourceMap.empty(scenario.path), scenario, strict=strict)
    return reader.claim(data, ("claim",), assumptions or Assumptions())
