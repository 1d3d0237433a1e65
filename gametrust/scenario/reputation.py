"""Reputation over a finite number of meetings, as data: who may be committed, with what prior.

The ``reputation:`` entry of a ``repeated:`` section (with ``rounds:``) turns
the two-player stage game into the finitely repeated game of Kreps and Wilson
(1982) and Milgrom and Roberts (1982): the *informed* player (``player``) is,
with the prior probability ``prior``, a **committed** type that always plays
``plays``, and otherwise a **normal** type with the stage payoffs.  The other
player moves first in each meeting and the informed one answers; the stage
must be a trust (or chain-store) game: after one of the first mover's two
actions the informed player's answer changes nobody's payoff (it does not
move there).  :func:`check_reputation` validates the section against the
stage game at the parameters' values, raising located
:class:`~gametrust.core.errors.ArgumentError` (key paths under
``repeated``); :func:`reputation_stage` reads the stage's six payoffs from a
built game.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.errors import fail
from .expression import Expression

__all__ = ["MAX_ROUNDS", "ReputationClaim", "ReputationSpec", "StagePayoffs", "check_reputation",
           "reputation_stage", "stage_kind"]

#: At most this many meetings: the certificate builds the whole game tree (2 x 3^rounds leaves).
MAX_ROUNDS = 6


@dataclass(frozen=True)
class ReputationSpec:
    """The informed player, its committed type's prior and action, the number of meetings
    and (optionally) their names."""

    player: str
    prior: Expression
    plays: str
    rounds: int
    meetings: tuple[str, ...] = ()


@dataclass(frozen=True)
class StagePayoffs:
    """The stage game as a trust (chain-store) game, one player first, the informed second.

    ``actions[0]`` is the first mover's ``(move, stay)``: after ``move`` the
    informed player answers, after ``stay`` it does not move;
    ``actions[1]`` is the informed player's ``(committed, other)``.  ``first``
    and ``second`` are each player's payoffs after ``(move, committed)``,
    ``(move, other)`` and ``stay``.
    """

    players: tuple[str, str]
    actions: tuple[tuple[str, str], tuple[str, str]]
    first: tuple[Fraction, Fraction, Fraction]
    second: tuple[Fraction, Fraction, Fraction]


def reputation_stage(
    spec: ReputationSpec, players: Sequence[str], actions: Sequence[Sequence[str]],
    payoff: Any,
) -> StagePayoffs:
    """The stage as a :class:`StagePayoffs`; ``payoff(i, j)`` is the payoff vector of the
    profile (first player's action ``i``, second's ``j``) in the scenario's player order.

    Errors (located under ``repeated.reputation`` or at ``payoffs``) when the informed
    player is unknown, its committed action is not one of its two actions, or the
    stage is not a trust game (exactly one of the first mover's actions must leave the
    informed player's answer without effect on any payoff).
    """
    where = ("repeated", "reputation")
    if len(players) != 2 or any(len(a) != 2 for a in actions):
        raise fail("a reputation game needs a two-player stage game with two actions each",
                   *where)
    if spec.player not in players:
        raise fail(f"unknown player {spec.player!r}; the players are {', '.join(players)}",
                   *where, "player")
    informed = list(players).index(spec.player)
    uninformed = 1 - informed
    own = list(actions[informed])
    if spec.plays not in own:
        raise fail(f"{spec.plays!r} is not an action of {spec.player} ({', '.join(own)})",
                   *where, "committed", "plays")
    c = own.index(spec.plays)
    d = 1 - c

    def vector(first_action: int, second_action: int) -> tuple[Fraction, Fraction]:
        index = [0, 0]
        index[uninformed], index[informed] = first_action, second_action
        values = payoff(index[0], index[1])
        return Fraction(values[uninformed]), Fraction(values[informed])

    moving = [a for a in (0, 1) if vector(a, c) != vector(a, d)]
    other = players[uninformed]
    if len(moving) != 1:
        what = ("after each of its actions" if moving else
                "after neither of its actions")
        raise fail(
            f"the stage must be a trust game: {other} moves first and {spec.player} answers "
            f"only after one of {other}'s actions (there its answer changes the payoffs, after "
            f"the other one it must not); here {spec.player}'s answer matters {what}",
            "payoffs")
    move = moving[0]
    stay = 1 - move
    mc, md, s = vector(move, c), vector(move, d), vector(stay, c)
    first_actions = actions[uninformed]
    return StagePayoffs(
        players=(other, spec.player),
        actions=((first_actions[move], first_actions[stay]), (own[c], own[d])),
        first=(mc[0], md[0], s[0]),
        second=(mc[1], md[1], s[1]),
    )


def stage_kind(stage: StagePayoffs, delta: Fraction) -> str:
    """``"trust"`` or ``"deterrence"``; a located error naming the inequality that fails
    for any other stage."""
    (move, _), (c, d) = stage.actions
    first, second = stage.players
    u_c, u_d, u_s = stage.first
    v_c, v_d, v_s = stage.second
    where = ("repeated", "reputation")
    if u_c > u_s > u_d:
        kind, reward, revealed = "trust", v_d, v_s
    elif u_d > u_s > u_c:
        kind, reward, revealed = "deterrence", v_s, v_d
    else:
        raise fail(f"{first}'s payoff after not playing {move} ({u_s}) must lie strictly between "
                   f"its payoffs after {move} answered by {c} ({u_c}) and by {d} ({u_d}): "
                   "otherwise its choice does not depend on its belief", *where)
    if not v_d > v_c:
        raise fail(f"a normal {second} must be tempted to answer {d} rather than {c} after "
                   f"{move} ({v_d} against {v_c}); otherwise there is no reputation to build",
                   *where)
    if not reward > revealed:
        good = f"{move} answered by {d}" if kind == "trust" else f"no {move}"
        raise fail(f"a normal {second} must prefer {good} ({reward}) to what follows once it "
                   f"is known to be normal ({revealed}); other stages are not supported", *where)
    if delta * (reward - revealed) < v_d - v_c:
        raise fail(f"reputation cannot pay: the discount times the value of being rewarded "
                   f"({delta} x {reward - revealed}) is below the gain from answering {d} "
                   f"({v_d - v_c}); this case is not supported", *where)
    return kind


def check_reputation(
    spec: ReputationSpec, players: Sequence[str], actions: Sequence[Sequence[str]],
    values: Mapping[str, Any], payoffs: Mapping[tuple[str, ...], Sequence[Expression]],
    discount: Expression,
) -> None:
    """Validate a reputation section at the parameters' values: the stage (see
    :func:`reputation_stage`), the prior in ``(0, 1)``, the discount in ``(0, 1]``, the
    number of meetings and their names."""
    where = ("repeated", "reputation")
    for name in sorted(spec.prior.names() - set(values)):
        raise fail(f"unknown parameter {name!r}", *where, "committed", "prior")
    prior = spec.prior.evaluate(dict(values))
    if not 0 < prior < 1:
        raise fail(f"the prior of the committed type must lie strictly between 0 and 1, got "
                   f"{prior}", *where, "committed", "prior")
    delta = discount.evaluate(dict(values))
    if not 0 < delta <= 1:
        raise fail(f"the discount of a game over a finite number of meetings lies in (0, 1], "
                   f"got {delta}", "repeated", "discount")
    if not 1 <= spec.rounds <= MAX_ROUNDS:
        raise fail(f"rounds must be between 1 and {MAX_ROUNDS}, got {spec.rounds}",
                   "repeated", "rounds")
    if spec.meetings and len(spec.meetings) != spec.rounds:
        raise fail(f"name one meeting per round ({spec.rounds}), not {len(spec.meetings)}",
                   "repeated", "meetings")

    def payoff(i: int, j: int) -> tuple[Any, ...]:
        return tuple(e.evaluate(dict(values)) for e in payoffs[(actions[0][i], actions[1][j])])

    stage_kind(reputation_stage(spec, players, actions, payoff), Fraction(delta))


@dataclass(frozen=True)
class ReputationClaim:
    """A claim about a reputation game: the prior above which the first mover plays the
    reward in the first meeting (``q^n``) is ``prior_threshold``."""

    prior_threshold: Fraction
    key: str = "repeated"

    def text(self) -> str:
        return (f"cooperation starts in the first meeting exactly when the prior is above "
                f"{self.prior_threshold}")
