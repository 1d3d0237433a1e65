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
    from gametrust.bayesian import solve_bayesian

    korea = gametrust.load("scenarios/korea_trust.yaml")
    result = solve_bayesian(korea.build_bayesian())  # trust = 1/3 < 1/2
    assert [e.describe() for e in result.equilibria] == [
        "US: Pressure; DPRK: security_seeker: Arm, greedy: Arm"
    ]
    trusting = solve_bayesian(korea.build_bayesian({"trust": "2/3"}))
    assert any(e.describe() == "US: Reassure; DPRK: security_seeker: Freeze, greedy: Arm"
               for e in trusting.equilibria)
