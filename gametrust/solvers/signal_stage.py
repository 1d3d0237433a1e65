"""Every perfect Bayesian equilibrium of a costly signal followed by a simultaneous stage game.

:func:`solve_signal_stage` takes a :class:`~gametrust.model.signal_stage.SignalStageGame`
and finds every (weak) perfect Bayesian equilibrium exactly, by the support
enumeration of :func:`~gametrust.solvers.signalling.solve_signalling` extended
to the stage game.  The receiver does not see the sender's stage action, so
for the receiver the sender's *signal and stage action* form one hidden
choice: with ``x(t, m, a) = sigma(m | t) alpha_m(a | t)``, the receiver's
indifference after each signal sent is linear in ``x`` (its posterior about
type and action is ``prior_t x(t, m, a)`` normalised), and each type's
indifference over its (signal, action) pairs is linear in the receiver's
mixes.  For every choice of supports both are linear systems, solved exactly;
the pairs a type uses are exactly its best (signal, stage action) pairs, so
each signal sent is optimal and each stage action a best reply.  Off the path
every continuation, a Bayesian equilibrium of the stage game at *some* belief,
that leaves no type better off is listed with its supports, mixes and belief
set (:mod:`gametrust.solvers.signal_stage_continuations`).  Each equilibrium is
certified (:func:`~gametrust.solvers.signal_stage_certificate.certify_stage_pbe`:
Bayes' rule, zero interim regret in the stage game after every signal, zero
regret at the signal stage) before it is returned in a
:class:`~gametrust.solvers.signal_stage_result.SignalStageResult`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from itertools import product
from math import prod

from ..core.errors import fail
from ..core.linalg import Polytope, bounded_polytope, is_inconsistent, unit_vector
from ..model.signal_stage import SignalStageGame
from .signal_stage_certificate import certify_stage_pbe
from .signal_stage_continuations import (
    Option,
    Rows,
    StageTables,
    off_path_options,
    stage_intuitive_criterion,
    subsets,
)
from .signal_stage_result import (
    SignalStageResult,
    StageContinuum,
    StageEquilibrium,
    StageOffPathOption,
)
from .signalling_result import PBE_KINDS, pbe_kind

__all__ = ["MAX_SUPPORTS", "solve_signal_stage"]

#: Support profiles :func:`solve_signal_stage` examines before refusing a game as too large.
MAX_SUPPORTS = 100_000

ZERO = Fraction(0)
ONE = Fraction(1)

Pair = tuple[int, int]  # (signal, stage action)
Supports = Sequence[tuple[Pair, ...]]


def _sender_system(
    tab: StageTables, supports: Supports, on_path: Sequence[int],
    responses: Mapping[int, tuple[int, ...]],
) -> tuple[list[tuple[int, int, int]], Rows, Rows]:
    """Variables ``x(type, signal, action)``: each type's distribution over its pairs, such
    that the receiver's support after each signal sent is optimal."""
    index = [(t, m, a) for t in range(tab.nt) for m, a in supports[t]]
    n = len(index)
    eqs: Rows = []
    for t in range(tab.nt):
        eqs.append(([ONE if i[0] == t else ZERO for i in index], ONE))
    ineqs: Rows = [(unit_vector(n, i), ZERO) for i in range(n)]
    for m in on_path:
        weight = {(t, a): (i, tab.prior[t]) for i, (t, s, a) in enumerate(index) if s == m}
        e, q = tab.receiver_rows(responses[m], weight, n)
        eqs += e
        ineqs += q
    return index, eqs, ineqs


def _value_row(
    tab: StageTables, pos: Mapping[tuple[int, int], int], n: int, t: int, m: int, a: int
) -> list[Fraction]:
    """Coefficients of type ``t``'s gross payoff from ``(m, a)`` in the receiver's mixes."""
    row = [ZERO] * n
    for (s, b), i in pos.items():
        if s == m:
            row[i] = tab.us[t][a][b]
    return row


def _receiver_system(
    tab: StageTables, supports: Supports, on_path: Sequence[int],
    responses: Mapping[int, tuple[int, ...]],
) -> tuple[list[tuple[int, int]], Rows, Rows]:
    """Variables ``y(signal, response)`` after the signals sent, such that each type's pairs
    are its best (signal, stage action) pairs among the signals sent."""
    index = [(m, b) for m in on_path for b in responses[m]]
    n = len(index)
    pos = {key: i for i, key in enumerate(index)}
    eqs: Rows = [([ONE if i[0] == m else ZERO for i in index], ONE) for m in on_path]
    ineqs: Rows = [(unit_vector(n, i), ZERO) for i in range(n)]
    for t in range(tab.nt):
        m0, a0 = supports[t][0]
        first = _value_row(tab, pos, n, t, m0, a0)
        for m, a in supports[t][1:]:
            row = _value_row(tab, pos, n, t, m, a)
            eqs.append(([x - y for x, y in zip(row, first, strict=True)],
                        tab.cost[t][m] - tab.cost[t][m0]))
        for m in on_path:
            for a in range(tab.na):
                if (m, a) not in supports[t]:
                    row = _value_row(tab, pos, n, t, m, a)
                    ineqs.append(([x - y for x, y in zip(first, row, strict=True)],
                                  tab.cost[t][m0] - tab.cost[t][m]))
    return index, eqs, ineqs


def _supported_pieces(
    tab: StageTables, supports: Supports, on_path: Sequence[int],
    responses: Mapping[int, tuple[int, ...]], options: Sequence[Option],
) -> list[Polytope]:
    """The parts of a continuum of on-path receiver mixes at which some off-path continuation
    deters every type: one convex piece per choice of off-path supports (deterrence is
    linear in the on-path and off-path mixes jointly)."""
    index, eqs, ineqs = _receiver_system(tab, supports, on_path, responses)
    n_on = len(index)
    pos = {key: i for i, key in enumerate(index)}
    off = [m for m in range(tab.nm) if m not in on_path]
    pieces: list[Polytope] = []
    for chosen in product(options, repeat=len(off)):
        n = n_on + sum(len(o[0]) for o in chosen)
        grow = [ZERO] * (n - n_on)
        eqs2: Rows = [([*row, *grow], b) for row, b in eqs]
        ineqs2: Rows = [([*row, *grow], b) for row, b in ineqs]
        start = n_on
        for m, (support, actions) in zip(off, chosen, strict=True):
            columns = {b: start + i for i, b in enumerate(support)}
            e, q = tab.reply_rows(actions, columns, n)
            eqs2 += [([ONE if j in columns.values() else ZERO for j in range(n)], ONE), *e]
            ineqs2 += q + [(unit_vector(n, j), ZERO) for j in columns.values()]
            for t in range(tab.nt):
                # value of t on its path minus its payoff from m >= 0
                m0, a0 = supports[t][0]
                row = _value_row(tab, pos, n, t, m0, a0)
                for b, j in columns.items():
                    row[j] -= tab.us[t][actions[t][0]][b]
                ineqs2.append((row, tab.cost[t][m0] - tab.cost[t][m]))
            start += len(support)
        poly = bounded_polytope(n, eqs2, ineqs2, positive=range(n))
        if poly is None:
            continue
        vertices = tuple(sorted({v[:n_on] for v in poly.vertices}))
        if all(p.vertices != vertices for p in pieces):
            pieces.append(Polytope(vertices, poly.centre[:n_on]))
    return pieces


def _count_supports(
    tab: StageTables, joint: Sequence[Sequence[tuple[Pair, ...]]], limit: int
) -> int:
    """The number of support profiles (a lower bound past ``limit``: every sender profile
    counts at least once)."""
    at_least = prod(len(j) for j in joint)
    if at_least > limit:
        return at_least
    total = 0
    for supports in product(*joint):
        signals = {m for s in supports for m, _ in s}
        total += len(tab.feasible) ** len(signals)
    return total


def solve_signal_stage(
    game: SignalStageGame, *, max_supports: int = MAX_SUPPORTS
) -> SignalStageResult:
    """Every perfect Bayesian equilibrium of a signal followed by a simultaneous stage game.

    Enumerates, for every type, the (signal, stage action) pairs it plays with
    positive probability (stage actions strictly dominated for the type, never a
    best reply, left out) and, after every signal sent, the receiver's support;
    solves the two linear systems exactly (the sender's mix from the
    receiver's indifference, the receiver's from the types'); lists every
    deterring continuation after each unsent signal (any belief, any stage
    equilibrium there); certifies each equilibrium.  Non-isolated equilibria
    are reported as in :func:`~gametrust.solvers.signalling.solve_signalling`:
    one point with the extreme points of the on-path set (``continuum``) and the
    convex pieces of it that some off-path continuation supports.

    Raises :class:`~gametrust.core.errors.ArgumentError` when the game needs more than
    ``max_supports`` support profiles.
    """
    if not isinstance(game, SignalStageGame):
        raise fail(f"expected a SignalStageGame, got {type(game).__name__}", "game")
    tab = StageTables(game)
    joint = []  # each type's possible sets of (signal, stage action) pairs
    for t in range(tab.nt):
        pairs = [(m, a) for m in range(tab.nm) for a in tab.undominated[t]]
        joint.append([tuple(pairs[i] for i in s) for s in subsets(len(pairs))])
    count = _count_supports(tab, joint, max_supports)
    if count > max_supports:
        raise fail(
            f"the game has at least {count} support profiles, more than "
            f"max_supports={max_supports}; pass a larger max_supports to try anyway",
            "game",
        )
    options = tab.options()
    found: list[StageEquilibrium] = []
    for supports in product(*joint):
        on_path = sorted({m for s in supports for m, _ in s})
        for chosen in product(tab.feasible, repeat=len(on_path)):
            responses = dict(zip(on_path, chosen, strict=True))
            r_index, r_eqs, r_ineqs = _receiver_system(tab, supports, on_path, responses)
            s_index, s_eqs, s_ineqs = _sender_system(tab, supports, on_path, responses)
            if is_inconsistent(r_eqs, len(r_index)) or is_inconsistent(s_eqs, len(s_index)):
                continue
            rho = bounded_polytope(len(r_index), r_eqs, r_ineqs, positive=range(len(r_index)))
            if rho is None:
                continue
            sigma = bounded_polytope(len(s_index), s_eqs, s_ineqs,
                                     positive=range(len(s_index)))
            if sigma is None:
                continue
            record = _assemble(tab, supports, on_path, responses, (sigma, s_index),
                               (rho, r_index), options)
            if record is not None:
                found.append(certify_stage_pbe(game, record))
    found.sort(key=lambda e: PBE_KINDS.index(e.kind))
    return SignalStageResult(
        game=game,  # type: ignore[arg-type]  # a SignallingResult holding a SignalStageGame
        equilibria=tuple(found),
        complete=True,
        details={"support_profiles": count},
    )


def _assemble(
    tab: StageTables,
    supports: Supports,
    on_path: Sequence[int],
    responses: Mapping[int, tuple[int, ...]],
    sigma: tuple[Polytope, list[tuple[int, int, int]]],
    rho: tuple[Polytope, list[tuple[int, int]]],
    options: Sequence[Option],
) -> StageEquilibrium | None:
    """The equilibrium at the centre of these on-path sets (or, for a continuum whose centre
    no off-path continuation supports, at a point that one does); ``None`` when none."""
    game = tab.game

    def joint_table(vector: Sequence[Fraction]) -> dict[tuple[int, int, int], Fraction]:
        return dict(zip(sigma[1], vector, strict=True))

    def receiver_table(vector: Sequence[Fraction]) -> dict[int, list[Fraction]]:
        table = {m: [ZERO] * tab.nb for m in on_path}
        for (m, b), p in zip(rho[1], vector, strict=True):
            table[m][b] = p
        return table

    x = joint_table(sigma[0].centre)
    receiver = receiver_table(rho[0].centre)
    off = [m for m in range(tab.nm) if m not in on_path]

    def analyse(receiver: dict[int, list[Fraction]]) -> tuple[
        list[Fraction], dict[int, tuple[StageOffPathOption, ...]]
    ]:
        values = []
        for t in range(tab.nt):
            m0, a0 = supports[t][0]
            values.append(tab.payoff(t, m0, a0, range(tab.nb), receiver[m0]))
        return values, {m: off_path_options(tab, m, values, options) for m in off}

    values, offered = analyse(receiver)
    pieces = None
    if len(rho[0].vertices) > 1:
        pieces = _supported_pieces(tab, supports, on_path, responses, options)
        if not pieces:
            return None
        if any(not opts for opts in offered.values()):
            receiver = receiver_table(pieces[0].centre)
            values, offered = analyse(receiver)
    elif any(not opts for opts in offered.values()):
        return None
    sender = _signal_table(tab, x)
    beliefs: dict[str, dict[str, Fraction]] = {}
    receiver_out: dict[str, dict[str, Fraction]] = {}
    stage: dict[str, dict[str, dict[str, Fraction]]] = {}
    for m in range(tab.nm):
        name = game.signals[m]
        if m in on_path:
            weights = [tab.prior[t] * sender[t][m] for t in range(tab.nt)]
            total = sum(weights, ZERO)
            beliefs[name] = {game.types[t]: w / total for t, w in enumerate(weights)}
            receiver_out[name] = {game.responses[b]: p for b, p in enumerate(receiver[m])}
            stage[name] = _on_path_play(tab, x, sender, m, receiver[m])
        else:
            first = offered[m][0]
            beliefs[name] = dict(first.belief)
            receiver_out[name] = dict(first.response)
            stage[name] = {t: dict(p) for t, p in first.play.items()}
    receiver_payoff = sum(
        (tab.prior[t] * p * receiver[m][b] * tab.ur[t][a][b]
         for (t, m, a), p in x.items() for b in range(tab.nb)),
        ZERO,
    )
    continuum = None
    if len(sigma[0].vertices) > 1 or len(rho[0].vertices) > 1:
        continuum = _continuum(tab, sigma, rho, on_path, receiver_table, pieces)
    return StageEquilibrium(
        kind=pbe_kind(sender),
        sender=_name_sender(tab, sender),
        receiver=receiver_out,
        beliefs=beliefs,
        on_path=tuple(game.signals[m] for m in on_path),
        off_path={game.signals[m]: offered[m] for m in off},
        sender_payoffs={game.types[t]: values[t] for t in range(tab.nt)},
        receiver_payoff=receiver_payoff,
        intuitive_criterion=stage_intuitive_criterion(tab, off, values),
        continuum=continuum,
        stage=stage,
    )


def _signal_table(tab: StageTables, x: Mapping[tuple[int, int, int], Fraction]) -> list[
    list[Fraction]
]:
    table = [[ZERO] * tab.nm for _ in range(tab.nt)]
    for (t, m, _), p in x.items():
        table[t][m] += p
    return table


def _on_path_play(
    tab: StageTables, x: Mapping[tuple[int, int, int], Fraction], sender: list[list[Fraction]],
    m: int, beta: Sequence[Fraction],
) -> dict[str, dict[str, Fraction]]:
    """Each type's stage mix after on-path ``m``: its own for the types that send ``m``, the
    first best reply to ``beta`` for the others."""
    game = tab.game
    out = {}
    for t, name in enumerate(game.types):
        if sender[t][m] > 0:
            out[name] = {game.actions[a]: x.get((t, m, a), ZERO) / sender[t][m]
                         for a in range(tab.na)}
            continue
        gross = [tab.payoff(t, m, a, range(tab.nb), beta) for a in range(tab.na)]
        best = gross.index(max(gross))
        out[name] = {game.actions[a]: ONE if a == best else ZERO for a in range(tab.na)}
    return out


def _continuum(
    tab: StageTables,
    sigma: tuple[Polytope, list[tuple[int, int, int]]],
    rho: tuple[Polytope, list[tuple[int, int]]],
    on_path: Sequence[int],
    receiver_table: Callable[[Sequence[Fraction]], dict[int, list[Fraction]]],
    pieces: list[Polytope] | None,
) -> StageContinuum:
    """The extreme points of a non-isolated equilibrium's on-path play, with its stage play
    and the pieces that some off-path continuation supports."""
    game = tab.game

    def named(vertices: Sequence[Sequence[Fraction]]) -> tuple[dict[str, dict[str, Fraction]],
                                                                ...]:
        return tuple(
            {game.signals[m]: {game.responses[b]: p for b, p in enumerate(row)}
             for m, row in receiver_table(v).items()}
            for v in vertices
        )

    senders, plays = [], []
    for v in sigma[0].vertices:
        x = dict(zip(sigma[1], v, strict=True))
        table = _signal_table(tab, x)
        senders.append(_name_sender(tab, table))
        plays.append({
            game.signals[m]: {
                game.types[t]: {game.actions[a]: x.get((t, m, a), ZERO) / table[t][m]
                                for a in range(tab.na)}
                for t in range(tab.nt) if table[t][m] > 0
            }
            for m in on_path
        })
    return StageContinuum(
        sender=tuple(senders),
        receiver=named(rho[0].vertices),
        supported=tuple(named(p.vertices) for p in pieces) if pieces is not None else (
            named(rho[0].vertices),
        ),
        stage=tuple(plays),
    )


def _name_sender(tab: StageTables, table: Sequence[Sequence[Fraction]]) -> dict[
    str, dict[str, Fraction]
]:
    game = tab.game
    return {t: {m: table[i][j] for j, m in enumerate(game.signals)}
            for i, t in enumerate(game.types)}
