"""``trustcheck status [--check]``: one line, or (``--check``) an exit code, for shell prompts.

It runs at every prompt, so it reads as little as it can: no Typer, no services, no pack; a
read-only glance at the database (``services/status.py``) and the week rules home uses
(``core/schedule.py``). ``main`` sends the forms :func:`status_call` knows here; anything else
(``status --help``, a mistake) goes to the Typer app, whose ``status`` command runs :func:`run`.

Exit codes: 0 with the line printed. With ``--check`` nothing is printed: 0 when nothing is due,
3 (:data:`DUE_EXIT`) when a check-in is due or in progress. 1 for a problem, said in one line.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

#: ``status --check`` when a check-in is due or in progress (documented in the README).
DUE_EXIT = 3


class StatusCall(NamedTuple):
    data_dir: Path | None
    check: bool


def data_dir_prefix(argv: Sequence[str]) -> tuple[Path | None, list[str]]:
    """A leading ``--data-dir DIR`` (or ``--data-dir=DIR``) of ``argv``, and the rest of it."""
    args = list(argv)
    if len(args) >= 2 and args[0] == "--data-dir" and args[1] and not args[1].startswith("-"):
        return Path(args[1]).expanduser(), args[2:]
    if args and args[0].startswith("--data-dir=") and len(args[0]) > len("--data-dir="):
        return Path(args[0].partition("=")[2]).expanduser(), args[1:]
    return None, args


def status_call(argv: Sequence[str]) -> StatusCall | None:
    """The status call ``argv`` makes (``[--data-dir DIR] status [--check]``), or None."""
    data_dir, args = data_dir_prefix(argv)
    if args == ["status"]:
        return StatusCall(data_dir, check=False)
    if args == ["status", "--check"]:
        return StatusCall(data_dir, check=True)
    return None


def run(call: StatusCall) -> int:
    """Say the status (or, with ``check``, give it as the exit code); the exit code."""
    from trustcheck.core.errors import UserError

    try:
        if call.data_dir is not None:
            data_dir = call.data_dir
        else:
            from trustcheck.paths import default_data_dir

            data_dir = default_data_dir()
        from trustcheck.services import system_clock  # the package loads no service
        from trustcheck.services.status import status_line

        text, pending = status_line(data_dir, system_clock().now())
    except UserError as exc:
        from trustcheck.cli.launch import report

        report(exc)
        return 1
    if call.check:
        return DUE_EXIT if pending else 0
    sys.stdout.write(text + "\n")
    return 0
