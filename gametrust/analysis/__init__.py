"""What the solvers' answers mean: sweeps, families, selection, explanations, claims.

The one contract for every kind of game is :mod:`.run` (``solve``,
``analyse``, ``sweep``).  Sweeps share one parametric kernel
(:mod:`.parametric`, :mod:`.pieces`; basis polynomials on integers in
:mod:`.basis_polys`, candidate breakpoints and the sign test that skips the
inert ones in :mod:`.sweep_candidates`): normal form (:mod:`.sweep`), 2-D maps
(:mod:`.regions`), trees (:mod:`.tree_sweep`); games with types and costly
signals have their own exact engine (:mod:`.types_sweep`: Bayesian
:mod:`.bayesian_sweep` on :mod:`.type_polytopes`, signalling
:mod:`.signal_sweep` on :mod:`.signal_polys`; a prior, a common prior, a
parameter or empathy; :mod:`.prior_sweep` and trust thresholds
:mod:`.prior_trust`).
Game families (:mod:`.families`, :mod:`.topology`, :mod:`.structure`),
equilibrium selection and trust (:mod:`.selection`), exact conditions
(:mod:`.explain`), beliefs and the spiral of mistrust (:mod:`.beliefs`,
:mod:`.bayesian`), cost conditions of signals (:mod:`.separation`), and the
checking of claims (:mod:`.check`: proof by sweep, search by hypothesis).
Repeated games (a ``repeated:`` section): exact payoffs, Nash and
subgame-perfect sets in the discount (:mod:`.repeated` on the kernel
:mod:`.repeated_engine` and the exact sets of :mod:`.repeated_sets`), their
sweeps (:mod:`.repeated_sweep`), claims (:mod:`.repeated_check`), play
(:mod:`.repeated_play`) and the folk-theorem picture (:mod:`.folk`).
The exact sweeps a page to share embeds, one per slider: :mod:`.page_data`.
Learning (two players, on :mod:`.learning_game`): fictitious, stochastic
fictitious and replicator dynamics (:mod:`.dynamics`, nashpy's), exact
basins of 2x2 games under best-response dynamics (:mod:`.basins`) and the
logit QRE branch (:mod:`.qre`, floats).
Every function returns a value; the report layer renders it.

May import: ``solvers``, ``formats``, ``scenario``, ``model``, ``core`` (and
hypothesis, inside the claim search) — never ``report`` or ``testing``.
"""
