"""The output formats the renderers write (light: the command line reads it at start-up)."""

from __future__ import annotations

__all__ = ["FORMATS", "SWEEP_FORMATS"]

#: Formats of a solve report, in the order the CLI offers them.
FORMATS: tuple[str, ...] = ("text", "json", "markdown")

#: Formats of a sweep or a map.
SWEEP_FORMATS: tuple[str, ...] = ("text", "json", "csv", "markdown")
