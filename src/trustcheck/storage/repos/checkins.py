"""Check-ins: one per week and couple, their participants, step and status."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence

from trustcheck import messages
from trustcheck.core.clock import day_start
from trustcheck.core.models import (
    Answer,
    Checkin,
    CheckinStatus,
    Step,
)
from trustcheck.storage.db import Database
from trustcheck.storage.errors import ConflictError
from trustcheck.storage.repos._rows import (
    _day,
    _parse_ts,
    _ts,
)
from trustcheck.storage.repos.answers import _INSERT_ANSWER, _answer_params

_CHECKIN_COLUMNS = "id, week, status, step, started_at, completed_at"
_INSERT_PARTICIPANT = (
    "INSERT INTO checkin_participants(checkin_id, profile_id, position) VALUES (?, ?, ?)"
)


def _day_ts(moment: dt.datetime) -> str:
    """A check-in's times are kept to the day (issue 15): the moment it reached the hand-over
    would show how long a turn took, and so whether the private safety check held someone."""
    return _ts(day_start(moment))


class CheckinRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _participants(self, checkin_id: int) -> tuple[int, ...]:
        rows = self.db.conn.execute(
            "SELECT profile_id FROM checkin_participants WHERE checkin_id = ? ORDER BY position",
            (checkin_id,),
        ).fetchall()
        return tuple(int(r[0]) for r in rows)

    def _row(self, row: Sequence[object]) -> Checkin:
        checkin_id = int(str(row[0]))
        started = _parse_ts(str(row[4]))
        assert started is not None
        return Checkin(
            id=checkin_id,
            week=_day(row[1]),
            status=CheckinStatus(str(row[2])),
            step=Step(str(row[3])),
            participant_ids=self._participants(checkin_id),
            started_at=started,
            completed_at=_parse_ts(None if row[5] is None else str(row[5])),
        )

    def get(self, checkin_id: int) -> Checkin:
        row = self.db.conn.execute(
            f"SELECT {_CHECKIN_COLUMNS} FROM checkins WHERE id = ?", (checkin_id,)
        ).fetchone()
        if row is None:
            raise KeyError(checkin_id)
        return self._row(row)

    def draft(self) -> Checkin | None:
        """The check-in in progress, if any (there is at most one)."""
        row = self.db.conn.execute(
            f"SELECT {_CHECKIN_COLUMNS} FROM checkins WHERE status = 'in_progress'"
        ).fetchone()
        return None if row is None else self._row(row)

    def completed(self) -> list[Checkin]:
        """Every completed check-in, oldest first."""
        rows = self.db.conn.execute(
            f"SELECT {_CHECKIN_COLUMNS} FROM checkins WHERE status = 'completed' "
            "ORDER BY week, completed_at, id"
        ).fetchall()
        return [self._row(r) for r in rows]

    def last_completed(self, before: int | None = None) -> Checkin | None:
        """The latest completed check-in, or the latest one older than check-in ``before``."""
        if before is None:
            row = self.db.conn.execute(
                f"SELECT {_CHECKIN_COLUMNS} FROM checkins WHERE status = 'completed' "
                "ORDER BY week DESC, completed_at DESC, id DESC LIMIT 1"
            ).fetchone()
        else:
            row = self.db.conn.execute(
                f"SELECT {_CHECKIN_COLUMNS} FROM checkins WHERE status = 'completed' AND id != ? "
                "AND (week < (SELECT week FROM checkins WHERE id = ?) OR "
                "(week = (SELECT week FROM checkins WHERE id = ?) AND id < ?)) "
                "ORDER BY week DESC, completed_at DESC, id DESC LIMIT 1",
                (before, before, before, before),
            ).fetchone()
        return None if row is None else self._row(row)

    def trends_stamp(self) -> tuple[object, ...]:
        """What trends are built from, in a few numbers: the completed check-ins (count, newest
        id, latest completion) and the reviewed commitments (count, newest id, latest review).
        Equal stamps: nothing trends read has changed (one small query, no answer read)."""
        row = self.db.conn.execute(
            "SELECT (SELECT count(*) FROM checkins WHERE status = 'completed'), "
            "(SELECT max(id) FROM checkins WHERE status = 'completed'), "
            "(SELECT max(completed_at) FROM checkins WHERE status = 'completed'), "
            "(SELECT count(*) FROM commitments WHERE review IS NOT NULL), "
            "(SELECT max(id) FROM commitments WHERE review IS NOT NULL), "
            "(SELECT max(reviewed_at) FROM commitments WHERE review IS NOT NULL)"
        ).fetchone()
        return tuple(row)

    def for_week(self, week: dt.date) -> list[Checkin]:
        rows = self.db.conn.execute(
            f"SELECT {_CHECKIN_COLUMNS} FROM checkins WHERE week = ? ORDER BY id",
            (week.isoformat(),),
        ).fetchall()
        return [self._row(r) for r in rows]

    def start(self, week: dt.date, participant_ids: Sequence[int], now: dt.datetime) -> Checkin:
        with self.db.transaction() as conn:
            try:
                cur = conn.execute(
                    "INSERT INTO checkins(week, status, step, started_at, updated_at) "
                    "VALUES (?, 'in_progress', ?, ?, ?)",
                    (week.isoformat(), Step.OPEN.value, _day_ts(now), _day_ts(now)),
                )
            except sqlite3.IntegrityError as exc:
                raise ConflictError(messages.DRAFT_EXISTS) from exc
            checkin_id = cur.lastrowid
            assert checkin_id is not None
            conn.executemany(
                _INSERT_PARTICIPANT,
                [(checkin_id, pid, pos) for pos, pid in enumerate(participant_ids)],
            )
        return self.get(checkin_id)

    def set_step(self, checkin_id: int, step: Step, now: dt.datetime) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE checkins SET step = ?, updated_at = ? "
                "WHERE id = ? AND status = 'in_progress'",
                (step.value, _day_ts(now), checkin_id),
            )

    def advance_step(
        self, checkin_id: int, from_step: Step, to_step: Step, now: dt.datetime
    ) -> bool:
        """Move a draft to ``to_step`` only if it is still at ``from_step``; whether it moved.

        Another window may have moved it on already: a stale window never moves it back.
        """
        with self.db.transaction() as conn:
            cur = conn.execute(
                "UPDATE checkins SET step = ?, updated_at = ? "
                "WHERE id = ? AND status = 'in_progress' AND step = ?",
                (to_step.value, _day_ts(now), checkin_id, from_step.value),
            )
            return cur.rowcount == 1

    def finish(self, checkin_id: int, status: CheckinStatus, now: dt.datetime) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE checkins SET status = ?, updated_at = ?, completed_at = ? "
                "WHERE id = ? AND status = 'in_progress'",
                (
                    status.value,
                    _day_ts(now),
                    _day_ts(now) if status is CheckinStatus.COMPLETED else None,
                    checkin_id,
                ),
            )

    def end_early(self, checkin_id: int, now: dt.datetime) -> None:
        """Close an in-progress check-in as abandoned, in one transaction: what was answered in
        it stays, its drafts go, and every commitment decision made in it (a look back, a letting
        go) is undone, so a crash can never leave a closed week whose decisions still count."""
        with self.db.transaction() as conn:
            ended = conn.execute(
                "UPDATE checkins SET status = 'abandoned', updated_at = ?, completed_at = NULL "
                "WHERE id = ? AND status = 'in_progress'",
                (_day_ts(now), checkin_id),
            ).rowcount
            if not ended:
                return
            conn.execute("DELETE FROM answer_drafts WHERE checkin_id = ?", (checkin_id,))
            _undo_reviews_in(conn, checkin_id)
            conn.execute(
                "UPDATE commitments SET dropped_in = NULL WHERE dropped_in = ?", (checkin_id,)
            )

    def discard(self, checkin_id: int) -> bool:
        """Delete a draft and everything given in it, in one transaction; whether it was there.

        Its answers, sealed answers, safety answers and new commitments go with it (ON DELETE
        CASCADE); reviews of earlier commitments made in it are undone. A finished check-in is
        never touched.
        """
        with self.db.transaction() as conn:
            found = conn.execute(
                "SELECT 1 FROM checkins WHERE id = ? AND status = 'in_progress'", (checkin_id,)
            ).fetchone()
            if found is None:
                return False
            _undo_reviews_in(conn, checkin_id)
            conn.execute(
                "DELETE FROM checkins WHERE id = ? AND status = 'in_progress'", (checkin_id,)
            )
        return True

    def insert_completed(
        self,
        week: dt.date,
        participant_ids: Sequence[int],
        started: dt.datetime,
        completed: dt.datetime,
        answers: Iterable[Answer],
    ) -> int:
        """Store a whole completed check-in in one transaction (demo and import use this)."""
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO checkins(week, status, step, started_at, updated_at, completed_at) "
                "VALUES (?, 'completed', ?, ?, ?, ?)",
                (
                    week.isoformat(),
                    Step.CLOSE.value,
                    _day_ts(started),
                    _day_ts(completed),
                    _day_ts(completed),
                ),
            )
            checkin_id = cur.lastrowid
            assert checkin_id is not None
            conn.executemany(
                _INSERT_PARTICIPANT,
                [(checkin_id, pid, pos) for pos, pid in enumerate(participant_ids)],
            )
            conn.executemany(
                _INSERT_ANSWER,
                [_answer_params(checkin_id, a, started) for a in answers],
            )
        return checkin_id


def _undo_reviews_in(conn: sqlite3.Connection, checkin_id: int) -> None:
    """Every look back given in check-in ``checkin_id`` undone (one discarded or ended early):
    the commitment comes back next time unanswered, in neither voice."""
    conn.execute(
        "UPDATE commitments SET review = NULL, own_review = NULL, reviewed_in = NULL, "
        "reviewed_at = NULL WHERE reviewed_in = ?",
        (checkin_id,),
    )
