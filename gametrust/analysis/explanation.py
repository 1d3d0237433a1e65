"""What :func:`gametrust.explain` finds: exact equilibrium conditions in a scenario's names.

An :class:`Explanation` holds, for a scenario or a game, the names kept
symbolic (:class:`Symbol`), the condition under which each pure profile is an
equilibrium (:class:`ProfileCondition`, one :class:`Deviation` per possible
switch), the completely mixed equilibrium of a 2×2 game as formulas
(:class:`MixedFormula`) and the trust thresholds of the cooperative
equilibrium (:class:`TrustFormulas`).  Each condition is a
:class:`SymbolicCondition`: its simplified text and whether it holds at the
current values.  ``str(explanation)`` is the plain text ``gametrust solve
--explain`` prints; :meth:`Explanation.to_dict` is the JSON.

>>> from gametrust import NormalFormGame, explain
>>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                                 players=["Row", "Col"], actions=[["C", "D"], ["C", "D"]])
>>> print(explain(pd).profile("C", "C").condition.text)
e_Row >= 2/3 and e_Col >= 2/3
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..core.display import Displayable
from ..core.errors import ArgumentError, Location
from ..core.exact import Number, format_number
from ..core.text import wrap
from .formulas import formula_text

__all__ = [
    "Deviation",
    "Explanation",
    "MixedFormula",
    "ProfileCondition",
    "Symbol",
    "SymbolicCondition",
    "ThresholdBound",
    "TrustFormula",
    "TrustFormulas",
]

ConditionStatus = Literal["always", "never", "symbolic"]


@dataclass(frozen=True)
class Symbol:
    """A name in the conditions: a parameter, or a player's empathy weight.

    ``value`` is its current value (the file's, or the fixed value); ``fixed``
    says it was fixed by ``parameters``/``empathy`` (then it does not appear
    in any condition).
    """

    name: str  # as it appears in formulas: "relief", "e_US"
    kind: Literal["parameter", "empathy"]
    of: str  # the parameter name or the player id
    value: Number
    fixed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "of": self.of,
                "value": format_number(self.value)}


@dataclass(frozen=True)
class SymbolicCondition:
    """An exact condition on the symbols, simplified, and whether it holds now.

    ``text`` is ``"always"``, ``"never"`` or the simplified inequalities
    (``"e_US >= 1/4 and e_DPRK >= 1/4"``); ``holds`` is its truth at the
    current values (``None`` when it cannot be evaluated there).
    ``expression`` is the raw condition as a sympy boolean (every
    ``difference >= 0``), ``simplified`` the sympy boolean ``text`` spells.
    """

    text: str
    status: ConditionStatus
    holds: bool | None
    expression: Any = field(default=None, compare=False, repr=False)
    simplified: Any = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"condition": self.text, "status": self.status, "holds": self.holds}


@dataclass(frozen=True)
class Deviation:
    """One possible deviation from a pure profile: ``player`` switching ``action`` -> ``to``.

    ``condition`` is the condition that the switch does not pay
    (the player's payoff difference is ``>= 0``).
    """

    player: str
    action: str
    to: str
    difference: Any = field(compare=False, repr=False)  # sympy: u(profile) - u(deviation)
    condition: SymbolicCondition = field(
        default_factory=lambda: SymbolicCondition("always", "always", True)
    )

    def to_dict(self) -> dict[str, Any]:
        return {"player": self.player, "from": self.action, "to": self.to,
                **self.condition.to_dict()}


@dataclass(frozen=True)
class ProfileCondition:
    """When a pure profile is a Nash equilibrium: every deviation's condition at once."""

    profile: tuple[str, ...]
    deviations: tuple[Deviation, ...]
    condition: SymbolicCondition

    def describe(self) -> str:
        return "(" + ", ".join(self.profile) + ")"

    def to_dict(self) -> dict[str, Any]:
        return {
            "profile": list(self.profile),
            **self.condition.to_dict(),
            "deviations": [d.to_dict() for d in self.deviations],
        }


@dataclass(frozen=True)
class MixedFormula:
    """The completely mixed equilibrium of a 2×2 game as formulas.

    ``probabilities[player]`` holds the player's probability of each of its
    two actions (sympy expressions; ``None`` when the formula is undefined
    because the other player's payoffs never make it indifferent);
    ``values`` the same at the current values (``None`` where undefined).
    ``conditions`` holds, per player, the condition that its probabilities
    are strictly between 0 and 1; ``condition`` all of them: the equilibrium
    exists exactly when it holds.
    """

    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    probabilities: dict[str, tuple[Any, Any] | None]
    values: dict[str, tuple[Number, Number] | None]
    conditions: dict[str, SymbolicCondition]
    condition: SymbolicCondition

    def formula(self, player: str, action: str) -> str | None:
        """The probability that ``player`` plays ``action``, as text."""
        probabilities = self.probabilities[player]
        if probabilities is None:
            return None
        k = self.actions[self.players.index(player)].index(action)
        return formula_text(probabilities[k])

    def to_dict(self) -> dict[str, Any]:
        strategies: dict[str, Any] = {}
        values: dict[str, Any] = {}
        for i, player in enumerate(self.players):
            probs = self.probabilities[player]
            current = self.values[player]
            strategies[player] = {
                a: (None if probs is None else formula_text(probs[k]))
                for k, a in enumerate(self.actions[i])
            }
            values[player] = {
                a: (None if current is None else format_number(current[k]))
                for k, a in enumerate(self.actions[i])
            }
        return {
            "strategies": strategies,
            "values": values,
            **self.condition.to_dict(),
            "conditions": {p: c.to_dict() for p, c in self.conditions.items()},
        }


@dataclass(frozen=True)
class ThresholdBound:
    """The belief ``player`` needs for its cooperative action to beat one alternative.

    ``formula`` is ``sympy`` (``None`` when the belief does not matter for
    this comparison); ``value`` its value now (``None`` when undefined).
    """

    instead_of: str
    formula: Any = field(compare=False)
    value: Number | None

    @property
    def text(self) -> str | None:
        return None if self.formula is None else formula_text(self.formula)

    def to_dict(self) -> dict[str, Any]:
        return {
            "instead_of": self.instead_of,
            "formula": self.text,
            "value": None if self.value is None else format_number(self.value),
        }


@dataclass(frozen=True)
class TrustFormula:
    """``player`` plays ``action`` only if P(``partner`` plays ``partner_action``) >= formula.

    One :class:`ThresholdBound` per alternative action of the player (one in a
    2×2 game); the threshold is the largest.  ``threshold`` is the exact
    threshold at the current values, computed as
    :func:`gametrust.analysis.selection.trust_threshold` does, when both profiles are
    equilibria there (``None`` when they are not, or when no belief suffices).
    """

    player: str
    action: str
    partner: str
    partner_action: str
    rest_on: str
    bounds: tuple[ThresholdBound, ...]
    threshold: Number | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "player": self.player,
            "action": self.action,
            "partner": self.partner,
            "partner_action": self.partner_action,
            "rest_on": self.rest_on,
            "bounds": [b.to_dict() for b in self.bounds],
            "threshold": None if self.threshold is None else format_number(self.threshold),
        }


@dataclass(frozen=True)
class TrustFormulas:
    """Trust thresholds for playing ``cooperative`` rather than ``alternative``.

    The formulas are meaningful where both profiles are equilibria (see their
    :class:`ProfileCondition`); ``both_equilibria_now`` says whether they are
    at the current values.
    """

    cooperative: tuple[str, ...]
    alternative: tuple[str, ...]
    formulas: tuple[TrustFormula, ...]
    both_equilibria_now: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "cooperative": list(self.cooperative),
            "alternative": list(self.alternative),
            "both_equilibria_now": self.both_equilibria_now,
            "thresholds": [f.to_dict() for f in self.formulas],
        }


@dataclass(frozen=True)
class Explanation(Displayable):
    """Exact conditions for every pure profile, the mixed equilibrium and trust.

    ``symbols`` are the names kept symbolic (with their current values),
    ``fixed`` the names fixed by ``parameters``/``empathy``.
    """

    title: str
    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    empathy_model: str
    symbols: tuple[Symbol, ...]
    fixed: tuple[Symbol, ...]
    profiles: tuple[ProfileCondition, ...]
    mixed: MixedFormula | None = None
    trust: tuple[TrustFormulas, ...] = ()
    notes: tuple[str, ...] = ()

    def profile(self, *actions: str) -> ProfileCondition:
        """The conditions of one pure profile, given by its action labels."""
        for p in self.profiles:
            if p.profile == tuple(actions):
                return p
        raise ArgumentError(
            f"no profile ({', '.join(actions)})", Location(path=("profile",))
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the ``explain`` block of ``solve --format json``)."""
        return {
            "empathy_model": self.empathy_model,
            "symbols": [s.to_dict() for s in self.symbols],
            "fixed": [s.to_dict() for s in self.fixed],
            "profiles": [p.to_dict() for p in self.profiles],
            "mixed": None if self.mixed is None else self.mixed.to_dict(),
            "trust": [t.to_dict() for t in self.trust],
            "notes": list(self.notes),
        }

    def text(self) -> str:
        """The ``solve --explain`` section: exact conditions in the scenario's names."""
        lines = ["Conditions (exact, in the scenario's names):"]
        if self.symbols:
            now = ", ".join(f"{s.name} = {format_number(s.value)}" for s in self.symbols)
            lines += wrap(f"symbols, now: {now}")
        if self.fixed:
            fixed = ", ".join(f"{s.name} = {format_number(s.value)}" for s in self.fixed)
            lines += wrap(f"fixed: {fixed}")
        for note in self.notes:
            lines += wrap(f"note: {note}")
        lines.append("  A pure profile is an equilibrium iff no player gains by switching:")
        for profile in self.profiles:
            condition = profile.condition
            if condition.status == "always":
                lines += wrap(f"{profile.describe()} is always an equilibrium", "    ", "      ")
                continue
            if condition.status == "never":
                lines += wrap(f"{profile.describe()} is never an equilibrium", "    ", "      ")
                continue
            lines += wrap(
                f"{profile.describe()} iff {condition.text} {_now(condition)}", "    ", "      "
            )
            for d in profile.deviations:
                status = d.condition.status
                if status == "always":
                    text = f"{d.player} never gains by switching to {d.to}"
                elif status == "never":
                    text = f"{d.player} always gains by switching to {d.to}"
                else:
                    text = (
                        f"{d.player} gains nothing by switching to {d.to} iff {d.condition.text}"
                    )
                lines += wrap(text, "      ", "        ")
        if self.mixed is not None:
            lines += _mixed_text(self.mixed)
        for trust in self.trust:
            coop = "(" + ", ".join(trust.cooperative) + ")"
            alt = "(" + ", ".join(trust.alternative) + ")"
            lines += wrap(
                f"Trust, to play {coop} rather than {alt} (meaningful where both are equilibria; "
                f"{'they are' if trust.both_equilibria_now else 'not both are'} now):"
            )
            for formula in trust.formulas:
                bounds = [b for b in formula.bounds if b.text is not None]
                if len(bounds) == 1:
                    needed = bounds[0].text
                elif bounds:
                    needed = "the largest of " + ", ".join(
                        f"{b.text} (against {b.instead_of})" for b in bounds
                    )
                else:
                    needed = "(undefined)"
                now = ""
                if trust.both_equilibria_now:
                    now = "; " + (
                        "no belief suffices now"
                        if formula.threshold is None
                        else f"now {format_number(formula.threshold)}"
                    )
                lines += wrap(
                    f"{formula.player} plays {formula.action} only if P({formula.partner} plays "
                    f"{formula.partner_action}) >= {needed} (rest on {formula.rest_on}{now})",
                    "    ",
                    "      ",
                )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()


def _now(condition: SymbolicCondition) -> str:
    if condition.holds is None:
        return "(undefined now)"
    return "(holds now)" if condition.holds else "(fails now)"


def _mixed_text(mixed: MixedFormula) -> list[str]:
    lines = wrap(
        "Completely mixed equilibrium (each player's mix makes the other indifferent):"
    )
    for i, player in enumerate(mixed.players):
        if mixed.probabilities[player] is None:
            lines += wrap(
                f"{player}: undefined (no mix makes {mixed.players[1 - i]} indifferent)",
                "    ",
                "      ",
            )
            continue
        parts = [f"{a} {mixed.formula(player, a)}" for a in mixed.actions[i]]
        values = mixed.values[player]
        now = (
            "" if values is None else " (now " + ", ".join(format_number(v) for v in values) + ")"
        )
        lines += wrap(f"{player}: " + ", ".join(parts) + now, "    ", "      ")
    condition = mixed.condition
    if condition.status == "symbolic":
        text = f"exists iff {condition.text} {_now(condition)}"
    else:
        text = "always exists" if condition.status == "always" else "never exists"
    lines += wrap(text, "    ", "      ")
    return lines
