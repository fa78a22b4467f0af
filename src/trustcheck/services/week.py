"""This week at a glance: what home says about the weekly check-in (its state, whose turn it is,
the commitments set last time), read without the check-in's own layers.

Home is the first screen and is shown by every launch: it imports this small module rather than
``services.checkin`` (answers, turns, the reveal), which is imported when a check-in is opened.
:class:`~trustcheck.services.checkin.CheckinService` answers the same questions through it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from trustcheck.core.clock import Clock, week_start
from trustcheck.core.models import Checkin, Commitment, Profile
from trustcheck.core.schedule import Reminder, WeekState, turn_position, week_status
from trustcheck.storage.repos.checkins import CheckinRepo
from trustcheck.storage.repos.commitments import CommitmentRepo
from trustcheck.storage.repos.profiles import ProfileRepo

__all__ = ["Status", "WeekService", "WeekState"]


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
    #: When the next check-in is due, with a chosen day and time (None without).
    due_at: dt.datetime | None = None

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
        reminder: Callable[[], Reminder | None] | None = None,
    ) -> None:
        self._checkins = checkins
        self._commitments = commitments
        self._profiles = profiles
        self.clock = clock
        #: The couple's chosen check-in day and time (Settings), read at each status.
        self._reminder = reminder

    def this_week(self) -> dt.date:
        return week_start(self.clock.now().date())

    def status(self) -> Status:
        """This week's state (``core/schedule.py``: the rules ``trustcheck status`` shares)."""
        draft = self._checkins.draft()
        last = self._checkins.last_completed()
        reminder = self._reminder() if self._reminder is not None else None
        last_week = None if last is None else last.week
        now = week_status(self.clock.now(), last_week, draft is not None, reminder)
        return Status(
            state=now.state,
            week=now.week,
            next_due=now.next_due,
            draft=draft,
            last=last,
            turn=None if draft is None else self.answering(draft),
            due_at=now.due_at,
        )

    def answering(self, checkin: Checkin) -> Profile | None:
        """Whose turn it is, at an answering step."""
        position = turn_position(checkin.step, len(checkin.participant_ids))
        return None if position is None else self._profiles.get(checkin.participant_ids[position])

    def open_commitments(self) -> list[Commitment]:
        """The commitments made at the last completed check-in (shown on home)."""
        last = self._checkins.last_completed()
        return [] if last is None else self._commitments.set_in(last.id)

    def had_commitments(self) -> bool:
        """Whether an earlier check-in set any commitment (home words "none" accordingly)."""
        return self._commitments.any_completed()
