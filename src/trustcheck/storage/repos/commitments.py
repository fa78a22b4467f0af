"""Commitments: what one person offers another, and its review a week later."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from trustcheck.core.models import (
    Commitment,
    Review,
)
from trustcheck.storage.db import Database
from trustcheck.storage.repos._rows import (
    _day,
    _parse_ts,
    _review,
    _ts,
)

_COMMITMENT_COLUMNS = "id, checkin_id, owner_id, to_id, text, created_at, review, reviewed_in"


def _commitment(r: Sequence[object]) -> Commitment:
    created = _parse_ts(str(r[5]))
    assert created is not None
    return Commitment(
        id=int(str(r[0])),
        checkin_id=int(str(r[1])),
        owner_id=int(str(r[2])),
        to_id=int(str(r[3])),
        text=str(r[4]),
        created_at=created,
        review=None if r[6] is None else Review(str(r[6])),
        reviewed_in=None if r[7] is None else int(str(r[7])),
    )


class CommitmentRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def set_in(self, checkin_id: int) -> list[Commitment]:
        rows = self.db.conn.execute(
            f"SELECT {_COMMITMENT_COLUMNS} FROM commitments WHERE checkin_id = ? ORDER BY id",
            (checkin_id,),
        ).fetchall()
        return [_commitment(r) for r in rows]

    def all(self) -> list[Commitment]:
        rows = self.db.conn.execute(
            f"SELECT {_COMMITMENT_COLUMNS} FROM commitments ORDER BY id"
        ).fetchall()
        return [_commitment(r) for r in rows]

    def any_completed(self) -> bool:
        """Whether any completed check-in ever set a commitment."""
        row = self.db.conn.execute(
            "SELECT 1 FROM commitments JOIN checkins ON checkins.id = commitments.checkin_id "
            "WHERE checkins.status = 'completed' LIMIT 1"
        ).fetchone()
        return row is not None

    def add(
        self, checkin_id: int, owner_id: int, to_id: int, text: str, now: dt.datetime
    ) -> Commitment:
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO commitments(checkin_id, owner_id, to_id, text, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (checkin_id, owner_id, to_id, text, _ts(now)),
            )
            assert cur.lastrowid is not None
            row = conn.execute(
                f"SELECT {_COMMITMENT_COLUMNS} FROM commitments WHERE id = ?", (cur.lastrowid,)
            ).fetchone()
        return _commitment(row)

    def delete(self, commitment_id: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM commitments WHERE id = ?", (commitment_id,))

    def reviews_for_completed(self) -> list[tuple[int, dt.date, Review]]:
        """(owner id, week of the completed check-in it was reviewed in, review), for trends."""
        rows = self.db.conn.execute(
            "SELECT m.owner_id, c.week, m.review FROM commitments m JOIN checkins c "
            "ON c.id = m.reviewed_in WHERE c.status = 'completed' AND m.review IS NOT NULL"
        ).fetchall()
        days: dict[str, dt.date] = {}
        day = _day
        return [
            (int(o), days[w] if w in days else days.setdefault(w, day(w)), _review(r))
            for o, w, r in rows
        ]

    def review(
        self, commitment_id: int, review: Review | None, checkin_id: int, now: dt.datetime
    ) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE commitments SET review = ?, reviewed_in = ?, reviewed_at = ? WHERE id = ?",
                (
                    None if review is None else review.value,
                    None if review is None else checkin_id,
                    None if review is None else _ts(now),
                    commitment_id,
                ),
            )
