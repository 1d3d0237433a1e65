"""The twelve symmetric strict ordinal 2×2 games (Bruns 2015) and their broad families.

The names every layer uses for the kind of a 2×2 game: the classifier
(:func:`gametrust.analysis.families.classify`) locates a game among them, a
claim names one of them (:mod:`gametrust.scenario.family_names`), and the
strategies draw games of one of them (:func:`gametrust.strategies.family_games`).
See ``docs/families.md`` for the conventions and the references.

>>> [g.name for g in SYMMETRIC_GAMES if g.group == "Stag Hunt"]
['Stag Hunt', 'Assurance', 'Coordination']
>>> GROUP_SHORT["Prisoner's Dilemma"]
'PD'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GROUP_SHORT", "SYMMETRIC_GAMES", "Ranks", "SymmetricGame"]

#: Ordinal payoffs of a half-game: ``((R, S), (T, P))`` ranks, 4 best.
Ranks = tuple[tuple[int, int], tuple[int, int]]


@dataclass(frozen=True)
class SymmetricGame:
    """One of the twelve symmetric strict ordinal 2×2 games (Bruns 2015).

    ``half`` is the row player's ordinal payoffs ``((R, S), (T, P))`` (4 best)
    in the orientation used here: rows are the player's own actions C, D,
    columns the other player's, and the player's highest payoff is in the left
    column (the other player plays C).  ``ordering`` spells the same pattern
    with the classic letters (R reward, S sucker, T temptation, P punishment).
    """

    code: str
    name: str
    ordering: str
    half: Ranks
    group: str
    aliases: tuple[str, ...] = ()


#: The twelve symmetric games, in the order in which consecutive games differ
#: by one swap of adjacent payoff ranks (a cycle: Concord is next to Chicken).
#: This order indexes the rows and columns of the 12×12 grid of the 144 games.
SYMMETRIC_GAMES: tuple[SymmetricGame, ...] = (
    SymmetricGame("Ch", "Chicken", "T > R > S > P", ((3, 2), (4, 1)), "Chicken",
                  ("Snowdrift", "Hawk–Dove")),
    SymmetricGame("Ba", "Battle of the Sexes", "T > S > R > P", ((2, 3), (4, 1)),
                  "Battle of the Sexes", ("Battle (Bruns' label)", "Leader (Rapoport & Guyer)")),
    SymmetricGame("He", "Hero", "T > S > P > R", ((1, 3), (4, 2)), "Battle of the Sexes"),
    SymmetricGame("Cm", "Compromise", "T > P > S > R", ((1, 2), (4, 3)), "Deadlock"),
    SymmetricGame("Dl", "Deadlock", "T > P > R > S", ((2, 1), (4, 3)), "Deadlock"),
    SymmetricGame("Pd", "Prisoner's Dilemma", "T > R > P > S", ((3, 1), (4, 2)),
                  "Prisoner's Dilemma"),
    SymmetricGame("Sh", "Stag Hunt", "R > T > P > S", ((4, 1), (3, 2)), "Stag Hunt",
                  ("assurance game (usual IR name; Bruns' Assurance is R > P > T > S)",
                   "trust dilemma")),
    SymmetricGame("As", "Assurance", "R > P > T > S", ((4, 1), (2, 3)), "Stag Hunt"),
    SymmetricGame("Co", "Coordination", "R > P > S > T", ((4, 2), (1, 3)), "Stag Hunt"),
    SymmetricGame("Pc", "Peace", "R > S > P > T", ((4, 3), (1, 2)), "Harmony"),
    SymmetricGame("Ha", "Harmony", "R > S > T > P", ((4, 3), (2, 1)), "Harmony"),
    SymmetricGame("Cc", "Concord", "R > T > S > P", ((4, 2), (3, 1)), "Harmony"),
)

#: Short labels of the broad families (the ``group`` of a :class:`Family`).
GROUP_SHORT: dict[str, str] = {
    "Prisoner's Dilemma": "PD",
    "Deadlock": "Deadlock",
    "Chicken": "Chicken",
    "Battle of the Sexes": "BoS",
    "Stag Hunt": "SH",
    "Harmony": "Harmony",
    "Alibi game": "Alibi",
    "Cycle": "Cycle",
}
