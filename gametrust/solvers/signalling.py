"""Every perfect Bayesian equilibrium of a costly signalling game, exact and certified.

:func:`solve_signalling` takes a :class:`~gametrust.model.signalling.SignallingGame`
and finds every (weak) perfect Bayesian equilibrium by support enumeration: for
each choice of the signals each type sends and of the responses the receiver
mixes over at each signal sent, two linear systems (the sender's mix from the
receiver's indifference, the receiver's from the types') are solved exactly
(:mod:`gametrust.core.linalg`).  It classifies each equilibrium as separating,
pooling, hybrid (semi-separating: some type mixes) or partially pooling, gives
the beliefs that support it (the whole set of supporting off-path responses and
beliefs) and says which fail the Intuitive Criterion.  Each one is certified
(:func:`~gametrust.solvers.signalling_certificate.certify_pbe`) before it is
returned in a :class:`~gametrust.solvers.signalling_result.SignallingResult`.
The cost conditions under which a signal separates the types are
:func:`gametrust.analysis.separation.separating_conditions`.

>>> from gametrust.model.signalling import reassurance_game
>>> game = reassurance_game(prior_trustworthy="2/5", cost_trustworthy=1,
...                         cost_untrustworthy="3/2")
>>> result = solve_signalling(game)
>>> [e.kind for e in result]
['pooling', 'hybrid']
>>> hybrid = result.hybrid[0]
>>> hybrid.sender["untrustworthy"]["signal"], hybrid.receiver["signal"]["cooperate"]
(Fraction(1, 3), Fraction(3, 4))
>>> result.max_regret
Fraction(0, 1)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from itertools import combinations, product

from ..core.errors import fail
from ..core.linalg import Polytope, bounded_polytope, is_inconsistent, unit_vector
from ..model.signalling import SignallingGame
from ..model.signalling_beliefs import SignallingTables
from .signalling_certificate import certify_pbe
from .signalling_result import (
    PBE_KINDS,
    IntuitiveCriterion,
    OffPathOption,
    OnPathContinuum,
    PerfectBayesianEquilibrium,
    SignallingResult,
    SignalTest,
    pbe_kind,
)

__all__ = ["MAX_SUPPORTS", "solve_signalling"]

#: Support profiles :func:`solve_signalling` examines before refusing a game as too large.
MAX_SUPPORTS = 100_000

ZERO = Fraction(0)
ONE = Fraction(1)

_Rows = list[tuple[list[Fraction], Fraction]]


def _subsets(n: int) -> list[tuple[int, ...]]:
    """Non-empty subsets of ``range(n)``, smallest first."""
    return [c for size in range(1, n + 1) for c in combinations(range(n), size)]


def _sender_system(
    tab: SignallingTables, supports: Sequence[tuple[int, ...]], on_path: Sequence[int],
    responses: Mapping[int, tuple[int, ...]],
) -> tuple[list[tuple[int, int]], _Rows, _Rows]:
    """Variables ``(type, signal)``, equalities and inequalities of the sender strategies
    with these supports that make each on-path response set optimal."""
    index = [(t, m) for t in range(tab.nt) for m in supports[t]]
    n = len(index)
    pos = {key: i for i, key in enumerate(index)}
    eqs: list[tuple[list[Fraction], Fraction]] = []
    for t in range(tab.nt):
        row = [ZERO] * n
        for m in supports[t]:
            row[pos[t, m]] = ONE
        eqs.append((row, ONE))
    ineqs: list[tuple[list[Fraction], Fraction]] = [(unit_vector(n, i), ZERO) for i in range(n)]

    def weighted(m: int, a: int, b: int) -> list[Fraction]:
        # sum_t prior_t sigma(m|t) (u_R(t, a) - u_R(t, b)): the belief at m, unnormalised
        row = [ZERO] * n
        for t in range(tab.nt):
            if (t, m) in pos:
                row[pos[t, m]] = tab.prior[t] * (tab.ur[t][a] - tab.ur[t][b])
        return row

    for m in on_path:
        a0 = responses[m][0]
        eqs += [(weighted(m, a, a0), ZERO) for a in responses[m][1:]]
        ineqs += [(weighted(m, a0, b), ZERO) for b in range(tab.na) if b not in responses[m]]
    return index, eqs, ineqs


def _receiver_system(
    tab: SignallingTables, supports: Sequence[tuple[int, ...]], on_path: Sequence[int],
    responses: Mapping[int, tuple[int, ...]],
) -> tuple[list[tuple[int, int]], _Rows, _Rows]:
    """Variables ``(signal, response)``, equalities and inequalities of the on-path receiver
    mixes with these supports that make each type's support optimal among on-path signals."""
    index = [(m, a) for m in on_path for a in responses[m]]
    n = len(index)
    pos = {key: i for i, key in enumerate(index)}
    eqs: _Rows = []
    for m in on_path:
        row = [ZERO] * n
        for a in responses[m]:
            row[pos[m, a]] = ONE
        eqs.append((row, ONE))
    ineqs: _Rows = [(unit_vector(n, i), ZERO) for i in range(n)]

    def gap(t: int, m: int, other: int) -> tuple[list[Fraction], Fraction]:
        # payoff of type t from m minus from other = row . y - (cost_m - cost_other)
        row = [ZERO] * n
        for a in responses[m]:
            row[pos[m, a]] += tab.us[t][a]
        for a in responses[other]:
            row[pos[other, a]] -= tab.us[t][a]
        return row, tab.cost[t][m] - tab.cost[t][other]

    for t in range(tab.nt):
        m0 = supports[t][0]
        eqs += [gap(t, m, m0) for m in supports[t][1:]]
        ineqs += [gap(t, m0, other) for other in on_path if other not in supports[t]]
    return index, eqs, ineqs


def _supported_pieces(
    tab: SignallingTables, supports: Sequence[tuple[int, ...]], on_path: Sequence[int],
    responses: Mapping[int, tuple[int, ...]], feasible: Sequence[tuple[int, ...]],
) -> list[Polytope]:
    """The parts of a continuum of on-path receiver mixes at which some off-path response
    deters every type from every off-path signal: one convex piece (extreme points of its
    closure, and a relative-interior point) per choice of off-path response supports.

    Deterrence is linear in the on-path mixes and the off-path ones jointly, so for each
    choice of off-path supports the supported set is the projection of one polytope.
    """
    index, eqs, ineqs = _receiver_system(tab, supports, on_path, responses)
    n_on = len(index)
    pos = {key: i for i, key in enumerate(index)}
    off = [m for m in range(tab.nm) if m not in on_path]
    pieces: list[Polytope] = []
    for chosen in product(feasible, repeat=len(off)):
        extra = [(m, a) for m, support in zip(off, chosen, strict=True) for a in support]
        n = n_on + len(extra)
        where = {key: n_on + i for i, key in enumerate(extra)}
        grow = [ZERO] * len(extra)
        eqs2: _Rows = [([*row, *grow], b) for row, b in eqs]
        ineqs2: _Rows = [([*row, *grow], b) for row, b in ineqs]
        for m, support in zip(off, chosen, strict=True):
            row = [ZERO] * n
            for a in support:
                row[where[m, a]] = ONE
            eqs2.append((row, ONE))
            ineqs2 += [(unit_vector(n, where[m, a]), ZERO) for a in support]
            for t in range(tab.nt):
                # value of t on its path minus its payoff from m >= 0
                m0 = supports[t][0]
                row = [ZERO] * n
                for a in responses[m0]:
                    row[pos[m0, a]] += tab.us[t][a]
                for a in support:
                    row[where[m, a]] -= tab.us[t][a]
                ineqs2.append((row, tab.cost[t][m0] - tab.cost[t][m]))
        poly = bounded_polytope(n, eqs2, ineqs2, positive=range(n))
        if poly is None:
            continue
        vertices = tuple(sorted({v[:n_on] for v in poly.vertices}))
        if all(p.vertices != vertices for p in pieces):
            pieces.append(Polytope(vertices, poly.centre[:n_on]))
    return pieces


def _off_path_options(
    tab: SignallingTables, m: int, values: Sequence[Fraction], feasible: Sequence[tuple[int, ...]]
) -> tuple[OffPathOption, ...]:
    """Every receiver support at off-path signal ``m`` (with the mixes over it) that is a best
    response to some belief and leaves no type better off than ``values``."""
    game = tab.game
    out = []
    for support in feasible:
        n = len(support)
        eqs = [([ONE] * n, ONE)]
        ineqs = [(unit_vector(n, i), ZERO) for i in range(n)]
        # value_t + cost_t(m) - sum_a y_a u_S(t, a) >= 0
        ineqs += [([-tab.us[t][a] for a in support], -(values[t] + tab.cost[t][m]))
                  for t in range(tab.nt)]
        poly = bounded_polytope(n, eqs, ineqs, positive=range(n))
        if poly is None:
            continue
        beliefs = tab.belief_set(support)
        assert beliefs is not None  # feasible supports have beliefs

        def mix(vector: Sequence[Fraction], support: tuple[int, ...] = support) -> dict[
            str, Fraction
        ]:
            out = dict.fromkeys(game.responses, ZERO)
            for a, p in zip(support, vector, strict=True):
                out[game.responses[a]] = p
            return out

        out.append(OffPathOption(
            signal=game.signals[m],
            support=tuple(game.responses[a] for a in support),
            mixes=tuple(mix(v) for v in poly.vertices),
            response=mix(poly.centre),
            beliefs=beliefs,
        ))
    return tuple(out)


def _intuitive_criterion(
    tab: SignallingTables, off_path: Sequence[int], values: Sequence[Fraction]
) -> IntuitiveCriterion:
    game = tab.game
    all_types = tuple(range(tab.nt))

    def rationalizable(types: tuple[int, ...]) -> list[int]:
        """Pure responses that are best responses to some belief concentrated on ``types``."""
        return [a for a in range(tab.na) if tab.belief_polytope((a,), types) is not None]

    anything = rationalizable(all_types)
    tests = []
    for m in off_path:
        dominated = tuple(
            t for t in all_types
            if values[t] > max(tab.us[t][a] - tab.cost[t][m] for a in anything)
        )
        remaining = tuple(t for t in all_types if t not in dominated)
        deviators: tuple[int, ...] = ()
        if remaining:
            credible = rationalizable(remaining)
            deviators = tuple(
                t for t in all_types
                if min(tab.us[t][a] - tab.cost[t][m] for a in credible) > values[t]
            )
        tests.append(SignalTest(
            signal=game.signals[m],
            dominated=tuple(game.types[t] for t in dominated),
            remaining=tuple(game.types[t] for t in remaining),
            deviators=tuple(game.types[t] for t in deviators),
        ))
    return IntuitiveCriterion(tuple(tests))


def _count_supports(nt: int, nm: int, n_feasible: int) -> int:
    total = 0
    for supports in product(_subsets(nm), repeat=nt):
        total += n_feasible ** len(set().union(*supports))
    return total


def solve_signalling(game: SignallingGame, *, max_supports: int = MAX_SUPPORTS) -> SignallingResult:
    """Every perfect Bayesian equilibrium of a signalling game, exact and certified.

    The method enumerates supports: for every choice of the signals each type
    sends with positive probability and of the responses the receiver mixes
    over at each signal sent, the sender's mix is fixed by the receiver's
    indifference (posterior on the indifference boundary) and the receiver's
    mix by each type's indifference; both are linear systems, solved exactly.
    At every off-path signal, every receiver response (pure, or a mix at a
    belief that makes its responses indifferent) that is a best response to
    some belief and gives no type more than its equilibrium payoff is listed,
    with its whole set of supporting beliefs.  Each equilibrium is then
    certified independently (Bayes' rule on the path, sequential rationality of
    the receiver at every signal, no profitable deviation for any type) and
    tested with the Intuitive Criterion.

    Raises :class:`~gametrust.core.errors.ArgumentError` when the game needs more than
    ``max_supports`` support profiles.
    """
    if not isinstance(game, SignallingGame):
        raise fail(f"expected a SignallingGame, got {type(game).__name__}", "game")
    tab = SignallingTables(game)
    feasible = [s for s in _subsets(tab.na) if tab.belief_polytope(s) is not None]
    count = _count_supports(tab.nt, tab.nm, len(feasible))
    if count > max_supports:
        raise fail(
            f"the game has {count} support profiles, more than max_supports={max_supports}; "
            "pass a larger max_supports to try anyway",
            "game",
        )
    found: list[PerfectBayesianEquilibrium] = []
    warnings: list[str] = []
    for supports in product(_subsets(tab.nm), repeat=tab.nt):
        on_path = sorted(set().union(*supports))
        for chosen in product(feasible, repeat=len(on_path)):
            responses = dict(zip(on_path, chosen, strict=True))
            # cheap first: in a generic game one of the two linear systems is inconsistent
            s_index, s_eqs, s_ineqs = _sender_system(tab, supports, on_path, responses)
            r_index, r_eqs, r_ineqs = _receiver_system(tab, supports, on_path, responses)
            if is_inconsistent(r_eqs, len(r_index)) or is_inconsistent(s_eqs, len(s_index)):
                continue
            rho_poly = bounded_polytope(len(r_index), r_eqs, r_ineqs, positive=range(len(r_index)))
            if rho_poly is None:
                continue
            sigma_poly = bounded_polytope(
                len(s_index), s_eqs, s_ineqs, positive=range(len(s_index))
            )
            if sigma_poly is None:
                continue
            sigma, rho = (sigma_poly, s_index), (rho_poly, r_index)
            record = _assemble(tab, supports, on_path, responses, sigma, rho, feasible)
            if record is not None:
                found.append(certify_pbe(game, record))
    found.sort(key=lambda e: PBE_KINDS.index(e.kind))
    return SignallingResult(
        game=game,
        equilibria=tuple(found),
        complete=not warnings,
        warnings=tuple(warnings),
        details={"support_profiles": count},
    )


def _assemble(
    tab: SignallingTables,
    supports: Sequence[tuple[int, ...]],
    on_path: Sequence[int],
    responses: Mapping[int, tuple[int, ...]],
    sigma: tuple[Polytope, list[tuple[int, int]]],
    rho: tuple[Polytope, list[tuple[int, int]]],
    feasible: Sequence[tuple[int, ...]],
) -> PerfectBayesianEquilibrium | None:
    """The equilibrium at the centre of these on-path sets (or, for a continuum whose centre
    no off-path response supports, at a point of it that one does); ``None`` when there is
    none."""
    game = tab.game

    def sender_table(vector: Sequence[Fraction]) -> list[list[Fraction]]:
        table = [[ZERO] * tab.nm for _ in range(tab.nt)]
        for (t, m), p in zip(sigma[1], vector, strict=True):
            table[t][m] = p
        return table

    def receiver_table(vector: Sequence[Fraction]) -> dict[int, list[Fraction]]:
        table = {m: [ZERO] * tab.na for m in on_path}
        for (m, a), p in zip(rho[1], vector, strict=True):
            table[m][a] = p
        return table

    sender = sender_table(sigma[0].centre)
    receiver = receiver_table(rho[0].centre)
    off = [m for m in range(tab.nm) if m not in on_path]
    is_continuum = len(sigma[0].vertices) > 1 or len(rho[0].vertices) > 1

    def analyse(receiver: dict[int, list[Fraction]]) -> tuple[
        list[Fraction], dict[int, tuple[OffPathOption, ...]]
    ]:
        values = [tab.value(t, supports[t][0], receiver[supports[t][0]]) for t in range(tab.nt)]
        return values, {m: _off_path_options(tab, m, values, feasible) for m in off}

    values, options = analyse(receiver)
    pieces = None
    if len(rho[0].vertices) > 1:
        pieces = _supported_pieces(tab, supports, on_path, responses, feasible)
        if not pieces:
            return None
        if any(not opts for opts in options.values()):
            # the centre of the continuum is not supported off the path: a point that is
            receiver = receiver_table(pieces[0].centre)
            values, options = analyse(receiver)
    elif any(not opts for opts in options.values()):
        return None
    beliefs: dict[str, dict[str, Fraction]] = {}
    receiver_out: dict[str, dict[str, Fraction]] = {}
    for m in range(tab.nm):
        name = game.signals[m]
        if m in on_path:
            weights = [tab.prior[t] * sender[t][m] for t in range(tab.nt)]
            total = sum(weights, ZERO)
            beliefs[name] = {game.types[t]: w / total for t, w in enumerate(weights)}
            receiver_out[name] = {game.responses[a]: p for a, p in enumerate(receiver[m])}
        else:
            first = options[m][0]
            beliefs[name] = first.beliefs.beliefs()[0]
            receiver_out[name] = dict(first.response)
    receiver_payoff = sum(
        (
            tab.prior[t] * sender[t][m] * receiver[m][a] * tab.ur[t][a]
            for t in range(tab.nt) for m in on_path for a in range(tab.na)
        ),
        ZERO,
    )
    continuum = None
    if is_continuum:

        def named(vertices: Sequence[Sequence[Fraction]]) -> tuple[dict[str, dict[str, Fraction]],
                                                                    ...]:
            return tuple(
                {game.signals[m]: {game.responses[a]: p for a, p in enumerate(row)}
                 for m, row in receiver_table(v).items()}
                for v in vertices
            )

        continuum = OnPathContinuum(
            sender=tuple(_name_sender(game, sender_table(v)) for v in sigma[0].vertices),
            receiver=named(rho[0].vertices),
            supported=tuple(named(p.vertices) for p in pieces) if pieces is not None else (
                named(rho[0].vertices),
            ),
        )
    return PerfectBayesianEquilibrium(
        kind=pbe_kind(sender),
        sender=_name_sender(game, sender),
        receiver=receiver_out,
        beliefs=beliefs,
        on_path=tuple(game.signals[m] for m in on_path),
        off_path={game.signals[m]: options[m] for m in off},
        sender_payoffs={game.types[t]: values[t] for t in range(tab.nt)},
        receiver_payoff=receiver_payoff,
        intuitive_criterion=_intuitive_criterion(tab, off, values),
        continuum=continuum,
    )


def _name_sender(game: SignallingGame, table: Sequence[Sequence[Fraction]]) -> dict[
    str, dict[str, Fraction]
]:
    return {
        t: {m: table[i][j] for j, m in enumerate(game.signals)} for i, t in enumerate(game.types)
    }
