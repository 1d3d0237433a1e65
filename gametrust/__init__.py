"""gametrust: exact, certified equilibria for games of trust, empathy and conflict.

The public API, in the order a researcher meets it::

    scenario = gametrust.load("scenarios/korea.yaml")        # Scenario
    game = scenario.build(empathy={"US": "1/4"})             # NormalFormGame
    result = gametrust.solve(game)                           # SolveResult of Equilibrium
    curve = gametrust.sweep(scenario, "empathy")             # exact breakpoints
    gametrust.learn(scenario, "replicator")                  # learning dynamics, basins, QRE
    gametrust.classify(game)                                 # Family: "Stag Hunt", ...

One ``solve`` and one ``sweep`` serve every kind of game — normal form, trees
(commitment, verification), types and priors, costly signals — and a scenario
of any kind (:mod:`gametrust.analysis.run`).  The layers of the package are
described in ``docs/architecture.md``.
"""

from typing import TYPE_CHECKING, Any

from .core import display as _display
from .core.errors import (
    ArgumentError,
    ExpressionError,
    GambitFormatError,
    GametrustError,
    InputError,
    Location,
    ScenarioError,
    SolverError,
)
from .core.version import __version__

# The rest of the API is imported on first use, so that `import gametrust` and
# the command line load only what they use (a test guards that no heavy
# library loads).  No public name is also the name of a module of the
# package face, so a lazy attribute is never shadowed by a submodule.
_LAZY: dict[str, tuple[str, str]] = {
    "check": ("analysis.check", "check"),
    "CheckReport": ("analysis.check_report", "CheckReport"),
    "explain": ("analysis.explain", "explain"),
    "Explanation": ("analysis.explanation", "Explanation"),
    "analyse": ("analysis.run", "analyse"),
    "solve": ("analysis.run", "solve"),
    "sweep": ("analysis.run", "sweep"),
    "SweepResult": ("analysis.sweep_result", "SweepResult"),
    "load": ("formats.load", "load"),
    "loads": ("formats.load", "loads"),
    "EMPATHY_MODELS": ("model.empathy", "EMPATHY_MODELS"),
    "apply_empathy": ("model.empathy", "apply_empathy"),
    "NormalFormGame": ("model.game", "NormalFormGame"),
    "Game": ("model.arrays", "Game"),
    "read_nfg": ("formats.gambit_nfg", "read_nfg_game"),
    "read_efg": ("formats.gambit_efg", "read_efg"),
    "expected_payoffs": ("model.regret", "expected_payoffs"),
    "is_nash": ("model.regret", "is_nash"),
    "max_regret": ("model.regret", "max_regret"),
    "Expression": ("scenario.expression", "Expression"),
    "parse_expression": ("scenario.expression", "parse_expression"),
    "Parameter": ("scenario.parts", "Parameter"),
    "Player": ("scenario.parts", "Player"),
    "Scenario": ("scenario.scenario", "Scenario"),
    "Equilibrium": ("solvers.result", "Equilibrium"),
    "Result": ("solvers.result", "Result"),
    "SolveResult": ("solvers.result", "SolveResult"),
    "METHODS": ("solvers.solve", "METHODS"),
    "BayesianGame": ("model.bayesian", "BayesianGame"),
    "BayesianResult": ("solvers.bayesian_result", "BayesianResult"),
    "PriorSweep": ("analysis.prior_sweep", "PriorSweep"),
    "posterior": ("analysis.beliefs", "posterior"),
    "spiral": ("analysis.beliefs", "spiral"),
    "assert_claim": ("analysis.claims", "assert_claim"),
    "TreeSolveResult": ("solvers.tree_result", "TreeSolveResult"),
    "Family": ("analysis.families", "Family"),
    "classify": ("analysis.families", "classify"),
    "report_page": ("report.page", "report_page"),
    "parse_efg": ("formats.gambit_efg", "parse_efg"),
    "write_efg": ("formats.gambit_efg_write", "write_efg"),
    "parse_nfg": ("formats.gambit_nfg", "parse_nfg"),
    "write_nfg": ("formats.gambit_nfg", "write_nfg"),
    "Commitment": ("scenario.moves", "Commitment"),
    "Verification": ("scenario.moves", "Verification"),
    "SweepMap": ("analysis.regions", "SweepMap"),
    "Selection": ("analysis.selection", "Selection"),
    "TrustThreshold": ("analysis.selection", "TrustThreshold"),
    "analyse_selection": ("analysis.selection", "analyse"),
    "SignallingGame": ("model.signalling", "SignallingGame"),
    "SignalStageGame": ("model.signal_stage", "SignalStageGame"),
    "reassurance_game": ("model.signalling", "reassurance_game"),
    "separating_conditions": ("analysis.separation", "separating_conditions"),
    "Chance": ("model.tree", "Chance"),
    "Decision": ("model.tree", "Decision"),
    "GameTree": ("model.tree", "GameTree"),
    "Terminal": ("model.tree", "Terminal"),
    "Basins": ("analysis.basins", "Basins"),
    "basins": ("analysis.basins", "basins"),
    "LearningRun": ("analysis.dynamics", "LearningRun"),
    "learn": ("analysis.dynamics", "learn"),
    "QREBranch": ("analysis.qre", "QREBranch"),
    "qre": ("analysis.qre", "qre"),
}


def _register_renderers() -> None:
    """Notebook display: the report layer registers its renderers on the first display."""
    from .report import display  # noqa: F401


_display.set_loader(_register_renderers)


#: Names of the first release that one contract replaces; they work, with a warning,
#: for one more release: name -> (module, attribute, what to use instead).
_DEPRECATED: dict[str, tuple[str, str, str]] = {
    "solve_tree": ("solvers.extensive", "solve_tree", "gametrust.solve(tree)"),
    "solve_bayesian": ("solvers.bayesian", "solve_bayesian", "gametrust.solve(bayesian_game)"),
    "solve_signalling": (
        "solvers.signalling", "solve_signalling", "gametrust.solve(signalling_game)"
    ),
    "sweep_prior": (
        "analysis.prior_sweep", "sweep_prior", "gametrust.sweep(game, 'prior:PLAYER.TYPE')"
    ),
    "sweep_map": (
        "analysis.regions", "sweep_map", "gametrust.sweep(scenario, ('empathy:A', 'empathy:B'))"
    ),
}


def __getattr__(name: str) -> Any:
    if name in _DEPRECATED:
        import warnings
        from importlib import import_module

        module, attribute, instead = _DEPRECATED[name]
        warnings.warn(
            f"gametrust.{name} is deprecated and will be removed in the next release; "
            f"use {instead}",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(import_module(f".{module}", __name__), attribute)
    if name in _LAZY:
        from importlib import import_module

        module, attribute = _LAZY[name]
        value = getattr(import_module(f".{module}", __name__), attribute)
        globals()[name] = value  # later look-ups are plain attribute reads
        return value
    raise AttributeError(f"module 'gametrust' has no attribute {name!r}")


if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors
    from .analysis.basins import Basins, basins
    from .analysis.beliefs import posterior, spiral
    from .analysis.check import check
    from .analysis.check_report import CheckReport
    from .analysis.claims import assert_claim
    from .analysis.dynamics import LearningRun, learn
    from .analysis.explain import explain
    from .analysis.explanation import Explanation
    from .analysis.families import Family, classify
    from .analysis.prior_sweep import PriorSweep
    from .analysis.qre import QREBranch, qre
    from .analysis.regions import SweepMap
    from .analysis.run import analyse, solve, sweep
    from .analysis.selection import Selection, TrustThreshold
    from .analysis.selection import analyse as analyse_selection
    from .analysis.separation import separating_conditions
    from .analysis.sweep_result import SweepResult
    from .formats.gambit_efg import parse_efg, read_efg
    from .formats.gambit_efg_write import write_efg
    from .formats.gambit_nfg import parse_nfg, write_nfg
    from .formats.gambit_nfg import read_nfg_game as read_nfg
    from .formats.load import load, loads
    from .model.arrays import Game
    from .model.bayesian import BayesianGame
    from .model.empathy import EMPATHY_MODELS, apply_empathy
    from .model.game import NormalFormGame
    from .model.regret import expected_payoffs, is_nash, max_regret
    from .model.signal_stage import SignalStageGame
    from .model.signalling import SignallingGame, reassurance_game
    from .model.tree import Chance, Decision, GameTree, Terminal
    from .report.page import report_page
    from .scenario.expression import Expression, parse_expression
    from .scenario.moves import Commitment, Verification
    from .scenario.parts import Parameter, Player
    from .scenario.scenario import Scenario
    from .solvers.bayesian_result import BayesianResult
    from .solvers.result import Equilibrium, Result, SolveResult
    from .solvers.solve import METHODS
    from .solvers.tree_result import TreeSolveResult


__all__ = [
    "EMPATHY_MODELS",
    "METHODS",
    "ArgumentError",
    "Basins",
    "BayesianGame",
    "BayesianResult",
    "Chance",
    "CheckReport",
    "Commitment",
    "Decision",
    "Equilibrium",
    "Explanation",
    "Expression",
    "ExpressionError",
    "Family",
    "GambitFormatError",
    "Game",
    "GameTree",
    "GametrustError",
    "InputError",
    "LearningRun",
    "Location",
    "NormalFormGame",
    "Parameter",
    "Player",
    "PriorSweep",
    "QREBranch",
    "Result",
    "Scenario",
    "ScenarioError",
    "Selection",
    "SignalStageGame",
    "SignallingGame",
    "SolveResult",
    "SolverError",
    "SweepMap",
    "SweepResult",
    "Terminal",
    "TreeSolveResult",
    "TrustThreshold",
    "Verification",
    "__version__",
    "analyse",
    "analyse_selection",
    "apply_empathy",
    "assert_claim",
    "basins",
    "check",
    "classify",
    "expected_payoffs",
    "explain",
    "is_nash",
    "learn",
    "load",
    "loads",
    "max_regret",
    "parse_efg",
    "parse_expression",
    "parse_nfg",
    "posterior",
    "qre",
    "read_efg",
    "read_nfg",
    "reassurance_game",
    "report_page",
    "separating_conditions",
    "solve",
    "spiral",
    "sweep",
    "write_efg",
    "write_nfg",
]
