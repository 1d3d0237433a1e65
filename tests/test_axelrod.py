"""gametrust's repeated-game strategies play as the Axelrod library's do.

The Axelrod library (Knight et al., "An open reproducible framework for the
study of the iterated prisoner's dilemma", 2016) is the reference
implementation of the strategies of Axelrod's tournaments.  Its play of
every ordered pair of gametrust's built-in strategies, 20 rounds on the
Prisoner's Dilemma (R, P, S, T) = (3, 1, 0, 5), is stored in
``tests/fixtures/repeated/axelrod_pd_matches.json`` (written by
``tests/fixtures/make_axelrod_fixtures.py``); the tests compare gametrust's
``play`` with it exactly, and with Axelrod itself where it is installed (an
optional extra: ``pip install axelrod``).
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

import gametrust
from gametrust.analysis.repeated_play import play

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "repeated" / "axelrod_pd_matches.json"
STRATEGIES = ["grim", "tit_for_tat", "always_defect", "always_cooperate", "win_stay_lose_shift"]
PAYOFF = {("C", "C"): (3, 3), ("C", "D"): (0, 5), ("D", "C"): (5, 0), ("D", "D"): (1, 1)}
DELTA = Fraction(9, 10)


@pytest.fixture(scope="module")
def repeated_pd(tmp_path_factory: pytest.TempPathFactory) -> gametrust.Scenario:
    text = (ROOT / "scenarios" / "prisoners_dilemma.yaml").read_text(encoding="utf-8")
    text += (
        "repeated:\n  discount: 9/10\n  cooperate: {Row: Cooperate, Column: Cooperate}\n"
        f"  strategies: [{', '.join(STRATEGIES)}]\n  noise: 0\n"
    )
    path = tmp_path_factory.mktemp("axelrod") / "pd_repeated.yaml"
    path.write_text(text, encoding="utf-8")
    return gametrust.load(path)


def _discounted(sequence: list[str]) -> tuple[Fraction, Fraction]:
    """``(1 − δ) Σ δ^t u_t`` of a played sequence, for both players (exact)."""
    totals = [Fraction(0), Fraction(0)]
    weight = Fraction(1)
    for pair in sequence:
        for k, u in enumerate(PAYOFF[(pair[0], pair[1])]):
            totals[k] += weight * u
        weight *= DELTA
    return (1 - DELTA) * totals[0], (1 - DELTA) * totals[1]


def test_every_pair_of_strategies_plays_as_axelrods(repeated_pd: gametrust.Scenario) -> None:
    """With δ = 9/10 the discounted sums of two sequences of these payoffs differ unless the
    sequences' payoffs agree round by round, so equal sums mean the same play."""
    stored = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert len(stored["matches"]) == len(STRATEGIES) ** 2
    for row in STRATEGIES:
        for column in STRATEGIES:
            sequence = stored["matches"][f"{row} vs {column}"].split()
            result = play(repeated_pd, {"Row": row, "Column": column}, rounds=len(sequence))
            assert result.runs == (_discounted(sequence),), (row, column)


def test_the_stored_matches_are_axelrods() -> None:
    """Live, where the Axelrod library is installed: it still plays as recorded."""
    pytest.importorskip("axelrod", reason="the Axelrod library is an optional extra")
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    from make_axelrod_fixtures import record

    stored = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert record()["matches"] == stored["matches"]


def test_known_sequences_of_the_literature() -> None:
    """Spot checks that need no library: tit-for-tat against always-defect is exploited
    once, then defects; win-stay lose-shift against always-defect alternates."""
    stored = json.loads(FIXTURE.read_text(encoding="utf-8"))["matches"]
    assert stored["tit_for_tat vs always_defect"].startswith("CD DD DD")
    assert stored["win_stay_lose_shift vs always_defect"].startswith("CD DD CD DD")
    assert set(stored["grim vs tit_for_tat"].split()) == {"CC"}
    assert stored["tit_for_tat vs win_stay_lose_shift"] == " ".join(["CC"] * 20)
