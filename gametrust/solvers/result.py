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
from ..model.exact_regret import exact_certificate, pure_cell
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
    two-player enumeration; every pure one for the pure solver asked for them
    in a two-player game; every equilibrium for the N-player enumeration,
    unless a support has a continuum of solutions other than a polytope where
    one player mixes).  The pure solver with three or more players is never
    complete: mixed equilibria may exist (Gambit's ``2x2x2.nfg`` has 4 pure
    and 9 in all).
    ``components`` groups equilibria into maximal convex sets: in a degenerate
    game a group of several equilibria means a continuum whose extreme points
    they are (every mix of the listed strategies of each player is an
    equilibrium).  ``str(result)`` is a short summary:

    >>> from gametrust import NormalFormGame, solve
    >>> print(solve(NormalFormGame.from_arrays([[3, 0], [2, 2]], [[3, 2], [0, 2]],
    ...                                        actions=[["Stag", "Hare"], ["Stag", "Hare"]])))
    3 equilibria (enumeration, exact, complete):
      1. (Stag, Stag)  [P1 3, P2 3]
      2. (Hare, Hare)  [P1 2, P2 2]
      3. P1: Stag 2/3, Hare 1/3; P2: Stag 2/3, Hare 1/3  [P1 2, P2 2]
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

    def __str__(self) -> str:
        n = len(self.equilibria)
        arithmetic = "exact" if self.exact else "floats"
        scope = "complete" if self.complete else "not complete"
        head = f"{n} equilibri{'um' if n == 1 else 'a'} ({self.method}, {arithmetic}, {scope})"
        lines = [head + (":" if n else "")]
        for k, e in enumerate(self.equilibria, start=1):
            pays = ", ".join(
                f"{p} {format_number(v)}" for p, v in zip(e.players, e.payoffs, strict=True)
            )
            lines.append(f"  {k}. {e.describe()}  [{pays}]")
        lines += [f"  note: {w}" for w in self.warnings]
        return "\n".join(lines)

    @property
    def max_regret(self) -> Number:
        """The largest certificate over the equilibria (``0`` exactly in exact games)."""
        zero: Number = Fraction(0) if self.exact else 0.0
        return max((e.regret for e in self.equilibria), default=zero)

    @property
    def dominated_by(self) -> tuple[tuple[int, ...], ...]:
        """For each equilibrium, the (0-based) indices of the equilibria whose payoffs
        Pareto-dominate it: every player at least as well off, one better.

        >>> from gametrust import NormalFormGame, solve
        >>> stag = NormalFormGame.from_arrays([[3, 0], [2, 2]], [[3, 2], [0, 2]])
        >>> solve(stag, method="pure").dominated_by
        ((), (0,))
        """
        tol = self.tolerance or 0
        payoffs = [e.payoffs for e in self.equilibria]
        return tuple(
            tuple(j for j, other in enumerate(payoffs) if j != i and _dominates(other, mine, tol))
            for i, mine in enumerate(payoffs)
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data of the result: numbers as exact strings (short decimals in float
        games); the fields are described in ``docs/json-output.md``.

        >>> from gametrust import NormalFormGame, solve
        >>> data = solve(NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])).to_dict()
        >>> data["method"], data["max_regret"], [e["profile"] for e in data["equilibria"]]
        ('enumeration', '0', [['a1', 'a1'], ['a2', 'a2'], None])
        """
        game = self.game
        component_of = {k: c for c, members in enumerate(self.components) for k in members}
        dominated = self.dominated_by
        equilibria = []
        for k, eq in enumerate(self.equilibria):
            base = eq.to_dict()
            equilibria.append(
                {
                    "index": k,
                    "kind": eq.kind,
                    "profile": list(eq.profile) if eq.profile is not None else None,
                    "strategies": base["strategies"],
                    "payoffs": base["payoffs"],
                    "support": base["support"],
                    "strict": eq.strict,
                    "pareto_dominated": eq.pareto_dominated,
                    "pareto_dominated_by": list(dominated[k]),
                    "regret": base["regret"],
                    "component": component_of.get(k),
                }
            )
        out: dict[str, Any] = {
            "players": [
                {"id": p, "actions": list(game.actions[i])} for i, p in enumerate(game.players)
            ],
            "game": {
                "exact": game.exact,
                "shape": list(game.shape),
                "payoffs": [
                    {
                        "profile": [game.actions[i][k] for i, k in enumerate(index)],
                        "payoffs": [
                            format_number(game.payoffs[(i, *index)])
                            for i in range(game.n_players)
                        ],
                    }
                    for index in game.profiles()
                ],
            },
            "method": self.method,
            "concept": self.concept,
            "exact": self.exact,
            "tolerance": self.tolerance,
            "complete": self.complete,
            "degenerate": self.degenerate,
            "max_regret": format_number(self.max_regret),
            "equilibria": equilibria,
            "components": [list(c) for c in self.components],
            "warnings": list(self.warnings),
        }
        if "approximate" in self.details:  # method "logit" without an exact equilibrium
            out["approximate"] = self.details["approximate"]
        return out

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
    if not tol:  # exact (rationals or real algebraic numbers, which do not subtract)
        return all(x >= y for x, y in zip(a, b, strict=True)) and any(
            x > y for x, y in zip(a, b, strict=True)
        )
    return all(x >= y - tol for x, y in zip(a, b, strict=True)) and any(
        x > y + tol for x, y in zip(a, b, strict=True)
    )


_ZERO, _ONE = Fraction(0), Fraction(1)


def _fractions(strategy: Sequence[Number]) -> tuple[Fraction, ...]:
    """The strategy as Fractions; a pure one (0s and one 1) shares two objects."""
    cell = pure_cell((strategy,))
    if cell is not None:
        out = [_ZERO] * len(strategy)
        out[cell[0]] = _ONE
        return tuple(out)
    return tuple(p if type(p) is Fraction else Fraction(p) for p in strategy)


def _check_lengths(game: NormalFormGame, profile: Sequence[Sequence[Number]], method: str) -> None:
    if len(profile) != game.n_players or any(
        len(s) != k for s, k in zip(profile, game.shape, strict=True)
    ):
        raise SolverError(f"{method} returned a profile of the wrong shape: {profile}")


def certify(
    game: NormalFormGame,
    profiles: Sequence[Sequence[Sequence[Number]]],
    *,
    method: str,
) -> tuple[Equilibrium, ...]:
    """Check and annotate raw profiles found by ``method``.

    Raises :class:`SolverError` if any profile is not an equilibrium: a solver
    bug must never reach a user as an answer.  Exact games are checked on their
    integers (:func:`gametrust.model.exact_regret.exact_certificate`): a pure
    profile reads one line of the payoff tensor per player, a mixed one takes
    integer dot products over common denominators; no ``Fraction`` per payoff.
    """
    tol = float_tolerance(game)
    checked = []
    for profile in profiles:
        if game.exact:  # on the game's integers: one line of the tensor per pure profile
            norm = tuple(_fractions(strategy) for strategy in profile)
            _check_lengths(game, norm, method)
            exact = exact_certificate(game, profile)
            if not exact.is_nash:
                raise SolverError(
                    f"{method} returned a profile that is not an equilibrium "
                    f"(regrets {exact.regrets}): {profile}"
                )
            checked.append((norm, exact.payoffs, max(exact.regrets), exact.strict))
            continue
        if not is_nash(game, profile, tol):
            raise SolverError(
                f"{method} returned a profile that is not an equilibrium "
                f"(regrets {regrets(game, profile)}): {profile}"
            )
        floats = tuple(tuple(float(p) for p in strategy) for strategy in profile)
        checked.append(
            (floats, expected_payoffs(game, floats), max(regrets(game, floats)),
             _is_strict(game, floats))
        )
    out = []
    for norm, payoffs, regret, strict in checked:
        dominated = any(_dominates(other[1], payoffs, tol) for other in checked)
        out.append(
            Equilibrium(
                players=game.players,
                actions=game.actions,
                strategies=norm,
                payoffs=payoffs,
                regret=regret,
                strict=strict,
                pareto_dominated=dominated,
            )
        )
    return tuple(out)
