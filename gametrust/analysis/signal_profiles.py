"""The support profiles a signalling solver enumerates, as formulas on an interval.

:func:`~gametrust.solvers.signalling.solve_signalling` enumerates support
profiles (the signals each type sends, the responses the receiver mixes over
at each signal sent); for each one whose on-path systems have solutions it
takes the centre of the receiver's polytope (or, for a continuum whose centre
no off-path response supports, the centre of the first supported piece) and
asks, at the types' values there, which off-path responses deter every type
and whether the Intuitive Criterion holds.  :class:`SignalProfiles` redoes
that enumeration at a sample point of an interval and gives, for **every**
profile with solutions (an equilibrium there or not), those points as exact
rational functions of the swept value (:class:`ProfileFormulas`) and the
polynomials whose signs decide the off-path tests there.  Whether a profile
has solutions, and the vertices of its polytopes, are decided by the pools
of :mod:`gametrust.analysis.signal_polys`; so on an interval where neither
set of polynomials has a root, the solver takes the same branches everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations, product

from ..core.linalg import bounded_polytope, is_inconsistent
from ..core.polynomial import Poly, RationalFunction
from .poly_linalg import reduce
from .signal_polys import Pool, Row, differences, fit_point

__all__ = ["ProfileFormulas", "SignalProfiles", "subsets"]

RF = RationalFunction
ZERO = RF.constant(0)
ONE = RF.constant(1)
#: A profile: the signals each type sends, and the responses mixed over at each on-path signal.
Key = tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, tuple[int, ...]], ...]]


def subsets(n: int) -> list[tuple[int, ...]]:
    """Non-empty subsets of ``range(n)``, smallest first (the solver's order)."""
    return [c for size in range(1, n + 1) for c in combinations(range(n), size)]


def _average(points: Sequence[Sequence[RationalFunction]]) -> list[RationalFunction]:
    unique: list[Sequence[RationalFunction]] = []
    for p in points:
        if not any(all((x - y).num.is_zero() for x, y in zip(p, q, strict=True)) for q in unique):
            unique.append(p)
    n = len(unique)
    return [reduce(sum((p[i] for p in unique), ZERO) * Fraction(1, n))
            for i in range(len(unique[0]))]


def _at(rows: Sequence[Row], sample: Fraction, n: int) -> tuple[list, list]:
    """The rows evaluated at ``sample``, with ``x >= 0`` added, as the solver writes them."""
    eqs = [([c(sample) for c in co], b(sample)) for co, b, kind in rows if kind == "="]
    ineqs = [([c(sample) for c in co], b(sample)) for co, b, kind in rows if kind != "="]
    ineqs += [([Fraction(int(i == j)) for j in range(n)], Fraction(0)) for i in range(n)]
    return eqs, ineqs


@dataclass
class ProfileFormulas:
    """One support profile on an interval: ``sigma[k][m]`` the centre of the sender's
    polytope, ``centre`` that of the receiver's on-path polytope (keyed ``(m, a)``), ``piece``
    the centre of its first supported piece (continua only), and ``polys`` what the off-path
    tests at those points depend on."""

    supports: list[list[int]]
    sigma: list[list[RationalFunction]]
    centre: dict[tuple[int, int], RationalFunction]
    piece: dict[tuple[int, int], RationalFunction] | None
    polys: set[Poly] = field(default_factory=set)


class SignalProfiles:
    """The solver's enumeration on an interval where the stage replies are fixed: ``prior[k]``,
    ``cost[k][m]``, ``us[k][a]`` (sender's gross payoff) and ``ur[k][a]`` as functions of t."""

    def __init__(self, prior: Sequence[RF], cost: Sequence[Sequence[RF]],
                 us: Sequence[Sequence[RF]], ur: Sequence[Sequence[RF]]) -> None:
        self.prior, self.cost, self.us, self.ur = prior, cost, us, ur
        self.nt, self.nm, self.na = len(prior), len(cost[0]), len(us[0])

    # -- the solver's systems, as rows of rational functions -----------------------------------

    def sender_rows(self, index: list[tuple[int, int]], on_path: list[int],
                    resp: dict[int, list[int]]) -> list[Row]:
        """Sender strategies (type, signal) that make each on-path response set optimal."""
        rows: list[Row] = [([ONE if kk == k else ZERO for kk, _ in index], ONE, "=")
                           for k in range(self.nt)]

        def weighted(m: int, a: int, b: int) -> list[RF]:
            return [self.prior[k] * (self.ur[k][a] - self.ur[k][b]) if mm == m else ZERO
                    for k, mm in index]

        for m in on_path:
            a0 = resp[m][0]
            rows += [(weighted(m, a, a0), ZERO, "=") for a in resp[m][1:]]
            rows += [(weighted(m, a0, b), ZERO, ">=") for b in range(self.na)
                     if b not in resp[m]]
        return rows

    def gap(self, index: list[tuple[int, int]], k: int, m: int, other: int) -> tuple[
        list[RF], RF
    ]:
        """Type k's payoff from signal m minus from ``other``: a row and its constant."""
        row = [ZERO] * len(index)
        for i, (mm, a) in enumerate(index):
            if mm == m:
                row[i] = row[i] + self.us[k][a]
            elif mm == other:
                row[i] = row[i] - self.us[k][a]
        return row, self.cost[k][m] - self.cost[k][other]

    def receiver_rows(self, index: list[tuple[int, int]], supports: list[list[int]],
                      on_path: list[int]) -> list[Row]:
        """On-path receiver mixes (signal, response) that keep each type's support optimal."""
        rows: list[Row] = [([ONE if mm == m else ZERO for mm, _ in index], ONE, "=")
                           for m in on_path]
        for k in range(self.nt):
            m0 = supports[k][0]
            for m in supports[k][1:]:
                rows.append((*self.gap(index, k, m, m0), "="))
            for other in on_path:
                if other not in supports[k]:
                    rows.append((*self.gap(index, k, m0, other), ">="))
        return rows

    def values(self, y: dict[tuple[int, int], RF], supports: list[list[int]]) -> list[RF]:
        """Each type's payoff at the receiver's on-path mix ``y``."""
        out = []
        for k in range(self.nt):
            m0 = supports[k][0]
            total = -self.cost[k][m0]
            for a in range(self.na):
                if (m0, a) in y:
                    total = total + y[(m0, a)] * self.us[k][a]
            out.append(reduce(total))
        return out

    def option_polys(self, values: list[RF], polys: set[Poly]) -> None:
        """What the off-path options and the Intuitive Criterion decide with these values."""
        for m in range(self.nm):
            rows = [[ONE] * self.na + [ONE]]
            rows += [[*self.us[k], values[k] + self.cost[k][m]] for k in range(self.nt)]
            Pool(rows).minors(polys)
            for k in range(self.nt):
                for a in range(self.na):
                    num = (values[k] - self.us[k][a] + self.cost[k][m]).num
                    if num.degree > 0:
                        polys.add(num.primitive())

    # -- the enumeration -----------------------------------------------------------------------

    def enumerate(self, sample: Fraction, feasible: Sequence[tuple[int, ...]]) -> dict[
        Key, ProfileFormulas
    ]:
        """Every profile with solutions at ``sample``, as formulas (``feasible``: the response
        sets that are best responses to some belief)."""
        out: dict[Key, ProfileFormulas] = {}
        for supports_t in product(subsets(self.nm), repeat=self.nt):
            supports = [list(s) for s in supports_t]
            on_path = sorted(set().union(*supports_t))
            for chosen in product(feasible, repeat=len(on_path)):
                resp = {m: list(c) for m, c in zip(on_path, chosen, strict=True)}
                found = self._profile(sample, supports, on_path, resp, feasible)
                if found is not None:
                    key = (supports_t, tuple((m, tuple(resp[m])) for m in on_path))
                    out[key] = found
        return out

    def _profile(self, sample: Fraction, supports: list[list[int]], on_path: list[int],
                 resp: dict[int, list[int]], feasible: Sequence[tuple[int, ...]]
                 ) -> ProfileFormulas | None:
        r_index = [(m, a) for m in on_path for a in resp[m]]
        r_rows = self.receiver_rows(r_index, supports, on_path)
        s_index = [(k, m) for k in range(self.nt) for m in supports[k]]
        s_rows = self.sender_rows(s_index, on_path, resp)
        # cheap first, as the solver does: one of the equality systems is often inconsistent
        for rows, n in ((r_rows, len(r_index)), (s_rows, len(s_index))):
            if is_inconsistent(_at(rows, sample, n)[0], n):
                return None
        rho = bounded_polytope(len(r_index), *_at(r_rows, sample, len(r_index)),
                               positive=range(len(r_index)))
        if rho is None:
            return None
        sigma_poly = bounded_polytope(len(s_index), *_at(s_rows, sample, len(s_index)),
                                      positive=range(len(s_index)))
        if sigma_poly is None:
            return None
        polys: set[Poly] = set()
        s_fits = [fit_point(s_rows, list(v), sample) for v in sigma_poly.vertices]
        differences(s_fits, polys)
        sigma = [[ZERO] * self.nm for _ in range(self.nt)]
        for (k, m), f in zip(s_index, _average(s_fits), strict=True):
            sigma[k][m] = f
        r_fits = [fit_point(r_rows, list(v), sample) for v in rho.vertices]
        differences(r_fits, polys)
        centre = dict(zip(r_index, _average(r_fits), strict=True))
        self.option_polys(self.values(centre, supports), polys)
        piece = None
        if len(rho.vertices) > 1:
            found = self._first_piece(r_index, r_rows, supports, on_path, sample, feasible,
                                      polys)
            if found is not None:
                piece = dict(zip(r_index, found, strict=True))
                self.option_polys(self.values(piece, supports), polys)
        return ProfileFormulas(supports, sigma, centre, piece, polys)

    def _first_piece(self, r_index: list[tuple[int, int]], r_rows: list[Row],
                     supports: list[list[int]], on_path: list[int], sample: Fraction,
                     feasible: Sequence[tuple[int, ...]], polys: set[Poly]) -> list[RF] | None:
        """The centre of the first supported piece of a continuum, as the solver picks it:
        the first choice of off-path responses whose joint polytope (on-path mixes and
        deterrents) has solutions, its centre projected on the path."""
        off = [m for m in range(self.nm) if m not in on_path]
        n_on = len(r_index)
        for chosen in product(feasible, repeat=len(off)):
            index = r_index + [(m, a) for m, support in zip(off, chosen, strict=True)
                               for a in support]
            grow = [ZERO] * (len(index) - n_on)
            rows: list[Row] = [([*c, *grow], b, kind) for c, b, kind in r_rows]
            for m in off:
                rows.append(([ONE if mm == m and i >= n_on else ZERO
                              for i, (mm, _) in enumerate(index)], ONE, "="))
                for k in range(self.nt):
                    row, rhs = self.gap(index, k, supports[k][0], m)
                    rows.append((row, rhs, ">="))
            n = len(index)
            poly = bounded_polytope(n, *_at(rows, sample, n), positive=range(n))
            if poly is None:
                continue
            fits = [fit_point(rows, list(v), sample) for v in poly.vertices]
            differences(fits, polys)
            return _average(fits)[:n_on]
        return None
