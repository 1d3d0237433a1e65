"""Exact conditions ``d >= 0`` on a game's symbols, simplified and evaluated now.

:func:`symbolic_condition` turns payoff differences (sympy expressions in the
scenario's parameters and empathy weights) into one
:class:`~gametrust.analysis.explanation.SymbolicCondition`: each inequality
in one symbol is solved for it (``e_US >= 1/4``), regions of one symbol are
intersected, an inequality in several symbols is written as a readable
polynomial inequality (``relief*(e_US + 1) >= 5``), and the whole is
evaluated at the current values.  sympy is imported inside the functions.

>>> import sympy
>>> e = sympy.Symbol("e", real=True)
>>> condition = symbolic_condition([4 * e - 1, 2 - e], False, {e: sympy.Rational(1, 2)})
>>> condition.text, condition.holds
('1/4 <= e <= 2', True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

from ..core.exact import Number
from .explanation import ConditionStatus, SymbolicCondition
from .formulas import expression_text, factor, factor_list

__all__ = ["symbolic_condition", "value_at"]


def _number(value: Any) -> Number | None:
    """A Fraction (or float) from a sympy number; ``None`` if it is not a finite real."""
    import sympy

    if value is None or not getattr(value, "is_number", False):
        return None
    if value.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan):
        return None
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    if value.is_real:
        return float(value)
    return None


def value_at(expr: Any, values: Mapping[Any, Any]) -> Number | None:
    """``expr`` at ``values`` (symbol -> sympy number) as a Fraction or float; ``None``
    where it is undefined or not a finite real."""
    try:
        return _number(expr.subs(values) if values else expr)
    except (TypeError, ZeroDivisionError):  # pragma: no cover - defensive
        return None


def _holds(expr: Any, strict: bool, values: Mapping[Any, Any]) -> bool | None:
    value = value_at(expr, values)
    if value is None:
        return None
    return value > 0 if strict else value >= 0


_FLIP = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}


def _relation(lhs: Any, op: str, rhs: Any) -> tuple[str, Any]:
    """The text ``lhs op rhs`` and the same relation as a sympy object."""
    import sympy

    return f"{expression_text(lhs)} {op} {expression_text(rhs)}", sympy.Rel(lhs, rhs, op)


def _multivariate(expr: Any, strict: bool) -> tuple[str, Any]:
    """``expr >= 0`` (or ``> 0``) in several symbols as a readable inequality.

    Positive constant factors are divided out, the sign is normalised so the
    left side does not start with a minus, and a single polynomial factor is
    written ``non-constant part >= -constant`` (``relief*(e_US + 1) >= 5``).
    """
    import sympy

    op = ">" if strict else ">="
    expr = sympy.together(expr)
    numerator, denominator = sympy.fraction(expr)
    if denominator.free_symbols:
        factored = factor(expr)
        if factored.could_extract_minus_sign():
            return _relation(-factored, _FLIP[op], 0)
        return _relation(factored, op, 0)
    if denominator.is_negative:
        op = _FLIP[op]
    coefficient, factors = factor_list(sympy.expand(numerator))
    if coefficient < 0:
        op = _FLIP[op]
    if len(factors) == 1 and factors[0][1] == 1:
        constant, rest = factors[0][0].as_coeff_Add()
        content, primitive = rest.as_content_primitive()
        rhs = -constant / content
        if primitive.could_extract_minus_sign():
            primitive, rhs, op = -primitive, -rhs, _FLIP[op]
        return _relation(factor(primitive), op, rhs)
    product_ = sympy.Mul(*(f**k for f, k in factors))
    if product_.could_extract_minus_sign():
        product_, op = -product_, _FLIP[op]
    return _relation(product_, op, 0)


def _set_text(symbol: Any, region: Any) -> str:
    """A subset of the reals as inequalities in ``symbol``."""
    import sympy

    name = expression_text(symbol)
    if region == sympy.S.Reals:
        return "always"
    if region is sympy.S.EmptySet:
        return "never"
    if isinstance(region, sympy.Union):
        return " or ".join(_set_text(symbol, part) for part in region.args)
    if isinstance(region, sympy.FiniteSet):
        return " or ".join(f"{name} = {expression_text(v)}" for v in region.args)
    if isinstance(region, sympy.Interval):
        low, high = region.start, region.end
        lo_op = "<" if region.left_open else "<="
        hi_op = "<" if region.right_open else "<="
        if low == -sympy.oo:
            return f"{name} {hi_op} {expression_text(high)}"
        if high == sympy.oo:
            return f"{name} {_FLIP[lo_op]} {expression_text(low)}"
        return f"{expression_text(low)} {lo_op} {name} {hi_op} {expression_text(high)}"
    return f"{name} in {expression_text(region)}"  # pragma: no cover - other sets


@dataclass(frozen=True)
class _Part:
    """One simplified inequality: a region of one symbol, or a text in several."""

    symbol: Any = None
    region: Any = None
    text: str = ""
    relation: Any = None


def _linear(expr: Any, symbol: Any) -> tuple[Any, Any] | None:
    """``(a, b)`` when ``expr`` is ``a*symbol + b`` with rational ``a != 0``, else ``None``."""
    import sympy

    if not expr.is_polynomial(symbol):
        return None
    poly = sympy.Poly(expr, symbol)
    if poly.degree() != 1:
        return None
    slope, intercept = poly.all_coeffs()
    if not (slope.is_Rational and intercept.is_Rational):
        return None
    return slope, intercept


@lru_cache(maxsize=4096)
def _part(expr: Any, strict: bool) -> _Part | bool:
    """``expr >= 0`` (``> 0`` when strict) as a :class:`_Part`, or True/False when constant."""
    import sympy
    from sympy.solvers.inequalities import solve_univariate_inequality

    expr = sympy.cancel(sympy.together(expr))
    free = expr.free_symbols
    if not free:
        value = _number(expr)
        if value is None:
            return False
        return bool(value > 0) if strict else bool(value >= 0)
    if len(free) == 1:
        (symbol,) = free
        linear = _linear(expr, symbol)
        if linear is not None:
            slope, intercept = linear
            root = -intercept / slope
            if slope > 0:
                region = sympy.Interval(root, sympy.oo, left_open=strict)
            else:
                region = sympy.Interval(-sympy.oo, root, right_open=strict)
            return _Part(symbol=symbol, region=region)
        relation = sympy.StrictGreaterThan(expr, 0) if strict else sympy.GreaterThan(expr, 0)
        try:
            region = solve_univariate_inequality(relation, symbol, relational=False)
        except (NotImplementedError, ValueError, TypeError):  # pragma: no cover - exotic
            text, relation = _multivariate(expr, strict)
            return _Part(text=text, relation=relation)
        if region == sympy.S.Reals:
            return True
        if region is sympy.S.EmptySet:
            return False
        return _Part(symbol=symbol, region=region)
    text, relation = _multivariate(expr, strict)
    return _Part(text=text, relation=relation)


def _combine(
    parts: Sequence[_Part | bool], order: Sequence[Any]
) -> tuple[str, ConditionStatus, Any]:
    """The conjunction of simplified inequalities, regions of one symbol intersected
    (and listed in the order of ``order``): text, status and a sympy boolean."""
    import sympy

    if any(p is False for p in parts):
        return "never", "never", sympy.false
    regions: dict[Any, Any] = {}
    texts: list[str] = []
    relations: list[Any] = []
    for part in parts:
        if isinstance(part, bool):
            continue
        if part.symbol is not None:
            key = part.symbol
            regions[key] = part.region if key not in regions else regions[key] & part.region
        elif part.text not in texts:
            texts.append(part.text)
            relations.append(part.relation)
    pieces: list[str] = []
    booleans: list[Any] = []
    rank = {symbol: k for k, symbol in enumerate(order)}
    for symbol, region in sorted(regions.items(), key=lambda kv: rank.get(kv[0], len(rank))):
        if region is sympy.S.EmptySet:
            return "never", "never", sympy.false
        pieces.append(_set_text(symbol, region))
        booleans.append(region.as_relational(symbol))
    pieces += texts
    booleans += relations
    if not pieces:
        return "always", "always", sympy.true
    if len(pieces) > 1:
        pieces = [f"({p})" if " or " in p else p for p in pieces]
    return " and ".join(pieces), "symbolic", sympy.And(*booleans)


def symbolic_condition(
    differences: Sequence[Any], strict: bool, values: Mapping[Any, Any]
) -> SymbolicCondition:
    """All of ``d >= 0`` (``> 0`` when strict) for ``d`` in ``differences``."""
    import sympy

    parts = [_part(d, strict) for d in differences]
    text, status, simplified = _combine(parts, list(values))
    checks = [_holds(d, strict, values) for d in differences]
    holds: bool | None
    if status == "always":
        holds = True
    elif status == "never" or any(c is False for c in checks):
        holds = False
    elif any(c is None for c in checks):
        holds = None
    else:
        holds = True
    relation = sympy.StrictGreaterThan if strict else sympy.GreaterThan
    expression = sympy.And(*(relation(d, 0, evaluate=False) for d in differences))
    return SymbolicCondition(text, status, holds, expression, simplified)
