"""What :func:`~gametrust.solvers.signalling.solve_signalling` returns: perfect Bayesian
equilibria of a signalling game as values.

A :class:`SignallingResult` holds every certified :class:`PerfectBayesianEquilibrium`
(separating, pooling, hybrid or partially pooling); each gives the strategies,
the receiver's beliefs, every :class:`OffPathOption` that keeps it an
equilibrium, its :class:`IntuitiveCriterion` verdict (one :class:`SignalTest`
per off-path signal) and, when its on-path strategies are not isolated, the
:class:`OnPathContinuum` they range over.  Results carry data, a plain
``__str__`` and ``to_dict()``; they satisfy :class:`~gametrust.solvers.result.Result`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from ..core.display import Displayable
from ..core.exact import format_number
from ..model.signalling import SignallingGame
from ..model.signalling_beliefs import BeliefSet, show_belief

__all__ = [
    "PBE_KINDS",
    "IntuitiveCriterion",
    "OffPathOption",
    "OnPathContinuum",
    "PBEKind",
    "PerfectBayesianEquilibrium",
    "SignalTest",
    "SignallingResult",
    "pbe_kind",
]

#: The kind of a perfect Bayesian equilibrium: how the sender's types share signals.
PBEKind = Literal["separating", "pooling", "hybrid", "partially pooling"]
#: The kinds, in the order a result lists its equilibria.
PBE_KINDS: tuple[PBEKind, ...] = ("separating", "pooling", "hybrid", "partially pooling")

ZERO = Fraction(0)


def pbe_kind(sender: Sequence[Sequence[Fraction]]) -> PBEKind:
    """The kind of an equilibrium from its sender table ``sender[type][signal]``."""
    if any(sum(1 for p in row if p > 0) > 1 for row in sender):
        return "hybrid"
    chosen = [next(m for m, p in enumerate(row) if p > 0) for row in sender]
    if len(set(chosen)) == 1:
        return "pooling"
    if len(set(chosen)) == len(chosen):
        return "separating"
    return "partially pooling"


@dataclass(frozen=True)
class OffPathOption:
    """A receiver response to an off-path signal that keeps an equilibrium one.

    The receiver plays a mix with support ``support``; every mix in the convex
    hull of ``mixes`` with that full support deters every type (no type gains by
    sending ``signal``), and ``beliefs`` is the set of beliefs at which each
    response of the support is a best response.  For a pure response ``mixes``
    is that response alone.  ``response`` is one such mix (the centre).
    """

    signal: str
    support: tuple[str, ...]
    mixes: tuple[dict[str, Fraction], ...]
    response: dict[str, Fraction]
    beliefs: BeliefSet

    @property
    def pure(self) -> bool:
        return len(self.support) == 1

    def __str__(self) -> str:
        if self.pure:
            return f"{self.support[0]}, for beliefs {self.beliefs}"
        if len(self.support) == 2:
            a, b = self.support
            lo = min(m[a] for m in self.mixes)
            hi = max(m[a] for m in self.mixes)
            left = "(" if lo == 0 else "["
            right = ")" if hi == 1 else "]"
            if lo == hi:
                mix = f"{a} {format_number(lo)}, {b} {format_number(1 - lo)}"
            else:
                mix = (f"{a} with probability in {left}{format_number(lo)}, "
                       f"{format_number(hi)}{right}, else {b}")
            return f"mix {mix}, at beliefs {self.beliefs}"
        mixes = "; ".join(
            ", ".join(f"{a} {format_number(p)}" for a, p in m.items()) for m in self.mixes
        )
        return (f"mix of {list(self.support)} in the convex hull of ({mixes}), "
                f"at beliefs {self.beliefs}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "support": list(self.support),
            "mixes": [{a: format_number(p) for a, p in m.items()} for m in self.mixes],
            "beliefs": self.beliefs.to_dict(),
            "text": str(self),
        }


@dataclass(frozen=True)
class SignalTest:
    """The Intuitive Criterion at one off-path signal.

    ``dominated``: types for which sending ``signal`` is equilibrium-dominated
    (their equilibrium payoff exceeds the most the signal can bring them against
    any best response to any belief).  ``remaining``: the other types.
    ``deviators``: types that would strictly gain by sending ``signal`` against
    every best response to every belief concentrated on ``remaining``; the
    equilibrium fails the criterion when there is one.
    """

    signal: str
    dominated: tuple[str, ...]
    remaining: tuple[str, ...]
    deviators: tuple[str, ...]

    @property
    def fails(self) -> bool:
        return bool(self.deviators)

    def __str__(self) -> str:
        if not self.fails:
            if self.dominated:
                return (f"{self.signal!r}: equilibrium-dominated for {', '.join(self.dominated)}; "
                        "no type gains by sending it")
            return f"{self.signal!r}: no type is equilibrium-dominated; no restriction"
        return (f"{self.signal!r} is equilibrium-dominated for {', '.join(self.dominated)}; "
                f"believed to come from {', '.join(self.remaining)}, it pays "
                f"{', '.join(self.deviators)} more than the equilibrium")


@dataclass(frozen=True)
class IntuitiveCriterion:
    """Cho and Kreps' (1987) Intuitive Criterion, signal by signal (off-path signals only)."""

    tests: tuple[SignalTest, ...]

    @property
    def passes(self) -> bool:
        return not any(t.fails for t in self.tests)

    @property
    def failures(self) -> tuple[SignalTest, ...]:
        return tuple(t for t in self.tests if t.fails)

    def __str__(self) -> str:
        if not self.tests:
            return "passes the Intuitive Criterion (no off-path signal)"
        if self.passes:
            return "passes the Intuitive Criterion"
        return "fails the Intuitive Criterion: " + "; ".join(str(t) for t in self.failures)


@dataclass(frozen=True)
class OnPathContinuum:
    """A non-isolated equilibrium: its on-path strategies range over a convex set.

    This happens in non-generic games (e.g. a prior exactly at the receiver's
    indifference threshold).  With the equilibrium's supports, the sender's
    strategy ranges over the convex hull of ``sender`` and the on-path
    receiver strategy over the convex hull of ``receiver`` (the extreme points
    themselves may have smaller supports).  A point of that set is an
    equilibrium when some off-path response deters every type there: those
    points are the union of the convex hulls listed in ``supported`` (one per
    kind of off-path response; taken with the supports above, i.e. relative
    interiors).  The record shows one such point (the centre when it
    qualifies), and its off-path options are those of that point.
    """

    sender: tuple[dict[str, dict[str, Fraction]], ...]
    receiver: tuple[dict[str, dict[str, Fraction]], ...]
    supported: tuple[tuple[dict[str, dict[str, Fraction]], ...], ...] = ()


@dataclass(frozen=True)
class PerfectBayesianEquilibrium:
    """One certified (weak) perfect Bayesian equilibrium of a signalling game.

    ``sender[type][signal]`` and ``receiver[signal][response]`` are the
    strategies, ``beliefs[signal][type]`` the receiver's beliefs; on-path
    beliefs follow Bayes' rule.  At an off-path signal the strategy and belief
    shown are one choice among ``off_path[signal]``, every response (with its
    set of supporting beliefs) that keeps the equilibrium; any combination of
    them across off-path signals is an equilibrium with the same path of play.
    ``continuum`` is set when the on-path strategies are not isolated.
    ``regret`` is the certificate: the largest gain any type could get by
    sending another signal, or the receiver by answering a signal otherwise
    under its belief there (``0`` exactly; the solver refuses anything else).
    """

    kind: PBEKind
    sender: dict[str, dict[str, Fraction]]
    receiver: dict[str, dict[str, Fraction]]
    beliefs: dict[str, dict[str, Fraction]]
    on_path: tuple[str, ...]
    off_path: dict[str, tuple[OffPathOption, ...]]
    sender_payoffs: dict[str, Fraction]
    receiver_payoff: Fraction
    intuitive_criterion: IntuitiveCriterion
    continuum: OnPathContinuum | None = None
    regret: Fraction = ZERO

    def behavior(self, game: SignallingGame) -> dict[str, dict[str, Fraction] | None]:
        """The behaviour strategy profile in ``game.to_tree()`` (information set -> mix)."""
        out: dict[str, dict[str, Fraction] | None] = {}
        for t in game.types:
            out[game.sender_infoset(t)] = dict(self.sender[t])
        for m in game.signals:
            out[game.receiver_infoset(m)] = dict(self.receiver[m])
        return out

    def lines(self) -> list[str]:
        """The equilibrium in words, one line per fact."""
        types = list(self.sender)
        lines = [f"{self.kind}" + (" (a continuum; one point shown)" if self.continuum else "")]
        for t in types:
            support = [(m, p) for m, p in self.sender[t].items() if p > 0]
            text = support[0][0] if len(support) == 1 else ", ".join(
                f"{m} {format_number(p)}" for m, p in support
            )
            lines.append(f"  {t}: {text}  (payoff {format_number(self.sender_payoffs[t])})")
        for m in self.receiver:
            belief = show_belief(types, [self.beliefs[m][t] for t in types])
            if m in self.on_path:
                support = [(a, p) for a, p in self.receiver[m].items() if p > 0]
                text = support[0][0] if len(support) == 1 else ", ".join(
                    f"{a} {format_number(p)}" for a, p in support
                )
                lines.append(f"  after {m}: {text}  (belief {belief})")
            elif len(self.off_path[m]) == 1:
                lines.append(f"  after {m} (off path): {self.off_path[m][0]}")
            else:
                lines.append(f"  after {m} (off path), any of:")
                lines.extend(f"    {o}" for o in self.off_path[m])
        lines.append(f"  receiver payoff {format_number(self.receiver_payoff)}; "
                     f"{self.intuitive_criterion}")
        return lines

    def describe(self) -> str:
        return "\n".join(self.lines())

    def to_dict(self) -> dict[str, Any]:
        def table(d: Mapping[str, Mapping[str, Fraction]]) -> dict[str, dict[str, str]]:
            return {k: {a: format_number(p) for a, p in v.items()} for k, v in d.items()}

        return {
            "kind": self.kind,
            "sender": table(self.sender),
            "receiver": table(self.receiver),
            "beliefs": table(self.beliefs),
            "on_path": list(self.on_path),
            "off_path": {m: [o.to_dict() for o in opts] for m, opts in self.off_path.items()},
            "payoffs": {"sender": {t: format_number(v) for t, v in self.sender_payoffs.items()},
                        "receiver": format_number(self.receiver_payoff)},
            "intuitive_criterion": {
                "passes": self.intuitive_criterion.passes,
                "failures": [{"signal": f.signal, "dominated": list(f.dominated),
                              "deviators": list(f.deviators)}
                             for f in self.intuitive_criterion.failures],
            },
            "continuum": None if self.continuum is None else {
                "sender": [table(s) for s in self.continuum.sender],
                "receiver": [table(r) for r in self.continuum.receiver],
                "supported": [[table(r) for r in piece] for piece in self.continuum.supported],
            },
        }


@dataclass(frozen=True)
class SignallingResult(Displayable):
    """Every perfect Bayesian equilibrium found, certified.

    ``complete`` is True when every PBE of the game is accounted for: its path
    of play is listed as an isolated equilibrium or lies in the on-path set of
    a listed :class:`OnPathContinuum`, and each isolated one lists *every*
    off-path response that supports it.  :func:`solve_signalling` always
    achieves this (the field is kept for solvers that may not); ``warnings``
    holds anything a reader should know.  ``method`` names the algorithm;
    results are always ``exact`` (rational arithmetic throughout).
    """

    game: SignallingGame
    equilibria: tuple[PerfectBayesianEquilibrium, ...]
    complete: bool
    warnings: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict, compare=False)
    method: str = "support-enumeration"
    exact: bool = True

    def __iter__(self) -> Iterator[PerfectBayesianEquilibrium]:
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, index: int) -> PerfectBayesianEquilibrium:
        return self.equilibria[index]

    def _kind(self, kind: PBEKind) -> tuple[PerfectBayesianEquilibrium, ...]:
        return tuple(e for e in self.equilibria if e.kind == kind)

    @property
    def separating(self) -> tuple[PerfectBayesianEquilibrium, ...]:
        return self._kind("separating")

    @property
    def pooling(self) -> tuple[PerfectBayesianEquilibrium, ...]:
        return self._kind("pooling")

    @property
    def hybrid(self) -> tuple[PerfectBayesianEquilibrium, ...]:
        return self._kind("hybrid")

    @property
    def partially_pooling(self) -> tuple[PerfectBayesianEquilibrium, ...]:
        return self._kind("partially pooling")

    @property
    def continua(self) -> tuple[PerfectBayesianEquilibrium, ...]:
        return tuple(e for e in self.equilibria if e.continuum is not None)

    @property
    def max_regret(self) -> Fraction:
        """The largest certificate over the equilibria: ``0`` exactly (see
        :attr:`PerfectBayesianEquilibrium.regret`)."""
        return max((e.regret for e in self.equilibria), default=ZERO)

    def describe(self) -> str:
        head = f"{len(self)} perfect Bayesian equilibri{'um' if len(self) == 1 else 'a'}"
        if not self.complete:
            head += " (possibly incomplete)"
        parts = [head + ":"]
        for k, e in enumerate(self.equilibria, 1):
            lines = e.lines()
            parts.append(f"{k}. {lines[0]}")
            parts.extend(lines[1:])
        parts.extend(f"warning: {w}" for w in self.warnings)
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.describe()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: every equilibrium (as in ``gametrust solve --format json``)."""
        return {
            "equilibria": [e.to_dict() for e in self.equilibria],
            "complete": self.complete,
            "warnings": list(self.warnings),
        }
