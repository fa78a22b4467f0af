"""Past check-ins (issue 17): how a person names a past week, and how the list is paged. Pure."""

from __future__ import annotations

import datetime as dt
import re

from trustcheck.core.clock import week_start

#: Rows of the history list on one page, unless asked otherwise.
PAGE_SIZE = 20
#: The most rows one page may hold (a page is read at once).
MAX_PAGE_SIZE = 500

_NUMBER = re.compile(r"[0-9]{1,9}")


def parse_week(text: str) -> int | dt.date:
    """A past week as a person names it: its number in the list (``3``: the third check-in
    ever) or any day of that week (``2026-11-30``), which becomes the week's Monday.

    Raises ValueError for anything else.
    """
    raw = text.strip()
    if _NUMBER.fullmatch(raw):
        return int(raw)
    return week_start(dt.date.fromisoformat(raw))


def page_count(total: int, limit: int) -> int:
    """How many pages of ``limit`` rows ``total`` rows fill (one, empty, when there are none)."""
    return max(1, -(-total // max(1, limit)))


def page_offset(page: int, limit: int) -> int:
    """Where page ``page`` (1: the newest rows) starts."""
    return (page - 1) * limit


def number_at(total: int, offset: int, index: int) -> int:
    """The number (1: the oldest) of the row ``index`` of a newest-first page starting at
    ``offset``, out of ``total``: numbers stay with their week as new weeks come."""
    return total - offset - index


def change_label(value: float | None, missing: str = "—") -> str:
    """A change since last time as the reveal shows it: ``↑ 5.6`` / ``↓ 2.0`` / ``= 0.0``, or
    ``missing`` when either week has no score."""
    if value is None:
        return missing
    if abs(value) < 0.05:
        return "= 0.0"
    return f"{'↑' if value > 0 else '↓'} {abs(value):.1f}"
