"""``trustcheck remind``: the couple's check-in day and time, and a calendar event for it.

The event is written with the ``icalendar`` library (RFC 5545 is long, and a calendar app is
strict): a weekly recurring event on the chosen day at the chosen local time ("floating": it
stays at 20:00 wherever the calendar is), an hour long, with a reminder ten minutes before. Its
words are neutral, since a calendar is often seen by others: nothing in it says what the
check-in is about. Its UID is kept, so importing a newer file updates the same event.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from trustcheck import messages
from trustcheck.core.schedule import DAYS, Reminder
from trustcheck.services.export import ExportError, write_atomic

if TYPE_CHECKING:
    from trustcheck.services import Services

EVENT_LENGTH = dt.timedelta(hours=1)
ALARM_BEFORE = dt.timedelta(minutes=10)


class ReminderError(ExportError):
    """No day and time chosen yet, or the file cannot be written: one line for the person."""


def first_occurrence(reminder: Reminder, now: dt.datetime) -> dt.datetime:
    """The first chosen day and time at or after ``now`` (local, without a timezone)."""
    local = now.replace(tzinfo=None)
    days = (reminder.weekday - local.weekday()) % 7
    first = dt.datetime.combine(local.date() + dt.timedelta(days=days), reminder.at)
    return first if first >= local else first + dt.timedelta(weeks=1)


def calendar(reminder: Reminder, now: dt.datetime, uid: str) -> bytes:
    """A calendar file (``.ics``) holding the weekly check-in event."""
    import icalendar  # only here: it takes longer to import than the rest of a command

    cal = icalendar.Calendar()
    cal.add("prodid", "-//trustcheck//weekly check-in//EN")
    cal.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", now.astimezone(dt.UTC))
    start = first_occurrence(reminder, now)
    event.add("dtstart", start)
    event.add("dtend", start + EVENT_LENGTH)
    event.add("rrule", {"freq": "weekly", "byday": DAYS[reminder.weekday][:2].upper()})
    event.add("summary", messages.REMIND_EVENT_TITLE)
    event.add("description", messages.REMIND_EVENT_TEXT)
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", messages.REMIND_EVENT_TITLE)
    alarm.add("trigger", -ALARM_BEFORE)
    event.add_component(alarm)
    cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def write_calendar(services: Services, path: Path, *, force: bool = False) -> Reminder:
    """Write the event for the chosen day and time to ``path`` (an existing file only with
    ``force``); the reminder written."""
    reminder = services.packs.reminder()
    if reminder is None:
        raise ReminderError(messages.REMIND_NOT_CHOSEN)
    uid = services.packs.calendar_uid()
    write_atomic(path, calendar(reminder, services.clock.now(), uid), force=force)
    return reminder
