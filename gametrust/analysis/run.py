"""One contract for every kind of game: :func:`solve`, :func:`analyse` and :func:`sweep`.

This is the one place that dispatches on the kind of game or scenario:

=====================  ============================  ===============================
subject                solver                        result
=====================  ============================  ===============================
``NormalFormGame``     enumeration / pure / LH / …   ``SolveResult``
``GameTree``           subgames, reduced form        ``TreeSolveResult``
``BayesianGame``       type-agent normal form        ``BayesianResult``
``SignallingGame``     supports and beliefs          ``SignallingResult``
``SignalStageGame``    supports, stage continuations ``SignalStageResult``
``repeated:`` section  automata: MDPs, deviations  ``RepeatedReport``, ``RepeatedSweep``
``Scenario``           built by its kind, then as above
=====================  ============================  ===============================

Every result satisfies :class:`gametrust.solvers.result.Result`: certified
``equilibria``, ``method``, ``exact``, ``complete``, ``warnings``,
``max_regret`` and ``to_dict()``.  :func:`analyse` adds what a report of a
scenario shows (family, selection, beliefs, cost conditions, ...) and
:func:`sweep` picks the sweep engine from the scenario and the swept variable.
The command line calls these three and the report layer; neither branches on
the kind of scenario.

>>> import gametrust
>>> korea = gametrust.load("scenarios/korea.yaml")
>>> [e.describe() for e in solve(korea)]
['(Pressure, Arm)']
>>> tree = gametrust.load("scenarios/agreed_framework_1994.yaml")
>>> type(solve(tree)).__name__, solve(tree).complete
('TreeSolveResult', True)
>>> sweep(korea, "empathy").summary()
'PD for e < 1/4, SH for 1/4 < e < 2/3, Harmony for 2/3 < e < 1'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Union

from ..core.errors import ArgumentError, Location, did_you_mean
from ..model.arrays import from_nashpy, is_nashpy_game
from ..model.empathy import swept_names, weight_names
from ..model.game import NormalFormGame
from ..model.tree import GameTree
from ..scenario.build import empathy_with
from ..scenario.scenario import Scenario
from ..solvers.solve import solve as solve_normal_form

if TYPE_CHECKING:  # pragma: no cover - imported where a subject is one (cold start)
    from concurrent.futures import Executor

    from ..model.bayesian import BayesianGame
    from ..model.signalling import SignallingGame

__all__ = ["Subject", "analyse", "solve", "sweep"]

Subject = Union[NormalFormGame, GameTree, "BayesianGame", "SignallingGame", Scenario]


def _typed(subject: object) -> bool:
    """Whether ``subject`` is a Bayesian or signalling game (their modules are imported only
    when a scenario has types or signals, or such a game was given)."""
    from ..model.bayesian import BayesianGame
    from ..model.signal_stage import SignalStageGame
    from ..model.signalling import SignallingGame

    return isinstance(subject, (BayesianGame, SignallingGame, SignalStageGame))


def _none_if_empty(values: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    return dict(values) if values else None


def build(
    scenario: Scenario,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> NormalFormGame | GameTree | BayesianGame | SignallingGame:
    """The game a scenario describes, of its kind: a signalling game, a Bayesian game,
    a tree (moves in time) or a normal-form game."""
    parameters, empathy = _none_if_empty(parameters), _none_if_empty(empathy)
    if scenario.is_signalling:
        return scenario.build_signalling(parameters, empathy)
    if scenario.types:
        return scenario.build_bayesian(parameters, empathy)
    if scenario.is_tree:
        return scenario.build_tree(parameters, empathy)
    return scenario.build(parameters, empathy)


def solve(
    subject: Subject,
    method: str = "auto",
    *,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> Any:
    """Every certified equilibrium of a game or scenario, whatever its kind.

    ``method`` chooses the normal-form solver (see :data:`gametrust.METHODS`);
    other kinds have one exact method each and accept only ``"auto"``.  A
    scenario is built first with ``parameters`` and ``empathy`` (its defaults
    where not given).  A scenario with ``leadership:`` is solved as its
    simultaneous game; :func:`analyse` adds the leader's optimal commitment
    (or call :func:`gametrust.solvers.stackelberg.leader_commitment` on the game).
    where not given).  A ``nashpy.Game`` is solved as the game of its payoff
    matrices (exactly when they hold integers).
    """
    if is_nashpy_game(subject):
        subject = from_nashpy(subject)
    if isinstance(subject, Scenario) and subject.repeated is not None:
        return _repeated(subject, parameters, empathy, method)
    if isinstance(subject, Scenario):
        subject = build(subject, parameters, empathy)
    elif parameters or empathy:
        raise ArgumentError(
            "parameters and empathy apply to a scenario; build the game with them first",
            Location(path=("parameters" if parameters else "empathy",)),
        )
    if isinstance(subject, NormalFormGame):
        return solve_normal_form(subject, method=method, budgeted=True)
    if method != "auto":
        raise ArgumentError(
            f"method {method!r} is for normal-form games; a {type(subject).__name__} has one "
            "exact method (use 'auto')",
            Location(path=("method",)),
        )
    if isinstance(subject, GameTree):
        from ..solvers.extensive import solve_tree

        _check_built(subject)
        return solve_tree(subject)
    from ..model.bayesian import BayesianGame

    if isinstance(subject, BayesianGame):
        from ..solvers.bayesian import solve_bayesian

        return solve_bayesian(subject)
    from ..model.signalling import SignallingGame

    if isinstance(subject, SignallingGame):
        from ..solvers.signalling import solve_signalling

        return solve_signalling(subject)
    from ..model.signal_stage import SignalStageGame

    if isinstance(subject, SignalStageGame):
        from ..solvers.signal_stage import solve_signal_stage

        return solve_signal_stage(subject)
    raise ArgumentError(
        f"cannot solve a {type(subject).__name__}: give a NormalFormGame, GameTree, "
        "BayesianGame, SignallingGame, SignalStageGame or Scenario",
        Location(path=("game",)),
    )


def _check_built(tree: GameTree) -> None:
    """Refuse a tree that still holds expressions (``Scenario.tree``): it needs numbers."""
    from ..model.tree import Chance, Terminal
    from ..scenario.expression import Expression

    for path, node in tree.nodes():
        kind, values = ("payoffs", node.payoffs) if isinstance(node, Terminal) else (
            ("probabilities", [p for _, p, _ in node.moves]) if isinstance(node, Chance)
            else ("", ()))
        for value in values:
            if isinstance(value, Expression):
                at = " → ".join(path) or "the root"
                raise ArgumentError(
                    f"the tree's {kind} are expressions, not numbers ({value.source!r} at "
                    f"{at}): solve the scenario (gametrust.solve(scenario)) or build the tree "
                    "first (scenario.build_tree(parameters, empathy))",
                    value.location or Location(path=("tree", *path)),
                )


# -- what a report of a scenario shows ----------------------------------------------------------


def _weights(scenario: Scenario, parameters: Mapping[str, str], empathy: Mapping[str, str]) -> dict:
    return empathy_with(scenario, parameters, empathy)


def analyse(
    scenario: Scenario,
    *,
    parameters: Mapping[str, str] | None = None,
    empathy: Mapping[str, str] | None = None,
    method: str = "auto",
    explain: bool = False,
    rule: str | None = None,
    rounds: int | None = None,
    plot: bool = False,
) -> Any:
    """Solve a scenario and compute what its report shows, whatever its kind.

    Returns a :class:`~gametrust.analysis.solve_report.SolveReport` (normal form; with
    the leader's optimal mixed commitment beside the equilibria when the scenario has
    ``leadership:``),
    :class:`~gametrust.analysis.reports.TreeReport` (moves in time),
    :class:`~gametrust.analysis.reports.BayesianReport` (types) or
    :class:`~gametrust.analysis.reports.SignallingReport` (a costly signal) or
    :class:`~gametrust.analysis.reports.SignalStageReport` (a costly signal, then a
    simultaneous stage game).
    ``explain`` (normal form) adds the exact conditions; ``rule``, ``rounds``
    and ``plot`` (types with beliefs) choose the belief updating shown.
    Options that do not apply to the scenario's kind raise a located
    :class:`~gametrust.core.errors.ArgumentError` naming the option.
    """
    overrides = dict(parameters or {})
    weights_given = dict(empathy or {})
    for flag, used in (("--update", rule), ("--rounds", rounds), ("--plot", plot or None)):
        if flag == "--plot" and scenario.repeated is not None:
            continue  # a repeated game draws its folk-theorem picture
        if used is not None and (not scenario.types or scenario.is_signalling):
            raise ArgumentError(
                f"{flag} applies to Bayesian scenarios (types:, no signalling:)",
                Location(path=(flag,)),
            )
    if scenario.repeated is not None:
        if explain:
            raise ArgumentError(
                "--explain covers one-shot normal-form games; the report of a repeated game "
                "gives its exact conditions " + ("(thresholds, beliefs) already" if
                                                 scenario.repeated.reputation is not None else
                                                 "in the discount already"),
                Location(path=("--explain",)),
            )
        return _repeated(scenario, overrides, weights_given, method)
    if scenario.is_tree:
        return _analyse_tree(scenario, overrides, weights_given, method, explain)
    if scenario.types:
        return _analyse_types(scenario, overrides, weights_given, method, explain,
                              rule=rule, rounds=rounds, plot=plot)
    from .solve_report import solve_report

    game = scenario.build(_none_if_empty(overrides), _none_if_empty(weights_given))
    try:
        result = solve_normal_form(game, method=method, budgeted=True)
    except ArgumentError as exc:
        if exc.location.path[:1] != ("method",):
            raise
        raise ArgumentError(exc.message, Location(path=("--method",))) from None
    explanation = None
    if explain:
        from .explain import explain as run_explain

        explanation = run_explain(scenario, parameters=overrides, empathy=weights_given)
    commitment = None
    if scenario.leadership is not None:
        from ..solvers.stackelberg import leader_commitment

        commitment = leader_commitment(game, scenario.leadership.leader)
    return solve_report(
        result, scenario, scenario.parameter_values(overrides), weights_given,
        explanation=explanation, commitment=commitment,
    )


def _repeated(
    scenario: Scenario,
    parameters: Mapping[str, object] | None,
    empathy: Mapping[str, object] | None,
    method: str,
) -> Any:
    """A repeated game: every listed profile's exact conditions in the discount."""
    from .repeated import analyse_repeated

    if scenario.repeated is not None and scenario.repeated.reputation is not None:
        from .reputation import analyse_reputation

        if method != "auto":
            raise ArgumentError("a reputation game is solved exactly by Kreps and Wilson's "
                                "construction, certified on its tree; --method does not apply",
                                Location(path=("--method",)))
        return analyse_reputation(scenario, _none_if_empty(parameters), _none_if_empty(empathy))
    if method != "auto":
        raise ArgumentError(
            "a repeated game is solved exactly by comparing each player's best responses to "
            "the strategies' automata; --method does not apply",
            Location(path=("--method",)),
        )
    return analyse_repeated(scenario, _none_if_empty(parameters), _none_if_empty(empathy))


def _analyse_tree(
    scenario: Scenario,
    overrides: dict[str, str],
    empathy: dict[str, str],
    method: str,
    explain: bool,
) -> Any:
    from ..solvers.extensive import solve_tree
    from .reports import TreeReport, commitment_costs

    if method != "auto":
        raise ArgumentError(
            "a scenario with moves in time is solved by backward induction over its subgames "
            "and the reduced normal form; --method does not apply",
            Location(path=("--method",)),
        )
    if explain:
        raise ArgumentError(
            "--explain covers normal-form games; for moves in time use 'gametrust sweep' "
            "to find exact thresholds",
            Location(path=("--explain",)),
        )
    tree = scenario.build_tree(_none_if_empty(overrides), _none_if_empty(empathy))
    return TreeReport(
        result=solve_tree(tree, source=scenario.path),
        scenario=scenario,
        parameters=scenario.parameter_values(overrides),
        empathy=_weights(scenario, overrides, empathy),
        costs=commitment_costs(scenario, overrides),
    )


def _analyse_types(
    scenario: Scenario,
    overrides: dict[str, str],
    empathy: dict[str, str],
    method: str,
    explain: bool,
    *,
    rule: str | None,
    rounds: int | None,
    plot: bool,
) -> Any:
    from .reports import BayesianReport, SignallingReport, SignalStageReport

    for flag, used in (("--method", method != "auto"), ("--explain", explain)):
        if used:
            raise ArgumentError(
                f"{flag} does not apply to a scenario with types (text or json output)",
                Location(path=(flag,)),
            )
    parameters = scenario.parameter_values(overrides)
    weights = _weights(scenario, overrides, empathy)
    if scenario.is_signalling:
        from ..model.signal_stage import SignalStageGame
        from ..solvers.signalling import solve_signalling
        from .separation import separating_conditions

        game = scenario.build_signalling(_none_if_empty(overrides), _none_if_empty(empathy))
        if isinstance(game, SignalStageGame):
            from ..solvers.signal_stage import solve_signal_stage

            return SignalStageReport(scenario, game, solve_signal_stage(game), parameters,
                                     weights)
        conditions = separating_conditions(game) if len(game.signals) == len(game.types) else None
        replies = scenario.sender_replies(_none_if_empty(overrides), _none_if_empty(empathy))
        return SignallingReport(scenario, game, solve_signalling(game), conditions, replies,
                                parameters, weights)
    from .bayesian import analyse_bayesian

    if plot and scenario.beliefs is None:
        raise ArgumentError("--plot needs a beliefs: section in the scenario",
                            Location(path=("--plot",)))
    analysis = analyse_bayesian(scenario, _none_if_empty(overrides), _none_if_empty(empathy),
                                rounds=rounds, rule=rule)
    return BayesianReport(analysis, parameters, weights)


# -- sweeps ---------------------------------------------------------------------------------------


def _option(variable: str) -> str:
    """The command-line option that sweeps ``variable``."""
    kind = variable.partition(":")[0]
    return {"param": "--param", "prior": "--prior"}.get(kind, "--empathy")


def _check_names(
    scenario: Scenario,
    variables: Sequence[str],
    parameters: Mapping[str, object],
    empathy: Mapping[str, object],
) -> None:
    """Names the options use exist, and nothing is both swept and held fixed."""
    players = scenario.player_ids
    model = scenario.empathy_model
    swept: set[str] = set()
    for axis in variables:
        kind, _, name = axis.partition(":")
        if kind == "param" and name not in scenario.parameters:
            names = list(scenario.parameters)
            hint = did_you_mean(name, names) or (
                f"; the parameters are {', '.join(names)}" if names else
                "; the scenario declares none"
            )
            raise ArgumentError(f"unknown parameter {name!r}{hint}", Location(path=("--param",)))
        if kind == "empathy":
            swept.update(swept_names(model, players, name))
        else:
            swept.add(name)
    for name in parameters:
        if name in swept and any(a.startswith("param:") for a in variables):
            raise ArgumentError(
                f"{name!r} is the swept parameter; it cannot also be set",
                Location(path=("--set", name)),
            )
    weights = weight_names(model, players)
    for name in empathy:
        if name not in weights:
            what = "player" if weights == players else "empathy weight"
            raise ArgumentError(
                f"unknown {what} {name!r}{did_you_mean(name, weights)}; the "
                f"{what}s are {', '.join(weights)}",
                Location(path=("--fix-empathy", name)),
            )
        if name in swept:
            raise ArgumentError(
                f"the empathy weight of {name} is swept; it cannot also be fixed",
                Location(path=("--fix-empathy", name)),
            )


def _sweep_types(
    subject: Scenario | BayesianGame | SignallingGame,
    variable: str,
    lo: object,
    hi: object,
    parameters: Mapping[str, object] | None,
    empathy: Mapping[str, object] | None,
    grid: int | None,
) -> Any:
    """A scenario with types or a signal stage (or such a game): the exact sweep of the whole
    game (:func:`gametrust.analysis.types_sweep.sweep_types`), with the trust threshold of a
    ``beliefs:`` section along the swept axis."""
    from ..model.signal_stage import SignalStageGame
    from .types_model import TypeAxis
    from .types_sweep import sweep_types

    if isinstance(subject, SignalStageGame) or (
        isinstance(subject, Scenario) and subject.signalling is not None
        and subject.signalling.stage == "simultaneous"
    ):
        raise ArgumentError(
            "sweeps of a signalling game with a simultaneous stage (stage: simultaneous) are "
            "not implemented; solve it at each value (gametrust solve --set NAME=VALUE)",
            Location(path=(_option(variable),)),
        )
    axis = TypeAxis.parse(variable)
    if grid is not None:
        raise ArgumentError(
            "--grid evaluates normal-form sweeps; a sweep of a game with types lists each "
            "interval's equilibria as exact formulas instead",
            Location(path=("--grid",)),
        )
    if isinstance(subject, Scenario) and axis.kind == "prior" and not subject.types:
        raise ArgumentError(
            f"{subject.path or subject.title} declares no types: --prior sweeps a scenario "
            "with types: and priors",
            Location(path=("--prior",)),
        )
    result = sweep_types(subject, axis, lo, hi, parameters=parameters, empathy=empathy)
    if isinstance(subject, Scenario) and subject.beliefs is not None and result.game == (
        "bayesian"
    ):
        from dataclasses import replace

        from .bayesian import sweep_threshold

        result = replace(result, threshold=sweep_threshold(subject, result))
    return result


def sweep(
    subject: Scenario | NormalFormGame | BayesianGame | SignallingGame,
    variable: str | tuple[str, str] = "empathy",
    lo: object = None,
    hi: object = None,
    *,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
    grid: int | None = None,
    executor: Executor | None = None,
) -> Any:
    """Follow the equilibria exactly as one value moves (or two: a map), whatever the kind.

    ``variable`` is ``"empathy"`` (every player's common weight),
    ``"empathy:PLAYER"``, ``"param:NAME"`` (or just ``"NAME"``),
    ``"prior:PLAYER.TYPE"``, ``"prior:common"`` or ``"prior:common.TYPE"`` (a
    scenario with types or a signal stage, or such a game: a common prior
    gives every player with types the same prior of its type), or a pair
    ``("empathy:A", "empathy:B")`` for a 2-D map of a normal-form game.  The
    range is ``[lo, hi]`` (the parameter's declared range, ``[0, 1]`` for
    empathy and priors, when not given).  ``parameters`` hold other
    parameters fixed, ``empathy`` other players' weights; ``grid=n`` also
    evaluates ``n`` points exactly (normal form).  The engine follows the
    scenario: trees sweep subgame-perfect play; scenarios with types (and
    signals) their Bayesian (perfect Bayesian) equilibria, the whole game at
    every point, whatever is swept.  ``executor`` (any
    :class:`concurrent.futures.Executor`) solves the cells of a map in parallel
    (:mod:`gametrust.analysis.parallel`; the same map, in the same order).

    Returns a :class:`~gametrust.analysis.sweep_result.SweepResult`,
    :class:`~gametrust.analysis.regions.SweepMap`,
    :class:`~gametrust.analysis.tree_sweep.TreeSweepResult` or
    :class:`~gametrust.analysis.types_sweep_result.TypesSweep`.
    """
    variables = [variable] if isinstance(variable, str) else list(variable)
    typed = _typed(subject) or (
        isinstance(subject, Scenario) and bool(subject.types or subject.is_signalling))
    if variables[0].startswith("prior:") or typed:
        if len(variables) != 1:
            raise ArgumentError(
                "a scenario with types or a signal stage is swept along one axis at a time "
                "(maps are for normal-form games)",
                Location(path=(_option(variables[0]),)),
            )
        if isinstance(subject, Scenario):
            _check_names(subject, variables, parameters or {}, empathy or {})
        return _sweep_types(subject, variables[0], lo, hi, parameters, empathy, grid)
    if isinstance(subject, Scenario):
        _check_names(subject, variables, parameters or {}, empathy or {})
    try:
        if isinstance(subject, Scenario) and subject.repeated is not None:
            if subject.repeated.reputation is not None and len(variables) == 1 and grid is None:
                from .reputation_sweep import sweep_reputation

                return sweep_reputation(subject, variables[0], lo, hi, parameters=parameters,
                                        empathy=empathy or None)
            if len(variables) != 1 or grid is not None:
                raise ArgumentError(
                    "a repeated game is swept along one axis, without --grid",
                    Location(path=(_option(variables[0]),)),
                )
            from .repeated_sweep import sweep_repeated

            return sweep_repeated(subject, variables[0], lo, hi, parameters=parameters,
                                  empathy=empathy or None)
        if isinstance(subject, Scenario) and subject.is_tree:
            if len(variables) != 1:
                raise ArgumentError(
                    "for a scenario with moves in time, sweep one axis with --format text or "
                    "json",
                    Location(path=("--empathy",)),
                )
            from .tree_sweep import sweep_scenario_tree

            return sweep_scenario_tree(
                subject, variables[0], lo, hi, parameters=parameters, empathy=empathy or None
            )
        if isinstance(subject, Scenario) and subject.leadership is not None:
            if len(variables) != 1:
                raise ArgumentError(
                    "a scenario with leadership: is swept along one axis (maps of the "
                    "commitment are not supported yet)",
                    Location(path=(_option(variables[0]),)),
                )
            from .leadership_sweep import sweep_leadership

            return sweep_leadership(subject, variables[0], lo, hi, parameters=parameters,
                                    empathy=empathy or None, grid=grid)
        if len(variables) == 2:
            from .regions import sweep_map

            bounds = None if lo is None and hi is None else (lo, hi)
            return sweep_map(
                subject, (variables[0], variables[1]), bounds, bounds,
                parameters=parameters, empathy=empathy or None, executor=executor,
            )
        from .sweep import sweep as sweep_normal_form

        if len(subject.players) > 2:  # three or more players: pure breakpoints, sampled mixed
            from .nplayer_sweep import sweep_nplayer as sweep_normal_form
        return sweep_normal_form(
            subject, variables[0], lo, hi, parameters=parameters, empathy=empathy or None,
            grid=grid,
        )
    except ArgumentError as exc:
        if exc.location.path[:1] != ("axis",):
            raise
        raise ArgumentError(exc.message, Location(path=(_option(variables[0]),))) from None
