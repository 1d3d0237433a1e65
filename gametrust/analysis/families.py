"""Name the strategic situation of a game: Prisoner's Dilemma, Stag Hunt, Chicken, ...

:func:`classify` turns a :class:`~gametrust.model.game.NormalFormGame` into a
:class:`Family`: a name a researcher can read, a short label for tables and
plots, the game's position in the Robinson–Goforth topology of 2×2 games and
structural facts (dominant strategies, dominance solvability, pure equilibria).

Strict ordinal 2×2 games (each player's four payoffs distinct) are located in
the Robinson–Goforth "periodic table" of the 144 strict ordinal games with the
naming system of Bruns (2015): each game is a pair of *half-games*, one per
player, and each half-game is the payoff pattern of one of the twelve
symmetric games (:data:`SYMMETRIC_GAMES`).  Games with payoff ties are not in
the 144; they are reported as the boundary between the strict games obtained
by breaking every tie both ways.  Other games get structural facts only.
See ``docs/families.md`` for the conventions and the references.

The grid and its names are :mod:`gametrust.analysis.topology`; the structural
facts :mod:`gametrust.analysis.structure`; this module puts them together.

>>> from gametrust import NormalFormGame
>>> pd = NormalFormGame.from_arrays([[4, 0], [5, 2]], [[4, 5], [0, 2]],
...                                 players=["US", "DPRK"],
...                                 actions=[["Restrain", "Arm"], ["Restrain", "Arm"]])
>>> family = classify(pd)
>>> str(family)
"Prisoner's Dilemma (RG index Pd)"
>>> family.short, family.strict, family.symmetric
('PD', True, True)
>>> family.facts[:2]
('US has a strictly dominant strategy: Arm', 'DPRK has a strictly dominant strategy: Arm')

With empathy 1/4 mutual restraint (4 + 4/4 = 5) is exactly as good as arming
against a restrained rival (5 + 0/4 = 5): the game sits on the boundary
between the Prisoner's Dilemma and the Stag Hunt.

>>> from gametrust.model.empathy import apply_empathy
>>> str(classify(apply_empathy(pd, ["1/4", "1/4"])))
"tie: boundary of Prisoner's Dilemma and Stag Hunt (T = R for both players)"
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import product
from typing import Any

import numpy as np

from ..core.errors import ArgumentError, Location
from ..model.game import NormalFormGame
from ..model.regret import float_tolerance
from .structure import is_exactly_symmetric, profile_label, structure_facts
from .topology import (
    GROUP_SHORT,
    SYMMETRIC_GAMES,
    Ranks,
    SymmetricGame,
    best_cell,
    distinct_names,
    linear_extensions,
    mirrored,
    name_strict,
    symmetry_relabellings,
    tie_groups,
)

__all__ = ["GROUP_SHORT", "SYMMETRIC_GAMES", "Family", "SymmetricGame", "classify"]

_BORDER_NAMES_SHOWN = 4  # a tie bordering more families is named by their number


@dataclass(frozen=True)
class Family:
    """What kind of game this is, in words a researcher reads.

    ``name``
        Bruns' name of a symmetric strict 2×2 game ("Stag Hunt"), a hybrid
        of two half-games ("Chicken–Peace hybrid"), ``"tie: boundary of ..."``
        for a 2×2 game with payoff ties, or ``"3x3 game"`` for other games.
    ``short``
        Label for tables and plots: the broad family ("PD", "SH",
        "Chicken", "Harmony", ...), the half-game codes of a hybrid
        ("Ch-Pc"), ``"tie PD|SH"``, or the shape.
    ``index``
        Position in the Robinson–Goforth table in Bruns' coordinates: the
        row player's half-game code followed by the column player's ("ShPd");
        one code for a symmetric game ("Pd").  ``None`` unless strict 2×2.
    ``strict``
        A strict ordinal 2×2 game (two players, no payoff ties).
    ``symmetric``
        2×2: ordinally symmetric up to relabelling actions (both players have
        the same half-game).  Other games: ``B == A.T`` (N players: payoffs
        unchanged by every permutation of the players), actions matched by
        position.
    ``player_types``
        2×2 only: player id -> name of the symmetric game whose payoff pattern
        the player has ("Stag Hunt" means Stag-Hunt preferences).
    ``borders``
        Tied 2×2 games: the strict families obtained by breaking ties.
    ``facts``
        Structural facts: dominant strategies, iterated dominance, pure
        equilibria, Pareto-dominated equilibria, position in the table.
    ``group``
        Broad family when there is one: "Prisoner's Dilemma", "Deadlock",
        "Chicken", "Battle of the Sexes", "Stag Hunt", "Harmony", "Alibi game",
        "Cycle"; ``None`` otherwise.
    ``aliases``
        Other names of the same game in the literature.
    ``detail``
        A one-line qualification shown by ``str()`` (e.g. which payoffs tie).
    """

    name: str
    short: str
    index: str | None
    strict: bool
    symmetric: bool
    player_types: dict[str, str] = field(hash=False)
    borders: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    group: str | None = None
    aliases: tuple[str, ...] = ()
    detail: str = ""

    def __str__(self) -> str:
        parts: list[str] = []
        if self.index is not None:
            parts.append(f"RG index {self.index}")
        if self.strict and self.group is not None and self.group not in self.name:
            parts.append(f"broadly a {self.group} game")
        if self.strict and not self.symmetric:
            parts.append(
                ", ".join(f"{p}: {t} preferences" for p, t in self.player_types.items())
            )
        if self.detail:
            parts.append(self.detail)
        return f"{self.name} ({'; '.join(parts)})" if parts else self.name


def classify(game: NormalFormGame) -> Family:
    """The family of a game: its name, position in the 2×2 topology and structural facts.

    Pure function; payoffs are compared exactly for exact games and with
    :func:`gametrust.model.regret.float_tolerance` for float games (payoffs closer
    than the tolerance are ties).

    >>> from gametrust import NormalFormGame
    >>> chicken = NormalFormGame.from_arrays([[3, 1], [4, 0]], [[3, 4], [1, 0]])
    >>> classify(chicken).name, classify(chicken).index
    ('Chicken', 'Ch')
    >>> rps = NormalFormGame.from_arrays([[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
    ...                                  [[0, 1, -1], [-1, 0, 1], [1, -1, 0]])
    >>> print(classify(rps))
    3x3 game (symmetric; no pure equilibrium)
    """
    if not isinstance(game, NormalFormGame):
        raise ArgumentError(
            f"classify needs a NormalFormGame, got {type(game).__name__}",
            Location(path=("game",)),
        )
    facts = structure_facts(game)
    if game.n_players == 2 and game.shape == (2, 2):
        return _classify_2x2(game, facts)
    return _classify_general(game, facts)


# -- 2×2 games ------------------------------------------------------------------------------


def _classify_2x2(game: NormalFormGame, facts: list[str]) -> Family:
    tol = float_tolerance(game)
    groups = [tie_groups(_cells(game.payoffs[i]), tol) for i in range(2)]
    orders = [list(linear_extensions(g)) for g in groups]
    if len(orders[0]) == 1 and len(orders[1]) == 1:
        return _strict_family(game, orders[0][0], orders[1][0], facts)
    return _tied_family(game, groups, orders, facts)


def _cells(matrix: np.ndarray) -> list[Any]:
    """The four payoffs of a 2×2 matrix in the order (0,0), (0,1), (1,0), (1,1)."""
    return [matrix[0, 0], matrix[0, 1], matrix[1, 0], matrix[1, 1]]


def _strict_family(
    game: NormalFormGame, a: Ranks, b: Ranks, structure: list[str]
) -> Family:
    named, loc = name_strict(a, b)
    rg, cg = SYMMETRIC_GAMES[loc.row], SYMMETRIC_GAMES[loc.col]
    players = game.players
    facts = list(structure)
    if named.group is not None and named.group != named.name:
        facts.append(f"broad family: {named.group}")
    facts.append(
        f"Robinson–Goforth table (Bruns coordinates): row {loc.row + 1} ({rg.name}), "
        f"column {loc.col + 1} ({cg.name}) of the 12x12 grid"
    )
    facts.append(_layer_fact(game, a, b))
    if is_exactly_symmetric(game):
        facts.append("exactly symmetric: B = A^T")
    return Family(
        name=named.name,
        short=named.short,
        index=named.index,
        strict=True,
        symmetric=named.symmetric,
        player_types={players[0]: rg.name, players[1]: cg.name},
        facts=tuple(facts),
        group=named.group,
        aliases=named.aliases,
    )


def _layer_fact(game: NormalFormGame, a: Ranks, b: Ranks) -> str:
    best = [best_cell(a), best_cell(b)]
    labels = [profile_label(game, cell) for cell in best]
    if best[0] == best[1]:
        return f"both players' best outcome is {labels[0]} (win-win layer)"
    where = (
        "diagonally opposite cells"
        if best[0][0] != best[1][0] and best[0][1] != best[1][1]
        else "adjacent cells"
    )
    return (
        f"best outcomes differ ({where}): {game.players[0]} prefers {labels[0]}, "
        f"{game.players[1]} prefers {labels[1]}"
    )


def _tied_family(
    game: NormalFormGame,
    groups: list[list[list[int]]],
    orders: list[list[Ranks]],
    structure: list[str],
) -> Family:
    every = [name_strict(a, b) for a, b in product(orders[0], orders[1])]
    relabellings = symmetry_relabellings(groups)
    if not relabellings:
        chosen = every
    else:
        # a symmetric game: break each tie the same way for both players (in every
        # relabelling that shows the symmetry: a few tied games have two)
        chosen = [
            name_strict(a, mirrored(a, relabelling))
            for relabelling in relabellings
            for a in orders[0]
        ]
    bordering = distinct_names(n for n, _ in chosen)
    borders = tuple(n.name for n in bordering)
    if len(borders) == 1:
        name = f"tie: degenerate {borders[0]}"
    elif len(borders) <= _BORDER_NAMES_SHOWN:
        name = f"tie: boundary of {_and(borders)}"
    else:
        name = f"tie: boundary of {len(borders)} families"
    shorts = list(dict.fromkeys(n.short for n in bordering))
    short = "tie " + "|".join(shorts) if len(shorts) <= _BORDER_NAMES_SHOWN else "tie"
    types: list[list[str]] = [[], []]
    for _, loc in every:
        for i, k in enumerate((loc.row, loc.col)):
            if SYMMETRIC_GAMES[k].name not in types[i]:
                types[i].append(SYMMETRIC_GAMES[k].name)
    player_types = {game.players[i]: " or ".join(types[i]) for i in range(2)}
    detail = _tie_detail(game, groups)
    facts = [f"payoff ties: {detail}", *structure]
    broad = list(dict.fromkeys(n.group for n in bordering if n.group is not None))
    if len(broad) == 1 and len(bordering) > 1:
        facts.append(f"broad family on every side: {broad[0]}")
    elif 1 < len(broad) <= _BORDER_NAMES_SHOWN:
        facts.append(f"broad families on either side: {_and(broad)}")
    others = [n.name for n in distinct_names(n for n, _ in every) if n.name not in borders]
    if others:
        shown = _and(others) if len(others) <= _BORDER_NAMES_SHOWN else f"{len(others)} more"
        facts.append(f"breaking the ties differently for the two players also gives: {shown}")
    return Family(
        name=name,
        short=short,
        index=None,
        strict=False,
        symmetric=bool(relabellings),
        player_types=player_types,
        borders=borders,
        facts=tuple(facts),
        group=None,
        detail=detail,
    )


def _and(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _tie_detail(game: NormalFormGame, groups: list[list[list[int]]]) -> str:
    """Which payoffs tie, with the classic letters R, S, T, P for each player.

    Action k of each player is "C" when both players strictly prefer the
    outcome (k, k) to (1-k, 1-k); otherwise the first action is "C".
    """
    a, b = game.payoffs[0], game.payoffs[1]
    c = 1 if (a[1, 1] > a[0, 0] and b[1, 1] > b[0, 0]) else 0
    d = 1 - c
    # the cell index (0..3, row-major) of R, S, T, P for each player
    letters_cells = [
        {"R": 2 * c + c, "S": 2 * c + d, "T": 2 * d + c, "P": 2 * d + d},  # row player
        {"R": 2 * c + c, "S": 2 * d + c, "T": 2 * c + d, "P": 2 * d + d},  # column player
    ]
    texts = []
    for i in range(2):
        letter_of = {cell: letter for letter, cell in letters_cells[i].items()}
        ties = [
            " = ".join(sorted((letter_of[cell] for cell in g), key="TRPS".index))
            for g in reversed(groups[i])
            if len(g) > 1
        ]
        texts.append(", ".join(ties))
    if texts[0] == texts[1]:
        return f"{texts[0]} for both players"
    return "; ".join(
        f"{game.players[i]}: {texts[i] if texts[i] else 'no tie'}" for i in range(2)
    )


# -- other games: structural facts only ----------------------------------------------------


def _classify_general(game: NormalFormGame, facts: list[str]) -> Family:
    sizes = "x".join(str(k) for k in game.shape)
    name = f"{sizes} game" if game.n_players == 2 else f"{sizes} game ({game.n_players} players)"
    symmetric = is_exactly_symmetric(game)
    details = ["symmetric"] if symmetric else []
    solvable = [f for f in facts if f.startswith("dominance solvable")]
    counts = [
        f.split(":")[0]
        for f in facts
        if f == "no pure equilibrium" or f.split(" ", 1)[0].isdigit()
    ]
    details.extend(solvable or counts[:1])
    return Family(
        name=name,
        short=sizes,
        index=None,
        strict=False,
        symmetric=symmetric,
        player_types={},
        facts=tuple(facts),
        detail="; ".join(details),
    )
