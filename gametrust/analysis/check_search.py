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

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from random import Random
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, assume, find, settings
from hypothesis.database import DirectoryBasedExampleDatabase
from hypothesis.errors import NoSuchExample, Unsatisfiable

from ..core.progress import step
from ..scenario.claims import Claim
from ..scenario.conditions import PARAMETER, Variable
from .check_model import CheckModel
from .check_report import ClaimCheck
from .simple_values import decode_values, encode_values, narrowed_by_order, order_links
from .value_strategies import DENSE_STEPS, variable_values

__all__ = ["search_claim", "simplify", "spread_values"]

#: How many simplest values of each variable the final simplification tries, and its budget.
_SIMPLIFY_SINGLE = 10
_SIMPLIFY_PAIR = (6, 12)
_SIMPLIFY_BUDGET = 2000
#: The largest denominator a dense counterexample is simplified to.
_SIMPLIFY_DENOMINATOR = 1000


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
    budget = [_SIMPLIFY_BUDGET]
    values = _toward_small_denominators(model, claim, variables, varying, links, values, budget)
    current = encode_values(varying, links, values)
    if current is None:
        return values

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


def _toward_small_denominators(
    model: CheckModel,
    claim: Claim,
    variables: Sequence[Variable],
    varying: Sequence[Variable],
    links: Sequence[tuple[str, str, str]],
    values: dict[str, Any],
    budget: list[int],
) -> dict[str, Any]:
    """Each value not among the simple ones (a dense or boundary-hugging draw) moved, one at a
    time, to the multiple of ``1/d`` next to it with the least ``d`` (up to
    :data:`_SIMPLIFY_DENOMINATOR`) where the claim still fails: ``0.3101`` in a failing
    interval (0.30, 0.32) becomes ``4/13``."""
    current = dict(values)
    drawn: dict[str, Fraction] = {}
    for v in varying:
        x = current[v.key]
        narrowed = narrowed_by_order(v, links, drawn)
        if narrowed is not None and isinstance(x, Fraction) and x.denominator > 12:
            for candidate in _near_by_denominator(x, narrowed):
                if budget[0] <= 0:
                    break
                budget[0] -= 1
                trial = {**current, v.key: candidate}
                if model.evaluate_at(claim, trial, variables).status == "fails":
                    current = trial
                    break
        if v.kind == PARAMETER:
            drawn[v.name] = current[v.key]
    return current


def _near_by_denominator(x: Fraction, v: Variable) -> Any:
    """The multiples of ``1/d`` just below and above ``x`` inside ``v``'s range, ``d = 1, 2, ...``
    (each once), simplest first."""
    seen: set[Fraction] = set()
    for d in range(1, _SIMPLIFY_DENOMINATOR + 1):
        if d >= x.denominator:
            return
        k = math.floor(x * d)
        for candidate in (Fraction(k, d), Fraction(k + 1, d)):
            if candidate not in seen and v.contains(candidate):
                seen.add(candidate)
                yield candidate


def spread_values(
    variables: Sequence[Variable], links: Sequence[tuple[str, str, str]], count: int,
    seed: int | None,
) -> Iterator[dict[str, Fraction]]:
    """``count`` choices of values spread evenly over the ranges, deterministically.

    The points of the additive recurrence with the generalised golden ratio
    (Roberts' R_d sequence), shifted by an offset drawn from ``seed``: in
    one dimension ``n`` points leave no gap wider than about ``2.6/n`` of the
    range, so a claim failing on a narrow interval is found however the
    random search fell.  Each value is a multiple of its range's width over
    :data:`~gametrust.analysis.value_strategies.DENSE_STEPS`, in its range
    narrowed by the orderings with the values before it.
    """
    d = len(variables)
    phi = 2.0
    for _ in range(60):  # the root of x^(d+1) = x + 1
        phi = (1 + phi) ** (1 / (d + 1))
    alphas = [(1 / phi) ** (k + 1) for k in range(d)]
    rng = Random(f"{seed}:spread")
    offsets = [rng.random() for _ in range(d)]
    for n in range(1, count + 1):
        drawn: dict[str, Fraction] = {}
        out: dict[str, Fraction] = {}
        for v, alpha, offset in zip(variables, alphas, offsets, strict=True):
            current = narrowed_by_order(v, links, drawn)
            if current is None:
                break
            u = (offset + n * alpha) % 1.0
            step = Fraction(round(u * DENSE_STEPS), DENSE_STEPS)
            value = current.low + (current.high - current.low) * step
            if not current.contains(value):  # an open end: one step inside
                width = current.high - current.low
                value += width / DENSE_STEPS if value == current.low else -width / DENSE_STEPS
            out[v.key] = value
            if v.kind == PARAMETER:
                drawn[v.name] = value
        else:
            yield out


@dataclass
class _Tally:
    tried: int = 0
    valid: set[tuple[Any, ...]] = field(default_factory=set)
    first: int = 0
    spread: int = 0  # values tried by the even spread after hypothesis


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
        # hypothesis tries more than ``examples`` while it shrinks a counterexample
        step(f"check: {claim.name}", min(tally.tried, examples), examples)
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
        with _without_local_constants():
            found = find(
                strategy, fails, settings=config,
                random=None if seed is None else Random(f"{seed}:{claim.name}"),
                database_key=key if db is not None else None,
            )
    except (NoSuchExample, Unsatisfiable):
        found = _spread_search(model, claim, variables, varying, examples, seed, tally)
        if found is None:
            if not tally.valid:
                return ClaimCheck(
                    claim, "vacuous", "search", tried=tally.tried,
                    detail=f"none of {tally.tried} examples drawn satisfied the assumptions "
                    "and conditions",
                )
            return ClaimCheck(claim, "survived", "search", examples=len(tally.valid),
                              tried=tally.tried, detail=_searched(tally))
    found = simplify(model, claim, variables, varying, found)
    evaluation = model.evaluate_at(claim, found, variables)
    return ClaimCheck(
        claim, "refuted", "search", examples=len(tally.valid), tried=tally.tried,
        counterexample=evaluation, found_after=tally.first,
        detail=_searched(tally) if tally.spread else "",
    )


@contextmanager
def _without_local_constants() -> Iterator[None]:
    """hypothesis (6.131 on) mixes into its draws the literal constants of every "local"
    module loaded so far, so the same ``--seed`` drew different values depending on which
    modules happened to be imported (an editable install, a test run) and on none when
    gametrust is installed.  A check is a function of the scenario and the seed: those
    constants are switched off while it searches (a private hook of hypothesis: if it moves,
    nothing is switched and the search is still valid, only less reproducible)."""
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:  # pragma: no cover - hypothesis without that module
        yield
        return
    original = getattr(providers, "_get_local_constants", None)
    cache = getattr(providers, "CONSTANTS_CACHE", None)
    constants = getattr(providers, "Constants", None)
    if original is None or cache is None or constants is None:  # pragma: no cover
        yield
        return
    empty = constants()
    providers._get_local_constants = lambda: empty
    cache.cache.clear()
    try:
        yield
    finally:
        providers._get_local_constants = original
        cache.cache.clear()


def _spread_search(
    model: CheckModel,
    claim: Claim,
    variables: Sequence[Variable],
    varying: Sequence[Variable],
    examples: int,
    seed: int | None,
    tally: _Tally,
) -> dict[str, Any] | None:
    """After hypothesis found nothing: ``examples`` values spread evenly over the ranges
    (:func:`spread_values`); the first where the claim fails, or ``None``."""
    links = order_links([*model.assumptions.statements, *claim.when])
    for values in spread_values(varying, links, examples, seed):
        tally.tried += 1
        tally.spread += 1
        evaluation = model.evaluate_at(claim, values, variables)
        if evaluation.status == "excluded":
            continue
        tally.valid.add(tuple(values.values()))
        if evaluation.status == "fails":
            tally.first = len(tally.valid)
            return values
    return None


def _searched(tally: _Tally) -> str:
    """How the examples were drawn."""
    drawn = tally.tried - tally.spread
    if not tally.spread:
        return f"{drawn} drawn by hypothesis"
    return f"{drawn} drawn by hypothesis, then {tally.spread} spread evenly over the ranges"
