"""Moving all of a data folder out and back in: the JSON dump's format (``format``), reading and
validating it (``reader``, ``fields``, ``checks``), and the rows an import writes (``importer``).

Below ``services``: it imports ``core``, ``storage`` and the wording in ``messages`` only; the CLI
and the TUI reach it through ``trustcheck.services.export`` and ``trustcheck.services.importer``.
"""
