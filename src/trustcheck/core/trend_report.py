"""A report over a range of weeks, cut out of a :class:`~trustcheck.core.trends.History`.

Pure: the sentences are the caller's (:class:`TrendWords`, from ``messages``), the figures are
``core.stats``'s. ``recent`` is home's short line, computed from as few weeks as it draws.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import cache
from itertools import pairwise
from operator import itemgetter
from types import MappingProxyType
from typing import NamedTuple

from trustcheck.core import stats
from trustcheck.core.change import BASELINE_WEEKS, CHANGE_METHOD, RECENT_WEEKS, Change, judge
from trustcheck.core.clock import week_start
from trustcheck.core.models import AREAS, Profile
from trustcheck.core.stats import CouplePoint, Point
from trustcheck.core.trends import (
    MONTHS,
    PAUSE_WEEKS,
    AreaChange,
    History,
    IndexLine,
    ModuleTrendArea,
    PersonHistory,
    PersonTrends,
    RecentTrend,
    Series,
    TrendReport,
    TrendSeries,
    last_present,
    monday,
    month_label,
    month_year,
    points,
)

_WEEK = dt.timedelta(weeks=1)
_NO_SERIES = Series((), ())
_week = itemgetter(0)
_value = itemgetter(1)


class TrendWords(NamedTuple):
    """The sentences a report says, as ``str.format`` templates (``messages.TRENDS_*``)."""

    method: str
    no_checkins: str
    none_in_range: str
    one_checkin: str
    one_in_range: str
    pause: str
    person_absent: str
    skipped_area: str
    solo: str
    change: str
    flat: str
    risen: str
    fallen: str
    #: Said once per change of the weekly pack's questions that the report reads ({date}).
    questions_changed: str = ""


def report_end(latest_week: dt.date, today: dt.date) -> dt.date:
    """The last week of a range: last week, or this week once it has a check-in."""
    return max(week_start(today) - _WEEK, latest_week)


def range_start(first_week: dt.date, end: dt.date, weeks: int | None) -> dt.date:
    """The first week of a range of ``weeks`` weeks (all when None) ending at ``end``."""
    return first_week if weeks is None else max(first_week, end - _WEEK * (weeks - 1))


def grid(start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    """Every week from ``start`` to ``end``, both included."""
    return tuple(start + _WEEK * k for k in range((end - start).days // 7 + 1))


def build_report(
    history: History,
    weeks: int | None,
    area: str | None,
    today: dt.date,
    *,
    areas: tuple[str, ...],
    words: TrendWords,
) -> TrendReport:
    """The trends over the last ``weeks`` weeks (all when None), for ``areas`` or one ``area``.

    Changes are judged at the range's last week (``core.change``): its last 4 weeks against the
    26 weeks before, which may reach back before the range (the method says so).
    """
    shown = (area,) if area is not None else areas
    method = words.method.format(method=CHANGE_METHOD)
    notes: list[str] = []
    if history.people and len(history.people) == 1:
        notes.append(words.solo)
    if not history.weeks:
        notes.insert(0, words.no_checkins)
        return _empty(history, method, notes, weeks, area)
    end = report_end(history.weeks[-1], today)
    start = range_start(history.weeks[0], end, weeks)
    weeks_shown = grid(start, end)
    in_range = [w for w in history.weeks if start <= w <= end]
    if not in_range:
        when = month_label(history.weeks[-1], today)
        notes.insert(0, words.none_in_range.format(weeks=weeks, when=when))
    elif len(history.weeks) == 1:
        notes.insert(0, words.one_checkin)
    elif len(in_range) == 1:
        notes.insert(0, words.one_in_range)
    for before, after in pairwise(in_range):
        if (after - before).days >= 7 * PAUSE_WEEKS:
            notes.append(words.pause.format(start=month_year(before), end=month_year(after)))
    if words.questions_changed:
        notes.extend(
            words.questions_changed.format(date=day_label(week))
            for week in questions_changed(history, start, end)
        )

    persons: list[PersonTrends] = []
    changes: list[AreaChange] = []
    modules = history.modules if area is None else ()
    for ph in history.persons:
        person = person_trends(ph, weeks_shown, shown, start, end, modules)
        persons.append(person)
        name = ph.profile.name
        if in_range and person.checkins == 0 and len(history.people) > 1:
            notes.append(words.person_absent.format(name=name))
        elif person.checkins:
            for a in shown:
                if person.areas[a].present == 0:
                    notes.append(words.skipped_area.format(name=name, area=a))
        verdicts = judge_areas(ph, shown, end)
        persons[-1] = replace(person, verdicts=MappingProxyType(verdicts))
        for a, verdict in verdicts.items():
            if verdict.reason == "flat" and person.areas[a].present:
                notes.append(words.flat.format(name=name, area=a))
        changes.extend(area_changes(ph.profile, verdicts, today, words))

    couple: tuple[CouplePoint, ...] = ()
    gap: TrendSeries | None = None
    if len(persons) == 2 and in_range:
        couple = tuple(stats.couple_view(persons[0].index.points, persons[1].index.points))
        gap_points = tuple(Point(c.week, c.gap) for c in couple)
        gap = series(gap_points, gap_points, end)
    return TrendReport(
        people=history.people,
        start=start,
        end=end,
        weeks=weeks_shown,
        persons=tuple(persons),
        couple=couple,
        gap=gap,
        changes=tuple(changes),
        method=method,
        notes=tuple(notes),
        checkins=len(in_range),
        requested_weeks=weeks,
        area=area,
        modules=tuple(m for m in modules if any(p.modules[m.key].present for p in persons)),
    )


def window_start(weeks: int, today: dt.date) -> dt.date:
    """The earliest week :func:`recent` can show for ``weeks`` weeks on ``today``: a range ends
    at last week or later (:func:`report_end`), so no earlier week is ever drawn."""
    return week_start(today) - _WEEK * weeks


def recent(history: History, weeks: int, today: dt.date, first_week: dt.date | None) -> RecentTrend:
    """Each person's trust index over the last ``weeks`` weeks, as ``build_report(history,
    weeks, …)`` has it, from a history that may hold only those weeks.

    ``history`` needs every week from :func:`window_start` on; ``first_week`` is the first week
    of the whole history (None when there is none), which decides where a short history's range
    begins. Home draws the raw weekly points, not the trend line, so no earlier weeks are read
    for the smoothing, and no slope, change or note is worked out.
    """
    if first_week is None:
        return RecentTrend(weeks=(), persons=(), checkins=0)
    first = monday(first_week)
    end = report_end(history.weeks[-1] if history.weeks else first, today)
    start = range_start(first, end, weeks)
    weeks_shown = grid(start, end)
    lines: list[IndexLine] = []
    for ph in history.persons:
        pts = _cut(ph, weeks_shown, start, end).points(ph.index)
        lines.append(IndexLine(ph.profile, pts, last_present(pts)))
    checkins = sum(1 for w in history.weeks if start <= w <= end)
    return RecentTrend(weeks=weeks_shown, persons=tuple(lines), checkins=checkins)


class _Cut:
    """A person's series laid on a range's weeks."""

    def __init__(self, ph: PersonHistory, weeks: tuple[dt.date, ...], lo: int, hi: int) -> None:
        self.weeks = weeks
        self.lo, self.hi = lo, hi
        # The usual case: a check-in every week of the range, so the person's own points are
        # already the grid and are sliced, not rebuilt (Point building dominated 20 years).
        self.on_grid = ph.weeks[lo:hi] == weeks

    def points(self, full: Series) -> tuple[Point, ...]:
        if self.on_grid:
            return full[self.lo : self.hi]
        values: dict[dt.date, float | None] = dict(full)
        return points(self.weeks, map(values.get, self.weeks))

    def trend(self, full: Series) -> Callable[[], tuple[Point, ...]]:
        if self.on_grid:
            lo, hi = self.lo, self.hi
            return lambda: tuple(stats.ewma(full)[lo:hi])
        return _trend_on(full, self.weeks)


def _cut(ph: PersonHistory, weeks: tuple[dt.date, ...], start: dt.date, end: dt.date) -> _Cut:
    return _Cut(ph, weeks, bisect_left(ph.weeks, start), bisect_right(ph.weeks, end))


def _trend_on(full: Series, weeks: tuple[dt.date, ...]) -> Callable[[], tuple[Point, ...]]:
    def trend() -> tuple[Point, ...]:
        trends: dict[dt.date, float | None] = dict(stats.ewma(full))
        return points(weeks, map(trends.get, weeks))

    return trend


def person_trends(
    ph: PersonHistory,
    weeks: tuple[dt.date, ...],
    areas: tuple[str, ...],
    start: dt.date,
    end: dt.date,
    modules: tuple[ModuleTrendArea, ...] = (),
) -> PersonTrends:
    """One person's series on the range's ``weeks``, from ``start`` to ``end``."""
    c = _cut(ph, weeks, start, end)

    def cut(full: Series) -> TrendSeries:
        return series(c.points(full), c.trend(full), end, slope_source=full)

    def cut_own(full: Series) -> TrendSeries:
        """A series on its own weeks (a module's), laid on the grid."""
        values: dict[dt.date, float | None] = dict(full)
        pts = points(weeks, map(values.get, weeks))
        return series(pts, _trend_on(full, weeks), end, slope_source=full)

    block_span = dt.timedelta(weeks=stats.COMMITMENT_PERIOD_WEEKS - 1)
    kept = stats.commitments_kept(ph.reviews, until=end)
    return PersonTrends(
        profile=ph.profile,
        index=cut(ph.index),
        areas=MappingProxyType({a: cut(ph.areas.get(a, _NO_SERIES)) for a in areas}),
        overall=cut(ph.overall),
        commitments=tuple(p for p in kept if p.week + block_span >= start),
        checkins=c.hi - c.lo,
        modules=MappingProxyType(
            {m.key: cut_own(ph.modules.get(m.key, _NO_SERIES)) for m in modules}
        ),
    )


def judge_areas(ph: PersonHistory, areas: tuple[str, ...], end: dt.date) -> dict[str, Change]:
    """Each area's verdict at ``end`` (``core.change.judge``), from the weeks up to it; the
    baseline starts again at the person's last change of questions before ``end``, so a new
    version of the pack is never judged as a change in trust."""
    since = last_version_change(ph, end)
    return {a: judge(_until(ph.areas.get(a, _NO_SERIES), end), since=since) for a in areas}


def _until(full: Series, end: dt.date) -> Iterable[tuple[dt.date, float | None]]:
    """The ``(week, value)`` pairs of ``full`` up to ``end``, read from its columns."""
    k = bisect_right(full.weeks, end)
    return zip(full.weeks[:k], full.values[:k], strict=True)


def last_version_change(ph: PersonHistory, end: dt.date) -> dt.date | None:
    """The last week up to ``end`` that ``ph`` first answered under new questions, or None."""
    k = bisect_right(ph.version_changes, end)
    return ph.version_changes[k - 1] if k else None


def questions_changed(history: History, start: dt.date, end: dt.date) -> list[dt.date]:
    """The weeks (anyone's, once each, oldest first) the weekly questions changed that a
    report from ``start`` to ``end`` reads: inside the range, or in the weeks its verdicts at
    ``end`` are judged on (the recent weeks and the baseline before them)."""
    reach = end - _WEEK * (RECENT_WEEKS - 1 + BASELINE_WEEKS)
    lo = min(start, reach)
    return sorted({w for ph in history.persons for w in ph.version_changes if lo <= w <= end})


def day_label(day: dt.date) -> str:
    """``3 August 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def area_changes(
    profile: Profile, verdicts: Mapping[str, Change], today: dt.date, words: TrendWords
) -> list[AreaChange]:
    """The real changes among ``verdicts``, one sentence each."""
    out: list[AreaChange] = []
    for a, change in verdicts.items():
        if not change.real or change.at is None:
            continue
        assert change.recent_mean is not None and change.baseline_mean is not None
        since = change.at - _WEEK * (RECENT_WEEKS - 1)
        sentence = words.change.format(
            name=profile.name,
            area=a,
            direction=words.risen if change.verdict == "rise" else words.fallen,
            when=month_label(since, today),
            recent=f"{change.recent_mean:.0f}",
            usual=f"{change.baseline_mean:.0f}",
        )
        out.append(AreaChange(profile, a, change, since, sentence))
    return out


def series(
    pts: tuple[Point, ...],
    trend: tuple[Point, ...] | Callable[[], tuple[Point, ...]],
    end: dt.date,
    *,
    slope_source: Sequence[Point] | None = None,
) -> TrendSeries:
    """A :class:`TrendSeries` of ``pts`` with its slope, latest value and mean."""
    source = slope_source if slope_source is not None else pts
    # The slope reads only the window's last weeks: hand it the tail of the (sorted) series
    # rather than 20 years to check and cut.
    window_start = end - dt.timedelta(weeks=stats.SLOPE_WINDOW_WEEKS)
    tail = source[bisect_right(source, window_start, key=_week) :]
    values = list(map(_value, pts))
    present = [v for v in values if v is not None]
    return TrendSeries(
        points=pts,
        smooth=cache(trend) if callable(trend) else lambda: trend,
        slope=stats.theil_sen_slope(tail, until=end),
        latest=last_present(pts),
        mean=math.fsum(present) / len(present) if present else None,
    )


def _empty(
    history: History, method: str, notes: list[str], weeks: int | None, area: str | None
) -> TrendReport:
    empty = TrendSeries((), None, None, None)
    areas = (area,) if area is not None else AREAS
    persons = tuple(
        PersonTrends(
            profile=ph.profile,
            index=empty,
            areas=MappingProxyType(dict.fromkeys(areas, empty)),
            overall=empty,
            commitments=(),
            checkins=0,
        )
        for ph in history.persons
    )
    return TrendReport(
        people=history.people,
        start=None,
        end=None,
        weeks=(),
        persons=persons,
        couple=(),
        gap=None,
        changes=(),
        method=method,
        notes=tuple(notes),
        checkins=0,
        requested_weeks=weeks,
        area=area,
    )
