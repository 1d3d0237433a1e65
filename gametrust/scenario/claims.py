"""Claims and assumptions as data: what a scenario's author believes, and under which conditions.

A scenario may state **assumptions** — which values may vary (parameter
ranges, payoff ranges, empathy ranges: :class:`~gametrust.scenario.conditions.Variable`)
and what must hold among them (the conditions of
:mod:`gametrust.scenario.conditions`) — and **claims**: a profile is / is not
an equilibrium, the equilibrium is unique, the game is of a family, a trust
threshold is at most a value, an equilibrium path includes a move, a Bayesian
equilibrium in which given types play given actions exists, a perfect
Bayesian equilibrium of a signalling game separates or pools; each
optionally under conditions (``when``).

This module holds the values only.  The file format is in ``docs/check.md``;
files are read by :mod:`gametrust.formats.claims_format`; a statement is
decided at given values by :func:`gametrust.analysis.verdicts.verdict`, and
``gametrust check`` (:mod:`gametrust.analysis.check`) proves claims or
searches for counterexamples.

>>> claim = Claim("restraint", IsEquilibrium(("Reassure", "Freeze")))
>>> claim.text()
'(Reassure, Freeze) is an equilibrium'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Protocol

from ..core.errors import Location
from ..core.exact import format_number
from .conditions import Condition, Variable
from .family_names import FamilyName

if TYPE_CHECKING:  # pragma: no cover
    from .scenario import Scenario

__all__ = [
    "PBE_KIND_NAMES",
    "SEARCHED_STATEMENTS",
    "Assumptions",
    "BayesianPlay",
    "Claim",
    "HasFamily",
    "IsEquilibrium",
    "NotEquilibrium",
    "PathIncludes",
    "SignallingClaim",
    "Statement",
    "TrustThresholdClaim",
    "UniqueEquilibrium",
    "payoff_variable_name",
    "profile_text",
]


def profile_text(profile: Sequence[str]) -> str:
    """``(Reassure, Freeze)``."""
    return "(" + ", ".join(profile) + ")"


# -- claim statements ---------------------------------------------------------------------------


class Statement(Protocol):
    """What a claim says: one of the statement classes below.

    Extension point: a new kind of claim is a class with ``key`` (its YAML
    key) and ``text()`` here, a verdict registered with
    :func:`gametrust.analysis.verdicts.verdict`, and a reader in
    :mod:`gametrust.formats.claims_format`.
    """

    key: str

    def text(self) -> str: ...  # pragma: no cover


@dataclass(frozen=True)
class IsEquilibrium:
    """A pure profile is a Nash equilibrium of the game as solved (with empathy)."""

    profile: tuple[str, ...]
    key: str = "equilibrium"

    def text(self) -> str:
        return f"{profile_text(self.profile)} is an equilibrium"


@dataclass(frozen=True)
class NotEquilibrium:
    """A pure profile is not a Nash equilibrium."""

    profile: tuple[str, ...]
    key: str = "not_equilibrium"

    def text(self) -> str:
        return f"{profile_text(self.profile)} is not an equilibrium"


@dataclass(frozen=True)
class UniqueEquilibrium:
    """The game has exactly one Nash equilibrium, this pure profile (two players)."""

    profile: tuple[str, ...]
    key: str = "unique_equilibrium"

    def text(self) -> str:
        return f"{profile_text(self.profile)} is the only equilibrium"


@dataclass(frozen=True)
class HasFamily:
    """The game as solved (with empathy) is of a family."""

    family: FamilyName
    key: str = "family"

    def text(self) -> str:
        return f"the game is a {self.family.text}"


@dataclass(frozen=True)
class TrustThresholdClaim:
    """The trust a player needs to play its part of the cooperative equilibrium.

    The cooperative equilibrium is ``cooperative`` when given, else the pure
    equilibrium every player strictly prefers to every other pure
    equilibrium.  A player's threshold is the least probability it must put
    on the other playing its part of the cooperative equilibrium (the rest on
    its part of an alternative pure equilibrium) for its own part to be a
    best response, the largest over the alternatives
    (:func:`gametrust.analysis.verdicts.trust_thresholds`); 0 when there is no
    alternative.  The claim holds when every named player's threshold is at
    most ``at_most`` and at least ``at_least``; it fails when there is no
    cooperative equilibrium.
    """

    players: tuple[str, ...]
    at_most: Fraction | None = None
    at_least: Fraction | None = None
    cooperative: tuple[str, ...] | None = None
    key: str = "trust_threshold"

    def text(self) -> str:
        who = self.players[0] if len(self.players) == 1 else "each of " + " and ".join(
            self.players
        )
        bounds = []
        if self.at_least is not None:
            bounds.append(f"at least {format_number(self.at_least)}")
        if self.at_most is not None:
            bounds.append(f"at most {format_number(self.at_most)}")
        coop = f" to play {profile_text(self.cooperative)}" if self.cooperative else ""
        return f"the trust {who} needs{coop} is {' and '.join(bounds)}"


@dataclass(frozen=True)
class PathIncludes:
    """A move is (``include``) or is not played on the subgame-perfect equilibrium paths.

    ``every`` (the default for ``path_includes``): every subgame-perfect
    equilibrium plays the move with positive probability; for
    ``path_excludes`` no subgame-perfect equilibrium does.
    """

    move: str
    include: bool = True
    key: str = "path_includes"

    def text(self) -> str:
        if self.include:
            return f"every subgame-perfect equilibrium path includes {self.move!r}"
        return f"no subgame-perfect equilibrium path includes {self.move!r}"


@dataclass(frozen=True)
class BayesianPlay:
    """In a scenario with types: some Bayesian Nash equilibrium in which each named type plays
    its named action for sure (with ``exists=False``: no such equilibrium).

    ``plays`` are ``(player, type, action)``; a player without types has one
    type, named after the player.  Two players' equilibria come as the
    extreme points of convex sets; the set where given types play given
    actions for sure is a face of such a set, so it has an extreme point if
    it is not empty: checking the listed equilibria decides the claim.
    """

    plays: tuple[tuple[str, str, str], ...]
    exists: bool = True
    key: str = "bayesian_equilibrium"

    def plays_text(self) -> str:
        """``US plays Reassure and DPRK (security_seeker) plays Freeze``."""
        return " and ".join(
            f"{player} plays {action}" if player == type_ else f"{player} ({type_}) plays {action}"
            for player, type_, action in self.plays
        )

    def text(self) -> str:
        quantifier = "a" if self.exists else "no"
        return f"{quantifier} Bayesian equilibrium exists in which {self.plays_text()}"


#: The kinds of perfect Bayesian equilibrium a signalling claim can name.
PBE_KIND_NAMES = ("separating", "pooling", "hybrid", "partially pooling")


@dataclass(frozen=True)
class SignallingClaim:
    """In a signalling scenario: a perfect Bayesian equilibrium (``every``: every one) is of
    ``kind`` and has each type in ``sends`` send its signal for sure; with ``intuitive`` only
    equilibria that pass the Intuitive Criterion count.  ``every`` needs at least one."""

    kind: str | None = None
    sends: tuple[tuple[str, str], ...] = ()
    every: bool = False
    intuitive: bool = False
    key: str = "pbe"

    def text(self) -> str:
        subject = "every perfect Bayesian equilibrium" if self.every else (
            "a perfect Bayesian equilibrium"
        )
        if self.intuitive:
            subject += " passing the Intuitive Criterion"
        text = f"{subject} is {self.kind}" if self.kind is not None else f"{subject} exists"
        if self.sends:
            text += ", with " + " and ".join(f"{t} sending {m!r}" for t, m in self.sends)
        return text


#: Statements ``check`` searches for now: their proof needs a sweep through types.
SEARCHED_STATEMENTS = (BayesianPlay, SignallingClaim)


# -- claims and assumptions ------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """A named statement, optionally under conditions (``when``)."""

    name: str
    statement: Statement  # one of the statement classes above
    when: tuple[Condition, ...] = ()
    description: str = ""
    location: Location | None = field(default=None, compare=False, repr=False)

    def text(self) -> str:
        """The statement with its conditions, in words."""
        out = self.statement.text()
        if self.when:
            out += " when " + " and ".join(c.text for c in self.when)
        return out


@dataclass(frozen=True)
class Assumptions:
    """What may vary and what must hold: ``variables`` and ``statements``."""

    variables: tuple[Variable, ...] = ()
    statements: tuple[Condition, ...] = ()
    location: Location | None = field(default=None, compare=False, repr=False)

    def variable(self, key: str) -> Variable | None:
        return next((v for v in self.variables if v.key == key), None)


def payoff_variable_name(scenario: Scenario, k: int) -> str:
    """The internal parameter name of the ``k``-th payoff variable of a scenario.

    ``_payoff0``, ``_payoff1``, ... (more underscores when the scenario has a
    parameter of that name): the check model puts the variable's value there.
    """
    name = f"_payoff{k}"
    while name in scenario.parameters:
        name = "_" + name
    return name
