"""Games of incomplete information: types with independent priors, payoffs per type profile.

Trust, in the literature gametrust draws on, is a belief: the probability that
the other side is a *security seeker* rather than a *greedy* state that would
exploit cooperation.  A :class:`BayesianGame` makes that belief part of the
game (Harsanyi 1967-68): each player has a set of **types** (its private
information: its preferences), types are drawn **independently** from **priors**
that are common knowledge, and every type profile has its own payoff tensor.
:func:`plan_game` is the normal form over type-contingent plans (ex ante, or
the type-agent form the solver uses).  The interim certificate of an
equilibrium is in :mod:`gametrust.model.interim`; the solver in
:mod:`gametrust.solvers.bayesian`.  The model is documented in ``docs/bayesian.md``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from itertools import product
from math import prod
from typing import Any

import numpy as np

from ..core.errors import did_you_mean, fail
from ..core.exact import as_number, format_number, is_exact_value
from .game import NormalFormGame

#: Largest type-agent normal form (entries: players x plan profiles) that is built.
PLAN_BUDGET = 2_000_000


# -- the model -----------------------------------------------------------------------------------


def _labels(values: Any, path: tuple[str | int, ...], what: str) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise fail(f"{what} must be a list of names, got {values!r}", *path)
    labels = tuple(str(v) for v in values)
    if not labels:
        raise fail(f"{what}: at least one is needed", *path)
    if len(set(labels)) != len(labels):
        raise fail(f"{what} must be distinct, got {list(labels)}", *path)
    return labels


def _per_player(values: Any, players: tuple[str, ...], name: str) -> list[Any]:
    """A per-player argument given as a list (player order) or a mapping player -> value."""
    if isinstance(values, Mapping):
        for key in values:
            if key not in players:
                raise fail(
                    f"no player {key!r}{did_you_mean(str(key), players)}; "
                    f"players are {', '.join(players)}",
                    name,
                    str(key),
                )
        return [values.get(p) for p in players]
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise fail(f"{name} must be a list (one entry per player) or a mapping", name)
    if len(values) != len(players):
        raise fail(f"{len(players)} players but {len(values)} entries in {name}", name)
    return list(values)


def _prior_value(value: object, path: tuple[str | int, ...]) -> Fraction:
    if isinstance(value, float):
        raise fail(
            f"priors must be exact: write {value!r} as a fraction string or Fraction (e.g. '7/10')",
            *path,
        )
    try:
        number = as_number(value, exact=True)
    except (TypeError, ValueError) as exc:
        raise fail(f"a prior must be a number: {exc}", *path) from None
    assert isinstance(number, Fraction)
    if number < 0:
        raise fail(f"a prior probability cannot be negative, got {format_number(number)}", *path)
    return number


def _read_priors(
    raw: Any, players: tuple[str, ...], types: tuple[tuple[str, ...], ...]
) -> tuple[tuple[Fraction, ...], ...]:
    entries = _per_player(raw, players, "priors") if raw is not None else [None] * len(players)
    out = []
    for player, labels, entry in zip(players, types, entries, strict=True):
        if entry is None:
            if len(labels) != 1:
                raise fail(
                    f"player {player!r} has {len(labels)} types and needs a prior over them",
                    "priors",
                    player,
                )
            out.append((Fraction(1),))
            continue
        if isinstance(entry, Mapping):
            for key in entry:
                if key not in labels:
                    raise fail(
                        f"player {player!r} has no type {key!r}{did_you_mean(str(key), labels)}",
                        "priors",
                        player,
                        str(key),
                    )
            missing = [t for t in labels if t not in entry]
            if missing:
                raise fail(
                    f"no prior given for type {missing[0]!r} of player {player!r}",
                    "priors",
                    player,
                    missing[0],
                )
            values = [_prior_value(entry[t], ("priors", player, t)) for t in labels]
        else:
            if isinstance(entry, str) or not isinstance(entry, Sequence):
                raise fail(
                    "a prior is a list of probabilities (one per "
                    "type) or a mapping type -> probability",
                    "priors",
                    player,
                )
            if len(entry) != len(labels):
                raise fail(
                    f"player {player!r} has {len(labels)} types but {len(entry)} prior "
                    "probabilities",
                    "priors",
                    player,
                )
            values = [
                _prior_value(v, ("priors", player, t)) for v, t in zip(entry, labels, strict=True)
            ]
        total = sum(values, Fraction(0))
        if total != 1:
            raise fail(
                f"the prior of player {player!r} sums to {format_number(total)}, not 1",
                "priors",
                player,
            )
        out.append(tuple(values))
    return tuple(out)


def _profile_key(
    key: Any, players: tuple[str, ...], types: tuple[tuple[str, ...], ...]
) -> tuple[int, ...]:
    text = ", ".join(str(k) for k in key) if isinstance(key, tuple) else str(key)
    if not isinstance(key, tuple) or len(key) != len(players):
        raise fail(
            f"a type profile names one type per player ({len(players)}), got {key!r}",
            "payoffs",
            text,
        )
    out = []
    for player, labels, label in zip(players, types, key, strict=True):
        if label not in labels:
            raise fail(
                f"player {player!r} has no type {label!r}"
                f"{did_you_mean(str(label), labels)}; its types are {list(labels)}",
                "payoffs",
                text,
            )
        out.append(labels.index(label))
    return tuple(out)


def _read_payoffs(
    raw: Any,
    players: tuple[str, ...],
    actions: tuple[tuple[str, ...], ...],
    types: tuple[tuple[str, ...], ...],
) -> np.ndarray:
    n = len(players)
    shape = tuple(len(a) for a in actions)
    type_shape = tuple(len(t) for t in types)
    full = (*type_shape, n, *shape)
    if isinstance(raw, Mapping):
        tensor = np.empty(full, dtype=object)
        seen: set[tuple[int, ...]] = set()
        for key, value in raw.items():
            index = _profile_key(key, players, types)
            text = ", ".join(str(k) for k in key)
            if index in seen:
                raise fail(f"type profile {key!r} is given twice", "payoffs", text)
            seen.add(index)
            if isinstance(value, NormalFormGame):
                if value.players != players or value.actions != actions:
                    raise fail(
                        "the game for this type profile has players "
                        f"{list(value.players)} and actions "
                        f"{[list(a) for a in value.actions]}; expected {list(players)} "
                        f"and {[list(a) for a in actions]}",
                        "payoffs",
                        text,
                    )
                block = value.payoffs
            else:
                block = np.array(value, dtype=object)
            if block.shape != (n, *shape):
                raise fail(
                    f"payoffs of type profile {key!r} have shape {block.shape}, "
                    f"expected {(n, *shape)}",
                    "payoffs",
                    text,
                )
            tensor[index] = block
        for index in product(*(range(k) for k in type_shape)):
            if index not in seen:
                missing = ", ".join(types[i][k] for i, k in enumerate(index))
                raise fail(f"no payoffs for type profile ({missing})", "payoffs", missing)
    else:
        tensor = np.array(raw, dtype=object)
        if tensor.shape != full:
            raise fail(
                f"payoff array has shape {tensor.shape}, expected {full} "
                "(types..., players, actions...)",
                "payoffs",
            )
    flat = tensor.ravel()
    exact = all(is_exact_value(v) or isinstance(v, str) for v in flat)
    try:
        values = [as_number(v, exact=exact) for v in flat]
    except (TypeError, ValueError) as exc:
        raise fail(str(exc), "payoffs") from None
    if exact:
        out = np.empty(full, dtype=object)
        out.ravel()[:] = values
    else:
        out = np.array(values, dtype=np.float64).reshape(full)
    out.setflags(write=False)
    return out


class BayesianGame:
    """A finite game with private types drawn independently from common-knowledge priors.

    ``types[i]`` are player ``i``'s type labels (one type: complete
    information about it); ``priors[i]`` its prior over them (exact
    probabilities: ints, ``Fraction``, ``Decimal`` or ``"p/q"`` strings; a
    float is refused); ``payoffs`` one payoff tensor per type profile, either

    * a mapping from type profiles (tuples of type labels, one per player) to
      a :class:`NormalFormGame` with the same players and actions, or to an
      array of shape ``(n_players, *n_actions)``; or
    * one array of shape ``(*n_types, n_players, *n_actions)``.

    ``types`` and ``priors`` are lists in player order or mappings
    ``player -> ...``; a prior may be a list (type order) or a mapping
    ``type -> probability``, and may be omitted (``None``) for a player with
    one type.  The game is exact when every payoff is rational.

    >>> g = BayesianGame(["A", "B"], [["x", "y"], ["x", "y"]], [["t"], ["s1", "s2"]],
    ...                  [None, ["1/3", "2/3"]],
    ...                  {("t", "s1"): [[[1, 0], [0, 1]], [[1, 0], [0, 1]]],
    ...                   ("t", "s2"): [[[1, 0], [0, 1]], [[0, 1], [1, 0]]]})
    >>> g.prior("B")
    {'s1': Fraction(1, 3), 's2': Fraction(2, 3)}
    >>> g.game_for(("t", "s2")).payoff(("x", "x"))
    (Fraction(1, 1), Fraction(0, 1))
    """

    __slots__ = ("_payoffs", "actions", "players", "priors", "title", "types")

    def __init__(
        self,
        players: Sequence[str],
        actions: Sequence[Sequence[str]] | Mapping[str, Sequence[str]],
        types: Sequence[Sequence[str]] | Mapping[str, Sequence[str]],
        priors: Any,
        payoffs: Any,
        *,
        title: str = "",
    ) -> None:
        players_t = _labels(players, ("players",), "player ids")
        acts = _per_player(actions, players_t, "actions")
        actions_t = tuple(
            _labels(a, ("actions", p), f"actions of {p!r}")
            for p, a in zip(players_t, acts, strict=True)
        )
        typ = _per_player(types, players_t, "types")
        types_t = tuple(
            _labels(t, ("types", p), f"types of {p!r}") for p, t in zip(players_t, typ, strict=True)
        )
        self.players = players_t
        self.actions = actions_t
        self.types = types_t
        self.priors = _read_priors(priors, players_t, types_t)
        self._payoffs = _read_payoffs(payoffs, players_t, actions_t, types_t)
        self.title = title

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def from_games(
        cls,
        games: Mapping[tuple[str, ...], NormalFormGame],
        types: Sequence[Sequence[str]] | Mapping[str, Sequence[str]],
        priors: Any,
        *,
        title: str = "",
    ) -> BayesianGame:
        """A Bayesian game from one :class:`NormalFormGame` per type profile.

        Players and actions are read from the games (they must agree).
        """
        if not isinstance(games, Mapping) or not games:
            raise fail("give a mapping type profile -> NormalFormGame", "games")
        first = next(iter(games.values()))
        if not isinstance(first, NormalFormGame):
            raise fail(f"expected NormalFormGame values, got {type(first).__name__}", "games")
        return cls(first.players, first.actions, types, priors, games, title=title or first.title)

    @classmethod
    def from_game(cls, game: NormalFormGame) -> BayesianGame:
        """The complete-information game as a Bayesian game: one type per player.

        Each player's only type is named after the player.
        """
        if not isinstance(game, NormalFormGame):
            raise fail(f"expected a NormalFormGame, got {type(game).__name__}", "game")
        types = [[p] for p in game.players]
        key = tuple(game.players)
        return cls(game.players, game.actions, types, None, {key: game}, title=game.title)

    def with_prior(self, player: str | int, prior: Any) -> BayesianGame:
        """The same game with one player's prior replaced."""
        i = self.player_index(player)
        priors: list[Any] = list(self.priors)
        priors[i] = prior
        return BayesianGame(
            self.players, self.actions, self.types, priors, self._payoffs, title=self.title
        )

    # -- basic facts ----------------------------------------------------------------------------

    @property
    def payoffs(self) -> np.ndarray:
        """Read-only payoff tensor, shape ``(*n_types, n_players, *n_actions)``."""
        return self._payoffs

    @property
    def exact(self) -> bool:
        return self._payoffs.dtype == object

    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return tuple(len(a) for a in self.actions)

    @property
    def type_shape(self) -> tuple[int, ...]:
        """Number of types of each player."""
        return tuple(len(t) for t in self.types)

    def player_index(self, player: str | int) -> int:
        if isinstance(player, int) and not isinstance(player, bool):
            if 0 <= player < self.n_players:
                return player
        elif player in self.players:
            return self.players.index(player)
        raise fail(
            f"no player {player!r}{did_you_mean(str(player), self.players)};"
            f" players are {', '.join(self.players)}",
            "player",
        )

    def type_index(self, player: str | int, type_: str | int) -> int:
        i = self.player_index(player)
        labels = self.types[i]
        if isinstance(type_, int) and not isinstance(type_, bool):
            if 0 <= type_ < len(labels):
                return type_
        elif type_ in labels:
            return labels.index(type_)
        raise fail(
            f"player {self.players[i]!r} has no type {type_!r}"
            f"{did_you_mean(str(type_), labels)}; its types are {list(labels)}",
            "type",
        )

    def action_index(self, player: str | int, action: str | int) -> int:
        i = self.player_index(player)
        labels = self.actions[i]
        if isinstance(action, int) and not isinstance(action, bool):
            if 0 <= action < len(labels):
                return action
        elif action in labels:
            return labels.index(action)
        raise fail(
            f"player {self.players[i]!r} has no action {action!r}"
            f"{did_you_mean(str(action), labels)}; its actions are {list(labels)}",
            "action",
        )

    def prior(self, player: str | int) -> dict[str, Fraction]:
        """A player's prior as ``{type: probability}``."""
        i = self.player_index(player)
        return dict(zip(self.types[i], self.priors[i], strict=True))

    def type_profiles(self) -> Iterator[tuple[int, ...]]:
        """All type profiles as index tuples, in lexicographic order."""
        return product(*(range(k) for k in self.type_shape))

    def probability(self, profile: Sequence[int]) -> Fraction:
        """Prior probability of a type profile (index tuple): the product of the priors."""
        return prod((self.priors[i][t] for i, t in enumerate(profile)), start=Fraction(1))

    def game_for(self, profile: Sequence[str | int]) -> NormalFormGame:
        """The normal-form game the players face at one type profile."""
        if len(profile) != self.n_players:
            raise fail(f"a type profile names one type per player ({self.n_players})", "profile")
        index = tuple(self.type_index(i, t) for i, t in enumerate(profile))
        name = ", ".join(self.types[i][k] for i, k in enumerate(index))
        return NormalFormGame(
            self.players,
            self.actions,
            self._payoffs[index],
            title=f"{self.title} [{name}]" if self.title else name,
        )

    def plans(self, player: str | int) -> list[tuple[int, ...]]:
        """A player's pure type-contingent strategies: one action index per type."""
        i = self.player_index(player)
        return list(product(range(self.shape[i]), repeat=len(self.types[i])))

    def plan_label(self, player: str | int, plan: Sequence[int]) -> str:
        """``"Freeze"`` for a one-type player, else ``"security_seeker:Freeze greedy:Arm"``."""
        i = self.player_index(player)
        if len(self.types[i]) == 1:
            return self.actions[i][plan[0]]
        return " ".join(
            f"{t}:{self.actions[i][a]}" for t, a in zip(self.types[i], plan, strict=True)
        )

    def ex_ante_game(self) -> NormalFormGame:
        """The ex-ante normal form: plans as strategies, prior-weighted expected payoffs.

        Player ``i``'s payoff at a plan profile is
        ``sum over type profiles t of prior(t) * u_i(t)(plan_1(t_1), ..., plan_n(t_n))``.
        """
        return plan_game(self, agent=False)

    # -- dunder ---------------------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BayesianGame):
            return NotImplemented
        return (
            self.players == other.players
            and self.actions == other.actions
            and self.types == other.types
            and self.priors == other.priors
            and self.exact == other.exact
            and bool(np.all(self._payoffs == other._payoffs))
        )

    def __hash__(self) -> int:
        return hash((self.players, self.actions, self.types, self.priors))

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        kind = "exact" if self.exact else "float"
        types = {
            p: dict(zip(t, map(format_number, q), strict=True))
            for p, t, q in zip(self.players, self.types, self.priors, strict=True)
        }
        return f"<BayesianGame{title} {kind} players={list(self.players)} types={types}>"


def plan_game(bg: BayesianGame, *, agent: bool) -> NormalFormGame:
    """The normal form over plans.

    ``agent=False``: the ex-ante game (own type weighted by its prior).
    ``agent=True``: the *type-agent* form, in which each own type has weight 1:
    player ``i``'s payoff is the sum over its types of their interim expected
    payoffs.  Its equilibria, mapped to behaviour, are exactly the profiles in
    which every type (prior 0 included) best-responds.
    """
    n = bg.n_players
    plans = [np.array(bg.plans(i), dtype=np.intp).reshape(-1, len(bg.types[i])) for i in range(n)]
    sizes = tuple(len(p) for p in plans)
    if n * prod(sizes) > PLAN_BUDGET:
        raise fail(
            f"the normal form over type-contingent plans would have "
            f"{' x '.join(map(str, sizes))} plan profiles: too large",
            "game",
        )
    exact = bg.exact
    out = np.full((n, *sizes), Fraction(0) if exact else 0.0, dtype=object if exact else float)
    for profile in bg.type_profiles():
        u = bg.payoffs[profile]
        index = np.ix_(*(plans[i][:, profile[i]] for i in range(n)))
        for i in range(n):
            weight = prod(
                (bg.priors[j][profile[j]] for j in range(n) if j != i or not agent),
                start=Fraction(1),
            )
            if weight == 0:
                continue
            block = u[i][index]
            out[i] = out[i] + (block * weight if exact else block * float(weight))
    labels = [[bg.plan_label(i, plan) for plan in bg.plans(i)] for i in range(n)]
    for i in range(n):
        if len(set(labels[i])) != len(labels[i]):  # pathological action/type names
            labels[i] = [f"plan{k + 1}" for k in range(len(labels[i]))]
    return NormalFormGame(bg.players, labels, out, title=bg.title)
