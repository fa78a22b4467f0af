"""Module cost (issue 15 §3): each module switched on says how many questions it adds, and the
opening screen says how long the check-in takes; past the usual 15–25 minutes it says so."""

from __future__ import annotations

from trustcheck import messages
from trustcheck.core.cost import PROMISED_MINUTES, checkin_minutes
from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.open import OpenScreen

from .conftest import run_async, screen_text


def opening(text: str) -> str:
    return " ".join(text.split())


def test_the_weekly_core_alone_fits_the_promised_15_to_25_minutes(
    services: Services, couple: list[Profile]
) -> None:
    cost = services.checkins.cost([p.id for p in couple])
    assert cost.modules == ()
    assert PROMISED_MINUTES[0] <= cost.minutes <= PROMISED_MINUTES[1]
    weekly = services.pack.items
    assert cost.minutes == checkin_minutes([weekly, weekly])


def test_each_module_counts_the_questions_it_adds_for_the_person_asked_most(
    services: Services, couple: list[Profile]
) -> None:
    alex, sam = couple
    services.packs.set_enabled("betrayal", True)
    services.packs.set_role("betrayal", alex.id, "hurt")
    services.packs.set_role("betrayal", sam.id, "hurting")
    (betrayal,) = services.checkins.cost([alex.id, sam.id]).modules
    asked = max(
        len([t for t in services.checkins.turn_items(p.id) if t.pack.id == "betrayal"])
        for p in couple
    )
    assert betrayal == ("After a betrayal", asked)


@run_async
async def test_with_two_modules_on_the_opening_screen_says_what_each_adds_and_how_long(
    services: Services, couple: list[Profile]
) -> None:
    services.packs.set_enabled("jealousy", True)
    services.packs.set_enabled("old_wounds", True)
    minutes = services.checkins.cost([p.id for p in couple]).minutes
    app = build_app(services)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, OpenScreen)
        text = opening(screen_text(app))
        assert "Jealousy: adds 8 question(s)" in text
        assert "Old wounds: adds 8 question(s)" in text
        assert minutes > PROMISED_MINUTES[1]  # two modules go past it: the screen says so
        assert opening(messages.CHECKIN_LONGER.format(minutes=minutes)) in text


@run_async
async def test_without_modules_the_opening_screen_says_it_fits(
    services: Services, couple: list[Profile]
) -> None:
    minutes = services.checkins.cost([p.id for p in couple]).minutes
    app = build_app(services)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("c")
        text = opening(screen_text(app))
        assert messages.CHECKIN_FITS.format(minutes=minutes) in text
        assert "Modules on" not in text


@run_async
async def test_settings_say_what_each_module_adds_before_it_is_switched_on(
    services: Services, couple: list[Profile]
) -> None:
    app = build_app(services)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await app.workers.wait_for_complete()  # the catalogue, read as settings opens
        await pilot.pause()
        text = opening(screen_text(app))
        for pack in services.packs.modules():
            n = services.packs.questions_added(pack)
            assert n > 0
            assert f"{pack.title} (adds up to {n} questions)" in text, pack.id
