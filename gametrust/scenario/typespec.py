"""Types, priors, costly signals and beliefs: the values of the sections that give them.

A scenario's ``payoffs`` are the game as every player sees it when nobody's
type is in doubt.  ``types:`` gives a player private types, each with a prior
(an expression over the parameters) and payoff vectors that *replace* the base
vectors for the profiles it lists::

    types:
      DPRK:
        security_seeker: {prior: p}                 # the base payoffs
        greedy:
          prior: 1 - p
          payoffs: {Reassure, Arm: [0, 5]}          # a full vector [US, DPRK]

``signalling:`` turns such a scenario into a signalling game: the sender (a
player with types) first sends one of ``signals``, paying a type-dependent
``cost``; the receiver (a player with one type) sees the signal and plays one
of its actions; then the sender, knowing its type, plays its best reply to it
(``stage: sequential``, the default), or, with ``stage: simultaneous``, the
sender (knowing its type) and the receiver (seeing only the signal) play the
stage game simultaneously.

This module holds the values (:class:`PlayerType`, :class:`Signalling`,
:class:`BeliefSpec`) and the check of priors at parameter values
(:func:`check_priors`); the file sections are read by
:mod:`gametrust.formats.types_section`.

>>> from gametrust.formats.load import loads
>>> s = loads('''
... gametrust: 1
... title: t
... players:
...   A: {actions: [x, y]}
...   B: {actions: [x, y]}
... payoffs:
...   x, x: [1, 1]
...   x, y: [0, 0]
...   y, x: [0, 0]
...   y, y: [1, 1]
... types:
...   B:
...     friend: {prior: 1/3}
...     foe:
...       prior: 2/3
...       payoffs:
...         x, x: [1, 0]
... ''')
>>> s.is_bayesian, [t.name for t in s.types["B"]]
(True, ['friend', 'foe'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..core.exact import Number, format_number
from .expression import Expression

__all__ = [
    "BELIEF_RULES",
    "SIGNAL_STAGES",
    "BeliefSpec",
    "PlayerType",
    "Signalling",
    "check_priors",
]

#: How the game goes on after a signal (the ``stage`` key of ``signalling:``).
SIGNAL_STAGES = ("sequential", "simultaneous")

#: The belief update rules a ``beliefs:`` section may name (see :mod:`gametrust.analysis.beliefs`).
BELIEF_RULES = ("bayes", "bad_faith")


@dataclass(frozen=True)
class PlayerType:
    """One private type of a player: its prior and the payoff vectors it replaces."""

    name: str
    prior: Expression
    payoffs: Mapping[tuple[str, ...], tuple[Expression, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Signalling:
    """A costly-signal stage before the game: who signals to whom, with what, at what cost.

    ``stage`` is how the game goes on after the signal: ``"sequential"`` (the
    receiver responds, then the sender plays its type's best reply to the
    response) or ``"simultaneous"`` (sender and receiver play the stage game
    simultaneously, the sender knowing its type, the receiver seeing the signal).
    """

    sender: str
    receiver: str
    signals: tuple[str, ...]
    cost: Mapping[str, Mapping[str, Expression]] = field(default_factory=dict)
    stage: str = "sequential"


@dataclass(frozen=True)
class BeliefSpec:
    """How ``observer`` learns about ``about``'s type: the ``beliefs:`` section.

    ``trusted`` is the trustworthy type, ``cooperative`` its cooperative
    actions (the bad-faith rule reads them as tricks), ``cooperative_reply``
    the observer's cooperative action (``None``: inferred at solve time),
    ``rule`` ``"bayes"`` or ``"bad_faith"`` and ``rounds`` the rounds shown.
    """

    observer: str
    about: str
    trusted: str
    cooperative: tuple[str, ...]
    rule: str = "bayes"
    rounds: int = 3
    cooperative_reply: str | None = None


def check_priors(
    types: Mapping[str, Sequence[PlayerType]], values: Mapping[str, Number], error: Any
) -> dict[str, dict[str, Number]]:
    """Every player's prior at the parameter values: probabilities summing exactly to 1.

    ``error(message, path)`` makes the exception to raise, located at
    ``("types", player, type, "prior")`` or, for a wrong sum, ``("types", player)``.
    """
    out: dict[str, dict[str, Number]] = {}
    for pid, entries in types.items():
        prior: dict[str, Number] = {}
        for t in entries:
            p = t.prior.evaluate(values)
            if not 0 <= p <= 1:
                raise error(
                    f"the prior of {pid}'s type {t.name!r} is a probability, between 0 and 1; "
                    f"it is {format_number(p)}",
                    ("types", pid, t.name, "prior"),
                )
            prior[t.name] = p
        total = sum(prior.values(), Fraction(0))
        if total != 1:
            raise error(
                f"the priors of {pid}'s types sum to {format_number(total)}, not 1",
                ("types", pid),
            )
        out[pid] = prior
    return out
