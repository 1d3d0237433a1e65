"""The report of a costly signal followed by a simultaneous stage game (``stage: simultaneous``).

:func:`render_signal_stage` is what ``gametrust solve`` prints for such a
scenario: the types, priors and costs, each type's stage game, and every
perfect Bayesian equilibrium with the sender's stage play after each signal,
the beliefs and off-path continuations that support it and its Intuitive
Criterion verdict; :func:`signal_stage_data` is the JSON form (documented in
``docs/json-output.md``).  These functions only format.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..core.exact import format_number

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.reports import SignalStageReport

__all__ = ["render_signal_stage", "signal_stage_data"]


def signal_stage_data(report: SignalStageReport) -> dict[str, Any]:
    """JSON-ready data: the game (stage payoffs per type) and every PBE."""
    game, scenario = report.game, report.scenario
    return {
        "kind": "signalling",
        "stage": "simultaneous",
        "scenario": scenario.title,
        "file": scenario.path,
        "parameters": {n: format_number(v) for n, v in report.parameters.items()},
        "empathy": {n: format_number(v) for n, v in report.empathy.items()},
        "sender": game.sender,
        "receiver": game.receiver,
        "types": list(game.types),
        "prior": {t: format_number(p) for t, p in game.prior.items()},
        "signals": list(game.signals),
        "actions": list(game.actions),
        "responses": list(game.responses),
        "payoffs": {
            t: {a: {b: [format_number(v) for v in game.payoffs[t][a][b]]
                    for b in game.responses} for a in game.actions}
            for t in game.types
        },
        "cost": {t: {m: format_number(c) for m, c in row.items()} for t, row in game.cost.items()},
        "equilibria": report.result.to_dict(),
    }


def _text(report: SignalStageReport) -> str:
    game, scenario = report.game, report.scenario
    lines = [f"{scenario.title}: a signalling game with a simultaneous stage"]
    if report.parameters:
        lines.append("parameters: " + ", ".join(
            f"{n} = {format_number(v)}" for n, v in report.parameters.items()))
    prior = ", ".join(f"{t} {format_number(p)}" for t, p in game.prior.items())
    lines.append(f"{game.sender} is {' or '.join(game.types)} (prior: {prior}); "
                 f"{game.receiver} sees the signal, not the type; then both play the stage "
                 "game at once.")
    width = max(len(a) for a in game.actions)
    for t in game.types:
        cost = ", ".join(f"{m} {format_number(c)}" for m, c in game.cost[t].items())
        lines.append(f"  {t}: cost {cost}; stage payoffs ({game.sender}, {game.receiver}):")
        for a in game.actions:
            cells = "  ".join(
                f"{b} ({format_number(game.payoffs[t][a][b][0])}, "
                f"{format_number(game.payoffs[t][a][b][1])})"
                for b in game.responses
            )
            lines.append(f"    {a:<{width}}  {cells}")
    lines.append("")
    lines.append(report.result.describe())
    return "\n".join(lines)


def render_signal_stage(report: SignalStageReport, format: str = "text") -> str:
    """The report of a signal-then-simultaneous-stage scenario, as ``text`` or ``json``."""
    if format == "json":
        return json.dumps(signal_stage_data(report), indent=2)
    return _text(report)
