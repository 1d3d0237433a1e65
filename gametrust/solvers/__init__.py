"""Every solver and the results it returns, each result certified.

Normal form: :func:`~.solve.solve` picks :mod:`.vertex_enumeration` (every
extreme equilibrium of a two-player game, exact), :mod:`.pure`,
:mod:`.lemke_howson` or nashpy's support enumeration; results in
:mod:`.result` (:class:`~.result.Result` is the protocol every result
satisfies).  Trees: :mod:`.extensive` (:mod:`.tree_result`).  Types:
:mod:`.bayesian` (:mod:`.bayesian_result`).  Costly signals:
:mod:`.signalling` (:mod:`.signalling_result`, :mod:`.signalling_certificate`).
The one dispatch over the kind of game is :func:`gametrust.analysis.run.solve`.

May import: ``scenario``, ``model`` and ``core`` — never
``formats`` (its sibling), yaml, matplotlib, hypothesis or click.
"""
