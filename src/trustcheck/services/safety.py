"""The private safety question (CONTENT.md, "Care and safety"): asked of each person alone, at the
end of their own turn. The answer is sealed with that person's key and kept apart from every other
answer, so no reveal, partner screen or export can show it unless that person unlocks and opts in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from trustcheck.core.clock import Clock
from trustcheck.core.resources import Resources, add_user_resources, load_resources
from trustcheck.services.keys import KeyService
from trustcheck.storage.crypto import ProfileLocked
from trustcheck.storage.repos.safety import SAFETY_TABLE, SafetyRepo, safety_record_id


class SafetyAnswer(StrEnum):
    YES = "yes"
    NO = "no"


# Both answers seal to the same length, so the size of a sealed record says nothing.
_PLAINTEXT = {SafetyAnswer.YES: "yes", SafetyAnswer.NO: "no_"}
_FROM_PLAINTEXT = {v: k for k, v in _PLAINTEXT.items()}
#: What is sealed for each answer (an import re-seals with it).
SAFETY_PLAINTEXT = _PLAINTEXT


@dataclass(frozen=True, slots=True)
class SafetyRecord:
    checkin_id: int
    answered_at: dt.datetime
    answer: SafetyAnswer


class SafetyService:
    def __init__(self, repo: SafetyRepo, keys: KeyService, clock: Clock) -> None:
        self._repo = repo
        self.keys = keys
        self.clock = clock

    def record(self, checkin_id: int, profile_id: int, answer: SafetyAnswer) -> None:
        """Seal and store an answer; ``ProfileLocked`` if the person's key is not unlocked
        (then nothing is stored: the answer is never kept in the clear)."""
        if not self.keys.is_unlocked(profile_id):
            raise ProfileLocked(profile_id)
        body = self.keys.ring.seal(
            profile_id,
            _PLAINTEXT[answer],
            table=SAFETY_TABLE,
            record_id=safety_record_id(checkin_id, profile_id),
        )
        self._repo.save(checkin_id, profile_id, body, self.clock.now())

    def answered(self, checkin_id: int, profile_id: int) -> bool:
        """Whether this person's answer for this check-in is stored (its content stays sealed)."""
        return self._repo.get(checkin_id, profile_id) is not None

    def history(self, profile_id: int) -> list[SafetyRecord]:
        """The person's own answers, oldest first: for them alone, once unlocked (an export that
        they opt in to). Raises ``ProfileLocked``/``DamagedRecord`` rather than guessing."""
        out = []
        for checkin_id, when, body in self._repo.for_profile(profile_id):
            text = self.keys.ring.open(
                profile_id,
                body,
                table=SAFETY_TABLE,
                record_id=safety_record_id(checkin_id, profile_id),
            )
            out.append(SafetyRecord(checkin_id, when, _FROM_PLAINTEXT[text]))
        return out

    def resources(self) -> Resources:
        """Where to turn: the shipped list, with the lines of the person's own ``resources.toml``
        added after it when there is one. An own file can only add: it never replaces the shipped
        list, and ``user_file`` says it is in use (``user_problems`` why none of it was added).
        Only a broken shipped file raises ``PackError``."""
        from trustcheck.paths import builtin_resources_file, user_resources_file

        shipped = load_resources(builtin_resources_file())
        own = user_resources_file()
        if not own.exists():
            return shipped
        return add_user_resources(shipped, own)

    @staticmethod
    def user_file_notice(resources: Resources) -> str | None:
        """One line for under the list when the person's own file is in use (it can only add),
        or was refused; None when there is no such file."""
        from trustcheck import messages

        if resources.user_file is None:
            return None
        if resources.user_problems:
            return messages.RESOURCES_USER_FILE_REFUSED.format(
                path=resources.user_file, reason=resources.user_problems[0]
            )
        return messages.RESOURCES_USER_FILE.format(n=len(resources.added), path=resources.user_file)
