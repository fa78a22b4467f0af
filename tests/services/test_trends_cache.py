"""The trends service keeps its own cache and drops it when the data changes (issue 13): no
caller refreshes it. Home's trend line reads only the weeks it draws."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

import rawdb
from trends_helpers import Loads, complete_this_week
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Answer, ItemKind, Profile
from trustcheck.services import Services, open_services
from trustcheck.services.demo import seed_demo
from trustcheck.services.trends import TrendsService

HOME_WEEKS = 26  # TREND_WEEKS on home


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Loads:
    return Loads(monkeypatch)


@pytest.fixture
def other(tmp_path: Path, clock: FixedClock, services: Services) -> Iterator[Services]:
    """A second window: its own Services over the same database."""
    opened = open_services(tmp_path / "data", clock)
    try:
        yield opened
    finally:
        opened.close()


def test_a_checkin_completed_in_another_window_is_seen_without_a_refresh(
    services: Services, other: Services
) -> None:
    seed_demo(services, weeks=3)
    trends = services.trends
    assert trends.report().checkins == 3
    assert trends.recent(HOME_WEEKS).checkins == 3
    complete_this_week(other, other.profiles.people())
    assert trends.report().checkins == 4
    assert trends.recent(HOME_WEEKS).checkins == 4
    assert [p.latest for p in trends.recent(HOME_WEEKS).persons] == [100 * 5 / 6] * 2


def test_a_checkin_completed_in_this_window_is_seen_without_a_refresh(
    services: Services,
) -> None:
    seed_demo(services, weeks=3)
    trends = services.trends
    assert trends.report().checkins == 3
    complete_this_week(services, services.profiles.people())
    assert trends.report().checkins == 4


def test_an_unchanged_database_serves_from_the_cache(services: Services, loads: Loads) -> None:
    seed_demo(services, weeks=10)
    trends = rawdb.new_trends(services)
    first = trends.report()
    assert len(loads.calls) == 1
    assert trends.report() is first
    assert trends.report(weeks=8) is trends.report(weeks=8)
    # A write that trends do not read (a journal entry) leaves the cache as it was.
    alex = services.profiles.people()[0]
    if not services.keys.is_unlocked(alex.id):
        services.keys.unlock(alex.id, "demo")
    services.journal.add(alex.id, "a quiet week", rating=5, tags=[])
    assert trends.report() is first
    assert len(loads.calls) == 1  # the history was loaded once
    # Home's line comes from the history already loaded: no other read.
    assert trends.recent(HOME_WEEKS).has_trend
    assert len(loads.calls) == 1


def test_a_renamed_person_is_seen_without_a_refresh(services: Services) -> None:
    seed_demo(services, weeks=3)
    trends = services.trends
    alex = trends.report().people[0]
    services.profiles.rename(alex, "Robin")
    assert trends.report().people[0].name == "Robin"
    assert trends.recent(HOME_WEEKS).persons[0].profile.name == "Robin"


def fresh(services: Services) -> TrendsService:
    return rawdb.new_trends(services)


def test_home_reads_only_the_weeks_it_draws(services: Services, loads: Loads) -> None:
    seed_demo(services, weeks=200)
    line = fresh(services).recent(HOME_WEEKS)
    assert len(loads.calls) == 1
    pack_id, since, rows = loads.calls[0]
    assert pack_id == services.pack.id and since is not None
    # Two people, one row each per week: the 26 weeks drawn and at most one week more.
    assert rows <= 2 * (HOME_WEEKS + 1)
    # The same line as the one cut from the whole history.
    report = fresh(services).report(weeks=HOME_WEEKS)
    assert loads.calls[-1][1] is None  # that one read everything
    assert line.weeks == report.weeks and len(line.weeks) == HOME_WEEKS
    assert line.has_trend == report.has_trend
    for drawn, full in zip(line.persons, report.persons, strict=True):
        assert drawn.profile == full.profile
        assert drawn.values() == full.index.values()
        assert drawn.latest == full.index.latest


def insert(services: Services, week: dt.date, people: list[Profile], level: int = 4) -> None:
    pack = services.pack
    answers = []
    for p in people:
        for item in pack.items:
            if item.kind is ItemKind.SCALE:
                value = 8 - level if item.reverse else level
                answers.append(Answer(p.id, pack.id, pack.version, item.id, value=value))
    when = dt.datetime.combine(week, dt.time(19), tzinfo=dt.UTC)
    rawdb.checkins(services).insert_completed(week, [p.id for p in people], when, when, answers)


LAST = dt.date(2026, 11, 16)  # last week on the fixture clock
THIS = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    "weeks_back",
    [
        pytest.param([], id="nothing"),
        pytest.param([100, 99], id="all-before-the-window"),
        pytest.param([3, 1], id="short-history"),
        pytest.param([120, 4, 2], id="a-pause-then-recent-weeks"),
        pytest.param([30, 26, 25, 0], id="the-window-edge"),
        pytest.param([40, 20, -1], id="this-week-done"),
    ],
)
def test_home_line_is_the_report_line(services: Services, weeks_back: list[int]) -> None:
    """Whatever the history, home's short read draws what the whole report would."""
    people = services.profiles.setup(["Alex", "Sam"])
    for n, back in enumerate(weeks_back):
        insert(services, LAST - dt.timedelta(weeks=back), people, level=1 + n % 7)
    line = fresh(services).recent(HOME_WEEKS)
    report = fresh(services).report(weeks=HOME_WEEKS)
    assert line.has_trend == report.has_trend
    if not weeks_back:
        return
    assert line.weeks == report.weeks
    assert [p.values() for p in line.persons] == [p.index.values() for p in report.persons]
    assert [p.latest for p in line.persons] == [p.index.latest for p in report.persons]
