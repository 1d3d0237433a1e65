"""Sweeps of games with types and costly signals: the whole game, exactly, at every point.

Known answers: a costly signal separates the types exactly when it costs the
trustworthy type at most what being trusted gains it (k_T <= 1) and the
untrustworthy one at least what mimicking gains it (k_U >= 3/2); in Kydd's
two-sided model the trustworthy types reciprocate iff the common prior is at
least c / (1 - t_T + c).  Cross-checks: at every breakpoint and at random
rational points of random parametric scenarios, the sweep's equilibria are
those ``solve`` finds on the game built there.
"""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

import gametrust
from gametrust.analysis.types_sweep_result import TypesPoint, TypesSweep
from gametrust.cli import cli
from gametrust.core.errors import GametrustError
from gametrust.solvers.bayesian import solve_bayesian
from gametrust.solvers.signalling import solve_signalling

ROOT = Path(__file__).resolve().parent.parent
COSTLY = str(ROOT / "tests" / "fixtures" / "types" / "costly_signal.yaml")
KYDD = str(ROOT / "scenarios" / "kydd_reassurance.yaml")


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def run(*args: str) -> tuple[int, str, str]:
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        runner = CliRunner()
    result = runner.invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def region(sweep: TypesSweep, holds) -> list[tuple]:
    """The maximal spans (lo, hi, closed_lo, closed_hi) of the sweep where ``holds(result)``."""
    out: list[list] = []
    for seg in sweep.segments():
        span = ([seg.value, seg.value, True, True] if isinstance(seg, TypesPoint)
                else [seg.lo, seg.hi, seg.closed_lo, seg.closed_hi])
        if seg.result is None or not holds(seg.result):
            continue
        if out and out[-1][1] == span[0] and (out[-1][3] or span[2]):
            out[-1][1], out[-1][3] = span[1], span[3]
        else:
            out.append(span)
    return [tuple(r) for r in out]


# -- a costly signal: separation iff k_T <= 1 and k_U >= 3/2 -------------------------------------


@pytest.mark.parametrize(
    ("name", "breakpoint", "separating"),
    [("kT", F(1), (F(0), F(1), True, True)), ("kU", F(3, 2), (F(3, 2), F(3), True, True))],
)
def test_signal_cost_sweeps_find_exactly_where_separation_holds(name, breakpoint, separating):
    scenario = gametrust.load(COSTLY)
    sweep = gametrust.sweep(scenario, f"param:{name}")
    assert isinstance(sweep, TypesSweep) and sweep.game == "signalling"
    assert breakpoint in [b.value for b in sweep.breakpoints]
    assert region(sweep, lambda r: bool(r.separating)) == [separating]
    # solve agrees on both sides and at the breakpoint
    for value in (breakpoint - F(1, 4), breakpoint, breakpoint + F(1, 4)):
        direct = gametrust.solve(scenario, parameters={name: value})
        expected = value <= 1 if name == "kT" else value >= F(3, 2)
        assert bool(direct.separating) == expected == bool(sweep.at(value).result.separating)


def test_signal_cost_sweeps_on_the_command_line() -> None:
    for name, point in (("kT", "1"), ("kU", "3/2")):
        code, out, err = run("sweep", COSTLY, "--param", name, "--format", "json")
        assert code == 0, err
        data = json.loads(out)
        assert data["kind"] == "types-sweep" and data["game"] == "signalling"
        assert point in data["breakpoints"]
    code, out, _ = run("sweep", COSTLY, "--param", "kT")
    assert code == 0 and "kT in (1, 2]: 1 PBE (1 pooling)" in out


def test_the_hybrid_equilibrium_follows_the_cost_exactly() -> None:
    # U mixes so that the receiver is indifferent after Signal (belief 2/3); the receiver
    # cooperates with probability y, U indifferent: 3/2 y = k_U; T gains y - k_T >= 0
    sweep = gametrust.sweep(gametrust.load(COSTLY), "param:kU")
    interval = sweep.at(F(1))
    (hybrid,) = [p for p in interval.pieces if p.kind == "hybrid"]
    for k in (F(4, 5), F(1), F(7, 5)):
        at = hybrid.at(k)
        assert at["receiver"]["Signal"]["Cooperate"] == F(2, 3) * k
        assert at["sender_payoffs"]["T"] == F(2, 3) * k - F(1, 2)
        assert at["beliefs"]["Signal"]["T"] == F(2, 3)


def test_prior_sweep_of_a_signalling_scenario() -> None:
    # the receiver pools on cooperation only when it trusts the sender enough: P(T) >= 2/3
    code, out, err = run("sweep", COSTLY, "--prior", "S.T", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["breakpoints"] == ["2/3"] and data["axis"]["player"] == "S"
    ends = [s for s in data["segments"] if s["type"] == "point" and s["at"]["value"] in "01"]
    assert all(s["equilibria"] is None and "positive" in s["note"] for s in ends)
    code, out, err = run("sweep", "scenarios/geneva_1985.yaml", "--prior", "USSR.reformer")
    assert code == 0, err
    assert "p = 2/3: 4 PBE" in out
    # a common prior of a signalling game is the sender's prior
    common = gametrust.sweep(gametrust.load(COSTLY), "prior:common")
    assert common.axis.player == "S" and [b.value for b in common.breakpoints] == [F(2, 3)]


def test_a_parameter_in_the_prior_and_the_cost_moves_both() -> None:
    text = Path(COSTLY).read_text().replace("T: {Signal: kT}", "T: {Signal: trust}")
    scenario = gametrust.loads(text)
    sweep = gametrust.sweep(scenario, "param:trust")
    for t in (F(1, 5), F(1, 2), F(2, 3), F(9, 10)):
        direct = gametrust.solve(scenario, parameters={"trust": t})
        assert sorted(map(repr, sweep.equilibria_at(t))) == sorted(
            repr(path_of_play(e)) for e in direct)


# -- Kydd: types on both sides, one common prior ------------------------------------------------


def test_kydd_threshold_is_two_thirds_from_solve_and_from_a_common_prior_sweep() -> None:
    code, out, err = run("solve", KYDD, "--format", "json")
    assert code == 0, err
    beliefs = json.loads(out)["beliefs"]
    assert (beliefs["threshold"], beliefs["threshold_attained"]) == ("2/3", True)
    assert beliefs["threshold_over"] == "the common prior P(trustworthy)"
    assert {(a["player"], a["type"]) for a in beliefs["threshold_agents"]} == {
        ("West", "trustworthy"), ("East", "trustworthy")}
    code, out, _ = run("solve", KYDD)
    assert "exists iff the common prior P(trustworthy) >= 2/3" in out
    scenario = gametrust.load(KYDD)
    for variable in ("prior:common", "prior:common.trustworthy", "param:pi"):
        sweep = gametrust.sweep(scenario, variable)
        assert [b.value for b in sweep.breakpoints] == [F(2, 3)]
        assert (sweep.threshold.value, sweep.threshold.attained) == (F(2, 3), True)
    code, out, err = run("sweep", KYDD, "--prior", "common", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["threshold"]["value"] == "2/3"


@pytest.mark.parametrize(("t_T", "c"), [("1/2", "1"), ("0", "1"), ("1/4", "1/2"), ("3/4", "2")])
def test_kydd_threshold_is_c_over_one_minus_t_plus_c(t_T, c) -> None:
    report = gametrust.analyse(gametrust.load(KYDD), parameters={"tT": t_T, "c": c})
    threshold = report.analysis.dynamics.threshold
    assert threshold.value == F(c) / (1 - F(t_T) + F(c)) and threshold.attained


def test_one_sided_threshold_is_unchanged() -> None:
    report = gametrust.analyse(gametrust.load("scenarios/korea_trust.yaml"))
    assert report.analysis.dynamics.threshold.value == F(1, 2)


# -- errors that say so --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("sweep", KYDD, "--prior", "common.nobody"),
        ("sweep", COSTLY, "--prior", "S.X"),
        ("sweep", KYDD, "--param", "pi", "--grid", "5"),
        ("sweep", KYDD, "--param", "pi", "--format", "csv"),
        ("sweep", KYDD, "--empathy", "West", "--empathy", "East"),
        ("sweep", "scenarios/korea.yaml", "--prior", "common"),
        ("sweep", KYDD, "--prior", "common", "--from", "-1"),
        ("sweep", KYDD, "--prior", "common", "--plot", "kydd.png"),
    ],
)
def test_unsupported_combinations_are_located_errors(args) -> None:
    code, _, err = run(*args)
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("error: --")


# -- cross-checks: the sweep's equilibria are solve's ---------------------------------------------


def path_of_play(e) -> dict:
    on = set(e.on_path)
    return {
        "sender": {t: dict(r) for t, r in e.sender.items()},
        "receiver": {m: dict(r) for m, r in e.receiver.items() if m in on},
        "beliefs": {m: dict(r) for m, r in e.beliefs.items() if m in on},
        "sender_payoffs": dict(e.sender_payoffs),
        "receiver_payoff": e.receiver_payoff,
    }


def _expr(draw) -> str:
    a = draw(st.integers(-2, 2))
    b = draw(st.sampled_from([0, 0, 1, -1, 2, -2]))
    if not b:
        return str(a)
    return f"{a} {'+' if b > 0 else '-'} {abs(b)}*x"


@st.composite
def bayesian_scenarios(draw) -> str:
    """Two players, types on one or both sides; payoffs and priors linear in x."""
    profiles = ["a0, b0", "a0, b1", "a1, b0", "a1, b1"]
    lines = ["gametrust: 1", "title: random", "players:", "  A: {actions: [a0, a1]}",
             "  B: {actions: [b0, b1]}", "parameters:", "  x: {value: 1/2, range: [0, 1]}",
             "payoffs:"]
    lines += [f"  {p}: [{_expr(draw)}, {_expr(draw)}]" for p in profiles]
    lines.append("types:")
    sides = ["B", "A"] if draw(st.booleans()) else ["B"]
    for player in sides:
        prior = draw(st.sampled_from(["x", "1/2", "(1 + x)/3", "1/3"]))
        lines += [f"  {player}:", f"    t0: {{prior: {prior}}}", "    t1:",
                  f"      prior: 1 - ({prior})", "      payoffs:"]
        for p in draw(st.lists(st.sampled_from(profiles), min_size=1, max_size=2, unique=True)):
            lines.append(f"        {p}: [{_expr(draw)}, {_expr(draw)}]")
    return "\n".join(lines) + "\n"


@st.composite
def signalling_scenarios(draw) -> str:
    """A sender with two types and two signals; payoffs, prior and costs linear in x."""
    profiles = ["r0, s0", "r0, s1", "r1, s0", "r1, s1"]
    prior = draw(st.sampled_from(["1/2", "(1 + x)/3", "(1 + 2*x)/4"]))
    lines = ["gametrust: 1", "title: random", "players:", "  R: {actions: [r0, r1]}",
             "  S: {actions: [s0, s1]}", "parameters:", "  x: {value: 1/2, range: [0, 1]}",
             "payoffs:"]
    lines += [f"  {p}: [{_expr(draw)}, {_expr(draw)}]" for p in profiles]
    lines += ["types:", "  S:", f"    T: {{prior: {prior}}}", "    U:",
              f"      prior: 1 - ({prior})", "      payoffs:"]
    for p in draw(st.lists(st.sampled_from(profiles), min_size=1, max_size=2, unique=True)):
        lines.append(f"        {p}: [{_expr(draw)}, {_expr(draw)}]")
    lines += ["signalling:", "  sender: S", "  receiver: R", "  signals: [m0, m1]", "  cost:",
              f"    T: {{m0: {_expr(draw)}}}", f"    U: {{m0: {_expr(draw)}}}"]
    return "\n".join(lines) + "\n"


def _points(sweep: TypesSweep, extra: list[F]) -> list[F]:
    points = [p.value for p in sweep.points() if isinstance(p.value, F)]
    points += [i.sample for i in sweep.intervals] + [F(0), F(1)] + extra
    return points


def _solve_or_none(build, t):
    try:
        game = build(t)
    except GametrustError:
        return None
    return game


@settings(max_examples=10)
@given(bayesian_scenarios(), st.lists(st.fractions(0, 1, max_denominator=12), max_size=2))
def test_bayesian_sweep_agrees_with_solve_at_every_point(text, extra) -> None:
    scenario = gametrust.loads(text)
    sweep = gametrust.sweep(scenario, "param:x")
    for t in _points(sweep, extra):
        direct = solve_bayesian(scenario.build_bayesian({"x": t}))
        assert set(sweep.equilibria_at(t)) == {e.strategies for e in direct}, (t, text)


@settings(max_examples=6)
@given(bayesian_scenarios(), st.sampled_from(["empathy", "prior:common", "prior:B.t0"]),
       st.lists(st.fractions(0, 1, max_denominator=12), max_size=2))
def test_bayesian_sweeps_of_empathy_and_priors_agree_with_solve(text, variable, extra) -> None:
    scenario = gametrust.loads(text)
    sweep = gametrust.sweep(scenario, variable)
    for t in _points(sweep, extra):
        direct = solve_bayesian(sweep.solver(t).game) if sweep.solver else None
        game = scenario.build_bayesian(None, {"A": t, "B": t}) if variable == "empathy" else (
            direct.game)
        assert set(sweep.equilibria_at(t)) == {e.strategies for e in solve_bayesian(game)}
        if variable != "empathy":
            assert game.prior("B")["t0"] == t


# Found by hypothesis: an equilibrium (pooling on m1) that exists on part of an interval only,
# not at its sample point; what decides it (can m0 be deterred?) must be tracked all the same.
SUBSIDY = """gametrust: 1
title: random
players:
  R: {actions: [r0, r1]}
  S: {actions: [s0, s1]}
parameters:
  x: {value: 1/2, range: [0, 1]}
payoffs:
  r0, s0: [-1, -1 + 1*x]
  r0, s1: [0, -2]
  r1, s0: [0, 2 - 1*x]
  r1, s1: [-2 + 1*x, 0 + 1*x]
types:
  S:
    T: {prior: 1/2}
    U:
      prior: 1 - (1/2)
      payoffs:
        r1, s0: [0, 0]
        r0, s1: [0, 0 - 2*x]
signalling:
  sender: S
  receiver: R
  signals: [m0, m1]
  cost:
    T: {m0: -1 - 1*x}
    U: {m0: -1 + 2*x}
"""


@settings(max_examples=8)
@given(signalling_scenarios(), st.lists(st.fractions(0, 1, max_denominator=12), max_size=2))
@example(SUBSIDY, [F(9, 11)])
def test_signalling_sweep_agrees_with_solve_at_every_point(text, extra) -> None:
    scenario = gametrust.loads(text)
    try:
        sweep = gametrust.sweep(scenario, "param:x")
    except GametrustError as exc:  # a stage reply tied for every x: undefined everywhere
        assert "defined nowhere" in exc.message
        assert _solve_or_none(lambda v: scenario.build_signalling({"x": v}), F(1, 3)) is None
        return
    for t in _points(sweep, extra):
        game = _solve_or_none(lambda v: scenario.build_signalling({"x": v}), t)
        where = sweep.at(t)
        if game is None:  # the signal stage is undefined there (a tie): so says the sweep
            assert isinstance(where, TypesPoint) and where.result is None, (t, text)
            continue
        direct = sorted(repr(path_of_play(e)) for e in solve_signalling(game))
        assert sorted(map(repr, sweep.equilibria_at(t))) == direct, (t, text)


# -- output --------------------------------------------------------------------------------------


def test_json_of_every_kind_of_types_sweep_fits_its_schema() -> None:
    import jsonschema

    from gametrust.report.types_sweep import schema

    validator = jsonschema.Draft202012Validator(schema())
    irrational = str(ROOT / "tests" / "fixtures" / "types" / "irrational.yaml")
    for args in ((KYDD, "--prior", "common"), (KYDD, "--empathy"), (COSTLY, "--param", "kT"),
                 (COSTLY, "--prior", "S.T"), (irrational, "--param", "x")):
        code, out, err = run("sweep", *args, "--format", "json")
        assert code == 0, err
        validator.validate(json.loads(out))


def test_an_irrational_breakpoint_is_exact_and_solved_in_floats() -> None:
    sweep = gametrust.sweep(gametrust.load(ROOT / "tests/fixtures/types/irrational.yaml"), "x")
    (point,) = sweep.breakpoints
    assert not point.exact and abs(float(point.value) - 2 ** -0.5) < 1e-12
    data = sweep.to_dict()
    assert data["breakpoints"] == ["sqrt(2)/2"] and "in floats" in data["segments"][2]["count"]
    # on each side the formulas hold exactly
    for t in (F(7, 10), F(71, 100)):
        direct = solve_bayesian(gametrust.load(
            ROOT / "tests/fixtures/types/irrational.yaml").build_bayesian({"x": t}))
        assert set(sweep.equilibria_at(t)) == {e.strategies for e in direct}


def test_the_documented_commands_run() -> None:
    doc = (ROOT / "docs" / "sweep.md").read_text(encoding="utf-8")
    section = doc.split("## Sweeps of games with types", 1)[1]
    lines = [line.split("#")[0].split()[2:] for line in section.splitlines()
             if line.startswith("$ gametrust sweep")]
    assert len(lines) == 3
    for args in lines:
        code, out, err = run(*args)
        assert code == 0 and "Summary:" in out, err


def test_two_sided_types_need_the_trusted_type_on_both_sides() -> None:
    text = Path(KYDD).read_text(encoding="utf-8").replace(
        "  West:\n    trustworthy: {prior: pi}\n    untrustworthy:",
        "  West:\n    dove: {prior: pi}\n    hawk:")
    scenario = gametrust.loads(text)
    with pytest.raises(GametrustError) as info:
        gametrust.analyse(scenario)
    assert info.value.location.path == ("beliefs", "trusted")
    assert "none named 'trustworthy'" in info.value.message
