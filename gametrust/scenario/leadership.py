"""Leadership in mixed strategies (``leadership:``): who commits, and what it may be combined with.

A scenario with ``leadership: {leader: Inspector}`` is a two-player normal-form
stage game whose leader announces a mixed strategy before the follower moves
(the commitment itself is computed by
:func:`gametrust.solvers.stackelberg.leader_commitment` on the built game, so
empathy and parameters apply as for any solve).  :func:`check_leadership`
refuses what it cannot be combined with, at the ``leadership`` key path:

>>> from gametrust.scenario.scenario import Scenario
>>> from gametrust.scenario.parts import Player
>>> Scenario(title="t", players=[Player("A", "A", ("x", "y")), Player("B", "B", ("x", "y"))],
...          payoffs={"x, x": [1, 1], "x, y": [0, 0], "y, x": [0, 0], "y, y": [1, 1]},
...          leadership=Leadership("C"))
Traceback (most recent call last):
...
gametrust.core.errors.ArgumentError: leadership.leader: unknown leader 'C'; the players are A, B
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.errors import did_you_mean, fail

__all__ = ["Leadership", "check_leadership"]


@dataclass(frozen=True)
class Leadership:
    """The ``leadership:`` section: the leader's player id (the other player follows,
    breaking ties in the leader's favour: strong Stackelberg)."""

    leader: str


def check_leadership(scenario: Any) -> None:
    """The leader is one of exactly two players of a normal-form stage game without
    moves in time, types, a signal stage or repetition (each refused by name)."""
    leadership = scenario.leadership
    ids = list(scenario.player_ids)
    if leadership.leader not in ids:
        raise fail(f"unknown leader {leadership.leader!r}{did_you_mean(leadership.leader, ids)}"
                   f"; the players are {', '.join(ids)}", "leadership", "leader")
    if len(ids) != 2:
        raise fail(f"leadership is for two-player games (a leader and a follower); this one has "
                   f"{len(ids)} players", "leadership")
    for present, why in (
        (bool(scenario.order),
         "order: makes the leader commit to a pure action, leadership: to a mixed strategy; "
         "they exclude each other (keep one)"),
        (bool(scenario.commitments),
         "commitments: bind a player to a subset of its actions before the stage game; "
         "they cannot be combined with leadership: (keep one)"),
        (scenario.verification is not None,
         "verification: makes the verifier move after an alarm; it cannot be combined with "
         "leadership:"),
        (scenario.stage_tree is not None,
         "leadership: is for a normal-form stage game (payoffs:), not a tree"),
        (bool(scenario.types),
         "leadership: with types is not supported yet (a commitment against a follower of "
         "unknown type is a Bayesian Stackelberg game)"),
        (scenario.signalling is not None,
         "leadership: with a signal stage is not supported"),
        (scenario.repeated is not None,
         "leadership: in a repeated game is not supported"),
    ):
        if present:
            raise fail(why, "leadership")
