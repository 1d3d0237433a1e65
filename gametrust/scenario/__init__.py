"""The scenario as a value: what a researcher describes, before any file or solver.

:class:`~.scenario.Scenario` (players and parameters in :mod:`.parts`,
checks in :mod:`.validation`), payoff expressions (:mod:`.expression`, a
whitelist parser in :mod:`.expression_syntax`; never ``eval``), moves in time
(:mod:`.moves`, :mod:`.treespec`), types and signals (:mod:`.typespec`),
claims and assumptions as data (:mod:`.claims`, :mod:`.conditions`,
:mod:`.family_names`), where each value was written (:mod:`.source_map`), and
the pure builders that turn a scenario into a game (:mod:`.build`,
:mod:`.build_types`).

May import: ``model`` and ``core``.  Reading files is ``formats``' job.
"""
