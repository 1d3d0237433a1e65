"""Results as values: a certified :class:`Equilibrium` and a :class:`SolveResult`.

Solvers produce raw strategy profiles; :func:`certify` turns them into
``Equilibrium`` records after checking each one (zero regret, exactly for exact
games) and annotating it: pure or mixed, expected payoffs, strict or not, and
whether another equilibrium found Pareto-dominates it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal, Protocol, runtime_checkable

from ..core.display import Displayable
from ..core.errors import SolverError
from ..core.exact import Number, format_number
from ..model.game import NormalFormGame
from ..model.regret import deviation_payoffs, expected_payoffs, float_tolerance, is_nash, regrets

__all__ = ["Equilibrium", "Result", "SolveResult", "certify"]

Kind = Literal["pure", "mixed"]


@runtime_checkable
class Result(Protocol):
    """What every solver returns, whatever the kind of game (the one contract).

    ``equilibria`` are certified (each has passed an exact regret check in
    exact games); ``complete`` is true only when the method provably found
    every equilibrium of the kind it reports; ``max_regret`` is the largest
    certificate over the equilibria (``0`` exactly in exact games);
    ``to_dict()`` is the JSON-ready data; ``str(result)`` a plain summary.
    Rich notebook display comes from :class:`~gametrust.core.display.Displayable`.
    """

    method: str
    exact: bool
    complete: bool
    warnings: tuple[str, ...]

    @property
    def equilibria(self) -> Sequence[Any]: ...

    @property
    def max_regret(self) -> Number: ...

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Equilibrium:
    """One certified equilibrium of a normal-form game.

    ``strategies[i][k]`` is the probability that player ``i`` plays its
    ``k``-th action; ``payoffs[i]`` is player ``i``'s expected payoff.
    ``regret`` is the certificate: the largest gain any player could get by a
    pure deviation (``0`` exactly in exact games).
    """

    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    strategies: tuple[tuple[Number, ...], ...]
    payoffs: tuple[Number, ...]
    regret: Number
    strict: bool
    pareto_dominated: bool = False

    @property
    def kind(self) -> Kind:
        """``"pure"`` when every player plays one action with probability 1."""
        return "pure" if all(len(self._support(i)) == 1 for i in range(len(self.players))) else (
            "mixed"
        )

    def _support(self, i: int) -> tuple[str, ...]:
        return tuple(a for a, p in zip(self.actions[i], self.strategies[i], strict=True) if p > 0)

    def _index(self, player: str | int) -> int:
        if isinstance(player, int):
            return player
        return self.players.index(player)

    def support(self, player: str | int) -> tuple[str, ...]:
        """The actions a player plays with positive probability."""
        return self._support(self._index(player))

    def strategy(self, player: str | int) -> dict[str, Number]:
        """A player's mixed strategy as ``{action: probability}``."""
        i = self._index(player)
        return dict(zip(self.actions[i], self.strategies[i], strict=True))

    def payoff(self, player: str | int) -> Number:
        return self.payoffs[self._index(player)]

    @property
    def profile(self) -> tuple[str, ...] | None:
        """The action labels of a pure equilibrium, ``None`` for a mixed one."""
        if self.kind != "pure":
            return None
        return tuple(self._support(i)[0] for i in range(len(self.players)))

    def describe(self) -> str:
        """A one-line description, e.g. ``"(Stag, Stag)"`` or a mix with probabilities."""
        if self.profile is not None:
            return "(" + ", ".join(self.profile) + ")"
        parts = []
        for i, player in enumerate(self.players):
            mix = ", ".join(
                f"{a} {format_number(p)}"
                for a, p in zip(self.actions[i], self.strategies[i], strict=True)
                if p > 0
            )
            parts.append(f"{player}: {mix}")
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: probabilities and payoffs as exact strings."""
        return {
            "kind": self.kind,
            "strategies": {
                player: {
                    a: format_number(p)
                    for a, p in zip(self.actions[i], self.strategies[i], strict=True)
                }
                for i, player in enumerate(self.players)
            },
            "payoffs": {
                p: format_number(v) for p, v in zip(self.players, self.payoffs, strict=True)
            },
            "support": {p: list(self._support(i)) for i, p in enumerate(self.players)},
            "strict": self.strict,
            "pareto_dominated": self.pareto_dominated,
            "regret": format_number(self.regret),
        }


@dataclass(frozen=True)
class SolveResult(Displayable):
    """What a solver found, and how much of it there is.

    ``complete`` is True when the method is guaranteed to have found every
    equilibrium of the kind it looks for (every *extreme* equilibrium for the
    two-player enumeration; every pure one for the pure solver).
    ``components`` groups equilibria into maximal convex sets: in a degenerate
    game a group of several equilibria means a continuum whose extreme points
    they are (every mix of the listed strategies of each player is an
    equilibrium).
    """

    game: NormalFormGame
    equilibria: tuple[Equilibrium, ...]
    method: str
    exact: bool
    complete: bool
    concept: str = "nash"
    degenerate: bool | None = None
    components: tuple[tuple[int, ...], ...] = ()
    warnings: tuple[str, ...] = ()
    tolerance: float | None = None
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, index: int) -> Equilibrium:
        return self.equilibria[index]



    @property
    def continua(self) -> tuple[tuple[int, ...], ...]:
        """Components with more than one extreme point (continua of equilibria)."""
        return tuple(c for c in self.components if len(c) > 1)

    @property
    def pure(self) -> tuple[Equilibrium, ...]:
        return tuple(e for e in self.equilibria if e.kind == "pure")

    @property
    def mixed(self) -> tuple[Equilibrium, ...]:
        return tuple(e for e in self.equilibria if e.kind == "mixed")


def _is_strict(game: NormalFormGame, profile: Sequence[Sequence[Number]]) -> bool:
    """A pure equilibrium is strict when every unilateral deviation strictly loses."""
    for i in range(game.n_players):
        support = [k for k, p in enumerate(profile[i]) if p > 0]
        if len(support) != 1:
            return False
        dev = deviation_payoffs(game, profile, i)
        best = dev[support[0]]
        tol = float_tolerance(game)
        if any(dev[k] >= best - tol for k in range(len(dev)) if k != support[0]):
            return False
    return True


def _dominates(a: Sequence[Number], b: Sequence[Number], tol: float) -> bool:
    return all(x >= y - tol for x, y in zip(a, b, strict=True)) and any(
        x > y + tol for x, y in zip(a, b, strict=True)
    )


def certify(
    game: NormalFormGame,
    profiles: Sequence[Sequence[Sequence[Number]]],
    *,
    method: str,
) -> tuple[Equilibrium, ...]:
    """Check and annotate raw profiles found by ``method``.

    Raises :class:`SolverError` if any profile is not an equilibrium: a solver
    bug must never reach a user as an answer.
    """
    tol = float_tolerance(game)
    checked = []
    for profile in profiles:
        if not is_nash(game, profile, tol):
            raise SolverError(
                f"{method} returned a profile that is not an equilibrium "
                f"(regrets {regrets(game, profile)}): {profile}"
            )
        norm = tuple(
            tuple(Fraction(p) if game.exact else float(p) for p in strategy) for strategy in profile
        )
        checked.append((norm, expected_payoffs(game, norm), max(regrets(game, norm))))
    out = []
    for norm, payoffs, regret in checked:
        dominated = any(_dominates(other[1], payoffs, tol) for other in checked)
        out.append(
            Equilibrium(
                players=game.players,
                actions=game.actions,
                strategies=norm,
                payoffs=payoffs,
                regret=regret,
                strict=_is_strict(game, norm),
                pareto_dominated=dominated,
            )
        )
    return tuple(out)
