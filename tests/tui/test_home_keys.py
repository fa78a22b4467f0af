"""Every place home leads to opens from its key and closes back to home."""

from __future__ import annotations

import pytest

from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.about import AboutScreen
from trustcheck.tui.screens.export import ExportScreen
from trustcheck.tui.screens.guides import GuidesScreen
from trustcheck.tui.screens.help import HelpScreen
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.settings import SettingsScreen

from .conftest import run_async


@pytest.mark.parametrize(
    ("key", "screen"),
    [
        ("e", ExportScreen),
        ("g", GuidesScreen),
        ("s", SettingsScreen),
        ("a", AboutScreen),
        ("question_mark", HelpScreen),
    ],
)
@run_async
async def test_home_key_opens_its_screen(
    services: Services, couple: list[Profile], key: str, screen: type
) -> None:
    app = build_app(services)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, screen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize(("size", "narrow"), [((80, 24), True), ((120, 40), False)])
@run_async
async def test_the_export_dialog_stacks_its_choices_on_a_narrow_terminal(
    services: Services, couple: list[Profile], size: tuple[int, int], narrow: bool
) -> None:
    app = build_app(services)
    async with app.run_test(size=size) as pilot:
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        assert screen.has_class("narrow") is narrow
        # Stacked, each group of choices gets the dialog's whole width.
        groups = list(screen.query("#choices > Vertical"))
        assert len({g.region.x for g in groups}) == (1 if narrow else 3)
