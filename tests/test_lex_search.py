"""The search over lexicographic bases finds exactly the vertices and equilibria of the
previous enumeration over every basis, and lrsnash's equilibria; a budget or Ctrl-C stops it
with what it found, marked incomplete."""

from __future__ import annotations

import shutil
import subprocess
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametrust import NormalFormGame, solve
from gametrust.core.limits import raised
from gametrust.core.progress import reporting
from gametrust.solvers._basis_search import exact_vertices
from gametrust.solvers.lex_search import lex_vertices
from gametrust.solvers.modular import PRIMES
from gametrust.solvers.vertex_enumeration import enumerate_equilibria


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.sampled_from([2, 3, 10, 100]),
       st.integers(0, 2**32 - 1))
def test_lex_search_finds_the_vertices_of_the_search_over_every_basis(
    rows: int, cols: int, top: int, seed: int
) -> None:
    """Small payoff ranges make most polytopes degenerate (ties): the vertex sets (support
    and exact tight rows) still agree with the exhaustive exact search."""
    c = np.random.default_rng(seed).integers(1, top + 1, size=(rows, cols))
    found, complete = lex_vertices(c)
    (reference,) = exact_vertices([c])
    assert complete
    assert sorted((s, t) for s, t, _ in found) == sorted(
        zip(reference.supports, reference.tights, strict=True))


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 5), st.integers(2, 5), st.sampled_from([2, 4, 100]),
       st.integers(0, 2**32 - 1))
def test_equilibria_and_components_agree_with_the_previous_enumeration(
    m: int, n: int, top: int, seed: int
) -> None:
    """(Games this small use the search over every basis unless LEX_FROM says otherwise.)"""
    from gametrust.solvers import vertex_enumeration

    rng = np.random.default_rng(seed)
    game = NormalFormGame.from_arrays(rng.integers(0, top, (m, n)).tolist(),
                                      rng.integers(0, top, (m, n)).tolist())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vertex_enumeration, "LEX_FROM", 0)
        new = enumerate_equilibria(game)
    old = enumerate_equilibria(game, primes=PRIMES[:8])  # forces the search over every basis
    assert new.complete
    assert new.profiles == old.profiles
    assert new.components == old.components and new.degenerate == old.degenerate


def _lrsnash(a: np.ndarray, b: np.ndarray) -> set[tuple[tuple[Fraction, ...], ...]]:
    m, n = a.shape
    text = f"{m} {n}\n\n" + "\n".join(" ".join(map(str, r)) for r in a) + "\n\n" + "\n".join(
        " ".join(map(str, r)) for r in b) + "\n"
    out = subprocess.run(["lrsnash", "/dev/stdin"], input=text, capture_output=True, text=True,
                         check=True).stdout
    found, ys = set(), []
    for line in out.splitlines():
        parts = line.split()
        if not parts or parts[0] not in ("1", "2"):
            if not parts:
                ys = []
            continue
        if parts[0] == "2":
            ys.append(tuple(Fraction(v) for v in parts[1:1 + n]))
        else:
            x = tuple(Fraction(v) for v in parts[1:1 + m])
            found.update((x, y) for y in ys)
    return found


@pytest.mark.skipif(shutil.which("lrsnash") is None, reason="lrsnash (apt lrslib) not installed")
@pytest.mark.parametrize(("n", "top", "seed"), [(6, 10, 2), (9, 10, 3), (10, 100, 4)])
def test_the_equilibria_are_lrsnash_s(n: int, top: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, top, (n, n)), rng.integers(0, top, (n, n))
    result = solve(NormalFormGame.from_arrays(a.tolist(), b.tolist()), method="enumeration")
    assert result.complete
    assert {tuple(tuple(s) for s in e.strategies) for e in result.equilibria} == _lrsnash(a, b)


def _random_game(n: int, seed: int) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    return NormalFormGame.from_arrays(rng.integers(0, 100, (n, n)).tolist(),
                                      rng.integers(0, 100, (n, n)).tolist())


def test_a_budget_returns_the_equilibria_found_marked_incomplete() -> None:
    game = _random_game(9, 7)  # 48,620 bases: the lexicographic search
    full = solve(game, method="enumeration")
    with raised(enumeration=60):
        part = solve(game, method="enumeration")
    assert full.complete and not part.complete
    assert 0 < len(part.equilibria) < len(full.equilibria)
    assert {e.strategies for e in part.equilibria} <= {e.strategies for e in full.equilibria}
    assert any("stopped at its budget" in w for w in part.warnings)


def test_ctrl_c_returns_the_equilibria_found_marked_incomplete() -> None:
    game = _random_game(9, 7)
    calls = []

    def interrupt(step) -> None:
        calls.append(step)
        if len(calls) == 4:
            raise KeyboardInterrupt

    with reporting(interrupt):
        part = solve(game, method="enumeration")
    assert not part.complete
    full = {e.strategies for e in solve(game, method="enumeration").equilibria}
    assert {e.strategies for e in part.equilibria} <= full


def _random9_file(tmp_path):
    """A random 9x9 game (payoffs 0..99, seed 7) written as a Gambit .nfg file."""
    rng = np.random.default_rng(7)
    a, b = rng.integers(0, 100, (9, 9)), rng.integers(0, 100, (9, 9))
    payoffs = " ".join(f"{a[i, j]} {b[i, j]}" for j in range(9) for i in range(9))
    path = tmp_path / "random9.nfg"
    path.write_text('NFG 1 R "random 9x9" { "P1" "P2" } { 9 9 }\n\n' + payoffs + "\n")
    return path


def test_solve_budget_on_the_command_line(tmp_path) -> None:
    """``solve --budget N``: past N bases the certified equilibria found so far, incomplete."""
    import json

    from click.testing import CliRunner

    from gametrust.cli import cli

    path = _random9_file(tmp_path)
    runner = CliRunner()
    whole = json.loads(runner.invoke(cli, ["solve", str(path), "--format", "json"]).stdout)
    part = runner.invoke(cli, ["solve", str(path), "--budget", "60", "--format", "json"])
    assert part.exit_code == 0, part.output
    part = json.loads(part.stdout)
    assert whole["complete"] and not part["complete"]
    assert 0 < len(part["equilibria"]) < len(whole["equilibria"])
    assert any("--budget" in w for w in part["warnings"])


def test_inside_trees_and_sweeps_ctrl_c_propagates() -> None:
    """The solver used inside trees, Bayesian games and sweeps (not budgeted) lets an
    interruption through rather than returning a partial list those callers would trust."""
    from gametrust.solvers.solve import solve as inner_solve

    def interrupt(step) -> None:
        raise KeyboardInterrupt

    with reporting(interrupt), pytest.raises(KeyboardInterrupt):
        inner_solve(_random_game(9, 7), method="enumeration")


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.sampled_from([2, 3, 100]),
       st.integers(0, 2**32 - 1), st.booleans())
def test_polytopes_searched_together_have_the_vertices_of_each_alone(
    rows: int, cols: int, top: int, seed: int, wide_masks: bool
) -> None:
    """Both best-response polytopes of a square game share the search's batches; each keeps
    exactly its own vertices (exact tight rows too), also with the masks held as Python ints
    (what games from 31 x 31 on use)."""
    from gametrust.solvers import lex_search

    rng = np.random.default_rng(seed)
    cs = [rng.integers(1, top + 1, size=(rows, cols)) for _ in range(2)]
    with pytest.MonkeyPatch.context() as patch:
        if wide_masks:
            patch.setattr(lex_search, "_fits", lambda n_var, pid: False)
        search = lex_search.LexSearch(cs)
        search.run()
    assert search.complete
    for c, found in zip(cs, search.found, strict=True):
        (reference,) = exact_vertices([c])
        assert sorted(zip(found.supports, found.tights, strict=True)) == sorted(
            zip(reference.supports, reference.tights, strict=True))


def test_no_size_wall_a_12x12_game_is_solved_completely() -> None:
    """Issue 11: the enumeration of every basis refused 12 x 12 games (C(24, 12) = 2.7
    million bases); the search over lexicographic bases solves them, every equilibrium
    certified."""
    game = _random_game(12, 11)
    result = solve(game, method="enumeration")
    assert result.complete and len(result.equilibria) >= 1
    assert result.exact and result.max_regret == 0


def test_long_enumerations_report_progress() -> None:
    """The search reports the bases found so far, batch by batch (the command line draws a bar
    from these steps)."""
    seen = []
    with reporting(seen.append):
        result = solve(_random_game(9, 7), method="enumeration")
    counts = [s.done for s in seen if s.task.startswith("enumerating vertices")]
    assert result.complete and len(counts) >= 3
    assert counts == sorted(counts) and counts[-1] > counts[0]


def test_ctrl_c_on_the_command_line_prints_what_was_found(tmp_path, monkeypatch) -> None:
    """Ctrl-C during ``gametrust solve``: the certified equilibria found so far are printed,
    marked incomplete, with a warning saying the enumeration was interrupted."""
    import json

    from click.testing import CliRunner

    from gametrust.cli import cli
    from gametrust.solvers import lex_search

    path = _random9_file(tmp_path)
    runner = CliRunner()
    whole = json.loads(runner.invoke(cli, ["solve", str(path), "--format", "json"]).stdout)
    calls = []

    def interrupt(*args) -> None:
        calls.append(args)
        if len(calls) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(lex_search, "step", interrupt)
    part = runner.invoke(cli, ["solve", str(path), "--format", "json"])
    assert part.exit_code == 0, part.output
    part = json.loads(part.stdout)
    assert whole["complete"] and not part["complete"]
    assert 0 < len(part["equilibria"]) < len(whole["equilibria"])
    assert any("interrupted" in w for w in part["warnings"])
