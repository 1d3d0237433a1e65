"""gametrust's vertex enumeration finds exactly Gambit's extreme equilibria.

The stored answers in ``tests/fixtures/gambit/*.json`` were made by
``tests/fixtures/make_gambit_fixtures.py`` with pygambit 16.7.0's
``enummixed_solve(rational=True)``; the live tests at the bottom redo the
comparison on fresh random games when pygambit is installed.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from gametrust.model.game import NormalFormGame
from gametrust.solvers.solve import solve

try:
    import pygambit as gbt
except ImportError:  # pragma: no cover - pygambit is an optional extra
    gbt = None

FIXTURES = Path(__file__).parent / "fixtures" / "gambit"
STORED = ("named.json", "random_shapes.json", "random_6x6.json")

Profile = tuple[tuple[Fraction, ...], ...]


def _records(filename: str) -> list[dict[str, Any]]:
    return json.loads((FIXTURES / filename).read_text())["records"]


def _stored_cases() -> list[Any]:
    return [
        pytest.param(record, id=f"{filename.removesuffix('.json')}:{record['name']}")
        for filename in STORED
        for record in _records(filename)
    ]


def _ours(a: Any, b: Any) -> set[Profile]:
    result = solve(NormalFormGame.from_arrays(a, b), method="enumeration")
    return {tuple(tuple(Fraction(p) for p in s) for s in eq.strategies) for eq in result}


def _as_profiles(raw: list[list[list[str]]]) -> set[Profile]:
    return {tuple(tuple(Fraction(p) for p in s) for s in profile) for profile in raw}


def test_stored_answers_are_there() -> None:
    counts = {name: len(_records(name)) for name in STORED}
    assert counts["random_6x6.json"] == 200
    assert counts["random_shapes.json"] == 100
    assert counts["named.json"] >= 10


@pytest.mark.parametrize("record", _stored_cases())
def test_same_equilibria_as_gambit(record: dict[str, Any]) -> None:
    assert _ours(record["A"], record["B"]) == _as_profiles(record["equilibria"])


def test_named_degenerate_games_have_continua_endpoints() -> None:
    """Sanity of the stored answers themselves on games whose answer is known by hand."""
    named = {r["name"]: r for r in _records("named.json")}
    # every profile of an all-ties game is an equilibrium: the extreme ones are the pure ones
    assert len(_as_profiles(named["all ties 3x3"]["equilibria"])) == 9
    half = Fraction(1, 2)
    assert _as_profiles(named["matching pennies"]["equilibria"]) == {((half, half), (half, half))}


# -- live comparison (skipped unless pygambit is installed) -------------------------------------


def _gambit(a: np.ndarray, b: np.ndarray) -> set[Profile]:
    assert gbt is not None
    game = gbt.Game.from_arrays(a, b)
    result = gbt.nash.enummixed_solve(game, rational=True)
    return {
        tuple(tuple(Fraction(eq[s]) for s in player.strategies) for player in game.players)
        for eq in result.equilibria
    }


@pytest.mark.skipif(gbt is None, reason="pygambit is not installed")
@pytest.mark.parametrize("seed", range(50))
def test_same_equilibria_as_live_gambit(seed: int) -> None:
    rng = np.random.default_rng(1_000 + seed)
    m, n = (int(k) for k in rng.integers(1, 7, size=2))
    high = int(rng.choice([2, 4, 10, 100]))
    a, b = rng.integers(-high // 2, high, size=(2, m, n))
    assert _ours(a.tolist(), b.tolist()) == _gambit(a, b)
