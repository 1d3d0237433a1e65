"""Asserting a claim from a property test, with the failure in the scenario's labels.

:func:`assert_claim` evaluates a claim (a :class:`~gametrust.scenario.claims.Claim`,
the name of one of the scenario's claims, or a claim in the file format) at
some values — drawn by :func:`gametrust.strategies.assignments`, or given by
name — and raises ``AssertionError`` with the values, the reason, the
equilibria and the family when it fails.  See ``docs/check.md``.

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

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..core.errors import ArgumentError, Location, did_you_mean
from ..core.exact import as_number
from ..formats.claims_format import read_claim
from ..model.empathy import weight_label, weight_names
from ..scenario.claims import Assumptions, Claim
from ..scenario.conditions import EMPATHY, PARAMETER, Variable
from .check_model import Assignment, CheckModel, Evaluation

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario.scenario import Scenario

__all__ = ["assert_claim"]


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
                raise ArgumentError(
                    f"unknown parameter {name!r}{did_you_mean(str(name), scenario.parameters)}",
                    Location(path=("values", name)),
                )
            x = _exact_value(raw, ("values", name))
            fixed.append(Variable(PARAMETER, name, x, x, name))
            given[fixed[-1].key] = x
        names = weight_names(scenario.empathy_model, scenario.player_ids)
        for pid, raw in (empathy or {}).items():
            if pid not in names:
                what = "player" if names == scenario.player_ids else "empathy weight"
                raise ArgumentError(
                    f"unknown {what} {pid!r}{did_you_mean(str(pid), names)}",
                    Location(path=("empathy", pid)),
                )
            x = _exact_value(raw, ("empathy", pid))
            fixed.append(Variable(EMPATHY, pid, x, x, weight_label(scenario.empathy_model, pid)))
            given[fixed[-1].key] = x
        assignment = model.assignment(given, [*model.assumptions.variables, *fixed])
    evaluation = model.evaluate(claim, assignment)
    if evaluation.status == "fails":
        raise AssertionError(evaluation.explain())
    return evaluation


def _exact_value(raw: object, path: tuple[str, ...]) -> Fraction:
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
        names = [c.name for c in claims]
        raise ArgumentError(
            f"the scenario has no claim named {claim!r}{did_you_mean(claim, names)}",
            Location(path=("claim",)),
        )
    return read_claim(scenario, claim, strict=False)
