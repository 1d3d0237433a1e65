"""Beliefs about types: Bayes' rule, the bad-faith model, and the spiral of mistrust.

An observer holds a belief over the other side's types (at first the prior)
and watches what the other side does.  If the other side plays a
type-contingent strategy — say the one of a Bayesian equilibrium — the
observer can update its belief:

``"bayes"``
    Bayes' rule: ``P(type | action) = P(type) P(action | type) / P(action)``.
    An action no type with positive belief ever plays is *off the equilibrium
    path*: Bayes' rule says nothing, and :func:`posterior` returns ``None``.
``"bad_faith"``
    Holsti's inherent bad-faith model: a *cooperative* act (the caller names
    which actions are cooperative) is read as a trick and leaves the belief
    unchanged; a hostile act is read by Bayes' rule, so it lowers trust in a
    type that plays it less often.

:func:`spiral` carries the posterior forward over repeated rounds: each round
the other side, of a given true type, plays its equilibrium strategy, the
observer sees the action and updates.  The result is a short table: round,
action observed, its probability, the posterior, and whether trust has fallen
below a threshold (e.g. the least prior at which cooperation is an
equilibrium, from :func:`gametrust.analysis.prior_trust.prior_threshold`).

>>> from fractions import Fraction as F
>>> prior = {"security_seeker": F(3, 4), "greedy": F(1, 4)}
>>> play = {"security_seeker": {"Freeze": F(2, 3), "Arm": F(1, 3)},
...         "greedy": {"Freeze": 0, "Arm": 1}}
>>> posterior(prior, play, "Arm")
{'security_seeker': Fraction(1, 2), 'greedy': Fraction(1, 2)}
>>> posterior(prior, play, "Freeze")
{'security_seeker': Fraction(1, 1), 'greedy': Fraction(0, 1)}
>>> posterior(prior, play, "Freeze", rule="bad_faith", cooperative=["Freeze"])
{'security_seeker': Fraction(3, 4), 'greedy': Fraction(1, 4)}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..core.errors import did_you_mean, fail
from ..core.exact import FLOAT_TOLERANCE, Number, as_number, format_number
from ..model.bayesian import BayesianGame
from ..solvers.bayesian_result import BayesianEquilibrium

if TYPE_CHECKING:  # pragma: no cover
    from .prior_trust import PriorThreshold

__all__ = [
    "UPDATE_RULES",
    "BeliefEffect",
    "Spiral",
    "SpiralRow",
    "belief_effects",
    "posterior",
    "spiral",
]

UPDATE_RULES: tuple[str, ...] = ("bayes", "bad_faith")

#: Most rows a spiral with ``path="branches"`` may produce.
MAX_ROWS = 2000

Belief = dict[str, Number]


def _number(value: object, path: tuple[str | int, ...]) -> Number:
    try:
        return as_number(value, exact=not isinstance(value, float))
    except (TypeError, ValueError) as exc:
        raise fail(str(exc), *path) from None


def _distribution(values: Mapping[str, object], path: tuple[str | int, ...], what: str) -> Belief:
    if not isinstance(values, Mapping) or not values:
        raise fail(f"{what} must be a non-empty mapping name -> probability", *path)
    out = {str(k): _number(v, (*path, str(k))) for k, v in values.items()}
    for key, p in out.items():
        if p < 0:
            raise fail(f"a probability cannot be negative, got {format_number(p)}", *path, key)
    total = sum(out.values(), Fraction(0))
    exact = all(isinstance(p, Fraction) for p in out.values())
    if (total != 1) if exact else abs(total - 1) > FLOAT_TOLERANCE:
        raise fail(f"{what} sums to {format_number(total)}, not 1", *path)
    return out


def _strategies(
    strategy_by_type: Mapping[str, Mapping[str, object]], types: Iterable[str]
) -> tuple[dict[str, Belief], tuple[str, ...]]:
    if not isinstance(strategy_by_type, Mapping):
        raise fail("give a mapping type -> {action: probability}", "strategy_by_type")
    out = {}
    actions: list[str] = []
    for t in types:
        if t not in strategy_by_type:
            raise fail(
                f"no strategy for type {t!r}{did_you_mean(t, map(str, strategy_by_type))}",
                "strategy_by_type",
                t,
            )
        out[t] = _distribution(
            strategy_by_type[t], ("strategy_by_type", t), f"the strategy of {t!r}"
        )
        actions.extend(a for a in out[t] if a not in actions)
    return out, tuple(actions)


def _check_rule(rule: str, cooperative: Iterable[str], actions: Sequence[str]) -> frozenset[str]:
    if rule not in UPDATE_RULES:
        raise fail(f"unknown update rule {rule!r}; choose {' or '.join(UPDATE_RULES)}", "rule")
    if isinstance(cooperative, str):
        cooperative = [cooperative]
    coop = frozenset(cooperative)
    for a in coop:
        if a not in actions:
            raise fail(
                f"no action {a!r}{did_you_mean(a, actions)}; actions are {', '.join(actions)}",
                "cooperative",
                a,
            )
    if rule == "bad_faith" and not coop:
        raise fail("the bad-faith rule needs the cooperative actions named", "cooperative")
    return coop


def _bayes(prior: Belief, strategies: Mapping[str, Belief], action: str) -> Belief | None:
    joint = {t: q * strategies[t].get(action, Fraction(0)) for t, q in prior.items()}
    marginal = sum(joint.values(), Fraction(0))
    if marginal == 0:
        return None
    return {t: x / marginal for t, x in joint.items()}


def posterior(
    prior: Mapping[str, object],
    strategy_by_type: Mapping[str, Mapping[str, object]],
    observed_action: str,
    *,
    rule: str = "bayes",
    cooperative: Iterable[str] = (),
) -> Belief | None:
    """The belief over types after observing one action; ``None`` when it is off path.

    ``prior`` maps types to probabilities; ``strategy_by_type`` maps each type
    to its mixed strategy ``{action: probability}`` (missing actions have
    probability 0).  ``rule`` is ``"bayes"`` or ``"bad_faith"`` (then
    ``cooperative`` names the actions read as tricks; see the module
    docstring).  ``None`` means no type with positive belief plays the action:
    Bayes' rule is silent off the equilibrium path.
    """
    belief = _distribution(prior, ("prior",), "the prior")
    strategies, actions = _strategies(strategy_by_type, belief)
    coop = _check_rule(rule, cooperative, actions)
    if observed_action not in actions:
        raise fail(
            f"no action {observed_action!r}"
            f"{did_you_mean(str(observed_action), actions)}; actions are "
            f"{', '.join(actions)}",
            "observed_action",
        )
    if rule == "bad_faith" and observed_action in coop:
        return dict(belief)
    return _bayes(belief, strategies, observed_action)


# -- one observation: what each action would do ---------------------------------------------------


def _threshold(threshold: object) -> tuple[Number | None, bool, str | None]:
    """(value, inclusive, type) from a number or a PriorThreshold."""
    if threshold is None:
        return None, True, None
    if hasattr(threshold, "attained") and hasattr(threshold, "value"):
        value = threshold.value  # type: ignore[attr-defined]
        return value, bool(threshold.attained), threshold.type  # type: ignore[attr-defined]
    return _number(threshold, ("threshold",)), True, None


def _below(trust: Number | None, value: Number | None, inclusive: bool) -> bool | None:
    """Is trust below the threshold?  ``inclusive``: the threshold itself is still enough."""
    if trust is None or value is None:
        return None
    return trust < value if inclusive else trust <= value


@dataclass(frozen=True)
class BeliefEffect:
    """What observing one action does to the belief (one round, from ``prior``)."""

    action: str
    probability: Number  # of the action, under the prior (or given the true type)
    posterior: Belief | None  # None: off path
    trust: Number | None  # posterior of the trusted type
    below: bool | None  # trust below the threshold (None: no threshold or off path)

    @property
    def off_path(self) -> bool:
        return self.posterior is None


@dataclass(frozen=True)
class SpiralRow:
    """One round of a spiral: the action observed and the belief after it.

    Round 0 is the starting belief (no action).  ``probability`` is the
    chance of this round's action given the true type (or, without one, under
    the observer's belief before the round); ``path_probability`` the chance
    of the whole history.
    """

    round: int
    history: tuple[str, ...]
    probability: Number | None
    path_probability: Number | None
    posterior: Belief | None
    trust: Number | None
    below: bool | None

    @property
    def observed(self) -> str | None:
        return self.history[-1] if self.history else None

    @property
    def off_path(self) -> bool:
        return self.posterior is None


@dataclass(frozen=True)
class Spiral:
    """Belief dynamics over repeated rounds; :meth:`table` is the readable form."""

    observer: str
    about: str
    types: tuple[str, ...]
    rule: str
    true_type: str | None
    trusted: str
    threshold: Number | None
    inclusive: bool
    path: str
    rows: tuple[SpiralRow, ...]

    def first_below(self) -> SpiralRow | None:
        """The first row (in table order) at which trust is below the threshold."""
        return next((r for r in self.rows if r.below), None)

    def table(self) -> str:
        """A short text table: round, observed action, probability, posterior, below?"""
        head = ["round", "observed" if self.path != "branches" else "history", "P(observed)"]
        if self.path == "branches":
            head.append("P(history)")
        head.extend(f"P({t})" for t in self.types)
        if self.threshold is not None:
            op = "<" if self.inclusive else "<="
            head.append(f"P({self.trusted}) {op} {format_number(self.threshold)}?")
        body = []
        for r in self.rows:
            observed = (
                "-"
                if not r.history
                else (" ".join(r.history) if self.path == "branches" else r.history[-1])
            )
            line = [
                str(r.round),
                observed,
                "-" if r.probability is None else format_number(r.probability),
            ]
            if self.path == "branches":
                line.append(
                    "-" if r.path_probability is None else format_number(r.path_probability)
                )
            if r.posterior is None:
                line.extend(["off path"] + [""] * (len(self.types) - 1))
            else:
                line.extend(format_number(r.posterior[t]) for t in self.types)
            if self.threshold is not None:
                line.append("-" if r.below is None else ("yes" if r.below else "no"))
            body.append(line)
        widths = [max(len(row[k]) for row in [head, *body]) for k in range(len(head))]
        lines = [
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in [head, *body]
        ]
        title = (
            f"{self.observer} updating on {self.about} ({self.rule.replace('_', '-')}"
            f"{', true type ' + self.true_type if self.true_type else ''})"
        )
        return "\n".join([title, *lines])

    def __str__(self) -> str:
        return self.table()


def _setup(
    game: BayesianGame, equilibrium: Any, observer: str | int, about: str | int | None
) -> tuple[int, int, dict[str, Belief]]:
    if not isinstance(game, BayesianGame):
        raise fail(f"expected a BayesianGame, got {type(game).__name__}", "game")
    o = game.player_index(observer)
    if about is None:
        if game.n_players != 2:
            raise fail("name the player whose type is being learned (about=...)", "about")
        j = 1 - o
    else:
        j = game.player_index(about)
    if j == o:
        raise fail("the observer learns about another player", "about")
    if isinstance(equilibrium, BayesianEquilibrium):
        if equilibrium.players != game.players or equilibrium.types != game.types:
            raise fail("the equilibrium belongs to another game", "equilibrium")
        strategies = equilibrium.strategies
    else:
        strategies = equilibrium
    try:
        per_type = strategies[j]
        play = {
            t: dict(zip(game.actions[j], per_type[k], strict=True))
            for k, t in enumerate(game.types[j])
        }
    except (TypeError, IndexError, ValueError):
        raise fail(
            "give a BayesianEquilibrium or strategies[player][type][action]", "equilibrium"
        ) from None
    return o, j, play


def belief_effects(
    game: BayesianGame,
    equilibrium: BayesianEquilibrium | Sequence[Any],
    observer: str | int,
    *,
    about: str | int | None = None,
    rule: str = "bayes",
    cooperative: Iterable[str] = (),
    prior: Mapping[str, object] | None = None,
    threshold: PriorThreshold | object = None,
    trusted: str | None = None,
) -> tuple[BeliefEffect, ...]:
    """For each action of the observed player: its probability, the posterior after seeing it,
    and whether trust falls below ``threshold`` — along the equilibrium ``equilibrium``."""
    _, j, play = _setup(game, equilibrium, observer, about)
    belief = _distribution(
        dict(prior) if prior is not None else game.prior(j), ("prior",), "the prior"
    )
    value, inclusive, default = _threshold(threshold)
    trusted = _trusted(game, j, trusted or default)
    coop = _check_rule(rule, cooperative, game.actions[j])
    out = []
    for a in game.actions[j]:
        probability = sum((q * play[t][a] for t, q in belief.items()), Fraction(0))
        post = dict(belief) if rule == "bad_faith" and a in coop else _bayes(belief, play, a)
        trust = None if post is None else post[trusted]
        out.append(BeliefEffect(a, probability, post, trust, _below(trust, value, inclusive)))
    return tuple(out)


def _trusted(game: BayesianGame, j: int, trusted: str | None) -> str:
    if trusted is None:
        return game.types[j][0]
    return game.types[j][game.type_index(j, trusted)]


def spiral(
    game: BayesianGame,
    equilibrium: BayesianEquilibrium | Sequence[Any],
    observer: str | int,
    *,
    rounds: int = 5,
    about: str | int | None = None,
    rule: str = "bayes",
    cooperative: Iterable[str] = (),
    true_type: str | None = None,
    start_prior: Mapping[str, object] | None = None,
    threshold: PriorThreshold | object = None,
    trusted: str | None = None,
    path: str | Sequence[str] = "likely",
) -> Spiral:
    """Repeated observation and updating, the posterior carried forward round to round.

    Each round the observed player (``about``; the other player by default)
    plays its type-contingent strategy from ``equilibrium`` for its true type
    ``true_type`` (``None``: the type is unknown, and actions are drawn from
    the observer's current predictive distribution).  The strategy stays the
    equilibrium strategy in every round: the other side does not adapt to the
    observer's changing belief (see ``docs/bayesian.md``).

    ``path`` picks which observations are shown:

    ``"likely"``
        each round the most likely action (the first in action order on a tie);
    ``"branches"``
        every history of actions with positive probability, depth first
        (at most :data:`MAX_ROWS` rows);
    a list of actions
        exactly those observations, in order (``rounds`` is ignored).

    ``threshold`` is a number or a :class:`gametrust.analysis.prior_trust.PriorThreshold`;
    ``trusted`` the type whose posterior is compared with it (by default the
    threshold's type, else the observed player's first type).
    """
    o, j, play = _setup(game, equilibrium, observer, about)
    if not isinstance(rounds, int) or isinstance(rounds, bool) or rounds < 0:
        raise fail(f"rounds must be a non-negative integer, got {rounds!r}", "rounds")
    start = _distribution(
        dict(start_prior) if start_prior is not None else game.prior(j),
        ("start_prior",),
        "the starting belief",
    )
    for t in start:
        game.type_index(j, t)
    for t in game.types[j]:
        start.setdefault(t, Fraction(0))
    start = {t: start[t] for t in game.types[j]}
    value, inclusive, default = _threshold(threshold)
    trusted_type = _trusted(game, j, trusted or default)
    actions = game.actions[j]
    coop = _check_rule(rule, cooperative, actions)
    if true_type is not None:
        true_type = game.types[j][game.type_index(j, true_type)]

    def distribution(belief: Belief) -> dict[str, Number]:
        if true_type is not None:
            return play[true_type]
        return {a: sum((q * play[t][a] for t, q in belief.items()), Fraction(0)) for a in actions}

    def update(belief: Belief, action: str) -> Belief | None:
        if rule == "bad_faith" and action in coop:
            return dict(belief)
        return _bayes(belief, play, action)

    def row(
        k: int,
        history: tuple[str, ...],
        p: Number | None,
        path_p: Number | None,
        belief: Belief | None,
    ) -> SpiralRow:
        trust = None if belief is None else belief[trusted_type]
        return SpiralRow(k, history, p, path_p, belief, trust, _below(trust, value, inclusive))

    rows = [row(0, (), None, None, start)]
    if isinstance(path, str) and path == "branches":

        def walk(belief: Belief, history: tuple[str, ...], path_p: Number) -> None:
            if len(history) >= rounds:
                return
            dist = distribution(belief)
            for a in actions:
                if dist[a] <= 0:
                    continue
                if len(rows) >= MAX_ROWS:
                    raise fail(
                        f"more than {MAX_ROWS} branches: use fewer rounds or path='likely'",
                        "rounds",
                    )
                post = update(belief, a)
                rows.append(row(len(history) + 1, (*history, a), dist[a], path_p * dist[a], post))
                if post is not None:
                    walk(post, (*history, a), path_p * dist[a])

        walk(start, (), Fraction(1))
        label = "branches"
    else:
        if isinstance(path, str) and path != "likely":
            raise fail(f"path is 'likely', 'branches' or a list of actions, got {path!r}", "path")
        sequence = None if isinstance(path, str) else [str(a) for a in path]
        for a in sequence or ():
            if a not in actions:
                raise fail(f"no action {a!r}{did_you_mean(a, actions)}", "path", a)
        belief: Belief | None = start
        history: tuple[str, ...] = ()
        path_p: Number = Fraction(1)
        for k in range(len(sequence) if sequence is not None else rounds):
            assert belief is not None
            dist = distribution(belief)
            if sequence is not None:
                a = sequence[k]
            else:
                top = max(dist.values())
                a = next(x for x in actions if dist[x] == top)
            history = (*history, a)
            path_p = path_p * dist[a]
            belief = update(belief, a)
            rows.append(row(k + 1, history, dist[a], path_p, belief))
            if belief is None:
                break
        label = "likely" if sequence is None else "given"
    return Spiral(
        game.players[o],
        game.players[j],
        game.types[j],
        rule,
        true_type,
        trusted_type,
        value,
        inclusive,
        label,
        tuple(rows),
    )
