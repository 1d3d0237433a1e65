"""The local game of a subgame root, and points of subgame-perfect equilibria.

The *local game* of a subgame root ``R`` is the part of the tree from ``R``
down to the roots of the subgames directly below it (its children): each
player's plans there and, for every plan profile, the expected payoffs of the
terminal nodes it reaches and the probability of reaching each child.  A
:class:`Point` is a subgame-perfect equilibrium of a subgame written in the
coordinates of :mod:`gametrust.solvers.spe` (conditional realization
probabilities of every local sequence) with its payoffs; a :class:`Piece` a
polytope of them by its extreme points.  Values may be numbers or rational
functions: every operation goes through a :class:`~.exact_polytope.Field`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from itertools import product
from math import prod
from typing import Any

from ..core.errors import ArgumentError, Location
from ..model.reduced import Plan, player_plans
from ..model.tree import Chance, GameTree, Node, Path, Terminal
from ..model.tree_size import plan_counts
from .exact_polytope import RATIONAL, Field

__all__ = [
    "LOCAL_PROFILE_LIMIT",
    "Local",
    "LocalNash",
    "Piece",
    "Point",
    "Seq",
    "behavior_of_point",
    "build_local",
    "combine",
    "make_point",
    "point_key",
]

Seq = tuple[str, str]  # (information set, action)

#: Largest local game (plan profiles of its reduced normal form) that is written down.
LOCAL_PROFILE_LIMIT = 250_000


@dataclass(frozen=True)
class Point:
    """A subgame-perfect equilibrium of a subgame: realization blocks and the root payoffs."""

    rho: tuple[tuple[Seq, Any], ...]  # nonzero entries, sorted by sequence
    value: tuple[Any, ...]

    def get(self, seq: Seq, zero: Any) -> Any:
        return dict(self.rho).get(seq, zero)


@dataclass(frozen=True)
class Piece:
    """A polytope of SPEs, by its extreme points; ``affine``: payoffs affine on it;
    ``exact``: every point listed is known to be a vertex (a product of vertex sets and pure
    local choices; the realization plans of a mixed local equilibrium's extreme points need
    not be extreme, so those pieces are checked)."""

    points: tuple[Point, ...]
    affine: bool = True
    exact: bool = False


@dataclass
class Local:
    """The local game of a subgame root: plans, and for each plan profile the expected
    terminal payoffs and the probability of reaching each child subgame."""

    root: Path
    children: tuple[Path, ...]
    plans: list[list[Plan]]
    movers: list[int]
    const: dict[tuple[int, ...], list[Any]]
    reach: dict[tuple[int, ...], list[Any]]
    n: int

    def profile(self, choice: dict[int, int]) -> tuple[int, ...]:
        return tuple(choice.get(p, 0) for p in range(self.n))


#: ``local_nash(local, leaf_values, where) -> (components, complete, warnings)``: the
#: equilibria of the local game with child ``k`` worth ``leaf_values[k]``; each component
#: a list of profiles, a profile ``{mover: mix over its plans}``.
LocalNash = Callable[
    [Local, Sequence[tuple[Any, ...]], str],
    tuple[list[list[dict[int, tuple[Any, ...]]]], bool, list[str]],
]


def build_local(tree: GameTree, root: Path, children: tuple[Path, ...], fld: Field,
                where: str = "") -> Local:
    """The local game at ``root``; an :class:`ArgumentError` when its reduced normal form
    would have more than :data:`LOCAL_PROFILE_LIMIT` plan profiles."""
    n = len(tree.players)
    zero_values = {c: tuple(fld.zero for _ in range(n)) for c in children}
    sub = tree.subgame(root, zero_values)
    counts = plan_counts(sub)
    if prod(counts) > LOCAL_PROFILE_LIMIT:
        raise ArgumentError(
            f"{where or 'a subgame'} is too large for gametrust's exact methods: its reduced "
            f"normal form would have {' x '.join(map(str, counts))} plans (more than "
            f"{LOCAL_PROFILE_LIMIT:,} profiles); no subgame-perfect equilibrium can be "
            "certified there",
            Location(path=("tree",)),
        )
    plans = [player_plans(sub, p) for p in range(n)]
    movers = [p for p in range(n) if len(plans[p]) > 1]
    index = {c: k for k, c in enumerate(children)}
    infoset_of = tree.infoset_of
    const: dict[tuple[int, ...], list[Any]] = {}
    reach: dict[tuple[int, ...], list[Any]] = {}
    for profile in product(*(range(len(p)) for p in plans)):
        chosen = [dict(plans[p][k].choices) for p, k in enumerate(profile)]
        c_val = [fld.zero] * n
        r_val = [fld.zero] * len(children)
        stack: list[tuple[Path, Node, Any]] = [(root, tree.node(root), fld.one)]
        while stack:
            path, node, prob = stack.pop()
            if path != root and path in index:
                r_val[index[path]] = r_val[index[path]] + prob
            elif isinstance(node, Terminal):
                c_val = [c + prob * v for c, v in zip(c_val, node.payoffs, strict=True)]
            elif isinstance(node, Chance):
                stack += [((*path, label), child, prob * p) for label, p, child in node.moves
                          if not fld.is_zero(p)]
            else:
                action = chosen[node.player][infoset_of[path]]
                stack.append(((*path, action), dict(node.moves)[action], prob))
        const[profile] = c_val
        reach[profile] = r_val
    return Local(root, children, plans, movers, const, reach, n)


def make_point(rho: dict[Seq, Any], value: Sequence[Any], fld: Field) -> Point:
    return Point(tuple(sorted((s, v) for s, v in rho.items() if not fld.is_zero(v))),
                 tuple(value))


def point_key(point: Point, fld: Field) -> Hashable:
    return tuple((s, fld.key(v)) for s, v in point.rho)


def combine(weighted: Sequence[tuple[Any, Point]], fld: Field) -> Point:
    """The convex combination ``sum w * point`` (coordinates and payoffs)."""
    if len(weighted) == 1:
        return weighted[0][1]
    rho: dict[Seq, Any] = {}
    value = [fld.zero] * len(weighted[0][1].value)
    for w, pt in weighted:
        for s, v in pt.rho:
            rho[s] = rho.get(s, fld.zero) + w * v
        value = [a + w * b for a, b in zip(value, pt.value, strict=True)]
    return make_point(rho, value, fld)


def behavior_of_point(tree: GameTree, point: Point, fld: Field = RATIONAL) -> dict[str, Any]:
    """The behaviour strategy profile of a point: realization ratios at every set."""
    rho = dict(point.rho)
    out: dict[str, Any] = {}
    for info in tree.infosets:
        weights = [rho.get((info.id, a), fld.zero) for a in info.actions]
        total = fld.zero
        for w in weights:
            total = total + w
        if fld.is_zero(total):
            out[info.id] = None
        else:
            out[info.id] = {a: w / total for a, w in zip(info.actions, weights, strict=True)}
    return out

