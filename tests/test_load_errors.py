"""Every way a scenario file can be wrong gives ONE located gametrust error.

Each row names a fixture in ``tests/fixtures/bad/`` (the fixture's first line
says what is wrong with it), the error type, and where the error must point:
line, column (``None`` = not checked) and key path.  Most fixtures are
``scenarios/korea.yaml`` with one fault, so line numbers refer to that layout.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from gametrust.core.errors import ExpressionError, InputError, ScenarioError
from gametrust.core.limits import LimitError, ScenarioLimitError, raised
from gametrust.formats.load import load, loads

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"

#: fixture, error type, line, column, key path
CASES: list[tuple[str, type[ScenarioError], int | None, int | None, tuple[str | int, ...]]] = [
    # reading the file
    ("malformed.yaml", ScenarioError, 12, 3, ()),
    ("empty.yaml", ScenarioError, None, None, ()),
    ("binary.yaml", ScenarioError, None, None, ()),
    ("not_utf8.yaml", ScenarioError, None, None, ()),
    ("top_level_list.yaml", ScenarioError, 2, 1, ()),
    ("duplicate_key.yaml", ScenarioError, 15, 1, ("payoffs",)),
    ("python_tag.yaml", ScenarioError, 3, 8, ("title",)),
    # format version
    ("missing_version.yaml", ScenarioError, 2, 1, ("gametrust",)),
    ("version_2.yaml", ScenarioError, 2, 12, ("gametrust",)),
    # unknown and missing keys
    ("unknown_top_key.yaml", ScenarioError, 3, 1, ("titel",)),
    ("unknown_player_key.yaml", ScenarioError, 6, 29, ("players", "DPRK", "action")),
    ("unknown_parameter_key.yaml", ScenarioError, 8, 12, ("parameters", "relief", "valeu")),
    ("missing_title.yaml", ScenarioError, 2, 1, ("title",)),
    ("missing_actions.yaml", ScenarioError, 6, 9, ("players", "DPRK", "actions")),
    # wrong types
    ("title_not_text.yaml", ScenarioError, 3, 8, ("title",)),
    ("players_not_mapping.yaml", ScenarioError, 5, 3, ("players",)),
    ("actions_not_list.yaml", ScenarioError, 6, 38, ("players", "DPRK", "actions")),
    ("action_not_text.yaml", ScenarioError, 6, 44, ("players", "DPRK", "actions", 1)),
    ("no_actions.yaml", ScenarioError, 6, 38, ("players", "DPRK", "actions")),
    ("duplicate_action.yaml", ScenarioError, 6, 52, ("players", "DPRK", "actions", 2)),
    # parameters
    ("value_outside_range.yaml", ScenarioError, 8, 19, ("parameters", "relief", "value")),
    ("range_reversed.yaml", ScenarioError, 8, 29, ("parameters", "relief", "range")),
    ("parameter_name_invalid.yaml", ScenarioError, 9, 3, ("parameters", "sanctions-relief")),
    # payoff profiles
    ("missing_profile.yaml", ScenarioError, 9, 1, ("payoffs",)),
    ("unknown_action.yaml", ScenarioError, 11, 3, ("payoffs", "Presure, Freeze")),
    ("duplicate_profile.yaml", ScenarioError, 13, 3, ("payoffs", "Pressure,Arm")),
    ("wrong_payoff_count.yaml", ScenarioError, 11, 21, ("payoffs", "Pressure, Freeze")),
    ("matrix_wrong_shape.yaml", ScenarioError, 11, 9, ("payoffs", "DPRK")),
    ("matrix_missing_player.yaml", ScenarioError, None, None, ("payoffs", "DPRK")),
    # payoff values
    ("payoff_is_list.yaml", ScenarioError, 12, 22, ("payoffs", "Reassure, Arm", 0)),
    ("payoff_is_bool.yaml", ScenarioError, 12, 25, ("payoffs", "Reassure, Arm", 1)),
    ("payoff_is_null.yaml", ScenarioError, 12, 25, ("payoffs", "Reassure, Arm", 1)),
    ("payoff_is_infinite.yaml", ScenarioError, 12, 25, ("payoffs", "Reassure, Arm", 1)),
    # YAML 1.1 reads these as a date, a base-60 and an octal number: never silently a payoff
    ("payoff_is_date.yaml", ScenarioError, 12, 25, ("payoffs", "Reassure, Arm", 1)),
    ("payoff_is_base60.yaml", ScenarioError, 12, 25, ("payoffs", "Reassure, Arm", 1)),
    ("payoff_is_octal.yaml", ScenarioError, 12, 25, ("payoffs", "Reassure, Arm", 1)),
    # expressions: columns point at the offending character
    ("unknown_parameter.yaml", ExpressionError, 13, 30, ("payoffs", "Reassure, Freeze", 1)),
    ("division_by_zero.yaml", ExpressionError, 13, 31, ("payoffs", "Reassure, Freeze", 1)),
    ("code_import.yaml", ExpressionError, 13, 41, ("payoffs", "Reassure, Freeze", 1)),
    ("code_class.yaml", ExpressionError, 13, 24, ("payoffs", "Reassure, Freeze", 0)),
    ("code_attribute.yaml", ExpressionError, 13, 32, ("payoffs", "Reassure, Freeze", 1)),
    ("code_lambda.yaml", ExpressionError, 13, 31, ("payoffs", "Reassure, Freeze", 1)),
    ("code_call.yaml", ExpressionError, 13, 34, ("payoffs", "Reassure, Freeze", 1)),
    # empathy
    ("empathy_unknown_player.yaml", ScenarioError, 14, 18, ("empathy", "NK")),
    ("empathy_model_unknown.yaml", ScenarioError, 15, 16, ("empathy_model",)),
    # game trees (a small entry game with a hidden type; see tree_*.yaml)
    ("tree_probabilities_sum.yaml", ScenarioError, 14, 7, ("tree", "moves", "In", "chance")),
    ("tree_negative_probability.yaml", ScenarioError, 22, 24,
     ("tree", "moves", "In", "chance", "strong", "probability")),
    ("tree_infoset_moves.yaml", ScenarioError, 26, 13,
     ("tree", "moves", "In", "chance", "strong", "then", "moves")),
    ("tree_infoset_players.yaml", ScenarioError, 24, 21,
     ("tree", "moves", "In", "chance", "strong", "then", "player")),
    ("tree_node_empty.yaml", ScenarioError, 12, 10, ("tree", "moves", "Out")),
    ("tree_wrong_payoff_count.yaml", ScenarioError, 12, 11, ("tree", "moves", "Out", "payoffs")),
    ("tree_unknown_player.yaml", ScenarioError, 18, 21,
     ("tree", "moves", "In", "chance", "weak", "then", "player")),
    ("tree_duplicate_move.yaml", ScenarioError, 13, 5, ("tree", "moves", "Out")),
    ("tree_unknown_parameter.yaml", ExpressionError, 20, 70,
     ("tree", "moves", "In", "chance", "weak", "then", "moves", "Share", "payoffs", 1)),
    ("tree_empty_moves.yaml", ScenarioError, 12, 30, ("tree", "moves", "Out", "moves")),
    ("tree_and_payoffs.yaml", ScenarioError, 11, 1, ("tree",)),
    ("tree_player_actions.yaml", ScenarioError, 5, 13, ("players", "Entrant", "actions")),
    ("tree_forgets_own_move.yaml", ScenarioError, 16, 16, ("tree", "moves", "Late", "infoset")),
    ("tree_with_beliefs.yaml", ScenarioError, 27, 1, ("beliefs",)),
    ("tree_with_signalling.yaml", ScenarioError, 27, 1, ("signalling",)),
    # moves in time on korea.yaml's stage game
    ("commitment_unknown_action.yaml", ScenarioError, 81, 48, ("commitments", 0, "actions", 0)),
    ("commitment_bond_missing.yaml", ScenarioError, 81, 5, ("commitments", 0, "bond")),
    ("verification_detection_above_one.yaml", ScenarioError, 84, 14,
     ("verification", "detection")),
    ("order_missing_player.yaml", ScenarioError, 80, 1, ("order",)),
    # types and signals (a small Geneva 1985 file)
    ("types_prior_sum.yaml", ScenarioError, 15, 3, ("types", "USSR")),
    ("types_unknown_player.yaml", ScenarioError, 15, 3, ("types", "Ussr")),
    ("types_unknown_type.yaml", ScenarioError, 27, 5, ("signalling", "cost", "reformr")),
    ("types_unknown_profile.yaml", ScenarioError, 21, 9,
     ("types", "USSR", "expansionist", "payoffs", "Engage, Retreat")),
    # limits on the work a short file can ask for (docs/limits.md)
    ("too_many_profiles.yaml", ScenarioLimitError, 4, 1, ("players",)),
    ("too_many_commitments.yaml", ScenarioLimitError, 80, 1, ("commitments",)),
]


def test_every_fixture_is_in_the_table() -> None:
    assert {p.name for p in BAD.iterdir()} == {case[0] for case in CASES}


@pytest.mark.parametrize(
    ("name", "kind", "line", "column", "path"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_file_gives_one_located_error(
    name: str,
    kind: type[ScenarioError],
    line: int | None,
    column: int | None,
    path: tuple[str | int, ...],
) -> None:
    fixture = BAD / name
    with pytest.raises(kind) as info:
        load(fixture)
    location = info.value.location
    assert location.file == str(fixture)
    assert location.path == path
    if line is not None:
        assert location.line == line
    if column is not None:
        assert location.column == column
    # one line for a person: "file:line:col: key.path: message"
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("unknown_top_key.yaml", "title"),
        ("unknown_player_key.yaml", "actions"),
        ("unknown_parameter_key.yaml", "value"),
        ("unknown_action.yaml", "Pressure"),
        ("unknown_parameter.yaml", "relief"),
        ("empathy_model_unknown.yaml", "altruism"),
        ("tree_unknown_player.yaml", "Incumbent"),
        ("commitment_unknown_action.yaml", "Freeze"),
    ],
)
def test_misspellings_get_a_suggestion(name: str, suggestion: str) -> None:
    with pytest.raises(ScenarioError) as info:
        load(BAD / name)
    assert f"did you mean {suggestion!r}" in info.value.message


def test_missing_profiles_are_listed() -> None:
    with pytest.raises(ScenarioError) as info:
        load(BAD / "missing_profile.yaml")
    assert "Reassure, Arm" in info.value.message
    assert "Reassure, Freeze" in info.value.message


def test_duplicate_profile_names_the_first_line() -> None:
    with pytest.raises(ScenarioError) as info:
        load(BAD / "duplicate_profile.yaml")
    assert "line 10" in info.value.message


def test_missing_file_names_the_file() -> None:
    missing = BAD / "no_such_scenario.yaml"
    with pytest.raises(ScenarioError) as info:
        load(missing)
    assert info.value.location.file == str(missing)
    assert info.value.location.line is None


def test_a_directory_is_not_a_scenario() -> None:
    with pytest.raises(ScenarioError) as info:
        load(BAD)
    assert info.value.location.file == str(BAD)


def test_a_missing_efg_file_is_a_located_error() -> None:
    with pytest.raises(InputError) as info:
        load("no-such-tree.efg")
    assert info.value.location.file == "no-such-tree.efg"


# -- the same checks without fixture files: things the fixtures do not cover -------------------

GOOD = (BAD.parent.parent.parent / "scenarios" / "korea.yaml").read_text()


def _loads_error(text: str) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        loads(text, "inline.yaml")
    return info.value


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("gametrust: 1", "gametrust: '1'", ("gametrust",)),
        ("gametrust: 1", "gametrust: true", ("gametrust",)),
        ("title: Singapore summit, 2018", "title: '  '", ("title",)),
        ("actions: [Arm, Freeze]", "actions: ['Arm, Freeze']", ("players", "DPRK", "actions", 0)),
        ("actions: [Arm, Freeze]", "actions: [' Arm', Freeze]", ("players", "DPRK", "actions", 0)),
        ("  relief:\n", "  2relief:\n", ("parameters", "2relief")),
        ("    value: 4\n", "    value: lots\n", ("parameters", "relief", "value")),
        ("range: [2, 6]", "range: [2, 6, 8]", ("parameters", "relief", "range")),
        ("empathy: {US: 0, DPRK: 0}", "empathy: [0, 0]", ("empathy",)),
        ("empathy: {US: 0, DPRK: 0}", "empathy: {US: 0, DPRK: [1]}", ("empathy", "DPRK")),
        ("empathy_model: altruism", "empathy_model: 3", ("empathy_model",)),
        ("Pressure, Arm:    [2, 2]", "Pressure:    [2, 2]", ("payoffs", "Pressure")),
        ("Pressure, Arm:    [2, 2]", "Pressure, Arm:    2", ("payoffs", "Pressure, Arm")),
        ("US:   {name: United States,", "US:   {name: [United States],", ("players", "US", "name")),
        ("US:   {name", "US=1:   {name", ("players", "US=1")),
    ],
)
def test_more_faults_are_located(old: str, new: str, path: tuple[str | int, ...]) -> None:
    assert old in GOOD
    error = _loads_error(GOOD.replace(old, new, 1))
    assert error.location.path == path
    assert error.location.file == "inline.yaml"
    assert error.location.line is not None


def test_empathy_expression_naming_an_unknown_parameter() -> None:
    error = _loads_error(GOOD.replace("empathy: {US: 0, DPRK: 0}", "empathy: {US: e, DPRK: 0}"))
    assert isinstance(error, ExpressionError)
    assert error.location.path == ("empathy", "US")


def test_hostile_expression_text_is_refused_quickly() -> None:
    error = _loads_error(GOOD.replace("[relief, relief]", "[relief, '9^9^9^9^9']"))
    assert isinstance(error, ExpressionError)


@pytest.mark.parametrize(
    "value", ["'1e999999999'", "1.0e+999999999", "'" + "1" * 5000 + "/3'", ".nan"]
)
def test_hostile_numbers_are_refused_quickly(value: str) -> None:
    start = time.perf_counter()
    error = _loads_error(GOOD.replace("    value: 4\n", f"    value: {value}\n", 1))
    assert error.location.path == ("parameters", "relief", "value")
    assert time.perf_counter() - start < 2


# -- values YAML would read as something else, and limits ------------------------------------


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("2001-12-14", "a date"),  # read as 2001 - 12 - 14 = 1975 before
        ("2001-12-14 21:59:43", "a date and time"),
        ("2001-99-99", "a date"),  # YAML's date pattern, not a valid date
        ("1:3", "a base-60 number"),  # odds? YAML 1.1 reads 63
        ("-1:30.5", "a base-60 number"),
        ("017", "an octal number"),  # YAML 1.1 reads 15
    ],
)
def test_yaml_values_that_are_not_plain_numbers_are_located_errors(written: str, kind: str) -> None:
    error = _loads_error(GOOD.replace("[2, 2]", f"[{written}, 2]", 1))
    assert error.location.path == ("payoffs", "Pressure, Arm", 0)
    assert f"not {kind}" in error.message


@pytest.mark.parametrize("field", ["    value: 4\n", "range: [2, 6]"])
def test_a_date_is_not_a_parameter_value_either(field: str) -> None:
    new = "    value: 2001-12-14\n" if "value" in field else "range: [2, 2001-12-14]"
    error = _loads_error(GOOD.replace(field, new, 1))
    assert error.location.path[:2] == ("parameters", "relief")


def test_a_date_where_text_is_expected_is_the_text_written() -> None:
    text = GOOD.replace("title: Singapore summit, 2018", "title: 2018-06-12", 1)
    assert loads(text, "inline.yaml").title == "2018-06-12"
    text = GOOD.replace("actions: [Arm, Freeze]", "actions: [Arm, 1:30]", 1).replace(
        "Freeze:", "1:30:").replace(", Freeze", ", 1:30")
    assert loads(text, "inline.yaml").players[1].actions == ("Arm", "1:30")


def test_a_quoted_date_is_an_expression_as_written() -> None:
    scenario = loads(GOOD.replace("[2, 2]", "['2001-12-14', 2]", 1), "inline.yaml")
    assert scenario.base_game().payoff(("Pressure", "Arm"))[0] == 1975


def test_limits_are_located_and_name_how_to_raise_them() -> None:
    with pytest.raises(ScenarioLimitError) as info:
        load(BAD / "too_many_profiles.yaml")
    assert "GAMETRUST_MAX_PROFILES" in info.value.message
    assert info.value.count == 2**30
    with raised(actions=1):
        error = _loads_error(GOOD)
    assert isinstance(error, LimitError)
    assert error.location.path == ("players", "US", "actions")
    assert "GAMETRUST_MAX_ACTIONS" in error.message
    with raised(commitments=5):  # raised: the file loads
        assert len(load(BAD / "too_many_commitments.yaml").commitments) == 5


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(GOOD + "#" * 2000)
    with raised(file_bytes=len(GOOD) + 1000), pytest.raises(LimitError) as info:
        load(big)
    assert info.value.location.file == str(big)
    assert "GAMETRUST_MAX_FILE_BYTES" in info.value.message
    nfg = tmp_path / "big.nfg"
    nfg.write_text('NFG 1 R "x" { "A" "B" } { 2 2 }\n' + "1 " * 3000)
    with raised(file_bytes=1000), pytest.raises(LimitError):
        load(nfg)


def test_an_endless_file_is_refused_quickly() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    start = time.perf_counter()
    with pytest.raises(LimitError):
        load("/dev/zero")
    assert time.perf_counter() - start < 5


def test_a_document_with_too_many_values_is_refused_while_it_is_parsed() -> None:
    with raised(values=1000), pytest.raises(ScenarioLimitError) as info:
        loads("a: [" + ", ".join(["1"] * 2000) + "]\n", "long.yaml")
    assert info.value.location.line == 1


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\ud800"])
def test_a_character_yaml_refuses_is_located(char: str) -> None:
    error = _loads_error(GOOD.replace("title: Singapore", f"title: Singa{char}pore", 1))
    assert (error.location.line, error.location.column) == (39, 13)
    assert "not a text file" in error.message
