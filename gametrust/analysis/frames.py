"""Results as pandas DataFrames: ``to_frame()`` of sweeps, maps, checks and batches.

pandas is optional (``pip install 'gametrust[pandas]'``); without it
``to_frame()`` raises an :class:`~gametrust.core.errors.ArgumentError` saying
so.  Exact values stay exact: a column of exact numbers holds
:class:`~fractions.Fraction` values (or the exact algebraic numbers of the
sweep) beside a float column for plotting.

>>> import gametrust
>>> frame = gametrust.sweep(gametrust.load("scenarios/korea.yaml"), "empathy").to_frame()
>>> list(frame["kind"])
['interval', 'breakpoint', 'interval', 'breakpoint', 'interval', 'breakpoint']
>>> [str(x) for x in frame["lo"]]
['0', '1/4', '1/4', '2/3', '2/3', '1']
>>> frame["pure_equilibria"][2]
'(Pressure, Arm); (Reassure, Freeze)'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core.errors import ArgumentError, Location

__all__ = ["batch_frame", "check_frame", "map_frame", "pandas", "sweep_frame"]


def pandas() -> Any:
    """The pandas module, or a clear error when it is not installed."""
    try:
        import pandas as pd
    except ImportError:
        raise ArgumentError(
            "to_frame() needs pandas: pip install 'gametrust[pandas]'",
            Location(path=("to_frame",)),
        ) from None
    return pd


def _approx(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, OverflowError):
        return float("nan")


def _pure(result: Any) -> str:
    return "; ".join(e.describe() for e in result.pure)


def sweep_frame(sweep: Any) -> Any:
    """One row per interval and per breakpoint of a
    :class:`~gametrust.analysis.sweep_result.SweepResult`, in order along the axis."""
    rows = []
    for segment in sweep.segments():
        if hasattr(segment, "lo"):
            lo, hi, kind = segment.lo, segment.hi, "interval"
        else:
            lo = hi = segment.value
            kind = "breakpoint"
        rows.append({
            "kind": kind, "lo": lo, "hi": hi, "lo_approx": _approx(lo), "hi_approx": _approx(hi),
            "family": segment.family.name, "equilibria": len(segment.result.equilibria),
            "pure_equilibria": _pure(segment.result),
        })
    return pandas().DataFrame(rows)


def map_frame(sweep_map: Any) -> Any:
    """One row per region of a 2-D map: its conditions, family and equilibria."""
    rows = [{
        "region": f"R{r.index + 1}", "conditions": r.describe(), "cells": len(r.cells),
        "family": r.family.name, "equilibria": len(r.result.equilibria),
        "pure_equilibria": _pure(r.result),
    } for r in sweep_map.regions]
    return pandas().DataFrame(rows)


def check_frame(report: Any) -> Any:
    """One row per claim: its status, how it was decided and the examples used."""
    rows = [{
        "claim": c.claim.name, "status": c.status, "method": c.method,
        "examples": c.examples, "detail": c.detail,
    } for c in report.results]
    return pandas().DataFrame(rows)


def batch_frame(files: Sequence[str], outcomes: Sequence[Any]) -> Any:
    """One row per file of a batch (:func:`gametrust.analysis.batch.analyse_many`): its
    title, the number of equilibria and the pure ones, or the error it raised."""
    rows = []
    for file, outcome in zip(files, outcomes, strict=True):
        if isinstance(outcome, BaseException):
            rows.append({"file": file, "title": None, "equilibria": None,
                         "pure_equilibria": None, "error": str(outcome)})
            continue
        result = getattr(outcome, "result", outcome)
        equilibria = getattr(result, "equilibria", ())
        game = getattr(result, "game", None) or getattr(result, "tree", None)
        rows.append({
            "file": file, "title": getattr(game, "title", None),
            "equilibria": len(equilibria),
            "pure_equilibria": _pure(result) if hasattr(result, "pure") else None,
            "error": None,
        })
    return pandas().DataFrame(rows)
