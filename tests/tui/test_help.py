"""Help opens at its top and lists every key of the screen it was opened from, read from that
screen's bindings so it cannot drift; on the answering screen that includes skip, back and next
(issue 12, section 8)."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen

import checkin_helpers
from trustcheck.core.models import ItemKind, Profile
from trustcheck.services import Services
from trustcheck.tui.app import TrustcheckApp, build_app
from trustcheck.tui.screens.answer import AnswerScreen
from trustcheck.tui.screens.help import HelpScreen
from trustcheck.tui.screens.home import HomeScreen

from .conftest import fill_turn, run_async


def shown_keys(app: TrustcheckApp, screen: Screen[Any]) -> set[str]:
    """Every key the screen (and its base classes) binds and shows in its footer."""
    keys = set()
    for cls in type(screen).__mro__:
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", ())):
            if binding.show and cls.__module__.startswith("trustcheck."):
                keys.add(app.get_key_display(binding))
    return keys


async def open_help(app: TrustcheckApp, pilot: Any, key: str = "f1") -> HelpScreen:
    await pilot.press(key)
    await pilot.pause()
    help_screen = app.screen
    assert isinstance(help_screen, HelpScreen)
    return help_screen


def listed(help_screen: HelpScreen) -> dict[str, str]:
    """key → what it does, one entry per key of a row ("? / f1" is two keys)."""
    return {k: what for keys, what in help_screen.keys for k in keys.split(" / ")}


@run_async
async def test_help_on_a_rated_question_lists_skip_back_next_and_opens_at_the_top(
    services: Services, couple: list[Profile]
) -> None:
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([p.id for p in couple]))
    fill_turn(services, draft.id, couple[0].id, base=5, upto=2)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # through the turn's gate
        await pilot.pause()
        answering = app.screen
        assert isinstance(answering, AnswerScreen) and answering.item.kind is ItemKind.SCALE
        expected = shown_keys(app, answering)
        help_screen = await open_help(app, pilot)
        keys = listed(help_screen)
        assert expected <= set(keys), expected - set(keys)
        assert "skip" in keys["s"] and "back" in keys["←"] and "on to the next" in keys["→"]
        assert "1–7" in keys  # the focused scale's own keys come first
        assert help_screen.keys[0][0] == "1–7"
        scroll = help_screen.query_one("#help-scroll", VerticalScroll)
        assert scroll.max_scroll_y > 0  # at 80x24 the help is longer than the screen…
        assert scroll.scroll_y == 0  # …and it opens at its top
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is answering


@run_async
async def test_help_on_a_written_answer_still_lists_skip_back_and_next(
    services: Services, couple: list[Profile]
) -> None:
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([p.id for p in couple]))
    first_text = next(n for n, i in enumerate(checkins.pack.items) if i.kind is ItemKind.TEXT)
    fill_turn(services, draft.id, couple[0].id, base=5, upto=first_text)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # through the turn's gate
        await pilot.pause()
        answering = app.screen
        assert isinstance(answering, AnswerScreen) and answering.item.kind is ItemKind.TEXT
        keys = listed(await open_help(app, pilot))
        assert shown_keys(app, answering) <= set(keys)
        # What works here first: save & next, back, who sees it…
        assert [k for k in keys][:3] == ["^n", "^b", "^t"]
        assert "left empty" in keys["^n"] and "back" in keys["^b"]
        # …and the rated questions' skip, back and next are there too, said as such.
        assert "skip a rated question" in keys["s"]
        assert "rated question" in keys["←"] and "rated question" in keys["→"]


@run_async
async def test_help_on_home_lists_home_keys_only_and_every_one_of_them(
    services: Services, couple: list[Profile]
) -> None:
    app = build_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        help_screen = await open_help(app, pilot, "question_mark")
        keys = listed(help_screen)
        assert shown_keys(app, home) <= set(keys)
        assert {"j", "t", "e", "g", "s", "q", "^l"} <= set(keys)
        assert "^n" not in keys and "^t" not in keys  # nothing from the check-in's screens
        assert help_screen.query_one("#help-scroll", VerticalScroll).scroll_y == 0
