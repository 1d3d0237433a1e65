"""The parametric game: the kernel every exact sweep shares.

A sweep follows a game whose payoffs are rational functions of one value
``t`` (an empathy weight, a parameter, a prior).  This module holds what every
sweep engine (normal form, 2-D maps, trees, priors, claims) needs to find
where anything can change: the swept :class:`Axis` and its range, the
parametric payoff tensor (:func:`parametric_tensor`, built from
:func:`parametric_values` and :func:`parametric_weights`), each player's
payoffs with denominators cleared (:func:`cleared_polys`), the polynomials
whose real roots are the candidate breakpoints (:func:`player_polys`,
:func:`risk_polys`) and those roots (:func:`roots_of`: certified, exact rationals or
:class:`~gametrust.core.algebraic.RealAlgebraic` numbers); and the exact
numbers along the axis: comparison (:func:`compare`, :func:`greater`,
:func:`sorted_unique` — never by floats), the sign of a polynomial at a
breakpoint (:func:`sign_on`, :func:`vanishes_at`: a sweep can tell exactly
whether anything its solution relied on changes at an irrational point), a
rational point between two breakpoints (:func:`between`), display
(:func:`show_value`, :func:`interval_label`) and the order of segments
(:func:`interleave`).  The sympy conversion (:func:`sympy_number`,
:func:`to_sympy`) is re-exported for the formulas of every sweep.

What a sweep does at the points it picks — solve the game, compare
signatures, derive each equilibrium's formulas — is in
:mod:`gametrust.analysis.pieces`.

>>> from gametrust import NormalFormGame
>>> pd = NormalFormGame.from_arrays([[4, 0], [5, 2]], [[4, 5], [0, 2]])
>>> _, _, tensor = parametric_tensor(pd, Axis.parse("empathy"), None, None)
>>> polys = cleared_polys(tensor, "e", Fraction(0), Fraction(1))
>>> roots = roots_of(player_polys(polys, 0, Fraction(0), Fraction(1)), Fraction(0), Fraction(1))
>>> [show_value(r) for r in roots]
['1/4', '2/3']
>>> between(roots[0], roots[1]), interval_label("e", roots[0], roots[1], True, False)
(Fraction(11, 24), 'e in [1/4, 2/3)')
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cmp_to_key
from itertools import combinations, product
from math import comb, lcm
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.algebraic import simplest_between
from ..core.errors import ArgumentError, Location, did_you_mean
from ..core.exact import as_number, format_number
from ..core.limits import ArgumentLimitError, check, shape_name
from ..core.polynomial import (
    Poly,
    RationalFunction,
    RealAlgebraic,
    approx,
    compare,
    real_roots,
    sign_on,
    sympy_number,
    to_sympy,
    vanishes_at,
)
from ..core.real_roots import isolate
from ..model.empathy import PAIR_WEIGHTS, empathize_tensor, per_player, swept_names, weight_names
from ..model.game import NormalFormGame
from .basis_polys import BasisPolys

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario.scenario import Scenario

__all__ = [
    "Axis",
    "between",
    "beyond_floats",
    "check_player",
    "check_sweep_work",
    "cleared_polys",
    "compare",
    "constant_function",
    "declared_weights",
    "exact_weight",
    "greater",
    "integer_matrix",
    "interleave",
    "interval_label",
    "parametric_tensor",
    "parametric_values",
    "parametric_weights",
    "player_polys",
    "polytope_basis_polys",
    "polytope_polys",
    "risk_comparisons",
    "risk_polys",
    "roots_of",
    "shift_positive",
    "show_value",
    "sign_on",
    "sorted_unique",
    "sweep_range",
    "sympy_number",
    "to_sympy",
    "vanishes_at",
]


# -- the swept quantity ----------------------------------------------------------------------

#: The names of the weights of the two-weight empathy models (``alpha``, ``beta``, ...).
PAIR_KEYS = frozenset(k for keys in PAIR_WEIGHTS.values() for k in keys)


@dataclass(frozen=True)
class Axis:
    """What is swept: every player's empathy, one player's empathy, or a parameter."""

    kind: str  # "empathy" or "param"
    name: str = ""  # player id (empathy of one player), parameter name, or "" (all players)

    @property
    def symbol(self) -> str:
        """The name the swept value has in formulas: ``e``, ``e_US`` or the parameter;
        for a two-weight empathy model ``beta_Row`` (``Row.beta``) or ``beta`` (every
        player's)."""
        if self.kind == "param":
            return self.name
        if self.name in PAIR_KEYS:
            return self.name
        player, dot, key = self.name.rpartition(".")
        if dot and key in PAIR_KEYS:
            return f"{key}_{player}"
        return f"e_{self.name}" if self.name else "e"

    def weight_text(self, players: Sequence[str]) -> str:
        """``empathy weight of US``, ``empathy weight beta of Row`` or ``empathy weight
        of every player (US, DPRK)`` (an empathy axis)."""
        every = f"every player ({', '.join(players)})"
        if self.name in PAIR_KEYS:
            return f"empathy weight {self.name} of {every}"
        player, dot, key = self.name.rpartition(".")
        if dot and key in PAIR_KEYS:
            return f"empathy weight {key} of {player}"
        return f"empathy weight of {self.name or every}"

    def __str__(self) -> str:
        if self.kind == "param":
            return f"parameter {self.name}"
        if self.name in PAIR_KEYS:
            return f"empathy weight {self.name} of every player"
        player, dot, key = self.name.rpartition(".")
        if dot and key in PAIR_KEYS:
            return f"empathy weight {key} of {player}"
        return f"empathy of {self.name}" if self.name else "empathy (all players)"

    @classmethod
    def parse(cls, text: str) -> Axis:
        """``"empathy"``, ``"empathy:US"`` or ``"param:relief"`` (also just ``"relief"``)."""
        if text == "empathy":
            return cls("empathy")
        kind, sep, name = text.partition(":")
        if sep and kind == "empathy":
            return cls("empathy", name)
        if sep and kind == "param":
            return cls("param", name)
        if not sep:
            return cls("param", text)
        raise ArgumentError(
            f"cannot read sweep axis {text!r}: use 'empathy', 'empathy:PLAYER' or 'param:NAME'",
            Location(path=("axis",)),
        )


def sweep_range(
    source: Scenario | NormalFormGame, axis: Axis, lo: object, hi: object
) -> tuple[Fraction, Fraction]:
    """The exact range ``[lo, hi]``: as given, else the parameter's declared range, else [0, 1]."""
    default: tuple[Any, Any] = (0, 1)
    if axis.kind == "param" and not isinstance(source, NormalFormGame):
        if axis.name not in source.parameters:
            raise ArgumentError(
                f"no parameter {axis.name!r}{did_you_mean(axis.name, source.parameters)}",
                Location(path=("--param",)),
            )
        declared = source.parameters[axis.name].range
        if declared is None and (lo is None or hi is None):
            raise ArgumentError(
                f"parameter {axis.name!r} declares no range: give --from and --to",
                Location(path=("--from",)),
            )
        default = declared if declared is not None else (0, 1)
    try:
        low = Fraction(default[0] if lo is None else lo)  # type: ignore[arg-type]
        high = Fraction(default[1] if hi is None else hi)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise ArgumentError(f"bad sweep range: {exc}", Location(path=("--from",))) from None
    if not low < high:
        raise ArgumentError(
            f"the sweep range must have from < to, got [{low}, {high}]",
            Location(path=("--from",)),
        )
    return low, high


# -- building the parametric game --------------------------------------------------------------


def constant_function(value: object) -> RationalFunction:
    """An exact number as a constant rational function of the swept value."""
    return RationalFunction.constant(Fraction(value))  # type: ignore[arg-type]


def parametric_values(
    scenario: Scenario, axis: Axis, parameters: Mapping[str, object] | None
) -> dict[str, RationalFunction]:
    """Every parameter's value as a rational function of ``t``: the swept one is ``t``."""
    values: dict[str, RationalFunction] = {
        k: constant_function(v) for k, v in scenario.parameter_values(parameters).items()
    }
    if axis.kind == "param":
        if axis.name not in values:
            raise ArgumentError(
                f"no parameter {axis.name!r}{did_you_mean(axis.name, values)}",
                Location(path=("--param",)),
            )
        values[axis.name] = RationalFunction.variable()
    return values


def parametric_weights(
    players: Sequence[str],
    declared: Mapping[str, RationalFunction],
    axis: Axis,
    empathy: Mapping[str, object] | None,
    model: str = "altruism",
) -> list[Any]:
    """Each player's empathy weight (or pair of weights) as rational functions of ``t``,
    in player order.

    ``declared`` are the weights by name before the sweep (the scenario's, or
    0); ``empathy`` fixes some of them (``--fix-empathy``); an empathy axis
    makes the weights it names ``t`` (:func:`~gametrust.model.empathy.swept_names`).
    """
    weights = dict(declared)
    names = weight_names(model, players)
    for pid, raw in (empathy or {}).items():
        check_player(pid, names, "--empathy")
        weights[pid] = constant_function(exact_weight(raw, pid))
    if axis.kind == "empathy":
        t = RationalFunction.variable()
        for name in swept_names(model, players, axis.name, "axis"):
            weights[name] = t
    zero = constant_function(0)
    return per_player(model, players, weights, zero)


def declared_weights(
    scenario: Scenario, values: Mapping[str, RationalFunction]
) -> dict[str, RationalFunction]:
    """The scenario's empathy weights by name (numbers or expressions of the parameters)
    in ``t``."""
    weights = {}
    for name in weight_names(scenario.empathy_model, scenario.player_ids):
        raw = scenario.empathy.get(name, 0)
        if hasattr(raw, "fold"):
            weights[name] = raw.fold(constant_function, values.__getitem__)
        else:
            weights[name] = constant_function(raw)
    return weights


def parametric_tensor(
    source: Scenario | NormalFormGame,
    axis: Axis,
    parameters: Mapping[str, object] | None,
    empathy: Mapping[str, object] | None,
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], np.ndarray]:
    """The empathy-adjusted payoff tensor as rational functions of the swept value."""
    if isinstance(source, NormalFormGame):
        if axis.kind == "param":
            raise ArgumentError(
                "a game given as arrays has no parameters to sweep; sweep 'empathy' or "
                "'empathy:PLAYER', or load a scenario",
                Location(path=("axis",)),
            )
        players, actions = source.players, source.actions
        base = np.vectorize(constant_function, otypes=[object])(source.payoffs)
        model = "altruism"
        declared = {p: constant_function(0) for p in players}
    else:
        players, actions = source.player_ids, source.actions
        values = parametric_values(source, axis, parameters)
        shape = tuple(len(a) for a in actions)
        base = np.empty((len(players), *shape), dtype=object)
        for index, vector in zip(
            product(*(range(k) for k in shape)), source.payoffs.values(), strict=True
        ):
            for i, expression in enumerate(vector):
                base[(i, *index)] = expression.fold(constant_function, values.__getitem__)
        declared = declared_weights(source, values)
        model = source.empathy_model
    weights = parametric_weights(players, declared, axis, empathy, model)
    tensor = empathize_tensor(base, weights, model)
    return tuple(players), tuple(tuple(a) for a in actions), tensor


def exact_weight(raw: object, pid: str) -> Fraction:
    """A fixed empathy weight as an exact number (an error located at ``--empathy PLAYER``)."""
    try:
        return Fraction(as_number(raw, exact=True))
    except (TypeError, ValueError) as exc:
        raise ArgumentError(str(exc), Location(path=("--empathy", pid))) from None


def check_player(name: str, players: Sequence[str], option: str) -> None:
    """An :class:`ArgumentError` located at ``option`` unless ``name`` is a player."""
    if name not in players:
        raise ArgumentError(
            f"no player {name!r}{did_you_mean(name, players)}; players are {', '.join(players)}",
            Location(path=(option,)),
        )


def cleared_polys(payoffs: np.ndarray, symbol: str, lo: Fraction, hi: Fraction) -> np.ndarray:
    """Each player's payoffs times one common positive polynomial: polynomials in t."""
    out = np.empty(payoffs.shape, dtype=object)
    for i in range(payoffs.shape[0]):
        pairs = [(rf.num, rf.den) for rf in payoffs[i].ravel()]
        common = Poly.constant(1)
        seen: list[Poly] = []
        for _, den in pairs:
            prim = den.primitive()
            if prim.degree > 0 and prim not in seen:
                seen.append(prim)
                common = common * prim
        for root in real_roots(common, lo, hi, open_interval=False):
            raise ArgumentError(
                f"the payoffs are undefined at {symbol} = {show_value(root)}"
                " inside the swept range",
                Location(path=("axis",)),
            )
        if common((lo + hi) / 2) < 0:
            common = -common
        out[i].ravel()[:] = [(num * common).exact_div(den) for num, den in pairs]
    return out


# -- candidate breakpoints ---------------------------------------------------------------------


def shift_positive(matrix: np.ndarray, lo: Fraction, hi: Fraction) -> np.ndarray:
    """The polynomial matrix plus one constant that makes every entry positive on [lo, hi]."""
    radius = max(abs(lo), abs(hi), Fraction(1))
    bound = Fraction(0)
    for p in matrix.ravel():
        bound = max(bound, sum((abs(c) * radius**k for k, c in enumerate(p.coeffs)), Fraction(0)))
    shift = Poly.constant(bound + 1)
    return np.vectorize(lambda p: p + shift, otypes=[object])(matrix)


def integer_matrix(matrix: np.ndarray) -> list[list[tuple[int, ...]]]:
    """A matrix of :class:`Poly` times one positive integer: integer coefficient lists."""
    scale = 1
    for p in matrix.ravel():
        for c in p.coeffs:
            scale = lcm(scale, c.denominator)
    return [[tuple(int(c * scale) for c in p.coeffs) for p in row] for row in matrix]


def polytope_basis_polys(c: np.ndarray) -> BasisPolys:
    """Every basis of {z>=0 : c z <= 1} with its polynomials (integer, python-flint)."""
    return BasisPolys.of(integer_matrix(c))


def polytope_polys(c: np.ndarray, out: set[Poly]) -> None:
    """Determinants, Cramer numerators and slacks of every basis of {z>=0 : c z <= 1}."""
    out.update(_as_poly(key) for key in polytope_basis_polys(c).keys)


def _as_poly(key: tuple[int, ...]) -> Poly:
    return Poly(tuple(Fraction(v) for v in key))


def check_sweep_work(shape: Sequence[int]) -> None:
    """Raise the ``sweep_work`` limit's error when an exact sweep of a game of this shape
    needs too many polynomials (every pair of a player's payoffs; for two players, every
    basis of a best-response polytope): checked before any of the work starts."""
    profiles = math.prod(shape)
    work = profiles * (profiles - 1) // 2 + (comb(sum(shape), shape[0]) if len(shape) == 2 else 0)
    check("sweep_work", work, f"an exact sweep of {shape_name(tuple(shape))}",
          Location(path=("axis",)), verb="needs", error=ArgumentLimitError)


def player_polys(polys: np.ndarray, player: int, lo: Fraction, hi: Fraction) -> set[Poly]:
    """Polynomials in one player's payoffs whose roots may change the equilibria or family.

    Every difference of the player's payoffs (its preference order: the family,
    pure best responses, payoff dominance) and, for two players, the
    determinants, Cramer numerators and slacks of the best-response polytope
    its payoffs define (``Q`` from the row player's, ``P`` from the column
    player's).
    """
    out: set[Poly] = set()
    flat = polys[player].ravel()
    check_sweep_work(polys.shape[1:])
    for a, b in combinations(range(len(flat)), 2):
        diff = flat[a] - flat[b]
        if not diff.is_zero():
            out.add(diff.primitive())
    if polys.shape[0] == 2:
        shifted = shift_positive(polys[player], lo, hi)
        polytope_polys(shifted if player == 0 else shifted.T, out)
    return out


def risk_comparisons(
    polys: np.ndarray,
) -> list[tuple[tuple[tuple[int, int], tuple[int, int]], Poly]]:
    """For every two pure profiles differing in both actions, the (nonzero, primitive)
    difference of their Nash products of deviation losses (risk dominance switches)."""
    out = []
    m, k = polys.shape[1:]
    u = polys
    for (a1, b1), (a2, b2) in combinations(list(product(range(m), range(k))), 2):
        if a1 == a2 or b1 == b2:
            continue
        loss1 = (u[0, a1, b1] - u[0, a2, b1]) * (u[1, a1, b1] - u[1, a1, b2])
        loss2 = (u[0, a2, b2] - u[0, a1, b2]) * (u[1, a2, b2] - u[1, a2, b1])
        diff = loss1 - loss2
        if not diff.is_zero():
            out.append((((a1, b1), (a2, b2)), diff.primitive()))
    return out


def risk_polys(polys: np.ndarray) -> set[Poly]:
    """Differences of Nash products of deviation losses (risk dominance switches)."""
    return {diff for _, diff in risk_comparisons(polys)}


def roots_of(polys: set[Poly], lo: Fraction, hi: Fraction) -> list[Any]:
    """Every real root in ``(lo, hi)`` of the polynomials, sorted, without repeats."""
    roots: list[Any] = []
    for poly in polys:
        roots.extend(real_roots(poly, lo, hi))
    return sorted_unique(roots)


def beyond_floats(t: Any) -> ArgumentError:
    """The error for an irrational point whose game is beyond the range of a float (such a
    point is solved in floats, with the documented tolerance)."""
    return ArgumentError(
        f"at the breakpoint {show_value(t)} some payoff or probability is beyond the range "
        "of a float, and a game is solved in floats at an irrational breakpoint; sweep a "
        "narrower range or rescale the payoffs",
        Location(path=("axis",)),
    )


def sorted_unique(roots: list[Any]) -> list[Any]:
    """Sorted, without repeats, exactly (rationals and algebraic numbers are compared exactly)."""
    ordered = sorted(roots, key=cmp_to_key(compare))
    out: list[Any] = []
    for r in ordered:
        if out and compare(out[-1], r) == 0:
            continue
        out.append(r)
    return out


# -- exact numbers along the axis --------------------------------------------------------------


def greater(a: Any, b: Any, b_approx: float | None = None) -> bool:
    """a > b exactly, for Fractions and real algebraic numbers (``b_approx`` is unused: it
    stays for old callers; an exact comparison needs no float)."""
    return compare(a, b) > 0


def between(a: Any, b: Any) -> Fraction:
    """A simple rational strictly between two (possibly algebraic) numbers ``a < b``.

    The midpoint of two rationals; otherwise (from the first isolating intervals of
    the algebraic numbers, so the answer does not depend on earlier comparisons) the
    simplest rational, among
    those with denominators 2, 4, 10, 100, ... near the midpoint, that lies
    strictly between them (decided exactly), else the simplest rational in
    between.

    >>> root2 = roots_of({Poly.from_coeffs([-2, 0, 1])}, Fraction(0), Fraction(2))[0]
    >>> between(Fraction(1), root2), between(root2, Fraction(3, 2))
    (Fraction(5, 4), Fraction(13, 9))
    """
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return (a + b) / 2
    a, b = _fresh(a), _fresh(b)  # the answer must not depend on earlier refinements
    lo_a, hi_a = _bracket(a)
    lo_b, hi_b = _bracket(b)
    while hi_a >= lo_b:  # refine until the brackets are disjoint (a < b, so they will be)
        if isinstance(a, RealAlgebraic) and hi_a - lo_a >= hi_b - lo_b:
            a.bisect()
        elif isinstance(b, RealAlgebraic):
            b.bisect()
        else:
            a.bisect()
        lo_a, hi_a = _bracket(a)
        lo_b, hi_b = _bracket(b)
    mid = (hi_a + lo_b) / 2
    for denominator in (2, 4, 10, 100, 1000, 10**6, 10**9, 10**12):
        candidate = mid.limit_denominator(denominator)
        if compare(candidate, a) > 0 and compare(b, candidate) > 0:
            return candidate
    return simplest_between(hi_a, lo_b)


def _fresh(value: Any) -> Any:
    """An algebraic number with its first isolating interval (a copy), else the value."""
    if isinstance(value, RealAlgebraic) and len(value.poly) > 2:
        lo, hi = isolate(value.poly)[value.index]
        return RealAlgebraic(value.poly, value.index, lo, hi)
    return value


def _bracket(value: Any) -> tuple[Fraction, Fraction]:
    """Rationals ``lo <= value <= hi`` (the value itself when rational)."""
    if isinstance(value, RealAlgebraic):
        return value.interval
    q = Fraction(value)
    return q, q


def show_value(value: Any) -> str:
    """A breakpoint for people: ``1/4``, or an algebraic number as a radical with its
    approximation (``sqrt(2) (≈ 1.41421)``); a long exact form is described instead.

    >>> show_value(roots_of({Poly.from_coeffs([1, -5, 3])}, Fraction(0), Fraction(1))[0])
    '(5 - sqrt(13))/6 (≈ 0.232408)'
    """
    if isinstance(value, Fraction):
        return format_number(value)
    if isinstance(value, RealAlgebraic):
        text = value.short()
        if text is None:
            return f"≈ {approx(value):.6g} ({value.describe()})"
        return f"{text} (≈ {approx(value):.6g})"
    if hasattr(value, "is_Rational") and value.is_Rational:
        return str(value)
    return str(value)


def interval_label(symbol: str, lo: Any, hi: Any, closed_lo: bool, closed_hi: bool) -> str:
    """``"e in [0, 1/4)"``: an interval of the swept value, its ends by :func:`show_value`."""
    left = "[" if closed_lo else "("
    right = "]" if closed_hi else ")"
    return f"{symbol} in {left}{show_value(lo)}, {show_value(hi)}{right}"


def interleave(intervals: Sequence[Any], breakpoints: Sequence[Any], ends: Sequence[Any]) -> list:
    """Segments in order along an axis: ``[end0], interval, breakpoint, ..., interval, [end1]``.

    Shared by every sweep (normal form, trees, priors): a breakpoint sits
    between two intervals; an end of the range is listed when the game exactly
    there differs from the interval next to it (``None`` otherwise).
    """
    items: list[Any] = [] if ends[0] is None else [ends[0]]
    for k, interval in enumerate(intervals):
        items.append(interval)
        if k < len(breakpoints):
            items.append(breakpoints[k])
    if ends[1] is not None:
        items.append(ends[1])
    return items
