"""The text of ``trustcheck trends``: readable for empty, short and 10-year histories, any width."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import rawdb
from trustcheck.charts import render_trends
from trustcheck.core.change import CHANGE_METHOD
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Answer, ItemKind, Profile
from trustcheck.core.trends import TrendReport
from trustcheck.export.sparkline import render_sparkline
from trustcheck.services import Services, open_services
from trustcheck.services.demo import seed_demo
from trustcheck.services.trends import TrendsService

NOW = dt.datetime(2026, 11, 25, 19, 30, tzinfo=dt.UTC)
MON = dt.date(2026, 11, 16)
WIDTHS = (40, 80, 120, 160)
_ESC = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")


def trends_of(services: Services) -> TrendsService:
    return rawdb.new_trends(services)


def add_checkin(services: Services, week: dt.date, people: list[Profile], level: int = 4) -> None:
    pack = services.pack
    answers = []
    for p in people:
        for item in pack.items:
            if item.kind is ItemKind.SCALE:
                value = 8 - level if item.reverse else level
                answers.append(Answer(p.id, pack.id, pack.version, item.id, value=value))
            elif item.kind is ItemKind.RATING:
                answers.append(Answer(p.id, pack.id, pack.version, item.id, value=level + 2))
    when = dt.datetime.combine(week, dt.time(19), tzinfo=dt.UTC)
    rawdb.checkins(services).insert_completed(week, [p.id for p in people], when, when, answers)


def check_text(out: str, width: int) -> None:
    assert not re.search(r"\bnan\b", out, re.IGNORECASE)
    assert "Traceback" not in out and "inf" not in out.split()
    assert "\x1b" not in out
    too_wide = [line for line in out.splitlines() if len(line) > width]
    assert not too_wide, too_wide


@pytest.fixture(scope="module")
def ten_years_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TrendsService]:
    """520 weeks of demo data for Alex and Sam, seeded once for the module (a few seconds)."""
    data = Path(tmp_path_factory.mktemp("ten_years")) / "data"
    services = open_services(data, FixedClock(NOW), weak_kdf=True)
    try:
        seed_demo(services, weeks=520)
        yield trends_of(services)
    finally:
        services.close()


@pytest.fixture
def ten_years(ten_years_service: TrendsService) -> TrendReport:
    return ten_years_service.report()


@pytest.mark.parametrize("width", WIDTHS)
def test_empty_history(services: Services, width: int) -> None:
    services.profiles.setup(["Alex", "Sam"])
    out = render_trends(trends_of(services).report(), width=width, height=24, color=False)
    check_text(out, width)
    assert "No check-ins yet" in out
    assert "┌" not in out  # no empty chart


def test_nobody_set_up(services: Services) -> None:
    out = render_trends(trends_of(services).report(), width=80, height=24, color=False)
    check_text(out, 80)
    assert "No check-ins yet" in out


@pytest.mark.parametrize("width", WIDTHS)
def test_one_checkin(services: Services, width: int) -> None:
    people = services.profiles.setup(["Alex", "Sam"])
    add_checkin(services, MON, people)
    out = render_trends(trends_of(services).report(), width=width, height=24, color=False)
    check_text(out, width)
    assert "Alex" in out and "Sam" in out
    assert "One check-in so far: trends need at least two." in " ".join(out.split())
    assert "┌" not in out


@pytest.mark.parametrize("width", WIDTHS)
def test_short_history_with_a_gap_and_a_skipped_week(services: Services, width: int) -> None:
    people = services.profiles.setup(["Alex", "Sam"])
    for back, level in ((4, 3), (3, 4), (1, 5), (0, 6)):
        add_checkin(services, MON - dt.timedelta(weeks=back), people, level)
    add_checkin(services, MON - dt.timedelta(weeks=6), people[:1], 4)  # Sam not there
    report = trends_of(services).report()
    out = render_trends(report, width=width, height=24, color=False)
    check_text(out, width)
    assert "Alex" in out and "Sam" in out and "Trust index" in out
    assert "┌" in out  # a chart is drawn


def test_solo_history(services: Services) -> None:
    (alex,) = services.profiles.setup(["Alex"])
    for back in range(3):
        add_checkin(services, MON - dt.timedelta(weeks=back), [alex], 4 + back)
    out = render_trends(trends_of(services).report(), width=80, height=24, color=False)
    check_text(out, 80)
    assert "Solo mode" in out and "Gap between you" not in out
    # Solo use never shows couple wording (issue 12): the figures' note has no "between you".
    assert "between you" not in out and "slope: change per week" in out
    narrow = render_trends(trends_of(services).report(), width=40, height=20, color=False)
    assert "between you" not in narrow


@pytest.mark.parametrize(("width", "height"), [(80, 24), (160, 48), (40, 20), (100, 30)])
def test_ten_years(ten_years: TrendReport, width: int, height: int) -> None:
    out = render_trends(ten_years, width=width, height=height, color=False)
    check_text(out, width)
    assert "Alex" in out and "Sam" in out
    assert "Commitments kept" in out and "Gap between you" in out


def test_real_changes_are_said_with_their_method(services: Services) -> None:
    """The 26-week demo's recovery lifts an area or two beyond their usual range (issue 14)."""
    seed_demo(services, weeks=26)
    report = trends_of(services).report()
    assert 1 <= len(report.changes) <= 2  # a realistic mix, not a flood
    out = render_trends(report, width=100, height=30, color=False)
    flat = " ".join(out.split())
    for change in report.changes:
        assert " ".join(change.sentence.split()) in flat
    assert CHANGE_METHOD in flat


def test_ten_years_one_area_and_a_range(ten_years_service: TrendsService) -> None:
    report = ten_years_service.report(weeks=26, area="closeness")
    out = render_trends(report, width=80, height=24, color=False)
    check_text(out, 80)
    assert "(26 weeks, 26 check-ins)" in out
    assert "Closeness" in out and "Security" not in out


def test_rendering_leaves_no_state_behind(ten_years: TrendReport) -> None:
    """plotext keeps a global figure: a wide grid drawn first must not leak into the next."""
    first = render_trends(ten_years, width=80, height=24, color=False)
    render_trends(ten_years, width=160, height=48, color=False)
    assert render_trends(ten_years, width=80, height=24, color=False) == first


def test_charts_drawn_in_threads_at_once_are_the_charts_drawn_alone(
    ten_years: TrendReport,
) -> None:
    """plotext draws into one global figure and the Trends screen draws in worker threads: charts
    drawn by several threads at once are exactly the charts each draws alone (``PLOTTING``)."""
    sizes = [(80, 24), (160, 48), (100, 30), (40, 20)]
    alone = {
        size: render_trends(ten_years, width=size[0], height=size[1], color=False) for size in sizes
    }
    drawn: dict[tuple[int, int], list[str]] = {size: [] for size in sizes}

    def draw(size: tuple[int, int]) -> None:
        for _ in range(2):
            drawn[size].append(render_trends(ten_years, width=size[0], height=size[1], color=False))

    threads = [threading.Thread(target=draw, args=(size,)) for size in sizes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(drawn[size] == [alone[size]] * 2 for size in sizes)


def test_colour_output_stays_within_the_width(ten_years: TrendReport) -> None:
    out = render_trends(ten_years, width=80, height=24, color=True)
    assert "\x1b[" in out
    visible = _ESC.sub("", out)
    assert all(len(line) <= 80 for line in visible.splitlines())
    assert not re.search(r"\bnan\b", visible, re.IGNORECASE)


def test_partners_differ_by_line_style_in_monochrome(services: Services) -> None:
    people = services.profiles.setup(["Alex", "Sam"])
    for back in range(6):
        add_checkin(services, MON - dt.timedelta(weeks=back), people[:1], 3 + back % 3)
        add_checkin(services, MON - dt.timedelta(weeks=back), people[1:], 6 - back % 3)
    out = render_trends(trends_of(services).report(), width=80, height=24, color=False)
    assert "solid line" in out and "dotted line" in out
    assert "•" in out  # the dotted partner's marker appears in the chart


def test_sparkline() -> None:
    assert render_sparkline([], 10) == ""
    assert render_sparkline([0.0, 50.0, 100.0], 10) == "▁▅█"
    assert render_sparkline([0.0, None, 100.0], 10) == "▁ █"
    assert render_sparkline([None, None], 5) == "  "
    assert render_sparkline([7.0, 7.0], 5) == "▄▄"
    assert render_sparkline([50.0], 5, low=0, high=100) == "▅"
    line = render_sparkline([float(i % 10) for i in range(520)], 40)
    assert len(line) == 40 and " " not in line
    gappy = render_sparkline([None] * 260 + [1.0] * 260, 20)
    assert gappy == " " * 10 + "▄" * 10
