"""What :func:`~gametrust.solvers.signal_stage.solve_signal_stage` returns: the perfect
Bayesian equilibria of a signal followed by a simultaneous stage game, as values.

The records extend those of :mod:`gametrust.solvers.signalling_result` by the
sender's *stage* play: :class:`StageEquilibrium` adds ``stage[signal][type]``
(the sender's stage mix after each signal, for every type, senders of other
signals included: each best-responds there), :class:`StageOffPathOption` the
sender types' stage actions that hold an off-path continuation up, and
:class:`StageContinuum` the stage mixes of a continuum.  The container,
:class:`SignalStageResult`, is a :class:`~gametrust.solvers.signalling_result.SignallingResult`
(selections by kind, ``max_regret``, ``describe``, ``to_dict``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..core.exact import format_number
from .signalling_result import (
    OffPathOption,
    OnPathContinuum,
    PerfectBayesianEquilibrium,
    SignallingResult,
)

__all__ = ["SignalStageResult", "StageContinuum", "StageEquilibrium", "StageOffPathOption"]

#: ``stage[signal][type][action]``: the sender's stage mix after each signal, per type.
StagePlay = dict[str, dict[str, dict[str, Fraction]]]


def _mix_text(mix: Mapping[str, Fraction]) -> str:
    support = [(a, p) for a, p in mix.items() if p > 0]
    if len(support) == 1:
        return support[0][0]
    return ", ".join(f"{a} {format_number(p)}" for a, p in support)


@dataclass(frozen=True)
class StageOffPathOption(OffPathOption):
    """A continuation after an off-path signal that keeps the equilibrium one.

    As :class:`~gametrust.solvers.signalling_result.OffPathOption` (the receiver's
    ``support``, the extreme points ``mixes`` of its deterring mixes, one of them
    ``response``), where now the receiver's belief is about the sender's type
    *and* its stage action: ``actions[type]`` are the stage actions each type
    may play (every one a best reply to every mix of ``mixes``), and
    ``beliefs`` is the whole set of beliefs about the type at which some stage
    play over ``actions`` makes the receiver's support optimal.  ``belief`` and
    ``play`` are one such belief and stage play (they go with ``response``).
    """

    actions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    belief: dict[str, Fraction] = field(default_factory=dict)
    play: dict[str, dict[str, Fraction]] = field(default_factory=dict)

    def __str__(self) -> str:
        sender = ", ".join(f"{t} {' or '.join(a)}" for t, a in self.actions.items())
        return f"{super().__str__()}; sender plays {sender}"

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["actions"] = {t: list(a) for t, a in self.actions.items()}
        return out


@dataclass(frozen=True)
class StageContinuum(OnPathContinuum):
    """A non-isolated equilibrium (as
    :class:`~gametrust.solvers.signalling_result.OnPathContinuum`); ``stage[k]`` is the
    sender's on-path stage play at the ``k``-th extreme point of ``sender``."""

    stage: tuple[StagePlay, ...] = ()


@dataclass(frozen=True)
class StageEquilibrium(PerfectBayesianEquilibrium):
    """One certified perfect Bayesian equilibrium of a signal, then a simultaneous stage.

    As :class:`~gametrust.solvers.signalling_result.PerfectBayesianEquilibrium`
    (``sender[type][signal]``, ``receiver[signal][response]``,
    ``beliefs[signal][type]``, ``off_path``, payoffs, Intuitive Criterion,
    ``continuum``, ``regret``), plus ``stage[signal][type][action]``: the sender's
    stage mix after each signal.  After an on-path signal the types that send
    it play their equilibrium mix; every other type plays a best reply to the
    receiver's mix there (it is never reached, but sequential rationality asks
    it).  After an off-path signal the play shown is that of the option shown.
    Its ``regret`` covers the signal stage and every stage game: ``0`` exactly.
    """

    stage: StagePlay = field(default_factory=dict)

    def behavior(self, game: Any) -> dict[str, dict[str, Fraction] | None]:
        """The behaviour strategy profile in ``game.to_tree()`` (information set -> mix)."""
        out = super().behavior(game)
        for m, per_type in self.stage.items():
            for t, mix in per_type.items():
                out[game.stage_infoset(t, m)] = dict(mix)
        return out

    def lines(self) -> list[str]:
        lines = super().lines()
        stage = []
        for m, per_type in self.stage.items():
            where = "" if m in self.on_path else " (off path)"
            play = "; ".join(f"{t} {_mix_text(mix)}" for t, mix in per_type.items())
            stage.append(f"  stage after {m}{where}: sender plays {play}")
        return [*lines[:-1], *stage, lines[-1]]

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["stage"] = {
            m: {t: {a: format_number(p) for a, p in mix.items()} for t, mix in per_type.items()}
            for m, per_type in self.stage.items()
        }
        if isinstance(self.continuum, StageContinuum):
            out["continuum"]["stage"] = [
                {m: {t: {a: format_number(p) for a, p in mix.items()}
                     for t, mix in per_type.items()} for m, per_type in play.items()}
                for play in self.continuum.stage
            ]
        return out


@dataclass(frozen=True)
class SignalStageResult(SignallingResult):
    """Every perfect Bayesian equilibrium of a signal followed by a simultaneous stage game.

    ``game`` is the :class:`~gametrust.model.signal_stage.SignalStageGame`;
    ``equilibria`` are :class:`StageEquilibrium` records.  ``complete`` has the
    meaning of :class:`~gametrust.solvers.signalling_result.SignallingResult`:
    every PBE's path of play is listed (isolated, or inside a listed continuum)
    and each isolated one lists every off-path continuation that supports it.
    """

    method: str = "support-enumeration (signal, then simultaneous stage)"
