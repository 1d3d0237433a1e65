"""Text, JSON and Markdown for reputation games (a committed type over a finite number of meetings).

Pure functions: a :class:`~gametrust.analysis.reputation.ReputationReport` in,
a string out.  The JSON is the report's own ``to_dict()`` (documented in
``docs/repeated.md``) with a schema version.
"""

from __future__ import annotations

from fractions import Fraction

from ..analysis.reputation import ReputationReport
from ..analysis.reputation_sweep import ReputationSweep
from ..core.exact import format_number
from ..solvers.reputation import MeetingState, ReputationEquilibrium
from .formats import json_document

__all__ = ["render_reputation", "render_reputation_sweep"]



def _p(x: object) -> str:
    return format_number(x)  # type: ignore[arg-type]


def _state(eq: ReputationEquilibrium, state: MeetingState, left: int) -> list[str]:
    """What happens at one belief of one meeting, in words."""
    (move, stay), (c, d) = eq.stage.actions
    first, second = eq.stage.players
    threshold = eq.thresholds[left - 1]
    if state.move == 1:
        act = f"{first} plays {move}"
    elif state.move == 0:
        act = f"{first} plays {stay}"
    else:
        act = f"{first} plays {move} with probability {_p(state.move)}"
    side = (">" if state.belief > threshold else "<" if state.belief < threshold else "=")
    lines = [f"{act} (belief {_p(state.belief)} {side} threshold {_p(threshold)})"]
    if state.move > 0:
        if left == 1:
            answer = f"a normal {second} answers {d}"
        elif state.sigma == 1:
            answer = f"a normal {second} answers {c} for sure"
        else:
            answer = f"a normal {second} answers {c} with probability {_p(state.sigma)}"
        seen = (f"{c} is seen with probability {_p(state.seen)}" if state.seen < 1
                else f"{c} is seen for sure")
        after = ("" if state.after is None else
                 f"; after {c} the belief is {_p(state.after)}")
        lines.append(f"after {move}, {answer}; {seen}{after}"
                     + (f", after {d} it is 0" if state.seen < 1 else ""))
    if state.prior_edge:
        lines.append(f"the belief is exactly the threshold without a mix before it: {first} "
                     f"is indifferent and other mixes are equilibria too")
    return lines


def _unique_line(report: ReputationReport) -> str:
    found = report.uniqueness
    if found is None:
        return "Uniqueness was not checked."
    if found.unique:
        return ("The only sequential equilibrium on its path: at each of its "
                f"{found.beliefs} beliefs no other behaviour is an equilibrium (checked "
                "exactly on the normal type's value correspondence, short-run first movers).")
    return (f"Uniqueness not shown: {found.reason}; other sequential equilibria may play "
            "differently there.")


def render_reputation(report: ReputationReport, format: str = "text") -> str:
    """The report of a reputation game as ``"text"``, ``"json"`` or ``"markdown"``."""
    if format == "json":
        return json_document(report.to_dict())
    eq = report.equilibrium
    scenario = report.scenario
    (move, stay), (c, d) = eq.stage.actions
    first, second = eq.stage.players
    markdown = format == "markdown"
    u, v = eq.stage.first, eq.stage.second
    head = [f"Reputation over {eq.rounds} meetings: {scenario.title}",
            f"Stage (each meeting): {first} chooses {move} or {stay}; after {move}, {second} "
            f"answers {c} or {d}",
            f"  payoffs [{first}, {second}]: {move}, {c}: {_p(u[0])}, {_p(v[0])}; "
            f"{move}, {d}: {_p(u[1])}, {_p(v[1])}; {stay}: {_p(u[2])}, {_p(v[2])}",
            f"Types of {second}: committed (always {c}) with prior {_p(eq.prior)}, else normal "
            f"(stage payoffs, discount {_p(eq.delta)})",
            f"{first} decides meeting by meeting (short-run, as Kreps and Wilson's entrants)"]
    if scenario.path:
        head.append(f"File: {scenario.path}")
    if any(w != 0 for w in report.empathy.values()):
        head.append("Empathy: " + ", ".join(f"{p}={_p(w)}" for p, w in report.empathy.items()))
    reward = move if eq.kind == "trust" else stay
    cmp = "at least" if eq.kind == "trust" else "at most"
    thresholds = ", ".join(
        f"{k + 1} {'meeting' if k == 0 else 'meetings'} left: {_p(p)}"
        for k, p in reversed(list(enumerate(eq.thresholds))))
    threshold = report.prior_threshold
    where = ("above" if eq.prior > threshold else "below" if eq.prior < threshold
             else "exactly at")
    body = [
        "",
        f"{first} plays {move} iff it expects {c} with probability {cmp} q = {_p(eq.q)}.",
        f"Thresholds: with k meetings left {first} plays {reward} iff its belief that "
        f"{second} is committed is above q^k ({thresholds}); at a threshold it plays "
        f"{reward} with probability {_p(eq.beta)}, which leaves a normal {second} "
        "indifferent in the meeting before.",
        f"Prior threshold: {first} plays {reward} in the first meeting iff the prior is above "
        f"{_p(threshold)} = ({_p(eq.q)})^{eq.rounds}; the prior here, {_p(eq.prior)}, is "
        f"{where} it.",
        "",
        f"Equilibrium path (the belief that {second} is committed, while no {d} has been "
        "seen):",
    ]
    bullet = "- " if markdown else "  "
    for t, meeting in enumerate(eq.meetings):
        left = eq.rounds - t
        body.append(f"{report.meeting_name(t)}:")
        for state in meeting:
            body.append(f"{bullet}belief {_p(state.belief)} (probability {_p(state.reach)})")
            body += [f"    {line}" for line in _state(eq, state, left)]
    gone = eq.revealed[-1] + sum((s.reach * s.move * (1 - s.seen) for s in eq.meetings[-1]),
                                 Fraction(0))
    punish = stay if eq.kind == "trust" else move
    body += [
        f"After {d} the belief is 0 for good and {first} plays {punish} in every later "
        f"meeting; the chance that {d} is seen in some meeting: {_p(gone)}.",
        "",
        f"Expected payoffs: {first} by meeting "
        f"{', '.join(_p(x) for x in report.certificate.first_payoffs)}; normal {second} "
        f"{_p(report.certificate.normal_payoff)} (discounted total)",
        f"Certified on the game tree ({report.certificate.infosets} information sets): the "
        f"beliefs follow Bayes' rule, no information set leaves a regret (exactly 0).",
        (f"Also an equilibrium if {first} is one long-run player (checked on the tree)."
         if report.certificate.long_run else
         f"Not an equilibrium if {first} were one long-run player (regret "
         f"{_p(report.certificate.long_run_regret)}): the short-run reading matters."),
        _unique_line(report),
    ]
    if markdown:
        head[0] = f"## {head[0]}"
    return "\n".join([*head, *body])


def render_reputation_sweep(result: ReputationSweep, format: str = "text",
                            file: str | None = None) -> str:
    """The sweep of a reputation game over its prior as ``"text"`` or ``"json"``."""
    if format == "json":
        return json_document(result.to_dict(), file)
    (move, _), (c, _) = result.actions
    first, second = result.players
    lines = [result.title, "",
             f"Sweep: {result.symbol} (the prior that {second} is committed), over "
             f"[{_p(result.lo)}, {_p(result.hi)}]"]
    if file or result.file:
        lines.append(f"File: {file or result.file}")
    if result.fixed:
        lines.append("Fixed: " + ", ".join(f"{k}={v}" for k, v in result.fixed.items()))
    lines.append("Thresholds q^k (k meetings left): " + ", ".join(
        f"{k + 1}: {_p(p)}" for k, p in enumerate(result.thresholds)))
    lines.append("")
    for segment in result.segments:
        lines.append(segment.label(result.symbol))
        answer = f"a normal {second} answers {c} with probability {segment.first_answer}"
        if segment.first_move == "0":
            answer = f"after {move} (off the path) {answer}"
        lines.append(f"  meeting 1: {first} plays {move} with probability "
                     f"{segment.first_move}; {answer}")
        if segment.mixes_from is None:
            lines.append(f"  a normal {second} answers {c} for sure until the last meeting")
        else:
            lines.append(f"  a normal {second} first mixes in meeting {segment.mixes_from} "
                         f"(on the path of {c} answers)")
        if not segment.unique:
            lines.append(f"  uniqueness not shown: {segment.why}")
    return "\n".join(lines)
