"""The parametric kernel shared by every exact sweep.

A sweep follows a game whose payoffs are rational functions of one value
``t`` (an empathy weight, a parameter, a prior).  This module holds what every
sweep engine (normal form, 2-D maps, trees, priors, claims) needs: the swept
:class:`Axis` and its range, the parametric payoff tensor with denominators
cleared, the polynomials whose real roots are the candidate breakpoints, exact
comparison of algebraic numbers, points between breakpoints, and the exact
formulas of an equilibrium across an interval (:class:`EquilibriumPiece`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations, product
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.errors import ArgumentError, Location, did_you_mean
from ..core.exact import format_number
from ..core.polynomial import Poly, RationalFunction, approx, compare, det, real_roots
from ..model.game import NormalFormGame
from ..solvers.result import Equilibrium, SolveResult
from ..solvers.solve import solve
from .selection import Selection, analyse

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario.scenario import Scenario


# -- the swept quantity ----------------------------------------------------------------------


@dataclass(frozen=True)
class Axis:
    """What is swept: every player's empathy, one player's empathy, or a parameter."""

    kind: str  # "empathy" or "param"
    name: str = ""  # player id (empathy of one player), parameter name, or "" (all players)

    @property
    def symbol(self) -> str:
        """The name the swept value has in formulas: ``e``, ``e_US`` or the parameter."""
        if self.kind == "param":
            return self.name
        return f"e_{self.name}" if self.name else "e"

    def __str__(self) -> str:
        if self.kind == "param":
            return f"parameter {self.name}"
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


@dataclass(frozen=True)
class EquilibriumPiece:
    """One equilibrium across an interval, as exact functions of the swept value.

    ``formulas[i][k]`` is player ``i``'s probability of its ``k``-th action as
    a :class:`RationalFunction` of the swept value (``None`` when the
    equilibrium is constant on the interval); ``payoff_formulas[i]`` its
    expected payoff.  :meth:`strategies` and :meth:`payoffs` give them as
    simplified sympy expressions in the axis symbol, for display.
    """

    supports: tuple[tuple[str, ...], ...]
    kind: str
    at_sample: Equilibrium
    formulas: tuple[tuple[RationalFunction, ...], ...] | None
    payoff_formulas: tuple[RationalFunction, ...] | None
    symbol: str = "t"

    def strategies(self) -> tuple[tuple[Any, ...], ...]:
        """Probabilities as sympy expressions (simplified)."""
        if self.formulas is None:
            return tuple(tuple(sympy_number(p) for p in s) for s in self.at_sample.strategies)
        return tuple(tuple(to_sympy(f, self.symbol) for f in s) for s in self.formulas)

    def payoffs(self) -> tuple[Any, ...]:
        """Expected payoffs as sympy expressions (simplified)."""
        if self.payoff_formulas is None:
            return tuple(sympy_number(p) for p in self.at_sample.payoffs)
        return tuple(to_sympy(f, self.symbol) for f in self.payoff_formulas)

    def at(self, t: Fraction) -> tuple[tuple[Fraction, ...], ...]:
        """The exact strategies at a value inside the interval."""
        if self.formulas is None:
            return self.at_sample.strategies
        return tuple(tuple(f(t) for f in s) for s in self.formulas)

    def describe(self) -> str:
        if self.kind == "pure":
            return "(" + ", ".join(s[0] for s in self.supports) + ")"
        parts = []
        for player, acts, probs in zip(
            self.at_sample.players, self.at_sample.actions, self.strategies(), strict=True
        ):
            mix = ", ".join(
                f"{a} {p}" for a, p in zip(acts, probs, strict=True) if str(p) != "0"
            )
            parts.append(f"{player}: {mix}")
        return "; ".join(parts)


def sympy_number(value: Any) -> Any:
    import sympy

    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    return sympy.Float(value)


def to_sympy(f: RationalFunction, symbol: str) -> Any:
    import sympy

    t = sympy.Symbol(symbol, real=True)

    def expr(p: Poly) -> Any:
        return sum(
            (sympy.Rational(c.numerator, c.denominator) * t**k for k, c in enumerate(p.coeffs)),
            sympy.Integer(0),
        )

    return sympy.cancel(expr(f.num) / expr(f.den))


# -- building the parametric game --------------------------------------------------------------


def parametric_tensor(
    source: Scenario | NormalFormGame,
    axis: Axis,
    parameters: Mapping[str, object] | None,
    empathy: Mapping[str, object] | None,
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], np.ndarray]:
    """The empathy-adjusted payoff tensor as rational functions of the swept value."""
    from ..model.empathy import empathize_tensor

    t = RationalFunction.variable()

    def const(value: object) -> RationalFunction:
        return RationalFunction.constant(Fraction(value))  # type: ignore[arg-type]

    if isinstance(source, NormalFormGame):
        if axis.kind == "param":
            raise ArgumentError(
                "a game given as arrays has no parameters to sweep; sweep 'empathy' or "
                "'empathy:PLAYER', or load a scenario",
                Location(path=("axis",)),
            )
        players, actions = source.players, source.actions
        base = np.vectorize(const, otypes=[object])(source.payoffs)
        weights: dict[str, Any] = {p: const(0) for p in players}
        model = "altruism"
    else:
        players, actions = source.player_ids, source.actions
        values: dict[str, Any] = {
            k: const(v) for k, v in source.parameter_values(parameters).items()
        }
        if axis.kind == "param":
            if axis.name not in values:
                raise ArgumentError(
                    f"no parameter {axis.name!r}{did_you_mean(axis.name, values)}",
                    Location(path=("--param",)),
                )
            values[axis.name] = t
        shape = tuple(len(a) for a in actions)
        base = np.empty((len(players), *shape), dtype=object)
        for index, vector in zip(
            product(*(range(k) for k in shape)), source.payoffs.values(), strict=True
        ):
            for i, expression in enumerate(vector):
                base[(i, *index)] = expression.fold(const, values.__getitem__)
        weights = {}
        for pid in players:
            raw = source.empathy.get(pid, 0)
            weights[pid] = (
                raw.fold(const, values.__getitem__) if hasattr(raw, "fold") else const(raw)
            )
        model = source.empathy_model
    for pid, raw in (empathy or {}).items():
        check_player(pid, players, "--empathy")
        weights[pid] = const(exact_weight(raw, pid))
    if axis.kind == "empathy":
        if axis.name:
            check_player(axis.name, players, "axis")
            weights[axis.name] = t
        else:
            weights = {p: t for p in players}
    tensor = empathize_tensor(base, [weights[p] for p in players], model)
    return tuple(players), tuple(tuple(a) for a in actions), tensor


def exact_weight(raw: object, pid: str) -> Fraction:
    from ..core.exact import as_number

    try:
        return Fraction(as_number(raw, exact=True))
    except (TypeError, ValueError) as exc:
        raise ArgumentError(str(exc), Location(path=("--empathy", pid))) from None


def check_player(name: str, players: Sequence[str], option: str) -> None:
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
    radius = max(abs(lo), abs(hi), Fraction(1))
    bound = Fraction(0)
    for p in matrix.ravel():
        bound = max(bound, sum((abs(c) * radius**k for k, c in enumerate(p.coeffs)), Fraction(0)))
    shift = Poly.constant(bound + 1)
    return np.vectorize(lambda p: p + shift, otypes=[object])(matrix)


def polytope_polys(c: np.ndarray, out: set[Poly]) -> None:
    """Determinants, Cramer numerators and slacks of every basis of {z>=0 : c z <= 1}."""
    r, d = c.shape
    one = Poly.constant(1)
    for k in range(1, min(r, d) + 1):
        for support in combinations(range(d), k):
            for rows in combinations(range(r), k):
                m = [[c[j, i] for i in support] for j in rows]
                dm = det(m)
                if dm.is_zero():
                    continue
                out.add(dm.primitive())
                nums = []
                for col in range(k):
                    replaced = [[*row[:col], one, *row[col + 1:]] for row in m]
                    n_i = det(replaced)
                    nums.append(n_i)
                    if not n_i.is_zero():
                        out.add(n_i.primitive())
                for j in range(r):
                    if j in rows:
                        continue
                    s = dm
                    for i, n_i in zip(support, nums, strict=True):
                        s = s - c[j, i] * n_i
                    if not s.is_zero():
                        out.add(s.primitive())


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
    for a, b in combinations(range(len(flat)), 2):
        diff = flat[a] - flat[b]
        if not diff.is_zero():
            out.add(diff.primitive())
    if polys.shape[0] == 2:
        shifted = shift_positive(polys[player], lo, hi)
        polytope_polys(shifted if player == 0 else shifted.T, out)
    return out


def risk_polys(polys: np.ndarray) -> set[Poly]:
    """Differences of Nash products of deviation losses (risk dominance switches)."""
    out: set[Poly] = set()
    m, k = polys.shape[1:]
    u = polys
    for (a1, b1), (a2, b2) in combinations(list(product(range(m), range(k))), 2):
        if a1 == a2 or b1 == b2:
            continue
        loss1 = (u[0, a1, b1] - u[0, a2, b1]) * (u[1, a1, b1] - u[1, a1, b2])
        loss2 = (u[0, a2, b2] - u[0, a1, b2]) * (u[1, a2, b2] - u[1, a2, b1])
        diff = loss1 - loss2
        if not diff.is_zero():
            out.add(diff.primitive())
    return out


def roots_of(polys: set[Poly], lo: Fraction, hi: Fraction) -> list[Any]:
    roots: list[Any] = []
    for poly in polys:
        roots.extend(real_roots(poly, lo, hi))
    return sorted_unique(roots)


# -- evaluating points -------------------------------------------------------------------------


def to_float(value: Any) -> float:
    return float(value)


def greater(a: Any, b: Any, b_approx: float) -> bool:
    """a > b exactly, for Fractions and sympy algebraic numbers."""
    return compare(a, b) > 0


def show_value(value: Any) -> str:
    if isinstance(value, Fraction):
        return format_number(value)
    if hasattr(value, "is_Rational") and value.is_Rational:
        return str(value)
    try:
        import sympy

        if isinstance(value, sympy.Basic) and value.free_symbols:
            return str(value)
        if isinstance(value, sympy.Basic):
            exact = sympy.nsimplify(value) if value.is_algebraic else value
            return f"{exact} (≈ {float(value):.6g})"
    except (TypeError, ValueError):  # pragma: no cover
        pass
    return str(value)


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


class PointEvaluator:
    """Solves the game at points of the axis, exactly at rational points."""

    def __init__(self, build, classify) -> None:  # type: ignore[no-untyped-def]
        self.build = build
        self.classify = classify
        self.cache: dict[Any, tuple] = {}

    def at(self, t: Any) -> tuple[NormalFormGame, SolveResult, Any, Selection, tuple, bool]:
        parts = t if isinstance(t, tuple) else (t,)
        exact = all(isinstance(p, Fraction) for p in parts)
        key = t if exact else ("alg", str(t))
        if key in self.cache:
            return self.cache[key]
        if exact:
            game = self.build(t)
        else:  # an irrational point: solved in floats, with the documented tolerance
            floats = tuple(float(p) for p in parts)
            game = self.build(floats if isinstance(t, tuple) else floats[0])
        result = solve(game)
        family = self.classify(game)
        selection = analyse(game, result)
        signature = signature_of(game, result, family)
        value = (game, result, family, selection, signature, exact)
        self.cache[key] = value
        return value


def supports_of(e: Equilibrium) -> tuple[tuple[str, ...], ...]:
    return tuple(e.support(i) for i in range(len(e.players)))


def best_response_sets(game: NormalFormGame, e: Equilibrium) -> tuple[tuple[int, ...], ...]:
    from ..model.regret import deviation_payoffs, float_tolerance

    tol = float_tolerance(game)
    out = []
    for i in range(game.n_players):
        dev = deviation_payoffs(game, e.strategies, i)
        best = max(dev)
        if game.exact:
            out.append(tuple(k for k, v in enumerate(dev) if v == best))
        else:
            out.append(tuple(k for k, v in enumerate(dev) if v >= best - tol))
    return tuple(out)


def signature_of(game: NormalFormGame, result: SolveResult, family: Any) -> tuple:
    """What defines an interval: each equilibrium's supports and best-response sets (its
    vertex labels, which fix its formula), degeneracy, continua, and the family."""
    keys = tuple(sorted((supports_of(e), best_response_sets(game, e)) for e in result))

    return (
        keys,
        result.degenerate,
        tuple(sorted(tuple(sorted(supports_of(result[k]) for k in c)) for c in result.components)),
        family.name,
    )


def selection_key(result: SolveResult, selection: Selection) -> tuple:
    def key(k: int | None) -> Any:
        return None if k is None else supports_of(result[k])

    return key(selection.payoff_dominant), key(selection.risk_dominant)


def between(a: Any, b: Any) -> Fraction:
    """A simple rational strictly between two (possibly algebraic) numbers."""
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return (a + b) / 2
    fa, fb = float(a), float(b)
    mid = Fraction((fa + fb) / 2)
    for denominator in (2, 4, 10, 100, 1000, 10**6, 10**9, 10**12):
        candidate = mid.limit_denominator(denominator)
        if greater(candidate, a, fa) and greater(b, candidate, fb):
            return candidate
    return mid


# -- formulas ----------------------------------------------------------------------------------


def indifference_formulas(
    payoff: np.ndarray, own: Sequence[int], other: Sequence[int], player: int
) -> tuple[tuple[Poly, Poly], ...] | None:
    """Probabilities of ``own`` actions (player ``player``) making the other player
    indifferent among ``other`` actions: ``x_i = P_i / Q`` as polynomials.

    ``payoff`` is the *other* player's (2-D) polynomial payoff matrix, indexed
    [row action, column action].
    """
    k = len(own)
    if len(other) != k:
        return None
    # unknowns x_own (k) and lambda; equations: for j in other: sum_i x_i u(i, j) - lambda = 0;
    # sum_i x_i = 1
    one, zero = Poly.constant(1), Poly(())
    rows = []
    for j in other:
        row = []
        for i in own:
            row.append(payoff[i, j] if player == 0 else payoff[j, i])
        row.append(-one)
        rows.append(row)
    rows.append([one] * k + [zero])
    rhs = [zero] * k + [one]
    q = det(rows)
    if q.is_zero():
        return None
    out = []
    for col in range(k):
        replaced = [[*r[:col], rhs[n], *r[col + 1:]] for n, r in enumerate(rows)]
        out.append((det(replaced), q))
    return tuple(out)


def equilibrium_piece(
    e: Equilibrium,
    game: NormalFormGame,
    polys: np.ndarray,
    tensor: np.ndarray,
    symbol: str,
) -> EquilibriumPiece:
    from ..model.regret import deviation_payoffs

    supports_idx = [[k for k, p in enumerate(s) if p > 0] for s in e.strategies]
    formulas: list[tuple[RationalFunction, ...]] = []
    one, zero = RationalFunction.constant(1), RationalFunction.constant(0)
    for player in range(2):
        own = supports_idx[player]
        size = game.shape[player]
        if len(own) == 1:
            formulas.append(tuple(one if k == own[0] else zero for k in range(size)))
            continue
        # the other player's best responses at the sample: the candidate tight sets
        dev = deviation_payoffs(game, e.strategies, 1 - player)
        best = max(dev)
        tight = [k for k, v in enumerate(dev) if v == best]
        found = None
        for chosen in combinations(tight, len(own)):
            found = indifference_formulas(polys[1 - player], own, chosen, player)
            if found is not None:
                break
        if found is None:  # no formula: the equilibrium is constant here
            return EquilibriumPiece(supports_of(e), e.kind, e, None, None, symbol)
        full = [zero] * size
        for k, (num, den) in zip(own, found, strict=True):
            full[k] = RationalFunction(num, den)
        formulas.append(tuple(full))
    payoffs = []
    for i in range(2):
        total = zero
        for a in supports_idx[0]:
            for b in supports_idx[1]:
                total = total + formulas[0][a] * formulas[1][b] * tensor[i, a, b]
        payoffs.append(total)
    return EquilibriumPiece(
        supports_of(e), e.kind, e, tuple(formulas), tuple(payoffs), symbol
    )


def sweep_range(
    source: Scenario | NormalFormGame, axis: Axis, lo: object, hi: object
) -> tuple[Fraction, Fraction]:
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


def sorted_unique(roots: list[Any]) -> list[Any]:
    """Sorted, without repeats (exactly: close neighbours are compared exactly)."""
    roots.sort(key=approx)
    out: list[Any] = []
    for r in roots:
        if out and compare(out[-1], r) == 0:
            continue
        out.append(r)
    return out
