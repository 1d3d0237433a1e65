"""A game with types whose payoffs, priors and signal costs are rational functions of one value.

Every sweep of a scenario with ``types:`` (a Bayesian game) or ``signalling:``
(a costly-signal game) starts here.  :class:`TypeAxis` says what moves: a
parameter, an empathy weight, one player's prior of one type, or a **common
prior** (every player with types gets the same prior of its swept type).
:func:`bayesian_model` and :func:`signalling_model` turn a scenario (or a
game) and an axis into a parametric model: every payoff, prior and cost as an
exact :class:`~gametrust.core.polynomial.RationalFunction` of the swept value
``t``, from the very expressions the author wrote (a parameter may enter
payoffs, priors and costs at once: a prior written ``pi`` for both players
moves both).  The models also build the game at a point *through the
scenario's own builders*, so the game a sweep solves at ``t`` is the game
``gametrust solve --set NAME=t`` solves.

>>> import gametrust
>>> s = gametrust.load("scenarios/korea_trust.yaml")
>>> model = bayesian_model(s, TypeAxis.parse("param:trust"))
>>> [str(p.num) for p in model.priors[1]]
['t', '1 - t']
>>> model.game_at(Fraction(1, 2)).prior("DPRK")
{'security_seeker': Fraction(1, 2), 'greedy': Fraction(1, 2)}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.errors import ArgumentError, Location, did_you_mean
from ..core.polynomial import Poly, RationalFunction, real_roots
from ..model.bayesian import BayesianGame
from ..model.empathy import empathize_tensor
from ..model.signalling import SignallingGame
from ..scenario.build_types import type_expressions
from .parametric import (
    Axis,
    constant_function,
    declared_weights,
    parametric_values,
    parametric_weights,
    show_value,
    sweep_range,
)
from .types_build import (
    BayesianGameAt,
    ScenarioAt,
    SignallingGameAt,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario.scenario import Scenario

__all__ = [
    "BayesianModel",
    "SignalCell",
    "SignallingModel",
    "TypeAxis",
    "bayesian_model",
    "check_defined",
    "signalling_model",
    "type_range",
]

RF = RationalFunction


def _option(kind: str) -> str:
    return {"param": "--param", "prior": "--prior"}.get(kind, "--empathy")


@dataclass(frozen=True)
class TypeAxis:
    """What a sweep of a game with types moves.

    ``kind`` is ``"param"`` (``name`` the parameter), ``"empathy"`` (``name``
    a player, or ``""`` for every player's common weight) or ``"prior"``:
    ``player``'s prior of ``type`` (its other types share the rest in their
    proportions), or with ``player == ""`` a **common prior**: every player
    with several types gets the same prior of its type ``type`` (of its first
    type when ``type`` is ``""``).
    """

    kind: str
    name: str = ""
    player: str = ""
    type: str = ""

    @classmethod
    def parse(cls, text: str) -> TypeAxis:
        """``"param:NAME"``, ``"empathy"``, ``"empathy:PLAYER"``, ``"prior:PLAYER.TYPE"``,
        ``"prior:common"`` or ``"prior:common.TYPE"``."""
        kind, sep, rest = text.partition(":")
        if kind == "prior" and sep:
            head, dot, tail = rest.partition(".")
            if head == "common":
                return cls("prior", type=tail)
            if not dot or not head or not tail:
                raise ArgumentError(
                    "--prior takes PLAYER.TYPE (e.g. DPRK.security_seeker), 'common' or "
                    f"'common.TYPE', got {rest!r}",
                    Location(path=("--prior",)),
                )
            return cls("prior", player=head, type=tail)
        axis = Axis.parse(text)
        return cls(axis.kind, axis.name)

    @property
    def common(self) -> bool:
        return self.kind == "prior" and not self.player

    @property
    def option(self) -> str:
        """The command-line option that sweeps this axis."""
        return _option(self.kind)

    @property
    def symbol(self) -> str:
        """``p`` for a prior, else the name of :class:`~gametrust.analysis.parametric.Axis`."""
        return "p" if self.kind == "prior" else Axis(self.kind, self.name).symbol

    def describe(self, players: Sequence[str] = ()) -> str:
        """``"p = P(DPRK is security_seeker)"``, ``"parameter kT"``, ..."""
        if self.kind == "prior":
            if self.player:
                return f"p = P({self.player} is {self.type})"
            who = " and ".join(players)
            of = f"{self.type}" if self.type else "its first type"
            return f"p = the common prior that each of {who} is {of}" if who else (
                f"p = the common prior of {of}")
        if self.kind == "param":
            return f"parameter {self.name}"
        return f"empathy weight of {self.name}" if self.name else "empathy weight of every player"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "symbol": self.symbol}
        if self.kind == "prior":
            out.update(common=self.common, player=self.player or None, type=self.type or None)
        else:
            out["name"] = self.name or None
        return out


def type_range(scenario: Scenario | None, axis: TypeAxis, lo: object, hi: object) -> tuple[
    Fraction, Fraction
]:
    """The exact range: as given, else the parameter's declared range, else ``[0, 1]``."""
    if axis.kind == "param" and scenario is not None:
        return sweep_range(scenario, Axis("param", axis.name), lo, hi)
    try:
        low = Fraction(0 if lo is None else lo)  # type: ignore[arg-type]
        high = Fraction(1 if hi is None else hi)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise ArgumentError(f"bad sweep range: {exc}", Location(path=("--from",))) from None
    if not low < high:
        raise ArgumentError(
            f"the sweep range must have from < to, got [{low}, {high}]", Location(path=("--from",))
        )
    if axis.kind == "prior" and not (low >= 0 and high <= 1):
        raise ArgumentError(
            f"a prior is a probability: the range must lie in [0, 1], got [{low}, {high}]",
            Location(path=("--from",)),
        )
    return low, high


def check_defined(functions: Sequence[RationalFunction], lo: Fraction, hi: Fraction,
                  axis: TypeAxis) -> None:
    """A located error when some function's denominator vanishes in ``[lo, hi]``."""
    seen: set[Poly] = set()
    for f in functions:
        den = f.den.primitive()
        if den.degree <= 0 or den in seen:
            continue
        seen.add(den)
        for root in real_roots(den, lo, hi, open_interval=False):
            raise ArgumentError(
                f"a payoff, prior or cost is undefined at {axis.symbol} = {show_value(root)} "
                "inside the swept range (it divides by zero there)",
                Location(path=(axis.option,)),
            )


# -- the parametric values of a scenario ---------------------------------------------------------


def _values(scenario: Scenario, axis: TypeAxis, parameters: Mapping[str, object] | None) -> dict[
    str, RationalFunction
]:
    if axis.kind == "param":
        return parametric_values(scenario, Axis("param", axis.name), parameters)
    return parametric_values(scenario, Axis("empathy"), parameters)


def _fold(expression: Any, values: Mapping[str, RationalFunction]) -> RationalFunction:
    try:
        return expression.fold(constant_function, values.__getitem__)
    except ZeroDivisionError:
        raise ArgumentError(
            "a payoff, prior or cost divides by zero for every value of the swept quantity",
            Location(path=("axis",)),
        ) from None


def _weights(scenario: Scenario, axis: TypeAxis, values: Mapping[str, RationalFunction],
             empathy: Mapping[str, object] | None) -> list[RationalFunction]:
    ax = Axis(axis.kind, axis.name) if axis.kind == "empathy" else Axis("param", "")
    return parametric_weights(scenario.player_ids, declared_weights(scenario, values), ax, empathy,
                              scenario.empathy_model)


def _type_tensors(
    scenario: Scenario, values: Mapping[str, RationalFunction], weights: Sequence[RationalFunction]
) -> dict[tuple[str, ...], np.ndarray]:
    """One payoff tensor of rational functions per type profile, empathy applied (the
    expressions of :func:`gametrust.scenario.build_types.type_expressions`, folded)."""
    return {
        profile: empathize_tensor(
            np.vectorize(lambda e: _fold(e, values), otypes=[object])(expressions),
            weights, scenario.empathy_model)
        for profile, expressions in type_expressions(scenario).items()
    }


def _prior_family(current: Sequence[Fraction], k: int) -> list[RationalFunction]:
    """Type ``k`` gets ``t``; the others share ``1 - t`` in their current proportions
    (equally when type ``k`` has prior 1)."""
    t = RF.variable()
    base = current[k]
    n = len(current)
    out = []
    for j, q in enumerate(current):
        if j == k:
            out.append(t)
        else:
            share = q / (1 - base) if base < 1 else Fraction(1, n - 1)
            out.append((1 - t) * share)
    return out


def _swept_priors(
    axis: TypeAxis,
    players: Sequence[str],
    types: Sequence[Sequence[str]],
    current: Sequence[Sequence[Fraction]],
) -> dict[int, list[RationalFunction]]:
    """The priors a prior axis moves: ``{player index: prior as functions of t}``."""
    if axis.player:
        if axis.player not in players:
            raise ArgumentError(
                f"no player {axis.player!r}{did_you_mean(axis.player, players)}; the players "
                f"are {', '.join(players)}",
                Location(path=("--prior",)),
            )
        i = players.index(axis.player)
        if axis.type not in types[i]:
            raise ArgumentError(
                f"{axis.player} has no type {axis.type!r}{did_you_mean(axis.type, types[i])}; "
                f"its types are {', '.join(types[i])}",
                Location(path=("--prior",)),
            )
        if len(types[i]) < 2:
            raise ArgumentError(f"{axis.player} has one type: its prior is 1",
                                Location(path=("--prior",)))
        return {i: _prior_family(current[i], types[i].index(axis.type))}
    typed = [i for i in range(len(players)) if len(types[i]) > 1]
    if not typed:
        raise ArgumentError("no player has two or more types: there is no prior to sweep",
                            Location(path=("--prior",)))
    out = {}
    for i in typed:
        name = axis.type or types[i][0]
        if name not in types[i]:
            raise ArgumentError(
                f"a common prior of {name!r} needs every player with types to have a type "
                f"{name!r}; {players[i]}'s types are {', '.join(types[i])}",
                Location(path=("--prior",)),
            )
        out[i] = _prior_family(current[i], types[i].index(name))
    return out


# -- Bayesian games -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BayesianModel:
    """A Bayesian game as functions of ``t``.

    ``priors[i][k]`` is player ``i``'s prior of its type ``k``; ``payoffs`` has
    shape ``(*n_types, n_players, *n_actions)`` (empathy applied), like
    :attr:`gametrust.model.bayesian.BayesianGame.payoffs`.  ``build(t)`` is the
    exact game at a rational ``t``, built as ``gametrust solve`` builds it.
    """

    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    types: tuple[tuple[str, ...], ...]
    priors: tuple[tuple[RationalFunction, ...], ...]
    payoffs: np.ndarray = field(compare=False, repr=False)
    build: Callable[[Fraction], BayesianGame] = field(compare=False, repr=False)
    title: str = ""

    @property
    def n_players(self) -> int:
        return len(self.players)

    def functions(self) -> list[RationalFunction]:
        return [*(p for per in self.priors for p in per), *self.payoffs.ravel()]

    def game_at(self, t: Fraction) -> BayesianGame:
        """The exact game at a rational point."""
        return self.build(t)

    def float_game_at(self, t: float) -> tuple[BayesianGame, tuple[tuple[float, ...], ...]]:
        """The game at an irrational point, in floats, and the priors there.

        Priors must be exact, so each player's prior of the others is folded into
        its payoffs: with uniform priors ``q`` and payoffs ``u_i * prod_j p_j / q_j``
        every type's interim payoffs, hence the Bayesian equilibria, are those of
        the game at ``t`` (only the ex-ante payoffs differ; the caller reweights).
        """
        priors = tuple(tuple(float(p(t)) for p in per) for per in self.priors)
        uniform = [[Fraction(1, len(ts))] * len(ts) for ts in self.types]
        tensor = np.empty(self.payoffs.shape, dtype=float)
        for profile in product(*(range(len(ts)) for ts in self.types)):
            for i in range(self.n_players):
                scale = 1.0
                for j, k in enumerate(profile):
                    if j != i:
                        scale *= priors[j][k] * len(self.types[j])
                block = self.payoffs[profile][i]
                for index in np.ndindex(block.shape):
                    tensor[profile][i][index] = float(block[index](t)) * scale
        game = BayesianGame(self.players, self.actions, self.types, uniform, tensor,
                            title=self.title)
        return game, priors


def _bayesian_from_game(game: BayesianGame, axis: TypeAxis) -> BayesianModel:
    if axis.kind == "param":
        raise ArgumentError(
            "a BayesianGame has no parameters; sweep 'prior:PLAYER.TYPE', 'prior:common' or "
            "'empathy', or load a scenario",
            Location(path=("variable",)),
        )
    if not game.exact:
        raise ArgumentError("sweeps need exact payoffs (this game has floats)",
                            Location(path=("game",)))
    priors = [[constant_function(q) for q in per] for per in game.priors]
    swept = _swept_priors(axis, game.players, game.types, game.priors) if (
        axis.kind == "prior") else {}
    for i, family in swept.items():
        priors[i] = family
    base = np.vectorize(constant_function, otypes=[object])(game.payoffs)
    if axis.kind == "empathy":
        weights = parametric_weights(game.players, {p: constant_function(0) for p in game.players},
                                     Axis("empathy", axis.name), None)
        for profile in product(*(range(len(ts)) for ts in game.types)):
            base[profile] = empathize_tensor(base[profile], weights, "altruism")

    build = BayesianGameAt(game, axis.kind, base, swept)

    return BayesianModel(game.players, game.actions, game.types,
                         tuple(tuple(per) for per in priors), base, build, game.title)


def bayesian_model(
    subject: Scenario | BayesianGame,
    axis: TypeAxis,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> BayesianModel:
    """The parametric Bayesian game of a scenario with types (or of a game) along ``axis``."""
    if isinstance(subject, BayesianGame):
        return _bayesian_from_game(subject, axis)
    scenario = subject
    values = _values(scenario, axis, parameters)
    weights = _weights(scenario, axis, values, empathy)
    tensors = _type_tensors(scenario, values, weights)
    labels = scenario.type_labels()
    ids = scenario.player_ids
    types = tuple(labels[pid] for pid in ids)
    priors = [
        [_fold(t.prior, values) for t in scenario.types[pid]] if pid in scenario.types
        else [constant_function(1)]
        for pid in ids
    ]
    swept: dict[int, list[RationalFunction]] = {}
    if axis.kind == "prior":
        current = scenario.priors(parameters)
        swept = _swept_priors(
            axis, ids, types,
            [[Fraction(current[pid][t]) for t in labels[pid]] if pid in current
             else [Fraction(1)] for pid in ids],
        )
        for i, family in swept.items():
            priors[i] = family
    shape = (*(len(t) for t in types), len(ids), *(len(p.actions) for p in scenario.players))
    payoffs = np.empty(shape, dtype=object)
    for profile in product(*(range(len(t)) for t in types)):
        payoffs[profile] = tensors[tuple(types[i][k] for i, k in enumerate(profile))]
    fixed = dict(parameters or {})

    build = ScenarioAt(scenario, axis.kind, axis.name, fixed,
                       None if empathy is None else dict(empathy), swept)

    return BayesianModel(ids, scenario.actions, types, tuple(tuple(p) for p in priors), payoffs,
                         build, scenario.title)


# -- signalling games ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SignalCell:
    """What follows a response for one sender type: the sender's stage-game actions, each with
    (sender payoff, receiver payoff) as functions of ``t``; the sender plays its best one."""

    actions: tuple[str, ...]
    payoffs: tuple[tuple[RationalFunction, RationalFunction], ...]


@dataclass(frozen=True)
class SignallingModel:
    """A signalling game as functions of ``t``: ``prior[k]``, ``cost[k][m]`` and, per type and
    response, the :class:`SignalCell` from which the sender's best stage reply is taken.

    ``build(t)`` is the exact game at a rational ``t`` (through the scenario's builder), or
    raises a :class:`~gametrust.core.errors.GametrustError` saying why it is undefined there.
    """

    sender: str
    receiver: str
    types: tuple[str, ...]
    signals: tuple[str, ...]
    responses: tuple[str, ...]
    prior: tuple[RationalFunction, ...]
    cost: tuple[tuple[RationalFunction, ...], ...]
    cells: tuple[tuple[SignalCell, ...], ...]  # [type][response]
    build: Callable[[Fraction], SignallingGame] = field(compare=False, repr=False)
    title: str = ""

    def functions(self) -> list[RationalFunction]:
        out = [*self.prior, *(c for row in self.cost for c in row)]
        for row in self.cells:
            for cell in row:
                out.extend(x for pair in cell.payoffs for x in pair)
        return out


def _signalling_from_game(game: SignallingGame, axis: TypeAxis) -> SignallingModel:
    if axis.kind != "prior":
        raise ArgumentError(
            "a SignallingGame is swept over the sender's prior ('prior:SENDER.TYPE' or "
            "'prior:common'); load a scenario to sweep a parameter or empathy",
            Location(path=("variable",)),
        )
    current = [[game.prior[t] for t in game.types]]
    swept = _swept_priors(axis, [game.sender], [game.types], current)[0]
    cells = tuple(
        tuple(SignalCell(("-",), ((constant_function(game.payoffs[t][r][0]),
                                   constant_function(game.payoffs[t][r][1])),))
              for r in game.responses)
        for t in game.types
    )
    cost = tuple(tuple(constant_function(game.cost[t][m]) for m in game.signals)
                 for t in game.types)

    build = SignallingGameAt(game, tuple(swept))

    return SignallingModel(game.sender, game.receiver, game.types, game.signals, game.responses,
                           tuple(swept), cost, cells, build, game.title)


def signalling_model(
    subject: Scenario | SignallingGame,
    axis: TypeAxis,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> SignallingModel:
    """The parametric signalling game of a scenario with ``signalling:`` (or of a game)."""
    if isinstance(subject, SignallingGame):
        return _signalling_from_game(subject, axis)
    scenario = subject
    spec = scenario.signalling
    assert spec is not None
    values = _values(scenario, axis, parameters)
    weights = _weights(scenario, axis, values, empathy)
    tensors = _type_tensors(scenario, values, weights)
    ids = scenario.player_ids
    si = ids.index(spec.sender)
    ri = 1 - si
    sender_actions = scenario.players[si].actions
    responses = scenario.players[ri].actions
    receiver_type = scenario.type_labels()[spec.receiver][0]
    types = tuple(t.name for t in scenario.types[spec.sender])
    prior = [_fold(t.prior, values) for t in scenario.types[spec.sender]]
    swept: list[RationalFunction] | None = None
    if axis.kind == "prior":
        current = scenario.priors(parameters)[spec.sender]
        swept = _swept_priors(axis, [spec.sender], [types],
                              [[Fraction(current[t]) for t in types]])[0]
        prior = swept
    cells = []
    for t in types:
        tensor = tensors[(t, receiver_type) if si == 0 else (receiver_type, t)]
        row = []
        for r in range(len(responses)):
            pairs = []
            for a in range(len(sender_actions)):
                index = (a, r) if si == 0 else (r, a)
                pairs.append((tensor[(si, *index)], tensor[(ri, *index)]))
            row.append(SignalCell(tuple(sender_actions), tuple(pairs)))
        cells.append(tuple(row))
    cost = tuple(
        tuple(_fold(spec.cost[t][m], values) if m in spec.cost.get(t, {}) else
              constant_function(0) for m in spec.signals)
        for t in types
    )
    fixed = dict(parameters or {})

    build = ScenarioAt(scenario, axis.kind, axis.name, fixed,
                       None if empathy is None else dict(empathy),
                       {} if swept is None else {0: swept}, signalling=True)

    return SignallingModel(spec.sender, spec.receiver, types, tuple(spec.signals), responses,
                           tuple(prior), cost, tuple(cells), build, scenario.title)
