"""Reading a JSON export back: :func:`from_json` parses and validates all of it first, raising
:class:`~trustcheck.transfer.format.DumpError` with one line that names the first thing that is
wrong (e.g. ``checkins[3].answers[2].value: expected a whole number``).

Each record is checked here as it is read; what a row-by-row check cannot see (ids and the
references between records, answers against the pack) is checked in
:mod:`trustcheck.transfer.checks`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TypeVar

from trustcheck.core.models import (
    KNOWN_AREAS,
    CheckinStatus,
    Pack,
    Review,
    Step,
    Visibility,
)
from trustcheck.core.packs import pack_from_snapshot
from trustcheck.core.text import clean_block, clean_line
from trustcheck.transfer.checks import check_references
from trustcheck.transfer.fields import LARGEST, Reader, kind_of
from trustcheck.transfer.format import (
    CONTROL_TOPICS,
    FORMAT,
    FORMAT_VERSION,
    MAX_PARTICIPANTS,
    MAX_SNAPSHOT_CHARS,
    MAX_TAGS,
    NAME_LIMIT,
    SAFETY_ANSWERS,
    TAG_LIMIT,
    TEXT_LIMIT,
    Dump,
    DumpAnswer,
    DumpCheckin,
    DumpCommitment,
    DumpError,
    DumpPackVersion,
    DumpPrivate,
    DumpProfile,
    PrivateAnswer,
    PrivateEntry,
    PrivateSafety,
)

T = TypeVar("T")


def _line(r: Reader, key: str, limit: int) -> str:
    """One line of user text as the app stores it (``clean_line``: no ESC or other control
    characters, which a hand-made file could hold); it must not be empty once cleaned."""
    value = clean_line(r.text(key, limit, empty=False))
    if not value:
        raise r.fail("must not be empty", key)
    return value


def _block(text: str | None) -> str | None:
    """Multi-line user text as the app stores it (``clean_block``)."""
    return None if text is None else clean_block(text)


def _profile(r: Reader) -> DumpProfile:
    r.obj(("id", "name", "position", "created_at", "removed_at"))
    return DumpProfile(
        id=r.whole("id", 1),
        name=_line(r, "name", NAME_LIMIT),
        position=r.whole("position", 0, 1000),
        created_at=r.timestamp("created_at"),
        removed_at=r.opt_timestamp("removed_at"),
    )


_ANSWER_KEYS = (
    "profile_id",
    "pack_id",
    "pack_version",
    "item_id",
    "area",
    "value",
    "text",
    "skipped",
    "visibility",
    "answered_at",
)


def _answer_in(r: Reader) -> DumpAnswer:
    r.obj(_ANSWER_KEYS, optional=("not_this_week",))
    area = r.data["area"]
    if area is not None and area not in KNOWN_AREAS:
        raise r.fail(
            f"unknown area {str(area)[:40]!r} (expected one of {', '.join(KNOWN_AREAS)})", "area"
        )
    return DumpAnswer(
        profile_id=r.whole("profile_id", 1),
        pack_id=r.text("pack_id", 100, empty=False),
        pack_version=r.whole("pack_version", 1),
        item_id=r.text("item_id", 100, empty=False),
        area=area,
        value=r.opt_whole("value", -1000, 1000),
        text=_block(r.opt_text("text")),
        skipped=r.flag("skipped"),
        visibility=r.choice("visibility", tuple(v.value for v in Visibility)),
        answered_at=r.timestamp("answered_at"),
        not_this_week="not_this_week" in r.data and r.flag("not_this_week"),
    )


def _checkin(r: Reader) -> DumpCheckin:
    r.obj(
        (
            "id",
            "week",
            "status",
            "step",
            "started_at",
            "updated_at",
            "completed_at",
            "participants",
            "answers",
        )
    )
    week = r.text("week", 10)
    try:
        dt.date.fromisoformat(week)
    except ValueError:
        raise r.fail(f"{week!r} is not a date", "week") from None
    participants = r.items("participants", lambda p: _positive(p), limit=MAX_PARTICIPANTS)
    if not participants or len(set(participants)) != len(participants):
        raise r.fail("one or two different people", "participants")
    return DumpCheckin(
        id=r.whole("id", 1),
        week=week,
        status=r.choice("status", tuple(s.value for s in CheckinStatus)),
        step=r.choice("step", tuple(s.value for s in Step)),
        started_at=r.timestamp("started_at"),
        updated_at=r.timestamp("updated_at"),
        completed_at=r.opt_timestamp("completed_at"),
        participants=tuple(participants),
        answers=tuple(r.items("answers", _answer_in)),
    )


def _positive(r: Reader) -> int:
    if type(r.data) is not int or not 1 <= r.data <= LARGEST:
        raise r.fail(f"expected a profile id, got {kind_of(r.data)}")
    return r.data


def _commitment(r: Reader) -> DumpCommitment:
    r.obj(
        (
            "id",
            "checkin_id",
            "owner_id",
            "to_id",
            "text",
            "created_at",
            "review",
            "reviewed_in",
            "reviewed_at",
        ),
        # Added by issue 17, section 3: a file written before it has none of them.
        optional=("own_review", "carried_from", "dropped_in"),
    )
    review = r.data["review"]
    own = r.data.get("own_review")
    reviews = tuple(v.value for v in Review)
    return DumpCommitment(
        id=r.whole("id", 1),
        checkin_id=r.whole("checkin_id", 1),
        owner_id=r.whole("owner_id", 1),
        to_id=r.whole("to_id", 1),
        text=_line(r, "text", 1000),
        created_at=r.timestamp("created_at"),
        review=None if review is None else r.choice("review", reviews),
        reviewed_in=r.opt_whole("reviewed_in", 1),
        reviewed_at=r.opt_timestamp("reviewed_at"),
        own_review=None if own is None else r.choice("own_review", reviews),
        carried_from=r.opt_whole("carried_from", 1) if "carried_from" in r.data else None,
        dropped_in=r.opt_whole("dropped_in", 1) if "dropped_in" in r.data else None,
    )


def _private_answer(r: Reader) -> PrivateAnswer:
    r.obj(("checkin_id", "pack_id", "item_id", "text"))
    return PrivateAnswer(
        checkin_id=r.whole("checkin_id", 1),
        pack_id=r.text("pack_id", 100, empty=False),
        item_id=r.text("item_id", 100, empty=False),
        text=clean_block(r.text("text")),
    )


def _entry(r: Reader) -> PrivateEntry:
    r.obj(("id", "written_at", "updated_at", "text", "rating", "tags", "for_therapy"))
    tags = r.items("tags", lambda t: _tag(t), limit=MAX_TAGS)
    return PrivateEntry(
        id=r.whole("id", 1),
        written_at=r.timestamp("written_at"),
        updated_at=r.timestamp("updated_at"),
        text=_journal_text(r),
        rating=r.opt_whole("rating", 0, 10),
        tags=tuple(tags),
        for_therapy=r.flag("for_therapy"),
    )


def _journal_text(r: Reader) -> str:
    text = clean_block(r.text("text", TEXT_LIMIT, empty=False))
    if not text.strip():
        raise r.fail("must not be empty", "text")
    return text


def _tag(r: Reader) -> str:
    tag = clean_line(r.data) if isinstance(r.data, str) else ""
    if not tag or len(r.data) > TAG_LIMIT:
        raise r.fail(f"a tag is text of 1 to {TAG_LIMIT} characters")
    return tag


def _safety(r: Reader) -> PrivateSafety:
    data = r.obj(("checkin_id", "answered_at", "answer"), optional=("control",))
    control: dict[str, str] = {}
    raw = data.get("control", {})
    if not isinstance(raw, dict):
        raise r.fail(f"expected an object, found {kind_of(raw)}", "control")
    for topic, answer in raw.items():
        if topic not in CONTROL_TOPICS:
            raise r.fail(f"unknown topic {str(topic)[:40]!r}", "control")
        if answer not in SAFETY_ANSWERS:
            raise r.fail(f"{topic}: expected one of {', '.join(SAFETY_ANSWERS)}", "control")
        control[topic] = answer
    return PrivateSafety(
        checkin_id=r.whole("checkin_id", 1),
        answered_at=r.timestamp("answered_at"),
        answer=r.choice("answer", SAFETY_ANSWERS),
        control=control,
    )


def _private(r: Reader) -> DumpPrivate:
    data = r.obj(("profile_id", "answers", "journal"), optional=("safety",))
    return DumpPrivate(
        profile_id=r.whole("profile_id", 1),
        answers=tuple(r.items("answers", _private_answer)),
        journal=tuple(r.items("journal", _entry)),
        safety=tuple(r.items("safety", _safety)) if "safety" in data else (),
    )


def _pack_version(r: Reader) -> DumpPackVersion:
    r.obj(("pack_id", "version", "items_json", "first_used_at"))
    version = DumpPackVersion(
        pack_id=r.text("pack_id", 100, empty=False),
        version=r.whole("version", 1),
        items_json=r.text("items_json", MAX_SNAPSHOT_CHARS, empty=False),
        first_used_at=r.timestamp("first_used_at"),
    )
    try:
        pack = pack_from_snapshot(version.items_json)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise r.fail("not the wording of a pack version", "items_json") from None
    if (pack.id, pack.version) != (version.pack_id, version.version):
        raise r.fail(f"holds {pack.id!r} version {pack.version}", "items_json")
    return version


def from_json(text: str | bytes, pack: Pack | None = None) -> Dump:
    """Parse and validate a JSON export completely; :class:`DumpError` on the first problem.

    With ``pack``, answers to its items are also checked against it (area, kind, range).
    """
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else "not JSON"
        where = (
            f" (line {exc.lineno}, column {exc.colno})"
            if isinstance(exc, json.JSONDecodeError)
            else ""
        )
        raise DumpError(f"not valid JSON: {detail}{where}") from None
    root = Reader(data, "")
    if not isinstance(data, dict):
        raise DumpError(f"not a trustcheck export: expected an object, got {kind_of(data)}")
    if data.get("format") != FORMAT:
        raise DumpError(f'not a trustcheck export (no "format": {FORMAT!r})')
    version = data.get("format_version")
    if version != FORMAT_VERSION or type(version) is not int:
        raise DumpError(
            f"format_version {json.dumps(version)} is not one this trustcheck reads "
            f"(it reads {FORMAT_VERSION})"
        )
    root.obj(
        (
            "format",
            "format_version",
            "exported_at",
            "app_version",
            "profiles",
            "checkins",
            "commitments",
            "settings",
            "private",
        ),
        optional=("pack_versions",),
    )
    settings_node = root.child("settings")
    if not isinstance(settings_node.data, dict) or not all(
        isinstance(v, str) and len(v) <= TEXT_LIMIT for v in settings_node.data.values()
    ):
        raise settings_node.fail("expected an object of texts")
    dump = Dump(
        exported_at=root.timestamp("exported_at"),
        app_version=root.text("app_version", 100),
        profiles=tuple(root.items("profiles", _profile)),
        checkins=tuple(root.items("checkins", _checkin)),
        commitments=tuple(root.items("commitments", _commitment)),
        settings=dict(settings_node.data),
        private=tuple(root.items("private", _private, limit=1)),
        pack_versions=tuple(root.items("pack_versions", _pack_version))
        if "pack_versions" in data
        else (),
    )
    check_references(dump, pack)
    return dump


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not allowed")


__all__ = ["from_json"]
