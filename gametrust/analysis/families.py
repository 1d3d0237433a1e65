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

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise, permutations, product
from typing import Any

import numpy as np

from ..core.errors import ArgumentError, Location
from ..model.game import NormalFormGame
from ..model.ordinal_games import GROUP_SHORT, SYMMETRIC_GAMES, Ranks, SymmetricGame
from ..model.regret import float_tolerance
from ..solvers.dominance import comparison_payoffs, dominates, player_view, surviving_actions
from ..solvers.pure import pure_equilibria

__all__ = ["GROUP_SHORT", "SYMMETRIC_GAMES", "Family", "SymmetricGame", "classify"]

_BY_HALF: dict[Ranks, int] = {g.half: k for k, g in enumerate(SYMMETRIC_GAMES)}
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
    facts = _structure_facts(game)
    if game.n_players == 2 and game.shape == (2, 2):
        return _classify_2x2(game, facts)
    return _classify_general(game, facts)


# -- 2×2 games ------------------------------------------------------------------------------


def _classify_2x2(game: NormalFormGame, facts: list[str]) -> Family:
    tol = float_tolerance(game)
    groups = [_tie_groups(_cells(game.payoffs[i]), tol) for i in range(2)]
    orders = [list(_linear_extensions(g)) for g in groups]
    if len(orders[0]) == 1 and len(orders[1]) == 1:
        return _strict_family(game, orders[0][0], orders[1][0], facts)
    return _tied_family(game, groups, orders, facts)


def _cells(matrix: np.ndarray) -> list[Any]:
    """The four payoffs of a 2×2 matrix in the order (0,0), (0,1), (1,0), (1,1)."""
    return [matrix[0, 0], matrix[0, 1], matrix[1, 0], matrix[1, 1]]


def _tie_groups(values: Sequence[Any], tol: float) -> list[list[int]]:
    """Cell indices grouped into ties, from the lowest payoff to the highest.

    Exact values tie when equal; floats when consecutive sorted values are
    within ``tol`` of each other.
    """
    order = sorted(range(len(values)), key=lambda k: values[k])
    groups: list[list[int]] = [[order[0]]]
    for prev, cur in pairwise(order):
        if values[cur] - values[prev] <= tol:
            groups[-1].append(cur)
        else:
            groups.append([cur])
    return groups


def _linear_extensions(groups: list[list[int]]) -> Iterator[Ranks]:
    """Every strict ranking (1..4, 4 best) that breaks the ties of ``groups`` some way."""
    for choice in product(*(permutations(g) for g in groups)):
        ranks = [0, 0, 0, 0]
        for position, cell in enumerate(c for part in choice for c in part):
            ranks[cell] = position + 1
        yield ((ranks[0], ranks[1]), (ranks[2], ranks[3]))


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


@dataclass(frozen=True)
class _Located:
    """A strict ordinal 2×2 game in canonical orientation."""

    row: int  # position of the row player's half-game in SYMMETRIC_GAMES
    col: int  # position of the column player's half-game


def _locate(a: Ranks, b: Ranks) -> _Located:
    """Canonical orientation: the row player's 4 in the left column, the column player's
    4 in the top row (one column swap and one row swap fix it uniquely)."""
    if _where(a, 4)[1] == 1:
        a, b = _swap_cols(a), _swap_cols(b)
    if _where(b, 4)[0] == 1:
        a, b = _swap_rows(a), _swap_rows(b)
    return _Located(_BY_HALF[a], _BY_HALF[_transpose(b)])


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
class _StrictName:
    name: str
    short: str
    index: str
    symmetric: bool
    group: str | None
    aliases: tuple[str, ...]
    sort_key: tuple[int, int]


def _strict_name(a: Ranks, b: Ranks) -> tuple[_StrictName, _Located]:
    loc = _locate(a, b)
    rg, cg = SYMMETRIC_GAMES[loc.row], SYMMETRIC_GAMES[loc.col]
    key = (min(loc.row, loc.col), max(loc.row, loc.col))
    if loc.row == loc.col:
        named = _StrictName(
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
    return _StrictName(name, short, rg.code + cg.code, False, group, (), key), loc


def _strict_family(
    game: NormalFormGame, a: Ranks, b: Ranks, structure: list[str]
) -> Family:
    named, loc = _strict_name(a, b)
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
    if _is_exactly_symmetric(game):
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
    best = [_where(a, 4), _where(b, 4)]
    labels = [_profile_label(game, cell) for cell in best]
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
    every = [_strict_name(a, b) for a, b in product(orders[0], orders[1])]
    relabellings = _symmetry_relabellings(groups)
    if not relabellings:
        chosen = every
    else:
        # a symmetric game: break each tie the same way for both players (in every
        # relabelling that shows the symmetry: a few tied games have two)
        chosen = [
            _strict_name(a, _relabel(_transpose(_relabel(a, rs, cs)), rs, cs))
            for rs, cs in relabellings
            for a in orders[0]
        ]
    bordering = _distinct(n for n, _ in chosen)
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
    others = [n.name for n in _distinct(n for n, _ in every) if n.name not in borders]
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


def _distinct(names: Iterator[_StrictName]) -> list[_StrictName]:
    """Deduplicated by name, in the order of the table (symmetric games by position)."""
    found: dict[str, _StrictName] = {}
    for n in names:
        found.setdefault(n.name, n)
    return sorted(found.values(), key=lambda n: (n.sort_key, n.name))


def _relabel(m: Ranks, rs: bool, cs: bool) -> Ranks:
    if rs:
        m = _swap_rows(m)
    if cs:
        m = _swap_cols(m)
    return m


def _and(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _dense(groups: list[list[int]]) -> Ranks:
    ranks = [0, 0, 0, 0]
    for level, group in enumerate(groups):
        for cell in group:
            ranks[cell] = level + 1
    return ((ranks[0], ranks[1]), (ranks[2], ranks[3]))


def _symmetry_relabellings(groups: list[list[list[int]]]) -> list[tuple[bool, bool]]:
    """The relabellings (swap rows?, swap columns?) that make the column player's ordinal
    payoffs the transpose of the row player's, ties included (empty: not symmetric)."""
    a, b = _dense(groups[0]), _dense(groups[1])
    return [
        (rs, cs)
        for rs, cs in product((False, True), repeat=2)
        if _relabel(b, rs, cs) == _transpose(_relabel(a, rs, cs))
    ]


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


# -- all games: structural facts --------------------------------------------------------------


def _classify_general(game: NormalFormGame, facts: list[str]) -> Family:
    sizes = "x".join(str(k) for k in game.shape)
    name = f"{sizes} game" if game.n_players == 2 else f"{sizes} game ({game.n_players} players)"
    symmetric = _is_exactly_symmetric(game)
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


def _is_exactly_symmetric(game: NormalFormGame) -> bool:
    """Payoffs unchanged by every permutation of the players (actions matched by position).

    Two players: ``B == A.T``.  Checked on the adjacent transpositions, which
    generate all permutations.
    """
    n = game.n_players
    if len(set(game.shape)) != 1:
        return False
    t = game.payoffs
    tol = float_tolerance(game)
    for p in range(n - 1):
        q = p + 1
        axes = list(range(n + 1))
        axes[p + 1], axes[q + 1] = axes[q + 1], axes[p + 1]
        swapped = np.transpose(t, axes)
        order = list(range(n))
        order[p], order[q] = q, p
        swapped = swapped[order]
        if game.exact:
            if not bool(np.all(swapped == t)):
                return False
        elif not bool(np.all(np.abs(swapped - t) <= tol)):
            return False
    return True


def _profile_label(game: NormalFormGame, profile: Sequence[int]) -> str:
    return "(" + ", ".join(game.actions[i][k] for i, k in enumerate(profile)) + ")"


def _structure_facts(game: NormalFormGame) -> list[str]:
    payoffs = comparison_payoffs(game)
    tol = float_tolerance(game)
    facts: list[str] = []
    full = [list(range(k)) for k in game.shape]
    for i, player in enumerate(game.players):
        if game.shape[i] < 2:
            continue
        u = player_view(payoffs, i, full)
        for a in range(game.shape[i]):
            if all(dominates(u, a, b, tol) for b in range(game.shape[i]) if b != a):
                facts.append(f"{player} has a strictly dominant strategy: {game.actions[i][a]}")
    alive = surviving_actions(game)
    if all(len(s) == 1 for s in alive):
        facts.append(f"dominance solvable to {_profile_label(game, [s[0] for s in alive])}")
    elif any(len(s) < k for s, k in zip(alive, game.shape, strict=True)):
        left = "; ".join(
            f"{p} {{{', '.join(game.actions[i][k] for k in alive[i])}}}"
            for i, p in enumerate(game.players)
        )
        facts.append(f"iterated strict dominance leaves {left}")
    else:
        facts.append("no strictly dominated strategy")
    equilibria = pure_equilibria(game)
    facts.extend(_equilibrium_facts(game, payoffs, tol, equilibria))
    return facts


_LISTED = 6  # pure equilibria listed by name


def _equilibrium_facts(
    game: NormalFormGame, payoffs: np.ndarray, tol: float, equilibria: list[tuple[int, ...]]
) -> list[str]:
    n = len(equilibria)
    if n == 0:
        return ["no pure equilibrium"]
    labels = [_profile_label(game, e) for e in equilibria]
    shown = ", ".join(labels[:_LISTED]) + (", ..." if n > _LISTED else "")
    facts = [f"{n} pure equilibri{'um' if n == 1 else 'a'}: {shown}"]
    ne = set(equilibria)
    for e in equilibria[:_LISTED]:
        better = np.ones(game.shape, dtype=bool)
        for i in range(game.n_players):
            better &= payoffs[i] > payoffs[(i, *e)] + tol
        dominating = [
            tuple(int(k) for k in idx) for idx in zip(*np.nonzero(better), strict=True)
        ]
        outside = [d for d in dominating if d not in ne] or dominating
        if outside:
            by = ", ".join(_profile_label(game, d) for d in outside[:3])
            facts.append(f"the equilibrium {_profile_label(game, e)} is Pareto-dominated by {by}")
    return facts
