"""The normal-form game: players, action labels and a payoff tensor.

A :class:`NormalFormGame` is an immutable value.  Its payoffs are held in one
numpy array of shape ``(n_players, n_actions_0, ..., n_actions_{n-1})``: exact
games hold :class:`~fractions.Fraction` objects (dtype ``object``), float games
hold ``float64``.  A game is exact exactly when every payoff it was built from
is rational (ints, Fractions, Decimals, fraction strings).

>>> from gametrust import NormalFormGame
>>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                                 players=["Row", "Col"],
...                                 actions=[["C", "D"], ["C", "D"]])
>>> pd.exact, pd.shape
(True, (2, 2))
>>> pd.payoff(("D", "C"))
(Fraction(5, 1), Fraction(0, 1))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property
from itertools import product
from math import lcm
from typing import Any

import numpy as np

from ..core.errors import ArgumentError, Location
from ..core.exact import Number, as_number, is_exact_value

__all__ = ["NormalFormGame"]


def _default_players(n: int) -> tuple[str, ...]:
    return tuple(f"P{i + 1}" for i in range(n))


def _default_actions(shape: Sequence[int]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(f"a{k + 1}" for k in range(size)) for size in shape)


def _argument_error(name: str, message: str) -> ArgumentError:
    return ArgumentError(message, Location(path=(name,)))


class NormalFormGame:
    """A finite game in strategic form, exact or float.

    Build one with :meth:`from_arrays` (one payoff array per player, e.g. the
    bimatrix ``A, B``), :meth:`from_payoff_tensor`, or from a scenario with
    ``Scenario.build``.
    """

    __slots__ = ("__dict__", "_payoffs", "actions", "players", "title")

    def __init__(
        self,
        players: Sequence[str],
        actions: Sequence[Sequence[str]],
        payoffs: np.ndarray,
        *,
        title: str = "",
    ) -> None:
        players = tuple(str(p) for p in players)
        actions = tuple(tuple(str(a) for a in acts) for acts in actions)
        payoffs = np.asarray(payoffs)
        if len(players) < 1:
            raise _argument_error("players", "a game needs at least one player")
        if len(set(players)) != len(players):
            raise _argument_error("players", f"player ids must be distinct, got {list(players)}")
        if len(actions) != len(players):
            raise _argument_error(
                "actions", f"{len(players)} players but {len(actions)} action lists"
            )
        for player, acts in zip(players, actions, strict=True):
            if not acts:
                raise _argument_error("actions", f"player {player!r} has no actions")
            if len(set(acts)) != len(acts):
                raise _argument_error(
                    "actions", f"player {player!r} has duplicate action names {list(acts)}"
                )
        shape = (len(players), *(len(a) for a in actions))
        if payoffs.shape != shape:
            raise _argument_error(
                "payoffs", f"payoff array has shape {payoffs.shape}, expected {shape}"
            )
        if payoffs.dtype != object and payoffs.dtype != np.float64:
            raise _argument_error("payoffs", f"unsupported payoff dtype {payoffs.dtype}")
        payoffs = payoffs.copy()
        payoffs.setflags(write=False)
        self.players = players
        self.actions = actions
        self._payoffs = payoffs
        self.title = title

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def from_arrays(
        cls,
        *arrays: Any,
        players: Sequence[str] | None = None,
        actions: Sequence[Sequence[str]] | None = None,
        exact: bool | None = None,
        title: str = "",
    ) -> NormalFormGame:
        """A game from one payoff array per player (nested lists or numpy arrays).

        ``exact=None`` (the default) makes the game exact when every entry is
        rational (int, Fraction, Decimal, ``"p/q"`` string) and float when any
        entry is a float; ``exact=True`` converts floats to the rationals they
        are, ``exact=False`` converts everything to float.

        >>> g = NormalFormGame.from_arrays([[1, "2/3"]], [[0, 0.5]])
        >>> g.exact
        False
        >>> NormalFormGame.from_arrays([[1, "2/3"]], [[0, "1/2"]]).payoffs[0, 0, 1]
        Fraction(2, 3)
        """
        if not arrays:
            raise _argument_error("arrays", "give one payoff array per player")
        objs = [np.array(a, dtype=object) for a in arrays]
        shape = objs[0].shape
        if any(o.shape != shape for o in objs):
            raise _argument_error(
                "arrays", f"payoff arrays differ in shape: {[o.shape for o in objs]}"
            )
        if len(shape) != len(objs):
            raise _argument_error(
                "arrays",
                f"{len(objs)} players need {len(objs)}-dimensional payoff arrays, "
                f"got shape {shape}",
            )
        return cls.from_payoff_tensor(
            np.stack(objs), players=players, actions=actions, exact=exact, title=title
        )

    @classmethod
    def from_payoff_tensor(
        cls,
        tensor: Any,
        *,
        players: Sequence[str] | None = None,
        actions: Sequence[Sequence[str]] | None = None,
        exact: bool | None = None,
        title: str = "",
    ) -> NormalFormGame:
        """A game from an array of shape ``(n_players, n_actions_0, ...)``."""
        raw = np.array(tensor, dtype=object)
        if raw.ndim < 2 or raw.shape[0] != raw.ndim - 1:
            raise _argument_error(
                "tensor", f"expected shape (n_players, *n_actions), got {raw.shape}"
            )
        flat = raw.ravel()
        if exact is None:
            exact = all(is_exact_value(v) or isinstance(v, str) for v in flat)
        try:
            values = [as_number(v, exact=exact) for v in flat]
        except (TypeError, ValueError) as exc:
            raise _argument_error("payoffs", str(exc)) from None
        if exact:
            payoffs = np.empty(raw.shape, dtype=object)
            payoffs.ravel()[:] = values
        else:
            payoffs = np.array(values, dtype=np.float64).reshape(raw.shape)
        n = raw.shape[0]
        players = tuple(players) if players is not None else _default_players(n)
        actions = (
            tuple(tuple(a) for a in actions)
            if actions is not None
            else _default_actions(raw.shape[1:])
        )
        return cls(players, actions, payoffs, title=title)

    # -- basic facts ----------------------------------------------------------------------------

    @property
    def payoffs(self) -> np.ndarray:
        """Read-only payoff tensor, shape ``(n_players, *shape)``."""
        return self._payoffs

    @property
    def exact(self) -> bool:
        """True when payoffs are exact rationals."""
        return self._payoffs.dtype == object

    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return tuple(self._payoffs.shape[1:])

    def player_index(self, player: str | int) -> int:
        """Index of a player given by id or index."""
        if isinstance(player, int) and not isinstance(player, bool):
            if 0 <= player < self.n_players:
                return player
        elif player in self.players:
            return self.players.index(player)
        raise _argument_error("player", f"no player {player!r}; players are {list(self.players)}")

    def action_index(self, player: str | int, action: str | int) -> int:
        """Index of one of a player's actions, given by label or index."""
        i = self.player_index(player)
        acts = self.actions[i]
        if isinstance(action, int) and not isinstance(action, bool):
            if 0 <= action < len(acts):
                return action
        elif action in acts:
            return acts.index(action)
        raise _argument_error(
            "action", f"player {self.players[i]!r} has no action {action!r}; it has {list(acts)}"
        )

    def profile_index(self, profile: Sequence[str | int]) -> tuple[int, ...]:
        if len(profile) != self.n_players:
            raise _argument_error(
                "profile", f"a profile names one action per player ({self.n_players})"
            )
        return tuple(self.action_index(i, a) for i, a in enumerate(profile))

    def payoff(self, profile: Sequence[str | int]) -> tuple[Number, ...]:
        """Payoff vector of a pure profile given by labels or indices."""
        idx = self.profile_index(profile)
        return tuple(self._payoffs[(i, *idx)] for i in range(self.n_players))

    def payoff_array(self, player: str | int) -> np.ndarray:
        """One player's payoff array (the matrix ``A`` or ``B`` for two players)."""
        return self._payoffs[self.player_index(player)]

    def profiles(self) -> Iterable[tuple[int, ...]]:
        """All pure profiles, as index tuples, in lexicographic order."""
        return product(*(range(k) for k in self.shape))

    # -- derived games ----------------------------------------------------------------------------

    def to_float(self) -> NormalFormGame:
        """The same game with float payoffs."""
        if not self.exact:
            return self
        return NormalFormGame(
            self.players, self.actions, self._payoffs.astype(np.float64), title=self.title
        )

    def with_payoffs(self, payoffs: np.ndarray) -> NormalFormGame:
        """The same players and actions with another payoff tensor."""
        return NormalFormGame(self.players, self.actions, payoffs, title=self.title)

    def permuted(
        self,
        player_order: Sequence[int] | None = None,
        action_orders: Sequence[Sequence[int]] | None = None,
    ) -> NormalFormGame:
        """The same game with players and/or each player's actions reordered.

        ``player_order[k]`` is the old index of the new k-th player;
        ``action_orders[i][k]`` is the old index of player ``i``'s new k-th
        action (``i`` an *old* player index).
        """
        n = self.n_players
        order = list(player_order) if player_order is not None else list(range(n))
        if sorted(order) != list(range(n)):
            raise _argument_error("player_order", f"not a permutation of range({n})")
        t = self._payoffs
        acts = [list(a) for a in self.actions]
        if action_orders is not None:
            for i, perm in enumerate(action_orders):
                perm = list(perm)
                if sorted(perm) != list(range(self.shape[i])):
                    raise _argument_error("action_orders", f"not a permutation for player {i}")
                t = np.take(t, perm, axis=i + 1)
                acts[i] = [acts[i][k] for k in perm]
        t = t[order]
        t = np.transpose(t, (0, *(o + 1 for o in order)))
        return NormalFormGame(
            [self.players[o] for o in order], [acts[o] for o in order], t, title=self.title
        )

    # -- exact integer form for solver kernels -------------------------------------------------

    @cached_property
    def integer_payoffs(self) -> np.ndarray:
        """For an exact game: each player's payoffs scaled by a positive integer
        so that all are integers (object array of Python ints).

        Positive scaling per player does not change best responses, so solvers
        may work on these.
        """
        if not self.exact:
            raise _argument_error("game", "integer_payoffs needs an exact game")
        out = np.empty(self._payoffs.shape, dtype=object)
        for i in range(self.n_players):
            values = self._payoffs[i].ravel()
            scale = lcm(*(v.denominator for v in values)) if values.size else 1
            out[i].ravel()[:] = [int(v * scale) for v in values]
        return out

    # -- dunder ---------------------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (
            self.players == other.players
            and self.actions == other.actions
            and self.exact == other.exact
            and bool(np.all(self._payoffs == other._payoffs))
        )

    def __hash__(self) -> int:
        return hash((self.players, self.actions, tuple(self._payoffs.ravel().tolist())))

    def __repr__(self) -> str:
        kind = "exact" if self.exact else "float"
        sizes = "x".join(str(k) for k in self.shape)
        title = f" {self.title!r}" if self.title else ""
        text = f"<NormalFormGame{title} {sizes} {kind} players={list(self.players)}"
        if self._payoffs.size <= 32:  # small games show their payoffs (readable counterexamples)
            arrays = [np.vectorize(str, otypes=[object])(m).tolist() for m in self._payoffs]
            text += f" payoffs={arrays}"
        return text + ">"

