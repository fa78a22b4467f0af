"""A read-only look at a database file: open it without writing, and say what is in it.

Nothing here changes the file or creates files beside it (``doctor``, and ``restore`` checking a
backup before it trusts it). Moved out of ``backup.py``, which re-exports these names.
"""

from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from trustcheck.storage import migrations
from trustcheck.storage.db import BUSY_TIMEOUT_MS

SQLITE_MAGIC = b"SQLite format 3\x00"
#: Tables every trustcheck database has had since schema 1.
CORE_TABLES = frozenset({"settings", "profiles", "checkins"})
#: At most this many integrity problems are listed; the rest are counted.
MAX_PROBLEMS = 20


@dataclass(frozen=True, slots=True)
class Inspection:
    """What a read-only look at a database file found. ``error``: it could not be read at all."""

    path: Path
    version: int | None = None
    tables: frozenset[str] = frozenset()
    wal: bool = False
    integrity: tuple[str, ...] = ()  # problems; empty when the check said ok
    foreign_keys: tuple[str, ...] = ()
    holds_data: bool = False
    error: str | None = None
    #: Dates and times that cannot be read, one line per column ("3 in checkins.started_at").
    damaged_values: tuple[str, ...] = ()

    @property
    def is_trustcheck(self) -> bool:
        return self.version is not None and self.version >= 1 and self.tables >= CORE_TABLES

    @property
    def missing_tables(self) -> frozenset[str]:
        """The tables its schema version should have and it has not (issue 16: a backup with
        ``journal_entries`` dropped was restored, and ``doctor`` said all was fine)."""
        if self.version is None or not 1 <= self.version <= migrations.schema_version():
            return frozenset()
        return expected_tables(self.version) - self.tables


@functools.cache
def expected_tables(version: int) -> frozenset[str]:
    """The tables of a trustcheck database at schema ``version``: the migrations up to it,
    applied to an empty database in memory."""
    conn = sqlite3.connect(":memory:")
    try:
        for script in migrations.MIGRATIONS[:version]:
            conn.executescript(script)
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    finally:
        conn.close()
    return frozenset(str(r[0]) for r in rows if not str(r[0]).startswith("sqlite_"))


def side_files(path: Path) -> tuple[Path, Path]:
    """The -wal and -shm files SQLite keeps beside ``path``."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _wal_in_use(path: Path) -> bool:
    wal, _ = side_files(path)
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def open_readonly(path: Path) -> sqlite3.Connection:
    """A connection that never writes into ``path`` or creates files beside it.

    With no -wal in use nobody has the database open: read it as immutable (no lock files). With
    one, read it through the -wal (read-only, which never checkpoints).
    """
    uri = path.resolve().as_uri()
    if _wal_in_use(path):
        return sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)


def _holds_data(conn: sqlite3.Connection) -> bool:
    try:
        row = conn.execute(
            "SELECT (SELECT count(*) FROM profiles) + (SELECT count(*) FROM checkins)"
        ).fetchone()
    except sqlite3.DatabaseError:
        return True  # not our tables: treat it as precious
    return int(row[0]) > 0


def _header(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(100)


def inspect(path: Path, *, full: bool = False) -> Inspection:
    """Read ``path`` without changing anything: version, tables, integrity, foreign keys."""
    try:
        header = _header(path)
    except OSError as exc:
        return Inspection(path, error=str(exc.strerror or exc))
    if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
        return Inspection(path, error="file is not a database")
    wal = header[18] == 2 and header[19] == 2
    try:
        conn = open_readonly(path)
    except sqlite3.Error as exc:
        return Inspection(path, wal=wal, error=str(exc))
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = frozenset(
            str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
        integrity = _integrity(conn, "integrity_check" if full else "quick_check")
        foreign = _foreign_keys(conn)
        if integrity and foreign and foreign[0].startswith("cannot check"):
            foreign = ()  # the damage already reported, not a second problem
        holds = _holds_data(conn) if tables >= CORE_TABLES else bool(tables)
        damaged = _damaged_times(conn, tables) if not integrity else ()
    except sqlite3.DatabaseError as exc:
        return Inspection(path, wal=wal, error=str(exc))
    finally:
        conn.close()
    return Inspection(
        path,
        version=version,
        tables=tables,
        wal=wal,
        integrity=integrity,
        foreign_keys=foreign,
        holds_data=holds,
        damaged_values=damaged,
    )


#: A stored week or time that Python cannot read back: not ``YYYY-MM-DD…``, not a real day (a
#: ``+0 days`` moves 30 February on, and so tells it apart), or not a time SQLite can read either.
_UNREADABLE = (
    "{c} IS NOT NULL AND (typeof({c}) != 'text' "
    "OR {c} NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' "
    "OR date(substr({c}, 1, 10), '+0 days') IS NOT substr({c}, 1, 10) "
    "OR julianday({c}) IS NULL)"
)


def _damaged_times(conn: sqlite3.Connection, tables: frozenset[str]) -> tuple[str, ...]:
    """Every week and time column (``week``, ``*_at``) holding values that cannot be read: a
    file edited behind the app's back (issue 16). Counted per column."""
    found: list[str] = []
    for table in sorted(tables):
        if table.startswith("sqlite_"):
            continue
        columns = [str(r[1]) for r in conn.execute(f"PRAGMA table_info('{table}')")]
        for column in columns:
            if column != "week" and not column.endswith("_at"):
                continue
            where = _UNREADABLE.format(c=f'"{column}"')
            (n,) = conn.execute(f'SELECT count(*) FROM "{table}" WHERE {where}').fetchone()
            if n:
                found.append(f"{n} in {table}.{column}")
    return tuple(found)


def _integrity(conn: sqlite3.Connection, pragma: str) -> tuple[str, ...]:
    """The problems ``PRAGMA quick_check`` / ``integrity_check`` finds, one per line."""
    lines: list[str] = []
    try:
        for (row,) in conn.execute(f"PRAGMA {pragma}({MAX_PROBLEMS + 1})"):
            for line in str(row).splitlines():
                if line.strip() and not line.startswith("*** in database"):
                    lines.append(line.strip())
    except sqlite3.DatabaseError as exc:
        lines.append(str(exc))
    if lines == ["ok"]:
        return ()
    if len(lines) > MAX_PROBLEMS:
        return (*lines[:MAX_PROBLEMS], "… and more")
    return tuple(lines)


def _foreign_keys(conn: sqlite3.Connection) -> tuple[str, ...]:
    fk: dict[tuple[str, str], int] = {}
    try:
        for table, _rowid, parent, _fkid in conn.execute("PRAGMA foreign_key_check"):
            fk[(str(table), str(parent))] = fk.get((str(table), str(parent)), 0) + 1
    except sqlite3.DatabaseError as exc:
        return (f"cannot check: {exc}",)
    return tuple(
        f"{n} row(s) of {table} point to a missing {parent} row"
        for (table, parent), n in sorted(fk.items())
    )
