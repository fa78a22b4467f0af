"""User text is data: markup-looking names, answers and commitments are shown literally."""

from __future__ import annotations

import checkin_helpers
from trustcheck.core.models import Step
from trustcheck.services import Services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.answer import AnswerScreen
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.reveal import RevealScreen

from .conftest import fill_turn, run_async, screen_text

NAME = "[bold]Al[/]"
ANSWER = "[link=http://x]y[/link] and [red]not red[/red]"
COMMITMENT = "Say [i]thanks[/i] more"


@run_async
async def test_markup_in_names_and_answers_is_literal(services: Services) -> None:
    al, sam = services.profiles.setup([NAME, "Sam"])
    checkins = services.checkins
    draft = checkins.start([al.id, sam.id])
    fill_turn(services, draft.id, al.id, base=4)
    fill_turn(services, draft.id, sam.id, base=5)
    item = checkins.pack.items[-2]
    checkins.save_answer(draft.id, al.id, item.id, text=ANSWER)
    draft = checkin_helpers.go_to(checkins, draft, Step.REVEAL)

    app = build_app(services, start="checkin")
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, RevealScreen)
        app.screen.query_one("#reveal-scroll").scroll_end(animate=False)
        await pilot.pause()
        lines = [line.strip() for line in screen_text(app).splitlines()]
        # The author on a line of their own, the answer under them, both literal.
        assert ANSWER in lines and lines[lines.index(ANSWER) - 1] == NAME
        app.screen.query_one("#reveal-scroll").scroll_home(animate=False)
        await pilot.pause()
        assert NAME in screen_text(app)  # the column header
        await pilot.press("enter")
        await pilot.press(*COMMITMENT, "enter")
        assert f"•  {COMMITMENT}" in screen_text(app)
        await pilot.press("ctrl+n")
        assert f"{NAME}: {COMMITMENT}" in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert f"{NAME} and Sam" in text
        assert f"{NAME} → Sam: {COMMITMENT}" in text


@run_async
async def test_markup_in_the_answering_header_is_literal(services: Services) -> None:
    al, sam = services.profiles.setup(["Sam", NAME])
    checkins = services.checkins
    checkin_helpers.advance(checkins, checkins.start([al.id, sam.id]))
    app = build_app(services, start="checkin")
    async with app.run_test(size=(120, 40)) as pilot:
        assert f"{NAME}, please look away." in screen_text(app)  # the turn's gate
        await pilot.press("enter", "s")  # the gate; the private safety check skipped
        assert isinstance(app.screen, AnswerScreen)
        assert f"Sam is answering — {NAME}, please look away" in screen_text(app)
