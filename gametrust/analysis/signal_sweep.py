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
``t``.  (3) For every profile whose systems have solutions — an equilibrium
or not — the solver then takes one point (the centre of the receiver's
polytope, or of the first supported piece of a continuum) and decides which
off-path responses deter every type there, and the Intuitive Criterion: it
compares each type's value ``V_k(t)`` at that point (a rational function on
the interval) with ``u_S - cost``.  The minors of the off-path pool
``[u_S(k, .) | V_k + cost(k, m)]`` and the differences ``V_k - u_S(k, a) +
cost(k, m)`` decide those tests (:mod:`~gametrust.analysis.signal_profiles`
redoes the enumeration as formulas).  The sweep adds (2)'s and (3)'s
polynomials at a sample point of every gap, adds their roots, and repeats
until a round finds no new polynomial; then no interval holds a root of what
the solver's answer on it relies on, every branch the solver takes is the same
all along it, and so are its equilibria.  (Profiles that are not equilibria
count: an equilibrium that exists on part of an interval only is decided by
them.)  Irrational candidates cannot be solved
exactly (the solver works over the rationals): they are listed as points and
the sweep says it is not complete.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from typing import Any

from ..core.errors import ArgumentError, ScenarioError, SolverError
from ..core.polynomial import Poly, RationalFunction
from ..model.signalling_beliefs import SignallingTables
from ..solvers.signalling import solve_signalling
from ..solvers.signalling_result import PerfectBayesianEquilibrium, SignallingResult
from .parametric import roots_of, show_value
from .poly_linalg import reduce
from .signal_polys import Pool, check_minors
from .signal_profiles import ProfileFormulas, SignalProfiles, subsets
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
        self.profiles: dict[Fraction, dict[Any, ProfileFormulas]] = {}

    # -- candidates ------------------------------------------------------------------------------

    def candidates(self, lo: Fraction, hi: Fraction) -> tuple[list[Any], set[Poly]]:
        """Where a prior reaches 0 or the sender's stage reply can change (points in
        ``(lo, hi)`` and the polynomials)."""
        polys = self._first_polys()
        return roots_of(polys, lo, hi), polys

    def _first_polys(self) -> set[Poly]:
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
            for profile in self._profiles(sample).values():
                out |= profile.polys
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

    # -- every profile the solver enumerates, as formulas ---------------------------------------

    def _profiles(self, sample: Fraction) -> dict[Any, ProfileFormulas]:
        """The solver's support profiles with solutions at ``sample``, as formulas."""
        if sample not in self.profiles:
            selection = self._selection(sample)
            assert selection is not None
            us, ur = self._data(selection)
            tables = SignallingTables(self.model.build(sample))
            feasible = [s for s in subsets(self.na) if tables.belief_polytope(s) is not None]
            enumeration = SignalProfiles(self.model.prior, self.model.cost, us, ur)
            self.profiles[sample] = enumeration.enumerate(sample, feasible)
        return self.profiles[sample]

    # -- pieces ------------------------------------------------------------------------------------

    def pieces(self, solution: PointSolution, sample: Fraction) -> tuple[SignalPiece, ...]:
        result = solution.result
        if result is None:
            return ()
        selection = self._selection(sample)
        assert selection is not None
        _, ur = self._data(selection)
        model = self.model
        us = self._data(selection)[0]
        profiles = self._profiles(sample)
        out = []
        for e in result:
            rep, y = self._shown(e, profiles, sample)
            values = SignalProfiles(model.prior, model.cost, us, ur).values(y, rep.supports)
            sender = {t: {s: rep.sigma[k][m] for m, s in enumerate(model.signals)}
                      for k, t in enumerate(model.types)}
            receiver: dict[str, dict[str, RF]] = {}
            beliefs: dict[str, dict[str, RF]] = {}
            payoff = ZERO
            for m, s in enumerate(model.signals):
                if s not in e.on_path:
                    continue
                receiver[s] = {r: y.get((m, a), ZERO) for a, r in enumerate(model.responses)}
                weights = [model.prior[k] * rep.sigma[k][m] for k in range(self.nt)]
                total = sum(weights, ZERO)
                beliefs[s] = {t: reduce(w / total) for t, w in zip(model.types, weights,
                                                                   strict=True)}
                for k in range(self.nt):
                    for a in range(self.na):
                        if (m, a) in y:
                            payoff = payoff + weights[k] * y[(m, a)] * ur[k][a]
            payoff = reduce(payoff)
            piece = SignalPiece(e, sender, receiver, beliefs,
                                dict(zip(model.types, values, strict=True)), payoff,
                                self.axis.symbol, sample)
            self._check(piece, sample)
            out.append(piece)
        return tuple(out)

    def _shown(self, e: PerfectBayesianEquilibrium, profiles: dict[Any, ProfileFormulas],
               sample: Fraction) -> tuple[ProfileFormulas, dict[tuple[int, int], RF]]:
        """The profile of an equilibrium found at ``sample`` and the receiver's play it shows
        (the centre, or the centre of the first supported piece)."""
        model = self.model
        signals, responses = model.signals, model.responses
        supports = tuple(tuple(m for m, s in enumerate(signals) if e.sender[t][s] > 0)
                         for t in model.types)
        on_path = [m for m, s in enumerate(signals) if s in e.on_path]
        key = (supports, tuple((m, tuple(a for a, r in enumerate(responses)
                                         if e.receiver[signals[m]][r] > 0)) for m in on_path))
        rep = profiles[key]
        for y in (rep.centre, rep.piece):
            if y is not None and all(f(sample) == e.receiver[signals[m]][responses[a]]
                                     for (m, a), f in y.items()):
                return rep, y
        raise SolverError(f"cannot reproduce the receiver's play in a {e.kind} equilibrium "
                          f"at {show_value(sample)}")

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
