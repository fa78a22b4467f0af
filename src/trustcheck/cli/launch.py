"""Opening the app without the command parser.

``trustcheck`` and ``trustcheck --data-dir DIR`` (``--data-dir=DIR``) open the app: the call a
person makes most, and the one whose start they watch. Those two forms are recognised here and
start the TUI without importing Typer; every other call, including any mistake in these forms,
goes to the Typer app (``cli/commands.py``), which parses and explains it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, NamedTuple

Start = Literal["home", "checkin"]


class Launch(NamedTuple):
    """An app launch: the data folder given with ``--data-dir`` (None: the default one)."""

    data_dir: Path | None


def app_launch(argv: Sequence[str]) -> Launch | None:
    """The launch ``argv`` asks for, or None when it is anything else (a command, an option,
    a mistake): that is the command parser's to read."""
    if not argv:
        return Launch(None)
    if len(argv) == 2 and argv[0] == "--data-dir" and argv[1] and not argv[1].startswith("-"):
        return Launch(Path(argv[1]).expanduser())
    if len(argv) == 1 and argv[0].startswith("--data-dir=") and len(argv[0]) > len("--data-dir="):
        return Launch(Path(argv[0].partition("=")[2]).expanduser())
    return None


def run_tui(start: Start, data_dir: Path | None = None) -> int:
    """Open the app on ``data_dir`` (default: ``TRUSTCHECK_DATA_DIR``, else the user data
    folder) at home or at this week's check-in; the process's exit code (non-zero after a
    crash). A known problem (a newer or damaged database, a bad ``TRUSTCHECK_TODAY``) raises
    :class:`~trustcheck.core.errors.UserError`."""
    from trustcheck.cli.hardening import keep_memory_private
    from trustcheck.paths import default_data_dir
    from trustcheck.services import open_services

    keep_memory_private()  # before any key or private text is in memory
    services = open_services(data_dir or default_data_dir())
    try:
        # Textual costs ~150 ms to import: only the TUI path pays it.
        from trustcheck.tui.app import build_app

        app = build_app(services, start=start)
        app.run()
        return app.return_code or 0
    finally:
        services.close()


def report(exc: Exception) -> None:
    """A known error as one line on stderr (no ESC or C1 from what was typed)."""
    from trustcheck.core.text import visible_controls

    sys.stderr.write(f"trustcheck: {visible_controls(str(exc))}\n")
