"""The one SQLite database: opening it safely, pragmas, permissions, migrations, transactions.

Storage owns every SQL statement and every byte on disk; nothing else opens the database.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from trustcheck import messages
from trustcheck.paths import DB_FILENAME
from trustcheck.storage import migrations
from trustcheck.storage.errors import (
    CorruptDatabaseError,
    NewerDatabaseError,
    StorageError,
    WriteFailed,
)

BUSY_TIMEOUT_MS = 10_000
DIR_MODE = 0o700
FILE_MODE = 0o600
#: The app's own copies (before a migration or a restore), inside the data folder.
BACKUPS_DIRNAME = "backups"


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` and make it 0700, whatever the umask; a parent folder created for it is
    0700 too (``mkdir(parents=True)`` would make those by the umask: 0777 under umask 000).
    Folders that were there already are left as they are, but ``path`` itself."""
    try:
        missing = [p for p in (path, *path.parents) if not p.exists()]
        for folder in reversed(missing):
            folder.mkdir(mode=DIR_MODE, exist_ok=True)
            if stat.S_IMODE(folder.stat().st_mode) != DIR_MODE:
                folder.chmod(DIR_MODE)
        if stat.S_IMODE(path.stat().st_mode) != DIR_MODE:
            path.chmod(DIR_MODE)
    except OSError as exc:
        raise StorageError(
            messages.DATA_DIR_UNUSABLE.format(path=path, reason=exc.strerror)
        ) from exc


def _ensure_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 before SQLite does, so it is never world-readable.

    SQLite gives the -wal and -shm files the database file's mode, so this covers them too.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    os.close(fd)
    if stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
        path.chmod(FILE_MODE)


class Database:
    """An open trustcheck database: one connection, autocommit, explicit transactions."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    @classmethod
    def open(cls, data_dir: Path) -> Database:
        """Open (creating if needed) the database in ``data_dir`` and bring its schema up to date.

        A database written by a newer trustcheck is refused before anything is written to it.
        """
        ensure_private_dir(data_dir)
        backups = data_dir / BACKUPS_DIRNAME
        if backups.is_dir() and not backups.is_symlink():
            ensure_private_dir(backups)  # a copy of everything: never looser than the data
        path = data_dir / DB_FILENAME
        try:
            _ensure_private_file(path)
        except OSError as exc:
            raise StorageError(messages.DB_UNUSABLE.format(path=path, reason=exc.strerror)) from exc
        version = _read_version(path)
        if version > migrations.schema_version():
            raise NewerDatabaseError(
                messages.DB_NEWER.format(
                    path=path, found=version, known=migrations.schema_version()
                )
            )
        conn = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
        try:
            db = cls(path, conn)
            if version == 0 and db._foreign_tables():  # read before anything is written
                # Another program's SQLite file: never migrate it into ours (issue 16).
                why = "it holds another program's tables"
                raise CorruptDatabaseError(messages.DB_CORRUPT.format(path=path, reason=why))
            _configure(conn)
            if 0 < version < migrations.schema_version() and db._holds_data():
                # Upgrading rewrites the schema: keep a copy of the data as it was first.
                from trustcheck.storage.backup import backup_before_migration

                backup_before_migration(conn, data_dir, version)
            db._migrate(version)
            for suffix in ("-wal", "-shm"):
                side = path.with_name(path.name + suffix)
                if side.exists() and stat.S_IMODE(side.stat().st_mode) != FILE_MODE:
                    side.chmod(FILE_MODE)
        except sqlite3.OperationalError as exc:
            # Busy, a full disk, an I/O error (a file-size limit too): the file is not to blame.
            conn.close()
            raise write_failed(exc, path) from exc
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise CorruptDatabaseError(messages.DB_CORRUPT.format(path=path, reason=exc)) from exc
        except BaseException:
            conn.close()
            raise
        return db

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def reader(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection of its own to the same database, for a read in another thread:
        in WAL mode a reader neither waits for the writer nor holds it up, and it sees committed
        data only. Closed when the block ends."""
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        # Not bound to the opening thread: a reader may be left and closed elsewhere.
        conn = sqlite3.connect(
            uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
        try:
            yield conn
        finally:
            conn.close()

    def forget_old_pages(self) -> None:
        """Copy the write-ahead log into the database and empty the log file (best effort).

        ``secure_delete`` zeroes replaced rows in the database file, but the log still holds the
        pages as they were. Called after clear text was replaced by its seal (a draft turned
        private), so the earlier text is left in no file. A reader in another window may keep
        the log from being emptied; the next checkpoint then does it.
        """
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()

    def change_stamp(self) -> tuple[int, int]:
        """Changes since: another connection's commits (``PRAGMA data_version``) and this
        connection's own rows written (``total_changes``). Equal stamps: nothing was written."""
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        return int(version), self.conn.total_changes

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One user action = one ``BEGIN IMMEDIATE`` transaction: all of it is stored, or none.

        A write that cannot happen (another window holding the lock past the timeout, a full
        disk, a file-size limit, an I/O error) raises :class:`WriteFailed`, one line that says
        which, with nothing stored.
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise write_failed(exc, self.path) from exc
        try:
            yield self.conn
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError | OSError):
                raise write_failed(exc, self.path) from exc
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise write_failed(exc, self.path) from exc

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def is_empty(self) -> bool:
        """True when no profile and no check-in has been stored yet."""
        row = self.conn.execute(
            "SELECT (SELECT count(*) FROM profiles) + (SELECT count(*) FROM checkins)"
        ).fetchone()
        return int(row[0]) == 0

    def _foreign_tables(self) -> bool:
        """Whether the file holds tables while its schema is still 0: another program's (ours
        are made by the migrations, which set the version in the same transaction). Read in one
        statement, so a window migrating this very file meanwhile is never mistaken for one."""
        row = self.conn.execute(
            "SELECT count(*), (SELECT user_version FROM pragma_user_version) FROM sqlite_master "
            "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()
        return int(row[0]) > 0 and int(row[1]) == 0

    def _holds_data(self) -> bool:
        """Anything worth a backup: data in our tables, or tables we do not know."""
        try:
            return not self.is_empty()
        except sqlite3.DatabaseError:
            return True

    def _migrate(self, version: int) -> None:
        for number in range(version, migrations.schema_version()):
            with self.transaction() as conn:
                if int(conn.execute("PRAGMA user_version").fetchone()[0]) > number:
                    continue  # another process applied it first
                for statement in _statements(migrations.MIGRATIONS[number]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number + 1}")


def _read_version(path: Path) -> int:
    """``user_version``, read without writing anything beside or into the file.

    With no -wal the file header is authoritative (offset 60). A leftover -wal may hold a newer
    header: read it over a read-only connection, which never checkpoints on close.
    """
    wal = path.with_name(path.name + "-wal")
    try:
        if not (wal.exists() and wal.stat().st_size > 0):
            with path.open("rb") as f:
                header = f.read(100)
            if not header:
                return 0  # the empty file we just created
            if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
                raise CorruptDatabaseError(
                    messages.DB_CORRUPT.format(path=path, reason="file is not a database")
                )
            return int.from_bytes(header[60:64], "big")
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
        try:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(messages.DB_CORRUPT.format(path=path, reason=exc)) from exc
    except OSError as exc:
        raise StorageError(messages.DB_UNUSABLE.format(path=path, reason=exc.strerror)) from exc


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Two openers switching to WAL at once get SQLITE_BUSY without the busy handler: retry.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)
    # FULL: every commit is fsynced, so an answer that was acknowledged survives power loss.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")


def write_failed(exc: sqlite3.OperationalError | OSError, path: Path) -> WriteFailed:
    """What a failed write was, in one line: busy, a full disk, or the reason as given."""
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            return WriteFailed(messages.DISK_FULL)
        return WriteFailed(messages.DB_WRITE_FAILED.format(path=path, reason=exc.strerror or exc))
    reason = str(exc)
    if "locked" in reason or "busy" in reason:
        return WriteFailed(messages.DB_BUSY)
    if "full" in reason:
        return WriteFailed(messages.DISK_FULL)
    if "I/O" in reason:
        return WriteFailed(messages.DB_IO_ERROR.format(path=path))
    return WriteFailed(messages.DB_WRITE_FAILED.format(path=path, reason=reason))


def _statements(script: str) -> list[str]:
    """Split a migration into statements so they run inside our transaction.

    ``executescript`` would commit first. A piece ends where SQLite says a statement is
    complete (``sqlite3.complete_statement``), so a trigger's body, with its own semicolons,
    stays one statement; our migrations hold no semicolons inside literals.
    """
    out: list[str] = []
    piece = ""
    for part in script.split(";"):
        piece += part + ";"
        if sqlite3.complete_statement(piece):
            if piece.strip(" \n;"):
                out.append(piece.strip())
            piece = ""
    if piece.strip(" \n;"):
        out.append(piece.strip())
    return out
