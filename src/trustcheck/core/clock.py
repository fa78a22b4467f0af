"""Time, injected so tests and the demo can fix it."""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime: ...


#: ``TRUSTCHECK_TODAY=YYYY-MM-DD`` fixes the date for the CLI and the TUI alike (tests, demos).
TODAY_ENV = "TRUSTCHECK_TODAY"


class SystemClock:
    """Local wall-clock time, timezone-aware.

    With ``today`` the date is fixed and only the time of day comes from the wall clock, so that
    a test or a demo sees the same week on any real date while saves still move forward in time.
    """

    def __init__(self, today: dt.date | None = None) -> None:
        self._today = today

    def now(self) -> dt.datetime:
        real = dt.datetime.now().astimezone()
        if self._today is None:
            return real
        return real.replace(year=self._today.year, month=self._today.month, day=self._today.day)


def parse_today(value: str | None) -> dt.date | None:
    """The date in ``TRUSTCHECK_TODAY``, or ``None`` when unset or empty.

    Raises ``ValueError`` with a one-line reason when it is not a ``YYYY-MM-DD`` date.
    """
    if not value or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(
            f"{TODAY_ENV} must be a date as YYYY-MM-DD, not {value.strip()[:40]!r}"
        ) from None


class FixedClock:
    """A clock that says what it is told; ``advance`` moves it on."""

    def __init__(self, when: dt.datetime) -> None:
        self._now = when

    def now(self) -> dt.datetime:
        return self._now

    def advance(self, **delta: float) -> None:
        self._now += dt.timedelta(**delta)


def day_start(moment: dt.datetime) -> dt.datetime:
    """The start of ``moment``'s day, in its own timezone: how coarse a stored answer time is, so
    no per-answer time (nor the minutes a private question took) can be read back from it."""
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def week_start(day: dt.date) -> dt.date:
    """The Monday of the ISO week holding ``day``: check-ins are keyed by it."""
    return day - dt.timedelta(days=day.weekday())


#: Month names as a date is shown to a person: English and fixed, whatever the locale.
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(day: dt.date) -> str:
    """The one way a date is shown to a person, everywhere: ``7 Dec 2026``."""
    return f"{day.day} {MONTH_ABBR[day.month - 1]} {day.year}"


def moment_label(when: dt.datetime) -> str:
    """A date with its time of day, as :func:`day_label`: ``7 Dec 2026, 19:30``."""
    return f"{day_label(when.date())}, {when:%H:%M}"


def day_time_label(when: dt.datetime) -> str:
    """``Sunday 13 Dec, 20:00``: a day of the coming weeks and its time, read at a glance."""
    return f"{when:%A} {when.day} {when:%b}, {when:%H:%M}"


def week_label(monday: dt.date) -> str:
    """A short human label for a week, e.g. ``week of 23 Nov 2026``."""
    return f"week of {day_label(monday)}"

