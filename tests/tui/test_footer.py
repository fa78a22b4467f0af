"""The key footer: built again only when the keys it shows change, and nothing of it left behind."""

from __future__ import annotations

import gc

from textual.widgets import Footer

from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.home import HomeScreen

from .conftest import run_async, screen_text

SIZE = (120, 40)


def live_keys() -> int:
    """Footer keys still in memory (on a screen or not), after a full collection."""
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o).__name__ == "FooterKey")


@run_async
async def test_visiting_screens_keeps_homes_footer_and_leaves_no_keys_behind(
    services: Services, couple: list[Profile]
) -> None:
    """Going to another screen and back does not build home's keys again (nothing changed), and
    the keys a screen's footer replaced are let go of, so each visit leaves nothing behind."""
    before = live_keys()  # other tests' (the process's), if any
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        home = app.screen
        keys = list(home.query_one(Footer).query("FooterKey"))
        assert keys and "Settings" in screen_text(app)
        for key in ("s", "question_mark", "g", "s", "question_mark", "g"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is not home
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is home
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert list(home.query_one(Footer).query("FooterKey")) == keys  # the same keys, kept
        assert "Settings" in screen_text(app)
        # Every key in memory is one on screen: no visit left its keys (or their lines) behind.
        assert live_keys() - before == len(keys)


@run_async
async def test_footer_shows_a_key_that_comes_and_goes(
    services: Services, couple: list[Profile]
) -> None:
    """The footer still follows its screen's keys: the hide key shows on home only while a
    journal is unlocked."""
    alex = couple[0]
    services.keys.set_passphrase(alex.id, "opensesame")
    services.keys.lock(alex.id)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "^l" not in screen_text(app)
        services.keys.unlock(alex.id, "opensesame")
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert "^l Hide" in screen_text(app)
        services.keys.lock(alex.id)
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert "^l" not in screen_text(app)
