"""This week at a glance: what home says about the weekly check-in (its state, whose turn it is,
the commitments set last time), read without the check-in's own layers.

Home is the first screen and is shown by every launch: it imports this small module rather than
``services.checkin`` (answers, turns, the reveal), which is imported when a check-in is opened.
:class:`~trustcheck.services.checkin.CheckinService` answers the same questions through it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from trustcheck.core.clock import Clock, week_start
from trustcheck.core.models import Checkin, Commitment, Profile, Step
from trustcheck.storage.repos.checkins import CheckinRepo
from trustcheck.storage.repos.commitments import CommitmentRepo
from trustcheck.storage.repos.profiles import ProfileRepo


class WeekState(StrEnum):
    DUE = "due"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Status:
    """What the home screen says about this week."""

    state: WeekState
    week: dt.date
    next_due: dt.date
    draft: Checkin | None
    last: Checkin | None
    #: Whose turn it is in the draft (at an answering step), else None. Never what they answered.
    turn: Profile | None = None

    @property
    def paused_earlier(self) -> bool:
        """A draft from an earlier week: paused or interrupted, to be resumed or discarded."""
        return self.draft is not None and self.draft.week < self.week


class WeekService:
    """This week's status and the last commitments, over the check-in tables (read only)."""

    def __init__(
        self,
        checkins: CheckinRepo,
        commitments: CommitmentRepo,
        profiles: ProfileRepo,
        clock: Clock,
    ) -> None:
        self._checkins = checkins
        self._commitments = commitments
        self._profiles = profiles
        self.clock = clock

    def this_week(self) -> dt.date:
        return week_start(self.clock.now().date())

    def status(self) -> Status:
        week = self.this_week()
        draft = self._checkins.draft()
        last = self._checkins.last_completed()
        done = last is not None and last.week >= week
        next_due = week + dt.timedelta(weeks=1) if done else week
        if draft is not None:
            state = WeekState.IN_PROGRESS
        elif done:
            state = WeekState.DONE
        else:
            state = WeekState.DUE
        turn = None if draft is None else self.answering(draft)
        return Status(state=state, week=week, next_due=next_due, draft=draft, last=last, turn=turn)

    def answering(self, checkin: Checkin) -> Profile | None:
        """Whose turn it is, at an answering step."""
        if checkin.step is Step.ANSWER_A:
            return self._profiles.get(checkin.participant_ids[0])
        if checkin.step is Step.ANSWER_B and len(checkin.participant_ids) > 1:
            return self._profiles.get(checkin.participant_ids[1])
        return None

    def open_commitments(self) -> list[Commitment]:
        """The commitments made at the last completed check-in (shown on home)."""
        last = self._checkins.last_completed()
        return [] if last is None else self._commitments.set_in(last.id)

    def had_commitments(self) -> bool:
        """Whether an earlier check-in set any commitment (home words "none" accordingly)."""
        return self._commitments.any_completed()
