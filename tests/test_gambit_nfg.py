"""Reading and writing Gambit strategic-form (.nfg) files."""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametrust.core.errors import GambitFormatError
from gametrust.formats.gambit_nfg import parse_nfg, read_nfg_game, write_nfg
from gametrust.model.game import NormalFormGame

try:
    import pygambit as gbt
except ImportError:  # pragma: no cover - pygambit is an optional extra
    gbt = None

needs_gambit = pytest.mark.skipif(gbt is None, reason="pygambit is not installed")

FIXTURES = Path(__file__).parent / "fixtures" / "gambit"
NFG_FILES = sorted(FIXTURES.glob("*.nfg"))

F = Fraction


def _matrix(game: NormalFormGame, player: int) -> list:
    return game.payoffs[player].tolist()


# -- reading ------------------------------------------------------------------------------------


def test_prisoners_dilemma_payoff_and_outcome_versions_agree() -> None:
    by_payoff = read_nfg_game(FIXTURES / "pd_payoff.nfg")
    by_outcome = read_nfg_game(FIXTURES / "pd_outcome.nfg")
    # Row's payoffs: (R,R)=3, (R,A)=0, (A,R)=5, (A,A)=1 — arming dominates
    assert _matrix(by_payoff, 0) == [[3, 0], [5, 1]]
    assert _matrix(by_payoff, 1) == [[3, 5], [0, 1]]
    assert np.array_equal(by_payoff.payoffs, by_outcome.payoffs)
    assert by_payoff.players == by_outcome.players == ("US", "DPRK")
    assert by_payoff.actions == (("1", "2"), ("1", "2"))
    assert by_outcome.actions == (("Restrain", "Arm"), ("Restrain", "Arm"))
    assert by_payoff.title == "Security dilemma as a Prisoner's Dilemma"
    assert by_payoff.exact and all(isinstance(v, Fraction) for v in by_payoff.payoffs.ravel())


def test_first_players_strategy_changes_fastest() -> None:
    game = parse_nfg('NFG 1 R "" { "A" "B" } { 3 2 } ' + " ".join(f"{k} {-k}" for k in range(6)))
    for k, profile in enumerate(itertools.product(range(2), range(3))):
        col, row = profile
        assert game.payoffs[0, row, col] == k
        assert game.payoffs[1, row, col] == -k


def test_selten_e02_from_gambits_examples() -> None:
    game = read_nfg_game(FIXTURES / "e02.nfg")
    assert game.shape == (3, 2)
    assert game.players == ("Player 1", "Player 2")
    assert _matrix(game, 0) == [[1, 1], [0, 0], [0, 2]]
    assert _matrix(game, 1) == [[1, 1], [2, 3], [2, 0]]


def test_three_player_outcome_file() -> None:
    game = read_nfg_game(FIXTURES / "2x2x2.nfg")
    assert game.shape == (2, 2, 2)
    assert game.payoff((0, 0, 0)) == (9, 8, 12)
    assert game.payoff((1, 1, 0)) == (9, 8, 2)  # 4th profile: outcome 4
    assert game.payoff((1, 0, 1)) == (3, 4, 6)  # 6th profile: outcome 6


def test_decimal_and_rational_numbers_are_exact_and_zero_is_the_null_outcome() -> None:
    game = read_nfg_game(FIXTURES / "decimal_null.nfg")
    assert game.payoff(("Stag", "Stag")) == (F(9, 2), F(9, 2))
    assert game.payoff(("Hare", "Stag")) == (F(3, 2), 0)
    assert game.payoff(("Stag", "Hare")) == (1, F(3, 2))
    assert game.payoff(("Hare", "Hare")) == (0, 0)


@pytest.mark.parametrize(
    ("literal", "value"),
    [
        ("0.1", F(1, 10)),
        ("-3/4", F(-3, 4)),
        ("+2", F(2)),
        (".5", F(1, 2)),
        ("2.5e-1", F(1, 4)),
        ("1E2", F(100)),
        ("7.", F(7)),
    ],
)
def test_number_literals(literal: str, value: Fraction) -> None:
    game = parse_nfg(f'NFG 1 D "" {{ "A" }} {{ 1 }} {literal}')
    assert game.payoffs[0, 0] == value


def test_quoted_strings_with_escapes_and_spacing() -> None:
    text = 'NFG 1 R "say \\"hi\\"" { "a \\\\ b" "c\\"d" }\n{ { "x y" } { "\\n" } } 1,2'
    # commas between payoffs are not part of the payoff version; a comma here is an error
    with pytest.raises(GambitFormatError):
        parse_nfg(text)
    game = parse_nfg(text.replace("1,2", '{ { "" 1, 2 } } 1'))
    assert game.title == 'say "hi"'
    assert game.players == ("a \\ b", 'c"d')
    assert game.actions == (("x y",), ("\\n",))


def test_labels_are_made_unique_and_non_empty_as_gambit_does() -> None:
    game = parse_nfg(
        'NFG 1 R "" { "" "P" "P" "P_1" } '
        '{ { "" "" } { "a" "a" } { "s" } { "x" "" } } '
        '{ { "o" 1 2 3 4 } } 1 1 1 1 1 1 1 1'
    )
    assert game.players == ("_1", "P_2", "P_3", "P_1")
    assert game.actions == (("_1", "_2"), ("a_1", "a_2"), ("s",), ("x", "_1"))


def test_optional_comment_and_outcome_names() -> None:
    text = 'NFG 1 R "t" { "A" "B" } { { "x" } { "y" } } "a comment" { { 4, 5 } } 1'
    assert parse_nfg(text).payoff((0, 0)) == (4, 5)


def test_windows_line_endings_and_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "pd.nfg"
    path.write_bytes(
        b"\xef\xbb\xbf" + (FIXTURES / "pd_outcome.nfg").read_bytes().replace(b"\n", b"\r\n")
    )
    assert read_nfg_game(path) == read_nfg_game(FIXTURES / "pd_outcome.nfg")


# -- errors -------------------------------------------------------------------------------------

GOOD = 'NFG 1 R "g" { "A" "B" } { 2 2 }\n1 1 2 2 3 3 4 4\n'
OUTCOMES = 'NFG 1 R "g" { "A" "B" } { { "x" "y" } { "l" "r" } }\n{ { "" 1, 2 } { "" 3, 4 } }\n'


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        pytest.param("", 1, 1, id="empty"),
        pytest.param('EFG 2 R "g" { "A" } { 1 } 0', 1, 1, id="not-nfg"),
        pytest.param(GOOD.replace("NFG 1", "NFG 2"), 1, 5, id="version"),
        pytest.param(GOOD.replace(" R ", " Q "), 1, 7, id="data-type"),
        pytest.param(GOOD.replace('"g"', "{"), 1, 9, id="no-title"),
        pytest.param('NFG 1 R "g" { } { }', 1, 15, id="no-players"),
        pytest.param(GOOD.replace("{ 2 2 }", "{ 2 }"), 1, 25, id="too-few-counts"),
        pytest.param(GOOD.replace("{ 2 2 }", "{ 2 2 2 }"), 1, 33, id="too-many-counts"),
        pytest.param(GOOD.replace("{ 2 2 }", "{ 2 0 }"), 1, 29, id="zero-count"),
        pytest.param(GOOD.replace("{ 2 2 }", "{ 2 1.5 }"), 1, 29, id="fractional-count"),
        pytest.param(GOOD.replace("{ 2 2 }", "{ 2 10000000000 }"), 1, 29, id="huge-count"),
        pytest.param(GOOD.replace(" 4 4\n", " 4\n"), 3, 1, id="too-few-payoffs"),
        pytest.param(GOOD.replace(" 4 4\n", " 4 4 5\n"), 2, 17, id="too-many-payoffs"),
        pytest.param(GOOD.replace("2 2 3", "2 2x 3"), 2, 7, id="bad-number"),
        pytest.param(GOOD.replace("2 2 3", "2 3/0 3"), 2, 7, id="zero-denominator"),
        pytest.param(GOOD.replace("2 2 3", "2 1.2.3 3"), 2, 7, id="two-points"),
        pytest.param(GOOD.replace("2 2 3", "2 x 3"), 2, 7, id="word-in-payoffs"),
        pytest.param('NFG 1 R "g" { "A } { 1 } 0', 1, 15, id="unterminated-label"),
        pytest.param(GOOD.replace('"A"', '"A'), 1, 19, id="unbalanced-quotes"),
        pytest.param('NFG 1 R "g" { "A" } { 1 } "0', 1, 27, id="unterminated-comment"),
        pytest.param(OUTCOMES + "1 2 0 3", 3, 7, id="outcome-index-out-of-range"),
        pytest.param(OUTCOMES + "1 2 0 -1", 3, 7, id="negative-outcome-index"),
        pytest.param(OUTCOMES + "1 2 0 1.5", 3, 7, id="fractional-outcome-index"),
        pytest.param(OUTCOMES + "1 2 0", 3, 6, id="too-few-outcome-indices"),
        pytest.param(OUTCOMES + "1 2 0 1 1", 3, 9, id="too-many-outcome-indices"),
        pytest.param(OUTCOMES.replace("3, 4", "3"), 2, 15, id="outcome-payoff-count"),
        pytest.param(OUTCOMES.replace("3, 4", "3, x"), 2, 23, id="outcome-bad-payoff"),
        pytest.param(OUTCOMES.replace('{ "x" "y" }', "{ }") + "1", 1, 27, id="no-strategies"),
        pytest.param(
            OUTCOMES.replace('{ { "" 1, 2 }', '{ 5 { "" 1, 2 }') + "1 1 1 1",
            2,
            3,
            id="junk-in-outcome-list",
        ),
        pytest.param('NFG 1 R "g" { "A" } { 1 } }', 1, 27, id="no-body"),
    ],
)
def test_malformed_files_raise_located_errors(text: str, line: int, column: int) -> None:
    with pytest.raises(GambitFormatError) as info:
        parse_nfg(text, file="bad.nfg")
    location = info.value.location
    assert (location.file, location.line, location.column) == ("bad.nfg", line, column)


def test_missing_file_is_a_gambit_format_error(tmp_path: Path) -> None:
    path = tmp_path / "absent.nfg"
    with pytest.raises(GambitFormatError) as info:
        read_nfg_game(path)
    assert info.value.location.file == str(path)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=st.sampled_from([GOOD, OUTCOMES + "1 2 0 2", *(p.read_text() for p in NFG_FILES)]),
    edits=st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, 3), st.sampled_from('{}",\\ 0-./e\n"x')),
        min_size=1,
        max_size=4,
    ),
)
def test_mangled_files_parse_or_raise_gambit_format_error(
    source: str, edits: list[tuple[int, int, str]]
) -> None:
    text = source
    for position, delete, insert in edits:
        k = position % (len(text) + 1)
        text = text[:k] + insert + text[k + delete :]
    try:
        game = parse_nfg(text)
    except GambitFormatError as err:
        assert err.location.line is not None and err.location.column is not None
    else:
        assert isinstance(game, NormalFormGame) and game.exact


# -- writing ------------------------------------------------------------------------------------

labels = st.text(alphabet=st.sampled_from("ab C\"\\'{},1é"), min_size=1, max_size=5)
titles = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=10)
# Gambit 16.7 accepts only labels of printable ASCII without leading, trailing or double
# spaces, and reads text as ASCII.  It writes a backslash as ``\\`` but reads ``\\``
# back as two backslashes (and ``\\"`` as an escaped quote), so its live tests use
# labels without backslashes.
gambit_labels = st.text(alphabet=st.sampled_from("ab C\"'{},1"), min_size=1, max_size=5).filter(
    lambda text: text == text.strip() and "  " not in text
)
gambit_titles = st.text(alphabet=st.sampled_from("ab C\"'{},1\n"), max_size=10)


@st.composite
def small_exact_games(
    draw: st.DrawFn,
    label: st.SearchStrategy[str] = labels,
    title: st.SearchStrategy[str] = titles,
) -> NormalFormGame:
    n = draw(st.integers(1, 3))
    shape = draw(st.lists(st.integers(1, 3), min_size=n, max_size=n))
    players = draw(st.lists(label, min_size=n, max_size=n, unique=True))
    actions = [draw(st.lists(label, min_size=k, max_size=k, unique=True)) for k in shape]
    values = st.fractions(max_denominator=50).filter(lambda f: abs(f) < 10**6)
    size = n * int(np.prod(shape))
    flat = draw(st.lists(values, min_size=size, max_size=size))
    tensor = np.empty((n, *shape), dtype=object)
    tensor.ravel()[:] = flat
    return NormalFormGame(players, actions, tensor, title=draw(title))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(small_exact_games())
def test_round_trip_of_exact_games(game: NormalFormGame) -> None:
    again = parse_nfg(write_nfg(game))
    assert again == game
    assert again.title == game.title


def test_float_games_are_written_as_decimals_at_full_precision() -> None:
    game = NormalFormGame.from_arrays([[0.1, 1 / 3]], [[-2.5e-7, 1e20]])
    text = write_nfg(game)
    assert "0.1," in text and "0.3333333333333333," in text
    assert parse_nfg(text).to_float() == game


def test_written_title_overrides_game_title() -> None:
    game = NormalFormGame.from_arrays([1], title="inner")
    assert parse_nfg(write_nfg(game, title="outer")).title == "outer"
    assert parse_nfg(write_nfg(game)).title == "inner"


# -- agreement with Gambit itself (skipped unless pygambit is installed) --------------------------


def _gambit_tensor(gbt_game: object) -> np.ndarray:
    players = list(gbt_game.players)  # type: ignore[attr-defined]
    strategies = [list(p.strategies) for p in players]
    tensor = np.empty((len(players), *(len(s) for s in strategies)), dtype=object)
    for index in itertools.product(*(range(len(s)) for s in strategies)):
        outcome = gbt_game[[s[k] for s, k in zip(strategies, index, strict=True)]]  # type: ignore[index]
        for i, player in enumerate(players):
            value = 0 if outcome is None else outcome[player]
            tensor[(i, *index)] = (
                Fraction(Decimal(value)) if isinstance(value, Decimal) else (Fraction(value))
            )
    return tensor


@needs_gambit
@pytest.mark.parametrize("path", NFG_FILES, ids=[p.name for p in NFG_FILES])
def test_gambit_reads_our_fixtures_as_we_do(path: Path) -> None:
    ours = read_nfg_game(path)
    theirs = gbt.read_nfg(str(path))
    assert np.array_equal(_gambit_tensor(theirs), ours.payoffs)
    assert tuple(p.label for p in theirs.players) == ours.players
    assert tuple(tuple(s.label for s in p.strategies) for p in theirs.players) == ours.actions


@needs_gambit
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_exact_games(gambit_labels, gambit_titles))
def test_gambit_reads_what_we_write(game: NormalFormGame) -> None:
    import io

    theirs = gbt.read_nfg(io.StringIO(write_nfg(game)))
    assert np.array_equal(_gambit_tensor(theirs), game.payoffs)
    assert tuple(p.label for p in theirs.players) == game.players
    assert tuple(tuple(s.label for s in p.strategies) for p in theirs.players) == game.actions
    assert theirs.title == game.title


@needs_gambit
def test_we_read_what_gambit_writes() -> None:
    gbt_game = gbt.Game.from_arrays(
        np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]]), title='the "PD"'
    )
    ours = parse_nfg(gbt_game.to_nfg())
    assert np.array_equal(ours.payoffs, _gambit_tensor(gbt_game))
    assert ours.title == 'the "PD"'


# -- as a scenario ------------------------------------------------------------------------------


def test_read_nfg_gives_a_scenario_that_builds_the_same_game() -> None:
    from gametrust.formats.gambit_nfg import read_nfg
    from gametrust.formats.load import load

    for path in NFG_FILES:
        scenario = read_nfg(path)
        assert scenario == load(path)
        assert scenario.build() == read_nfg_game(path)
        assert scenario.parameters == {}
        assert set(scenario.empathy_weights().values()) == {0}
    pd = read_nfg(FIXTURES / "pd_outcome.nfg")
    assert pd.title == "Security dilemma as a Prisoner's Dilemma"
    assert pd.description == "outcome version, commas optional, outcomes named"
    assert [p.id for p in pd.players] == ["US", "DPRK"]


def test_nfg_scenario_solves_like_gambit_says() -> None:
    from gametrust.formats.gambit_nfg import read_nfg
    from gametrust.solvers.solve import solve

    result = solve(read_nfg(FIXTURES / "e02.nfg").build(), method="enumeration")
    half = Fraction(1, 2)
    found = {eq.strategies for eq in result}
    # Gambit's enummixed: the pure (1, 1) and Player 2 mixing 1/2-1/2 against strategy 1
    assert found == {((1, 0, 0), (1, 0)), ((1, 0, 0), (half, half))}


def test_read_nfg_errors_are_located_in_the_file(tmp_path: Path) -> None:
    from gametrust.formats.gambit_nfg import read_nfg

    path = tmp_path / "bad.nfg"
    path.write_text('NFG 1 R "x" { "A" } { 2 }\n 1 2 x\n')
    with pytest.raises(GambitFormatError) as info:
        read_nfg(path)
    assert (info.value.location.file, info.value.location.line) == (str(path), 2)
    assert info.value.location.column == 6
