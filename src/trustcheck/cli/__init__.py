"""The command line (Typer). Importing this package stays light: Textual, the storage layer and
plotting are imported inside the commands that need them, so ``trustcheck --help`` starts fast.

Each command group lives in its own module and registers itself on the one ``app``.
"""

from __future__ import annotations

import sys

import typer

from trustcheck.cli import checkin, export, journal, ops, packs, profile, trends  # noqa: F401  (register commands)
from trustcheck.cli._app import app
from trustcheck.core.errors import UserError

__all__ = ["app", "main"]


def main() -> None:
    """Console entry point: known errors become one line on stderr and exit code 1."""
    try:
        app()
    except UserError as exc:
        from trustcheck.core.text import visible_controls

        # The message may quote what was typed: no ESC/C1 from it reaches the terminal.
        typer.echo(f"trustcheck: {visible_controls(str(exc))}", err=True)
        sys.exit(1)
