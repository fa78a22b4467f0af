"""``trustcheck remind`` (issue 17 §2): the couple's check-in day and time, and a calendar event
any calendar app reads, written with the ``icalendar`` library. Run as real processes.

The fixed clock every subprocess gets is Wednesday 25 November 2026 (conftest).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from cli_results import ok, one_line_error, tc
from trustcheck import messages


@pytest.fixture
def couple(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    ok(tc(data_dir, "setup", "Alex", "Sam"))
    return data_dir


def test_choose_show_and_clear_the_day_and_time(couple: Path) -> None:
    assert ok(tc(couple, "remind")).strip() == messages.REMIND_NONE
    ok(tc(couple, "remind", "--day", "Sunday", "--time", "20:00"))
    assert ok(tc(couple, "remind")).strip() == "Your weekly check-in: Sunday 20:00."
    assert ok(tc(couple, "remind", "--clear")).strip() == messages.REMIND_CLEARED
    assert ok(tc(couple, "remind")).strip() == messages.REMIND_NONE


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--day", "funday", "--time", "20:00"), "not a day of the week"),
        (("--day", "sun", "--time", "8pm"), "not a time of day"),
        (("--time", "20:00"), "both a day and a time"),
        (("--clear", "--day", "sun"), "--clear"),
        (("--ics", "x.ics"), "no check-in day and time chosen yet"),
    ],
)
def test_a_mistake_is_one_line_and_keeps_what_was_chosen(
    couple: Path, args: tuple[str, ...], said: str
) -> None:
    if args[0] != "--ics":
        ok(tc(couple, "remind", "--day", "mon", "--time", "09:00"))
    assert said in one_line_error(tc(couple, "remind", *args))
    if args[0] != "--ics":
        assert "Monday 09:00" in ok(tc(couple, "remind"))


def test_the_calendar_file_is_a_weekly_event_at_the_chosen_time(
    couple: Path, tmp_path: Path
) -> None:
    out = tmp_path / "checkin.ics"
    wrote = ok(tc(couple, "remind", "--day", "sun", "--time", "20:00", "--ics", str(out)))
    assert "Sunday 29 Nov, 20:00" in wrote
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    (event,) = cal.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == dt.datetime(2026, 11, 29, 20, 0)  # floating local time, the next Sunday
    assert event.decoded("dtend") - start == dt.timedelta(hours=1)
    rule = event.get("rrule")
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["SU"]
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == -dt.timedelta(minutes=10)
    # A calendar is often seen by others: nothing in it says what the check-in is about.
    words = f"{event.get('summary')} {event.get('description')}".lower()
    assert "trust" not in words.replace("trustcheck", "") and "betray" not in words
    uid = str(event.get("uid"))

    # Replacing it needs --force; the event keeps its UID, so a calendar updates it in place.
    assert "already exists" in one_line_error(tc(couple, "remind", "--ics", str(out)))
    ok(tc(couple, "remind", "--day", "thu", "--time", "07:30", "--ics", str(out), "--force"))
    (moved,) = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert str(moved.get("uid")) == uid
    assert moved.decoded("dtstart") == dt.datetime(2026, 11, 26, 7, 30)


def test_status_and_home_say_due_from_the_chosen_day_on(couple: Path) -> None:
    """Before the chosen day and time the week's check-in is upcoming (status --check: 0, no
    nagging at the prompt); from then on it is due (3)."""
    ok(tc(couple, "remind", "--day", "sun", "--time", "20:00"))
    said = ok(tc(couple, "status")).strip()
    assert said == messages.STATUS_UPCOMING.format(when="Sunday 29 Nov, 20:00")
    assert tc(couple, "status", "--check").returncode == 0
    ok(tc(couple, "remind", "--day", "mon", "--time", "09:00"))
    assert ok(tc(couple, "status")).strip() == messages.STATUS_DUE
    assert tc(couple, "status", "--check").returncode == 3
