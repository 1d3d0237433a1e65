"""``gametrust check``: prove a scenario's claims exactly, or search for counterexamples.

For each claim of a scenario (see :mod:`gametrust.scenario.claims`):

**Proof** — when at most two values vary (after the claim's conditions
narrow the assumed ranges) and they enter the payoffs rationally: one
parameter, one payoff entry or one empathy weight; or the two players'
empathy weights.  The exact sweep (:func:`gametrust.sweep`,
:func:`gametrust.sweep_map`) splits the range at the breakpoints where the
equilibria can change; the check adds the roots of every condition
(``cost < relief``, ``empathy >= 1/4``), of every payoff difference that
decides a family or a preference, and of the inequalities that decide a
trust threshold.  Between consecutive critical values nothing the claim
depends on changes, so checking the claim at every critical value (exactly)
and at one rational point inside every gap decides it on the whole range:
``proved``, or ``refuted`` with an exact counterexample (the simplest
rational in a failing gap, or the breakpoint itself).  Irrational
breakpoints are checked with floating-point games and counted in
:attr:`ClaimCheck.floating`.  See :mod:`gametrust.analysis.check_proof`.

**Search** — otherwise, hypothesis draws values within the assumed ranges
(simple rationals first, see :func:`gametrust.strategies.rationals`),
filters them by the assumptions' statements and the claim's conditions, and
looks for a failure; a failure is shrunk to a minimal counterexample.
``survived`` means "no counterexample in N examples", never "proved".  See
:mod:`gametrust.analysis.check_search` (imported only when a search runs:
it imports hypothesis).

The result is a :class:`CheckReport` of one :class:`ClaimCheck` per claim
(:mod:`gametrust.analysis.check_report`).

>>> import gametrust
>>> report = check(gametrust.load("scenarios/korea.yaml"), examples=20, seed=1)
>>> [c.status for c in report.results]
['proved', 'proved', 'proved', 'proved', 'survived']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from concurrent.futures import Executor
from functools import partial
from random import Random
from typing import TYPE_CHECKING

from ..core.errors import ArgumentError, Location
from ..scenario.claims import SEARCHED_STATEMENTS, Assumptions, Claim
from .check_model import CheckModel
from .check_proof import prove_at_point, prove_claim
from .check_report import CheckReport, ClaimCheck
from .parallel import map_ordered

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario.scenario import Scenario

__all__ = [
    "DEFAULT_EXAMPLES", "NO_PROOF_YET", "CheckReport", "ClaimCheck", "check", "check_claim",
]

#: Examples hypothesis tries per searched claim unless told otherwise.
DEFAULT_EXAMPLES = 200

#: What a searched claim about types or signals says about its proof.
NO_PROOF_YET = "an exact proof of a {what} claim needs a sweep through the types, not available yet"


def check(
    scenario: Scenario,
    *,
    claims: Sequence[Claim] | None = None,
    assumptions: Assumptions | None = None,
    examples: int = DEFAULT_EXAMPLES,
    seed: int | None = None,
    database: str | None = None,
    prove: bool = True,
    executor: Executor | None = None,
) -> CheckReport:
    """Check every claim of a scenario (or the ``claims`` given).

    ``examples`` is hypothesis's ``max_examples`` per searched claim;
    ``seed`` makes the search reproducible (a random one is drawn and
    reported when ``None``); ``database`` is a directory for hypothesis's
    example database, which keeps the counterexamples found and tries them
    first in later runs (none is kept unless given; a run with a database
    uses hypothesis's own randomness, so it takes no seed);
    ``prove=False`` searches even where a proof is possible.  With ``executor``
    (any :class:`concurrent.futures.Executor`) the claims are checked in
    parallel; each claim's search is seeded by the seed and its name, so the
    report is the serial one.
    """
    if examples < 1:
        raise ArgumentError("examples must be at least 1", Location(path=("--examples",)))
    if seed is not None and database is not None:
        raise ArgumentError(
            "give a seed or an example database, not both: hypothesis does not use its "
            "database in a seeded run",
            Location(path=("--database",)),
        )
    if claims is None:
        claims = tuple(getattr(scenario, "claims", ()) or ())
    if seed is None and database is None:
        seed = Random().randrange(2**32)
    model = CheckModel.of(scenario, assumptions)
    results = tuple(map_ordered(
        partial(check_claim, model, examples=examples, seed=seed, database=database,
                prove=prove),
        claims, executor, chunk_size=1, task="check: claims",
    ))
    return CheckReport(scenario.title, scenario.path, seed, examples, results, database)


def check_claim(
    model: CheckModel,
    claim: Claim,
    *,
    examples: int = DEFAULT_EXAMPLES,
    seed: int | None = 0,
    database: str | None = None,
    prove: bool = True,
) -> ClaimCheck:
    """Prove one claim where possible, else search for a counterexample."""
    if claim.statement.key == "repeated":
        from .repeated_check import check_repeated_claim

        return check_repeated_claim(model, claim)
    variables = model.variables(claim)
    if variables is None:
        return ClaimCheck(
            claim, "vacuous", "point",
            detail="the conditions and the assumed ranges leave no values",
        )
    varying = [v for v in variables if v.varies]
    if not varying:
        return prove_at_point(model, claim, variables)
    if prove:
        proved = prove_claim(model, claim, variables, varying)
        if proved is not None:
            return proved
    from .check_search import search_claim  # imports hypothesis

    found = search_claim(model, claim, variables, varying, examples, seed, database)
    if found.status == "survived" and isinstance(claim.statement, SEARCHED_STATEMENTS):
        note = NO_PROOF_YET.format(what=claim.statement.key)
        found = dataclasses.replace(found, detail="; ".join(x for x in (found.detail, note) if x))
    return found

