"""Figures: written in every format, and one clear error without matplotlib."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gametrust import load
from gametrust.analysis.regions import sweep_map
from gametrust.analysis.sweep import sweep
from gametrust.cli import cli
from gametrust.core.errors import ArgumentError, InputError
from gametrust.report.plot import check_path, plot, plot_map, plot_sweep, require_matplotlib

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
