"""When a check-in is due (core/schedule.py): by the week, and by the couple's chosen day and time
(issue 17 §2). Pure: a fixed moment, no clock."""

from __future__ import annotations

import datetime as dt

import pytest

from trustcheck.core.schedule import (
    Reminder,
    WeekState,
    parse_day,
    parse_time,
    reminder_from,
    turn_position,
    week_status,
)
from trustcheck.core.steps import Step

TZ = dt.timezone(dt.timedelta(hours=1))
WEDNESDAY = dt.datetime(2026, 11, 25, 19, 30, tzinfo=TZ)  # week of Monday 23 Nov
MONDAY = dt.date(2026, 11, 23)
SUNDAY_8PM = Reminder(6, dt.time(20, 0))


def test_without_a_chosen_day_the_week_is_due_until_done() -> None:
    assert week_status(WEDNESDAY, None, draft=False).state is WeekState.DUE
    assert week_status(WEDNESDAY, MONDAY - dt.timedelta(weeks=1), False).state is WeekState.DUE
    done = week_status(WEDNESDAY, MONDAY, draft=False)
    assert (done.state, done.next_due, done.due_at) == (
        WeekState.DONE,
        MONDAY + dt.timedelta(weeks=1),
        None,
    )
    assert week_status(WEDNESDAY, None, draft=True).state is WeekState.IN_PROGRESS


def test_with_a_chosen_day_it_is_upcoming_until_then_and_due_from_then() -> None:
    before = week_status(WEDNESDAY, None, False, SUNDAY_8PM)
    assert before.state is WeekState.UPCOMING
    assert before.due_at == dt.datetime(2026, 11, 29, 20, 0, tzinfo=TZ)
    at = week_status(before.due_at, None, False, SUNDAY_8PM)
    assert at.state is WeekState.DUE
    monday_9 = Reminder(0, dt.time(9, 0))
    assert week_status(WEDNESDAY, None, False, monday_9).state is WeekState.DUE
    done = week_status(WEDNESDAY, MONDAY, False, SUNDAY_8PM)
    assert done.state is WeekState.DONE
    assert done.due_at == dt.datetime(2026, 12, 6, 20, 0, tzinfo=TZ)  # next week's Sunday
    assert week_status(WEDNESDAY, None, True, SUNDAY_8PM).state is WeekState.IN_PROGRESS


@pytest.mark.parametrize(
    ("typed", "day"), [("sun", 6), ("Sunday", 6), ("MON", 0), ("wedn", 2), (" thu ", 3)]
)
def test_days_are_read_as_typed(typed: str, day: int) -> None:
    assert parse_day(typed) == day


@pytest.mark.parametrize("typed", ["", "su", "funday", "sundays", "7", "mon tue"])
def test_other_days_are_refused_in_one_line(typed: str) -> None:
    with pytest.raises(ValueError, match="not a day of the week"):
        parse_day(typed)


@pytest.mark.parametrize(("typed", "at"), [("20:00", (20, 0)), ("9:05", (9, 5)), ("0:00", (0, 0))])
def test_times_are_read_as_typed(typed: str, at: tuple[int, int]) -> None:
    assert parse_time(typed) == dt.time(*at)


@pytest.mark.parametrize("typed", ["24:00", "20:60", "8pm", "20", "20:0", "-1:00", "20:00:00"])
def test_other_times_are_refused_in_one_line(typed: str) -> None:
    with pytest.raises(ValueError, match="not a time of day"):
        parse_time(typed)


def test_a_stored_value_that_is_not_valid_counts_as_not_chosen() -> None:
    """Settings are validated when read (issue 16 §5): an edited value never breaks home."""
    assert reminder_from("sun", "20:00") == SUNDAY_8PM
    for day, time in (("sun", None), (None, "20:00"), ("sun", "late"), ("someday", "20:00")):
        assert reminder_from(day, time) is None


def test_whose_turn_by_step() -> None:
    assert turn_position(Step.ANSWER_A, 2) == 0
    assert turn_position(Step.ANSWER_B, 2) == 1
    assert turn_position(Step.ANSWER_B, 1) is None
    for step in (Step.OPEN, Step.HANDOVER, Step.REVEAL, Step.COMMITMENTS, Step.CLOSE):
        assert turn_position(step, 2) is None
