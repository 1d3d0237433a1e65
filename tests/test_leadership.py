"""Leadership in mixed strategies (``leadership:``): the leader's optimal commitment, exactly.

Known answers (the inspection game with false alarms: p* = 20/63, the state legal, the
inspector -22/63 against -22/13 simultaneously), invariances (positive affine
transformations of either player's payoffs), agreement with ``order:`` where a pure
commitment is optimal, and cross-checks on random games (the response is a best response
and no mixed strategy on a grid does better for the leader; never worse than a Nash
equilibrium).
"""

from __future__ import annotations

import doctest
import json
import re
from fractions import Fraction
from itertools import product
from pathlib import Path

import hypothesis.strategies as st
import jsonschema
import pytest
from hypothesis import given, settings
from test_cli import _at_root, run  # noqa: F401 - _at_root: the autouse fixture

import gametrust
from gametrust.core.errors import ScenarioError
from gametrust.formats.scenario_data import scenario_from_data, scenario_to_data
from gametrust.model.game import NormalFormGame
from gametrust.report.json import result_schema
from gametrust.solvers.stackelberg import leader_commitment
from gametrust.testing.games import games

ROOT = Path(__file__).resolve().parent.parent
FILE = "scenarios/inspection_mixed_leadership.yaml"
F = Fraction


# -- the inspection game with false alarms, from the command line ---------------------------------


def test_inspector_leadership_from_the_cli_json() -> None:
    result = run("solve", FILE, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(result_schema()).validate(data)
    commitment = data["commitment"]
    assert commitment["leader"] == "Inspector"
    assert commitment["strategy"] == {"Inspect": "20/63", "Trust": "43/63"}
    assert commitment["response"] == "Comply"  # the inspectee acts legally
    assert commitment["payoffs"] == {"Inspector": "-22/63", "State": "-4/21"}
    # without leadership: the one (mixed) simultaneous equilibrium
    (simultaneous,) = data["equilibria"]
    assert simultaneous["payoffs"]["Inspector"] == "-22/13"
    assert simultaneous["strategies"]["Inspector"] == {"Inspect": "20/63", "Trust": "43/63"}
    assert commitment["value_of_leadership"] == [
        {"equilibrium": 0, "simultaneous": "-22/13", "gain": "1100/819"}
    ]
    assert F(-22, 63) - F(-22, 13) == F(1100, 819)
    assert commitment["compared_with_every_equilibrium"] is True


def test_inspector_leadership_from_the_cli_text_and_markdown() -> None:
    text = run("solve", FILE).stdout
    assert "payoffs:   Inspector -22/13, State -4/21" in text
    assert "commitment: Inspect 20/63, Trust 43/63" in text
    assert "response:   Comply" in text
    assert "payoffs:    Inspector -22/63, State -4/21" in text
    assert "vs equilibrium 1 (Inspector -22/13): +1100/819" in text
    assert "strong Stackelberg" in text
    markdown = run("solve", FILE, "--format", "markdown").stdout
    assert "### Leadership: Inspector commits" in markdown and "Inspect 20/63" in markdown
    from gametrust.report.html import render_html

    html = render_html(gametrust.analyse(gametrust.load(FILE)))
    assert "Leadership: Inspector commits" in html and "Inspect 20/63" in html


def test_the_commitment_is_the_equilibrium_rate_in_closed_form() -> None:
    # p* = g / (d(g + P) - fC): the state's indifference, for other parameter values too
    for gain, penalty in (("4", "18"), ("2", "10"), ("1", "30")):
        data = json.loads(run("solve", FILE, "--set", f"gain={gain}", "--set",
                              f"penalty={penalty}", "--format", "json").stdout)
        g, p = F(gain), F(penalty)
        rate = g / (F(3, 5) * (g + p) - F(3, 5))
        assert data["commitment"]["strategy"]["Inspect"] == str(rate)
        assert data["commitment"]["response"] == "Comply"
        assert F(data["commitment"]["payoffs"]["Inspector"]) == -F(11, 10) * rate


def test_empathy_applies_to_the_commitment_unchanged() -> None:
    scenario = gametrust.load(FILE)
    data = json.loads(run("solve", FILE, "--empathy", "State=1/4", "--format", "json").stdout)
    built = scenario.build(empathy={"State": "1/4"})
    expected = leader_commitment(built, "Inspector")
    assert data["commitment"]["strategy"] == {a: str(p) for a, p in expected.mix().items()}
    # the state now cares for a quarter of the inspector's payoff: complying pays more,
    # so a lower announced rate keeps it legal
    assert F(data["commitment"]["strategy"]["Inspect"]) < F(20, 63)
    assert data["commitment"]["response"] == "Comply"
    report = gametrust.analyse(scenario, empathy={"State": "1/4"})
    assert report.commitment.strategy == expected.strategy


def test_the_json_doc_example_runs() -> None:
    doc = (ROOT / "docs" / "json-output.md").read_text(encoding="utf-8")
    section = doc.split("## `commitment` (`leadership:`)")[1].split("\n## ")[0]
    (source,) = re.findall(r"```pycon\n(.*?)```", section, re.S)
    test = doctest.DocTestParser().get_doctest(source, {}, "json-output.md", None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize().failed == 0


# -- the format: located errors, round trip ------------------------------------------------------

GAME = """\
gametrust: 1
title: t
players:
  A: {actions: [x, y]}
  B: {actions: [l, r]}
payoffs:
  x, l: [1, 1]
  x, r: [0, 0]
  y, l: [0, 0]
  y, r: [2, 2]
"""


@pytest.mark.parametrize(("extra", "where", "needle"), [
    ("leadership: {leader: C}\n", ":11:", "unknown leader 'C'; the players are A, B"),
    ("leadership: {leader: AA}\n", ":11:", "(did you mean 'A'?)"),
    ("leadership: {leader: A}\norder: [A, B]\n", ":11:", "exclude each other"),
    ("leadership: {leader: A}\ncommitments: [{player: A, name: c, actions: [x]}]\n", ":11:",
     "cannot be combined with leadership"),
    ("leadership: {leader: A}\ntypes: {B: {t: {prior: 1/2}, u: {prior: 1/2}}}\n", ":11:",
     "not supported yet"),
    ("leadership: {leader: A}\nrepeated: {discount: 1/2, cooperate: {A: x, B: l}, "
     "strategies: [grim]}\n", ":11:", "not supported"),
    ("leadership: {leader: A, tie: weak}\n", ":11:", "unknown key 'tie'"),
    ("leadership: [A]\n", ":11:", "leadership"),
])
def test_leadership_errors_are_located(tmp_path: Path, extra: str, where: str,
                                        needle: str) -> None:
    path = tmp_path / "lead.yaml"
    path.write_text(GAME + extra)
    with pytest.raises(ScenarioError) as info:
        gametrust.load(path)
    message = str(info.value)
    assert where in message and needle in message and "leadership" in message
    result = run("solve", str(path))
    assert result.exit_code == 2 and needle in result.stderr


def test_three_players_are_refused() -> None:
    data = {"gametrust": 1, "title": "t",
            "players": {p: {"actions": ["a", "b"]} for p in "ABC"},
            "payoffs": {", ".join(k): [0, 0, 0] for k in product("ab", repeat=3)},
            "leadership": {"leader": "A"}}
    with pytest.raises(ScenarioError, match="two-player games"):
        scenario_from_data(data, file="t.yaml")


def test_leadership_round_trips_through_plain_data() -> None:
    scenario = gametrust.load(FILE)
    again = scenario_from_data(scenario_to_data(scenario))
    assert again.leadership == scenario.leadership and again == scenario
    plain = gametrust.load(ROOT / "scenarios" / "inspection.yaml")
    assert plain != scenario and plain.leadership is None


# -- invariances and cross-checks --------------------------------------------------------------


def _value_on_grid(game: NormalFormGame, leader: int, steps: int) -> Fraction:
    """The leader's best strong-Stackelberg payoff over mixed strategies on a grid."""
    m = game.shape[leader]
    best = None
    for cut in product(range(steps + 1), repeat=m - 1):
        if sum(cut) > steps:
            continue
        x = [F(c, steps) for c in cut] + [F(steps - sum(cut), steps)]
        value = _strong_payoff(game, leader, x)
        best = value if best is None or value > best else best
    assert best is not None
    return best


def _payoffs_against(game: NormalFormGame, leader: int, x: list[Fraction]):
    follower = 1 - leader
    out = []
    for j in range(game.shape[follower]):
        def pay(player: int, i: int, j: int = j) -> Fraction:
            index = (i, j) if leader == 0 else (j, i)
            return F(game.payoffs[(player, *index)])
        out.append((sum(x[i] * pay(leader, i) for i in range(len(x))),
                    sum(x[i] * pay(follower, i) for i in range(len(x)))))
    return out


def _strong_payoff(game: NormalFormGame, leader: int, x: list[Fraction]) -> Fraction:
    pays = _payoffs_against(game, leader, x)
    top = max(f for _, f in pays)
    return max(lead for lead, f in pays if f == top)


small_games = games(st.tuples(st.integers(2, 3), st.integers(2, 3)), min_value=-4, max_value=4)


@settings(max_examples=40, deadline=None)
@given(small_games, st.integers(0, 1))
def test_the_response_is_a_best_response_and_no_grid_commitment_does_better(
    game: NormalFormGame, leader: int
) -> None:
    c = leader_commitment(game, leader)
    x = list(c.strategy)
    assert sum(x) == 1 and min(x) >= 0
    pays = _payoffs_against(game, leader, x)
    assert pays[c.response][1] == max(f for _, f in pays)  # a best response, exactly
    assert c.value == _strong_payoff(game, leader, x)  # ties broken for the leader
    assert _value_on_grid(game, leader, 12) <= c.value
    # never worse than any Nash equilibrium of the simultaneous game (von Stengel-Zamir)
    result = gametrust.solve(game)
    compared = c.compared_with(result)
    assert all(gain >= 0 for _, _, gain in compared.gains())


@settings(max_examples=25, deadline=None)
@given(small_games, st.integers(0, 1),
       st.sampled_from([F(1), F(2), F(1, 3)]), st.integers(-5, 5),
       st.sampled_from([F(1), F(3), F(1, 2)]), st.integers(-5, 5))
def test_the_commitment_is_invariant_under_positive_affine_transformations(
    game: NormalFormGame, leader: int, a: Fraction, b: int, c: Fraction, d: int
) -> None:
    scale = [a, c] if leader == 0 else [c, a]
    shift = [b, d] if leader == 0 else [d, b]
    payoffs = game.payoffs.copy()
    for player in range(2):
        payoffs[player] = payoffs[player] * scale[player] + shift[player]
    moved = game.with_payoffs(payoffs)
    before, after = leader_commitment(game, leader), leader_commitment(moved, leader)
    assert after.strategy == before.strategy and after.response == before.response
    assert after.payoffs == tuple(v * scale[p] + shift[p] for p, v in enumerate(before.payoffs))


def _with(game_yaml: str, extra: str) -> gametrust.Scenario:
    return scenario_from_data(__import__("yaml").safe_load(game_yaml + extra))


def test_where_a_pure_commitment_is_optimal_it_agrees_with_order() -> None:
    # Stag Hunt: committing to Stag (pure) gets the leader its best payoff, 3
    stag = GAME.replace("x, l: [1, 1]", "x, l: [3, 3]").replace(
        "x, r: [0, 0]", "x, r: [0, 2]").replace("y, l: [0, 0]", "y, l: [2, 0]").replace(
        "y, r: [2, 2]", "y, r: [2, 2]")
    mixed = gametrust.analyse(_with(stag, "leadership: {leader: A}\n")).commitment
    sequential = gametrust.solve(_with(stag, "order: [A, B]\n"))
    (spe,) = [e for e in sequential.equilibria if "subgame-perfect" in e.concepts]
    assert mixed.mix() == {"x": 1, "y": 0} and mixed.response_label == "l"
    assert mixed.payoffs == tuple(spe.payoffs) == (3, 3)


@settings(max_examples=20, deadline=None)
@given(games((2, 2), min_value=-6, max_value=6))
def test_mixed_commitment_is_never_worse_than_the_pure_sequential_game(
    game: NormalFormGame
) -> None:
    # every pure commitment is a mixed one: the leader's SPE payoff of order: [leader,
    # follower] (a subgame-perfect outcome) is at most its mixed commitment value, and
    # equal when the optimal commitment is pure and the follower's response unique
    c = leader_commitment(game, 0)
    yaml_text = "gametrust: 1\ntitle: t\nplayers:\n  A: {actions: [x, y]}\n" \
        "  B: {actions: [l, r]}\npayoffs:\n"
    for i, a in enumerate("xy"):
        for j, b in enumerate("lr"):
            yaml_text += f"  {a}, {b}: [\"{game.payoffs[0, i, j]}\", \"{game.payoffs[1, i, j]}\"]\n"
    tree = gametrust.solve(_with(yaml_text, "order: [A, B]\n"))
    spe_values = [e.payoffs[0] for e in tree.equilibria if "subgame-perfect" in e.concepts]
    assert spe_values and max(spe_values) <= c.value
    if max(c.strategy) == 1:
        assert max(spe_values) == c.value
