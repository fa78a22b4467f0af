"""Safety answers: each person's sealed answer to the safety question."""

from __future__ import annotations

import datetime as dt

from trustcheck.storage.db import Database
from trustcheck.storage.repos._rows import (
    _blob,
    _parse_ts,
    _ts,
)

SAFETY_TABLE = "safety_answers"


def safety_record_id(checkin_id: int, profile_id: int) -> str:
    """The identity a safety answer's seal is bound to (one answer per person per check-in)."""
    return f"{checkin_id}:{profile_id}"


class SafetyRepo:
    """Each person's sealed answer to the safety question; nothing about it is in the clear."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def save(self, checkin_id: int, profile_id: int, body: bytes, now: dt.datetime) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO safety_answers(checkin_id, profile_id, answered_at, body) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(checkin_id, profile_id) DO UPDATE SET "
                "answered_at = excluded.answered_at, body = excluded.body",
                (checkin_id, profile_id, _ts(now), body),
            )

    def get(self, checkin_id: int, profile_id: int) -> bytes | None:
        row = self.db.conn.execute(
            "SELECT body FROM safety_answers WHERE checkin_id = ? AND profile_id = ?",
            (checkin_id, profile_id),
        ).fetchone()
        return None if row is None else _blob(row[0])

    def for_profile(self, profile_id: int) -> list[tuple[int, dt.datetime, bytes]]:
        """(check-in id, answered at, sealed body) of one person, oldest first."""
        rows = self.db.conn.execute(
            "SELECT checkin_id, answered_at, body FROM safety_answers WHERE profile_id = ? "
            "ORDER BY checkin_id",
            (profile_id,),
        ).fetchall()
        out = []
        for r in rows:
            when = _parse_ts(str(r[1]))
            assert when is not None
            out.append((int(r[0]), when, _blob(r[2])))
        return out
