"""The one SQLite database: opening it safely, pragmas, permissions, migrations, transactions.

Storage owns every SQL statement and every byte on disk; nothing else opens the database.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

from trustcheck import messages
from trustcheck.paths import DB_FILENAME
from trustcheck.storage import migrations
from trustcheck.storage.errors import CorruptDatabaseError, NewerDatabaseError, StorageError

BUSY_TIMEOUT_MS = 10_000
DIR_MODE = 0o700
FILE_MODE = 0o600


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) and make the folder itself 0700, whatever the umask."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
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
        path = data_dir / DB_FILENAME
        try:
            _ensure_private_file(path)
        except OSError as exc:
            raise StorageError(messages.DB_UNUSABLE.format(path=path, reason=exc.strerror)) from exc
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            version = _read_version(conn, path)
            if version > migrations.schema_version():
                raise NewerDatabaseError(
                    messages.DB_NEWER.format(
                        path=path, found=version, known=migrations.schema_version()
                    )
                )
            _configure(conn)
            db = cls(path, conn)
            db._migrate(version)
            for suffix in ("-wal", "-shm"):
                side = path.with_name(path.name + suffix)
                if side.exists() and stat.S_IMODE(side.stat().st_mode) != FILE_MODE:
                    side.chmod(FILE_MODE)
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
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One user action = one ``BEGIN IMMEDIATE`` transaction: all of it is stored, or none."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def is_empty(self) -> bool:
        """True when no profile and no check-in has been stored yet."""
        row = self.conn.execute(
            "SELECT (SELECT count(*) FROM profiles) + (SELECT count(*) FROM checkins)"
        ).fetchone()
        return int(row[0]) == 0

    def _migrate(self, version: int) -> None:
        for number in range(version, migrations.schema_version()):
            with self.transaction() as conn:
                for statement in _statements(migrations.MIGRATIONS[number]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number + 1}")


def _read_version(conn: sqlite3.Connection, path: Path) -> int:
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(messages.DB_CORRUPT.format(path=path, reason=exc)) from exc


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: every commit is fsynced, so an answer that was acknowledged survives power loss.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")


def _statements(script: str) -> list[str]:
    """Split a migration into statements so they run inside our transaction.

    ``executescript`` would commit first; our migrations hold no semicolons inside literals.
    """
    return [s.strip() for s in script.split(";") if s.strip()]
