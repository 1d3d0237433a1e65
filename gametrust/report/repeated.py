"""Text, JSON and Markdown for repeated games and their sweeps.

Pure functions: a :class:`~gametrust.analysis.repeated.RepeatedReport` (or a
:class:`~gametrust.analysis.repeated_sweep.RepeatedSweep`) in, a string
out.  The JSON is the value's own ``to_dict()`` (documented in
``docs/repeated.md``) with a schema version.
"""

from __future__ import annotations

from typing import Any

from ..analysis.repeated import RepeatedReport
from ..analysis.repeated_play import PlayResult
from ..analysis.repeated_sweep import RepeatedSweep
from ..core.exact import format_number
from .formats import json_document

__all__ = ["render_play", "render_repeated", "render_repeated_sweep"]



def _symbol(name: str) -> str:
    return "δ" if name == "delta" else name


def _payoffs(report: RepeatedReport | RepeatedSweep, profile: Any, symbol: str) -> str:
    return ", ".join(f"{p} {f.formula(symbol)}" for p, f in profile.payoffs.items())


def render_repeated(report: RepeatedReport, format: str = "text") -> str:
    """The report of a repeated game as ``"text"``, ``"json"`` or ``"markdown"``."""
    if format == "json":
        return json_document(report.to_dict())
    sym = _symbol(report.symbol)
    scenario = report.scenario
    noise = "" if report.noise == 0 else f", noise {format_number(report.noise)}"
    stage = " x ".join(f"{p.id}({', '.join(p.actions)})" for p in scenario.players)
    head = [f"Repeated game: {scenario.title}",
            f"Stage game: {stage}; average payoffs (1 - {sym}) Σ {sym}^t u_t{noise}"]
    if scenario.path:
        head.append(f"File: {scenario.path}")
    if any(v != 0 for v in report.empathy.values()):
        head.append("Empathy: " + ", ".join(f"{p}={format_number(v)}"
                                            for p, v in report.empathy.items()))
    if report.discount is not None:
        head.append(f"Discount: {sym} = {format_number(report.discount)} in this file; the "
                    f"conditions below hold for every {sym} in [0, 1)")
    if report.folk is not None:
        head.append(report.folk.text(scenario.player_ids))
    lines = [*head, ""]
    markdown = format == "markdown"
    if markdown:
        lines[0] = f"## {lines[0]}"
    for profile in report.profiles:
        now = report.at_discount(profile)
        status = ""
        if now is not None:
            status = (" [subgame-perfect here]" if now["subgame_perfect"] else
                      " [Nash here]" if now["nash"] else "")
        bullet = "- " if markdown else "  "
        lines.append(f"{bullet}{profile.summary()}{status}")
        lines.append(f"{'  ' if markdown else '    '}payoffs: {_payoffs(report, profile, sym)}")
    return "\n".join(lines)


def render_repeated_sweep(result: RepeatedSweep, format: str = "text",
                          file: str | None = None) -> str:
    """The sweep of a repeated game as ``"text"`` or ``"json"``."""
    if format == "json":
        return json_document(result.to_dict(), file)
    right = ")" if result.hi_open else "]"
    lines = [result.title, "",
             f"Sweep: {result.symbol} ({result.what}), over [{format_number(result.lo)}, "
             f"{format_number(result.hi)}{right}"]
    if file or result.file:
        lines.append(f"File: {file or result.file}")
    if result.fixed:
        lines.append("Fixed: " + ", ".join(f"{k}={v}" for k, v in result.fixed.items()))
    lines.append("")
    for segment in result.segments:
        lines.append(segment.label(result.symbol))
        lines.append(f"  subgame-perfect: {', '.join(segment.subgame_perfect) or 'none'}")
        only_nash = [n for n in segment.nash if n not in segment.subgame_perfect]
        if only_nash:
            lines.append(f"  Nash only: {', '.join(only_nash)}")
    lines += ["", "Profiles:"]
    lines += [f"  {p.summary()}" for p in result.profiles if not p.nash.is_empty()]
    never = [p.name for p in result.profiles if p.nash.is_empty()]
    if never:
        lines.append(f"  never an equilibrium: {', '.join(never)}")
    return "\n".join(lines)


def render_play(result: PlayResult, format: str = "text") -> str:
    """A played repeated game (``gametrust play``) as ``"text"`` or ``"json"``."""
    if format == "json":
        return json_document({"play": result.to_dict()})
    return str(result)
