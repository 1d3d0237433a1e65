"""The output formats the renderers write (light: the command line reads it at start-up)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

__all__ = ["FORMATS", "SCHEMA_VERSION", "SWEEP_FORMATS", "json_document"]

#: The version of the JSON documents the renderers write (their ``schema_version``).
SCHEMA_VERSION = 1

#: Formats of a solve report, in the order the CLI offers them.
FORMATS: tuple[str, ...] = ("text", "json", "markdown")

#: Formats of a sweep or a map.
SWEEP_FORMATS: tuple[str, ...] = ("text", "json", "csv", "markdown")


def json_document(data: Mapping[str, Any], file: str | None = None) -> str:
    """One JSON output document: ``schema_version`` first, then ``data``, then ``file``
    (the scenario file it was read from) when given.

    >>> print(json_document({"a": "1/2"}, file="x.yaml"))
    {
      "schema_version": 1,
      "a": "1/2",
      "file": "x.yaml"
    }
    """
    document = {"schema_version": SCHEMA_VERSION, **data}
    if file is not None:
        document["file"] = file
    return json.dumps(document, indent=2, ensure_ascii=False)
