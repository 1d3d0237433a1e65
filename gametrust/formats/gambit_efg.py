"""Gambit extensive-form files (``.efg``): read and write game trees.

Reading is here; writing (:func:`write_efg`) is in
:mod:`gametrust.formats.gambit_efg_write` and comparing trees
(:func:`tree_difference`, :func:`trees_equivalent`) in
:mod:`gametrust.formats.tree_compare`, both also importable from here.

An ``.efg`` file is a header and then the tree's nodes in pre-order (a node,
then each of its children's subtrees in move order)::

    EFG 2 R "Entry deterrence" { "Entrant" "Incumbent" }
    "an optional comment"
    p "" 1 1 "entry" { "Out" "In" } 0
    t "" 1 "stay out" { 1, 4 }
    p "" 2 1 "response" { "Fight" "Share" } 0
    t "" 2 "war" { -1, -1 }
    t "" 3 "peace" { 2, 2 }

``p "node" player infoset "infoset" { "action" ... } outcome``
    a decision of player ``player`` (1-based) at its information set number
    ``infoset`` (numbers are per player);
``c "node" infoset "infoset" { "action" probability ... } outcome``
    a chance node (chance information sets are numbered apart);
``t "node" outcome``
    a terminal node.

An outcome is ``number "name" { payoff payoff ... }`` (commas optional) or just
its ``number`` when the file has defined it before; ``0`` is the null outcome
(no payoffs).  The name and actions of an information set may likewise be
left out when it is met again, and when they are repeated they must agree.
Outcomes may sit on any node: a player's payoff at the end of a play is the sum
of the outcomes met along it (Gambit's *incremental* payoffs), so the tree
read here has the sum at each terminal.

Numbers are exact whether the header says ``R`` or ``D``: ``0.1`` is 1/10 and
``1/3`` is 1/3, and the probabilities at a chance node must sum to exactly 1.

How the :class:`~gametrust.model.tree.GameTree` is named: players, actions and
chance moves keep their Gambit labels, made unique and non-empty as Gambit
16.7 does (``""`` becomes ``_1``); each node keeps its node label (a terminal
with no label takes its outcome's name); an information set is called by its
Gambit name when that is non-empty and used by no other set, and
``"<player>:<number>"`` otherwise.  Chance information sets are not kept: each
chance node carries its own probabilities.

>>> tree = parse_efg('''
... EFG 2 R "Entry" { "Entrant" "Incumbent" }
... p "" 1 1 "" { "Out" "In" } 0
... t "" 1 "stay out" { 1, 4 }
... p "" 2 1 "" { "Fight" "Share" } 0
... t "" 2 "" { -1, -1 }
... t "" 3 "" { 2, 2 }
... ''')
>>> print(tree.render())
Entrant moves (information set Entrant:1)
  Out -> Entrant 1, Incumbent 4
  In Incumbent moves (information set Incumbent:1)
    Fight -> Entrant -1, Incumbent -1
    Share -> Entrant 2, Incumbent 2
>>> trees_equivalent(parse_efg(write_efg(tree)), tree)
True

Malformed input raises :class:`~gametrust.core.errors.GambitFormatError` located
at the file, line and column of the problem:

>>> try:
...     parse_efg('EFG 2 R "" { "A" }\\nc "" 1 "" { "x" 1/2 "y" 1/3 } 0', file="bad.efg")
... except GambitFormatError as err:
...     print(err)
bad.efg:2:11: the chance probabilities sum to 5/6, not 1
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from os import PathLike

from ..core.errors import ArgumentError, GambitFormatError, InputError, Location
from ..model.tree import Chance, Decision, GameTree, Node, Terminal
from ..scenario.expression import constant
from ..scenario.scenario import Scenario
from .gambit_efg_write import write_efg
from .gambit_text import Token, TokenStream, count, describe, read_text, unique_labels
from .tree_compare import tree_difference, trees_equivalent

__all__ = [
    "parse_efg",
    "read_efg",
    "read_efg_scenario",
    "tree_difference",
    "trees_equivalent",
    "write_efg",
]


# -- reading --------------------------------------------------------------------------------------


@dataclass
class _Raw:
    """A node as read, before the tree is assembled (children filled in pre-order)."""

    kind: str  # "p" | "c" | "t"
    label: str
    token: Token
    player: int = -1  # 0-based, for "p"
    infoset: tuple[int, int] = (0, 0)  # (1-based player, number), for "p"
    actions: tuple[str, ...] = ()
    probabilities: tuple[Fraction, ...] = ()
    payoffs: tuple[Fraction, ...] = ()  # accumulated outcomes (for "t": the play's payoffs)
    children: list[_Raw] = field(default_factory=list)


@dataclass
class _InfosetRecord:
    label: str
    raw_actions: tuple[str, ...]
    actions: tuple[str, ...]
    probabilities: tuple[Fraction, ...] = ()


class _Parser(TokenStream):
    def __init__(self, text: str, file: str) -> None:
        super().__init__(text, file)
        self.n_players = 0
        self.outcomes: dict[int, tuple[str, tuple[Fraction, ...]]] = {}
        self.infosets: dict[tuple[int, int], _InfosetRecord] = {}  # (player, number); 0: chance
        self.infoset_order: list[tuple[int, int]] = []

    # -- small pieces -----------------------------------------------------------------------------

    def integer(self, what: str, minimum: int) -> tuple[int, Token]:
        token = self.token
        if token.kind != "number":
            raise self.error(f"expected {what}, found {describe(token)}")
        value = token.value
        if value is None or value.denominator != 1 or value < minimum:
            adjective = "positive" if minimum == 1 else "non-negative"
            raise self.error(f"{what} must be a {adjective} integer, found {token.text!r}")
        self.take()
        return int(value), token

    def header(self) -> tuple[str, list[str], str]:
        title, players = self.preamble("EFG", "2", "extensive-form")
        comment = self.take().text if self.token.kind == "text" else ""  # optional
        return title, players, comment

    def payoff_list(self, number: int) -> tuple[Fraction, ...]:
        brace = self.expect("{", f"'{{' opening the payoffs of outcome {number}")
        payoffs: list[Fraction] = []
        while self.token.kind == "number":
            value = self.take().value
            assert value is not None
            payoffs.append(value)
            if self.token.kind == ",":
                self.take()
        if self.token.kind != "}":
            raise self.error(
                f"expected a payoff or '}}' in outcome {number}, found {describe(self.token)}"
            )
        if len(payoffs) != self.n_players:
            raise self.error(
                f"outcome {number} has {count(len(payoffs), 'payoff')} for "
                f"{count(self.n_players, 'player')}",
                brace,
            )
        self.take()
        return tuple(payoffs)

    def outcome(self) -> tuple[str, tuple[Fraction, ...]] | None:
        """The name and payoffs of the node's outcome (``None`` for the null outcome)."""
        number, token = self.integer("an outcome number", 0)
        if self.token.kind == "text":
            if number == 0:
                raise self.error("the null outcome 0 cannot have a name or payoffs", token)
            name = self.take().text
            payoffs = self.payoff_list(number)
            if number in self.outcomes:
                known = self.outcomes[number]
                if known != (name, payoffs):
                    raise self.error(
                        f"outcome {number} is defined again differently: first "
                        f"{_show_outcome(*known)}, here {_show_outcome(name, payoffs)}",
                        token,
                    )
            else:
                self.outcomes[number] = (name, payoffs)
            return name, payoffs
        if number == 0:
            return None
        if number not in self.outcomes:
            raise self.error(
                f"outcome {number} is used before it is defined (give its name and payoffs)",
                token,
            )
        return self.outcomes[number]

    def moves(self, chance: bool) -> tuple[tuple[str, ...], tuple[Fraction, ...], Token]:
        brace = self.expect("{", "'{' opening the list of actions")
        labels: list[str] = []
        probabilities: list[Fraction] = []
        while self.token.kind == "text":
            labels.append(self.take().text)
            if chance:
                token = self.token
                if token.kind != "number":
                    raise self.error(
                        f"expected the probability of chance move {labels[-1]!r}, "
                        f"found {describe(token)}"
                    )
                value = self.take().value
                assert value is not None
                if value < 0:
                    raise self.error(f"negative probability {token.text}", token)
                probabilities.append(value)
        if self.token.kind != "}":
            what = "a quoted action name and its probability" if chance else "a quoted action name"
            raise self.error(f"expected {what} or '}}', found {describe(self.token)}")
        if not labels:
            raise self.error("an information set needs at least one action", brace)
        self.take()
        if chance and sum(probabilities) != 1:
            raise self.error(
                f"the chance probabilities sum to {sum(probabilities)}, not 1", brace
            )
        return tuple(labels), tuple(probabilities), brace

    def infoset(self, key: tuple[int, int], who: str, chance: bool) -> _InfosetRecord:
        """The information set's definition, read or restated here, or recalled."""
        number = key[1]
        if self.token.kind == "text":
            label_token = self.take()
            raw, probabilities, brace = self.moves(chance)
            known = self.infosets.get(key)
            if known is None:
                record = _InfosetRecord(
                    label_token.text, raw, tuple(unique_labels(raw)), probabilities
                )
                self.infosets[key] = record
                self.infoset_order.append(key)
                return record
            if known.label != label_token.text:
                raise self.error(
                    f"information set {number} of {who} is named {known.label!r} before "
                    f"but {label_token.text!r} here",
                    label_token,
                )
            if tuple(unique_labels(raw)) != known.actions:
                raise self.error(
                    f"information set {number} of {who} has actions {list(known.raw_actions)} "
                    f"before but {list(raw)} here",
                    brace,
                )
            if probabilities != known.probabilities:
                raise self.error(
                    f"chance information set {number} has probabilities "
                    f"{_show_numbers(known.probabilities)} before but "
                    f"{_show_numbers(probabilities)} here",
                    brace,
                )
            return known
        known = self.infosets.get(key)
        if known is None:
            raise self.error(
                f"information set {number} of {who} is used before it is defined "
                f"(give its name and actions)"
            )
        return known

    # -- nodes --------------------------------------------------------------------------------

    def node(self, players: Sequence[str]) -> _Raw:
        """One node entry (its children follow it in the file)."""
        head = self.token
        if head.kind != "symbol" or head.text not in ("p", "c", "t"):
            raise self.error(
                f"expected a node: 'p' (a player), 'c' (chance) or 't' (terminal), "
                f"found {describe(head)}"
            )
        self.take()
        label = self.expect("text", "the node's name (a quoted string)").text
        if head.text == "t":
            raw = _Raw("t", label, head)
        elif head.text == "c":
            number, _ = self.integer("a chance information set number", 1)
            record = self.infoset((0, number), "chance", chance=True)
            raw = _Raw("c", label, head, actions=record.actions,
                       probabilities=record.probabilities)
        else:
            player, token = self.integer("a player number", 1)
            if player > len(players):
                raise self.error(
                    f"no player {player}: the game has {count(len(players), 'player')}", token
                )
            number, _ = self.integer("an information set number", 1)
            record = self.infoset((player, number), f"player {player}", chance=False)
            raw = _Raw("p", label, head, player=player - 1, infoset=(player, number),
                       actions=record.actions)
        outcome = self.outcome()
        if outcome is None:
            raw.payoffs = (Fraction(0),) * len(players)
        else:
            name, raw.payoffs = outcome
            if raw.kind == "t" and not raw.label:
                raw.label = name
        return raw

    def tree(self) -> tuple[GameTree, str]:
        title, raw_players, comment = self.header()
        players = unique_labels(raw_players)
        self.n_players = len(players)
        root = self.node(players)
        stack: list[_Raw] = []
        current = root
        while True:
            if current.kind != "t":
                stack.append(current)
            while stack and len(stack[-1].children) == len(stack[-1].actions):
                stack.pop()
            if not stack:
                break
            parent = stack[-1]
            if self.token.kind == "eof":
                raise self.error(
                    f"the file ends before the tree is complete: the node at line "
                    f"{parent.token.line} has {count(len(parent.actions), 'action')} but only "
                    f"{count(len(parent.children), 'child node')}"
                )
            current = self.node(players)
            # Gambit's payoffs are incremental: add everything met on the way down
            current.payoffs = tuple(
                a + b for a, b in zip(parent.payoffs, current.payoffs, strict=True)
            )
            parent.children.append(current)
        if self.token.kind != "eof":
            raise self.error(
                f"expected the end of the file after the last node of the tree, "
                f"found {describe(self.token)}"
            )
        names = self._infoset_names(players)
        try:
            tree = GameTree(tuple(players), _assemble(root, names), title)
        except ArgumentError as err:  # pragma: no cover - the parser checks what GameTree does
            raise GambitFormatError(err.message, Location(file=self.file)) from None
        return tree, comment

    def _infoset_names(self, players: Sequence[str]) -> dict[tuple[int, int], str]:
        """Each player information set's id: its Gambit name if unique, else ``player:number``."""
        personal = [key for key in self.infoset_order if key[0] != 0]
        uses: dict[str, int] = {}
        for key in personal:
            label = self.infosets[key].label
            uses[label] = uses.get(label, 0) + 1
        names: dict[tuple[int, int], str] = {}
        for key in personal:
            label = self.infosets[key].label
            if label and uses[label] == 1:
                names[key] = label
        used = set(names.values())
        for key in personal:
            if key in names:
                continue
            base = f"{players[key[0] - 1]}:{key[1]}"
            name, k = base, 1
            while name in used:
                k += 1
                name = f"{base}#{k}"
            used.add(name)
            names[key] = name
        return names


def _assemble(root: _Raw, names: dict[tuple[int, int], str]) -> Node:
    """Build the immutable nodes bottom-up, without recursion (trees may be deep)."""
    order: list[_Raw] = []
    stack = [root]
    while stack:
        raw = stack.pop()
        order.append(raw)
        stack.extend(raw.children)
    built: dict[int, Node] = {}
    for raw in reversed(order):  # children before parents
        children = [built.pop(id(c)) for c in raw.children]
        node: Node
        if raw.kind == "t":
            node = Terminal(raw.payoffs, raw.label)
        elif raw.kind == "c":
            node = Chance(
                tuple(zip(raw.actions, raw.probabilities, children, strict=True)), raw.label
            )
        else:
            node = Decision(
                raw.player, tuple(zip(raw.actions, children, strict=True)),
                names[raw.infoset], raw.label,
            )
        built[id(raw)] = node
    return built[id(root)]


def _show_numbers(values: Sequence[Fraction]) -> str:
    return "{" + " ".join(str(v) for v in values) + "}"


def _show_outcome(name: str, payoffs: Sequence[Fraction]) -> str:
    return f"{name!r} {_show_numbers(payoffs)}"


def parse_efg(text: str, file: str = "<string>") -> GameTree:
    """The exact game tree described by Gambit ``.efg`` text; ``file`` names it in errors.

    >>> t = parse_efg('EFG 2 D "" { "A" "B" } c "" 1 "" { "h" 0.5 "t" 1/2 } 1 "fee" { -1 0 }'
    ...               ' t "" 2 "win" { 2.5, 1 } t "" 0')
    >>> [(path, node.payoffs) for path, node in t.nodes() if not path == ()]
    [(('h',), (Fraction(3, 2), Fraction(1, 1))), (('t',), (Fraction(-1, 1), Fraction(0, 1)))]
    """
    return _Parser(text, file).tree()[0]


def _read(path: str | PathLike[str]) -> tuple[GameTree, str]:
    return _Parser(read_text(path), str(path)).tree()


def read_efg(path: str | PathLike[str]) -> GameTree:
    """The game tree in a Gambit ``.efg`` file (UTF-8, or Latin-1 if not valid UTF-8).

    An unreadable or malformed file raises :class:`~gametrust.core.errors.GambitFormatError`.
    """
    return _read(path)[0]


def read_efg_scenario(path: str | PathLike[str]) -> Scenario:
    """A Gambit ``.efg`` file as a tree :class:`~gametrust.scenario.Scenario`.

    The scenario has the file's title, its comment as description, the tree
    (constant payoffs and probabilities) as ``stage_tree``, no parameters and
    zero empathy, so :meth:`~gametrust.scenario.Scenario.build_tree` gives back
    the tree :func:`read_efg` reads.  Player ids are Gambit's player labels.
    What a scenario needs beyond a readable file — perfect recall — raises
    :class:`~gametrust.core.errors.GambitFormatError` naming the file; a player
    who never moves (a bystander with payoffs, or the only player of a tree of
    chance moves) is kept, with no actions.
    """
    tree, comment = _read(path)
    stage = tree.map_values(lambda vector: tuple(constant(v) for v in vector), constant)
    try:
        return Scenario(
            title=tree.title,
            description=comment,
            players=tree.players,
            stage_tree=stage,
            path=str(path),
        )
    except InputError as err:
        # the key path names a YAML tree (tree.moves...), not a place in this file
        raise GambitFormatError(err.message, Location(file=str(path))) from None
