"""The scenario model: players, parameters, payoff expressions and empathy.

A :class:`Scenario` is what a scenario file means, as an immutable value with
no I/O.  :meth:`Scenario.build` turns it into a
:class:`~gametrust.model.game.NormalFormGame` for given parameter values and empathy
weights (the builders are the pure functions of :mod:`gametrust.scenario.build`
and :mod:`gametrust.scenario.build_types`).  Scenarios come from files
(``gametrust.load``), from plain data in the file format
(:func:`gametrust.formats.scenario_data.scenario_from_data`), or from keyword
construction:

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
:class:`~gametrust.core.errors.ArgumentError` (the checks are in
:mod:`gametrust.scenario.validation`); files get the same checks with line
numbers from :mod:`gametrust.formats.load`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..core.errors import ArgumentError, Location, did_you_mean, fail
from ..core.exact import Number, format_number
from ..model.game import NormalFormGame
from ..model.tree import Chance, GameTree, Terminal
from . import build as builders
from . import build_types as type_builders
from .expression import Expression, constant
from .leadership import Leadership, check_leadership
from .moves import Commitment, Verification, add_commitments, normal_form_tree
from .parts import Parameter, Player, number_at
from .repeated import RepeatedSpec, check_repeated_scenario
from .source_map import SourceMap
from .treespec import key_path
from .typespec import BeliefSpec, PlayerType, Signalling
from .validation import (
    check_empathy_model,
    check_scenario_moves,
    check_stage_tree,
    check_types,
    frozen,
    moving_players,
    normalise_empathy,
    normalise_parameters,
    normalise_payoffs,
    tree_player,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..model.bayesian import BayesianGame
    from ..model.signal_stage import SignalStageGame
    from ..model.signalling import SignallingGame
    from .claims import Assumptions, Claim

__all__ = ["Parameter", "Player", "Scenario"]


@dataclass(frozen=True, kw_only=True)
class Scenario:
    """A game of trust as its author wrote it: players, parameters, payoff expressions.

    Construct it with keywords.  ``payoffs`` maps every action-label profile
    (one label per player, in player order) to one :class:`Expression` per
    player, in the canonical order of :func:`itertools.product` over the
    players' actions.  ``empathy`` holds every weight by name — a player id,
    or ``PLAYER.KEY`` for the two-weight models (``Row.alpha``, ``Row.beta``
    for ``fehr_schmidt``; see :mod:`gametrust.model.empathy`; they may be
    given nested, ``{"Row": {"alpha": 1, "beta": "1/2"}}``): a number, or an
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
    :meth:`build_tree` builds it numerically.  A two-player normal-form stage game
    may instead name a ``leadership`` leader, who commits to a mixed strategy
    (:mod:`gametrust.scenario.leadership`): the scenario stays a normal-form game.
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
    # -- claims hook (gametrust check): read by gametrust/formats/claims_format.py -------------
    assumptions: Assumptions | None = field(default=None, compare=False, repr=False)
    claims: tuple[Claim, ...] = field(default=(), compare=False, repr=False)
    # -- types and signals: see gametrust/scenario/typespec.py ---------------------------------
    types: Mapping[str, tuple[PlayerType, ...]] = field(default_factory=dict)
    signalling: Signalling | None = None
    beliefs: BeliefSpec | None = None
    # -- a stage game played again and again: see gametrust/scenario/repeated.py ----------------
    repeated: RepeatedSpec | None = None
    # -- a leader committing to a mixed strategy: see gametrust/scenario/leadership.py --------
    leadership: Leadership | None = None

    # -- construction and validation (gametrust/scenario/validation.py) ------------------------

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "sources", tuple(self.sources))
        set_(self, "commitments", tuple(self.commitments))
        set_(self, "order", tuple(self.order))
        players = tuple(self.players)
        if self.stage_tree is not None:
            players = tuple(tree_player(p) for p in players)
        set_(self, "players", players)
        if not players:
            raise fail("a scenario needs at least one player", "players")
        ids = [p.id for p in players]
        if len(set(ids)) != len(ids):
            raise fail(f"player ids must be distinct, got {ids}", "players")
        set_(self, "parameters", frozen(normalise_parameters(self.parameters)))
        if self.stage_tree is None:
            set_(self, "payoffs", frozen(normalise_payoffs(players, self.payoffs, self.parameters)))
        else:
            if self.payoffs:
                raise fail(
                    "a scenario has either payoffs (a normal-form game) or a tree, not both",
                    "tree",
                )
            set_(self, "payoffs", frozen({}))
            check_stage_tree(self.stage_tree, self.player_ids, self.parameters)
        check_scenario_moves(self)
        if self.stage_tree is not None:
            set_(self, "players", moving_players(self.tree, self.players))
        check_empathy_model(self.empathy_model)
        set_(self, "empathy", frozen(normalise_empathy(self.players, self.empathy,
                                                        self.parameters, self.empathy_model)))
        set_(self, "types", check_types(self))
        if self.leadership is not None:
            check_leadership(self)
        if self.repeated is not None:
            check_repeated_scenario(self)

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

        >>> s = Scenario(title="t", players=[Player("A", "A", ["x"])],
        ...     parameters={"relief": 4, "cost": "1/2"}, payoffs={"x": ["relief - cost"]})
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
                raise fail(f"unknown parameter {name!r}{hint}", "--set", name)
            try:
                values[name] = number_at(raw)
            except ArgumentError as exc:
                raise fail(exc.message, "--set", name) from None
        return values

    def empathy_weights(self, parameters: Mapping[str, object] | None = None) -> dict[str, Number]:
        """Each player's empathy weight (a number) at the given parameter values."""
        values = self.parameter_values(parameters)
        return {
            pid: w.evaluate(values) if isinstance(w, Expression) else w
            for pid, w in self.empathy.items()
        }

    def locate(self, path: tuple[str | int, ...]) -> Location:
        """Where the value at a key path is written (file, line and column when known)."""
        if self.source_map is None:
            return Location(file=self.path, path=path)
        if path and path[-1] in ("chance", "verification"):
            return self.source_map.key_location(path)
        return self.source_map.text_location(path)


    # -- types and signals ---------------------------------------------------------------------

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

    # -- building (gametrust/scenario/build.py, build_types.py) --------------------------------

    def base_game(self, parameters: Mapping[str, object] | None = None) -> NormalFormGame:
        """The game with payoffs evaluated at the parameter values, before empathy.

        See :func:`gametrust.scenario.build.base_game`.
        """
        return builders.base_game(self, parameters)

    def build(
        self,
        parameters: Mapping[str, object] | None = None,
        empathy: Mapping[str, object] | None = None,
        *,
        exact: bool | None = None,
    ) -> NormalFormGame:
        """The normal-form game to solve: payoffs at the parameter values, then empathy applied.

        ``empathy`` replaces the scenario's weights for the players it names;
        ``exact`` forces rationals (``True``) or floats (``False``).  See
        :func:`gametrust.scenario.build.build_game`.
        """
        return builders.build_game(self, parameters, empathy, exact=exact)

    def build_tree(
        self,
        parameters: Mapping[str, object] | None = None,
        empathy: Mapping[str, object] | None = None,
        *,
        exact: bool | None = None,
        prune: bool = True,
    ) -> GameTree:
        """The game as a tree with numbers: :attr:`tree` at the parameter values, with empathy.

        See :func:`gametrust.scenario.build.build_tree`.

        >>> from gametrust.model.tree import Decision
        >>> from gametrust.scenario.expression import parse_expression
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
        return builders.build_tree(self, parameters, empathy, exact=exact, prune=prune)

    def priors(
        self, parameters: Mapping[str, object] | None = None
    ) -> dict[str, dict[str, Number]]:
        """The priors of the players with types, at the parameter values (validated, located)."""
        return type_builders.priors(self, parameters)

    def type_games(
        self,
        parameters: Mapping[str, object] | None = None,
        empathy: Mapping[str, object] | None = None,
    ) -> dict[tuple[str, ...], NormalFormGame]:
        """One game per type profile: see :func:`gametrust.scenario.build_types.type_games`."""
        return type_builders.type_games(self, parameters, empathy)

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
        return type_builders.build_bayesian(self, parameters, empathy)

    def build_signalling(
        self,
        parameters: Mapping[str, object] | None = None,
        empathy: Mapping[str, object] | None = None,
    ) -> SignallingGame | SignalStageGame:
        """The signalling game: see :func:`gametrust.scenario.build_types.build_signalling`."""
        return type_builders.build_signalling(self, parameters, empathy)

    def sender_replies(
        self, parameters: Mapping[str, object] | None = None,
        empathy: Mapping[str, object] | None = None,
    ) -> dict[str, dict[str, str]]:
        """In a signalling scenario, each sender type's stage-game reply to each response."""
        return type_builders.sender_replies(self, parameters, empathy)

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
                self.signalling.stage,
            ),
            repr(self.repeated),
            self.leadership,
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
        if self.leadership is not None:
            parts.append(f"leadership {self.leadership.leader}")
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
