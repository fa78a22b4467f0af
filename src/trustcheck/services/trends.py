"""Trends over the weeks: every series, trend line, slope and reliable change behind the Trends
screen and ``trustcheck trends`` (issue 4; formulas in ``core.scoring`` and ``core.stats``).

The history is loaded once (one query for the answers of every completed check-in), turned into
per-person weekly series and cached; ``report()`` cuts a range out of it. The cache is the
caller's to drop with :meth:`TrendsService.refresh` when the data changes.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise, repeat
from operator import itemgetter
from types import MappingProxyType
from typing import Protocol, cast

from trustcheck.core import stats
from trustcheck.core.clock import Clock, week_start
from trustcheck.core.errors import UserError
from trustcheck.core.models import (
    AREAS,
    OVERALL,
    SCALE_MAX,
    SCALE_MIN,
    Item,
    ItemKind,
    Pack,
    Profile,
    Review,
)
from trustcheck.core.scoring import keyed_area_score, keyed_value, trust_index
from trustcheck.core.stats import ChangeSince, CouplePoint, Point
from trustcheck.messages import (
    TRENDS_BAD_WEEKS,
    TRENDS_CHANGE,
    TRENDS_CHANGE_PROVISIONAL,
    TRENDS_FALLEN,
    TRENDS_METHOD,
    TRENDS_NO_CHECKINS,
    TRENDS_NONE_IN_RANGE,
    TRENDS_ONE_CHECKIN,
    TRENDS_ONE_IN_RANGE,
    TRENDS_PAUSE,
    TRENDS_PERSON_ABSENT,
    TRENDS_RISEN,
    TRENDS_SKIPPED_AREA,
    TRENDS_SOLO,
    TRENDS_UNKNOWN_AREA,
)
from trustcheck.storage.repos import AnswerRepo, CheckinRepo, CommitmentRepo, ProfileRepo

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

_WEEK = dt.timedelta(weeks=1)
_week = itemgetter(0)
_value = itemgetter(1)

#: One person in one completed check-in: (check-in id, week, profile id, {item id: value}), the
#: answered rated items only (skipped and text answers left out).
RatedRow = tuple[int, dt.date, int, Mapping[str, int]]


class RatedAnswers(Protocol):
    """A lean loader for trends: see ``AnswerRepo.rated_for_completed`` (one grouped query)."""

    def rated_for_completed(self, pack_id: str) -> Sequence[RatedRow]: ...


class ModuleCatalog(Protocol):
    """What trends need of ``services.packs.PackService``: the switched-on modules and roles."""

    def enabled_ids(self) -> list[str]: ...

    def enabled_modules(self) -> list[Pack]: ...

    def role(self, pack_id: str, profile_id: int) -> str | None: ...


#: A module's own area: (pack id, area id).
ModuleKey = tuple[str, str]


def _no_modules() -> Mapping[ModuleKey, tuple[Point, ...]]:
    return MappingProxyType({})


class ReviewRows(Protocol):
    """A lean loader for trends: see ``CommitmentRepo.reviews_for_completed``."""

    def reviews_for_completed(self) -> Sequence[tuple[int, dt.date, Review]]:
        """(owner id, week of the completed check-in it was reviewed in, review), any order."""
        ...


class TrendsError(UserError, ValueError):
    """A trends request that cannot be met (unknown area, empty range); one line for the user."""


# --- the history, loaded once ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonHistory:
    """One person's whole history: a point per check-in they answered, oldest first."""

    profile: Profile
    weeks: tuple[dt.date, ...]
    areas: Mapping[str, tuple[Point, ...]]
    index: tuple[Point, ...]
    overall: tuple[Point, ...]
    #: Per area, reverse-keyed item values per check-in (rows aligned with ``weeks``), the
    #: matrix ``stats.item_rows`` makes, for Cronbach's alpha.
    items: Mapping[str, tuple[tuple[float | None, ...], ...]]
    #: Commitments made *by* this person and reviewed by the partner: (review week, review).
    reviews: tuple[tuple[dt.date, Review], ...]
    #: Module areas (switched-on, non-private modules), each on the person's own module weeks,
    #: oldest first. Never part of the trust index.
    modules: Mapping[ModuleKey, tuple[Point, ...]] = field(default_factory=_no_modules)


@dataclass(frozen=True, slots=True)
class ModuleTrendArea:
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


@dataclass(frozen=True, slots=True)
class AreaChange:
    """A reliable change from a person's baseline in one area, and the sentence that says it."""

    profile: Profile
    area: str
    result: ChangeSince
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
    #: Say this wherever a reliable change is shown.
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


# --- helpers ------------------------------------------------------------------------------------


def month_label(day: dt.date, today: dt.date) -> str:
    """``March``, or ``March 2025`` when it is not this year."""
    name = MONTHS[day.month - 1]
    return name if day.year == today.year else f"{name} {day.year}"


def month_year(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _last_present(points: Sequence[Point]) -> float | None:
    for p in reversed(points):
        if p.value is not None:
            return p.value
    return None


class _AreaKey:
    """An area's rated items as the scorer needs them, precomputed once per pack."""

    __slots__ = ("ids", "tables")

    def __init__(self, items: Sequence[Item]) -> None:
        self.ids = tuple(i.id for i in items)
        #: Per item, stored value → ``scoring.keyed_value``; a value outside 1–7 is not in the
        #: table and reads as not answered.
        self.tables: tuple[dict[int | None, float], ...] = tuple(
            {v: float(keyed_value(item, v)) for v in range(SCALE_MIN, SCALE_MAX + 1)}
            for item in items
        )

    def rows(self, checkins: Sequence[Mapping[str, int]]) -> list[tuple[float | None, ...]]:
        """One row of keyed values per check-in, None where not answered (as ``stats.item_rows``).

        Built column by column with C-level ``map``: this is the hot loop of a 20-year history.
        """
        if all(type(c) is dict for c in checkins):  # the repo's rows: ``dict.get`` in C
            rows = cast(Sequence[dict[str, int]], checkins)
            columns = [
                list(map(table.get, map(dict.get, rows, repeat(item_id))))
                for item_id, table in zip(self.ids, self.tables, strict=True)
            ]
        else:
            columns = [
                list(map(table.get, [c.get(item_id) for c in checkins]))
                for item_id, table in zip(self.ids, self.tables, strict=True)
            ]
        return list(zip(*columns, strict=True)) if columns else [() for _ in checkins]

    def scores(self, rows: Iterable[tuple[float | None, ...]]) -> list[float | None]:
        """``scoring.area_score`` per row."""
        return list(map(keyed_area_score, rows))


def _monday(day: dt.date) -> dt.date:
    """``week_start``, skipping the arithmetic for the stored weeks that are Mondays already."""
    return day if day.weekday() == 0 else week_start(day)


def _points(weeks: Sequence[dt.date], values: Iterable[float | None]) -> tuple[Point, ...]:
    """Points in bulk; ``tuple.__new__`` is what ``Point._make`` does, without a call each."""
    return tuple(map(tuple.__new__, repeat(Point), zip(weeks, values, strict=True)))


class _FallbackRated:
    """``RatedAnswers`` over the general repo methods, until the lean query exists.

    Slower: it builds an ``Answer`` per stored answer (about 110 ms for 10 years).
    """

    def __init__(self, checkins: CheckinRepo, answers: AnswerRepo) -> None:
        self.checkins = checkins
        self.answers = answers

    def rated_for_completed(self, pack_id: str) -> list[RatedRow]:
        by_checkin = self.answers.for_completed()
        rows: list[RatedRow] = []
        for checkin in self.checkins.completed():
            per_person: dict[int, dict[str, int]] = {}
            for a in by_checkin.get(checkin.id, ()):
                if a.pack_id == pack_id and not a.skipped and a.value is not None:
                    per_person.setdefault(a.profile_id, {})[a.item_id] = a.value
            for pid in sorted(per_person):
                rows.append((checkin.id, checkin.week, pid, per_person[pid]))
        return rows


# --- the service --------------------------------------------------------------------------------


class TrendsService:
    """Weekly series per person, built once, and reports over a range of them."""

    def __init__(
        self,
        pack: Pack,
        checkins: CheckinRepo,
        answers: AnswerRepo,
        commitments: CommitmentRepo,
        profiles: ProfileRepo,
        clock: Clock,
        *,
        rated: RatedAnswers | None = None,
        reviews: ReviewRows | None = None,
        catalog: ModuleCatalog | None = None,
    ) -> None:
        self.pack = pack
        #: Switched-on modules and roles (issue 6); without it, only the weekly pack is scored.
        self.catalog = catalog
        self._module_state: tuple[object, ...] | None = None
        self.commitments = commitments
        self.profiles = profiles
        self.clock = clock
        self.rated: RatedAnswers = rated or _FallbackRated(checkins, answers)
        self.reviews = reviews
        self._keys = {
            area: _AreaKey(items)
            for area in AREAS
            if (items := [i for i in pack.items_in(area) if i.kind is ItemKind.SCALE])
        }
        overall = [i for i in pack.items_in(OVERALL) if i.kind is ItemKind.RATING]
        self._overall_id = overall[0].id if overall else None
        self._history: History | None = None
        self._reports: dict[tuple[int | None, str | None, dt.date], TrendReport] = {}

    def refresh(self) -> None:
        """Forget the cached history and reports: call after a check-in or an import."""
        self._history = None
        self._reports.clear()

    # --- loading --------------------------------------------------------------------------------
    def history(self) -> History:
        """Every person's weekly series, loaded in one pass and cached until :meth:`refresh`."""
        self._check_modules()
        if self._history is None:
            self._history = self._load()
        return self._history

    def _check_modules(self) -> None:
        """Drop the cache when a module was switched on or off or a role changed since."""
        state = self._modules_state()
        if state != self._module_state:
            self._history = None
            self._reports.clear()
            self._module_state = state

    def _modules_state(self) -> tuple[object, ...]:
        """What the module series depend on: the switched-on modules and everyone's role."""
        if self.catalog is None or not self.catalog.enabled_ids():  # one small query
            return ()
        modules = [p for p in self.catalog.enabled_modules() if not p.private]
        if not modules:
            return ()
        people = self._history.people if self._history is not None else self.profiles.active()
        return tuple(
            (p.id, p.version, tuple(self.catalog.role(p.id, who.id) for who in people))
            for p in modules
        )

    def _load(self) -> History:
        people = tuple(self.profiles.active())
        rows = self.rated.rated_for_completed(self.pack.id)
        # Two check-ins in one week: the later one stands (rows come oldest first).
        per_person: dict[int, dict[dt.date, Mapping[str, int]]] = {p.id: {} for p in people}
        checkin_week: dict[int, dt.date] = {}
        all_weeks: set[dt.date] = set()
        for checkin_id, week, pid, values in rows:
            monday = _monday(week)
            checkin_week[checkin_id] = monday
            all_weeks.add(monday)
            if pid in per_person:
                per_person[pid][monday] = values
        reviews: dict[int, list[tuple[dt.date, Review]]] = {p.id: [] for p in people}
        if self.reviews is not None:
            for owner_id, week, review in self.reviews.reviews_for_completed():
                if owner_id in reviews:
                    reviews[owner_id].append((_monday(week), review))
        else:
            for c in self.commitments.all():
                if c.review is None or c.reviewed_in is None or c.owner_id not in reviews:
                    continue
                reviewed = checkin_week.get(c.reviewed_in)
                if reviewed is not None:
                    reviews[c.owner_id].append((reviewed, c.review))
        persons = tuple(self._person(p, per_person[p.id], reviews[p.id]) for p in people)
        modules, module_series = self._load_modules(people)
        if module_series:
            persons = tuple(
                replace(ph, modules=MappingProxyType(module_series[ph.profile.id]))
                if ph.profile.id in module_series
                else ph
                for ph in persons
            )
        return History(
            people=people, weeks=tuple(sorted(all_weeks)), persons=persons, modules=modules
        )

    def _load_modules(
        self, people: Sequence[Profile]
    ) -> tuple[tuple[ModuleTrendArea, ...], dict[int, dict[ModuleKey, tuple[Point, ...]]]]:
        """Each switched-on, non-private module's own areas per person, scored like the weekly
        areas (reverse keying, 75% of the items of the person's role answered). Private packs
        and private items are never read; module scores never enter the trust index."""
        series: dict[int, dict[ModuleKey, tuple[Point, ...]]] = {}
        found: list[ModuleTrendArea] = []
        if self.catalog is None or not self.catalog.enabled_ids():
            return (), series
        for pack in self.catalog.enabled_modules():
            if pack.private or not pack.areas:
                continue
            rows = self.rated.rated_for_completed(pack.id)
            by_person: dict[int, dict[dt.date, Mapping[str, int]]] = {p.id: {} for p in people}
            for _cid, week, pid, answered in rows:
                if pid in by_person:
                    by_person[pid][_monday(week)] = answered
            present: set[str] = set()
            for person in people:
                role = self.catalog.role(pack.id, person.id)
                items = [
                    i for i in pack.for_role(role) if i.kind is ItemKind.SCALE and not i.private
                ]
                weeks = sorted(by_person[person.id])
                checkins = [by_person[person.id][w] for w in weeks]
                for area in pack.areas:
                    mine = [i for i in items if i.area == area.id]
                    if not mine or not weeks:
                        continue
                    key = _AreaKey(mine)
                    values = key.scores(key.rows(checkins))
                    if any(v is not None for v in values):
                        present.add(area.id)
                        series.setdefault(person.id, {})[(pack.id, area.id)] = _points(
                            weeks, values
                        )
            found.extend(
                ModuleTrendArea(pack.id, a.id, pack.area_heading(a.id), pack.title)
                for a in pack.areas
                if a.id in present
            )
        return tuple(found), series

    def _person(
        self,
        profile: Profile,
        by_week: Mapping[dt.date, Mapping[str, int]],
        reviews: list[tuple[dt.date, Review]],
    ) -> PersonHistory:
        weeks = sorted(by_week)
        checkins = [by_week[w] for w in weeks]
        keyed = {area: key.rows(checkins) for area, key in self._keys.items()}
        area_values = {area: self._keys[area].scores(rows) for area, rows in keyed.items()}
        index_values = [
            trust_index({a: vs[i] for a, vs in area_values.items()}) for i in range(len(weeks))
        ]
        oid = self._overall_id
        ratings = [c.get(oid) for c in checkins] if oid is not None else [None] * len(weeks)
        overall_values = [None if r is None else float(r) for r in ratings]
        return PersonHistory(
            profile=profile,
            weeks=tuple(weeks),
            areas=MappingProxyType({a: _points(weeks, vs) for a, vs in area_values.items()}),
            index=_points(weeks, index_values),
            overall=_points(weeks, overall_values),
            items=MappingProxyType({a: tuple(rs) for a, rs in keyed.items()}),
            reviews=tuple(sorted(reviews, key=itemgetter(0))),
        )

    # --- the report -----------------------------------------------------------------------------
    def report(self, weeks: int | None = None, area: str | None = None) -> TrendReport:
        """The trends over the last ``weeks`` weeks (all when None), optionally for one area.

        The range ends at last week, or this week once it has a check-in. Reliable changes are
        measured against each person's own first weeks, whatever the range.
        """
        if weeks is not None and weeks < 1:
            raise TrendsError(TRENDS_BAD_WEEKS)
        if area is not None and area not in AREAS:
            raise TrendsError(TRENDS_UNKNOWN_AREA.format(area=area, areas=", ".join(AREAS)))
        today = self.clock.now().date()
        key = (weeks, area, today)
        self._check_modules()
        cached = self._reports.get(key)
        if cached is None:
            cached = self._reports[key] = self._build(self.history(), weeks, area, today)
        return cached

    def _build(
        self, history: History, weeks: int | None, area: str | None, today: dt.date
    ) -> TrendReport:
        areas = (area,) if area is not None else tuple(a for a in AREAS if a in self._keys)
        method = TRENDS_METHOD.format(method=stats.RC_METHOD, n=stats.PROVISIONAL_BELOW)
        notes: list[str] = []
        if history.people and len(history.people) == 1:
            notes.append(TRENDS_SOLO)
        if not history.weeks:
            notes.insert(0, TRENDS_NO_CHECKINS)
            return _empty(history, method, notes, weeks, area)
        last_week = week_start(today) - _WEEK
        end = max(last_week, history.weeks[-1])
        start = history.weeks[0]
        if weeks is not None:
            start = max(start, end - _WEEK * (weeks - 1))
        grid = tuple(start + _WEEK * k for k in range((end - start).days // 7 + 1))
        in_range = [w for w in history.weeks if start <= w <= end]
        if not in_range:
            when = month_label(history.weeks[-1], today)
            notes.insert(0, TRENDS_NONE_IN_RANGE.format(weeks=weeks, when=when))
        elif len(history.weeks) == 1:
            notes.insert(0, TRENDS_ONE_CHECKIN)
        elif len(in_range) == 1:
            notes.insert(0, TRENDS_ONE_IN_RANGE)
        for before, after in pairwise(in_range):
            if (after - before).days >= 7 * PAUSE_WEEKS:
                notes.append(TRENDS_PAUSE.format(start=month_year(before), end=month_year(after)))

        persons: list[PersonTrends] = []
        changes: list[AreaChange] = []
        modules = history.modules if area is None else ()
        for ph in history.persons:
            person = self._person_trends(ph, grid, areas, start, end, modules)
            persons.append(person)
            name = ph.profile.name
            if in_range and person.checkins == 0 and len(history.people) > 1:
                notes.append(TRENDS_PERSON_ABSENT.format(name=name))
            elif person.checkins:
                for a in areas:
                    if person.areas[a].present == 0:
                        notes.append(TRENDS_SKIPPED_AREA.format(name=name, area=a))
            changes.extend(self._changes(ph, areas, today))

        couple: tuple[CouplePoint, ...] = ()
        gap: TrendSeries | None = None
        if len(persons) == 2 and in_range:
            couple = tuple(stats.couple_view(persons[0].index.points, persons[1].index.points))
            gap_points = tuple(Point(c.week, c.gap) for c in couple)
            gap = _series(gap_points, gap_points, end)
        return TrendReport(
            people=history.people,
            start=start,
            end=end,
            weeks=grid,
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

    def _person_trends(
        self,
        ph: PersonHistory,
        grid: tuple[dt.date, ...],
        areas: tuple[str, ...],
        start: dt.date,
        end: dt.date,
        modules: tuple[ModuleTrendArea, ...] = (),
    ) -> PersonTrends:
        # The usual case: a check-in every week of the range, so the person's own points are
        # already the grid and are sliced, not rebuilt (Point building dominated 20 years).
        lo = bisect_left(ph.weeks, start)
        hi = bisect_right(ph.weeks, end)
        on_grid = ph.weeks[lo:hi] == grid

        def cut(full: tuple[Point, ...]) -> TrendSeries:
            if on_grid:
                points = full[lo:hi]

                def trend() -> tuple[Point, ...]:
                    return tuple(stats.ewma(full)[lo:hi])

            else:
                values: dict[dt.date, float | None] = dict(full)
                points = _points(grid, map(values.get, grid))

                def trend() -> tuple[Point, ...]:
                    trends: dict[dt.date, float | None] = dict(stats.ewma(full))
                    return _points(grid, map(trends.get, grid))

            return _series(points, trend, end, slope_source=full)

        def cut_own(full: tuple[Point, ...]) -> TrendSeries:
            """A series on its own weeks (a module's), laid on the grid."""
            values: dict[dt.date, float | None] = dict(full)
            points = _points(grid, map(values.get, grid))

            def trend() -> tuple[Point, ...]:
                trends: dict[dt.date, float | None] = dict(stats.ewma(full))
                return _points(grid, map(trends.get, grid))

            return _series(points, trend, end, slope_source=full)

        block_span = dt.timedelta(weeks=stats.COMMITMENT_PERIOD_WEEKS - 1)
        kept = stats.commitments_kept(ph.reviews, until=end)
        return PersonTrends(
            profile=ph.profile,
            index=cut(ph.index),
            areas=MappingProxyType({a: cut(ph.areas.get(a, ())) for a in areas}),
            overall=cut(ph.overall),
            commitments=tuple(p for p in kept if p.week + block_span >= start),
            checkins=hi - lo,
            modules=MappingProxyType({m.key: cut_own(ph.modules.get(m.key, ())) for m in modules}),
        )

    def _changes(
        self, ph: PersonHistory, areas: tuple[str, ...], today: dt.date
    ) -> list[AreaChange]:
        out: list[AreaChange] = []
        for a in areas:
            series = ph.areas.get(a)
            if not series:
                continue
            result = stats.reliable_change_since(series, ph.items[a])
            change = result.change
            if not change.reliable or result.since is None:
                continue
            template = TRENDS_CHANGE_PROVISIONAL if change.provisional else TRENDS_CHANGE
            sentence = template.format(
                name=ph.profile.name,
                area=a,
                direction=TRENDS_RISEN if change.direction == "up" else TRENDS_FALLEN,
                when=month_label(result.since, today),
                n=change.n_checkins,
            )
            out.append(AreaChange(ph.profile, a, result, sentence))
        return out


def _series(
    points: tuple[Point, ...],
    trend: tuple[Point, ...] | Callable[[], tuple[Point, ...]],
    end: dt.date,
    *,
    slope_source: Sequence[Point] | None = None,
) -> TrendSeries:
    source = slope_source if slope_source is not None else points
    # The slope reads only the window's last weeks: hand it the tail of the (sorted) series
    # rather than 20 years to check and cut.
    window_start = end - dt.timedelta(weeks=stats.SLOPE_WINDOW_WEEKS)
    tail = source[bisect_right(source, window_start, key=_week) :]
    values = list(map(_value, points))
    present = [v for v in values if v is not None]
    return TrendSeries(
        points=points,
        smooth=cache(trend) if callable(trend) else lambda: trend,
        slope=stats.theil_sen_slope(tail, until=end),
        latest=_last_present(points),
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
