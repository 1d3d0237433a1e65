"""Text, JSON and Markdown for game trees: equilibrium paths in words, strategies, sweeps.

Pure functions: a :class:`~gametrust.solvers.extensive.TreeSolveResult` (or a
:class:`~gametrust.analysis.tree_sweep.TreeSweepResult`) in, a string out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..analysis.tree_sweep import TreeBreakpoint, TreeInterval, TreeSweepResult
from ..core.exact import format_number
from ..model.tree import Chance, Decision, GameTree, Node, Terminal
from ..solvers.extensive import TreeEquilibrium, TreeSolveResult

__all__ = ["FORMATS", "render", "render_sweep", "sweep_to_dict", "to_dict", "tree_to_dict"]

FORMATS = ("text", "json", "markdown")
SCHEMA_VERSION = 1


def _pays(tree: GameTree, payoffs: tuple[Any, ...]) -> str:
    return ", ".join(
        f"{p} {format_number(v)}" for p, v in zip(tree.players, payoffs, strict=True)
    )


def _commitment_costs(scenario: Any, parameters: Mapping[str, Any] | None) -> dict[str, str]:
    """Move label -> words with its cost and bond: ``"commit: bond (cost 1/2, bond 2)"``."""
    commitments = getattr(scenario, "commitments", ()) or ()
    if not commitments:
        return {}
    values = scenario.parameter_values(parameters)  # the tree was built with these
    out: dict[str, str] = {}
    for c in commitments:
        cost = c.cost.evaluate(values)
        extra = [f"cost {format_number(cost)}"] if cost != 0 else []
        if c.kind == "bond" and c.bond is not None:
            extra.append(f"bond {format_number(c.bond.evaluate(values))}")
        if extra:
            out[c.label] = f"{c.label} ({', '.join(extra)})"
    return out


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


def _header(
    result: TreeSolveResult,
    scenario: Any,
    parameters: Mapping[str, Any] | None,
    empathy: Mapping[str, Any] | None,
) -> list[str]:
    tree = result.tree
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


def render_text(
    result: TreeSolveResult,
    scenario: Any = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
) -> str:
    tree = result.tree
    lines = _header(result, scenario, parameters, empathy)
    spe = result.subgame_perfect
    lines.append("")
    lines.append(
        f"{len(spe)} subgame-perfect equilibri{'um' if len(spe) == 1 else 'a'} "
        "(every one, ties included; each is also a Nash equilibrium):"
    )
    costs = _commitment_costs(scenario, parameters)
    for k, e in enumerate(spe, start=1):
        lines += _equilibrium_lines(tree, k, e, "  ", costs)
    if result.normal_form is not None:
        others = [e for e in result.nash if "subgame-perfect" not in e.concepts]
        lines.append("")
        lines.append(
            f"Nash equilibria of the reduced normal form: {len(result.nash)} extreme "
            f"equilibri{'um' if len(result.nash) == 1 else 'a'}, "
            f"{len(result.nash) - len(others)} of them subgame-perfect."
        )
        if others:
            lines.append(
                "Nash but not subgame-perfect (off the equilibrium path they prescribe moves "
                "that would not be optimal if reached, e.g. threats never carried out):"
            )
            for k, e in enumerate(others, start=1):
                lines.append(f"  {k}. {_paths(tree, e, costs)}   [{_pays(tree, e.payoffs)}]")
                off = [c for c in e.choices(tree) if "never reached" not in c]
                lines += [f"       {c}" for c in off]
    for warning in result.warnings:
        lines.append(f"Note: {warning}")
    return "\n".join(lines)


# -- JSON ----------------------------------------------------------------------------------------


def tree_to_dict(tree: GameTree) -> dict[str, Any]:
    """The tree as nested JSON objects (exact strings)."""

    def walk(path: tuple[str, ...], node: Node) -> dict[str, Any]:
        if isinstance(node, Terminal):
            return {"payoffs": {p: format_number(v) for p, v in
                                zip(tree.players, node.payoffs, strict=True)}}
        if isinstance(node, Chance):
            return {
                "chance": [
                    {"move": lab, "probability": format_number(p), "node": walk((*path, lab), c)}
                    for lab, p, c in node.moves
                ]
            }
        assert isinstance(node, Decision)
        return {
            "player": tree.players[node.player],
            "infoset": tree.infoset_of[path],
            "moves": [{"move": lab, "node": walk((*path, lab), c)} for lab, c in node.moves],
        }

    return walk((), tree.root)


def _equilibrium_dict(tree: GameTree, e: TreeEquilibrium) -> dict[str, Any]:
    strategies = {}
    for info in tree.infosets:
        dist = e.behavior.get(info.id)
        strategies[info.id] = {
            "player": tree.players[info.player],
            "nodes": [list(p) for p in info.paths],
            "actions": None
            if dist is None
            else {a: format_number(p) for a, p in dist.items()},
        }
    return {
        "concepts": list(e.concepts),
        "pure": e.pure,
        "payoffs": {p: format_number(v) for p, v in zip(tree.players, e.payoffs, strict=True)},
        "paths": [
            {"moves": list(path), "probability": format_number(prob),
             "text": tree.describe_path(path)}
            for path, prob in e.outcomes
        ],
        "strategies": strategies,
    }


def to_dict(
    result: TreeSolveResult,
    scenario: Any = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    tree = result.tree
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "tree",
        "scenario": {
            "title": tree.title or (scenario.title if scenario is not None else ""),
            "file": None if scenario is None else scenario.path,
        },
        "players": list(tree.players),
        "parameters": {k: format_number(v) for k, v in (parameters or {}).items()},
        "empathy": {
            "model": scenario.empathy_model if scenario is not None else "altruism",
            "weights": {k: format_number(v) for k, v in (empathy or {}).items()},
        },
        "tree": tree_to_dict(tree),
        "complete": result.complete,
        "subgame_perfect": [_equilibrium_dict(tree, e) for e in result.subgame_perfect],
        "nash": [_equilibrium_dict(tree, e) for e in result.nash],
        "reduced_normal_form": {
            "strategies": {
                p: list(acts) for p, acts in zip(tree.players, result.reduced.actions, strict=True)
            },
        },
        "warnings": list(result.warnings),
    }


def render_markdown(
    result: TreeSolveResult,
    scenario: Any = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
) -> str:
    tree = result.tree
    lines = [f"## {tree.title or 'Game tree'}", "", "```", tree.render(format_number), "```", ""]
    lines.append("**Subgame-perfect equilibria** (every one, ties included):")
    lines.append("")
    for k, e in enumerate(result.subgame_perfect, start=1):
        lines.append(f"{k}. {'; '.join(e.path_text(tree))} — payoffs {_pays(tree, e.payoffs)}")
    others = [e for e in result.nash if "subgame-perfect" not in e.concepts]
    if others:
        lines += ["", "**Nash but not subgame-perfect:**", ""]
        for k, e in enumerate(others, start=1):
            lines.append(f"{k}. {'; '.join(e.path_text(tree))} — payoffs {_pays(tree, e.payoffs)}")
    return "\n".join(lines)


def render(
    result: TreeSolveResult,
    scenario: Any = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
    *,
    format: str = "text",
) -> str:
    if format == "json":
        return json.dumps(to_dict(result, scenario, parameters, empathy), indent=2)
    if format == "markdown":
        return render_markdown(result, scenario, parameters, empathy)
    return render_text(result, scenario, parameters, empathy)


# -- sweeps --------------------------------------------------------------------------------------


def _show(value: Any) -> str:
    from ..analysis.parametric import show_value as show

    return show(value)


def _spe_lines(tree: GameTree, result: TreeSolveResult) -> list[str]:
    return [
        f"  SPE: {'; '.join(e.path_text(tree))}   [{_pays(tree, e.payoffs)}]"
        for e in result.subgame_perfect
    ]


def sweep_to_dict(result: TreeSweepResult, file: str | None = None) -> dict[str, Any]:
    def segment(s: TreeInterval | TreeBreakpoint) -> dict[str, Any]:
        tree = s.result.tree
        body = {
            "subgame_perfect": [_equilibrium_dict(tree, e) for e in s.result.subgame_perfect],
        }
        if isinstance(s, TreeInterval):
            return {"kind": "interval", "lo": _show(s.lo), "hi": _show(s.hi),
                    "closed_lo": s.closed_lo, "closed_hi": s.closed_hi,
                    "sample": format_number(s.sample), **body}
        return {"kind": "breakpoint", "value": _show(s.value), "exact": s.exact,
                "approx": float(s.value), **body}

    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "tree-sweep",
        "scenario": {"title": result.title, "file": file},
        "axis": {"kind": result.axis.kind, "name": result.axis.name,
                 "symbol": result.axis.symbol},
        "range": [format_number(result.lo), format_number(result.hi)],
        "breakpoints": [_show(b.value) for b in result.breakpoints],
        "segments": [segment(s) for s in result.segments()],
    }


def render_sweep(result: TreeSweepResult, format: str = "text", file: str | None = None) -> str:
    if format == "json":
        return json.dumps(sweep_to_dict(result, file), indent=2)
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
        else:
            lines.append(f"{sym} = {_show(s.value)}" + ("" if s.exact else " (solved in floats)"))
        lines += _spe_lines(tree, s.result)
    lines.append("")
    points = ", ".join(_show(b.value) for b in result.breakpoints) or "none"
    lines.append(f"{len(result.intervals)} intervals, breakpoints: {points}")
    return "\n".join(lines)
