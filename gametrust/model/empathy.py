"""Empathy: each player weighing the others' payoffs ("security dilemma sensibility").

Empathy is a transformation of the payoff tensor applied when a game is built,
so every solver works on empathy-adjusted games unchanged.  ``u_i`` is player
``i``'s material payoff (as written), ``n`` the number of players.  Two models
take one weight ``e_i`` per player:

``altruism`` (default)
    ``u'_i = u_i + e_i * sum_{j != i} u_j``
``convex``
    ``u'_i = (1 - e_i) * u_i + e_i * mean_{j != i} u_j``

Two social-preference models take two weights per player (:data:`PAIR_WEIGHTS`),
named ``PLAYER.KEY`` wherever a weight is named alone (``Row.beta``):

``fehr_schmidt`` (inequity aversion; Fehr and Schmidt 1999), weights ``alpha``, ``beta``
    ``u'_i = u_i - alpha_i/(n-1) * sum_{j != i} max(u_j - u_i, 0)
    - beta_i/(n-1) * sum_{j != i} max(u_i - u_j, 0)``
``charness_rabin`` (Charness and Rabin 2002, without the reciprocity term),
weights ``rho``, ``sigma``
    two players: ``u'_i = (1 - rho_i*r - sigma_i*s) * u_i + (rho_i*r + sigma_i*s) * u_j``
    with ``r = 1`` if ``u_i > u_j`` (else 0) and ``s = 1`` if ``u_i < u_j``;
    ``n`` players: ``u'_i = u_i + 1/(n-1) * sum_{j != i} (rho_i*r_ij + sigma_i*s_ij)
    * (u_j - u_i)``, the same pairwise averaging as Fehr-Schmidt.

Which branch of ``max`` (or which of ``r``, ``s``) applies depends only on the
material payoffs, never on the weights, so at each profile the adjusted payoff
is linear in the weights: sweeps over a weight have exact breakpoints.  With two
players ``charness_rabin`` with ``(rho, sigma)`` is ``fehr_schmidt`` with
``alpha = -sigma``, ``beta = rho``.

>>> from gametrust import NormalFormGame
>>> pd = NormalFormGame.from_arrays([[4, 0], [5, 2]], [[4, 5], [0, 2]])
>>> g = apply_empathy(pd, ["1/4", "1/4"])
>>> g.payoff((0, 0)), g.payoff((1, 0))
((Fraction(5, 1), Fraction(5, 1)), (Fraction(5, 1), Fraction(5, 4)))

With empathy 1/4 mutual cooperation (4 + 4/4 = 5) is exactly as good as
defecting against a cooperator (5 + 0/4 = 5): the Prisoner's Dilemma has
become a (weak) Stag Hunt.  Inequity aversion with ``alpha = 1``,
``beta = 1/2`` does the same with a margin: defecting against a cooperator
is worth ``5 - 5/2`` to the defector and ``0 - 5`` to the cooperator.

>>> fs = apply_empathy(pd, [(1, "1/2"), (1, "1/2")], "fehr_schmidt")
>>> fs.payoff((1, 0))
(Fraction(5, 2), Fraction(-5, 1))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import ArgumentError, Location, did_you_mean
from ..core.exact import as_number
from .game import NormalFormGame

__all__ = [
    "EMPATHY_MODELS",
    "PAIR_WEIGHTS",
    "apply_empathy",
    "empathize_tensor",
    "per_player",
    "swept_names",
    "weight_keys",
    "weight_label",
    "weight_names",
    "weight_owner",
]

#: The documented empathy models, the first is the default.
EMPATHY_MODELS: tuple[str, ...] = ("altruism", "convex", "fehr_schmidt", "charness_rabin")

#: The models with two weights per player, and the names of the two weights.
PAIR_WEIGHTS: Mapping[str, tuple[str, str]] = {
    "fehr_schmidt": ("alpha", "beta"),
    "charness_rabin": ("rho", "sigma"),
}


def weight_keys(model: str) -> tuple[str, ...]:
    """The names of a player's weights under ``model``: ``()`` for one unnamed weight."""
    return PAIR_WEIGHTS.get(model, ())


def weight_names(model: str, players: Sequence[str]) -> tuple[str, ...]:
    """Every weight's name: the player ids, or ``PLAYER.KEY`` for two-weight models.

    >>> weight_names("fehr_schmidt", ["Row", "Col"])
    ('Row.alpha', 'Row.beta', 'Col.alpha', 'Col.beta')
    """
    keys = weight_keys(model)
    if not keys:
        return tuple(players)
    return tuple(f"{p}.{k}" for p in players for k in keys)


def per_player(
    model: str, players: Sequence[str], weights: Mapping[str, Any], default: Any = 0
) -> list[Any]:
    """The weights by name (:func:`weight_names`) as one entry per player, in order.

    An entry is the player's weight, or the pair of its two weights; a name not
    in ``weights`` is ``default``.

    >>> per_player("fehr_schmidt", ["Row", "Col"], {"Row.alpha": 1, "Row.beta": 2})
    [(1, 2), (0, 0)]
    """
    keys = weight_keys(model)
    if not keys:
        return [weights.get(p, default) for p in players]
    return [tuple(weights.get(f"{p}.{k}", default) for k in keys) for p in players]


def weight_owner(model: str, name: str) -> str:
    """The player a weight belongs to: ``Row`` for ``Row.beta``, the id itself otherwise."""
    return name.rpartition(".")[0] if model in PAIR_WEIGHTS else name


def weight_label(model: str, name: str) -> str:
    """How a weight reads in a sentence: ``empathy of US``, ``beta of Row``."""
    if model in PAIR_WEIGHTS:
        player, _, key = name.rpartition(".")
        return f"{key} of {player}"
    return f"empathy of {name}"


def swept_names(model: str, players: Sequence[str], name: str, option: str = "--empathy"
                ) -> tuple[str, ...]:
    """The weights an empathy sweep axis sets to the swept value.

    ``""`` is every player's weight (one-weight models); a player id is that
    player's weight; for a two-weight model ``KEY`` (``beta``) is every
    player's weight of that name and ``PLAYER.KEY`` one weight.  Anything else
    is an :class:`ArgumentError` located at ``option``.

    >>> swept_names("fehr_schmidt", ["Row", "Col"], "beta")
    ('Row.beta', 'Col.beta')
    """
    keys = weight_keys(model)
    names = weight_names(model, players)
    if not keys:
        if not name:
            return names
        if name in names:
            return (name,)
        raise ArgumentError(
            f"unknown player {name!r}{did_you_mean(name, names)}; the players are "
            f"{', '.join(names)}",
            Location(path=(option,)),
        )
    if name in keys:
        return tuple(f"{p}.{name}" for p in players)
    if name in names:
        return (name,)
    what = f"no {model} weight {name!r}{did_you_mean(name, (*keys, *names))}" if name else (
        f"the {model} empathy model has two weights per player")
    raise ArgumentError(
        f"{what}: sweep {' or '.join(keys)} (that weight of every player) or one weight "
        f"PLAYER.KEY ({', '.join(names)})",
        Location(path=(option,)),
    )


def apply_empathy(
    game: NormalFormGame, weights: Sequence[object], model: str = "altruism"
) -> NormalFormGame:
    """The game whose payoffs are empathy-adjusted with one weight per player.

    For a two-weight model (:data:`PAIR_WEIGHTS`) each player's entry is a
    pair, e.g. ``(alpha, beta)``.  Weights are exact when they and the game
    are; a float weight makes the result a float game.  All-zero weights
    return the game unchanged.
    """
    if model not in EMPATHY_MODELS:
        raise ArgumentError(
            f"unknown empathy model {model!r}; choose one of {', '.join(EMPATHY_MODELS)}",
            Location(path=("empathy_model",)),
        )
    if len(weights) != game.n_players:
        raise ArgumentError(
            f"one empathy weight per player ({game.n_players}), got {len(weights)}",
            Location(path=("empathy",)),
        )
    keys = weight_keys(model)
    entries: list[Any] = list(weights)
    if keys:
        for entry in entries:
            if not isinstance(entry, (tuple, list)) or len(entry) != len(keys):
                raise ArgumentError(
                    f"the {model} model takes a pair ({', '.join(keys)}) per player, "
                    f"got {entry!r}",
                    Location(path=("empathy",)),
                )
        flat = [w for entry in entries for w in entry]
    else:
        flat = entries
    try:
        exact_weights = all(not isinstance(w, float) for w in flat)
        values = [as_number(w, exact=game.exact and exact_weights) for w in flat]
    except (TypeError, ValueError) as exc:
        raise ArgumentError(str(exc), Location(path=("empathy",))) from None
    if all(v == 0 for v in values) or game.n_players == 1:
        return game
    vector: list[Any] = (
        [tuple(values[2 * i: 2 * i + 2]) for i in range(len(entries))] if keys else values
    )
    try:
        base = game.payoffs if (game.exact and exact_weights) else game.payoffs.astype(np.float64)
        return game.with_payoffs(empathize_tensor(base, vector, model))
    except OverflowError:  # only floats overflow: a float game or weight
        raise ArgumentError(
            "a payoff or empathy weight is beyond the range of a float (give exact numbers: "
            "a game with a float payoff or weight is solved in floats)",
            Location(path=("empathy",)),
        ) from None


def empathize_tensor(base: np.ndarray, weights: Sequence[Any], model: str) -> np.ndarray:
    """Apply an empathy model to a payoff tensor of any number type.

    Works on anything with ``+ - * /`` (Fractions, floats, sympy expressions,
    polynomials in a swept value), so the sweep and the symbolic analysis use
    the very same formulas as the solver.  The two-weight models compare
    material payoffs: those must be numbers (or constant functions) — a
    comparison that depends on a swept or symbolic value is an
    :class:`ArgumentError`.
    """
    n = base.shape[0]
    if n == 1:
        return base
    if model in PAIR_WEIGHTS:
        return _inequity_tensor(base, weights, model)
    total = base.sum(axis=0)
    adjusted = np.empty_like(base)
    for i, e in enumerate(weights):
        others = total - base[i]
        if model == "altruism":
            adjusted[i] = base[i] + e * others
        elif model == "convex":
            adjusted[i] = (1 - e) * base[i] + e * (others / (n - 1))
        else:
            raise ArgumentError(
                f"unknown empathy model {model!r}; choose one of {', '.join(EMPATHY_MODELS)}",
                Location(path=("empathy_model",)),
            )
    return adjusted


def _inequity_tensor(base: np.ndarray, weights: Sequence[Any], model: str) -> np.ndarray:
    """Fehr-Schmidt or Charness-Rabin, profile by profile (the branch is the sign of
    each material difference ``u_j - u_i``)."""
    n = base.shape[0]
    adjusted = np.empty_like(base)
    for index in np.ndindex(*base.shape[1:]):
        x = [base[(i, *index)] for i in range(n)]
        for i, (a, b) in enumerate(weights):
            behind: Any = 0  # sum over j of max(u_j - u_i, 0)
            ahead: Any = 0  # sum over j of max(u_i - u_j, 0)
            for j in range(n):
                if j == i:
                    continue
                d = x[j] - x[i]
                s = _sign(d, model)
                if s > 0:
                    behind = behind + d
                elif s < 0:
                    ahead = ahead - d
            if model == "fehr_schmidt":  # (a, b) = (alpha, beta)
                loss = a * behind + b * ahead
                adjusted[(i, *index)] = x[i] - (loss / (n - 1) if n > 2 else loss)
            else:  # charness_rabin, (a, b) = (rho, sigma): rho when ahead, sigma when behind
                gain = b * behind - a * ahead
                adjusted[(i, *index)] = x[i] + (gain / (n - 1) if n > 2 else gain)
    return adjusted


def _sign(d: Any, model: str) -> int:
    """The sign of a material payoff difference: a number, or a constant function."""
    value = d
    if hasattr(d, "num") and hasattr(d, "den"):  # a rational function of a swept value
        constant = d.num.degree <= 0 and d.den.degree <= 0
        value = d(Fraction(0)) if constant else None
    elif hasattr(d, "is_number"):  # a sympy expression
        value = d if d.is_number else None
    if value is None:
        raise ArgumentError(
            f"the {model} empathy model compares the players' material payoffs, and here "
            "a payoff difference depends on a swept or symbolic parameter (which branch "
            "applies would change along it); sweep an empathy weight, or fix the parameter",
            Location(path=("empathy_model",)),
        )
    return int(bool(value > 0)) - int(bool(value < 0))
