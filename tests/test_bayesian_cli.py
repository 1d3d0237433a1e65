"""Scenarios with types through the CLI: gametrust solve on signalling scenarios."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from gametrust.cli import cli

ROOT = Path(__file__).resolve().parent.parent
GENEVA = str(ROOT / "scenarios" / "geneva_1985.yaml")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def solve_json(*args: str) -> dict:
    code, out = run("solve", GENEVA, "--format", "json", *args)
    assert code == 0, out
    return json.loads(out)


def test_geneva_signal_separates_and_pooling_fails_the_intuitive_criterion() -> None:
    data = solve_json()
    assert data["kind"] == "signalling"
    kinds = {e["kind"]: e for e in data["equilibria"]["equilibria"]}
    assert set(kinds) == {"separating", "pooling"}
    sep = kinds["separating"]
    assert sep["sender"]["reformer"]["Unilateral moves"] == "1"
    assert sep["sender"]["expansionist"]["Business as usual"] == "1"
    assert sep["receiver"]["Unilateral moves"]["Engage"] == "1"
    assert sep["beliefs"]["Unilateral moves"]["reformer"] == "1"
    assert sep["intuitive_criterion"]["passes"] is True
    assert kinds["pooling"]["intuitive_criterion"]["passes"] is False


def test_geneva_cost_conditions_are_the_gains() -> None:
    case = next(c for c in solve_json()["separating_conditions"]
                if c["senders"]["Unilateral moves"] == "reformer")
    assert case["holds"] is True
    assert len(case["conditions"]) == 2
    assert "<= 3" in case["conditions"][0] and ">= 2" in case["conditions"][1]


def test_cheap_signal_gives_the_exact_hybrid() -> None:
    # c_expansionist = 3/2 < 2 (its exploitation gain), prior 2/5 < q* = 2/3:
    # the expansionist mimics with b = 1/3, the US engages after the signal with r = 3/4.
    data = solve_json("--set", "cost_expansionist=3/2", "--set", "reformer=2/5")
    kinds = [e["kind"] for e in data["equilibria"]["equilibria"]]
    assert "separating" not in kinds
    hybrid = next(e for e in data["equilibria"]["equilibria"] if e["kind"] == "hybrid")
    assert Fraction(hybrid["sender"]["expansionist"]["Unilateral moves"]) == Fraction(1, 3)
    assert Fraction(hybrid["receiver"]["Unilateral moves"]["Engage"]) == Fraction(3, 4)
    assert Fraction(hybrid["beliefs"]["Unilateral moves"]["reformer"]) == Fraction(2, 3)


def test_text_report_names_kinds_and_conditions() -> None:
    code, out = run("solve", GENEVA)
    assert code == 0, out
    assert "1. separating" in out and "2. pooling" in out
    assert "c_reformer <= 3 and c_expansionist >= 2" in out


@pytest.mark.parametrize("option", [["--method", "pure"], ["--explain"], ["--format", "markdown"]])
def test_options_that_do_not_apply_are_refused(option: list[str]) -> None:
    code, _ = run("solve", GENEVA, *option)
    assert code == 2


SPIRAL = str(ROOT / "scenarios" / "spiral.yaml")


def test_spiral_scenario_has_every_bayesian_equilibrium_with_beliefs() -> None:
    code, out = run("solve", SPIRAL, "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert data["kind"] == "bayesian"
    assert data["priors"]["DPRK"] == {"security_seeker": "3/4", "greedy": "1/4"}
    described = [e["describe"] for e in data["equilibria"]]
    assert "US: Reassure; DPRK: security_seeker: Freeze, greedy: Arm" in described
    mixed = next(e for e in data["equilibria"] if "2/3" in e["describe"])
    # the security seekers freeze with probability 2/3; seeing Arm halves the odds: 3/4 -> 1/2
    arm = next(b for b in mixed["beliefs"] if b["action"] == "Arm")
    assert arm["probability"] == "1/2"
    assert arm["posterior"] == {"security_seeker": "1/2", "greedy": "1/2"}
    assert len(data["equilibria"]) == 3


def test_spiral_text_shows_types_and_rounds() -> None:
    code, out = run("solve", SPIRAL)
    assert code == 0, out
    assert "security_seeker: Freeze, greedy: Arm" in out
    assert "round" in out and "P(security_seeker)" in out


def test_prior_sweep_finds_the_exact_trust_threshold() -> None:
    from click.testing import CliRunner

    from gametrust.cli import cli

    for scenario in ("scenarios/spiral.yaml", "scenarios/korea_trust.yaml"):
        result = CliRunner().invoke(
            cli, ["sweep", scenario, "--prior", "DPRK.security_seeker", "--format", "json"]
        )
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert data["breakpoints"] == ["1/2"]  # below it only mutual hostility survives


def test_prior_sweep_json_is_the_sweep_data_under_a_scenario_header() -> None:
    import gametrust
    from gametrust.analysis.prior_sweep import sweep_prior

    path = "scenarios/spiral.yaml"
    scenario = gametrust.load(path)
    sweep = gametrust.sweep(scenario, "prior:DPRK.security_seeker")
    code, out = run("sweep", path, "--prior", "DPRK.security_seeker", "--format", "json")
    assert code == 0, out
    assert out == json.dumps({"schema_version": 1, "kind": "types-sweep",
                              "scenario": {"title": scenario.title, "file": path},
                              **sweep.to_dict()}, indent=2) + "\n"
    # the scenario's beliefs: add the trust threshold to the sweep of the bare game
    bare = sweep_prior(scenario.build_bayesian(), "DPRK", "security_seeker").to_dict()
    assert bare["segments"] == sweep.to_dict()["segments"] and bare["threshold"] is None
    assert sweep.threshold.value == Fraction(1, 2)


def test_prior_sweep_errors_are_one_located_line() -> None:
    from click.testing import CliRunner

    from gametrust.cli import cli

    for args in (
        ["sweep", "scenarios/korea.yaml", "--prior", "DPRK.security_seeker"],
        ["sweep", "scenarios/spiral.yaml", "--prior", "DPRK.nobody"],
        ["sweep", "scenarios/spiral.yaml", "--prior", "DPRK"],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and "--prior" in result.stderr


def test_bad_faith_prior_leaves_only_mutual_hostility() -> None:
    import gametrust
    from gametrust.solvers.bayesian import solve_bayesian

    korea = gametrust.load("scenarios/korea_trust.yaml")
    result = solve_bayesian(korea.build_bayesian())  # trust = 1/3 < 1/2
    assert [e.describe() for e in result.equilibria] == [
        "US: Pressure; DPRK: security_seeker: Arm, greedy: Arm"
    ]
    trusting = solve_bayesian(korea.build_bayesian({"trust": "2/3"}))
    assert any(e.describe() == "US: Reassure; DPRK: security_seeker: Freeze, greedy: Arm"
               for e in trusting.equilibria)


# -- beliefs: the trust threshold, the update rules and the spiral (issue 5 item 4) ------------

KOREA = str(ROOT / "scenarios" / "korea_trust.yaml")
SPIRAL = str(ROOT / "scenarios" / "spiral.yaml")


def beliefs_json(path: str, *args: str) -> dict:
    code, out = run("solve", path, "--format", "json", *args)
    assert code == 0, out
    return json.loads(out)


def effect(entry: dict, action: str) -> dict:
    return next(b for b in entry["beliefs"] if b["action"] == action)


@pytest.mark.parametrize("path", [KOREA, SPIRAL])
def test_exact_trust_threshold_is_one_half(path: str) -> None:
    data = beliefs_json(path)
    assert data["beliefs"]["threshold"] == "1/2"
    assert data["beliefs"]["threshold_attained"] is True
    assert data["beliefs"]["cooperative_reply"] == "Reassure"
    code, out = run("solve", path)
    assert code == 0 and "1/2" in out


def test_bad_faith_leaves_belief_after_freeze_and_lowers_it_after_arm() -> None:
    # At trust 3/4 the seeker freezes and the greedy type arms in one equilibrium.
    data = beliefs_json(KOREA, "--set", "trust=3/4")
    assert data["rule"] == "bad_faith"
    mixed = next(e for e in data["equilibria"]
                 if Fraction(effect(e, "Arm")["probability"]) not in (0, 1))
    freeze, arm = effect(mixed, "Freeze"), effect(mixed, "Arm")
    assert freeze["posterior"] == {"security_seeker": "3/4", "greedy": "1/4"}
    assert Fraction(arm["trust"]) < Fraction(3, 4)
    # Bayes' rule, by contrast, raises trust after a Freeze.
    bayes = beliefs_json(KOREA, "--set", "trust=3/4", "--update", "bayes")
    mixed_b = next(e for e in bayes["equilibria"]
                   if Fraction(effect(e, "Arm")["probability"]) not in (0, 1))
    assert Fraction(effect(mixed_b, "Freeze")["trust"]) > Fraction(3, 4)
    assert effect(mixed_b, "Arm")["trust"] == arm["trust"]


def test_spiral_marks_first_round_below_one_half() -> None:
    data = beliefs_json(SPIRAL, "--rounds", "4")
    mixed = next(e for e in data["equilibria"]
                 if effect(e, "Arm")["posterior"] == {"security_seeker": "1/2", "greedy": "1/2"})
    hostile = mixed["spirals"]["hostile"]
    trust = [r["trust"] for r in hostile["rounds"]]
    assert trust == ["3/4", "1/2", "1/4", "1/10", "1/28"]
    assert [r["below_threshold"] for r in hostile["rounds"]] == [False, False, True, True, True]
    assert hostile["first_below"] == 2
    assert [r["observed"] for r in hostile["rounds"]][1:] == ["Arm"] * 4
    assert mixed["spirals"]["likely"]["first_below"] is None
    code, out = run("solve", SPIRAL)
    assert code == 0 and "below the threshold from round 2" in out


def test_korea_bad_faith_prior_is_below_the_threshold_from_the_start() -> None:
    data = beliefs_json(KOREA)
    (only,) = data["equilibria"]
    assert only["spirals"]["hostile"]["first_below"] == 0
    assert effect(only, "Freeze")["below_threshold"] is True


def test_beliefs_options_refused_without_types() -> None:
    code, out = run("solve", str(ROOT / "scenarios" / "stag_hunt.yaml"), "--update", "bayes")
    assert code != 0 and "Traceback" not in out


def test_plot_of_belief_over_rounds(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "spiral.png"
    code, text = run("solve", SPIRAL, "--plot", str(out))
    assert code == 0, text
    assert out.stat().st_size > 0
