"""When a check-in is due and whose turn it is: the rules home and ``trustcheck status`` share.

A check-in belongs to an ISO week (its Monday). This week's is due until one is completed for it;
then the next one is due from next Monday. When the couple chose a day and time for it
(:class:`Reminder`, in Settings), this week's is upcoming until then, and due from then on. A
check-in started and not finished is in progress, whatever its week (an earlier week's is paused,
to resume or discard).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import NamedTuple

from trustcheck.core.clock import week_start
from trustcheck.core.steps import Step


class WeekState(StrEnum):
    DUE = "due"
    #: Not done yet, and the couple's chosen day and time this week has not come.
    UPCOMING = "upcoming"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class WeekStatus(NamedTuple):
    state: WeekState
    #: This week (its Monday).
    week: dt.date
    #: The week the next check-in is due: this one, or next week once this one is done.
    next_due: dt.date
    #: When it is due, with a chosen day and time (None without).
    due_at: dt.datetime | None = None


def week_status(
    now: dt.datetime,
    last_completed: dt.date | None,
    draft: bool,
    reminder: Reminder | None = None,
) -> WeekStatus:
    """This week's state at ``now``, from the week of the latest completed check-in, whether one
    is in progress, and the couple's chosen day and time."""
    this_week = week_start(now.date())
    done = last_completed is not None and last_completed >= this_week
    next_due = this_week + dt.timedelta(weeks=1) if done else this_week
    due_at = None if reminder is None else reminder.moment_in(next_due, now.tzinfo)
    if draft:
        state = WeekState.IN_PROGRESS
    elif done:
        state = WeekState.DONE
    elif due_at is not None and now < due_at:
        state = WeekState.UPCOMING
    else:
        state = WeekState.DUE
    return WeekStatus(state, this_week, next_due, due_at)


def turn_position(step: Step, participants: int) -> int | None:
    """Whose turn it is at ``step``, as a position among the participants (answering order);
    None when nobody is answering alone (the hand-over, the talk, the commitments)."""
    if step is Step.ANSWER_A:
        return 0
    if step is Step.ANSWER_B and participants > 1:
        return 1
    return None


# --- the couple's check-in day and time --------------------------------------------------------

#: Weekday names as stored and typed (``--day sun``), Monday first (``date.weekday()``).
DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)


class Reminder(NamedTuple):
    """The day and time of the week the couple chose for their check-in (local time)."""

    weekday: int  # 0 = Monday … 6 = Sunday
    at: dt.time

    def moment_in(self, week: dt.date, tz: dt.tzinfo | None) -> dt.datetime:
        """When it falls in the week starting on Monday ``week``."""
        day = week + dt.timedelta(days=self.weekday)
        return dt.datetime.combine(day, self.at, tzinfo=tz)

    def label(self) -> str:
        """``Sunday 20:00``."""
        return f"{DAY_NAMES[self.weekday]} {self.at:%H:%M}"


def parse_day(text: str) -> int:
    """A weekday as typed (``sun``, ``Sunday``, any case) → 0–6; ValueError otherwise."""
    typed = text.strip().casefold()
    for n, name in enumerate(DAY_NAMES):
        if len(typed) >= 3 and name.casefold().startswith(typed):
            return n
    raise ValueError(f"{text.strip()[:20]!r} is not a day of the week (mon, tue, … sun)")


def parse_time(text: str) -> dt.time:
    """A time of day as ``HH:MM`` (24-hour) → time; ValueError otherwise."""
    value = text.strip()
    hours, sep, minutes = value.partition(":")
    if sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and len(hours) <= 2:
        h, m = int(hours), int(minutes)
        if h < 24 and m < 60:
            return dt.time(h, m)
    raise ValueError(f"{value[:20]!r} is not a time of day as HH:MM (24-hour)")


def reminder_from(day: str | None, time: str | None) -> Reminder | None:
    """The stored day and time as a reminder; None when either is unset or not valid (settings
    are validated when read: a bad stored value is as if none was chosen)."""
    if not day or not time:
        return None
    try:
        return Reminder(parse_day(day), parse_time(time))
    except ValueError:
        return None
