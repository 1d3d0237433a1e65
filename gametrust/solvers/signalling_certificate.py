"""The certificate of a perfect Bayesian equilibrium, checked from its named strategies alone.

:func:`certify_pbe` re-checks what :func:`~gametrust.solvers.signalling.solve_signalling`
found without using any of the solver's linear systems: the strategies are
distributions, on-path beliefs follow Bayes' rule, the receiver best-responds
to its belief at every signal, no type gains by sending another signal, and
every listed off-path response deters every type.  It records the equilibrium's
*regret*: the largest gain any type or the receiver could get by deviating
(``0`` exactly).  A failure is a solver bug and raises
:class:`~gametrust.core.errors.SolverError`: it never reaches a user as an answer.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from ..core.errors import SolverError
from ..model.signalling import SignallingGame
from .signalling_result import PerfectBayesianEquilibrium

__all__ = ["certify_pbe"]

ZERO = Fraction(0)


def _is_distribution(mix: dict[str, Fraction]) -> bool:
    return all(p >= 0 for p in mix.values()) and sum(mix.values(), ZERO) == 1


def certify_pbe(game: SignallingGame, e: PerfectBayesianEquilibrium) -> PerfectBayesianEquilibrium:
    """``e`` with its regret, after checking it is an equilibrium of ``game``.

    The regret is the largest of: each type's best payoff from any signal
    (against the receiver's response there) minus its payoff from its own
    strategy; and, at each signal, the receiver's best expected payoff under its
    belief there minus that of its response.  Raises
    :class:`~gametrust.core.errors.SolverError` unless it is ``0`` and every other
    check holds.
    """

    def fail(why: str) -> SolverError:
        return SolverError(f"a signalling equilibrium failed its certificate ({why}): {e}")

    regrets: list[Fraction] = []
    for t in game.types:
        if not _is_distribution(e.sender[t]):
            raise fail(f"the strategy of {t} is not a distribution")
    for m in game.signals:
        mix = e.receiver[m]
        if not _is_distribution(mix):
            raise fail(f"the response to {m} is not a distribution")
        mass = sum((game.prior[t] * e.sender[t][m] for t in game.types), ZERO)
        if (mass > 0) != (m in e.on_path):
            raise fail(f"{m} is wrongly marked on or off the path")
        if mass > 0:
            for t in game.types:
                if e.beliefs[m][t] != game.prior[t] * e.sender[t][m] / mass:
                    raise fail(f"the belief after {m} does not follow Bayes' rule")
        values = game.expected_receiver_payoffs(e.beliefs[m])
        regret = max(values.values()) - sum((p * values[a] for a, p in mix.items()), ZERO)
        if regret != 0:
            raise fail(f"the response to {m} is not a best response to the belief")
        regrets.append(regret)
    for t in game.types:
        payoff = {
            m: sum((p * game.sender_payoff(t, m, a) for a, p in e.receiver[m].items()), ZERO)
            for m in game.signals
        }
        top = max(payoff.values())
        regret = top - sum((p * payoff[m] for m, p in e.sender[t].items()), ZERO)
        if regret != 0:
            raise fail(f"{t} has a profitable deviation")
        if e.sender_payoffs[t] != top:
            raise fail(f"the payoff of {t} is wrong")
        regrets.append(regret)
    for m, options in e.off_path.items():
        if not options:
            raise fail(f"no off-path support at {m}")
        for option in options:
            for belief in option.beliefs.beliefs():
                if not set(option.support) <= set(game.best_responses(belief)):
                    raise fail(f"an off-path belief at {m} does not support its response")
            for response in (*option.mixes, option.response):
                for t in game.types:
                    gain = sum(
                        (p * game.sender_payoff(t, m, a) for a, p in response.items()), ZERO
                    )
                    if gain > e.sender_payoffs[t]:
                        raise fail(f"an off-path response at {m} invites {t} to deviate")
    return replace(e, regret=max(regrets, default=ZERO))
