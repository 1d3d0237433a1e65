"""Scenario files to validated :class:`~gametrust.scenario.Scenario` objects.

:func:`load` reads a file (YAML, or a Gambit ``.nfg`` / ``.efg``), :func:`loads`
reads text, and :func:`~gametrust.formats.scenario_data.scenario_from_data`
(also importable from here) validates plain data.  Every check names
the file, line, column and key path of the problem, in one
:class:`~gametrust.core.errors.ScenarioError` (or its subclass
:class:`~gametrust.core.errors.ExpressionError` for a bad expression).  The format
is documented in ``docs/scenario-format.md``; a JSON Schema ships as
``gametrust/schemas/scenario.schema.json``.

>>> s = loads('''
... gametrust: 1
... title: Stag Hunt
... players:
...   A: {actions: [Stag, Hare]}
...   B: {actions: [Stag, Hare]}
... payoffs:
...   A: [[3, 0], [2, 2]]
...   B: [[3, 2], [0, 2]]
... ''')
>>> s.base_game().payoff(("Stag", "Hare"))
(Fraction(0, 1), Fraction(2, 1))
>>> loads('''
... gametrust: 1
... titel: Stag Hunt
... ''', "hunt.yaml")
Traceback (most recent call last):
...
gametrust.core.errors.ScenarioError: hunt.yaml:3:1: titel: unknown key 'titel' (did you mean 'title'?); the top level may have: gametrust, title, description, sources, players, parameters, payoffs, empathy, empathy_model, tree, order, verification, commitments, assumptions, claims, types, signalling, beliefs, repeated, leadership
"""  # noqa: E501

from __future__ import annotations

import os

from ..core.errors import ScenarioError
from ..scenario.scenario import Scenario
from .files import read_capped
from .scenario_data import scenario_from_data
from .yamlsource import load_yaml

__all__ = ["load", "loads", "scenario_from_data"]


def loads(text: str | bytes, file: str = "<string>") -> Scenario:
    """A scenario from YAML text; ``file`` names it in error messages."""
    data, where = load_yaml(text, file)
    return scenario_from_data(data, where)


def load(path: str | os.PathLike[str]) -> Scenario:
    """A scenario from a file: YAML (any extension), or a Gambit ``.nfg`` / ``.efg`` file.

    A missing or unreadable file raises :class:`ScenarioError` naming it; a file
    longer than the ``file_bytes`` limit (:mod:`gametrust.core.limits`) is not read.
    """
    name = os.fspath(path)
    if name.lower().endswith(".nfg"):
        from .gambit_nfg import read_nfg

        return read_nfg(name)
    if name.lower().endswith(".efg"):
        from .gambit_efg import read_efg_scenario

        return read_efg_scenario(name)
    content = read_capped(name, ScenarioError)
    data, where = load_yaml(content, name)
    return scenario_from_data(data, where, path=name)
