"""Parallel runs give the serial answer, in the same order: ``--workers 2`` (local processes)
and a two-worker Dask ``LocalCluster`` (``--scheduler``), on the 2-D map of a 4x4 game and a
500-example check (gametrust/analysis/parallel.py, docs/scale.md)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_cli

import gametrust
from gametrust.analysis.parallel import map_ordered, open_executor
from gametrust.core.errors import ArgumentError

ROOT = Path(__file__).resolve().parent.parent
LADDER = "benchmarks/scenarios/escalation_4x4.yaml"
WIDE = "tests/fixtures/scale/stag_hunt_wide.yaml"
MAP = ("sweep", LADDER, "--empathy", "A", "--empathy", "B", "--to", "3/10", "--format", "json")
CHECK = ("check", WIDE, "--examples", "500", "--seed", "3", "--no-proof")


run = run_cli


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def serial() -> dict[str, object]:
    return {"map": run(*MAP), "check": run(*CHECK)}


def test_the_map_and_the_check_are_real_work(serial: dict) -> None:
    """The serial answers the parallel ones are compared with: a map of many cells and
    regions, a check whose claims fail (a counterexample found, shrunk and simplified)."""
    import json

    data = json.loads(serial["map"].stdout)
    assert len(data["cells"]) >= 50 and len(data["regions"]) >= 5
    assert serial["check"].exit_code == 1
    assert serial["check"].stdout.count("FAILED") == 2


def test_two_local_workers_give_the_serial_output(serial: dict) -> None:
    for name, args in (("map", MAP), ("check", CHECK)):
        result = run(*args, "--workers", "2")
        assert result.exit_code == serial[name].exit_code
        assert result.stdout == serial[name].stdout


@pytest.fixture(scope="module")
def dask_address() -> Iterator[str]:
    distributed = pytest.importorskip(
        "distributed", reason="Dask's distributed is not installed (pip install "
        "'gametrust[dask]'): the cluster test is skipped")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_a_dask_cluster_gives_the_serial_output(serial: dict, dask_address: str) -> None:
    """The map through the command line's --scheduler; the check from Python on the
    cluster's executor (one client for both keeps the test short)."""
    from distributed import Client

    result = run(*MAP, "--scheduler", dask_address)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == serial["map"].stdout
    wide = gametrust.load(WIDE)
    with Client(dask_address) as client:
        executor = client.get_executor()
        assert map_ordered(abs, range(-20, 0), executor) == list(range(20, 0, -1))
        report = gametrust.check(wide, examples=500, seed=3, prove=False, executor=executor)
    assert report.text() + "\n" == serial["check"].stdout


def test_a_scheduler_without_dask_installed_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    with pytest.raises(ArgumentError, match=r"pip install 'gametrust\[dask\]'"), \
            open_executor(scheduler="tcp://127.0.0.1:8786"):
        pass
    result = run(*CHECK, "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2
    assert "--scheduler needs Dask's distributed package" in result.stderr


def test_the_python_examples_of_docs_scale_run() -> None:
    """docs/scale.md's examples that need no remote cluster."""
    import re

    text = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    local = [b for b in blocks if "tcp://" not in b and "SLURMCluster" not in b]
    assert len(local) == 1
    for body in local:
        exec(compile(body, "<docs/scale.md>", "exec"), {"__name__": "docs_scale"})
