"""The couple's check-in day and time in Settings (issue 17 §2): chosen there, home says the
week's check-in is on that day until it comes (and it can still be started early), and due from
then on. The fixed clock is Wednesday 25 November 2026, 19:30."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Input, Select, Static

from trustcheck import messages
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.settings import SettingsScreen

from .conftest import run_async, screen_text

SIZE = (110, 40)


def said(app: App[None]) -> str:
    """The settings screen's status line (below the fields: maybe scrolled out of view)."""
    return str(app.screen.query_one("#status", Static).render())


@run_async
async def test_choosing_a_day_and_time_in_settings_moves_due_to_then(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        assert messages.STATUS_DUE in screen_text(app)
        await pilot.press("s")
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#day", Select).value = "sun"
        await pilot.pause()
        assert said(app) == messages.SETTINGS_REMINDER_TIME  # asks for the time ...
        assert app.screen.focused is app.screen.query_one("#time", Input)  # ... where it goes
        assert services.packs.reminder() is None  # nothing half-chosen is stored
        await pilot.press(*"20:00", "enter")
        await pilot.pause()
        assert said(app) == messages.SETTINGS_SAVED
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        upcoming = messages.STATUS_UPCOMING.format(when="Sunday 29 Nov, 20:00")
        assert upcoming in " ".join(screen_text(app).split())
        assert app.screen.check_action("checkin", ()) is True  # it can start earlier
    chosen = services.packs.reminder()
    assert chosen is not None and chosen.label() == "Sunday 20:00"
    clock.advance(days=4, hours=1)  # Sunday 20:30: due
    app = build_app(services)
    async with app.run_test(size=SIZE):
        assert messages.STATUS_DUE in screen_text(app)


@run_async
async def test_a_time_that_is_not_one_stays_and_says_why(
    services: Services, couple: list[Profile]
) -> None:
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        app.screen.query_one("#day", Select).value = "mon"
        app.screen.query_one("#time", Input).value = "8pm"
        await pilot.pause()
        await pilot.press("escape")  # Done: the settings are saved as it closes
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert "not a time of day" in said(app)
    assert services.packs.reminder() is None
