"""Every Nash equilibrium of an exact N-player game, by support enumeration.

Every equilibrium has one support profile (the actions each player plays
with positive probability), so enumerating all support profiles and solving
each one's indifference system exactly finds every equilibrium.  The steps,
after Porter, Nudelman and Shoham (2008):

1. actions removed by iterated strict dominance (by pure strategies) are in
   no support (no equilibrium plays them);
2. support profiles are visited balanced first: by the largest difference of
   support sizes, then by their total size;
3. a support profile is skipped when an action of some support is strictly
   dominated *given the other players' supports* (conditional dominance):
   it is never a best response to such a profile;
4. the indifference system is solved exactly: by a fast path when the
   support has a simple structure (at most two players mix, or three with an
   elimination that a resultant certifies:
   :mod:`gametrust.solvers.nplayer_fast`), otherwise by the general path
   (:func:`~gametrust.solvers.nplayer_system.solve_support`); each real
   solution whose support probabilities are positive and against which no
   other action pays more is an equilibrium, certified exactly
   (:mod:`gametrust.solvers.nplayer_certificate`);
5. a positive-dimensional solution set where one player mixes (the others
   play pure actions) is a polytope of equilibria, listed by its vertices
   (:mod:`gametrust.solvers.nplayer_polytope`): described completely; any
   other positive-dimensional set is sampled (unknowns fixed at simple
   rationals until the system is finite) and reported as a continuum with
   its Gröbner basis and the samples found; the result is then not complete
   (the set is described, not enumerated).

:func:`nplayer_equilibria_gen` yields :class:`FieldProfile` values as it
goes; :func:`nplayer_equilibria` collects them with the continua.

>>> from gametrust.formats.gambit_nfg import read_nfg_game
>>> found = nplayer_equilibria(read_nfg_game("tests/fixtures/gambit/2x2x2.nfg"))
>>> len(found.profiles), found.complete
(9, True)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import chain, combinations, product
from typing import Any

import flint
import numpy as np

from ..core.number_field import RealField
from ..model.game import NormalFormGame
from .dominance import surviving_actions
from .nplayer_certificate import action_values
from .nplayer_fast import DominanceTable, rational_field, solve_structured
from .nplayer_polytope import one_mixer_vertices
from .nplayer_system import solve_support

__all__ = [
    "Continuum",
    "FieldProfile",
    "NPlayerFound",
    "admissible",
    "nplayer_equilibria",
    "nplayer_equilibria_gen",
    "support_profiles",
]

#: At most this many continua (other than polytopes) are sampled in one game; the others
#: are reported without samples (the result is not complete either way).
MAX_SAMPLED = 10

#: Values an unknown is fixed at when sampling a positive-dimensional set.
SAMPLE_VALUES = (Fraction(1, 2), Fraction(1, 3), Fraction(2, 3), Fraction(1, 4), Fraction(3, 4))


@dataclass
class FieldProfile:
    """A solution point: its field, strategies as field elements, and its support profile."""

    field: RealField
    strategies: list[list[Any]]
    supports: tuple[tuple[int, ...], ...]
    continuum: int | None = None


@dataclass
class Continuum:
    """A positive-dimensional solution set of one support profile's indifference system."""

    supports: tuple[tuple[int, ...], ...]
    unknowns: tuple[str, ...]
    basis: tuple[str, ...]
    samples: list[int] = field(default_factory=list)
    #: True for a polytope listed by all its vertices (every mix of them is an equilibrium)
    resolved: bool = False


@dataclass
class NPlayerFound:
    """Profiles found, the continua met, and whether the list is provably complete."""

    profiles: list[FieldProfile]
    continua: list[Continuum]
    visited: int
    skipped: int

    @property
    def complete(self) -> bool:
        return all(c.resolved for c in self.continua)


def _subsets(actions: Sequence[int]) -> list[tuple[int, ...]]:
    return list(chain.from_iterable(combinations(actions, k) for k in range(1, len(actions) + 1)))


def support_profiles(alive: Sequence[Sequence[int]]) -> list[tuple[tuple[int, ...], ...]]:
    """All support profiles on the surviving actions, balanced and small first."""
    profiles = list(product(*(_subsets(a) for a in alive)))
    profiles.sort(key=lambda s: (max(map(len, s)) - min(map(len, s)), sum(map(len, s))))
    return profiles


def conditionally_dominated(
    payoffs: np.ndarray, supports: Sequence[Sequence[int]], alive: Sequence[Sequence[int]]
) -> bool:
    """Whether some support action is strictly dominated against the others' supports."""
    n = len(supports)
    for i in range(n):
        index = tuple(supports[j] if j != i else alive[i] for j in range(n))
        view = np.moveaxis(payoffs[i][np.ix_(*index)], i, 0)
        rows = {a: view[k].ravel() for k, a in enumerate(alive[i])}
        for a in supports[i]:
            if any(
                b != a and all(x > y for x, y in zip(rows[b], rows[a], strict=True))
                for b in alive[i]
            ):
                return True
    return False


def admissible(
    point: tuple[RealField, list[list[Any]]], payoffs: np.ndarray, supports: Sequence[Sequence[int]]
) -> bool:
    """Positive probabilities on the supports and no better action outside them."""
    fld, strategies = point
    for s, row in zip(supports, strategies, strict=True):
        if any(fld.sign(row[a]) <= 0 for a in s):
            return False
    for i, s in enumerate(supports):
        values = action_values(payoffs, fld, strategies, i)
        if any(fld.sign(values[a] - values[s[0]]) > 0 for a in range(len(values)) if a not in s):
            return False
    return True


def _samples(
    payoffs: np.ndarray, supports: tuple[tuple[int, ...], ...], n_unknowns: int
) -> list[tuple[RealField, list[list[Any]]]]:
    """Points of a positive-dimensional set: unknowns fixed at simple values, one after
    another (first to last, then last to first; the values rotate), until the system is
    finite; the admissible points found, without repetition."""
    found: list[tuple[RealField, list[list[Any]]]] = []
    seen: set[tuple[str, ...]] = set()
    orders = (list(range(n_unknowns)), list(reversed(range(n_unknowns))))
    for order in orders:
        for shift in range(len(SAMPLE_VALUES)):
            fixed: dict[int, Fraction] = {}
            for position, k in enumerate(order):
                fixed[k] = SAMPLE_VALUES[(shift + position) % len(SAMPLE_VALUES)]
                system = solve_support(payoffs, supports, fixed)
                if system.dimension <= 0:
                    break
            for point in system.points:
                key = tuple(str(point[0].number(x)) for row in point[1] for x in row)
                if key not in seen and admissible(point, payoffs, supports):
                    seen.add(key)
                    found.append(point)
    return found


def nplayer_equilibria_gen(
    game: NormalFormGame,
    continua: list[Continuum] | None = None,
    counts: list[int] | None = None,
    *,
    fast: bool = True,
) -> Iterator[FieldProfile]:
    """Yield every isolated equilibrium (and samples of continua, appended to ``continua``).

    ``fast`` (the default) solves the supports with a simple structure by the exact fast
    paths of :mod:`gametrust.solvers.nplayer_fast` and tests conditional dominance with its
    precomputed table; ``fast=False`` runs the general path on every support (the same
    sets: the tests compare them)."""
    payoffs = game.integer_payoffs
    alive = surviving_actions(game)
    table = DominanceTable(payoffs, alive) if fast else None
    for supports in support_profiles(alive):
        if counts is not None:
            counts[0] += 1
        if (
            table.pruned(supports)
            if table is not None
            else conditionally_dominated(payoffs, supports, alive)
        ):
            if counts is not None:
                counts[1] += 1
            continue
        structured = solve_structured(payoffs, supports) if fast else None
        if structured is not None:
            if structured.vertices:
                names = tuple(f"x{i}_{a}" for i, s in enumerate(supports) for a in s[1:])
                yield from _polytope(structured.vertices, supports, names, continua)
            for point in structured.points:
                if admissible(point, payoffs, supports):
                    yield FieldProfile(point[0], point[1], supports)
            continue
        yield from _general(payoffs, supports, continua)


def _general(
    payoffs: np.ndarray, supports: tuple[tuple[int, ...], ...], continua: list[Continuum] | None
) -> Iterator[FieldProfile]:
    """One support profile by the general path (Gröbner basis; continua sampled)."""
    system = solve_support(payoffs, supports)
    if system.dimension > 0:
        vertices = one_mixer_vertices(payoffs, supports)
        if vertices is not None:  # a polytope (empty: no equilibrium on this support)
            if vertices:
                yield from _polytope(vertices, supports, system.names, continua)
            return
        component = Continuum(supports, system.names, system.basis)
        index = None
        if continua is not None:
            continua.append(component)
            index = len(continua) - 1
        sampled = sum(1 for c in continua or () if not c.resolved)
        if sampled > MAX_SAMPLED:
            return
        for fld, strategies in _samples(payoffs, supports, len(system.names)):
            yield FieldProfile(fld, strategies, supports, index)
        return
    for point in system.points:
        if admissible(point, payoffs, supports):
            yield FieldProfile(point[0], point[1], supports)


def _polytope(
    vertices: list[tuple[tuple[Fraction, ...], ...]],
    supports: tuple[tuple[int, ...], ...],
    names: tuple[str, ...],
    continua: list[Continuum] | None,
) -> Iterator[FieldProfile]:
    index = None
    if continua is not None:
        continua.append(Continuum(supports, names, (), resolved=True))
        index = len(continua) - 1
    rational = rational_field()
    for vertex in vertices:
        strategies = [
            [flint.fmpq_poly([flint.fmpq(p.numerator, p.denominator)]) for p in row]
            for row in vertex
        ]
        yield FieldProfile(rational, strategies, supports, index)


def nplayer_equilibria(game: NormalFormGame, *, fast: bool = True) -> NPlayerFound:
    """Every equilibrium of an exact game with any number of players (see the module;
    ``fast=False``: the general path on every support)."""
    continua: list[Continuum] = []
    counts = [0, 0]
    profiles = list(nplayer_equilibria_gen(game, continua, counts, fast=fast))
    for k, p in enumerate(profiles):
        if p.continuum is not None:
            continua[p.continuum].samples.append(k)
    return NPlayerFound(profiles, continua, counts[0], counts[1])
