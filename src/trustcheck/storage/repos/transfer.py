"""The whole database as rows: read for a JSON export, written by an import (issue 5)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from trustcheck import messages
from trustcheck.storage.db import Database
from trustcheck.storage.errors import ConflictError
from trustcheck.storage.repos._rows import (
    _blob,
    _day,
    _parse_ts,
)
from trustcheck.storage.repos.checkins import _INSERT_PARTICIPANT

# Whole-database transfer rows, in column order (JSON export and import). Timestamps stay the
# ISO text they are stored as, so an export → import → export round trip is exact.
#: id, name, position, created_at, removed_at
ProfileRecord = tuple[int, str, int, str, str | None]
#: id, week, status, step, started_at, updated_at, completed_at
CheckinRecord = tuple[int, str, str, str, str, str, str | None]
#: check-in id, profile id, position
ParticipantRecord = tuple[int, int, int]
#: check-in id, profile id, pack id, pack version, item id, value, text, skipped, visibility,
#: answered_at, not this week
AnswerRecord = tuple[int, int, str, int, str, int | None, str | None, bool, str, str, bool]
#: id, check-in id, owner id, to id, text, created_at, review, reviewed_in, reviewed_at,
#: own_review, carried_from, dropped_in
CommitmentRecord = tuple[
    int,
    int,
    int,
    int,
    str,
    str,
    str | None,
    int | None,
    str | None,
    str | None,
    int | None,
    int | None,
]
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
                bool(r[10]),
            )
            for r in conn.execute(
                "SELECT checkin_id, profile_id, pack_id, pack_version, item_id, value, text, "
                "skipped, visibility, answered_at, not_this_week FROM answers "
                "ORDER BY checkin_id, id"
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
                None if r[9] is None else str(r[9]),
                None if r[10] is None else int(r[10]),
                None if r[11] is None else int(r[11]),
            )
            for r in conn.execute(
                "SELECT id, checkin_id, owner_id, to_id, text, created_at, review, reviewed_in, "
                "reviewed_at, own_review, carried_from, dropped_in FROM commitments ORDER BY id"
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
        # A JSON export must import again: a date or time that cannot be read is said now.
        for times, days in (
            ([r[3] for r in profiles] + [r[4] for r in profiles], ()),
            ([t for r in checkins for t in r[4:7]], [r[1] for r in checkins]),
            ([r[9] for r in answers], ()),
            ([r[5] for r in commitments] + [r[8] for r in commitments], ()),
            ([r[3] for r in pack_versions], ()),
        ):
            for t in times:
                _parse_ts(t)
            for d in days:
                _day(d)
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
        for r in rows:
            _parse_ts(str(r[2]))
            _parse_ts(str(r[3]))
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
                    "value, text, skipped, visibility, answered_at, text_sealed, not_this_week) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            *a[:7],
                            int(a[7]),
                            a[8],
                            a[9],
                            data.sealed_answers.get((a[0], a[1], a[2], a[4])),
                            int(a[10]),
                        )
                        for a in data.answers
                    ],
                )
                conn.executemany(
                    "INSERT INTO commitments(id, checkin_id, owner_id, to_id, text, created_at, "
                    "review, reviewed_in, reviewed_at, own_review, carried_from, dropped_in) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
