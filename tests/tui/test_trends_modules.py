"""The Trends screen shows one more group of small multiples for switched-on modules' own areas,
and nothing of it when no module has a score."""

from __future__ import annotations

import datetime as dt
import time

from textual.containers import Grid
from textual.widgets import Static

import rawdb
from trustcheck import messages
from trustcheck.core.models import Answer, ItemKind
from trustcheck.services import Services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.trends import TrendsScreen
from trustcheck.tui.widgets.chart import Chart

from .conftest import run_async

MON = dt.date(2026, 11, 16)


def _history(services: Services) -> None:
    people = services.profiles.setup(["Alex", "Sam"])
    weekly, jealousy = services.pack, services.packs.get("jealousy")
    for k in range(4):
        week = MON - dt.timedelta(weeks=3 - k)
        when = dt.datetime.combine(week, dt.time(20), tzinfo=dt.UTC)
        answers = [
            Answer(p.id, pack.id, pack.version, i.id, value=4 if i.kind is ItemKind.SCALE else 6)
            for p in people
            for pack in (weekly, jealousy)
            for i in pack.items
            if i.kind in (ItemKind.SCALE, ItemKind.RATING)
        ]
        rawdb.checkins(services).insert_completed(
            week, [p.id for p in people], when, when, answers
        )


async def _modules_shown(services: Services) -> tuple[bool, list[Chart]]:
    app = build_app(services)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = TrendsScreen(services)
        app.push_screen(screen)
        end = time.monotonic() + 30
        while not screen.up_to_date:  # the charts are drawn in a worker
            assert time.monotonic() < end, "the charts were never shown"
            await app.workers.wait_for_complete()
            await pilot.pause(0.01)
        await pilot.pause()
        screen = app.screen
        title = screen.query_one("#module-title", Static)
        grid = screen.query_one("#module-panels", Grid)
        charts = [c for c in grid.query(Chart) if c.display]
        shown = bool(title.display and grid.display)
        if shown:
            assert messages.TRENDS_MODULES_TITLE in str(title.render())
        return shown, charts


@run_async
async def test_module_panels_show_when_a_module_is_on(services: Services) -> None:
    _history(services)
    services.packs.set_enabled("jealousy", True)
    shown, charts = await _modules_shown(services)
    assert shown and len(charts) == 1
    assert "Jealousy: Feeling settled" in str(charts[0].render())


@run_async
async def test_no_module_panels_without_modules(services: Services) -> None:
    _history(services)
    shown, charts = await _modules_shown(services)
    assert not shown and charts == []
