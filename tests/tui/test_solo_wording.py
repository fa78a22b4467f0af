"""Solo use never shows couple wording: no "Side by side", no "You see this week in much the
same way", no listening to a partner (issue 12, section 8)."""

from __future__ import annotations

import checkin_helpers
from trustcheck import messages
from trustcheck.content import conversation
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile, Step
from trustcheck.services import Services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.help import HelpScreen
from trustcheck.tui.screens.open import OpenScreen
from trustcheck.tui.screens.reveal import RevealScreen
from trustcheck.tui.screens.settings import SettingsScreen

from .conftest import fill_turn, run_async, screen_text, seed_previous_week

#: Words that speak to two people, and must not reach one person on their own.
COUPLE_WORDS = (
    messages.REVEAL_TITLE,  # "Side by side"
    conversation().no_gap,  # "You see this week in much the same way…"
    messages.REVEAL_TALK_TITLE,
    "Listen to understand",
    "each of you",
    "Each of you",
    "both",
    "between you",
)


def no_couple_words(text: str) -> None:
    flat = " ".join(text.split())
    for words in COUPLE_WORDS:
        assert " ".join(words.split()) not in flat, words


@run_async
async def test_a_solo_check_in_speaks_to_one_person_from_start_to_reveal(
    services: Services, solo: list[Profile], clock: FixedClock
) -> None:
    seed_previous_week(services, clock, solo)
    app = build_app(services)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, OpenScreen)
        text = screen_text(app)
        assert conversation().ground_rules_solo[1] in text
        no_couple_words(text)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "on your own" in screen_text(app)
        no_couple_words(screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        draft = services.checkins.start([solo[0].id])
        fill_turn(services, draft.id, solo[0].id, base=4)  # the same as last week: no change
        checkin_helpers.go_to(services.checkins, draft, Step.REVEAL)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen)
        text = screen_text(app)
        assert messages.REVEAL_TITLE_SOLO in text and messages.REVEAL_TALK_TITLE_SOLO in text
        assert " ".join(conversation().solo_prompt.split()) in " ".join(text.split())
        no_couple_words(text)


@run_async
async def test_a_couple_still_sees_side_by_side(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    seed_previous_week(services, clock, couple)
    draft = services.checkins.start([p.id for p in couple])
    for person in couple:
        fill_turn(services, draft.id, person.id, base=4)
    checkin_helpers.go_to(services.checkins, draft, Step.REVEAL)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert messages.REVEAL_TITLE in text and messages.REVEAL_TALK_TITLE in text
        assert " ".join(conversation().no_gap.split()) in text  # the same answers: no gap


@run_async
async def test_solo_settings_call_a_private_module_private_without_each_of_you(
    services: Services, solo: list[Profile]
) -> None:
    app = build_app(services)
    async with app.run_test(size=(100, 40)) as pilot:
        app.push_screen(SettingsScreen(services))
        await pilot.pause()
        await app.workers.wait_for_complete()  # the catalogue, read as settings opens
        await pilot.pause()
        text = screen_text(app)
        assert messages.SETTINGS_PRIVATE_MODULE_SOLO in text
        assert messages.SETTINGS_PRIVATE_MODULE not in text
        no_couple_words(text)
