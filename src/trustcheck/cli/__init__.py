"""The command line (Typer). Importing this package stays light: Textual, the storage layer and
plotting are imported inside the commands that need them, so ``trustcheck --help`` starts fast.

Each command group lives in its own module and registers itself on the one ``app``.
"""

from __future__ import annotations

import sys

import typer

from trustcheck.cli import checkin, export, journal, ops, packs, profile, trends  # noqa: F401  (register commands)
from trustcheck.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console entry point: known errors become one line on stderr and exit code 1."""
    from trustcheck.errors import user_error_types

    try:
        app()
    except user_error_types() as exc:
        typer.echo(f"trustcheck: {exc}", err=True)
        sys.exit(1)
