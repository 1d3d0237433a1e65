"""Hypothesis strategies for type spaces: players' types and exact common priors.

>>> from hypothesis import find
>>> space = find(type_spaces(), lambda s: True)
>>> sum(space.prior.values())
Fraction(1, 1)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import product

from hypothesis import strategies as st

from ..core.errors import ArgumentError, Location

__all__ = ["TypeSpace", "type_spaces"]


@dataclass(frozen=True)
class TypeSpace:
    """Players' types and a common prior over type profiles that sums to exactly 1.

    ``types[i]`` are player ``i``'s type labels; ``prior`` maps every type
    profile (one type per player) to its probability.
    """

    players: tuple[str, ...]
    types: tuple[tuple[str, ...], ...]
    prior: dict[tuple[str, ...], Fraction]

    def marginal(self, player: str | int) -> dict[str, Fraction]:
        """One player's belief-free type distribution (the prior's marginal)."""
        i = player if isinstance(player, int) else self.players.index(player)
        out = dict.fromkeys(self.types[i], Fraction(0))
        for profile, p in self.prior.items():
            out[profile[i]] += p
        return out

    @property
    def independent(self) -> bool:
        """True when the prior is the product of its marginals."""
        marginals = [self.marginal(i) for i in range(len(self.players))]
        return all(
            p == math.prod((marginals[i][t] for i, t in enumerate(profile)), start=Fraction(1))
            for profile, p in self.prior.items()
        )


def _weights(draw: st.DrawFn, k: int, full_support: bool) -> list[Fraction]:
    raw = draw(st.lists(st.integers(1 if full_support else 0, 6), min_size=k, max_size=k))
    if sum(raw) == 0:  # all zero: put everything on the first (still exact, sums to 1)
        raw[0] = 1
    total = sum(raw)
    return [Fraction(w, total) for w in raw]


@st.composite
def type_spaces(
    draw: st.DrawFn,
    players: Sequence[str] = ("P1", "P2"),
    *,
    min_types: int = 1,
    max_types: int = 3,
    independent: bool | None = None,
    full_support: bool = True,
    type_names: Sequence[Sequence[str]] | None = None,
) -> TypeSpace:
    """Type spaces with exact priors summing to 1 by construction.

    Each player gets ``min_types..max_types`` types (or the labels in
    ``type_names``); the prior draws small integer weights and divides by
    their total.  ``independent=True`` draws one marginal per player and
    multiplies them (types independent across players), ``False`` a joint
    prior, ``None`` either.  With ``full_support`` every type profile has
    positive probability.
    """
    players = tuple(players)
    if type_names is not None:
        types = tuple(tuple(names) for names in type_names)
        if len(types) != len(players) or any(not t for t in types):
            raise ArgumentError(
                "type_names needs a non-empty list of types for each player",
                Location(path=("type_names",)),
            )
    else:
        types = tuple(
            tuple(f"{p}{j + 1}" for j in range(draw(st.integers(min_types, max_types))))
            for p in ("t" if len(players) == 1 else "abcdefgh"[i % 8] for i in range(len(players)))
        )
    profiles = list(product(*types))
    separate = draw(st.booleans()) if independent is None else independent
    if separate:
        marginals = [_weights(draw, len(t), full_support) for t in types]
        prior = {
            profile: math.prod(
                (marginals[i][types[i].index(t)] for i, t in enumerate(profile)),
                start=Fraction(1),
            )
            for profile in profiles
        }
    else:
        weights = _weights(draw, len(profiles), full_support)
        prior = dict(zip(profiles, weights, strict=True))
    return TypeSpace(players, types, prior)
