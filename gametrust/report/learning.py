"""Text and JSON for learning dynamics, basins of attraction and quantal response.

Pure functions: a :class:`~gametrust.analysis.dynamics.LearningRun`,
:class:`~gametrust.analysis.basins.Basins` or
:class:`~gametrust.analysis.qre.QREBranch` in, a string out.  The JSON is
the value's own ``to_dict()`` (documented in ``docs/learning.md``) with a
schema version and the file; the text is its ``str()``, under the file.
"""

from __future__ import annotations

import json

from ..analysis.basins import Basins
from ..analysis.dynamics import LearningRun
from ..analysis.qre import QREBranch

__all__ = ["LEARNING_FORMATS", "render_learning"]

#: The formats :func:`render_learning` writes.
LEARNING_FORMATS = ("text", "json")

SCHEMA_VERSION = 1


def render_learning(value: LearningRun | Basins | QREBranch, format: str = "text",
                    file: str | None = None, title: str | None = None) -> str:
    """A learning result as ``"text"`` or ``"json"``, under the scenario's title and file."""
    if format == "json":
        data = {"schema_version": SCHEMA_VERSION, **({"title": title} if title else {}),
                **({"file": file} if file else {}), **value.to_dict()}
        return json.dumps(data, indent=2, ensure_ascii=False)
    head = [line for line in (title, f"File: {file}" if file else None) if line]
    head += [""] if head else []
    return "\n".join([*head, str(value)])
