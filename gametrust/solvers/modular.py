"""Exact integer linear algebra, vectorized, by computing modulo several primes.

The vertex enumeration must decide *exactly* the sign of many small
determinant-like integers (is this coordinate zero or positive, is this
constraint tight or slack) for thousands of small linear systems at once.
Python ``Fraction`` arithmetic is exact but slow; floats are fast but can
mistake a zero for a tiny number.  This module does both at once: it solves
every system in a batch modulo a few primes near ``2**31`` with numpy
``int64`` arithmetic (products stay below ``2**62``), and recovers each integer
from its residues by the Chinese remainder theorem, which is exact as long as
the integer's absolute value is below half the product of the primes.  The
caller supplies that bound (Hadamard's inequality), and :func:`primes_for`
picks enough primes.

The method is the classical multi-modular approach to exact linear algebra
(e.g. von zur Gathen & Gerhard, *Modern Computer Algebra*, ch. 5; Garner's
mixed-radix conversion, Knuth TAOCP vol. 2, 4.3.2).

>>> import numpy as np
>>> m = np.array([[[2, 1], [1, 3]]], dtype=object)   # one 2x2 system, det = 5
>>> primes = primes_for(100)
>>> det, num, ok = solve_ones(m, primes)
>>> [to_int(det[:, 0], primes), [to_int(num[:, 0, i], primes) for i in range(2)], bool(ok[0])]
[5, [2, 1], True]

(``m z = (1, 1)`` has the solution ``z = (2/5, 1/5)``: numerators ``2, 1`` over ``5``.)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

__all__ = ["PRIMES", "primes_for", "signs", "solve_ones", "to_int", "to_ints"]

#: The 40 largest primes below 2**31.
PRIMES: tuple[int, ...] = (
    2147483647, 2147483629, 2147483587, 2147483579, 2147483563, 2147483549, 2147483543,
    2147483497, 2147483489, 2147483477, 2147483423, 2147483399, 2147483353, 2147483323,
    2147483269, 2147483249, 2147483237, 2147483179, 2147483171, 2147483137, 2147483123,
    2147483077, 2147483069, 2147483059, 2147483053, 2147483033, 2147483029, 2147482951,
    2147482949, 2147482943, 2147482937, 2147482921, 2147482877, 2147482873, 2147482867,
    2147482859, 2147482819, 2147482817, 2147482811, 2147482801,
)  # fmt: skip


def primes_for(bound: float, primes: Sequence[int] = PRIMES) -> tuple[int, ...] | None:
    """The fewest primes whose product exceeds ``2 * bound + 1``, or None if too few.

    >>> len(primes_for(10**9)), len(primes_for(10**20))
    (1, 3)
    """
    need = math.log(2 * bound + 1) if bound > 0 else 0.0
    total = 0.0
    for count, p in enumerate(primes, start=1):
        total += math.log(p)
        if total > need:
            return tuple(primes[:count])
    return None


def _mod_inverse(a: np.ndarray, p: int) -> np.ndarray:
    """Elementwise inverse modulo prime ``p`` (0 maps to 0), by Fermat."""
    result = np.ones_like(a)
    base = a % p
    exponent = p - 2
    while exponent:
        if exponent & 1:
            result = result * base % p
        base = base * base % p
        exponent >>= 1
    return np.where(a % p == 0, 0, result)


def _solve_ones_mod(m: np.ndarray, p: int) -> tuple[np.ndarray, np.ndarray]:
    """For a batch ``m`` of shape (N, k, k) (ints in [0, p)), det and Cramer numerators mod p.

    Returns ``(det, num)`` with ``det`` of shape (N,) and ``num`` of shape (N, k)
    where ``num[:, i] = det(m with column i replaced by ones) mod p``; both are
    correct for every matrix nonsingular modulo ``p`` (``det != 0``).
    """
    n_sys, k, _ = m.shape
    t = np.empty((n_sys, k, k + 1), dtype=np.int64)
    t[:, :, :k] = m
    t[:, :, k] = 1
    det = np.ones(n_sys, dtype=np.int64)
    rows = np.arange(n_sys)
    for c in range(k):
        nonzero = t[:, c:, c] != 0
        has_pivot = nonzero.any(axis=1)
        r = c + np.argmax(nonzero, axis=1)
        swap = r != c
        if swap.any():
            sw = rows[swap]
            upper = t[sw, c].copy()
            t[sw, c] = t[sw, r[swap]]
            t[sw, r[swap]] = upper
            det[swap] = (p - det[swap]) % p
        pivot = t[:, c, c]
        det = np.where(has_pivot, det * pivot % p, 0)
        t[:, c] = t[:, c] * _mod_inverse(pivot, p)[:, None] % p
        factors = t[:, :, c].copy()
        factors[:, c] = 0
        t -= factors[:, :, None] * t[:, c, None, :] % p
        t %= p
    num = t[:, :, k] * det[:, None] % p
    return det, num


def solve_ones(
    m: np.ndarray, primes: Sequence[int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Solve ``m z = 1`` for a batch of integer matrices, as residues.

    ``m`` has shape (N, k, k) and holds integers (any dtype; Python ints allowed).
    Returns ``(det, num, ok)``: residues of shape (T, N) and (T, N, k) for the T
    primes, where ``z = num / det``, and ``ok`` (N,) which is False where some
    but not all primes divide ``det`` (an "unlucky" prime: the residues cannot
    be trusted and the caller must decide that system another way).  Where every
    prime divides ``det`` and the bound is respected, ``det == 0`` exactly.
    """
    dets, nums = [], []
    for p in primes:
        reduced = np.asarray(m % p, dtype=np.int64)
        det, num = _solve_ones_mod(reduced, p)
        dets.append(det)
        nums.append(num)
    det_arr = np.stack(dets)
    zero = det_arr == 0
    ok = zero.all(axis=0) | ~zero.any(axis=0)
    return det_arr, np.stack(nums), ok


def _mixed_radix(residues: np.ndarray, primes: Sequence[int]) -> list[np.ndarray]:
    """Garner's algorithm: digits ``a_t`` with ``V = a_0 + a_1 p_0 + a_2 p_0 p_1 + ...``."""
    digits: list[np.ndarray] = []
    for t, p in enumerate(primes):
        value = residues[t] % p
        # subtract the contribution of earlier digits, then divide by p_0 ... p_{t-1}
        acc = np.zeros_like(value)
        radix = 1
        for s in range(t):
            acc = (acc + digits[s] % p * (radix % p)) % p
            radix *= primes[s]
        inv = pow(radix % p, p - 2, p) if t else 1
        digits.append((value - acc) % p * inv % p)
    return digits


def signs(residues: np.ndarray, primes: Sequence[int]) -> np.ndarray:
    """Exact signs (-1, 0, 1) of integers given by residues of shape (T, ...).

    Exact when every integer's absolute value is at most ``(prod(primes) - 1) // 2``.
    """
    digits = _mixed_radix(residues, primes)
    half = (math.prod(primes) - 1) // 2
    half_digits = []
    for p in primes:
        half_digits.append(half % p)
        half //= p
    zero = np.ones(residues.shape[1:], dtype=bool)
    for d in digits:
        zero &= d == 0
    # V > half  <=>  V is negative; compare digit strings from the most significant
    greater = np.zeros(residues.shape[1:], dtype=bool)
    decided = np.zeros(residues.shape[1:], dtype=bool)
    for d, h in zip(reversed(digits), reversed(half_digits), strict=True):
        greater |= ~decided & (d > h)
        decided |= d != h
    out = np.where(greater, -1, 1)
    return np.where(zero, 0, out)


def to_int(residues: np.ndarray, primes: Sequence[int]) -> int:
    """The integer (symmetric range) with the given residues, one per prime."""
    value, modulus = 0, 1
    for r, p in zip((int(x) for x in residues), primes, strict=True):
        # value + modulus * t == r (mod p)
        t = (r - value) * pow(modulus, -1, p) % p
        value += modulus * t
        modulus *= p
    return value - modulus if value > modulus // 2 else value


def to_ints(residues: np.ndarray, primes: Sequence[int]) -> np.ndarray:
    """Vectorized :func:`to_int`: residues of shape (T, ...) to an object array of ints."""
    digits = _mixed_radix(residues, primes)
    value = np.zeros(residues.shape[1:], dtype=object)
    radix = 1
    for d, p in zip(digits, primes, strict=True):
        value = value + d.astype(object) * radix
        radix *= p
    half = radix // 2
    return np.where(value > half, value - radix, value)
