"""Renderings of a sweep: the facts a researcher reads are right, exact and complete."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction
from pathlib import Path

import jsonschema
import pytest
import sympy

from gametrust import load
from gametrust.analysis.regions import sweep_map
from gametrust.analysis.selection import analyse, trust_threshold
from gametrust.analysis.sweep import sweep
from gametrust.analysis.sweep_facts import summary
from gametrust.core.errors import ArgumentError
from gametrust.model.empathy import apply_empathy
from gametrust.report.sweep import render
from gametrust.report.sweep_data import CSV_COLUMNS, CSV_GRID_COLUMNS, CSV_MAP_COLUMNS, schema
from gametrust.report.sweep_markdown import render_html
from gametrust.solvers.solve import solve

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "sweep"
STAG = FIXTURES / "pd_stag_hunt.yaml"  # T=5, R=4, P=2, S=0
CHICKEN = FIXTURES / "pd_chicken.yaml"  # T=5, R=3, P=1, S=0
IRRATIONAL = FIXTURES / "irrational.yaml"
KOREA = ROOT / "scenarios" / "korea.yaml"
VALIDATOR = jsonschema.Draft202012Validator(schema())


def pure_set(equilibria: list[dict]) -> set[tuple[str, ...]]:
    return {tuple(e["profile"]) for e in equilibria if e["kind"] == "pure"}


def value_of(formula: str, symbol: str, at: Fraction) -> Fraction:
    """Evaluate a formula the report wrote (our own output, not user input) exactly."""
    expr = sympy.sympify(formula, locals={symbol: sympy.Symbol(symbol)})
    value = expr.subs(sympy.Symbol(symbol), sympy.Rational(at.numerator, at.denominator))
    return Fraction(int(value.p), int(value.q))


@pytest.fixture(scope="module")
def stag() -> dict:
    return sweep(load(STAG), "empathy", grid=13).to_dict(file=str(STAG))


# -- the Prisoner's Dilemma T=5 R=4 P=2 S=0 under common empathy -----------------------------------


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())


def test_stag_json_validates(stag: dict) -> None:
    VALIDATOR.validate(stag)
    assert stag["schema_version"] == 1
    assert stag["kind"] == "sweep"


def test_stag_three_intervals_and_breakpoints_one_quarter_and_two_thirds(stag: dict) -> None:
    assert [b["value"] for b in stag["breakpoints"]] == ["1/4", "2/3"]
    assert all(b["rational"] and b["exact"] for b in stag["breakpoints"])
    assert len(stag["intervals"]) == 3
    bounds = [(i["lo"]["value"], i["hi"]["value"]) for i in stag["intervals"]]
    assert bounds == [("0", "1/4"), ("1/4", "2/3"), ("2/3", "1")]
    assert [i["family"]["group"] for i in stag["intervals"]] == [
        "Prisoner's Dilemma", "Stag Hunt", "Harmony"
    ]
    assert [i["family"]["index"] for i in stag["intervals"]][:2] == ["Pd", "Sh"]


def test_stag_equilibria_per_interval(stag: dict) -> None:
    first, middle, last = stag["intervals"]
    assert pure_set(first["equilibria"]) == {("D", "D")}
    assert pure_set(middle["equilibria"]) == {("C", "C"), ("D", "D")}
    assert [e["kind"] for e in middle["equilibria"]].count("mixed") == 1
    assert pure_set(last["equilibria"]) == {("C", "C")}
    assert len(first["equilibria"]) == len(last["equilibria"]) == 1


def test_stag_mixed_probability_is_an_exact_function_of_e(stag: dict) -> None:
    middle = stag["intervals"][1]
    mixed = next(e for e in middle["equilibria"] if e["kind"] == "mixed")
    assert mixed["symbolic"]
    formula = mixed["strategies"]["Row"]["C"]
    # R(1+e)q + (S+eT)(1-q) = (T+eS)q + P(1+e)(1-q)  =>  q = (2 - 3e)/(1 + e)
    e = sympy.Symbol("e")
    assert sympy.simplify(sympy.sympify(formula, locals={"e": e}) - (2 - 3 * e) / (1 + e)) == 0
    game = load(STAG).build()
    for at in (Fraction(3, 10), Fraction(1, 2), Fraction(3, 5)):
        solved = solve(apply_empathy(game, [at, at]))
        mixed_there = next(x for x in solved if x.kind == "mixed")
        assert value_of(formula, "e", at) == mixed_there.strategies[0][0]
        payoff = value_of(mixed["payoffs"]["Row"], "e", at)
        assert payoff == mixed_there.payoffs[0]


def test_stag_equilibria_exactly_at_the_breakpoints(stag: dict) -> None:
    quarter, two_thirds = stag["breakpoints"]
    # at e = 1/4 cooperating against C is exactly as good as defecting: (C, C) is a
    # (weak) equilibrium besides (D, D); at 2/3 cooperating against D ties with defecting
    assert pure_set(quarter["equilibria"]) == {("C", "C"), ("D", "D")}
    assert pure_set(two_thirds["equilibria"]) == {("C", "C"), ("D", "D")}
    assert quarter["degenerate"] and two_thirds["degenerate"]
    assert quarter["family"]["borders"] == ["Prisoner's Dilemma", "Stag Hunt"]
    for bp, at in ((quarter, Fraction(1, 4)), (two_thirds, Fraction(2, 3))):
        solved = solve(apply_empathy(load(STAG).build(), [at, at]))
        assert pure_set(bp["equilibria"]) == {x.profile for x in solved}


def test_stag_selection_payoff_and_risk_dominance(stag: dict) -> None:
    middle = stag["intervals"][1]
    labels = [e["label"] for e in middle["equilibria"]]
    cc, dd = labels.index("(C, C)"), labels.index("(D, D)")
    selection = middle["selection"]
    assert selection["payoff_dominant"] == [{"equilibrium": cc, "where": ""}]
    # Nash products (T-R... ): (C,C) risk-dominates exactly when e > 3/7
    risk = {d["equilibrium"]: d["where"] for d in selection["risk_dominant"]}
    assert risk == {dd: "e < 3/7", cc: "e > 3/7"}
    assert [s["at"]["value"] for s in selection["switches"]] == ["3/7"]
    assert selection["switches"][0]["risk_dominant"] is None


def test_stag_trust_threshold_is_an_exact_function_of_e(stag: dict) -> None:
    middle = stag["intervals"][1]
    (trust,) = middle["selection"]["trust_thresholds"]
    assert trust["symbolic"] and trust["where"] == ""
    labels = [e["label"] for e in middle["equilibria"]]
    assert labels[trust["cooperative"]] == "(C, C)"
    assert labels[trust["alternative"]] == "(D, D)"
    game = load(STAG).build()
    for at in (Fraction(3, 10), Fraction(1, 2)):
        adjusted = apply_empathy(game, [at, at])
        expected = trust_threshold(adjusted.payoffs, (0, 0), (1, 1), 0)
        assert value_of(trust["thresholds"]["Row"], "e", at) == expected
        (there,) = analyse(adjusted, solve(adjusted)).thresholds
        assert there.thresholds["Column"] == value_of(trust["thresholds"]["Column"], "e", at)


def test_stag_grid_points_are_exact(stag: dict) -> None:
    points = stag["grid"]["points"]
    assert len(points) == 13 and points[0]["value"] == "0" and points[-1]["value"] == "1"
    half = next(p for p in points if p["value"] == "1/2")
    assert half["interval"] == 1
    mixed = [e for e in half["equilibria"] if "1/3" in e["strategies"]["Row"].values()]
    assert mixed and mixed[0]["strategies"]["Row"] == {"C": "1/3", "D": "2/3"}
    quarter = next(p for p in points if p["value"] == "1/4")
    assert quarter["breakpoint"] == 0 and quarter["interval"] is None


def test_stag_text_report() -> None:
    text = render(sweep(load(STAG), "empathy"), "text")
    lines = text.splitlines()
    heads = [line for line in lines if line.startswith("e ")]
    assert [h.split()[1:3] for h in heads][:5] == [
        ["in", "[0,"], ["=", "1/4"], ["in", "(1/4,"], ["=", "2/3"], ["in", "(2/3,"]
    ]
    assert "Prisoner's Dilemma" in heads[0] and "Stag Hunt" in heads[2]
    assert any("Row: C (2 - 3e)/(e + 1)" in line for line in lines)
    assert any("risk-dominant for e < 3/7" in line for line in lines)
    assert any("P(Column plays C) >= (2 - 3e)/(e + 1)" in line for line in lines)
    assert "Summary: Prisoner's Dilemma for e < 1/4, Stag Hunt for 1/4 < e < 2/3" in " ".join(
        line.strip() for line in lines
    )


def test_summary_reads_as_the_issue_asks() -> None:
    result = sweep(load(STAG), "empathy", lo=0, hi="1/2")
    assert summary(result) == "Prisoner's Dilemma for e < 1/4, Stag Hunt for e > 1/4"


# -- T=5 R=3 P=1 S=0 goes through Chicken ---------------------------------------------------------


def test_chicken_between_one_quarter_and_two_thirds() -> None:
    data = sweep(load(CHICKEN), "empathy").to_dict()
    VALIDATOR.validate(data)
    assert [b["value"] for b in data["breakpoints"]] == ["1/4", "2/3"]
    groups = [i["family"]["group"] for i in data["intervals"]]
    assert groups == ["Prisoner's Dilemma", "Chicken", "Harmony"]
    middle = data["intervals"][1]
    assert pure_set(middle["equilibria"]) == {("C", "D"), ("D", "C")}
    mixed = next(e for e in middle["equilibria"] if e["kind"] == "mixed")
    # Column is indifferent when Row cooperates with q: 3(1+e)q + 5e(1-q) = 5q + (1+e)(1-q),
    # q = (4e - 1)/(e + 1)
    e = sympy.Symbol("e")
    formula = mixed["strategies"]["Row"]["C"]
    assert sympy.simplify(sympy.sympify(formula, locals={"e": e}) - (4 * e - 1) / (e + 1)) == 0
    at = Fraction(1, 2)
    solved = solve(apply_empathy(load(CHICKEN).build(), [at, at]))
    mixed_there = next(x for x in solved if x.kind == "mixed")
    assert value_of(formula, "e", at) == mixed_there.strategies[0][0]


# -- other axes, irrational breakpoints, maps --------------------------------------------------


def test_parameter_sweep_over_declared_range() -> None:
    data = sweep(load(KOREA), "param:relief").to_dict()
    VALIDATOR.validate(data)
    assert data["range"] == {"from": "2", "to": "6"}
    assert [b["value"] for b in data["breakpoints"]] == ["5"]
    assert data["fixed"]["empathy"] == {"US": "0", "DPRK": "0"}
    last = data["intervals"][-1]
    mixed = next(e for e in last["equilibria"] if e["kind"] == "mixed")
    assert mixed["strategies"]["US"]["Reassure"] == "2/(relief - 3)"


def test_irrational_breakpoints_are_exact_and_flagged() -> None:
    result = sweep(load(IRRATIONAL), "param:r")
    data = result.to_dict()
    VALIDATOR.validate(data)
    values = [(b["value"], b["rational"], b["exact"]) for b in data["breakpoints"]]
    assert values == [("sqrt(2)", False, False), ("sqrt(5)", False, False)]
    assert data["breakpoints"][1]["approx"] == pytest.approx(5**0.5)
    text = render(result, "text")
    assert "r = sqrt(5) ≈ 2.23607" in text
    # risk dominance switches at sqrt(7), where only floats were used: no exact claim
    switches = data["intervals"][-1]["selection"]["switches"]
    assert [(s["at"]["value"], s["exact"], s["risk_dominant"]) for s in switches] == [
        ("sqrt(7)", False, None)
    ]


def test_one_players_empathy_keeps_the_other_fixed() -> None:
    result = sweep(load(KOREA), "empathy:US", empathy={"DPRK": "1/2"})
    data = result.to_dict()
    VALIDATOR.validate(data)
    assert data["axis"] == {
        "kind": "empathy", "name": "US", "symbol": "e_US", "description": "empathy of US"
    }
    assert data["fixed"]["empathy"] == {"DPRK": "1/2"}
    assert "Fixed: relief = 4; empathy DPRK = 1/2" in render(result, "text")


def test_map_regions_json_and_text() -> None:
    result = sweep_map(load(KOREA), ("empathy:US", "empathy:DPRK"))
    data = result.to_dict(grid=9)
    VALIDATOR.validate(data)
    assert [b["value"] for b in data["boundaries"]["x"]] == ["1/4", "2/3"]
    assert [b["value"] for b in data["boundaries"]["y"]] == ["1/4", "2/3"]
    middle = data["regions"][result.region_at("1/2", "1/2")]
    assert middle["family"]["group"] == "Stag Hunt"
    assert pure_set(middle["equilibria"]) == {("Pressure", "Arm"), ("Reassure", "Freeze")}
    assert middle["conditions"] == ["1/4 < e_US < 2/3 and 1/4 < e_DPRK < 2/3"]
    ids = data["grid"]["region"]
    assert ids[4][4] == middle["index"]  # (x, y) = (1/2, 1/2)
    text = render(result, "text")
    assert "e_US = 1/4, e_US = 2/3" in text
    assert sum(line.startswith("  R") for line in text.splitlines()) == len(result.regions)


def test_map_csv() -> None:
    result = sweep_map(load(KOREA), ("empathy:US", "empathy:DPRK"))
    rows = list(csv.DictReader(io.StringIO(render(result, "csv"))))
    assert tuple(rows[0]) == CSV_MAP_COLUMNS
    assert {r["region"] for r in rows} == {str(r.index) for r in result.regions}
    grid_rows = list(csv.DictReader(io.StringIO(render(result, "csv", grid=5))))
    assert len(grid_rows) == 25 and set(grid_rows[0]) == {"x", "y", "region"}


# -- CSV, Markdown, HTML -----------------------------------------------------------------------


def test_csv_without_grid_one_row_per_segment_equilibrium_player_action() -> None:
    result = sweep(load(STAG), "empathy")
    rows = list(csv.DictReader(io.StringIO(render(result, "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    expected = sum(len(s.pieces) if hasattr(s, "pieces") else len(s.result.equilibria)
                   for s in result.segments()) * 4
    assert len(rows) == expected
    mixed = [r for r in rows if r["where"] == "interval" and r["kind"] == "mixed"]
    row_c = next(r for r in mixed if r["player"] == "Row" and r["action"] == "C")
    assert value_of(row_c["probability"], "e", Fraction(1, 2)) == Fraction(1, 3)


def test_csv_with_grid_one_row_per_point_equilibrium_player_action() -> None:
    result = sweep(load(STAG), "empathy", grid=5)
    rows = list(csv.DictReader(io.StringIO(render(result, "csv"))))
    assert tuple(rows[0]) == CSV_GRID_COLUMNS
    points = {r["value"] for r in rows}
    assert points == {"0", "1/4", "1/2", "3/4", "1"}
    at_half = [r for r in rows if r["value"] == "1/2" and r["player"] == "Row"
               and r["action"] == "C"]
    assert sorted(r["probability"] for r in at_half) == ["0", "1", "1/3"]
    third = next(r for r in at_half if r["probability"] == "1/3")
    assert float(third["probability_approx"]) == pytest.approx(1 / 3)
    assert third["payoff"] == "11/3"


def test_markdown_and_notebook_repr() -> None:
    result = sweep(load(STAG), "empathy")
    text = result._repr_markdown_()
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 2 + len(result.segments())  # header, rule, one row per segment
    assert rows[2].startswith("| [0, 1/4) | Prisoner's Dilemma")
    assert render(result, "markdown") == text
    result_map = sweep_map(load(KOREA), ("empathy:US", "empathy:DPRK"))
    map_rows = [line for line in result_map._repr_markdown_().splitlines()
                if line.startswith("| R")]
    assert len(map_rows) == len(result_map.regions)


def test_html_escapes() -> None:
    from gametrust import NormalFormGame

    game = NormalFormGame.from_arrays(
        [[4, 0], [5, 2]], [[4, 5], [0, 2]], players=["A", "B"], title="<b>&</b>",
        actions=[["C<", "D"], ["C", "D"]],
    )
    page = render_html(sweep(game, "empathy"))
    assert "<b>&</b>" not in page and "&lt;b&gt;&amp;&lt;/b&gt;" in page
    assert "C&lt;" in page and page.count("<tr>") == 1 + len(sweep(game, "empathy").segments())


def test_unknown_format_is_an_argument_error() -> None:
    with pytest.raises(ArgumentError) as info:
        render(sweep(load(STAG), "empathy"), "xml")
    assert info.value.location.path == ("format",)


def test_json_is_plain_json() -> None:
    text = render(sweep(load(STAG), "empathy"), "json")
    assert json.loads(text)["summary"].startswith("Prisoner's Dilemma for e < 1/4")
