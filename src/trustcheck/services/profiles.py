"""Who uses trustcheck: one person (solo) or two partners."""

from __future__ import annotations

from trustcheck import messages
from trustcheck.core.clock import Clock
from trustcheck.core.errors import UserError
from trustcheck.core.models import Profile
from trustcheck.core.text import clean_line
from trustcheck.storage.errors import ConflictError
from trustcheck.storage.repos import ProfileRepo

MAX_PEOPLE = 2
NAME_LIMIT = 40


class ProfileError(UserError, ValueError):
    """A profile change that cannot be made; the message is one line for the user."""


def normalise_name(raw: str) -> str:
    """A name as stored: one line, control characters removed, trimmed, within the limit."""
    name = clean_line(raw)
    if not name:
        raise ProfileError(messages.PROFILE_NAME_EMPTY)
    if len(name) > NAME_LIMIT:
        raise ProfileError(messages.PROFILE_NAME_TOO_LONG.format(limit=NAME_LIMIT))
    return name


class ProfileService:
    def __init__(self, repo: ProfileRepo, clock: Clock) -> None:
        self.repo = repo
        self.clock = clock

    def people(self) -> list[Profile]:
        return self.repo.active()

    def is_set_up(self) -> bool:
        return bool(self.repo.active())

    def solo(self) -> bool:
        return len(self.repo.active()) == 1

    def add(self, raw_name: str) -> Profile:
        name = normalise_name(raw_name)
        if len(self.repo.active()) >= MAX_PEOPLE:
            raise ProfileError(messages.PROFILE_LIMIT)
        try:
            return self.repo.add(name, self.clock.now())
        except ConflictError as exc:
            raise ProfileError(str(exc)) from exc

    def setup(self, names: list[str]) -> list[Profile]:
        """First run: one name (solo) or two (a couple)."""
        cleaned = [normalise_name(n) for n in names if n.strip()]
        if not cleaned:
            raise ProfileError(messages.PROFILE_NAME_EMPTY)
        if len(cleaned) > MAX_PEOPLE:
            raise ProfileError(messages.PROFILE_LIMIT)
        if len(set(cleaned)) != len(cleaned):
            raise ProfileError(messages.PROFILE_EXISTS.format(name=cleaned[0]))
        return [self.add(n) for n in cleaned]

    def get(self, profile_id: int) -> Profile:
        return self.repo.get(profile_id)

    def by_name(self, name: str) -> Profile:
        profile = self.repo.by_name(clean_line(name))
        if profile is None:
            raise ProfileError(messages.PROFILE_UNKNOWN.format(name=name))
        return profile

    def remove(self, name: str) -> Profile:
        profile = self.by_name(name)
        self.repo.remove(profile.id, self.clock.now())
        return profile
