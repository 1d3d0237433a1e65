"""Hypothesis strategies that build valid games by construction (``gametrust.strategies``).

Games and payoff tables (:mod:`.games`), games of a named family
(:mod:`.family_games`), trees of perfect recall (:mod:`.trees`), type spaces
(:mod:`.type_spaces`) and parameter assignments within a scenario's
assumptions (:mod:`.assignments`); :mod:`.strategies` gathers them, and
``gametrust.strategies`` is the public name.

May import: every layer below ``report`` and hypothesis — never ``report``
(its sibling); nothing in the package imports it.
"""
