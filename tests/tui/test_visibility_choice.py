"""Who sees a written answer: the therapy topic defaults to *For therapy*, and the screen says in a
line what the chosen visibility does (issue 12, section 8)."""

from __future__ import annotations

from textual.widgets import Static

import checkin_helpers
from trustcheck import messages
from trustcheck.core.models import Checkin, Profile, Visibility
from trustcheck.services import Services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.answer import AnswerScreen
from trustcheck.tui.widgets.text_answer import TextAnswer

from .conftest import fill_turn, run_async

THERAPY_ITEM = "open.therapy"


def _note(screen: AnswerScreen) -> str:
    return str(screen.query_one("#visibility-note", Static).render())


def at_the_therapy_topic(services: Services, couple: list[Profile]) -> Checkin:
    """Alex's turn, every item before the therapy topic answered."""
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([p.id for p in couple]))
    last = [i.id for i in checkins.pack.items].index(THERAPY_ITEM)
    fill_turn(services, draft.id, couple[0].id, base=5, upto=last)
    return draft


@run_async
async def test_the_therapy_topic_defaults_to_for_therapy_and_says_what_that_means(
    services: Services, couple: list[Profile]
) -> None:
    alex = couple[0]
    checkins = services.checkins
    draft = at_the_therapy_topic(services, couple)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # through the turn's gate
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnswerScreen) and screen.item.id == THERAPY_ITEM
        answer = screen.query_one(TextAnswer)
        assert answer.visibility is Visibility.THERAPY
        assert _note(screen) == messages.VISIBILITY_EXPLAIN["therapy"]
        assert "listed in the therapy summary" in _note(screen)
        # The line follows the choice: each of the three is explained.
        await pilot.click("#vis-shared")
        await pilot.pause()
        assert answer.visibility is Visibility.SHARED
        assert _note(screen) == messages.VISIBILITY_EXPLAIN["shared"]
        await pilot.press("ctrl+t", "ctrl+t")  # → for therapy → private (asks for a passphrase)
        await pilot.pause()
        assert answer.visibility is Visibility.PRIVATE
        assert _note(screen) == messages.VISIBILITY_EXPLAIN["private"]
        await pilot.press("escape")  # no passphrase: back to what it was
        await pilot.pause()
        assert app.screen is screen and answer.visibility is Visibility.THERAPY
        assert _note(screen) == messages.VISIBILITY_EXPLAIN["therapy"]
        answer.focus_text()
        await pilot.press(*"Money worries")
        await pilot.press("ctrl+n")
        await pilot.pause()
    stored = checkins.turn_answers(draft.id, alex.id)[("weekly", THERAPY_ITEM)]
    assert stored.text == "Money worries" and stored.visibility is Visibility.THERAPY


@run_async
async def test_other_prompts_default_to_shared_and_solo_wording_names_no_partner(
    services: Services, solo: list[Profile]
) -> None:
    robin = solo[0]
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([robin.id]))
    first_text = next(n for n, i in enumerate(checkins.pack.items) if i.area == "open")
    fill_turn(services, draft.id, robin.id, base=5, upto=first_text)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # through the turn's gate
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnswerScreen) and screen.item.area == "open"
        assert screen.query_one(TextAnswer).visibility is Visibility.SHARED
        note = _note(screen)
        assert note == messages.VISIBILITY_EXPLAIN_SOLO["shared"]
        assert "partner" not in note


@run_async
async def test_a_written_answer_has_one_hint_line_not_two(
    services: Services, couple: list[Profile]
) -> None:
    at_the_therapy_topic(services, couple)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # through the turn's gate
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnswerScreen)
        hint = str(screen.query_one("#hint", Static).render())
        assert hint == screen.item.hint and "\n" not in hint
        # "Leave it empty to skip" sits in the empty text box instead.
        assert str(screen.query_one("#answer-text").placeholder) == messages.TEXT_HINT
