"""Files in and out: scenario YAML and its sections, Gambit ``.nfg`` and ``.efg``.

:func:`~.load.load` reads a file into a :class:`~gametrust.scenario.scenario.Scenario`
with located errors: safe YAML with positions (:mod:`.yamlsource`), the
located :class:`~.reader.Reader` and one module per section
(:mod:`.scenario_data`, :mod:`.game_section`, :mod:`.tree_section`,
:mod:`.types_section`, :mod:`.claims_format`, :mod:`.conditions_format`).
Gambit's formats: :mod:`.gambit_nfg`, :mod:`.gambit_efg` (reading),
:mod:`.gambit_efg_write`, sharing :mod:`.gambit_text`.  Every file is read
through :mod:`.files`, never more than the ``file_bytes`` limit of it.

May import: ``scenario``, ``model``, ``core`` and PyYAML — never ``solvers``
(its sibling) or anything above.
"""
