"""Repositories: every SQL statement trustcheck runs, grouped by what it stores."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat

from trustcheck import messages
from trustcheck.core.models import (
    Answer,
    Checkin,
    CheckinStatus,
    Commitment,
    Profile,
    Review,
    Step,
    Visibility,
)
from trustcheck.storage.db import Database
from trustcheck.storage.errors import ConflictError

#: Stored text → enum member, looked up without an ``Enum.__call__`` per row (read paths only; an
#: unknown value still raises ValueError through the enum itself).
_VISIBILITY: dict[str, Visibility] = {v.value: v for v in Visibility}
_REVIEW: dict[str, Review] = {r.value: r for r in Review}


def _visibility(value: object) -> Visibility:
    found = _VISIBILITY.get(value) if isinstance(value, str) else None
    return found if found is not None else Visibility(str(value))


def _review(value: object) -> Review:
    found = _REVIEW.get(value) if isinstance(value, str) else None
    return found if found is not None else Review(str(value))


def _blob(value: object) -> bytes:
    """A sealed column as bytes; anything else (tampered to TEXT or INTEGER) opens as damaged."""
    return value if isinstance(value, bytes) else b""


def _ts(value: dt.datetime) -> str:
    return value.isoformat(timespec="seconds")


def _parse_ts(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


class SettingsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self.db.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def set(self, key: str, value: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
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


_CHECKIN_COLUMNS = "id, week, status, step, started_at, completed_at"
_INSERT_PARTICIPANT = (
    "INSERT INTO checkin_participants(checkin_id, profile_id, position) VALUES (?, ?, ?)"
)


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
            week=dt.date.fromisoformat(str(row[1])),
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
                    (week.isoformat(), Step.OPEN.value, _ts(now), _ts(now)),
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
                (step.value, _ts(now), checkin_id),
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
                (to_step.value, _ts(now), checkin_id, from_step.value),
            )
            return cur.rowcount == 1

    def finish(self, checkin_id: int, status: CheckinStatus, now: dt.datetime) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE checkins SET status = ?, updated_at = ?, completed_at = ? "
                "WHERE id = ? AND status = 'in_progress'",
                (
                    status.value,
                    _ts(now),
                    _ts(now) if status is CheckinStatus.COMPLETED else None,
                    checkin_id,
                ),
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
            conn.execute(
                "UPDATE commitments SET review = NULL, reviewed_in = NULL, reviewed_at = NULL "
                "WHERE reviewed_in = ?",
                (checkin_id,),
            )
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
                (week.isoformat(), Step.CLOSE.value, _ts(started), _ts(completed), _ts(completed)),
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


_INSERT_ANSWER = (
    "INSERT INTO answers(checkin_id, profile_id, pack_id, pack_version, item_id, value, text, "
    "skipped, visibility, answered_at, text_sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(checkin_id, profile_id, pack_id, item_id) DO UPDATE SET "
    "pack_version = excluded.pack_version, value = excluded.value, text = excluded.text, "
    "skipped = excluded.skipped, visibility = excluded.visibility, "
    "answered_at = excluded.answered_at, text_sealed = excluded.text_sealed"
)


def _answer_params(
    checkin_id: int, a: Answer, now: dt.datetime, sealed: bytes | None = None
) -> tuple[object, ...]:
    # A private answer's text is never stored in the clear: only its seal is.
    text = None if sealed is not None else a.text
    return (
        checkin_id,
        a.profile_id,
        a.pack_id,
        a.pack_version,
        a.item_id,
        a.value,
        text,
        int(a.skipped),
        a.visibility.value,
        _ts(now),
        sealed,
    )


def private_answer_id(checkin_id: int, pack_id: str, item_id: str) -> str:
    """The identity a private answer's seal is bound to; stable across re-saves (upserts)."""
    return f"{checkin_id}:{pack_id}:{item_id}"


class AnswerRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def save(
        self, checkin_id: int, answer: Answer, now: dt.datetime, sealed: bytes | None = None
    ) -> None:
        """Write one answer at once, replacing an earlier answer to the same item.

        ``sealed`` is the encrypted text of a private answer; its clear text is then not stored.
        """
        key = (checkin_id, answer.profile_id, answer.pack_id, answer.item_id)
        with self.db.transaction() as conn:
            clear = sealed is not None and _clear_draft(conn, key)
            conn.execute(_INSERT_ANSWER, _answer_params(checkin_id, answer, now, sealed))
            # The answer replaces its draft in the same transaction: never both, never neither.
            conn.execute(_DELETE_DRAFT, key)
        if clear:  # typed as shared, then sealed: the clear draft goes from the log as well
            self.db.forget_old_pages()

    def sealed_for(self, profile_id: int) -> list[tuple[int, str, str, bytes]]:
        """Every private answer of a profile: (check-in id, pack id, item id, sealed text)."""
        rows = self.db.conn.execute(
            "SELECT checkin_id, pack_id, item_id, text_sealed FROM answers "
            "WHERE profile_id = ? AND text_sealed IS NOT NULL ORDER BY checkin_id, id",
            (profile_id,),
        ).fetchall()
        return [(int(r[0]), str(r[1]), str(r[2]), _blob(r[3])) for r in rows]

    def sealed_versions(self, profile_id: int) -> dict[tuple[int, str, str], int]:
        """The pack version each private answer of a profile was given under, by
        (check-in id, pack id, item id): so its wording can be shown as it was answered."""
        rows = self.db.conn.execute(
            "SELECT checkin_id, pack_id, item_id, pack_version FROM answers "
            "WHERE profile_id = ? AND text_sealed IS NOT NULL",
            (profile_id,),
        ).fetchall()
        return {(int(r[0]), str(r[1]), str(r[2])): int(r[3]) for r in rows}

    def for_checkin(self, checkin_id: int) -> list[Answer]:
        rows = self.db.conn.execute(
            "SELECT profile_id, pack_id, pack_version, item_id, value, text, skipped, visibility "
            "FROM answers WHERE checkin_id = ? ORDER BY id",
            (checkin_id,),
        ).fetchall()
        return [_answer(r) for r in rows]

    def for_completed(self) -> dict[int, list[Answer]]:
        """Answers of every completed check-in, keyed by check-in id (one query, for trends)."""
        rows = self.db.conn.execute(
            "SELECT a.checkin_id, a.profile_id, a.pack_id, a.pack_version, a.item_id, a.value, "
            "a.text, a.skipped, a.visibility FROM answers a JOIN checkins c ON c.id = a.checkin_id "
            "WHERE c.status = 'completed' ORDER BY a.checkin_id, a.id"
        ).fetchall()
        out: dict[int, list[Answer]] = {}
        for r in rows:
            out.setdefault(int(r[0]), []).append(_answer(r[1:]))
        return out

    def rated_for_completed(self, pack_id: str) -> list[tuple[int, dt.date, int, dict[str, int]]]:
        """(check-in id, week, profile id, {item id: value}) per person per completed check-in.

        Oldest first; answered rated items only. One grouped query: trends read 20 years of
        answers without building an object per answer. Grouped by the answer's own columns, so
        the ``answers_rated`` index (schema V4) is read in order and no answer row is visited.
        """
        rows = self.db.conn.execute(
            "SELECT c.id, c.week, a.profile_id, group_concat(a.item_id, ','), "
            "group_concat(a.value, ',') "
            "FROM answers a JOIN checkins c ON c.id = a.checkin_id "
            "WHERE c.status = 'completed' AND a.pack_id = ? AND a.value IS NOT NULL "
            "AND a.skipped = 0 "
            "GROUP BY a.checkin_id, a.profile_id "
            "ORDER BY c.week, c.completed_at, c.id, a.profile_id",
            (pack_id,),
        ).fetchall()
        if not rows:
            return []
        # Item ids cannot hold a comma (the pack format forbids it), so splitting is safe; both
        # group_concat calls walk the same rows in the same order, so ids and values line up.
        # Built column by column in C (``map``, one JSON parse of every value): most check-ins
        # answer the same items and both partners share a week, so each distinct id list and
        # week is parsed once.
        cids, weeks, pids, id_texts, value_texts = zip(*rows, strict=True)
        if list(map(str.count, id_texts, repeat(","))) != list(
            map(str.count, value_texts, repeat(","))
        ):
            raise ValueError("answers: item ids and values do not line up")
        id_lists = {text: tuple(text.split(",")) for text in set(id_texts)}
        days = {week: dt.date.fromisoformat(week) for week in set(weeks)}
        # The joined values are numbers (INTEGER column), so the whole list is one JSON array;
        # a hand-edited value that is not a number fails here, as ``int()`` would.
        values = json.loads("[[" + "],[".join(value_texts) + "]]")
        if len(values) != len(rows):
            raise ValueError("answers: values do not line up with check-ins")
        answered = map(dict, map(zip, map(id_lists.__getitem__, id_texts), values))
        return list(
            zip(map(int, cids), map(days.__getitem__, weeks), map(int, pids), answered, strict=True)
        )


DRAFTS_TABLE = "answer_drafts"

_DELETE_DRAFT = (
    "DELETE FROM answer_drafts WHERE checkin_id = ? AND profile_id = ? AND pack_id = ? "
    "AND item_id = ?"
)


def _clear_draft(conn: sqlite3.Connection, key: tuple[int, int, str, str]) -> bool:
    """Whether the draft of (check-in, profile, pack, item) is stored as clear text."""
    row = conn.execute(
        "SELECT text IS NOT NULL FROM answer_drafts WHERE checkin_id = ? AND profile_id = ? "
        "AND pack_id = ? AND item_id = ?",
        key,
    ).fetchone()
    return row is not None and bool(row[0])


def draft_record_id(checkin_id: int, pack_id: str, item_id: str) -> str:
    """The identity a private draft's seal is bound to (with its table and its author)."""
    return f"{checkin_id}:{pack_id}:{item_id}"


@dataclass(frozen=True, slots=True)
class StoredDraft:
    """A written answer not given yet: its clear text, or (private) only its seal."""

    pack_id: str
    item_id: str
    visibility: Visibility
    text: str | None
    sealed: bytes | None


class DraftRepo:
    """Drafts of written answers (schema V5), kept apart from ``answers`` so a draft never
    counts as an answer. A private draft is stored only sealed (the table refuses clear text)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def save(
        self,
        checkin_id: int,
        profile_id: int,
        pack_id: str,
        item_id: str,
        visibility: Visibility,
        now: dt.datetime,
        *,
        text: str | None = None,
        sealed: bytes | None = None,
    ) -> None:
        """Write one draft, replacing the one before (exactly one of ``text``, ``sealed``)."""
        if (text is None) == (sealed is None):
            raise ValueError("a draft is either clear text or a seal")
        if visibility is Visibility.PRIVATE and text is not None:
            raise ValueError("a private draft is stored sealed only")
        key = (checkin_id, profile_id, pack_id, item_id)
        with self.db.transaction() as conn:
            clear = sealed is not None and _clear_draft(conn, key)
            conn.execute(
                "INSERT INTO answer_drafts(checkin_id, profile_id, pack_id, item_id, visibility, "
                "text, text_sealed, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(checkin_id, profile_id, pack_id, item_id) DO UPDATE SET "
                "visibility = excluded.visibility, text = excluded.text, "
                "text_sealed = excluded.text_sealed, saved_at = excluded.saved_at",
                (
                    checkin_id,
                    profile_id,
                    pack_id,
                    item_id,
                    visibility.value,
                    text,
                    sealed,
                    _ts(now),
                ),
            )
        if clear:  # typed as shared, then made private: no clear copy stays in any file
            self.db.forget_old_pages()

    def get(
        self, checkin_id: int, profile_id: int, pack_id: str, item_id: str
    ) -> StoredDraft | None:
        row = self.db.conn.execute(
            "SELECT visibility, text, text_sealed FROM answer_drafts WHERE checkin_id = ? "
            "AND profile_id = ? AND pack_id = ? AND item_id = ?",
            (checkin_id, profile_id, pack_id, item_id),
        ).fetchone()
        if row is None:
            return None
        sealed = None if row[2] is None else _blob(row[2])
        text = None if row[1] is None else str(row[1])
        return StoredDraft(pack_id, item_id, _visibility(row[0]), text, sealed)

    def delete(self, checkin_id: int, profile_id: int, pack_id: str, item_id: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(_DELETE_DRAFT, (checkin_id, profile_id, pack_id, item_id))

    def clear(self, checkin_id: int) -> None:
        """Every draft of a check-in (once it is completed, a draft has nowhere to go)."""
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM answer_drafts WHERE checkin_id = ?", (checkin_id,))


def _answer(r: Sequence[object]) -> Answer:
    return Answer(
        profile_id=int(str(r[0])),
        pack_id=str(r[1]),
        pack_version=int(str(r[2])),
        item_id=str(r[3]),
        value=None if r[4] is None else int(str(r[4])),
        text=None if r[5] is None else str(r[5]),
        skipped=bool(r[6]),
        visibility=Visibility(str(r[7])),
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
        day = dt.date.fromisoformat
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


class KeyRepo:
    """The passphrase-wrapped data key of each profile (JSON, see ``storage.crypto``)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, profile_id: int) -> str | None:
        row = self.db.conn.execute(
            "SELECT wrapped_key FROM profiles WHERE id = ?", (profile_id,)
        ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def set(self, profile_id: int, wrapped_json: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE profiles SET wrapped_key = ? WHERE id = ?", (wrapped_json, profile_id)
            )


@dataclass(frozen=True, slots=True)
class SealedRow:
    """A stored journal entry: its identity and dates in the clear, everything else sealed."""

    id: int
    profile_id: int
    written_at: dt.datetime
    body: bytes


JOURNAL_TABLE = "journal_entries"
#: Sealed drafts: the record id bound into each seal is the profile id (one draft per person).
DRAFTS_TABLE = "journal_drafts"
ANSWERS_TABLE = "answers"


class JournalRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        profile_id: int,
        written_at: dt.datetime,
        seal: Callable[[int], bytes],
        *,
        drop_draft: bool = False,
    ) -> int:
        """Insert an entry; ``seal(id)`` makes its body once the id (bound into the seal) is known.

        Both happen in one transaction, so no half-written entry is ever visible. With
        ``drop_draft`` the person's kept draft goes in the same transaction: it became this entry.
        """
        with self.db.transaction() as conn:
            if drop_draft:
                self._drop_draft_in(conn, profile_id)
            cur = conn.execute(
                "INSERT INTO journal_entries(profile_id, written_at, updated_at, body) "
                "VALUES (?, ?, ?, X'')",
                (profile_id, _ts(written_at), _ts(written_at)),
            )
            entry_id = cur.lastrowid
            assert entry_id is not None
            conn.execute(
                "UPDATE journal_entries SET body = ? WHERE id = ?", (seal(entry_id), entry_id)
            )
        return entry_id

    def update(
        self,
        entry_id: int,
        body: bytes,
        now: dt.datetime,
        expected: str | None = None,
        *,
        drop_draft_of: int | None = None,
    ) -> int:
        """Replace an entry's body; the number of rows changed (0: gone, or a conflict).

        With ``expected`` (the entry's ``revision`` as it was read) the entry is only changed if
        nobody changed it since: another window's edit is never silently overwritten. With
        ``drop_draft_of`` (a profile id) that person's draft goes once the entry is changed.
        """
        with self.db.transaction() as conn:
            if expected is not None and self._revision_in(conn, entry_id) != expected:
                return 0
            changed = conn.execute(
                "UPDATE journal_entries SET body = ?, updated_at = ? WHERE id = ?",
                (body, _ts(now), entry_id),
            ).rowcount
            if changed and drop_draft_of is not None:
                self._drop_draft_in(conn, drop_draft_of)
            return changed

    def delete(self, entry_id: int, expected: str | None = None) -> int:
        """Delete an entry (with ``expected``: only if unchanged since read); rows deleted."""
        with self.db.transaction() as conn:
            if expected is not None and self._revision_in(conn, entry_id) != expected:
                return 0
            return conn.execute("DELETE FROM journal_entries WHERE id = ?", (entry_id,)).rowcount

    @staticmethod
    def _revision_in(conn: sqlite3.Connection, entry_id: int) -> str | None:
        row = conn.execute("SELECT body FROM journal_entries WHERE id = ?", (entry_id,)).fetchone()
        return None if row is None else revision(_blob(row[0]))

    def rows(
        self, profile_id: int, since: dt.datetime | None = None, limit: int | None = None
    ) -> list[SealedRow]:
        """A profile's entries, newest first, optionally only those written since ``since``.

        With ``limit``, only the newest ``limit``: ids are sorted first and only their bodies
        read (about 3 ms for the newest 200 of 10,000, against 15 ms for all of them).
        """
        columns = "SELECT id, profile_id, written_at, body FROM journal_entries"
        where = " WHERE profile_id = ?"
        params: tuple[object, ...] = (profile_id,)
        if since is not None:
            where += " AND julianday(written_at) >= julianday(?)"
            params = (profile_id, _ts(since))
        order = " ORDER BY julianday(written_at) DESC, id DESC"
        query = columns + where
        if limit is not None:
            newest = "SELECT id FROM journal_entries" + where + order + " LIMIT ?"
            query = columns + " WHERE id IN (" + newest + ")"
            params = (*params, max(0, limit))
        rows = self.db.conn.execute(query + order, params)
        out = []
        for r in rows:
            written = _parse_ts(str(r[2]))
            assert written is not None
            out.append(SealedRow(int(r[0]), int(r[1]), written, _blob(r[3])))
        return out

    def get(self, entry_id: int) -> SealedRow | None:
        r = self.db.conn.execute(
            "SELECT id, profile_id, written_at, body FROM journal_entries WHERE id = ?",
            (entry_id,),
        ).fetchone()
        if r is None:
            return None
        written = _parse_ts(str(r[2]))
        assert written is not None
        return SealedRow(int(r[0]), int(r[1]), written, _blob(r[3]))

    def count(self, profile_id: int) -> int:
        return int(
            self.db.conn.execute(
                "SELECT count(*) FROM journal_entries WHERE profile_id = ?", (profile_id,)
            ).fetchone()[0]
        )

    # --- the entry being written, kept sealed (issue 12, section 6) ---------------------------
    def keep_draft(self, profile_id: int, body: bytes, saved_at: dt.datetime) -> None:
        """Store (or replace) a person's one draft; ``body`` is already sealed."""
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO journal_drafts(profile_id, saved_at, body) VALUES (?, ?, ?) "
                "ON CONFLICT(profile_id) DO UPDATE SET saved_at = excluded.saved_at, "
                "body = excluded.body",
                (profile_id, _ts(saved_at), body),
            )

    def draft(self, profile_id: int) -> bytes | None:
        """The sealed body of a person's draft, if they have one."""
        row = self.db.conn.execute(
            "SELECT body FROM journal_drafts WHERE profile_id = ?", (profile_id,)
        ).fetchone()
        return None if row is None else _blob(row[0])

    def drop_draft(self, profile_id: int) -> None:
        with self.db.transaction() as conn:
            self._drop_draft_in(conn, profile_id)

    @staticmethod
    def _drop_draft_in(conn: sqlite3.Connection, profile_id: int) -> None:
        conn.execute("DELETE FROM journal_drafts WHERE profile_id = ?", (profile_id,))


# --- export and import (issue 5) ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WrittenAnswer:
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
        day = dt.date.fromisoformat
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
            "AND c.week BETWEEN ? AND ? ORDER BY c.week, m.id",
            (start.isoformat(), end.isoformat()),
        ).fetchall()
        return [(int(r[0]), _review(r[1])) for r in rows]

    def review_counts_between(self, start: dt.date, end: dt.date) -> list[tuple[int, Review, int]]:
        """(owner id, review, how many) over ``reviews_between``: counted in SQL, one row each."""
        rows = self.db.conn.execute(
            "SELECT m.owner_id, m.review, count(*) FROM commitments m JOIN checkins c "
            "ON c.id = m.reviewed_in WHERE c.status = 'completed' AND m.review IS NOT NULL "
            "AND c.week BETWEEN ? AND ? "
            "GROUP BY m.owner_id, m.review ORDER BY m.owner_id, m.review",
            (start.isoformat(), end.isoformat()),
        ).fetchall()
        return [(int(r[0]), _review(r[1]), int(r[2])) for r in rows]


# Whole-database transfer rows, in column order (JSON export and import). Timestamps stay the
# ISO text they are stored as, so an export → import → export round trip is exact.
#: id, name, position, created_at, removed_at
ProfileRecord = tuple[int, str, int, str, str | None]
#: id, week, status, step, started_at, updated_at, completed_at
CheckinRecord = tuple[int, str, str, str, str, str, str | None]
#: check-in id, profile id, position
ParticipantRecord = tuple[int, int, int]
#: check-in id, profile id, pack id, pack version, item id, value, text, skipped, visibility,
#: answered_at
AnswerRecord = tuple[int, int, str, int, str, int | None, str | None, bool, str, str]
#: id, check-in id, owner id, to id, text, created_at, review, reviewed_in, reviewed_at
CommitmentRecord = tuple[int, int, int, int, str, str, str | None, int | None, str | None]
#: id, profile id, written_at, updated_at, sealed body
JournalRecord = tuple[int, int, str, str, bytes]
#: (check-in id, profile id, pack id, item id) of a private answer → its sealed text
AnswerKey = tuple[int, int, str, str]
#: pack id, version, items_json (the wording answered), first_used_at
PackVersionRecord = tuple[str, int, str, str]
#: check-in id, profile id, answered_at, sealed body (a safety answer; only on import)
SafetyRow = tuple[int, int, str, bytes]


@dataclass(frozen=True, slots=True)
class Transfer:
    """Everything a JSON export holds from the database, or an import writes into it."""

    profiles: list[ProfileRecord]
    checkins: list[CheckinRecord]
    participants: list[ParticipantRecord]
    answers: list[AnswerRecord]
    commitments: list[CommitmentRecord]
    settings: dict[str, str]
    #: Only filled by an import that re-seals private data: profile id → wrapped key JSON.
    wrapped_keys: dict[int, str]
    #: Only on import: the re-sealed text of private answers.
    sealed_answers: dict[AnswerKey, bytes]
    #: Only on import: re-sealed journal entries.
    journal: list[JournalRecord]
    #: The wording of every pack version that was answered (shared: no answer is in it).
    pack_versions: list[PackVersionRecord] = field(default_factory=list)
    #: Only on import: re-sealed safety answers of the person who included them.
    safety: list[SafetyRow] = field(default_factory=list)


class TransferRepo:
    """Read the whole shared database, or fill an empty one in a single transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def read(self) -> Transfer:
        conn = self.db.conn
        profiles: list[ProfileRecord] = [
            (int(r[0]), str(r[1]), int(r[2]), str(r[3]), None if r[4] is None else str(r[4]))
            for r in conn.execute(
                "SELECT id, name, position, created_at, removed_at FROM profiles ORDER BY id"
            )
        ]
        checkins: list[CheckinRecord] = [
            (
                int(r[0]),
                str(r[1]),
                str(r[2]),
                str(r[3]),
                str(r[4]),
                str(r[5]),
                None if r[6] is None else str(r[6]),
            )
            for r in conn.execute(
                "SELECT id, week, status, step, started_at, updated_at, completed_at "
                "FROM checkins ORDER BY id"
            )
        ]
        participants: list[ParticipantRecord] = [
            (int(r[0]), int(r[1]), int(r[2]))
            for r in conn.execute(
                "SELECT checkin_id, profile_id, position FROM checkin_participants "
                "ORDER BY checkin_id, position"
            )
        ]
        answers: list[AnswerRecord] = [
            (
                int(r[0]),
                int(r[1]),
                str(r[2]),
                int(r[3]),
                str(r[4]),
                None if r[5] is None else int(r[5]),
                None if r[6] is None else str(r[6]),
                bool(r[7]),
                str(r[8]),
                str(r[9]),
            )
            for r in conn.execute(
                "SELECT checkin_id, profile_id, pack_id, pack_version, item_id, value, text, "
                "skipped, visibility, answered_at FROM answers ORDER BY checkin_id, id"
            )
        ]
        commitments: list[CommitmentRecord] = [
            (
                int(r[0]),
                int(r[1]),
                int(r[2]),
                int(r[3]),
                str(r[4]),
                str(r[5]),
                None if r[6] is None else str(r[6]),
                None if r[7] is None else int(r[7]),
                None if r[8] is None else str(r[8]),
            )
            for r in conn.execute(
                "SELECT id, checkin_id, owner_id, to_id, text, created_at, review, reviewed_in, "
                "reviewed_at FROM commitments ORDER BY id"
            )
        ]
        settings = {
            str(k): str(v) for k, v in conn.execute("SELECT key, value FROM settings ORDER BY key")
        }
        pack_versions: list[PackVersionRecord] = [
            (str(r[0]), int(r[1]), str(r[2]), str(r[3]))
            for r in conn.execute(
                "SELECT pack_id, version, items_json, first_used_at FROM pack_versions "
                "ORDER BY pack_id, version"
            )
        ]
        return Transfer(
            profiles,
            checkins,
            participants,
            answers,
            commitments,
            settings,
            {},
            {},
            [],
            pack_versions=pack_versions,
        )

    def journal_records(self, profile_id: int) -> list[JournalRecord]:
        """A profile's sealed journal entries with both dates, oldest first (for the export)."""
        rows = self.db.conn.execute(
            "SELECT id, profile_id, written_at, updated_at, body FROM journal_entries "
            "WHERE profile_id = ? ORDER BY id",
            (profile_id,),
        ).fetchall()
        return [(int(r[0]), int(r[1]), str(r[2]), str(r[3]), _blob(r[4])) for r in rows]

    def load(self, data: Transfer) -> None:
        """Write ``data`` into an empty database: all of it in one transaction, or nothing.

        Ids are kept, so sealed records stay bound to the ids they were sealed for. Raises
        :class:`ConflictError` if the database holds data or the rows clash with each other.
        """
        try:
            with self.db.transaction() as conn:
                held = conn.execute(
                    "SELECT (SELECT count(*) FROM profiles) + (SELECT count(*) FROM checkins) "
                    "+ (SELECT count(*) FROM journal_entries)"
                ).fetchone()[0]
                if int(held):
                    raise ConflictError(messages.IMPORT_NOT_EMPTY.format(path=self.db.path.parent))
                conn.executemany(
                    "INSERT INTO profiles(id, name, position, created_at, removed_at, wrapped_key) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [(*p, data.wrapped_keys.get(p[0])) for p in data.profiles],
                )
                conn.executemany(
                    "INSERT INTO checkins(id, week, status, step, started_at, updated_at, "
                    "completed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    data.checkins,
                )
                conn.executemany(_INSERT_PARTICIPANT, data.participants)
                conn.executemany(
                    "INSERT INTO answers(checkin_id, profile_id, pack_id, pack_version, item_id, "
                    "value, text, skipped, visibility, answered_at, text_sealed) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            *a[:7],
                            int(a[7]),
                            *a[8:],
                            data.sealed_answers.get((a[0], a[1], a[2], a[4])),
                        )
                        for a in data.answers
                    ],
                )
                conn.executemany(
                    "INSERT INTO commitments(id, checkin_id, owner_id, to_id, text, created_at, "
                    "review, reviewed_in, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    data.commitments,
                )
                conn.executemany(
                    "INSERT INTO journal_entries(id, profile_id, written_at, updated_at, body) "
                    "VALUES (?, ?, ?, ?, ?)",
                    data.journal,
                )
                conn.executemany(
                    "INSERT INTO settings(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    sorted(data.settings.items()),
                )
                conn.executemany(
                    "INSERT INTO pack_versions(pack_id, version, items_json, first_used_at) "
                    "VALUES (?, ?, ?, ?)",
                    data.pack_versions,
                )
                conn.executemany(
                    "INSERT INTO safety_answers(checkin_id, profile_id, answered_at, body) "
                    "VALUES (?, ?, ?, ?)",
                    data.safety,
                )
        except sqlite3.IntegrityError as exc:
            raise ConflictError(messages.IMPORT_CLASH.format(reason=exc)) from exc


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
            conn.execute(
                "INSERT INTO pack_versions(pack_id, version, items_json, first_used_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(pack_id, version) DO NOTHING",
                (pack_id, version, snapshot, _ts(now)),
            )

    def all(self) -> dict[tuple[str, int], str]:
        rows = self.db.conn.execute("SELECT pack_id, version, items_json FROM pack_versions")
        return {(str(r[0]), int(r[1])): str(r[2]) for r in rows}


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


def revision(body: bytes) -> str:
    """A stored entry's revision: every save seals afresh (a new nonce), so it changes each time.

    ``updated_at`` alone cannot tell two saves within one second apart; the sealed body can.
    """
    import hashlib

    return hashlib.sha256(body).hexdigest()[:32]
