"""The Robinson–Goforth topology of 2×2 games: ordinal payoff patterns and their names.

A player's four payoffs in a 2×2 game, ranked 1..4 (4 best), form a
*half-game* (:data:`Ranks`, ``((R, S), (T, P))`` in the player's own view).
Each of the 144 strict ordinal games is a pair of half-games, one per player,
and each half-game is the payoff pattern of one of the twelve symmetric games
(:data:`SYMMETRIC_GAMES`), named after Bruns (2015).  This module locates a
pair of half-games in the 12×12 grid and names it (:func:`name_strict`), and
handles ties: the strict rankings obtained by breaking them
(:func:`tie_groups`, :func:`linear_extensions`) and the relabellings that show
a tied game is symmetric (:func:`symmetry_relabellings`).  It knows nothing
of games or families: :func:`gametrust.analysis.families.classify` builds the
:class:`~gametrust.analysis.families.Family` from these pieces.

>>> named, cell = name_strict(((3, 1), (4, 2)), ((3, 4), (1, 2)))  # both: T > R > P > S
>>> named.name, named.index, (cell.row, cell.col)
("Prisoner's Dilemma", 'Pd', (5, 5))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise, permutations, product
from typing import Any

from ..model.ordinal_games import GROUP_SHORT, SYMMETRIC_GAMES, Ranks, SymmetricGame

__all__ = [
    "GROUP_SHORT",
    "SYMMETRIC_GAMES",
    "GridCell",
    "Ranks",
    "StrictName",
    "SymmetricGame",
    "best_cell",
    "distinct_names",
    "linear_extensions",
    "mirrored",
    "name_strict",
    "symmetry_relabellings",
    "tie_groups",
]

_BY_HALF: dict[Ranks, int] = {g.half: k for k, g in enumerate(SYMMETRIC_GAMES)}


# -- ties ------------------------------------------------------------------------------------


def tie_groups(values: Sequence[Any], tol: float) -> list[list[int]]:
    """Cell indices grouped into ties, from the lowest payoff to the highest.

    Exact values tie when equal; floats when consecutive sorted values are
    within ``tol`` of each other.

    >>> tie_groups([3, 0, 3, 1], 0)
    [[1], [3], [0, 2]]
    """
    order = sorted(range(len(values)), key=lambda k: values[k])
    groups: list[list[int]] = [[order[0]]]
    for prev, cur in pairwise(order):
        if values[cur] - values[prev] <= tol:
            groups[-1].append(cur)
        else:
            groups.append([cur])
    return groups


def linear_extensions(groups: list[list[int]]) -> Iterator[Ranks]:
    """Every strict ranking (1..4, 4 best) that breaks the ties of ``groups`` some way."""
    for choice in product(*(permutations(g) for g in groups)):
        ranks = [0, 0, 0, 0]
        for position, cell in enumerate(c for part in choice for c in part):
            ranks[cell] = position + 1
        yield ((ranks[0], ranks[1]), (ranks[2], ranks[3]))


# -- the grid --------------------------------------------------------------------------------


def _swap_rows(m: Ranks) -> Ranks:
    return (m[1], m[0])


def _swap_cols(m: Ranks) -> Ranks:
    return ((m[0][1], m[0][0]), (m[1][1], m[1][0]))


def _transpose(m: Ranks) -> Ranks:
    return ((m[0][0], m[1][0]), (m[0][1], m[1][1]))


def _where(m: Ranks, value: int) -> tuple[int, int]:
    for i, j in product(range(2), range(2)):
        if m[i][j] == value:
            return i, j
    raise AssertionError(f"no {value} in {m}")  # pragma: no cover - strict ranks hold 1..4


def best_cell(m: Ranks) -> tuple[int, int]:
    """The cell ``(row, column)`` of a strict half-game's best payoff (rank 4)."""
    return _where(m, 4)


@dataclass(frozen=True)
class GridCell:
    """A strict ordinal 2×2 game's place in the 12×12 grid (canonical orientation)."""

    row: int  # position of the row player's half-game in SYMMETRIC_GAMES
    col: int  # position of the column player's half-game


def _locate(a: Ranks, b: Ranks) -> GridCell:
    """Canonical orientation: the row player's 4 in the left column, the column player's
    4 in the top row (one column swap and one row swap fix it uniquely)."""
    if _where(a, 4)[1] == 1:
        a, b = _swap_cols(a), _swap_cols(b)
    if _where(b, 4)[0] == 1:
        a, b = _swap_rows(a), _swap_rows(b)
    return GridCell(_BY_HALF[a], _BY_HALF[_transpose(b)])


def _strict_ne(a: Ranks, b: Ranks) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, j in product(range(2), range(2))
        if a[i][j] > a[1 - i][j] and b[i][j] > b[i][1 - j]
    ]


def _is_alibi(a: Ranks, b: Ranks) -> bool:
    """Robinson & Goforth's Alibi games: an equilibrium Pareto-dominated by an outcome
    that is not an equilibrium."""
    ne = _strict_ne(a, b)
    return any(
        a[k][m] > a[i][j] and b[k][m] > b[i][j]
        for i, j in ne
        for k, m in product(range(2), range(2))
        if (k, m) not in ne
    )


@dataclass(frozen=True)
class StrictName:
    """The name of a strict ordinal 2×2 game, and where the grid lists it."""

    name: str
    short: str
    index: str
    symmetric: bool
    group: str | None
    aliases: tuple[str, ...]
    sort_key: tuple[int, int]


def name_strict(a: Ranks, b: Ranks) -> tuple[StrictName, GridCell]:
    """The name and grid cell of the strict game with ranks ``a`` (row player) and ``b``
    (column player), both indexed ``[row action][column action]``."""
    loc = _locate(a, b)
    rg, cg = SYMMETRIC_GAMES[loc.row], SYMMETRIC_GAMES[loc.col]
    key = (min(loc.row, loc.col), max(loc.row, loc.col))
    if loc.row == loc.col:
        named = StrictName(
            rg.name, GROUP_SHORT[rg.group], rg.code, True, rg.group, rg.aliases, key
        )
        return named, loc
    first, second = SYMMETRIC_GAMES[key[0]], SYMMETRIC_GAMES[key[1]]
    name = f"{first.name}–{second.name} hybrid"
    group: str | None = None
    if rg.group == cg.group:
        group = rg.group
    elif _is_alibi(a, b):
        group, name = "Alibi game", f"Alibi game: {name}"
    elif not _strict_ne(a, b):
        group = "Cycle"
    short = GROUP_SHORT[group] if group is not None else f"{first.code}-{second.code}"
    return StrictName(name, short, rg.code + cg.code, False, group, (), key), loc


def distinct_names(names: Iterable[StrictName]) -> list[StrictName]:
    """Deduplicated by name, in the order of the table (symmetric games by position)."""
    found: dict[str, StrictName] = {}
    for n in names:
        found.setdefault(n.name, n)
    return sorted(found.values(), key=lambda n: (n.sort_key, n.name))


# -- symmetry of tied games ------------------------------------------------------------------


def _relabel(m: Ranks, rs: bool, cs: bool) -> Ranks:
    if rs:
        m = _swap_rows(m)
    if cs:
        m = _swap_cols(m)
    return m


def mirrored(a: Ranks, relabelling: tuple[bool, bool]) -> Ranks:
    """The column player's half-game that makes the game symmetric under ``relabelling``
    (swap rows?, swap columns?) when the row player's is ``a``."""
    rs, cs = relabelling
    return _relabel(_transpose(_relabel(a, rs, cs)), rs, cs)


def _dense(groups: list[list[int]]) -> Ranks:
    ranks = [0, 0, 0, 0]
    for level, group in enumerate(groups):
        for cell in group:
            ranks[cell] = level + 1
    return ((ranks[0], ranks[1]), (ranks[2], ranks[3]))


def symmetry_relabellings(groups: list[list[list[int]]]) -> list[tuple[bool, bool]]:
    """The relabellings (swap rows?, swap columns?) that make the column player's ordinal
    payoffs the transpose of the row player's, ties included (empty: not symmetric)."""
    a, b = _dense(groups[0]), _dense(groups[1])
    return [
        (rs, cs)
        for rs, cs in product((False, True), repeat=2)
        if _relabel(b, rs, cs) == _transpose(_relabel(a, rs, cs))
    ]
