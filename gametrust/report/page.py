"""A page to share: one self-contained HTML file with sliders over the exact sweeps.

:func:`report_page` computes the data (:func:`gametrust.analysis.page_data.page_data`:
one exact sweep per slider) and :func:`render_page` writes the page: the
payoff table, the family, the equilibria and the trust thresholds, with
sliders for empathy (common and per player) and for each parameter with a
declared range.  Everything is inline — the style sheet and the scripts
(``html_assets/*.css|js``, written for this page, no library), the data as
JSON — so the file works offline, from an e-mail attachment, with no server
and no network.  The page computes with exact rationals (JavaScript
``BigInt``): slider values are exact, breakpoints are compared exactly (a
value exactly at a breakpoint shows the game solved there), and formulas are
evaluated exactly before they are shown as fractions and decimals.

>>> from gametrust.formats.load import load
>>> page = report_page(load("scenarios/korea.yaml"))
>>> page.startswith("<!DOCTYPE html>"), "<script src" in page, "http" in page
(True, False, False)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from ..analysis.page_data import page_data
from ..scenario.scenario import Scenario

__all__ = ["ASSETS", "asset", "render_page", "report_page"]

#: The page's own scripts and style sheet, in the order they are inlined.
ASSETS = ("exact.js", "model.js", "page.js", "page.css")


def asset(name: str) -> str:
    """The text of one file of ``gametrust/report/html_assets``."""
    return resources.files(__package__).joinpath("html_assets", name).read_text(encoding="utf-8")


def _script_safe(text: str) -> str:
    """Text that cannot end an inline ``<script>`` (or open a comment) early."""
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def render_page(data: Mapping[str, Any]) -> str:
    """The HTML page of :func:`~gametrust.analysis.page_data.page_data`'s data."""
    title = escape(data["title"] or "gametrust")
    payload = json.dumps(data, ensure_ascii=True, separators=(",", ":")).replace("<", "\\u003c")
    scripts = "\n".join(_script_safe(asset(name)) for name in ASSETS if name.endswith(".js"))
    players = ", ".join(f"{p['id']} ({p['name']})" if p["name"] != p["id"] else p["id"]
                        for p in data["players"])
    source = f" from <code>{escape(data['file'])}</code>" if data.get("file") else ""
    description = f"<p>{escape(data['description'])}</p>" if data.get("description") else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="gametrust {escape(data['gametrust_version'])}">
<title>{title} — gametrust</title>
<style>
{asset("page.css")}</style>
</head>
<body>
<header>
<h1>{title}</h1>
{description}
<p class="meta">Players: {escape(players)}. Written by gametrust
{escape(data['gametrust_version'])}{source}: every number below is exact, computed in this
page from the exact sweep embedded in it.</p>
</header>
<main>
<noscript><p class="status">This page computes with JavaScript; turn it on to use the
sliders.</p></noscript>
<section aria-labelledby="controls-title">
<h2 id="controls-title">Sliders</h2>
<p>One slider moves at a time; the others show the scenario's values. Use the arrow keys
on a slider, or type an exact value (such as 2/3) and press Set.</p>
<div id="controls" class="controls"></div>
<p id="status" class="status" role="status" aria-live="polite" aria-atomic="true"></p>
<p id="where"></p>
</section>
<section aria-labelledby="table-title">
<h2 id="table-title">Payoff table</h2>
<div id="table" class="table-box"></div>
</section>
<section aria-labelledby="family-title">
<h2 id="family-title">Family</h2>
<div id="family"></div>
</section>
<section aria-labelledby="equilibria-title">
<h2 id="equilibria-title">Equilibria</h2>
<div id="equilibria"></div>
</section>
<section aria-labelledby="selection-title">
<h2 id="selection-title">Selection and trust thresholds</h2>
<div id="selection"></div>
</section>
<section aria-labelledby="overview-title">
<h2 id="overview-title">The whole sweep</h2>
<div id="overview"></div>
</section>
</main>
<footer><p>Sweeps are one-dimensional: the page follows one slider at a time exactly.
Breakpoints that are irrational numbers are compared exactly with the slider value (by the
sign of their polynomial); the game exactly at such a point is not shown (a slider value,
always rational, is never there).</p></footer>
<script type="application/json" id="gametrust-data">{payload}</script>
<script>
{scripts}
</script>
</body>
</html>
"""


def report_page(
    scenario: Scenario,
    path: str | Path | None = None,
    *,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> str:
    """The page of ``scenario`` (see the module docstring); written to ``path`` when given.

    ``parameters`` and ``empathy`` change the scenario's values, where the sliders start.
    """
    page = render_page(page_data(scenario, parameters, empathy))
    if path is not None:
        Path(path).write_text(page, encoding="utf-8")
    return page
