"""Reading the ``assumptions:`` and ``claims:`` sections of a scenario file.

:func:`parse_claims` turns the raw data of a scenario file (with its
:class:`~gametrust.formats.yamlsource.SourceMap`) and the scenario already read from
it into :class:`~gametrust.scenario.claims.Assumptions` and
:class:`~gametrust.scenario.claims.Claim` objects.  Every problem is one
:class:`~gametrust.core.errors.ScenarioError` (an
:class:`~gametrust.core.errors.ExpressionError` inside an expression) with the
file, line, column and key path.  Conditions and statements written as text
are read by :mod:`gametrust.formats.conditions_format`.  The format is
documented in ``docs/check.md``.

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

from ..core.errors import did_you_mean
from ..model.empathy import weight_keys, weight_label, weight_names
from ..model.tree import Chance, Decision
from ..scenario.claims import (
    PBE_KIND_NAMES,
    Assumptions,
    BayesianPlay,
    Claim,
    HasFamily,
    IsEquilibrium,
    NotEquilibrium,
    PathIncludes,
    SignallingClaim,
    Statement,
    TrustThresholdClaim,
    UniqueEquilibrium,
    payoff_variable_name,
    profile_text,
)
from ..scenario.conditions import EMPATHY, PARAMETER, PAYOFF, Condition, Variable
from .conditions_format import ConditionReader
from .reader import kind_of
from .yamlsource import KeyPath, SourceMap

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario.scenario import Scenario

__all__ = [
    "ASSUMPTION_KEYS",
    "CLAIM_KEYS",
    "STATEMENT_KEYS",
    "parse_claims",
    "read_assumptions",
    "read_claim",
]

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
    "bayesian_equilibrium",
    "no_bayesian_equilibrium",
    "pbe",
    "repeated",
)
_TRUST_KEYS = ("player", "at_most", "at_least", "cooperative")
_PBE_KEYS = ("kind", "sends", "every", "intuitive")
_PLUS_MINUS = re.compile(r"^\s*(±|\+-|\+/-)\s*(?P<value>.+?)\s*$")


class _ClaimsReader(ConditionReader):
    """Validates ``assumptions:`` and ``claims:``; ``strict`` requires conditions on variables."""

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
        statements: list[Condition] = []
        if spec.get("family") is not None:
            statements.append(self.family_is(spec["family"], (*path, "family")))
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
        """``{PLAYER: range or number}``, one range for every weight, or for a two-weight
        model ``{PLAYER: {KEY: range or number}}``: one variable per weight (``Row.beta``)."""
        model = self.scenario.empathy_model
        if isinstance(value, list | tuple):
            low, high = self.range_of(value, path, "empathy")
            return [
                Variable(EMPATHY, name, low, high, weight_label(model, name),
                         location=self.where.location(path))
                for name in weight_names(model, self.scenario.player_ids)
            ]
        spec = self.mapping(value, path, "the empathy of the assumptions")
        keys = weight_keys(model)
        items: list[tuple[str, Any, KeyPath]] = []
        for pid, item in spec.items():
            ipath = (*path, pid)
            self.player(pid, ipath, at_key=True)
            if not keys:
                items.append((pid, item, ipath))
                continue
            pair = self.mapping(item, ipath, f"the {model} weights of {pid}")
            for key, sub in pair.items():
                if key not in keys:
                    raise self.error(
                        f"unknown {model} weight {key!r}{did_you_mean(str(key), keys)}; "
                        f"the weights are {', '.join(keys)}", (*ipath, key), at_key=True)
                items.append((f"{pid}.{key}", sub, (*ipath, key)))
        out = []
        for name, item, ipath in items:
            label = weight_label(model, name)
            if isinstance(item, list | tuple):
                low, high = self.range_of(item, ipath, f"the {label}")
            else:
                low = high = self.exact(item, ipath, f"the {label}")
            out.append(
                Variable(EMPATHY, name, low, high, label, location=self.where.location(ipath))
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
        when: tuple[Condition, ...] = ()
        if spec.get("when") is not None:
            when = tuple(self.when(spec["when"], (*path, "when"), assumptions))
        claim = Claim(name, statement, when, description, self.where.location(path))
        if not name:
            claim = dataclasses.replace(claim, name=claim.text())
        return claim

    def claim_statement(self, key: str, value: object, path: KeyPath) -> Statement:
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
        if key in ("bayesian_equilibrium", "no_bayesian_equilibrium"):
            return self.bayesian_play(key, value, path)
        if key == "pbe":
            return self.pbe(value, path)
        if key == "repeated":
            from .repeated_section import read_repeated_claim

            return read_repeated_claim(self, value, path, self.scenario)
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

    def trust(self, value: object, path: KeyPath) -> TrustThresholdClaim:
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
        return TrustThresholdClaim(
            tuple(players), bounds.get("at_most"), bounds.get("at_least"), cooperative
        )


    # -- claims about types and signals -----------------------------------------------------

    def bayesian_play(self, key: str, value: object, path: KeyPath) -> BayesianPlay:
        """``{player: action}`` or ``{player: {type: action}}``: what the named types play."""
        scenario = self.scenario
        if not scenario.types or scenario.is_signalling:
            why = (
                "this scenario is a signalling game: claim its perfect Bayesian equilibria "
                "with pbe" if scenario.is_signalling else "this scenario declares no types"
            )
            raise self.error(f"{key} is about a game with types (types:); {why}", path,
                             at_key=True)
        spec = self.mapping(value, path, f"the plays of {key}")
        if not spec:
            raise self.error(f"{key} names at least one player and its action", path)
        labels = scenario.type_labels()
        plays: list[tuple[str, str, str]] = []
        for pid, item in spec.items():
            ppath = (*path, pid)
            player = self.player(pid, ppath, at_key=True)
            actions = scenario.actions[scenario.player_ids.index(player)]
            if isinstance(item, Mapping):
                entries = list(item.items())
                for type_, _ in entries:
                    if type_ not in labels[player]:
                        raise self.error(
                            f"{player} has no type {type_!r}{did_you_mean(type_, labels[player])}"
                            f"; its types are {', '.join(labels[player])}",
                            (*ppath, type_), at_key=True,
                        )
            else:
                entries = [(t, item) for t in labels[player]]
            for type_, action in entries:
                apath = (*ppath, type_) if isinstance(item, Mapping) else ppath
                text = self.text(action, apath, f"an action of {player}")
                if text not in actions:
                    raise self.error(
                        f"{text!r} is not an action of {player}{did_you_mean(text, actions)}; "
                        f"its actions are {', '.join(actions)}",
                        apath,
                    )
                plays.append((player, type_, text))
        return BayesianPlay(tuple(plays), key == "bayesian_equilibrium", key)

    def pbe(self, value: object, path: KeyPath) -> SignallingClaim:
        """A kind (``separating``), or ``{kind, sends: {type: signal}, every, intuitive}``."""
        scenario = self.scenario
        if scenario.signalling is None:
            raise self.error(
                "pbe is about a signalling game (signalling:); this scenario has none",
                path, at_key=True,
            )
        spec: Mapping[str, Any] = {"kind": value} if isinstance(value, str) else self.mapping(
            value, path, "pbe"
        )
        self.keys(spec, path, _PBE_KEYS, (), "pbe")
        kind = None
        if spec.get("kind") is not None:
            kind = self.text(spec["kind"], (*path, "kind"), "a kind of equilibrium").strip()
            if kind not in PBE_KIND_NAMES:
                raise self.error(
                    f"unknown kind {kind!r}{did_you_mean(kind, PBE_KIND_NAMES)}; the kinds are "
                    f"{', '.join(PBE_KIND_NAMES)}",
                    (*path, "kind") if not isinstance(value, str) else path,
                )
        sends: list[tuple[str, str]] = []
        if spec.get("sends") is not None:
            sender = scenario.signalling.sender
            types = scenario.type_labels()[sender]
            signals = scenario.signalling.signals
            for type_, signal in self.mapping(spec["sends"], (*path, "sends"), "sends").items():
                tpath = (*path, "sends", type_)
                if type_ not in types:
                    raise self.error(
                        f"{sender} has no type {type_!r}{did_you_mean(type_, types)}; its types "
                        f"are {', '.join(types)}",
                        tpath, at_key=True,
                    )
                text = self.text(signal, tpath, "a signal")
                if text not in signals:
                    raise self.error(
                        f"{text!r} is not a signal{did_you_mean(text, signals)}; the signals "
                        f"are {', '.join(signals)}",
                        tpath,
                    )
                sends.append((type_, text))
        flags = {}
        for name in ("every", "intuitive"):
            flag = spec.get(name, False)
            if not isinstance(flag, bool):
                raise self.error(f"{name} is true or false, not {kind_of(flag)}", (*path, name))
            flags[name] = flag
        return SignallingClaim(kind, tuple(sends), flags["every"], flags["intuitive"])


def _move_labels(scenario: Scenario) -> list[str]:
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
