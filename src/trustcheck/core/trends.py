"""The trends model: a person's history as weekly series, and a report over a range of weeks.

Pure data and small helpers (issue 13): the series are built from stored rows in
``core.trend_history`` and cut into a report in ``core.trend_report``; ``services.trends`` loads
the rows and caches. Every score comes from ``core.scoring``; every statistic from ``core.stats``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter
from types import MappingProxyType
from typing import NamedTuple, overload

from trustcheck.core import stats
from trustcheck.core.change import Change
from trustcheck.core.clock import week_start
from trustcheck.core.models import Profile, Review
from trustcheck.core.stats import CouplePoint, Point

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: Gaps between check-ins at least this long get a sentence; the trend line restarts there too.
PAUSE_WEEKS = stats.EWMA_MAX_GAP_WEEKS

_value = itemgetter(1)

#: One person in one completed check-in: (check-in id, week, profile id, pack version,
#: {item id: value}), the answered rated items only (skipped and text answers left out).
RatedRow = tuple[int, dt.date, int, int, Mapping[str, int]]


class ScoredTurn(NamedTuple):
    """One person's weekly-pack scores in one completed check-in: what trends read per person
    per week (stored beside the answers, schema V8; ``core.trend_history`` computes them).
    A ``NamedTuple``, like :class:`~trustcheck.core.stats.Point`: 20 years are 2,000 of them."""

    checkin_id: int
    week: dt.date
    profile_id: int
    #: The weekly pack version the turn was answered under.
    version: int
    #: Which scoring made these numbers (``WeeklyScorer.stamp``): a stored turn whose stamp is
    #: not today's is scored again from its answers.
    stamp: str
    #: The area scores (0–100, None: missing) in ``core.models.AREAS`` order, under that
    #: version's keys; None when the turn holds no rated answer at all (then it is not a week
    #: of this person's history).
    areas: tuple[float | None, ...] | None
    #: The 0–10 overall-trust rating, None when skipped.
    overall: float | None


#: A module's own area: (pack id, area id).
ModuleKey = tuple[str, str]


def _no_modules() -> Mapping[ModuleKey, Series]:
    return MappingProxyType({})


# --- the history --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Series(Sequence[Point]):
    """A weekly series of a person's history, kept as two columns: its weeks and their values
    (None: a gap), read as :class:`~trustcheck.core.stats.Point` s.

    Twenty years are 1,040 weeks in seven series per person. Kept as a Point each, they were
    the app's largest block of live objects, and every full garbage collection of the running
    TUI walked all of them; two plain tuples of dates and numbers are not walked at all. Points
    are made as the series is read (a report's range, a verdict, a trend line) and live as long
    as what reads them.
    """

    weeks: tuple[dt.date, ...]
    values: tuple[float | None, ...]

    def __len__(self) -> int:
        return len(self.values)

    @overload
    def __getitem__(self, index: int) -> Point: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Point, ...]: ...

    def __getitem__(self, index: int | slice) -> Point | tuple[Point, ...]:
        if isinstance(index, slice):
            return points(self.weeks[index], self.values[index])
        return Point(self.weeks[index], self.values[index])

    def __iter__(self) -> Iterator[Point]:
        return map(tuple.__new__, repeat(Point), zip(self.weeks, self.values, strict=True))

    def __reversed__(self) -> Iterator[Point]:
        pairs = zip(reversed(self.weeks), reversed(self.values), strict=True)
        return map(tuple.__new__, repeat(Point), pairs)


@dataclass(frozen=True, slots=True)
class Reviews(Sequence[tuple[dt.date, Review]]):
    """A person's reviewed commitments, (review week, review) oldest first, kept as two columns
    like :class:`Series`: the weeks and the reviews' values. Twenty years are about 2,700 of
    them; as a pair each they were as many objects for every full collection to walk, as plain
    dates and strings they are none."""

    weeks: tuple[dt.date, ...]
    kinds: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.kinds)

    @overload
    def __getitem__(self, index: int) -> tuple[dt.date, Review]: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[tuple[dt.date, Review], ...]: ...

    def __getitem__(
        self, index: int | slice
    ) -> tuple[dt.date, Review] | tuple[tuple[dt.date, Review], ...]:
        if isinstance(index, slice):
            return tuple(zip(self.weeks[index], map(Review, self.kinds[index]), strict=True))
        return (self.weeks[index], Review(self.kinds[index]))

    def __iter__(self) -> Iterator[tuple[dt.date, Review]]:
        return zip(self.weeks, map(Review, self.kinds), strict=True)


def reviews_of(pairs: Iterable[tuple[dt.date, Review]]) -> Reviews:
    """:class:`Reviews` of (review week, review) pairs, sorted by week (stable)."""
    ordered = sorted(pairs, key=itemgetter(0))
    return Reviews(tuple(w for w, _ in ordered), tuple(str(r.value) for _, r in ordered))


def series_of(weeks: Sequence[dt.date], values: Iterable[float | None]) -> Series:
    """A :class:`Series` of ``values`` on ``weeks`` (as many of each)."""
    weeks = tuple(weeks)
    values = tuple(values)
    if len(values) != len(weeks):
        raise ValueError(f"{len(values)} values for {len(weeks)} weeks")
    return Series(weeks, values)


@dataclass(frozen=True, slots=True)
class PersonHistory:
    """One person's whole history: a point per check-in they answered, oldest first."""

    profile: Profile
    weeks: tuple[dt.date, ...]
    areas: Mapping[str, Series]
    index: Series
    overall: Series
    #: Commitments made *by* this person and reviewed by the partner: (review week, review).
    reviews: Reviews
    #: Module areas (switched-on, non-private modules), each on the person's own module weeks,
    #: oldest first. Never part of the trust index.
    modules: Mapping[ModuleKey, Series] = field(default_factory=_no_modules)
    #: The weeks this person first answered under a new version of the weekly pack (oldest
    #: first): scores before and after come from different questions.
    version_changes: tuple[dt.date, ...] = ()


class ModuleTrendArea(NamedTuple):
    """A module's own rated area as trends show it (its pack's title for the area)."""

    pack_id: str
    area: str
    title: str
    pack_title: str

    @property
    def key(self) -> ModuleKey:
        return (self.pack_id, self.area)


@dataclass(frozen=True, slots=True)
class History:
    people: tuple[Profile, ...]
    #: Every week with a completed check-in (anyone's), sorted, unique.
    weeks: tuple[dt.date, ...]
    persons: tuple[PersonHistory, ...]
    #: Module areas someone has a score in, in catalogue and pack order.
    modules: tuple[ModuleTrendArea, ...] = ()


# --- the report ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrendSeries:
    """A weekly series over the report's range (None = a gap), with its trend and figures.

    The trend line is worked out on first use (``smooth`` is cached): ``trustcheck trends`` and
    the summaries never draw it, so a 20-year report does not smooth fourteen series for nothing.
    Two series compare by their points and figures.
    """

    points: tuple[Point, ...]
    #: Theil–Sen slope of the last 8 weeks of the range, in points per week; None if too few.
    slope: float | None
    latest: float | None
    mean: float | None
    #: Works out the trend line (see :attr:`trend`), once.
    smooth: Callable[[], tuple[Point, ...]] = field(default=lambda: (), compare=False, repr=False)

    @property
    def trend(self) -> tuple[Point, ...]:
        """The exponentially weighted trend line (λ 0.3), computed over the whole history."""
        return self.smooth()

    def values(self) -> list[float | None]:
        return list(map(_value, self.points))

    @property
    def present(self) -> int:
        return len(self.points) - self.values().count(None)


class AreaChange(NamedTuple):
    """A real change in one area of one person (``core.change``), and the sentence that says it.

    ``since`` is the first of the recent weeks judged; ``change.verdict`` is "rise" or "fall".
    """

    profile: Profile
    area: str
    change: Change
    since: dt.date
    sentence: str


@dataclass(frozen=True, slots=True)
class PersonTrends:
    profile: Profile
    #: Trust index 0–100.
    index: TrendSeries
    #: The five areas (or the one asked for), 0–100.
    areas: Mapping[str, TrendSeries]
    #: The overall-trust rating, 0–10.
    overall: TrendSeries
    #: Share of this person's commitments kept, 0–1, per 4-week block (point week = block start).
    commitments: tuple[Point, ...]
    #: Check-ins this person answered inside the range.
    checkins: int
    #: Module areas (``TrendReport.modules``), 0–100, on the report's weeks; empty when none.
    modules: Mapping[ModuleKey, TrendSeries] = field(default_factory=lambda: MappingProxyType({}))
    #: The verdict on each shown area at the range's last week (rise, fall, none or unknown).
    verdicts: Mapping[str, Change] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class TrendReport:
    people: tuple[Profile, ...]
    #: First and last week of the range (Mondays); None when there is nothing to show.
    start: dt.date | None
    end: dt.date | None
    #: Every week of the range, one per point of each series.
    weeks: tuple[dt.date, ...]
    persons: tuple[PersonTrends, ...]
    #: Both trust indexes, their mean and gap per week; empty in solo mode.
    couple: tuple[CouplePoint, ...]
    #: The gap |A − B| of the trust index as a series; None in solo mode.
    gap: TrendSeries | None
    changes: tuple[AreaChange, ...]
    #: Say this wherever a change is shown (``core.change.CHANGE_METHOD``).
    method: str
    notes: tuple[str, ...]
    checkins: int
    requested_weeks: int | None
    area: str | None
    #: Module areas with a score in the range (only when no single area was asked for).
    modules: tuple[ModuleTrendArea, ...] = ()

    @property
    def solo(self) -> bool:
        return len(self.people) == 1

    @property
    def has_trend(self) -> bool:
        """Whether there is anything to chart: at least two check-ins in the range."""
        return self.checkins >= 2


class IndexLine(NamedTuple):
    """One person's trust index on the weeks of a short range (what home draws)."""

    profile: Profile
    points: tuple[Point, ...]
    latest: float | None

    def values(self) -> list[float | None]:
        return list(map(_value, self.points))


class RecentTrend(NamedTuple):
    """The trust index of each person over the last weeks: home's trend line (issue 13)."""

    weeks: tuple[dt.date, ...]
    persons: tuple[IndexLine, ...]
    #: Check-ins (anyone's) inside the range.
    checkins: int

    @property
    def has_trend(self) -> bool:
        """Whether there is anything to draw: at least two check-ins in the range."""
        return self.checkins >= 2


# --- helpers ------------------------------------------------------------------------------------


def month_label(day: dt.date, today: dt.date) -> str:
    """``March``, or ``March 2025`` when it is not this year."""
    name = MONTHS[day.month - 1]
    return name if day.year == today.year else f"{name} {day.year}"


def month_year(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def last_present(points: Sequence[Point]) -> float | None:
    """The newest value that is not a gap, or None."""
    for p in reversed(points):
        if p.value is not None:
            return p.value
    return None


def monday(day: dt.date) -> dt.date:
    """``week_start``, skipping the arithmetic for the stored weeks that are Mondays already."""
    return day if day.weekday() == 0 else week_start(day)


def points(weeks: Sequence[dt.date], values: Iterable[float | None]) -> tuple[Point, ...]:
    """Points in bulk; ``tuple.__new__`` is what ``Point._make`` does, without a call each."""
    return tuple(map(tuple.__new__, repeat(Point), zip(weeks, values, strict=True)))
