"""Shipped scenarios with types: the loader builds the games the issue's numbers come from."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from gametrust.analysis.separation import separating_conditions
from gametrust.core.errors import ScenarioError
from gametrust.formats.load import load
from gametrust.solvers.signalling import solve_signalling

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def test_geneva_builds_the_canonical_reassurance_game() -> None:
    s = load(SCENARIOS / "geneva_1985.yaml")
    assert s.is_signalling and not s.is_bayesian
    g = s.build_signalling()
    assert g.prior == {"reformer": Fraction(1, 2), "expansionist": Fraction(1, 2)}
    # cooperation gain 3, exploitation gain 2, receiver: +1 / -2 / 0
    assert g.payoffs["reformer"]["Engage"] == (3, 1)
    assert g.payoffs["expansionist"]["Engage"] == (2, -2)
    assert g.payoffs["reformer"]["Contain"] == g.payoffs["expansionist"]["Contain"] == (0, 0)
    assert g.sender_payoff("expansionist", "Unilateral moves", "Engage") == -1
    assert g.belief_set("Engage").interval("reformer") == (Fraction(2, 3), 1)


@pytest.mark.parametrize(
    ("cost_reformer", "cost_expansionist", "separates"),
    [("3", "2", True), ("1", "2", True), ("31/10", "3", False), ("1", "19/10", False)],
)
def test_geneva_separates_exactly_under_the_cost_conditions(
    cost_reformer: str, cost_expansionist: str, separates: bool
) -> None:
    s = load(SCENARIOS / "geneva_1985.yaml")
    g = s.build_signalling({"cost_reformer": cost_reformer,
                            "cost_expansionist": cost_expansionist})
    assert bool(solve_signalling(g).separating) is separates
    assert separating_conditions(g).cases_for("reformer", "Unilateral moves")[0].holds is separates


def test_priors_are_validated_at_the_values_built() -> None:
    s = load(SCENARIOS / "geneva_1985.yaml")
    with pytest.raises(ScenarioError) as info:
        s.build_signalling({"reformer": "3/2"})
    assert info.value.location.path == ("types", "USSR", "reformer", "prior")
    assert info.value.location.line is not None


# -- beliefs: sections ----------------------------------------------------------------------------


def test_korea_beliefs_section_reads_the_bad_faith_model() -> None:
    spec = load(SCENARIOS / "korea_trust.yaml").beliefs
    assert spec is not None
    assert (spec.observer, spec.about, spec.trusted) == ("US", "DPRK", "security_seeker")
    assert spec.cooperative == ("Freeze",) and spec.rule == "bad_faith" and spec.rounds == 3


def _with_beliefs(tmp_path: Path, beliefs: str) -> Path:
    text = (SCENARIOS / "spiral.yaml").read_text()
    head = text[: text.index("beliefs:")]
    out = tmp_path / "s.yaml"
    out.write_text(head + beliefs)
    return out


@pytest.mark.parametrize(
    ("beliefs", "path"),
    [
        ("beliefs: {observer: UK, about: DPRK, trusted: security_seeker, cooperative: [Freeze]}",
         ("beliefs", "observer")),
        ("beliefs: {observer: DPRK, about: US, trusted: x, cooperative: [Reassure]}",
         ("beliefs", "about")),
        ("beliefs: {observer: US, about: DPRK, trusted: sekeer, cooperative: [Freeze]}",
         ("beliefs", "trusted")),
        ("beliefs: {observer: US, about: DPRK, trusted: greedy, cooperative: [Frieze]}",
         ("beliefs", "cooperative", 0)),
        ("beliefs: {observer: US, about: DPRK, trusted: greedy, cooperative: [Freeze, Arm]}",
         ("beliefs", "cooperative")),
        ("beliefs: {observer: US, about: DPRK, trusted: greedy, cooperative: Freeze, "
         "rule: trusting}", ("beliefs", "rule")),
        ("beliefs: {observer: US, about: DPRK, trusted: greedy, cooperative: Freeze, "
         "rounds: 0}", ("beliefs", "rounds")),
        ("beliefs: {observer: US, about: DPRK, trusted: greedy, cooperative: Freeze, "
         "cooperative_reply: Hug}", ("beliefs", "cooperative_reply")),
        ("beliefs: {observer: US, about: DPRK, trusted: greedy, cooperative: Freeze, "
         "typo: 1}", ("beliefs", "typo")),
    ],
)
def test_bad_beliefs_sections_are_located(tmp_path: Path, beliefs: str, path: tuple) -> None:
    with pytest.raises(ScenarioError) as err:
        load(_with_beliefs(tmp_path, beliefs + "\n"))
    assert err.value.location.path == path
    assert err.value.location.line is not None
