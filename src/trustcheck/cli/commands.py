"""The Typer app with every command registered (each command group lives in its own module and
registers itself on the one ``app``)."""

from __future__ import annotations

import sys

from trustcheck.cli import (  # noqa: F401
    checkin,
    export,
    history,
    journal,
    ops,
    packs,
    profile,
    remind,
    trends,
)
from trustcheck.cli._app import app
from trustcheck.cli.launch import report
from trustcheck.core.errors import UserError

__all__ = ["app", "run"]


def run() -> None:
    """Parse ``sys.argv`` and run the command: known errors become one line on stderr and exit
    code 1."""
    try:
        app()
    except UserError as exc:
        report(exc)
        sys.exit(1)
