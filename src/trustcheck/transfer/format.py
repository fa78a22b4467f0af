"""The JSON export's format: every shared record, and one person's private records when they
chose to include them. ``format_version`` 1; the schema is documented in ``docs/export-format.md``.

The dump's types, its limits, and :func:`to_json`, which writes a :class:`Dump`.
:func:`trustcheck.transfer.reader.from_json` reads one back and validates all of it first.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from trustcheck.core.errors import UserError
from trustcheck.core.text import json_safe

FORMAT = "trustcheck-export"
FORMAT_VERSION = 1
#: Limits on what an import accepts, so a hostile file cannot exhaust memory row by row.
MAX_FILE_BYTES = 512 * 1024 * 1024
NAME_LIMIT = 40
TEXT_LIMIT = 100_000
TAG_LIMIT = 40
MAX_TAGS = 12
MAX_PARTICIPANTS = 2
MAX_SNAPSHOT_CHARS = 1_000_000

T = TypeVar("T")


class DumpError(UserError, ValueError):
    """A JSON export that cannot be read; the message is one line naming where and what."""


@dataclass(frozen=True, slots=True)
class DumpProfile:
    id: int
    name: str
    position: int
    created_at: str
    removed_at: str | None


@dataclass(frozen=True, slots=True)
class DumpAnswer:
    profile_id: int
    pack_id: str
    pack_version: int
    item_id: str
    #: The item's area in the pack it answered (informative; None if the pack is unknown here).
    area: str | None
    value: int | None
    #: None for a private answer: its text is only ever in the owner's ``private`` section.
    text: str | None
    skipped: bool
    visibility: str
    answered_at: str
    #: "Didn't come up this week" (a conditional item); absent from older exports.
    not_this_week: bool = False


@dataclass(frozen=True, slots=True)
class DumpCheckin:
    id: int
    week: str
    status: str
    step: str
    started_at: str
    updated_at: str
    completed_at: str | None
    participants: tuple[int, ...]
    answers: tuple[DumpAnswer, ...]


@dataclass(frozen=True, slots=True)
class DumpCommitment:
    id: int
    checkin_id: int
    owner_id: int
    to_id: int
    text: str
    created_at: str
    review: str | None
    reviewed_in: int | None
    reviewed_at: str | None
    #: Issue 17, section 3 (absent from files written before it: None).
    own_review: str | None = None
    carried_from: int | None = None
    dropped_in: int | None = None


@dataclass(frozen=True, slots=True)
class PrivateAnswer:
    checkin_id: int
    pack_id: str
    item_id: str
    text: str


@dataclass(frozen=True, slots=True)
class PrivateEntry:
    id: int
    written_at: str
    updated_at: str
    text: str
    rating: int | None
    tags: tuple[str, ...]
    for_therapy: bool


@dataclass(frozen=True, slots=True)
class PrivateSafety:
    """One answer to the private safety question ("yes" or "no"), its owner's alone."""

    checkin_id: int
    #: The day only (the start of that day): no per-answer time is ever exported.
    answered_at: str
    answer: str
    #: The short set on coercive control, by topic, each "yes" or "no" (a topic not answered is
    #: left out). Optional in a file: older exports have none.
    control: Mapping[str, str] = field(default_factory=dict)


SAFETY_ANSWERS = ("yes", "no")
#: The control topics a file may hold (``services.safety.CONTROL_TOPICS``).
CONTROL_TOPICS = ("monitored", "isolated", "money", "sexual")


@dataclass(frozen=True, slots=True)
class DumpPrivate:
    """One person's private records, decrypted because that person unlocked and opted in."""

    profile_id: int
    answers: tuple[PrivateAnswer, ...]
    journal: tuple[PrivateEntry, ...]
    #: Their answers to the safety question (optional in a file: older exports have none).
    safety: tuple[PrivateSafety, ...] = ()


@dataclass(frozen=True, slots=True)
class DumpPackVersion:
    """The wording of one pack version as first answered (``pack_versions``): shared, it holds
    no answer, and keeps history showing the words that were answered after an import."""

    pack_id: str
    version: int
    items_json: str
    first_used_at: str


@dataclass(frozen=True, slots=True)
class Dump:
    exported_at: str
    app_version: str
    profiles: tuple[DumpProfile, ...]
    checkins: tuple[DumpCheckin, ...]
    commitments: tuple[DumpCommitment, ...]
    settings: Mapping[str, str]
    private: tuple[DumpPrivate, ...] = ()
    format_version: int = FORMAT_VERSION
    pack_versions: tuple[DumpPackVersion, ...] = ()


def day_only(timestamp: str) -> str:
    """An ISO date and time, coarsened to the start of its day (its offset kept): how an answer's
    time is exported and imported, so no per-answer time travels in a file."""
    moment = dt.datetime.fromisoformat(timestamp)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0).isoformat(timespec="seconds")


# --- writing ------------------------------------------------------------------------------------


def _answer(a: DumpAnswer) -> dict[str, Any]:
    return {
        "profile_id": a.profile_id,
        "pack_id": a.pack_id,
        "pack_version": a.pack_version,
        "item_id": a.item_id,
        "area": a.area,
        "value": a.value,
        "text": a.text,
        "skipped": a.skipped,
        "visibility": a.visibility,
        "answered_at": day_only(a.answered_at),
        "not_this_week": a.not_this_week,
    }


def as_data(dump: Dump) -> dict[str, Any]:
    """The dump as JSON-ready data (keys in a fixed order)."""
    return {
        "format": FORMAT,
        "format_version": dump.format_version,
        "exported_at": dump.exported_at,
        "app_version": dump.app_version,
        "profiles": [
            {
                "id": p.id,
                "name": p.name,
                "position": p.position,
                "created_at": p.created_at,
                "removed_at": p.removed_at,
            }
            for p in dump.profiles
        ],
        "checkins": [
            {
                "id": c.id,
                "week": c.week,
                "status": c.status,
                "step": c.step,
                "started_at": c.started_at,
                "updated_at": c.updated_at,
                "completed_at": c.completed_at,
                "participants": list(c.participants),
                "answers": [_answer(a) for a in c.answers],
            }
            for c in dump.checkins
        ],
        "commitments": [
            {
                "id": m.id,
                "checkin_id": m.checkin_id,
                "owner_id": m.owner_id,
                "to_id": m.to_id,
                "text": m.text,
                "created_at": m.created_at,
                "review": m.review,
                "reviewed_in": m.reviewed_in,
                "reviewed_at": m.reviewed_at,
                "own_review": m.own_review,
                "carried_from": m.carried_from,
                "dropped_in": m.dropped_in,
            }
            for m in dump.commitments
        ],
        "settings": dict(sorted(dump.settings.items())),
        "pack_versions": [
            {
                "pack_id": v.pack_id,
                "version": v.version,
                "items_json": v.items_json,
                "first_used_at": v.first_used_at,
            }
            for v in dump.pack_versions
        ],
        "private": [
            {
                "profile_id": p.profile_id,
                "answers": [
                    {
                        "checkin_id": a.checkin_id,
                        "pack_id": a.pack_id,
                        "item_id": a.item_id,
                        "text": a.text,
                    }
                    for a in p.answers
                ],
                "journal": [
                    {
                        "id": e.id,
                        "written_at": e.written_at,
                        "updated_at": e.updated_at,
                        "text": e.text,
                        "rating": e.rating,
                        "tags": list(e.tags),
                        "for_therapy": e.for_therapy,
                    }
                    for e in p.journal
                ],
                "safety": [
                    {
                        "checkin_id": x.checkin_id,
                        "answered_at": day_only(x.answered_at),
                        "answer": x.answer,
                        "control": dict(x.control),
                    }
                    for x in p.safety
                ],
            }
            for p in dump.private
        ],
    }


def to_json(dump: Dump) -> str:
    """The JSON text of a dump: UTF-8 friendly (``ensure_ascii=False``) but with control and
    format characters escaped (``core.text.json_safe``), one newline at the end."""
    return json_safe(json.dumps(as_data(dump), ensure_ascii=False, indent=1)) + "\n"


__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_FILE_BYTES",
    "SAFETY_ANSWERS",
    "Dump",
    "DumpAnswer",
    "DumpCheckin",
    "DumpCommitment",
    "DumpError",
    "DumpPackVersion",
    "DumpPrivate",
    "DumpProfile",
    "PrivateAnswer",
    "PrivateEntry",
    "PrivateSafety",
    "as_data",
    "to_json",
]
