"""Trust thresholds over a prior: the least belief at which cooperation is an equilibrium.

:func:`prior_threshold` answers "how sure must the US be that North Korea is a
security seeker for mutual restraint to be a Bayesian equilibrium?" exactly,
from an exact sweep of that prior
(:func:`gametrust.analysis.prior_sweep.sweep_prior`), and returns a
:class:`PriorThreshold`.  (The trust a player needs in a *normal-form* game,
its belief about the other's action, is
:func:`gametrust.analysis.selection.trust_threshold`.)

>>> import gametrust
>>> bg = gametrust.load("scenarios/korea_trust.yaml").build_bayesian()  # US vs a two-type DPRK
>>> threshold = prior_threshold(bg, "DPRK", "security_seeker",
...                             {"US": "Reassure", "DPRK.security_seeker": "Freeze"})
>>> threshold.value
Fraction(1, 2)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..core.errors import ArgumentError, Location, fail
from ..core.exact import format_number
from ..model.bayesian import BayesianGame
from ..solvers.bayesian_result import BayesianResult
from .prior_sweep import PriorPoint, PriorSweep, sweep_prior

__all__ = ["PriorThreshold", "prior_threshold"]


def _cooperative(game: BayesianGame, spec: Mapping[Any, str]) -> tuple[tuple[int, int, int], ...]:
    """``{"US": "Reassure", "DPRK.security_seeker": "Freeze"}`` (or tuple keys) as
    (player, type, action) indices; a bare player names all its types."""
    if not isinstance(spec, Mapping) or not spec:
        raise fail(
            "name the cooperative profile as a mapping, e.g. "
            "{'US': 'Reassure', 'DPRK.security_seeker': 'Freeze'}",
            "cooperative",
        )
    out = []
    for key, action in spec.items():
        text = ".".join(map(str, key)) if isinstance(key, tuple) else str(key)
        try:
            if isinstance(key, tuple) and len(key) == 2:
                i = game.player_index(key[0])
                types = [game.type_index(i, key[1])]
            elif key in game.players:
                i = game.player_index(key)
                types = list(range(len(game.types[i])))
            else:
                head, _, tail = str(key).partition(".")
                i = game.player_index(head)
                types = [game.type_index(i, tail)]
            a = game.action_index(i, action)
        except ArgumentError as exc:
            raise ArgumentError(exc.message, Location(path=("cooperative", text))) from None
        out.extend((i, t, a) for t in types)
    return tuple(out)


@dataclass(frozen=True)
class PriorThreshold:
    """Where, along one player's prior, a named cooperative profile is part of a BNE.

    ``value`` is the least such prior (the infimum; ``None`` when there is
    none in the range) and ``attained`` whether it is itself included;
    ``regions`` are the maximal intervals ``(lo, hi, closed_lo, closed_hi)``
    where the profile is supported.
    """

    player: str
    type: str
    cooperative: tuple[tuple[str, str, str], ...]  # (player, type, action)
    value: Fraction | None
    attained: bool
    regions: tuple[tuple[Fraction, Fraction, bool, bool], ...]
    sweep: PriorSweep = field(compare=False, repr=False)

    def _profile(self) -> str:
        parts = []
        for player, type_, action in self.cooperative:
            one = len(self.sweep.game.types[self.sweep.game.player_index(player)]) == 1
            parts.append(f"{player}: {action}" if one else f"{player}.{type_}: {action}")
        return ", ".join(parts)

    def describe(self) -> str:
        """E.g. ``"a BNE with US: Reassure, DPRK.security_seeker: Freeze exists iff
        P(DPRK is security_seeker) >= 1/2"``."""
        belief = f"P({self.player} is {self.type})"
        head = f"a BNE with {self._profile()}"
        if self.value is None:
            lo, hi = format_number(self.sweep.lo), format_number(self.sweep.hi)
            return f"no prior P in [{lo}, {hi}] supports {head}"
        if len(self.regions) == 1 and self.regions[0][1] == self.sweep.hi and self.regions[0][3]:
            op = ">=" if self.attained else ">"
            return f"{head} exists iff {belief} {op} {format_number(self.value)}"
        spans = []
        for lo, hi, closed_lo, closed_hi in self.regions:
            if lo == hi:
                spans.append(f"= {format_number(lo)}")
            else:
                spans.append(
                    f"in {'[' if closed_lo else '('}{format_number(lo)}, {format_number(hi)}"
                    f"{']' if closed_hi else ')'}"
                )
        return f"{head} exists iff {belief} " + " or ".join(spans)

    def __str__(self) -> str:
        return self.describe()


def prior_threshold(
    game: BayesianGame,
    player: str | int,
    type: str | int,
    cooperative: Mapping[Any, str],
    *,
    lo: object = 0,
    hi: object = 1,
) -> PriorThreshold:
    """The exact least prior that ``player`` is ``type`` at which some BNE plays ``cooperative``.

    ``cooperative`` maps agents to actions they play for sure:
    ``{"US": "Reassure", "DPRK.security_seeker": "Freeze"}`` (a bare player
    name means all its types; ``(player, type)`` tuples work too).  Types not
    named may do anything, mixing included.  Computed from :func:`sweep_prior`
    (it suffices to look at extreme equilibria: the profiles of a convex set of
    equilibria in which given agents play given actions form a face of it).
    """
    if not isinstance(game, BayesianGame):
        raise fail("prior_threshold() takes a BayesianGame", "game")
    agents = _cooperative(game, cooperative)
    result = sweep_prior(game, player, type, lo, hi)

    def holds(r: BayesianResult) -> bool:
        return any(all(e.strategies[i][t][a] == 1 for i, t, a in agents) for e in r)

    regions: list[list[Any]] = []
    for seg in result.segments():
        if isinstance(seg, PriorPoint):
            span = [seg.value, seg.value, True, True]
        else:
            span = [seg.lo, seg.hi, seg.closed_lo, seg.closed_hi]
        if not holds(seg.result):
            continue
        if regions and regions[-1][1] == span[0] and (regions[-1][3] or span[2]):
            regions[-1][1], regions[-1][3] = span[1], span[3]
        else:
            regions.append(span)
    named = tuple((game.players[i], game.types[i][t], game.actions[i][a]) for i, t, a in agents)
    value = regions[0][0] if regions else None
    attained = bool(regions and regions[0][2])
    return PriorThreshold(
        result.player, result.type, named, value, attained, tuple(tuple(r) for r in regions), result
    )  # type: ignore[misc]
