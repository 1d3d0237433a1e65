"""Assumptions and claims: the format, located errors, evaluation in the scenario's labels."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

import gametrust
from gametrust.analysis.check_model import CheckModel, Outcome
from gametrust.analysis.claims import assert_claim
from gametrust.analysis.verdicts import condition_holds, family_matches, trust_thresholds
from gametrust.core.errors import ArgumentError, ExpressionError, ScenarioError
from gametrust.formats.claims_format import read_claim
from gametrust.formats.load import loads
from gametrust.scenario.claims import (
    Assumptions,
    BayesianPlay,
    HasFamily,
    IsEquilibrium,
    PathIncludes,
    SignallingClaim,
    TrustThresholdClaim,
    UniqueEquilibrium,
)
from gametrust.scenario.conditions import (
    EMPATHY,
    PARAMETER,
    PAYOFF,
    Bound,
    Comparison,
    FamilyIs,
    Prefers,
    Variable,
)
from gametrust.scenario.family_names import parse_family_name

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"

KOREA = """\
gametrust: 1
title: Korea
players:
  US:   {actions: [Pressure, Reassure]}
  DPRK: {actions: [Arm, Freeze]}
parameters:
  relief: {value: 4, range: [2, 6]}
  cost: 1
payoffs:
  Pressure, Arm:    [2, 2]
  Pressure, Freeze: [5, 0]
  Reassure, Arm:    [0, 5]
  Reassure, Freeze: [relief, relief]
"""
#: the first line after KOREA is line 15
FIRST = KOREA.count("\n") + 1


def korea(extra: str) -> gametrust.Scenario:
    return loads(KOREA + extra, "k.yaml")


def error(extra: str) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        korea(extra)
    return caught.value


# -- the format ----------------------------------------------------------------------------------


def test_assumptions_read_ranges_of_parameters_empathy_and_payoffs() -> None:
    s = korea(
        "assumptions:\n"
        "  parameters: {relief: declared, cost: [0, 3/2]}\n"
        "  empathy: {US: [0, 1], DPRK: 1/4}\n"
        "  payoffs:\n"
        '    "Pressure, Arm": {US: [1, 3], DPRK: "± 1/2"}\n'
    )
    v = {x.key: x for x in s.assumptions.variables}
    assert v["parameter:relief"].low == 2 and v["parameter:relief"].high == 6
    assert v["parameter:cost"].high == Fraction(3, 2)
    assert v["empathy:US"].varies and not v["empathy:DPRK"].varies
    assert v["empathy:DPRK"].low == Fraction(1, 4)
    us = v["payoff:US:Pressure, Arm"]
    dprk = v["payoff:DPRK:Pressure, Arm"]
    assert (us.kind, us.low, us.high, us.offset) == (PAYOFF, 1, 3, False)
    assert (dprk.low, dprk.high, dprk.offset) == (Fraction(-1, 2), Fraction(1, 2), True)
    assert us.name != dprk.name and us.name not in s.parameters


def test_a_list_of_parameters_takes_declared_ranges_and_one_range_covers_every_player() -> None:
    s = korea("assumptions:\n  parameters: [relief]\n  empathy: [0, 1/2]\n")
    ranges = {v.key: (v.low, v.high) for v in s.assumptions.variables}
    assert ranges == {
        "parameter:relief": (2, 6),
        "empathy:US": (0, Fraction(1, 2)),
        "empathy:DPRK": (0, Fraction(1, 2)),
    }


def test_statements_are_comparisons_preferences_and_families() -> None:
    s = korea(
        "assumptions:\n"
        "  parameters: {relief: [2, 6], cost: [0, 3]}\n"
        "  family: Prisoner's Dilemma\n"
        "  statements:\n"
        "    - cost < relief <= 5\n"
        '    - US prefers "Reassure, Freeze" to "Pressure, Arm"\n'
        "    - DPRK weakly prefers (Pressure, Arm) to (Reassure, Arm)\n"
        "    - the game is not a Stag Hunt\n"
    )
    family, comparison, prefers, weak, not_sh = s.assumptions.statements
    assert isinstance(family, FamilyIs) and family.family == parse_family_name("PD")
    assert isinstance(comparison, Comparison) and comparison.ops == ("<", "<=")
    assert [t.source for t in comparison.terms] == ["cost", "relief", "5"]
    assert comparison.bounds() == [("relief", "<=", Fraction(5))]
    assert isinstance(prefers, Prefers) and prefers.strict
    assert (prefers.player, prefers.better, prefers.worse) == (
        "US", ("Reassure", "Freeze"), ("Pressure", "Arm")
    )
    assert isinstance(weak, Prefers) and not weak.strict and weak.player == "DPRK"
    assert isinstance(not_sh, FamilyIs) and not_sh.negated


def test_claims_read_every_statement_and_conditions() -> None:
    s = korea(
        "assumptions:\n"
        "  parameters: [relief]\n"
        "  empathy: {US: [0, 1], DPRK: [0, 1]}\n"
        "claims:\n"
        "  - name: a\n"
        "    equilibrium: Reassure, Freeze\n"
        '    when: {empathy: {US: ">= 1/4", DPRK: ["> 1/4", "< 2/3"]}, parameters: {relief: 4}}\n'
        "  - name: b\n"
        "    unique_equilibrium: [Pressure, Arm]\n"
        "  - name: c\n"
        "    family: SH\n"
        "  - name: d\n"
        '    trust_threshold: {player: US, at_most: 2/3, cooperative: "(Reassure, Freeze)"}\n'
        "  - name: e\n"
        "    not_equilibrium: Pressure, Freeze\n"
        "    when: {statements: [relief > 3], family: Prisoner's Dilemma}\n"
    )
    a, b, c, d, e = s.claims
    assert a.statement == IsEquilibrium(("Reassure", "Freeze"))
    assert [(x.key, x.op, x.value) for x in a.when] == [
        ("empathy:US", ">=", Fraction(1, 4)),
        ("empathy:DPRK", ">", Fraction(1, 4)),
        ("empathy:DPRK", "<", Fraction(2, 3)),
        ("parameter:relief", "=", Fraction(4)),
    ]
    assert b.statement == UniqueEquilibrium(("Pressure", "Arm"))
    assert c.statement == HasFamily(parse_family_name("Stag Hunt"))
    assert d.statement == TrustThresholdClaim(("US",), Fraction(2, 3), None, ("Reassure", "Freeze"))
    assert {type(c) for c in e.when} == {Comparison, FamilyIs}


@pytest.mark.parametrize(
    ("extra", "line", "column", "path"),
    [
        # assumptions
        ("assumptions:\n  paramters: [relief]\n", 1, 3, ("assumptions", "paramters")),
        ("assumptions:\n  parameters: [releif]\n", 1, 16, ("assumptions", "parameters", 0)),
        ("assumptions:\n  parameters: [cost]\n", 1, 16, ("assumptions", "parameters", 0)),
        ("assumptions:\n  parameters: {relief: [6, 2]}\n", 1, 24,
         ("assumptions", "parameters", "relief")),
        ("assumptions:\n  parameters: {relief: [2, x]}\n", 1, 28,
         ("assumptions", "parameters", "relief", 1)),
        ("assumptions:\n  empathy: {USA: [0, 1]}\n", 1, 13, ("assumptions", "empathy", "USA")),
        ('assumptions:\n  payoffs: {"Pressure, Armm": {US: [0, 1]}}\n', 1, 13,
         ("assumptions", "payoffs", "Pressure, Armm")),
        ('assumptions:\n  payoffs: {"Pressure, Arm": {US: 3}}\n', 1, 35,
         ("assumptions", "payoffs", "Pressure, Arm", "US")),
        ("assumptions:\n  family: Stag Hunting\n", 1, 11, ("assumptions", "family")),
        ("assumptions:\n  statements: [the cost is low]\n", 1, 16,
         ("assumptions", "statements", 0)),
        ('assumptions:\n  statements: [US prefers Reassure to Pressure]\n', 1, 16,
         ("assumptions", "statements", 0)),
        ('assumptions:\n  statements: [\'US prefers "Reassure, Frieze" to "Pressure, Arm"\']\n',
         1, 16, ("assumptions", "statements", 0)),
        # claims
        ("claims:\n  - equilibrium: Reassure, Freeze\n", 1, 5, ("claims", 0, "name")),
        ("claims:\n  - {name: a, equilibrium: 'Reassure, Freeze', family: PD}\n", 1, 5,
         ("claims", 0)),
        ("claims:\n  - {name: a}\n", 1, 5, ("claims", 0)),
        ("claims:\n  - {name: a, equilibrum: 'Reassure, Freeze'}\n", 1, 15,
         ("claims", 0, "equilibrum")),
        ("claims:\n  - {name: a, equilibrium: 'Reassure, Freeze'}\n"
         "  - {name: a, equilibrium: 'Pressure, Arm'}\n", 2, 12, ("claims", 1, "name")),
        ("claims:\n  - {name: a, equilibrium: 'Reassure'}\n", 1, 28, ("claims", 0, "equilibrium")),
        ("claims:\n  - {name: a, family: Dilemma}\n", 1, 23, ("claims", 0, "family")),
        ("claims:\n  - {name: a, trust_threshold: {player: US}}\n", 1, 32,
         ("claims", 0, "trust_threshold")),
        ("claims:\n  - {name: a, trust_threshold: {at_most: 2}}\n", 1, 42,
         ("claims", 0, "trust_threshold", "at_most")),
        ("claims:\n  - {name: a, path_includes: Freeze}\n", 1, 15, ("claims", 0, "path_includes")),
        # conditions name values the assumptions let vary
        ("claims:\n  - {name: a, equilibrium: 'Reassure, Freeze', when: {empathy: {US: 1/4}}}\n",
         1, 65, ("claims", 0, "when", "empathy", "US")),
        ("assumptions: {empathy: [0, 1]}\n"
         "claims:\n  - {name: a, equilibrium: 'Reassure, Freeze', when: {empathy: {US: big}}}\n",
         2, 69, ("claims", 0, "when", "empathy", "US")),
    ],
)
def test_every_mistake_is_one_located_error(
    extra: str, line: int, column: int, path: tuple[str | int, ...]
) -> None:
    err = error(extra)
    assert type(err) is ScenarioError
    assert err.location.file == "k.yaml"
    assert (err.location.line, err.location.column) == (FIRST + line, column)
    assert err.location.path == path


def test_an_unknown_name_in_a_comparison_points_at_the_name() -> None:
    err = error("assumptions:\n  statements: [cost < releif]\n")
    assert isinstance(err, ExpressionError)
    line = FIRST + 1
    assert (err.location.line, err.location.column) == (line, 16 + len("cost < "))


def test_a_comparison_needs_both_sides() -> None:
    err = error("assumptions:\n  statements: ['cost < ']\n")
    assert err.location.path == ("assumptions", "statements", 0)


def test_claims_about_profiles_need_the_actions_of_each_player_in_order() -> None:
    err = error("claims:\n  - {name: a, equilibrium: 'Freeze, Reassure'}\n")
    assert err.location.path == ("claims", 0, "equilibrium")


def test_trust_and_uniqueness_claims_need_two_players() -> None:
    three = loads(
        "gametrust: 1\ntitle: t\nplayers:\n  A: {actions: [x, y]}\n  B: {actions: [x, y]}\n"
        "  C: {actions: [x, y]}\npayoffs:\n  A: [[[1, 0], [0, 0]], [[0, 0], [0, 1]]]\n"
        "  B: [[[1, 0], [0, 0]], [[0, 0], [0, 1]]]\n  C: [[[1, 0], [0, 0]], [[0, 0], [0, 1]]]\n",
        "three.yaml",
    )
    with pytest.raises(ScenarioError) as caught:
        read_claim(three, {"name": "u", "unique_equilibrium": "x, x, x"})
    assert caught.value.location.path == ("claim", "unique_equilibrium")
    assert read_claim(three, {"name": "e", "equilibrium": "x, x, x"}).statement == IsEquilibrium(
        ("x", "x", "x")
    )


def test_path_claims_name_a_move_of_the_tree() -> None:
    moratorium = gametrust.load(SCENARIOS / "korea_moratorium.yaml")
    claim = read_claim(moratorium, {"name": "m", "path_includes": "commit: moratorium"})
    assert claim.statement == PathIncludes("commit: moratorium", True)
    with pytest.raises(ScenarioError) as caught:
        read_claim(moratorium, {"name": "m", "path_excludes": "commit: moratorum"})
    assert caught.value.location.path == ("claim", "path_excludes")


def test_a_scenario_without_claims_has_none() -> None:
    s = gametrust.loads(
        "gametrust: 1\ntitle: t\nplayers: {A: {actions: [x, y]}}\npayoffs: {x: [1], y: [0]}\n",
        "no_claims.yaml",
    )
    assert s.assumptions is None and s.claims == ()


# -- families ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "canonical", "broad"),
    [
        ("Prisoner's Dilemma", "Prisoner's Dilemma", True),
        ("a prisoner’s dilemma", "Prisoner's Dilemma", True),
        ("PD", "Prisoner's Dilemma", True),
        ("the Stag Hunt", "Stag Hunt", True),
        ("assurance game", "Stag Hunt", True),
        ("Assurance", "Assurance", False),
        ("Hawk–Dove", "Chicken", True),
        ("BoS", "Battle of the Sexes", True),
        ("Concord", "Concord", False),
    ],
)
def test_family_names(text: str, canonical: str, broad: bool) -> None:
    named = parse_family_name(text)
    assert named is not None and (named.text, named.broad) == (canonical, broad)


def test_a_tie_belongs_to_a_family_only_when_every_side_of_it_does() -> None:
    stag = gametrust.load(SCENARIOS / "stag_hunt.yaml").build()  # T = P: Stag Hunt | Assurance
    sh, assurance = parse_family_name("Stag Hunt"), parse_family_name("Assurance")
    assert family_matches(gametrust.classify(stag), sh)
    assert not family_matches(gametrust.classify(stag), assurance)
    korea_tie = gametrust.load(SCENARIOS / "korea.yaml").build(empathy={"US": "1/4", "DPRK": "1/4"})
    family = gametrust.classify(korea_tie)  # the PD | SH boundary
    assert not family_matches(family, sh)
    assert not family_matches(family, parse_family_name("PD"))


# -- evaluation -------------------------------------------------------------------------------


def test_an_equilibrium_claim_fails_with_the_deviation_in_labels() -> None:
    s = gametrust.load(SCENARIOS / "korea.yaml")
    with pytest.raises(AssertionError) as caught:
        assert_claim(s, {"equilibrium": "Reassure, Freeze"}, empathy={"US": "1/5", "DPRK": "1/5"})
    text = str(caught.value)
    assert "US gains by deviating from (Reassure, Freeze) to Pressure: 5 > 24/5" in text
    assert "empathy of US = 1/5" in text and "(Pressure, Arm)" in text


def test_evaluations_of_every_kind_of_claim() -> None:
    s = gametrust.load(SCENARIOS / "korea.yaml")
    both = {"US": "1/2", "DPRK": "1/2"}
    assert assert_claim(s, {"equilibrium": "Reassure, Freeze"}, empathy=both).holds
    assert assert_claim(s, {"not_equilibrium": "Pressure, Freeze"}, empathy=both).holds
    ev = assert_claim(s, {"family": "Stag Hunt"}, empathy=both)
    assert ev.holds and "Stag Hunt" in ev.reason
    assert assert_claim(s, {"unique_equilibrium": "Pressure, Arm"}).holds
    with pytest.raises(AssertionError, match="other equilibria"):
        assert_claim(s, {"unique_equilibrium": "Pressure, Arm"}, empathy=both)
    ev = assert_claim(s, {"trust_threshold": {"at_most": "1/3"}}, empathy=both)
    assert ev.holds  # (2 - 3/2) / (1 + 1/2) = 1/3 for each side
    with pytest.raises(AssertionError, match=r"P\(DPRK plays Freeze\) >= 1/3"):
        assert_claim(s, {"trust_threshold": {"player": "US", "at_most": "1/4"}}, empathy=both)
    # a PD's one equilibrium is trivially the best: no alternative, no trust needed
    assert assert_claim(s, {"trust_threshold": {"at_most": 0}}).holds
    chicken = gametrust.load(SCENARIOS / "chicken.yaml")  # two equilibria, each side prefers one
    with pytest.raises(AssertionError, match="no cooperative equilibrium"):
        assert_claim(chicken, {"trust_threshold": {"at_most": 1}})


def test_trust_thresholds_are_exact() -> None:
    stag = gametrust.load(SCENARIOS / "stag_hunt.yaml")
    model = CheckModel.of(stag, Assumptions())
    outcome_game = stag.build()
    coop, values, _ = trust_thresholds(
        TrustThresholdClaim(("Row", "Column"), Fraction(1)),
        outcome_game,
        gametrust.solve(outcome_game),
    )
    assert coop == ("Stag", "Stag")
    assert values == {"Row": Fraction(2, 3), "Column": Fraction(2, 3)}
    assert model.working is stag


def test_conditions_exclude_values_instead_of_failing() -> None:
    s = gametrust.load(SCENARIOS / "korea.yaml")
    claim = {"equilibrium": "Reassure, Freeze", "when": {"empathy": {"US": ">= 1/4"}}}
    ev = assert_claim(s, claim, empathy={"US": "1/5"})
    assert ev.status == "excluded" and "empathy of US >= 1/4" in ev.reason


def test_payoff_ranges_replace_or_shift_the_entries_they_name() -> None:
    s = korea(
        "assumptions:\n  payoffs:\n"
        '    "Pressure, Freeze": {US: [3, 6], DPRK: "± 1"}\n'
    )
    model = CheckModel.of(s)
    us, dprk = model.assumptions.variables
    a = model.assignment({us.key: Fraction(3), dprk.key: Fraction(-1)})
    game = model.working.build(a.parameters, a.empathy)
    assert game.payoff(("Pressure", "Freeze")) == (3, -1)
    assert a.describe() == (
        "US's payoff at (Pressure, Freeze) = 3, DPRK's payoff at (Pressure, Freeze) "
        "(± from as written) = -1"
    )


def test_assumption_statements_filter_assignments() -> None:
    s = korea(
        "assumptions:\n  parameters: {relief: [2, 6], cost: [0, 6]}\n"
        "  statements: [cost < relief, 'DPRK prefers \"Reassure, Freeze\" to \"Pressure, Arm\"']\n"
        "claims:\n  - {name: r, equilibrium: 'Pressure, Arm'}\n"
    )
    model = CheckModel.of(s)
    claim = s.claims[0]
    ok = model.evaluate(claim, model.assignment({"parameter:relief": 3, "parameter:cost": 1}))
    assert ok.status == "holds"
    too_costly = model.assignment({"parameter:relief": 3, "parameter:cost": 4})
    assert "cost < relief" in model.evaluate(claim, too_costly).reason
    no_gain = model.assignment({"parameter:relief": 2, "parameter:cost": 1})
    assert model.evaluate(claim, no_gain).status == "excluded"  # 2 is not > 2


def test_variables_narrow_by_conditions() -> None:
    v = Variable(EMPATHY, "US", Fraction(0), Fraction(1), "empathy of US")
    assert v.narrowed(">", Fraction(1, 4)).range_text() == "(1/4, 1]"
    assert v.narrowed("<", Fraction(0)) is None
    assert v.narrowed("=", Fraction(1, 2)).varies is False
    assert v.narrowed("!=", Fraction(1, 2)) == v
    p = Variable(PARAMETER, "relief", Fraction(2), Fraction(6), "relief")
    assert p.narrowed("<=", Fraction(7)) == p


def test_path_claims_on_a_tree() -> None:
    s = gametrust.load(SCENARIOS / "korea_moratorium.yaml")
    claim = {"path_includes": "commit: moratorium"}
    assert assert_claim(s, claim, {"cost": "1/2"}, empathy={"US": "1/2"}).holds
    with pytest.raises(AssertionError, match="DPRK no commitment -> US Pressure -> DPRK Arm"):
        assert_claim(s, claim, {"cost": "1/2"}, empathy={"US": 0})
    assert assert_claim(s, {"path_excludes": "commit: moratorium"}).holds


def test_assert_claim_refuses_unknown_names() -> None:
    s = gametrust.load(SCENARIOS / "korea.yaml")
    with pytest.raises(ArgumentError) as caught:
        assert_claim(s, {"equilibrium": "Reassure, Freeze"}, {"releif": 3})
    assert caught.value.location.path == ("values", "releif")
    with pytest.raises(ArgumentError):
        assert_claim(s, "no such claim")
    name = "mutual restraint is an equilibrium once each side's empathy is at least 1/4"
    assert assert_claim(s, name, empathy={"US": 1, "DPRK": 1}).holds


def test_bounds_compare_exactly() -> None:
    s = gametrust.load(SCENARIOS / "korea.yaml")
    model = CheckModel.of(s)
    bound = Bound("empathy:US", ">=", Fraction(1, 4), "empathy of US >= 1/4")
    a = model.assignment({"empathy:US": Fraction(1, 4)})
    assert condition_holds(bound, Outcome(model, a))


# -- claims about types and signals ---------------------------------------------------------------

TYPES = """\
types:
  DPRK:
    security_seeker: {prior: trust}
    greedy:
      prior: 1 - trust
      payoffs:
        Reassure, Freeze: [relief, 3]
        Reassure, Arm:    [0, 5]
"""


def typed(extra: str) -> gametrust.Scenario:
    text = KOREA.replace("  cost: 1\n", "  cost: 1\n  trust: {value: 1/3, range: [0, 1]}\n")
    return loads(text + TYPES + extra, "k.yaml")


def test_bayesian_claims_read_plays_by_player_and_type() -> None:
    s = typed(
        "claims:\n"
        "  - name: trusted types cooperate\n"
        "    bayesian_equilibrium: {US: Reassure, DPRK: {security_seeker: Freeze}}\n"
        "  - name: greed arms\n"
        "    no_bayesian_equilibrium: {DPRK: {greedy: Freeze}}\n"
    )
    first, second = (c.statement for c in s.claims)
    assert isinstance(first, BayesianPlay) and first.exists
    assert first.plays == (("US", "US", "Reassure"), ("DPRK", "security_seeker", "Freeze"))
    assert first.text() == (
        "a Bayesian equilibrium exists in which US plays Reassure and DPRK (security_seeker) "
        "plays Freeze"
    )
    assert not second.exists and second.text().startswith("no Bayesian equilibrium exists")


@pytest.mark.parametrize(
    ("extra", "path", "words"),
    [
        ("claims:\n  - {name: a, bayesian_equilibrium: {DPRK: {security_seker: Freeze}}}\n",
         ("claims", 0, "bayesian_equilibrium", "DPRK", "security_seker"), "did you mean"),
        ("claims:\n  - {name: a, bayesian_equilibrium: {DPRK: Frieze}}\n",
         ("claims", 0, "bayesian_equilibrium", "DPRK"), "not an action of DPRK"),
        ("claims:\n  - {name: a, bayesian_equilibrium: {USA: Reassure}}\n",
         ("claims", 0, "bayesian_equilibrium", "USA"), "USA"),
        ("claims:\n  - {name: a, pbe: separating}\n", ("claims", 0, "pbe"), "signalling"),
    ],
)
def test_mistakes_in_claims_about_types_are_located(
    extra: str, path: tuple[str | int, ...], words: str
) -> None:
    with pytest.raises(ScenarioError) as caught:
        typed(extra)
    err = caught.value
    assert err.location.path == path and err.location.line is not None
    assert words in err.message


def test_claims_about_types_need_types_and_about_signals_a_signalling_game() -> None:
    with pytest.raises(ScenarioError, match="declares no types"):
        korea("claims:\n  - {name: a, bayesian_equilibrium: {US: Reassure}}\n")
    geneva = gametrust.load(SCENARIOS / "geneva_1985.yaml")
    with pytest.raises(ScenarioError, match="signalling game"):
        read_claim(geneva, {"name": "a", "bayesian_equilibrium": {"US": "Engage"}})
    for bad, words in (({"kind": "separated"}, "did you mean 'separating'"),
                       ({"sends": {"reformist": "Unilateral moves"}}, "no type 'reformist'"),
                       ({"sends": {"reformer": "Talk"}}, "not a signal"),
                       ({"every": "yes"}, "true or false")):
        with pytest.raises(ScenarioError, match=words):
            read_claim(geneva, {"name": "a", "pbe": bad})


def test_bayesian_and_signalling_verdicts() -> None:
    s = typed("")
    model = CheckModel.of(s)
    coop = read_claim(s, {"bayesian_equilibrium": {"US": "Reassure",
                                                   "DPRK": {"security_seeker": "Freeze"}}},
                      strict=False)
    # with a low prior the US never reassures; with a high one (and relief 6 > 5, so the
    # security seeker's stage game is a Stag Hunt) it can
    low = model.evaluate(coop, model.assignment({"parameter:trust": "1/3"},
                                                [Variable(PARAMETER, "trust", Fraction(0),
                                                          Fraction(1), "trust")]))
    assert low.status == "fails" and "no Bayesian equilibrium in which" in low.reason
    assert low.equilibria() == ["US: Pressure; DPRK: security_seeker: Arm, greedy: Arm"]
    assert low.family() is None
    high = assert_claim(s, coop, {"trust": Fraction(9, 10), "relief": 6})
    assert high.status == "holds"
    greedy = read_claim(s, {"no_bayesian_equilibrium": {"DPRK": {"greedy": "Freeze"}}},
                        strict=False)
    assert assert_claim(s, greedy, {"trust": Fraction(9, 10), "relief": 6}).status == "holds"

    geneva = gametrust.load(SCENARIOS / "geneva_1985.yaml")
    separates = read_claim(geneva, {"pbe": {
        "kind": "separating",
        "sends": {"reformer": "Unilateral moves", "expansionist": "Business as usual"}}},
        strict=False)
    assert separates.statement == SignallingClaim(
        "separating", (("reformer", "Unilateral moves"), ("expansionist", "Business as usual")))
    holds = assert_claim(geneva, separates)  # cost_expansionist = 3 > 2: separation
    assert holds.reason.startswith("a perfect Bayesian equilibrium fits: separating: reformer "
                                   "Unilateral moves, expansionist Business as usual")
    cheap = CheckModel.of(geneva).evaluate(
        separates, CheckModel.of(geneva).assignment({"parameter:cost_expansionist": "1"}, [
            Variable(PARAMETER, "cost_expansionist", Fraction(0), Fraction(4), "c")]))
    assert cheap.status == "fails" and "no perfect Bayesian equilibrium fits" in cheap.reason
    every = read_claim(geneva, {"pbe": {"kind": "separating", "every": True}}, strict=False)
    evaluation = CheckModel.of(geneva).evaluate(every, CheckModel.of(geneva).assignment())
    assert evaluation.status == "fails" and "it is pooling" in evaluation.reason
    passing = read_claim(geneva, {"pbe": {"every": True, "intuitive": True,
                                          "kind": "separating"}}, strict=False)
    assert assert_claim(geneva, passing).status == "holds"
