"""The scenario model: players, parameters, payoff expressions and empathy.

A :class:`Scenario` is what a scenario file means, as an immutable value with
no I/O.  :meth:`Scenario.build` turns it into a
:class:`~gametrust.game.NormalFormGame` for given parameter values and empathy
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
:class:`~gametrust.errors.ArgumentError`; files get the same checks with
line numbers from :mod:`gametrust.load`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from itertools import product
from numbers import Rational
from types import MappingProxyType
from typing import Any

import numpy as np

from .errors import ArgumentError, ExpressionError, Location, did_you_mean
from .exact import Number, format_number
from .expression import Expression, constant, parse_expression, parse_number_safely
from .game import NormalFormGame

__all__ = ["FORMAT_VERSION", "Parameter", "Player", "Scenario"]

#: The scenario file format version this gametrust reads and writes.
FORMAT_VERSION = 1


def _fail(message: str, *path: str | int) -> ArgumentError:
    return ArgumentError(message, Location(path=tuple(path)))


def _number(value: object, *path: str | int) -> Number:
    """An exact ``Fraction`` (or a ``float`` for float input) from a number or number text."""
    if isinstance(value, bool):
        raise _fail(f"{value!r} is not a number", *path)
    if isinstance(value, str):
        parsed = parse_number_safely(value)
        if parsed is None:
            raise _fail(f"{value!r} is not a number (write e.g. 2, 0.5 or 2/3)", *path)
        return parsed
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, (int, Rational)):
        return Fraction(value)  # type: ignore[arg-type]
    if isinstance(value, Decimal) and value.is_finite():
        return Fraction(value)
    if isinstance(value, float) and math.isfinite(value):
        return value
    raise _fail(f"{value!r} is not a finite number", *path)


def _expression(value: object, *path: str | int) -> Expression:
    """A payoff or weight as an :class:`Expression` (numbers become constants)."""
    if isinstance(value, Expression):
        return value
    if isinstance(value, str):
        try:
            return parse_expression(value, Location(path=tuple(path)))
        except ExpressionError as exc:
            raise _fail(exc.message, *path) from None
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
            raise _fail(f"a player id must be non-empty text, not {self.id!r}", "players")
        if not self.name:
            object.__setattr__(self, "name", self.id)
        if not self.actions:
            raise _fail(f"player {self.id!r} has no actions", "players", self.id, "actions")
        for action in self.actions:
            if not isinstance(action, str) or not action:
                raise _fail(
                    f"player {self.id!r}: an action must be non-empty text, not {action!r}",
                    "players",
                    self.id,
                    "actions",
                )
        if len(set(self.actions)) != len(self.actions):
            raise _fail(
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
                raise _fail("a range is [low, high]", "parameters", self.name, "range")
            low, high = (_number(v, "parameters", self.name, "range") for v in self.range)
            if low > high:
                raise _fail(
                    f"range [{format_number(low)}, {format_number(high)}] has low > high",
                    "parameters",
                    self.name,
                    "range",
                )
            if not low <= self.value <= high:
                raise _fail(
                    f"value {format_number(self.value)} is outside its range "
                    f"[{format_number(low)}, {format_number(high)}]",
                    "parameters",
                    self.name,
                    "value",
                )
            object.__setattr__(self, "range", (low, high))


def _frozen(mapping: dict[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(mapping)


@dataclass(frozen=True, kw_only=True)
class Scenario:
    """A game of trust as its author wrote it: players, parameters, payoff expressions.

    Construct it with keywords.  ``payoffs`` maps every action-label profile
    (one label per player, in player order) to one :class:`Expression` per
    player, in the canonical order of :func:`itertools.product` over the
    players' actions.  ``empathy`` holds every player's weight: a number, or an
    :class:`Expression` when the weight depends on parameters
    (:meth:`empathy_weights` gives numbers for any parameter values).
    ``path`` is the file the scenario was loaded from.
    """

    title: str
    players: tuple[Player, ...]
    payoffs: Mapping[tuple[str, ...], tuple[Expression, ...]]
    description: str = ""
    sources: tuple[str, ...] = ()
    parameters: Mapping[str, Parameter] = field(default_factory=dict)
    empathy: Mapping[str, Number | Expression] = field(default_factory=dict)
    empathy_model: str = "altruism"
    path: str | None = field(default=None, compare=False)

    # -- construction and validation -----------------------------------------------------------

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "sources", tuple(self.sources))
        players = tuple(self.players)
        set_(self, "players", players)
        if not players:
            raise _fail("a scenario needs at least one player", "players")
        ids = [p.id for p in players]
        if len(set(ids)) != len(ids):
            raise _fail(f"player ids must be distinct, got {ids}", "players")
        set_(self, "parameters", _frozen(self._normalise_parameters()))
        set_(self, "payoffs", _frozen(self._normalise_payoffs()))
        set_(self, "empathy", _frozen(self._normalise_empathy()))
        from .empathy import EMPATHY_MODELS

        if self.empathy_model not in EMPATHY_MODELS:
            raise _fail(
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
                raise _fail(f"parameter {parameter.name!r} is filed as {name!r}", "parameters")
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
                raise _fail(f"profile ({label}) names {len(profile)} actions, not {n}", "payoffs")
            for player, action in zip(self.players, profile, strict=True):
                if action not in player.actions:
                    raise _fail(
                        f"profile ({label}): {action!r} is not an action of {player.id}"
                        f"{did_you_mean(str(action), player.actions)}",
                        "payoffs",
                        label,
                    )
            if profile in given:
                raise _fail(f"profile ({label}) is given twice", "payoffs", label)
            if isinstance(vector, (str, bytes)) or not isinstance(vector, Sequence):
                raise _fail(f"profile ({label}): expected {n} payoffs", "payoffs", label)
            if len(vector) != n:
                raise _fail(
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
            raise _fail(f"no payoffs for profile(s) {', '.join(missing[:10])}", "payoffs")
        known = set(self.parameters)
        for profile, vector in ordered.items():
            for i, expression in enumerate(vector):
                unknown = sorted(expression.names() - known)
                if unknown:
                    raise _fail(
                        f"unknown parameter {unknown[0]!r}{did_you_mean(unknown[0], known)}",
                        "payoffs",
                        ", ".join(profile),
                        i,
                    )
        return ordered

    def _normalise_empathy(self) -> dict[str, Number | Expression]:
        ids = [p.id for p in self.players]
        for pid in self.empathy:
            if pid not in ids:
                raise _fail(
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
                raise _fail(
                    f"unknown parameter {unknown[0]!r}{did_you_mean(unknown[0], self.parameters)}",
                    "empathy",
                    pid,
                )
            out[pid] = weight if weight.names() else weight.evaluate({})
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, file: str | None = None) -> Scenario:
        """A scenario from plain data in the file format (what ``yaml.safe_load`` gives).

        Raises :class:`~gametrust.errors.ScenarioError` located by key path.

        >>> s = Scenario.from_dict({
        ...     "gametrust": 1, "title": "Coordination",
        ...     "players": {"A": {"actions": ["L", "R"]}, "B": {"actions": ["L", "R"]}},
        ...     "payoffs": {"A": [[1, 0], [0, 1]], "B": [[1, 0], [0, 1]]},
        ... })
        >>> s.base_game().payoff(("R", "R"))
        (Fraction(1, 1), Fraction(1, 1))
        """
        from .load import scenario_from_data

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
        data["players"] = {p.id: {"name": p.name, "actions": list(p.actions)} for p in self.players}
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
        data["payoffs"] = {
            ", ".join(profile): [written(e) for e in vector]
            for profile, vector in self.payoffs.items()
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
        """Each player's action labels, in player order."""
        return tuple(p.actions for p in self.players)

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
        gametrust.errors.ArgumentError: --set releif: unknown parameter 'releif' (did you mean 'relief'?)
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
        """
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

    def build(
        self,
        parameters: Mapping[str, object] | None = None,
        empathy: Mapping[str, object] | None = None,
        *,
        exact: bool | None = None,
    ) -> NormalFormGame:
        """The game to solve: payoffs at the parameter values, then empathy applied.

        ``empathy`` replaces the scenario's weights for the players it names
        (an unknown player raises :class:`ArgumentError` with path
        ``("--empathy", player)``).  ``exact=None`` keeps the game exact when
        every payoff and weight is rational; ``True`` forces exact rationals,
        ``False`` forces floats.
        """
        from .empathy import apply_empathy

        weights = self.empathy_weights(parameters)
        for pid, raw in (empathy or {}).items():
            if pid not in weights:
                hint = did_you_mean(str(pid), weights) or f"; the players are {', '.join(weights)}"
                raise ArgumentError(f"no player {pid!r}{hint}", Location(path=("--empathy", pid)))
            try:
                weights[pid] = _number(raw)
            except ArgumentError as exc:
                raise ArgumentError(exc.message, Location(path=("--empathy", pid))) from None
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

    # -- dunder --------------------------------------------------------------------------------

    def __hash__(self) -> int:
        return hash(
            (
                self.title,
                self.players,
                tuple(self.parameters.items()),
                tuple(self.payoffs.items()),
                tuple(self.empathy.items()),
                self.empathy_model,
            )
        )

    def __repr__(self) -> str:
        players = " x ".join(f"{p.id}({', '.join(p.actions)})" for p in self.players)
        parts = [players]
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
