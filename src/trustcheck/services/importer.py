"""Import (issue 5): a JSON export into an empty data folder, validated completely first and
written in one transaction, so a bad file changes nothing.

Ids are kept, so check-ins, answers and commitments keep pointing at each other. A file with a
person's private section (exported with ``--include-private``) is re-sealed: that person chooses
a passphrase, a new data key is made for them, and each private answer and journal entry is
sealed for the same record identity it had (``private_answer_id``, the entry id). All of that
is computed before the single write. That person's safety answers, if the file holds them, are
sealed the same way; the wording of every answered pack version (``pack_versions``) comes along.

Reading the file and the shared rows it becomes are ``trustcheck.transfer``'s; this service writes
them, and the CLI and the TUI reach the import through it.
"""

from __future__ import annotations

from dataclasses import dataclass

from trustcheck import messages
from trustcheck.services import Services
from trustcheck.services.export import Progress
from trustcheck.services.keys import check_passphrase
from trustcheck.services.safety import SafetyAnswer, SafetyCheck
from trustcheck.storage import crypto
from trustcheck.storage.errors import ConflictError
from trustcheck.storage.repos.answers import ANSWERS_TABLE, private_answer_id
from trustcheck.storage.repos.journal import JOURNAL_TABLE, encode_body
from trustcheck.storage.repos.safety import SAFETY_TABLE, safety_record_id
from trustcheck.storage.repos.transfer import AnswerKey, JournalRecord, Transfer, TransferRepo
from trustcheck.transfer.format import Dump, DumpProfile, day_only
from trustcheck.transfer.importer import (
    ImportFileError,
    parse_dump,
    private_person,
    read_dump,
    shared_rows,
)


@dataclass(frozen=True, slots=True)
class ImportResult:
    profiles: int
    checkins: int
    commitments: int
    #: The person whose private records were sealed again, if any.
    resealed: str | None


def _noop(_what: str, _done: float) -> None:
    return None


def import_dump(
    services: Services,
    dump: Dump,
    *,
    passphrase: str | None = None,
    progress: Progress = _noop,
) -> ImportResult:
    """Write ``dump`` into the (empty) database of ``services`` in one transaction.

    ``passphrase`` is the new passphrase of the person whose private records the file holds;
    it is required then, and unused otherwise.
    """
    if not services.is_empty():
        raise ImportFileError(messages.IMPORT_NOT_EMPTY.format(path=services.data_dir))
    progress(messages.IMPORT_PROGRESS, 0.3)
    transfer = shared_rows(dump)
    resealed = None
    person = private_person(dump)
    if person is not None:
        if passphrase is None:
            raise ImportFileError(messages.NO_PASSPHRASE.replace("NAME", person.name))
        check_passphrase(passphrase)
        _reseal(services, dump, person, passphrase, transfer)
        resealed = person.name
    progress(messages.IMPORT_PROGRESS, 0.6)
    try:
        TransferRepo(services._db).load(transfer)  # the service layer's own database
    except ConflictError as exc:
        raise ImportFileError(str(exc)) from exc
    progress(messages.IMPORT_PROGRESS, 1.0)
    return ImportResult(len(dump.profiles), len(dump.checkins), len(dump.commitments), resealed)


def _reseal(
    services: Services, dump: Dump, person: DumpProfile, passphrase: str, into: Transfer
) -> None:
    """A new key for ``person`` under ``passphrase``, and every private record sealed with it."""
    data_key, wrapped = services.keys.new_key(person.id, passphrase)
    record_key = crypto.RecordKey(data_key)
    section = dump.private[0]
    sealed: dict[AnswerKey, bytes] = {}
    for a in section.answers:
        sealed[(a.checkin_id, person.id, a.pack_id, a.item_id)] = crypto.seal(
            record_key,
            a.text,
            profile_id=person.id,
            table=ANSWERS_TABLE,
            record_id=private_answer_id(a.checkin_id, a.pack_id, a.item_id),
        )
    journal: list[JournalRecord] = [
        (
            e.id,
            person.id,
            e.written_at,
            e.updated_at,
            crypto.seal(
                record_key,
                encode_body(e.text, e.rating, e.tags, e.for_therapy),
                profile_id=person.id,
                table=JOURNAL_TABLE,
                record_id=e.id,
            ),
        )
        for e in section.journal
    ]
    into.wrapped_keys[person.id] = wrapped.to_json()
    into.sealed_answers.update(sealed)
    into.journal.extend(journal)
    into.safety.extend(
        (
            x.checkin_id,
            person.id,
            day_only(x.answered_at),
            crypto.seal(
                record_key,
                SafetyCheck(
                    SafetyAnswer(x.answer),
                    {t: SafetyAnswer(a) for t, a in x.control.items()},
                ).sealed_text(),
                profile_id=person.id,
                table=SAFETY_TABLE,
                record_id=safety_record_id(x.checkin_id, person.id),
            ),
        )
        for x in section.safety
    )


__all__ = [
    "ImportFileError",
    "ImportResult",
    "import_dump",
    "parse_dump",
    "private_person",
    "read_dump",
]
