"""The scenario model: players, parameters, payoff expressions and empathy.

A :class:`Scenario` is what a scenario file means, as an immutable value with
no I/O.  :meth:`Scenario.build` turns it into a
:class:`~gametrust.model.game.NormalFormGame` for given parameter values and empathy
weights.  Scenarios come from files (``gametrust.load``), from plain data in
the file format (:meth:`Scenario.from_dict`), or from keyword construction:

>>> pd = Scenario(
...     title="PD",
...     players=[Player("Row", "Row", ("C", "D")), Player("Col", "Col", ("C", "D"))],
...     parameters={"R": 3},
...     payoffs={"C, C": ["R", "R"], "C, D": [0, 5], "D, C": [5, 0], "D, D": [1, 1]},
... )
>>> pd
<Scenario 'PD': Row(C, D) x Col(C, D); parameters R=3; empathy altruism Row=0, Col=0>
>>> pd.base_game({"R": "4"}).payoff(("C", "C"))
(Fraction(4, 1), Fraction(4, 1))
>>> g = pd.build(empathy={"Row": "1/2", "Col": "1/2"})
>>> g.payoff(("C", "C")), g.payoff(("D", "C"))
((Fraction(9, 2), Fraction(9, 2)), (Fraction(5, 1), Fraction(5, 2)))

Keyword construction normalises its input: payoff keys may be tuples of
action labels or ``"A, B"`` strings, payoffs may be numbers, number strings or
expression strings, parameters may be plain numbers, and empathy weights may
be numbers or expressions over the parameters.  Inconsistent input raises
:class:`~gametrust.core.errors.ArgumentError`; files get the same checks with
line numbers from :mod:`gametrust.load`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from itertools import product
from numbers import Rational
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.errors import (
    ArgumentError,
    ExpressionError,
    Location,
    ScenarioError,
    did_you_mean,
    fail,
)
from ..core.exact import Number, format_number
from ..formats.yamlsource import SourceMap
from ..model.game import NormalFormGame
from ..model.tree import Chance, Decision, GameTree, Terminal
from .expression import Expression, constant, parse_expression, parse_number_safely
from .moves import Commitment, Verification, add_commitments, check_moves, normal_form_tree
from .treespec import check_chance, check_perfect_recall, key_path, without_impossible_moves
from .typespec import BeliefSpec, PlayerType, Signalling, check_priors

if TYPE_CHECKING:  # pragma: no cover
    from ..model.bayesian import BayesianGame
    from ..model.signalling import SignallingGame
    from .claims import Assumptions, Claim

__all__ = ["FORMAT_VERSION", "Parameter", "Player", "Scenario"]

#: The scenario file format version this gametrust reads and writes.
FORMAT_VERSION = 1



def _number(value: object, *path: str | int) -> Number:
    """An exact ``Fraction`` (or a ``float`` for float input) from a number or number text."""
    if isinstance(value, bool):
        raise fail(f"{value!r} is not a number", *path)
    if isinstance(value, str):
        parsed = parse_number_safely(value)
        if parsed is None:
            raise fail(f"{value!r} is not a number (write e.g. 2, 0.5 or 2/3)", *path)
        return parsed
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, (int, Rational)):
        return Fraction(value)  # type: ignore[arg-type]
    if isinstance(value, Decimal) and value.is_finite():
        return Fraction(value)
    if isinstance(value, float) and math.isfinite(value):
        return value
    raise fail(f"{value!r} is not a finite number", *path)


def _expression(value: object, *path: str | int) -> Expression:
    """A payoff or weight as an :class:`Expression` (numbers become constants)."""
    if isinstance(value, Expression):
        return value
    if isinstance(value, str):
        try:
            return parse_expression(value, Location(path=tuple(path)))
        except ExpressionError as exc:
            raise fail(exc.message, *path) from None
    return constant(_number(value, *path))


@dataclass(frozen=True)
class Player:
    """A player: an id (used in files and on the command line), a display name, actions.

    >>> Player("US", "", ["Pressure", "Reassure"])
    Player(id='US', name='US', actions=('Pressure', 'Reassure'))
    """

    id: str
    name: str
    actions: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", tuple(self.actions))
        if not isinstance(self.id, str) or not self.id:
            raise fail(f"a player id must be non-empty text, not {self.id!r}", "players")
        if not self.name:
            object.__setattr__(self, "name", self.id)
        if not self.actions:
            raise fail(f"player {self.id!r} has no actions", "players", self.id, "actions")
        for action in self.actions:
            if not isinstance(action, str) or not action:
                raise fail(
                    f"player {self.id!r}: an action must be non-empty text, not {action!r}",
                    "players",
                    self.id,
                    "actions",
                )
        if len(set(self.actions)) != len(self.actions):
            raise fail(
                f"player {self.id!r} has duplicate actions {list(self.actions)}",
                "players",
                self.id,
                "actions",
            )


@dataclass(frozen=True)
class Parameter:
    """A named value used in payoff expressions; ``range`` feeds sweeps and checks.

    >>> Parameter("relief", "4", ("2", 6)).range
    (Fraction(2, 1), Fraction(6, 1))
    """

    name: str
    value: Number
    range: tuple[Number, Number] | None = None
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", _number(self.value, "parameters", self.name))
        if self.range is not None:
            if len(self.range) != 2:
                raise fail("a range is [low, high]", "parameters", self.name, "range")
            low, high = (_number(v, "parameters", self.name, "range") for v in self.range)
            if low > high:
                raise fail(
                    f"range [{format_number(low)}, {format_number(high)}] has low > high",
                    "parameters",
                    self.name,
                    "range",
                )
            if not low <= self.value <= high:
                raise fail(
                    f"value {format_number(self.value)} is outside its range "
                    f"[{format_number(low)}, {format_number(high)}]",
                    "parameters",
                    self.name,
                    "value",
                )
            object.__setattr__(self, "range", (low, high))


def _frozen(mapping: dict[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(mapping)


def _tree_player(entry: object) -> Player:
    """A tree scenario's player: a :class:`Player`, an id, or an ``(id, name)`` pair.

    The actions are placeholders until the scenario fills in the tree's moves.
    """
    if isinstance(entry, Player):
        return entry
    if isinstance(entry, str):
        return Player(entry, entry, ("?",))
    if isinstance(entry, tuple) and len(entry) == 2 and all(isinstance(x, str) for x in entry):
        return Player(entry[0], entry[1], ("?",))
    raise fail(f"a player is a Player, an id or an (id, name) pair, not {entry!r}", "players")


@dataclass(frozen=True, kw_only=True)
class Scenario:
    """A game of trust as its author wrote it: players, parameters, payoff expressions.

    Construct it with keywords.  ``payoffs`` maps every action-label profile
    (one label per player, in player order) to one :class:`Expression` per
    player, in the canonical order of :func:`itertools.product` over the
    players' actions.  ``empathy`` holds every player's weight: a number, or an
    :class:`Expression` when the weight depends on parameters
    (:meth:`empathy_weights` gives numbers for any parameter values).
    ``path`` is the file the scenario was loaded from, ``source_map`` where
    each of its keys was written (errors found when building are located with
    it).

    Moves in time (see :mod:`gametrust.scenario.moves`): instead of ``payoffs`` a
    scenario may give ``stage_tree``, a :class:`~gametrust.model.tree.GameTree` of
    expressions (its players may then be given as ids, or as players whose
    actions are replaced by the moves the tree gives them), and either kind
    of stage game may add ``commitments``; a normal-form stage game may add
    ``verification`` or ``order``.  Such a scenario :attr:`is_tree`;
    :attr:`tree` is its whole game as a tree of expressions and
    :meth:`build_tree` builds it numerically.
    """

    title: str
    players: tuple[Player, ...]
    payoffs: Mapping[tuple[str, ...], tuple[Expression, ...]] = field(default_factory=dict)
    description: str = ""
    sources: tuple[str, ...] = ()
    parameters: Mapping[str, Parameter] = field(default_factory=dict)
    empathy: Mapping[str, Number | Expression] = field(default_factory=dict)
    empathy_model: str = "altruism"
    path: str | None = field(default=None, compare=False)
    stage_tree: GameTree | None = None
    commitments: tuple[Commitment, ...] = ()
    verification: Verification | None = None
    order: tuple[str, ...] = ()
    source_map: SourceMap | None = field(default=None, compare=False, repr=False)
    # -- claims hook (gametrust check): read by gametrust/claims_format.py -------------------------
    assumptions: Assumptions | None = field(default=None, compare=False, repr=False)
    claims: tuple[Claim, ...] = field(default=(), compare=False, repr=False)
    # -- types and signals (issue 5): see gametrust/typespec.py --------------------------------
    types: Mapping[str, tuple[PlayerType, ...]] = field(default_factory=dict)
    signalling: Signalling | None = None
    beliefs: BeliefSpec | None = None

    # -- construction and validation -----------------------------------------------------------

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "sources", tuple(self.sources))
        set_(self, "commitments", tuple(self.commitments))
        set_(self, "order", tuple(self.order))
        players = tuple(self.players)
        if self.stage_tree is not None:
            players = tuple(_tree_player(p) for p in players)
        set_(self, "players", players)
        if not players:
            raise fail("a scenario needs at least one player", "players")
        ids = [p.id for p in players]
        if len(set(ids)) != len(ids):
            raise fail(f"player ids must be distinct, got {ids}", "players")
        set_(self, "parameters", _frozen(self._normalise_parameters()))
        if self.stage_tree is None:
            set_(self, "payoffs", _frozen(self._normalise_payoffs()))
        else:
            if self.payoffs:
                raise fail(
                    "a scenario has either payoffs (a normal-form game) or a tree, not both",
                    "tree",
                )
            set_(self, "payoffs", _frozen({}))
            self._check_stage_tree()
        self._check_moves()
        if self.stage_tree is not None:
            set_(self, "players", self._tree_players())
        set_(self, "empathy", _frozen(self._normalise_empathy()))
        self._check_types()
        from ..model.empathy import EMPATHY_MODELS

        if self.empathy_model not in EMPATHY_MODELS:
            raise fail(
                f"unknown empathy model {self.empathy_model!r}"
                f"{did_you_mean(str(self.empathy_model), EMPATHY_MODELS)}; "
                f"choose one of {', '.join(EMPATHY_MODELS)}",
                "empathy_model",
            )

    def _normalise_parameters(self) -> dict[str, Parameter]:
        out: dict[str, Parameter] = {}
        for name, item in self.parameters.items():
            parameter = item if isinstance(item, Parameter) else Parameter(name, item)
            if parameter.name != name:
                raise fail(f"parameter {parameter.name!r} is filed as {name!r}", "parameters")
            out[name] = parameter
        return out

    def _normalise_payoffs(self) -> dict[tuple[str, ...], tuple[Expression, ...]]:
        n = len(self.players)
        given: dict[tuple[str, ...], tuple[Expression, ...]] = {}
        for key, vector in self.payoffs.items():
            profile = (
                tuple(part.strip() for part in key.split(","))
                if isinstance(key, str)
                else tuple(key)
            )
            label = ", ".join(map(str, profile))
            if len(profile) != n:
                raise fail(f"profile ({label}) names {len(profile)} actions, not {n}", "payoffs")
            for player, action in zip(self.players, profile, strict=True):
                if action not in player.actions:
                    raise fail(
                        f"profile ({label}): {action!r} is not an action of {player.id}"
                        f"{did_you_mean(str(action), player.actions)}",
                        "payoffs",
                        label,
                    )
            if profile in given:
                raise fail(f"profile ({label}) is given twice", "payoffs", label)
            if isinstance(vector, (str, bytes)) or not isinstance(vector, Sequence):
                raise fail(f"profile ({label}): expected {n} payoffs", "payoffs", label)
            if len(vector) != n:
                raise fail(
                    f"profile ({label}) has {len(vector)} payoffs, expected {n}", "payoffs", label
                )
            given[profile] = tuple(
                _expression(v, "payoffs", label, i) for i, v in enumerate(vector)
            )
        ordered: dict[tuple[str, ...], tuple[Expression, ...]] = {}
        missing = []
        for profile in product(*(p.actions for p in self.players)):
            if profile in given:
                ordered[profile] = given[profile]
            else:
                missing.append(f"({', '.join(profile)})")
        if missing:
            raise fail(f"no payoffs for profile(s) {', '.join(missing[:10])}", "payoffs")
        known = set(self.parameters)
        for profile, vector in ordered.items():
            for i, expression in enumerate(vector):
                unknown = sorted(expression.names() - known)
                if unknown:
                    raise fail(
                        f"unknown parameter {unknown[0]!r}{did_you_mean(unknown[0], known)}",
                        "payoffs",
                        ", ".join(profile),
                        i,
                    )
        return ordered

    def _check_stage_tree(self) -> None:
        tree = self.stage_tree
        assert tree is not None
        if tuple(tree.players) != self.player_ids:
            raise fail(
                f"the tree's players {list(tree.players)} are not the scenario's "
                f"{list(self.player_ids)}",
                "players",
            )
        check_perfect_recall(tree)
        known = set(self.parameters)
        for path, node in tree.nodes():
            if isinstance(node, Terminal):
                located = [((*key_path(tree, path), "payoffs", i), e)
                           for i, e in enumerate(node.payoffs)]
            elif isinstance(node, Chance):
                located = [((*key_path(tree, path), "chance", label, "probability"), e)
                           for label, e, _ in node.moves]
            else:
                continue
            for where, expression in located:
                if not isinstance(expression, Expression):
                    raise fail(f"{expression!r} is not an Expression", *where)
                unknown = sorted(expression.names() - known)
                if unknown:
                    raise fail(
                        f"unknown parameter {unknown[0]!r}{did_you_mean(unknown[0], known)}",
                        *where,
                    )
        check_chance(tree, {n: p.value for n, p in self.parameters.items()})

    def _check_moves(self) -> None:
        if not self.is_tree:
            return
        stage = self.stage_tree
        if stage is None:
            stage = normal_form_tree(self.player_ids, self.actions, self.payoffs)
        check_moves(
            self.player_ids,
            stage,
            normal_form=self.stage_tree is None,
            commitments=self.commitments,
            verification=self.verification,
            order=self.order,
            parameters={n: p.value for n, p in self.parameters.items()},
        )

    def _tree_players(self) -> tuple[Player, ...]:
        """Tree players with the labels of their moves, in the order the tree meets them."""
        moves: dict[int, dict[str, None]] = {}
        for _, node in self.tree.nodes():
            if isinstance(node, Decision):
                moves.setdefault(node.player, {}).update(dict.fromkeys(node.actions))
        out = []
        for index, player in enumerate(self.players):
            if index not in moves:
                raise fail(f"player {player.id!r} never moves in the tree", "players", player.id)
            out.append(Player(player.id, player.name, tuple(moves[index])))
        return tuple(out)

    def _normalise_empathy(self) -> dict[str, Number | Expression]:
        ids = [p.id for p in self.players]
        for pid in self.empathy:
            if pid not in ids:
                raise fail(
                    f"empathy weight for unknown player {pid!r}{did_you_mean(str(pid), ids)}",
                    "empathy",
                    str(pid),
                )
        out: dict[str, Number | Expression] = {}
        for pid in ids:
            raw = self.empathy.get(pid, 0)
            if isinstance(raw, str):
                raw = parse_number_safely(raw) or raw
            weight = _expression(raw, "empathy", pid)
            unknown = sorted(weight.names() - set(self.parameters))
            if unknown:
                raise fail(
                    f"unknown parameter {unknown[0]!r}{did_you_mean(unknown[0], self.parameters)}",
                    "empathy",
                    pid,
                )
            out[pid] = weight if weight.names() else weight.evaluate({})
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, file: str | None = None) -> Scenario:
        """A scenario from plain data in the file format (what ``yaml.safe_load`` gives).

        Raises :class:`~gametrust.core.errors.ScenarioError` located by key path.

        >>> s = Scenario.from_dict({
        ...     "gametrust": 1, "title": "Coordination",
        ...     "players": {"A": {"actions": ["L", "R"]}, "B": {"actions": ["L", "R"]}},
        ...     "payoffs": {"A": [[1, 0], [0, 1]], "B": [[1, 0], [0, 1]]},
        ... })
        >>> s.base_game().payoff(("R", "R"))
        (Fraction(1, 1), Fraction(1, 1))
        """
        from ..formats.load import scenario_from_data

        return scenario_from_data(data, file=file)

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the file format (format version 1); ``from_dict`` reads it back.

        Exact numbers are written as ints or ``"p/q"`` strings, so the data
        can be dumped with ``yaml.safe_dump(data, sort_keys=False)`` without
        losing exactness (keep ``sort_keys=False``: player order matters).
        """

        def plain(value: Number) -> int | float | str:
            if isinstance(value, float):
                return value
            return value.numerator if value.denominator == 1 else str(value)

        def written(expression: Expression | Number) -> int | float | str:
            if not isinstance(expression, Expression):
                return plain(expression)
            if expression.is_constant():
                return plain(expression.evaluate({}))
            return expression.source

        data: dict[str, Any] = {"gametrust": FORMAT_VERSION, "title": self.title}
        if self.description:
            data["description"] = self.description
        if self.sources:
            data["sources"] = list(self.sources)
        if self.stage_tree is not None:
            data["players"] = {p.id: {"name": p.name} for p in self.players}
        else:
            data["players"] = {
                p.id: {"name": p.name, "actions": list(p.actions)} for p in self.players
            }
        if self.parameters:
            parameters: dict[str, Any] = {}
            for name, parameter in self.parameters.items():
                entry: dict[str, Any] = {"value": plain(parameter.value)}
                if parameter.range is not None:
                    entry["range"] = [plain(v) for v in parameter.range]
                if parameter.description:
                    entry["description"] = parameter.description
                parameters[name] = entry
            data["parameters"] = parameters
        if self.stage_tree is not None:
            data["tree"] = _node_data(self.stage_tree, self.stage_tree.root, written)
        else:
            data["payoffs"] = {
                ", ".join(profile): [written(e) for e in vector]
                for profile, vector in self.payoffs.items()
            }
        if self.order:
            data["order"] = list(self.order)
        if self.verification is not None:
            v = self.verification
            verification: dict[str, Any] = {
                "verifier": v.verifier,
                "target": v.target,
                "violations": list(v.violations),
                "detection": written(v.detection),
                "false_alarm": written(v.false_alarm),
            }
            if not (v.cost.is_constant() and v.cost.evaluate({}) == 0):
                verification["cost"] = written(v.cost)
            data["verification"] = verification
        if self.commitments:
            commitments = []
            for c in self.commitments:
                entry = {"player": c.player, "name": c.name, "actions": list(c.actions),
                         "kind": c.kind}
                if c.bond is not None:
                    entry["bond"] = written(c.bond)
                if not (c.cost.is_constant() and c.cost.evaluate({}) == 0):
                    entry["cost"] = written(c.cost)
                commitments.append(entry)
            data["commitments"] = commitments
        if self.types:
            data["types"] = {
                pid: {
                    t.name: {"prior": written(t.prior)} | ({"payoffs": {
                        ", ".join(k): [written(e) for e in v] for k, v in t.payoffs.items()
                    }} if t.payoffs else {})
                    for t in entries
                }
                for pid, entries in self.types.items()
            }
        if self.signalling is not None:
            sig = self.signalling
            data["signalling"] = {"sender": sig.sender, "receiver": sig.receiver,
                                  "signals": list(sig.signals)}
            if sig.cost:
                data["signalling"]["cost"] = {
                    t: {m: written(c) for m, c in row.items()} for t, row in sig.cost.items()
                }
        data["empathy"] = {pid: written(w) for pid, w in self.empathy.items()}
        data["empathy_model"] = self.empathy_model
        return data

    # -- facts ---------------------------------------------------------------------------------

    @property
    def player_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.players)

    @property
    def actions(self) -> tuple[tuple[str, ...], ...]:
        """Each player's action labels, in player order.

        For a tree scenario: the labels of each player's moves in the tree.
        """
        return tuple(p.actions for p in self.players)

    @property
    def is_tree(self) -> bool:
        """True when the scenario has moves in time: a tree, commitments, verification or order."""
        return bool(
            self.stage_tree is not None or self.commitments or self.verification or self.order
        )

    @cached_property
    def tree(self) -> GameTree:
        """The whole game as a tree of payoff and probability :class:`Expression` objects.

        A tree scenario's tree with its commitments expanded; a normal-form
        stage game expanded with its order, verification and commitments; a
        plain normal-form scenario as its simultaneous tree (players moving
        in player order, each later one not seeing the earlier moves).
        Rebuild it with other values through :meth:`GameTree.map_values`
        (e.g. ``Expression.fold``); :meth:`build_tree` builds it with numbers.
        """
        if self.stage_tree is not None:
            stage = GameTree(self.player_ids, self.stage_tree.root, self.title)
        else:
            stage = normal_form_tree(
                self.player_ids,
                self.actions,
                self.payoffs,
                order=self.order,
                verification=self.verification,
                title=self.title,
            )
        return add_commitments(stage, self.commitments)

    def empathy_expressions(self) -> dict[str, Expression]:
        """Each player's empathy weight as an :class:`Expression` (numbers as constants)."""
        return {
            pid: w if isinstance(w, Expression) else constant(w) for pid, w in self.empathy.items()
        }

    def written_expressions(self) -> Iterator[tuple[tuple[str | int, ...], Expression]]:
        """Every expression as written in the scenario, with its key path."""
        if self.stage_tree is not None:
            tree = self.stage_tree
            for path, node in tree.nodes():
                if isinstance(node, Terminal):
                    for i, e in enumerate(node.payoffs):
                        yield (*key_path(tree, path), "payoffs", i), e
                elif isinstance(node, Chance):
                    for label, e, _ in node.moves:
                        yield (*key_path(tree, path), "chance", label, "probability"), e
        else:
            for profile, vector in self.payoffs.items():
                for i, e in enumerate(vector):
                    yield ("payoffs", ", ".join(profile), i), e
        for k, c in enumerate(self.commitments):
            yield ("commitments", k, "cost"), c.cost
            if c.bond is not None:
                yield ("commitments", k, "bond"), c.bond
        if self.verification is not None:
            for name in ("detection", "false_alarm", "cost"):
                yield ("verification", name), getattr(self.verification, name)

    # -- evaluation ----------------------------------------------------------------------------

    def parameter_values(self, overrides: Mapping[str, object] | None = None) -> dict[str, Number]:
        """Every parameter's value, with ``overrides`` (numbers or number text) applied.

        An unknown name raises :class:`ArgumentError` whose path is
        ``("--set", name)``.  Overrides may leave a parameter's range: ranges
        describe the author's assumptions, not hard limits.

        >>> s = Scenario.from_dict({"gametrust": 1, "title": "t",
        ...     "players": {"A": {"actions": ["x"]}},
        ...     "parameters": {"relief": 4, "cost": "1/2"},
        ...     "payoffs": {"x": ["relief - cost"]}})
        >>> s.parameter_values({"relief": "0.5"})
        {'relief': Fraction(1, 2), 'cost': Fraction(1, 2)}
        >>> s.parameter_values({"releif": 3})
        Traceback (most recent call last):
        ...
        gametrust.core.errors.ArgumentError: --set releif: unknown parameter 'releif' (did you mean 'relief'?)
        """  # noqa: E501
        values = {name: p.value for name, p in self.parameters.items()}
        for name, raw in (overrides or {}).items():
            if name not in values:
                hint = did_you_mean(str(name), values) or (
                    f"; the parameters are {', '.join(values)}" if values else "; there are none"
                )
                raise ArgumentError(
                    f"unknown parameter {name!r}{hint}", Location(path=("--set", name))
                )
            try:
                values[name] = _number(raw)
            except ArgumentError as exc:
                raise ArgumentError(exc.message, Location(path=("--set", name))) from None
        return values

    def empathy_weights(self, parameters: Mapping[str, object] | None = None) -> dict[str, Number]:
        """Each player's empathy weight (a number) at the given parameter values."""
        values = self.parameter_values(parameters)
        return {
            pid: w.evaluate(values) if isinstance(w, Expression) else w
            for pid, w in self.empathy.items()
        }

    def base_game(self, parameters: Mapping[str, object] | None = None) -> NormalFormGame:
        """The game with payoffs evaluated at the parameter values, before empathy.

        The game is exact when every payoff evaluates to a rational, else float.
        For a scenario written as a tree, the tree's reduced normal form.
        """
        if self.stage_tree is not None:
            zero = {pid: 0 for pid in self.player_ids}
            return self._reduced(self.build_tree(parameters, zero))
        values = self.parameter_values(parameters)
        n = len(self.players)
        shape = tuple(len(p.actions) for p in self.players)
        tensor = np.empty((n, *shape), dtype=object)
        for index, vector in zip(
            product(*(range(k) for k in shape)), self.payoffs.values(), strict=True
        ):
            for i, expression in enumerate(vector):
                tensor[(i, *index)] = expression.evaluate(values)
        return NormalFormGame.from_payoff_tensor(
            tensor, players=self.player_ids, actions=self.actions, title=self.title
        )

    def _weights(
        self, parameters: Mapping[str, object] | None, empathy: Mapping[str, object] | None
    ) -> dict[str, Number]:
        weights = self.empathy_weights(parameters)
        for pid, raw in (empathy or {}).items():
            if pid not in weights:
                hint = did_you_mean(str(pid), weights) or f"; the players are {', '.join(weights)}"
                raise ArgumentError(f"no player {pid!r}{hint}", Location(path=("--empathy", pid)))
            try:
                weights[pid] = _number(raw)
            except ArgumentError as exc:
                raise ArgumentError(exc.message, Location(path=("--empathy", pid))) from None
        return weights

    def build(
        self,
        parameters: Mapping[str, object] | None = None,
        empathy: Mapping[str, object] | None = None,
        *,
        exact: bool | None = None,
    ) -> NormalFormGame:
        """The normal-form game to solve: payoffs at the parameter values, then empathy applied.

        ``empathy`` replaces the scenario's weights for the players it names
        (an unknown player raises :class:`ArgumentError` with path
        ``("--empathy", player)``).  ``exact=None`` keeps the game exact when
        every payoff and weight is rational; ``True`` forces exact rationals,
        ``False`` forces floats.

        A normal-form scenario with commitments, verification or order builds
        its *stage game* here (the moves in time are in :meth:`build_tree`);
        a scenario written as a tree builds the tree's reduced normal form
        (whose Nash equilibria are the tree's; subgame perfection needs
        :func:`gametrust.solvers.extensive.solve_tree` on :meth:`build_tree`).
        """
        from ..model.empathy import apply_empathy

        if self.stage_tree is not None:
            return self._reduced(self.build_tree(parameters, empathy, exact=exact))
        weights = self._weights(parameters, empathy)
        game = self.base_game(parameters)
        vector: list[Number] = [weights[pid] for pid in self.player_ids]
        if exact is True:
            if not game.exact:
                game = NormalFormGame.from_payoff_tensor(
                    game.payoffs,
                    players=game.players,
                    actions=game.actions,
                    exact=True,
                    title=game.title,
                )
            vector = [Fraction(w) for w in vector]
        elif exact is False:
            game = game.to_float()
            vector = [float(w) for w in vector]
        return apply_empathy(game, vector, self.empathy_model)

    def _reduced(self, tree: GameTree) -> NormalFormGame:
        from ..model.reduced import reduced_normal_form

        game, _ = reduced_normal_form(tree)
        return game

    def build_tree(
        self,
        parameters: Mapping[str, object] | None = None,
        empathy: Mapping[str, object] | None = None,
        *,
        exact: bool | None = None,
        prune: bool = True,
    ) -> GameTree:
        """The game as a tree with numbers: :attr:`tree` at the parameter values, with empathy.

        Payoffs and probabilities are evaluated exactly (``Fraction``) unless a
        value is a float; ``exact`` forces rationals (``True``) or floats
        (``False``).  Empathy (the scenario's weights, with ``empathy``
        replacing those it names) is applied to every terminal payoff vector
        with the scenario's model.  Probabilities are checked — non-negative,
        summing to 1, detection and false alarm in [0, 1] — and a failure is a
        :class:`ScenarioError` located where the probability is written.
        ``prune`` leaves out chance moves of probability 0 (see
        :func:`gametrust.scenario.treespec.without_impossible_moves`).

        >>> s = Scenario(title="Entry", players=["Entrant", "Incumbent"],
        ...     parameters={"gain": 2},
        ...     stage_tree=GameTree(("Entrant", "Incumbent"), Decision(0, (
        ...         ("Out", Terminal((constant(0), parse_expression("gain")))),
        ...         ("In", Decision(1, (
        ...             ("Fight", Terminal((constant(-1), constant(-1)))),
        ...             ("Share", Terminal((constant(1), constant(1)))))))))))
        >>> s.build_tree({"gain": 3}, {"Entrant": "1/2"}).node(("Out",)).payoffs
        (Fraction(3, 2), Fraction(3, 1))
        """
        values = self.parameter_values(parameters)
        weights = self._weights(parameters, empathy)
        self._check_values(values, parameters)
        numeric = self.tree.map_values(
            lambda vector: tuple(e.evaluate(values) for e in vector),
            lambda p: p.evaluate(values),
        )
        vector: list[Any] = [weights[pid] for pid in self.player_ids]
        if exact is not None:
            convert: Any = Fraction if exact else float
            numeric = numeric.map_values(lambda v: tuple(convert(x) for x in v), convert)
            vector = [convert(w) for w in vector]
        if prune:
            numeric = without_impossible_moves(numeric)
        if any(w != 0 for w in vector):
            from ..model.empathy import empathize_tensor

            model = self.empathy_model
            numeric = numeric.map_values(
                lambda v: tuple(empathize_tensor(np.array(v, dtype=object), vector, model))
            )
        numeric.check_probabilities()
        return numeric

    def _locate(self, path: tuple[str | int, ...]) -> Location:
        if self.source_map is None:
            return Location(file=self.path, path=path)
        if path and path[-1] in ("chance", "verification"):
            return self.source_map.key_location(path)
        return self.source_map.text_location(path)

    def _check_values(
        self, values: Mapping[str, Number], overrides: Mapping[str, object] | None
    ) -> None:
        """Evaluate what the author wrote, so that any failure is located where it is written."""
        for path, expression in self.written_expressions():
            if expression.location is None:
                try:
                    expression.evaluate(values)
                except ExpressionError as exc:
                    raise ExpressionError(exc.message, self._locate(path)) from None
            else:
                expression.evaluate(values)
        shown = ", ".join(
            f"{name} = {format_number(values[name])}" for name in (overrides or {})
        )
        suffix = f" (with {shown})" if shown else ""

        def error(message: str, path: tuple[str | int, ...]) -> ScenarioError:
            return ScenarioError(message + suffix, self._locate(path))

        if self.stage_tree is not None:
            check_chance(self.stage_tree, values, error)
        if self.verification is not None:
            for name in ("detection", "false_alarm"):
                p = getattr(self.verification, name).evaluate(values)
                if not 0 <= p <= 1:
                    raise error(
                        f"{name.replace('_', ' ')} is a probability, between 0 and 1; it is "
                        f"{format_number(p)}",
                        ("verification", name),
                    )

    # -- types and signals (issue 5) -----------------------------------------------------------

    def _check_types(self) -> None:
        """Keyword construction: types name players and profiles; the signal stage fits them."""
        if not self.types:
            if self.signalling is not None:
                raise fail("a signalling game needs the sender's types", "signalling", "sender")
            return
        if self.is_tree:
            raise fail("types are for normal-form stage games, not moves in time", "types")
        set_ = object.__setattr__
        set_(self, "types", _frozen({pid: tuple(ts) for pid, ts in self.types.items()}))
        for pid, entries in self.types.items():
            if pid not in self.player_ids:
                raise fail(f"types for unknown player {pid!r}"
                            f"{did_you_mean(str(pid), self.player_ids)}", "types", pid)
            for t in entries:
                for profile, vector in t.payoffs.items():
                    if profile not in self.payoffs or len(vector) != len(self.players):
                        raise fail(f"type {t.name!r}: no profile ({', '.join(profile)}) with "
                                    f"{len(self.players)} payoffs", "types", pid, t.name,
                                    "payoffs")
        s = self.signalling
        if s is not None:
            if s.sender not in self.types or len(self.types[s.sender]) < 2:
                raise fail("the sender needs two or more types", "signalling", "sender")
            if len(self.players) != 2 or s.receiver == s.sender or len(
                    self.types.get(s.receiver, ((),))) != 1:
                raise fail("the receiver is the other player, with one type",
                            "signalling", "receiver")

    @property
    def is_bayesian(self) -> bool:
        """True when some player has private types (``types:``) and there is no signal stage."""
        return bool(self.types) and self.signalling is None

    @property
    def is_signalling(self) -> bool:
        """True when the scenario is a costly-signal game (``signalling:``)."""
        return self.signalling is not None

    def type_labels(self) -> dict[str, tuple[str, ...]]:
        """Every player's type names; a player without ``types:`` has one, named after it."""
        return {
            pid: tuple(t.name for t in self.types[pid]) if pid in self.types else (pid,)
            for pid in self.player_ids
        }

    def priors(
        self, parameters: Mapping[str, object] | None = None
    ) -> dict[str, dict[str, Number]]:
        """The priors of the players with types, at the parameter values (validated, located)."""
        values = self.parameter_values(parameters)
        shown = ", ".join(f"{n} = {format_number(values[n])}" for n in (parameters or {}))
        suffix = f" (with {shown})" if shown else ""

        def error(message: str, path: tuple[str | int, ...]) -> ScenarioError:
            return ScenarioError(message + suffix, self._locate(path))

        return check_priors(self.types, values, error)

    def type_games(
        self,
        parameters: Mapping[str, object] | None = None,
        empathy: Mapping[str, object] | None = None,
    ) -> dict[tuple[str, ...], NormalFormGame]:
        """One game per type profile: the base payoffs with each type's vectors, then empathy.

        A type's vector replaces the base vector of each profile it lists; when
        types of two players both list a profile, each player's own payoff comes
        from its own type.
        """
        from ..model.empathy import apply_empathy

        values = self.parameter_values(parameters)
        weights = self._weights(parameters, empathy)
        labels = self.type_labels()
        by_name = {pid: {t.name: t for t in self.types.get(pid, ())} for pid in self.player_ids}
        shape = tuple(len(p.actions) for p in self.players)
        n = len(self.players)
        games: dict[tuple[str, ...], NormalFormGame] = {}
        for profile in product(*(labels[pid] for pid in self.player_ids)):
            chosen = [by_name[pid].get(t) for pid, t in zip(self.player_ids, profile, strict=True)]
            tensor = np.empty((n, *shape), dtype=object)
            for index, (actions, base) in zip(
                product(*(range(k) for k in shape)), self.payoffs.items(), strict=True
            ):
                vector = list(base)
                for j in range(n):
                    own = chosen[j].payoffs.get(actions) if chosen[j] is not None else None
                    others = [c.payoffs[actions] for c in chosen
                              if c is not None and actions in c.payoffs]
                    if own is not None:
                        vector[j] = own[j]
                    elif others:
                        vector[j] = others[-1][j]
                for i, expression in enumerate(vector):
                    tensor[(i, *index)] = expression.evaluate(values)
            game = NormalFormGame.from_payoff_tensor(
                tensor, players=self.player_ids, actions=self.actions, title=self.title
            )
            games[profile] = apply_empathy(
                game, [weights[pid] for pid in self.player_ids], self.empathy_model
            )
        return games

    def build_bayesian(
        self,
        parameters: Mapping[str, object] | None = None,
        empathy: Mapping[str, object] | None = None,
    ) -> BayesianGame:
        """The Bayesian game: one game per type profile (:meth:`type_games`) and the priors.

        >>> from gametrust.formats.load import loads
        >>> s = loads('''
        ... gametrust: 1
        ... title: t
        ... players: {A: {actions: [x, y]}, B: {actions: [x, y]}}
        ... parameters: {p: 1/2}
        ... payoffs:
        ...   x, x: [2, 2]
        ...   x, y: [0, 1]
        ...   y, x: [1, 0]
        ...   y, y: [1, 1]
        ... types:
        ...   B:
        ...     friend: {prior: p}
        ...     foe:
        ...       prior: 1 - p
        ...       payoffs:
        ...         x, x: [2, 0]
        ... ''')
        >>> s.build_bayesian({"p": "1/4"}).prior("B")
        {'friend': Fraction(1, 4), 'foe': Fraction(3, 4)}
        """
        from ..model.bayesian import BayesianGame

        if not self.types:
            raise fail("the scenario has no types (add a types: section)", "types")
        priors = self.priors(parameters)
        labels = self.type_labels()
        return BayesianGame.from_games(
            self.type_games(parameters, empathy),
            types=[list(labels[pid]) for pid in self.player_ids],
            priors={pid: priors[pid] for pid in priors},
            title=self.title,
        )

    def build_signalling(
        self,
        parameters: Mapping[str, object] | None = None,
        empathy: Mapping[str, object] | None = None,
    ) -> SignallingGame:
        """The signalling game: the sender's type's payoff and the receiver's after each response.

        After the receiver's response the sender plays its type's (unique) best
        reply in the stage game; the costs are subtracted from the sender's payoff.
        """
        from ..model.signalling import SignallingGame

        s = self.signalling
        if s is None:
            raise fail("the scenario has no signalling: section", "signalling")
        values = self.parameter_values(parameters)
        priors = self.priors(parameters)
        games = self.type_games(parameters, empathy)
        si = self.player_ids.index(s.sender)
        ri = 1 - si
        receiver_type = self.type_labels()[s.receiver][0]
        payoffs: dict[str, dict[str, tuple[Number, Number]]] = {}
        for t in (x.name for x in self.types[s.sender]):
            key = (t, receiver_type) if si == 0 else (receiver_type, t)
            game = games[key]
            payoffs[t] = {}
            for response in self.players[ri].actions:
                def cell(
                    action: str, response: str = response, game: NormalFormGame = game
                ) -> tuple[Number, ...]:
                    return game.payoff((action, response) if si == 0 else (response, action))

                best = max(cell(a)[si] for a in self.players[si].actions)
                replies = [a for a in self.players[si].actions if cell(a)[si] == best]
                if len(replies) > 1:
                    raise ScenarioError(
                        f"{s.sender}'s type {t!r} is indifferent between "
                        f"{' and '.join(replies)} after {response}: the signal stage needs "
                        "its best reply to be unique",
                        self._locate(("types", s.sender, t)),
                    )
                u = cell(replies[0])
                payoffs[t][response] = (u[si], u[ri])
        cost = {t: {m: c.evaluate(values) for m, c in row.items()} for t, row in s.cost.items()}
        return SignallingGame(
            sender=s.sender, receiver=s.receiver,
            types=[x.name for x in self.types[s.sender]],
            prior=priors[s.sender], signals=list(s.signals),
            responses=list(self.players[ri].actions), payoffs=payoffs, cost=cost,
        )

    def sender_replies(
        self, parameters: Mapping[str, object] | None = None,
        empathy: Mapping[str, object] | None = None,
    ) -> dict[str, dict[str, str]]:
        """In a signalling scenario, each sender type's stage-game reply to each response."""
        s = self.signalling
        if s is None:
            raise fail("the scenario has no signalling: section", "signalling")
        games = self.type_games(parameters, empathy)
        si = self.player_ids.index(s.sender)
        receiver_type = self.type_labels()[s.receiver][0]
        out: dict[str, dict[str, str]] = {}
        for t in (x.name for x in self.types[s.sender]):
            game = games[(t, receiver_type) if si == 0 else (receiver_type, t)]
            out[t] = {}
            for r in self.players[1 - si].actions:
                out[t][r] = max(
                    self.players[si].actions,
                    key=lambda a, r=r: game.payoff((a, r) if si == 0 else (r, a))[si],
                )
        return out

    # -- dunder --------------------------------------------------------------------------------

    def _key(self) -> tuple[Any, ...]:
        return (
            self.title,
            self.players,
            tuple(self.payoffs.items()),
            self.description,
            self.sources,
            tuple(self.parameters.items()),
            tuple(self.empathy.items()),
            self.empathy_model,
            None if self.stage_tree is None else self.stage_tree.root,
            self.commitments,
            self.verification,
            self.order,
            tuple(
                (pid, tuple((t.name, t.prior, tuple(t.payoffs.items())) for t in ts))
                for pid, ts in self.types.items()
            ),
            None if self.signalling is None else (
                self.signalling.sender, self.signalling.receiver, self.signalling.signals,
                tuple((t, tuple(row.items())) for t, row in self.signalling.cost.items()),
            ),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Scenario):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        players = " x ".join(f"{p.id}({', '.join(p.actions)})" for p in self.players)
        parts = [f"tree {players}" if self.stage_tree is not None else players]
        if self.order:
            parts.append(f"order {', '.join(self.order)}")
        if self.verification is not None:
            parts.append(
                f"verification {self.verification.verifier} of {self.verification.target}"
            )
        if self.commitments:
            parts.append(
                "commitments " + ", ".join(f"{c.player} {c.name}" for c in self.commitments)
            )
        if self.parameters:
            parts.append(
                "parameters "
                + ", ".join(f"{n}={format_number(p.value)}" for n, p in self.parameters.items())
            )
        weights = ", ".join(
            f"{pid}={w if isinstance(w, Expression) else format_number(w)}"
            for pid, w in self.empathy.items()
        )
        parts.append(f"empathy {self.empathy_model} {weights}")
        return f"<Scenario {self.title!r}: {'; '.join(parts)}>"


def _node_data(tree: GameTree, node: Any, written: Any) -> dict[str, Any]:
    """A tree node in the file format."""
    if isinstance(node, Terminal):
        return {"payoffs": [written(e) for e in node.payoffs]}
    if isinstance(node, Chance):
        return {
            "chance": {
                label: {"probability": written(p), "then": _node_data(tree, child, written)}
                for label, p, child in node.moves
            }
        }
    data: dict[str, Any] = {"player": tree.players[node.player]}
    if node.infoset is not None:
        data["infoset"] = node.infoset
    data["moves"] = {label: _node_data(tree, child, written) for label, child in node.moves}
    return data
