"""Repositories: every SQL statement trustcheck runs, one module per aggregate.

Callers import from here (``from trustcheck.storage.repos import AnswerRepo``); the modules are:
``profiles``, ``checkins``, ``answers`` (ratings and written answers), ``drafts`` (answer drafts),
``commitments``, ``keys``, ``journal`` (entries and their draft), ``settings``, ``pack_versions``,
``safety``, ``scores`` (each completed turn's weekly scores), ``summary`` (the therapy summary's
reads) and ``transfer`` (the whole database for a JSON export or an import). ``_rows`` holds
the row helpers they share.
"""

from __future__ import annotations

from trustcheck.storage.repos.answers import ANSWERS_TABLE, AnswerRepo, private_answer_id
from trustcheck.storage.repos.checkins import CheckinRepo
from trustcheck.storage.repos.commitments import CommitmentRepo
from trustcheck.storage.repos.drafts import (
    ANSWER_DRAFTS_TABLE,
    DraftRepo,
    StoredDraft,
    draft_record_id,
)
from trustcheck.storage.repos.journal import (
    JOURNAL_DRAFTS_TABLE,
    JOURNAL_TABLE,
    EntryBody,
    JournalRepo,
    SealedRow,
    decode_body,
    encode_body,
    revision,
)
from trustcheck.storage.repos.keys import KeyRepo
from trustcheck.storage.repos.pack_versions import PackVersionRepo
from trustcheck.storage.repos.profiles import ProfileRepo
from trustcheck.storage.repos.safety import SAFETY_TABLE, SafetyRepo, safety_record_id
from trustcheck.storage.repos.scores import ScoreRepo
from trustcheck.storage.repos.settings import SettingsRepo
from trustcheck.storage.repos.summary import ExportRepo, WrittenAnswer
from trustcheck.storage.repos.transfer import (
    AnswerKey,
    AnswerRecord,
    CheckinRecord,
    CommitmentRecord,
    JournalRecord,
    PackVersionRecord,
    ParticipantRecord,
    ProfileRecord,
    SafetyRow,
    Transfer,
    TransferRepo,
)

__all__ = [
    "ANSWERS_TABLE",
    "ANSWER_DRAFTS_TABLE",
    "JOURNAL_DRAFTS_TABLE",
    "JOURNAL_TABLE",
    "SAFETY_TABLE",
    "AnswerKey",
    "AnswerRecord",
    "AnswerRepo",
    "CheckinRecord",
    "CheckinRepo",
    "CommitmentRecord",
    "CommitmentRepo",
    "DraftRepo",
    "EntryBody",
    "ExportRepo",
    "JournalRecord",
    "JournalRepo",
    "KeyRepo",
    "PackVersionRecord",
    "PackVersionRepo",
    "ParticipantRecord",
    "ProfileRecord",
    "ProfileRepo",
    "SafetyRepo",
    "SafetyRow",
    "ScoreRepo",
    "SealedRow",
    "SettingsRepo",
    "StoredDraft",
    "Transfer",
    "TransferRepo",
    "WrittenAnswer",
    "decode_body",
    "draft_record_id",
    "encode_body",
    "private_answer_id",
    "revision",
    "safety_record_id",
]
