"""Sweeps of games with types (Bayesian and signalling games) as text or JSON.

:func:`render_types_sweep` writes what
:func:`gametrust.analysis.types_sweep.sweep_types` returns (a
:class:`~gametrust.analysis.types_sweep_result.TypesSweep`): the scenario, the
values held fixed, every interval with its equilibria as exact formulas of the
swept value, every breakpoint with the game solved there, the trust threshold
of a ``beliefs:`` section along the axis, and a one-line summary.  The JSON is
``{"schema_version": 1, "kind": "types-sweep", "scenario": {...}, ...}`` with
the fields of :meth:`TypesSweep.to_dict` (documented in ``docs/sweep.md``; its
JSON Schema is :func:`schema`, ``gametrust/schemas/types_sweep.schema.json``).
This module only formats.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..core.errors import ArgumentError, Location
from ..core.exact import format_number

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.types_sweep_result import TypesSweep

__all__ = ["render_types_sweep", "schema"]


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON :func:`render_types_sweep` writes.

    >>> schema()["properties"]["kind"]["const"]
    'types-sweep'
    """
    from importlib.resources import files

    text = files("gametrust").joinpath("schemas", "types_sweep.schema.json").read_text("utf-8")
    return json.loads(text)


def render_types_sweep(
    result: TypesSweep, format: str = "text", *, file: str | None = None,
    title: str | None = None,
) -> str:
    """The sweep as ``text`` or ``json`` (other formats: a located error on ``--format``)."""
    if format not in ("text", "json"):
        raise ArgumentError(
            "a sweep of a scenario with types or a signal stage prints --format text or json",
            Location(path=("--format",)),
        )
    name = title if title is not None else result.title
    if format == "json":
        data = {"schema_version": 1, "kind": "types-sweep",
                "scenario": {"title": name, "file": file}, **result.to_dict()}
        return json.dumps(data, indent=2)
    lines = [name or "Sweep"]
    if file:
        lines.append(f"File: {file}")
    if result.fixed:
        lines.append("Fixed: " + "; ".join(f"{k} = {format_number(v)}"
                                          for k, v in result.fixed.items()))
    lines += ["", result.describe(), "", f"Summary: {result.summary()}"]
    return "\n".join(lines)
