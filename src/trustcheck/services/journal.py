"""The private journal: entries only their author can read, sealed one by one at rest."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field

from trustcheck import messages
from trustcheck.core.clock import Clock
from trustcheck.core.errors import UserError
from trustcheck.core.journal_search import Search
from trustcheck.core.models import JournalEntry
from trustcheck.core.text import clean_block, clean_line, undecodable
from trustcheck.services.keys import KeyService
from trustcheck.storage.crypto import DamagedRecord
from trustcheck.storage.repos.journal import (
    JOURNAL_DRAFTS_TABLE,
    JOURNAL_TABLE,
    JournalRepo,
    SealedRow,
    decode_body,
    encode_body,
    revision,
)

ENTRY_LIMIT = 100_000
TAG_LIMIT = 40
MAX_TAGS = 12
#: Entries opened at a time by :meth:`JournalService.batches` (about 3 ms of work each).
BATCH = 250


class JournalError(UserError, ValueError):
    """A journal action that cannot be done; the message is one line for the user."""


class JournalConflict(JournalError):
    """The entry changed (or went) in another window since this one read it; nothing was saved."""


@dataclass(frozen=True, slots=True)
class Listing:
    """What opening a journal gives: the entries that opened, and those that did not."""

    entries: list[JournalEntry]
    damaged: list[DamagedRecord] = field(default_factory=list)
    #: When each damaged entry was written (same order): how one is named to its author,
    #: never by its id (ids are shared by everyone's entries).
    damaged_at: list[dt.datetime] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Draft:
    """What was in the editor when the journal locked, quit or crashed: kept sealed, not an entry.

    The rating and tags are kept as typed (a draft may hold a rating not yet valid); saving the
    draft checks them as any entry is checked.
    """

    text: str
    rating: str = ""
    tags: str = ""
    for_therapy: bool = False
    #: The entry being edited, or None for a new one.
    entry_id: int | None = None


def parse_rating(raw: str | None) -> int | None:
    """A rating as typed (TUI field or ``--rating``): None when blank, else a whole number 0–10.

    Anything else (``abc12``, ``7.5``, ``11``) is refused with one line naming what was typed,
    never read as part of it.
    """
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    if text.isascii() and text.isdigit() and int(text) <= 10:
        return int(text)
    shown = clean_line(text)[:20]
    raise JournalError(messages.RATING_INVALID.format(value=shown))


def clean_tags(raw: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    tags: list[str] = []
    for tag in raw:
        if undecodable(tag):
            raise JournalError(messages.TEXT_NOT_UTF8.format(what="a tag"))
        cleaned = clean_line(tag).lstrip("#")
        if not cleaned:
            continue
        if len(cleaned) > TAG_LIMIT:
            raise JournalError(messages.TEXT_TOO_LONG.format(limit=TAG_LIMIT))
        if cleaned not in tags:
            tags.append(cleaned)
    if len(tags) > MAX_TAGS:
        raise JournalError(messages.TOO_MANY_TAGS.format(limit=MAX_TAGS))
    return tuple(tags)


class JournalService:
    def __init__(self, repo: JournalRepo, keys: KeyService, clock: Clock) -> None:
        self.repo = repo
        self.keys = keys
        self.clock = clock
        # The revision of each entry as this window last read or wrote it (conflict detection).
        self._revisions: dict[int, str] = {}

    def _body(self, text: str, rating: int | None, tags: tuple[str, ...], for_therapy: bool) -> str:
        return encode_body(text, rating, tags, for_therapy)

    def _validate(self, text: str, rating: int | None) -> str:
        if undecodable(text):
            raise JournalError(messages.TEXT_NOT_UTF8.format(what="the entry"))
        cleaned = clean_block(text)
        if not cleaned.strip():
            raise JournalError(messages.JOURNAL_EMPTY)
        if len(cleaned) > ENTRY_LIMIT:
            raise JournalError(messages.TEXT_TOO_LONG.format(limit=ENTRY_LIMIT))
        if rating is not None and not 0 <= rating <= 10:
            raise JournalError(messages.RATING_RANGE)
        return cleaned

    def add(
        self,
        profile_id: int,
        text: str,
        *,
        rating: int | None = None,
        tags: list[str] | tuple[str, ...] = (),
        for_therapy: bool = False,
        written_at: dt.datetime | None = None,
        from_draft: bool = False,
    ) -> JournalEntry:
        """Seal and store a new entry (dated now unless ``written_at``); its author is unlocked.

        ``from_draft``: the editor's text is being saved, so the person's kept draft goes with it
        (same transaction: there is never both, nor neither).
        """
        cleaned = self._validate(text, rating)
        tag_tuple = clean_tags(tags)
        self.keys.ring.key(profile_id)  # ProfileLocked before anything is written
        body = self._body(cleaned, rating, tag_tuple, for_therapy)
        now = written_at or self.clock.now()
        sealed: list[bytes] = []

        def seal(rid: int) -> bytes:
            sealed.append(_seal(self.keys, profile_id, body, rid))
            return sealed[-1]

        entry_id = self.repo.add(profile_id, now, seal, drop_draft=from_draft)
        self._revisions[entry_id] = revision(sealed[-1])
        return JournalEntry(entry_id, profile_id, now, cleaned, rating, tag_tuple, for_therapy)

    def update(
        self,
        entry: JournalEntry,
        text: str,
        *,
        rating: int | None = None,
        tags: list[str] | tuple[str, ...] = (),
        for_therapy: bool = False,
        from_draft: bool = False,
    ) -> JournalEntry:
        """Change an entry (``from_draft``: and let the kept draft go, as in :meth:`add`)."""
        cleaned = self._validate(text, rating)
        tag_tuple = clean_tags(tags)
        body = self._body(cleaned, rating, tag_tuple, for_therapy)
        sealed = self.keys.ring.seal(
            entry.profile_id, body, table=JOURNAL_TABLE, record_id=entry.id
        )
        expected = self._revisions.get(entry.id)
        drop = entry.profile_id if from_draft else None
        if not self.repo.update(entry.id, sealed, self.clock.now(), expected, drop_draft_of=drop):
            gone = self.repo.get(entry.id) is None
            raise JournalConflict(messages.JOURNAL_GONE if gone else messages.JOURNAL_CONFLICT)
        self._revisions[entry.id] = revision(sealed)
        return JournalEntry(
            entry.id, entry.profile_id, entry.written_at, cleaned, rating, tag_tuple, for_therapy
        )

    def delete(self, entry: JournalEntry) -> None:
        self.keys.ring.key(entry.profile_id)  # only its unlocked author may delete it
        expected = self._revisions.get(entry.id)
        if not self.repo.delete(entry.id, expected) and self.repo.get(entry.id) is not None:
            raise JournalConflict(messages.JOURNAL_CONFLICT)
        self._revisions.pop(entry.id, None)

    def count(self, profile_id: int) -> int:
        return self.repo.count(profile_id)

    def numbers(self, profile_id: int) -> dict[int, int]:
        """Each of a person's entries by its number in their own journal (1 = the oldest), the
        handle ``journal edit N`` and ``delete N`` take. Never the database id: ids are shared by
        everyone's entries, so one would tell how many the other person wrote."""
        return {entry_id: n for n, entry_id in enumerate(self.repo.ids_oldest_first(profile_id), 1)}

    def numbered(self, profile_id: int, number: int) -> JournalEntry:
        """A person's entry by its number (their key unlocked); JournalError when there is no
        such entry, or it does not open."""
        ids = self.repo.ids_oldest_first(profile_id)
        if not 1 <= number <= len(ids):
            raise JournalError(messages.JOURNAL_NO_NUMBER.format(n=number, count=len(ids)))
        entry = self.entry(profile_id, ids[number - 1])
        if entry is None:
            raise JournalError(messages.JOURNAL_NUMBER_DAMAGED.format(n=number))
        return entry

    def entry(self, profile_id: int, entry_id: int) -> JournalEntry | None:
        """One of a person's entries (key unlocked); None if gone, someone else's or damaged."""
        row = self.repo.get(entry_id)
        if row is None or row.profile_id != profile_id:
            return None
        try:
            body = self.keys.ring.open(profile_id, row.body, table=JOURNAL_TABLE, record_id=row.id)
        except DamagedRecord:
            return None
        self._revisions[row.id] = revision(row.body)
        return _entry(row, body)

    # --- the entry being written (issue 12, section 6) ----------------------------------------
    def keep_draft(self, profile_id: int, draft: Draft) -> None:
        """Seal what is being written with its author's key and keep it (replacing any earlier).

        Sealed before anything is written: the text is never on disk in the clear, not even for
        a moment. ``ProfileLocked`` if the author's key is not unlocked.
        """
        body = json.dumps(
            {
                "text": draft.text,
                "rating": draft.rating,
                "tags": draft.tags,
                "therapy": draft.for_therapy,
                "entry_id": draft.entry_id,
            },
            ensure_ascii=False,
        )
        sealed = self.keys.ring.seal(
            profile_id, body, table=JOURNAL_DRAFTS_TABLE, record_id=profile_id
        )
        self.repo.keep_draft(profile_id, sealed, self.clock.now())

    def draft(self, profile_id: int) -> Draft | None:
        """The person's kept draft (their key unlocked), or None. A damaged one stays stored."""
        blob = self.repo.draft(profile_id)
        if blob is None:
            return None
        try:
            data = json.loads(
                self.keys.ring.open(
                    profile_id, blob, table=JOURNAL_DRAFTS_TABLE, record_id=profile_id
                )
            )
            entry_id = data.get("entry_id")
            return Draft(
                text=str(data["text"]),
                rating=str(data.get("rating") or ""),
                tags=str(data.get("tags") or ""),
                for_therapy=bool(data.get("therapy", False)),
                entry_id=None if entry_id is None else int(entry_id),
            )
        except (DamagedRecord, ValueError, KeyError, TypeError, AttributeError):
            return None

    def drop_draft(self, profile_id: int) -> None:
        """Let the kept draft go (saved as an entry, or deliberately left without saving)."""
        self.repo.drop_draft(profile_id)

    def entries(
        self,
        profile_id: int,
        *,
        since: dt.datetime | None = None,
        query: str | Search = "",
        limit: int | None = None,
    ) -> Listing:
        """Open a profile's entries (newest first); damaged ones are listed, not raised.

        ``query`` is a search box's text (``#tag`` and words, :meth:`Search.parse`) or a
        :class:`Search`. ``limit`` opens only the newest ``limit`` rows (before ``query`` filters
        them): the journal screen shows its first screenful from these and opens the rest
        afterwards.
        """
        rows = self.repo.rows(profile_id, since, limit)
        return self._open(profile_id, rows, query)

    def batches(
        self, profile_id: int, *, query: str | Search = "", size: int = BATCH, skip: int = 0
    ) -> Generator[Listing, None, None]:
        """Open a profile's entries newest first, ``size`` at a time (leaving out the newest
        ``skip``): one :class:`Listing` per batch, with the entries that match ``query`` (as
        :meth:`entries` matches) and those that did not open.

        For the journal screen's worker: the first matches arrive before the last entry is read,
        and a search can be left between batches (``close()`` it then: the rows are read through
        a read-only connection of its own, see ``JournalRepo.batches``, so the worker's thread
        never shares the UI thread's connection). Opened in memory only. ``ProfileLocked`` when
        the key went meanwhile.
        """
        for rows in self.repo.batches(profile_id, size, skip=skip):
            yield self._open(profile_id, rows, query)

    def entries_by_id(self, profile_id: int, ids: Sequence[int]) -> list[JournalEntry]:
        """These of a profile's entries, opened, in the order given: those gone, damaged or
        someone else's are left out. For showing a page of entries found by :meth:`batches`."""
        rows = [r for r in self.repo.rows_by_id(ids) if r.profile_id == profile_id]
        return self._open(profile_id, rows, "").entries

    def _open(self, profile_id: int, rows: list[SealedRow], query: str | Search) -> Listing:
        opened = self.keys.ring.open_many(
            profile_id, [(r.id, r.body) for r in rows], table=JOURNAL_TABLE
        )
        listing = Listing(entries=[])
        search = Search.parse(query) if isinstance(query, str) else query
        for row, result in zip(rows, opened, strict=True):
            self._revisions[row.id] = revision(row.body)
            if isinstance(result, DamagedRecord):
                listing.damaged.append(result)
                listing.damaged_at.append(row.written_at)
                continue
            entry = _entry(row, result)
            if entry is None:
                listing.damaged.append(
                    DamagedRecord(profile_id=profile_id, table=JOURNAL_TABLE, record_id=row.id)
                )
                listing.damaged_at.append(row.written_at)
            elif search.empty or search.matches(entry):
                listing.entries.append(entry)
        return listing


def _seal(keys: KeyService, profile_id: int, body: str, record_id: int) -> bytes:
    return keys.ring.seal(profile_id, body, table=JOURNAL_TABLE, record_id=record_id)


def _entry(row: SealedRow, body: str) -> JournalEntry | None:
    data = decode_body(body)
    if data is None:
        return None
    return JournalEntry(
        id=row.id,
        profile_id=row.profile_id,
        written_at=row.written_at,
        text=data.text,
        rating=data.rating,
        tags=data.tags,
        for_therapy=data.for_therapy,
    )

