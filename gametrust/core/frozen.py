"""A read-only mapping that pickles: the mappings a value (a scenario) holds.

:class:`types.MappingProxyType` is read-only but cannot be pickled, so a value
holding one cannot be sent to another process (``ProcessPoolExecutor``, a Dask
worker).  :class:`FrozenMap` is a read-only view of a private dict that pickles
as that dict, compares equal to any mapping of the same items (as a dict does)
and keeps the insertion order.

>>> import pickle
>>> m = FrozenMap({"a": 1, "b": 2})
>>> m["a"], list(m), m == {"b": 2, "a": 1}
(1, ['a', 'b'], True)
>>> pickle.loads(pickle.dumps(m)) == m
True
>>> m["c"] = 3
Traceback (most recent call last):
...
TypeError: 'FrozenMap' object does not support item assignment
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["FrozenMap"]


class FrozenMap(Mapping[Any, Any]):
    """A read-only mapping over a copy of ``items``; picklable, ordered, unhashable as a dict."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[Any, Any] | None = None) -> None:
        self._items: dict[Any, Any] = dict(items or {})

    def __getitem__(self, key: Any) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._items == other._items
        if isinstance(other, Mapping):
            return self._items == dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # like a dict (and a MappingProxyType)

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (self._items,))

    def __repr__(self) -> str:
        return f"FrozenMap({self._items!r})"

    def copy(self) -> dict[Any, Any]:
        """A plain, mutable dict of the same items (as ``MappingProxyType.copy``)."""
        return dict(self._items)

    def __or__(self, other: Mapping[Any, Any]) -> dict[Any, Any]:
        return {**self._items, **other}
