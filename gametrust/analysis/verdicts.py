"""Deciding conditions and claim statements at one outcome, with the reason in words.

:func:`condition_holds` decides a condition of the assumptions or of a claim's
``when`` (:mod:`gametrust.scenario.conditions`); :func:`verdict` decides a
claim's statement (:mod:`gametrust.scenario.claims`) and says why, in the
scenario's labels.  Both take an :class:`~gametrust.analysis.check_model.Outcome`,
which builds the game, solves it and classifies it only when asked.  A new
kind of statement registers its verdict here (``@verdict.register(MyStatement)``).

>>> import gametrust
>>> from gametrust.analysis.check_model import CheckModel, Outcome
>>> from gametrust.scenario.claims import IsEquilibrium
>>> model = CheckModel.of(gametrust.load("scenarios/korea.yaml"))
>>> outcome = Outcome(model, model.assignment())
>>> verdict(IsEquilibrium(("Pressure", "Arm")), outcome)
(True, '(Pressure, Arm) is an equilibrium: no player gains by deviating')
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from fractions import Fraction
from functools import singledispatch
from typing import TYPE_CHECKING, Any

from ..core.exact import format_number
from ..model.regret import float_tolerance
from ..scenario.claims import (
    BayesianPlay,
    HasFamily,
    IsEquilibrium,
    NotEquilibrium,
    PathIncludes,
    SignallingClaim,
    TrustThresholdClaim,
    UniqueEquilibrium,
    profile_text,
)
from ..scenario.conditions import Bound, Comparison, FamilyIs, Prefers
from ..scenario.family_names import FamilyName

if TYPE_CHECKING:  # pragma: no cover
    from ..model.game import NormalFormGame
    from ..solvers.result import SolveResult
    from ..solvers.signalling_result import PerfectBayesianEquilibrium
    from .check_model import Outcome
    from .families import Family

__all__ = [
    "OPERATORS",
    "condition_holds",
    "deviation",
    "family_matches",
    "pbe_text",
    "show",
    "trust_thresholds",
    "verdict",
]

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


# -- conditions -----------------------------------------------------------------------------------


@singledispatch
def condition_holds(condition: Any, outcome: Outcome) -> bool:
    """Whether a condition (:data:`gametrust.scenario.conditions.Condition`) holds there."""
    raise TypeError(f"not a condition: {condition!r}")


@condition_holds.register(Bound)
def _bound_holds(condition: Bound, outcome: Outcome) -> bool:
    return OPERATORS[condition.op](outcome.assignment.value(condition.key), condition.value)


@condition_holds.register(Comparison)
def _comparison_holds(condition: Comparison, outcome: Outcome) -> bool:
    values = outcome.assignment.parameters
    numbers = [term.evaluate(values) for term in condition.terms]
    return all(
        OPERATORS[op](a, b)
        for op, a, b in zip(condition.ops, numbers, numbers[1:], strict=False)
    )


@condition_holds.register(Prefers)
def _prefers_holds(condition: Prefers, outcome: Outcome) -> bool:
    game = outcome.base_game
    i = game.player_index(condition.player)
    a, b = game.payoff(condition.better)[i], game.payoff(condition.worse)[i]
    return bool(a > b) if condition.strict else bool(a >= b)


@condition_holds.register(FamilyIs)
def _family_is_holds(condition: FamilyIs, outcome: Outcome) -> bool:
    from .families import classify

    return family_matches(classify(outcome.base_game), condition.family) != condition.negated


# -- families -------------------------------------------------------------------------------------


def _border_group(name: str) -> str | None:
    from ..model.ordinal_games import SYMMETRIC_GAMES

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


# -- statements -----------------------------------------------------------------------------------


def deviation(game: NormalFormGame, profile: tuple[str, ...]) -> str | None:
    """Why a pure profile is not an equilibrium (the most profitable deviation), or ``None``."""
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


@singledispatch
def verdict(statement: Any, outcome: Outcome) -> tuple[bool, str]:
    """Whether a claim's statement holds at an outcome, and why (in the scenario's labels)."""
    raise TypeError(f"no verdict for the statement {statement!r}")


@verdict.register(IsEquilibrium)
def _is_equilibrium(statement: IsEquilibrium, outcome: Outcome) -> tuple[bool, str]:
    why = deviation(outcome.game, statement.profile)
    if why is None:
        return True, f"{profile_text(statement.profile)} is an equilibrium: no player gains by " \
            "deviating"
    return False, why


@verdict.register(NotEquilibrium)
def _not_equilibrium(statement: NotEquilibrium, outcome: Outcome) -> tuple[bool, str]:
    is_equilibrium, why = _is_equilibrium(IsEquilibrium(statement.profile), outcome)
    return not is_equilibrium, why


@verdict.register(UniqueEquilibrium)
def _unique_equilibrium(statement: UniqueEquilibrium, outcome: Outcome) -> tuple[bool, str]:
    result = outcome.result
    profiles = [e.profile for e in result]
    if len(result) == 1 and profiles[0] == statement.profile and not result.continua:
        return True, f"{profile_text(statement.profile)} is the only equilibrium"
    if statement.profile not in profiles:
        why = deviation(outcome.game, statement.profile)
        return False, why or f"{profile_text(statement.profile)} is not an equilibrium"
    others = [e.describe() for e in result if e.profile != statement.profile]
    return False, f"there are other equilibria: {'; '.join(others)}"


@verdict.register(HasFamily)
def _has_family(statement: HasFamily, outcome: Outcome) -> tuple[bool, str]:
    family = outcome.family
    if family_matches(family, statement.family):
        return True, f"the game is a {family}"
    return False, f"the game is a {family}, not a {statement.family.text}"


def trust_thresholds(
    statement: TrustThresholdClaim, game: NormalFormGame, result: SolveResult
) -> tuple[tuple[str, ...] | None, dict[str, Any], str]:
    """``(cooperative profile, {player: threshold}, why)``; profile ``None`` when none.

    The thresholds a :class:`~gametrust.scenario.claims.TrustThresholdClaim` bounds
    (:func:`gametrust.analysis.selection.trust_threshold` against every other
    pure equilibrium, the largest); above 1 when no belief suffices.
    """
    from .selection import trust_threshold

    tol = float_tolerance(game)
    pure = [e.profile for e in result if e.profile is not None]
    if statement.cooperative is not None:
        coop = statement.cooperative
        if coop not in pure:
            why = deviation(game, coop) or f"{profile_text(coop)} is not an equilibrium"
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
    for player in statement.players:
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


@verdict.register(TrustThresholdClaim)
def _trust_threshold(statement: TrustThresholdClaim, outcome: Outcome) -> tuple[bool, str]:
    game, result = outcome.game, outcome.result
    coop, values, why = trust_thresholds(statement, game, result)
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
        bad = (statement.at_most is not None and q > statement.at_most) or (
            statement.at_least is not None and q < statement.at_least
        )
        if bad:
            ok = False
            bound = []
            if statement.at_most is not None and q > statement.at_most:
                bound.append(f"more than {show(statement.at_most)}")
            if statement.at_least is not None and q < statement.at_least:
                bound.append(f"less than {show(statement.at_least)}")
            text += f", {' and '.join(bound)}"
        parts.append(text)
    return ok, "; ".join(parts)


@verdict.register(PathIncludes)
def _path_includes(statement: PathIncludes, outcome: Outcome) -> tuple[bool, str]:
    solved = outcome.tree_result
    tree = solved.tree
    with_move, without = [], []
    for e in solved.subgame_perfect:
        paths = "; ".join(e.path_text(tree))
        on_path = any(statement.move in path for path, p in e.outcomes if p > 0)
        (with_move if on_path else without).append(paths)
    if statement.include:
        if without:
            return False, f"a subgame-perfect path without {statement.move!r}: {without[0]}"
        return True, f"every subgame-perfect path includes {statement.move!r}"
    if with_move:
        return False, f"a subgame-perfect path with {statement.move!r}: {with_move[0]}"
    return True, f"no subgame-perfect path includes {statement.move!r}"


# -- types and signals ----------------------------------------------------------------------------


@verdict.register(BayesianPlay)
def _bayesian_play(statement: BayesianPlay, outcome: Outcome) -> tuple[bool, str]:
    result = outcome.bayesian_result
    wanted = statement.plays

    def plays(e: Any) -> bool:
        return all(e.strategy(player, type_)[action] == 1 for player, type_, action in wanted)

    found = [e for e in result if plays(e)]
    what = statement.plays_text()
    if found:
        return statement.exists, f"a Bayesian equilibrium in which {what}: {found[0].describe()}"
    if not result.complete:
        return False, (
            f"in none of the {len(result)} Bayesian equilibria found {what}, and the list is "
            "not complete (more than two players: pure equilibria only)"
        )
    listed = "; ".join(e.describe() for e in result) or "none"
    return not statement.exists, f"no Bayesian equilibrium in which {what} (they are: {listed})"


def pbe_text(e: PerfectBayesianEquilibrium) -> str:
    """One line: ``separating: reformer Unilateral moves, expansionist Business as usual;
    Unilateral moves -> Engage, Business as usual -> Contain``."""

    def mix(d: dict[str, Any]) -> str:
        support = [(a, p) for a, p in d.items() if p > 0]
        if len(support) == 1:
            return support[0][0]
        return " or ".join(f"{a} {show(p)}" for a, p in support)

    sender = ", ".join(f"{t} {mix(s)}" for t, s in e.sender.items())
    replies = ", ".join(
        f"{m} -> {mix(r)}" + ("" if m in e.on_path else " (off path)")
        for m, r in e.receiver.items()
    )
    return f"{e.kind}: {sender}; {replies}"


@verdict.register(SignallingClaim)
def _signalling(statement: SignallingClaim, outcome: Outcome) -> tuple[bool, str]:
    result = outcome.signalling_result
    pool = [e for e in result if e.intuitive_criterion.passes or not statement.intuitive]
    which = "perfect Bayesian equilibri"
    passing = " passing the Intuitive Criterion" if statement.intuitive else ""

    def fits(e: Any) -> str | None:
        """Why the equilibrium does not fit the claim (``None`` when it does)."""
        if statement.kind is not None and e.kind != statement.kind:
            return f"it is {e.kind}"
        for type_, signal in statement.sends:
            if e.sender[type_].get(signal, 0) != 1:
                sent = ", ".join(f"{m} {show(p)}" for m, p in e.sender[type_].items() if p > 0)
                return f"{type_} sends {sent}"
        return None

    name = pbe_text

    if not pool:
        return False, f"there is no {which}um{passing}"
    if statement.every:
        for e in pool:
            why = fits(e)
            if why is not None:
                return False, f"a {which}um{passing} does not fit: {why} ({name(e)})"
        return True, f"each of the {len(pool)} {which}a{passing} fits"
    for e in pool:
        if fits(e) is None:
            return True, f"a {which}um{passing} fits: {name(e)}"
    return False, f"no {which}um{passing} fits: " + "; ".join(
        f"{fits(e)} ({name(e)})" for e in pool
    )
