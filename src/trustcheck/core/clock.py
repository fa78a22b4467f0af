"""Time, injected so tests and the demo can fix it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime: ...


class SystemClock:
    """Local wall-clock time, timezone-aware."""

    def now(self) -> dt.datetime:
        return dt.datetime.now().astimezone()


class FixedClock:
    """A clock that says what it is told; ``advance`` moves it on."""

    def __init__(self, when: dt.datetime) -> None:
        self._now = when

    def now(self) -> dt.datetime:
        return self._now

    def advance(self, **delta: float) -> None:
        self._now += dt.timedelta(**delta)


def week_start(day: dt.date) -> dt.date:
    """The Monday of the ISO week holding ``day``: check-ins are keyed by it."""
    return day - dt.timedelta(days=day.weekday())


def week_label(monday: dt.date) -> str:
    """A short human label for a week, e.g. ``week of 23 Nov 2026``."""
    return f"week of {monday.day} {monday:%b %Y}"


ClockFactory = Callable[[], Clock]
