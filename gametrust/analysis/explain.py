"""Why an outcome is (or is not) an equilibrium: exact conditions in the scenario's names.

``gametrust solve FILE --explain`` and :func:`explain` keep every parameter and
every player's empathy weight symbolic — in the scenario's own names,
``relief``, ``e_US``, ``e_DPRK`` — and derive exactly:

* for each pure profile, the condition under which it is a Nash equilibrium:
  one inequality per possible deviation ("no gain from switching"),
  simplified; a condition in one symbol is solved for it (``e_US >= 1/4``),
  one in several is a polynomial inequality (``relief*(e_US + 1) >= 5``);
* for a 2×2 game, the completely mixed equilibrium's probabilities as
  formulas and the condition under which it exists (every probability
  strictly between 0 and 1);
* for a two-player game, the trust thresholds of the cooperative equilibrium
  as formulas: the least probability each player must assign to the other
  doing its part before its own part is a best response.

Each condition is also evaluated at the *current values* (the file's
defaults), so a reader sees what holds now and what would have to change.

Fixing names.  ``parameters`` (the CLI's ``--set NAME=VALUE``) and
``empathy`` (``--empathy PLAYER=WEIGHT``) fix those names at the values given:
they are substituted, not symbolic.  Every other parameter and weight stays
symbolic, and its current value is the file's.  With every name fixed the
conditions are plain truths ("always" / "never").

Games with more than two players get the pure-profile conditions only (mixed
formulas and trust thresholds are for two players); games with more than
:data:`MAX_PROFILES` pure profiles, and scenarios that are game trees or have
commitment or verification moves (no payoff table to derive from), are
refused with an :class:`~gametrust.core.errors.ArgumentError`.

sympy is imported inside the functions, never when gametrust is imported.
No user text is ever given to sympy's parser: the payoff expressions were
parsed by gametrust's own whitelist parser and are converted tree by tree.

>>> from gametrust.formats.scenario_data import scenario_from_data
>>> korea = scenario_from_data({"gametrust": 1, "title": "Singapore summit, 2018",
...     "players": {"US": {"actions": ["Pressure", "Reassure"]},
...                 "DPRK": {"actions": ["Arm", "Freeze"]}},
...     "parameters": {"relief": 4},
...     "payoffs": {"Pressure, Arm": [2, 2], "Pressure, Freeze": [5, 0],
...                 "Reassure, Arm": [0, 5], "Reassure, Freeze": ["relief", "relief"]}})
>>> expl = explain(korea)
>>> expl.profile("Reassure", "Freeze").condition.text
'relief*(e_US + 1) >= 5 and relief*(e_DPRK + 1) >= 5'
>>> expl.profile("Reassure", "Freeze").condition.holds     # relief = 4, no empathy
False
>>> explain(korea, parameters={"relief": 4}).profile("Reassure", "Freeze").condition.text
'e_US >= 1/4 and e_DPRK >= 1/4'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import product
from typing import Any

from ..core.errors import ArgumentError, Location
from ..model.game import NormalFormGame
from ..scenario.scenario import Scenario
from .explain_mixed import explain_mixed
from .explain_trust import explain_trust
from .explanation import Deviation, Explanation, ProfileCondition, TrustFormulas
from .inequalities import symbolic_condition
from .symbolic import source_of, to_sympy_number

__all__ = ["MAX_PROFILES", "explain", "explain_profile"]

#: Games with more pure profiles than this are not explained (too many conditions to read).
MAX_PROFILES = 64


def explain(
    source: Scenario | NormalFormGame,
    *,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> Explanation:
    """Exact equilibrium conditions of a scenario (or game) in its own names.

    ``parameters`` and ``empathy`` fix names (parameter -> value, player id ->
    weight; numbers or number text such as ``"1/4"``); all other parameters
    and weights are symbols.  A :class:`~gametrust.model.game.NormalFormGame` has no
    parameters: its payoffs are constants and only the empathy weights
    (altruism model, current value 0) are symbols.

    Raises :class:`~gametrust.core.errors.ArgumentError` for an unknown parameter
    (path ``("--set", name)``) or player (``("--empathy", player)``) and for
    a game with more than :data:`MAX_PROFILES` pure profiles
    (``("--explain",)``).

    >>> from gametrust import NormalFormGame
    >>> stag = NormalFormGame.from_arrays([[3, 0], [2, 2]], [[3, 2], [0, 2]],
    ...                                   players=["Row", "Col"],
    ...                                   actions=[["Stag", "Hare"], ["Stag", "Hare"]])
    >>> expl = explain(stag)
    >>> expl.mixed.formula("Row", "Stag"), expl.mixed.values["Row"]
    ('2/(3*(e_Col + 1))', (Fraction(2, 3), Fraction(1, 3)))
    >>> expl.mixed.condition.text
    'e_Row > -1/3 and e_Col > -1/3'
    >>> [b.text for b in expl.trust[0].formulas[0].bounds]
    ['2/(3*(e_Row + 1))']
    """
    import sympy

    scenario_like = source_of(source)
    shape = scenario_like.shape
    total = 1
    for size in shape:
        total *= size
    if total > MAX_PROFILES:
        raise ArgumentError(
            f"the game has {total} pure profiles; conditions are derived for games with "
            f"at most {MAX_PROFILES}",
            Location(path=("--explain",)),
        )
    symbols, fixed, tensor = scenario_like.symbolic(parameters, empathy)
    values = {sympy.Symbol(s.name, real=True): to_sympy_number(s.value) for s in symbols}
    players, actions = scenario_like.players, scenario_like.actions
    profiles = tuple(
        explain_profile(tensor, players, actions, index, values)
        for index in product(*(range(k) for k in shape))
    )
    notes: list[str] = []
    mixed = None
    trust: tuple[TrustFormulas, ...] = ()
    if len(players) == 2:
        if shape == (2, 2):
            mixed = explain_mixed(tensor, players, actions, values)
        trust = explain_trust(tensor, players, actions, values, profiles)
    else:
        notes.append(
            f"{len(players)} players: only the conditions of pure profiles are derived "
            "(mixed-equilibrium formulas and trust thresholds are for two-player games)"
        )
    return Explanation(
        title=scenario_like.title,
        players=players,
        actions=actions,
        empathy_model=scenario_like.model,
        symbols=symbols,
        fixed=fixed,
        profiles=profiles,
        mixed=mixed,
        trust=trust,
        notes=tuple(notes),
    )


def explain_profile(
    tensor: Any,
    players: Sequence[str],
    actions: Sequence[Sequence[str]],
    index: tuple[int, ...],
    values: Mapping[Any, Any],
) -> ProfileCondition:
    """When the pure profile at ``index`` is an equilibrium: no deviation pays."""
    import sympy

    deviations = []
    for i, player in enumerate(players):
        own = tensor[(i, *index)]
        for alt in range(len(actions[i])):
            if alt == index[i]:
                continue
            other = list(index)
            other[i] = alt
            difference = sympy.expand(own - tensor[(i, *other)])
            deviations.append(
                Deviation(
                    player,
                    actions[i][index[i]],
                    actions[i][alt],
                    difference,
                    symbolic_condition([difference], False, values),
                )
            )
    profile = tuple(actions[i][k] for i, k in enumerate(index))
    condition = symbolic_condition([d.difference for d in deviations], False, values)
    return ProfileCondition(profile, tuple(deviations), condition)


