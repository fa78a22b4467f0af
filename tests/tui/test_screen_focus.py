"""Where a screen's keys go first, chosen so opening and closing it stays quick (issue 13, "Fast
by design"): the settings form opens on its first setting, not on the scroll area around it."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Checkbox

from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.settings import SettingsScreen

from .conftest import run_async


@run_async
async def test_settings_open_on_the_first_setting_and_keys_still_scroll_the_form(
    services: Services, couple: list[Profile]
) -> None:
    """The first module's box has the focus (space switches it, as the screen says); the page
    keys still scroll the form, and escape still closes it."""
    app = build_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        first = screen.query(Checkbox).first()
        assert screen.focused is first
        module = services.packs.modules()[0]
        await pilot.press("space")
        await pilot.pause()
        assert first.value and module.id in services.packs.enabled_ids()
        form = screen.query_one(VerticalScroll)
        assert form.scroll_y == 0 and form.max_scroll_y > 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert form.scroll_y > 0
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
