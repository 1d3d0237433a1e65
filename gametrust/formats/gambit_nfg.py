"""Gambit strategic-form files (``.nfg``): read and write.

Gambit's ``.nfg`` format comes in two versions, both read here:

*payoff version* — players, strategy *counts*, then one payoff per player for
every pure profile, the first player's strategy changing fastest::

    NFG 1 R "Prisoner's Dilemma" { "Row" "Col" } { 2 2 }
    3 3  5 0  0 5  1 1

*outcome version* — strategy *names*, a list of outcomes (a name and one payoff
per player, commas optional) and then, for every profile in the same order, the
1-based index of its outcome (``0`` is the null outcome: every payoff zero)::

    NFG 1 R "PD" { "Row" "Col" }
    { { "C" "D" } { "C" "D" } }
    ""
    { { "both cooperate" 3, 3 } { "sucker" 0, 5 } { "temptation" 5, 0 } { "both defect" 1, 1 } }
    1 3 2 4

Payoffs are exact: ``1.5`` is 3/2 and ``3/2`` is 3/2 whether the header says
``R`` (rational) or ``D`` (decimal).  When the payoff version gives only counts,
strategies are labelled ``1``, ``2``, ... as Gambit does.  Empty or repeated
player and strategy labels get Gambit's ``_1``, ``_2`` suffixes (``""`` becomes
``_1``, a second ``"x"`` becomes ``x_2``), so that ids are unique and non-empty.

Inside a quoted label, ``\\"`` is a quote and ``\\\\`` a backslash; any other
backslash is kept as it is.

>>> game = parse_nfg('NFG 1 R "PD" { "Row" "Col" } { 2 2 } 3 3 5 0 0 5 1 1')
>>> game.players, game.actions
(('Row', 'Col'), (('1', '2'), ('1', '2')))
>>> game.payoff(("2", "1"))
(Fraction(5, 1), Fraction(0, 1))
>>> parse_nfg(write_nfg(game)) == game
True

Malformed input raises :class:`~gametrust.core.errors.GambitFormatError` whose
``location`` gives the file, line and column:

>>> try:
...     parse_nfg('NFG 1 R "x" { "A" "B" } { 2 2 } 1 2 3', file="x.nfg")
... except GambitFormatError as err:
...     (err.location.file, err.location.line, err.location.column)
('x.nfg', 1, 38)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction
from itertools import product
from math import prod
from os import PathLike

import numpy as np

from ..core.errors import GambitFormatError, Location  # noqa: F401 - the doctests use it
from ..core.limits import check, shape_name
from ..model.game import NormalFormGame
from ..scenario.expression import constant
from ..scenario.parts import Player
from ..scenario.scenario import Scenario
from .gambit_text import (
    TokenStream,
    count,
    describe,
    gambit_number,
    quote,
    read_text,
    unique_labels,
)

__all__ = ["parse_nfg", "read_nfg", "read_nfg_game", "write_nfg"]


class _Parser(TokenStream):
    # -- header -----------------------------------------------------------------------------

    def header(self) -> tuple[str, list[str], list[list[str]], str]:
        title, players = self.preamble("NFG", "1", "strategic-form")
        strategies = self.strategies(len(players))
        comment = self.take().text if self.token.kind == "text" else ""  # optional
        return title, players, strategies, comment

    def strategies(self, n_players: int) -> list[list[str]]:
        opening = self.expect("{", "'{' opening the strategy counts or names")
        out: list[list[str]] = []
        if self.token.kind == "{":
            while self.token.kind == "{":
                brace = self.take()
                names: list[str] = []
                while self.token.kind == "text":
                    names.append(self.take().text)
                self.expect("}", "a quoted strategy name or '}'")
                if not names:
                    raise self.error(f"player {len(out) + 1} has no strategies", brace)
                out.append(names)
        else:
            while self.token.kind == "number":
                token = self.take()
                count = token.value
                if count is None or count.denominator != 1 or count < 1:
                    raise self.error(
                        f"a strategy count must be a positive integer, found {token.text!r}",
                        token,
                    )
                if count > len(self.lexer.text):  # no file this short holds its payoffs
                    raise self.error(f"strategy count {token.text} is too large", token)
                check("actions", int(count), f"player {len(out) + 1}",
                      Location(file=self.lexer.file, line=token.line, column=token.column))
                out.append([str(k + 1) for k in range(int(count))])
        closing = self.expect("}", "'}' closing the strategy list")
        if len(out) != n_players:
            raise self.error(
                f"{n_players} players but strategies for {len(out)}",
                closing if len(out) > n_players else opening,
            )
        return out

    # -- body -------------------------------------------------------------------------------

    def payoff_body(self, n_players: int, n_profiles: int) -> list[list[Fraction]]:
        needed = n_players * n_profiles
        values: list[Fraction] = []
        while self.token.kind == "number" and len(values) < needed:
            value = self.take().value
            assert value is not None
            values.append(value)
        if len(values) < needed:
            if self.token.kind == "eof":
                raise self.error(
                    f"expected {needed} payoffs ({count(n_players, 'player')} x "
                    f"{count(n_profiles, 'profile')}), found {len(values)}"
                )
            raise self.error(f"expected a payoff number, found {describe(self.token)}")
        if self.token.kind == "number":
            raise self.error(
                f"more payoffs than the {needed} expected "
                f"({count(n_players, 'player')} x {count(n_profiles, 'profile')})"
            )
        if self.token.kind != "eof":
            raise self.error(
                f"expected the end of the file after the {needed} payoffs, "
                f"found {describe(self.token)}"
            )
        return [values[k * n_players : (k + 1) * n_players] for k in range(n_profiles)]

    def outcome(self, n_players: int, number: int) -> list[Fraction]:
        brace = self.expect("{", "'{' opening an outcome or '}'")
        if self.token.kind == "text":
            self.take()
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
        if len(payoffs) != n_players:
            raise self.error(
                f"outcome {number} has {count(len(payoffs), 'payoff')} for "
                f"{count(n_players, 'player')}",
                brace,
            )
        self.take()
        return payoffs

    def outcome_body(self, n_players: int, n_profiles: int) -> list[list[Fraction]]:
        self.expect("{", "'{' opening the outcome list")
        outcomes: list[list[Fraction]] = [[Fraction(0)] * n_players]  # index 0: null outcome
        while self.token.kind == "{":
            outcomes.append(self.outcome(n_players, len(outcomes)))
        self.expect("}", "'{' opening an outcome or '}' closing the outcome list")
        rows: list[list[Fraction]] = []
        while len(rows) < n_profiles:
            token = self.token
            if token.kind == "eof":
                raise self.error(
                    f"expected {n_profiles} outcome indices (one per profile), found {len(rows)}"
                )
            if token.kind != "number":
                raise self.error(f"expected an outcome index, found {describe(token)}")
            value = token.value
            if value is None or value.denominator != 1 or not 0 <= value < len(outcomes):
                raise self.error(
                    f"outcome index {token.text} is out of range: the file defines "
                    f"outcomes 1..{len(outcomes) - 1} (0 is the null outcome)"
                )
            rows.append(outcomes[int(value)])
            self.take()
        if self.token.kind == "number":
            raise self.error(f"more outcome indices than the {n_profiles} profiles")
        if self.token.kind != "eof":
            raise self.error(
                f"expected the end of the file after the {n_profiles} outcome indices, "
                f"found {describe(self.token)}"
            )
        return rows

    def game(self) -> tuple[NormalFormGame, str]:
        """The game and the file's comment."""
        start = self.token
        title, players, strategies, comment = self.header()
        shape = tuple(len(s) for s in strategies)
        n_profiles = prod(shape)
        where = Location(file=self.lexer.file, line=start.line, column=start.column)
        check("players", len(players), "the game", where)
        for player, names in zip(players, strategies, strict=True):
            check("actions", len(names), f"player {player!r}", where)
        check("profiles", n_profiles, shape_name(shape), where)
        if self.token.kind == "{":
            rows = self.outcome_body(len(players), n_profiles)
        elif self.token.kind == "number":
            rows = self.payoff_body(len(players), n_profiles)
        else:
            raise self.error(
                f"expected the outcome list '{{' or payoff numbers, found {describe(self.token)}"
            )
        tensor = np.empty((len(players), *shape), dtype=object)
        for row, profile in zip(rows, _gambit_profiles(shape), strict=True):
            for i, value in enumerate(row):
                tensor[(i, *profile)] = value
        game = NormalFormGame(
            unique_labels(players),
            [unique_labels(names) for names in strategies],
            tensor,
            title=title,
        )
        return game, comment


def _gambit_profiles(shape: Sequence[int]) -> Iterator[tuple[int, ...]]:
    """Pure profiles in Gambit's order: the first player's strategy changes fastest.

    >>> list(_gambit_profiles((2, 2)))
    [(0, 0), (1, 0), (0, 1), (1, 1)]
    """
    for reverse in product(*(range(k) for k in reversed(shape))):
        yield tuple(reversed(reverse))


def parse_nfg(text: str, file: str = "<string>") -> NormalFormGame:
    """The exact game described by Gambit ``.nfg`` text (payoff or outcome version).

    ``file`` names the source in error locations.

    >>> g = parse_nfg('NFG 1 D "" { "A" "B" } { { "x" "y" } { "z" } } '
    ...               '{ { "" 1.5 -2 } { "" 3/2, 0 } } 1 0')
    >>> g.payoff(("x", "z")), g.payoff(("y", "z"))
    ((Fraction(3, 2), Fraction(-2, 1)), (Fraction(0, 1), Fraction(0, 1)))
    """
    return _Parser(text, file).game()[0]


def _read(path: str | PathLike[str]) -> tuple[NormalFormGame, str]:
    return _Parser(read_text(path), str(path)).game()


def read_nfg_game(path: str | PathLike[str]) -> NormalFormGame:
    """The game in a Gambit ``.nfg`` file (UTF-8, or Latin-1 if not valid UTF-8)."""
    return _read(path)[0]


def read_nfg(path: str | PathLike[str]) -> Scenario:
    """A Gambit ``.nfg`` file as a :class:`~gametrust.scenario.Scenario`.

    The scenario has the file's title, its comment as description, constant
    payoffs, no parameters and zero empathy, so it solves exactly like the YAML
    scenario of the same game.  Player ids are Gambit's player labels (made
    unique and non-empty); strategy labels become action labels.
    """
    game, comment = _read(path)
    payoffs = {
        tuple(game.actions[i][k] for i, k in enumerate(index)): tuple(
            constant(game.payoffs[(i, *index)]) for i in range(game.n_players)
        )
        for index in game.profiles()
    }
    return Scenario(
        title=game.title,
        description=comment,
        players=tuple(
            Player(pid, pid, acts) for pid, acts in zip(game.players, game.actions, strict=True)
        ),
        payoffs=payoffs,
        path=str(path),
    )


def write_nfg(game: NormalFormGame, title: str | None = None) -> str:
    """The game as Gambit ``.nfg`` text, outcome version (action labels kept).

    Exact payoffs are written as ``p/q``; float payoffs as decimals at full
    (``repr``) precision.  ``title`` defaults to the game's own title.

    >>> g = NormalFormGame.from_arrays([["1/2", 0]], [[1, 2]], players=["A", "B"],
    ...                                actions=[["x"], ["l", "r"]])
    >>> print(write_nfg(g, title="demo"))
    NFG 1 R "demo" { "A" "B" }
    <BLANKLINE>
    { { "x" }
    { "l" "r" }
    }
    ""
    <BLANKLINE>
    {
    { "" 1/2, 1 }
    { "" 0, 2 }
    }
    1 2
    <BLANKLINE>
    """
    kind = "R" if game.exact else "D"
    heading = game.title if title is None else title
    lines = [f"NFG 1 {kind} {quote(heading)} {{ {' '.join(quote(p) for p in game.players)} }}"]
    lines.append("")
    strategy_lines = ["{ " + " ".join(quote(a) for a in acts) + " }" for acts in game.actions]
    lines.append("{ " + strategy_lines[0])
    lines.extend(strategy_lines[1:])
    lines.append("}")
    lines.append('""')
    lines.append("")
    lines.append("{")
    payoffs = game.payoffs
    profiles = list(_gambit_profiles(game.shape))
    for profile in profiles:
        values = ", ".join(gambit_number(payoffs[(i, *profile)]) for i in range(game.n_players))
        lines.append(f'{{ "" {values} }}')
    lines.append("}")
    lines.append(" ".join(str(k + 1) for k in range(len(profiles))))
    return "\n".join(lines) + "\n"
