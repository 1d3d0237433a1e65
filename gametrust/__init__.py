"""gametrust: exact, certified equilibria for games of trust, empathy and conflict.

The public API, in the order a researcher meets it::

    scenario = gametrust.load("scenarios/korea.yaml")        # Scenario
    game = scenario.build(empathy={"US": "1/4"})             # NormalFormGame
    result = gametrust.solve(game)                           # SolveResult of Equilibrium
    curve = gametrust.sweep(scenario, "empathy")             # exact breakpoints
    gametrust.classify(game)                                 # Family: "Stag Hunt", ...
"""

from typing import TYPE_CHECKING, Any

# Functions named like their module are imported now: importing the module
# later would otherwise replace the attribute with the module itself.
from .check import CheckReport, check
from .empathy import EMPATHY_MODELS, apply_empathy
from .equilibrium import Equilibrium, SolveResult
from .errors import (
    ArgumentError,
    ExpressionError,
    GambitFormatError,
    GametrustError,
    InputError,
    Location,
    ScenarioError,
    SolverError,
)
from .explain import Explanation, explain
from .expression import Expression, parse_expression
from .game import NormalFormGame
from .load import load, loads
from .regret import expected_payoffs, is_nash, max_regret
from .scenario import Parameter, Player, Scenario
from .solve import METHODS, solve
from .sweep import SweepResult, sweep

# The rest of the API is imported on first use, so `gametrust solve` and
# `import gametrust` stay fast (a test guards that no heavy library loads).
# Functions named like their module (solve, load, sweep, check, explain) are
# imported above instead: importing such a module later would replace a lazy
# attribute with the module itself.
_LAZY: dict[str, tuple[str, str]] = {
    "BayesianGame": ("bayesian", "BayesianGame"),
    "BayesianResult": ("bayesian", "BayesianResult"),
    "PriorSweep": ("bayesian", "PriorSweep"),
    "solve_bayesian": ("bayesian", "solve_bayesian"),
    "sweep_prior": ("bayesian", "sweep_prior"),
    "posterior": ("beliefs", "posterior"),
    "spiral": ("beliefs", "spiral"),
    "assert_claim": ("claims", "assert_claim"),
    "TreeSolveResult": ("extensive", "TreeSolveResult"),
    "solve_tree": ("extensive", "solve_tree"),
    "Family": ("families", "Family"),
    "classify": ("families", "classify"),
    "parse_efg": ("gambit_efg", "parse_efg"),
    "write_efg": ("gambit_efg", "write_efg"),
    "parse_nfg": ("gambit_nfg", "parse_nfg"),
    "write_nfg": ("gambit_nfg", "write_nfg"),
    "Commitment": ("moves", "Commitment"),
    "Verification": ("moves", "Verification"),
    "SweepMap": ("regions", "SweepMap"),
    "sweep_map": ("regions", "sweep_map"),
    "Selection": ("selection", "Selection"),
    "TrustThreshold": ("selection", "TrustThreshold"),
    "analyse_selection": ("selection", "analyse"),
    "SignallingGame": ("signalling", "SignallingGame"),
    "reassurance_game": ("signalling", "reassurance_game"),
    "separating_conditions": ("signalling", "separating_conditions"),
    "solve_signalling": ("signalling", "solve_signalling"),
    "Chance": ("tree", "Chance"),
    "Decision": ("tree", "Decision"),
    "GameTree": ("tree", "GameTree"),
    "Terminal": ("tree", "Terminal"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        module, attribute = _LAZY[name]
        value = getattr(import_module(f".{module}", __name__), attribute)
        globals()[name] = value  # later look-ups are plain attribute reads
        return value
    raise AttributeError(f"module 'gametrust' has no attribute {name!r}")


if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors
    from .bayesian import BayesianGame, BayesianResult, PriorSweep, solve_bayesian, sweep_prior
    from .beliefs import posterior, spiral
    from .claims import assert_claim
    from .extensive import TreeSolveResult, solve_tree
    from .families import Family, classify
    from .gambit_efg import parse_efg, write_efg
    from .gambit_nfg import parse_nfg, write_nfg
    from .moves import Commitment, Verification
    from .regions import SweepMap, sweep_map
    from .selection import Selection, TrustThreshold
    from .selection import analyse as analyse_selection
    from .signalling import (
        SignallingGame,
        reassurance_game,
        separating_conditions,
        solve_signalling,
    )
    from .tree import Chance, Decision, GameTree, Terminal

__version__ = "0.1.0"

__all__ = [
    "EMPATHY_MODELS",
    "METHODS",
    "ArgumentError",
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
    "GameTree",
    "GametrustError",
    "InputError",
    "Location",
    "NormalFormGame",
    "Parameter",
    "Player",
    "PriorSweep",
    "Scenario",
    "ScenarioError",
    "Selection",
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
    "analyse_selection",
    "apply_empathy",
    "assert_claim",
    "check",
    "classify",
    "expected_payoffs",
    "explain",
    "is_nash",
    "load",
    "loads",
    "max_regret",
    "parse_efg",
    "parse_expression",
    "parse_nfg",
    "posterior",
    "reassurance_game",
    "separating_conditions",
    "solve",
    "solve_bayesian",
    "solve_signalling",
    "solve_tree",
    "spiral",
    "sweep",
    "sweep_map",
    "sweep_prior",
    "write_efg",
    "write_nfg",
]
