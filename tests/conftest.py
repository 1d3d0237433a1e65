"""Test configuration: a deterministic hypothesis profile for CI.

``ci`` (used when the ``CI`` environment variable is set, as in ``.ci/run``) is
derandomized, has no deadline and keeps no example database, so a CI run is
reproducible and never flaky on a slow machine.  ``dev`` (the default) also
has no deadline but explores new examples on every run.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# A maintenance script (needs pygambit), not a test module.
collect_ignore = ["fixtures/make_gambit_fixtures.py", "fixtures/make_gambit_efg_fixtures.py",
                  "fixtures/make_axelrod_fixtures.py", "fixtures/make_gambit_qre_fixtures.py"]

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


@pytest.fixture
def many_digits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Numbers of up to 2,000 digits in the input (the ``digits`` limit is 100): for the tests
    of exact arithmetic far beyond the float range."""
    monkeypatch.setenv("GAMETRUST_MAX_DIGITS", "2000")


def run_cli(*args: str) -> Any:
    """Run the command line in-process with standard error kept apart (click's CliRunner)."""
    from click.testing import CliRunner

    from gametrust.cli import cli

    try:  # click < 8.2 mixes stderr into stdout unless told not to
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        runner = CliRunner()
    return runner.invoke(cli, list(args), catch_exceptions=False)
