"""Unusual input ends in an answer or one located line: huge numbers, limits, progress, Ctrl-C.

Every case here was an internal error (exit 1), a hang or a memory blow-up
before (issue 10, item 8): exact numbers of any size must stay exact, every
input that can make the work explode is refused against a documented limit
(docs/limits.md) with exit 2, and a long run shows progress and stops on
Ctrl-C with exit 130 and one line saying what was done.
"""

from __future__ import annotations

import io
import json
import re
import shlex
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from test_cli import _at_root, run  # noqa: F401 - _at_root: the autouse fixture

from gametrust import NormalFormGame, solve
from gametrust.cli.progress import Bar, showing_progress
from gametrust.core import limits, progress
from gametrust.core.errors import ArgumentError
from gametrust.formats.load import load
from gametrust.model.reduced import reduced_normal_form
from gametrust.model.tree_size import plan_counts

ROOT = Path(__file__).resolve().parent.parent
KOREA = "scenarios/korea.yaml"
BONDS = ROOT / "tests" / "fixtures" / "bad" / "too_many_commitments.yaml"


@pytest.fixture(autouse=True)
def _no_raised_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    for entry in limits.LIMITS.values():
        monkeypatch.delenv(entry.variable, raising=False)


def one_error(result, code: int = 2) -> str:
    assert result.exit_code == code, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ")
    return line


# -- exact numbers of any size stay exact --------------------------------------------------------


def test_a_parameter_beyond_float_range_gives_the_exact_answer(many_digits: None) -> None:
    """korea.yaml with relief = 10^154 is a Stag Hunt: the US reassures only if
    P(Freeze) >= 2 / (relief - 3) (indifference: 2 + 3q = relief q)."""
    relief = 10**154
    result = run("solve", KOREA, "--set", "relief=1e154", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    mixed = [e for e in data["equilibria"] if e["kind"] != "pure"]
    assert {tuple(e["profile"]) for e in data["equilibria"] if e["kind"] == "pure"} == {
        ("Pressure", "Arm"), ("Reassure", "Freeze")}
    (e,) = mixed
    assert Fraction(e["strategies"]["DPRK"]["Freeze"]) == Fraction(2, relief - 3)


def test_an_empathy_weight_beyond_float_range_gives_the_exact_answer(many_digits: None) -> None:
    result = run("solve", KOREA, "--empathy", "US=1e160", "--format", "json")
    assert result.exit_code == 0, result.stderr
    (e,) = json.loads(result.stdout)["equilibria"]
    assert tuple(e["profile"]) == ("Reassure", "Arm")  # the US now values DPRK's 5 above all
    assert Fraction(e["payoffs"]["US"]) == 5 * 10**160


def test_a_gambit_payoff_of_1e999_is_exact(tmp_path: Path, many_digits: None) -> None:
    """A coordination game with one huge payoff: the mixed equilibrium puts
    exactly 1 / (10^999 + 1) on the column player's first strategy."""
    game = tmp_path / "huge.nfg"
    game.write_text('NFG 1 R "huge" { "A" "B" } { 2 2 }\n1e999 1 0 0 0 0 1 1\n')
    result = run("solve", str(game), "--format", "json")
    assert result.exit_code == 0, result.stderr
    mixed = [e for e in json.loads(result.stdout)["equilibria"] if e["kind"] != "pure"]
    (e,) = mixed
    assert Fraction(e["strategies"]["B"]["1"]) == Fraction(1, 10**999 + 1)


@pytest.mark.parametrize("scale", [10**100, 10**155, 10**400])
def test_enumeration_is_invariant_under_huge_scaling(scale: int) -> None:
    """Multiplying a player's payoffs by a positive constant changes no equilibrium."""
    a = [[3, 0, 2], [2, 2, 1], [0, 3, 3]]
    b = [[3, 2, 0], [0, 2, 1], [1, 0, 3]]
    small = solve(NormalFormGame.from_arrays(a, b))
    big = solve(NormalFormGame.from_arrays([[scale * v for v in row] for row in a], b))
    assert [e.strategies for e in big] == [e.strategies for e in small]


# -- limits ----------------------------------------------------------------------------------------


def test_every_limit_is_documented() -> None:
    text = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    for entry in limits.LIMITS.values():
        assert entry.variable in text
        assert f"{entry.default:,}" in text


def test_the_examples_in_docs_limits_are_real_output() -> None:
    text = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    (console,) = re.findall(r"```console\n(.*?)```", text, re.DOTALL)
    shown = re.findall(r"^\$ gametrust (.*)\n(.*)$", console, re.MULTILINE)
    assert len(shown) == 2
    for command, output in shown:
        result = run(*shlex.split(command))
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [output]
    (python,) = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    exec(compile(python, "<docs/limits.md>", "exec"), {})


def test_a_limit_is_raised_by_its_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    line = one_error(run("validate", str(BONDS)))
    assert "GAMETRUST_MAX_COMMITMENTS=5" in line and ":80:1: commitments:" in line
    monkeypatch.setenv("GAMETRUST_MAX_COMMITMENTS", "5")
    result = run("validate", str(BONDS))
    assert result.exit_code == 0, result.stderr


def test_a_bad_limit_value_is_an_argument_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAMETRUST_MAX_PROFILES", "lots")
    line = one_error(run("solve", KOREA))
    assert "GAMETRUST_MAX_PROFILES: must be a positive whole number" in line
    with pytest.raises(ArgumentError):
        limits.limit("profiles")


@pytest.mark.parametrize(
    ("args", "variable"),
    [
        (["sweep", KOREA, "--empathy", "--grid", "1000000"], "GAMETRUST_MAX_GRID"),
        (["sweep", KOREA, "--empathy", "US", "--empathy", "DPRK", "--grid", "5000"],
         "GAMETRUST_MAX_MAP_GRID"),
        (["check", KOREA, "--examples", "1000000"], "GAMETRUST_MAX_EXAMPLES"),
    ],
)
def test_options_asking_for_too_much_work_exit_2(args: list[str], variable: str) -> None:
    line = one_error(run(*args))
    assert f"{variable}=" in line
    assert line.startswith(f"error: {args[-2]}: ")


def test_a_reduced_normal_form_over_the_limit_names_the_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The limit is reached deep inside the tree solver; the line names the file."""
    monkeypatch.setenv("GAMETRUST_MAX_COMMITMENTS", "5")
    monkeypatch.setenv("GAMETRUST_MAX_PROFILES", "1000")
    path = tmp_path / "bonds.yaml"
    path.write_text(BONDS.read_text())
    line = one_error(run("solve", str(path)))  # validate builds the stage game only
    assert line.startswith(f"error: {path}: the reduced normal form")
    assert "GAMETRUST_MAX_PROFILES" in line


def test_plan_counts_equal_the_reduced_normal_form() -> None:
    for name in ("agreed_framework_1994", "korea_moratorium", "inspection_leadership"):
        tree = load(ROOT / "scenarios" / f"{name}.yaml").build_tree()
        assert plan_counts(tree) == list(reduced_normal_form(tree)[0].shape)
    with limits.raised(commitments=5):
        tree = load(BONDS).build_tree()
    counts = plan_counts(tree)
    assert counts[0] * counts[1] > 1000
    with limits.raised(profiles=1000), pytest.raises(limits.LimitError):
        reduced_normal_form(tree)


# -- progress and Ctrl-C -----------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_draws_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("gametrust.cli.progress.DELAY", 0.0)
    monkeypatch.setattr("gametrust.cli.progress.INTERVAL", 0.0)
    terminal, pipe = _Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        with showing_progress(stream):
            for k in range(3):
                progress.step("counting", k, 3)
    assert "counting  2/3 [" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\x1b[K")  # erased at the end
    assert pipe.getvalue() == ""


def test_an_inner_task_does_not_take_the_line_from_an_outer_one() -> None:
    bar = Bar(io.StringIO(), draw=False)
    bar(progress.Step("sweep", 1))
    bar(progress.Step("enumeration", 1, 6))
    bar(progress.Step("sweep", 2))
    assert bar.last == progress.Step("sweep", 2)


def test_ctrl_c_exits_130_saying_what_was_done(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args, **kwargs):
        progress.step("sweep: solving the game at candidate points", 37, 120)
        raise KeyboardInterrupt

    monkeypatch.setattr(sys.modules["gametrust.analysis.run"], "sweep", interrupted)
    line = one_error(run("sweep", KOREA, "--empathy"), 130)
    assert line == (
        "error: interrupted (sweep: solving the game at candidate points: 37 of 120 done)"
    )


def test_ctrl_c_wrapped_by_a_c_extension_still_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def wrapped(*args, **kwargs):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as exc:  # what numpy's object loops make of it
            raise SystemError("returned a result with an exception set") from exc

    monkeypatch.setattr(sys.modules["gametrust.analysis.run"], "analyse", wrapped)
    assert one_error(run("solve", KOREA), 130) == "error: interrupted"


# -- found by the fuzz run: huge values and bad weights met in sweeps and types --


@pytest.mark.parametrize(
    "args",
    [
        ["sweep", KOREA, "--empathy", "US", "--set", "relief=1e154"],
        ["sweep", KOREA, "--param", "relief", "--to", "1e999"],
        ["sweep", "scenarios/agreed_framework_1994.yaml", "--empathy", "--set", "cost=-1e200"],
    ],
)
def test_sweeps_with_huge_values_answer_or_refuse(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code in (0, 2)
    assert "internal error" not in result.stderr


def test_a_bad_empathy_weight_with_types_is_a_located_error() -> None:
    line = one_error(run("solve", "scenarios/spiral.yaml", "--empathy", "US=x"))
    assert line.startswith("error: --empathy US: ")


def test_a_sweep_of_a_tree_too_large_to_sweep_exactly_is_refused_at_once() -> None:
    """Kuhn poker's 27x64 reduced normal form has ~10^23 bases: a limit, not hours of work."""
    line = one_error(run("sweep", "tests/fixtures/gambit/kuhn_poker_openspiel.efg", "--empathy"))
    assert "27x64 game" in line and "GAMETRUST_MAX_SWEEP_WORK" in line


def test_a_sweep_with_a_parameter_of_a_thousand_digits_answers(many_digits: None) -> None:
    """Quadratic breakpoints with 3,000-bit coefficients are isolated by integer square roots
    (complex root-finding on them took minutes)."""
    result = run("sweep", "scenarios/chicken.yaml", "--empathy", "--set", "crash=1e-999")
    assert result.exit_code == 0, result.stderr


def test_a_tree_sweep_of_a_large_subgame_is_refused_at_once() -> None:
    """Gambit's 2_player_chance.efg has a 9x8 subgame: 26,866 polynomial determinants and
    differences per sample point (over 30 s each before): a located limit instead."""
    line = one_error(run("sweep", "tests/fixtures/gambit/2_player_chance.efg", "--empathy"))
    assert "9x8 game" in line and "GAMETRUST_MAX_SWEEP_WORK" in line


def test_an_irrational_breakpoint_beyond_the_float_range_is_a_located_error() -> None:
    """``--to 1e999`` on a mutated Prisoner's Dilemma (fuzz input 2026): a breakpoint with
    2,000-digit coefficients (a ValueError printing it, an OverflowError solving there
    before)."""
    result = run("sweep", "tests/fixtures/fuzz/pd_mutated_2026.nfg", "--empathy",
                 "--to", "1e999")
    assert result.exit_code in (0, 2), result.stderr
    assert "internal error" not in result.stderr


def test_a_float_game_with_a_weight_beyond_the_float_range_is_a_located_error() -> None:
    """A mutated arms race (fuzz input 4435) swept over one player's empathy overflowed a
    float in model/empathy.py: a located error instead."""
    result = run("sweep", "tests/fixtures/fuzz/arms_race_mutated_4435.nfg", "--empathy", "USSR")
    assert result.exit_code in (0, 2), result.stderr
    assert "internal error" not in result.stderr


def test_an_n_player_game_past_the_supports_limit_lists_pure_equilibria_and_says_why() -> None:
    """The supports limit is documented and raisable: a 2x2x2 game has 27 support profiles."""
    import numpy as np

    from gametrust.core.limits import raised

    game = NormalFormGame.from_payoff_tensor(np.arange(24).reshape(3, 2, 2, 2) % 5)
    with raised(supports=26):
        result = solve(game)
    assert result.concept == "pure-nash" and not result.complete
    assert any("27 support profiles" in w and "GAMETRUST_MAX_SUPPORTS" in w
               for w in result.warnings)
    with raised(supports=27):
        assert solve(game).concept == "nash"


@pytest.mark.parametrize("args", [
    ("solve", "tests/fixtures/fuzz/kuhn_mutated_1358.efg"),  # Lemke-Howson's float path
    ("solve", "tests/fixtures/fuzz/korea_china_mutated_1737.nfg", "--empathy", "DPRK=1e1000"),
    ("sweep", "tests/fixtures/fuzz/korea_repeated_mutated_2026.nfg", "--empathy",
     "--to", "1e999"),  # a breakpoint's float approximation
    ("sweep", "scenarios/korea_repeated.yaml", "--param", "relief", "--set", "delta=-1"),
    ("solve", "tests/fixtures/fuzz/korea_china_mutated_3678.nfg", "--empathy", "US=10"),
    ("sweep", "tests/fixtures/fuzz/chicken_mutated_5327.yaml", "--param", "crash", "--from",
     "1/3", "--to", "1e1000", "--grid", "11", "--format", "json"),  # a grid point's approx
])
def test_what_the_last_fuzz_run_found_answers_or_is_a_located_error(
    args: tuple[str, ...],
) -> None:
    """Internal errors (float overflows, a singular system at a discount of -1) found by the
    fuzz run of the final code (inputs 1358, 1737, 2026, 561, 3678: an algebraic number
    whose radical has an integer too long to print)."""
    result = run(*args)
    assert result.exit_code in (0, 2), result.stderr
    assert "internal error" not in result.stderr


def test_a_number_beyond_the_digits_limit_is_refused_where_it_is_written(
    tmp_path: Path,
) -> None:
    """The fuzz inputs that ran for minutes (a 3x3 sweep with a payoff of 1e999, Fig 6.8's
    tree with one) are refused at the number, with the limit and how to raise it."""
    nfg = tmp_path / "huge.nfg"
    nfg.write_text('NFG 1 R "" { "1" "2" } { 2 2 }\n1e999 1 0 0 0 0 1 1\n', encoding="utf-8")
    result = run("sweep", str(nfg), "--empathy")
    assert result.exit_code == 2
    assert f"{nfg}:2:1: '1e999' has 1,000 digits in its numerator" in result.stderr
    assert "GAMETRUST_MAX_DIGITS" in result.stderr
    for args, where in (
        (("--set", "relief=1e100"), "--set relief: '1e100' has 101 digits in its numerator"),
        (("--empathy", "US=1e-300"), "'1e-300' has 301 digits in its denominator"),
    ):
        result = run("solve", KOREA, *args)
        assert result.exit_code == 2 and where in result.stderr, result.stderr
    text = (ROOT / KOREA).read_text(encoding="utf-8").replace(
        "Pressure, Arm:    [2, 2]", "Pressure, Arm:    [1e-320, 2]")
    scenario = tmp_path / "korea.yaml"
    scenario.write_text(text, encoding="utf-8")
    result = run("solve", str(scenario))
    assert result.exit_code == 2
    assert "korea.yaml:65:22: payoffs.'Pressure, Arm'[0]: number 1e-320" in result.stderr
    assert "321 digits in its denominator" in result.stderr
    assert run("solve", KOREA, "--set", "relief=1e99").exit_code == 0
