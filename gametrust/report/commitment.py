"""The leader's optimal mixed commitment in a solve report (scenarios with ``leadership:``).

Renders a :class:`~gametrust.solvers.stackelberg.LeaderCommitment` that the
analysis layer computed and compared with the simultaneous equilibria: the
tie-breaking rule, the commitment, the follower's response, the payoffs and
the value of leadership against each equilibrium listed.  The JSON report
carries the value's own ``to_dict()`` under ``"commitment"``.  A sweep of such a
scenario (:class:`~gametrust.analysis.leadership_sweep.LeadershipSweep`) is the
simultaneous game's sweep followed by the commitment's exact segments
(:func:`render_leadership_sweep`).

>>> from gametrust import NormalFormGame, solve
>>> from gametrust.solvers.stackelberg import leader_commitment
>>> game = NormalFormGame.from_arrays(
...     [[-1, -2], [0, -4]], [[0, -1], [0, 1]], players=["Inspector", "State"],
...     actions=[["Inspect", "Trust"], ["Comply", "Violate"]])
>>> c = leader_commitment(game, "Inspector").compared_with(solve(game))
>>> print("\\n".join(commitment_lines(c)))  # doctest: +NORMALIZE_WHITESPACE
Leadership: Inspector commits to a mixed strategy, State responds
  (strong Stackelberg: State sees the announced strategy, not the action drawn from it,
  and breaks ties between its best responses in Inspector's favour)
  commitment: Inspect 1/2, Trust 1/2
  response:   Comply
  payoffs:    Inspector -1/2, State 0
  value of leadership to Inspector (its commitment payoff minus its payoff in each
  simultaneous equilibrium listed above):
    vs equilibrium 1 (Inspector -4/3): +5/6
"""

from __future__ import annotations

import json
import textwrap
from typing import TYPE_CHECKING

from ..core.errors import ArgumentError, Location
from ..core.exact import format_number
from ..core.text import WIDTH
from .common import mix_text, number_text

if TYPE_CHECKING:
    from ..analysis.leadership_sweep import LeadershipSweep
    from ..solvers.stackelberg import LeaderCommitment

__all__ = ["commitment_lines", "render_leadership_sweep"]


def _signed(value: object) -> str:
    text = number_text(value)
    return text if text.startswith("-") else "+" + text


def commitment_lines(c: LeaderCommitment) -> list[str]:
    """The report's leadership section as plain lines (wrapped to the report width)."""
    leader, follower = c.leader_id, c.follower_id
    game = c.game

    def wrap(text: str, indent: str = "  ", more: str = "  ") -> list[str]:
        return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=more)

    lines = [f"Leadership: {leader} commits to a mixed strategy, {follower} responds"]
    lines += wrap(f"(strong Stackelberg: {follower} sees the announced strategy, not the action "
                  f"drawn from it, and breaks ties between its best responses in {leader}'s "
                  "favour)", more="  ")
    lines += wrap(mix_text(game.actions[c.leader], c.strategy), "  commitment: ", " " * 14)
    lines.append(f"  response:   {c.response_label}")
    pays = ", ".join(f"{p} {number_text(v)}" for p, v in zip(game.players, c.payoffs,
                                                              strict=True))
    lines += wrap(pays, "  payoffs:    ", " " * 14)
    others = [game.actions[c.follower][j] for j in c.responses if j != c.response]
    if others:
        lines += wrap(f"{leader} reaches the same payoff with a commitment {follower} answers "
                      f"by {', '.join(others)}; the first response in {follower}'s action "
                      "order is shown")
    gains = c.gains()
    if gains:
        scope = "listed above" if c.complete else (
            "listed above, which may not be all (the list is not complete)")
        lines += wrap(f"value of leadership to {leader} (its commitment payoff minus its payoff "
                      f"in each simultaneous equilibrium {scope}):")
        for k, simultaneous, gain in gains:
            lines.append(f"    vs equilibrium {k + 1} ({leader} {format_number(simultaneous)}): "
                         f"{_signed(gain)}")
    else:
        lines += wrap("no simultaneous equilibrium is listed to compare with")
    return lines


def render_leadership_sweep(result: LeadershipSweep, format: str = "text", *,
                            file: str | None = None, grid: int | None = None) -> str:
    """A sweep of a ``leadership:`` scenario: the simultaneous game's sweep as every
    normal-form sweep is rendered, then the commitment's exact segments (text, Markdown:
    a section; JSON: a ``commitment`` block).  CSV holds the simultaneous sweep only, so it
    is refused."""
    from .sweep import render as render_normal_form_sweep

    if format == "csv":
        raise ArgumentError(
            "--format csv does not apply to a scenario with leadership: (text, json or "
            "markdown output)",
            Location(path=("--format",)),
        )
    simultaneous = render_normal_form_sweep(result.simultaneous, format, file=file, grid=grid)
    if format == "json":
        data = json.loads(simultaneous)
        data["commitment"] = result.commitment.to_dict()
        return json.dumps(data, indent=2, ensure_ascii=False)
    head, *rest = result.commitment.lines()
    lines = [line for text in rest for line in textwrap.wrap(
        text, WIDTH, subsequent_indent=" " * (len(text) - len(text.lstrip()) + 4))]
    if format == "markdown":
        return simultaneous + f"\n\n### {head}\n\n```\n" + "\n".join(lines) + "\n```"
    return simultaneous + "\n\n" + "\n".join(textwrap.wrap(head, WIDTH) + lines)
