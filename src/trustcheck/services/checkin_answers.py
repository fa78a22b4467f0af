"""Storing a check-in's answers: each rating and written answer the moment it is given, drafts of
written answers while they are typed, and private answers sealed with their author's key.

The first layer of :class:`~trustcheck.services.checkin.CheckinService` (see there): it holds the
tables and the keys the other layers use.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from trustcheck import messages
from trustcheck.core.clock import Clock
from trustcheck.core.errors import UserError
from trustcheck.core.models import (
    Answer,
    Checkin,
    Item,
    ItemKind,
    Pack,
    Profile,
    Visibility,
)
from trustcheck.core.text import clean_block
from trustcheck.services.keys import KeyService
from trustcheck.services.packs import PackService
from trustcheck.storage.crypto import DamagedRecord, ProfileLocked
from trustcheck.storage.repos.answers import ANSWERS_TABLE, AnswerRepo, private_answer_id
from trustcheck.storage.repos.checkins import CheckinRepo
from trustcheck.storage.repos.commitments import CommitmentRepo
from trustcheck.storage.repos.drafts import ANSWER_DRAFTS_TABLE, DraftRepo, draft_record_id
from trustcheck.storage.repos.profiles import ProfileRepo

TEXT_LIMIT = 20_000


class CheckinError(UserError, ValueError):
    """A check-in action that cannot be done; the message is one line for the user."""


class CheckinMovedOn(CheckinError):
    """Another window moved the draft on (or finished it); ``current`` is it as stored now."""

    def __init__(self, message: str, current: Checkin | None) -> None:
        super().__init__(message)
        self.current = current


class DraftSaved(StrEnum):
    """What became of a draft the screen asked to keep."""

    KEPT = "kept"  # stored as typed (shared or for therapy)
    SEALED = "sealed"  # private: stored sealed with the author's key
    EMPTY = "empty"  # nothing written: no draft is kept (an earlier one is removed)
    LOCKED = "locked"  # private, and the author is locked: nothing written, the old draft stays


@dataclass(frozen=True, slots=True)
class Draft:
    """A written answer being typed, not given yet (it never counts as an answer)."""

    visibility: Visibility
    #: The text; None when it is sealed and its author is locked (or the seal is damaged).
    text: str | None
    sealed: bool
    damaged: bool = False


class CheckinAnswers:
    """Answers and drafts of written answers, as they are given and typed."""

    def __init__(
        self,
        pack: Pack,
        checkins: CheckinRepo,
        answers: AnswerRepo,
        commitments: CommitmentRepo,
        profiles: ProfileRepo,
        clock: Clock,
        keys: KeyService,
        catalog: PackService | None = None,
        *,
        drafts: DraftRepo,
    ) -> None:
        self.keys = keys
        self.pack = pack
        # The tables stay inside: callers use the methods below (tests reach rows via rawdb).
        self._checkins = checkins
        self._answers = answers
        self._commitments = commitments
        self._profiles = profiles
        self.clock = clock
        #: Modules, roles and pack versions (issue 6); without it, only the weekly pack is used.
        self.catalog = catalog
        #: Written answers being typed (issue 12), kept apart from the answers themselves.
        self._drafts = drafts

    def people(self, checkin: Checkin) -> tuple[Profile, ...]:
        return tuple(self._profiles.get(pid) for pid in checkin.participant_ids)

    def pack_of(self, pack_id: str | None) -> Pack:
        """The weekly pack, or a module's (usable) pack by id."""
        if pack_id is None or pack_id == self.pack.id:
            return self.pack
        if self.catalog is None:
            raise KeyError(pack_id)
        return self.catalog.get(pack_id)

    def answered_pack(self, pack_id: str, version: int) -> Pack | None:
        """The pack as it was worded at ``version`` (its snapshot), or None if unknown here."""
        if self.catalog is not None:
            return self.catalog.answered(pack_id, version)
        if pack_id == self.pack.id and version == self.pack.version:
            return self.pack
        return None

    def answered_item(self, answer: Answer) -> Item | None:
        """The item as it was worded when ``answer`` was given (its pack version's snapshot)."""
        pack = self.answered_pack(answer.pack_id, answer.pack_version)
        if pack is None:
            return None
        try:
            return pack.item(answer.item_id)
        except KeyError:
            return None

    def save_answer(
        self,
        checkin_id: int,
        profile_id: int,
        item_id: str,
        *,
        value: int | None = None,
        text: str | None = None,
        skipped: bool = False,
        visibility: Visibility = Visibility.SHARED,
        pack_id: str | None = None,
        not_this_week: bool = False,
    ) -> Answer:
        """Validate and store one answer at once (one transaction, fsynced before this returns);
        returns it as stored, so a screen updates itself without reading the check-in again.

        ``pack_id`` names a module's pack (default: the weekly one). A private item's answer,
        its value included, is sealed with the author's key whatever ``visibility`` says. The
        first answer to a pack version stores that version's wording in the same transaction.
        ``not_this_week`` answers a conditional item "didn't come up this week" (no value).
        """
        pack = self.pack_of(pack_id)
        item = pack.item(item_id)
        if item.private:
            visibility = Visibility.PRIVATE
        if not_this_week and not item.conditional:
            raise CheckinError(messages.NOT_THIS_WEEK_REFUSED)
        if skipped or not_this_week:
            value, text = None, None
            skipped = skipped and not not_this_week
        elif item.kind is ItemKind.SCALE:
            if value is None or not 1 <= value <= 7:
                raise CheckinError("choose 1 to 7, or skip")
        elif item.kind is ItemKind.RATING:
            if value is None or not 0 <= value <= 10:
                raise CheckinError("choose 0 to 10, or skip")
        elif item.kind is ItemKind.TEXT:
            text = clean_block(text or "")
            if len(text) > TEXT_LIMIT:
                raise CheckinError(messages.TEXT_TOO_LONG.format(limit=TEXT_LIMIT))
            if not text:
                skipped, text = True, None
            value = None
        elif item.kind is ItemKind.CHOICE and (value is None or not 0 <= value < len(item.choices)):
            raise CheckinError("choose one of the options, or skip")
        secret = text
        if item.private and value is not None:
            # A private rating is as private as a private sentence: only its seal is stored.
            secret, value = str(value), None
        answer = Answer(
            profile_id=profile_id,
            pack_id=pack.id,
            pack_version=pack.version,
            item_id=item.id,
            value=value,
            text=text,
            skipped=skipped,
            visibility=visibility,
            not_this_week=not_this_week,
        )
        sealed = None
        if visibility is Visibility.PRIVATE and secret is not None:
            # Sealed with the author's key; the clear text never reaches the database.
            if not self.keys.is_unlocked(profile_id):
                raise ProfileLocked(profile_id)
            sealed = self.keys.ring.seal(
                profile_id,
                secret,
                table=ANSWERS_TABLE,
                record_id=private_answer_id(checkin_id, pack.id, item.id),
            )
        snapshot = None if self.catalog is None else self.catalog.unsaved_snapshot(pack)
        self._answers.save(
            checkin_id,
            answer,
            self.clock.now(),
            sealed,
            written=item.kind is ItemKind.TEXT,
            snapshot=snapshot,
        )
        if snapshot is not None and self.catalog is not None:
            self.catalog.snapshot_saved(pack)
        # As stored: a sealed answer's text is not there (reading it back gives the same).
        return answer if sealed is None else answer._replace(text=None)

    # --- drafts -----------------------------------------------------------------------------------
    def save_draft(
        self,
        checkin_id: int,
        profile_id: int,
        item_id: str,
        text: str,
        visibility: Visibility,
        pack_id: str | None = None,
    ) -> DraftSaved:
        """Keep a written answer as it is being typed, so no way out loses it.

        A draft is not an answer: nothing that reads answers sees it. A private one is sealed
        with the author's key before it is written; when the author is locked nothing is written
        (``LOCKED``) and an earlier draft stays as it was. Empty text keeps no draft.
        """
        pack = self.pack_of(pack_id)
        item = pack.item(item_id)
        if item.kind is not ItemKind.TEXT:
            raise CheckinError("only a written answer has a draft")
        if item.private:
            visibility = Visibility.PRIVATE
        cleaned = clean_block(text)
        if not cleaned.strip():
            self._drafts.delete(checkin_id, profile_id, pack.id, item.id)
            return DraftSaved.EMPTY
        now = self.clock.now()
        if visibility is Visibility.PRIVATE:
            if not self.keys.is_unlocked(profile_id):
                return DraftSaved.LOCKED
            sealed = self.keys.ring.seal(
                profile_id,
                cleaned,
                table=ANSWER_DRAFTS_TABLE,
                record_id=draft_record_id(checkin_id, pack.id, item.id),
            )
            self._drafts.save(
                checkin_id, profile_id, pack.id, item.id, visibility, now, sealed=sealed
            )
            return DraftSaved.SEALED
        self._drafts.save(checkin_id, profile_id, pack.id, item.id, visibility, now, text=cleaned)
        return DraftSaved.KEPT

    def answer_draft(
        self, checkin_id: int, profile_id: int, item_id: str, pack_id: str | None = None
    ) -> Draft | None:
        """The draft of a written answer, opened when it is sealed and its author unlocked."""
        pack = self.pack_of(pack_id)
        stored = self._drafts.get(checkin_id, profile_id, pack.id, item_id)
        if stored is None:
            return None
        if stored.sealed is None:
            return Draft(stored.visibility, stored.text, sealed=False)
        if not self.keys.is_unlocked(profile_id):
            return Draft(stored.visibility, None, sealed=True)
        try:
            text = self.keys.ring.open(
                profile_id,
                stored.sealed,
                table=ANSWER_DRAFTS_TABLE,
                record_id=draft_record_id(checkin_id, pack.id, item_id),
            )
        except DamagedRecord:
            return Draft(stored.visibility, None, sealed=True, damaged=True)
        return Draft(stored.visibility, text, sealed=True)

    # --- private answers --------------------------------------------------------------------------
    def private_text(
        self, checkin_id: int, profile_id: int, item_id: str, pack_id: str | None = None
    ) -> str | None:
        """A private answer's text, for its unlocked author going back to it; None if none."""
        wanted = pack_id or self.pack.id
        blob = self._answers.sealed(checkin_id, profile_id, wanted, item_id)
        if blob is None:
            return None
        return self.keys.ring.open(
            profile_id,
            blob,
            table=ANSWERS_TABLE,
            record_id=private_answer_id(checkin_id, wanted, item_id),
        )

    def sealed_answers(self, profile_id: int) -> list[tuple[int, str, str, bytes]]:
        """Every private answer of a person as stored: (check-in id, pack id, item id, seal)."""
        return self._answers.sealed_for(profile_id)
