"""One Nash equilibrium of a two-player game by Lemke–Howson pivoting, exact and certified.

The Lemke–Howson algorithm follows a path of almost completely labelled
vertex pairs of the two best-response polytopes, from the artificial
equilibrium ``(0, 0)`` to a Nash equilibrium.  This implementation is exact:

* **Integer pivoting** (fraction-free, Bareiss-style).  Every tableau entry is
  a Python ``int``; the determinant of the current basis is the common
  denominator of all of them, and each pivot divides *exactly* by the
  previous pivot element, so entries grow like subdeterminants of the payoff
  matrices, never exponentially.  No rounding can occur, so the path is the
  true one and the result is an exact equilibrium.  (nashpy 0.0.43 pivots a
  float tableau without that division, so its entries grow exponentially;
  on 25x25 random games it already overflows and can then pivot forever.)
* **Lexicographic minimum-ratio test.**  Ties in the ratio test are broken by
  comparing the rows of ``[q | B⁻¹]`` (``B⁻¹`` read off the columns of the
  initial slack basis) lexicographically.  This is the textbook perturbation
  argument: it makes every pivot behave as in a nondegenerate game, so the
  path cannot cycle and the algorithm terminates on degenerate games too.

Sources:

* B. von Stengel, "Computing equilibria for two-person games", ch. 45 of
  R. J. Aumann and S. Hart (eds.), *Handbook of Game Theory with Economic
  Applications*, vol. 3 (2002), sections 2.3 (the Lemke–Howson algorithm),
  2.5 (complementary pivoting) and 2.6 (degenerate games, lexicographic rule).
* B. von Stengel, "Equilibrium computation for two-player games in strategic
  and extensive form", ch. 3 of N. Nisan, T. Roughgarden, É. Tardos and
  V. Vazirani (eds.), *Algorithmic Game Theory* (2007), sections 3.4
  (Lemke–Howson), 3.5 (integer pivoting) and 3.6 (degenerate games).

The steps, for an ``m x n`` bimatrix game ``(A, B)``:

1. Make both payoff matrices positive by adding a constant (affine
   transformations of a player's payoffs do not change equilibria); exact
   games are first scaled to integers (``NormalFormGame.integer_payoffs``).
2. Set up two tableaux.  *P-tableau* for ``P = {x >= 0 : Bᵀx <= 1}``:
   equations ``Bᵀx + s = 1`` with variables ``x_0..x_{m-1}`` (labels
   ``0..m-1``) and slacks ``s_0..s_{n-1}`` (labels ``m..m+n-1``).
   *Q-tableau* for ``Q = {y >= 0 : Ay <= 1}``: ``r + Ay = 1`` with slacks
   ``r_0..r_{m-1}`` (labels ``0..m-1``) and ``y_0..y_{n-1}`` (labels
   ``m..m+n-1``).  Variable ``k`` of either tableau carries label ``k``; a
   label is *present* when its variable is nonbasic (zero).  The slack bases
   give the artificial equilibrium ``(0, 0)``, where every label is present
   exactly once.
3. Drop the initial label ``k``: variable ``k`` enters the basis of the
   tableau in which it is nonbasic (the P-tableau if ``k < m``).
4. Lexicographic minimum-ratio test: choose the leaving variable ``l``.
   Integer pivot: every other row ``i`` becomes
   ``(T_i * p - T_ic * T_r) / d`` with ``p`` the pivot element and ``d`` the
   previous one (an exact division); ``p`` becomes the new determinant.
5. If ``l == k`` every label is present again: stop.  Otherwise label ``l``
   is now present twice; variable ``l`` enters the *other* tableau; go to 4.
6. Read off ``x`` and ``y`` (basic values are ``rhs / det``, nonbasic ones
   are 0) and normalise each to sum to exactly 1.

Large games (``m + n > 40`` by default, or ``arithmetic="float"``) follow the
same path in float64 instead and solve only its last basis exactly, certified,
with this exact pivoting as the fallback (:mod:`.lemke_howson_float`): past a
few dozen pivots the integer entries below outgrow int64 and every pivot
becomes big-integer arithmetic, while the float path costs one numpy update
(or one pass of the optional numba kernel, :mod:`.lemke_howson_kernel`, which
takes the same pivots).  ``capping`` abandons a long path and tries the next
label.

The tableaux are kept *condensed* (only nonbasic columns plus the right-hand
side are stored; basic columns are ``det`` times a unit vector and are
implicit), and each pivot is one vectorised numpy update of the whole array:
in ``int64`` while every entry is below ``2**31`` (so no product can
overflow; checked before each pivot), then in Python ints (object dtype).

>>> from gametrust import NormalFormGame
>>> pennies = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
>>> lemke_howson(pennies)
((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))
>>> stag = NormalFormGame.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]])
>>> for label in range(4):  # each label reaches a pure equilibrium, never the mixed one
...     x, y = lemke_howson(stag, label)
...     print(label, [str(p) for p in x], [str(p) for p in y])
0 ['1', '0'] ['1', '0']
1 ['0', '1'] ['0', '1']
2 ['1', '0'] ['1', '0']
3 ['0', '1'] ['0', '1']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from fractions import Fraction
from functools import cached_property

import numpy as np

from ..core.errors import ArgumentError, Location, SolverError
from ..core.exact import Number
from ..model.game import NormalFormGame
from .lemke_howson_float import Basis, basis_solution, certified_profile, float_path

__all__ = ["FLOAT_PATH_FROM", "lemke_howson", "lemke_howson_gen", "one_equilibrium"]

Profile = tuple[tuple[Number, ...], tuple[Number, ...]]

#: While every entry of a tableau is below this in absolute value, an integer
#: pivot ``(T * p - outer(col, row)) // d`` cannot leave int64 (|T*p| + |c*r| < 2**63),
#: so the tableau is kept as int64; past it, as Python ints (entries grow like determinants).
_INT64_SAFE = 2**31


class _Tableau(Basis):
    """A condensed integer tableau ``d * z_B + T z_N = rhs`` of one polytope.

    ``T`` has one row per basic variable and one column per nonbasic variable,
    plus the right-hand side as its last column; ``det`` (> 0) is the common
    denominator, so basic variable ``basic[i]`` has value ``T[i, -1] / det``.
    """

    __slots__ = ("det", "table")

    def __init__(self, table: np.ndarray, nonbasic: list[int], basic: list[int], size: int):
        super().__init__(nonbasic, basic, size)
        self.table = table
        self.det = 1

    def _slack_column(self, slack: int, rows: list[int]) -> list[int]:
        """Entries of the (full tableau's) column of initial slack ``slack`` in ``rows``."""
        r = self.row_of[slack]
        if r >= 0:
            return [self.det if i == r else 0 for i in rows]
        c = self.col_of[slack]
        return [int(self.table[i, c]) for i in rows]

    def leaving_row(self, c: int) -> int:
        """Lexicographic minimum-ratio test for the entering column ``c``."""
        column = self.table[:, c].tolist()  # Python ints, also from an int64 table
        rhs = self.table[:, -1].tolist()
        candidates = [i for i in range(len(self.basic)) if column[i] > 0]
        if not candidates:  # pragma: no cover - P and Q are bounded for positive payoffs
            raise SolverError("Lemke-Howson: unbounded ray (payoffs not positive?)")
        ties = self._argmin_ratio(candidates, [rhs[i] for i in candidates], column)
        for slack in self.slacks:
            if len(ties) == 1:
                break
            ties = self._argmin_ratio(ties, self._slack_column(slack, ties), column)
        if len(ties) != 1:  # pragma: no cover - rows of B⁻¹ are linearly independent
            raise SolverError("Lemke-Howson: lexicographic ratio test left a tie")
        return ties[0]

    @staticmethod
    def _argmin_ratio(rows: list[int], values: list[int], column: list[int]) -> list[int]:
        """The rows minimising ``value / column[row]`` (all ``column[row] > 0``)."""
        best = [rows[0]]
        best_num, best_den = values[0], column[rows[0]]
        for i, num in zip(rows[1:], values[1:], strict=True):
            den = column[i]
            left, right = num * best_den, best_num * den
            if left < right:
                best, best_num, best_den = [i], num, den
            elif left == right:
                best.append(i)
        return best

    def pivot(self, entering: int) -> int:
        """Bring ``entering`` into the basis; return the variable that leaves."""
        if self.table.dtype != object and int(np.abs(self.table).max()) >= _INT64_SAFE:
            self.table = self.table.astype(object)  # Python ints from here on
        c = self.col_of[entering]
        r = self.leaving_row(c)
        table = self.table
        column = table[:, c].copy()
        row = table[r].copy()
        p = int(column[r])
        table *= p
        table -= np.multiply.outer(column, row)
        table //= self.det  # exact: Bareiss / integer pivoting
        table[r] = row
        table[:, c] = -column
        table[r, c] = self.det
        self.det = p
        return self.exchange(r, c, entering)

    def strategy(self, variables: range) -> tuple[Fraction, ...]:
        """The values of ``variables`` (0 when nonbasic), normalised to sum to 1."""
        values = [
            int(self.table[self.row_of[v], -1]) if self.row_of[v] >= 0 else 0 for v in variables
        ]
        total = sum(values)
        if total <= 0:  # pragma: no cover - the path never ends at the artificial vertex
            raise SolverError("Lemke-Howson ended at the artificial equilibrium")
        return tuple(Fraction(v, total) for v in values)


def _check_game(game: object) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise ArgumentError(
            f"Lemke-Howson takes a NormalFormGame, got {type(game).__name__}",
            Location(path=("game",)),
        )
    if game.n_players != 2:
        raise ArgumentError(
            f"Lemke-Howson solves two-player games; this game has {game.n_players} players",
            Location(path=("game",)),
        )
    return game


def _check_label(label: object, n_labels: int, path: tuple[str | int, ...]) -> int:
    if isinstance(label, np.integer):
        label = int(label)
    if not isinstance(label, int) or isinstance(label, bool):
        raise ArgumentError(
            f"an initial label is an integer in range({n_labels}), got {label!r}",
            Location(path=path),
        )
    if not 0 <= label < n_labels:
        raise ArgumentError(
            f"initial label {label} is not in range({n_labels}) "
            f"(labels 0..m-1 are the row player's actions, m..m+n-1 the column player's)",
            Location(path=path),
        )
    return label


def _initial_table(matrix: np.ndarray) -> np.ndarray:
    """``[matrix | 1]`` for positive ints: int64 while that is safe, else Python ints."""
    rows, cols = matrix.shape
    safe = max(matrix.ravel().tolist(), default=0) < _INT64_SAFE
    table = np.empty((rows, cols + 1), dtype=np.int64 if safe else object)
    table[:, :cols] = matrix
    table[:, cols] = 1
    return table


class _Start:
    """The positive integer payoffs of an ``m x n`` game and its two initial tableaux
    (the artificial equilibrium), made when first needed."""

    def __init__(self, a: np.ndarray, b: np.ndarray):
        self.a, self.b = a, b  # int64 or Python ints, all positive
        self.m, self.n = a.shape

    @cached_property
    def p_table(self) -> np.ndarray:
        """P: B^T x + s = 1; x_i is variable i, s_j is variable m + j."""
        return _initial_table(self.b.T)

    @cached_property
    def q_table(self) -> np.ndarray:
        """Q: r + A y = 1; r_i is variable i, y_j is variable m + j."""
        return _initial_table(self.a)


def _positive(matrix: np.ndarray) -> np.ndarray:
    """``matrix - min + 1``: positive integers, int64 when the range allows, else Python ints."""
    if matrix.dtype == np.int64 and matrix.size:
        low, high = int(matrix.min()), int(matrix.max())
        if low > -(2**62) and high < 2**62:  # high - low + 1 < 2**63
            return matrix - np.int64(low - 1)
    low = min(matrix.ravel().tolist())
    positive = np.empty(matrix.shape, dtype=object)
    positive.ravel()[:] = [v - low + 1 for v in matrix.ravel().tolist()]
    return positive


def _start(game: NormalFormGame) -> _Start:
    """Positive integer payoffs (same equilibria) and the initial tableaux."""
    exact = game if game.exact else NormalFormGame.from_payoff_tensor(game.payoffs, exact=True)
    ints, _ = exact.integer_form  # per-player positive scaling: same equilibria
    a, b = _positive(ints[0]), _positive(ints[1])
    return _Start(a, b)


def _run(
    start: _Start, label: int, max_pivots: int | None = None
) -> tuple[tuple[Fraction, ...], ...] | None:
    """The end of the Lemke–Howson path that drops ``label`` (``None``: over ``max_pivots``)."""
    m, size = start.m, start.m + start.n
    p_tab = _Tableau(start.p_table.copy(), list(range(m)), list(range(m, size)), size)
    q_tab = _Tableau(start.q_table.copy(), list(range(m, size)), list(range(m)), size)
    current, other = (p_tab, q_tab) if label < m else (q_tab, p_tab)
    entering = label
    seen: set[tuple[frozenset[int], frozenset[int]]] = set()
    while True:
        if max_pivots is not None and len(seen) >= max_pivots:
            return None
        leaving = current.pivot(entering)
        if leaving == label:
            break
        state = (frozenset(p_tab.basic), frozenset(q_tab.basic))
        if state in seen:  # pragma: no cover - impossible with the lexicographic rule
            raise SolverError("Lemke-Howson revisited a basis (cycling)")
        seen.add(state)
        entering = leaving
        current, other = other, current
    return p_tab.strategy(range(m)), q_tab.strategy(range(m, size))


def _finish(game: NormalFormGame, profile: tuple[tuple[Fraction, ...], ...]) -> Profile:
    x, y = profile
    if game.exact:
        return x, y
    return tuple(float(v) for v in x), tuple(float(v) for v in y)


#: Games with more actions than this (m + n) follow the path in floats by default
#: (``arithmetic="auto"``); smaller ones pivot exactly on integers all the way.
FLOAT_PATH_FROM = 40

_ARITHMETIC = ("auto", "exact", "float")


def _end(
    start: _Start, label: int, arithmetic: str, max_pivots: int | None
) -> tuple[tuple[Fraction, ...], ...] | None:
    """The end of the path dropping ``label``, exact; ``None`` when over ``max_pivots``."""
    if arithmetic == "exact":
        return _run(start, label, max_pivots)
    try:
        end = float_path(start.a, start.b, label, max_pivots)
    except OverflowError:  # payoffs beyond the float range: the exact path decides
        end = None
    if end is not None and not end.complete:
        return None
    if end is not None:
        solution = basis_solution(start.a, start.b, end)
        profile = None if solution is None else certified_profile(start.a, start.b, solution)
        if profile is not None:
            return profile
    # the floats went astray (or the basis is not an equilibrium): pivot exactly instead
    return _run(start, label)


def _arithmetic(arithmetic: object, size: int) -> str:
    if arithmetic not in _ARITHMETIC:
        raise ArgumentError(
            f"arithmetic is one of {', '.join(_ARITHMETIC)}, got {arithmetic!r}",
            Location(path=("arithmetic",)),
        )
    if arithmetic == "auto":
        return "float" if size > FLOAT_PATH_FROM else "exact"
    return str(arithmetic)


def _capped(start: _Start, label: int, arithmetic: str, capping: int) -> tuple:
    """QuantEcon's *capping*, made terminating: labels ``label, label + 1, ...`` in turn,
    each path abandoned after ``capping`` pivots; after a round, the cap doubles."""
    size = start.m + start.n
    cap = capping
    while True:
        for k in range(size):
            profile = _end(start, (label + k) % size, arithmetic, cap)
            if profile is not None:
                return profile
        cap *= 2


def lemke_howson(
    game: NormalFormGame,
    initial_label: int = 0,
    *,
    capping: int | None = None,
    arithmetic: str = "auto",
) -> Profile:
    """One Nash equilibrium of a two-player game, by Lemke–Howson pivoting, certified exactly.

    ``initial_label`` is the label dropped at the artificial equilibrium:
    ``0..m-1`` are the row player's actions, ``m..m+n-1`` the column
    player's.  Path lengths differ a lot between labels (on random games
    they are heavy-tailed), so on a large game another label may finish much
    sooner: with ``capping=k`` a path is abandoned after ``k`` pivots and the
    next label tried (``initial_label + 1``, ... cyclically), the cap doubling
    after each round, so the search always ends.

    ``arithmetic``: ``"exact"`` pivots on integers all the way; ``"float"``
    follows the path in floats and solves its last basis exactly, falling
    back to exact pivoting when that basis is not an equilibrium
    (:mod:`gametrust.solvers.lemke_howson_float`); ``"auto"`` (default) is
    exact for games with ``m + n <= 40`` and float above.  In a nondegenerate
    game both reach the same equilibrium; the answer is exact either way.

    Exact games give ``Fraction`` probabilities; float games are solved
    exactly on the rationals their floats are and the result is converted
    back to ``float``.  Each strategy sums to exactly 1.

    Raises :class:`~gametrust.core.errors.ArgumentError` for a game that is not
    two-player, a label out of range, a bad ``capping`` or ``arithmetic``.

    >>> from gametrust import NormalFormGame
    >>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> lemke_howson(pd)
    ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1)))
    >>> lemke_howson(pd.to_float(), initial_label=3)
    ((0.0, 1.0), (0.0, 1.0))
    >>> lemke_howson(pd, arithmetic="float", capping=1)
    ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1)))
    """
    game = _check_game(game)
    m, n = game.shape
    label = _check_label(initial_label, m + n, ("initial_label",))
    mode = _arithmetic(arithmetic, m + n)
    if capping is not None and (
        not isinstance(capping, int) or isinstance(capping, bool) or capping < 1
    ):
        raise ArgumentError(
            f"capping is a positive number of pivots, got {capping!r}", Location(path=("capping",))
        )
    start = _start(game)
    if capping is None:
        profile = _end(start, label, mode, None)
        assert profile is not None  # no cap: every path ends
    else:
        profile = _capped(start, label, mode, capping)
    return _finish(game, profile)


def one_equilibrium(game: NormalFormGame) -> Profile:
    """One equilibrium, as ``solve(game, method="lemke-howson")`` finds it.

    Label 0; for a large game (``m + n > 40``) a path longer than
    ``5 * (m + n)`` pivots is abandoned for the next label (``capping``, the
    cap doubling after each round): on random games path lengths are
    heavy-tailed, and another label usually finishes far sooner.  Small games
    follow label 0 to its end, as :func:`lemke_howson` does.

    >>> from gametrust import NormalFormGame
    >>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> one_equilibrium(pd) == lemke_howson(pd)
    True
    """
    game = _check_game(game)
    size = sum(game.shape)
    return lemke_howson(game, 0, capping=5 * size if size > FLOAT_PATH_FROM else None)


def lemke_howson_gen(
    game: NormalFormGame,
    initial_labels: Iterable[int] | None = None,
    *,
    arithmetic: str = "auto",
) -> Iterator[Profile]:
    """The equilibria reached from each initial label (default: all), without repeats.

    This finds *some* equilibria, in general not all of them.  Arguments are
    checked when it is called, not when iteration starts; ``arithmetic`` as in
    :func:`lemke_howson`.

    >>> from gametrust import NormalFormGame
    >>> chicken = NormalFormGame.from_arrays([[0, -1], [1, -10]], [[0, 1], [-1, -10]])
    >>> for x, y in lemke_howson_gen(chicken):
    ...     print([str(p) for p in x], [str(p) for p in y])
    ['1', '0'] ['0', '1']
    ['0', '1'] ['1', '0']
    """
    game = _check_game(game)
    m, n = game.shape
    mode = _arithmetic(arithmetic, m + n)
    if initial_labels is None:
        labels: list[object] = list(range(m + n))
    else:
        try:
            labels = list(initial_labels)
        except TypeError:
            raise ArgumentError(
                f"initial_labels is an iterable of labels, got {type(initial_labels).__name__}",
                Location(path=("initial_labels",)),
            ) from None
    checked = [_check_label(label, m + n, ("initial_labels", k)) for k, label in enumerate(labels)]
    return _distinct_ends(game, _start(game), checked, mode)


def _distinct_ends(
    game: NormalFormGame, start: _Start, labels: list[int], mode: str
) -> Iterator[Profile]:
    seen: set[tuple[tuple[Fraction, ...], ...]] = set()
    for label in labels:
        profile = _end(start, label, mode, None)
        assert profile is not None
        if profile not in seen:
            seen.add(profile)
            yield _finish(game, profile)
