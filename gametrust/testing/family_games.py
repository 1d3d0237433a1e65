"""Hypothesis strategies for 2×2 games of a named family, valid by construction.

Four distinct payoffs are drawn, sorted, and placed by the family's ordinal
pattern (:data:`gametrust.model.ordinal_games.SYMMETRIC_GAMES`), so every game
drawn is of the family and nothing is filtered.

>>> from hypothesis import find
>>> from gametrust import classify
>>> classify(find(family_games("Stag Hunt"), lambda g: True)).group
'Stag Hunt'
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from ..core.errors import ArgumentError, Location, did_you_mean
from ..model.game import NormalFormGame
from ..model.ordinal_games import SYMMETRIC_GAMES, Ranks, SymmetricGame
from ..scenario.family_names import parse_family_name
from .games import PayoffKind, payoff_values

__all__ = ["family_games"]


def _symmetric_game(family: str) -> SymmetricGame:
    by_name = {g.name: g for g in SYMMETRIC_GAMES}
    named = parse_family_name(family)
    if named is not None and named.text in by_name:
        return by_name[named.text]
    names = list(by_name)
    raise ArgumentError(
        f"no family {family!r}{did_you_mean(str(family), names)}; choose one of "
        f"{', '.join(names)}",
        Location(path=("family",)),
    )


def _ordered_values(
    draw: st.DrawFn, kind: PayoffKind, min_value: int, max_value: int
) -> list[Any]:
    """Four distinct payoffs, lowest first (distinct by construction)."""
    source = payoff_values("rational" if kind == "float" else kind, min_value, max_value)
    values = sorted(draw(st.lists(source, min_size=4, max_size=4, unique=True)))
    return [float(v) for v in values] if kind == "float" else [Fraction(v) for v in values]


def family_games(
    family: str,
    *,
    symmetric: bool | None = None,
    payoffs: PayoffKind = "integer",
    min_value: int = -10,
    max_value: int = 10,
    players: Sequence[str] = ("Row", "Column"),
    actions: Sequence[Sequence[str]] = (("C", "D"), ("C", "D")),
) -> st.SearchStrategy[NormalFormGame]:
    """2×2 games of a named family, valid by construction (no filtering).

    ``family`` is one of the twelve symmetric strict ordinal games of
    :data:`gametrust.model.ordinal_games.SYMMETRIC_GAMES` ("Prisoner's Dilemma", "Stag
    Hunt", "Chicken", "Harmony", "Deadlock", "Battle of the Sexes",
    "Assurance", ...; also "PD", "SH", "Snowdrift").  Four distinct payoffs
    are drawn, sorted, and placed by the family's ordinal pattern (for a
    Prisoner's Dilemma S < P < R < T).  Each player's first action is "C"
    (the other's best outcome column), so ``(C, C)`` is mutual cooperation.
    ``symmetric=True`` gives both players the same payoffs (``B = A^T``),
    ``False`` draws each player's payoffs separately (the same ordinal game,
    other cardinal values), ``None`` either.  Every game drawn is classified
    as the family by :func:`gametrust.classify`.
    """
    if max_value - min_value < 3:
        raise ArgumentError(
            "a strict 2x2 game needs four distinct payoffs: max_value - min_value >= 3",
            Location(path=("max_value",)),
        )
    pattern = _symmetric_game(family).half  # ((R, S), (T, P)) ranks, 4 best
    return _family_games(pattern, symmetric, payoffs, min_value, max_value, players, actions)


@st.composite
def _family_games(
    draw: st.DrawFn,
    pattern: Ranks,
    symmetric: bool | None,
    payoffs: PayoffKind,
    min_value: int,
    max_value: int,
    players: Sequence[str],
    actions: Sequence[Sequence[str]],
) -> NormalFormGame:
    same = draw(st.booleans()) if symmetric is None else symmetric
    row = _ordered_values(draw, payoffs, min_value, max_value)
    column = row if same else _ordered_values(draw, payoffs, min_value, max_value)
    a = [[row[pattern[i][j] - 1] for j in range(2)] for i in range(2)]
    b = [[column[pattern[j][i] - 1] for j in range(2)] for i in range(2)]
    return NormalFormGame.from_arrays(a, b, players=players, actions=actions)
