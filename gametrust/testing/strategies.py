"""Hypothesis strategies that build valid games by construction.

Use them in your own property tests to ask "does my conclusion hold for every
game of this kind?"::

    from hypothesis import given
    from gametrust import solve
    from gametrust.testing.strategies import games

    @given(games(shape=(2, 2)))
    def test_every_2x2_game_has_an_equilibrium(game):
        assert len(solve(game)) >= 1

Every strategy draws payoffs directly in the requested range and number type
(no filtering), so hypothesis shrinks counterexamples to small, readable games.

Games of a named family are built valid by construction, as are type spaces
with exact priors, and values within a scenario's assumptions::

    from gametrust.analysis.claims import assert_claim
    from gametrust.testing.strategies import assignments, family_games

    @given(family_games("Prisoner's Dilemma"))
    def test_defection_is_the_only_equilibrium(game):
        assert [e.profile for e in solve(game)] == [("D", "D")]

    @given(assignments(korea, empathy={"US": ["1/4", 1], "DPRK": ["1/4", 1]}))
    def test_restraint(values):
        assert_claim(korea, {"equilibrium": "Reassure, Freeze"}, values)

See ``docs/check.md``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from itertools import product
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from hypothesis import strategies as st

from ..core.errors import ArgumentError, Location
from ..model.game import NormalFormGame
from ..model.tree import GameTree

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.claims import Assignment
    from ..scenario.scenario import Scenario

__all__ = [
    "TypeSpace",
    "assignments",
    "family_games",
    "games",
    "parameter_values",
    "payoff_values",
    "rationals",
    "shapes",
    "simple_values",
    "trees",
    "two_player_games",
    "type_spaces",
    "variable_values",
]

PayoffKind = Literal["integer", "rational", "float"]


def payoff_values(
    kind: PayoffKind = "integer", min_value: int = -10, max_value: int = 10
) -> st.SearchStrategy:
    """Single payoffs: integers, small-denominator rationals or finite floats in a range."""
    if kind == "integer":
        return st.integers(min_value, max_value)
    if kind == "rational":
        return st.builds(
            lambda n, d: Fraction(n, d),
            st.integers(min_value * 6, max_value * 6),
            st.sampled_from([1, 2, 3, 6]),
        )
    if kind == "float":
        return st.floats(min_value, max_value, allow_nan=False, allow_infinity=False)
    raise ValueError(f"unknown payoff kind {kind!r}; use integer, rational or float")


def shapes(
    n_players: int = 2, min_actions: int = 1, max_actions: int = 4
) -> st.SearchStrategy[tuple[int, ...]]:
    """Numbers of actions per player."""
    return st.tuples(*(st.integers(min_actions, max_actions) for _ in range(n_players)))


@st.composite
def games(
    draw: st.DrawFn,
    shape: Sequence[int] | st.SearchStrategy[tuple[int, ...]] | None = None,
    payoffs: PayoffKind = "integer",
    min_value: int = -10,
    max_value: int = 10,
) -> NormalFormGame:
    """Normal-form games of a given shape (or drawn shapes, default 2 players, 1..4 actions).

    ``payoffs`` picks the number type: ``"integer"`` and ``"rational"`` give
    exact games, ``"float"`` float games.  Small ranges make ties (degenerate
    games) common, which is what solvers must survive.
    """
    if shape is None:
        shape = shapes()
    if isinstance(shape, st.SearchStrategy):
        shape = draw(shape)
    shape = tuple(int(k) for k in shape)
    n = len(shape)
    size = n * int(np.prod(shape))
    values = draw(
        st.lists(payoff_values(payoffs, min_value, max_value), min_size=size, max_size=size)
    )
    tensor = np.empty(size, dtype=object)
    tensor[:] = values
    return NormalFormGame.from_payoff_tensor(
        tensor.reshape((n, *shape)), exact=payoffs != "float"
    )


def two_player_games(
    max_actions: int = 4,
    payoffs: PayoffKind = "integer",
    min_value: int = -10,
    max_value: int = 10,
) -> st.SearchStrategy[NormalFormGame]:
    """Two-player games with 1..``max_actions`` actions each."""
    return games(shapes(2, 1, max_actions), payoffs, min_value, max_value)


@st.composite
def trees(
    draw: st.DrawFn,
    n_players: int = 2,
    max_depth: int = 3,
    max_moves: int = 3,
    chance: bool = True,
    information_sets: bool = True,
    min_value: int = -5,
    max_value: int = 5,
) -> GameTree:
    """Game trees valid by construction (perfect recall).

    Decision nodes alternate among players; with ``information_sets`` some
    decision layers become simultaneous moves (the next player's nodes after
    one move share one information set, which keeps perfect recall); chance
    nodes draw probabilities as integer weights over their total, so they sum
    to exactly 1.
    """
    from ..model.tree import Chance, Decision, Terminal

    counter = [0]

    def payoff() -> Terminal:
        return Terminal(
            tuple(Fraction(draw(st.integers(min_value, max_value))) for _ in range(n_players))
        )

    def labels(k: int, prefix: str) -> list[str]:
        return [f"{prefix}{j + 1}" for j in range(k)]

    def node(depth: int, player: int) -> Any:
        if depth >= max_depth or draw(st.integers(0, 3)) == 0:
            return payoff()
        kind = draw(st.sampled_from(["decision", "decision", "chance"] if chance else ["decision"]))
        if kind == "chance":
            k = draw(st.integers(2, max_moves))
            weights = [draw(st.integers(1, 4)) for _ in range(k)]
            total = sum(weights)
            return Chance(
                tuple(
                    (lab, Fraction(w, total), node(depth + 1, player))
                    for lab, w in zip(labels(k, "n"), weights, strict=True)
                )
            )
        k = draw(st.integers(2, max_moves))
        acts = labels(k, "abcdefgh"[player % 8])
        nxt = (player + 1) % n_players
        simultaneous = (
            information_sets and depth + 1 < max_depth and draw(st.booleans())
        )
        if simultaneous:
            # the next player moves without seeing this move: one information set
            counter[0] += 1
            infoset = f"I{counter[0]}"
            k2 = draw(st.integers(2, max_moves))
            acts2 = labels(k2, "abcdefgh"[nxt % 8])
            return Decision(
                player,
                tuple(
                    (
                        a,
                        Decision(
                            nxt,
                            tuple((b, node(depth + 2, (nxt + 1) % n_players)) for b in acts2),
                            infoset,
                        ),
                    )
                    for a in acts
                ),
            )
        return Decision(player, tuple((a, node(depth + 1, nxt)) for a in acts))

    root = node(0, 0)
    if isinstance(root, Terminal):
        root = Decision(0, (("a1", payoff()), ("a2", payoff())))
    return GameTree(tuple(f"P{i + 1}" for i in range(n_players)), root)


# -- exact values in a range, simplest first -------------------------------------------------

#: Denominators of the rationals :func:`rationals` draws, in the order they are tried.
DENOMINATORS = (1, 2, 3, 4, 5, 6, 8, 10, 12)


def _anchor(low: Fraction, high: Fraction) -> Fraction:
    """The simplest point of a range: 0 if inside, else the end nearer to 0."""
    if low <= 0 <= high:
        return Fraction(0)
    return low if low > 0 else high


def simplicity(value: Fraction, low: Fraction, high: Fraction) -> tuple[Any, ...]:
    """Sort key: the range's anchor (0, or the end nearest 0), then integers, then by denominator,
    each nearest the anchor first.

    >>> sorted([Fraction(1, 2), Fraction(1), Fraction(3, 4)],
    ...        key=lambda v: simplicity(v, Fraction(1, 2), Fraction(1)))
    [Fraction(1, 2), Fraction(1, 1), Fraction(3, 4)]
    """
    anchor = _anchor(low, high)
    rank = 0 if value == anchor else (1 if value.denominator == 1 else 2)
    return (rank, value.denominator, abs(value - anchor), value < anchor)


def simple_values(
    low: object,
    high: object,
    *,
    low_open: bool = False,
    high_open: bool = False,
    limit: int = 400,
) -> list[Fraction]:
    """Exact values in a range, simplest first (see :func:`simplicity`), at most ``limit``.

    Rationals with denominators :data:`DENOMINATORS`; a range of one point gives that point.

    >>> [str(v) for v in simple_values(0, 1)[:7]]
    ['0', '1', '1/2', '1/3', '2/3', '1/4', '3/4']
    >>> [str(v) for v in simple_values("1/2", 1, low_open=True)[:3]]
    ['1', '2/3', '3/4']
    """
    return list(
        _simple_values(Fraction(low), Fraction(high), low_open, high_open, limit)  # type: ignore[arg-type]
    )


@lru_cache(maxsize=4096)
def _simple_values(
    low: Fraction, high: Fraction, low_open: bool, high_open: bool, limit: int
) -> tuple[Fraction, ...]:
    """The cached list behind :func:`simple_values`."""
    lo, hi = low, high
    if lo > hi:
        raise ArgumentError(f"empty range [{lo}, {hi}]", Location(path=("low",)))
    found: set[Fraction] = set()

    def inside(v: Fraction) -> bool:
        return (v > lo if low_open else v >= lo) and (v < hi if high_open else v <= hi)

    anchor = _anchor(lo, hi)
    for d in DENOMINATORS:
        # numerators of the values nearest the anchor first, at most ``limit`` of them
        center = int(anchor * d)
        first, last = math.ceil(lo * d), math.floor(hi * d)
        ks = sorted(
            range(max(first, center - limit), min(last, center + limit) + 1),
            key=lambda k: abs(Fraction(k, d) - anchor),
        )
        for k in ks[:limit]:
            v = Fraction(k, d)
            if inside(v):
                found.add(v)
    if lo == hi and inside(lo):
        found.add(lo)
    return tuple(sorted(found, key=lambda v: simplicity(v, lo, hi))[:limit])


def rationals(
    low: object, high: object, *, low_open: bool = False, high_open: bool = False
) -> st.SearchStrategy[Fraction]:
    """Exact rationals with small denominators in ``[low, high]``, shrinking to the simplest.

    Shrinking goes to the range's anchor (0 when inside the range, else the
    end nearer 0), then to integers, then to halves, thirds, ..., so a
    counterexample reads like one a person would try first.

    >>> from hypothesis import find
    >>> find(rationals(0, 5), lambda x: x > 2)
    Fraction(3, 1)
    """
    values = simple_values(low, high, low_open=low_open, high_open=high_open)
    if not values:
        raise ArgumentError(
            f"no value in the range {'(' if low_open else '['}{low}, {high}"
            f"{')' if high_open else ']'}",
            Location(path=("low",)),
        )
    return st.integers(0, len(values) - 1).map(values.__getitem__)


# -- games of a named family, by construction ----------------------------------------------------


def _symmetric_game(family: str) -> Any:
    from ..analysis.claims import family_name
    from ..analysis.families import SYMMETRIC_GAMES

    by_name = {g.name: g for g in SYMMETRIC_GAMES}
    named = family_name(family)
    if named is not None and named.text in by_name:
        return by_name[named.text]
    names = list(by_name)
    from ..core.errors import did_you_mean

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
    :data:`gametrust.analysis.families.SYMMETRIC_GAMES` ("Prisoner's Dilemma", "Stag
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
    pattern: Any,
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


# -- type spaces with exact priors ---------------------------------------------------------------


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


# -- values of a scenario within its assumptions -------------------------------------------------


def assignments(
    scenario: Scenario,
    *,
    parameters: Any = None,
    empathy: Any = None,
    payoffs: Any = None,
    statements: Sequence[str] | None = None,
) -> st.SearchStrategy[Assignment]:
    """Values for everything a scenario's assumptions let vary, as an :class:`Assignment`.

    The scenario's own ``assumptions:`` apply; the keywords add to or
    replace them, in the file format (``parameters={"relief": [2, 6]}``,
    ``empathy={"US": ["1/4", 1]}``, ``payoffs={"Pressure, Arm": {"US": "± 1"}}``,
    ``statements=["cost < relief"]``).  Values are drawn in their ranges
    (simple rationals first, see :func:`rationals`); statements are then
    checked with a filter.  Use the result with
    :func:`gametrust.analysis.claims.assert_claim`, or build the game with
    ``assignment.model.working.build(assignment.parameters, assignment.empathy)``.
    """
    from ..analysis.claims import CheckModel, merge_assumptions
    from ..formats.claims_format import read_assumptions

    extra: dict[str, Any] = {}
    for key, value in (
        ("parameters", parameters), ("empathy", empathy), ("payoffs", payoffs),
        ("statements", statements),
    ):
        if value is not None:
            extra[key] = _plain(value)
    own = getattr(scenario, "assumptions", None)
    added = read_assumptions(scenario, extra) if extra else None
    model = CheckModel.of(scenario, merge_assumptions(scenario, own, added))
    variables = model.variables()
    if variables is None:
        raise ArgumentError(
            "the assumptions leave no values to draw", Location(path=("assumptions",))
        )
    varying = [v for v in variables if v.varies]
    return _assignments(model, variables, varying)


@st.composite
def _assignments(draw: st.DrawFn, model: Any, variables: Any, varying: Any) -> Assignment:
    values = draw(variable_values(varying, model.assumptions.statements))
    assignment = model.assignment(values, variables)
    if model.admits(assignment) is not None:
        from hypothesis import reject

        reject()
    return assignment


_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "==": "=="}


def order_links(conditions: Sequence[Any]) -> list[tuple[str, str, str]]:
    """``(name, op, other name)`` for each comparison between two bare parameter names."""
    from ..analysis.claims import Comparison, _bare_name

    out = []
    for condition in conditions:
        if not isinstance(condition, Comparison):
            continue
        for op, a, b in zip(condition.ops, condition.terms, condition.terms[1:], strict=False):
            if op != "!=" and _bare_name(a) and _bare_name(b):
                x, y = a.source.strip(), b.source.strip()
                out.append((x, op, y))
                out.append((y, _FLIP[op], x))
    return out


def narrowed_by_order(
    variable: Any, links: Sequence[tuple[str, str, str]], drawn: Mapping[str, Fraction]
) -> Any:
    """The variable's range narrowed by orderings with parameters already drawn (or ``None``)."""
    from ..analysis.claims import PARAMETER

    current = variable
    if variable.kind == PARAMETER:
        for name, op, other in links:
            if name == variable.name and other in drawn:
                current = current.narrowed(op, drawn[other])
                if current is None:
                    return None
    return current


def decode_values(
    variables: Sequence[Any], links: Sequence[tuple[str, str, str]], indices: Sequence[int]
) -> dict[str, Fraction] | None:
    """The values ``indices`` pick, each in its list of simple values narrowed by the earlier
    values (as :func:`variable_values` draws them); ``None`` when an index is out of range."""
    from ..analysis.claims import PARAMETER

    drawn: dict[str, Fraction] = {}
    out: dict[str, Fraction] = {}
    for v, k in zip(variables, indices, strict=True):
        current = narrowed_by_order(v, links, drawn)
        if current is None:
            return None
        values = simple_values(current.low, current.high, low_open=current.low_open,
                               high_open=current.high_open)
        if not 0 <= k < len(values):
            return None
        out[v.key] = values[k]
        if v.kind == PARAMETER:
            drawn[v.name] = values[k]
    return out


def encode_values(
    variables: Sequence[Any], links: Sequence[tuple[str, str, str]], values: Mapping[str, Any]
) -> list[int] | None:
    """The indices :func:`decode_values` turns into ``values`` (``None`` if it cannot)."""
    from ..analysis.claims import PARAMETER

    drawn: dict[str, Fraction] = {}
    out: list[int] = []
    for v in variables:
        current = narrowed_by_order(v, links, drawn)
        if current is None:
            return None
        listed = simple_values(current.low, current.high, low_open=current.low_open,
                               high_open=current.high_open)
        if values[v.key] not in listed:
            return None
        out.append(listed.index(values[v.key]))
        if v.kind == PARAMETER:
            drawn[v.name] = values[v.key]
    return out


@st.composite
def variable_values(
    draw: st.DrawFn, variables: Sequence[Any], conditions: Sequence[Any] = ()
) -> dict[str, Fraction]:
    """Values for claim variables, by key, drawn one after another.

    An ordering between parameters in ``conditions`` (``S < P < R < T``)
    is respected by construction: each value is drawn (see :func:`rationals`)
    in its range narrowed by the values already drawn, so the ordering
    rejects nothing (other conditions are for the caller to check).
    """
    from ..analysis.claims import PARAMETER

    links = order_links(conditions)
    drawn: dict[str, Fraction] = {}
    out: dict[str, Fraction] = {}
    for v in variables:
        current = narrowed_by_order(v, links, drawn)
        if current is None:
            from hypothesis import reject

            reject()
        value = draw(
            rationals(current.low, current.high, low_open=current.low_open,
                      high_open=current.high_open)
        )
        out[v.key] = value
        if v.kind == PARAMETER:
            drawn[v.name] = value
    return out


def parameter_values(scenario: Scenario, **ranges: Any) -> st.SearchStrategy[dict[str, Fraction]]:
    """Values of the scenario's parameters within its assumptions (see :func:`assignments`).

    Parameters the assumptions do not vary keep their values, so the result
    can be passed straight to ``scenario.build(parameters=...)``.
    """
    names = list(scenario.parameters)
    return assignments(scenario, **ranges).map(
        lambda a: {n: a.parameters[n] for n in names}  # type: ignore[misc]
    )


def _plain(value: Any) -> Any:
    """Keyword ranges in the file format: numbers given as Python numbers or text."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return Fraction(value)
    return value
