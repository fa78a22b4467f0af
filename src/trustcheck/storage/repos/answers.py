"""Answers: each person's ratings and written answers of a check-in."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from itertools import repeat

from trustcheck import messages
from trustcheck.core.clock import day_start
from trustcheck.core.models import (
    Answer,
    Visibility,
)
from trustcheck.storage.db import Database
from trustcheck.storage.errors import ConflictError
from trustcheck.storage.repos._rows import (
    _blob,
    _day,
    _ts,
)
from trustcheck.storage.repos.drafts import _DELETE_DRAFT, _clear_draft
from trustcheck.storage.repos.pack_versions import add_version

ANSWERS_TABLE = "answers"


_INSERT_ANSWER = (
    "INSERT INTO answers(checkin_id, profile_id, pack_id, pack_version, item_id, value, text, "
    "skipped, visibility, answered_at, text_sealed, not_this_week) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(checkin_id, profile_id, pack_id, item_id) DO UPDATE SET "
    "pack_version = excluded.pack_version, value = excluded.value, text = excluded.text, "
    "skipped = excluded.skipped, visibility = excluded.visibility, "
    "not_this_week = excluded.not_this_week, "
    "answered_at = excluded.answered_at, text_sealed = excluded.text_sealed"
)


# Saving one answer: only into a check-in still in progress. A finished check-in's answers are
# final (its scores are kept beside them, ``turn_scores``), and a stopped one is gone.
_SAVE_ANSWER = (
    "INSERT INTO answers(checkin_id, profile_id, pack_id, pack_version, item_id, value, text, "
    "skipped, visibility, answered_at, text_sealed, not_this_week) "
    "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? "
    "WHERE EXISTS (SELECT 1 FROM checkins WHERE id = ? AND status = 'in_progress') "
    + _INSERT_ANSWER[_INSERT_ANSWER.index("ON CONFLICT") :]
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
        # The day only (issue 15): no per-answer time, so the minutes a private question took
        # before the first answer cannot be read back from the file.
        _ts(day_start(now)),
        sealed,
        int(a.not_this_week),
    )


def private_answer_id(checkin_id: int, pack_id: str, item_id: str) -> str:
    """The identity a private answer's seal is bound to; stable across re-saves (upserts)."""
    return f"{checkin_id}:{pack_id}:{item_id}"


class AnswerRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def save(
        self,
        checkin_id: int,
        answer: Answer,
        now: dt.datetime,
        sealed: bytes | None = None,
        *,
        written: bool = True,
        snapshot: str | None = None,
    ) -> None:
        """Write one answer at once (one transaction), replacing an earlier answer to the item.

        Only into a check-in in progress: otherwise :class:`ConflictError` and nothing stored
        (finished or stopped, in this window or another).

        ``sealed`` is the encrypted text of a private answer; its clear text is then not stored.
        ``written``: the item is a written answer, so a draft of it may be stored; it goes in
        the same transaction (a rating has no draft, and no statement is spent on one).
        ``snapshot`` is the wording of the answer's pack version when this process has not
        stored it yet: kept in the same transaction, the first time that version is answered.
        """
        key = (checkin_id, answer.profile_id, answer.pack_id, answer.item_id)
        with self.db.transaction() as conn:
            clear = written and sealed is not None and _clear_draft(conn, key)
            if snapshot is not None:
                add_version(conn, answer.pack_id, answer.pack_version, snapshot, now)
            saved = conn.execute(
                _SAVE_ANSWER, (*_answer_params(checkin_id, answer, now, sealed), checkin_id)
            )
            if saved.rowcount != 1:
                raise ConflictError(messages.CHECKIN_GONE)
            if written:
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

    def sealed(self, checkin_id: int, profile_id: int, pack_id: str, item_id: str) -> bytes | None:
        """One private answer's seal (None when that answer is not sealed or not given)."""
        row = self.db.conn.execute(
            "SELECT text_sealed FROM answers WHERE checkin_id = ? AND profile_id = ? "
            "AND pack_id = ? AND item_id = ? AND text_sealed IS NOT NULL",
            (checkin_id, profile_id, pack_id, item_id),
        ).fetchone()
        return None if row is None else _blob(row[0])

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
            "SELECT profile_id, pack_id, pack_version, item_id, value, text, skipped, visibility, "
            "not_this_week FROM answers WHERE checkin_id = ? ORDER BY id",
            (checkin_id,),
        ).fetchall()
        return [_answer(r) for r in rows]

    def for_completed(self) -> dict[int, list[Answer]]:
        """Answers of every completed check-in, keyed by check-in id (one query, for trends)."""
        rows = self.db.conn.execute(
            "SELECT a.checkin_id, a.profile_id, a.pack_id, a.pack_version, a.item_id, a.value, "
            "a.text, a.skipped, a.visibility, a.not_this_week "
            "FROM answers a JOIN checkins c ON c.id = a.checkin_id "
            "WHERE c.status = 'completed' ORDER BY a.checkin_id, a.id"
        ).fetchall()
        out: dict[int, list[Answer]] = {}
        for r in rows:
            out.setdefault(int(r[0]), []).append(_answer(r[1:]))
        return out

    def not_this_week_for_completed(
        self, pack_id: str, since: dt.date | None = None
    ) -> dict[tuple[int, int], tuple[str, ...]]:
        """(check-in id, profile id) → the items answered "didn't come up this week", in
        completed check-ins (from ``since`` on when given). Rare rows: read apart from the
        rated values through their own partial index (schema V7), so the trends' main query
        keeps its index and this one reads only them."""
        rows = self.db.conn.execute(
            "SELECT a.checkin_id, a.profile_id, a.item_id FROM answers a "
            "JOIN checkins c ON c.id = a.checkin_id WHERE a.not_this_week = 1 "
            "AND a.pack_id = ? AND c.status = 'completed' AND c.week >= ? "
            "ORDER BY a.checkin_id, a.id",  # the partial index's order: no scan of answers
            (pack_id, "" if since is None else since.isoformat()),
        ).fetchall()
        out: dict[tuple[int, int], tuple[str, ...]] = {}
        for checkin_id, profile_id, item_id in rows:
            key = (int(checkin_id), int(profile_id))
            out[key] = (*out.get(key, ()), str(item_id))
        return out

    def rated_for_completed(
        self, pack_id: str, since: dt.date | None = None
    ) -> list[tuple[int, dt.date, int, int, dict[str, int]]]:
        """(check-in id, week, profile id, pack version, {item id: value}) per person per
        completed check-in.

        Oldest first; answered rated items only; only the weeks from ``since`` on when given
        (home's short line). One grouped query: trends read 20 years of answers without
        building an object per answer. Grouped by the answer's own columns, so the
        ``answers_rated`` index (schema V4) is read in order and no answer row is visited.
        The pack version a person answered under (all of a turn's answers share it) is looked
        up once per group through the answers' unique index, not once per answer.
        """
        # A window starts from the check-ins of its weeks (``checkins_week``, then the answers of
        # each through ``answers_rated``): the work is the window's, not the history's. The whole
        # history reads the answers index in order instead, which is faster for all of it. The
        # outer query only adds the version to the grouped rows, in the inner query's order (an
        # outer ORDER BY would sort the concatenated rows a second time: 40% slower at 20 years).
        join = "answers a JOIN checkins c" if since is None else "checkins c CROSS JOIN answers a"
        rows = self.db.conn.execute(
            "SELECT g.cid, g.week, g.pid, (SELECT x.pack_version FROM answers x "
            "WHERE x.checkin_id = g.cid AND x.profile_id = g.pid AND x.pack_id = ? LIMIT 1), "
            "g.ids, g.vals FROM ("
            "SELECT c.id AS cid, c.week AS week, a.profile_id AS pid, "
            "group_concat(a.item_id, ',') AS ids, group_concat(a.value, ',') AS vals "
            f"FROM {join} ON c.id = a.checkin_id "
            "WHERE c.status = 'completed' AND a.pack_id = ? AND a.value IS NOT NULL "
            "AND a.skipped = 0 AND c.week >= ? "
            "GROUP BY a.checkin_id, a.profile_id "
            "ORDER BY c.week, c.completed_at, c.id, a.profile_id) g",
            (pack_id, pack_id, "" if since is None else since.isoformat()),
        ).fetchall()
        if not rows:
            return []
        # Item ids cannot hold a comma (the pack format forbids it), so splitting is safe; both
        # group_concat calls walk the same rows in the same order, so ids and values line up.
        # Built column by column in C (``map``, one JSON parse of every value): most check-ins
        # answer the same items and both partners share a week, so each distinct id list and
        # week is parsed once.
        cids, weeks, pids, versions, id_texts, value_texts = zip(*rows, strict=True)
        if list(map(str.count, id_texts, repeat(","))) != list(
            map(str.count, value_texts, repeat(","))
        ):
            raise ValueError("answers: item ids and values do not line up")
        id_lists = {text: tuple(text.split(",")) for text in set(id_texts)}
        days = {week: _day(week) for week in set(weeks)}
        # The joined values are numbers (INTEGER column), so the whole list is one JSON array;
        # a hand-edited value that is not a number fails here, as ``int()`` would.
        values = json.loads("[[" + "],[".join(value_texts) + "]]")
        if len(values) != len(rows):
            raise ValueError("answers: values do not line up with check-ins")
        answered = map(dict, map(zip, map(id_lists.__getitem__, id_texts), values))
        return list(
            zip(
                map(int, cids),
                map(days.__getitem__, weeks),
                map(int, pids),
                map(int, versions),
                answered,
                strict=True,
            )
        )

    def first_rated_week(self, pack_id: str) -> dt.date | None:
        """The week of the oldest completed check-in with a rated answer to ``pack_id`` (the
        first week :meth:`rated_for_completed` returns), or None."""
        row = self.db.conn.execute(
            "SELECT c.week FROM checkins c WHERE c.status = 'completed' AND EXISTS ("
            "SELECT 1 FROM answers a WHERE a.pack_id = ? AND a.checkin_id = c.id "
            "AND a.value IS NOT NULL AND a.skipped = 0) ORDER BY c.week LIMIT 1",
            (pack_id,),
        ).fetchone()
        return None if row is None else _day(row[0])


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
        not_this_week=bool(r[8]),
    )
