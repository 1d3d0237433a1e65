"""Reading an input file, never more than the ``file_bytes`` limit of it.

Every reader of scenario and Gambit files reads through :func:`read_capped`,
so a huge file — or a device that never ends, like ``/dev/zero`` — is a
located :class:`~gametrust.core.limits.LimitError` (exit 2), not an
exhausted memory.

>>> import tempfile, os
>>> from gametrust.core.limits import raised
>>> with tempfile.NamedTemporaryFile("wb", suffix=".yaml", delete=False) as f:
...     _ = f.write(b"x" * 100)
>>> len(read_capped(f.name))
100
>>> with raised(file_bytes=10):
...     read_capped(f.name)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
gametrust.core.limits.LimitError: /...yaml: the file has more than 10 bytes, ...
>>> os.remove(f.name)
"""

from __future__ import annotations

from os import PathLike, fspath

from ..core.errors import InputError, Location
from ..core.limits import LIMITS, LimitError, limit

__all__ = ["read_capped"]


def read_capped(
    path: str | PathLike[str], error: type[InputError] = InputError
) -> bytes:
    """The bytes of the file at ``path``, refusing one longer than the ``file_bytes`` limit.

    A file that cannot be opened or read raises ``error`` naming it.
    """
    name = fspath(path)
    allowed = limit("file_bytes")
    try:
        with open(name, "rb") as stream:
            data = stream.read(allowed + 1)
    except FileNotFoundError:
        raise error("no such file", Location(file=name)) from None
    except IsADirectoryError:
        raise error("is a directory, not a scenario file", Location(file=name)) from None
    except OSError as exc:
        raise error(f"cannot read the file: {exc.strerror or exc}", Location(file=name)) from None
    if len(data) > allowed:
        entry = LIMITS["file_bytes"]
        raise LimitError(
            f"the file has more than {allowed:,} bytes, the limit (raise it with "
            f"{entry.variable}=N; see docs/limits.md)",
            Location(file=name),
            entry,
            len(data),
        )
    return data
