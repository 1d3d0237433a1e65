"""Notebook display without results knowing their renderers.

Results are values: they carry data and a plain ``__str__``, and never import
the report layer.  A notebook still shows them as tables: a result class
inherits :class:`Displayable`, whose ``_repr_html_`` and ``_repr_markdown_``
look up a renderer *registered* for its type.  The report layer registers its
renderers when it is imported (``gametrust.report.display``); the package face
installs a loader that imports it on the first display, so ``import
gametrust`` stays fast and every arrow between the layers points down.

>>> class Answer(Displayable):
...     def __str__(self) -> str:
...         return "42"
>>> Answer()._repr_html_() is None          # nothing registered: IPython shows str()
True
>>> register(Answer, "html", lambda a: f"<b>{a}</b>")
>>> Answer()._repr_html_()
'<b>42</b>'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

__all__ = ["Displayable", "MimeKind", "register", "render", "set_loader"]

MimeKind = Literal["html", "markdown"]

_RENDERERS: dict[tuple[type, str], Callable[[Any], str]] = {}
_LOADER: list[Callable[[], object]] = []


def register(cls: type, kind: MimeKind, renderer: Callable[[Any], str]) -> None:
    """Use ``renderer(obj) -> str`` to display instances of ``cls`` (and its subclasses)."""
    _RENDERERS[(cls, kind)] = renderer


def set_loader(loader: Callable[[], object]) -> None:
    """Call ``loader()`` once, before the first look-up, to register the renderers."""
    _LOADER[:] = [loader]


def render(obj: object, kind: MimeKind) -> str | None:
    """The registered rendering of ``obj`` (nearest class first), or ``None``."""
    if _LOADER:
        _LOADER.pop()()
    for cls in type(obj).__mro__:
        renderer = _RENDERERS.get((cls, kind))
        if renderer is not None:
            return renderer(obj)
    return None


class Displayable:
    """Mixin: rich display in notebooks through the renderers registered by the report layer."""

    __slots__ = ()

    def _repr_html_(self) -> str | None:  # Jupyter
        return render(self, "html")

    def _repr_markdown_(self) -> str | None:  # Jupyter
        return render(self, "markdown")
