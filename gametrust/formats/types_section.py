"""Types, priors, signals and beliefs in scenario files: the ``types``, ``signalling`` and ``beliefs`` sections.

The readers take the located :class:`~gametrust.formats.reader.Reader` and
return the values of :mod:`gametrust.scenario.typespec` (the format is
described there and in ``docs/scenario-format.md``), raising one located
:class:`~gametrust.core.errors.ScenarioError` for bad input.

>>> from gametrust.formats.yamlsource import load_yaml
>>> from gametrust.scenario.parts import Player
>>> data, where = load_yaml('''
... types:
...   B:
...     friend: {prior: p}
...     foe: {prior: 1 - p, payoffs: {"x, x": [1, 0]}}
... ''', "t.yaml")
>>> players = (Player("A", "A", ("x", "y")), Player("B", "B", ("x", "y")))
>>> types = read_types(Reader(where), data["types"], players, {"p": Fraction(1, 3)})
>>> [(t.name, t.prior.evaluate({"p": Fraction(1, 3)})) for t in types["B"]]
[('friend', Fraction(1, 3)), ('foe', Fraction(2, 3))]
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction  # noqa: F401 - the doctests use it

from ..core.errors import did_you_mean
from ..core.exact import Number
from ..scenario.expression import Expression
from ..scenario.parts import Player
from ..scenario.typespec import (
    BELIEF_RULES,
    SIGNAL_STAGES,
    BeliefSpec,
    PlayerType,
    Signalling,
    check_priors,
)
from .game_section import read_profile
from .reader import KeyPath, Reader

__all__ = ["read_beliefs", "read_signalling", "read_types"]

_TYPE_KEYS = ("prior", "payoffs")
_SIGNALLING_KEYS = ("sender", "receiver", "signals", "cost", "stage")
_BELIEF_KEYS = ("observer", "about", "trusted", "cooperative", "cooperative_reply", "rule",
                "rounds")


def read_types(
    reader: Reader, value: object, players: Sequence[Player], names: Mapping[str, Number]
) -> dict[str, tuple[PlayerType, ...]]:
    """The ``types:`` section, read with ``reader`` (a ``Reader``) for located errors."""
    path: KeyPath = ("types",)
    spec = reader.mapping(value, path, "types")
    ids = [p.id for p in players]
    out: dict[str, tuple[PlayerType, ...]] = {}
    for pid, entries in spec.items():
        ppath: KeyPath = ("types", pid)
        if pid not in ids:
            raise reader.error(
                f"types for unknown player {pid!r}{did_you_mean(str(pid), ids)}; the players "
                f"are {', '.join(ids)}",
                ppath,
                at_key=True,
            )
        entries = reader.mapping(entries, ppath, f"the types of {pid}")
        if not entries:
            raise reader.error(f"{pid} has no types", ppath, at_key=True)
        types = []
        for name, body in entries.items():
            tpath: KeyPath = (*ppath, name)
            label = reader.label(name, tpath, "a type name")
            body = reader.mapping(body, tpath, f"type {label!r}")
            reader.keys(body, tpath, _TYPE_KEYS, ("prior",), f"type {label!r}")
            prior = reader.expression(body["prior"], (*tpath, "prior"), "a prior", names)
            payoffs: dict[tuple[str, ...], tuple[Expression, ...]] = {}
            if body.get("payoffs") is not None:
                payoffs = _type_payoffs(reader, body["payoffs"], (*tpath, "payoffs"), players,
                                        names)
            types.append(PlayerType(label, prior, payoffs))
        out[pid] = tuple(types)
    check_priors(out, names, lambda m, p: reader.error(m, p, at_key=len(p) == 2))
    return out


def _type_payoffs(
    reader: Reader, value: object, path: KeyPath, players: Sequence[Player],
    names: Mapping[str, Number],
) -> dict[tuple[str, ...], tuple[Expression, ...]]:
    spec = reader.mapping(value, path, "a type's payoffs")
    n = len(players)
    order = ", ".join(p.id for p in players)
    out: dict[tuple[str, ...], tuple[Expression, ...]] = {}
    for key, vector in spec.items():
        kpath: KeyPath = (*path, key)
        labels = read_profile(reader, key, kpath, players)
        if labels in out:
            raise reader.error(f"the profile ({', '.join(labels)}) is given twice", kpath,
                               at_key=True)
        items = reader.sequence(vector, kpath, f"the payoffs of ({', '.join(labels)})")
        if len(items) != n:
            raise reader.error(
                f"the profile ({', '.join(labels)}) has {len(items)} payoff(s); a type's "
                f"payoffs are full vectors, one per player ({order})",
                kpath,
            )
        out[labels] = tuple(
            reader.expression(v, (*kpath, i), "a payoff", names) for i, v in enumerate(items)
        )
    return out


def read_signalling(
    reader: Reader, value: object, players: Sequence[Player],
    types: Mapping[str, Sequence[PlayerType]], names: Mapping[str, Number],
) -> Signalling:
    """The ``signalling:`` section: sender, receiver, signals, each type's costs and how the
    stage game follows the signal (``stage``: ``sequential`` or ``simultaneous``)."""
    path: KeyPath = ("signalling",)
    spec = reader.mapping(value, path, "signalling")
    reader.keys(spec, path, _SIGNALLING_KEYS, ("sender", "receiver", "signals"), "signalling")
    ids = [p.id for p in players]
    roles = {}
    for role in ("sender", "receiver"):
        pid = reader.text(spec[role], (*path, role), role)
        if pid not in ids:
            raise reader.error(
                f"the {role} {pid!r} is not a player{did_you_mean(pid, ids)}; the players are "
                f"{', '.join(ids)}",
                (*path, role),
            )
        roles[role] = pid
    sender, receiver = roles["sender"], roles["receiver"]
    if len(ids) != 2 or sender == receiver:
        raise reader.error("a signalling game has two players: the sender and the receiver",
                           (*path, "receiver"))
    if len(types.get(sender, ())) < 2:
        raise reader.error(
            f"the sender {sender} needs two or more types (give them under types:)",
            (*path, "sender"),
        )
    if len(types.get(receiver, ())) > 1:
        raise reader.error(
            f"the receiver {receiver} has one type (it is the one who is uncertain)",
            (*path, "receiver"),
        )
    raw = reader.sequence(spec["signals"], (*path, "signals"), "signals")
    signals = tuple(reader.label(s, (*path, "signals", k), "a signal") for k, s in enumerate(raw))
    if len(signals) < 2 or len(set(signals)) != len(signals):
        raise reader.error("signals are two or more distinct names", (*path, "signals"))
    type_names = [t.name for t in types[sender]]
    cost: dict[str, dict[str, Expression]] = {}
    if spec.get("cost") is not None:
        cpath: KeyPath = (*path, "cost")
        for t, row in reader.mapping(spec["cost"], cpath, "cost").items():
            if t not in type_names:
                raise reader.error(
                    f"cost for unknown type {t!r} of {sender}{did_you_mean(str(t), type_names)}; "
                    f"its types are {', '.join(type_names)}",
                    (*cpath, t),
                    at_key=True,
                )
            row = reader.mapping(row, (*cpath, t), f"the costs of {t}")
            cost[t] = {}
            for s, c in row.items():
                if s not in signals:
                    raise reader.error(
                        f"unknown signal {s!r}{did_you_mean(str(s), signals)}; the signals are "
                        f"{', '.join(signals)}",
                        (*cpath, t, s),
                        at_key=True,
                    )
                cost[t][s] = reader.expression(c, (*cpath, t, s), "a cost", names)
    stage = "sequential"
    if spec.get("stage") is not None:
        stage = _one_of(reader, spec["stage"], (*path, "stage"), "the stage", SIGNAL_STAGES)
    return Signalling(sender, receiver, signals, cost, stage)


def _one_of(reader: Reader, value: object, path: KeyPath, what: str, allowed: Sequence[str]) -> str:
    text = reader.text(value, path, what)
    if text not in allowed:
        raise reader.error(
            f"{what} {text!r} is not one of {', '.join(allowed)}{did_you_mean(text, allowed)}",
            path,
        )
    return text


def read_beliefs(
    reader: Reader, value: object, players: Sequence[Player],
    types: Mapping[str, Sequence[PlayerType]],
) -> BeliefSpec:
    """The ``beliefs:`` section: who learns about whose type, and by which update rule.

    >>> from gametrust.formats.load import loads
    >>> s = loads('''
    ... gametrust: 1
    ... title: t
    ... players:
    ...   A: {actions: [x, y]}
    ...   B: {actions: [x, y]}
    ... payoffs: {"x, x": [1, 1], "x, y": [0, 0], "y, x": [0, 0], "y, y": [1, 1]}
    ... types:
    ...   B: {friend: {prior: 1/3}, foe: {prior: 2/3, payoffs: {"x, x": [1, 0]}}}
    ... beliefs: {observer: A, about: B, trusted: friend, cooperative: [x], rule: bad_faith}
    ... ''')
    >>> s.beliefs.rule, s.beliefs.cooperative, s.beliefs.rounds
    ('bad_faith', ('x',), 3)
    """
    path: KeyPath = ("beliefs",)
    spec = reader.mapping(value, path, "beliefs")
    reader.keys(spec, path, _BELIEF_KEYS, ("observer", "about", "trusted", "cooperative"),
                "beliefs")
    by_id = {p.id: p for p in players}
    ids = list(by_id)
    observer = _one_of(reader, spec["observer"], (*path, "observer"), "the observer", ids)
    about = _one_of(reader, spec["about"], (*path, "about"), "the observed player", ids)
    if about == observer:
        raise reader.error("the observer learns about another player", (*path, "about"))
    if len(ids) != 2:
        raise reader.error("beliefs: are for two-player games", path, at_key=True)
    if len(types.get(about, ())) < 2:
        raise reader.error(f"{about} needs two or more types (give them under types:)",
                           (*path, "about"))
    type_names = [t.name for t in types[about]]
    trusted = _one_of(reader, spec["trusted"], (*path, "trusted"), f"the type of {about}",
                      type_names)
    raw = spec["cooperative"]
    if isinstance(raw, str):
        raw = [raw]
    items = reader.sequence(raw, (*path, "cooperative"), "cooperative")
    actions = list(by_id[about].actions)
    cooperative = tuple(
        _one_of(reader, a, (*path, "cooperative", k), f"the action of {about}", actions)
        for k, a in enumerate(items)
    )
    if not cooperative or len(set(cooperative)) == len(actions):
        raise reader.error(
            f"cooperative names some but not all of {about}'s actions ({', '.join(actions)})",
            (*path, "cooperative"),
        )
    reply = None
    if spec.get("cooperative_reply") is not None:
        reply = _one_of(reader, spec["cooperative_reply"], (*path, "cooperative_reply"),
                        f"the action of {observer}", list(by_id[observer].actions))
    rule = "bayes"
    if spec.get("rule") is not None:
        rule = _one_of(reader, spec["rule"], (*path, "rule"), "the update rule", BELIEF_RULES)
    rounds = 3
    if spec.get("rounds") is not None:
        r = spec["rounds"]
        if not isinstance(r, int) or isinstance(r, bool) or not 1 <= r <= 50:
            raise reader.error("rounds is a whole number from 1 to 50", (*path, "rounds"))
        rounds = r
    return BeliefSpec(observer, about, trusted, cooperative, rule, rounds, reply)
