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


@pytest.mark.parametrize(("seed", "high", "shape"), [
    (3, 10, (3, 4)), (2025, 10, (3, 4)), (104, 3, (3, 4)), (12, 10, (3, 3)), (5, 10, (2, 2)),
])
def test_skipping_inert_candidates_changes_nothing(
    seed: int, high: int, shape: tuple[int, int]
) -> None:
    """Splitting with the sign test keeps the same breakpoints and intervals as solving
    at every candidate, with fewer solves (payoffs 0..2: ties, degenerate points; a
    square game, whose diagonal decides the cooperative profile; a 2x2 game, whose
    family depends on every payoff difference)."""
    a, b = np.random.default_rng(seed).integers(0, high, size=(2, *shape))
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


def _game(seed: int, shape: tuple[int, int], high: int = 10, low: int = 0) -> NormalFormGame:
    a, b = np.random.default_rng(seed).integers(low, high, size=(2, *shape))
    return NormalFormGame.from_arrays(a.tolist(), b.tolist())


@pytest.mark.parametrize(("seed", "shape", "low", "high", "axis", "lo", "hi"), [
    (7, (3, 3), 0, 10, "empathy", 0, 1),
    (103, (3, 4), 0, 3, "empathy", -1, 2),  # payoffs 0..2: ties and degenerate points
    (301, (3, 3), -5, 6, "empathy:P1", -2, 3),
    (2026, (4, 4), 0, 10, "empathy", 0, 1),  # irrational and rational selection switches
])
def test_selection_from_formulas_equals_solving(
    monkeypatch: pytest.MonkeyPatch, seed: int, shape: tuple[int, int], low: int, high: int,
    axis: str, lo: int, hi: int,
) -> None:
    """Inside an interval the selection is analysed on the interval's formulas at rational
    points instead of solving there: the same selection pieces and switches as solving
    at every point the split looks at (the older code path, without the formulas)."""
    import gametrust.analysis.sweep as sweep_module

    game = _game(seed, shape, high, low)
    result = sweep(game, axis, lo, hi)
    original = sweep_module._selection_pieces
    monkeypatch.setattr(sweep_module, "_selection_pieces",
                        lambda *args: original(*args[:5]))  # solve everywhere
    solved = sweep(game, axis, lo, hi)
    assert [(i.selections, i.selection_points) for i in result.intervals] == [
        (i.selections, i.selection_points) for i in solved.intervals
    ]
    assert result.summary() == solved.summary()


def test_descartes_bound_never_hides_a_root() -> None:
    """A polynomial with no sign variation on (lo, hi) has no root there (checked against
    the exact roots of random polynomials, with ranges ending at and between roots)."""
    from gametrust.analysis.sweep_candidates import sign_variations
    from gametrust.core.polynomial import compare
    from gametrust.core.real_roots import real_roots

    rng = np.random.default_rng(5)
    ends = [F(k, 4) for k in range(-8, 9)]
    checked = 0
    for _ in range(150):
        coeffs = tuple(int(c) for c in rng.integers(-9, 10, size=int(rng.integers(2, 6))))
        if coeffs[-1] == 0:
            continue
        roots = real_roots(coeffs)
        for lo, hi in zip(ends[::3], ends[2::3], strict=False):
            inside = [r for r in roots if compare(r, lo) > 0 and compare(hi, r) > 0]
            count = sign_variations(coeffs, lo, hi)
            assert count >= len(inside) and (count - len(inside)) % 2 == 0
            checked += 1
    assert checked > 300


def test_memoised_formulas_and_crossings_equal_fresh_ones() -> None:
    """Formulas, payoffs and payoff crossings shared between the intervals of a sweep are
    the ones each interval would derive alone."""
    from gametrust.analysis.pieces import equilibrium_piece
    from gametrust.analysis.sweep_candidates import payoff_roots

    game = _game(2026, (4, 4))
    result = sweep(game, "empathy", 0, 1)
    _, _, tensor = parametric_tensor(game, Axis.parse("empathy"), None, None)
    polys = cleared_polys(tensor, "e", F(0), F(1))
    for interval in result.intervals:
        here = apply_empathy(game, [interval.sample] * 2)
        fresh = tuple(equilibrium_piece(e, here, polys, tensor, "e") for e in interval.result)
        assert fresh == interval.pieces
        alone = payoff_roots(fresh, interval.lo, interval.hi)
        shared = payoff_roots(interval.pieces, interval.lo, interval.hi, {}, (F(0), F(1)))
        assert [str(r) for r in alone] == [str(r) for r in shared]


def test_grid_in_machine_integers_equals_python_integers() -> None:
    """The grid's Horner evaluation in int64 (where a bound allows) gives the same integers
    as on Python integers, and falls back when the bound does not hold."""
    from gametrust.analysis.sweep import _int_eval
    from gametrust.core.polynomial import Poly

    ks = np.arange(0, 10001).astype(object)
    for coeffs in ([3, -F(7, 2), 5], [10**5, -3 * 10**4, 7, 2], [F(1, 3), 10**9, -10**9, 10**9]):
        poly = Poly.from_coeffs(coeffs)
        values, factor = _int_eval(poly, 0, 1, 10000, ks)
        for k in (0, 1, 4999, 10000):
            assert F(int(values[k])) * factor == poly(F(k, 10000))
