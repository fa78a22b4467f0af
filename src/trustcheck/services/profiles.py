"""Who uses trustcheck: one person (solo) or two partners.

People are never lost: removing someone hides them from now on, and their profile (its id, and so
their key, their journal and their place in past check-ins) stays, to be restored by name. A name
is matched as people type it: case aside, and without what a screen would not show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from trustcheck import messages
from trustcheck.core.clock import Clock
from trustcheck.core.errors import UserError
from trustcheck.core.models import Profile
from trustcheck.core.text import clean_name, same_name, undecodable
from trustcheck.storage.errors import ConflictError
from trustcheck.storage.repos.checkins import CheckinRepo
from trustcheck.storage.repos.profiles import ProfileRepo

if TYPE_CHECKING:
    from trustcheck.services.keys import KeyService

MAX_PEOPLE = 2
NAME_LIMIT = 40


class ProfileError(UserError, ValueError):
    """A profile change that cannot be made; the message is one line for the user."""


class RemovedPerson(NamedTuple):
    profile: Profile
    removed_at: dt.datetime

    @property
    def name(self) -> str:
        return self.profile.name

    @property
    def date(self) -> str:
        """When they were removed, as the app writes a date (``20 Nov 2026``)."""
        day = self.removed_at.date()
        return f"{day.day} {day:%b %Y}"


class ProfileRemovedError(ProfileError):
    """The name is a removed person's: restore them rather than add a stranger of that name
    whose journal could never be reached."""

    def __init__(self, removed: tuple[RemovedPerson, ...]) -> None:
        first = removed[0]
        super().__init__(messages.PROFILE_WAS_REMOVED.format(name=first.name, date=first.date))
        self.removed = removed

    def question(self) -> str:
        """Whether to bring them back, as one sentence."""
        return " ".join(
            messages.PROFILE_RESTORE_ASK.format(name=r.name, date=r.date) for r in self.removed
        )


def normalise_name(raw: str) -> str:
    """A name as stored: one line, nothing invisible, trimmed, within the limit."""
    if undecodable(raw):
        raise ProfileError(messages.TEXT_NOT_UTF8.format(what="the name"))
    name = clean_name(raw)
    if not name:
        raise ProfileError(messages.PROFILE_NAME_EMPTY)
    if len(name) > NAME_LIMIT:
        raise ProfileError(messages.PROFILE_NAME_TOO_LONG.format(limit=NAME_LIMIT))
    return name


def _names(people: list[Profile] | list[RemovedPerson]) -> str:
    return ", ".join(p.name for p in people)


class ProfileService:
    def __init__(
        self,
        repo: ProfileRepo,
        clock: Clock,
        keys: Callable[[], KeyService],
        checkins: CheckinRepo,
    ) -> None:
        self._repo = repo
        self.clock = clock
        self._keys = keys  # built on first use: listing people needs no encryption
        self._checkins = checkins

    @property
    def keys(self) -> KeyService:
        return self._keys()

    def people(self) -> list[Profile]:
        return self._repo.active()

    def is_set_up(self) -> bool:
        return bool(self._repo.active())

    def solo(self) -> bool:
        return len(self._repo.active()) == 1

    def removed(self) -> list[RemovedPerson]:
        """Everyone removed, most recently removed first."""
        return [RemovedPerson(p, at) for p, at in self._repo.removed()]

    def find_removed(self, name: str) -> RemovedPerson | None:
        """The person removed most recently under this name (case aside), if any."""
        return next((r for r in self.removed() if same_name(r.name, name)), None)

    def _active_named(self, name: str, *, besides: int | None = None) -> Profile | None:
        return next(
            (p for p in self._repo.active() if p.id != besides and same_name(p.name, name)), None
        )

    def add(self, raw_name: str, *, new_person: bool = False) -> Profile:
        """Add a person. A removed person's name raises :class:`ProfileRemovedError` (restore
        them instead) unless ``new_person`` says this is someone else of the same name."""
        name = normalise_name(raw_name)
        if (here := self._active_named(name)) is not None:
            raise ProfileError(messages.PROFILE_EXISTS.format(name=here.name))
        if not new_person and (gone := self.find_removed(name)) is not None:
            raise ProfileRemovedError((gone,))
        if len(self._repo.active()) >= MAX_PEOPLE:
            raise ProfileError(messages.PROFILE_LIMIT)
        try:
            return self._repo.add(name, self.clock.now())
        except ConflictError as exc:
            raise ProfileError(str(exc)) from exc

    def setup(self, names: list[str], *, restore: bool = False) -> list[Profile]:
        """First run: one name (solo) or two (a couple); the first one is needed.

        Nothing is stored unless every name can be used. A name of someone removed raises
        :class:`ProfileRemovedError`, or with ``restore`` brings that person back.
        """
        if not names or not clean_name(names[0]):
            raise ProfileError(messages.SETUP_FIRST_NAME_EMPTY)
        cleaned = [normalise_name(n) for n in names if clean_name(n)]
        if len(cleaned) > MAX_PEOPLE:
            raise ProfileError(messages.PROFILE_LIMIT)
        for n, name in enumerate(cleaned):
            if any(same_name(name, other) for other in cleaned[:n]):
                raise ProfileError(messages.PROFILE_EXISTS.format(name=name))
        if len(self._repo.active()) + len(cleaned) > MAX_PEOPLE:
            raise ProfileError(messages.PROFILE_LIMIT)
        for name in cleaned:
            if (here := self._active_named(name)) is not None:
                raise ProfileError(messages.PROFILE_EXISTS.format(name=here.name))
        found = [self.find_removed(name) for name in cleaned]
        gone = tuple(r for r in found if r is not None)
        if gone and not restore:
            raise ProfileRemovedError(gone)
        return [
            self._repo.restore(r.profile.id) if r is not None else self.add(name, new_person=True)
            for name, r in zip(cleaned, found, strict=True)
        ]

    def get(self, profile_id: int) -> Profile:
        return self._repo.get(profile_id)

    def by_name(self, name: str) -> Profile:
        """The person here of this name, case aside; one line naming who is here if none."""
        profile = self._active_named(name)
        if profile is not None:
            return profile
        if (gone := self.find_removed(name)) is not None:
            raise ProfileError(
                messages.PROFILE_UNKNOWN_REMOVED.format(name=gone.name, date=gone.date)
            )
        people = self._repo.active()
        shown = clean_name(name) or name
        if not people:
            raise ProfileError(messages.PROFILE_UNKNOWN_NOBODY.format(name=shown))
        raise ProfileError(messages.PROFILE_UNKNOWN.format(name=shown, names=_names(people)))

    def needs_passphrase(self, profile: Profile) -> bool:
        """Whether removing ``profile`` asks for their passphrase (they have one)."""
        return self.keys.has_passphrase(profile.id)

    def remove(self, who: str | Profile, passphrase: str | None = None) -> Profile:
        """Remove a person from now on; their passphrase is needed when they have one
        (:class:`~trustcheck.storage.crypto.WrongPassphrase` if it does not fit). Reversible
        with :meth:`restore`: nothing of theirs is deleted."""
        profile = self.by_name(who) if isinstance(who, str) else who
        draft = self._checkins.draft()
        if draft is not None and profile.id in draft.participant_ids:
            # Their turn and answers belong to that check-in: it ends first, one way or the other.
            raise ProfileError(messages.PROFILE_REMOVE_IN_CHECKIN.format(name=profile.name))
        if self.keys.has_passphrase(profile.id):
            if passphrase is None:
                raise ProfileError(
                    messages.PROFILE_REMOVE_NEEDS_PASSPHRASE.format(name=profile.name)
                )
            self.keys.unlock(profile.id, passphrase)  # the check: WrongPassphrase if not theirs
        self.keys.lock(profile.id)
        self._repo.remove(profile.id, self.clock.now())
        return profile

    def restore(self, who: str | Profile) -> Profile:
        """Bring a removed person back under their own profile: journal, key and history."""
        if isinstance(who, Profile):
            gone = next((r for r in self.removed() if r.profile.id == who.id), None)
            name = who.name
        else:
            gone, name = self.find_removed(who), clean_name(who) or who
        if gone is None:
            if (here := self._active_named(name)) is not None:
                raise ProfileError(messages.PROFILE_IS_HERE.format(name=here.name))
            removed = self.removed()
            if not removed:
                raise ProfileError(messages.PROFILE_NOT_REMOVED_NOBODY.format(name=name))
            raise ProfileError(
                messages.PROFILE_NOT_REMOVED.format(name=name, names=_names(removed))
            )
        if (here := self._active_named(gone.name)) is not None:
            raise ProfileError(messages.PROFILE_EXISTS.format(name=here.name))
        if len(self._repo.active()) >= MAX_PEOPLE:
            raise ProfileError(messages.PROFILE_LIMIT)
        try:
            return self._repo.restore(gone.profile.id)
        except ConflictError as exc:
            raise ProfileError(str(exc)) from exc

    def rename(self, who: str | Profile, raw_name: str) -> Profile:
        """Give a person a new name; everything of theirs stays theirs (it is keyed by id)."""
        profile = self.by_name(who) if isinstance(who, str) else who
        name = normalise_name(raw_name)
        if (here := self._active_named(name, besides=profile.id)) is not None:
            raise ProfileError(messages.PROFILE_EXISTS.format(name=here.name))
        try:
            return self._repo.rename(profile.id, name)
        except ConflictError as exc:
            raise ProfileError(str(exc)) from exc
