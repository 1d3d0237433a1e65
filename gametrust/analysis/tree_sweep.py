"""Exact sweeps of game trees: where commitments start to pay, where cooperation follows.

The subgame-perfect equilibria of a tree whose payoffs and probabilities are
rational functions of one value ``t`` change only where some comparison made
by backward induction changes sign, or where the equilibria of some subgame
solved in mixed strategies change.  We find those points exactly by
*refinement*: solve at a rational sample point while carrying every value as
an exact rational function of ``t``, collect the polynomials whose signs that
solution relied on (differences of the values compared at each decision; the
basis polynomials of each subgame's reduced normal form; each chance
probability), and split the interval at their real roots; repeat on the
pieces until no piece contains a root of the polynomials its own solution
relied on.  Then neighbouring pieces whose equilibria agree are merged.

Intervals are defined by the subgame-perfect equilibria (the Nash
equilibria of the whole reduced normal form are not swept: they can be many,
and the questions asked of trees — is the commitment made, does cooperation
follow — are about subgame-perfect play).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.errors import ArgumentError, Location
from ..core.polynomial import Poly, RationalFunction, vanishes_at
from ..model.empathy import empathize_tensor
from ..model.reduced import reduced_tensor
from ..model.tree import Chance, Decision, GameTree, Terminal
from ..model.tree_size import plan_counts
from ..scenario.treespec import without_impossible_moves
from ..solvers.extensive import Behavior, TreeSolveResult, solve_tree
from .parametric import (
    Axis,
    between,
    beyond_floats,
    cleared_polys,
    constant_function,
    declared_weights,
    greater,
    interleave,
    interval_label,
    parametric_values,
    parametric_weights,
    player_polys,
    roots_of,
    show_value,
    sorted_unique,
    sweep_range,
)
from .pieces import split_range
from .tree_formulas import lift, payoff_functions

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario.scenario import Scenario

#: Reduced normal forms with more plan profiles than this seed the refinement with the chance
#: probabilities only (every pair of payoffs and every basis of a large one is too many
#: polynomials; the refinement alone finds every breakpoint, see the module docstring).
SEED_PROFILES = 64

__all__ = [
    "SEED_PROFILES", "TreeBreakpoint", "TreeInterval", "TreeSweepResult", "sweep_scenario_tree",
    "sweep_tree",
]


@dataclass(frozen=True)
class TreeInterval:
    """An open interval of ``t`` on which the tree's equilibria do not change."""

    lo: Any
    hi: Any
    closed_lo: bool
    closed_hi: bool
    sample: Fraction
    result: TreeSolveResult
    #: For each of ``result.subgame_perfect``: its payoffs as exact functions of the swept
    #: value on the whole interval (``None`` where one could not be matched).
    payoff_formulas: tuple[tuple[RationalFunction, ...] | None, ...] = ()

    def payoffs_at(self, k: int, t: object) -> tuple[Fraction, ...]:
        """The ``k``-th subgame-perfect equilibrium's payoffs at a value ``t`` of the interval."""
        formulas = self.payoff_formulas[k]
        if formulas is None:
            raise ValueError("no payoff functions for this equilibrium")
        return tuple(f(Fraction(t)) for f in formulas)  # type: ignore[arg-type]

    def label(self, symbol: str) -> str:
        return interval_label(symbol, self.lo, self.hi, self.closed_lo, self.closed_hi)


@dataclass(frozen=True)
class TreeBreakpoint:
    """A value of ``t`` at which the subgame-perfect equilibria change (solved exactly there,
    or in floats at an irrational point)."""

    value: Any
    exact: bool
    result: TreeSolveResult


@dataclass(frozen=True)
class TreeSweepResult:
    """Intervals and breakpoints of an exact sweep of a tree over ``axis`` from ``lo`` to
    ``hi`` (rendered by ``gametrust.report.tree.render_sweep``)."""

    title: str
    axis: Axis
    lo: Fraction
    hi: Fraction
    intervals: tuple[TreeInterval, ...]
    breakpoints: tuple[TreeBreakpoint, ...]
    ends: tuple[TreeBreakpoint | None, TreeBreakpoint | None] = (None, None)

    def segments(self) -> list[TreeInterval | TreeBreakpoint]:
        """Intervals and breakpoints in order along the axis."""
        return interleave(self.intervals, self.breakpoints, self.ends)

    def __str__(self) -> str:
        """What was swept, the breakpoints and the number of intervals."""
        points = ", ".join(show_value(b.value) for b in self.breakpoints) or "none"
        return (
            f"{self.title or 'Sweep'}: {self.axis} from {show_value(self.lo)} to "
            f"{show_value(self.hi)}; {len(self.intervals)} intervals, breakpoints: {points}"
        )

    def at(self, t: object) -> TreeInterval | TreeBreakpoint:
        """The interval or breakpoint that holds the value ``t``."""
        value = Fraction(t)  # type: ignore[arg-type]
        for bp in (*self.breakpoints, *(e for e in self.ends if e is not None)):
            if isinstance(bp.value, Fraction) and bp.value == value:
                return bp
        for interval in self.intervals:
            if interval.lo <= value <= interval.hi:
                return interval
        raise ValueError(f"{value} is outside the swept range")


def _evaluate(rf_tree: GameTree, t: Any) -> GameTree:
    def value(x: Any) -> Any:
        return x(t) if isinstance(x, RationalFunction) else x

    return rf_tree.map_values(lambda v: tuple(value(x) for x in v), value)


def _possible_at(rf_tree: GameTree, t0: Fraction) -> GameTree:
    """The tree without the chance moves whose probability is 0 at ``t0`` (as the point
    solver drops them; their probabilities' roots are breakpoint candidates already)."""

    def walk(node: Any) -> Any:
        if isinstance(node, Terminal):
            return node
        if isinstance(node, Chance):
            return Chance(tuple((lab, p, walk(c)) for lab, p, c in node.moves
                                if lift(p)(t0) != 0), node.label)
        return Decision(node.player, tuple((lab, walk(c)) for lab, c in node.moves),
                        node.infoset, node.label)

    return GameTree(rf_tree.players, walk(rf_tree.root), rf_tree.title)


def _signature(result: TreeSolveResult) -> tuple:
    def supports(behavior: Behavior) -> tuple:
        return tuple(
            sorted(
                (k, None if d is None else tuple(a for a, p in d.items() if p > 0))
                for k, d in behavior.items()
            )
        )

    return tuple(sorted(supports(e.behavior) for e in result.subgame_perfect))


def _base_polys(rf_tree: GameTree, lo: Fraction, hi: Fraction, symbol: str) -> set[Poly]:
    out: set[Poly] = set()
    for _, node in rf_tree.nodes():
        if isinstance(node, Chance):
            for _, p, _ in node.moves:
                q = lift(p)
                if not q.num.is_zero() and q.num.degree > 0:
                    out.add(q.num.primitive())
    if math.prod(plan_counts(rf_tree)) > SEED_PROFILES:
        return out  # only a seed: the refinement collects what each solution relies on
    tensor, _, _ = reduced_tensor(rf_tree)
    lifted = np.vectorize(lift, otypes=[object])(tensor)
    polys = cleared_polys(lifted, symbol, lo, hi)
    for player in range(polys.shape[0]):
        out |= player_polys(polys, player, lo, hi)
    return out


def sweep_tree(
    rf_tree: GameTree,
    axis: Axis,
    lo: Fraction,
    hi: Fraction,
    *,
    title: str = "",
    solver: Callable[[GameTree], TreeSolveResult] | None = None,
) -> TreeSweepResult:
    """Sweep a tree whose values are :class:`RationalFunction` objects of the swept value."""
    symbol = axis.symbol
    polys = _base_polys(rf_tree, lo, hi, symbol)
    if solver is None:  # subgame perfection decides; moves of probability 0 are dropped

        def solver(tree: GameTree) -> TreeSolveResult:
            return solve_tree(without_impossible_moves(tree), nash=False)

    cache: dict[Any, tuple[TreeSolveResult, tuple]] = {}
    functions: dict[Fraction, tuple[list, set[Poly]]] = {}

    def exact_at(sample: Fraction) -> tuple[list, set[Poly]]:
        """The extreme SPEs around ``sample`` with payoff functions, and what they relied on."""
        if sample not in functions:
            relied: set[Poly] = set()
            found = payoff_functions(_possible_at(rf_tree, sample), sample, lo, hi, symbol,
                                     relied)
            functions[sample] = (found, relied)
        return functions[sample]

    def at(t: Any) -> tuple[TreeSolveResult, tuple]:
        key = t if isinstance(t, Fraction) else ("alg", t)
        if key not in cache:
            point = t if isinstance(t, Fraction) else float(t)
            try:
                result = solver(_evaluate(rf_tree, point))
            except OverflowError:  # only floats overflow: an irrational point's payoffs
                raise beyond_floats(t) from None
            cache[key] = (result, _signature(result))
        return cache[key]

    # refinement: split until no piece holds a root of what its own solution relied on
    points = [lo, *roots_of(polys, lo, hi), hi]
    changed = True
    while changed:
        changed = False
        new_points = [points[0]]
        for a, b in pairwise(points):
            sample = between(a, b)
            relied = exact_at(sample)[1]
            inside = [r for r in roots_of(relied - polys, lo, hi) if _strictly(a, r, b)]
            polys |= relied
            if inside:
                changed = True
                new_points.extend(inside)
            new_points.append(b)
        points = sorted_unique(new_points) if changed else points
    # an irrational candidate whose neighbours agree: the solution there differs from theirs
    # only if a polynomial their solutions relied on vanishes there (decided exactly; the
    # float solve of ``at`` is then not needed, and not trusted, to compare signatures)
    for k in range(1, len(points) - 1):
        t = points[k]
        if isinstance(t, Fraction):
            continue
        left, right = between(points[k - 1], t), between(t, points[k + 1])
        if at(left)[1] != at(right)[1]:
            continue
        relied_here = exact_at(left)[1] | exact_at(right)[1]
        if not any(vanishes_at(p, t) for p in relied_here):
            cache[("alg", t)] = at(left)
    split = split_range(points, lambda t: at(t)[1])
    intervals = [
        TreeInterval(points[a], points[b], closed_lo, closed_hi, gap, at(gap)[0],
                     _formulas(at(gap)[0], exact_at(gap)[0]))
        for a, b, closed_lo, closed_hi in split.spans
        for gap in (split.gaps[a],)
    ]

    def breakpoint(k: int) -> TreeBreakpoint:
        return TreeBreakpoint(points[k], isinstance(points[k], Fraction), at(points[k])[0])

    ends = (
        None if intervals[0].closed_lo else breakpoint(0),
        None if intervals[-1].closed_hi else breakpoint(len(points) - 1),
    )
    return TreeSweepResult(
        title, axis, lo, hi, tuple(intervals), tuple(breakpoint(k) for k in split.kept), ends
    )


def _formulas(result: TreeSolveResult, found: list) -> tuple:
    """Each subgame-perfect equilibrium's payoff functions (``None`` if not matched)."""
    return tuple(
        next((f for behavior, f in found if behavior == e.behavior), None)
        for e in result.subgame_perfect
    )


def _strictly(a: Any, r: Any, b: Any) -> bool:
    return greater(r, a) and greater(b, r)


def sweep_scenario_tree(
    scenario: Scenario,
    axis: str | Axis,
    lo: object = None,
    hi: object = None,
    *,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> TreeSweepResult:
    """Sweep a scenario with moves in time (``scenario.is_tree``) over empathy or a parameter."""
    ax = axis if isinstance(axis, Axis) else Axis.parse(axis)
    low, high = sweep_range(scenario, ax, lo, hi)
    values = parametric_values(scenario, ax, parameters)
    weights = parametric_weights(
        scenario.player_ids, declared_weights(scenario, values), ax, empathy,
        scenario.empathy_model,
    )
    try:
        rf_tree = scenario.tree.map_values(
            lambda v: tuple(e.fold(constant_function, values.__getitem__) for e in v),
            lambda p: p.fold(constant_function, values.__getitem__),
        )
    except ZeroDivisionError:
        raise ArgumentError(
            "a payoff or probability divides by zero for some value of the swept quantity",
            Location(path=("axis",)),
        ) from None
    rf_tree = rf_tree.map_values(
        lambda v: tuple(
            empathize_tensor(np.array(v, dtype=object), weights, scenario.empathy_model)
        )
    )
    return sweep_tree(rf_tree, ax, low, high, title=scenario.title)
