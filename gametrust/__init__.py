"""gametrust: exact, certified equilibria for games of trust, empathy and conflict."""

from .equilibrium import Equilibrium, SolveResult
from .errors import (
    ArgumentError,
    ExpressionError,
    GambitFormatError,
    GametrustError,
    InputError,
    ScenarioError,
    SolverError,
)
from .game import NormalFormGame
from .regret import is_nash, max_regret
from .solve import METHODS, solve

__version__ = "0.1.0"

__all__ = [
    "ArgumentError",
    "Equilibrium",
    "METHODS",
    "ExpressionError",
    "GambitFormatError",
    "GametrustError",
    "InputError",
    "NormalFormGame",
    "ScenarioError",
    "SolveResult",
    "SolverError",
    "__version__",
    "is_nash",
    "max_regret",
    "solve",
]
