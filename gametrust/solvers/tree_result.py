"""Results as values for game trees: a :class:`TreeEquilibrium` and a :class:`TreeSolveResult`.

:func:`gametrust.solvers.extensive.solve_tree` finds them; each equilibrium is
a behaviour strategy profile, certified in the reduced normal form (and, for a
subgame-perfect one, in every subgame).  The result satisfies
:class:`gametrust.solvers.result.Result`: ``equilibria``, ``method``,
``exact``, ``complete``, ``warnings``, ``max_regret`` and ``to_dict()``.

>>> from fractions import Fraction as F
>>> from gametrust.model.tree import Decision, GameTree, Terminal
>>> from gametrust.solvers.extensive import solve_tree
>>> entry = GameTree(("E", "I"), Decision(0, (
...     ("Out", Terminal((F(0), F(2)))),
...     ("In", Decision(1, (("Fight", Terminal((F(-1), F(-1)))),
...                         ("Yield", Terminal((F(1), F(1)))))))),
... ), "Entry")
>>> result = solve_tree(entry)
>>> print(result)
1 subgame-perfect equilibrium, 3 Nash equilibria (backward-induction, exact, complete):
  1. E In -> I Yield  [E 1, I 1]
>>> result.max_regret, [e["concepts"] for e in result.to_dict()["nash"]]
(Fraction(0, 1), [['nash'], ['nash', 'subgame-perfect'], ['nash']])
>>> len(result.equilibria)      # the subgame-perfect one, then two threats never carried out
3
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..core.display import Displayable
from ..core.exact import Number, format_number
from ..model.game import NormalFormGame
from ..model.reduced import Plan
from ..model.tree import GameTree, Path
from .result import SolveResult
from .tree_certificate import subgame_regret

__all__ = ["Behavior", "TreeEquilibrium", "TreeSolveResult", "describe_equilibrium"]

Behavior = dict[str, dict[str, Any] | None]  # infoset -> action -> probability (None: open)


@dataclass(frozen=True)
class TreeEquilibrium:
    """An equilibrium of a tree as a behaviour strategy profile."""

    behavior: Behavior
    payoffs: tuple[Any, ...]
    concepts: tuple[str, ...]  # "subgame-perfect", "nash"
    outcomes: tuple[tuple[Path, Any], ...]  # terminal paths reached, with probability

    @property
    def pure(self) -> bool:
        return all(
            d is None or sorted(d.values(), reverse=True)[0] == 1 for d in self.behavior.values()
        )

    def choices(self, tree: GameTree) -> list[str]:
        """``"DPRK at DPRK:1: Freeze"``-style lines for every information set."""
        lines = []
        for info in tree.infosets:
            dist = self.behavior.get(info.id)
            who = tree.players[info.player]
            where = _where(tree, info.paths[0]) if len(info.paths) == 1 else info.id
            if dist is None:
                lines.append(f"{who} {where}: any (never reached)")
                continue
            support = [(a, p) for a, p in dist.items() if p > 0]
            if len(support) == 1:
                lines.append(f"{who} {where}: {support[0][0]}")
            else:
                mix = ", ".join(f"{a} {format_number(p)}" for a, p in support)
                lines.append(f"{who} {where}: {mix}")
        return lines

    def path_text(self, tree: GameTree) -> list[str]:
        """The equilibrium paths in words, with their probabilities when several."""
        out = []
        for path, prob in self.outcomes:
            text = tree.describe_path(path)
            out.append(text if prob == 1 else f"{text} (probability {format_number(prob)})")
        return out

    def to_dict(self, tree: GameTree) -> dict[str, Any]:
        """JSON-ready form (exact strings): concepts, payoffs, paths, and the behaviour at
        every information set of ``tree`` (``None`` where it is left open)."""
        strategies = {}
        for info in tree.infosets:
            dist = self.behavior.get(info.id)
            strategies[info.id] = {
                "player": tree.players[info.player],
                "nodes": [list(p) for p in info.paths],
                "actions": None
                if dist is None
                else {a: format_number(p) for a, p in dist.items()},
            }
        return {
            "concepts": list(self.concepts),
            "pure": self.pure,
            "payoffs": {
                p: format_number(v) for p, v in zip(tree.players, self.payoffs, strict=True)
            },
            "paths": [
                {"moves": list(path), "probability": format_number(prob),
                 "text": tree.describe_path(path)}
                for path, prob in self.outcomes
            ],
            "strategies": strategies,
        }


def _where(tree: GameTree, path: Path) -> str:
    return "at the start" if not path else f"after {tree.describe_path(path)}"


def describe_equilibrium(tree: GameTree, e: TreeEquilibrium) -> str:
    """Path(s) in words, then payoffs."""
    paths = "; ".join(e.path_text(tree))
    pays = ", ".join(
        f"{p} {format_number(v)}" for p, v in zip(tree.players, e.payoffs, strict=True)
    )
    return f"{paths}  [{pays}]"


@dataclass(frozen=True)
class TreeSolveResult(Displayable):
    """Subgame-perfect and Nash equilibria of a tree, with the reduced normal form.

    ``subgame_perfect`` holds every extreme subgame-perfect equilibrium (mixed
    behaviour at ties included; ``components`` groups them into continua) when
    ``subgame_perfect_complete``; ``nash`` the extreme Nash equilibria of the
    reduced normal form (two players), once per behaviour profile, open
    (``None``) at information sets they never reach; ``normal_form`` is that
    form's :class:`~gametrust.solvers.result.SolveResult` (``None``, like
    ``reduced``, when it was too large to list).  ``complete`` says both lists
    are complete.
    """

    tree: GameTree
    subgame_perfect: tuple[TreeEquilibrium, ...]
    nash: tuple[TreeEquilibrium, ...]
    reduced: NormalFormGame | None
    plans: list[list[Plan]] | None
    normal_form: SolveResult | None
    complete: bool
    warnings: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)
    #: Pieces of subgame-perfect equilibria: index tuples into ``subgame_perfect``; a piece
    #: of several is a continuum (every mixture of its members' realization plans, subgame
    #: by subgame, is subgame-perfect) whose extreme points they are.
    components: tuple[tuple[int, ...], ...] = ()
    #: True when ``subgame_perfect`` provably holds every extreme subgame-perfect equilibrium.
    subgame_perfect_complete: bool = True

    #: Subgame-perfect equilibria by backward induction over the subgames; the Nash
    #: equilibria come from the enumeration of the reduced normal form.
    method = "backward-induction"

    @property
    def exact(self) -> bool:
        """True when every payoff and probability of the tree is rational."""
        return self.tree.exact

    @property
    def equilibria(self) -> tuple[TreeEquilibrium, ...]:
        """The subgame-perfect equilibria, then the Nash equilibria that are not."""
        others = tuple(e for e in self.nash if "subgame-perfect" not in e.concepts)
        return self.subgame_perfect + others

    @property
    def max_regret(self) -> Number:
        """The largest certificate: each subgame-perfect equilibrium's largest gain from a
        deviation in any subgame, and the Nash equilibria's regret in the reduced normal form
        (``0`` exactly in exact games)."""
        found: list[Number] = [Fraction(0) if self.exact else 0.0]
        for e in self.subgame_perfect:
            found.append(subgame_regret(self.tree, e.behavior))
        if self.normal_form is not None:
            found.append(self.normal_form.max_regret)
        return max(found)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data of the result (numbers as exact strings)."""
        tree = self.tree
        return {
            "players": list(tree.players),
            "tree": tree.to_dict(),
            "method": self.method,
            "exact": self.exact,
            "complete": self.complete,
            "subgame_perfect_complete": self.subgame_perfect_complete,
            "max_regret": format_number(self.max_regret),
            "subgame_perfect": [e.to_dict(tree) for e in self.subgame_perfect],
            "subgame_perfect_components": [list(c) for c in self.components],
            "nash": [e.to_dict(tree) for e in self.nash],
            "reduced_normal_form": None if self.reduced is None else {
                "strategies": {
                    p: list(acts) for p, acts in zip(tree.players, self.reduced.actions,
                                                     strict=True)
                },
            },
            "warnings": list(self.warnings),
        }

    def __str__(self) -> str:
        spe, n = len(self.subgame_perfect), len(self.nash)
        scope = "complete" if self.complete else "not complete"
        head = (
            f"{spe} subgame-perfect equilibri{'um' if spe == 1 else 'a'}, "
            f"{n} Nash equilibri{'um' if n == 1 else 'a'} "
            f"({self.method}, {'exact' if self.exact else 'floats'}, {scope})"
        )
        lines = [head + (":" if spe else "")]
        lines += [
            f"  {k}. {describe_equilibrium(self.tree, e)}"
            for k, e in enumerate(self.subgame_perfect, start=1)
        ]
        lines += [f"  note: {w}" for w in self.warnings]
        return "\n".join(lines)
