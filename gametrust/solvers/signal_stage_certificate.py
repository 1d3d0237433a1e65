"""The certificate of a perfect Bayesian equilibrium of a signal and a simultaneous stage.

:func:`certify_stage_pbe` re-checks what
:func:`~gametrust.solvers.signal_stage.solve_signal_stage` found from the named
strategies alone: they are distributions; on-path beliefs follow Bayes' rule;
after *every* signal the sender's stage play and the receiver's response are
a Bayesian Nash equilibrium of the stage game at the receiver's belief (zero
interim regret for every type, types the receiver rules out included, and for
the receiver: :meth:`SignalStageGame.stage_game` and
:func:`gametrust.model.interim.interim_regrets`, the Bayesian solver's own
certificate); no type gains by sending another signal; and every listed
off-path continuation is a stage equilibrium at a belief of its set that
deters every type.  A failure is a solver bug and raises
:class:`~gametrust.core.errors.SolverError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction

from ..core.errors import SolverError
from ..core.linalg import bounded_polytope, unit_vector
from ..model.interim import interim_regrets
from ..model.signal_stage import SignalStageGame
from .signal_stage_result import StageEquilibrium, StageOffPathOption

__all__ = ["certify_stage_pbe"]

ZERO = Fraction(0)
ONE = Fraction(1)


def _is_distribution(mix: Mapping[str, Fraction]) -> bool:
    return all(p >= 0 for p in mix.values()) and sum(mix.values(), ZERO) == 1


def _stage_regret(
    game: SignalStageGame, signal: str, belief: Mapping[str, Fraction],
    play: Mapping[str, Mapping[str, Fraction]], response: Mapping[str, Fraction],
) -> Fraction:
    """The largest interim regret of the stage game after ``signal`` at ``belief``."""
    bg = game.stage_game(belief, signal)
    strategies = [
        [[play[t][a] for a in game.actions] for t in game.types],
        [[response[b] for b in game.responses]],
    ]
    return max(max(row) for row in interim_regrets(bg, strategies))


def _continuation_value(
    game: SignalStageGame, t: str, signal: str, play: Mapping[str, Fraction],
    response: Mapping[str, Fraction],
) -> Fraction:
    return sum(
        (p * q * game.sender_payoff(t, signal, a, b)
         for a, p in play.items() for b, q in response.items()),
        ZERO,
    )


def _belief_supported(game: SignalStageGame, option: StageOffPathOption,
                      belief: Mapping[str, Fraction]) -> bool:
    """Some stage play over ``option.actions`` makes the receiver's support optimal at
    ``belief``: a joint belief over (type, action) with this marginal, found exactly."""
    pairs = [(t, a) for t in game.types for a in option.actions[t]]
    n = len(pairs)
    eqs = [([ONE if p[0] == t else ZERO for p in pairs], belief[t]) for t in game.types]
    ineqs = [(unit_vector(n, i), ZERO) for i in range(n)]

    def row(b: str, c: str) -> list[Fraction]:
        return [game.receiver_payoff(t, a, b) - game.receiver_payoff(t, a, c) for t, a in pairs]

    b0 = option.support[0]
    eqs += [(row(b, b0), ZERO) for b in option.support[1:]]
    ineqs += [(row(b0, c), ZERO) for c in game.responses if c not in option.support]
    return bounded_polytope(n, eqs, ineqs) is not None


def certify_stage_pbe(game: SignalStageGame, e: StageEquilibrium) -> StageEquilibrium:
    """``e`` with its regret (``0``), after checking it is a perfect Bayesian equilibrium.

    Raises :class:`~gametrust.core.errors.SolverError` when any check fails.
    """

    def fail(why: str) -> SolverError:
        return SolverError(f"a signal-and-stage equilibrium failed its certificate ({why}): {e}")

    regrets: list[Fraction] = []
    for t in game.types:
        if not _is_distribution(e.sender[t]):
            raise fail(f"the signal strategy of {t} is not a distribution")
    for m in game.signals:
        if not _is_distribution(e.receiver[m]):
            raise fail(f"the response to {m} is not a distribution")
        if not all(_is_distribution(e.stage[m][t]) for t in game.types):
            raise fail(f"a stage strategy after {m} is not a distribution")
        mass = sum((game.prior[t] * e.sender[t][m] for t in game.types), ZERO)
        if (mass > 0) != (m in e.on_path):
            raise fail(f"{m} is wrongly marked on or off the path")
        if mass > 0 and any(e.beliefs[m][t] != game.prior[t] * e.sender[t][m] / mass
                            for t in game.types):
            raise fail(f"the belief after {m} does not follow Bayes' rule")
        regret = _stage_regret(game, m, e.beliefs[m], e.stage[m], e.receiver[m])
        if regret != 0:
            raise fail(f"the play after {m} is not a Bayesian equilibrium of the stage game")
        regrets.append(regret)
    for t in game.types:
        value = {m: _continuation_value(game, t, m, e.stage[m][t], e.receiver[m])
                 for m in game.signals}
        top = max(value.values())
        regret = top - sum((p * value[m] for m, p in e.sender[t].items()), ZERO)
        if regret != 0:
            raise fail(f"{t} gains by sending another signal")
        if e.sender_payoffs[t] != top:
            raise fail(f"the payoff of {t} is wrong")
        regrets.append(regret)
    for m, options in e.off_path.items():
        if not options:
            raise fail(f"no continuation after the off-path {m}")
        for option in options:
            if not isinstance(option, StageOffPathOption):
                raise fail(f"an off-path option at {m} has no stage play")
            if _stage_regret(game, m, option.belief, option.play, option.response) != 0:
                raise fail(f"an off-path continuation at {m} is not a stage equilibrium")
            for belief in option.beliefs.beliefs():
                if not _belief_supported(game, option, belief):
                    raise fail(f"a belief of an off-path option at {m} does not support it")
            for mix in (*option.mixes, option.response):
                for t in game.types:
                    gross = {a: sum((q * game.sender_payoff(t, m, a, b) for b, q in mix.items()),
                                    ZERO) for a in game.actions}
                    best = max(gross.values())
                    if any(gross[a] != best for a in option.actions[t]):
                        raise fail(f"an off-path option at {m} has {t} play a non-best reply")
                    if best > e.sender_payoffs[t]:
                        raise fail(f"an off-path continuation at {m} invites {t} to deviate")
    return replace(e, regret=max(regrets, default=ZERO))
