"""Text, JSON and Markdown for game trees: equilibrium paths in words, strategies, sweeps.

Pure functions: a :class:`~gametrust.solvers.tree_result.TreeSolveResult` (or a
:class:`~gametrust.analysis.tree_sweep.TreeSweepResult`) in, a string out.  The
JSON carries the result's own data (:meth:`TreeSolveResult.to_dict
<gametrust.solvers.tree_result.TreeSolveResult.to_dict>`) with the scenario's
context around it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..analysis.parametric import show_value
from ..analysis.reports import TreeReport
from ..analysis.tree_sweep import TreeBreakpoint, TreeInterval, TreeSweepResult
from ..core.exact import format_number
from ..core.polynomial import approx, to_sympy
from ..model.tree import GameTree
from ..solvers.tree_result import TreeEquilibrium, TreeSolveResult

__all__ = [
    "as_tree_report",
    "render_tree",
    "render_tree_sweep",
    "tree_markdown",
    "tree_report_dict",
    "tree_sweep_dict",
    "tree_text",
]

SCHEMA_VERSION = 1

#: The keys of :meth:`TreeSolveResult.to_dict` the JSON report carries, in its order.
_RESULT_KEYS = (
    "tree", "complete", "subgame_perfect_complete", "subgame_perfect",
    "subgame_perfect_components", "nash", "reduced_normal_form", "warnings",
)


def _pays(tree: GameTree, payoffs: tuple[Any, ...]) -> str:
    return ", ".join(
        f"{p} {format_number(v)}" for p, v in zip(tree.players, payoffs, strict=True)
    )


def as_tree_report(value: TreeReport | TreeSolveResult) -> TreeReport:
    """A tree result on its own (a notebook) becomes a report without scenario context."""
    if isinstance(value, TreeReport):
        return value
    return TreeReport(result=value, scenario=None, parameters={}, empathy={})


def _paths(tree: GameTree, e: TreeEquilibrium, costs: Mapping[str, str]) -> str:
    text = "; ".join(e.path_text(tree))
    for label, words in costs.items():
        text = text.replace(f" {label} ->", f" {words} ->").replace(f" {label}  ", f" {words}  ")
    return text


def _equilibrium_lines(
    tree: GameTree, k: int, e: TreeEquilibrium, indent: str, costs: Mapping[str, str]
) -> list[str]:
    lines = [f"{indent}{k}. {_paths(tree, e, costs)}"]
    lines.append(f"{indent}     payoffs: {_pays(tree, e.payoffs)}")
    lines.append(f"{indent}     strategies:")
    lines += [f"{indent}       {line}" for line in e.choices(tree)]
    return lines


def _header(report: TreeReport) -> list[str]:
    scenario, parameters, empathy = report.scenario, report.parameters, report.empathy
    tree = report.result.tree
    lines = [tree.title or (scenario.title if scenario is not None else "Game tree")]
    if scenario is not None and scenario.path:
        lines.append(f"File: {scenario.path}")
    names = []
    for pid in tree.players:
        name = ""
        if scenario is not None:
            player = next((p for p in scenario.players if p.id == pid), None)
            name = player.name if player is not None and player.name != pid else ""
        names.append(f"{pid} ({name})" if name else pid)
    lines.append(f"Players: {', '.join(names)}")
    lines.append("")
    lines.append("Game tree (payoffs at the leaves):")
    lines += ["  " + line for line in tree.render(format_number).splitlines()]
    lines.append("")
    if parameters:
        lines.append(
            "Parameters: " + ", ".join(f"{k} = {format_number(v)}" for k, v in parameters.items())
        )
    weights = {k: v for k, v in (empathy or {}).items() if v != 0}
    if weights:
        model = scenario.empathy_model if scenario is not None else "altruism"
        lines.append(
            f"Empathy ({model}): " + ", ".join(f"{k} = {format_number(v)}" for k, v in
                                               weights.items())
        )
    return lines


def tree_text(value: TreeReport | TreeSolveResult) -> str:
    """The text report of a tree: the tree, every SPE in words, the other Nash equilibria."""
    report = as_tree_report(value)
    result = report.result
    tree = result.tree
    lines = _header(report)
    spe = result.subgame_perfect
    lines.append("")
    lines.append(spe_heading(result))
    costs = report.costs
    for k, e in enumerate(spe, start=1):
        lines += _equilibrium_lines(tree, k, e, "  ", costs)
    lines += _continua_lines(result)
    if result.normal_form is not None:
        others = [e for e in result.nash if "subgame-perfect" not in e.concepts]
        lines.append("")
        lines.append(nash_heading(result, len(others)))
        if others:
            lines.append(others_heading(result))
            for k, e in enumerate(others, start=1):
                lines.append(f"  {k}. {_paths(tree, e, costs)}   [{_pays(tree, e.payoffs)}]")
                off = [c for c in e.choices(tree) if "never reached" not in c]
                lines += [f"       {c}" for c in off]
    for warning in result.warnings:
        lines.append(f"Note: {warning}")
    return "\n".join(lines)


def others_heading(result: TreeSolveResult) -> str:
    """The heading of the Nash equilibria not among the subgame-perfect ones listed: "not
    subgame-perfect" only when that list is provably complete."""
    if result.subgame_perfect_complete:
        return ("Nash but not subgame-perfect (off the equilibrium path they prescribe moves "
                "that would not be optimal if reached, e.g. threats never carried out):")
    return ("Nash, not among the subgame-perfect equilibria listed (that list is not "
            "complete, so some of these may be subgame-perfect):")


def spe_heading(result: TreeSolveResult) -> str:
    """``"6 extreme subgame-perfect equilibria (every one, ...)"``: the count and its scope."""
    n = len(result.subgame_perfect)
    noun = f"extreme subgame-perfect equilibri{'um' if n == 1 else 'a'}"
    if result.subgame_perfect_complete:
        return (f"{n} {noun} (every one, mixed behaviour at ties included; each is also a "
                "Nash equilibrium):")
    return f"{n} {noun} (not a complete list, see the notes; each is also a Nash equilibrium):"


def _continua_lines(result: TreeSolveResult) -> list[str]:
    continua = [c for c in result.components if len(c) > 1]
    if not continua:
        return []
    lines = [
        f"  Continua: {len(continua)} set{'s' if len(continua) > 1 else ''} of subgame-perfect "
        "equilibria (every mixture of the listed ones' strategies, subgame by subgame, is "
        "one):"
    ]
    lines += ["    " + ", ".join(str(k + 1) for k in c) for c in continua]
    return lines


def nash_heading(result: TreeSolveResult, others: int) -> str:
    """The Nash list's count: distinct behaviour profiles, and the normal form's extreme ones."""
    n = len(result.nash)
    raw = len(result.normal_form) if result.normal_form is not None else n
    extra = (f" ({raw} extreme equilibria of the reduced normal form; mixed plans that differ "
             "only where they never reach are one behaviour profile)" if raw != n else "")
    return (f"Nash equilibria of the reduced normal form: {n} distinct extreme "
            f"equilibri{'um' if n == 1 else 'a'}{extra}, {n - others} of them subgame-perfect.")


# -- JSON ----------------------------------------------------------------------------------------


def tree_report_dict(value: TreeReport | TreeSolveResult) -> dict[str, Any]:
    """The JSON report of a tree: the result's data with the scenario's context."""
    report = as_tree_report(value)
    result, scenario = report.result, report.scenario
    parameters, empathy = report.parameters, report.empathy
    tree = result.tree
    own = result.to_dict()
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "tree",
        "scenario": {
            "title": tree.title or (scenario.title if scenario is not None else ""),
            "file": None if scenario is None else scenario.path,
        },
        "players": own["players"],
        "parameters": {k: format_number(v) for k, v in (parameters or {}).items()},
        "empathy": {
            "model": scenario.empathy_model if scenario is not None else "altruism",
            "weights": {k: format_number(v) for k, v in (empathy or {}).items()},
        },
        **{key: own[key] for key in _RESULT_KEYS},
    }


def tree_markdown(value: TreeReport | TreeSolveResult) -> str:
    """The Markdown report of a tree (also its notebook display)."""
    result = as_tree_report(value).result
    tree = result.tree
    lines = [f"## {tree.title or 'Game tree'}", "", "```", tree.render(format_number), "```", ""]
    lines.append(f"**Subgame-perfect equilibria** — {spe_heading(result)}")
    lines.append("")
    for k, e in enumerate(result.subgame_perfect, start=1):
        lines.append(f"{k}. {'; '.join(e.path_text(tree))} — payoffs {_pays(tree, e.payoffs)}")
    others = [e for e in result.nash if "subgame-perfect" not in e.concepts]
    if others:
        lines += ["", f"**{others_heading(result).split(' (')[0]}:**", ""]
        for k, e in enumerate(others, start=1):
            lines.append(f"{k}. {'; '.join(e.path_text(tree))} — payoffs {_pays(tree, e.payoffs)}")
    return "\n".join(lines)


def render_tree(value: TreeReport | TreeSolveResult, format: str = "text") -> str:
    """The report of a tree's equilibria as ``"text"``, ``"json"`` or ``"markdown"``."""
    if format == "json":
        return json.dumps(tree_report_dict(value), indent=2)
    if format == "markdown":
        return tree_markdown(value)
    return tree_text(value)


# -- sweeps --------------------------------------------------------------------------------------


def _formula_text(f: Any, symbol: str) -> str:
    """A payoff function for people: ``2 - c``, or the number it is constantly."""
    return str(to_sympy(f, symbol)).replace("**", "^")


def _formula_pays(tree: GameTree, formulas: tuple[Any, ...], symbol: str) -> str:
    return ", ".join(
        f"{p} {_formula_text(f, symbol)}" for p, f in zip(tree.players, formulas, strict=True)
    )


def _spe_lines(tree: GameTree, result: TreeSolveResult, formulas: tuple = (),
               symbol: str = "t") -> list[str]:
    lines = []
    for k, e in enumerate(result.subgame_perfect):
        f = formulas[k] if k < len(formulas) else None
        pays = _pays(tree, e.payoffs) if f is None else _formula_pays(tree, f, symbol)
        lines.append(f"  SPE: {'; '.join(e.path_text(tree))}   [{pays}]")
    return lines


def tree_sweep_dict(result: TreeSweepResult, file: str | None = None) -> dict[str, Any]:
    """The JSON report of a tree sweep: each interval and breakpoint with its equilibria."""
    def segment(s: TreeInterval | TreeBreakpoint) -> dict[str, Any]:
        tree = s.result.tree
        body = {
            "subgame_perfect": [e.to_dict(tree) for e in s.result.subgame_perfect],
        }
        if isinstance(s, TreeInterval):
            for k, entry in enumerate(body["subgame_perfect"]):
                f = s.payoff_formulas[k] if k < len(s.payoff_formulas) else None
                entry["payoff_formulas"] = None if f is None else {
                    p: _formula_text(g, result.axis.symbol)
                    for p, g in zip(tree.players, f, strict=True)
                }
            return {"kind": "interval", "lo": show_value(s.lo), "hi": show_value(s.hi),
                    "closed_lo": s.closed_lo, "closed_hi": s.closed_hi,
                    "sample": format_number(s.sample), **body}
        return {"kind": "breakpoint", "value": show_value(s.value), "exact": s.exact,
                "approx": approx(s.value), **body}

    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "tree-sweep",
        "scenario": {"title": result.title, "file": file},
        "axis": {"kind": result.axis.kind, "name": result.axis.name,
                 "symbol": result.axis.symbol},
        "range": [format_number(result.lo), format_number(result.hi)],
        "breakpoints": [show_value(b.value) for b in result.breakpoints],
        "segments": [segment(s) for s in result.segments()],
    }


def render_tree_sweep(
    result: TreeSweepResult, format: str = "text", file: str | None = None
) -> str:
    """The report of a tree sweep as ``"text"`` or ``"json"``."""
    if format == "json":
        return json.dumps(tree_sweep_dict(result, file), indent=2)
    sym = result.axis.symbol
    lines = [result.title, "", f"Sweep: {sym} ({result.axis}), from "
             f"{format_number(result.lo)} to {format_number(result.hi)}"]
    if file:
        lines.append(f"File: {file}")
    lines.append("")
    for s in result.segments():
        tree = s.result.tree
        if isinstance(s, TreeInterval):
            lines.append(s.label(sym))
            lines += _spe_lines(tree, s.result, s.payoff_formulas, sym)
        else:
            floats = "" if s.exact else " (solved in floats)"
            lines.append(f"{sym} = {show_value(s.value)}{floats}")
            lines += _spe_lines(tree, s.result)
    lines.append("")
    points = ", ".join(show_value(b.value) for b in result.breakpoints) or "none"
    lines.append(f"{len(result.intervals)} intervals, breakpoints: {points}")
    return "\n".join(lines)
