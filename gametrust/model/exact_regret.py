"""Exact deviation payoffs and regrets on integers: the certificate without a Fraction per payoff.

An exact game is an integer tensor with one positive denominator per player
(:attr:`NormalFormGame.integer_form`); a rational strategy is an integer weight
vector ``w_j`` over a common denominator ``D_j`` (``p_j = w_j / D_j``).  Player
``i``'s deviation payoffs against the others' mix are then

    dev_i = ints[i] contracted with every w_j (j != i)  /  (dens[i] * prod_{j != i} D_j),

an integer vector over one integer, and its regret ``max(dev_i) - dev_i . p_i``
is ``(max(dev_i) * D_i - dev_i . w_i) / (dens[i] * prod_j D_j)``: the check
``regret == 0`` is an integer comparison.  A pure profile needs no contraction
at all: player ``i``'s deviations are one line of ``ints[i]`` (all of them at
once, one numpy slice).  Only the others' supports are read.

The contractions run in int64 when a bound proves they cannot overflow
(``max |ints| * prod_j sum |w_j| < 2**63``: every partial sum is bounded by
it), otherwise on Python ints (numpy object arrays): exact either way.

>>> from fractions import Fraction as F
>>> from gametrust import NormalFormGame
>>> stag = NormalFormGame.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]])
>>> check = exact_certificate(stag, ((F(3, 4), F(1, 4)), (F(3, 4), F(1, 4))))
>>> check.regrets, check.payoffs, check.strict
((Fraction(0, 1), Fraction(0, 1)), (Fraction(3, 1), Fraction(3, 1)), False)
>>> exact_certificate(stag, ((0, 1), (0, 1))).strict
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import lcm, prod

import numpy as np

from ..core.exact import Number, as_number
from .game import NormalFormGame

__all__ = [
    "ExactCertificate",
    "exact_certificate",
    "exact_deviation_payoffs",
    "int_matvec",
    "pure_cell",
    "rational_weights",
]

_INT64_BOUND = 2**63


def rational_weights(strategy: Sequence[Number]) -> tuple[list[int], int]:
    """A rational vector as integer weights over their least common denominator.

    >>> rational_weights([Fraction(1, 2), Fraction(1, 3), Fraction(1, 6)])
    ([3, 2, 1], 6)
    """
    if all(type(p) is int for p in strategy):  # a pure strategy from a solver: no Fractions
        return list(strategy), 1  # type: ignore[arg-type]
    pairs = [
        (p if type(p) is Fraction else as_number(p, exact=True)).as_integer_ratio()
        for p in strategy
    ]
    denominator = lcm(*{d for _, d in pairs}) if pairs else 1
    if denominator == 1:
        return [n for n, _ in pairs], 1
    return [n * (denominator // d) if n else 0 for n, d in pairs], denominator


def int_matvec(matrix: np.ndarray, weights: Sequence[int]) -> list[int]:
    """``matrix @ weights`` exactly, as Python ints (``matrix`` 2-D, int64 or Python ints).

    For an int64 matrix the weights are cut into signed limbs of ``bits`` bits so
    that no int64 partial sum can overflow (each of the ``k`` products is below
    ``2**(top_bits + bits)``, ``k < 2**k_bits`` and ``top_bits + bits + k_bits = 62``):
    one int64 product per limb, recombined on Python ints.  Otherwise one
    object-array product.

    >>> int_matvec(np.array([[1, 2], [3, -4]]), [2**70, -1])
    [1180591620717411303422, 3541774862152233910276]
    """
    k = len(weights)
    if matrix.dtype == np.int64 and matrix.size and k:
        top = max(int(matrix.max()), -int(matrix.min()))
        bits = 62 - top.bit_length() - k.bit_length()
        if bits >= 8:
            limbs = -(-max(max(abs(w) for w in weights).bit_length(), 1) // bits)
            if limbs == 1:
                return (matrix @ np.array(weights, dtype=np.int64)).tolist()
            mask = (1 << bits) - 1
            cut = np.array(
                [[(abs(w) >> (bits * t) & mask) * (1 if w >= 0 else -1) for t in range(limbs)]
                 for w in weights],
                dtype=np.int64,
            )
            shifts = np.array([1 << (bits * t) for t in range(limbs)], dtype=object)
            return ((matrix @ cut).astype(object) @ shifts).tolist()
    return (matrix.astype(object) @ np.array(list(weights), dtype=object)).tolist()


def _supports(weights: list[tuple[list[int], int]]) -> list[list[int]]:
    return [[k for k, w in enumerate(ws) if w] for ws, _ in weights]


def _contract(
    game: NormalFormGame,
    weights: list[tuple[list[int], int]],
    player: int,
    supports: list[list[int]],
) -> tuple[list[int], int]:
    """Player's deviation payoffs as integers ``dev`` over one positive integer ``scale``."""
    ints, dens = game.integer_form
    scale = dens[player] * prod(d for j, (_, d) in enumerate(weights) if j != player)
    if any(not s for j, s in enumerate(supports) if j != player):
        return [0] * game.shape[player], scale
    if len(weights) == 2:  # one matrix-vector product over the other's support
        other = 1 - player
        ws = weights[other][0]
        idx = supports[other]
        lines = ints[0][:, idx] if player == 0 else ints[1][idx, :].T
        return int_matvec(lines, [ws[k] for k in idx]), scale
    if all(len(s) == 1 for j, s in enumerate(supports) if j != player):
        # a pure profile of the others: one line of the tensor, every deviation at once
        line = tuple(slice(None) if j == player else s[0] for j, s in enumerate(supports))
        factor = prod(weights[j][0][s[0]] for j, s in enumerate(supports) if j != player)
        dev = ints[player][line]
        return (dev if factor == 1 else dev.astype(object) * factor).tolist(), scale
    axes = [np.arange(n) if j == player else np.asarray(s, dtype=np.intp)
            for j, (n, s) in enumerate(zip(game.shape, supports, strict=True))]
    sub = ints[player][np.ix_(*axes)]
    bound = int(np.abs(sub).max()) if sub.size else 0
    for ws, _ in weights:
        bound *= sum(abs(w) for w in ws)
    safe = sub.dtype == np.int64 and bound < _INT64_BOUND
    dtype = np.int64 if safe else object
    result = sub if safe else sub.astype(object)
    for j in range(game.n_players - 1, -1, -1):  # from the last axis: earlier ones stay put
        if j == player:
            continue
        vector = np.array([weights[j][0][k] for k in supports[j]], dtype=dtype)
        result = np.tensordot(result, vector, axes=([j], [0]))
    return result.tolist(), scale


def exact_deviation_payoffs(
    game: NormalFormGame, profile: Sequence[Sequence[Number]], player: int
) -> np.ndarray:
    """Player's exact payoff from each of its actions against the others' mix (Fractions)."""
    weights = [rational_weights(s) for s in profile]
    dev, scale = _contract(game, weights, player, _supports(weights))
    return np.array([Fraction(int(v), scale) for v in dev] or [], dtype=object)


@dataclass(frozen=True)
class ExactCertificate:
    """Exact expected payoffs, regrets and strictness of one profile of an exact game.

    ``probabilities`` is true when every strategy is a probability vector;
    ``strict`` when the profile is pure and every deviation strictly loses.
    """

    payoffs: tuple[Fraction, ...]
    regrets: tuple[Fraction, ...]
    strict: bool
    probabilities: bool

    @property
    def is_nash(self) -> bool:
        """Probability vectors and zero regret, exactly."""
        return self.probabilities and max(self.regrets, default=Fraction(0)) == 0


def pure_cell(profile: Sequence[Sequence[Number]]) -> tuple[int, ...] | None:
    """The action indices of a pure profile (each strategy one 1 and 0s), else ``None``.

    >>> pure_cell(((0, 1), (1, 0, 0))), pure_cell(((0, 1), (Fraction(1, 2), Fraction(1, 2))))
    ((1, 0), None)
    """
    cell = []
    for strategy in profile:
        values = tuple(strategy)
        if values.count(1) != 1 or values.count(0) != len(values) - 1:
            return None
        cell.append(values.index(1))
    return tuple(cell)


def _pure_certificate(game: NormalFormGame, cell: tuple[int, ...]) -> ExactCertificate:
    """Every deviation of a pure profile at once: one line of the tensor per player."""
    ints, dens = game.integer_form
    payoffs, regrets, strict = [], [], True
    for i, d in enumerate(dens):
        line = ints[(i, *cell[:i], slice(None), *cell[i + 1:])]
        value, best = line[cell[i]], line.max()
        payoffs.append(Fraction(int(value), d))
        regrets.append(Fraction(int(best) - int(value), d))
        strict = strict and value == best and int(np.count_nonzero(line == best)) == 1
    return ExactCertificate(tuple(payoffs), tuple(regrets), bool(strict), True)


def exact_certificate(
    game: NormalFormGame, profile: Sequence[Sequence[Number]]
) -> ExactCertificate:
    """Check a profile of an exact game on integers (see the module docstring).

    The strategies must have one entry per action of their player (callers check).
    """
    cell = pure_cell(profile)
    if cell is not None:
        return _pure_certificate(game, cell)
    weights = [rational_weights(s) for s in profile]
    supports = _supports(weights)
    payoffs, regrets = [], []
    strict = True
    for i, (ws, d_i) in enumerate(weights):
        values, scale = _contract(game, weights, i, supports)
        support = supports[i]
        expected = sum(values[k] * ws[k] for k in support)
        best = max(values)
        denominator = scale * d_i  # dens[i] * prod_j D_j
        payoffs.append(Fraction(expected, denominator))
        regrets.append(Fraction(best * d_i - expected, denominator))
        if strict:
            strict = len(support) == 1 and sum(v == best for v in values) == 1 and (
                values[support[0]] == best
            )
    probabilities = all(min(ws) >= 0 and sum(ws) == d for ws, d in weights)
    return ExactCertificate(tuple(payoffs), tuple(regrets), strict, probabilities)
