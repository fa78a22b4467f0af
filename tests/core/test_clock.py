"""The one clock: TRUSTCHECK_TODAY fixes the date for the CLI and the TUI alike."""

from __future__ import annotations

import datetime as dt

import pytest

from trustcheck.core.clock import SystemClock, parse_today


def test_today_fixes_the_date_and_keeps_the_time_of_day_moving() -> None:
    clock = SystemClock(dt.date(2026, 12, 21))
    first = clock.now()
    assert first.date() == dt.date(2026, 12, 21)
    assert first.tzinfo is not None
    assert clock.now() >= first


def test_without_today_the_clock_is_the_wall_clock() -> None:
    before = dt.datetime.now().astimezone()
    assert SystemClock().now() >= before


@pytest.mark.parametrize("value", [None, "", "  "])
def test_unset_today_is_none(value: str | None) -> None:
    assert parse_today(value) is None


def test_today_parses_an_iso_date() -> None:
    assert parse_today(" 2027-02-28 ") == dt.date(2027, 2, 28)


@pytest.mark.parametrize("value", ["tomorrow", "2026-13-01", "07/12/2026"])
def test_a_bad_today_is_one_clear_line(value: str) -> None:
    with pytest.raises(ValueError, match=r"TRUSTCHECK_TODAY must be a date as YYYY-MM-DD"):
        parse_today(value)
