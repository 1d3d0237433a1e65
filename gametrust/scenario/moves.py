"""Moves in time on a stage game: commitments, verification and leader/follower order.

A scenario may add moves to its stage game without drawing a tree; this
module expands them into a :class:`~gametrust.model.tree.GameTree` whose values are
payoff :class:`~gametrust.scenario.expression.Expression` objects (the scenario builds
it numerically).  The stage game is either a normal-form game (simultaneous
by default) or a tree written in the file.

``order`` (normal-form stage, every player once)
    the players move one after the other, each seeing every earlier move.
``verification`` (normal-form stage, two players)
    the *target* moves first, unseen; chance sends the *verifier* a signal,
    ``alarm`` with probability ``detection`` after a violation and
    ``false_alarm`` otherwise; the verifier sees only the signal (one
    information set per signal) and responds.  An optional ``cost`` is
    subtracted from every payoff of the verifier.
``commitments`` (any stage game)
    before the stage game, each committing player (in the order of its first
    declared commitment, seeing the earlier choices) picks ``no commitment`` or
    one of its commitments, seen by all.  A commitment names moves of its
    player; at every node of that player offering at least one of them, a
    ``hard`` commitment removes the others, a ``bond`` commitment subtracts the
    ``bond`` from the player's payoff (once) on every path where it makes
    another move there.  The up-front ``cost`` is subtracted from the
    player's payoff on every path after committing.

>>> from gametrust.scenario.expression import parse_expression as x
>>> pd = {("C", "C"): (x("3"), x("3")), ("C", "D"): (x("0"), x("5")),
...       ("D", "C"): (x("5"), x("0")), ("D", "D"): (x("1"), x("1"))}
>>> stage = normal_form_tree(("Row", "Col"), (("C", "D"), ("C", "D")), pd)
>>> [(i.id, len(i.paths)) for i in stage.infosets]
[('Row:1', 1), ("not seeing Row's move", 2)]
>>> pledge = Commitment("Row", "pledge", ("C",), cost=x("1/2"))
>>> tree = add_commitments(stage, [pledge])
>>> print(tree.render())
Row moves
  no commitment Row moves
    C Col moves (information set after Row no commitment, not seeing Row's move)
      C -> Row 3, Col 3
      D -> Row 0, Col 5
    D Col moves (information set after Row no commitment, not seeing Row's move)
      C -> Row 5, Col 0
      D -> Row 1, Col 1
  commit: pledge Row moves
    C Col moves (information set after Row commit: pledge, not seeing Row's move)
      C -> Row 3 - (1/2), Col 3
      D -> Row 0 - (1/2), Col 5
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from numbers import Rational
from typing import Any

from ..core.errors import ArgumentError, ExpressionError, Location, did_you_mean, fail
from ..core.limits import ArgumentLimitError, check
from ..model.tree import Chance, Decision, GameTree, Node, Terminal
from .expression import Expression, constant, parse_expression, parse_number_safely

__all__ = [
    "ALARM",
    "BOND",
    "COMMITMENT_KINDS",
    "HARD",
    "NO_ALARM",
    "NO_COMMITMENT",
    "Commitment",
    "Verification",
    "add_commitments",
    "check_moves",
    "commitment_groups",
    "normal_form_tree",
]

#: The kinds of commitment.
HARD = "hard"
BOND = "bond"
COMMITMENT_KINDS = (HARD, BOND)
#: Move labels the expansion writes.
NO_COMMITMENT = "no commitment"
ALARM = "alarm"
NO_ALARM = "no alarm"

_Profile = tuple[str, ...]



def as_expression(value: object, *path: str | int) -> Expression:
    """A number, number text or expression text as an :class:`Expression`."""
    if isinstance(value, Expression):
        return value
    if isinstance(value, str):
        number = parse_number_safely(value)
        if number is not None:
            return constant(number)
        try:
            return parse_expression(value, Location(path=tuple(path)))
        except ExpressionError as exc:
            raise fail(exc.message, *path) from None
    if isinstance(value, bool) or not isinstance(value, int | Rational | float | Decimal):
        raise fail(f"{value!r} is not a number or an expression", *path)
    try:
        return constant(value)  # type: ignore[arg-type]
    except ArgumentError as exc:
        raise fail(exc.message, *path) from None


def _is_zero(expression: Expression) -> bool:
    return expression.is_constant() and expression.evaluate({}) == 0


@dataclass(frozen=True)
class Commitment:
    """A player binding itself to some of its moves before the stage game.

    ``kind`` is ``"hard"`` (other moves become unavailable) or ``"bond"``
    (``bond`` is forfeited on a path where the player makes another move);
    ``cost`` is paid up front.  Numbers and expression text are accepted.

    >>> Commitment("DPRK", "moratorium", ["Freeze"], cost="c").label
    'commit: moratorium'
    """

    player: str
    name: str
    actions: tuple[str, ...]
    kind: str = HARD
    bond: Expression | None = None
    cost: Expression = field(default_factory=lambda: constant(0))

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "actions", tuple(self.actions))
        if self.kind not in COMMITMENT_KINDS:
            raise fail(
                f"unknown kind of commitment {self.kind!r}"
                f"{did_you_mean(str(self.kind), COMMITMENT_KINDS)}; "
                f"choose {' or '.join(COMMITMENT_KINDS)}",
                "kind",
            )
        if self.kind == BOND and self.bond is None:
            raise fail("a bond commitment needs a bond", "bond")
        if self.kind == HARD and self.bond is not None:
            raise fail("a hard commitment has no bond (use kind: bond)", "bond")
        if self.bond is not None:
            set_(self, "bond", as_expression(self.bond, "bond"))
        set_(self, "cost", as_expression(self.cost, "cost"))

    @property
    def label(self) -> str:
        """The move label in the expanded tree."""
        return f"commit: {self.name}"


@dataclass(frozen=True)
class Verification:
    """The verifier sees a noisy signal of the target's move before it responds.

    ``detection`` is P(alarm | a violation), ``false_alarm`` is P(alarm | any
    other move); ``cost`` is subtracted from every payoff of the verifier.

    >>> v = Verification("US", "DPRK", ["Arm"], detection="d", false_alarm=0)
    >>> v.detection, v.false_alarm
    (Expression('d'), Expression('0'))
    """

    verifier: str
    target: str
    violations: tuple[str, ...]
    detection: Expression
    false_alarm: Expression
    cost: Expression = field(default_factory=lambda: constant(0))

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "violations", tuple(self.violations))
        for name in ("detection", "false_alarm", "cost"):
            set_(self, name, as_expression(getattr(self, name), name))

    def alarm_probability(self, action: str) -> Expression:
        """P(alarm | the target plays ``action``)."""
        return self.detection if action in self.violations else self.false_alarm


# -- validation ------------------------------------------------------------------------------


def commitment_groups(
    commitments: Sequence[Commitment],
) -> list[tuple[str, list[Commitment]]]:
    """Commitments grouped by player, in the order of each player's first one."""
    groups: dict[str, list[Commitment]] = {}
    for c in commitments:
        groups.setdefault(c.player, []).append(c)
    return list(groups.items())


def _player_moves(tree: GameTree, player: int) -> list[tuple[str, ...]]:
    return [
        node.actions
        for _, node in tree.nodes()
        if isinstance(node, Decision) and node.player == player
    ]


def check_moves(
    players: Sequence[str],
    stage: GameTree,
    *,
    normal_form: bool,
    commitments: Sequence[Commitment] = (),
    verification: Verification | None = None,
    order: Sequence[str] = (),
    parameters: Mapping[str, Any] | None = None,
) -> None:
    """Check the moves against the stage game; errors name the key path in the file format.

    ``stage`` is the stage game as a tree (for a normal-form stage, its
    simultaneous tree); ``parameters`` are the default values, used to check
    that probabilities lie in [0, 1] and that every name is declared.
    """
    ids = list(players)
    values = dict(parameters or {})
    check("commitments", len(commitments), "the scenario", Location(path=("commitments",)),
          error=ArgumentLimitError)

    def known(expression: Expression, *path: str | int) -> None:
        unknown = sorted(expression.names() - set(values))
        if unknown:
            raise fail(
                f"unknown parameter {unknown[0]!r}{did_you_mean(unknown[0], values)}", *path
            )

    def player_index(pid: str, *path: str | int) -> int:
        if pid not in ids:
            raise fail(
                f"no player {pid!r}{did_you_mean(str(pid), ids)}; the players are "
                f"{', '.join(ids)}",
                *path,
            )
        return ids.index(pid)

    if order and verification is not None:
        raise fail(
            "give either order (the players see each other's moves) or verification "
            "(the verifier sees a signal), not both",
            "order",
        )
    if order:
        if not normal_form:
            raise fail("order is for normal-form stage games; a tree has its own order", "order")
        seen: list[str] = []
        for k, pid in enumerate(order):
            player_index(pid, "order", k)
            if pid in seen:
                raise fail(f"{pid} is in order twice", "order", k)
            seen.append(pid)
        missing = [pid for pid in ids if pid not in seen]
        if missing:
            raise fail(
                f"order must list every player once; missing {', '.join(missing)}", "order"
            )
    if verification is not None:
        v = verification
        if not normal_form:
            raise fail(
                "verification is for normal-form stage games; draw the chance node in the tree",
                "verification",
            )
        if len(ids) != 2:
            raise fail(
                f"verification needs a two-player stage game, this one has {len(ids)} players",
                "verification",
            )
        verifier = player_index(v.verifier, "verification", "verifier")
        target = player_index(v.target, "verification", "target")
        if verifier == target:
            raise fail("the verifier and the target must be different players",
                        "verification", "target")
        actions = _player_moves(stage, target)[0]
        if not v.violations:
            raise fail("violations must name at least one action of the target",
                        "verification", "violations")
        for k, action in enumerate(v.violations):
            if action not in actions:
                raise fail(
                    f"{action!r} is not an action of {v.target}"
                    f"{did_you_mean(str(action), actions)}; its actions are {', '.join(actions)}",
                    "verification", "violations", k,
                )
            if action in v.violations[:k]:
                raise fail(f"{action!r} is listed twice", "verification", "violations", k)
        for name in ("detection", "false_alarm", "cost"):
            known(getattr(v, name), "verification", name)
        for name in ("detection", "false_alarm"):
            probability = getattr(v, name).evaluate(values)
            if not 0 <= probability <= 1:
                raise fail(
                    f"{name.replace('_', ' ')} is a probability, between 0 and 1; "
                    f"it is {probability}",
                    "verification", name,
                )
    for k, c in enumerate(commitments):
        index = player_index(c.player, "commitments", k, "player")
        names_of_player = [d.name for d in commitments[:k] if d.player == c.player]
        if c.name in names_of_player:
            raise fail(f"{c.player} has two commitments named {c.name!r}",
                        "commitments", k, "name")
        if not c.actions:
            raise fail("a commitment names at least one move", "commitments", k, "actions")
        offered = _player_moves(stage, index)
        labels = list(dict.fromkeys(a for node in offered for a in node))
        if not labels:
            raise fail(f"{c.player} has no move in the stage game to commit to",
                        "commitments", k, "player")
        for j, action in enumerate(c.actions):
            if action not in labels:
                raise fail(
                    f"{action!r} is not a move of {c.player}{did_you_mean(str(action), labels)}; "
                    f"its moves are {', '.join(labels)}",
                    "commitments", k, "actions", j,
                )
            if action in c.actions[:j]:
                raise fail(f"{action!r} is listed twice", "commitments", k, "actions", j)
        if all(
            all(a in c.actions for a in node) for node in offered if set(node) & set(c.actions)
        ):
            raise fail(
                f"this commitment leaves {c.player} every move it had; a commitment binds the "
                "player to some of its moves, not all",
                "commitments", k, "actions",
            )
        known(c.cost, "commitments", k, "cost")
        if c.bond is not None:
            known(c.bond, "commitments", k, "bond")


# -- expansion --------------------------------------------------------------------------------


def _unseen(players: Sequence[str], earlier: Sequence[int]) -> str:
    names = [players[i] for i in earlier]
    if len(names) == 1:
        return f"not seeing {names[0]}'s move"
    return f"not seeing the moves of {', '.join(names[:-1])} and {names[-1]}"


def normal_form_tree(
    players: Sequence[str],
    actions: Sequence[Sequence[str]],
    payoffs: Mapping[_Profile, Sequence[Any]],
    *,
    order: Sequence[str] = (),
    verification: Verification | None = None,
    title: str = "",
) -> GameTree:
    """A normal-form stage game as a tree: simultaneous, in ``order``, or with verification.

    Simultaneous play lets the players move in player order, every player
    after the first in one information set (it sees no earlier move), so the
    tree's reduced normal form is the game itself.
    """
    ids = tuple(players)
    n = len(ids)

    def vector(profile: dict[int, str], cost: tuple[int, Expression] | None = None) -> Terminal:
        key = tuple(profile[i] for i in range(n))
        values = list(payoffs[key])
        if cost is not None and not _is_zero(cost[1]):
            values[cost[0]] = values[cost[0]] - cost[1]
        return Terminal(tuple(values))

    if verification is not None:
        v = verification
        target, verifier = ids.index(v.target), ids.index(v.verifier)
        cost = (verifier, v.cost)

        def respond(chosen: dict[int, str], signal: str) -> Decision:
            return Decision(
                verifier,
                tuple(
                    (b, vector({**chosen, verifier: b}, cost)) for b in actions[verifier]
                ),
                f"on {signal}",
            )

        moves = []
        for a in actions[target]:
            p = v.alarm_probability(a)
            chance = Chance(
                (
                    (ALARM, p, respond({target: a}, ALARM)),
                    (NO_ALARM, 1 - p, respond({target: a}, NO_ALARM)),
                )
            )
            moves.append((a, chance))
        return GameTree(ids, Decision(target, tuple(moves)), title)

    sequence = [ids.index(p) for p in order] if order else list(range(n))

    def play(k: int, chosen: dict[int, str]) -> Node:
        if k == n:
            return vector(chosen)
        player = sequence[k]
        infoset = None if (order or k == 0) else _unseen(ids, sequence[:k])
        return Decision(
            player,
            tuple((a, play(k + 1, {**chosen, player: a})) for a in actions[player]),
            infoset,
        )

    return GameTree(ids, play(0, {}), title)


def _committed(
    node: Node, active: dict[int, Commitment], prefix: str, violated: frozenset[int]
) -> Node:
    """The stage subtree under the chosen commitments (``prefix`` renames information sets)."""
    if isinstance(node, Terminal):
        values = list(node.payoffs)
        for player, c in active.items():
            if not _is_zero(c.cost):
                values[player] = values[player] - c.cost
            if player in violated and c.bond is not None:
                values[player] = values[player] - c.bond
        return Terminal(tuple(values), node.label)
    if isinstance(node, Chance):
        return Chance(
            tuple(
                (label, p, _committed(child, active, prefix, violated))
                for label, p, child in node.moves
            ),
            node.label,
        )
    infoset = None if node.infoset is None else f"{prefix}{node.infoset}"
    c = active.get(node.player)
    bound = c is not None and any(a in c.actions for a in node.actions)
    moves = []
    for label, child in node.moves:
        breaks = bound and label not in c.actions  # type: ignore[union-attr]
        if breaks and c.kind == HARD:  # type: ignore[union-attr]
            continue
        after = violated | {node.player} if breaks else violated
        moves.append((label, _committed(child, active, prefix, after)))
    return Decision(node.player, tuple(moves), infoset, node.label)


def add_commitments(stage: GameTree, commitments: Sequence[Commitment]) -> GameTree:
    """The tree in which committing players first choose a commitment, seen by all.

    Information sets the stage game names are renamed per commitment history
    (``"after DPRK commit: moratorium, not seeing US's move"``), so nobody
    confuses what happened before the stage game.
    """
    if not commitments:
        return stage
    ids = stage.players
    groups = commitment_groups(commitments)

    def choose(level: int, chosen: list[tuple[int, str, Commitment | None]]) -> Node:
        if level == len(groups):
            history = ", ".join(f"{ids[p]} {label}" for p, label, _ in chosen)
            active = {p: c for p, _, c in chosen if c is not None}
            return _committed(stage.root, active, f"after {history}, ", frozenset())
        pid, options = groups[level]
        player = ids.index(pid)
        moves: list[tuple[str, Node]] = [
            (NO_COMMITMENT, choose(level + 1, [*chosen, (player, NO_COMMITMENT, None)]))
        ]
        for c in options:
            moves.append((c.label, choose(level + 1, [*chosen, (player, c.label, c)])))
        return Decision(player, tuple(moves))

    return GameTree(ids, choose(0, []), stage.title)
