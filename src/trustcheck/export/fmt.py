"""Small formatting rules every renderer shares, so figures read the same in every format."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from trustcheck import messages
from trustcheck.core.clock import day_label
from trustcheck.core.text import visible_controls
from trustcheck.core.trends import MONTHS
from trustcheck.export.model import (
    AreaRow,
    GapRow,
    ItemGapRow,
    KeptRow,
    TextItem,
)

DASH = "–"


def num(value: float | None, digits: int = 0) -> str:
    """A score, or a dash for a missing one (never 0, never NaN)."""
    if value is None or not math.isfinite(value):
        return DASH
    return f"{value:.{digits}f}"


def day(when: dt.date) -> str:
    """``23 Nov 2026`` (the one date format, :func:`trustcheck.core.clock.day_label`)."""
    return day_label(when)


def share(row: KeptRow) -> str:
    value = row.share
    return DASH if value is None else f"{100 * value:.0f}%"


def clean(text: str) -> str:
    """User text made safe to show anywhere: control characters become visible stand-ins and
    bidi overrides / zero-width characters are spelled out (``core.text.visible_controls``)."""
    return visible_controls(text)


def module_line(row: AreaRow, names: tuple[str, ...]) -> str:
    """``Jealousy: feeling settled — Alex 50 → 67 · Sam – → 40`` (plain text, to be escaped)."""
    values = " · ".join(
        messages.EXPORT_MODULE_VALUES.format(
            name=name, start=num(row.start[i]), end=num(row.end[i])
        )
        for i, name in enumerate(names)
        if i < len(row.start)
    )
    return f"{row.title} — {values}"


def gap_line(row: GapRow, names: tuple[str, ...]) -> str:
    """``Security: Alex 73 and Sam 51, a gap of 22 on average`` (plain text, to be escaped;
    markdown passes names it has escaped already)."""
    return messages.EXPORT_GAP_ROW.format(
        area=row.title,
        a=f"{names[0]} {num(row.a)}",
        b=f"{names[1]} {num(row.b)}",
        gap=num(row.gap),
    )


def item_gap_line(row: ItemGapRow, names: tuple[str, ...]) -> str:
    """``“I felt heard.” — Alex 5.5 and Sam 3.0 out of 7, 2.5 apart on average`` (plain text)."""
    return messages.EXPORT_ITEM_GAP_LINE.format(
        text=row.text,
        a_name=names[0],
        a=num(row.a, 1),
        b_name=names[1],
        b=num(row.b, 1),
        gap=num(row.gap, 1),
    )


def month_ticks(weeks: Sequence[dt.date], most: int = 6) -> list[tuple[int, str]]:
    """Where a dated x-axis is labelled: (week index, ``Sep`` or ``Jan 2026``) at the first
    week of a month, every month or every few so that at most ``most`` labels show. The year is
    written at a January and at the first label."""
    starts = [k for k, week in enumerate(weeks) if k == 0 or week.month != weeks[k - 1].month]
    step = max(1, -(-len(starts) // most))
    out = []
    for n, k in enumerate(starts[::step]):
        week = weeks[k]
        name = MONTHS[week.month - 1][:3]
        out.append((k, f"{name} {week.year}" if n == 0 or week.month == 1 else name))
    return out


def when(item: TextItem) -> str:
    """``week of 16 Nov 2026`` for a check-in answer, ``18 Nov 2026`` for a journal entry."""
    return f"week of {day(item.when)}" if item.weekly else day(item.when)
