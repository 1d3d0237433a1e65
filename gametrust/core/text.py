"""Plain text shared by every layer: wrapping to a terminal's width.

Results print themselves (a plain ``__str__``) and the report layer renders
them; both wrap long lines the same way, without breaking a parenthesised
group (a formula, a profile) when it fits on a line.

>>> wrap("US plays Reassure only if P(DPRK plays Freeze) >= 2/3", width=30)
['  US plays Reassure only if', '    P(DPRK plays Freeze) >=', '    2/3']
"""

from __future__ import annotations

import textwrap

__all__ = ["WIDTH", "wrap"]

#: The width plain text is wrapped to (an 80-column terminal).
WIDTH = 80

_KEEP = "\x00"  # stands for a space inside parentheses while wrapping


def wrap(text: str, indent: str = "  ", hang: str = "    ", width: int = WIDTH) -> list[str]:
    """Wrap to ``width``, breaking lines between parenthesised groups (formulas,
    profiles) rather than inside them when each group fits on a line."""
    depth = 0
    kept = []
    for char in text:
        depth += (char == "(") - (char == ")")
        kept.append(_KEEP if char == " " and depth > 0 else char)
    protected = "".join(kept)
    room = width - max(len(indent), len(hang))
    if any(len(word) > room for word in protected.split()):
        protected = text
    lines = textwrap.wrap(
        protected, width, initial_indent=indent, subsequent_indent=hang,
        break_long_words=False, break_on_hyphens=False,
    )
    return [line.replace(_KEEP, " ") for line in lines]
