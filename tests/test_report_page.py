"""The page to share (``gametrust report FILE -o page.html``): exact data, exact arithmetic
in the page (run in Node against gametrust solving the same games in Python), and the page
in a real headless Chromium (the Korea page: empathy 0.2 -> 0.3 turns the Prisoner's
Dilemma into a Stag Hunt, and a screenshot that is not blank).

Node and Chromium are found on the PATH; a test that needs one skips, saying why, when it
is missing (``.ci/run`` installs Chromium).
"""

from __future__ import annotations

import doctest
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import gametrust
from gametrust.analysis.families import classify
from gametrust.analysis.page_data import page_data
from gametrust.analysis.selection import analyse
from gametrust.cli import cli
from gametrust.formats.load import load, loads
from gametrust.report.page import ASSETS, asset, render_page
from gametrust.solvers.solve import solve

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")
CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
NEEDS_NODE = pytest.mark.skipif(
    NODE is None, reason="node is not on the PATH: the page's exact arithmetic is not run"
)
NEEDS_CHROMIUM = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not on the PATH (Debian: apt-get install chromium; .ci/run installs "
    "it): the page is not tested in a browser",
)

#: relief**2/4 against the temptation 5: the family changes at relief = 2*sqrt(5), irrational
IRRATIONAL = """
gametrust: 1
title: Relief squared
players:
  US:   {actions: [Pressure, Reassure]}
  DPRK: {actions: [Arm, Freeze]}
parameters:
  relief: {value: 4, range: [2, 6]}
payoffs:
  Pressure, Arm:    [2, 2]
  Pressure, Freeze: [5, 0]
  Reassure, Arm:    [0, 5]
  Reassure, Freeze: [relief * relief / 4, relief * relief / 4]
"""

#: a continuum of equilibria (Row's Top against any mix of Column's) for small empathy
CONTINUUM = """
gametrust: 1
title: Continuum
players:
  Row:    {actions: [Top, Bottom]}
  Column: {actions: [Left, Right]}
payoffs:
  Top, Left:     [1, 1]
  Top, Right:    [1, 1]
  Bottom, Left:  [0, 0]
  Bottom, Right: [2, 2]
"""
OWN = {"irrational": IRRATIONAL, "continuum": CONTINUUM}

@pytest.fixture(scope="module")
def korea_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "korea.html"
    result = CliRunner().invoke(cli, ["report", str(ROOT / "scenarios/korea.yaml"), "-o",
                                      str(path)])
    assert result.exit_code == 0, result.output
    return path


# -- the data and the page, in Python ---------------------------------------------------------


def test_korea_data_has_the_exact_sweeps() -> None:
    data = page_data(load(ROOT / "scenarios/korea.yaml"))
    common = data["sliders"][0]
    assert (common["id"], common["lo"], common["hi"], common["value"]) == ("empathy", "0", "1", "0")
    points = [s["at"]["q"] for s in common["segments"] if s["type"] == "point"]
    assert points == ["1/4", "2/3", "1"]
    families = [s["family"]["name"] for s in common["segments"] if s["type"] == "interval"]
    assert families == ["Prisoner's Dilemma", "Stag Hunt", "Concord"]  # Concord: a Harmony game
    mixed = common["segments"][2]["equilibria"][2]
    assert mixed["strategies"][0][0] == {"n": ["-1", "4"], "d": ["1", "1"]}  # (4e - 1)/(e + 1)
    relief = data["sliders"][3]
    assert (relief["id"], relief["lo"], relief["hi"], relief["value"]) == ("param:relief", "2",
                                                                            "6", "4")


def test_an_irrational_breakpoint_is_embedded_with_its_polynomial() -> None:
    data = page_data(loads(IRRATIONAL, "irrational.yaml"))
    relief = next(s for s in data["sliders"] if s["id"] == "param:relief")
    points = [s for s in relief["segments"] if s["type"] == "point" and "poly" in s["at"]]
    # relief**2/4 = 2 (the punishment) and = 5 (the temptation): 2*sqrt(2) and 2*sqrt(5)
    assert [[int(c) for c in s["at"]["poly"]] for s in points] == [[-8, 0, 1], [-20, 0, 1]]
    for point, square in zip(points, (8, 20), strict=True):
        lo, hi = Fraction(point["at"]["lo"]), Fraction(point["at"]["hi"])
        assert lo < hi and lo**2 < square < hi**2
        assert not point["exact"] and "equilibria" not in point


def test_the_page_is_one_self_contained_file(korea_page: Path) -> None:
    page = korea_page.read_text(encoding="utf-8")
    for external in ("<script src", "<link", "@import", "url(", "http://", "https://", "//cdn"):
        assert external not in page
    for name in ASSETS:
        assert asset(name).strip()[:60] in page.replace("<\\/", "</")
    for landmark in ('aria-live="polite"', '<meta name="viewport"', "@media print",
                     "@media (max-width"):
        assert landmark in page


def test_labels_cannot_break_out_of_the_page() -> None:
    data = page_data(load(ROOT / "scenarios/stag_hunt.yaml"))
    data["title"] = "</script><script>alert(1)</script>"
    data["players"][0]["name"] = "<!-- x"
    page = render_page(data)
    assert "alert(1)</script>" not in page.split('id="gametrust-data">', 1)[1].split("</script>")[0]
    assert page.count("</script>") == 2


def test_the_python_function_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "korea.html"
    text = gametrust.report_page(load(ROOT / "scenarios/korea.yaml"), out,
                                 parameters={"relief": 5})
    assert out.read_text(encoding="utf-8") == text
    assert '"param:relief","label":"Parameter relief","symbol":"relief","lo":"2","hi":"6"' in text
    # a value outside the declared range widens the slider's range to it
    data = page_data(load(ROOT / "scenarios/korea.yaml"), parameters={"relief": 9})
    relief = data["sliders"][3]
    assert (relief["lo"], relief["hi"], relief["value"]) == ("2", "9", "9")


def test_the_page_goes_to_standard_output_or_a_located_write_error(tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["report", str(ROOT / "scenarios/stag_hunt.yaml"), "-o", "-"])
    assert out.exit_code == 0 and out.stdout.startswith("<!DOCTYPE html>")
    missing = tmp_path / "no-such-dir" / "page.html"
    bad = runner.invoke(cli, ["report", str(ROOT / "scenarios/stag_hunt.yaml"), "-o",
                              str(missing)])
    assert bad.exit_code == 2 and "cannot write" in bad.output and str(missing) in bad.output


@pytest.mark.parametrize(
    "option, where",
    [(["--empathy", "US=abc"], "--empathy US"), (["--empathy", "UK=1/4"], "--empathy"),
     (["--set", "releif=5"], "--set releif"), (["--set", "relief=x"], "relief")],
)
def test_bad_starting_values_are_located_errors(option: list[str], where: str,
                                                tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["report", str(ROOT / "scenarios/korea.yaml"), *option, "-o",
                                   str(tmp_path / "x.html")])
    assert out.exit_code == 2, out.output
    assert where in out.output


def test_a_scenario_the_page_cannot_show_is_a_located_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["report", str(ROOT / "scenarios/korea_trust.yaml"), "-o",
                                      str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert "korea_trust.yaml" in result.output and "two-player game in strategic form" in (
        result.output)
    assert not (tmp_path / "x.html").exists()


def test_the_doc_examples_run() -> None:
    text = (ROOT / "docs" / "report-html.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```pycon\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    assert blocks
    for source in blocks:
        test = doctest.DocTestParser().get_doctest(source, {}, "report-html.md", None, 0)
        runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
        runner.run(test)
        assert runner.failures == 0


# -- the page's arithmetic, in Node -----------------------------------------------------------


@NEEDS_NODE
def test_exact_arithmetic_in_node() -> None:
    out = subprocess.run([NODE, str(ROOT / "tests/js/exact_test.js")], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok ")


def _page_states(data: dict, points: list[tuple[str, str]], tmp_path: Path) -> list[dict]:
    source = tmp_path / "states.json"
    source.write_text(json.dumps({"data": data, "points": points}), encoding="utf-8")
    out = subprocess.run([NODE, str(ROOT / "tests/js/page_states.js"), str(source)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _values(slider: dict) -> list[Fraction]:
    lo, hi = Fraction(slider["lo"]), Fraction(slider["hi"])
    values = {lo + (hi - lo) * k / 20 for k in range(21)}
    for segment in slider["segments"]:
        if segment["type"] == "point" and "q" in segment["at"]:
            q = Fraction(segment["at"]["q"])
            values |= {q, q - Fraction(1, 1000), q + Fraction(1, 1000)}
    return sorted(v for v in values if lo <= v <= hi)


def _python_state(scenario, axis: str, t: Fraction) -> dict:
    kind, _, name = axis.partition(":")
    if kind == "param":
        game = scenario.build(parameters={name: t})
    else:
        game = scenario.build(empathy={p: t for p in ([name] if name else scenario.player_ids)})
    result = solve(game)
    selection = analyse(game, result)
    strategies = [tuple(tuple(s) for s in e.strategies) for e in result]
    return {
        "family": classify(game).name,
        "table": game.payoffs,
        "equilibria": sorted(strategies),
        "payoff_dominant": (None if selection.payoff_dominant is None
                            else strategies[selection.payoff_dominant]),
        "risk_dominant": (None if selection.risk_dominant is None
                          else strategies[selection.risk_dominant]),
        "thresholds": sorted(
            (strategies[th.cooperative], strategies[th.other],
             tuple(th.thresholds[p] for p in game.players))
            for th in selection.thresholds
        ),
    }


def _node_state(state: dict) -> dict:
    def exact(v):
        return None if v is None else Fraction(v)

    strategies = [tuple(tuple(exact(p) for p in s) for s in e["strategies"])
                  for e in state["equilibria"]]
    return {
        "family": state["family"],
        "table": [[[exact(v) for v in cell] for cell in row] for row in state["table"]],
        "equilibria": sorted(strategies),
        "payoff_dominant": (None if state["payoff_dominant"] is None
                            else strategies[state["payoff_dominant"]]),
        "risk_dominant": (None if state["risk_dominant"] is None
                          else strategies[state["risk_dominant"]]),
        "thresholds": sorted(
            (strategies[th["cooperative"]], strategies[th["alternative"]],
             tuple(exact(v) for v in th["values"]))
            for th in state["thresholds"]
        ),
    }


@NEEDS_NODE
@pytest.mark.parametrize("name", ["korea", "chicken", "irrational", "continuum"])
def test_the_page_agrees_with_gametrust_at_every_point(name: str, tmp_path: Path) -> None:
    """At 21 evenly spaced values of every slider, at every rational breakpoint and just
    beside it, the page's family, table, equilibria, dominance and trust thresholds are
    exactly what gametrust gets by building and solving the game there."""
    scenario = (loads(OWN[name], f"{name}.yaml") if name in OWN
                else load(ROOT / f"scenarios/{name}.yaml"))
    data = page_data(scenario)
    if name == "continuum":
        assert any(seg["continua"] for s in data["sliders"] for seg in s["segments"])
    points = [(s["id"], str(v)) for s in data["sliders"] for v in _values(s)]
    states = _page_states(data, points, tmp_path)
    for (axis, value), state in zip(points, states, strict=True):
        expected = _python_state(scenario, axis, Fraction(value))
        got = _node_state(state)
        got["table"] = np.array([[[row[c][i] for c in range(len(row))] for row in got["table"]]
                                 for i in range(2)], dtype=object)
        assert np.array_equal(got.pop("table"), expected.pop("table")), (axis, value)
        assert got == expected, (axis, value)
    if name == "irrational":  # either side of 2*sqrt(5) = 4.4721...
        relief = [(a, v, s["family"]) for (a, v), s in zip(points, states, strict=True)
                  if a == "param:relief"]
        near = _page_states(data, [("param:relief", "4.4721"), ("param:relief", "4.4722")],
                            tmp_path)
        assert [s["family"] for s in near] == ["Prisoner's Dilemma", "Stag Hunt"], relief


# -- the page in a real browser ---------------------------------------------------------------


class _Dom(HTMLParser):
    """Attributes by element id, the data-label of each equilibrium, the status text."""

    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, dict[str, str | None]] = {}
        self.labels: list[str] = []
        self.status = ""
        self._in_status = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("html", "body"):
            self.by_id[tag] = found
        if found.get("id"):
            self.by_id[found["id"]] = found  # type: ignore[index]
        if "data-label" in found:
            self.labels.append(found["data-label"] or "")
        self._in_status = found.get("id") == "status"

    def handle_data(self, data: str) -> None:
        if self._in_status:
            self.status += data

    def handle_endtag(self, tag: str) -> None:
        self._in_status = False


def _chromium(tmp_path: Path, *args: str) -> str:
    out = subprocess.run(
        [CHROMIUM, "--headless", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def _dom(tmp_path: Path, url: str) -> _Dom:
    dom = _Dom()
    dom.feed(_chromium(tmp_path, "--dump-dom", url))
    assert dom.by_id["html"].get("data-ready") == "true", "the page's script did not run"
    return dom


#: Moves the common-empathy slider as a person does (input events), recording each state.
SLIDE = """<script>
(function () {
  const range = document.querySelector('input[type=range][data-axis="empathy"]');
  const seen = [];
  const record = () => seen.push(document.getElementById("family").getAttribute("data-family")
    + " | " + range.getAttribute("aria-valuetext"));
  for (const k of ["20", "30"]) {
    range.value = k;
    range.dispatchEvent(new Event("input", { bubbles: true }));
    record();
  }
  document.body.setAttribute("data-seen", seen.join(" ; "));
})();
</script>
</body>"""


def _png_colours(path: Path) -> tuple[int, int, int]:
    """Width, height and the number of distinct colours of an 8-bit RGB(A) PNG, decoded
    with the standard library (zlib, struct; the five row filters of the PNG format)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6), (depth, colour)
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = 1 + width * bpp
    prev = bytes(width * bpp)
    rows = []
    for y in range(height):
        f, line = raw[y * stride], raw[y * stride + 1:(y + 1) * stride]
        if f == 0:
            out = bytearray(line)
        elif f == 2:
            out = bytearray((a + b) & 255 for a, b in zip(line, prev, strict=True))
        else:  # Sub, Average, Paeth: left to right
            out = bytearray(line)
            for i in range(len(out)):
                a = out[i - bpp] if i >= bpp else 0
                if f == 1:
                    pred = a
                elif f == 3:
                    pred = (a + prev[i]) >> 1
                else:
                    b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                out[i] = (out[i] + pred) & 255
        rows.append(bytes(out))
        prev = out
    pixels = np.frombuffer(b"".join(rows), dtype=np.uint8).astype(np.int64)
    pixels = pixels.reshape(height * width, bpp)
    packed = pixels[:, 0] << 16 | pixels[:, 1] << 8 | pixels[:, 2]
    return width, height, len(np.unique(packed))


@NEEDS_CHROMIUM
def test_korea_page_in_chromium_at_a_breakpoint_from_the_address(
    korea_page: Path, tmp_path: Path
) -> None:
    """The address sets a value exactly as the slider does; exactly at the breakpoint 1/4
    the page shows the breakpoint's own answer (the tie, both pure equilibria)."""
    dom = _dom(tmp_path, korea_page.as_uri() + "#empathy=1/4")
    assert dom.by_id["family"]["data-family"] == "tie: boundary of Prisoner's Dilemma and Stag Hunt"
    assert dom.labels == ["(Pressure, Arm)", "(Reassure, Freeze)"]
    assert dom.by_id["slider-0"]["aria-valuetext"] == "e = 1/4 = 0.25"
    assert dom.status.startswith("e = 1/4 = 0.25: tie: boundary of Prisoner's Dilemma")


@NEEDS_CHROMIUM
def test_korea_page_in_chromium_moving_the_slider(korea_page: Path, tmp_path: Path) -> None:
    """Required by issue 14: the common-empathy slider from 0.2 to 0.3 turns the Prisoner's
    Dilemma into a Stag Hunt with (Reassure, Freeze) among the equilibria; the screenshot
    of the page is not blank."""
    moved = tmp_path / "korea-moved.html"
    moved.write_text(korea_page.read_text(encoding="utf-8").replace("</body>", SLIDE, 1),
                     encoding="utf-8")
    dom = _dom(tmp_path, moved.as_uri())
    seen = [s.strip() for s in (dom.by_id["body"].get("data-seen") or "").split(";")]
    assert seen == ["Prisoner's Dilemma | e = 1/5 = 0.2", "Stag Hunt | e = 3/10 = 0.3"]
    assert dom.by_id["family"]["data-family"] == "Stag Hunt"
    assert "(Reassure, Freeze)" in dom.labels and "(Pressure, Arm)" in dom.labels
    assert "e = 3/10 = 0.3: Stag Hunt; 3 equilibria" in dom.status
    shot = tmp_path / "korea-page.png"
    _chromium(tmp_path, "--hide-scrollbars", f"--screenshot={shot}", "--window-size=1000,1600",
              moved.as_uri())
    width, height, colours = _png_colours(shot)
    assert (width, height) == (1000, 1600)
    assert colours >= 50, f"the screenshot looks blank: {colours} colours"
    keep = os.environ.get("GAMETRUST_PAGE_SCREENSHOT")  # where to keep a copy, if anywhere
    if keep:
        shutil.copyfile(shot, keep)
