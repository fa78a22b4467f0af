"""`trustcheck doctor`, `backup -o FILE` and `restore FILE`: looking after the data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from trustcheck.cli._app import FullHelpCommand, app, data_dir_path, fail, printable


def _marks() -> tuple[str, str]:
    """✓ and ✗, or plain ASCII where the output cannot show them."""
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "✓✗".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "ok", "XX"
    return "✓", "✗"


@app.command(cls=FullHelpCommand)
def doctor(
    full: Annotated[
        bool,
        typer.Option("--full", help="A full integrity check (slower) instead of the quick one."),
    ] = False,
) -> None:
    """Check paths, schema version, integrity, stored dates, permissions, packs and free disk.

    Changes nothing."""
    from trustcheck import messages
    from trustcheck.core.clock import TODAY_ENV, SystemClock, parse_today
    from trustcheck.services.ops import doctor as run_doctor

    try:
        today = SystemClock(parse_today(os.environ.get(TODAY_ENV))).now().date()
    except ValueError as exc:
        fail(str(exc))
    report = run_doctor(data_dir_path(), full=full, today=today)
    good, bad = _marks()
    for check in report.checks:
        mark = "!" if check.warning else good if check.ok else bad
        typer.echo(printable(f"{mark} {check.label}: {check.detail}"))
        if check.hint:
            typer.echo(printable(f"    hint: {check.hint}"))
    if report.problems:
        fail(messages.DOCTOR_PROBLEMS.format(n=len(report.problems)))
    typer.echo(messages.DOCTOR_ALL_GOOD)


@app.command(cls=FullHelpCommand)
def backup(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The backup file to write.", show_default=False)
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace OUTPUT if it exists.")] = False,
) -> None:
    """Copy the database into one file (SQLite's online backup; safe while the app is open)."""
    from trustcheck import messages
    from trustcheck.services.ops import BackupError
    from trustcheck.services.ops import backup as run_backup

    try:
        written, version = run_backup(data_dir_path(), output.expanduser(), force=force)
    except BackupError as exc:
        fail(str(exc))
    typer.echo(printable(messages.BACKUP_DONE.format(path=written, version=version)))


@app.command(cls=FullHelpCommand)
def restore(
    file: Annotated[Path, typer.Argument(help="A backup written by `trustcheck backup`.")],
) -> None:
    """Replace your data with a backup. What was there is first kept in the backups folder."""
    from trustcheck import messages
    from trustcheck.services.errors import StorageError
    from trustcheck.services.ops import restore as run_restore

    try:
        result = run_restore(data_dir_path(), file.expanduser())
    except StorageError as exc:
        fail(str(exc))
    if result.safety is not None:
        typer.echo(printable(messages.RESTORE_SAFETY.format(path=result.safety)))
    if result.version != result.restored_version:
        done = messages.RESTORE_MIGRATED.format(
            source=file, path=result.path, old=result.restored_version, version=result.version
        )
    else:
        done = messages.RESTORE_DONE.format(source=file, path=result.path, version=result.version)
    typer.echo(printable(done))
