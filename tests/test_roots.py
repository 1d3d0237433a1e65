"""Certified real roots: every breakpoint found, exactly, for numbers of any size.

Breakpoints of sweeps and critical values of ``check`` proofs are real roots
of integer polynomials.  They are found by factoring into irreducible factors
and isolating each factor's real roots exactly (gametrust.core.real_roots),
and irrational ones are exact real algebraic numbers compared without floats
(gametrust.core.algebraic).  These tests compare the isolation with sympy's,
pin the cases floating roots got wrong, and run the overflow reproducers of
issue 10.
"""

from __future__ import annotations

import math
from fractions import Fraction as F
from itertools import pairwise
from pathlib import Path

import pytest
import sympy
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import gametrust
from gametrust.analysis.parametric import (
    Axis,
    between,
    cleared_polys,
    parametric_tensor,
    player_polys,
    roots_of,
    show_value,
    sorted_unique,
)
from gametrust.cli import cli
from gametrust.core.algebraic import RealAlgebraic, simplest_between
from gametrust.core.polynomial import Poly, approx, compare, real_roots, sign_on
from gametrust.core.real_roots import factor, isolate
from gametrust.core.real_roots import real_roots as integer_real_roots

ROOT = Path(__file__).resolve().parent.parent

QUARTIC = """
gametrust: 1
title: A tie at sqrt(2)
players:
  A: {actions: [Up, Down]}
  B: {actions: [Left, Right]}
parameters:
  p: {value: 3/2, range: [6/5, 8/5]}
payoffs:
  Up, Left:    [(p^2-2)^4, 1]
  Up, Right:   [0, 0]
  Down, Left:  [0, 0]
  Down, Right: [1, 1]
"""


def _runner() -> CliRunner:
    try:  # click < 8.2 mixes stderr into stdout unless told not to
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def run(*args: str):
    return _runner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GAMETRUST_DEBUG", raising=False)


# -- the breakpoint numpy missed ---------------------------------------------------------------


def test_a_quadruple_root_at_sqrt_2_is_a_breakpoint(tmp_path: Path) -> None:
    """(p^2 - 2)^4 has a root of multiplicity 4 at sqrt(2); numpy's roots of it have imaginary
    parts up to 1e-4, so the float filter dropped it and the sweep saw one interval."""
    result = gametrust.sweep(gametrust.loads(QUARTIC), "param:p")
    assert len(result.intervals) == 2
    (bp,) = result.breakpoints
    assert isinstance(bp.value, RealAlgebraic)
    assert bp.value.poly == (-2, 0, 1) and str(bp.value) == "sqrt(2)"
    assert show_value(bp.value) == "sqrt(2) (≈ 1.41421)"
    # at sqrt(2) A is indifferent at (Up, Left) vs (Down, Left): (Up, Left) is not strict there
    path = tmp_path / "quartic.yaml"
    path.write_text(QUARTIC)
    out = run("sweep", str(path), "--param", "p")
    assert out.exit_code == 0
    assert "2 intervals, 1 breakpoint: sqrt(2) ≈ 1.41421" in out.stdout
    assert "p in [6/5, sqrt(2))" in out.stdout


def test_the_roots_of_high_multiplicity_and_clusters_are_found_once() -> None:
    x = Poly.variable()
    quartic = (x * x - Poly.constant(2)) ** 4
    assert [str(r) for r in real_roots(quartic, F(-2), F(2))] == ["-sqrt(2)", "sqrt(2)"]
    # two rational roots 10^-30 apart, each of multiplicity 3
    n = 10**30
    a = Poly.from_coeffs([-1, n]) ** 3 * Poly.from_coeffs([-2, n]) ** 3
    assert real_roots(a, F(0), F(1)) == [F(1, n), F(2, n)]
    # two irrational roots 10^-30 apart: sqrt(2) and sqrt(2) + 10^-30
    b = Poly.from_coeffs([-2, 0, 1]) * Poly.from_coeffs([1 - 2 * n * n, -2 * n, n * n])
    low, high = real_roots(b, F(1), F(2))
    assert compare(low, high) == -1 and low < high and low != high
    assert low < between(low, high) < high
    assert str(low) == "sqrt(2)" and str(high) == f"(1 + {n}*sqrt(2))/{n}"


# -- exact algebraic numbers -------------------------------------------------------------------


def test_algebraic_numbers_compare_exactly() -> None:
    root2 = RealAlgebraic.from_interval((-2, 0, 1), F(1), F(2))
    also_root2 = real_roots(Poly.from_coeffs([-2, 0, 1]) * Poly.from_coeffs([-5, 1]),
                            F(0), F(3))[0]
    assert root2 == also_root2 and hash(root2) == hash(also_root2)
    assert root2 != F(7, 5) and root2 > F(7, 5) and F(3, 2) > root2
    # 1.4142135623730951 (the float nearest sqrt 2) is above sqrt(2): decided exactly
    assert root2 < math.sqrt(2) and compare(root2, math.sqrt(2)) == -1
    root3 = RealAlgebraic.from_interval((-3, 0, 1), F(1), F(2))
    assert sorted_unique([root3, F(3, 2), root2, also_root2, F(3, 2)]) == [root2, F(3, 2), root3]
    assert sign_on(Poly.from_coeffs([-2, 0, 1]), root3) == 1
    assert sign_on(Poly.from_coeffs([-3, 0, 1]) * Poly.from_coeffs([1, 1]), root3) == 0
    assert [str(RealAlgebraic.from_interval((1, -5, 3), lo, hi))
            for lo, hi in ((F(0), F(1, 2)), (F(1, 2), F(2)))] == [
        "(5 - sqrt(13))/6", "(5 + sqrt(13))/6"]
    assert str(RealAlgebraic.from_interval((-8, 0, 1), F(-3), F(-2))) == "-2*sqrt(2)"
    assert str(RealAlgebraic.from_interval((-1, 0, 2), F(0), F(1))) == "sqrt(2)/2"
    # which root of t^4 - 4t^2 + 2 (roots -1.85, -0.77, 0.77, 1.85), counted by Sturm's theorem
    assert [RealAlgebraic.from_interval((2, 0, -4, 0, 1), F(k), F(k + 1)).index
            for k in (-2, -1, 0, 1)] == [0, 1, 2, 3]
    cubic = RealAlgebraic.from_interval((-2, 0, 0, 1), F(1), F(2))
    assert str(cubic) == "CRootOf(x**3 - 2, 0)"
    assert sympy.simplify(cubic.to_sympy() - sympy.cbrt(2)) == 0


@given(st.fractions(min_value=-1000, max_value=1000, max_denominator=10**6),
       st.fractions(min_value=F(1, 1000), max_value=1000, max_denominator=1000))
def test_simplest_between_is_inside_and_simplest(a: F, width: F) -> None:
    b = a + width
    q = simplest_between(a, b)
    assert a < q < b
    # nothing with a smaller denominator lies strictly between
    for d in range(1, q.denominator):
        k = math.floor(a * d) + 1
        assert not F(k, d) < b


# -- the certified isolation against sympy -----------------------------------------------------


@st.composite
def integer_polynomials(draw: st.DrawFn) -> tuple[int, ...]:
    """Products of linear and quadratic integer factors, with repeats, and clusters of roots
    10^-k apart (lowest degree first)."""
    factors: list[list[int]] = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["linear", "quadratic", "cluster"]))
        if kind == "linear":
            f = [draw(st.integers(-20, 20)), draw(st.integers(1, 12))]
        elif kind == "quadratic":
            f = [draw(st.integers(-30, 30)), draw(st.integers(-30, 30)), draw(st.integers(1, 9))]
        else:  # two roots near r: (n t - m)(n t - m - 1), or an irrational pair near sqrt(c)
            n = 10 ** draw(st.integers(3, 25))
            m = draw(st.integers(-3, 3)) * n + draw(st.integers(-5, 5))
            if draw(st.booleans()):
                factors.append([-(m + 1), n])
                f = [-m, n]
            else:
                c = draw(st.integers(2, 7))
                factors.append([-c, 0, 1])
                f = [m * m - c, -2 * m * n, n * n]  # (n t - m)^2 - c: roots (m +/- sqrt c)/n
        factors += [f] * draw(st.integers(1, 3))
    out = [1]
    for f in factors:
        prod = [0] * (len(out) + len(f) - 1)
        for i, a in enumerate(out):
            for j, b in enumerate(f):
                prod[i + j] += a * b
        out = prod
    return tuple(out)


@settings(max_examples=60)
@given(integer_polynomials())
def test_certified_isolation_finds_exactly_the_real_roots(coeffs: tuple[int, ...]) -> None:
    """Every real root once, in order, each inside sympy's own isolating interval."""
    t = sympy.Symbol("t")
    poly = sympy.Poly(list(reversed(coeffs)), t, domain="ZZ")
    expected = poly.intervals()  # exact isolation by sympy, with multiplicities
    found = integer_real_roots(coeffs)
    assert len(found) == len(expected)
    for root, ((a, b), _) in zip(found, expected, strict=True):
        lo, hi = F(int(a.p), int(a.q)), F(int(b.p), int(b.q))
        assert compare(root, lo) >= 0 and compare(hi, root) >= 0
        if isinstance(root, F):
            assert Poly.from_coeffs(coeffs)(root) == 0
        else:
            assert root.is_root_of(coeffs)
    assert all(compare(u, v) < 0 for u, v in pairwise(found))
    # the two backends agree
    assert factor(coeffs) == factor(coeffs, "sympy")
    for f in factor(coeffs):
        if len(f) > 2:
            assert len(isolate(f)) == len(isolate(f, "sympy"))


# -- numbers of any size -----------------------------------------------------------------------


def test_roots_of_huge_and_tiny_coefficients_stay_exact() -> None:
    big = 10**160
    assert real_roots(Poly.from_coeffs([-big * big, 0, 1]), F(0), F(10**200)) == [F(big)]
    root = real_roots(Poly.from_coeffs([-2 * big * big, 0, 1]), F(0), F(10**200))[0]
    assert str(root) == f"{big}*sqrt(2)" and approx(root) == pytest.approx(math.sqrt(2) * 1e160)
    huge = real_roots(Poly.from_coeffs([-2 * 10**800, 0, 1]), F(0), F(10**999))[0]
    assert approx(huge) == math.inf and huge > F(10**400)
    tiny = real_roots(Poly.from_coeffs([-1, 0, 2 * 10**600]), F(0), F(1))[0]
    assert approx(tiny) == pytest.approx(math.sqrt(0.5) * 1e-300)
    # at a float: evaluated exactly, rounded once (the terms 1e400 overflow a float)
    assert Poly.from_coeffs([10**400, -(10**400) + 10**100])(1.0) == 1e100


def test_sweep_kernel_roots_for_a_payoff_of_1e160(many_digits: None) -> None:
    """``sweep scenarios/korea.yaml --empathy --set relief=1e160`` overflowed in numpy's roots."""
    korea = gametrust.load(ROOT / "scenarios" / "korea.yaml")
    axis = Axis.parse("empathy")
    _, _, tensor = parametric_tensor(korea, axis, {"relief": F(10**160)}, None)
    polys = cleared_polys(tensor, "e", F(0), F(1))
    found = roots_of(player_polys(polys, 0, F(0), F(1)) | player_polys(polys, 1, F(0), F(1)),
                     F(0), F(1))
    # relief(1 + e) vs 5 + 0 e and relief + relief e vs 5e + 2 + 2e: no root in (0, 1) but
    # 5e = 2 + 2e at e = 2/3 (Reassure against Arm)
    assert found == [F(2, 3)]


def test_sweep_kernel_roots_for_a_range_to_1e999() -> None:
    korea = gametrust.load(ROOT / "scenarios" / "korea.yaml")
    axis = Axis.parse("param:relief")
    _, _, tensor = parametric_tensor(korea, axis, None, None)
    hi = F(10**999)
    polys = cleared_polys(tensor, "relief", F(2), hi)
    candidates = player_polys(polys, 0, F(2), hi) | player_polys(polys, 1, F(2), hi)
    found = roots_of(candidates, F(2), hi)
    assert F(5) in found  # T = relief: restraint becomes an equilibrium
    assert all(any(p(r) == 0 for p in candidates) for r in found)


def test_tree_sweep_with_a_cost_of_minus_1e200_is_exact(at_root: None, many_digits: None) -> None:
    """``--set cost=-1e200`` raised a sympy TypeError comparing roots; ``-1e40`` showed an
    irrational breakpoint as "-1/2 (≈ 0.457427)" (sympy's nsimplify of a root with 41-digit
    coefficients)."""
    for cost in ("-1e200", "-1e40"):
        out = run("sweep", "scenarios/agreed_framework_1994.yaml", "--empathy",
                  "--set", f"cost={cost}")
        assert out.exit_code == 0, out.stderr
        assert "-1/2" not in out.stdout
        assert "breakpoints: 1/3" in out.stdout


def test_tree_sweep_with_a_cost_of_minus_1e40_has_one_breakpoint(at_root: None) -> None:
    out = run("sweep", "scenarios/agreed_framework_1994.yaml", "--empathy",
              "--set", "cost=-1e40")
    assert out.exit_code == 0, out.stderr
    assert "2 intervals, breakpoints: 1/3\n" in out.stdout


@pytest.mark.parametrize("args", [
    ("scenarios/korea.yaml", "--empathy", "--set", "relief=1e160"),
    ("scenarios/korea.yaml", "--param", "relief", "--to", "1e999"),
])
def test_sweeps_of_huge_values_answer(at_root: None, args: tuple[str, ...]) -> None:
    out = run("sweep", *args)
    assert out.exit_code in (0, 2), out.stderr


def test_a_check_at_an_irrational_value_beyond_floats_is_a_located_error() -> None:
    from gametrust.analysis.check_model import CheckModel
    from gametrust.core.errors import ArgumentError
    from gametrust.scenario.conditions import PARAMETER, Variable

    korea = gametrust.load(ROOT / "scenarios" / "korea.yaml")
    huge = real_roots(Poly.from_coeffs([-2 * 10**800, 0, 1]), F(0), F(10**999))[0]
    relief = Variable(PARAMETER, "relief", F(2), F(10**999), "relief")
    with pytest.raises(ArgumentError, match="beyond the float range") as caught:
        CheckModel.of(korea).assignment({"parameter:relief": huge}, [relief])
    assert caught.value.location.path == ("relief",)


@pytest.mark.parametrize(
    "coeffs", [(-2, 0, 1), (1, -5, 3), (-7, 3, -2), (10**999 - 3, 7, -(10**998))]
)
def test_quadratic_isolation_agrees_with_sympy(coeffs: tuple[int, ...]) -> None:
    """The integer-square-root isolation of quadratics: disjoint intervals, one sign change
    each, the roots sympy finds (compared exactly with sympy's own isolating intervals)."""
    import sympy

    from gametrust.core.real_roots import isolate

    x = sympy.Symbol("x")
    poly = sympy.Poly(list(reversed(coeffs)), x)
    theirs = poly.intervals()
    ours = isolate(coeffs)
    assert len(ours) == len(theirs)
    for (lo, hi), ((a, b), _) in zip(ours, sorted(theirs), strict=True):
        assert lo < hi
        value = lambda t: sum(c * t**k for k, c in enumerate(coeffs))  # noqa: E731
        assert value(lo) * value(hi) < 0
        assert max(lo, F(a)) <= min(hi, F(b))  # the same root
