"""Journal: each person's sealed entries and their one sealed draft, and the format of an
entry's sealed body (``encode_body``, ``decode_body``: export and import use the same two)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from trustcheck.core.models import UNDATED
from trustcheck.storage.db import Database
from trustcheck.storage.errors import DamagedValueError
from trustcheck.storage.repos._rows import (
    _blob,
    _parse_ts,
    _ts,
)


@dataclass(frozen=True, slots=True)
class SealedRow:
    """A stored journal entry: its identity and dates in the clear, everything else sealed."""

    id: int
    profile_id: int
    written_at: dt.datetime
    body: bytes


def _sealed_row(r: Sequence[object]) -> SealedRow:
    """``(id, profile_id, written_at, body)`` as read. An entry whose date was changed outside
    the app cannot be placed or trusted: it opens as damaged (counted and said, never hidden),
    as a tampered seal does; ``doctor`` names the column."""
    try:
        written = _parse_ts(str(r[2]))
    except DamagedValueError:
        return SealedRow(int(str(r[0])), int(str(r[1])), UNDATED, b"")
    assert written is not None
    return SealedRow(int(str(r[0])), int(str(r[1])), written, _blob(r[3]))

JOURNAL_TABLE = "journal_entries"
#: Sealed drafts: the record id bound into each seal is the profile id (one draft per person).
JOURNAL_DRAFTS_TABLE = "journal_drafts"
#: The most entries read in one query by id (one ``?`` each).
MAX_BATCH = 500


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
        return [_sealed_row(r) for r in rows]

    def batches(self, profile_id: int, size: int, *, skip: int = 0) -> Iterator[list[SealedRow]]:
        """A profile's entries newest first, ``size`` at a time, leaving out the newest ``skip``.

        For a worker thread (the journal screen's listing and search): read through a read-only
        connection of its own (``Database.reader``), never the one the UI thread writes through,
        so it sees committed entries only (never one half-written by a transaction under way there)
        and shares no connection state across threads. The order is read once (from the index
        alone); each batch is then one complete query for its bodies, so no statement stays open
        between batches: the caller may take its time over each. An entry deleted meanwhile is
        left out. The connection closes when the batches end or are left.
        """
        with self.db.reader() as conn:
            ids = [
                int(r[0])
                for r in conn.execute(
                    "SELECT id FROM journal_entries WHERE profile_id = ? "
                    "ORDER BY julianday(written_at) DESC, id DESC LIMIT -1 OFFSET ?",
                    (profile_id, max(0, skip)),
                )
            ]
            step = max(1, min(size, MAX_BATCH))
            for start in range(0, len(ids), step):
                yield self._rows_by_id(conn, ids[start : start + step])

    def rows_by_id(self, ids: Sequence[int]) -> list[SealedRow]:
        """The entries with these ids, in the order given (those gone are left out)."""
        return self._rows_by_id(self.db.conn, ids)

    @staticmethod
    def _rows_by_id(conn: sqlite3.Connection, ids: Sequence[int]) -> list[SealedRow]:
        found: dict[int, SealedRow] = {}
        for start in range(0, len(ids), MAX_BATCH):
            chunk = list(ids[start : start + MAX_BATCH])
            marks = ",".join("?" * len(chunk))
            for r in conn.execute(
                "SELECT id, profile_id, written_at, body FROM journal_entries "
                f"WHERE id IN ({marks})",
                chunk,
            ):
                found[int(r[0])] = _sealed_row(r)
        return [found[i] for i in ids if i in found]

    def get(self, entry_id: int) -> SealedRow | None:
        r = self.db.conn.execute(
            "SELECT id, profile_id, written_at, body FROM journal_entries WHERE id = ?",
            (entry_id,),
        ).fetchone()
        if r is None:
            return None
        return _sealed_row(r)

    def ids_oldest_first(self, profile_id: int) -> list[int]:
        """A person's entry ids, oldest first (from the index alone: nothing is opened)."""
        return [
            int(r[0])
            for r in self.db.conn.execute(
                "SELECT id FROM journal_entries WHERE profile_id = ? "
                "ORDER BY julianday(written_at), id",
                (profile_id,),
            )
        ]

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


def revision(body: bytes) -> str:
    """A stored entry's revision: every save seals afresh (a new nonce), so it changes each time.

    ``updated_at`` alone cannot tell two saves within one second apart; the sealed body can.
    """
    import hashlib

    return hashlib.sha256(body).hexdigest()[:32]


class EntryBody(NamedTuple):
    """What a journal entry's seal holds (its identity and dates are stored in the clear)."""

    text: str
    rating: int | None
    tags: tuple[str, ...]
    for_therapy: bool


def encode_body(text: str, rating: int | None, tags: Sequence[str], for_therapy: bool) -> str:
    """The JSON text sealed as a journal entry's body: the one writer of that format."""
    return json.dumps(
        {"text": text, "rating": rating, "tags": list(tags), "therapy": for_therapy},
        ensure_ascii=False,
    )


def decode_body(body: str) -> EntryBody | None:
    """An opened journal entry's body (:func:`encode_body`'s format), or None if it is odd."""
    try:
        data = json.loads(body)
        if not isinstance(data, dict):
            return None
        rating = data.get("rating")
        return EntryBody(
            str(data["text"]),
            None if rating is None else int(rating),
            tuple(str(t) for t in data.get("tags", ())),
            bool(data.get("therapy", False)),
        )
    except (ValueError, KeyError, TypeError):
        return None
