"""Exact basins of attraction of 2x2 games under best-response dynamics.

Each side holds a belief — the probability it assigns to the other side
playing the other's *first* action (Stag, in the Stag Hunt) — and plays a
best response to it; then each best-responds to what the other just played
(Cournot's simultaneous best-reply dynamics), and so on.  In a 2x2 game a
player's best response changes at one belief at most: the belief at which it
is indifferent, an exact rational.  It is gametrust's *trust threshold*
(:func:`gametrust.analysis.selection.trust_threshold`, reused here): in a
Stag Hunt, Row hunts stag exactly when it believes Column hunts stag with
probability above ``(P − S) / ((R − T) + (P − S))`` — the probability
Column's part of the mixed equilibrium puts on Stag.

So the square of beliefs (Row's belief, Column's belief) falls into at most
four exact rectangles, and from each the first play, and from there the
best-reply path, is determined: it reaches a pure equilibrium (its *basin*)
or cycles forever (miscoordination, e.g. in a coordination game when one
side trusts and the other does not).  Beliefs on a threshold (a player is
indifferent) are left out: a boundary, of area 0.

The risk-dominance link (Harsanyi & Selten 1988): with two strict pure
equilibria ``E`` and ``E'``, ``E`` risk-dominates ``E'`` exactly when its
basin is larger.  ``E``'s basin is the rectangle of beliefs above both
players' thresholds ``t_r, t_c``, of area ``(1 − t_r)(1 − t_c)``, ``E'``'s
the one below, of area ``t_r t_c``; and the product of deviation losses at
``E`` is proportional to ``(1 − t_r)(1 − t_c)``, at ``E'`` to ``t_r t_c``.

>>> import gametrust
>>> b = basins(gametrust.load("scenarios/stag_hunt.yaml"))
>>> [(s.player, str(s.threshold), s.above, s.below) for s in b.splits]
[('Row', '2/3', 'Stag', 'Hare'), ('Column', '2/3', 'Stag', 'Hare')]
>>> [str(a) for a in b.areas]                        # (Stag, Stag), (Hare, Hare), mixed
['1/9', '4/9', '0']
>>> b.risk_dominant, b.largest_basin                 # both: (Hare, Hare)
(1, 1)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.errors import ArgumentError, Location
from ..core.exact import format_number
from ..solvers.result import SolveResult
from .learning_game import learning_game
from .selection import analyse as analyse_selection
from .selection import trust_threshold

__all__ = ["BasinCell", "Basins", "BeliefSplit", "basins"]


@dataclass(frozen=True)
class BeliefSplit:
    """How one player's best response depends on its belief ``q = P(other plays about)``.

    ``threshold`` is the belief strictly inside (0, 1) at which it is
    indifferent (``None`` when its best response is the same throughout);
    ``above`` and ``below`` are its best responses for beliefs above and
    below it (``None`` where it is indifferent throughout).
    """

    player: str
    other: str
    about: str
    threshold: Fraction | None
    above: str | None
    below: str | None

    def describe(self) -> str:
        q = f"P({self.other} plays {self.about})"
        if self.threshold is None:
            if self.above is None:
                return f"{self.player} is indifferent whatever it believes"
            return f"{self.player} plays {self.above} whatever it believes"
        return (f"{self.player} plays {self.above} if {q} > {format_number(self.threshold)}, "
                f"{self.below} if below")


@dataclass(frozen=True)
class BasinCell:
    """One rectangle of beliefs: ``beliefs[i] = (low, high)`` is player i's open interval
    (belief in the other's first action), ``first`` the first play from it, ``path`` the
    best-reply path after it, ``reaches`` the equilibrium it ends in (index into the
    result), ``None`` for a cycle or when a player is indifferent (``first`` is then None)."""

    beliefs: tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction]]
    first: tuple[str, str] | None
    path: tuple[tuple[str, str], ...]
    reaches: int | None

    @property
    def area(self) -> Fraction:
        (a, b), (c, d) = self.beliefs
        return (b - a) * (d - c)


@dataclass(frozen=True)
class Basins:
    """The exact basins of a 2x2 game's pure equilibria under best-reply dynamics."""

    players: tuple[str, str]
    actions: tuple[tuple[str, ...], ...]
    splits: tuple[BeliefSplit, BeliefSplit]
    cells: tuple[BasinCell, ...]
    equilibria: SolveResult
    risk_dominant: int | None
    payoff_dominant: int | None

    @property
    def areas(self) -> tuple[Fraction, ...]:
        """The area of each equilibrium's basin in the unit square of beliefs (0 for a mixed
        equilibrium: best-reply play never reaches it)."""
        return tuple(sum((c.area for c in self.cells if c.reaches == k), Fraction(0))
                     for k in range(len(self.equilibria.equilibria)))

    @property
    def largest_basin(self) -> int | None:
        """The equilibrium whose basin is strictly the largest, if one is."""
        areas = self.areas
        if not areas:
            return None
        best = max(areas)
        winners = [k for k, a in enumerate(areas) if a == best]
        return winners[0] if len(winners) == 1 and best > 0 else None

    def basin(self, k: int) -> tuple[BasinCell, ...]:
        """The rectangles of beliefs from which best-reply play reaches equilibrium ``k``."""
        return tuple(c for c in self.cells if c.reaches == k)

    def to_dict(self) -> dict[str, Any]:
        f = format_number
        return {
            "dynamics": "best_response",
            "exact": True,
            "beliefs": [{"player": s.player, "about": f"{s.other}.{s.about}",
                         "threshold": None if s.threshold is None else f(s.threshold),
                         "above": s.above, "below": s.below} for s in self.splits],
            "cells": [{"beliefs": {s.player: [f(lo), f(hi)]
                                   for s, (lo, hi) in zip(self.splits, c.beliefs, strict=True)},
                       "first": None if c.first is None else list(c.first),
                       "path": [list(p) for p in c.path],
                       "reaches": None if c.reaches is None else c.reaches + 1,
                       "area": f(c.area)} for c in self.cells],
            "equilibria": [{"index": k + 1, "profile": e.describe(), "basin_area": f(a)}
                           for k, (e, a) in enumerate(zip(self.equilibria, self.areas,
                                                          strict=True))],
            "risk_dominant": None if self.risk_dominant is None else self.risk_dominant + 1,
            "largest_basin": None if self.largest_basin is None else self.largest_basin + 1,
        }

    def __str__(self) -> str:
        f = format_number
        lines = ["Best-response dynamics (exact): each side best-responds to its belief, "
                 "then to the other's last play", ""]
        lines += [f"  {s.describe()}" for s in self.splits]
        lines += ["", "Belief regions (open rectangles; a threshold itself is a boundary):"]
        names = [f"P({s.other} plays {s.about})" for s in self.splits]
        for c in self.cells:
            where = " and ".join(f"{n} in ({f(lo)}, {f(hi)})"
                                 for n, (lo, hi) in zip(names, c.beliefs, strict=True))
            if c.first is None:
                end = "a player is indifferent: not determined"
            elif c.reaches is None:
                end = "cycles: " + " -> ".join(f"({', '.join(p)})" for p in c.path) + " -> ..."
            else:
                end = (f"reaches equilibrium {c.reaches + 1} "
                       f"{self.equilibria[c.reaches].describe()}")
            lines.append(f"  {where}: first play ({', '.join(c.first or ('?', '?'))}), {end}")
        lines += ["", "Basin areas (share of the square of beliefs):"]
        for k, (e, a) in enumerate(zip(self.equilibria, self.areas, strict=True)):
            if e.kind == "pure":
                lines.append(f"  {k + 1}. {e.describe()}: {f(a)}")
        strict = [e for e in self.equilibria if e.kind == "pure" and e.strict]
        largest = self.largest_basin
        lines.append("")
        lines.append("Largest basin: " + ("none" if largest is None else
                                          f"{largest + 1} {self.equilibria[largest].describe()}"))
        if len(strict) == 2:
            rd = self.risk_dominant
            lines.append("Risk-dominant: " + ("none (a tie)" if rd is None else
                                              f"{rd + 1} {self.equilibria[rd].describe()}") +
                         " (risk dominance is the larger basin)")
        return "\n".join(lines)


def _best(u: Any, i: int, q: Fraction) -> tuple[int, ...]:
    """Player i's best actions when the other plays its first action with probability q."""
    def value(k: int) -> Any:
        pair = ((k, 0), (k, 1)) if i == 0 else ((0, k), (1, k))
        return q * u[i][pair[0]] + (1 - q) * u[i][pair[1]]

    values = [value(k) for k in (0, 1)]
    top = max(values)
    return tuple(k for k in (0, 1) if values[k] == top)


def _split(u: Any, i: int, players: tuple[str, ...], actions: Any) -> BeliefSplit:
    """Player i's belief threshold, from gametrust's trust threshold (selection.py): the
    least belief in the other's first action at which each of its actions is a best
    response; the one strictly inside (0, 1) is where its best response changes."""
    def profile(mine: int, theirs: int) -> tuple[int, int]:
        return (mine, theirs) if i == 0 else (theirs, mine)

    lows = [trust_threshold(u, profile(k, 0), profile(1 - k, 1), i) for k in (0, 1)]
    inside = [(k, t) for k, t in enumerate(lows) if t is not None and 0 < t < 1]
    names = actions[i]
    other = players[1 - i]
    if inside:
        k, t = inside[0]
        return BeliefSplit(players[i], other, actions[1 - i][0], Fraction(t), names[k],
                           names[1 - k])
    best = _best(u, i, Fraction(1, 2))  # the same best response throughout (0, 1)
    action = names[best[0]] if len(best) == 1 else None
    return BeliefSplit(players[i], other, actions[1 - i][0], None, action, action)


def _pieces(split: BeliefSplit, names: tuple[str, ...]) -> list[tuple[Fraction, Fraction,
                                                                          int | None]]:
    def index(action: str | None) -> int | None:
        return None if action is None else names.index(action)

    if split.threshold is None:
        return [(Fraction(0), Fraction(1), index(split.above))]
    return [(Fraction(0), split.threshold, index(split.below)),
            (split.threshold, Fraction(1), index(split.above))]


def basins(
    subject: Any,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> Basins:
    """The exact basins of a 2x2 game (or scenario) under best-reply dynamics."""
    game, result = learning_game(subject, parameters, empathy)
    if game.shape != (2, 2):
        raise ArgumentError(f"exact basins are for 2x2 games; this game is "
                            f"{game.shape[0]}x{game.shape[1]} (fictitious play, replicator "
                            "dynamics and the QRE work on any two-player game)",
                            Location(path=("dynamics",)))
    u = game.payoffs
    splits = (_split(u, 0, game.players, game.actions), _split(u, 1, game.players, game.actions))
    pure = {}
    for k, e in enumerate(result.equilibria):
        if e.kind == "pure" and e.profile is not None:
            pure[(game.action_index(0, e.profile[0]), game.action_index(1, e.profile[1]))] = k

    def reply(profile: tuple[int, int]) -> tuple[int, int] | None:
        # best replies to the other's pure action: belief 1 in its first action, 0 in its second
        row = _best(u, 0, Fraction(1 - profile[1]))
        col = _best(u, 1, Fraction(1 - profile[0]))
        return (row[0], col[0]) if len(row) == 1 and len(col) == 1 else None

    cells = []
    for lo_r, hi_r, a in _pieces(splits[0], game.actions[0]):
        for lo_c, hi_c, b in _pieces(splits[1], game.actions[1]):
            beliefs = ((lo_r, hi_r), (lo_c, hi_c))
            if a is None or b is None:
                cells.append(BasinCell(beliefs, None, (), None))
                continue
            seen: list[tuple[int, int]] = [(a, b)]
            reaches = None
            while True:
                nxt = reply(seen[-1])
                if nxt is None:
                    break
                if nxt == seen[-1]:
                    reaches = pure.get(nxt)
                    break
                if nxt in seen:
                    seen = seen[seen.index(nxt):]
                    break
                seen.append(nxt)
            labels = tuple((game.actions[0][x], game.actions[1][y]) for x, y in seen)
            cells.append(BasinCell(beliefs, labels[0], labels, reaches))  # type: ignore[arg-type]
    selection = analyse_selection(game, result)
    return Basins(game.players, game.actions, splits, tuple(cells), result,  # type: ignore
                  selection.risk_dominant, selection.payoff_dominant)
