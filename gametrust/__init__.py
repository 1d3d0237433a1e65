"""gametrust: exact, certified equilibria for games of trust, empathy and conflict.

The public API, in the order a researcher meets it::

    scenario = gametrust.load("scenarios/korea.yaml")        # Scenario
    game = scenario.build(empathy={"US": "1/4"})             # NormalFormGame
    result = gametrust.solve(game)                           # SolveResult of Equilibrium
    curve = gametrust.sweep(scenario, "empathy")             # exact breakpoints
    gametrust.classify(game)                                 # Family: "Stag Hunt", ...
"""

from .bayesian import BayesianGame, BayesianResult, PriorSweep, solve_bayesian, sweep_prior
from .beliefs import posterior, spiral
from .check import CheckReport, check
from .claims import assert_claim
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
from .extensive import TreeSolveResult, solve_tree
from .families import Family, classify
from .gambit_efg import parse_efg, write_efg
from .gambit_nfg import parse_nfg, write_nfg
from .game import NormalFormGame
from .load import load, loads
from .moves import Commitment, Verification
from .regions import SweepMap, sweep_map
from .regret import expected_payoffs, is_nash, max_regret
from .scenario import Parameter, Player, Scenario
from .selection import Selection, TrustThreshold
from .selection import analyse as analyse_selection
from .signalling import (
    SignallingGame,
    reassurance_game,
    separating_conditions,
    solve_signalling,
)
from .solve import METHODS, solve
from .sweep import SweepResult, sweep
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
