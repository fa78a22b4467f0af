"""Profiles: the people who check in, added, renamed, removed and restored."""

from __future__ import annotations

import datetime as dt
import sqlite3

from trustcheck import messages
from trustcheck.core.models import (
    Profile,
)
from trustcheck.storage.db import Database
from trustcheck.storage.errors import ConflictError
from trustcheck.storage.repos._rows import (
    _parse_ts,
    _ts,
)


class ProfileRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def active(self) -> list[Profile]:
        rows = self.db.conn.execute(
            "SELECT id, name, position FROM profiles WHERE removed_at IS NULL ORDER BY position, id"
        ).fetchall()
        return [Profile(int(r[0]), str(r[1]), int(r[2])) for r in rows]

    def get(self, profile_id: int) -> Profile:
        row = self.db.conn.execute(
            "SELECT id, name, position FROM profiles WHERE id = ?", (profile_id,)
        ).fetchone()
        if row is None:
            raise KeyError(profile_id)
        return Profile(int(row[0]), str(row[1]), int(row[2]))

    def by_name(self, name: str) -> Profile | None:
        row = self.db.conn.execute(
            "SELECT id, name, position FROM profiles WHERE name = ? AND removed_at IS NULL", (name,)
        ).fetchone()
        return None if row is None else Profile(int(row[0]), str(row[1]), int(row[2]))

    def add(self, name: str, now: dt.datetime) -> Profile:
        with self.db.transaction() as conn:
            position = conn.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM profiles WHERE removed_at IS NULL"
            ).fetchone()[0]
            try:
                cur = conn.execute(
                    "INSERT INTO profiles(name, position, created_at) VALUES (?, ?, ?)",
                    (name, position, _ts(now)),
                )
            except sqlite3.IntegrityError as exc:
                raise ConflictError(messages.PROFILE_EXISTS.format(name=name)) from exc
            assert cur.lastrowid is not None
            return Profile(cur.lastrowid, name, int(position))

    def removed(self) -> list[tuple[Profile, dt.datetime]]:
        """The removed profiles with when each was removed, most recently removed first."""
        rows = self.db.conn.execute(
            "SELECT id, name, position, removed_at FROM profiles WHERE removed_at IS NOT NULL "
            "ORDER BY removed_at DESC, id DESC"
        ).fetchall()
        result = []
        for r in rows:
            removed_at = _parse_ts(str(r[3]))
            assert removed_at is not None
            result.append((Profile(int(r[0]), str(r[1]), int(r[2])), removed_at))
        return result

    def remove(self, profile_id: int, now: dt.datetime) -> None:
        """Hide a profile from now on; its history stays, so past check-ins still read whole."""
        with self.db.transaction() as conn:
            conn.execute("UPDATE profiles SET removed_at = ? WHERE id = ?", (_ts(now), profile_id))
            rows = conn.execute(
                "SELECT id FROM profiles WHERE removed_at IS NULL ORDER BY position, id"
            ).fetchall()
            for position, (pid,) in enumerate(rows):
                conn.execute("UPDATE profiles SET position = ? WHERE id = ?", (position, pid))

    def restore(self, profile_id: int) -> Profile:
        """Bring a removed profile back, after the people here now; its id (and so its key, its
        journal and its history) is the one it always had."""
        with self.db.transaction() as conn:
            position = conn.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM profiles WHERE removed_at IS NULL"
            ).fetchone()[0]
            (name,) = conn.execute(
                "SELECT name FROM profiles WHERE id = ?", (profile_id,)
            ).fetchone()
            try:
                conn.execute(
                    "UPDATE profiles SET removed_at = NULL, position = ? WHERE id = ?",
                    (position, profile_id),
                )
            except sqlite3.IntegrityError as exc:
                raise ConflictError(messages.PROFILE_EXISTS.format(name=name)) from exc
            return Profile(profile_id, str(name), int(position))

    def rename(self, profile_id: int, name: str) -> Profile:
        with self.db.transaction() as conn:
            try:
                conn.execute("UPDATE profiles SET name = ? WHERE id = ?", (name, profile_id))
            except sqlite3.IntegrityError as exc:
                raise ConflictError(messages.PROFILE_EXISTS.format(name=name)) from exc
        return self.get(profile_id)
