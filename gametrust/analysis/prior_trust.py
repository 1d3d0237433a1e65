"""Trust thresholds: the least prior at which the trusted types can cooperate in equilibrium.

The literature's threshold (Kydd, *Trust and Mistrust in International
Relations*, 2005) is about equilibria in which the *trustworthy* types
cooperate: with a common prior ``pi`` that each side is trustworthy, the
trustworthy types reciprocate iff ``pi >= c / (1 - t_T + c)``.  So a threshold
names the **agents that must cooperate** — a player with one type, or one
type of a player — and leaves every other type (an untrustworthy one) free:
:func:`trust_region` finds, along any exact sweep of a Bayesian game
(a prior, a common prior, a parameter), where some Bayesian equilibrium has
every named agent playing its cooperative action for sure, and
:func:`prior_threshold` sweeps a prior and does so.  Both return a
:class:`PriorThreshold`: the least such value (exact) and the whole region.
(The trust a player needs in a *normal-form* game, its belief about the
other's action, is :func:`gametrust.analysis.selection.trust_threshold`.)

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
from .parametric import show_value
from .prior_sweep import exact_prior, sweep_prior
from .types_model import TypeAxis
from .types_sweep import sweep_types
from .types_sweep_result import TypesPoint, TypesSweep, exact_text

__all__ = ["PriorThreshold", "cooperative_agents", "prior_threshold", "trust_region"]


def cooperative_agents(
    players: tuple[str, ...], types: tuple[tuple[str, ...], ...],
    actions: tuple[tuple[str, ...], ...], spec: Mapping[Any, str],
) -> tuple[tuple[int, int, int], ...]:
    """``{"US": "Reassure", "DPRK.security_seeker": "Freeze"}`` (or tuple keys) as
    (player, type, action) indices; a bare player name means all its types."""
    if not isinstance(spec, Mapping) or not spec:
        raise fail(
            "name the cooperative profile as a mapping, e.g. "
            "{'US': 'Reassure', 'DPRK.security_seeker': 'Freeze'}",
            "cooperative",
        )
    out = []
    for key, action in spec.items():
        text = ".".join(map(str, key)) if isinstance(key, tuple) else str(key)
        if isinstance(key, tuple) and len(key) == 2:
            head, tail = str(key[0]), str(key[1])
        elif key in players:
            head, tail = str(key), ""
        else:
            head, _, tail = str(key).partition(".")
        problem = None
        if head not in players:
            problem = f"no player {head!r}; the players are {', '.join(players)}"
        else:
            i = players.index(head)
            if tail and tail not in types[i]:
                problem = f"{head} has no type {tail!r}; its types are {', '.join(types[i])}"
            elif action not in actions[i]:
                problem = (f"{head} has no action {action!r}; its actions are "
                           f"{', '.join(actions[i])}")
        if problem is not None:
            raise ArgumentError(problem, Location(path=("cooperative", text)))
        ks = [types[i].index(tail)] if tail else list(range(len(types[i])))
        out.extend((i, k, actions[i].index(action)) for k in ks)
    return tuple(out)


@dataclass(frozen=True)
class PriorThreshold:
    """Where, along a sweep, some Bayesian equilibrium has the named agents cooperate.

    ``cooperative`` lists the agents as (player, type, action); ``value`` is
    the least such value of the swept quantity (the infimum; ``None`` when
    there is none in the range) and ``attained`` whether it is itself
    included; ``regions`` are the maximal intervals ``(lo, hi, closed_lo,
    closed_hi)`` where an equilibrium has them cooperate; ``belief`` names
    the swept quantity in words.
    """

    belief: str
    cooperative: tuple[tuple[str, str, str], ...]
    value: Any
    attained: bool
    regions: tuple[tuple[Any, Any, bool, bool], ...]
    sweep: TypesSweep = field(compare=False, repr=False)
    one_type: tuple[str, ...] = ()

    @property
    def player(self) -> str:
        return self.sweep.player

    @property
    def type(self) -> str:
        return self.sweep.type

    def _profile(self) -> str:
        return ", ".join(
            f"{player}: {action}" if player in self.one_type else f"{player}.{type_}: {action}"
            for player, type_, action in self.cooperative
        )

    def describe(self) -> str:
        """E.g. ``"a BNE with US: Reassure, DPRK.security_seeker: Freeze exists iff
        P(DPRK is security_seeker) >= 1/2"``."""
        head = f"a BNE with {self._profile()}"
        if self.value is None:
            lo, hi = format_number(self.sweep.lo), format_number(self.sweep.hi)
            what = "prior P" if self.sweep.axis.kind == "prior" else f"value of {self.belief}"
            return f"no {what} in [{lo}, {hi}] supports {head}"
        if len(self.regions) == 1 and self.regions[0][1] == self.sweep.hi and self.regions[0][3]:
            op = ">=" if self.attained else ">"
            return f"{head} exists iff {self.belief} {op} {show_value(self.value)}"
        spans = []
        for lo, hi, closed_lo, closed_hi in self.regions:
            if lo == hi:
                spans.append(f"= {show_value(lo)}")
            else:
                spans.append(f"in {'[' if closed_lo else '('}{show_value(lo)}, {show_value(hi)}"
                             f"{']' if closed_hi else ')'}")
        return f"{head} exists iff {self.belief} " + " or ".join(spans)

    def to_dict(self) -> dict[str, Any]:
        text = exact_text

        return {
            "over": self.belief,
            "axis": self.sweep.axis.to_dict(),
            "cooperative": [{"player": p, "type": t, "action": a} for p, t, a in self.cooperative],
            "value": None if self.value is None else text(self.value),
            "attained": self.attained,
            "regions": [{"lo": text(lo), "hi": text(hi), "closed_lo": cl, "closed_hi": ch}
                        for lo, hi, cl, ch in self.regions],
            "describe": self.describe(),
        }

    def __str__(self) -> str:
        return self.describe()


def _belief(sweep: TypesSweep) -> str:
    axis = sweep.axis
    if axis.kind == "prior" and axis.player:
        return f"P({axis.player} is {axis.type})"
    if axis.kind == "prior":
        return f"the common prior P({axis.type or 'first type'})"
    return axis.symbol


def trust_region(sweep: TypesSweep, cooperative: Mapping[Any, str]) -> PriorThreshold:
    """Where along ``sweep`` (of a Bayesian game) some equilibrium has every agent named in
    ``cooperative`` play its action for sure.

    ``cooperative`` maps agents to actions: ``{"A.trustworthy": "Cooperate",
    "B.trustworthy": "Cooperate"}`` (a bare player name means all its types).
    Types not named may do anything.  It suffices to look at the extreme
    equilibria: the profiles of a convex set of equilibria in which given
    agents play given actions form a face of it.
    """
    if sweep.game != "bayesian":
        raise fail("trust regions are computed along sweeps of Bayesian games", "sweep")
    first = next(s.solution.result for s in sweep.segments() if s.solution.result is not None)
    game = first.game
    agents = cooperative_agents(game.players, game.types, game.actions, cooperative)

    def holds(result: Any) -> bool:
        if result is None:
            return False
        return any(all(abs(e.strategies[i][t][a] - 1) <= 1e-9 if not isinstance(
            e.strategies[i][t][a], Fraction) else e.strategies[i][t][a] == 1
            for i, t, a in agents) for e in result)

    regions: list[list[Any]] = []
    for seg in sweep.segments():
        if isinstance(seg, TypesPoint):
            span = [seg.value, seg.value, True, True]
        else:
            span = [seg.lo, seg.hi, seg.closed_lo, seg.closed_hi]
        if not holds(seg.solution.result):
            continue
        if regions and regions[-1][1] == span[0] and (regions[-1][3] or span[2]):
            regions[-1][1], regions[-1][3] = span[1], span[3]
        else:
            regions.append(span)
    named = tuple((game.players[i], game.types[i][t], game.actions[i][a]) for i, t, a in agents)
    value = regions[0][0] if regions else None
    attained = bool(regions and regions[0][2])
    one = tuple(p for p, ts in zip(game.players, game.types, strict=True) if len(ts) == 1)
    return PriorThreshold(_belief(sweep), named, value, attained,
                          tuple(tuple(r) for r in regions), sweep, one)  # type: ignore[arg-type]


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

    ``player`` may be ``"common"``: then every player with several types gets
    the same prior of its type ``type`` (a common prior, as in Kydd's model).
    ``cooperative`` maps agents to actions they play for sure:
    ``{"US": "Reassure", "DPRK.security_seeker": "Freeze"}`` (a bare player
    name means all its types; ``(player, type)`` tuples work too).  Types not
    named may do anything, mixing included.  See :func:`trust_region`.
    """
    if not isinstance(game, BayesianGame):
        raise fail("prior_threshold() takes a BayesianGame", "game")
    cooperative_agents(game.players, game.types, game.actions, cooperative)
    if player == "common" and "common" not in game.players:
        axis = TypeAxis("prior", type=str(type))
        low, high = exact_prior(lo, "lo"), exact_prior(hi, "hi")
        sweep = sweep_types(game, axis, low, high)
    else:
        sweep = sweep_prior(game, player, type, lo, hi)
    return trust_region(sweep, cooperative)
