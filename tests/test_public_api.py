"""The public API is what gametrust/__init__.py exports: this test guards the list."""

import gametrust

EXPECTED = [
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


def test_all_is_the_curated_list() -> None:
    assert gametrust.__all__ == EXPECTED


def test_all_is_sorted_and_importable() -> None:
    names = [n for n in gametrust.__all__ if n != "__version__"]
    assert names == sorted(names, key=lambda n: (not n.isupper(), n[0].islower(), n))
    for name in gametrust.__all__:
        assert hasattr(gametrust, name), name


def test_importing_gametrust_does_not_import_heavy_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys, gametrust; "
        "print(sorted(m for m in ('sympy', 'nashpy', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_functions_named_like_their_modules_stay_functions() -> None:
    import importlib.util

    for name in ("solve", "load", "sweep", "check", "explain"):
        assert importlib.util.find_spec(f"gametrust.{name}") is None, name
        assert callable(getattr(gametrust, name)), name


def test_the_names_one_contract_replaced_still_work_with_a_warning() -> None:
    import warnings

    import pytest

    from gametrust.analysis.prior_sweep import sweep_prior
    from gametrust.analysis.regions import sweep_map
    from gametrust.solvers.bayesian import solve_bayesian
    from gametrust.solvers.extensive import solve_tree
    from gametrust.solvers.signalling import solve_signalling

    for name, function in [("solve_tree", solve_tree), ("solve_bayesian", solve_bayesian),
                           ("solve_signalling", solve_signalling), ("sweep_prior", sweep_prior),
                           ("sweep_map", sweep_map)]:
        with pytest.warns(DeprecationWarning, match=f"gametrust.{name} is deprecated"):
            assert getattr(gametrust, name) is function
        assert name not in gametrust.__all__
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gametrust.solve, gametrust.sweep, gametrust.analyse  # noqa: B018
