"""Safe YAML loading with positions: exact numbers, refused tags, located errors.

Every test runs on both parsers: libyaml's (C) when PyYAML has it, and PyYAML's
pure-Python one (the fallback).
"""

from __future__ import annotations

import time
from fractions import Fraction

import pytest

from gametrust.core.errors import Location, ScenarioError
from gametrust.formats import yamlsource
from gametrust.formats.yamlsource import SourceMap, load_yaml


@pytest.fixture(autouse=True, params=["c", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test on libyaml's parser and on the pure-Python one."""
    if request.param == "c" and yamlsource.CParser is None:
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(yamlsource, "PARSER", request.param)
    return request.param

DOC = """\
title: Summit          # a comment
players:
  US: {name: United States, actions: [Pressure, Reassure]}
payoffs:
  Pressure, Arm: [2, 0.1]
  "Reassure, Arm": ['x + 1', 1.5e+3]
"""


def test_data_and_positions() -> None:
    data, where = load_yaml(DOC, "k.yaml")
    assert data["players"]["US"]["actions"] == ["Pressure", "Reassure"]
    assert where.key_location(("payoffs", "Pressure, Arm")) == Location(
        "k.yaml", 5, 3, ("payoffs", "Pressure, Arm")
    )
    assert where.location(("payoffs", "Pressure, Arm", 1)) == Location(
        "k.yaml", 5, 22, ("payoffs", "Pressure, Arm", 1)
    )
    assert where.location(("players", "US", "actions", 1)).column == 49


def test_decimals_are_exact_and_ints_stay_ints() -> None:
    data, _ = load_yaml(DOC, "k.yaml")
    assert data["payoffs"]["Pressure, Arm"] == [2, Fraction(1, 10)]
    assert type(data["payoffs"]["Pressure, Arm"][0]) is int
    assert data["payoffs"]["Reassure, Arm"][1] == 1500
    data, _ = load_yaml("a: [0.1, 1_000.25, -2.5, 0x10]\n", "f")
    assert data["a"] == [Fraction(1, 10), Fraction(4001, 4), Fraction(-5, 2), 16]


def test_missing_paths_fall_back_to_the_nearest_ancestor() -> None:
    _, where = load_yaml(DOC, "k.yaml")
    assert where.location(("players", "US", "nothing", 3)) == Location(
        "k.yaml", 3, 7, ("players", "US", "nothing", 3)
    )
    assert where.location(("absent",)) == Location("k.yaml", 1, 1, ("absent",))
    assert SourceMap.empty("x").location(("a",)) == Location("x", path=("a",))


def test_text_location_skips_quotes() -> None:
    _, where = load_yaml(DOC, "k.yaml")
    assert where.text(("payoffs", "Reassure, Arm", 0)) == "x + 1"
    assert where.text_location(("payoffs", "Reassure, Arm", 0)).column == 22


def test_text_location_of_plain_text_has_its_column() -> None:
    """A plain scalar's column is kept on both parsers (libyaml marks plain style '', PyYAML
    None: read as a block scalar, the column was lost)."""
    _, where = load_yaml(DOC, "k.yaml")
    assert where.text(("players", "US", "name")) == "United States"
    assert where.text_location(("players", "US", "name")).column == 14


def test_text_location_has_no_column_for_folded_text() -> None:
    _, where = load_yaml("a: >\n  x +\n  y\nb: 'x\n  + y'\n", "f")
    assert where.text_location(("a",)).column is None
    assert where.text_location(("b",)).column is None


def test_keys_are_text_as_written_and_booleans_keep_their_text() -> None:
    data, where = load_yaml("yes: [Yes, No]\n1: 2\n", "f")
    assert data == {"yes": [True, False], "1": 2}
    assert where.text(("yes", 0)) == "Yes"


def test_anchors_aliases_and_merge_keys() -> None:
    text = "base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\ne: *b\n"
    data, _ = load_yaml(text, "f")
    assert data["d"] == {"x": 1, "y": 3}
    assert data["e"] == {"x": 1, "y": 2}


def test_duplicate_keys_name_both_lines() -> None:
    with pytest.raises(ScenarioError) as info:
        load_yaml("payoffs:\n  A: 1\n  B: 2\n  A: 3\n", "f.yaml")
    assert info.value.location == Location("f.yaml", 4, 3, ("payoffs", "A"))
    assert "2" in info.value.message  # the first occurrence's line


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system [ls]\n",
        "a: !!python/name:os.system\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x, y}\n",
        "a: !custom 3\n",
        "!!python/object:object {}\n",
    ],
)
def test_tags_are_refused(text: str) -> None:
    with pytest.raises(ScenarioError) as info:
        load_yaml(text, "evil.yaml")
    assert info.value.location.line == 1


def test_malformed_yaml_reports_line_and_column() -> None:
    with pytest.raises(ScenarioError) as info:
        load_yaml("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml")
    assert info.value.location.file == "bad.yaml"
    assert info.value.location.line == 3
    assert "\n" not in str(info.value)


def test_tab_indentation_is_located() -> None:
    with pytest.raises(ScenarioError) as info:
        load_yaml("a:\n\tb: 1\n", "f")
    assert (info.value.location.line, info.value.location.column) == (2, 1)


@pytest.mark.parametrize(
    "source",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00", "caf\xe9: 1".encode("latin-1"), "a: \x00"],
)
def test_binary_content_is_not_a_text_file(source: bytes | str) -> None:
    with pytest.raises(ScenarioError) as info:
        load_yaml(source, "f.bin")
    assert info.value.location.file == "f.bin"


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    with pytest.raises(ScenarioError) as info:
        load_yaml(text, "e.yaml")
    assert info.value.location.file == "e.yaml"


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "42\n", "~\n"])
def test_top_level_must_be_a_mapping(text: str) -> None:
    with pytest.raises(ScenarioError) as info:
        load_yaml(text, "f")
    assert info.value.location.line == 1


def test_utf8_bom_is_accepted() -> None:
    data, _ = load_yaml("\ufeffa: 1\n".encode(), "f")
    assert data == {"a": 1}


def test_more_than_one_document_is_refused() -> None:
    with pytest.raises(ScenarioError):
        load_yaml("a: 1\n---\nb: 2\n", "f")


def test_recursive_alias_is_refused() -> None:
    with pytest.raises(ScenarioError):
        load_yaml("a: &x [1, *x]\n", "f")


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for k in range(1, 9):
        refs = ", ".join([f"*a{k - 1}"] * 10)
        lines.append(f"a{k}: &a{k} [{refs}]")
    start = time.process_time()  # processor time: a loaded machine does not inflate it
    with pytest.raises(ScenarioError):
        load_yaml("\n".join(lines) + "\n", "bomb.yaml")
    assert time.process_time() - start < 10


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(ScenarioError):
        load_yaml("a: " + "[" * 3000 + "]" * 3000 + "\n", "f")


def test_non_scalar_keys_are_refused() -> None:
    with pytest.raises(ScenarioError) as info:
        load_yaml("? [a, b]\n: 1\n", "f")
    assert info.value.location.line == 1


def test_infinities_stay_floats_for_the_caller_to_refuse() -> None:
    data, _ = load_yaml("a: [.inf, -.inf]\n", "f")
    assert data["a"] == [float("inf"), float("-inf")]


def test_a_long_number_is_refused_where_it_is_written() -> None:
    with pytest.raises(ScenarioError) as info:
        load_yaml("a: [1, " + "7" * 150 + "]\n", "f")
    assert (info.value.location.line, info.value.location.column) == (1, 8)


def test_a_long_number_within_a_raised_digits_limit_is_exact(many_digits: None) -> None:
    data, _ = load_yaml("a: [1, " + "7" * 150 + ", 0." + "3" * 150 + "]\n", "f")
    assert data["a"][1:] == [int("7" * 150), Fraction(int("3" * 150), 10**150)]


def test_the_values_limit_is_checked_while_composing() -> None:
    from gametrust.core.limits import LimitError, raised

    with raised(values=50), pytest.raises(LimitError) as info:
        load_yaml("a:\n" + "".join(f"  - {k}\n" for k in range(100)), "f")
    assert "holds more than 50 values" in str(info.value)
    assert info.value.location.line is not None
