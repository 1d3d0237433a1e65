"""Costly signalling games: the model.

A :class:`SignallingGame` is the reassurance story told as a game: chance
draws the sender's *type* from a common prior; the sender, who knows its type,
sends one of a finite set of *signals*, paying a type-dependent *cost*; the
receiver sees the signal (not the type), forms a *belief* about the type and
chooses a *response*.  The sender gets ``u_S(type, response) - cost(type,
signal)``, the receiver ``u_R(type, response)``.  Its perfect Bayesian
equilibria are found by :func:`gametrust.solvers.signalling.solve_signalling`;
the receiver's belief sets (:meth:`SignallingGame.belief_set`) are computed in
:mod:`gametrust.model.signalling_beliefs`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import did_you_mean, fail
from ..core.exact import as_number
from .signalling_beliefs import BeliefSet, SignallingTables
from .tree import Chance, Decision, GameTree, Terminal

__all__ = [
    "SignallingGame",
    "check_roles",
    "exact_value",
    "keyed",
    "name_list",
    "read_cost",
    "read_prior",
    "reassurance_game",
]

ZERO = Fraction(0)


def exact_value(value: object, *path: str | int) -> Fraction:
    """An exact number (floats refused), errors located at ``path``."""
    if isinstance(value, (float, np.floating)):
        raise fail(
            f"{value!r} is a float; give an exact number (int, Fraction, Decimal or 'p/q')", *path
        )
    try:
        number = as_number(value, exact=True)
    except (TypeError, ValueError) as exc:
        raise fail(str(exc), *path) from None
    assert isinstance(number, Fraction)
    return number


def name_list(value: object, what: str) -> tuple[str, ...]:
    """A non-empty list of distinct non-empty names, errors located at ``what``."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise fail(f"{what} must be a list of names, got {value!r}", what)
    names = []
    for i, name in enumerate(value):
        if not isinstance(name, str) or not name.strip():
            raise fail(f"{what} must be non-empty strings, got {name!r}", what, i)
        if name in names:
            raise fail(f"{what} has {name!r} twice", what, i)
        names.append(name)
    if not names:
        raise fail(f"a signalling game needs at least one of its {what}", what)
    return tuple(names)


def keyed(
    value: object, names: Sequence[str], what: str, *path: str | int, complete: bool = True
) -> dict[str, Any]:
    """A mapping keyed by ``names``: unknown keys refused, missing ones refused if ``complete``."""
    if not isinstance(value, Mapping):
        raise fail(f"expected a mapping from {what} to values, got {value!r}", *path)
    for key in value:
        if key not in names:
            raise fail(
                f"unknown {what[:-1] if what.endswith('s') else what} {key!r}"
                f"{did_you_mean(str(key), names)}; {what} are {list(names)}",
                *path, str(key),
            )
    if complete:
        for name in names:
            if name not in value:
                raise fail(f"missing an entry for {name!r}", *path, name)
    return dict(value)


def check_roles(sender: object, receiver: object) -> None:
    """The sender and the receiver of a signalling game: two different non-empty names."""
    for name, value in (("sender", sender), ("receiver", receiver)):
        if not isinstance(value, str) or not value.strip():
            raise fail(f"the {name} must be a non-empty name, got {value!r}", name)
    if sender == receiver:
        raise fail(f"sender and receiver are both {sender!r}", "receiver")


def read_prior(prior: object, types: Sequence[str]) -> dict[str, Fraction]:
    """The sender's prior ``{type: probability}`` (or a list aligned with ``types``): exact,
    positive, summing to 1; errors located at ``("prior", ...)``."""
    if isinstance(prior, Mapping):
        raw = keyed(prior, types, "types", "prior")
    elif isinstance(prior, Sequence) and not isinstance(prior, (str, bytes)):
        if len(prior) != len(types):
            raise fail(f"{len(prior)} prior probabilities for {len(types)} types", "prior")
        raw = dict(zip(types, prior, strict=True))
    else:
        raise fail(f"the prior must map types to probabilities, got {prior!r}", "prior")
    out = {t: exact_value(raw[t], "prior", t) for t in types}
    for t, p in out.items():
        if p <= 0:
            raise fail(f"the prior of {t!r} must be positive, got {p}", "prior", t)
    total = sum(out.values(), ZERO)
    if total != 1:
        raise fail(f"the prior sums to {total}, not 1", "prior")
    return out


def read_cost(
    cost: object, types: Sequence[str], signals: Sequence[str]
) -> dict[str, dict[str, Fraction]]:
    """The signal costs ``{type: {signal: cost}}`` (missing entries 0, ``None``: all free)."""
    table = {} if cost is None else keyed(cost, types, "types", "cost", complete=False)
    out: dict[str, dict[str, Fraction]] = {}
    for t in types:
        row = {} if t not in table else keyed(table[t], signals, "signals", "cost", t,
                                              complete=False)
        out[t] = {m: exact_value(row[m], "cost", t, m) if m in row else ZERO for m in signals}
    return out


class SignallingGame:
    """A sender–receiver game with sender types, costly signals and receiver responses.

    ``sender``, ``receiver``
        the two players' names (distinct).
    ``types``
        the sender's types, e.g. ``["trustworthy", "untrustworthy"]``.
    ``prior``
        the common prior: ``{type: probability}`` (or a list aligned with
        ``types``); every probability positive, exactly summing to 1.
    ``signals``
        what the sender can send, e.g. ``["signal", "no signal"]``.
    ``responses``
        what the receiver can do, e.g. ``["cooperate", "refuse"]``.
    ``payoffs``
        ``{type: {response: (u_S, u_R)}}``: the sender's gross payoff and the
        receiver's payoff when the sender is of that type and the receiver so
        responds.
    ``cost``
        ``{type: {signal: cost}}``, subtracted from the sender's payoff;
        entries left out are 0 (``None``: every signal is free).

    Numbers are exact: ints, ``Fraction``, ``Decimal`` or ``"p/q"`` strings
    (floats are refused).  Bad input raises :class:`~gametrust.core.errors.ArgumentError`
    whose ``location.path`` names the argument and key, e.g.
    ``("payoffs", "trustworthy", "cooperate")``.

    >>> g = SignallingGame("Kim", "Trump", ["seeker", "greedy"], {"seeker": "1/2", "greedy": "1/2"},
    ...                    ["freeze", "test"], ["relief", "pressure"],
    ...                    {"seeker": {"relief": (3, 1), "pressure": (0, 0)},
    ...                     "greedy": {"relief": (2, -2), "pressure": (0, 0)}},
    ...                    {"seeker": {"freeze": 1}, "greedy": {"freeze": 3}})
    >>> g.sender_payoff("greedy", "freeze", "relief")
    Fraction(-1, 1)
    >>> g.best_responses({"seeker": "2/3", "greedy": "1/3"})
    ('relief', 'pressure')
    """

    def __init__(
        self,
        sender: str,
        receiver: str,
        types: Sequence[str],
        prior: Mapping[str, object] | Sequence[object],
        signals: Sequence[str],
        responses: Sequence[str],
        payoffs: Mapping[str, Mapping[str, Sequence[object]]],
        cost: Mapping[str, Mapping[str, object]] | None = None,
        *,
        title: str = "",
    ) -> None:
        check_roles(sender, receiver)
        self.sender = sender
        self.receiver = receiver
        self.types = name_list(types, "types")
        self.signals = name_list(signals, "signals")
        self.responses = name_list(responses, "responses")
        self.title = title
        self.prior = read_prior(prior, self.types)
        self.payoffs = self._read_payoffs(payoffs)
        self.cost = read_cost(cost, self.types, self.signals)

    def _read_payoffs(self, payoffs: object) -> dict[str, dict[str, tuple[Fraction, Fraction]]]:
        table = keyed(payoffs, self.types, "types", "payoffs")
        out: dict[str, dict[str, tuple[Fraction, Fraction]]] = {}
        for t in self.types:
            row = keyed(table[t], self.responses, "responses", "payoffs", t)
            out[t] = {}
            for a in self.responses:
                pair = row[a]
                if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(
                    pair
                ) != 2:
                    raise fail(
                        f"expected a pair (sender payoff, receiver payoff), got {pair!r}",
                        "payoffs", t, a,
                    )
                out[t][a] = (exact_value(pair[0], "payoffs", t, a, 0),
                             exact_value(pair[1], "payoffs", t, a, 1))
        return out

    # -- payoffs and best responses ---------------------------------------------------------------

    def sender_payoff(self, type: str, signal: str, response: str) -> Fraction:
        """``u_S(type, response) - cost(type, signal)``."""
        return self.payoffs[type][response][0] - self.cost[type][signal]

    def receiver_payoff(self, type: str, response: str) -> Fraction:
        """``u_R(type, response)``."""
        return self.payoffs[type][response][1]

    def _belief(self, belief: Mapping[str, object]) -> dict[str, Fraction]:
        raw = keyed(belief, self.types, "types", "belief", complete=False)
        values = {t: exact_value(raw.get(t, 0), "belief", t) for t in self.types}
        if any(v < 0 for v in values.values()) or sum(values.values(), ZERO) != 1:
            raise fail("a belief is a probability distribution over the types", "belief")
        return values

    def expected_receiver_payoffs(self, belief: Mapping[str, object]) -> dict[str, Fraction]:
        """The receiver's expected payoff of each response under a belief ``{type: prob}``."""
        mu = self._belief(belief)
        return {
            a: sum((mu[t] * self.receiver_payoff(t, a) for t in self.types), ZERO)
            for a in self.responses
        }

    def best_responses(self, belief: Mapping[str, object]) -> tuple[str, ...]:
        """The receiver's optimal responses under a belief (types left out have probability 0)."""
        values = self.expected_receiver_payoffs(belief)
        best = max(values.values())
        return tuple(a for a in self.responses if values[a] == best)

    def belief_set(self, responses: str | Sequence[str]) -> BeliefSet | None:
        """The beliefs at which every one of ``responses`` is a best response (``None``: none).

        >>> g = reassurance_game(prior_trustworthy="1/2", cost_trustworthy=1,
        ...                      cost_untrustworthy=3)
        >>> print(g.belief_set("cooperate"))
        P(trustworthy) in [2/3, 1]
        """
        if isinstance(responses, str):
            responses = (responses,)
        index = []
        for r in responses:
            if r not in self.responses:
                raise fail(
                    f"no response {r!r}{did_you_mean(r, self.responses)}", "responses", r
                )
            index.append(self.responses.index(r))
        return SignallingTables(self).belief_set(tuple(sorted(set(index))))

    def with_cost(self, cost: Mapping[str, Mapping[str, object]] | None) -> SignallingGame:
        """The same game with other signal costs."""
        return SignallingGame(
            self.sender, self.receiver, self.types, self.prior, self.signals, self.responses,
            self.payoffs, cost, title=self.title,
        )

    # -- the game tree ---------------------------------------------------------------------------

    def sender_infoset(self, type: str) -> str:
        """The information set id of the sender's move as ``type`` (in :meth:`to_tree`)."""
        return f"{self.sender}:{type}"

    def receiver_infoset(self, signal: str) -> str:
        """The information set id of the receiver's move after ``signal`` (in :meth:`to_tree`)."""
        return f"{self.receiver}:{signal}"

    def to_tree(self) -> GameTree:
        """The game as a tree: chance picks the type, the sender signals, the receiver responds
        at one information set per signal (it does not see the type).

        >>> g = reassurance_game(prior_trustworthy="1/2", cost_trustworthy=1,
        ...                      cost_untrustworthy=3)
        >>> [(i.id, len(i.paths)) for i in g.to_tree().infosets]  # doctest: +NORMALIZE_WHITESPACE
        [('Sender:trustworthy', 1), ('Receiver:signal', 2), ('Receiver:no signal', 2),
         ('Sender:untrustworthy', 1)]
        """
        moves = []
        for t in self.types:
            signals = []
            for m in self.signals:
                responses = tuple(
                    (a, Terminal((self.sender_payoff(t, m, a), self.receiver_payoff(t, a))))
                    for a in self.responses
                )
                signals.append((m, Decision(1, responses, self.receiver_infoset(m))))
            moves.append((t, self.prior[t], Decision(0, tuple(signals), self.sender_infoset(t))))
        return GameTree((self.sender, self.receiver), Chance(tuple(moves)), self.title)

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        return (
            f"<SignallingGame{title} sender={self.sender!r} types={list(self.types)} "
            f"signals={list(self.signals)} receiver={self.receiver!r} "
            f"responses={list(self.responses)}>"
        )


def reassurance_game(
    prior_trustworthy: object,
    cost_trustworthy: object,
    cost_untrustworthy: object,
    *,
    cooperation_gain: object = 3,
    exploitation_gain: object = 2,
    trust_gain: object = 1,
    exploitation_loss: object = 2,
    sender: str = "Sender",
    receiver: str = "Receiver",
) -> SignallingGame:
    """The canonical reassurance game.

    Types ``trustworthy`` / ``untrustworthy`` (prior ``prior_trustworthy``),
    signals ``signal`` (costing each type its cost) / ``no signal`` (free),
    responses ``cooperate`` / ``refuse``.  Cooperation gives the trustworthy
    sender ``cooperation_gain`` and the untrustworthy one ``exploitation_gain``
    (refusal gives both 0); the receiver gains ``trust_gain`` by cooperating
    with a trustworthy sender and loses ``exploitation_loss`` when an
    untrustworthy one exploits it (refusing gives it 0).  So the receiver
    cooperates iff it believes the sender trustworthy with probability at least
    ``q* = exploitation_loss / (trust_gain + exploitation_loss)`` (2/3 by default).
    """
    values = {
        name: exact_value(value, name)
        for name, value in (
            ("prior_trustworthy", prior_trustworthy), ("cost_trustworthy", cost_trustworthy),
            ("cost_untrustworthy", cost_untrustworthy), ("cooperation_gain", cooperation_gain),
            ("exploitation_gain", exploitation_gain), ("trust_gain", trust_gain),
            ("exploitation_loss", exploitation_loss),
        )
    }
    prior = values["prior_trustworthy"]
    if not 0 < prior < 1:
        raise fail(f"the prior must lie strictly between 0 and 1, got {prior}",
                     "prior_trustworthy")
    return SignallingGame(
        sender, receiver, ["trustworthy", "untrustworthy"],
        {"trustworthy": prior, "untrustworthy": 1 - prior},
        ["signal", "no signal"], ["cooperate", "refuse"],
        {
            "trustworthy": {"cooperate": (values["cooperation_gain"], values["trust_gain"]),
                            "refuse": (0, 0)},
            "untrustworthy": {"cooperate": (values["exploitation_gain"],
                                            -values["exploitation_loss"]),
                              "refuse": (0, 0)},
        },
        {"trustworthy": {"signal": values["cost_trustworthy"]},
         "untrustworthy": {"signal": values["cost_untrustworthy"]}},
        title="reassurance by a costly signal",
    )


