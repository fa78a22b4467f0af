"""Every sealed record of one person, sealed again under a new data key in one transaction: what a
passphrase change does (issue 16), so that the old passphrase opens nothing written from then on.

The sealed records are: private answers (``answers.text_sealed``), private answer drafts
(``answer_drafts.text_sealed``), journal entries and the journal draft (``body``) and safety
answers (``body``). Each seal is bound to its table and record id (``storage.crypto``); the same
binding is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from trustcheck import messages
from trustcheck.storage.db import Database
from trustcheck.storage.errors import ConflictError
from trustcheck.storage.repos._rows import _blob
from trustcheck.storage.repos.answers import ANSWERS_TABLE, private_answer_id
from trustcheck.storage.repos.drafts import ANSWER_DRAFTS_TABLE, draft_record_id
from trustcheck.storage.repos.journal import JOURNAL_DRAFTS_TABLE, JOURNAL_TABLE
from trustcheck.storage.repos.safety import SAFETY_TABLE, safety_record_id


class SealedRecord(NamedTuple):
    """One sealed record: the table and record id its seal is bound to, and the seal."""

    table: str
    record_id: int | str
    body: bytes


Row = tuple[object, ...]


class _Kind(NamedTuple):
    """A table of sealed records: how one person's rows are read (the seal last), the record id
    each seal is bound to, and the update that replaces one row's seal."""

    table: str
    select: str
    record_id: Callable[[int, Row], int | str]
    update: str
    where: Callable[[int, Row], Row]


_KINDS = (
    _Kind(
        ANSWERS_TABLE,
        "SELECT id, checkin_id, pack_id, item_id, text_sealed FROM answers "
        "WHERE profile_id = ? AND text_sealed IS NOT NULL",
        lambda pid, r: private_answer_id(int(str(r[1])), str(r[2]), str(r[3])),
        "UPDATE answers SET text_sealed = ? WHERE id = ?",
        lambda pid, r: (r[0],),
    ),
    _Kind(
        ANSWER_DRAFTS_TABLE,
        "SELECT checkin_id, pack_id, item_id, text_sealed FROM answer_drafts "
        "WHERE profile_id = ? AND text_sealed IS NOT NULL",
        lambda pid, r: draft_record_id(int(str(r[0])), str(r[1]), str(r[2])),
        "UPDATE answer_drafts SET text_sealed = ? "
        "WHERE checkin_id = ? AND pack_id = ? AND item_id = ? AND profile_id = ?",
        lambda pid, r: (*r[:3], pid),
    ),
    _Kind(
        JOURNAL_TABLE,
        "SELECT id, body FROM journal_entries WHERE profile_id = ?",
        lambda pid, r: int(str(r[0])),
        "UPDATE journal_entries SET body = ? WHERE id = ?",
        lambda pid, r: (r[0],),
    ),
    _Kind(
        JOURNAL_DRAFTS_TABLE,
        "SELECT body FROM journal_drafts WHERE profile_id = ?",
        lambda pid, r: pid,
        "UPDATE journal_drafts SET body = ? WHERE profile_id = ?",
        lambda pid, r: (pid,),
    ),
    _Kind(
        SAFETY_TABLE,
        "SELECT id, checkin_id, body FROM safety_answers WHERE profile_id = ?",
        lambda pid, r: safety_record_id(int(str(r[1])), pid),
        "UPDATE safety_answers SET body = ? WHERE id = ?",
        lambda pid, r: (r[0],),
    ),
)


class SealedRepo:
    """One person's sealed records, across every table that holds them."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def rotate(
        self,
        profile_id: int,
        expected_key: str,
        new_key: str,
        reseal: Callable[[SealedRecord], bytes],
        recovery: Callable[[str | None], str | None],
    ) -> int:
        """Seal every record of the person again (``reseal`` turns each old seal into its new
        one) and store ``new_key`` as their wrapped key, and ``recovery(stored recovery wrap)``
        as their recovery wrap (None: none), all in one transaction; how many records were
        sealed again.

        The write lock is held from the first read, so no other window can add a record sealed
        with the old key meanwhile. Raises :class:`ConflictError` (nothing changed) when the
        stored wrapped key is no longer ``expected_key``: changed in another window.
        """
        done = 0
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT wrapped_key, recovery_wrapped_key FROM profiles WHERE id = ?",
                (profile_id,),
            ).fetchone()
            if row is None or row[0] != expected_key:
                raise ConflictError(messages.PASSPHRASE_CHANGED_ELSEWHERE)
            new_recovery = recovery(None if row[1] is None else str(row[1]))
            for kind in _KINDS:
                changes = []
                for row in conn.execute(kind.select, (profile_id,)).fetchall():
                    record_id = kind.record_id(profile_id, row)
                    record = SealedRecord(kind.table, record_id, _blob(row[-1]))
                    changes.append((reseal(record), *kind.where(profile_id, row)))
                conn.executemany(kind.update, changes)
                done += len(changes)
            conn.execute(
                "UPDATE profiles SET wrapped_key = ?, recovery_wrapped_key = ? WHERE id = ?",
                (new_key, new_recovery, profile_id),
            )
        # The replaced seals are zeroed in the database file (secure_delete); the log is
        # emptied too, so the old seals are left in no file of the app's but older backups.
        self.db.forget_old_pages()
        return done
