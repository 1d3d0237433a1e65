"""A scenario with its assumptions, and claims evaluated at values of what varies.

:class:`CheckModel` couples a scenario with its assumptions
(:class:`~gametrust.scenario.claims.Assumptions`);
:meth:`CheckModel.assignment` gives values to everything that varies (an
:class:`Assignment`), and :meth:`CheckModel.evaluate` says whether a claim
holds there, why, and with which equilibria (an :class:`Evaluation`).  The
games at an assignment are built and solved only when a condition or a
statement asks (:class:`Outcome`); conditions and statements are decided by
:mod:`gametrust.analysis.verdicts`.  ``gametrust check``
(:mod:`gametrust.analysis.check`) proves claims or searches for
counterexamples with this model.

>>> import gametrust
>>> from gametrust.scenario.claims import Claim, IsEquilibrium
>>> model = CheckModel.of(gametrust.load("scenarios/korea.yaml"))
>>> [v.label for v in model.assumptions.variables]
['relief', 'empathy of US', 'empathy of DPRK']
>>> claim = Claim("restraint", IsEquilibrium(("Reassure", "Freeze")))
>>> at = model.assignment({"empathy:US": "1/2", "empathy:DPRK": "1/2"})
>>> model.evaluate(claim, at).status
'holds'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from ..core.errors import ArgumentError, InputError, Location
from ..core.exact import Number, parse_number
from ..scenario.claims import (
    SEARCHED_STATEMENTS,
    Assumptions,
    BayesianPlay,
    Claim,
    PathIncludes,
    SignallingClaim,
    payoff_variable_name,
)
from ..scenario.conditions import EMPATHY, PARAMETER, PAYOFF, Bound, Comparison, Variable
from ..scenario.expression import parse_expression
from ..scenario.scenario import Parameter, Scenario
from .verdicts import condition_holds, pbe_text, show, verdict

if TYPE_CHECKING:  # pragma: no cover
    from ..model.game import NormalFormGame
    from ..solvers.bayesian_result import BayesianResult
    from ..solvers.extensive import TreeSolveResult
    from ..solvers.result import SolveResult
    from ..solvers.signalling_result import SignallingResult
    from .families import Family

__all__ = ["Assignment", "CheckModel", "Evaluation", "Outcome", "merge_assumptions"]

EvaluationStatus = Literal["holds", "fails", "excluded"]


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
    def bayesian_result(self) -> BayesianResult:
        """The Bayesian Nash equilibria of the game with types."""
        from ..solvers.bayesian import solve_bayesian

        game = self.model.working.build_bayesian(self.assignment.parameters,
                                                 self.assignment.empathy)
        return solve_bayesian(game)

    @cached_property
    def signalling_result(self) -> SignallingResult:
        """The perfect Bayesian equilibria of the signalling game (with a simultaneous stage:
        a :class:`~gametrust.solvers.signal_stage_result.SignalStageResult`)."""
        from ..model.signal_stage import SignalStageGame
        from ..solvers.signalling import solve_signalling

        game = self.model.working.build_signalling(self.assignment.parameters,
                                                   self.assignment.empathy)
        if isinstance(game, SignalStageGame):
            from ..solvers.signal_stage import solve_signal_stage

            return solve_signal_stage(game)
        return solve_signalling(game)

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
    status: EvaluationStatus
    reason: str
    outcome: Outcome | None = field(default=None, compare=False, repr=False)

    @property
    def holds(self) -> bool:
        return self.status == "holds"

    def equilibria(self) -> list[str]:
        """The equilibria there, described in the scenario's labels."""
        if self.outcome is None:
            return []
        statement = self.claim.statement
        if isinstance(statement, PathIncludes):
            solved = self.outcome.tree_result
            return [
                "subgame-perfect: " + "; ".join(e.path_text(solved.tree))
                for e in solved.subgame_perfect
            ]
        if isinstance(statement, BayesianPlay):
            return [e.describe() for e in self.outcome.bayesian_result]
        if isinstance(statement, SignallingClaim):
            return [pbe_text(e) for e in self.outcome.signalling_result]
        return [e.describe() for e in self.outcome.result]

    def family(self) -> str | None:
        if (
            self.outcome is None
            or self.outcome.model.working.stage_tree is not None
            or isinstance(self.claim.statement, SEARCHED_STATEMENTS)
        ):
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
                parsed = parse_number(x)
                if parsed is None:
                    raise ArgumentError(f"{x!r} is not a number", Location(path=(v.label,)))
                x = parsed
            number = x if isinstance(x, (Fraction, float)) else _as_float(x, v)
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
            if not condition_holds(condition, outcome):
                return f"the assumption {condition.text!r} does not hold"
        for condition in claim.when if claim else ():
            if not condition_holds(condition, outcome):
                return f"the condition {condition.text!r} does not hold"
        return None

    def evaluate(self, claim: Claim, assignment: Assignment) -> Evaluation:
        """Decide the claim at the assignment (``excluded`` outside the assumptions)."""
        outcome = Outcome(self, assignment)
        excluded = self._excluded(outcome, claim)
        if excluded is not None:
            return Evaluation(claim, assignment, "excluded", excluded, None)
        ok, reason = verdict(claim.statement, outcome)
        return Evaluation(claim, assignment, "holds" if ok else "fails", reason, outcome)

    def evaluate_at(
        self, claim: Claim, values: Mapping[str, Any], variables: Sequence[Variable]
    ) -> Evaluation:
        """Decide the claim at ``values`` of ``variables`` (by key; the rest take defaults).

        An input error while building the game there (e.g. a payoff that
        divides by zero) names the values.
        """
        assignment = self.assignment(values, variables)
        try:
            return self.evaluate(claim, assignment)
        except InputError as exc:
            raise type(exc)(f"{exc.message} (at {assignment.describe()})", exc.location) from None


def _as_float(value: Any, v: Variable) -> float:
    """An algebraic number (an irrational breakpoint) as a float for building the game there
    (an :class:`ArgumentError` located at the variable when it is beyond the float range)."""
    try:
        return float(value)
    except OverflowError:
        raise ArgumentError(
            f"{v.label} = {show(value)} is an irrational critical value beyond the float range "
            "(about 1.8e308), where games are solved in floats: narrow the assumed range",
            Location(path=(v.label,)),
        ) from None


def _working(scenario: Scenario, variables: Sequence[Variable]) -> Scenario:
    """The scenario with each payoff variable's entry replaced by an internal parameter."""
    payoff_variables = [v for v in variables if v.kind == PAYOFF]
    if not payoff_variables:
        return scenario
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

