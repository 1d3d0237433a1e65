"""Results of the Bayesian solver: a certified :class:`BayesianEquilibrium` and a
:class:`BayesianResult`.

A Bayesian Nash equilibrium gives each type of each player a (mixed) strategy;
its certificate is the largest *interim* regret of any type (``0`` exactly in
exact games).  :class:`BayesianResult` satisfies the one result contract,
:class:`gametrust.solvers.result.Result`, like the normal-form
:class:`~gametrust.solvers.result.SolveResult`.  The solver that produces them
is :func:`gametrust.solvers.bayesian.solve_bayesian`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from ..core.display import Displayable
from ..core.errors import fail
from ..core.exact import Number, format_number
from ..model.bayesian import BayesianGame
from .result import SolveResult

__all__ = ["BayesianEquilibrium", "BayesianResult", "Strategies"]

#: Type-contingent strategies: ``strategies[player][type][action]``.
Strategies = tuple[tuple[tuple[Number, ...], ...], ...]


def _mix(actions: Sequence[str], probs: Sequence[Number]) -> str:
    support = [(a, p) for a, p in zip(actions, probs, strict=True) if p > 0]
    if len(support) == 1:
        return support[0][0]
    return ", ".join(f"{a} {format_number(p)}" for a, p in support)


@dataclass(frozen=True)
class BayesianEquilibrium:
    """One certified Bayesian Nash equilibrium.

    ``strategies[i][t][a]``: probability that player ``i`` of type ``t`` plays
    action ``a``.  ``interim_payoffs[i][t]``: that type's expected payoff given
    its interim belief; ``payoffs[i]``: the player's ex-ante expected payoff
    (prior-weighted over its types).  ``best_responses[i][t]``: the actions
    that are best for the type (it is indifferent among them).  ``regret`` is
    the certificate: the largest interim gain any type could get by deviating
    (``0`` exactly in exact games).
    """

    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    types: tuple[tuple[str, ...], ...]
    strategies: Strategies
    interim_payoffs: tuple[tuple[Number, ...], ...]
    payoffs: tuple[Number, ...]
    best_responses: tuple[tuple[tuple[str, ...], ...], ...]
    regret: Number
    strict: bool

    @property
    def kind(self) -> Literal["pure", "mixed"]:
        """``"pure"`` when every type of every player plays one action."""
        pure = all(sum(1 for p in s if p > 0) == 1 for per in self.strategies for s in per)
        return "pure" if pure else "mixed"

    def _player(self, player: str | int) -> int:
        return player if isinstance(player, int) else self.players.index(player)

    def strategy(self, player: str | int, type_: str | int | None = None) -> dict[str, Number]:
        """A type's mixed strategy as ``{action: probability}`` (type optional for one type)."""
        i = self._player(player)
        if type_ is None:
            if len(self.types[i]) != 1:
                raise fail(f"player {self.players[i]!r} has several types; name one", "type")
            t = 0
        else:
            t = type_ if isinstance(type_, int) else self.types[i].index(type_)
        return dict(zip(self.actions[i], self.strategies[i][t], strict=True))

    def action(self, player: str | int, type_: str | int | None = None) -> str | None:
        """The action a type plays for sure, or ``None`` when it mixes."""
        support = [a for a, p in self.strategy(player, type_).items() if p > 0]
        return support[0] if len(support) == 1 else None

    def support(self, player: str | int, type_: str | int) -> tuple[str, ...]:
        return tuple(a for a, p in self.strategy(player, type_).items() if p > 0)

    def describe_player(self, player: str | int) -> str:
        """``"Reassure"`` or ``"security_seeker: (Freeze 2/3, Arm 1/3), greedy: Arm"``."""
        i = self._player(player)
        if len(self.types[i]) == 1:
            return _mix(self.actions[i], self.strategies[i][0])
        parts = []
        for t, s in zip(self.types[i], self.strategies[i], strict=True):
            text = _mix(self.actions[i], s)
            parts.append(f"{t}: ({text})" if "," in text else f"{t}: {text}")
        return ", ".join(parts)

    def describe(self) -> str:
        """One line: ``"US: Reassure; DPRK: security_seeker: Freeze, greedy: Arm"``."""
        return "; ".join(f"{p}: {self.describe_player(i)}" for i, p in enumerate(self.players))

    def describe_payoffs(self) -> str:
        """``"interim: US 3; DPRK security_seeker 4, greedy 4 | ex ante: US 3, DPRK 4"``."""
        interim = []
        for i, p in enumerate(self.players):
            if len(self.types[i]) == 1:
                interim.append(f"{p} {format_number(self.interim_payoffs[i][0])}")
            else:
                values = ", ".join(
                    f"{t} {format_number(v)}"
                    for t, v in zip(self.types[i], self.interim_payoffs[i], strict=True)
                )
                interim.append(f"{p} {values}")
        ex_ante = ", ".join(
            f"{p} {format_number(v)}" for p, v in zip(self.players, self.payoffs, strict=True)
        )
        return f"interim: {'; '.join(interim)} | ex ante: {ex_ante}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: probabilities and payoffs as exact strings."""
        return {
            "kind": self.kind,
            "strategies": {
                p: {
                    t: {a: format_number(x) for a, x in zip(self.actions[i], s, strict=True)}
                    for t, s in zip(self.types[i], self.strategies[i], strict=True)
                }
                for i, p in enumerate(self.players)
            },
            "interim_payoffs": {
                p: {
                    t: format_number(v)
                    for t, v in zip(self.types[i], self.interim_payoffs[i], strict=True)
                }
                for i, p in enumerate(self.players)
            },
            "payoffs": {
                p: format_number(v) for p, v in zip(self.players, self.payoffs, strict=True)
            },
            "strict": self.strict,
            "regret": format_number(self.regret),
        }


@dataclass(frozen=True)
class BayesianResult(Displayable):
    """Every Bayesian Nash equilibrium found, and how much of it there is.

    ``complete`` is True when every *extreme* BNE was found (two players), or
    every pure one when pure BNE were asked for (``method="pure"``, ``concept ==
    "pure-bayesian-nash"``); with three or more players only pure BNE are
    computed and the list is not complete (mixed BNE may exist).  ``components``
    groups equilibria into maximal convex sets: a group of several is a
    continuum, every profile in which each player's type-contingent strategy
    is a convex combination (one set of weights for all its types) of the
    group's strategies for that player.  ``agent_form`` is the solved
    type-agent normal form, for inspection.  ``max_regret`` is the largest
    interim regret over the equilibria (``0`` exactly in exact games);
    ``to_dict()`` the JSON-ready data.
    """

    game: BayesianGame = field(compare=False, repr=False)
    equilibria: tuple[BayesianEquilibrium, ...]
    method: str
    exact: bool
    complete: bool
    concept: str = "bayesian-nash"
    components: tuple[tuple[int, ...], ...] = ()
    warnings: tuple[str, ...] = ()
    agent_form: SolveResult | None = field(default=None, compare=False, repr=False)

    def __iter__(self) -> Iterator[BayesianEquilibrium]:
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, index: int) -> BayesianEquilibrium:
        return self.equilibria[index]

    @property
    def continua(self) -> tuple[tuple[int, ...], ...]:
        return tuple(c for c in self.components if len(c) > 1)

    @property
    def pure(self) -> tuple[BayesianEquilibrium, ...]:
        return tuple(e for e in self.equilibria if e.kind == "pure")

    @property
    def mixed(self) -> tuple[BayesianEquilibrium, ...]:
        return tuple(e for e in self.equilibria if e.kind == "mixed")

    @property
    def max_regret(self) -> Number:
        """The largest interim regret of any type in any equilibrium (the certificate)."""
        zero: Number = Fraction(0) if self.exact else 0.0
        return max((e.regret for e in self.equilibria), default=zero)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: the priors, each equilibrium (exact strings), the components."""
        game = self.game
        return {
            "concept": self.concept,
            "method": self.method,
            "exact": self.exact,
            "complete": self.complete,
            "max_regret": format_number(self.max_regret),
            "priors": {
                p: {t: format_number(q) for t, q in zip(types, prior, strict=True)}
                for p, types, prior in zip(game.players, game.types, game.priors, strict=True)
            },
            "equilibria": [e.to_dict() for e in self.equilibria],
            "components": [list(c) for c in self.components],
            "warnings": list(self.warnings),
        }

    def describe(self) -> str:
        """A short text report: each equilibrium with its interim and ex-ante payoffs."""
        title = f" of {self.game.title!r}" if self.game.title else ""
        flags = ", ".join(
            x
            for x in (
                "exact" if self.exact else "float",
                "complete" if self.complete else "not complete",
            )
            if x
        )
        what = (
            "pure Bayesian Nash equilibria"
            if self.concept == "pure-bayesian-nash"
            else ("Bayesian Nash equilibria")
        )
        lines = [f"{len(self)} {what}{title} ({self.method}, {flags})"]
        priors = []
        for i, p in enumerate(self.game.players):
            if len(self.game.types[i]) > 1:
                priors.append(
                    f"{p}: "
                    + ", ".join(
                        f"{t} {format_number(q)}"
                        for t, q in zip(self.game.types[i], self.game.priors[i], strict=True)
                    )
                )
        if priors:
            lines.append("priors: " + "; ".join(priors))
        for k, e in enumerate(self):
            lines.append(f"{k + 1}. [{e.kind}] {e.describe()}")
            lines.append(f"   {e.describe_payoffs()}")
        for c in self.continua:
            members = ", ".join(str(k + 1) for k in c)
            lines.append(f"continuum: equilibria {members} and every mixture of them")
        lines.extend(f"note: {w}" for w in self.warnings)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.describe()
