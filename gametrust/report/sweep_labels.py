"""Words and labels every rendering of a sweep shares (text, Markdown, HTML, CSV, plots).

The facts themselves (exact strings, formulas, dominance, trust thresholds)
come from :mod:`gametrust.analysis.sweep_facts`; this module only phrases
them for people: formulas with ``^`` and ``2e``, the axis in words, the fixed
values, segment labels and trust sentences.

>>> pretty("(2 - 3*e)/(e + 1)", "e")
'(2 - 3e)/(e + 1)'
>>> fixed_text({"parameters": {"relief": 4}, "empathy": {"DPRK": 0}})
'relief = 4; empathy DPRK = 0'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..analysis.sweep_facts import exact_text, is_rational
from ..analysis.sweep_result import Interval
from ..core.exact import format_number
from ..core.polynomial import approx

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.parametric import Axis
    from ..analysis.pieces import EquilibriumPiece
    from ..analysis.sweep_facts import IntervalTrust
    from ..analysis.sweep_result import Breakpoint

__all__ = [
    "axis_description",
    "fixed_text",
    "mix_formula",
    "pretty",
    "segment_label",
    "trust_lines",
    "value_text",
]


def value_text(value: Any) -> str:
    """Exact, with the approximation after an irrational value: ``"sqrt(5) ≈ 2.23607"``."""
    text = exact_text(value)
    if is_rational(value) or isinstance(value, float):
        return text
    return f"{text} ≈ {approx(value):.6g}"


def pretty(text: str, symbol: str) -> str:
    """A formula for people: ``^`` for powers, ``2e`` for ``2*e`` when the symbol is short.

    >>> pretty("(2 - 3*e)/(e + 1)", "e"), pretty("8*e**2 - 9*e + 8", "e")
    ('(2 - 3e)/(e + 1)', '8e^2 - 9e + 8')
    >>> pretty("2*relief + 1", "relief"), pretty("2*e_US", "e_US")
    ('2*relief + 1', '2e_US')
    """
    out = text.replace("**", "^")
    if len(symbol) == 1 or re.fullmatch(r"e_\w+", symbol):
        out = re.sub(rf"(\d)\*({re.escape(symbol)})(?!\w)", r"\1\2", out)
    return out


def mix_formula(actions: Sequence[str], probabilities: Sequence[str], symbol: str) -> str:
    """A strategy from exact strings: ``"Verify 1/2, Arm 1/2"``, or the action of a pure one.

    >>> mix_formula(["Freeze", "Verify", "Arm"], ["1/(g - 3)", "0", "(g - 4)/(g - 3)"], "g")
    'Freeze 1/(g - 3), Arm (g - 4)/(g - 3)'
    >>> mix_formula(["Freeze", "Verify", "Arm"], ["0", "1", "0"], "g")
    'Verify'
    """
    support = [(a, p) for a, p in zip(actions, probabilities, strict=True) if p != "0"]
    if len(support) == 1 and support[0][1] == "1":
        return support[0][0]
    return ", ".join(f"{a} {pretty(p, symbol)}" for a, p in support)


def axis_description(axis: Axis, players: Sequence[str]) -> str:
    """``"e = empathy weight of every player (US, DPRK)"`` and the like."""
    if axis.kind == "param":
        return f"parameter {axis.name}"
    return f"{axis.symbol} = {axis.weight_text(players)}"


def fixed_text(fixed: dict[str, Any]) -> str | None:
    """``"relief = 4; empathy DPRK = 0"`` (``None`` when nothing is fixed)."""
    parts = [f"{k} = {exact_text(v)}" for k, v in (fixed.get("parameters") or {}).items()]
    parts += [f"empathy {k} = {exact_text(v)}" for k, v in (fixed.get("empathy") or {}).items()]
    return "; ".join(parts) if parts else None


def segment_label(segment: Interval | Breakpoint, symbol: str) -> str:
    """``"e in [0, 1/4)"`` for an interval, ``"e = 1/4"`` for a breakpoint."""
    if isinstance(segment, Interval):
        left = "[" if segment.closed_lo else "("
        right = "]" if segment.closed_hi else ")"
        return f"{symbol} in {left}{exact_text(segment.lo)}, {exact_text(segment.hi)}{right}"
    return f"{symbol} = {value_text(segment.value)}"


def trust_lines(
    pieces: Sequence[EquilibriumPiece], trust: IntervalTrust, players: Sequence[str], symbol: str
) -> list[str]:
    """``US plays Reassure only if P(DPRK plays Freeze) >= (2 - 3e)/(e + 1) (rest on Arm)``."""
    coop, alt = pieces[trust.cooperative], pieces[trust.alternative]
    lines = []
    for i, player in enumerate(players):
        other = players[1 - i]
        mine, part, rest = coop.supports[i][0], coop.supports[1 - i][0], alt.supports[1 - i][0]
        q = trust.thresholds.get(player)
        if q is None:
            lines.append(f"{player} never prefers {mine}, whatever it believes")
            continue
        at = "" if trust.symbolic or trust.sample is None else (
            f" (at {symbol} = {format_number(trust.sample)})"
        )
        lines.append(
            f"{player} plays {mine} only if P({other} plays {part}) >= {pretty(q, symbol)}"
            f" (rest on {rest}){at}"
        )
    return lines
