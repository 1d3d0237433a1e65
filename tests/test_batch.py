"""``gametrust solve`` and ``check`` over many files: every file done, bad ones located, the
worst exit code at the end (gametrust/cli/batch.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
KOREA, STAG, MISSING = "scenarios/korea.yaml", "scenarios/stag_hunt.yaml", "scenarios/nope.yaml"
BAD = "tests/fixtures/bad/empathy_unknown_player.yaml"
WIDE = "tests/fixtures/scale/stag_hunt_wide.yaml"


run = run_cli


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_json_lines_give_each_file_its_own_answer_in_order() -> None:
    result = run("solve", KOREA, MISSING, STAG, "--format", "json")
    lines = result.stdout.splitlines()
    documents = [json.loads(line) for line in lines]
    assert [d["file"] for d in documents] == [KOREA, MISSING, STAG]
    # each result is what `solve FILE --format json` writes for that file alone
    alone = json.loads(run("solve", STAG, "--format", "json").stdout)
    assert documents[2]["result"] == alone
    pure = {tuple(e["profile"]) for e in documents[0]["result"]["equilibria"]}
    assert pure == {("Pressure", "Arm")}  # the Singapore stand-off, without empathy
    assert documents[1]["exit_code"] == 2 and MISSING in documents[1]["error"]
    # the bad file is reported on stderr, located, and the run went on: exit 2 at the end
    assert result.stderr.splitlines() == [f"error: {MISSING}: no such file"]
    assert result.exit_code == 2


def test_an_array_holds_the_same_documents() -> None:
    lines = run("solve", KOREA, STAG, "--format", "json").stdout.splitlines()
    result = run("solve", KOREA, STAG, "--format", "json", "--array")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [json.loads(line) for line in lines]


def test_text_puts_a_header_before_each_report_and_locates_a_bad_file() -> None:
    result = run("solve", STAG, BAD, KOREA)
    assert result.exit_code == 2
    headers = [line for line in result.stdout.splitlines() if line.startswith("==> ")]
    assert headers == [f"==> {STAG} <==", f"==> {KOREA} <=="]
    assert run("solve", STAG).stdout in result.stdout  # the single report, unchanged
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {BAD}:14:18: empathy.NK: ")  # file, line, column, key


def test_check_over_many_files_sums_up_and_fails_when_one_claim_fails() -> None:
    result = run("check", "scenarios/arms_race.yaml", WIDE, "scenarios/chicken.yaml",
                 "--seed", "1", "--examples", "20")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == (
        "checked 3 files: 2 hold, 1 with a failing claim, 0 could not be checked")
    ok = run("check", "scenarios/arms_race.yaml", "scenarios/chicken.yaml", "--seed", "1")
    assert ok.exit_code == 0


def test_check_reports_a_bad_file_and_a_file_without_claims_with_exit_2() -> None:
    result = run("check", "scenarios/arms_race.yaml", MISSING, "tests/fixtures/gambit/e02.nfg",
                 "--format", "json", "--seed", "1")
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert [("result" in d, d["file"]) for d in documents] == [
        (True, "scenarios/arms_race.yaml"), (False, MISSING),
        (False, "tests/fixtures/gambit/e02.nfg"),
    ]
    assert documents[0]["result"]["ok"] is True
    assert "states no claims" in documents[2]["error"]
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "checked 3 files: 1 hold, 0 with a failing claim, 2 could not be checked")
