"""The Typer app with every command registered (each command group lives in its own module and
registers itself on the one ``app``; ``cli/dispatch.py`` says which). The console entry point
registers only the command it runs (``dispatch.run``); importing this module registers them all,
for tests and tools that want the whole app."""

from __future__ import annotations

from trustcheck.cli._app import app
from trustcheck.cli.dispatch import MODULES, register, run

register(MODULES)

__all__ = ["app", "run"]
