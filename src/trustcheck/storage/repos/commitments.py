"""Commitments: what one person offers another, and how it went a week later (issue 17, section
3: in two voices, kept for another week, reworded or let go of)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from trustcheck.core.models import (
    Commitment,
    Review,
    Voice,
)
from trustcheck.storage.db import Database
from trustcheck.storage.repos._rows import (
    _day,
    _parse_ts,
    _review,
    _ts,
)

_COMMITMENT_COLUMNS = (
    "id, checkin_id, owner_id, to_id, text, created_at, review, reviewed_in, own_review, "
    "carried_from, dropped_in"
)
#: The columns again, of ``commitments m`` (for reads that join check-ins).
COLUMNS_OF_M = ", ".join(f"m.{c.strip()}" for c in _COMMITMENT_COLUMNS.split(","))
#: Ids per ``IN (…)`` list, well under SQLite's bound-parameter limit.
_CHUNK = 500


def commitment_of_row(r: Sequence[object]) -> Commitment:
    created = _parse_ts(str(r[5]))
    assert created is not None
    return Commitment(
        id=int(str(r[0])),
        checkin_id=int(str(r[1])),
        owner_id=int(str(r[2])),
        to_id=int(str(r[3])),
        text=str(r[4]),
        created_at=created,
        review=None if r[6] is None else _review(r[6]),
        reviewed_in=None if r[7] is None else int(str(r[7])),
        own_review=None if r[8] is None else _review(r[8]),
        carried_from=None if r[9] is None else int(str(r[9])),
        dropped_in=None if r[10] is None else int(str(r[10])),
    )


def _stands_elsewhere(column: str) -> str:
    """``column`` (a check-in id) names a decision that stands outside check-in ``t``: made in
    another check-in that was completed. One made in a check-in ended early does not stand."""
    return (
        f"EXISTS (SELECT 1 FROM checkins d WHERE d.id = {column} AND d.status = 'completed' "
        "AND d.id != t.id)"
    )


class CommitmentRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def set_in(self, checkin_id: int) -> list[Commitment]:
        rows = self.db.conn.execute(
            f"SELECT {_COMMITMENT_COLUMNS} FROM commitments WHERE checkin_id = ? ORDER BY id",
            (checkin_id,),
        ).fetchall()
        return [commitment_of_row(r) for r in rows]

    def get(self, commitment_id: int) -> Commitment | None:
        row = self.db.conn.execute(
            f"SELECT {_COMMITMENT_COLUMNS} FROM commitments WHERE id = ?", (commitment_id,)
        ).fetchone()
        return None if row is None else commitment_of_row(row)

    def all(self) -> list[Commitment]:
        rows = self.db.conn.execute(
            f"SELECT {_COMMITMENT_COLUMNS} FROM commitments ORDER BY id"
        ).fetchall()
        return [commitment_of_row(r) for r in rows]

    def any_completed(self) -> bool:
        """Whether any completed check-in ever set a commitment."""
        row = self.db.conn.execute(
            "SELECT 1 FROM commitments JOIN checkins ON checkins.id = commitments.checkin_id "
            "WHERE checkins.status = 'completed' LIMIT 1"
        ).fetchone()
        return row is not None

    def to_review(self, checkin_id: int) -> list[tuple[dt.date, Commitment]]:
        """(week made, commitment) of every commitment made in a completed check-in before
        ``checkin_id`` that is still open there: not looked back on, kept for another week or let
        go of in a completed check-in. Those decided in ``checkin_id`` itself are included, so
        the review step shows what it decided. Oldest first."""
        rows = self.db.conn.execute(
            f"SELECT c.week, {COLUMNS_OF_M} FROM commitments m "
            "JOIN checkins c ON c.id = m.checkin_id "
            "JOIN checkins t ON t.id = ? "
            "WHERE c.status = 'completed' AND c.id != t.id "
            "AND (c.week < t.week OR (c.week = t.week AND c.id < t.id)) "
            f"AND NOT {_stands_elsewhere('m.reviewed_in')} "
            f"AND NOT {_stands_elsewhere('m.dropped_in')} "
            "AND NOT EXISTS (SELECT 1 FROM commitments n JOIN checkins k ON k.id = n.checkin_id "
            "WHERE n.carried_from = m.id AND k.status = 'completed' AND k.id != t.id) "
            "ORDER BY c.week, c.id, m.id",
            (checkin_id,),
        ).fetchall()
        return [(_day(r[0]), commitment_of_row(r[1:])) for r in rows]

    def carried_on(self, commitment_ids: Iterable[int]) -> dict[int, Commitment]:
        """The commitment each of ``commitment_ids`` carries on as (kept for another week), by
        the original's id. One carried on in a check-in ended early does not count."""
        ids = list(commitment_ids)
        found: dict[int, Commitment] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            rows = self.db.conn.execute(
                f"SELECT {COLUMNS_OF_M} FROM commitments m JOIN checkins k "
                f"ON k.id = m.checkin_id WHERE m.carried_from IN ({marks}) "
                "AND k.status != 'abandoned' ORDER BY m.id",
                chunk,
            ).fetchall()
            for r in rows:
                child = commitment_of_row(r)
                assert child.carried_from is not None
                found.setdefault(child.carried_from, child)
        return found

    def made_in(self, checkin_id: int) -> tuple[dt.date, list[Commitment]] | None:
        """The week of check-in ``checkin_id`` and the commitments made in it (None: no such
        check-in)."""
        row = self.db.conn.execute(
            "SELECT week FROM checkins WHERE id = ?", (checkin_id,)
        ).fetchone()
        if row is None:
            return None
        return _day(row[0]), self.set_in(checkin_id)

    def add(
        self,
        checkin_id: int,
        owner_id: int,
        to_id: int,
        text: str,
        now: dt.datetime,
        carried_from: int | None = None,
    ) -> Commitment:
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO commitments(checkin_id, owner_id, to_id, text, created_at, "
                "carried_from) VALUES (?, ?, ?, ?, ?, ?)",
                (checkin_id, owner_id, to_id, text, _ts(now), carried_from),
            )
            assert cur.lastrowid is not None
            row = conn.execute(
                f"SELECT {_COMMITMENT_COLUMNS} FROM commitments WHERE id = ?", (cur.lastrowid,)
            ).fetchone()
        return commitment_of_row(row)

    def reword(self, commitment_id: int, text: str) -> None:
        """New words for a commitment of the week under way (a carried-on one, never the
        original: its words stay as they were agreed)."""
        with self.db.transaction() as conn:
            conn.execute("UPDATE commitments SET text = ? WHERE id = ?", (text, commitment_id))

    def delete(self, commitment_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM commitments WHERE id = ?", (commitment_id,))

    def drop(self, commitment_id: int, checkin_id: int | None) -> None:
        """Let a commitment go in check-in ``checkin_id`` (None: take that back)."""
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE commitments SET dropped_in = ? WHERE id = ?", (checkin_id, commitment_id)
            )

    def record_review(
        self,
        commitment_id: int,
        review: Review,
        own: Review | None,
        checkin_id: int,
        now: dt.datetime,
    ) -> None:
        """Both voices at once, as given at a past check-in (demo history): one write."""
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE commitments SET review = ?, own_review = ?, reviewed_in = ?, "
                "reviewed_at = ? WHERE id = ?",
                (
                    review.value,
                    None if own is None else own.value,
                    checkin_id,
                    _ts(now),
                    commitment_id,
                ),
            )

    def reviews_for_completed(self) -> list[tuple[int, dt.date, Review]]:
        """(owner id, week of the completed check-in it was reviewed in, review), for trends.

        The review is the view of the person it was made to (``review``); a commitment let go
        of is left out, whatever was said of it."""
        rows = self.db.conn.execute(
            "SELECT m.owner_id, c.week, m.review FROM commitments m JOIN checkins c "
            "ON c.id = m.reviewed_in WHERE c.status = 'completed' AND m.review IS NOT NULL "
            "AND m.dropped_in IS NULL"
        ).fetchall()
        days: dict[str, dt.date] = {}
        day = _day
        return [
            (int(o), days[w] if w in days else days.setdefault(w, day(w)), _review(r))
            for o, w, r in rows
        ]

    def review(
        self,
        commitment_id: int,
        review: Review | None,
        checkin_id: int,
        now: dt.datetime,
        voice: Voice = Voice.PARTNER,
    ) -> None:
        """One voice's view of how it went (None: take it back), given in ``checkin_id``."""
        column = "review" if voice is Voice.PARTNER else "own_review"
        with self.db.transaction() as conn:
            conn.execute(
                f"UPDATE commitments SET {column} = ?, reviewed_in = ?, reviewed_at = ? "
                "WHERE id = ?",
                (None if review is None else review.value, checkin_id, _ts(now), commitment_id),
            )
            conn.execute(
                "UPDATE commitments SET reviewed_in = NULL, reviewed_at = NULL "
                "WHERE id = ? AND review IS NULL AND own_review IS NULL",
                (commitment_id,),
            )
