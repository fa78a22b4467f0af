"""The reads the therapy summary needs beyond what trends load (export, issue 5)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from typing import NamedTuple

from trustcheck.core.models import (
    Commitment,
    Review,
    Visibility,
)
from trustcheck.storage.background import BackgroundRead
from trustcheck.storage.db import Database
from trustcheck.storage.repos._rows import (
    _blob,
    _day,
    _review,
    _visibility,
)
from trustcheck.storage.repos.commitments import COLUMNS_OF_M, commitment_of_row


class WrittenAnswer(NamedTuple):
    """A written (text) answer of a completed check-in, for the summary's topics and notes.

    ``text`` is None and ``sealed`` is set for a private answer: only its author can open it.
    """

    checkin_id: int
    week: dt.date
    profile_id: int
    pack_id: str
    item_id: str
    text: str | None
    visibility: Visibility
    sealed: bytes | None
    #: The pack version it was answered under (its wording: ``PackService.answered``).
    pack_version: int = 0


class ItemGap(NamedTuple):
    """One question both partners answered with a number in some weeks of a period."""

    pack_id: str
    item_id: str
    #: The newest pack version it was answered under (its wording).
    pack_version: int
    a: float
    b: float
    #: The mean of ``|a − b|`` over the weeks both answered.
    gap: float
    weeks: int


class ExportRepo:
    """The reads the therapy summary needs beyond what trends load."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def written_between(
        self,
        start: dt.date,
        end: dt.date,
        *,
        visibilities: Iterable[Visibility] | None = None,
        sealed_of: int | None = None,
    ) -> list[WrittenAnswer]:
        """Written answers (not skipped) of completed check-ins whose week is in [start, end].

        Oldest first, then by person and answer order. ``visibilities`` narrows the read to the
        clear-text answers of those visibilities plus the sealed answers of ``sealed_of`` (None:
        nobody's), so a summary reads only what it shows; None reads every written answer.
        """
        sql = (
            "SELECT c.id, c.week, a.profile_id, a.pack_id, a.item_id, a.text, a.visibility, "
            "a.text_sealed, a.pack_version FROM answers a JOIN checkins c ON c.id = a.checkin_id "
            "WHERE c.status = 'completed' AND c.week BETWEEN ? AND ? AND a.skipped = 0 "
            "AND (a.text IS NOT NULL OR a.text_sealed IS NOT NULL) "
        )
        params: list[object] = [start.isoformat(), end.isoformat()]
        if visibilities is not None:
            shown = sorted({v.value for v in visibilities})
            marks = ", ".join("?" * len(shown))
            sql += (
                f"AND (a.text IS NOT NULL AND a.visibility IN ({marks}) "
                "OR a.text_sealed IS NOT NULL AND a.profile_id IS ?) "
            )
            params += [*shown, sealed_of]
        rows = self.db.conn.execute(
            sql + "ORDER BY c.week, c.completed_at, c.id, a.profile_id, a.id", params
        ).fetchall()
        day = _day
        return [
            WrittenAnswer(
                checkin_id=int(r[0]),
                week=day(str(r[1])),
                profile_id=int(r[2]),
                pack_id=str(r[3]),
                item_id=str(r[4]),
                text=None if r[5] is None else str(r[5]),
                visibility=_visibility(r[6]),
                sealed=None if r[7] is None else _blob(r[7]),
                pack_version=int(r[8]),
            )
            for r in rows
        ]

    def reviews_between(self, start: dt.date, end: dt.date) -> list[tuple[int, Review]]:
        """(owner id, review) of commitments reviewed in completed check-ins of [start, end]."""
        rows = self.db.conn.execute(
            "SELECT m.owner_id, m.review FROM commitments m JOIN checkins c "
            "ON c.id = m.reviewed_in WHERE c.status = 'completed' AND m.review IS NOT NULL "
            "AND m.dropped_in IS NULL AND c.week BETWEEN ? AND ? ORDER BY c.week, m.id",
            (start.isoformat(), end.isoformat()),
        ).fetchall()
        return [(int(r[0]), _review(r[1])) for r in rows]

    def commitments_made_between(
        self, start: dt.date, end: dt.date, latest: int | None
    ) -> tuple[list[tuple[dt.date, Commitment]], int]:
        """The ``latest`` commitments made in completed check-ins of [start, end], oldest first,
        as (week made, commitment) with both voices wherever they were given, and how many were
        made in all (counted in SQL: a summary lists the latest and counts the rest). ``latest``
        None: every one."""
        where = (
            "FROM commitments m JOIN checkins c ON c.id = m.checkin_id "
            "WHERE c.status = 'completed' AND c.week BETWEEN ? AND ? "
        )
        period = (start.isoformat(), end.isoformat())
        rows = self.db.conn.execute(
            f"SELECT c.week, {COLUMNS_OF_M} {where}ORDER BY c.week DESC, m.id DESC LIMIT ?",
            (*period, -1 if latest is None else latest),
        ).fetchall()
        total = self.db.conn.execute(f"SELECT count(*) {where}", period).fetchone()[0]
        made = [(_day(r[0]), commitment_of_row(r[1:])) for r in reversed(rows)]
        return made, int(total)

    def item_gaps_between(
        self, start: dt.date, end: dt.date, a_id: int, b_id: int
    ) -> BackgroundRead[list[ItemGap]]:
        """Per question, both partners' means and the mean ``|a − b|`` over the completed
        check-ins of [start, end] where both gave a number that is not private. Aggregated in
        SQL, one row a question; the read starts now in the background (it pairs every answer of
        the period), and ``result()`` waits for its rows."""
        return BackgroundRead(self.db, lambda conn: _item_gaps(conn, start, end, a_id, b_id))

    def review_counts_between(self, start: dt.date, end: dt.date) -> list[tuple[int, Review, int]]:
        """(owner id, review, how many) over ``reviews_between``: counted in SQL, one row each."""
        rows = self.db.conn.execute(
            "SELECT m.owner_id, m.review, count(*) FROM commitments m JOIN checkins c "
            "ON c.id = m.reviewed_in WHERE c.status = 'completed' AND m.review IS NOT NULL "
            "AND m.dropped_in IS NULL AND c.week BETWEEN ? AND ? "
            "GROUP BY m.owner_id, m.review ORDER BY m.owner_id, m.review",
            (start.isoformat(), end.isoformat()),
        ).fetchall()
        return [(int(r[0]), _review(r[1]), int(r[2])) for r in rows]


def _item_gaps(
    conn: sqlite3.Connection, start: dt.date, end: dt.date, a_id: int, b_id: int
) -> list[ItemGap]:
    rows = conn.execute(
        "SELECT a.pack_id, a.item_id, max(a.pack_version), avg(a.value), avg(b.value), "
        "avg(abs(a.value - b.value)), count(*) FROM answers a JOIN answers b "
        "ON b.checkin_id = a.checkin_id AND b.pack_id = a.pack_id AND b.item_id = a.item_id "
        "AND b.profile_id = ? JOIN checkins c ON c.id = a.checkin_id "
        "WHERE a.profile_id = ? AND c.status = 'completed' AND c.week BETWEEN ? AND ? "
        "AND a.skipped = 0 AND b.skipped = 0 AND a.value IS NOT NULL AND b.value IS NOT NULL "
        "AND a.visibility != 'private' AND b.visibility != 'private' "
        "GROUP BY a.pack_id, a.item_id ORDER BY a.pack_id, a.item_id",
        (b_id, a_id, start.isoformat(), end.isoformat()),
    ).fetchall()
    return [
        ItemGap(str(r[0]), str(r[1]), int(r[2]), float(r[3]), float(r[4]), float(r[5]), int(r[6]))
        for r in rows
    ]
