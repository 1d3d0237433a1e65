"""The conventions researchers know from nashpy, pygambit, pandas and Jupyter."""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import gametrust
from gametrust.core.display import Displayable

ROOT = Path(__file__).resolve().parent.parent


def test_game_of_two_arrays_is_the_bimatrix_game_and_solves_exactly() -> None:
    # matching pennies: the unique equilibrium mixes 1/2, 1/2 for both
    A = np.array([[1, -1], [-1, 1]])
    result = gametrust.solve(gametrust.Game(A, -A))
    (eq,) = result.equilibria
    assert eq.strategy("Row") == {"0": Fraction(1, 2), "1": Fraction(1, 2)}
    assert result.exact


def test_game_of_three_arrays_is_a_three_player_game() -> None:
    # each player gets 1 when all three match: the two matching profiles are pure equilibria
    match = np.zeros((2, 2, 2), dtype=int)
    match[0, 0, 0] = match[1, 1, 1] = 1
    game = gametrust.Game(match, match, match)
    assert game.players == ("P1", "P2", "P3")
    pure = {e.describe() for e in gametrust.solve(game, "pure").pure}
    assert {"(0, 0, 0)", "(1, 1, 1)"} <= pure


def test_a_nashpy_game_solves_to_nashpys_equilibria_exactly() -> None:
    nashpy = pytest.importorskip("nashpy")
    A = np.array([[3, 1], [0, 2]])  # a coordination game: two pure, one mixed equilibrium
    B = np.array([[2, 1], [0, 3]])
    ours = gametrust.solve(nashpy.Game(A, B))
    theirs = list(nashpy.Game(A, B).support_enumeration())
    assert len(ours.equilibria) == len(theirs) == 3
    for eq in ours.equilibria:
        rows = [float(eq.strategy("Row")[a]) for a in ("0", "1")]
        assert any(np.allclose(rows, sigma) for sigma, _ in theirs)


def test_read_nfg_and_read_efg_return_games_as_pygambits_do() -> None:
    game = gametrust.read_nfg(ROOT / "tests" / "fixtures" / "gambit" / "e02.nfg")
    assert isinstance(game, gametrust.NormalFormGame)
    tree = gametrust.read_efg(ROOT / "tests" / "fixtures" / "gambit" / "2_player_chance.efg")
    assert isinstance(tree, gametrust.GameTree)


def test_to_frame_without_pandas_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    sweep = gametrust.sweep(gametrust.load(ROOT / "scenarios" / "korea.yaml"), "empathy")
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(gametrust.ArgumentError, match=r"pip install 'gametrust\[pandas\]'"):
        sweep.to_frame()


def test_frames_of_a_map_and_a_check_hold_their_regions_and_claims() -> None:
    pytest.importorskip("pandas")
    korea = gametrust.load(ROOT / "scenarios" / "korea.yaml")
    mapped = gametrust.sweep(korea, ("empathy:US", "empathy:DPRK")).to_frame()
    assert list(mapped["family"]).count("Stag Hunt") >= 1
    report = gametrust.check(korea, examples=5, seed=1)
    frame = report.to_frame()
    assert list(frame["claim"]) == [c.name for c in korea.claims]
    assert set(frame["status"]) <= {"proved", "survived"}


def test_every_displayable_result_type_has_an_html_display() -> None:
    classes = {cls for cls in vars(gametrust).values() if isinstance(cls, type)}
    korea = gametrust.load(ROOT / "scenarios" / "korea.yaml")
    values = [
        gametrust.solve(korea), gametrust.sweep(korea, "empathy"),
        gametrust.sweep(korea, ("empathy:US", "empathy:DPRK")), gametrust.explain(korea),
        gametrust.check(korea, examples=5, seed=1),
        gametrust.solve(gametrust.load(ROOT / "scenarios" / "korea_moratorium.yaml")),
        gametrust.solve(gametrust.load(ROOT / "scenarios" / "korea_trust.yaml")),
        gametrust.solve(gametrust.load(ROOT / "scenarios" / "geneva_1985.yaml")),
        gametrust.sweep(gametrust.load(ROOT / "scenarios" / "korea_trust.yaml"),
                        "prior:common"),
    ]
    for value in values:
        html = value._repr_html_()
        assert isinstance(value, Displayable) and html and html.lstrip().startswith("<")
    shown = {type(v) for v in values}
    public_results = {c for c in classes if issubclass(c, Displayable)}
    assert public_results <= shown | {gametrust.PriorSweep}
