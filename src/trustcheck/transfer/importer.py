"""Reading a file to import, and the shared rows it becomes (issue 5).

:func:`read_dump` and :func:`parse_dump` read and validate a JSON export, naming the file and the
problem in one line; :func:`shared_rows` turns a validated dump into the rows of a
:class:`~trustcheck.storage.repos.transfer.Transfer`, ids kept. Writing them, and sealing one
person's private records again, is ``trustcheck.services.importer``'s.
"""

from __future__ import annotations

import errno
from pathlib import Path

from trustcheck import messages
from trustcheck.core.errors import UserError
from trustcheck.core.files import read_small_file
from trustcheck.core.models import CheckinStatus, Pack
from trustcheck.storage.repos.transfer import CommitmentRecord, Transfer
from trustcheck.transfer.format import (
    MAX_FILE_BYTES,
    Dump,
    DumpCommitment,
    DumpError,
    DumpProfile,
    day_only,
)
from trustcheck.transfer.reader import from_json


class ImportFileError(UserError, ValueError):
    """A file that cannot be imported, or a data folder it cannot go into; one line."""


def read_dump(path: Path, pack: Pack | None = None) -> Dump:
    """Read and validate a JSON export; :class:`ImportFileError` names the file and the problem.

    Nothing is opened or written but the file; answers to ``pack``'s items are checked against it.
    """
    try:
        raw = read_small_file(path, MAX_FILE_BYTES)
    except OSError as exc:
        if exc.errno == errno.EFBIG:
            raise ImportFileError(
                messages.IMPORT_BAD_FILE.format(path=path, reason="the file is too large")
            ) from exc
        raise ImportFileError(
            messages.IMPORT_UNREADABLE.format(path=path, reason=exc.strerror or exc)
        ) from exc
    return parse_dump(raw, str(path), pack)


def parse_dump(raw: bytes | str, name: str, pack: Pack | None = None) -> Dump:
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise ImportFileError(
            messages.IMPORT_BAD_FILE.format(path=name, reason="not UTF-8 text")
        ) from None
    try:
        return from_json(text, pack)
    except DumpError as exc:
        raise ImportFileError(messages.IMPORT_BAD_FILE.format(path=name, reason=exc)) from None


def private_person(dump: Dump) -> DumpProfile | None:
    """Whose private records the file holds (a passphrase for them is needed to import)."""
    if not dump.private:
        return None
    pid = dump.private[0].profile_id
    return next(p for p in dump.profiles if p.id == pid)


def shared_rows(dump: Dump) -> Transfer:
    """Every shared record of ``dump`` as the rows an import writes; the private ones are empty.

    Read as the schema now keeps them: an answer keeps only its day (schema V9), and a week ended
    early decides nothing about commitments (V13; see :func:`_commitment_row`).
    """
    ended = {c.id for c in dump.checkins if c.status == CheckinStatus.ABANDONED.value}
    return Transfer(
        profiles=[(p.id, p.name, p.position, p.created_at, p.removed_at) for p in dump.profiles],
        checkins=[
            (c.id, c.week, c.status, c.step, c.started_at, c.updated_at, c.completed_at)
            for c in dump.checkins
        ],
        participants=[
            (c.id, pid, position)
            for c in dump.checkins
            for position, pid in enumerate(c.participants)
        ],
        answers=[
            (
                c.id,
                a.profile_id,
                a.pack_id,
                a.pack_version,
                a.item_id,
                a.value,
                a.text,
                a.skipped,
                a.visibility,
                day_only(a.answered_at),
                a.not_this_week,
            )
            for c in dump.checkins
            for a in c.answers
        ],
        commitments=[_commitment_row(m, ended) for m in dump.commitments],
        settings=dict(dump.settings),
        wrapped_keys={},
        sealed_answers={},
        journal=[],
        pack_versions=[
            (v.pack_id, v.version, v.items_json, v.first_used_at) for v in dump.pack_versions
        ],
    )


def _commitment_row(m: DumpCommitment, ended: set[int]) -> CommitmentRecord:
    """A commitment's row, without a look back or a letting go given in a week ended early:
    ``CheckinRepo.end_early`` undoes them, and an export written before it did holds them."""
    undone = m.reviewed_in in ended
    return (
        m.id,
        m.checkin_id,
        m.owner_id,
        m.to_id,
        m.text,
        m.created_at,
        None if undone else m.review,
        None if undone else m.reviewed_in,
        None if undone else m.reviewed_at,
        None if undone else m.own_review,
        m.carried_from,
        None if m.dropped_in in ended else m.dropped_in,
    )


__all__ = [
    "ImportFileError",
    "parse_dump",
    "private_person",
    "read_dump",
    "shared_rows",
]
