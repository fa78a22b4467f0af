"""Past check-ins (issue 17): the list of every finished week, newest first and a page at a time,
and one past week as it was: the reveal from its stored answers, scored under the pack version
they were given under, the notes shared that week, and the commitments set that week with how
they went.

What is private stays so: a week shows only shared and for-therapy answers; a person's own
private answers come only through :meth:`HistoryService.private_answers`, with that person's key
held, and never anyone else's. Safety answers are in a table this service never reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trustcheck import messages
from trustcheck.core.clock import week_label
from trustcheck.core.errors import UserError
from trustcheck.core.history import (
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    number_at,
    page_count,
    page_offset,
    parse_week,
)
from trustcheck.core.models import OVERALL, Checkin, CheckinStatus, Commitment, Profile
from trustcheck.services.checkin import CheckinService, Reveal
from trustcheck.services.commitments import CommitmentOutcomes, how_it_went
from trustcheck.storage.crypto import DamagedRecord
from trustcheck.storage.repos.answers import ANSWERS_TABLE, private_answer_id
from trustcheck.storage.repos.history import HistoryRepo


class HistoryError(UserError, ValueError):
    """A past week or page that is not there, or a week named oddly; one line for the user."""


@dataclass(frozen=True, slots=True)
class PastLine:
    """One finished check-in in the list: its number (1: the first ever), week, who took part
    (names as stored now), each one's overall trust rating (None: skipped) and the number of
    commitments set in it."""

    number: int
    checkin_id: int
    week: dt.date
    names: tuple[str, ...]
    overall: tuple[int | None, ...]
    commitments: int


@dataclass(frozen=True, slots=True)
class HistoryPage:
    """A page of the list, newest first."""

    lines: tuple[PastLine, ...]
    page: int
    pages: int
    total: int
    limit: int

    @property
    def offset(self) -> int:
        return page_offset(self.page, self.limit)


@dataclass(frozen=True, slots=True)
class PastCommitment:
    """A commitment set in a past week, as stored now, and how it went in words."""

    commitment: Commitment
    owner: str
    to: str
    how: str

    @property
    def own(self) -> bool:
        """Made to oneself (someone checking in alone)."""
        return self.commitment.owner_id == self.commitment.to_id


@dataclass(frozen=True, slots=True)
class PrivateNote:
    """One of a person's own private answers in a past week, as they read it."""

    prompt: str
    text: str | None  # None: damaged or modified
    module: str = ""


@dataclass(frozen=True, slots=True)
class PastWeek:
    """One past week: the reveal as it was, the shared notes (``reveal.open_answers``) and the
    commitments set that week."""

    checkin: Checkin
    number: int
    total: int
    reveal: Reveal
    commitments: tuple[PastCommitment, ...]

    @property
    def people(self) -> tuple[Profile, ...]:
        return self.reveal.people


class HistoryService:
    """Reads past check-ins; it writes nothing."""

    def __init__(
        self, checkins: CheckinService, repo: HistoryRepo, outcomes: CommitmentOutcomes
    ) -> None:
        self._checkins = checkins
        self._repo = repo
        self._outcomes = outcomes

    # --- the list ---------------------------------------------------------------------------
    def page(self, page: int = 1, limit: int = PAGE_SIZE) -> HistoryPage:
        """Page ``page`` (1: the newest) of ``limit`` finished check-ins. Only that page's rows
        are read, through a read-only connection of the caller's own: a worker thread may call
        it while the app goes on. A page past the end is a :class:`HistoryError` (page 1 of no
        check-ins is an empty page)."""
        if not 1 <= limit <= MAX_PAGE_SIZE:
            raise HistoryError(f"--limit: give a number from 1 to {MAX_PAGE_SIZE}")
        if page < 1:
            raise HistoryError(f"--page: give a number from 1 on, not {page}")
        pack = self._checkins.pack
        overall = [i.id for i in pack.items_in(OVERALL)]
        found = self._repo.page(page_offset(page, limit), limit, pack.id, overall)
        pages = page_count(found.total, limit)
        if page > pages:
            if found.total == 0:
                raise HistoryError(messages.HISTORY_BAD_PAGE_EMPTY.format(page=page))
            raise HistoryError(
                messages.HISTORY_BAD_PAGE.format(page=page, pages=pages, limit=limit)
            )
        offset = page_offset(page, limit)
        lines = tuple(
            PastLine(
                number=number_at(found.total, offset, n),
                checkin_id=row.checkin_id,
                week=row.week,
                names=tuple(name for _, name in row.people),
                overall=row.overall,
                commitments=row.commitments,
            )
            for n, row in enumerate(found.rows)
        )
        return HistoryPage(lines, page, pages, found.total, limit)

    # --- one week -----------------------------------------------------------------------------
    def find(self, text: str) -> int:
        """The check-in a person names: its number in the list or a day of its week; its id.

        One line (:class:`HistoryError`) for a name that is not a week, or a week not finished.
        """
        try:
            ref = parse_week(text)
        except ValueError:
            raise HistoryError(messages.HISTORY_BAD_WEEK.format(value=text)) from None
        if isinstance(ref, int):
            found = self._repo.by_number(ref)
            if found is None:
                total = self._repo.count()
                if total == 0:
                    raise HistoryError(messages.HISTORY_NO_NUMBER_EMPTY.format(number=ref))
                raise HistoryError(messages.HISTORY_NO_NUMBER.format(number=ref, total=total))
            return found
        found = self._repo.in_week(ref)
        if found is None:
            raise HistoryError(messages.HISTORY_NO_WEEK.format(week=week_label(ref)))
        return found

    def week(self, checkin_id: int) -> PastWeek:
        """The finished check-in ``checkin_id`` as it was (see the module's docstring)."""
        try:
            checkin = self._checkins.get(checkin_id)
        except KeyError:
            raise HistoryError(messages.HISTORY_WEEK_GONE) from None
        if checkin.status is not CheckinStatus.COMPLETED:
            raise HistoryError(messages.HISTORY_WEEK_GONE)
        reveal = self._checkins.reveal(checkin, as_answered=True)
        return PastWeek(
            checkin=checkin,
            number=self._repo.position(checkin_id),
            total=self._repo.count(),
            reveal=reveal,
            commitments=self.commitments(checkin, reveal.people),
        )

    def commitments(
        self, checkin: Checkin, people: tuple[Profile, ...] | None = None
    ) -> tuple[PastCommitment, ...]:
        """The commitments set in ``checkin`` as stored now, each with how it went.

        The one place history reads commitments: what a commitment holds (a review, and more
        as commitments grow) is read here and only here.
        """
        people = people if people is not None else self._checkins.people(checkin)
        names = {p.id: p.name for p in people}
        return tuple(
            PastCommitment(
                o.commitment,
                names.get(o.commitment.owner_id, "?"),
                names.get(o.commitment.to_id, "?"),
                how_it_went(o, names),
            )
            for o in self._outcomes.made_in(checkin.id)
        )

    def private_answers(self, checkin_id: int, person: Profile) -> tuple[PrivateNote, ...]:
        """``person``'s own private answers in one past check-in, opened with their key.

        Their key must be held (unlocked by their passphrase): otherwise a
        :class:`HistoryError`, and nothing is opened. Only ever that person's answers.
        """
        keys = self._checkins.keys
        if not keys.is_unlocked(person.id):
            raise HistoryError(messages.HISTORY_LOCKED.format(name=person.name))
        rows = self._repo.sealed_in(checkin_id, person.id)
        if not rows:
            return ()
        opened = keys.ring.open_many(
            person.id,
            [
                (private_answer_id(checkin_id, pack_id, item_id), blob)
                for pack_id, item_id, _, blob in rows
            ],
            table=ANSWERS_TABLE,
        )
        notes = []
        for (pack_id, item_id, version, _), text in zip(rows, opened, strict=True):
            secret = None if isinstance(text, DamagedRecord) else text
            prompt, shown, module = self._checkins.private_display(
                pack_id, version, item_id, secret
            )
            notes.append(PrivateNote(prompt, shown, module))
        return tuple(notes)
