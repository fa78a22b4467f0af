"""Backups and restores through SQLite's online backup API (the read-only look at a database
file they rely on is in ``storage/probe.py``).

Every copy is written atomically, through ``storage/files.py``: into a temporary file beside the
target, fsynced, then renamed into place, so a crash leaves either no target or a complete one.
A restore replaces the live database in one SQLite write transaction (the backup API into the
open database), so a crash leaves either the old data or the restored data, never a mix.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from trustcheck import messages
from trustcheck.paths import DB_FILENAME
from trustcheck.storage import migrations
from trustcheck.storage.db import (
    BACKUPS_DIRNAME,
    BUSY_TIMEOUT_MS,
    DIR_MODE,
    FILE_MODE,
    _ensure_private_file,
    ensure_private_dir,
)
from trustcheck.storage.errors import StorageError
from trustcheck.storage.files import (
    TargetExists,
    atomic_target,
    fsync_path,
    remove_stale_partials,
)
from trustcheck.storage.probe import (  # ``inspect`` and ``side_files``: callers import them here
    _holds_data,
    _wal_in_use,
    open_readonly,
)
from trustcheck.storage.probe import inspect as inspect
from trustcheck.storage.probe import side_files as side_files

KEEP_MIGRATION_BACKUPS = 5
KEEP_RESTORE_BACKUPS = 5
MIGRATION_PREFIX = "before-migration-"
RESTORE_PREFIX = "before-restore-"
SUFFIX = ".sqlite3"

#: Pages copied per backup step (-1: all in one step). Crash tests make it small.
STEP_PAGES = -1
#: Called after every step as ``(stage, remaining, total)``; crash tests pause here.
on_progress: Callable[[str, int, int], None] | None = None


class BackupError(StorageError):
    """A backup or restore that could not be done; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class RestoreResult:
    path: Path  # the live database
    restored_version: int  # the schema of the backup
    version: int  # the schema after upgrading it
    safety: Path | None  # where the data that was there before is kept


# --- small helpers -------------------------------------------------------------------------------


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUPS_DIRNAME


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _copy(source: sqlite3.Connection, target: sqlite3.Connection, stage: str) -> None:
    hook = on_progress
    if hook is None:
        source.backup(target, pages=STEP_PAGES, sleep=0.01)
        return

    def progress(_status: int, remaining: int, total: int) -> None:
        hook(stage, remaining, total)

    source.backup(target, pages=STEP_PAGES, progress=progress, sleep=0.01)


def _connect_live(path: Path) -> sqlite3.Connection:
    """A plain read-write connection to an existing database (no pragmas changed, no migration)."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


# --- writing a copy ------------------------------------------------------------------------------


def write_copy(
    source: sqlite3.Connection, target: Path, *, overwrite: bool = False, stage: str = "backup"
) -> Path:
    """Copy the database behind ``source`` into ``target``, atomically, mode 0600.

    The copy is a standalone file (rollback journal mode: no -wal beside it). Without
    ``overwrite`` an existing ``target`` is refused, also when it appears during the copy.
    """
    target = Path(os.path.abspath(target))
    folder = target.parent
    if not folder.is_dir():
        raise BackupError(messages.BACKUP_NO_FOLDER.format(path=folder))
    try:
        with atomic_target(target, overwrite=overwrite, suffix=".partial") as tmp:
            try:
                dst = sqlite3.connect(tmp, isolation_level=None)
                try:
                    _copy(source, dst, stage)
                    dst.execute("PRAGMA journal_mode = DELETE")
                finally:
                    dst.close()
            finally:
                with contextlib.suppress(OSError):
                    Path(f"{tmp}-journal").unlink(missing_ok=True)
    except TargetExists:
        raise BackupError(messages.BACKUP_EXISTS.format(path=target)) from None
    except (sqlite3.Error, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise BackupError(messages.BACKUP_FAILED.format(path=target, reason=reason)) from exc
    return target


def _unique(folder: Path, prefix: str, tail: str = "") -> Path:
    while True:
        candidate = folder / f"{prefix}{_stamp()}{tail}{SUFFIX}"
        if not candidate.exists():
            return candidate


def backup_to(data_dir: Path, target: Path, *, overwrite: bool = False) -> tuple[Path, int]:
    """``trustcheck backup``: copy the database of ``data_dir`` into ``target``.

    Returns the file written and the schema version it holds. Reads only: a database that needs
    upgrading is copied as it is.
    """
    db_path = data_dir / DB_FILENAME
    if not db_path.is_file() or db_path.stat().st_size == 0:
        raise BackupError(messages.BACKUP_NOTHING.format(path=data_dir))
    target = Path(os.path.abspath(target))
    live = {db_path.resolve(), *(p.resolve() for p in side_files(db_path))}
    if target.resolve() in live:
        raise BackupError(messages.BACKUP_IS_LIVE.format(path=target))
    # With the -wal in use another window has it open: read through it, read-only. Otherwise a
    # plain connection, which leaves nothing behind when it closes.
    conn = open_readonly(db_path) if _wal_in_use(db_path) else _connect_live(db_path)
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        written = write_copy(conn, target, overwrite=overwrite)
    except sqlite3.DatabaseError as exc:
        raise BackupError(messages.BACKUP_FAILED.format(path=target, reason=exc)) from exc
    finally:
        conn.close()
    return written, version


def backup_before_migration(conn: sqlite3.Connection, data_dir: Path, version: int) -> Path:
    """The automatic copy made before a migration: ``backups/before-migration-STAMP-vN``.

    Only the newest ``KEEP_MIGRATION_BACKUPS`` of them are kept (and ``KEEP_RESTORE_BACKUPS``
    of the copies made before a restore); leftovers of a copy that was killed are removed.
    """
    folder = backups_dir(data_dir)
    try:
        ensure_private_dir(folder)
        written = write_copy(
            conn, _unique(folder, MIGRATION_PREFIX, f"-v{version}"), stage="pre-migration"
        )
    except StorageError as exc:
        raise BackupError(
            messages.MIGRATION_BACKUP_FAILED.format(path=data_dir / DB_FILENAME, reason=exc)
        ) from exc
    rotate(folder, MIGRATION_PREFIX, KEEP_MIGRATION_BACKUPS)
    remove_stale_partials(folder, ".*.partial", written.stat().st_mtime)
    return written


def app_backups(data_dir: Path) -> list[Path]:
    """The copies trustcheck made itself in its ``backups/`` folder (before a migration or a
    restore), oldest first. Copies a person made elsewhere with ``backup`` are not listed."""
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(
        p
        for prefix in (MIGRATION_PREFIX, RESTORE_PREFIX)
        for p in folder.glob(f"{prefix}*{SUFFIX}")
        if p.is_file() and not p.is_symlink()
    )


def delete_files(paths: list[Path]) -> int:
    """Delete ``paths`` (best effort: one already gone is skipped); how many were deleted."""
    done = 0
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            done += 1
    return done


def rotate(folder: Path, prefix: str, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups named ``prefix…`` (the names sort by time)."""
    found = sorted(
        p for p in folder.glob(f"{prefix}*{SUFFIX}") if p.is_file() and not p.is_symlink()
    )
    removed = found[: max(0, len(found) - keep)]
    for old in removed:
        with contextlib.suppress(OSError):
            old.unlink()
    return removed


# --- looking at a database -----------------------------------------------------------------------


def validate_backup(source: Path) -> int:
    """Check that ``source`` is a whole trustcheck database this version can read; its schema."""
    if not source.is_file():
        raise BackupError(messages.RESTORE_MISSING.format(path=source))
    found = inspect(source, full=True)
    if found.error is not None:
        if found.error == "file is not a database":
            raise BackupError(
                messages.RESTORE_NOT_TRUSTCHECK.format(path=source, reason=found.error)
            )
        raise BackupError(messages.RESTORE_DAMAGED.format(path=source, reason=found.error))
    if found.integrity:
        raise BackupError(messages.RESTORE_DAMAGED.format(path=source, reason=found.integrity[0]))
    if not found.is_trustcheck:
        raise BackupError(
            messages.RESTORE_NOT_TRUSTCHECK.format(path=source, reason="no trustcheck tables")
        )
    if found.missing_tables:
        missing = ", ".join(sorted(found.missing_tables))
        raise BackupError(
            messages.RESTORE_DAMAGED.format(path=source, reason=f"tables missing: {missing}")
        )
    assert found.version is not None
    if found.version > migrations.schema_version():
        raise BackupError(
            messages.RESTORE_NEWER.format(
                path=source, found=found.version, known=migrations.schema_version()
            )
        )
    return found.version


# --- restoring -----------------------------------------------------------------------------------


@contextlib.contextmanager
def _page_sized(
    source: sqlite3.Connection, page_size: int, folder: Path
) -> Iterator[sqlite3.Connection]:
    """``source``, or a temporary copy of it with ``page_size`` pages (WAL targets need a match)."""
    if int(source.execute("PRAGMA page_size").fetchone()[0]) == page_size:
        yield source
        return
    fd, name = tempfile.mkstemp(prefix=".restore.", suffix=".partial", dir=folder)
    os.close(fd)
    tmp = Path(name)
    conn = sqlite3.connect(tmp, isolation_level=None)
    try:
        source.backup(conn)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute(f"PRAGMA page_size = {int(page_size)}")
        conn.execute("VACUUM")
        yield conn
    finally:
        conn.close()
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}-journal").unlink(missing_ok=True)


def _raw_safety_copy(db_path: Path, data_dir: Path) -> Path:
    """The files as they are, for a database SQLite cannot read (the backup API would fail)."""
    folder = backups_dir(data_dir)
    ensure_private_dir(folder)
    target = _unique(folder, RESTORE_PREFIX, "-unreadable")
    shutil.copyfile(db_path, target)
    os.chmod(target, FILE_MODE)
    wal, _ = side_files(db_path)
    if wal.exists():
        shutil.copyfile(wal, f"{target}-wal")
        os.chmod(f"{target}-wal", FILE_MODE)
    fsync_path(target)
    fsync_path(folder, directory=True)
    return target


def _replace_unreadable(source: sqlite3.Connection, db_path: Path) -> None:
    """Swap an unreadable database file for a copy of ``source`` by an atomic rename."""
    with atomic_target(db_path, overwrite=True, suffix=".partial") as tmp:
        try:
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                _copy(source, conn, "restore")
                conn.execute("PRAGMA journal_mode = DELETE")
            finally:
                conn.close()
        finally:
            Path(f"{tmp}-journal").unlink(missing_ok=True)
        for side in side_files(db_path):  # they belong to the old file: never apply them to ours
            side.unlink(missing_ok=True)


def restore_from(data_dir: Path, source: Path) -> RestoreResult:
    """``trustcheck restore``: replace the database of ``data_dir`` with the backup ``source``.

    ``source`` is checked whole first. Existing data is first copied to ``backups/`` (the
    result says where). The restored database is then upgraded if it is older (that upgrade makes
    its own pre-migration backup). Any failure leaves the data folder as it was.
    """
    from trustcheck.storage.db import Database

    source = Path(os.path.abspath(source))
    db_path = data_dir / DB_FILENAME
    if db_path.exists() and source.resolve() in {
        db_path.resolve(),
        *(p.resolve() for p in side_files(db_path)),
    }:
        raise BackupError(messages.RESTORE_IS_LIVE.format(path=source))
    restored_version = validate_backup(source)
    ensure_private_dir(data_dir)
    safety: Path | None = None
    src = open_readonly(source)
    try:
        existing = db_path.exists() and (db_path.stat().st_size > 0 or _wal_in_use(db_path))
        if not existing:
            for side in side_files(db_path):  # leftovers of a database that is gone
                side.unlink(missing_ok=True)
            _ensure_private_file(db_path)
        if existing:
            found = inspect(db_path)
            readable = found.error is None and not found.integrity
        else:
            readable = True
        if not readable:
            safety = _raw_safety_copy(db_path, data_dir)
            _replace_unreadable(src, db_path)
        else:
            dst = _connect_live(db_path)
            try:
                if existing and _holds_data(dst):
                    folder = backups_dir(data_dir)
                    ensure_private_dir(folder)
                    safety = write_copy(dst, _unique(folder, RESTORE_PREFIX), stage="safety")
                    rotate(folder, RESTORE_PREFIX, KEEP_RESTORE_BACKUPS)
                    remove_stale_partials(folder, ".*.partial", safety.stat().st_mtime)
                dst_wal = str(dst.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"
                page_size = int(dst.execute("PRAGMA page_size").fetchone()[0])
                fit = (
                    _page_sized(src, page_size, data_dir)
                    if dst_wal
                    else contextlib.nullcontext(src)
                )
                with fit as fitted:
                    # One write transaction on the live database: all of it lands, or none.
                    _copy(fitted, dst, "restore")
            finally:
                dst.close()
    except (sqlite3.Error, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise BackupError(messages.RESTORE_FAILED.format(path=db_path, reason=reason)) from exc
    finally:
        src.close()
    database = Database.open(data_dir)  # upgrades an older backup; fixes file modes
    try:
        version = database.schema_version()
    finally:
        database.close()
    _tighten(backups_dir(data_dir))
    return RestoreResult(db_path, restored_version, version, safety)


def _tighten(folder: Path) -> None:
    if folder.is_dir() and stat.S_IMODE(folder.stat().st_mode) != DIR_MODE:
        folder.chmod(DIR_MODE)
