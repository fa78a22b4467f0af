"""Turn scores: each completed turn's weekly scores, kept beside its answers (schema V8).

Derived data that trends read instead of every answer: one row a person a check-in. The answers
stay the record; triggers drop a row whenever its turn's answers change, and ``services.trends``
scores again any turn whose row is missing or was scored otherwise (its ``stamp``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from trustcheck.core.models import AREAS
from trustcheck.core.trends import ScoredTurn
from trustcheck.storage.db import Database
from trustcheck.storage.errors import WriteFailed
from trustcheck.storage.repos._rows import _day

#: A column per area (``core.models.AREAS``, in that order), then the overall rating.
_SCORE_COLUMNS = ", ".join((*AREAS, "overall"))


class ScoreRepo:
    """Reads and writes ``turn_scores``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def for_completed(self, pack_id: str, since: dt.date | None = None) -> list[ScoredTurn]:
        """The stored turns of completed check-ins (from ``since`` on when given), oldest first,
        in the order trends read answers (week, completion, check-in, person)."""
        rows = self.db.conn.execute(
            f"SELECT s.checkin_id, c.week, s.profile_id, s.pack_version, s.stamp, s.rated, "
            f"{_SCORE_COLUMNS} FROM checkins c JOIN turn_scores s ON s.checkin_id = c.id "
            "WHERE c.status = 'completed' AND s.pack_id = ? AND c.week >= ? "
            "ORDER BY c.week, c.completed_at, c.id, s.profile_id",
            (pack_id, "" if since is None else since.isoformat()),
        ).fetchall()
        days = {week: _day(week) for week in {r[1] for r in rows}}
        return [
            ScoredTurn(r[0], days[r[1]], r[2], r[3], r[4], r[6:11] if r[5] else None, r[11])
            for r in rows
        ]

    def unscored(self, pack_id: str, since: dt.date | None = None) -> list[tuple[int, int]]:
        """(check-in id, profile id) of each turn of a completed check-in (from ``since`` on)
        with no stored scores for ``pack_id``: a turn completed, imported or changed since the
        last load."""
        rows = self.db.conn.execute(
            "SELECT p.checkin_id, p.profile_id FROM checkins c "
            "JOIN checkin_participants p ON p.checkin_id = c.id "
            "WHERE c.status = 'completed' AND c.week >= ? AND NOT EXISTS ("
            "SELECT 1 FROM turn_scores s WHERE s.pack_id = ? AND s.checkin_id = p.checkin_id "
            "AND s.profile_id = p.profile_id) ORDER BY p.checkin_id, p.profile_id",
            ("" if since is None else since.isoformat(), pack_id),
        ).fetchall()
        return [(int(cid), int(pid)) for cid, pid in rows]

    def store(self, pack_id: str, turns: Iterable[ScoredTurn]) -> bool:
        """Keep ``turns`` (replacing what was stored for them), in one transaction.

        A cache write: when it cannot happen now (the database is read-only, busy in another
        window past the timeout, or the disk is full) nothing is kept, the caller goes on with
        the scores it computed, and the next load tries again. Returns whether they were kept.
        """
        rows = [
            (
                pack_id,
                t.checkin_id,
                t.profile_id,
                t.version,
                t.stamp,
                t.areas is not None,
                *(t.areas or (None,) * len(AREAS)),
                t.overall,
            )
            for t in turns
        ]
        if not rows:
            return True
        try:
            with self.db.transaction() as conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO turn_scores(pack_id, checkin_id, profile_id, "
                    f"pack_version, stamp, rated, {_SCORE_COLUMNS}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
        except WriteFailed:
            return False
        return True
