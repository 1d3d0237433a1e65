"""The bottom layer: what every other layer needs and nothing game-specific.

Errors with locations (:mod:`.errors`, one ``fail`` helper), exact numbers
(:mod:`.exact`), exact polynomials (:mod:`.polynomial`), their certified real
roots (:mod:`.real_roots`) as exact real algebraic numbers (:mod:`.algebraic`), exact
linear algebra (:mod:`.linalg`), text wrapping (:mod:`.text`), the notebook
display registry (:mod:`.display`), a read-only mapping that pickles
(:mod:`.frozen`), the limits on the work one input may ask
for (:mod:`.limits`), progress steps that long computations report
(:mod:`.progress`) and the version (:mod:`.version`).

May import: the standard library, numpy, sympy and python-flint only — no other
gametrust layer.
"""
