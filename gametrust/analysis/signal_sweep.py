"""The signalling engine of the exact sweep: candidates, solving at points, formulas.

:class:`SignalEngine` serves :func:`gametrust.analysis.types_sweep.sweep_types`
for a scenario with ``signalling:`` (or a
:class:`~gametrust.model.signalling.SignallingGame`) whose priors, payoffs and
signal costs are rational functions of the swept value ``t``
(:class:`~gametrust.analysis.types_model.SignallingModel`).

**Why every breakpoint is found.**  The game
:func:`~gametrust.solvers.signalling.solve_signalling` solves at ``t`` is
determined by (1) the sender's stage-game reply to each response, which
changes only where two of its stage payoffs cross (their differences are
candidates; at a tie the signal stage is undefined and the point is listed as
such), and (2) the priors (where one reaches 0 the game is undefined), the
sender's gross payoffs ``u_S``, the receiver's ``u_R`` and the costs.  Given
those, the solver enumerates supports (independent of ``t``) and for each
solves linear systems and enumerates polytopes whose rows come from three
pools built from the data (:class:`~gametrust.analysis.signal_polys.Pool`):

* the sender's strategies: ``sum_m z(k, m) = p_k`` and the receiver's
  indifference rows ``sum_k (u_R(k, a) - u_R(k, b)) z(k, m)`` (``z = p sigma``);
* the receiver's on-path mixes and every off-path deterrent: the rows
  ``sum_a y(m, a) u_S(k, a) - sum_a y(m', a) u_S(k, a)`` against
  ``cost(k, m) - cost(k, m')``, and ``sum_a y(m, a) = 1``;
* the receiver's beliefs: ``sum_k mu_k (u_R(k, a) - u_R(k, b))`` and
  ``sum_k mu_k = 1``.

Where no minor of these pools changes sign, every system keeps its
combinatorial type (:mod:`~gametrust.analysis.signal_polys`), so the same
supports give equilibria, with the same vertices as rational functions of
``t``.  (3) What the solver then computes at the point it shows for each
equilibrium (the centre of a continuum, or of its first supported piece): the
off-path responses that deter every type and the Intuitive Criterion compare
each type's equilibrium value ``V_k(t)`` with ``u_S - cost``; those values are
rational functions on the interval, and the minors of the off-path pool
``[u_S(k, .) | V_k + cost(k, m)]`` and the differences ``V_k - u_S(k, a) +
cost(k, m)`` decide them.  The sweep adds (2)'s and (3)'s polynomials at a
sample point of every gap and refines until no gap holds a root of what its
own answer relied on; then on every interval the solver's every branch is the
same, and so are its equilibria.  Irrational candidates cannot be solved
exactly (the solver works over the rationals): they are listed as points and
the sweep says it is not complete.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations, product
from typing import Any

from ..core.errors import ArgumentError, ScenarioError, SolverError
from ..core.linalg import bounded_polytope
from ..core.polynomial import Poly, RationalFunction
from ..model.signalling_beliefs import SignallingTables
from ..solvers.signalling import solve_signalling
from ..solvers.signalling_result import PerfectBayesianEquilibrium, SignallingResult
from .parametric import show_value
from .poly_linalg import reduce
from .signal_polys import Pool, Row, check_minors, differences, fit_point
from .types_model import SignallingModel, TypeAxis, check_defined
from .types_sweep_result import PointCache, PointSolution, SignalPiece

__all__ = ["SignalEngine", "signalling_signature"]

RF = RationalFunction
ZERO = RF.constant(0)
ONE = RF.constant(1)


def signalling_signature(result: SignallingResult) -> tuple:
    """What must not change inside an interval: each equilibrium's kind, supports on the path,
    off-path options (supports and sizes), Intuitive Criterion tests and continuum shape."""

    def key(e: PerfectBayesianEquilibrium) -> tuple:
        sender = tuple((t, tuple(m for m, p in row.items() if p > 0))
                       for t, row in e.sender.items())
        receiver = tuple((m, tuple(a for a, p in e.receiver[m].items() if p > 0))
                         for m in e.on_path)
        off = tuple(
            (m, tuple(sorted((o.support, len(o.mixes), len(o.beliefs.vertices)) for o in opts)))
            for m, opts in sorted(e.off_path.items())
        )
        tests = tuple((f.signal, f.dominated, f.remaining, f.deviators)
                      for f in e.intuitive_criterion.tests)
        shape = () if e.continuum is None else (
            len(e.continuum.sender), len(e.continuum.receiver),
            tuple(len(p) for p in e.continuum.supported))
        return e.kind, sender, receiver, off, tests, shape

    return tuple(sorted(key(e) for e in result))


def _subsets(n: int) -> list[tuple[int, ...]]:
    return [c for size in range(1, n + 1) for c in combinations(range(n), size)]


def _average(points: Sequence[Sequence[RationalFunction]]) -> list[RationalFunction]:
    unique: list[Sequence[RationalFunction]] = []
    for p in points:
        if not any(all((x - y).num.is_zero() for x, y in zip(p, q, strict=True)) for q in unique):
            unique.append(p)
    n = len(unique)
    return [reduce(sum((p[i] for p in unique), ZERO) * Fraction(1, n))
            for i in range(len(unique[0]))]


@dataclass
class _Rep:
    """One equilibrium's point shown, as formulas: sender ``sigma[k][m]``, on-path receiver
    ``y[(m, a)]``, values ``V[k]``; ``polys`` what the solver relied on there."""

    sigma: list[list[RationalFunction]]
    y: dict[tuple[int, int], RationalFunction]
    values: list[RationalFunction]
    polys: set[Poly]


class SignalEngine(PointCache):
    """Candidates, points and formulas of the sweep of one :class:`SignallingModel`."""

    kind = "signalling"

    def __init__(self, model: SignallingModel, axis: TypeAxis, lo: Fraction, hi: Fraction
                 ) -> None:
        self.model, self.axis = model, axis
        check_defined(model.functions(), lo, hi, axis)
        self.nt, self.nm, self.na = len(model.types), len(model.signals), len(model.responses)
        self.cache: dict[Any, PointSolution] = {}
        self.pools: dict[tuple, set[Poly]] = {}
        self.reps: dict[Fraction, list[_Rep]] = {}

    # -- candidates ------------------------------------------------------------------------------

    def candidates(self) -> set[Poly]:
        """Where a prior reaches 0 or the sender's stage reply can change."""
        out: set[Poly] = set()
        for p in self.model.prior:
            if p.num.degree > 0:
                out.add(p.num.primitive())
        for row in self.model.cells:
            for cell in row:
                for (a, _), (b, _) in combinations(cell.payoffs, 2):
                    num = (a - b).num
                    if num.degree > 0:
                        out.add(num.primitive())
        return out

    def _selection(self, t: Fraction) -> tuple[tuple[int, ...], ...] | None:
        """The sender's stage reply to each response, per type (``None`` at a tie)."""
        out = []
        for row in self.model.cells:
            chosen = []
            for cell in row:
                values = [u(t) for u, _ in cell.payoffs]
                best = max(values)
                if values.count(best) > 1:
                    return None
                chosen.append(values.index(best))
            out.append(tuple(chosen))
        return tuple(out)

    def _data(self, selection: tuple[tuple[int, ...], ...]) -> tuple[list[list[RF]],
                                                                  list[list[RF]]]:
        us = [[row[r].payoffs[selection[k][r]][0] for r in range(self.na)]
              for k, row in enumerate(self.model.cells)]
        ur = [[row[r].payoffs[selection[k][r]][1] for r in range(self.na)]
              for k, row in enumerate(self.model.cells)]
        return us, ur

    def _pool_polys(self, selection: tuple[tuple[int, ...], ...]) -> set[Poly]:
        if selection in self.pools:
            return self.pools[selection]
        us, ur = self._data(selection)
        model, nt, nm, na = self.model, self.nt, self.nm, self.na
        sender = [[ONE if k == kk else ZERO for kk in range(nt) for _ in range(nm)]
                  + [model.prior[k]] for k in range(nt)]
        for m in range(nm):
            for a, b in combinations(range(na), 2):
                sender.append([ur[kk][a] - ur[kk][b] if mm == m else ZERO
                               for kk in range(nt) for mm in range(nm)] + [ZERO])
        receiver = [[ONE if mm == m else ZERO for mm in range(nm) for _ in range(na)] + [ONE]
                    for m in range(nm)]
        for k in range(nt):
            for m, m2 in combinations(range(nm), 2):
                receiver.append(
                    [us[k][a] if mm == m else (-us[k][a] if mm == m2 else ZERO)
                     for mm in range(nm) for a in range(na)]
                    + [model.cost[k][m] - model.cost[k][m2]])
        beliefs = [[ur[k][a] - ur[k][b] for k in range(nt)] + [ZERO]
                   for a, b in combinations(range(na), 2)]
        beliefs.append([ONE] * nt + [ONE])
        pools = [Pool(sender), Pool(receiver), Pool(beliefs)]
        check_minors(pools, self.axis.option)
        out: set[Poly] = set()
        for pool in pools:
            pool.minors(out)
        self.pools[selection] = out
        return out

    def relied(self, sample: Fraction, solution: PointSolution) -> set[Poly]:
        """The pools' minors for the stage replies at ``sample`` and what the solver's answer
        there relied on (see the module docstring)."""
        selection = self._selection(sample)
        if selection is None:
            return set()
        out = set(self._pool_polys(selection))
        if solution.result is not None:
            for rep in self._reps(sample, solution.result, selection):
                out |= rep.polys
        return out

    # -- solving ----------------------------------------------------------------------------------

    def _solve(self, t: Any) -> PointSolution:
        if not isinstance(t, Fraction):
            note = (f"not solved: an irrational point (≈ {float(t):.6g}); the signalling "
                    "solver is exact over the rationals")
            return PointSolution(t, False, None, ("unsolved",), note)
        try:
            game = self.model.build(t)
        except (ScenarioError, ArgumentError) as exc:
            note = f"the signalling game is not defined here: {exc.message}"
            return PointSolution(t, True, None, ("undefined", exc.message), note)
        result = solve_signalling(game)
        return PointSolution(t, True, result, signalling_signature(result))

    # -- the point shown for each equilibrium, as formulas ----------------------------------------

    def _reps(self, sample: Fraction, result: SignallingResult,
              selection: tuple[tuple[int, ...], ...]) -> list[_Rep]:
        if sample not in self.reps:
            us, _ = self._data(selection)
            self.reps[sample] = [self._rep(e, sample, us, result) for e in result]
        return self.reps[sample]

    def _rep(self, e: PerfectBayesianEquilibrium, sample: Fraction, us: list[list[RF]],
             result: SignallingResult) -> _Rep:
        model = self.model
        types, signals, responses = model.types, model.signals, model.responses
        polys: set[Poly] = set()
        supports = [[m for m, s in enumerate(signals) if e.sender[t][s] > 0] for t in types]
        on_path = [m for m, s in enumerate(signals) if s in e.on_path]
        resp = {m: [a for a, r in enumerate(responses) if e.receiver[signals[m]][r] > 0]
                for m in on_path}
        # the sender: the centre of its polytope
        s_index = [(k, m) for k in range(self.nt) for m in supports[k]]
        s_rows = self._sender_rows(s_index, on_path, resp, selection_ur=self._ur(sample))
        s_points = ([v for v in e.continuum.sender] if e.continuum is not None
                    else [e.sender])
        s_fits = [fit_point(s_rows, [pt[types[k]][signals[m]] for k, m in s_index], sample)
                  for pt in s_points]
        differences(s_fits, polys)
        s_centre = _average(s_fits)
        sigma = [[ZERO] * self.nm for _ in range(self.nt)]
        for (k, m), f in zip(s_index, s_centre, strict=True):
            sigma[k][m] = f
        # the receiver on the path: the centre of its polytope, or of the first supported piece
        r_index = [(m, a) for m in on_path for a in resp[m]]
        r_rows = self._receiver_rows(r_index, supports, on_path, us)
        shown = [e.receiver[signals[m]][responses[a]] for m, a in r_index]
        r_points = (list(e.continuum.receiver) if e.continuum is not None else [e.receiver])
        r_fits = [fit_point(r_rows, [pt[signals[m]][responses[a]] for m, a in r_index], sample)
                  for pt in r_points]
        differences(r_fits, polys)
        centre = _average(r_fits)
        candidates = [centre]
        if [f(sample) for f in centre] != shown:
            piece = self._first_piece(r_index, r_rows, supports, on_path, us, sample, polys)
            if [f(sample) for f in piece] != shown:
                raise SolverError(f"cannot reproduce the receiver's play of {e.kind} "
                                  f"equilibrium at {sample}")
            candidates.append(piece)
        for y in candidates:
            values = self._values(dict(zip(r_index, y, strict=True)), supports, us)
            self._option_polys(values, us, polys)
        y = dict(zip(r_index, candidates[-1], strict=True))
        values = self._values(y, supports, us)
        if [v(sample) for v in values] != [e.sender_payoffs[t] for t in types]:
            raise SolverError(f"the values of the types in a {e.kind} equilibrium do not "
                              f"match at {sample}")
        return _Rep(sigma, y, values, polys)

    def _ur(self, t: Fraction) -> list[list[RF]]:
        selection = self._selection(t)
        assert selection is not None
        return self._data(selection)[1]

    def _sender_rows(self, index: list[tuple[int, int]], on_path: list[int],
                     resp: dict[int, list[int]], selection_ur: list[list[RF]]) -> list[Row]:
        prior, ur = self.model.prior, selection_ur
        rows: list[Row] = []
        for k in range(self.nt):
            rows.append(([ONE if kk == k else ZERO for kk, _ in index], ONE, "="))

        def weighted(m: int, a: int, b: int) -> list[RF]:
            return [prior[k] * (ur[k][a] - ur[k][b]) if mm == m else ZERO for k, mm in index]

        for m in on_path:
            a0 = resp[m][0]
            rows += [(weighted(m, a, a0), ZERO, "=") for a in resp[m][1:]]
            rows += [(weighted(m, a0, b), ZERO, ">=") for b in range(self.na)
                     if b not in resp[m]]
        return rows

    def _gap(self, index: list[tuple[int, int]], k: int, m: int, other: int,
             us: list[list[RF]]) -> tuple[list[RF], RF]:
        row = [ZERO] * len(index)
        for i, (mm, a) in enumerate(index):
            if mm == m:
                row[i] = row[i] + us[k][a]
            elif mm == other:
                row[i] = row[i] - us[k][a]
        return row, self.model.cost[k][m] - self.model.cost[k][other]

    def _receiver_rows(self, index: list[tuple[int, int]], supports: list[list[int]],
                       on_path: list[int], us: list[list[RF]]) -> list[Row]:
        rows: list[Row] = []
        for m in on_path:
            rows.append(([ONE if mm == m else ZERO for mm, _ in index], ONE, "="))
        for k in range(self.nt):
            m0 = supports[k][0]
            for m in supports[k][1:]:
                rows.append((*self._gap(index, k, m, m0, us), "="))
            for other in on_path:
                if other not in supports[k]:
                    rows.append((*self._gap(index, k, m0, other, us), ">="))
        return rows

    def _first_piece(self, r_index: list[tuple[int, int]], r_rows: list[Row],
                     supports: list[list[int]], on_path: list[int], us: list[list[RF]],
                     sample: Fraction, polys: set[Poly]) -> list[RF]:
        """The centre of the first supported piece of a continuum, as the solver picks it."""
        game = self.model.build(sample)
        tables = SignallingTables(game)
        feasible = [s for s in _subsets(self.na) if tables.belief_polytope(s) is not None]
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
                    row, rhs = self._gap(index, k, supports[k][0], m, us)
                    rows.append((row, rhs, ">="))
            n = len(index)
            eqs = [([c(sample) for c in co], b(sample)) for co, b, kind in rows if kind == "="]
            ineqs = [([c(sample) for c in co], b(sample)) for co, b, kind in rows if kind != "="]
            ineqs += [([Fraction(int(i == j)) for j in range(n)], Fraction(0)) for i in range(n)]
            poly = bounded_polytope(n, eqs, ineqs, positive=range(n))
            if poly is None:
                continue
            # the solver shows the centre of the whole polytope, projected on the path
            fits = [fit_point(rows, list(v), sample) for v in poly.vertices]
            differences(fits, polys)
            return _average(fits)[:n_on]
        raise SolverError(f"no supported piece at {sample}")  # pragma: no cover

    def _values(self, y: dict[tuple[int, int], RF], supports: list[list[int]],
                us: list[list[RF]]) -> list[RF]:
        out = []
        for k in range(self.nt):
            m0 = supports[k][0]
            total = -self.model.cost[k][m0]
            for a in range(self.na):
                if (m0, a) in y:
                    total = total + y[(m0, a)] * us[k][a]
            out.append(reduce(total))
        return out

    def _option_polys(self, values: list[RF], us: list[list[RF]], polys: set[Poly]) -> None:
        """What the off-path options and the Intuitive Criterion decide with these values."""
        cost = self.model.cost
        for m in range(self.nm):
            rows = [[ONE] * self.na + [ONE]]
            rows += [[*us[k], values[k] + cost[k][m]] for k in range(self.nt)]
            Pool(rows).minors(polys)
            for k in range(self.nt):
                for a in range(self.na):
                    num = (values[k] - us[k][a] + cost[k][m]).num
                    if num.degree > 0:
                        polys.add(num.primitive())

    # -- pieces ------------------------------------------------------------------------------------

    def pieces(self, solution: PointSolution, sample: Fraction) -> tuple[SignalPiece, ...]:
        result = solution.result
        if result is None:
            return ()
        selection = self._selection(sample)
        assert selection is not None
        _, ur = self._data(selection)
        model = self.model
        out = []
        for e, rep in zip(result, self._reps(sample, result, selection), strict=True):
            sender = {t: {s: rep.sigma[k][m] for m, s in enumerate(model.signals)}
                      for k, t in enumerate(model.types)}
            receiver: dict[str, dict[str, RF]] = {}
            beliefs: dict[str, dict[str, RF]] = {}
            payoff = ZERO
            for m, s in enumerate(model.signals):
                if s not in e.on_path:
                    continue
                receiver[s] = {r: rep.y.get((m, a), ZERO) for a, r in enumerate(model.responses)}
                weights = [model.prior[k] * rep.sigma[k][m] for k in range(self.nt)]
                total = sum(weights, ZERO)
                beliefs[s] = {t: reduce(w / total) for t, w in zip(model.types, weights,
                                                                   strict=True)}
                for k in range(self.nt):
                    for a in range(self.na):
                        if (m, a) in rep.y:
                            payoff = payoff + weights[k] * rep.y[(m, a)] * ur[k][a]
            payoff = reduce(payoff)
            piece = SignalPiece(e, sender, receiver, beliefs,
                                dict(zip(model.types, rep.values, strict=True)), payoff,
                                self.axis.symbol)
            self._check(piece, sample)
            out.append(piece)
        return tuple(out)

    @staticmethod
    def _check(piece: SignalPiece, sample: Fraction) -> None:
        e = piece.equilibrium
        at = piece.at(sample)
        on = set(e.on_path)
        same = (
            at["sender"] == {t: dict(r) for t, r in e.sender.items()}
            and at["receiver"] == {m: dict(r) for m, r in e.receiver.items() if m in on}
            and at["beliefs"] == {m: dict(r) for m, r in e.beliefs.items() if m in on}
            and at["receiver_payoff"] == e.receiver_payoff
        )
        if not same:
            raise SolverError(f"the formulas of a {e.kind} equilibrium do not reproduce it at "
                              f"{show_value(sample)}")
