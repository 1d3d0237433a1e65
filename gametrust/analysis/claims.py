"""Claims and assumptions: what a scenario's author believes, and under which conditions.

A scenario may state **assumptions** — which values may vary (parameter
ranges, payoff ranges, empathy ranges) and what must hold among them
(relations between parameters, ordinal preferences in the scenario's own
labels, the family of the game as written) — and **claims**: a profile is / is
not an equilibrium, the equilibrium is unique, the game is of a family, a
trust threshold is at most a value, an equilibrium path includes a move;
each optionally under conditions (``when``).  ``gametrust check`` (see
:mod:`gametrust.check`) searches for values under which a claim fails, or
proves it exactly.  The file format is in ``docs/check.md``; files are read
by :mod:`gametrust.formats.claims_format`.

This module is the model and its evaluation, with no search:
:class:`CheckModel` couples a scenario with its assumptions,
:meth:`CheckModel.assignment` gives values to everything that varies, and
:meth:`CheckModel.evaluate` says whether a claim holds there, why, and with
which equilibria.  :func:`assert_claim` does the same from a property test.

>>> import gametrust
>>> korea = gametrust.load("scenarios/korea.yaml")
>>> ev = assert_claim(korea, {"equilibrium": "Reassure, Freeze"},
...                   empathy={"US": "1/4", "DPRK": "1/4"})
>>> ev.status, ev.reason
('holds', '(Reassure, Freeze) is an equilibrium: no player gains by deviating')
>>> assert_claim(korea, {"equilibrium": "Reassure, Freeze"}, {"relief": 3},
...              empathy={"US": "1/4", "DPRK": "1/4"})
Traceback (most recent call last):
...
AssertionError: claim failed: (Reassure, Freeze) is an equilibrium
  values: relief = 3, empathy of US = 1/4, empathy of DPRK = 1/4
  why: US gains by deviating from (Reassure, Freeze) to Pressure: 5 > 15/4
  equilibria: (Pressure, Arm)
  family: Prisoner's Dilemma (RG index Pd)
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, Protocol

from ..core.errors import ArgumentError, Location
from ..core.exact import Number, format_number
from ..scenario.expression import Expression, parse_expression

if TYPE_CHECKING:  # pragma: no cover
    from ..model.game import NormalFormGame
    from ..scenario.scenario import Scenario
    from ..solvers.extensive import TreeSolveResult
    from ..solvers.result import SolveResult
    from .families import Family

__all__ = [
    "EMPATHY",
    "PARAMETER",
    "PAYOFF",
    "Assignment",
    "Assumptions",
    "Bound",
    "CheckModel",
    "Claim",
    "Comparison",
    "Evaluation",
    "FamilyIs",
    "FamilyName",
    "HasFamily",
    "IsEquilibrium",
    "NotEquilibrium",
    "Outcome",
    "PathIncludes",
    "Prefers",
    "TrustThreshold",
    "UniqueEquilibrium",
    "Variable",
    "assert_claim",
    "family_matches",
    "family_name",
    "merge_assumptions",
]

#: Kinds of :class:`Variable`.
PARAMETER = "parameter"
EMPATHY = "empathy"
PAYOFF = "payoff"

Status = Literal["holds", "fails", "excluded"]

#: Comparison operators of conditions, as written (``=`` and ``==`` are the same).
OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    ">": operator.gt,
    "=": operator.eq,
}


def show(value: Any) -> str:
    """A value as a person reads it: ``2/3``, or an algebraic number with its approximation."""
    if isinstance(value, (Fraction, int, float)):
        return format_number(value)  # type: ignore[arg-type]
    from .parametric import show_value

    return show_value(value)


def profile_text(profile: Sequence[str]) -> str:
    """``(Reassure, Freeze)``."""
    return "(" + ", ".join(profile) + ")"


# -- what varies ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variable:
    """One value the assumptions let vary, over a closed (or half-open) range.

    ``kind`` is :data:`PARAMETER` (``name`` is the parameter), :data:`EMPATHY`
    (``name`` is the player id) or :data:`PAYOFF` (one entry of the payoff
    table: ``profile`` and ``player``; ``name`` is the internal parameter
    the check model puts there, and with ``offset`` the entry is the written
    payoff plus the variable instead of the variable itself).
    """

    kind: str
    name: str
    low: Fraction
    high: Fraction
    label: str
    low_open: bool = False
    high_open: bool = False
    profile: tuple[str, ...] = ()
    player: str = ""
    offset: bool = False
    location: Location | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> str:
        """``parameter:relief``, ``empathy:US``, ``payoff:US:Pressure, Arm``."""
        if self.kind == PAYOFF:
            return f"{PAYOFF}:{self.player}:{', '.join(self.profile)}"
        return f"{self.kind}:{self.name}"

    @property
    def varies(self) -> bool:
        return self.low < self.high

    def contains(self, value: Any) -> bool:
        above = value > self.low if self.low_open else value >= self.low
        below = value < self.high if self.high_open else value <= self.high
        return bool(above and below)

    def range_text(self) -> str:
        """``[0, 1]``, ``(1/4, 1]``."""
        return (
            f"{'(' if self.low_open else '['}{show(self.low)}, {show(self.high)}"
            f"{')' if self.high_open else ']'}"
        )

    def narrowed(self, op: str, value: Fraction) -> Variable | None:
        """The variable restricted by ``variable OP value``; ``None`` when nothing is left.

        ``!=`` narrows nothing (the condition still filters).

        >>> v = Variable(EMPATHY, "US", Fraction(0), Fraction(1), "empathy of US")
        >>> v.narrowed(">=", Fraction(1, 4)).range_text()
        '[1/4, 1]'
        >>> v.narrowed(">", Fraction(1)) is None
        True
        """
        low, high, low_open, high_open = self.low, self.high, self.low_open, self.high_open
        if op in (">", ">="):
            if value > low or (value == low and op == ">"):
                low, low_open = value, op == ">"
        elif op in ("<", "<="):
            if value < high or (value == high and op == "<"):
                high, high_open = value, op == "<"
        elif op in ("=", "=="):
            if not self.contains(value):
                return None
            low = high = value
            low_open = high_open = False
        if low > high or (low == high and (low_open or high_open)):
            return None
        return dataclasses.replace(
            self, low=low, high=high, low_open=low_open, high_open=high_open
        )


# -- conditions (assumption statements and a claim's ``when``) -------------------------------


class Condition(Protocol):
    """Something that holds or not at an assignment (see :class:`Outcome`)."""

    text: str

    def holds(self, outcome: Outcome) -> bool: ...  # pragma: no cover


@dataclass(frozen=True)
class Bound:
    """``variable OP number``: e.g. the empathy of US is at least 1/4."""

    key: str  # the variable's key
    op: str
    value: Fraction
    text: str
    location: Location | None = field(default=None, compare=False, repr=False)

    def holds(self, outcome: Outcome) -> bool:
        return OPERATORS[self.op](outcome.assignment.value(self.key), self.value)


@dataclass(frozen=True)
class Comparison:
    """A chain of comparisons between expressions of parameters: ``cost < relief <= 5``."""

    terms: tuple[Expression, ...]
    ops: tuple[str, ...]
    text: str
    location: Location | None = field(default=None, compare=False, repr=False)

    def holds(self, outcome: Outcome) -> bool:
        values = outcome.assignment.parameters
        numbers = [term.evaluate(values) for term in self.terms]
        return all(
            OPERATORS[op](a, b)
            for op, a, b in zip(self.ops, numbers, numbers[1:], strict=False)
        )

    def bounds(self) -> list[tuple[str, str, Fraction]]:
        """``(name, op, number)`` for each link between a bare name and a constant."""
        flipped = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "==": "==", "!=": "!="}
        out = []
        for op, a, b in zip(self.ops, self.terms, self.terms[1:], strict=False):
            if _bare_name(a) and b.is_constant():
                value = b.evaluate({})
                if isinstance(value, Fraction):
                    out.append((a.source.strip(), op, value))
            elif _bare_name(b) and a.is_constant():
                value = a.evaluate({})
                if isinstance(value, Fraction):
                    out.append((b.source.strip(), flipped[op], value))
        return out


def _bare_name(expression: Expression) -> bool:
    return len(expression.names()) == 1 and expression.source.strip() in expression.names()


@dataclass(frozen=True)
class Prefers:
    """``US prefers "Reassure, Freeze" to "Pressure, Arm"``, in the game as written.

    Preferences are about the payoffs before empathy (what each outcome is
    worth to the player itself).
    """

    player: str
    better: tuple[str, ...]
    worse: tuple[str, ...]
    strict: bool
    text: str
    location: Location | None = field(default=None, compare=False, repr=False)

    def holds(self, outcome: Outcome) -> bool:
        game = outcome.base_game
        i = game.player_index(self.player)
        a, b = game.payoff(self.better)[i], game.payoff(self.worse)[i]
        return bool(a > b) if self.strict else bool(a >= b)


@dataclass(frozen=True)
class FamilyName:
    """A family as a claim names it: a broad family (``Stag Hunt``) or one strict game."""

    text: str  # canonical name
    broad: bool  # a broad family (Family.group) rather than one of the twelve games


@dataclass(frozen=True)
class FamilyIs:
    """``the game is a Stag Hunt`` (or ``is not``), for the game as written (before empathy)."""

    family: FamilyName
    negated: bool
    text: str
    location: Location | None = field(default=None, compare=False, repr=False)

    def holds(self, outcome: Outcome) -> bool:
        from .families import classify

        return family_matches(classify(outcome.base_game), self.family) != self.negated


# -- family names -----------------------------------------------------------------------------


def _normal(text: str) -> str:
    text = text.replace("’", "'").replace("–", "-").replace("—", "-").lower()
    text = " ".join(text.split())
    for article in ("a ", "an ", "the "):
        if text.startswith(article):
            text = text[len(article):]
    return text


def _vocabulary() -> dict[str, FamilyName]:
    from .families import GROUP_SHORT, SYMMETRIC_GAMES

    words: dict[str, FamilyName] = {}
    for game in SYMMETRIC_GAMES:
        named = FamilyName(game.name, False)
        if game.name in GROUP_SHORT:
            named = FamilyName(game.name, True)
        words[_normal(game.name)] = named
        for alias in game.aliases:
            if "(" not in alias:
                words.setdefault(_normal(alias), named)
    for group, short in GROUP_SHORT.items():
        words[_normal(group)] = FamilyName(group, True)
        words.setdefault(_normal(short), FamilyName(group, True))
    words.setdefault("assurance game", FamilyName("Stag Hunt", True))
    return words


def family_name(text: str) -> FamilyName | None:
    """The family a text names, or ``None``.

    Broad families (:data:`gametrust.analysis.families.GROUP_SHORT`: Prisoner's
    Dilemma, Stag Hunt, Chicken, Harmony, ...) match every game of the family
    (a Stag Hunt includes Assurance and Coordination games); the other strict
    games (Assurance, Coordination, Peace, Concord, Hero, Compromise) match
    that game only.

    >>> family_name("a Stag Hunt"), family_name("PD").text, family_name("snowdrift").text
    (FamilyName(text='Stag Hunt', broad=True), "Prisoner's Dilemma", 'Chicken')
    >>> family_name("Assurance"), family_name("Dilemma") is None
    (FamilyName(text='Assurance', broad=False), True)
    """
    return _vocabulary().get(_normal(text))


def family_names() -> list[str]:
    """Every name :func:`family_name` knows, for "did you mean" suggestions."""
    return sorted({v.text for v in _vocabulary().values()})


def _border_group(name: str) -> str | None:
    from .families import SYMMETRIC_GAMES

    groups = {g.name: g.group for g in SYMMETRIC_GAMES}
    if name in groups:
        return groups[name]
    if name.startswith("Alibi game"):
        return "Alibi game"
    if name.endswith(" hybrid"):
        halves = name[: -len(" hybrid")].split("–")
        found = {groups.get(h) for h in halves}
        if len(found) == 1:
            return found.pop()
    return None


def family_matches(family: Family, name: FamilyName) -> bool:
    """Whether a classified game is of the named family.

    A game with payoff ties (a boundary) counts when every strict game its
    ties border is of the family: ``T = P`` in a Stag Hunt borders Stag Hunt
    and Assurance, both Stag Hunts; a tie between Prisoner's Dilemma and Stag
    Hunt is neither.
    """
    if family.strict:
        return family.group == name.text if name.broad else family.name == name.text
    if not family.borders:
        return False
    if name.broad:
        return all(_border_group(b) == name.text for b in family.borders)
    return all(b == name.text for b in family.borders)


# -- claim statements ---------------------------------------------------------------------------


class Statement(Protocol):
    """What a claim says; :meth:`verdict` decides it at one outcome.

    Extension point: a new kind of claim (e.g. about Bayesian equilibria)
    is a class with ``key`` (its YAML key), ``text()`` and ``verdict()``,
    and a reader in :mod:`gametrust.formats.claims_format`.
    """

    key: str

    def text(self) -> str: ...  # pragma: no cover

    def verdict(self, outcome: Outcome) -> tuple[bool, str]: ...  # pragma: no cover


def _deviation(game: NormalFormGame, profile: tuple[str, ...]) -> str | None:
    """Why a pure profile is not an equilibrium (the most profitable deviation), or ``None``."""
    from ..model.regret import float_tolerance

    tol = float_tolerance(game)
    index = game.profile_index(profile)
    best: tuple[Any, int, int] | None = None
    for i in range(game.n_players):
        here = game.payoffs[(i, *index)]
        for k in range(game.shape[i]):
            if k == index[i]:
                continue
            moved = (*index[:i], k, *index[i + 1:])
            gain = game.payoffs[(i, *moved)] - here
            if gain > tol and (best is None or gain > best[0]):
                best = (gain, i, k)
    if best is None:
        return None
    _, i, k = best
    moved = (*index[:i], k, *index[i + 1:])
    return (
        f"{game.players[i]} gains by deviating from {profile_text(profile)} to "
        f"{game.actions[i][k]}: {show(game.payoffs[(i, *moved)])} > "
        f"{show(game.payoffs[(i, *index)])}"
    )


@dataclass(frozen=True)
class IsEquilibrium:
    """A pure profile is a Nash equilibrium of the game as solved (with empathy)."""

    profile: tuple[str, ...]
    key: str = "equilibrium"

    def text(self) -> str:
        return f"{profile_text(self.profile)} is an equilibrium"

    def verdict(self, outcome: Outcome) -> tuple[bool, str]:
        why = _deviation(outcome.game, self.profile)
        if why is None:
            return True, f"{profile_text(self.profile)} is an equilibrium: no player gains by " \
                "deviating"
        return False, why


@dataclass(frozen=True)
class NotEquilibrium:
    """A pure profile is not a Nash equilibrium."""

    profile: tuple[str, ...]
    key: str = "not_equilibrium"

    def text(self) -> str:
        return f"{profile_text(self.profile)} is not an equilibrium"

    def verdict(self, outcome: Outcome) -> tuple[bool, str]:
        why = _deviation(outcome.game, self.profile)
        if why is None:
            return False, f"{profile_text(self.profile)} is an equilibrium: no player gains by " \
                "deviating"
        return True, why


@dataclass(frozen=True)
class UniqueEquilibrium:
    """The game has exactly one Nash equilibrium, this pure profile (two players)."""

    profile: tuple[str, ...]
    key: str = "unique_equilibrium"

    def text(self) -> str:
        return f"{profile_text(self.profile)} is the only equilibrium"

    def verdict(self, outcome: Outcome) -> tuple[bool, str]:
        result = outcome.result
        profiles = [e.profile for e in result]
        if len(result) == 1 and profiles[0] == self.profile and not result.continua:
            return True, f"{profile_text(self.profile)} is the only equilibrium"
        if self.profile not in profiles:
            why = _deviation(outcome.game, self.profile)
            return False, why or f"{profile_text(self.profile)} is not an equilibrium"
        others = [e.describe() for e in result if e.profile != self.profile]
        return False, f"there are other equilibria: {'; '.join(others)}"


@dataclass(frozen=True)
class HasFamily:
    """The game as solved (with empathy) is of a family."""

    family: FamilyName
    key: str = "family"

    def text(self) -> str:
        return f"the game is a {self.family.text}"

    def verdict(self, outcome: Outcome) -> tuple[bool, str]:
        family = outcome.family
        if family_matches(family, self.family):
            return True, f"the game is a {family}"
        return False, f"the game is a {family}, not a {self.family.text}"


@dataclass(frozen=True)
class TrustThreshold:
    """The trust a player needs to play its part of the cooperative equilibrium.

    The cooperative equilibrium is ``cooperative`` when given, else the pure
    equilibrium every player strictly prefers to every other pure
    equilibrium.  A player's threshold is the least probability it must put
    on the other playing its part of the cooperative equilibrium (the rest on
    its part of an alternative pure equilibrium) for its own part to be a
    best response, the largest over the alternatives
    (:func:`gametrust.analysis.selection.trust_threshold`); 0 when there is no
    alternative.  The claim holds when every named player's threshold is at
    most ``at_most`` and at least ``at_least``; it fails when there is no
    cooperative equilibrium.
    """

    players: tuple[str, ...]
    at_most: Fraction | None = None
    at_least: Fraction | None = None
    cooperative: tuple[str, ...] | None = None
    key: str = "trust_threshold"

    def text(self) -> str:
        who = self.players[0] if len(self.players) == 1 else "each of " + " and ".join(
            self.players
        )
        bounds = []
        if self.at_least is not None:
            bounds.append(f"at least {show(self.at_least)}")
        if self.at_most is not None:
            bounds.append(f"at most {show(self.at_most)}")
        coop = f" to play {profile_text(self.cooperative)}" if self.cooperative else ""
        return f"the trust {who} needs{coop} is {' and '.join(bounds)}"

    def thresholds(
        self, game: NormalFormGame, result: SolveResult
    ) -> tuple[tuple[str, ...] | None, dict[str, Any], str]:
        """``(cooperative profile, {player: threshold}, why)``; profile ``None`` when none."""
        from ..model.regret import float_tolerance
        from .selection import trust_threshold

        tol = float_tolerance(game)
        pure = [e.profile for e in result if e.profile is not None]
        if self.cooperative is not None:
            coop = self.cooperative
            if coop not in pure:
                why = _deviation(game, coop) or f"{profile_text(coop)} is not an equilibrium"
                return None, {}, why
        else:
            def better(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
                pa, pb = game.payoff(a), game.payoff(b)
                return all(x > y + tol for x, y in zip(pa, pb, strict=True))

            found = [p for p in pure if all(better(p, q) for q in pure if q != p)]
            if not found:
                return None, {}, (
                    "no pure equilibrium is better for every player than every other pure "
                    "equilibrium (there is no cooperative equilibrium)"
                )
            coop = found[0]
        coop_index = game.profile_index(coop)
        out: dict[str, Any] = {}
        for player in self.players:
            i = game.player_index(player)
            needed: Any = Fraction(0)
            for other in pure:
                if other == coop:
                    continue
                q = trust_threshold(
                    game.payoffs, coop_index, game.profile_index(other), i  # type: ignore[arg-type]
                )
                if q is None or q > needed:
                    needed = q if q is not None else Fraction(2)  # never: above any bound
            out[player] = needed
        return coop, out, ""

    def verdict(self, outcome: Outcome) -> tuple[bool, str]:
        game, result = outcome.game, outcome.result
        coop, values, why = self.thresholds(game, result)
        if coop is None:
            return False, why
        parts, ok = [], True
        for player, q in values.items():
            i = game.player_index(player)
            other = game.players[1 - i]
            shown = "no belief suffices" if q > 1 else f"{show(q)}"
            if q > 1:
                text = f"{player} never plays {coop[i]}, whatever it believes"
            else:
                text = (
                    f"{player} needs P({other} plays {coop[1 - i]}) >= {shown} to play {coop[i]}"
                )
            bad = (self.at_most is not None and q > self.at_most) or (
                self.at_least is not None and q < self.at_least
            )
            if bad:
                ok = False
                bound = []
                if self.at_most is not None and q > self.at_most:
                    bound.append(f"more than {show(self.at_most)}")
                if self.at_least is not None and q < self.at_least:
                    bound.append(f"less than {show(self.at_least)}")
                text += f", {' and '.join(bound)}"
            parts.append(text)
        return ok, "; ".join(parts)


@dataclass(frozen=True)
class PathIncludes:
    """A move is (``include``) or is not played on the subgame-perfect equilibrium paths.

    ``every`` (the default for ``path_includes``): every subgame-perfect
    equilibrium plays the move with positive probability; for
    ``path_excludes`` no subgame-perfect equilibrium does.
    """

    move: str
    include: bool = True
    key: str = "path_includes"

    def text(self) -> str:
        if self.include:
            return f"every subgame-perfect equilibrium path includes {self.move!r}"
        return f"no subgame-perfect equilibrium path includes {self.move!r}"

    def verdict(self, outcome: Outcome) -> tuple[bool, str]:
        solved = outcome.tree_result
        tree = solved.tree
        with_move, without = [], []
        for e in solved.subgame_perfect:
            paths = "; ".join(e.path_text(tree))
            on_path = any(self.move in path for path, p in e.outcomes if p > 0)
            (with_move if on_path else without).append(paths)
        if self.include:
            if without:
                return False, f"a subgame-perfect path without {self.move!r}: {without[0]}"
            return True, f"every subgame-perfect path includes {self.move!r}"
        if with_move:
            return False, f"a subgame-perfect path with {self.move!r}: {with_move[0]}"
        return True, f"no subgame-perfect path includes {self.move!r}"


# -- claims and assumptions ------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """A named statement, optionally under conditions (``when``)."""

    name: str
    statement: Any  # one of the statement classes above (see Statement)
    when: tuple[Any, ...] = ()  # Conditions: Bound, Comparison, Prefers, FamilyIs
    description: str = ""
    location: Location | None = field(default=None, compare=False, repr=False)

    def text(self) -> str:
        """The statement with its conditions, in words."""
        out = self.statement.text()
        if self.when:
            out += " when " + " and ".join(c.text for c in self.when)
        return out


@dataclass(frozen=True)
class Assumptions:
    """What may vary and what must hold: ``variables`` and ``statements``."""

    variables: tuple[Variable, ...] = ()
    statements: tuple[Any, ...] = ()  # Conditions
    location: Location | None = field(default=None, compare=False, repr=False)

    def variable(self, key: str) -> Variable | None:
        return next((v for v in self.variables if v.key == key), None)


# -- evaluation ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Assignment:
    """Values for the variables of a :class:`CheckModel`, and what the game is built from.

    ``values`` pairs every variable of the model with its value (a
    ``Fraction``; at an irrational breakpoint of a proof a sympy algebraic
    number); ``parameters`` are every parameter's value and ``empathy`` the
    empathy weights the variables set (others come from the scenario).
    """

    values: tuple[tuple[Variable, Any], ...]
    parameters: Mapping[str, Number]
    empathy: Mapping[str, Number]
    model: CheckModel | None = field(default=None, compare=False, repr=False)

    def value(self, key: str) -> Any:
        for variable, value in self.values:
            if variable.key == key:
                return value
        kind, _, name = key.partition(":")
        if kind == PARAMETER:
            return self.parameters[name]
        if kind == EMPATHY and self.model is not None:
            return self.model.working.empathy_weights(self.parameters)[name]
        raise KeyError(key)

    def varying(self) -> tuple[tuple[Variable, Any], ...]:
        return tuple((v, x) for v, x in self.values if v.varies)

    def describe(self, everything: bool = False) -> str:
        """``relief = 2, empathy of US = 1/4`` (the varying values, or all with ``everything``)."""
        shown = self.values if everything else self.varying()
        if not shown:
            shown = self.values
        if not shown:
            return "the scenario's own values"
        return ", ".join(f"{v.label} = {show(x)}" for v, x in shown)

    def to_dict(self) -> dict[str, str]:
        """``{label: exact value}`` for JSON."""
        return {v.label: show(x) for v, x in self.values}

    def __repr__(self) -> str:
        return f"Assignment({self.describe(everything=True)})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # how hypothesis shows it
        printer.text(repr(self))


class Outcome:
    """The games at an assignment, built and solved only when asked for."""

    def __init__(self, model: CheckModel, assignment: Assignment) -> None:
        self.model = model
        self.assignment = assignment

    @cached_property
    def base_game(self) -> NormalFormGame:
        """The game as written (no empathy) at the assignment."""
        return self.model.working.base_game(self.assignment.parameters)

    @cached_property
    def game(self) -> NormalFormGame:
        """The game that is solved: empathy applied."""
        return self.model.working.build(self.assignment.parameters, self.assignment.empathy)

    @cached_property
    def result(self) -> SolveResult:
        from ..solvers.solve import solve

        return solve(self.game)

    @cached_property
    def family(self) -> Family:
        from .families import classify

        return classify(self.game)

    @cached_property
    def tree_result(self) -> TreeSolveResult:
        from ..solvers.extensive import solve_tree

        tree = self.model.working.build_tree(self.assignment.parameters, self.assignment.empathy)
        return solve_tree(tree)


@dataclass(frozen=True)
class Evaluation:
    """Whether a claim holds at an assignment, and why.

    ``status`` is ``"holds"``, ``"fails"``, or ``"excluded"`` when the
    assignment does not satisfy the assumptions or the claim's conditions
    (``reason`` says which).
    """

    claim: Claim
    assignment: Assignment
    status: Status
    reason: str
    outcome: Outcome | None = field(default=None, compare=False, repr=False)

    @property
    def holds(self) -> bool:
        return self.status == "holds"

    def equilibria(self) -> list[str]:
        """The equilibria there, described in the scenario's labels."""
        if self.outcome is None:
            return []
        if isinstance(self.claim.statement, PathIncludes):
            solved = self.outcome.tree_result
            return [
                "subgame-perfect: " + "; ".join(e.path_text(solved.tree))
                for e in solved.subgame_perfect
            ]
        return [e.describe() for e in self.outcome.result]

    def family(self) -> str | None:
        if self.outcome is None or self.outcome.model.working.stage_tree is not None:
            return None
        return str(self.outcome.family)

    def explain(self) -> str:
        """Several lines: the claim, the values, why, the equilibria and the family."""
        head = {"holds": "claim holds", "fails": "claim failed", "excluded": "not applicable"}
        lines = [f"{head[self.status]}: {self.claim.name or self.claim.text()}"]
        lines.append(f"  values: {self.assignment.describe()}")
        fixed = [(v, x) for v, x in self.assignment.values if not v.varies]
        if fixed and len(fixed) < len(self.assignment.values):
            lines.append("  with: " + ", ".join(f"{v.label} = {show(x)}" for v, x in fixed))
        lines.append(f"  why: {self.reason}")
        if self.status != "excluded":
            equilibria = self.equilibria()
            lines.append(f"  equilibria: {'; '.join(equilibria) if equilibria else 'none'}")
            family = self.family()
            if family is not None:
                stage = " of the stage game" if self.outcome.model.working.is_tree else ""
                lines.append(f"  family{stage}: {family}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "values": self.assignment.to_dict(),
            "status": self.status,
            "reason": self.reason,
        }
        if self.status != "excluded":
            out["equilibria"] = self.equilibria()
            out["family"] = self.family()
        return out


def _internal_name(taken: set[str], k: int) -> str:
    name = f"_payoff{k}"
    while name in taken:
        name = "_" + name
    return name


@dataclass(frozen=True)
class CheckModel:
    """A scenario with its assumptions, ready to evaluate claims at assignments.

    ``working`` is the scenario with every varying payoff entry replaced by
    an internal parameter, so that parameters, payoffs and empathy are all
    set through :meth:`Scenario.build` (and swept by :func:`gametrust.sweep`).
    """

    scenario: Scenario
    assumptions: Assumptions
    working: Scenario

    @classmethod
    def of(cls, scenario: Scenario, assumptions: Assumptions | None = None) -> CheckModel:
        """The model of a scenario under its own assumptions (or the ones given)."""
        if assumptions is None:
            assumptions = getattr(scenario, "assumptions", None) or Assumptions()
        return cls(scenario, assumptions, _working(scenario, assumptions.variables))

    def variables(self, claim: Claim | None = None) -> tuple[Variable, ...] | None:
        """The variables, narrowed by the claim's conditions and the assumptions' bounds.

        ``None`` when a range becomes empty (the claim can never apply).
        """
        out = {v.key: v for v in self.assumptions.variables}
        conditions = [*self.assumptions.statements, *(claim.when if claim else ())]
        for condition in conditions:
            links: list[tuple[str, str, Fraction]] = []
            if isinstance(condition, Bound):
                links = [(condition.key, condition.op, condition.value)]
            elif isinstance(condition, Comparison):
                links = [(f"{PARAMETER}:{n}", op, x) for n, op, x in condition.bounds()]
            for key, op, value in links:
                if key in out:
                    narrowed = out[key].narrowed(op, value)
                    if narrowed is None:
                        return None
                    out[key] = narrowed
        return tuple(out.values())

    def assignment(
        self, values: Mapping[str, Any] | None = None, variables: Sequence[Variable] | None = None
    ) -> Assignment:
        """Values for every variable (by key); a variable left out takes its default.

        The default of a fixed variable (low = high) is that value; of a
        varying one the scenario's own value when it is in range, else the
        low end.
        """
        values = dict(values or {})
        variables = tuple(variables if variables is not None else self.assumptions.variables)
        scenario = self.working
        parameters: dict[str, Number] = {n: p.value for n, p in scenario.parameters.items()}
        empathy: dict[str, Number] = {}
        chosen: list[tuple[Variable, Any]] = []
        written = scenario.empathy_weights(parameters)
        for v in variables:
            if v.key in values:
                x = values[v.key]
            elif not v.varies:
                x = v.low
            else:
                own: Any = None
                if v.kind == PARAMETER:
                    own = parameters.get(v.name)
                elif v.kind == EMPATHY:
                    own = written.get(v.name)
                elif v.offset:
                    own = Fraction(0)
                x = own if own is not None and v.contains(own) else v.low
            if isinstance(x, str):
                from ..core.exact import parse_number

                parsed = parse_number(x)
                if parsed is None:
                    raise ArgumentError(f"{x!r} is not a number", Location(path=(v.label,)))
                x = parsed
            number = x if isinstance(x, (Fraction, float)) else _as_exact(x)
            chosen.append((v, x))
            if v.kind == EMPATHY:
                empathy[v.name] = number
            else:
                parameters[v.name] = number
        return Assignment(tuple(chosen), parameters, empathy, self)

    def admits(self, assignment: Assignment, claim: Claim | None = None) -> str | None:
        """Why the assignment is outside the assumptions (or the claim's conditions), or None."""
        outcome = Outcome(self, assignment)
        return self._excluded(outcome, claim)

    def _excluded(self, outcome: Outcome, claim: Claim | None) -> str | None:
        for v, x in outcome.assignment.values:
            own = self.assumptions.variable(v.key)
            if own is not None and not own.contains(x):
                return f"{v.label} = {show(x)} is outside the assumed range {own.range_text()}"
        for condition in self.assumptions.statements:
            if not condition.holds(outcome):
                return f"the assumption {condition.text!r} does not hold"
        for condition in claim.when if claim else ():
            if not condition.holds(outcome):
                return f"the condition {condition.text!r} does not hold"
        return None

    def evaluate(self, claim: Claim, assignment: Assignment) -> Evaluation:
        """Decide the claim at the assignment (``excluded`` outside the assumptions)."""
        outcome = Outcome(self, assignment)
        excluded = self._excluded(outcome, claim)
        if excluded is not None:
            return Evaluation(claim, assignment, "excluded", excluded, None)
        ok, reason = claim.statement.verdict(outcome)
        return Evaluation(claim, assignment, "holds" if ok else "fails", reason, outcome)


def _as_exact(value: Any) -> float:
    """An algebraic number (an irrational breakpoint) as a float for building the game."""
    return float(value)


def _working(scenario: Scenario, variables: Sequence[Variable]) -> Scenario:
    """The scenario with each payoff variable's entry replaced by an internal parameter."""
    payoff_variables = [v for v in variables if v.kind == PAYOFF]
    if not payoff_variables:
        return scenario
    from ..scenario.scenario import Parameter

    payoffs = {profile: list(vector) for profile, vector in scenario.payoffs.items()}
    parameters = dict(scenario.parameters)
    for v in payoff_variables:
        i = scenario.player_ids.index(v.player)
        name = parse_expression(v.name)
        written = payoffs[v.profile][i]
        payoffs[v.profile][i] = written + name if v.offset else name
        parameters[v.name] = Parameter(v.name, v.low, (v.low, v.high))
    return dataclasses.replace(
        scenario,
        payoffs={profile: tuple(vector) for profile, vector in payoffs.items()},
        parameters=parameters,
    )


def merge_assumptions(
    scenario: Scenario, base: Assumptions | None, extra: Assumptions | None
) -> Assumptions:
    """``base`` with ``extra`` added: a variable in both takes ``extra``'s range."""
    if extra is None:
        return base or Assumptions()
    if base is None:
        return extra
    variables = {v.key: v for v in base.variables}
    variables.update({v.key: v for v in extra.variables})
    renamed, k = [], 0
    for v in variables.values():
        if v.kind == PAYOFF:
            v = dataclasses.replace(v, name=payoff_variable_name(scenario, k))
            k += 1
        renamed.append(v)
    return Assumptions(tuple(renamed), (*base.statements, *extra.statements), base.location)


def payoff_variable_name(scenario: Scenario, k: int) -> str:
    """The internal parameter name of the ``k``-th payoff variable of a scenario."""
    return _internal_name(set(scenario.parameters), k)


# -- from a property test -------------------------------------------------------------------


def assert_claim(
    scenario: Scenario,
    claim: Claim | str | Mapping[str, Any],
    values: Assignment | Mapping[str, object] | None = None,
    *,
    empathy: Mapping[str, object] | None = None,
) -> Evaluation:
    """Evaluate a claim at some values; if it fails, raise ``AssertionError`` in labels.

    ``claim`` is a :class:`Claim`, the name of one of the scenario's claims,
    or a claim in the file format (``{"equilibrium": "Reassure, Freeze"}``,
    ``{"family": "Stag Hunt", "when": {...}}``).  ``values`` is an
    :class:`Assignment` drawn by :func:`gametrust.strategies.assignments`, or
    parameter values by name; ``empathy`` sets empathy weights by player.
    Returns the :class:`Evaluation` (status ``"excluded"`` when the values
    are outside the assumptions or the claim's conditions: nothing is
    asserted then).
    """
    if isinstance(values, Assignment) and values.model is not None:
        model = values.model
    else:
        model = CheckModel.of(scenario, Assumptions())
    claim = _resolve_claim(scenario, claim)
    if isinstance(values, Assignment):
        assignment = values
        if empathy:
            raise ArgumentError(
                "give empathy weights either in the drawn assignment or as empathy=, not both",
                Location(path=("empathy",)),
            )
    else:
        fixed: list[Variable] = []
        given: dict[str, Any] = {}
        for name, raw in (values or {}).items():
            if name not in scenario.parameters:
                from ..core.errors import did_you_mean

                raise ArgumentError(
                    f"unknown parameter {name!r}{did_you_mean(str(name), scenario.parameters)}",
                    Location(path=("values", name)),
                )
            x = _exact_value(raw, ("values", name))
            fixed.append(Variable(PARAMETER, name, x, x, name))
            given[fixed[-1].key] = x
        for pid, raw in (empathy or {}).items():
            if pid not in scenario.player_ids:
                from ..core.errors import did_you_mean

                raise ArgumentError(
                    f"unknown player {pid!r}{did_you_mean(str(pid), scenario.player_ids)}",
                    Location(path=("empathy", pid)),
                )
            x = _exact_value(raw, ("empathy", pid))
            fixed.append(Variable(EMPATHY, pid, x, x, f"empathy of {pid}"))
            given[fixed[-1].key] = x
        assignment = model.assignment(given, [*model.assumptions.variables, *fixed])
    evaluation = model.evaluate(claim, assignment)
    if evaluation.status == "fails":
        raise AssertionError(evaluation.explain())
    return evaluation


def _exact_value(raw: object, path: tuple[str, ...]) -> Fraction:
    from ..core.exact import as_number

    try:
        value = as_number(raw, exact=True)
    except (TypeError, ValueError) as exc:
        raise ArgumentError(str(exc), Location(path=path)) from None
    return Fraction(value)


def _resolve_claim(scenario: Scenario, claim: Claim | str | Mapping[str, Any]) -> Claim:
    if isinstance(claim, Claim):
        return claim
    if isinstance(claim, str):
        claims = getattr(scenario, "claims", ()) or ()
        for c in claims:
            if c.name == claim:
                return c
        from ..core.errors import did_you_mean

        names = [c.name for c in claims]
        raise ArgumentError(
            f"the scenario has no claim named {claim!r}{did_you_mean(claim, names)}",
            Location(path=("claim",)),
        )
    from ..formats.claims_format import read_claim

    return read_claim(scenario, claim, strict=False)
