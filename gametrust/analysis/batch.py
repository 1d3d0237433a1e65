"""Many scenarios at once: each analysed on its own, in parallel when an executor is given.

:func:`analyse_many` is ``gametrust solve FILE...``'s engine: every scenario is
analysed as :func:`gametrust.analysis.run.analyse` would, on an executor when
one is given (:mod:`.parallel`), and each outcome is the report or the
:class:`~gametrust.core.errors.GametrustError` that scenario raised, so one bad
scenario does not stop the others.  :func:`check_many` does the same for
``gametrust check FILE...`` (each file's claims are spread over the executor
by :func:`gametrust.analysis.check.check` itself).

>>> import gametrust
>>> good = gametrust.load("scenarios/stag_hunt.yaml")
>>> [type(x).__name__ for x in analyse_many([good, good], parameters={"nope": "1"})]
['ArgumentError', 'ArgumentError']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from functools import partial
from typing import Any

from ..core.errors import GametrustError
from ..core.progress import step
from ..scenario.scenario import Scenario
from .parallel import map_ordered

__all__ = ["analyse_many", "analyse_outcome", "check_many"]


def analyse_outcome(options: Mapping[str, Any], scenario: Scenario) -> Any:
    """The report of one scenario, or the error it raised (a value: it is sent back)."""
    from .run import analyse

    try:
        return analyse(scenario, **options)
    except GametrustError as exc:
        return exc


def analyse_many(
    scenarios: Sequence[Scenario], executor: Executor | None = None, **options: Any
) -> list[Any]:
    """Each scenario's report (or error), in order; ``options`` are
    :func:`~gametrust.analysis.run.analyse`'s."""
    return map_ordered(partial(analyse_outcome, options), scenarios, executor, chunk_size=1,
                       task="solve: files")


def check_many(
    scenarios: Sequence[Scenario], executor: Executor | None = None, **options: Any
) -> list[Any]:
    """Each scenario's :class:`~gametrust.analysis.check_report.CheckReport` (or error), in
    order; ``options`` are :func:`~gametrust.analysis.check.check`'s."""
    from .check import check

    out: list[Any] = []
    for scenario in scenarios:
        step("check: files", len(out), len(scenarios))
        try:
            out.append(check(scenario, executor=executor, **options))
        except GametrustError as exc:
            out.append(exc)
    return out
