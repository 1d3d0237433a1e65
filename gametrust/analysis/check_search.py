"""Searching for a counterexample to a claim with hypothesis: ``gametrust check``'s search.

Where no exact proof applies (:mod:`gametrust.analysis.check_proof`),
hypothesis draws values within the assumed ranges (simple rationals first,
see :func:`gametrust.analysis.value_strategies.rationals`), filters them by
the assumptions' statements and the claim's conditions, and looks for a
failure; a failure is shrunk to a minimal counterexample, then simplified
further (:func:`simplify`).  ``survived`` means "no counterexample in N
examples", never "proved".  This module imports hypothesis.

>>> import gametrust
>>> from gametrust.analysis.check_model import CheckModel
>>> korea = gametrust.load("scenarios/korea.yaml")
>>> model = CheckModel.of(korea)
>>> claim = korea.claims[0]
>>> variables = model.variables(claim)
>>> varying = [v for v in variables if v.varies]
>>> search_claim(model, claim, variables, varying, examples=10, seed=1, database=None).status
'survived'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from random import Random
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, assume, find, settings
from hypothesis.database import DirectoryBasedExampleDatabase
from hypothesis.errors import NoSuchExample, Unsatisfiable

from ..core.progress import step
from ..scenario.claims import Claim
from ..scenario.conditions import Variable
from .check_model import CheckModel
from .check_report import ClaimCheck
from .simple_values import decode_values, encode_values, order_links
from .value_strategies import variable_values

__all__ = ["search_claim", "simplify"]

#: How many simplest values of each variable the final simplification tries, and its budget.
_SIMPLIFY_SINGLE = 10
_SIMPLIFY_PAIR = (6, 12)
_SIMPLIFY_BUDGET = 2000


def simplify(
    model: CheckModel,
    claim: Claim,
    variables: Sequence[Variable],
    varying: Sequence[Variable],
    values: dict[str, Any],
) -> dict[str, Any]:
    """Make hypothesis's shrunk counterexample simpler still, deterministically.

    A counterexample is a list of indices, one per varying value, into its
    simple values (:func:`gametrust.analysis.simple_values.simple_values`, narrowed
    by orderings such as ``S < P < R < T`` as the values are drawn); simpler
    means a lexicographically smaller list.  Hypothesis shrinks one index at
    a time and can stop where making one value simpler needs a later one to
    move up (``S = 1/2, T = 3`` instead of ``S = 0, T = 4``); this pass also
    tries lowering one index together with any small index of one later
    value, and keeps a change when the claim still fails.
    """
    links = order_links([*model.assumptions.statements, *claim.when])
    current = encode_values(varying, links, values)
    if current is None:
        return values
    budget = [_SIMPLIFY_BUDGET]

    def fails(indices: list[int]) -> bool:
        decoded = decode_values(varying, links, indices)
        if decoded is None:
            return False
        budget[0] -= 1
        return model.evaluate_at(claim, decoded, variables).status == "fails"

    def improve(indices: list[int]) -> list[int] | None:
        for i in range(len(indices)):
            lower = range(min(indices[i], _SIMPLIFY_SINGLE))
            for k in lower:
                if budget[0] <= 0:
                    return None
                candidate = [*indices[:i], k, *indices[i + 1:]]
                if fails(candidate):
                    return candidate
            for j in range(i + 1, len(indices)):
                for k in lower[: _SIMPLIFY_PAIR[0]]:
                    for m in range(_SIMPLIFY_PAIR[1]):
                        if budget[0] <= 0:
                            return None
                        if m == indices[j]:
                            continue
                        candidate = list(indices)
                        candidate[i], candidate[j] = k, m
                        if fails(candidate):
                            return candidate
        return None

    while (better := improve(current)) is not None:
        current = better
    decoded = decode_values(varying, links, current)
    return decoded if decoded is not None else values


@dataclass
class _Tally:
    tried: int = 0
    valid: set[tuple[Any, ...]] = field(default_factory=set)
    first: int = 0


def search_claim(
    model: CheckModel,
    claim: Claim,
    variables: Sequence[Variable],
    varying: Sequence[Variable],
    examples: int,
    seed: int | None,
    database: str | None,
) -> ClaimCheck:
    """Look for values where the claim fails; a counterexample is shrunk, then simplified."""
    strategy = variable_values(varying, [*model.assumptions.statements, *claim.when])
    tally = _Tally()

    def fails(values: dict[str, Any]) -> bool:
        tally.tried += 1
        step(f"check: {claim.name}", tally.tried, examples)
        evaluation = model.evaluate_at(claim, values, variables)
        if evaluation.status == "excluded":
            assume(False)
        tally.valid.add(tuple(values.values()))
        if evaluation.status == "fails" and not tally.first:
            tally.first = len(tally.valid)
        return evaluation.status == "fails"

    db: Any = None
    if database is not None:
        db = DirectoryBasedExampleDatabase(database)
    config = settings(
        max_examples=examples,
        database=db,
        derandomize=False,
        deadline=None,
        verbosity=Verbosity.quiet,
        suppress_health_check=list(HealthCheck),
        phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink),
        print_blob=False,
    )
    key = f"gametrust check {model.scenario.path}: {claim.name}".encode()
    try:
        found = find(
            strategy, fails, settings=config,
            random=None if seed is None else Random(f"{seed}:{claim.name}"),
            database_key=key if db is not None else None,
        )
    except (NoSuchExample, Unsatisfiable):
        if not tally.valid:
            return ClaimCheck(
                claim, "vacuous", "search", tried=tally.tried,
                detail=f"none of {tally.tried} examples drawn satisfied the assumptions and "
                "conditions",
            )
        return ClaimCheck(claim, "survived", "search", examples=len(tally.valid),
                          tried=tally.tried)
    found = simplify(model, claim, variables, varying, found)
    evaluation = model.evaluate_at(claim, found, variables)
    return ClaimCheck(
        claim, "refuted", "search", examples=len(tally.valid), tried=tally.tried,
        counterexample=evaluation, found_after=tally.first,
    )
