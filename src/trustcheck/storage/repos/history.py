"""Past check-ins: a page of the completed ones, newest first, and one week's own rows (issue 17).

A page is read through a read-only connection of its own (``Database.reader``), so a worker
thread can read it while the UI thread writes through the main one, and only the page's rows
are read: twenty years of weekly check-ins are never loaded to show twenty of them.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from trustcheck.storage.db import Database
from trustcheck.storage.repos._rows import _blob, _day


@dataclass(frozen=True, slots=True)
class PastRow:
    """One completed check-in as the list shows it: who took part (in answering order, with
    their names as stored now), each one's overall rating (None: skipped) and how many
    commitments were set in it."""

    checkin_id: int
    week: dt.date
    people: tuple[tuple[int, str], ...]
    overall: tuple[int | None, ...]
    commitments: int


@dataclass(frozen=True, slots=True)
class PastPage:
    """A page of :class:`PastRow`, newest first, and how many completed check-ins there are."""

    rows: tuple[PastRow, ...]
    total: int


_COMPLETED_NEWEST_FIRST = (
    "SELECT id, week FROM checkins WHERE status = 'completed' "
    "ORDER BY week DESC, completed_at DESC, id DESC LIMIT ? OFFSET ?"
)


def _marks(n: int) -> str:
    return ", ".join("?" * n)


class HistoryRepo:
    """Reads of past check-ins for the history list and the view of one week."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def page(self, offset: int, limit: int, pack_id: str, overall_items: Sequence[str]) -> PastPage:
        """The completed check-ins from ``offset`` (0: the newest) on, at most ``limit`` of them,
        with the overall rating each person gave to one of ``overall_items`` of ``pack_id``.

        Four small queries, each bounded by the page (the count reads the ``checkins_week``
        index alone), through a read-only connection of the caller's thread.
        """
        with self.db.reader() as conn:
            total = int(
                conn.execute("SELECT count(*) FROM checkins WHERE status = 'completed'").fetchone()[
                    0
                ]
            )
            found = conn.execute(
                _COMPLETED_NEWEST_FIRST, (max(0, limit), max(0, offset))
            ).fetchall()
            if not found:
                return PastPage((), total)
            ids = [int(r[0]) for r in found]
            people = self._people(conn, ids)
            overall = self._overall(conn, ids, pack_id, overall_items)
            counts = dict(
                conn.execute(
                    "SELECT checkin_id, count(*) FROM commitments "
                    f"WHERE checkin_id IN ({_marks(len(ids))}) GROUP BY checkin_id",
                    ids,
                ).fetchall()
            )
        rows = []
        for checkin_id, week in found:
            cid = int(checkin_id)
            who = people.get(cid, ())
            rows.append(
                PastRow(
                    checkin_id=cid,
                    week=_day(week),
                    people=who,
                    overall=tuple(overall.get((cid, pid)) for pid, _ in who),
                    commitments=int(counts.get(cid, 0)),
                )
            )
        return PastPage(tuple(rows), total)

    @staticmethod
    def _people(
        conn: sqlite3.Connection, ids: Sequence[int]
    ) -> dict[int, tuple[tuple[int, str], ...]]:
        rows = conn.execute(
            "SELECT p.checkin_id, p.profile_id, r.name FROM checkin_participants p "
            "JOIN profiles r ON r.id = p.profile_id "
            f"WHERE p.checkin_id IN ({_marks(len(ids))}) ORDER BY p.checkin_id, p.position",
            list(ids),
        ).fetchall()
        out: dict[int, tuple[tuple[int, str], ...]] = {}
        for cid, pid, name in rows:
            out[int(cid)] = (*out.get(int(cid), ()), (int(pid), str(name)))
        return out

    @staticmethod
    def _overall(
        conn: sqlite3.Connection, ids: Sequence[int], pack_id: str, items: Sequence[str]
    ) -> dict[tuple[int, int], int]:
        if not items:
            return {}
        rows = conn.execute(
            "SELECT checkin_id, profile_id, value FROM answers "
            f"WHERE checkin_id IN ({_marks(len(ids))}) AND pack_id = ? "
            f"AND item_id IN ({_marks(len(items))}) AND skipped = 0 AND value IS NOT NULL",
            [*ids, pack_id, *items],
        ).fetchall()
        return {(int(c), int(p)): int(v) for c, p, v in rows}

    def position(self, checkin_id: int) -> int:
        """How many completed check-ins are as old as ``checkin_id`` or older (its number in the
        list, 1 for the first ever); 0 when it is not a completed check-in."""
        row = self.db.conn.execute(
            "SELECT count(*) FROM checkins c, checkins t WHERE t.id = ? "
            "AND t.status = 'completed' AND c.status = 'completed' AND (c.week < t.week OR "
            "(c.week = t.week AND (c.completed_at < t.completed_at OR "
            "(c.completed_at = t.completed_at AND c.id <= t.id))))",
            (checkin_id,),
        ).fetchone()
        return int(row[0])

    def count(self) -> int:
        """How many check-ins were completed."""
        row = self.db.conn.execute(
            "SELECT count(*) FROM checkins WHERE status = 'completed'"
        ).fetchone()
        return int(row[0])

    def by_number(self, number: int) -> int | None:
        """The id of the completed check-in numbered ``number`` (1: the oldest), or None."""
        if number < 1:
            return None
        row = self.db.conn.execute(
            "SELECT id FROM checkins WHERE status = 'completed' "
            "ORDER BY week, completed_at, id LIMIT 1 OFFSET ?",
            (number - 1,),
        ).fetchone()
        return None if row is None else int(row[0])

    def in_week(self, week: dt.date) -> int | None:
        """The id of the latest completed check-in of the week starting ``week``, or None."""
        row = self.db.conn.execute(
            "SELECT id FROM checkins WHERE week = ? AND status = 'completed' "
            "ORDER BY completed_at DESC, id DESC LIMIT 1",
            (week.isoformat(),),
        ).fetchone()
        return None if row is None else int(row[0])

    def sealed_in(self, checkin_id: int, profile_id: int) -> list[tuple[str, str, int, bytes]]:
        """One person's private answers in one check-in: (pack id, item id, pack version, seal),
        in the order they were given. Never anyone else's, and never a safety answer (those
        live in a table of their own)."""
        rows = self.db.conn.execute(
            "SELECT pack_id, item_id, pack_version, text_sealed FROM answers "
            "WHERE checkin_id = ? AND profile_id = ? AND text_sealed IS NOT NULL ORDER BY id",
            (checkin_id, profile_id),
        ).fetchall()
        return [(str(r[0]), str(r[1]), int(r[2]), _blob(r[3])) for r in rows]
