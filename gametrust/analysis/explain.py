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
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from itertools import product
from typing import Any, Literal

from ..core.display import Displayable
from ..core.errors import ArgumentError, Location, did_you_mean
from ..core.exact import Number, as_number, format_number
from ..model.game import NormalFormGame
from ..scenario.scenario import Scenario

__all__ = [
    "MAX_PROFILES",
    "Condition",
    "Deviation",
    "Explanation",
    "MixedFormula",
    "ProfileCondition",
    "Symbol",
    "ThresholdBound",
    "TrustFormula",
    "TrustFormulas",
    "explain",
    "formula_text",
]

#: Games with more pure profiles than this are not explained (too many conditions to read).
MAX_PROFILES = 64

Status = Literal["always", "never", "symbolic"]


@dataclass(frozen=True)
class Symbol:
    """A name in the conditions: a parameter, or a player's empathy weight.

    ``value`` is its current value (the file's, or the fixed value); ``fixed``
    says it was fixed by ``parameters``/``empathy`` (then it does not appear
    in any condition).
    """

    name: str  # as it appears in formulas: "relief", "e_US"
    kind: Literal["parameter", "empathy"]
    of: str  # the parameter name or the player id
    value: Number
    fixed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "of": self.of,
                "value": format_number(self.value)}


@dataclass(frozen=True)
class Condition:
    """An exact condition on the symbols, simplified, and whether it holds now.

    ``text`` is ``"always"``, ``"never"`` or the simplified inequalities
    (``"e_US >= 1/4 and e_DPRK >= 1/4"``); ``holds`` is its truth at the
    current values (``None`` when it cannot be evaluated there).
    ``expression`` is the raw condition as a sympy boolean (every
    ``difference >= 0``), ``simplified`` the sympy boolean ``text`` spells.
    """

    text: str
    status: Status
    holds: bool | None
    expression: Any = field(default=None, compare=False, repr=False)
    simplified: Any = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"condition": self.text, "status": self.status, "holds": self.holds}


@dataclass(frozen=True)
class Deviation:
    """One possible deviation from a pure profile: ``player`` switching ``action`` -> ``to``.

    ``condition`` is the condition that the switch does not pay
    (the player's payoff difference is ``>= 0``).
    """

    player: str
    action: str
    to: str
    difference: Any = field(compare=False, repr=False)  # sympy: u(profile) - u(deviation)
    condition: Condition = field(default_factory=lambda: Condition("always", "always", True))

    def to_dict(self) -> dict[str, Any]:
        return {"player": self.player, "from": self.action, "to": self.to,
                **self.condition.to_dict()}


@dataclass(frozen=True)
class ProfileCondition:
    """When a pure profile is a Nash equilibrium: every deviation's condition at once."""

    profile: tuple[str, ...]
    deviations: tuple[Deviation, ...]
    condition: Condition

    def describe(self) -> str:
        return "(" + ", ".join(self.profile) + ")"

    def to_dict(self) -> dict[str, Any]:
        return {
            "profile": list(self.profile),
            **self.condition.to_dict(),
            "deviations": [d.to_dict() for d in self.deviations],
        }


@dataclass(frozen=True)
class MixedFormula:
    """The completely mixed equilibrium of a 2×2 game as formulas.

    ``probabilities[player]`` holds the player's probability of each of its
    two actions (sympy expressions; ``None`` when the formula is undefined
    because the other player's payoffs never make it indifferent);
    ``values`` the same at the current values (``None`` where undefined).
    ``conditions`` holds, per player, the condition that its probabilities
    are strictly between 0 and 1; ``condition`` all of them: the equilibrium
    exists exactly when it holds.
    """

    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    probabilities: dict[str, tuple[Any, Any] | None]
    values: dict[str, tuple[Number, Number] | None]
    conditions: dict[str, Condition]
    condition: Condition

    def formula(self, player: str, action: str) -> str | None:
        """The probability that ``player`` plays ``action``, as text."""
        probabilities = self.probabilities[player]
        if probabilities is None:
            return None
        k = self.actions[self.players.index(player)].index(action)
        return formula_text(probabilities[k])

    def to_dict(self) -> dict[str, Any]:
        strategies: dict[str, Any] = {}
        values: dict[str, Any] = {}
        for i, player in enumerate(self.players):
            probs = self.probabilities[player]
            current = self.values[player]
            strategies[player] = {
                a: (None if probs is None else formula_text(probs[k]))
                for k, a in enumerate(self.actions[i])
            }
            values[player] = {
                a: (None if current is None else format_number(current[k]))
                for k, a in enumerate(self.actions[i])
            }
        return {
            "strategies": strategies,
            "values": values,
            **self.condition.to_dict(),
            "conditions": {p: c.to_dict() for p, c in self.conditions.items()},
        }


@dataclass(frozen=True)
class ThresholdBound:
    """The belief ``player`` needs for its cooperative action to beat one alternative.

    ``formula`` is ``sympy`` (``None`` when the belief does not matter for
    this comparison); ``value`` its value now (``None`` when undefined).
    """

    instead_of: str
    formula: Any = field(compare=False)
    value: Number | None

    @property
    def text(self) -> str | None:
        return None if self.formula is None else formula_text(self.formula)

    def to_dict(self) -> dict[str, Any]:
        return {
            "instead_of": self.instead_of,
            "formula": self.text,
            "value": None if self.value is None else format_number(self.value),
        }


@dataclass(frozen=True)
class TrustFormula:
    """``player`` plays ``action`` only if P(``partner`` plays ``partner_action``) >= formula.

    One :class:`ThresholdBound` per alternative action of the player (one in a
    2×2 game); the threshold is the largest.  ``threshold`` is the exact
    threshold at the current values, computed as
    :func:`gametrust.analysis.selection.trust_threshold` does, when both profiles are
    equilibria there (``None`` when they are not, or when no belief suffices).
    """

    player: str
    action: str
    partner: str
    partner_action: str
    rest_on: str
    bounds: tuple[ThresholdBound, ...]
    threshold: Number | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "player": self.player,
            "action": self.action,
            "partner": self.partner,
            "partner_action": self.partner_action,
            "rest_on": self.rest_on,
            "bounds": [b.to_dict() for b in self.bounds],
            "threshold": None if self.threshold is None else format_number(self.threshold),
        }


@dataclass(frozen=True)
class TrustFormulas:
    """Trust thresholds for playing ``cooperative`` rather than ``alternative``.

    The formulas are meaningful where both profiles are equilibria (see their
    :class:`ProfileCondition`); ``both_equilibria_now`` says whether they are
    at the current values.
    """

    cooperative: tuple[str, ...]
    alternative: tuple[str, ...]
    formulas: tuple[TrustFormula, ...]
    both_equilibria_now: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "cooperative": list(self.cooperative),
            "alternative": list(self.alternative),
            "both_equilibria_now": self.both_equilibria_now,
            "thresholds": [f.to_dict() for f in self.formulas],
        }


@dataclass(frozen=True)
class Explanation(Displayable):
    """Exact conditions for every pure profile, the mixed equilibrium and trust.

    ``symbols`` are the names kept symbolic (with their current values),
    ``fixed`` the names fixed by ``parameters``/``empathy``.
    """

    title: str
    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    empathy_model: str
    symbols: tuple[Symbol, ...]
    fixed: tuple[Symbol, ...]
    profiles: tuple[ProfileCondition, ...]
    mixed: MixedFormula | None = None
    trust: tuple[TrustFormulas, ...] = ()
    notes: tuple[str, ...] = ()

    def profile(self, *actions: str) -> ProfileCondition:
        """The conditions of one pure profile, given by its action labels."""
        for p in self.profiles:
            if p.profile == tuple(actions):
                return p
        raise ArgumentError(
            f"no profile ({', '.join(actions)})", Location(path=("profile",))
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the ``explain`` block of ``solve --format json``)."""
        return {
            "empathy_model": self.empathy_model,
            "symbols": [s.to_dict() for s in self.symbols],
            "fixed": [s.to_dict() for s in self.fixed],
            "profiles": [p.to_dict() for p in self.profiles],
            "mixed": None if self.mixed is None else self.mixed.to_dict(),
            "trust": [t.to_dict() for t in self.trust],
            "notes": list(self.notes),
        }

    def __str__(self) -> str:
        from ..report.text import explanation_text

        return explanation_text(self)



# -- entry point ---------------------------------------------------------------------------------


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

    if isinstance(source, NormalFormGame):
        scenario_like = _GameSource(source)
    elif isinstance(source, Scenario):
        scenario_like = _ScenarioSource(source)
    else:
        raise ArgumentError(
            f"explain needs a Scenario or a NormalFormGame, got {type(source).__name__}",
            Location(path=("source",)),
        )
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
    values = {sympy.Symbol(s.name, real=True): _sympy_number(s.value) for s in symbols}
    players, actions = scenario_like.players, scenario_like.actions
    profiles = tuple(
        _profile_condition(tensor, players, actions, index, values)
        for index in product(*(range(k) for k in shape))
    )
    notes: list[str] = []
    mixed = None
    trust: tuple[TrustFormulas, ...] = ()
    if len(players) == 2:
        if shape == (2, 2):
            mixed = _mixed(tensor, players, actions, values)
        trust = _trust(tensor, players, actions, values, profiles)
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


# -- building the symbolic payoffs ---------------------------------------------------------------


def _exact(raw: object, path: tuple[str, ...]) -> Number:
    try:
        return as_number(raw, exact=not isinstance(raw, float))
    except (TypeError, ValueError) as exc:
        raise ArgumentError(str(exc), Location(path=path)) from None


def _empathy_names(players: Sequence[str], taken: set[str]) -> dict[str, str]:
    """``e_<player>`` for each player, made distinct from parameter names."""
    names: dict[str, str] = {}
    for pid in players:
        name = f"e_{pid}"
        while name in taken:
            name += "_"
        names[pid] = name
        taken.add(name)
    return names


def _fixed_empathy(
    players: Sequence[str], empathy: Mapping[str, object] | None
) -> dict[str, Number]:
    out: dict[str, Number] = {}
    for pid, raw in (empathy or {}).items():
        if pid not in players:
            hint = did_you_mean(str(pid), players) or f"; the players are {', '.join(players)}"
            raise ArgumentError(f"no player {pid!r}{hint}", Location(path=("--empathy", pid)))
        out[pid] = _exact(raw, ("--empathy", pid))
    return out


class _ScenarioSource:
    def __init__(self, scenario: Scenario) -> None:
        shape = tuple(len(a) for a in scenario.actions)
        profiles = 1
        for size in shape:
            profiles *= size
        if getattr(scenario, "is_tree", False) or len(scenario.payoffs) != profiles:
            raise ArgumentError(
                "conditions are derived from a payoff table, and this scenario is a game "
                "tree (or has commitment or verification moves)",
                Location(file=scenario.path, path=("--explain",)),
            )
        self.scenario = scenario
        self.players = scenario.player_ids
        self.actions = scenario.actions
        self.shape = tuple(len(a) for a in self.actions)
        self.title = scenario.title
        self.model = scenario.empathy_model

    def symbolic(
        self, parameters: Mapping[str, object] | None, empathy: Mapping[str, object] | None
    ) -> tuple[tuple[Symbol, ...], tuple[Symbol, ...], Any]:
        import sympy

        from .symbolic import SymbolicGame

        scenario = self.scenario
        values = scenario.parameter_values(parameters)  # validates --set names and values
        fixed_weights = _fixed_empathy(self.players, empathy)
        weights = scenario.empathy_weights(values)
        weights.update(fixed_weights)
        overridden = set(parameters or {})
        e_names = _empathy_names(self.players, set(scenario.parameters))
        symbols: list[Symbol] = []
        fixed: list[Symbol] = []
        for name, value in values.items():
            entry = Symbol(name, "parameter", name, value, fixed=name in overridden)
            (fixed if entry.fixed else symbols).append(entry)
        for pid in self.players:
            entry = Symbol(e_names[pid], "empathy", pid, weights[pid], fixed=pid in fixed_weights)
            (fixed if entry.fixed else symbols).append(entry)
        table = {s.of: sympy.Symbol(s.name, real=True) for s in symbols if s.kind == "parameter"}
        weight_symbols = {
            s.of: sympy.Symbol(s.name, real=True) for s in symbols if s.kind == "empathy"
        }
        if set(table) & set(weight_symbols):
            # a parameter named like a player: build the base payoffs, then apply empathy
            base = SymbolicGame.from_scenario(
                scenario,
                symbols=table,
                parameters=parameters,
                empathy={pid: 0 for pid in self.players},
            )
            vector = [
                weight_symbols.get(pid, _sympy_number(weights[pid])) for pid in self.players
            ]
            tensor = _empathize(base.payoffs, vector, self.model)
        else:
            game = SymbolicGame.from_scenario(
                scenario,
                symbols=table | weight_symbols,
                parameters=parameters,
                empathy=fixed_weights,
            )
            tensor = game.payoffs
        return tuple(symbols), tuple(fixed), tensor


class _GameSource:
    def __init__(self, game: NormalFormGame) -> None:
        self.game = game
        self.players = game.players
        self.actions = game.actions
        self.shape = game.shape
        self.title = game.title
        self.model = "altruism"

    def symbolic(
        self, parameters: Mapping[str, object] | None, empathy: Mapping[str, object] | None
    ) -> tuple[tuple[Symbol, ...], tuple[Symbol, ...], Any]:
        import sympy

        from .symbolic import SymbolicGame

        for name in parameters or {}:
            raise ArgumentError(
                f"unknown parameter {name!r}; a game built in Python has none",
                Location(path=("--set", name)),
            )
        fixed_weights = _fixed_empathy(self.players, empathy)
        e_names = _empathy_names(self.players, set())
        symbols: list[Symbol] = []
        fixed: list[Symbol] = []
        weights: dict[str, Any] = {}
        for pid in self.players:
            if pid in fixed_weights:
                fixed.append(Symbol(e_names[pid], "empathy", pid, fixed_weights[pid], True))
                weights[pid] = fixed_weights[pid]
            else:
                symbols.append(Symbol(e_names[pid], "empathy", pid, Fraction(0)))
                weights[pid] = sympy.Symbol(e_names[pid], real=True)
        tensor = SymbolicGame.from_game(self.game, empathy=weights).payoffs
        return tuple(symbols), tuple(fixed), tensor


def _empathize(base: Any, weights: Sequence[Any], model: str) -> Any:
    import numpy as np

    from ..model.empathy import empathize_tensor

    out = empathize_tensor(base, list(weights), model)
    return np.vectorize(lambda x: x.expand(), otypes=[object])(out)


# -- sympy helpers -------------------------------------------------------------------------------


def _sympy_number(value: object) -> Any:
    from .symbolic import to_sympy_number

    return to_sympy_number(value)


def _text(expr: Any) -> str:
    import sympy

    return sympy.sstr(expr)


def _polynomial_form(poly: Any) -> tuple[Any, bool]:
    """A polynomial as ``constant * factors`` (unevaluated), and whether it is negative.

    A negative constant is folded into a linear factor when there is one, so
    ``-(3*e - 2)`` reads ``2 - 3*e``; ``negative`` is True when that was not possible.
    """
    import sympy

    coefficient, factors = sympy.factor_list(sympy.expand(poly))
    pieces = [[f, k] for f, k in factors]
    negative = coefficient < 0
    if negative:
        coefficient = -coefficient
        for piece in pieces:
            if piece[1] == 1 and piece[0].is_Add:
                piece[0] = sympy.expand(-piece[0])
                negative = False
                break
    args = [f**k for f, k in pieces]
    if coefficient != 1 or not args:
        args.insert(0, coefficient)
    form = args[0] if len(args) == 1 else sympy.Mul(*args, evaluate=False)
    return form, negative


def formula_text(expr: Any) -> str:
    """A rational function as text with factored numerator and denominator.

    >>> import sympy
    >>> e, r = sympy.symbols("e relief", real=True)
    >>> formula_text(-(3*e - 2) / ((e + 1) * (r - 3)))
    '(2 - 3*e)/((e + 1)*(relief - 3))'
    >>> formula_text(2 / (3 + 3*e)), formula_text(sympy.Rational(3, 4))
    ('2/(3*(e + 1))', '3/4')
    """
    import sympy

    numerator, denominator = sympy.fraction(sympy.cancel(sympy.together(expr)))
    if denominator == 1:
        form, negative = _polynomial_form(numerator)
        return ("-" if negative else "") + _text(form)
    if sympy.factor_list(sympy.expand(denominator))[0] < 0:
        numerator, denominator = -numerator, -denominator
    top, negative = _polynomial_form(numerator)
    bottom, _ = _polynomial_form(denominator)
    top_text = _text(top)
    if top.is_Add or (negative and top.is_Mul):
        top_text = f"({top_text})"
    bottom_text = _text(bottom)
    if not (bottom.is_Symbol or bottom.is_Integer or bottom.is_Pow):
        bottom_text = f"({bottom_text})"
    return ("-" if negative else "") + f"{top_text}/{bottom_text}"


def _number(value: Any) -> Number | None:
    """A Fraction (or float) from a sympy number; ``None`` if it is not a finite real."""
    import sympy

    if value is None or not getattr(value, "is_number", False):
        return None
    if value.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan):
        return None
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    if value.is_real:
        return float(value)
    return None


def _at(expr: Any, values: Mapping[Any, Any]) -> Number | None:
    try:
        return _number(expr.subs(values) if values else expr)
    except (TypeError, ZeroDivisionError):  # pragma: no cover - defensive
        return None


def _holds(expr: Any, strict: bool, values: Mapping[Any, Any]) -> bool | None:
    value = _at(expr, values)
    if value is None:
        return None
    return value > 0 if strict else value >= 0


_FLIP = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}


def _relation(lhs: Any, op: str, rhs: Any) -> tuple[str, Any]:
    """The text ``lhs op rhs`` and the same relation as a sympy object."""
    import sympy

    return f"{_text(lhs)} {op} {_text(rhs)}", sympy.Rel(lhs, rhs, op)


def _multivariate(expr: Any, strict: bool) -> tuple[str, Any]:
    """``expr >= 0`` (or ``> 0``) in several symbols as a readable inequality.

    Positive constant factors are divided out, the sign is normalised so the
    left side does not start with a minus, and a single polynomial factor is
    written ``non-constant part >= -constant`` (``relief*(e_US + 1) >= 5``).
    """
    import sympy

    op = ">" if strict else ">="
    expr = sympy.together(expr)
    numerator, denominator = sympy.fraction(expr)
    if denominator.free_symbols:
        factored = sympy.factor(expr)
        if factored.could_extract_minus_sign():
            return _relation(-factored, _FLIP[op], 0)
        return _relation(factored, op, 0)
    if denominator.is_negative:
        op = _FLIP[op]
    coefficient, factors = sympy.factor_list(sympy.expand(numerator))
    if coefficient < 0:
        op = _FLIP[op]
    if len(factors) == 1 and factors[0][1] == 1:
        constant, rest = factors[0][0].as_coeff_Add()
        content, primitive = rest.as_content_primitive()
        rhs = -constant / content
        if primitive.could_extract_minus_sign():
            primitive, rhs, op = -primitive, -rhs, _FLIP[op]
        return _relation(sympy.factor(primitive), op, rhs)
    product_ = sympy.Mul(*(f**k for f, k in factors))
    if product_.could_extract_minus_sign():
        product_, op = -product_, _FLIP[op]
    return _relation(product_, op, 0)


def _set_text(symbol: Any, region: Any) -> str:
    """A subset of the reals as inequalities in ``symbol``."""
    import sympy

    name = _text(symbol)
    if region == sympy.S.Reals:
        return "always"
    if region is sympy.S.EmptySet:
        return "never"
    if isinstance(region, sympy.Union):
        return " or ".join(_set_text(symbol, part) for part in region.args)
    if isinstance(region, sympy.FiniteSet):
        return " or ".join(f"{name} = {_text(v)}" for v in region.args)
    if isinstance(region, sympy.Interval):
        low, high = region.start, region.end
        lo_op = "<" if region.left_open else "<="
        hi_op = "<" if region.right_open else "<="
        if low == -sympy.oo:
            return f"{name} {hi_op} {_text(high)}"
        if high == sympy.oo:
            return f"{name} {_FLIP[lo_op]} {_text(low)}"
        return f"{_text(low)} {lo_op} {name} {hi_op} {_text(high)}"
    return f"{name} in {_text(region)}"  # pragma: no cover - other sets


@dataclass(frozen=True)
class _Part:
    """One simplified inequality: a region of one symbol, or a text in several."""

    symbol: Any = None
    region: Any = None
    text: str = ""
    relation: Any = None


def _linear(expr: Any, symbol: Any) -> tuple[Any, Any] | None:
    """``(a, b)`` when ``expr`` is ``a*symbol + b`` with rational ``a != 0``, else ``None``."""
    import sympy

    if not expr.is_polynomial(symbol):
        return None
    poly = sympy.Poly(expr, symbol)
    if poly.degree() != 1:
        return None
    slope, intercept = poly.all_coeffs()
    if not (slope.is_Rational and intercept.is_Rational):
        return None
    return slope, intercept


@lru_cache(maxsize=4096)
def _part(expr: Any, strict: bool) -> _Part | bool:
    """``expr >= 0`` (``> 0`` when strict) as a :class:`_Part`, or True/False when constant."""
    import sympy
    from sympy.solvers.inequalities import solve_univariate_inequality

    expr = sympy.cancel(sympy.together(expr))
    free = expr.free_symbols
    if not free:
        value = _number(expr)
        if value is None:
            return False
        return bool(value > 0) if strict else bool(value >= 0)
    if len(free) == 1:
        (symbol,) = free
        linear = _linear(expr, symbol)
        if linear is not None:
            slope, intercept = linear
            root = -intercept / slope
            if slope > 0:
                region = sympy.Interval(root, sympy.oo, left_open=strict)
            else:
                region = sympy.Interval(-sympy.oo, root, right_open=strict)
            return _Part(symbol=symbol, region=region)
        relation = sympy.StrictGreaterThan(expr, 0) if strict else sympy.GreaterThan(expr, 0)
        try:
            region = solve_univariate_inequality(relation, symbol, relational=False)
        except (NotImplementedError, ValueError, TypeError):  # pragma: no cover - exotic
            text, relation = _multivariate(expr, strict)
            return _Part(text=text, relation=relation)
        if region == sympy.S.Reals:
            return True
        if region is sympy.S.EmptySet:
            return False
        return _Part(symbol=symbol, region=region)
    text, relation = _multivariate(expr, strict)
    return _Part(text=text, relation=relation)


def _combine(
    parts: Sequence[_Part | bool], order: Sequence[Any]
) -> tuple[str, Status, Any]:
    """The conjunction of simplified inequalities, regions of one symbol intersected
    (and listed in the order of ``order``): text, status and a sympy boolean."""
    import sympy

    if any(p is False for p in parts):
        return "never", "never", sympy.false
    regions: dict[Any, Any] = {}
    texts: list[str] = []
    relations: list[Any] = []
    for part in parts:
        if isinstance(part, bool):
            continue
        if part.symbol is not None:
            key = part.symbol
            regions[key] = part.region if key not in regions else regions[key] & part.region
        elif part.text not in texts:
            texts.append(part.text)
            relations.append(part.relation)
    pieces: list[str] = []
    booleans: list[Any] = []
    rank = {symbol: k for k, symbol in enumerate(order)}
    for symbol, region in sorted(regions.items(), key=lambda kv: rank.get(kv[0], len(rank))):
        if region is sympy.S.EmptySet:
            return "never", "never", sympy.false
        pieces.append(_set_text(symbol, region))
        booleans.append(region.as_relational(symbol))
    pieces += texts
    booleans += relations
    if not pieces:
        return "always", "always", sympy.true
    if len(pieces) > 1:
        pieces = [f"({p})" if " or " in p else p for p in pieces]
    return " and ".join(pieces), "symbolic", sympy.And(*booleans)


def _condition(
    differences: Sequence[Any], strict: bool, values: Mapping[Any, Any]
) -> Condition:
    """All of ``d >= 0`` (``> 0`` when strict) for ``d`` in ``differences``."""
    import sympy

    parts = [_part(d, strict) for d in differences]
    text, status, simplified = _combine(parts, list(values))
    checks = [_holds(d, strict, values) for d in differences]
    holds: bool | None
    if status == "always":
        holds = True
    elif status == "never" or any(c is False for c in checks):
        holds = False
    elif any(c is None for c in checks):
        holds = None
    else:
        holds = True
    relation = sympy.StrictGreaterThan if strict else sympy.GreaterThan
    expression = sympy.And(*(relation(d, 0, evaluate=False) for d in differences))
    return Condition(text, status, holds, expression, simplified)


# -- pure profiles -------------------------------------------------------------------------------


def _profile_condition(
    tensor: Any,
    players: Sequence[str],
    actions: Sequence[Sequence[str]],
    index: tuple[int, ...],
    values: Mapping[Any, Any],
) -> ProfileCondition:
    deviations = []
    for i, player in enumerate(players):
        own = tensor[(i, *index)]
        for alt in range(len(actions[i])):
            if alt == index[i]:
                continue
            other = list(index)
            other[i] = alt
            difference = _expand(own - tensor[(i, *other)])
            deviations.append(
                Deviation(
                    player,
                    actions[i][index[i]],
                    actions[i][alt],
                    difference,
                    _condition([difference], False, values),
                )
            )
    profile = tuple(actions[i][k] for i, k in enumerate(index))
    condition = _condition([d.difference for d in deviations], False, values)
    return ProfileCondition(profile, tuple(deviations), condition)


def _expand(expr: Any) -> Any:
    import sympy

    return sympy.expand(expr)


# -- the completely mixed equilibrium of a 2x2 game ----------------------------------------------


def _ratio(numerator: Any, denominator: Any) -> Any | None:
    import sympy

    if sympy.simplify(denominator) == 0:
        return None
    return sympy.factor(sympy.cancel(numerator / denominator))


def _mixed(
    tensor: Any,
    players: Sequence[str],
    actions: Sequence[Sequence[str]],
    values: Mapping[Any, Any],
) -> MixedFormula:
    a, b = tensor[0], tensor[1]
    # the row player's mix makes the column player indifferent, and vice versa
    gains = {
        players[0]: (b[0, 0] - b[0, 1], b[1, 1] - b[1, 0]),
        players[1]: (a[0, 0] - a[1, 0], a[1, 1] - a[0, 1]),
    }
    probabilities: dict[str, tuple[Any, Any] | None] = {}
    current: dict[str, tuple[Number, Number] | None] = {}
    conditions: dict[str, Condition] = {}
    for player in players:
        x, y = (_expand(g) for g in gains[player])
        first = _ratio(y, x + y)
        if first is None:
            probabilities[player] = None
            current[player] = None
        else:
            second = _ratio(x, x + y)
            probabilities[player] = (first, second)
            now = (_at(first, values), _at(second, values))
            current[player] = None if None in now else now  # type: ignore[assignment]
        # 0 < p < 1 exactly when the two gains have the same sign, neither zero
        conditions[player] = _condition([_expand(x * y)], True, values)
    condition = _condition(
        [_expand(gains[p][0] * gains[p][1]) for p in players], True, values
    )
    return MixedFormula(
        tuple(players), tuple(tuple(a) for a in actions), probabilities, current, conditions,
        condition,
    )


# -- trust thresholds ----------------------------------------------------------------------------


def _current_game(tensor: Any, values: Mapping[Any, Any]) -> Any | None:
    """The payoff tensor at the current values, as Fractions (``None`` if not all rational)."""
    import numpy as np

    out = np.empty(tensor.shape, dtype=object)
    for idx in np.ndindex(tensor.shape):
        value = _at(tensor[idx], values)
        if value is None:
            return None
        out[idx] = value
    return out


def _cooperative_pairs(
    current: Any, profiles: Sequence[ProfileCondition], shape: tuple[int, ...]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The (cooperative, alternative) pairs whose trust thresholds are explained.

    At the current values: the payoff-dominant pure equilibrium against every
    other pure equilibrium when there is one; otherwise, in a 2×2 game, the
    profile better for both players than the diagonally opposite profile.
    """

    def pays(idx: tuple[int, int]) -> tuple[Any, Any]:
        return current[(0, *idx)], current[(1, *idx)]

    def better(p: tuple[int, int], q: tuple[int, int]) -> bool:
        return all(x > y for x, y in zip(pays(p), pays(q), strict=True))

    cells = list(product(range(shape[0]), range(shape[1])))
    now = [c for c, p in zip(cells, profiles, strict=True) if p.condition.holds]
    if len(now) >= 2:
        best = [p for p in now if all(better(p, q) for q in now if q != p)]
        if best:
            return [(best[0], q) for q in now if q != best[0]]
    if shape == (2, 2):
        for p in cells:
            q = (1 - p[0], 1 - p[1])
            if better(p, q):
                return [(p, q)]
    return []


def _trust(
    tensor: Any,
    players: Sequence[str],
    actions: Sequence[Sequence[str]],
    values: Mapping[Any, Any],
    profiles: Sequence[ProfileCondition],
) -> tuple[TrustFormulas, ...]:
    from .selection import trust_threshold

    current = _current_game(tensor, values)
    if current is None:
        return ()
    shape = tuple(tensor.shape[1:])
    holds = {
        cell: p.condition.holds
        for cell, p in zip(product(range(shape[0]), range(shape[1])), profiles, strict=True)
    }
    by_cell = dict(zip(product(range(shape[0]), range(shape[1])), profiles, strict=True))
    out = []
    for coop, other in _cooperative_pairs(current, profiles, shape):
        differences = [d.difference for cell in (coop, other) for d in by_cell[cell].deviations]
        if _condition(differences, False, values).status == "never":
            continue  # never both equilibria: no trust question to ask
        both_now = bool(holds[coop] and holds[other])
        formulas = []
        for i, player in enumerate(players):
            j = 1 - i

            def u(own: int, theirs: int, i: int = i) -> Any:
                return tensor[0, own, theirs] if i == 0 else tensor[1, theirs, own]

            mine, theirs_coop, theirs_alt = coop[i], coop[j], other[j]
            bounds = []
            for alt in range(shape[i]):
                if alt == mine:
                    continue
                gain_coop = _expand(u(mine, theirs_coop) - u(alt, theirs_coop))
                loss_alt = _expand(u(alt, theirs_alt) - u(mine, theirs_alt))
                formula = _ratio(loss_alt, gain_coop + loss_alt)
                value = None if formula is None else _at(formula, values)
                bounds.append(ThresholdBound(actions[i][alt], formula, value))
            threshold = trust_threshold(current, coop, other, i) if both_now else None
            formulas.append(
                TrustFormula(
                    player=player,
                    action=actions[i][mine],
                    partner=players[j],
                    partner_action=actions[j][theirs_coop],
                    rest_on=actions[j][theirs_alt],
                    bounds=tuple(bounds),
                    threshold=threshold,
                )
            )
        out.append(
            TrustFormulas(
                cooperative=(actions[0][coop[0]], actions[1][coop[1]]),
                alternative=(actions[0][other[0]], actions[1][other[1]]),
                formulas=tuple(formulas),
                both_equilibria_now=both_now,
            )
        )
    return tuple(out)
