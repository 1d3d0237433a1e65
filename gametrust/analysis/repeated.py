"""Repeated games: the exact set of discount factors where each strategy profile is an equilibrium.

:func:`analyse_repeated` takes a scenario with a ``repeated:`` section and,
for every profile of the listed strategies, computes each player's average
(normalised, ``(1 - δ) Σ δ^t u_t``) payoff as an exact rational function of
the discount ``δ`` (empathy applied to the stage payoffs, noise and the other
parameters at their values), and the exact sets of ``δ`` in ``[0, 1)`` where
the profile is a Nash equilibrium (against every deviation: the best
response is a finite Markov decision problem, solved exactly) and where it
is subgame-perfect (one-shot deviations at every reachable pair of states),
with the deviation that breaks it below the threshold.  The kernel is
:mod:`gametrust.analysis.repeated_engine`; exact sets come from
:mod:`gametrust.analysis.repeated_sets`.

>>> import gametrust
>>> report = analyse_repeated(gametrust.load("scenarios/korea_repeated.yaml"))
>>> print(report.profiles[0].summary())
mutual grim trigger: Nash and subgame-perfect iff δ ≥ 1/2; below it, defecting once gains 5 − 3 = 2 now and loses 3 − 1 = 2 each later round
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from typing import Any

import numpy as np

from ..core.errors import ArgumentError, Location
from ..core.exact import format_number
from ..core.polynomial import RationalFunction
from ..model.automaton import BUILTIN_NAMES, Automaton
from ..model.empathy import empathize_tensor
from ..scenario.build import empathy_with
from ..scenario.repeated import discount_name, role_actions, strategy_automata
from ..scenario.scenario import Scenario
from .folk import FolkPicture, folk_picture
from .parametric import Axis, constant_function, declared_weights, parametric_weights
from .repeated_engine import Condition, Stage, nash_conditions, profile_values, spe_conditions
from .repeated_sets import RF, RealSet, where_nonnegative

__all__ = [
    "NAMES", "RepeatedProfile", "RepeatedReport", "analyse_repeated", "check_discount_and_noise",
    "repeated_stage",
]

#: How the literature calls the built-in strategies.
NAMES = BUILTIN_NAMES


def repeated_stage(
    scenario: Scenario,
    axis: Axis | None = None,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> tuple[Stage, str]:
    """The stage game, discount and noise as functions of one free value, and its name.

    ``axis`` ``None`` frees the discount; otherwise the swept parameter or
    empathy weight is free and the discount is at its value (unless the
    swept parameter is the discount).
    """
    spec = scenario.repeated
    assert spec is not None
    name = discount_name(spec)
    values: dict[str, RationalFunction] = {
        k: constant_function(v) for k, v in scenario.parameter_values(parameters).items()}
    free = axis
    if axis is None and name in values:
        free = Axis("param", name)
    if free is not None and free.kind == "param" and free.name:
        values[free.name] = RationalFunction.variable()
    weights = parametric_weights(scenario.player_ids, declared_weights(scenario, values),
                                 free or Axis("param", ""), empathy, scenario.empathy_model)
    shape = tuple(len(a) for a in scenario.actions)
    base = np.empty((2, *shape), dtype=object)
    for index, vector in zip(product(*(range(k) for k in shape)), scenario.payoffs.values(),
                             strict=True):
        for i, expression in enumerate(vector):
            base[(i, *index)] = expression.fold(constant_function, values.__getitem__)
    tensor = empathize_tensor(base, weights, scenario.empathy_model)
    payoffs = {index: (RF.of(tensor[(0, *index)]), RF.of(tensor[(1, *index)]))
               for index in product(*(range(k) for k in shape))}
    if axis is None and name not in values:
        delta = RF.variable()
    else:
        delta = RF.of(spec.discount.fold(constant_function, values.__getitem__))
    noise = RF.of(spec.noise.fold(constant_function, values.__getitem__))
    actions = (tuple(scenario.actions[0]), tuple(scenario.actions[1]))
    defect = role_actions(spec, scenario.player_ids, scenario.actions)[1]
    return Stage(actions, payoffs, delta, noise, defect), name if axis is None else (
        free.symbol if free is not None else name)


def _difference(a: RF, b: RF, symbol: str = "delta") -> str:
    """``5 − 3 = 2``, or ``5 − relief`` with formulas in ``symbol``."""
    text = f"{a.formula(symbol)} − {b.formula(symbol)}"
    return f"{text} = {(a - b).formula(symbol)}" if a.is_constant() and b.is_constant() else text


@dataclass(frozen=True)
class RepeatedProfile:
    """One profile of strategies: payoffs as functions of the discount and where it is an
    equilibrium (``nash``, ``subgame_perfect`` as exact sets of the discount)."""

    strategies: dict[str, str]
    payoffs: dict[str, RF]
    nash: RealSet
    subgame_perfect: RealSet
    breaks: str | None
    symbol: str
    players: tuple[str, ...]
    is_discount: bool = True

    @property
    def name(self) -> str:
        names = list(self.strategies.values())
        if names[0] == names[1]:
            return f"mutual {NAMES.get(names[0], names[0])}"
        return " vs ".join(f"{NAMES.get(s, s)} ({p})" for p, s in self.strategies.items())

    def summary(self) -> str:
        """The profile's conditions in the words of the literature."""
        sym = "δ" if self.symbol == "delta" else self.symbol
        nash, spe = self.nash, self.subgame_perfect

        def when(s: RealSet) -> str:
            lo = s.at_least()
            if lo is not None and lo == s.pieces[0].lo:
                return "for every discount" if self.is_discount else f"for every {sym} swept"
            if lo is not None:
                return f"iff {sym} ≥ {_show(lo)}"
            return "never" if s.is_empty() else f"iff {sym} in {s}"

        if str(nash) == str(spe):
            text = f"{self.name}: Nash and subgame-perfect {when(nash)}"
            if nash.is_empty():
                text = f"{self.name}: never an equilibrium"
        elif spe.is_empty():
            text = f"{self.name}: Nash {when(nash)}; never subgame-perfect"
        else:
            text = f"{self.name}: Nash {when(nash)}; subgame-perfect {when(spe)}"
        if nash.is_empty() and str(nash) != str(spe):
            text = f"{self.name}: never a Nash equilibrium, so never subgame-perfect"
        return text + (f"; {self.breaks}" if self.breaks else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "strategies": dict(self.strategies),
            "payoffs": {p: f.formula(self.symbol) for p, f in self.payoffs.items()},
            "nash": set_dict(self.nash),
            "subgame_perfect": set_dict(self.subgame_perfect),
            "summary": self.summary(),
        }


def _show(value: Any) -> str:
    from .parametric import show_value

    return show_value(value)


def check_discount_and_noise(
    scenario: Scenario, parameters: Mapping[str, object] | None, swept: str | None = None
) -> None:
    """A located error when the discount (in ``[0, 1)``) or the noise (in ``[0, 1]``) is out
    of its range at the parameter values (``swept``: a parameter the caller frees)."""
    spec = scenario.repeated
    assert spec is not None
    values_now = scenario.parameter_values(parameters)
    for expression, what in ((spec.discount, "the discount"), (spec.noise, "the noise")):
        names = sorted(expression.names())
        if swept is not None and swept in names:
            continue
        value = expression.evaluate(values_now)  # type: ignore[arg-type]
        ok = 0 <= value < 1 if what == "the discount" else 0 <= value <= 1
        if not ok:
            raise ArgumentError(f"{what} is {format_number(Fraction(value))} here; it must be "
                                f"in {'[0, 1)' if what == 'the discount' else '[0, 1]'}",
                                Location(path=("--set", *names[:1])))


def set_dict(s: RealSet, key: str = "discount_at_least") -> dict[str, Any] | None:
    """``None`` (never), ``{"discount_at_least": "a"}`` (``key``) or ``{"intervals": [...]}``
    (each ``{"from", "to", "closed": [lo?, hi?]}``)."""
    if s.is_empty():
        return None
    lo = s.at_least()
    if lo is not None:
        return {key: _show(lo)}
    return {"intervals": [
        {"from": _show(a), "to": _show(b), "closed": [ca, cb]} for a, b, ca, cb in s.intervals()]}


@dataclass(frozen=True)
class RepeatedReport:
    """What ``gametrust solve`` shows for a repeated game: every profile of strategies."""

    scenario: Scenario
    symbol: str
    discount: Fraction | None
    noise: Fraction
    profiles: tuple[RepeatedProfile, ...]
    parameters: dict[str, Any]
    empathy: dict[str, Any]
    folk: FolkPicture | None = None

    def at_discount(self, profile: RepeatedProfile) -> dict[str, bool] | None:
        if self.discount is None:
            return None
        return {"nash": profile.nash.contains(self.discount),
                "subgame_perfect": profile.subgame_perfect.contains(self.discount)}

    def to_dict(self) -> dict[str, Any]:
        profiles = []
        for p in self.profiles:
            entry = p.to_dict()
            now = self.at_discount(p)
            if now is not None:
                entry["at_discount"] = now
            profiles.append(entry)
        return {
            "title": self.scenario.title,
            "file": self.scenario.path,
            "parameters": {k: format_number(v) for k, v in self.parameters.items()},
            "empathy": {k: format_number(v) for k, v in self.empathy.items()},
            "repeated": {
                "discount": self.symbol,
                "discount_value": None if self.discount is None else format_number(
                    self.discount),
                "noise": format_number(self.noise),
                "folk_theorem": None if self.folk is None else self.folk.to_dict(
                    self.scenario.player_ids),
                "profiles": profiles,
            },
        }

    def __str__(self) -> str:
        return "\n".join(p.summary() for p in self.profiles)


def _breaks(stage: Stage, automata: tuple[Automaton, Automaton], players: tuple[str, ...],
            nash: RealSet, spe: RealSet, n_conds: list[Condition], s_conds: list[Condition],
            values: dict, stage_symbol: str, span: tuple[Fraction, Fraction, bool]) -> str | None:
    """The deviation that breaks the profile just below its threshold, in words."""
    if spe.is_empty() and not nash.is_empty():
        return _off_path(stage, automata, players, nash, s_conds, stage_symbol, span)
    target, conds = (spe, s_conds) if spe.at_least() is not None else (nash, n_conds)
    lo = target.at_least()
    if lo is None or lo == 0:
        return None
    k = target.failing_below(lo)
    if k is None:
        return None
    cond = conds[k]
    who = players[cond.player]
    if cond.pair is None or cond.action is None:
        return f"below it, {who} gains by deviating: {cond.deviation}"
    a, b = automata
    pair = cond.pair
    intended = [a.play[pair[0]], b.play[pair[1]]]
    deviated = list(intended)
    deviated[cond.player] = cond.action
    sym = stage_symbol
    now = _difference(stage.expected((deviated[0], deviated[1]), cond.player),
                      stage.expected((intended[0], intended[1]), cond.player), sym)
    label = stage.actions[cond.player][cond.action]
    defects = stage.defect is not None and stage.defect[cond.player] == cond.action
    verb = "defecting" if defects else f"playing {label}"
    if a.name != b.name:
        verb = f"{who} {verb}"
    text = f"below it, {verb} once gains {now} now"
    if stage.noise.is_zero():
        nxt_eq = (a.step(pair[0], tuple(intended)), b.step(pair[1], tuple(intended)))
        nxt_dev = (a.step(pair[0], tuple(deviated)), b.step(pair[1], tuple(deviated)))

        def absorbing(p: tuple[int, int]) -> tuple[int, int] | None:
            prof = (a.play[p[0]], b.play[p[1]])
            return prof if (a.step(p[0], prof), b.step(p[1], prof)) == p else None

        eq, dev = absorbing(nxt_eq), absorbing(nxt_dev)
        if eq is not None and dev is not None:
            later = _difference(stage.payoffs[eq][cond.player], stage.payoffs[dev][cond.player],
                                sym)
            return f"{text} and loses {later} each later round"
        keep, lose = values[nxt_eq][cond.player], values[nxt_dev][cond.player]
        if (keep - lose).is_constant():
            return (f"{text} and loses {_difference(keep, lose, sym)} in average continuation "
                    "payoff")
        return (f"{text}, and its average continuation payoff falls from {keep.formula(sym)} to "
                f"{lose.formula(sym)}")
    return text


def _off_path(stage: Stage, automata: tuple[Automaton, Automaton], players: tuple[str, ...],
              nash: RealSet, s_conds: list[Condition], symbol: str,
              span: tuple[Fraction, Fraction, bool]) -> str | None:
    """Why a Nash profile is never subgame-perfect: a one-shot deviation off the path that
    pays wherever the profile is Nash."""
    sym = "δ" if symbol == "delta" else symbol
    for cond in s_conds:
        if cond.pair is None or cond.action is None:
            continue
        holds = where_nonnegative([cond.value], span[0], span[1], hi_open=span[2])
        if any(holds.contains(x) for x in nash.ends()) or (not holds.is_empty() and any(
                nash.contains(x) for x in holds.ends())):
            continue
        states = ", ".join(a.states[s] for a, s in zip(automata, cond.pair, strict=True))
        action = stage.actions[cond.player][cond.action]
        where = "never holds" if holds.is_empty() else f"holds only for {sym} in {holds}"
        return (f"at the states ({states}), {players[cond.player]} playing {action} once "
                f"must not pay, which {where}")
    return None


def analyse_repeated(
    scenario: Scenario,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> RepeatedReport:
    """Every profile of the listed strategies, exactly, as functions of the discount."""
    spec = scenario.repeated
    assert spec is not None
    stage, symbol = repeated_stage(scenario, None, parameters, empathy)
    check_discount_and_noise(scenario, parameters)
    values_now = scenario.parameter_values(parameters)
    discount = spec.discount.evaluate(values_now)  # type: ignore[arg-type]
    noise = spec.noise.evaluate(values_now)  # type: ignore[arg-type]
    automata = strategy_automata(spec, scenario.player_ids, scenario.actions)
    players = scenario.player_ids
    profiles = []
    for a, b in product(automata[players[0]], automata[players[1]]):
        profiles.append(profile_report(stage, (a, b), players, symbol))
    folk = None
    if all(u.is_constant() for vector in stage.payoffs.values() for u in vector):
        folk = folk_picture({p: (u[0].at(0), u[1].at(0)) for p, u in stage.payoffs.items()},
                            [len(a) for a in stage.actions])
    return RepeatedReport(scenario, symbol, Fraction(discount), Fraction(noise),
                          tuple(profiles), values_now,
                          empathy_with(scenario, dict(parameters or {}), dict(empathy or {})),
                          folk)


def profile_report(stage: Stage, automata: tuple[Automaton, Automaton],
                   players: tuple[str, ...], symbol: str, lo: Fraction = Fraction(0),
                   hi: Fraction = Fraction(1), hi_open: bool = True, *,
                   is_discount: bool = True) -> RepeatedProfile:
    """One profile: payoffs, the Nash and subgame-perfect sets over ``[lo, hi)``."""
    values = profile_values(stage, *automata)
    start = (automata[0].initial, automata[1].initial)
    n_conds = nash_conditions(stage, automata, values)
    s_conds = spe_conditions(stage, automata, values)
    nash = where_nonnegative([c.value for c in n_conds], lo, hi, hi_open=hi_open)
    spe = where_nonnegative([c.value for c in s_conds], lo, hi, hi_open=hi_open)
    breaks = _breaks(stage, automata, players, nash, spe, n_conds, s_conds, values, symbol,
                     (lo, hi, hi_open))
    return RepeatedProfile(
        strategies={players[0]: automata[0].name, players[1]: automata[1].name},
        payoffs={players[0]: values[start][0], players[1]: values[start][1]},
        nash=nash, subgame_perfect=spe, breaks=breaks, symbol=symbol, players=players,
        is_discount=is_discount)
