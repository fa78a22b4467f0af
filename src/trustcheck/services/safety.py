"""The private safety check (CONTENT.md, "Care and safety"; issue 15): asked of each person alone,
behind their own turn gate and before their other questions, with a short set on coercive control.
What they answer is stored only if they choose to keep it, sealed with their key and kept apart
from every other answer, so no reveal, partner screen or export can show it unless that person
unlocks and opts in. Its stored time is the day only: nothing says how long it took.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from trustcheck.core.clock import Clock, day_start
from trustcheck.core.resources import Resources, add_user_resources, load_resources
from trustcheck.services.keys import KeyService
from trustcheck.storage.crypto import ProfileLocked
from trustcheck.storage.repos.safety import SAFETY_TABLE, SafetyRepo, safety_record_id


class SafetyAnswer(StrEnum):
    YES = "yes"
    NO = "no"


#: The short private set on coercive control, in the order asked (wording: ``messages``).
CONTROL_TOPICS: tuple[str, ...] = ("monitored", "isolated", "money", "sexual")

# Every answer seals to the same length, so the size of a sealed record says nothing. A record
# from before the control set holds the main answer only ("yes" or "no_").
_TOKEN = {SafetyAnswer.YES: "yes", SafetyAnswer.NO: "no_", None: "---"}
_FROM_TOKEN = {v: k for k, v in _TOKEN.items()}
_PREFIX = "v2:"


@dataclass(frozen=True, slots=True)
class SafetyCheck:
    """One person's answers: the safety question, and each control topic (None = not answered)."""

    answer: SafetyAnswer
    control: dict[str, SafetyAnswer | None] = field(default_factory=dict)

    @property
    def concerning(self) -> bool:
        """Any "yes": the calm help screen is shown."""
        return self.answer is SafetyAnswer.YES or any(
            a is SafetyAnswer.YES for a in self.control.values()
        )

    def sealed_text(self) -> str:
        """The fixed-length text that is sealed (the same length for every set of answers)."""
        tokens = [_TOKEN[self.answer], *(_TOKEN[self.control.get(t)] for t in CONTROL_TOPICS)]
        return _PREFIX + ",".join(tokens)

    @classmethod
    def from_sealed_text(cls, text: str) -> SafetyCheck:
        """Back from :meth:`sealed_text` (or an older record's main answer alone)."""
        if not text.startswith(_PREFIX):
            return cls({"yes": SafetyAnswer.YES, "no_": SafetyAnswer.NO}[text])
        first, *rest = text[len(_PREFIX) :].split(",")
        main = _FROM_TOKEN[first]
        if main is None or len(rest) != len(CONTROL_TOPICS):
            raise ValueError("not a safety record")
        return cls(main, {t: _FROM_TOKEN[v] for t, v in zip(CONTROL_TOPICS, rest, strict=True)})


@dataclass(frozen=True, slots=True)
class SafetyRecord:
    checkin_id: int
    #: The day it was answered (the start of that day): never the time.
    answered_at: dt.datetime
    answer: SafetyAnswer
    control: dict[str, SafetyAnswer | None] = field(default_factory=dict)


class SafetyService:
    def __init__(self, repo: SafetyRepo, keys: KeyService, clock: Clock) -> None:
        self._repo = repo
        self.keys = keys
        self.clock = clock

    def record(self, checkin_id: int, profile_id: int, check: SafetyCheck | SafetyAnswer) -> None:
        """Seal and store a person's answers, with the day only; ``ProfileLocked`` if their key
        is not unlocked (then nothing is stored: the answers are never kept in the clear)."""
        if isinstance(check, SafetyAnswer):
            check = SafetyCheck(check)
        if not self.keys.is_unlocked(profile_id):
            raise ProfileLocked(profile_id)
        body = self.keys.ring.seal(
            profile_id,
            check.sealed_text(),
            table=SAFETY_TABLE,
            record_id=safety_record_id(checkin_id, profile_id),
        )
        self._repo.save(checkin_id, profile_id, body, day_start(self.clock.now()))

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
            check = SafetyCheck.from_sealed_text(text)
            out.append(SafetyRecord(checkin_id, day_start(when), check.answer, check.control))
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
