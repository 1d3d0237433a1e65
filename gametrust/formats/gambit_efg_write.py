"""Writing game trees as Gambit extensive-form files (``.efg``).

:func:`write_efg` writes the text that Gambit 16.7 and
:func:`~gametrust.formats.gambit_efg.parse_efg` read (the format is described
in :mod:`gametrust.formats.gambit_efg`); exact values are written exactly and
chance probabilities always sum to exactly 1.
"""

from __future__ import annotations

import math
from fractions import Fraction
from numbers import Rational
from typing import Any

from ..core.errors import fail
from ..model.tree import Chance, GameTree, Terminal
from .gambit_text import gambit_number, quote, unique_labels

__all__ = ["write_efg"]


def _number(value: Any, what: str, path: tuple[str, ...]) -> str:
    if isinstance(value, bool) or not isinstance(value, (Rational, float)):
        raise fail(f"{what} must be a number to be written to .efg, found {value!r}", "tree", *path)
    if isinstance(value, float) and not math.isfinite(value):
        raise fail(f"{what} is {value}", "tree", *path)
    return gambit_number(Fraction(value) if isinstance(value, Rational) else value)


def _probabilities(node: Chance, path: tuple[str, ...]) -> list[str]:
    """A chance node's probabilities as text that sums to exactly 1.

    Exact probabilities are written as they are.  Floats are written at full
    precision, except the largest, written as 1 minus the others (exactly), so
    that the file is a probability distribution for Gambit and for
    :func:`parse_efg`; it moves by at most the float tolerance.
    """
    texts = [_number(p, "a probability", (*path, label)) for label, p, _ in node.moves]
    values = [p for _, p, _ in node.moves]
    if not any(isinstance(p, float) for p in values):
        return texts
    largest = max(range(len(values)), key=lambda k: values[k])
    rest = sum((Fraction(t) for k, t in enumerate(texts) if k != largest), Fraction(0))
    texts[largest] = _decimal(1 - rest)
    return texts


def _decimal(value: Fraction) -> str:
    """A fraction whose denominator divides a power of ten, as a decimal literal.

    >>> _decimal(Fraction(-3, 8)), _decimal(Fraction(5)), _decimal(Fraction(1, 10**20))
    ('-0.375', '5', '0.00000000000000000001')
    """
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    digits = str(abs(value.numerator * 10**places // value.denominator)).rjust(places + 1, "0")
    sign = "-" if value < 0 else ""
    if not places:
        return sign + digits
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def _node_labels(tree: GameTree) -> dict[tuple[str, ...], str]:
    """Labels of the decision and chance nodes, repeated non-empty ones made unique.

    Gambit 16.7 refuses a file in which two nodes have the same non-empty
    label; repeated labels get its ``_1``, ``_2`` suffixes.
    """
    labels = {path: node.label for path, node in tree.nodes() if not isinstance(node, Terminal)}
    named = [path for path, label in labels.items() if label]
    return {**labels, **dict(zip(named, unique_labels([labels[p] for p in named]), strict=True))}


def write_efg(tree: GameTree, title: str | None = None, comment: str = "") -> str:
    """The tree as Gambit ``.efg`` text that Gambit 16.7 and :func:`parse_efg` read.

    Exact numbers are written as ``p/q`` (header ``R``); a tree with float
    values is written with full-precision decimals (header ``D``).  Every
    information set's Gambit name is its gametrust id, information sets are
    numbered per player in the order they are first met, each chance node is
    its own chance information set, and each terminal has its own outcome
    holding its payoffs, named by the terminal's label (:func:`parse_efg`
    takes a terminal's label from its outcome when its node label is empty).
    Gambit 16.7 refuses two nodes with the same non-empty label, so repeated
    labels of decision and chance nodes are written with its ``_1``, ``_2``
    suffixes; it also accepts only labels of printable ASCII without leading,
    trailing or double spaces.  ``title`` defaults to
    the tree's title.  A tree whose values are not numbers (an unbuilt
    scenario's expressions) raises :class:`~gametrust.core.errors.ArgumentError`.

    >>> from fractions import Fraction as F
    >>> from gametrust.model.tree import Decision
    >>> t = GameTree(("Row", "Col"), Chance((
    ...     ("good", F(1, 3), Decision(0, (("x", Terminal((F(1), F(-1, 2)), "end")),))),
    ...     ("bad", F(2, 3), Terminal((F(0), F(0)))))), title="demo")
    >>> print(write_efg(t))
    EFG 2 R "demo" { "Row" "Col" }
    ""
    <BLANKLINE>
    c "" 1 "" { "good" 1/3 "bad" 2/3 } 0
    p "" 1 1 "Row:1" { "x" } 0
    t "" 1 "end" { 1, -1/2 }
    t "" 2 "" { 0, 0 }
    <BLANKLINE>
    """
    number_of: dict[str, int] = {}
    per_player = [0] * len(tree.players)
    for info in tree.infosets:
        per_player[info.player] += 1
        number_of[info.id] = per_player[info.player]
    node_labels = _node_labels(tree)
    body: list[str] = []
    chance_count = 0
    outcome_count = 0
    for path, node in tree.nodes():
        if isinstance(node, Terminal):
            outcome_count += 1
            values = ", ".join(_number(v, "a payoff", path) for v in node.payoffs)
            body.append(f't "" {outcome_count} {quote(node.label)} {{ {values} }}')
        elif isinstance(node, Chance):
            chance_count += 1
            written = _probabilities(node, path)
            moves = " ".join(
                f"{quote(label)} {text}" for (label, _, _), text in zip(node.moves, written,
                                                                        strict=True)
            )
            body.append(f'c {quote(node_labels[path])} {chance_count} "" {{ {moves} }} 0')
        else:
            info = tree.infoset_of[path]
            actions = " ".join(quote(label) for label in node.actions)
            body.append(
                f"p {quote(node_labels[path])} {node.player + 1} {number_of[info]} {quote(info)} "
                f"{{ {actions} }} 0"
            )
    tree.check_probabilities()
    kind = "R" if tree.exact else "D"
    heading = tree.title if title is None else title
    players = " ".join(quote(p) for p in tree.players)
    lines = [f"EFG 2 {kind} {quote(heading)} {{ {players} }}", quote(comment), "", *body]
    return "\n".join(lines) + "\n"
