"""The Trends screen: opened from home, range and area switches, reliable changes in words,
solo and empty histories, NO_COLOR, and snapshots at 80×24 and 160×48."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.color import Color
from textual.pilot import Pilot
from textual.widgets import Static

from trustcheck import messages
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import AREA_TITLES, AREAS, Profile
from trustcheck.services import Services, open_services
from trustcheck.services.demo import seed_demo
from trustcheck.tui.app import build_app
from trustcheck.tui.screens import trends_charts
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.trends import DEFAULT_RANGE, TrendsScreen
from trustcheck.tui.widgets.chart import PLOTS, Chart
from trustcheck.tui.widgets.choices import Choices

from .conftest import fill_turn, run_async, screen_text, seed_previous_week

SnapCompare = Callable[..., bool]
DEMO_WEEKS = 40


@pytest.fixture
def demo(services: Services) -> Services:
    seed_demo(services, weeks=DEMO_WEEKS)
    return services


def _text(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _drawn(pilot: Pilot[None], deadline: float = 30.0) -> None:
    """What was asked for last is drawn and shown (the report is read and the charts drawn in a
    worker thread, started as the screen mounts)."""
    end = time.monotonic() + deadline
    await pilot.pause()
    while isinstance(screen := pilot.app.screen, TrendsScreen) and not screen.up_to_date:
        assert time.monotonic() < end, "the charts were never shown"
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.01)
    await pilot.pause()


async def _open(pilot: Pilot[None]) -> TrendsScreen:
    await pilot.pause()
    await pilot.press("t")
    await _drawn(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TrendsScreen), screen
    return screen


def _complete_weeks_ago(
    services: Services,
    couple: list[Profile],
    clock: FixedClock,
    weeks_back: int,
    bases: tuple[int, int] = (4, 5),
) -> None:
    """A check-in of both, completed ``weeks_back`` weeks before the clock's day."""
    clock.advance(weeks=-weeks_back)
    checkin = services.checkins.start([p.id for p in couple])
    for base, person in zip(bases, couple, strict=True):
        fill_turn(services, checkin.id, person.id, base)
    services.checkins.complete(checkin)
    clock.advance(weeks=weeks_back)


# --- home -----------------------------------------------------------------------------------------


@run_async
async def test_home_shows_a_trend_line_and_t_opens_trends(demo: Services) -> None:
    app = build_app(demo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#trend-box").display
        trend = _text(app, "#trend")
        assert messages.HOME_TREND_TITLE in trend
        lines = trend.splitlines()
        assert lines[1].startswith("Alex") and lines[2].startswith("Sam")
        assert any(c in lines[1] for c in "▁▂▃▄▅▆▇█")
        await _open(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


@run_async
async def test_home_has_no_trend_line_before_two_checkins(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    clock.advance(weeks=-1)
    checkin = services.checkins.start([p.id for p in couple])
    for base, person in zip((4, 5), couple, strict=True):
        fill_turn(services, checkin.id, person.id, base)
    services.checkins.complete(checkin)
    clock.advance(weeks=1)
    app = build_app(services)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#trend-box").display
        screen = await _open(pilot)  # t still opens trends, which says why there is no chart
        assert messages.TRENDS_ONE_CHECKIN in screen_text(app)
        assert not screen.query_one("#charts").display


@run_async
async def test_a_completed_checkin_refreshes_the_trends(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    app = build_app(services)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#trend-box").display
        for weeks_back in (2, 1):  # two check-ins completed while home is open
            _complete_weeks_ago(services, couple, clock, weeks_back)
        await _open(pilot)
        await pilot.press("escape")  # back on home: on_screen_resume sees the new check-ins
        await pilot.pause()
        await app.workers.wait_for_complete()  # home's status is read in a worker
        await pilot.pause()
        assert app.screen.query_one("#trend-box").display
        assert services.trends.report(weeks=26).checkins == 2


@run_async
async def test_home_trend_line_follows_a_checkin_completed_in_another_window(
    services: Services, couple: list[Profile], clock: FixedClock, tmp_path: Path
) -> None:
    """No screen refreshes the trends: a check-in another window completed is on home's line
    the next time home shows (the trends service sees the database change)."""
    seed_previous_week(services, clock, couple)
    app = build_app(services)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#trend-box").display  # one check-in: no line yet
        other = open_services(tmp_path, clock=clock, weak_kdf=True)
        try:
            checkin = other.checkins.start([p.id for p in couple])
            for base, person in zip((6, 7), couple, strict=True):
                fill_turn(other, checkin.id, person.id, base)
            other.checkins.complete(checkin)
        finally:
            other.close()
        await _open(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#trend-box").display
        latest = services.trends.report(weeks=26).persons[0].index.latest
        assert latest is not None and f"{latest:.1f}" in _text(app, "#trend").splitlines()[1]


# --- the screen -----------------------------------------------------------------------------------


@run_async
async def test_range_switch_changes_the_range_and_the_chart(demo: Services) -> None:
    app = build_app(demo)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _open(pilot)
        assert "26 weeks, 26 check-ins" in _text(app, "#range-line")
        six_months = _text(app, "#main")
        await pilot.press("1")
        await _drawn(pilot)
        assert screen.weeks == 8
        assert "8 weeks, 8 check-ins" in _text(app, "#range-line")
        eight_weeks = _text(app, "#main")
        assert eight_weeks != six_months
        await pilot.press("4")
        await _drawn(pilot)
        assert screen.weeks is None
        assert f"{DEMO_WEEKS} weeks, {DEMO_WEEKS} check-ins" in _text(app, "#range-line")
        assert screen.query_one("#ranges", Choices).active == 3
        # Clicking a range works too ("1 year" is the third choice).
        ranges = screen.query_one("#ranges", Choices)
        await pilot.click("#ranges", offset=(ranges._places[2][0] + 2, 0))
        await _drawn(pilot)
        assert screen.weeks == 52
        assert f"{DEMO_WEEKS} weeks" in _text(app, "#range-line")  # the whole history is 40


@run_async
async def test_charts_are_drawn_once_per_report_and_size(demo: Services) -> None:
    app = build_app(demo)
    async with app.run_test(size=(100, 40)) as pilot:
        await _open(pilot)
        await _drawn(pilot)
        drawn = PLOTS.builds
        await pilot.press("1", "2")  # away and back: the 6-month charts are reused
        await _drawn(pilot)
        after_switch = PLOTS.builds
        app.screen.refresh()
        await pilot.press("escape", "t")
        await _drawn(pilot)
        assert isinstance(app.screen, TrendsScreen)
        assert PLOTS.builds == after_switch  # a repaint or reopening draws nothing
        assert after_switch > drawn  # the 8-week charts were new


@run_async
async def test_reopening_trends_shows_the_kept_screen_and_draws_nothing(demo: Services) -> None:
    """The screen is built once: reopened on unchanged data it mounts no widget and plots no
    chart (even with no chart left in the plot cache), and it opens as a new screen would, on
    six months, every area, at the top."""
    app = build_app(demo)
    async with app.run_test(size=(100, 30)) as pilot:
        first = await _open(pilot)
        main = first.query_one("#main", Chart)
        six_months = _text(app, "#main")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        PLOTS.clear()
        builds = PLOTS.builds
        again = await _open(pilot)
        assert again is first and again.query_one("#main", Chart) is main
        assert PLOTS.builds == builds  # the charts on the screen were kept, not drawn again
        assert _text(app, "#main") == six_months

        await pilot.press("3", "a", "end")  # a year, one area, scrolled down
        await _drawn(pilot)
        assert first.weeks == 52 and first.area == AREAS[0]
        assert first.query_one("#trends").scroll_y > 0
        await pilot.press("escape")
        await pilot.pause()
        again = await _open(pilot)
        assert again is first
        assert (again.weeks, again.area) == (26, None)
        assert again.query_one("#ranges", Choices).active == DEFAULT_RANGE
        assert again.query_one("#areas", Choices).active == 0
        assert again.query_one("#trends").scroll_y == 0
        assert _text(app, "#main") == six_months
        assert "26 weeks, 26 check-ins" in _text(app, "#range-line")


@run_async
async def test_help_over_trends_leaves_the_range_area_and_place_as_they_were(
    demo: Services,
) -> None:
    """Only opening the screen from home starts it afresh: Help shown over it and closed again
    leaves the range, the area and the scroll where the person left them."""
    app = build_app(demo)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open(pilot)
        await pilot.press("3", "a", "end")
        await _drawn(pilot)
        scrolled = screen.query_one("#trends").scroll_y
        assert (screen.weeks, screen.area) == (52, AREAS[0]) and scrolled > 0
        year = _text(app, "#main")
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await _drawn(pilot)
        assert app.screen is screen
        assert (screen.weeks, screen.area) == (52, AREAS[0])
        assert screen.query_one("#ranges", Choices).active == 2
        assert screen.query_one("#areas", Choices).active == 1
        assert screen.query_one("#trends").scroll_y == scrolled
        assert _text(app, "#main") == year


@run_async
async def test_reopened_trends_show_a_checkin_completed_meanwhile(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    """The kept screen is not stale: a check-in completed while it was closed is in the range
    line and the charts the next time it opens."""
    for weeks_back in (3, 2):
        _complete_weeks_ago(services, couple, clock, weeks_back)
    app = build_app(services)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _open(pilot)
        assert "2 check-ins" in _text(app, "#range-line")
        before = _text(app, "#main")
        await pilot.press("escape")
        await pilot.pause()
        _complete_weeks_ago(services, couple, clock, 1, bases=(2, 3))
        assert await _open(pilot) is screen
        assert "3 check-ins" in _text(app, "#range-line")
        assert _text(app, "#main") != before


@run_async
async def test_the_screen_takes_keys_while_its_charts_are_drawn(
    demo: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The charts are plotted off the UI thread: while they are drawn the screen shows no
    half-drawn chart and answers keys; the range asked for last is the one drawn and said."""
    gate, underway = threading.Event(), threading.Event()
    real = trends_charts.build_chart

    def held(*args: Any) -> Any:
        underway.set()
        assert gate.wait(60), "the test never let the drawing go on"
        return real(*args)

    monkeypatch.setattr(trends_charts, "build_chart", held)
    PLOTS.clear()
    app = build_app(demo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        end = time.monotonic() + 60
        while not underway.is_set():  # the 6-month charts are being drawn ...
            assert time.monotonic() < end, "the charts were never drawn"
            await pilot.pause(0.01)
        assert not screen.query_one("#charts").display  # ... and nothing half-drawn is shown
        await pilot.press("1")  # a key answered meanwhile
        await pilot.pause()
        assert screen.weeks == 8 and screen.query_one("#ranges", Choices).active == 0
        gate.set()
        await _drawn(pilot)
        assert screen.query_one("#charts").display
        assert "8 weeks, 8 check-ins" in _text(app, "#range-line")
        shown = _text(app, "#main")
        # The same as the 8-week chart of a fresh open, not the 6-month one drawn first.
        await pilot.press("escape")
        await pilot.pause()
        await _open(pilot)
        six_months = _text(app, "#main")
        await pilot.press("1")
        await _drawn(pilot)
        assert shown == _text(app, "#main") != six_months


@run_async
async def test_the_screen_opens_and_takes_keys_while_its_history_is_read(demo: Services) -> None:
    """Opening Trends reads the history and builds the report off the UI thread, started as
    the screen mounts (not after its first paint): the screen is shown and answers keys while
    the history is read, and shows the range asked for last once it is ready."""
    gate, underway = threading.Event(), threading.Event()
    readers: list[threading.Thread] = []
    real = demo.trends.report

    def held(weeks: int | None = None, area: str | None = None) -> Any:
        readers.append(threading.current_thread())
        underway.set()
        assert gate.wait(60), "the test never let the reading go on"
        return real(weeks=weeks, area=area)

    demo.trends.report = held  # type: ignore[method-assign]
    app = build_app(demo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        end = time.monotonic() + 60
        while not underway.is_set():  # the report is being built ...
            assert time.monotonic() < end, "the report was never read"
            await pilot.pause(0.01)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TrendsScreen)  # ... with the screen shown meanwhile
        assert not screen.query_one("#charts").display
        await pilot.press("1")  # and a key answered
        await pilot.pause()
        assert screen.weeks == 8 and not screen.up_to_date
        gate.set()
        await _drawn(pilot)
        assert threading.main_thread() not in readers
        assert "8 weeks, 8 check-ins" in _text(app, "#range-line")
        assert screen.query_one("#charts").display


@run_async
async def test_every_small_multiple_is_drawn_with_the_screen(demo: Services) -> None:
    """The small multiples (composed with the screen, drawn in the worker) all end up drawn:
    each area, overall trust, commitments kept and the gap, each under its title."""
    PLOTS.clear()
    app = build_app(demo)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _open(pilot)
        panels = [c for c in screen.query(".panel").results(Chart) if c.display]
        titles = [str(c.render()).splitlines()[0] for c in panels]
        assert titles == [
            *(AREA_TITLES[a] for a in AREAS),
            messages.CHART_OVERALL,
            messages.CHART_COMMITMENTS,
            messages.CHART_GAP,
        ]
        assert all(len(str(c.render()).splitlines()) > 5 for c in panels)


@run_async
async def test_area_switch_focuses_one_area(demo: Services) -> None:
    app = build_app(demo)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _open(pilot)
        assert messages.CHART_INDEX in _text(app, "#main-title")
        await pilot.press("a")
        await _drawn(pilot)
        assert screen.area == "communication"
        assert "Communication" in _text(app, "#main-title")
        assert _text(app, "#latest").startswith("Latest communication:")
        assert all(c.area == "communication" for c in screen.report.changes)  # type: ignore[union-attr]
        await pilot.press("a", "a")
        await _drawn(pilot)
        assert screen.area == "closeness"
        await pilot.press("A", "A", "A")  # back past the first area to all areas
        await _drawn(pilot)
        assert screen.area is None
        assert messages.CHART_INDEX in _text(app, "#main-title")


@run_async
async def test_real_changes_are_said_in_words_and_marked(demo: Services) -> None:
    app = build_app(demo)
    async with app.run_test(size=(100, 60)) as pilot:
        screen = await _open(pilot)
        await pilot.press("4")
        await _drawn(pilot)
        await _drawn(pilot)
        report = screen.report
        assert report is not None and report.changes
        words = _text(app, "#changes")
        assert messages.CHANGES_TITLE in words
        change = report.changes[0]
        assert change.sentence in words
        assert "in the last 4 weeks" in words and "against a usual" in words
        assert report.method in words and "26 weeks before" in words  # the method, named
        # Marked on the chart of its area: a label with the arrow and the name.
        arrow = "↑" if change.change.verdict == "rise" else "↓"
        panels = [str(c.render()) for c in screen.query(".panel").results(Chart)]
        area_panel = next(p for p in panels if p.startswith(change.area.capitalize()))
        assert f"{arrow} {change.profile.name}" in area_panel


@run_async
async def test_a_short_history_names_no_change_at_all(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    """Four check-ins with a jump: too few to judge, so no change is named (issue 14: no
    "provisional" verdicts from a handful of points)."""
    clock.advance(weeks=-4)
    for base in (2, 2, 6, 6):
        checkin = services.checkins.start([p.id for p in couple])
        for person in couple:
            fill_turn(services, checkin.id, person.id, base)
        services.checkins.complete(checkin)
        clock.advance(weeks=1)
    report = services.trends.report()
    app = build_app(services)
    async with app.run_test(size=(100, 60)) as pilot:
        await _open(pilot)
        words = _text(app, "#changes")
        assert report.changes == ()
        assert messages.TRENDS_NO_CHANGES in words


@run_async
async def test_solo_mode_shows_no_gap(services: Services, clock: FixedClock) -> None:
    people = services.profiles.setup(["Robin"])
    clock.advance(weeks=-6)
    for base in (3, 4, 4, 5, 5, 6):
        checkin = services.checkins.start([people[0].id])
        fill_turn(services, checkin.id, people[0].id, base)
        services.checkins.complete(checkin)
        clock.advance(weeks=1)
    app = build_app(services)
    async with app.run_test(size=(100, 60)) as pilot:
        screen = await _open(pilot)
        await _drawn(pilot)
        text = screen_text(app)
        assert messages.TRENDS_SOLO in text
        assert "gap" not in _text(app, "#latest")
        panels = [c for c in screen.query(".panel").results(Chart) if c.display]
        titles = [str(c.render()).splitlines()[0] for c in panels]
        assert titles and messages.CHART_GAP not in titles
        assert "Robin: solid line" in _text(app, "#main-title")


@run_async
async def test_empty_history_shows_a_sentence_not_a_chart(
    services: Services, couple: list[Profile]
) -> None:
    app = build_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        assert not screen.query_one("#charts").display
        assert messages.TRENDS_NO_CHECKINS in screen_text(app)
        assert "nan" not in screen_text(app).lower()


@run_async
async def test_no_color_stays_readable(demo: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(demo)
    assert app.no_color
    async with app.run_test(size=(100, 40)) as pilot:
        await _open(pilot)
        title = _text(app, "#main-title")
        assert "Alex: solid line ━" in title and "Sam: dotted line •••" in title
        chart = _text(app, "#main")
        assert "•" in chart and any(c in chart for c in "▖▗▘▙▚▛▜▝▞▟▀▄▌▐█")
        # Through the app's own NO_COLOR filter, every colour of the chart is a grey.
        main = app.screen.query_one("#main", Chart)
        strips = main.render_lines(main.region.reset_offset)
        colours = set()
        for strip in strips:
            for apply in app._filters:
                strip = strip.apply_filter(apply, Color(0, 0, 0))
            for segment in strip:
                style = segment.style
                if style is not None and style.color is not None and style.color.triplet:
                    colours.add(tuple(style.color.triplet))
        assert colours and all(r == g == b for r, g, b in colours)


# --- snapshots ------------------------------------------------------------------------------------


def _at_trends(pilot: Pilot[None]) -> Any:
    async def run() -> None:
        await _open(pilot)
        await _drawn(pilot)
        assert "26 weeks, 26 check-ins" in _text(pilot.app, "#range-line")

    return run()


def test_snapshot_80x24(snap_compare: SnapCompare, demo: Services) -> None:
    assert snap_compare(build_app(demo), terminal_size=(80, 24), run_before=_at_trends)


def test_snapshot_160x48(snap_compare: SnapCompare, demo: Services) -> None:
    assert snap_compare(build_app(demo), terminal_size=(160, 48), run_before=_at_trends)
