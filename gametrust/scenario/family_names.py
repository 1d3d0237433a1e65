"""The families a claim or an assumption may name, and how names are read.

A claim says "the game is a Stag Hunt"; :func:`parse_family_name` turns such
a name (any spelling of one of the twelve symmetric games of
:data:`gametrust.model.ordinal_games.SYMMETRIC_GAMES`, an alias such as
"Snowdrift", or a broad family such as "PD") into a :class:`FamilyName`.
Whether a classified game is of that family is decided in
:func:`gametrust.analysis.verdicts.family_matches`.

>>> parse_family_name("a Stag Hunt"), parse_family_name("PD").text
(FamilyName(text='Stag Hunt', broad=True), "Prisoner's Dilemma")
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..model.ordinal_games import GROUP_SHORT, SYMMETRIC_GAMES

__all__ = ["FamilyName", "family_names", "parse_family_name"]


@dataclass(frozen=True)
class FamilyName:
    """A family as a claim names it: a broad family (``Stag Hunt``) or one strict game."""

    text: str  # canonical name
    broad: bool  # a broad family (Family.group) rather than one of the twelve games


def _normal(text: str) -> str:
    text = text.replace("’", "'").replace("–", "-").replace("—", "-").lower()
    text = " ".join(text.split())
    for article in ("a ", "an ", "the "):
        if text.startswith(article):
            text = text[len(article):]
    return text


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, FamilyName]:
    words: dict[str, FamilyName] = {}
    for game in SYMMETRIC_GAMES:
        named = FamilyName(game.name, False)
        if game.name in GROUP_SHORT:
            named = FamilyName(game.name, True)
        words[_normal(game.name)] = named
        for alias in game.aliases:
            if "(" not in alias:
                words.setdefault(_normal(alias), named)
    for group, short in GROUP_SHORT.items():
        words[_normal(group)] = FamilyName(group, True)
        words.setdefault(_normal(short), FamilyName(group, True))
    words.setdefault("assurance game", FamilyName("Stag Hunt", True))
    return words


def parse_family_name(text: str) -> FamilyName | None:
    """The family a text names, or ``None``.

    Broad families (:data:`gametrust.model.ordinal_games.GROUP_SHORT`: Prisoner's
    Dilemma, Stag Hunt, Chicken, Harmony, ...) match every game of the family
    (a Stag Hunt includes Assurance and Coordination games); the other strict
    games (Assurance, Coordination, Peace, Concord, Hero, Compromise) match
    that game only.

    >>> parse_family_name("PD").text, parse_family_name("snowdrift").text
    ("Prisoner's Dilemma", 'Chicken')
    >>> parse_family_name("Assurance"), parse_family_name("Dilemma") is None
    (FamilyName(text='Assurance', broad=False), True)
    """
    return _vocabulary().get(_normal(text))


def family_names() -> list[str]:
    """Every name :func:`parse_family_name` knows, for "did you mean" suggestions."""
    return sorted({v.text for v in _vocabulary().values()})
