"""Fuzz: mutated shipped scenarios through validate, solve, sweep and check, in-process.

Each example is a mutated input (tests/fuzz/mutations.py: deleted keys, swapped
types, huge, tiny and odd numbers, dates, deep nesting, unicode, duplicated
keys and lines, ...) and its four command lines, each under a time limit.
Every run must end in an answer (exit 0; ``check``: 1 when a claim fails) or
one located ``error:`` line with exit 2 — never an internal error, a
traceback or a hang.  Derandomized under the ``ci`` profile, and kept to a
few seconds; ``tests/fuzz/run.py`` is the long run.

The pinned examples are inputs the long run found broken before.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .harness import run_command, verdict
from .mutations import make_case, sources

ROOT = Path(__file__).resolve().parent.parent.parent

#: Seconds one command line may take here (the long run allows 30 and flags 10 as a hang).
LIMIT = 20

def _check(case, tmp_path: Path) -> None:
    path = tmp_path / f"input{case.suffix}"
    path.write_text(case.text, encoding="utf-8", errors="surrogatepass")
    for args in case.commands:
        outcome = run_command(args, path, LIMIT)
        problem = verdict(outcome)
        if problem is None:
            continue
        last = outcome.stderr.splitlines()[-1] if outcome.stderr else ""
        raise AssertionError(
            f"{problem}: gametrust {' '.join(args)} on {case.origin} mutated by "
            f"{case.mutations}: exit {outcome.exit_code} after {outcome.seconds:.1f} s, "
            f"{outcome.where} {last!r}\n--- input ---\n{case.text}"
        )


@pytest.fixture(autouse=True)
def _debug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAMETRUST_DEBUG", "1")  # a traceback says where an internal error is


@settings(max_examples=15, suppress_health_check=list(HealthCheck), deadline=None)
@given(st.randoms(use_true_random=False))
def test_mutated_scenarios_give_answers_or_one_error_line(tmp_path_factory, rng) -> None:
    case = make_case(rng, sources())
    _check(case, tmp_path_factory.mktemp("fuzz"))


@pytest.mark.parametrize("seed", [41, 43, 52, 1077])
def test_inputs_the_long_run_found(seed: int, tmp_path: Path) -> None:
    """Reproducers of ``tests/fuzz/run.py --seed 0``: input ``seed`` of that run."""
    _check(make_case(random.Random(f"0:{seed}"), sources()), tmp_path)
