"""Sympy expressions as text a researcher reads: factored formulas and their ratios.

Shared by the explanation of a game (:mod:`gametrust.analysis.explanation`)
and the conditions derived for it (:mod:`gametrust.analysis.inequalities`).
sympy is imported inside the functions, never when gametrust is imported.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FACTOR_BITS", "expression_text", "factor", "factor_list", "formula_text", "ratio"]

#: Bits of a numerator or denominator beyond which an expression is not factored for display:
#: factoring is only for reading, and sympy's factoring of polynomials with 1,000-digit
#: coefficients (a payoff ``1e154``: 512 bits) takes minutes.
FACTOR_BITS = 200


def _huge(expr: Any) -> bool:
    """Whether a rational in ``expr`` has more than :data:`FACTOR_BITS` bits."""
    import sympy

    return any(
        max(abs(int(r.p)), int(r.q)).bit_length() > FACTOR_BITS
        for r in sympy.sympify(expr).atoms(sympy.Rational)
    )


def factor(expr: Any) -> Any:
    """``sympy.factor(expr)``, or ``expr`` cancelled when its numbers are too large to factor.

    >>> import sympy
    >>> e = sympy.Symbol("e")
    >>> factor(2*e + 2), factor(10**400 * e + 1) == 10**400 * e + 1
    (2*(e + 1), True)
    """
    import sympy

    return sympy.cancel(expr) if _huge(expr) else sympy.factor(expr)


def factor_list(poly: Any) -> tuple[Any, list[tuple[Any, int]]]:
    """``sympy.factor_list(poly)``, or ``poly`` as one factor when its numbers are too large."""
    import sympy

    if _huge(poly):
        coefficient, rest = sympy.sympify(poly).as_content_primitive()
        return coefficient, [(rest, 1)]
    return sympy.factor_list(poly)


def expression_text(expr: Any) -> str:
    """A sympy expression as sympy prints it (``relief*(e_US + 1)``)."""
    import sympy

    return sympy.sstr(expr)


def _polynomial_form(poly: Any) -> tuple[Any, bool]:
    """A polynomial as ``constant * factors`` (unevaluated), and whether it is negative.

    A negative constant is folded into a linear factor when there is one, so
    ``-(3*e - 2)`` reads ``2 - 3*e``; ``negative`` is True when that was not possible.
    """
    import sympy

    coefficient, factors = factor_list(sympy.expand(poly))
    pieces = [[f, k] for f, k in factors]
    negative = coefficient < 0
    if negative:
        coefficient = -coefficient
        for piece in pieces:
            if piece[1] == 1 and piece[0].is_Add:
                piece[0] = sympy.expand(-piece[0])
                negative = False
                break
    args = [f**k for f, k in pieces]
    if coefficient != 1 or not args:
        args.insert(0, coefficient)
    form = args[0] if len(args) == 1 else sympy.Mul(*args, evaluate=False)
    return form, negative


def formula_text(expr: Any) -> str:
    """A rational function as text with factored numerator and denominator.

    >>> import sympy
    >>> e, r = sympy.symbols("e relief", real=True)
    >>> formula_text(-(3*e - 2) / ((e + 1) * (r - 3)))
    '(2 - 3*e)/((e + 1)*(relief - 3))'
    >>> formula_text(2 / (3 + 3*e)), formula_text(sympy.Rational(3, 4))
    ('2/(3*(e + 1))', '3/4')
    """
    import sympy

    numerator, denominator = sympy.fraction(sympy.cancel(sympy.together(expr)))
    if denominator == 1:
        form, negative = _polynomial_form(numerator)
        return ("-" if negative else "") + expression_text(form)
    if factor_list(sympy.expand(denominator))[0] < 0:
        numerator, denominator = -numerator, -denominator
    top, negative = _polynomial_form(numerator)
    bottom, _ = _polynomial_form(denominator)
    top_text = expression_text(top)
    if top.is_Add or (negative and top.is_Mul):
        top_text = f"({top_text})"
    bottom_text = expression_text(bottom)
    if not (bottom.is_Symbol or bottom.is_Integer or bottom.is_Pow):
        bottom_text = f"({bottom_text})"
    return ("-" if negative else "") + f"{top_text}/{bottom_text}"


def ratio(numerator: Any, denominator: Any) -> Any | None:
    """``numerator / denominator`` cancelled and factored; ``None`` when the denominator is 0."""
    import sympy

    if sympy.simplify(denominator) == 0:
        return None
    return factor(sympy.cancel(numerator / denominator))
