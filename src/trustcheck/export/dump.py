"""The JSON export: every shared record, and one person's private records when they chose to
include them. ``format_version`` 1; the schema is documented in ``docs/export-format.md``.

:func:`to_json` writes a :class:`Dump`; :func:`from_json` reads one back and validates all of
it first, raising :class:`DumpError` with one line that names the first thing that is wrong
(e.g. ``checkins[3].answers[2].value: expected a whole number``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from trustcheck.core.errors import UserError
from trustcheck.core.models import (
    KNOWN_AREAS,
    OVERALL_MAX,
    OVERALL_MIN,
    SCALE_MAX,
    SCALE_MIN,
    CheckinStatus,
    ItemKind,
    Pack,
    Review,
    Step,
    Visibility,
)
from trustcheck.core.packs import pack_from_snapshot
from trustcheck.core.text import clean_block, clean_line

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
    answered_at: str
    answer: str


SAFETY_ANSWERS = ("yes", "no")


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
        "answered_at": a.answered_at,
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
                    {"checkin_id": x.checkin_id, "answered_at": x.answered_at, "answer": x.answer}
                    for x in p.safety
                ],
            }
            for p in dump.private
        ],
    }


def to_json(dump: Dump) -> str:
    """The JSON text of a dump: UTF-8 friendly (``ensure_ascii=False``), one newline at the end."""
    return json.dumps(as_data(dump), ensure_ascii=False, indent=1) + "\n"


# --- reading ------------------------------------------------------------------------------------


class _Reader:
    """Typed access to parsed JSON that names the path of whatever is wrong."""

    def __init__(self, data: Any, path: str) -> None:
        self.data = data
        self.path = path

    def fail(self, what: str, key: str | None = None) -> DumpError:
        where = self.path if key is None else f"{self.path}.{key}" if self.path else key
        return DumpError(f"{where or 'the file'}: {what}")

    def obj(self, keys: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, Any]:
        if not isinstance(self.data, dict):
            raise self.fail(f"expected an object, got {_kind(self.data)}")
        missing = [k for k in keys if k not in self.data]
        if missing:
            raise self.fail(f"missing {', '.join(repr(k) for k in missing)}")
        unknown = sorted(set(self.data) - set(keys) - set(optional))
        if unknown:
            raise self.fail(f"unexpected key {unknown[0]!r}")
        return self.data

    def child(self, key: str | int) -> _Reader:
        data: Any = self.data
        path = (
            f"{self.path}[{key}]"
            if isinstance(key, int)
            else (f"{self.path}.{key}" if self.path else key)
        )
        return _Reader(data[key], path)

    def items(self, key: str, each: Callable[[_Reader], T], limit: int | None = None) -> list[T]:
        node = self.child(key)
        if not isinstance(node.data, list):
            raise node.fail(f"expected a list, got {_kind(node.data)}")
        if limit is not None and len(node.data) > limit:
            raise node.fail(f"at most {limit} entries")
        return [each(node.child(i)) for i in range(len(node.data))]

    def whole(self, key: str, low: int | None = None, high: int | None = None) -> int:
        value = self.data[key]
        if type(value) is not int:
            raise self.fail(f"expected a whole number, got {_kind(value)}", key)
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = f"{low}..{high}" if high is not None else f"at least {low}"
            raise self.fail(f"{value} is out of range ({bounds})", key)
        return value

    def opt_whole(self, key: str, low: int | None = None, high: int | None = None) -> int | None:
        return None if self.data[key] is None else self.whole(key, low, high)

    def text(self, key: str, limit: int = TEXT_LIMIT, *, empty: bool = True) -> str:
        value = self.data[key]
        if not isinstance(value, str):
            raise self.fail(f"expected text, got {_kind(value)}", key)
        if len(value) > limit:
            raise self.fail(f"longer than {limit} characters", key)
        if not empty and not value.strip():
            raise self.fail("must not be empty", key)
        return value

    def opt_text(self, key: str, limit: int = TEXT_LIMIT) -> str | None:
        return None if self.data[key] is None else self.text(key, limit)

    def flag(self, key: str) -> bool:
        value = self.data[key]
        if not isinstance(value, bool):
            raise self.fail(f"expected true or false, got {_kind(value)}", key)
        return value

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self.text(key, 100)
        if value not in choices:
            raise self.fail(f"unknown value {value!r} (expected one of {', '.join(choices)})", key)
        return value

    def timestamp(self, key: str) -> str:
        value = self.text(key, 64)
        try:
            dt.datetime.fromisoformat(value)
        except ValueError:
            raise self.fail(f"{value!r} is not a date and time", key) from None
        return value

    def opt_timestamp(self, key: str) -> str | None:
        return None if self.data[key] is None else self.timestamp(key)


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _line(r: _Reader, key: str, limit: int) -> str:
    """One line of user text as the app stores it (``clean_line``: no ESC or other control
    characters, which a hand-made file could hold); it must not be empty once cleaned."""
    value = clean_line(r.text(key, limit, empty=False))
    if not value:
        raise r.fail("must not be empty", key)
    return value


def _block(text: str | None) -> str | None:
    """Multi-line user text as the app stores it (``clean_block``)."""
    return None if text is None else clean_block(text)


def _profile(r: _Reader) -> DumpProfile:
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


def _answer_in(r: _Reader) -> DumpAnswer:
    r.obj(_ANSWER_KEYS)
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
    )


def _checkin(r: _Reader) -> DumpCheckin:
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


def _positive(r: _Reader) -> int:
    if type(r.data) is not int or r.data < 1:
        raise r.fail(f"expected a profile id, got {_kind(r.data)}")
    return r.data


def _commitment(r: _Reader) -> DumpCommitment:
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
        )
    )
    review = r.data["review"]
    return DumpCommitment(
        id=r.whole("id", 1),
        checkin_id=r.whole("checkin_id", 1),
        owner_id=r.whole("owner_id", 1),
        to_id=r.whole("to_id", 1),
        text=_line(r, "text", 1000),
        created_at=r.timestamp("created_at"),
        review=None if review is None else r.choice("review", tuple(v.value for v in Review)),
        reviewed_in=r.opt_whole("reviewed_in", 1),
        reviewed_at=r.opt_timestamp("reviewed_at"),
    )


def _private_answer(r: _Reader) -> PrivateAnswer:
    r.obj(("checkin_id", "pack_id", "item_id", "text"))
    return PrivateAnswer(
        checkin_id=r.whole("checkin_id", 1),
        pack_id=r.text("pack_id", 100, empty=False),
        item_id=r.text("item_id", 100, empty=False),
        text=clean_block(r.text("text")),
    )


def _entry(r: _Reader) -> PrivateEntry:
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


def _journal_text(r: _Reader) -> str:
    text = clean_block(r.text("text", TEXT_LIMIT, empty=False))
    if not text.strip():
        raise r.fail("must not be empty", "text")
    return text


def _tag(r: _Reader) -> str:
    tag = clean_line(r.data) if isinstance(r.data, str) else ""
    if not tag or len(r.data) > TAG_LIMIT:
        raise r.fail(f"a tag is text of 1 to {TAG_LIMIT} characters")
    return tag


def _safety(r: _Reader) -> PrivateSafety:
    r.obj(("checkin_id", "answered_at", "answer"))
    return PrivateSafety(
        checkin_id=r.whole("checkin_id", 1),
        answered_at=r.timestamp("answered_at"),
        answer=r.choice("answer", SAFETY_ANSWERS),
    )


def _private(r: _Reader) -> DumpPrivate:
    data = r.obj(("profile_id", "answers", "journal"), optional=("safety",))
    return DumpPrivate(
        profile_id=r.whole("profile_id", 1),
        answers=tuple(r.items("answers", _private_answer)),
        journal=tuple(r.items("journal", _entry)),
        safety=tuple(r.items("safety", _safety)) if "safety" in data else (),
    )


def _pack_version(r: _Reader) -> DumpPackVersion:
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
    root = _Reader(data, "")
    if not isinstance(data, dict):
        raise DumpError(f"not a trustcheck export: expected an object, got {_kind(data)}")
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
    _check_references(dump, pack)
    return dump


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not allowed")


def _check_references(dump: Dump, pack: Pack | None) -> None:
    """What a row-by-row check cannot see: ids, references between records, and the pack."""
    profile_ids = _unique([p.id for p in dump.profiles], "profiles", "id")
    names = [p.name for p in dump.profiles if p.removed_at is None]
    if len(set(names)) != len(names):
        raise DumpError("profiles: two people have the same name")
    checkin_ids = _unique([c.id for c in dump.checkins], "checkins", "id")
    if sum(c.status == CheckinStatus.IN_PROGRESS for c in dump.checkins) > 1:
        raise DumpError("checkins: more than one check-in is in progress")
    items = {i.id: i for i in pack.items} if pack is not None else {}
    private_answers: set[tuple[int, int, str, str]] = set()
    for n, c in enumerate(dump.checkins):
        where = f"checkins[{n}]"
        for pid in c.participants:
            if pid not in profile_ids:
                raise DumpError(f"{where}.participants: no profile with id {pid}")
        seen: set[tuple[int, str, str]] = set()
        for k, a in enumerate(c.answers):
            at = f"{where}.answers[{k}]"
            if a.profile_id not in profile_ids:
                raise DumpError(f"{at}.profile_id: no profile with id {a.profile_id}")
            key = (a.profile_id, a.pack_id, a.item_id)
            if key in seen:
                raise DumpError(f"{at}: a second answer to {a.item_id!r} by the same person")
            seen.add(key)
            if a.skipped and (a.value is not None or a.text is not None):
                raise DumpError(f"{at}: a skipped answer has no value and no text")
            if a.visibility == Visibility.PRIVATE and a.text is not None:
                raise DumpError(f'{at}.text: a private answer\'s text belongs in "private"')
            if a.visibility == Visibility.PRIVATE:
                private_answers.add((c.id, a.profile_id, a.pack_id, a.item_id))
            if pack is not None and a.pack_id == pack.id and a.item_id in items:
                _check_against_pack(a, items[a.item_id].area, items[a.item_id].kind, at)
    _unique([m.id for m in dump.commitments], "commitments", "id")
    for n, m in enumerate(dump.commitments):
        where = f"commitments[{n}]"
        if m.checkin_id not in checkin_ids:
            raise DumpError(f"{where}.checkin_id: no check-in with id {m.checkin_id}")
        if m.reviewed_in is not None and m.reviewed_in not in checkin_ids:
            raise DumpError(f"{where}.reviewed_in: no check-in with id {m.reviewed_in}")
        for field, pid in (("owner_id", m.owner_id), ("to_id", m.to_id)):
            if pid not in profile_ids:
                raise DumpError(f"{where}.{field}: no profile with id {pid}")
        if (m.review is None) != (m.reviewed_in is None):
            raise DumpError(f"{where}: a review needs the check-in it was made in, and back")
    for n, p in enumerate(dump.private):
        where = f"private[{n}]"
        if p.profile_id not in profile_ids:
            raise DumpError(f"{where}.profile_id: no profile with id {p.profile_id}")
        for k, pa in enumerate(p.answers):
            if (pa.checkin_id, p.profile_id, pa.pack_id, pa.item_id) not in private_answers:
                raise DumpError(
                    f"{where}.answers[{k}]: no private answer of this person to "
                    f"{pa.item_id!r} in check-in {pa.checkin_id}"
                )
        _unique([e.id for e in p.journal], f"{where}.journal", "id")
        asked: set[int] = set()
        for k, x in enumerate(p.safety):
            if x.checkin_id not in checkin_ids:
                raise DumpError(
                    f"{where}.safety[{k}].checkin_id: no check-in with id {x.checkin_id}"
                )
            if x.checkin_id in asked:
                raise DumpError(f"{where}.safety[{k}]: a second answer in check-in {x.checkin_id}")
            asked.add(x.checkin_id)
    seen_versions: set[tuple[str, int]] = set()
    for n, v in enumerate(dump.pack_versions):
        if (v.pack_id, v.version) in seen_versions:
            raise DumpError(f"pack_versions[{n}]: {v.pack_id!r} version {v.version} appears twice")
        seen_versions.add((v.pack_id, v.version))


def _check_against_pack(a: DumpAnswer, area: str, kind: ItemKind, at: str) -> None:
    if a.area is not None and a.area != area:
        raise DumpError(f"{at}.area: {a.item_id!r} belongs to {area!r}, not {a.area!r}")
    if a.value is None:
        return
    bounds = {
        ItemKind.SCALE: (SCALE_MIN, SCALE_MAX),
        ItemKind.RATING: (OVERALL_MIN, OVERALL_MAX),
    }.get(kind)
    if bounds is not None and not bounds[0] <= a.value <= bounds[1]:
        raise DumpError(f"{at}.value: {a.value} is out of range ({bounds[0]}..{bounds[1]})")


def _unique(ids: list[int], where: str, key: str) -> set[int]:
    found: set[int] = set()
    for n, i in enumerate(ids):
        if i in found:
            raise DumpError(f"{where}[{n}].{key}: {i} appears twice")
        found.add(i)
    return found


__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
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
    "from_json",
    "to_json",
]
