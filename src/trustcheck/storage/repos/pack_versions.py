"""Pack versions: the wording of each pack version that was answered."""

from __future__ import annotations

import datetime as dt
import sqlite3

from trustcheck.storage.db import Database
from trustcheck.storage.repos._rows import (
    _ts,
)

_ADD_VERSION = (
    "INSERT INTO pack_versions(pack_id, version, items_json, first_used_at) "
    "VALUES (?, ?, ?, ?) ON CONFLICT(pack_id, version) DO NOTHING"
)


def add_version(
    conn: sqlite3.Connection, pack_id: str, version: int, snapshot: str, now: dt.datetime
) -> None:
    """Keep the first snapshot of a version (inside the caller's transaction); a later one for
    the same version is ignored."""
    conn.execute(_ADD_VERSION, (pack_id, version, snapshot, _ts(now)))


class PackVersionRepo:
    """The wording of each pack version, stored the first time that version is answered."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, pack_id: str, version: int) -> str | None:
        row = self.db.conn.execute(
            "SELECT items_json FROM pack_versions WHERE pack_id = ? AND version = ?",
            (pack_id, version),
        ).fetchone()
        return None if row is None else str(row[0])

    def add(self, pack_id: str, version: int, snapshot: str, now: dt.datetime) -> None:
        """Keep the first snapshot of a version; a later one for the same version is ignored."""
        with self.db.transaction() as conn:
            add_version(conn, pack_id, version, snapshot, now)

    def all(self) -> dict[tuple[str, int], str]:
        rows = self.db.conn.execute("SELECT pack_id, version, items_json FROM pack_versions")
        return {(str(r[0]), int(r[1])): str(r[2]) for r in rows}
