"""Games as values: what is being solved, and the certificates of equilibria.

:class:`~.game.NormalFormGame`, :class:`~.tree.GameTree` (and its reduced
normal form, :mod:`.reduced`, whose size :mod:`.tree_size` counts first),
:class:`~.bayesian.BayesianGame` (with its interim certificate, :mod:`.interim`),
:class:`~.signalling.SignallingGame` (and its belief sets), regret
(:mod:`.regret`: the one certificate of a Nash equilibrium), empathy models
(:mod:`.empathy`), the twelve ordinal 2x2 games (:mod:`.ordinal_games`).

May import: ``core`` only.
"""
