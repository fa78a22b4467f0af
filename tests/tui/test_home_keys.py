"""Every place home leads to opens from its key and closes back to home."""

from __future__ import annotations

import pytest
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Button, Footer

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


class _PlainScreen(Screen[None]):
    """A screen with a focused button and a footer: what Textual does for any such screen."""

    AUTO_FOCUS = "Button"

    def compose(self) -> ComposeResult:
        yield Button("Go")
        yield Footer()


@run_async
async def test_home_asks_for_no_footer_refresh_of_its_own(
    services: Services, couple: list[Profile]
) -> None:
    """Every refresh of the footer rebuilds all of its keys: opening home asks for none beyond
    the ones Textual asks for any screen with a focused button and a footer (home's keys were
    right from compose, so its first frames rebuilt them once more for nothing)."""
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        counts: dict[str, int] = {}
        for name, screen in (("plain", _PlainScreen()), ("home", HomeScreen(services))):
            refreshes: list[object] = []
            screen.bindings_updated_signal.subscribe(app, refreshes.append, immediate=True)
            await app.push_screen(screen)
            await pilot.pause()
            await pilot.pause()
            counts[name] = len(refreshes)
            await app.pop_screen()
            await pilot.pause()
        assert counts["plain"] >= 1  # the count sees Textual's own refreshes
        assert counts["home"] <= counts["plain"], counts
