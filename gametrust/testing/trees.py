"""Hypothesis strategies for game trees, valid by construction (perfect recall).

>>> from hypothesis import find
>>> find(trees(), lambda t: True).players
('P1', 'P2')
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from ..model.tree import Chance, Decision, GameTree, Terminal

__all__ = ["trees"]


@st.composite
def trees(
    draw: st.DrawFn,
    n_players: int = 2,
    max_depth: int = 3,
    max_moves: int = 3,
    chance: bool = True,
    information_sets: bool = True,
    min_value: int = -5,
    max_value: int = 5,
) -> GameTree:
    """Game trees valid by construction (perfect recall).

    Decision nodes alternate among players; with ``information_sets`` some
    decision layers become simultaneous moves (the next player's nodes after
    one move share one information set, which keeps perfect recall); chance
    nodes draw probabilities as integer weights over their total, so they sum
    to exactly 1.
    """
    counter = [0]

    def payoff() -> Terminal:
        return Terminal(
            tuple(Fraction(draw(st.integers(min_value, max_value))) for _ in range(n_players))
        )

    def labels(k: int, prefix: str) -> list[str]:
        return [f"{prefix}{j + 1}" for j in range(k)]

    def node(depth: int, player: int) -> Any:
        if depth >= max_depth or draw(st.integers(0, 3)) == 0:
            return payoff()
        kind = draw(st.sampled_from(["decision", "decision", "chance"] if chance else ["decision"]))
        if kind == "chance":
            k = draw(st.integers(2, max_moves))
            weights = [draw(st.integers(1, 4)) for _ in range(k)]
            total = sum(weights)
            return Chance(
                tuple(
                    (lab, Fraction(w, total), node(depth + 1, player))
                    for lab, w in zip(labels(k, "n"), weights, strict=True)
                )
            )
        k = draw(st.integers(2, max_moves))
        acts = labels(k, "abcdefgh"[player % 8])
        nxt = (player + 1) % n_players
        simultaneous = (
            information_sets and depth + 1 < max_depth and draw(st.booleans())
        )
        if simultaneous:
            # the next player moves without seeing this move: one information set
            counter[0] += 1
            infoset = f"I{counter[0]}"
            k2 = draw(st.integers(2, max_moves))
            acts2 = labels(k2, "abcdefgh"[nxt % 8])
            return Decision(
                player,
                tuple(
                    (
                        a,
                        Decision(
                            nxt,
                            tuple((b, node(depth + 2, (nxt + 1) % n_players)) for b in acts2),
                            infoset,
                        ),
                    )
                    for a in acts
                ),
            )
        return Decision(player, tuple((a, node(depth + 1, nxt)) for a in acts))

    root = node(0, 0)
    if isinstance(root, Terminal):
        root = Decision(0, (("a1", payoff()), ("a2", payoff())))
    return GameTree(tuple(f"P{i + 1}" for i in range(n_players)), root)
