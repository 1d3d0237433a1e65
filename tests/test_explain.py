"""``gametrust.explain``: exact equilibrium conditions in the scenario's own names.

Every condition is checked against the solver: at many parameter and empathy
values, a pure profile's condition (raw and simplified) holds exactly when the
built game has that profile as an equilibrium, and the mixed formulas give the
solver's mixed equilibrium.
"""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from itertools import product
from pathlib import Path

import pytest
import sympy

from gametrust import ArgumentError, NormalFormGame, is_nash, solve
from gametrust.analysis.explain import MAX_PROFILES, explain
from gametrust.formats.load import load, loads

ROOT = Path(__file__).resolve().parent.parent
KOREA = load(ROOT / "scenarios" / "korea.yaml")
STAG = load(ROOT / "scenarios" / "stag_hunt.yaml")
CHICKEN = load(ROOT / "scenarios" / "chicken.yaml")

relief, e_us, e_dprk = (sympy.Symbol(n, real=True) for n in ("relief", "e_US", "e_DPRK"))
e_row, e_column = (sympy.Symbol(n, real=True) for n in ("e_Row", "e_Column"))

THREE_PLAYERS = """
gametrust: 1
title: Three-way coordination
players:
  X: {actions: [a, b]}
  Y: {actions: [a, b]}
  Z: {actions: [a, b]}
parameters:
  bonus: 2
payoffs:
  a, a, a: [bonus, bonus, bonus]
  a, a, b: [0, 0, 0]
  a, b, a: [0, 0, 0]
  a, b, b: [0, 0, 0]
  b, a, a: [0, 0, 0]
  b, a, b: [0, 0, 0]
  b, b, a: [0, 0, 0]
  b, b, b: [1, 1, 1]
"""


def _pure(actions: tuple[tuple[str, ...], ...], profile: tuple[str, ...]) -> list[list[int]]:
    return [[int(a == chosen) for a in acts] for acts, chosen in zip(actions, profile, strict=True)]


def _truth(boolean: sympy.Basic, values: dict) -> bool:
    value = boolean.subs(values)
    assert value in (sympy.true, sympy.false), value
    return bool(value)


# -- the Korea scenario ---------------------------------------------------------------------------


def test_korea_restraint_condition_keeps_relief_symbolic() -> None:
    expl = explain(KOREA)
    restraint = expl.profile("Reassure", "Freeze")
    assert restraint.condition.text == "relief*(e_US + 1) >= 5 and relief*(e_DPRK + 1) >= 5"
    assert [d.condition.text for d in restraint.deviations] == [
        "relief*(e_US + 1) >= 5",
        "relief*(e_DPRK + 1) >= 5",
    ]
    assert [(d.player, d.to) for d in restraint.deviations] == [("US", "Pressure"), ("DPRK", "Arm")]
    # at the file's values (relief 4, no empathy) restraint is not an equilibrium
    assert restraint.condition.holds is False
    assert expl.profile("Pressure", "Arm").condition.holds is True
    assert [s.name for s in expl.symbols] == ["relief", "e_US", "e_DPRK"]
    assert [s.value for s in expl.symbols] == [4, 0, 0]
    assert expl.fixed == ()


def test_korea_with_relief_fixed_gives_the_empathy_threshold_one_quarter() -> None:
    expl = explain(KOREA, parameters={"relief": "4"})
    restraint = expl.profile("Reassure", "Freeze")
    assert restraint.condition.text == "e_US >= 1/4 and e_DPRK >= 1/4"
    assert [d.condition.text for d in restraint.deviations] == ["e_US >= 1/4", "e_DPRK >= 1/4"]
    quarter = Fraction(1, 4)
    for a, b, expected in [(quarter, quarter, True), (Fraction(6, 25), 1, False), (1, 1, True)]:
        assert _truth(restraint.condition.simplified, {e_us: a, e_dprk: b}) is expected
    assert [(s.name, s.value) for s in expl.fixed] == [("relief", 4)]
    assert relief not in restraint.condition.expression.free_symbols
    # mutual hostility stays an equilibrium up to e = 2/3 (Harmony beyond)
    assert expl.profile("Pressure", "Arm").condition.text == "e_US <= 2/3 and e_DPRK <= 2/3"
    # the mixed equilibrium lives exactly in the Stag Hunt band
    assert expl.mixed is not None
    assert expl.mixed.condition.text == "1/4 < e_US < 2/3 and 1/4 < e_DPRK < 2/3"


def test_every_name_fixed_makes_conditions_plain_truths() -> None:
    expl = explain(KOREA, parameters={"relief": 4}, empathy={"US": "1/3", "DPRK": "1/3"})
    assert expl.symbols == ()
    statuses = {p.profile: p.condition.status for p in expl.profiles}
    assert statuses == {
        ("Pressure", "Arm"): "always",
        ("Pressure", "Freeze"): "never",
        ("Reassure", "Arm"): "never",
        ("Reassure", "Freeze"): "always",
    }
    # e = 1/3: each side restrains with probability 3/4 in the mixed equilibrium
    assert expl.mixed is not None
    assert expl.mixed.values["US"] == (Fraction(1, 4), Fraction(3, 4))
    (trust,) = expl.trust
    assert trust.both_equilibria_now
    assert [f.threshold for f in trust.formulas] == [Fraction(3, 4), Fraction(3, 4)]


@pytest.mark.parametrize(
    "fixed",
    [{}, {"relief": 4}, {"relief": 5}, {"relief": "7/2"}],
    ids=["all-symbolic", "relief=4", "relief=5", "relief=7/2"],
)
def test_korea_conditions_agree_with_the_solver(fixed: dict) -> None:
    expl = explain(KOREA, parameters=fixed or None)
    weights = [Fraction(-1, 2), Fraction(0), Fraction(1, 5), Fraction(1, 4), Fraction(1, 3),
               Fraction(2, 3), Fraction(1)]
    reliefs = [Fraction(fixed["relief"])] if fixed else [Fraction(k, 2) for k in range(4, 14)]
    for r, a, b in product(reliefs, weights, weights):
        game = KOREA.build({"relief": r}, {"US": a, "DPRK": b})
        values = {relief: r, e_us: a, e_dprk: b}
        for p in expl.profiles:
            expected = is_nash(game, _pure(game.actions, p.profile))
            assert _truth(p.condition.expression, values) == expected, (p.profile, r, a, b)
            assert _truth(p.condition.simplified, values) == expected, (p.profile, r, a, b)


def test_korea_mixed_formulas_give_the_solvers_mixed_equilibrium() -> None:
    expl = explain(KOREA)
    assert expl.mixed is not None
    us_pressure = expl.mixed.probabilities["US"][0]
    # Pressure with probability (relief*(1 + e_DPRK) - 5) / ((1 + e_DPRK)*(relief - 3))
    expected = (relief * (1 + e_dprk) - 5) / ((1 + e_dprk) * (relief - 3))
    assert sympy.simplify(us_pressure - expected) == 0
    for r, e in [(4, Fraction(1, 3)), (4, Fraction(1, 2)), (Fraction(9, 2), Fraction(1, 5))]:
        result = solve(KOREA.build({"relief": r}, {"US": e, "DPRK": e}))
        (mixed,) = result.mixed
        values = {relief: r, e_us: e, e_dprk: e}
        for i, player in enumerate(result.game.players):
            formulas = expl.mixed.probabilities[player]
            assert formulas is not None
            assert tuple(f.subs(values) for f in formulas) == mixed.strategies[i]
        assert _truth(expl.mixed.condition.simplified, values)


def test_korea_trust_thresholds_are_formulas_for_restraint_against_hostility() -> None:
    expl = explain(KOREA, parameters={"relief": 4})
    (trust,) = expl.trust
    assert trust.cooperative == ("Reassure", "Freeze")
    assert trust.alternative == ("Pressure", "Arm")
    us = trust.formulas[0]
    assert (us.player, us.action, us.partner, us.partner_action, us.rest_on) == (
        "US", "Reassure", "DPRK", "Freeze", "Arm"
    )
    (bound,) = us.bounds
    assert sympy.simplify(bound.formula - (2 - 3 * e_us) / (1 + e_us)) == 0
    assert bound.text == "(2 - 3*e_US)/(e_US + 1)"
    # e_US = 1/3: 1/(4/3) = 3/4, as in the stag-hunt band of the sweep
    assert bound.formula.subs(e_us, Fraction(1, 3)) == sympy.Rational(3, 4)
    assert not trust.both_equilibria_now and us.threshold is None


# -- the Stag Hunt --------------------------------------------------------------------------------


def test_stag_hunt_mixed_formula_and_trust_threshold() -> None:
    expl = explain(STAG)
    assert expl.mixed is not None
    row_stag, row_hare = expl.mixed.probabilities["Row"]
    # the Row hunter's mix makes the Column hunter indifferent: 2 / (3 (1 + e_Column))
    assert sympy.simplify(row_stag - 2 / (3 * (1 + e_column))) == 0
    assert sympy.simplify(row_stag + row_hare - 1) == 0
    assert expl.mixed.formula("Row", "Stag") == "2/(3*(e_Column + 1))"
    assert expl.mixed.values["Row"] == (Fraction(2, 3), Fraction(1, 3))
    assert expl.mixed.condition.text == "e_Row > -1/3 and e_Column > -1/3"
    assert expl.mixed.condition.holds is True
    (trust,) = expl.trust
    assert trust.cooperative == ("Stag", "Stag") and trust.both_equilibria_now
    for formula, symbol in zip(trust.formulas, (e_row, e_column), strict=True):
        (bound,) = formula.bounds
        assert sympy.simplify(bound.formula - 2 / (3 * (1 + symbol))) == 0
        assert formula.threshold == Fraction(2, 3)
    assert expl.profile("Hare", "Hare").condition.status == "always"
    assert expl.profile("Stag", "Hare").condition.status == "never"


def test_stag_hunt_with_empathy_fixed_gives_exactly_two_thirds() -> None:
    expl = explain(STAG, empathy={"Row": 0, "Column": "0"})
    assert expl.mixed is not None
    assert expl.mixed.formula("Row", "Stag") == "2/3"
    assert expl.mixed.condition.status == "always"
    assert [b.value for f in expl.trust[0].formulas for b in f.bounds] == [Fraction(2, 3)] * 2


# -- other games ----------------------------------------------------------------------------------


def test_chicken_conditions_agree_with_the_solver() -> None:
    expl = explain(CHICKEN, parameters={"crash": 10})
    assert expl.profile("Swerve", "Straight").condition.text == "e_Row >= -9/11 and e_Column <= 1"
    # (Swerve, Swerve) and (Straight, Straight) are never both equilibria: no trust question
    assert expl.trust == ()
    weights = [Fraction(k, 4) for k in range(-4, 6)]
    for a, b in product(weights, weights):
        game = CHICKEN.build({"crash": 10}, {"Row": a, "Column": b})
        values = {e_row: a, e_column: b}
        for p in expl.profiles:
            expected = is_nash(game, _pure(game.actions, p.profile))
            assert _truth(p.condition.simplified, values) == expected


def test_three_players_get_pure_profile_conditions_only() -> None:
    scenario = loads(THREE_PLAYERS, "three.yaml")
    expl = explain(scenario)
    assert expl.mixed is None and expl.trust == ()
    assert expl.notes  # says why there is no mixed/trust part
    bonus = sympy.Symbol("bonus", real=True)
    symbols = [sympy.Symbol(f"e_{p}", real=True) for p in "XYZ"]
    for value, weights in product([-1, 0, 2], product([Fraction(-1, 2), 0, 1], repeat=3)):
        game = scenario.build({"bonus": value}, dict(zip("XYZ", weights, strict=True)))
        values = {bonus: value, **dict(zip(symbols, weights, strict=True))}
        for p in expl.profiles:
            expected = is_nash(game, _pure(game.actions, p.profile))
            assert _truth(p.condition.simplified, values) == expected, (p.profile, values)


def test_a_game_built_in_python_has_empathy_symbols_only() -> None:
    pd = NormalFormGame.from_arrays([[4, 0], [5, 2]], [[4, 5], [0, 2]], players=["A", "B"])
    expl = explain(pd)
    assert [s.name for s in expl.symbols] == ["e_A", "e_B"]
    assert expl.profiles[0].condition.text == "e_A >= 1/4 and e_B >= 1/4"
    with pytest.raises(ArgumentError) as err:
        explain(pd, parameters={"relief": 4})
    assert err.value.location.path == ("--set", "relief")


def test_empathy_symbol_does_not_capture_a_parameter_of_the_same_name() -> None:
    text = """
gametrust: 1
title: Named clash
players:
  A: {actions: [c, d]}
  B: {actions: [c, d]}
parameters:
  e_A: 3
payoffs:
  c, c: [e_A, e_A]
  c, d: [0, 5]
  d, c: [5, 0]
  d, d: [1, 1]
"""
    expl = explain(loads(text, "clash.yaml"))
    names = [(s.name, s.kind) for s in expl.symbols]
    assert names == [("e_A", "parameter"), ("e_A_", "empathy"), ("e_B", "empathy")]
    e_a, e_a_weight = sympy.Symbol("e_A", real=True), sympy.Symbol("e_A_", real=True)
    cc = expl.profile("c", "c").deviations[0]
    # u_A(c, c) - u_A(d, c) = e_A (1 + weight) - 5
    assert sympy.expand(cc.difference - (e_a * (1 + e_a_weight) - 5)) == 0


# -- errors ---------------------------------------------------------------------------------------


def test_unknown_names_are_located_at_the_option() -> None:
    with pytest.raises(ArgumentError) as err:
        explain(KOREA, parameters={"releif": 4})
    assert err.value.location.path == ("--set", "releif")
    with pytest.raises(ArgumentError) as err:
        explain(KOREA, empathy={"USA": "1/4"})
    assert err.value.location.path == ("--empathy", "USA")
    with pytest.raises(ArgumentError) as err:
        explain(KOREA, empathy={"US": "a lot"})
    assert err.value.location.path == ("--empathy", "US")


def test_games_with_too_many_profiles_are_refused() -> None:
    n = 9
    assert n * n > MAX_PROFILES
    big = NormalFormGame.from_arrays([[0] * n] * n, [[0] * n] * n)
    with pytest.raises(ArgumentError) as err:
        explain(big)
    assert err.value.location.path == ("--explain",)


def test_explain_module_does_not_import_sympy_until_called() -> None:
    code = "import sys, gametrust.analysis.explain; print('sympy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
