"""Where each key and value of a scenario was written: the :class:`SourceMap`.

A scenario read from a file keeps its source map, so that a problem found
later (a probability out of range at the values of a sweep, a prior that no
longer sums to 1) is reported at the file, line and column where the value is
written.  The map is plain data addressed by key path
(``("payoffs", "Pressure, Arm", 1)``); the YAML reader
(:func:`gametrust.formats.yamlsource.load_yaml`) fills it in.

>>> where = SourceMap("f.yaml", values={("players", "US"): (2, 7)},
...                   keys={("players", "US"): (2, 3)})
>>> where.location(("players", "US", "name"))
Location(file='f.yaml', line=2, column=7, path=('players', 'US', 'name'))
>>> where.key_location(("players", "US"))
Location(file='f.yaml', line=2, column=3, path=('players', 'US'))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

from ..core.errors import Location

__all__ = ["KeyPath", "SourceMap", "WrittenScalar"]

#: A key path into a scenario document: mapping keys and list indices.
KeyPath: TypeAlias = tuple[str | int, ...]


@dataclass(frozen=True)
class WrittenScalar:
    """A scalar as written in the source: its text and where it starts."""

    text: str
    line: int
    column: int | None  # column of the first character of ``text``; None when not linear


@dataclass(frozen=True, eq=False)
class SourceMap:
    """Where each key and value of a loaded document was written.

    Positions are 1-based.  Asking for a path that has no recorded position
    (e.g. a key the user left out) gives the position of its nearest
    recorded ancestor, with the full path kept in the location.
    """

    file: str | None
    values: Mapping[KeyPath, tuple[int, int]] = field(default_factory=dict, repr=False)
    keys: Mapping[KeyPath, tuple[int, int]] = field(default_factory=dict, repr=False)
    scalars: Mapping[KeyPath, WrittenScalar] = field(default_factory=dict, repr=False)

    @classmethod
    def empty(cls, file: str | None = None) -> SourceMap:
        """A map with no positions: locations carry the file and key path only."""
        return cls(file)

    def location(self, path: KeyPath) -> Location:
        """Location of the value at ``path`` (or of its nearest known ancestor)."""
        path = tuple(path)
        for end in range(len(path), -1, -1):
            position = self.values.get(path[:end])
            if position is not None:
                return Location(self.file, position[0], position[1], path)
        return Location(self.file, path=path)

    def key_location(self, path: KeyPath) -> Location:
        """Location of the mapping key that ends ``path``, else of its value."""
        path = tuple(path)
        position = self.keys.get(path)
        if position is None:
            return self.location(path)
        return Location(self.file, position[0], position[1], path)

    def text(self, path: KeyPath) -> str | None:
        """The source text of the scalar at ``path`` (``"Yes"`` for a YAML boolean)."""
        scalar = self.scalars.get(tuple(path))
        return scalar.text if scalar is not None else None

    def text_location(self, path: KeyPath) -> Location:
        """Location of the first character of a scalar's text (after any quote).

        The column is ``None`` when the text does not map one-to-one onto a
        single source line (block scalars, folded lines, escapes), so callers
        can safely add an offset to it only when it is set.
        """
        path = tuple(path)
        scalar = self.scalars.get(path)
        if scalar is None:
            return self.location(path)
        return Location(self.file, scalar.line, scalar.column, path)
