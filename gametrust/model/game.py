"""The normal-form game: players, action labels and a payoff tensor.

A :class:`NormalFormGame` is an immutable value.  Its payoffs are read as one
numpy array of shape ``(n_players, n_actions_0, ..., n_actions_{n-1})``: exact
games give :class:`~fractions.Fraction` objects (dtype ``object``), float games
``float64``.  A game is exact exactly when every payoff it was built from
is rational (ints, Fractions, Decimals, fraction strings).

A game built from integer numpy arrays (or from :meth:`NormalFormGame.from_integers`)
holds them as they are, an integer tensor with one positive denominator per
player (:attr:`NormalFormGame.integer_form`), and creates the ``Fraction``
tensor only when :attr:`~NormalFormGame.payoffs` is first read: the solvers
that work on integers (pure equilibria, certification, Lemke–Howson) never
create a Python object per payoff.

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
from fractions import Fraction
from functools import cached_property
from itertools import product
from math import lcm, prod
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


_INT64_MAX = 2**63 - 1


def _fits_int64(ints: np.ndarray) -> bool:
    """True when every entry of an integer array is an int64 (so it can be held as one)."""
    if ints.size == 0:
        return True
    if ints.dtype.kind == "i":
        return ints.dtype.itemsize < 8 or int(ints.min()) > -(2**63)
    if ints.dtype.kind == "u":
        return int(ints.max()) <= _INT64_MAX
    values = ints.ravel().tolist()
    return min(values) >= -_INT64_MAX and max(values) <= _INT64_MAX


def _held_integers(
    payoffs: np.ndarray, denominators: Sequence[int] | None
) -> tuple[np.ndarray, tuple[int, ...]]:
    """A read-only copy of an integer payoff tensor (int64 when it fits, else Python ints)
    and its per-player denominators, checked."""
    n = payoffs.shape[0]
    if payoffs.dtype.kind not in "iuO" or (
        payoffs.dtype == object
        and not all(type(v) is int or isinstance(v, np.integer) for v in payoffs.ravel().tolist())
    ):
        raise _argument_error("payoffs", "payoffs held with denominators must be integers")
    dens = tuple(denominators) if denominators is not None else (1,) * n
    if len(dens) != n or not all(
        isinstance(d, (int, np.integer)) and not isinstance(d, bool) and d > 0 for d in dens
    ):
        raise _argument_error(
            "denominators", f"give {n} positive integers, one per player, got {list(dens)}"
        )
    if _fits_int64(payoffs):
        ints = payoffs.astype(np.int64)
    else:
        ints = np.empty(payoffs.shape, dtype=object)
        ints.ravel()[:] = [int(v) for v in payoffs.ravel().tolist()]
    ints.setflags(write=False)
    return ints, tuple(int(d) for d in dens)


def _fractions(ints: np.ndarray, dens: tuple[int, ...]) -> np.ndarray:
    """The exact payoff tensor ``ints[i] / dens[i]`` as read-only ``Fraction`` objects."""
    out = np.empty(ints.shape, dtype=object)
    for i, d in enumerate(dens):
        out[i].ravel()[:] = [Fraction(v, d) for v in ints[i].ravel().tolist()]
    out.setflags(write=False)
    return out


def _integer_arrays(arrays: Sequence[Any]) -> np.ndarray | None:
    """The payoff arrays stacked as one int64 tensor when all are integer numpy arrays
    (or nested lists of machine-size ints) of one shape; ``None`` otherwise."""
    try:
        parts = [a if isinstance(a, np.ndarray) else np.asarray(a) for a in arrays]
    except (ValueError, TypeError, OverflowError):
        return None
    if not all(p.dtype.kind in "iu" and p.ndim == len(parts) for p in parts):
        return None
    if any(p.shape != parts[0].shape for p in parts) or not all(map(_fits_int64, parts)):
        return None
    return np.stack([p.astype(np.int64, copy=False) for p in parts])


class NormalFormGame:
    """A finite game in strategic form, exact or float.

    Build one with :meth:`from_arrays` (one payoff array per player, e.g. the
    bimatrix ``A, B``), :meth:`from_payoff_tensor`, or from a scenario with
    ``Scenario.build``.
    """

    __slots__ = ("__dict__", "_exact", "_ints", "_payoffs", "_shape", "actions", "players", "title")

    def __init__(
        self,
        players: Sequence[str],
        actions: Sequence[Sequence[str]],
        payoffs: np.ndarray,
        *,
        title: str = "",
        denominators: Sequence[int] | None = None,
    ) -> None:
        payoffs = np.asarray(payoffs)
        self._set_labels(players, actions, payoffs.shape, title)
        self._ints: tuple[np.ndarray, tuple[int, ...]] | None = None
        self._payoffs: np.ndarray | None = None
        if payoffs.dtype.kind in "iu" or denominators is not None:
            self._ints = _held_integers(payoffs, denominators)
            self._exact = True  # the Fraction tensor is made when first read
            return
        if payoffs.dtype != object and payoffs.dtype != np.float64:
            raise _argument_error("payoffs", f"unsupported payoff dtype {payoffs.dtype}")
        payoffs = payoffs.copy()
        payoffs.setflags(write=False)
        self._payoffs = payoffs
        self._exact = payoffs.dtype == object

    def _set_labels(
        self,
        players: Sequence[str],
        actions: Sequence[Sequence[str]],
        payoff_shape: tuple[int, ...],
        title: str,
    ) -> None:
        players = tuple(str(p) for p in players)
        actions = tuple(tuple(str(a) for a in acts) for acts in actions)
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
        if payoff_shape != shape:
            raise _argument_error(
                "payoffs", f"payoff array has shape {payoff_shape}, expected {shape}"
            )
        self.players = players
        self.actions = actions
        self.title = title
        self._shape = shape[1:]

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
        ints = _integer_arrays(arrays) if exact is not False else None
        if ints is not None and ints.ndim == len(arrays) + 1:
            return cls._labelled(ints, players, actions, title)
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
        """A game from an array of shape ``(n_players, n_actions_0, ...)``.

        An integer numpy array (and ``exact`` not ``False``) is held as it is,
        without a ``Fraction`` per payoff.
        """
        if (
            isinstance(tensor, np.ndarray)
            and tensor.dtype.kind in "iu"
            and tensor.ndim >= 2
            and tensor.shape[0] == tensor.ndim - 1
            and exact is not False
            and _fits_int64(tensor)
        ):
            return cls._labelled(tensor, players, actions, title, (1,) * tensor.shape[0])
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

    @classmethod
    def from_integers(
        cls,
        tensor: Any,
        denominators: Sequence[int] | None = None,
        *,
        players: Sequence[str] | None = None,
        actions: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> NormalFormGame:
        """An exact game whose player ``i`` gets ``tensor[i] / denominators[i]``.

        ``tensor`` is an integer array of shape ``(n_players, n_actions_0, ...)``
        (int64, or Python ints of any size); ``denominators`` are positive
        integers (default all 1).  No ``Fraction`` is created until
        :attr:`payoffs` is read.

        >>> g = NormalFormGame.from_integers([[[1, 0]], [[3, 6]]], [2, 3])
        >>> g.payoff((0, 1))
        (Fraction(0, 1), Fraction(2, 1))
        >>> g.integer_form[1]
        (2, 3)
        """
        ints = np.asarray(tensor)
        if ints.ndim < 2 or ints.shape[0] != ints.ndim - 1:
            raise _argument_error(
                "tensor", f"expected shape (n_players, *n_actions), got {ints.shape}"
            )
        dens = list(denominators) if denominators is not None else [1] * ints.shape[0]
        return cls._labelled(ints, players, actions, title, dens)

    @classmethod
    def _labelled(
        cls,
        ints: np.ndarray,
        players: Sequence[str] | None,
        actions: Sequence[Sequence[str]] | None,
        title: str,
        denominators: Sequence[int] | None = None,
    ) -> NormalFormGame:
        n = ints.shape[0]
        players = tuple(players) if players is not None else _default_players(n)
        actions = (
            tuple(tuple(a) for a in actions)
            if actions is not None
            else _default_actions(ints.shape[1:])
        )
        if ints.dtype != np.int64 or denominators is not None or ints.flags.writeable is False:
            return cls(players, actions, ints, title=title, denominators=denominators)
        game = cls.__new__(cls)  # an int64 tensor made here: held without another copy
        game._set_labels(players, actions, ints.shape, title)
        ints.setflags(write=False)
        game._ints, game._payoffs, game._exact = (ints, (1,) * n), None, True
        return game

    # -- basic facts ----------------------------------------------------------------------------

    @property
    def payoffs(self) -> np.ndarray:
        """Read-only payoff tensor, shape ``(n_players, *shape)``."""
        if self._payoffs is None:  # held as integers: make the Fractions once, here
            self._payoffs = _fractions(*self.integer_form)
        return self._payoffs

    @property
    def exact(self) -> bool:
        """True when payoffs are exact rationals."""
        return self._exact

    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return self._shape

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
        if self._payoffs is None:
            ints, dens = self.integer_form
            return tuple(Fraction(int(ints[(i, *idx)]), d) for i, d in enumerate(dens))
        return tuple(self._payoffs[(i, *idx)] for i in range(self.n_players))

    def payoff_array(self, player: str | int) -> np.ndarray:
        """One player's payoff array (the matrix ``A`` or ``B`` for two players)."""
        return self.payoffs[self.player_index(player)]

    def profiles(self) -> Iterable[tuple[int, ...]]:
        """All pure profiles, as index tuples, in lexicographic order."""
        return product(*(range(k) for k in self.shape))

    # -- derived games ----------------------------------------------------------------------------

    def to_float(self) -> NormalFormGame:
        """The same game with float payoffs."""
        if not self.exact:
            return self
        if self._payoffs is None and self._ints is not None:
            ints, dens = self._ints
            if ints.dtype == np.int64 and np.abs(ints).max(initial=0) < 2**53 and max(dens) < 2**53:
                # both exactly representable: one IEEE division rounds as float(Fraction) does
                scale = np.array(dens, dtype=np.float64).reshape((-1,) + (1,) * len(self._shape))
                floats = ints.astype(np.float64) / scale
                return NormalFormGame(self.players, self.actions, floats, title=self.title)
        return NormalFormGame(
            self.players, self.actions, self.payoffs.astype(np.float64), title=self.title
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
        held = self._payoffs is None and self._ints is not None
        t = self._ints[0] if held and self._ints is not None else self.payoffs
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
        dens = [self._ints[1][o] for o in order] if held and self._ints is not None else None
        return NormalFormGame(
            [self.players[o] for o in order],
            [acts[o] for o in order],
            t,
            title=self.title,
            denominators=dens,
        )

    # -- exact integer form for solver kernels -------------------------------------------------

    @cached_property
    def integer_payoffs(self) -> np.ndarray:
        """For an exact game: each player's payoffs scaled by a positive integer
        so that all are integers (object array of Python ints).

        Positive scaling per player does not change best responses, so solvers
        may work on these.
        """
        ints, _ = self.integer_form
        return ints.astype(object) if ints.dtype != object else ints

    @cached_property
    def integer_form(self) -> tuple[np.ndarray, tuple[int, ...]]:
        """For an exact game: an integer tensor ``ints`` and one positive denominator per
        player with ``payoffs[i] == ints[i] / denominators[i]`` (read-only; int64 when every
        entry fits, else Python ints).  A game built from integers holds exactly this;
        one built from Fractions scales each player by the lcm of its denominators (the
        same numbers as :attr:`integer_payoffs`).
        """
        if not self.exact:
            raise _argument_error("game", "integer_form needs an exact game")
        if self._ints is not None:
            return self._ints
        payoffs = self.payoffs
        out = np.empty(payoffs.shape, dtype=object)
        dens = []
        for i in range(self.n_players):
            values = payoffs[i].ravel().tolist()
            scale = lcm(*(v.denominator for v in values)) if values else 1
            out[i].ravel()[:] = [v.numerator * (scale // v.denominator) for v in values]
            dens.append(scale)
        return _held_integers(out, dens)

    # -- dunder ---------------------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (
            self.players == other.players
            and self.actions == other.actions
            and self.exact == other.exact
            and bool(np.all(self.payoffs == other.payoffs))
        )

    def __hash__(self) -> int:
        return hash((self.players, self.actions, tuple(self.payoffs.ravel().tolist())))

    def __repr__(self) -> str:
        kind = "exact" if self.exact else "float"
        sizes = "x".join(str(k) for k in self.shape)
        title = f" {self.title!r}" if self.title else ""
        text = f"<NormalFormGame{title} {sizes} {kind} players={list(self.players)}"
        if self.n_players * prod(self._shape) <= 32:  # small games show their payoffs
            arrays = [np.vectorize(str, otypes=[object])(m).tolist() for m in self.payoffs]
            text += f" payoffs={arrays}"
        return text + ">"

