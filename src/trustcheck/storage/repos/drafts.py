"""Answer drafts: written answers not given yet, kept apart from ``answers``."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import NamedTuple

from trustcheck.core.clock import day_start
from trustcheck.core.models import (
    Visibility,
)
from trustcheck.storage.db import Database
from trustcheck.storage.repos._rows import (
    _blob,
    _ts,
    _visibility,
)

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


#: What an answer draft's seal is bound to, beside its record id (see :func:`draft_record_id`).
ANSWER_DRAFTS_TABLE = "answer_drafts"


def draft_record_id(checkin_id: int, pack_id: str, item_id: str) -> str:
    """The identity a private draft's seal is bound to (with its table and its author)."""
    return f"{checkin_id}:{pack_id}:{item_id}"


class StoredDraft(NamedTuple):
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
                    _ts(day_start(now)),  # the day only, as an answer's (issue 15)
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
