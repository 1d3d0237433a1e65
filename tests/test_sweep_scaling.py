"""Sweeps that solve only where a sign test says something may change (issue 11).

The sweep skips candidate breakpoints that a sign test proves inert and looks
for selection switches only at roots of the comparisons that can change
inside an interval.  These tests check that against the solver itself, at
the points the sweep never solved, and pin two reports the older sampling got
wrong.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

from gametrust import NormalFormGame, solve
from gametrust.analysis.parametric import Axis, between, cleared_polys, parametric_tensor
from gametrust.analysis.pieces import split_range
from gametrust.analysis.selection import analyse
from gametrust.analysis.sweep import sweep
from gametrust.analysis.sweep_candidates import sweep_candidates
from gametrust.analysis.sweep_facts import trust_formulas
from gametrust.model.empathy import apply_empathy


def _signature_split(game: NormalFormGame, inert: bool) -> tuple:
    from gametrust.analysis.families import classify
    from gametrust.analysis.pieces import PointEvaluator

    _, _, tensor = parametric_tensor(game, Axis.parse("empathy"), None, None)
    polys = cleared_polys(tensor, "e", F(0), F(1))
    found = sweep_candidates(polys, F(0), F(1))
    evaluator = PointEvaluator(lambda e: apply_empathy(game, [e, e]), classify)
    split = split_range(
        [F(0), *found.roots, F(1)],
        lambda t: evaluator.at(t).signature,
        (lambda k, t: found.inert(k - 1, t)) if inert else None,
    )
    return split.kept, split.spans, len(evaluator.cache)


@pytest.mark.parametrize("seed", [3, 2025])
def test_skipping_inert_candidates_changes_nothing(seed: int) -> None:
    """Splitting with the sign test keeps the same breakpoints and intervals as solving
    at every candidate, with fewer solves."""
    a, b = np.random.default_rng(seed).integers(0, 10, size=(2, 3, 4))
    game = NormalFormGame.from_arrays(a, b)
    kept, spans, solved = _signature_split(game, inert=True)
    kept_all, spans_all, solved_all = _signature_split(game, inert=False)
    assert (kept, spans) == (kept_all, spans_all)
    assert solved < solved_all


def test_payoff_dominance_switches_where_the_payoffs_cross() -> None:
    """Player 1's empathy in a 2x3 game: the first pure equilibrium pays both players
    more than the other equilibria for e > 0 only (the older sweep looked for selection
    switches only at risk-dominance roots and put this one at -1/2)."""
    game = NormalFormGame.from_arrays([[2, 3, 0], [0, 1, 2]], [[3, 1, 0], [0, 1, 1]])
    result = sweep(game, "empathy:P1", -1, 2)
    interval = next(i for i in result.intervals if i.lo < 0 < i.hi)
    switches = [at for at, _ in interval.selection_points]
    assert F(0) in switches and F(-1, 2) not in switches
    for e in (F(-1, 4), F(1, 4)):  # the solver agrees on either side
        here = apply_empathy(game, [e, F(0)])
        expected = analyse(here, solve(here)).payoff_dominant
        piece = next(s for lo, hi, s in interval.selections if lo < e < hi)
        assert (piece.payoff_dominant is None) == (expected is None)


def test_trust_thresholds_are_reported_where_they_were_computed() -> None:
    """A trust threshold is the solver's threshold at the point it is shown for (the older
    sweep computed it at another point of the interval and showed it "at" the sample)."""
    game = NormalFormGame.from_arrays([[1, 1], [7, 4]], [[5, 6], [7, 0]])
    result = sweep(game, "empathy", 0, 1)
    checked = 0
    for interval in result.intervals:
        for trust in trust_formulas(interval, "e"):
            points = [trust.sample] if trust.sample is not None else [
                interval.sample, between(interval.sample, interval.hi)
            ]
            for e in points:
                here = apply_empathy(game, [e, e])
                result_here = solve(here)
                threshold = analyse(here, result_here).thresholds[0].thresholds
                for player, value in threshold.items():
                    if trust.symbolic:
                        assert trust.functions[player](e) == value
                    else:
                        assert trust.thresholds[player] == str(value)
                    checked += 1
    assert checked


def test_basis_polynomials_equal_cramers_rule_by_determinants() -> None:
    """The integer minors give every basis's determinant, Cramer numerators and slacks:
    the same primitive polynomials as determinants computed one basis at a time."""
    from itertools import combinations

    from gametrust.analysis.basis_polys import BasisPolys
    from gametrust.core.polynomial import Poly, det

    rng = np.random.default_rng(11)
    c = [[Poly.from_coeffs(rng.integers(1, 9, size=2).tolist()) for _ in range(3)]
         for _ in range(3)]
    one = Poly.constant(1)
    expected = set()
    for k in range(1, 4):
        for cols in combinations(range(3), k):
            for rows in combinations(range(3), k):
                m = [[c[j][i] for i in cols] for j in rows]
                d = det(m)
                if d.is_zero():
                    continue
                nums = [det([[*r[:x], one, *r[x + 1:]] for r in m]) for x in range(k)]
                slacks = [d - sum((c[j][i] * n for i, n in zip(cols, nums, strict=True)),
                                  Poly(())) for j in range(3) if j not in rows]
                expected |= {p.primitive() for p in (d, *nums, *slacks) if not p.is_zero()}
    found = BasisPolys.of([[tuple(int(v) for v in p.coeffs) for p in row] for row in c])
    assert {Poly.from_coeffs(key) for key in found.keys} == expected
