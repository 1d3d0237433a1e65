"""``gametrust check``: prove a scenario's claims exactly, or search for counterexamples.

For each claim of a scenario (see :mod:`gametrust.analysis.claims`):

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
:attr:`ClaimCheck.floating`.

**Search** — otherwise, hypothesis draws values within the assumed ranges
(simple rationals first, see :func:`gametrust.strategies.rationals`),
filters them by the assumptions' statements and the claim's conditions, and
looks for a failure; a failure is shrunk to a minimal counterexample.
``survived`` means "no counterexample in N examples", never "proved".

>>> import gametrust
>>> report = check(gametrust.load("scenarios/korea.yaml"), examples=20, seed=1)
>>> [c.status for c in report.results]
['proved', 'proved', 'proved', 'proved', 'survived']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations, pairwise, product
from random import Random
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from ..core.errors import ArgumentError, GametrustError, InputError, Location
from ..scenario.expression import Expression
from .claims import (
    EMPATHY,
    Assumptions,
    Bound,
    CheckModel,
    Claim,
    Comparison,
    Evaluation,
    FamilyIs,
    PathIncludes,
    Prefers,
    TrustThreshold,
    Variable,
    show,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..core.polynomial import Poly, RationalFunction
    from ..scenario.scenario import Scenario

__all__ = ["DEFAULT_EXAMPLES", "CheckReport", "ClaimCheck", "check", "check_claim"]

#: Examples hypothesis tries per searched claim unless told otherwise.
DEFAULT_EXAMPLES = 200
#: Version of the JSON ``gametrust check --format json`` writes.
SCHEMA_VERSION = 1

Status = Literal["proved", "refuted", "survived", "vacuous"]
Method = Literal["point", "sweep", "map", "search"]


@dataclass(frozen=True)
class ClaimCheck:
    """How one claim fared.

    ``status``: ``"proved"`` (exactly, over every value the assumptions and
    conditions allow), ``"refuted"`` (a counterexample: exact for a proof,
    shrunk by hypothesis for a search), ``"survived"`` (no counterexample in
    ``examples`` examples: evidence, not proof) or ``"vacuous"`` (no value
    satisfies the assumptions and the claim's conditions, so nothing was
    checked).  ``method`` is ``"point"`` (nothing varies: one exact
    evaluation), ``"sweep"``, ``"map"`` or ``"search"``.
    """

    claim: Claim
    status: Status
    method: Method
    examples: int = 0  # search: distinct examples that satisfied the assumptions
    tried: int = 0  # search: examples drawn (including those the assumptions exclude)
    checked: int = 0  # proof: points and gaps (cells) checked
    counterexample: Evaluation | None = None
    found_after: int = 0  # search: distinct valid examples until the first failure
    detail: str = ""
    floating: int = 0  # proof: irrational points checked with floating-point games

    @property
    def ok(self) -> bool:
        """The claim survived: proved, or no counterexample found."""
        return self.status in ("proved", "survived")

    def summary(self) -> str:
        """One line: how it was decided."""
        if self.status == "proved":
            text = f"proved: {self.detail}"
            if self.floating:
                text += f" ({self.floating} irrational breakpoint(s) checked in floating point)"
            return text
        if self.status == "survived":
            return (
                f"no counterexample in {self.examples} examples ({self.tried} drawn; not a proof)"
            )
        if self.status == "vacuous":
            return f"nothing to check: {self.detail}"
        if self.method == "search":
            return (
                f"counterexample found by search after {self.found_after} example(s), then "
                "shrunk to the simplest values"
            )
        return f"refuted exactly: {self.detail}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.claim.name,
            "statement": self.claim.text(),
            "status": self.status,
            "method": self.method,
            "examples": self.examples,
            "tried": self.tried,
            "checked": self.checked,
            "detail": self.detail,
            "floating_points": self.floating,
            "counterexample": (
                None if self.counterexample is None else self.counterexample.to_dict()
            ),
        }


@dataclass(frozen=True)
class CheckReport:
    """Every claim of a scenario, checked."""

    title: str
    file: str | None
    seed: int | None  # None: a run with an example database (hypothesis's own randomness)
    examples: int
    results: tuple[ClaimCheck, ...] = field(default_factory=tuple)
    database: str | None = None

    @property
    def ok(self) -> bool:
        """Every claim survived (``gametrust check`` exits 0)."""
        return all(r.ok for r in self.results)

    def text(self) -> str:
        """The report a person reads."""
        where = f"{self.file}: " if self.file else ""
        run = f"seed {self.seed}" if self.seed is not None else f"example database {self.database}"
        lines = [f"{where}{self.title} — {len(self.results)} claim(s), {run}"]
        labels = {"proved": "proved", "survived": "survived", "refuted": "FAILED",
                  "vacuous": "VACUOUS"}
        for r in self.results:
            lines.append(f"  {labels[r.status]:<9} {r.claim.name}")
            statement = r.claim.text()
            if statement != r.claim.name:
                lines.append(f"{'':12}claim: {statement}")
            lines.append(f"{'':12}{r.summary()}")
            if r.counterexample is not None:
                for line in r.counterexample.explain().splitlines()[1:]:
                    lines.append(f"{'':12}{line.strip()}")
        counts = {s: sum(r.status == s for r in self.results) for s in labels}
        parts = []
        if counts["proved"]:
            parts.append(f"{counts['proved']} proved")
        if counts["survived"]:
            parts.append(f"{counts['survived']} survived the search")
        if counts["refuted"]:
            parts.append(f"{counts['refuted']} failed")
        if counts["vacuous"]:
            parts.append(f"{counts['vacuous']} vacuous")
        verdict = "every claim holds" if self.ok else "some claims do not hold"
        again = f" (rerun with --seed {self.seed})" if self.seed is not None else ""
        lines.append(f"{', '.join(parts) or 'no claims'}: {verdict}{again}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "file": self.file,
            "title": self.title,
            "seed": self.seed,
            "database": self.database,
            "examples": self.examples,
            "ok": self.ok,
            "claims": [r.to_dict() for r in self.results],
        }


# -- the entry point ----------------------------------------------------------------------------


def check(
    scenario: Scenario,
    *,
    claims: Sequence[Claim] | None = None,
    assumptions: Assumptions | None = None,
    examples: int = DEFAULT_EXAMPLES,
    seed: int | None = None,
    database: str | None = None,
    prove: bool = True,
) -> CheckReport:
    """Check every claim of a scenario (or the ``claims`` given).

    ``examples`` is hypothesis's ``max_examples`` per searched claim;
    ``seed`` makes the search reproducible (a random one is drawn and
    reported when ``None``); ``database`` is a directory for hypothesis's
    example database, which keeps the counterexamples found and tries them
    first in later runs (none is kept unless given; a run with a database
    uses hypothesis's own randomness, so it takes no seed);
    ``prove=False`` searches even where a proof is possible.
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
    results = tuple(
        check_claim(model, claim, examples=examples, seed=seed, database=database, prove=prove)
        for claim in claims
    )
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
    variables = model.variables(claim)
    if variables is None:
        return ClaimCheck(
            claim, "vacuous", "point",
            detail="the conditions and the assumed ranges leave no values",
        )
    varying = [v for v in variables if v.varies]
    if not varying:
        return _prove_point(model, claim, variables)
    if prove:
        proved = _prove(model, claim, variables, varying)
        if proved is not None:
            return proved
    return _search(model, claim, variables, varying, examples, seed, database)


# -- proofs ----------------------------------------------------------------------------------------


def _prove_point(model: CheckModel, claim: Claim, variables: Sequence[Variable]) -> ClaimCheck:
    evaluation = _evaluate(model, claim, {}, variables)
    where = model.assignment({}, variables).describe()
    if evaluation.status == "excluded":
        return ClaimCheck(claim, "vacuous", "point", checked=1, detail=evaluation.reason)
    if evaluation.status == "holds":
        return ClaimCheck(claim, "proved", "point", checked=1,
                          detail=f"exact, at the one assumed point ({where})")
    return ClaimCheck(claim, "refuted", "point", checked=1, counterexample=evaluation,
                      detail=f"exact, at the one assumed point ({where})")


def _provable(model: CheckModel, claim: Claim) -> bool:
    scenario = model.working
    return (
        scenario.stage_tree is None
        and len(scenario.players) == 2
        and not isinstance(claim.statement, PathIncludes)
    )


def _prove(
    model: CheckModel, claim: Claim, variables: Sequence[Variable], varying: Sequence[Variable]
) -> ClaimCheck | None:
    if not _provable(model, claim):
        return None
    try:
        if len(varying) == 1:
            return _prove_line(model, claim, variables, varying[0])
        if (
            len(varying) == 2
            and all(v.kind == EMPATHY for v in varying)
            and varying[0].name != varying[1].name
        ):
            return _prove_plane(model, claim, variables, varying[0], varying[1])
    except _NoProof:
        return None
    return None


class _NoProof(Exception):
    """The exact machinery does not apply (e.g. a payoff undefined inside the range)."""


@dataclass(frozen=True)
class _Segment:
    """A critical value (``point``) or the open gap between two of them."""

    value: Any  # the point, or a rational sample inside the gap
    point: bool
    lo: Any = None  # gap bounds
    hi: Any = None


def _segments(variable: Variable, critical: Iterable[Any]) -> list[_Segment]:
    from .parametric import between, greater, sorted_unique

    low, high = variable.low, variable.high
    inside = [
        c for c in critical
        if greater(c, low, float(low)) and greater(high, c, float(high))
    ]
    points = [low, *sorted_unique(list(inside)), high]
    out: list[_Segment] = []
    for k, p in enumerate(points):
        skip = (k == 0 and variable.low_open) or (k == len(points) - 1 and variable.high_open)
        if not skip:
            out.append(_Segment(p, True))
        if k + 1 < len(points):
            out.append(_Segment(between(p, points[k + 1]), False, p, points[k + 1]))
    return out


def _simplest(segment: _Segment, variable: Variable) -> Any:
    """The simplest rational of a gap (the point itself for a point)."""
    if segment.point:
        return segment.value
    from ..testing.strategies import simplicity
    from .parametric import greater

    a, b = segment.lo, segment.hi
    fa, fb = float(a), float(b)
    for d in range(1, 1001):
        ks = range(math.floor(fa * d), math.ceil(fb * d) + 1)
        found = [
            Fraction(k, d) for k in ks
            if greater(Fraction(k, d), a, fa) and greater(b, Fraction(k, d), fb)
        ]
        if found:
            return min(found, key=lambda v: simplicity(v, variable.low, variable.high))
    return segment.value


def _key(value: Any, variable: Variable) -> tuple[Any, ...]:
    from ..testing.strategies import simplicity

    if isinstance(value, Fraction):
        return (0, *simplicity(value, variable.low, variable.high))
    return (1, float(value))


def _evaluate(
    model: CheckModel, claim: Claim, values: dict[str, Any], variables: Sequence[Variable]
) -> Evaluation:
    assignment = model.assignment(values, variables)
    try:
        return model.evaluate(claim, assignment)
    except InputError as exc:
        raise type(exc)(f"{exc.message} (at {assignment.describe()})", exc.location) from None


def _prove_line(
    model: CheckModel, claim: Claim, variables: Sequence[Variable], v: Variable
) -> ClaimCheck:
    from .sweep import sweep

    fixed = model.assignment({}, variables)
    parameters = dict(fixed.parameters)
    empathy = dict(fixed.empathy)
    if v.kind == EMPATHY:
        empathy.pop(v.name, None)
        axis = f"empathy:{v.name}"
    else:
        parameters.pop(v.name, None)
        axis = f"param:{v.name}"
    try:
        swept = sweep(model.working, axis, v.low, v.high, parameters=parameters,
                      empathy=empathy or None)
        polys = _critical_polys(model, claim, fixed, v)
    except (GametrustError, ZeroDivisionError):
        raise _NoProof from None
    critical = [bp.value for bp in swept.breakpoints] + _roots(polys, v.low, v.high)
    segments = _segments(v, critical)
    failures: list[tuple[Any, Evaluation]] = []
    checked = floating = included = 0
    for segment in segments:
        x = segment.value
        checked += 1
        floating += not isinstance(x, Fraction)
        evaluation = _evaluate(model, claim, {v.key: x}, variables)
        if evaluation.status == "excluded":
            continue
        included += 1
        if evaluation.status == "fails":
            simplest = _simplest(segment, v)
            if simplest is not x:
                evaluation = _evaluate(model, claim, {v.key: simplest}, variables)
            failures.append((simplest, evaluation))
    n_points = sum(s.point for s in segments)
    detail = (
        f"exact sweep of {v.label} over {v.range_text()}: {n_points} critical value(s) and "
        f"{len(segments) - n_points} interval(s) checked"
    )
    if swept.breakpoints:
        detail += "; equilibria change at " + ", ".join(
            f"{show(bp.value)}" for bp in swept.breakpoints
        )
    if not included:
        return ClaimCheck(claim, "vacuous", "sweep", checked=checked,
                          detail="no value in the range satisfies the assumptions and conditions")
    if failures:
        _, evaluation = min(failures, key=lambda f: _key(f[0], v))
        return ClaimCheck(
            claim, "refuted", "sweep", checked=checked, counterexample=evaluation,
            detail=detail, floating=floating,
        )
    return ClaimCheck(claim, "proved", "sweep", checked=checked, detail=detail, floating=floating)


def _prove_plane(
    model: CheckModel,
    claim: Claim,
    variables: Sequence[Variable],
    vx: Variable,
    vy: Variable,
) -> ClaimCheck:
    from .regions import sweep_map

    fixed = model.assignment({}, variables)
    parameters = dict(fixed.parameters)
    try:
        plane = sweep_map(
            model.working,
            (f"empathy:{vx.name}", f"empathy:{vy.name}"),
            (vx.low, vx.high),
            (vy.low, vy.high),
            parameters=parameters,
        )
        x_polys = _critical_polys(model, claim, fixed, vx, only=vx.name)
        y_polys = _critical_polys(model, claim, fixed, vy, only=vy.name)
    except (GametrustError, ZeroDivisionError):
        raise _NoProof from None
    xs = _segments(vx, [*plane.x_breaks, *_roots(x_polys, vx.low, vx.high)])
    ys = _segments(vy, [*plane.y_breaks, *_roots(y_polys, vy.low, vy.high)])
    failures: list[tuple[tuple[Any, ...], Evaluation]] = []
    checked = floating = included = 0
    for sx, sy in product(xs, ys):
        checked += 1
        floating += not (isinstance(sx.value, Fraction) and isinstance(sy.value, Fraction))
        evaluation = _evaluate(model, claim, {vx.key: sx.value, vy.key: sy.value}, variables)
        if evaluation.status == "excluded":
            continue
        included += 1
        if evaluation.status == "fails":
            x, y = _simplest(sx, vx), _simplest(sy, vy)
            if x is not sx.value or y is not sy.value:
                evaluation = _evaluate(model, claim, {vx.key: x, vy.key: y}, variables)
            failures.append(((_key(x, vx), _key(y, vy)), evaluation))
    detail = (
        f"exact map of {vx.label} over {vx.range_text()} and {vy.label} over "
        f"{vy.range_text()}: {checked} cells, lines and corners checked"
    )
    if not included:
        return ClaimCheck(claim, "vacuous", "map", checked=checked,
                          detail="no value in the ranges satisfies the assumptions and conditions")
    if failures:
        _, evaluation = min(failures, key=lambda f: f[0])
        return ClaimCheck(
            claim, "refuted", "map", checked=checked, counterexample=evaluation,
            detail=detail, floating=floating,
        )
    return ClaimCheck(claim, "proved", "map", checked=checked, detail=detail, floating=floating)


# -- the polynomials whose signs decide a claim ---------------------------------------------------


def _roots(polys: Iterable[Poly], low: Fraction, high: Fraction) -> list[Any]:
    from ..core.polynomial import real_roots

    out: list[Any] = []
    seen: set[Any] = set()
    for poly in polys:
        if poly.is_zero() or poly.degree <= 0 or poly in seen:
            continue
        seen.add(poly)
        out.extend(real_roots(poly, low, high))
    return out


def _parametric(
    model: CheckModel, fixed: Any, v: Variable
) -> tuple[dict[str, RationalFunction], np.ndarray, np.ndarray]:
    """Parameter values, the payoffs as written and the payoffs solved, as functions of ``v``."""
    from ..core.polynomial import RationalFunction
    from ..model.empathy import empathize_tensor

    scenario = model.working
    t = RationalFunction.variable()

    def const(x: object) -> RationalFunction:
        return RationalFunction.constant(Fraction(x))  # type: ignore[arg-type]

    names = {n: const(x) for n, x in fixed.parameters.items()}
    if v.kind != EMPATHY:
        names[v.name] = t
    shape = tuple(len(p.actions) for p in scenario.players)
    base = np.empty((len(shape), *shape), dtype=object)
    for index, vector in zip(
        product(*(range(k) for k in shape)), scenario.payoffs.values(), strict=True
    ):
        for i, expression in enumerate(vector):
            base[(i, *index)] = expression.fold(const, names.__getitem__)
    weights = []
    for pid in scenario.player_ids:
        if v.kind == EMPATHY and pid == v.name:
            weights.append(t)
        elif pid in fixed.empathy:
            weights.append(const(fixed.empathy[pid]))
        else:
            raw = scenario.empathy[pid]
            weights.append(
                raw.fold(const, names.__getitem__) if isinstance(raw, Expression) else const(raw)
            )
    solved = empathize_tensor(base, weights, scenario.empathy_model)
    return names, base, solved


def _parts(f: Any) -> list[Poly]:
    return [f.num, f.den]


def _differences(tensor: np.ndarray, player: int) -> list[Poly]:
    cells = list(tensor[player].ravel())
    out: list[Poly] = []
    for a, b in combinations(cells, 2):
        out += _parts(a - b)
    return out


def _trust_polys(tensor: np.ndarray, statement: TrustThreshold, player: int) -> list[Poly]:
    """Signs deciding ``threshold <= q`` for every cooperative/alternative pair and bound ``q``."""
    u = tensor[player]
    shape = u.shape
    profiles = list(product(range(shape[0]), range(shape[1])))
    bounds = [q for q in (statement.at_most, statement.at_least) if q is not None]
    out: list[Poly] = []

    def pay(own: int, theirs: int) -> Any:
        return u[own, theirs] if player == 0 else u[theirs, own]

    for coop, other in product(profiles, profiles):
        if coop == other:
            continue
        mine, their_coop, their_alt = coop[player], coop[1 - player], other[1 - player]
        for alt in range(shape[player]):
            if alt == mine:
                continue
            d1 = pay(mine, their_coop) - pay(alt, their_coop)
            d0 = pay(mine, their_alt) - pay(alt, their_alt)
            out += _parts(d1 - d0)
            for q in bounds:
                out += _parts(d1 * q + d0 * (1 - q))
    return out


def _critical_polys(
    model: CheckModel, claim: Claim, fixed: Any, v: Variable, only: str | None = None
) -> list[Poly]:
    """Polynomials in the swept value whose roots are the only places the claim may change.

    With ``only`` (a player id) just the ones in that player's payoffs
    (for a map of empathy weights each player's payoffs move with its own).
    """
    from ..core.polynomial import Poly

    names, base, solved = _parametric(model, fixed, v)
    players = model.working.player_ids
    mine = [players.index(only)] if only is not None else list(range(len(players)))
    polys: list[Poly] = []
    conditions = [*model.assumptions.statements, *claim.when]
    for condition in conditions:
        if isinstance(condition, Bound) and condition.key == v.key:
            polys.append(Poly.from_coeffs([-condition.value, 1]))
        elif isinstance(condition, Comparison) and only is None:
            values = [term.fold(_constant, names.__getitem__) for term in condition.terms]
            for a, b in pairwise(values):
                polys += _parts(a - b)
    if only is None and any(isinstance(c, (Prefers, FamilyIs)) for c in conditions):
        for i in range(len(players)):
            polys += _differences(base, i)
    for i in mine:
        polys += _differences(solved, i)
        if isinstance(claim.statement, TrustThreshold):
            polys += _trust_polys(solved, claim.statement, i)
    return polys


def _constant(x: object) -> Any:
    from ..core.polynomial import RationalFunction

    return RationalFunction.constant(Fraction(x))  # type: ignore[arg-type]


#: How many simplest values of each variable the final simplification tries, and its budget.
_SIMPLIFY_SINGLE = 10
_SIMPLIFY_PAIR = (6, 12)
_SIMPLIFY_BUDGET = 2000


def _simplify(
    model: CheckModel,
    claim: Claim,
    variables: Sequence[Variable],
    varying: Sequence[Variable],
    values: dict[str, Any],
) -> dict[str, Any]:
    """Make hypothesis's shrunk counterexample simpler still, deterministically.

    A counterexample is a list of indices, one per varying value, into its
    simple values (:func:`gametrust.strategies.simple_values`, narrowed by
    orderings such as ``S < P < R < T`` as the values are drawn); simpler
    means a lexicographically smaller list.  Hypothesis shrinks one index at
    a time and can stop where making one value simpler needs a later one to
    move up (``S = 1/2, T = 3`` instead of ``S = 0, T = 4``); this pass also
    tries lowering one index together with any small index of one later
    value, and keeps a change when the claim still fails.
    """
    from ..testing.strategies import decode_values, encode_values, order_links

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
        return _evaluate(model, claim, decoded, variables).status == "fails"

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


# -- search -------------------------------------------------------------------------------------


@dataclass
class _Tally:
    tried: int = 0
    valid: set[tuple[Any, ...]] = field(default_factory=set)
    first: int = 0


def _search(
    model: CheckModel,
    claim: Claim,
    variables: Sequence[Variable],
    varying: Sequence[Variable],
    examples: int,
    seed: int | None,
    database: str | None,
) -> ClaimCheck:
    from hypothesis import HealthCheck, Phase, Verbosity, assume, find, settings
    from hypothesis.errors import NoSuchExample, Unsatisfiable

    from ..testing.strategies import variable_values

    strategy = variable_values(varying, [*model.assumptions.statements, *claim.when])
    tally = _Tally()

    def fails(values: dict[str, Any]) -> bool:
        tally.tried += 1
        evaluation = _evaluate(model, claim, values, variables)
        if evaluation.status == "excluded":
            assume(False)
        tally.valid.add(tuple(values.values()))
        if evaluation.status == "fails" and not tally.first:
            tally.first = len(tally.valid)
        return evaluation.status == "fails"

    db: Any = None
    if database is not None:
        from hypothesis.database import DirectoryBasedExampleDatabase

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
    found = _simplify(model, claim, variables, varying, found)
    evaluation = _evaluate(model, claim, found, variables)
    return ClaimCheck(
        claim, "refuted", "search", examples=len(tally.valid), tried=tally.tried,
        counterexample=evaluation, found_after=tally.first,
    )
