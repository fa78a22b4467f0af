"""The therapy summary's first line: what happened to trust over the period, with dates.

It names rises *and* falls ("Your trust index fell in Sep–Oct, then has recovered since
November."), each found by the same method as every change (``core.change.episodes``), so it
never says more than the numbers do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from trustcheck import messages
from trustcheck.core.change import Episode
from trustcheck.core.trends import MONTHS

_WEEK = dt.timedelta(weeks=1)


def _month(day: dt.date, year: int) -> str:
    name = MONTHS[day.month - 1][:3]
    return name if day.year == year else f"{name} {day.year}"


def span(start: dt.date, end: dt.date, year: int) -> str:
    """``Sep``, ``Sep–Oct``, or ``Dec 2025–Jan`` (a year only where it is not ``year``)."""
    last = end + dt.timedelta(days=6)  # the end week's Sunday
    first_label = _month(start, year if start.year == last.year else 0)
    if (start.year, start.month) == (last.year, last.month):
        return _month(start, year)
    return f"{first_label}–{_month(last, year)}"


def headline(
    episodes: Sequence[Episode], who: str, weeks: int, year: int, *, judged: bool = True
) -> str:
    """One sentence about ``who`` (e.g. "Your trust index") over a period of ``weeks`` weeks.

    ``judged`` is False when not one week of the period could be judged (too few check-ins):
    then it says so, rather than "stayed within its usual range".
    """
    if not episodes and not judged:
        return messages.EXPORT_HEADLINE_TOO_FEW
    if not episodes:
        return messages.EXPORT_HEADLINE_STEADY.format(who=who, weeks=weeks)
    parts = []
    previous: Episode | None = None
    for e in episodes:
        since = _month(e.start, year)
        if e.ongoing:
            if e.direction == "fall":
                template = messages.EXPORT_HEADLINE_FALLING
            elif previous is not None and previous.direction == "fall":
                template = messages.EXPORT_HEADLINE_RECOVERING
            else:
                template = messages.EXPORT_HEADLINE_RISING
            parts.append(template.format(since=since))
        else:
            template = (
                messages.EXPORT_HEADLINE_FELL
                if e.direction == "fall"
                else messages.EXPORT_HEADLINE_ROSE
            )
            parts.append(template.format(span=span(e.start, e.end, year)))
        previous = e
    sentence = f"{who} " + messages.EXPORT_HEADLINE_THEN.join(parts)
    last = episodes[-1]
    if not last.ongoing:
        back = _month(last.end + _WEEK, year)
        sentence += messages.EXPORT_HEADLINE_BACK.format(since=back)
    return sentence + "."
