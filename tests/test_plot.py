"""Figures: written in every format, and one clear error without matplotlib."""

from __future__ import annotations

import sys
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from gametrust import load
from gametrust.analysis.regions import sweep_map
from gametrust.analysis.sweep import sweep
from gametrust.cli import cli
from gametrust.core.errors import ArgumentError, InputError
from gametrust.report.plot import (
    AXES_WIDTH,
    check_path,
    map_legend,
    plot,
    plot_map,
    plot_sweep,
    require_matplotlib,
)
from gametrust.report.plot_labels import boundary_segments, breakpoint_label, stagger, text_width

ROOT = Path(__file__).resolve().parent.parent
KOREA = ROOT / "scenarios" / "korea.yaml"
IRRATIONAL = ROOT / "tests" / "fixtures" / "sweep" / "irrational.yaml"
MAGIC = {"png": b"\x89PNG", "pdf": b"%PDF", "svg": b"<?xml"}


def _runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


@pytest.fixture(scope="module")
def korea_sweep():
    return sweep(load(KOREA), "empathy")


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_sweep_figure_in_every_format(tmp_path: Path, korea_sweep, fmt: str) -> None:
    pytest.importorskip("matplotlib")
    out = plot_sweep(korea_sweep, tmp_path / f"korea.{fmt}")
    assert out.read_bytes().startswith(MAGIC[fmt])
    assert out.stat().st_size > 1000


def test_svg_shows_the_exact_breakpoints_and_families(tmp_path: Path, korea_sweep) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.rcParams["svg.fonttype"] = "none"  # keep text as text
    try:
        text = plot_sweep(korea_sweep, tmp_path / "korea.svg").read_text("utf-8")
    finally:
        matplotlib.rcParams["svg.fonttype"] = "path"
    for label in ("e = 1/4", "e = 2/3", "Prisoner's Dilemma", "Stag Hunt", "Harmony",
                  "(Reassure, Freeze)", "(Pressure, Arm)"):
        assert label in text, label


def test_other_sweeps_and_maps(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    scenario = load(KOREA)
    outputs = [
        plot_sweep(sweep(scenario, "empathy:US"), tmp_path / "us.png"),
        plot_sweep(sweep(scenario, "param:relief"), tmp_path / "relief.png"),
        plot_sweep(sweep(load(IRRATIONAL), "param:r"), tmp_path / "irrational.png"),
        plot_map(sweep_map(scenario, ("empathy:US", "empathy:DPRK")), tmp_path / "map.png"),
        plot(sweep_map(scenario, ("empathy:US", "empathy:DPRK")), tmp_path / "map.pdf"),
    ]
    for out in outputs:
        assert out.stat().st_size > 1000


def test_cli_plot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib")
    monkeypatch.chdir(ROOT)
    out = tmp_path / "korea.png"
    result = _runner().invoke(cli, ["sweep", "scenarios/korea.yaml", "--empathy", "--plot",
                                    str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(MAGIC["png"])
    assert result.stderr.strip() == f"wrote {out}"
    out_map = tmp_path / "map.svg"
    result = _runner().invoke(cli, ["sweep", "scenarios/korea.yaml", "--empathy", "US",
                                    "--empathy", "DPRK", "--plot", str(out_map)])
    assert result.exit_code == 0, result.stderr
    assert out_map.stat().st_size > 1000


def test_unknown_extension_is_an_argument_error() -> None:
    with pytest.raises(ArgumentError) as info:
        check_path("figure.gif")
    assert info.value.location.path == ("--plot",)


def test_unwritable_target_names_the_file(tmp_path: Path, korea_sweep) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "no_such_dir" / "korea.png"
    with pytest.raises(InputError) as info:
        plot_sweep(korea_sweep, target)
    assert info.value.location.file == str(target)


def test_missing_matplotlib_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    with pytest.raises(ArgumentError) as info:
        require_matplotlib()
    assert info.value.location.path == ("--plot",)
    assert "gametrust[plot]" in info.value.message


def test_missing_matplotlib_through_the_cli(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    out = tmp_path / "korea.png"
    result = _runner().invoke(cli, ["sweep", "scenarios/korea.yaml", "--empathy", "--plot",
                                    str(out)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: --plot")
    assert "pip install 'gametrust[plot]'" in lines[0]
    assert not out.exists()
    assert result.stdout == ""  # nothing computed or printed before the error


# -- legible figures: label placement decided without drawing -------------------------------------

CLOSE = ROOT / "tests" / "fixtures" / "sweep" / "close_breakpoints.yaml"
ARMS_RACE = ROOT / "scenarios" / "arms_race.yaml"


@given(
    st.lists(st.tuples(st.floats(0, 1), st.floats(0.01, 0.3)), max_size=12),
    st.integers(1, 4),
)
def test_staggered_labels_never_overprint(labels: list, rows: int) -> None:
    positions, widths = [p for p, _ in labels], [w for _, w in labels]
    placed = stagger(positions, widths, rows=rows, gap=0.01)
    spans = {}
    for k, row in enumerate(placed):
        if row is None:
            continue
        assert 0 <= row < rows
        half = widths[k] / 2
        spans.setdefault(row, []).append((positions[k] - half, positions[k] + half))
    for row_spans in spans.values():
        row_spans.sort()
        for (_, end), (start, _) in pairwise(row_spans):
            assert start >= end + 0.01 - 1e-12
    # a label is left out only when every row already has a label it would overprint
    for k, row in enumerate(placed):
        if row is None:
            assert len(spans) == rows
            start, end = positions[k] - widths[k] / 2, positions[k] + widths[k] / 2
            for row_spans in spans.values():
                assert any(s < end + 0.01 and start < e + 0.01 for s, e in row_spans)


def test_close_breakpoints_are_staggered_or_named_elsewhere(tmp_path: Path) -> None:
    result = sweep(load(CLOSE), "param:t")
    values = [b.value for b in result.breakpoints]
    assert [str(v) for v in values] == ["1/5", "1/4", "3/10", "1/2", "3/5", "1", "5"]
    texts = [breakpoint_label("t", v) for v in values]
    positions = [float(v) / 10 for v in values]
    placed = stagger(positions, [text_width(t, 9, AXES_WIDTH) for t in texts], rows=3)
    # 1/5, 1/4 and 3/10 share no row; what fits in no row is listed, never overprinted
    assert len({placed[0], placed[1], placed[2]}) == 3
    assert placed[-2:] == [0, 0]  # 1 and 5 have room
    assert None in placed
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.rcParams["svg.fonttype"] = "none"
    try:
        svg = plot_sweep(result, tmp_path / "close.svg").read_text("utf-8")
    finally:
        matplotlib.rcParams["svg.fonttype"] = "path"
    for text in texts:
        assert text in svg, text  # on the axis, or in "also breakpoints at ..."
    assert "also breakpoints at " + ", ".join(
        t for t, row in zip(texts, placed, strict=True) if row is None
    ) in svg


def test_label_width_estimate_is_not_smaller_than_the_drawn_text() -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 2), dpi=100)
    renderer = FigureCanvasAgg(fig).get_renderer()
    for text in ("e = 1/4", "t = 3/10", "gain = 10", "r = sqrt(5) ≈ 2.236", "e_US ≈ 0.5331"):
        drawn = fig.text(0, 0, text, fontsize=9).get_window_extent(renderer).width / 100
        assert text_width(text, 9, 1.0) >= drawn, text


def test_map_draws_and_labels_only_lines_that_separate_regions() -> None:
    korea = sweep_map(load(KOREA), ("empathy:US", "empathy:DPRK"))
    cells = {(c.column, c.row): c.region for c in korea.cells}
    vertical, horizontal = boundary_segments(cells, len(korea.x_breaks) + 1,
                                             len(korea.y_breaks) + 1)
    assert [str(korea.x_breaks[k]) for k in vertical] == ["1/4", "2/3"]
    assert [str(korea.y_breaks[k]) for k in horizontal] == ["1/4", "2/3"]
    arms = sweep_map(load(ARMS_RACE), ("empathy:US", "empathy:USSR"))
    cells = {(c.column, c.row): c.region for c in arms.cells}
    vertical, horizontal = boundary_segments(cells, len(arms.x_breaks) + 1,
                                             len(arms.y_breaks) + 1)
    assert len(arms.x_breaks) > len(vertical)  # candidate lines that separate nothing
    assert [str(arms.x_breaks[k]) for k in vertical] == ["1/2", "2/3"]
    assert [str(arms.y_breaks[k]) for k in horizontal] == ["1/2", "2/3"]


@pytest.mark.parametrize(("path", "axes"), [(KOREA, ("empathy:US", "empathy:DPRK")),
                                            (ARMS_RACE, ("empathy:US", "empathy:USSR"))])
def test_map_legend_never_repeats_text(path: Path, axes: tuple[str, str]) -> None:
    m = sweep_map(load(path), axes)
    legend = map_legend(m)
    texts = [text for text, _ in legend]
    firsts = [text.split("\n")[0] for text in texts]
    assert len(set(texts)) == len(texts) and len(set(firsts)) == len(firsts)
    assert sorted(k for _, regions in legend for k in regions) == list(range(len(m.regions)))
    for text, regions in legend:  # one entry: one equilibrium set
        sets = {frozenset(e.strategies for e in m.regions[k].result) for k in regions}
        assert len({len(s) for s in sets}) == 1, text
    if path == ARMS_RACE:  # a larger game names each region's structure, not "3x3" again
        assert all("3x3" not in text for text in texts)
        assert any("2 continua" in text for text in texts)
