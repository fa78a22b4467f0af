"""Pilot tests: the whole weekly check-in driven by key presses, and what it stored."""

from __future__ import annotations

from pathlib import Path

import checkin_helpers
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import CheckinStatus, Profile, Review, Visibility
from trustcheck.services import Services, open_services
from trustcheck.services.checkin import WeekState
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.answer import AnswerScreen
from trustcheck.tui.screens.close import CloseScreen
from trustcheck.tui.screens.commitments import CommitmentsScreen
from trustcheck.tui.screens.gate import TurnGateScreen
from trustcheck.tui.screens.handover import HandoverScreen
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.open import OpenScreen
from trustcheck.tui.screens.reveal import RevealScreen
from trustcheck.tui.screens.safety import SafetyScreen
from trustcheck.tui.screens.setup import SetupScreen

from .conftest import fill_turn, keys_for_turn, run_async, screen_text, seed_previous_week

SIZE = (120, 40)
SENTINEL = "zebracrossing42"


@run_async
async def test_setup_two_names_makes_a_couple(services: Services) -> None:
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SetupScreen)
        await pilot.press(*"Alex", "enter", *"Sam", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Alex and Sam" in screen_text(app)
    assert [p.name for p in services.profiles.people()] == ["Alex", "Sam"]


@run_async
async def test_setup_one_name_is_solo(services: Services) -> None:
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Robin", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Robin, on your own" in screen_text(app)
    assert services.profiles.solo()


@run_async
async def test_setup_error_is_shown_inline(services: Services) -> None:
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert "please write your name first" in screen_text(app)
    assert not services.profiles.is_set_up()


@run_async
async def test_full_couple_checkin(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    alex, sam = couple
    previous = seed_previous_week(services, clock, couple)
    checkins = services.checkins
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert "Text when I'm running late" in screen_text(app)
        await pilot.press("c")
        assert isinstance(app.screen, OpenScreen)
        await pilot.press("enter")  # "Both of us" is highlighted
        assert isinstance(app.screen, TurnGateScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, SafetyScreen)  # first, the private safety check
        await pilot.press("s")
        assert isinstance(app.screen, AnswerScreen)
        assert "Alex is answering — Sam, please look away" in screen_text(app)

        await pilot.press(
            *keys_for_turn(
                services,
                scale="6",
                skip=("comm.heard",),
                texts={"open.hurt": "I felt left out on Sunday"},
                therapy=("open.hurt",),
            )[1:]  # the safety check was skipped above
        )
        assert isinstance(app.screen, HandoverScreen)
        await pilot.press("enter", "s")  # Sam's gate (the hand-over); Sam's safety check
        assert isinstance(app.screen, AnswerScreen)
        assert "Sam is answering — Alex, please look away" in screen_text(app)
        await pilot.press(
            *keys_for_turn(services, scale="3", rating="4", skip=("open.therapy",))[1:]
        )

        assert isinstance(app.screen, RevealScreen)
        text = screen_text(app)
        assert "Alex" in text and "Sam" in text and "Gap" in text
        assert "◆" in text  # the largest gap is marked, not only coloured
        await pilot.press("enter")

        assert isinstance(app.screen, CommitmentsScreen)
        assert "Sam, how did Alex's commitment go?" in screen_text(app)
        await pilot.press("down", "enter")  # Sam's view has focus: "Partly"
        editors = app.screen.query("CommitmentEditor Input")
        editors.first().focus()
        await pilot.press(*"Cook on Friday", "enter")
        editors.last().focus()
        await pilot.press(*"Plan a walk", "enter")
        await pilot.press("ctrl+n")

        assert isinstance(app.screen, CloseScreen)
        assert "week of 30 Nov 2026" in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)

    status = checkins.status()
    assert status.state is WeekState.DONE
    done = status.last
    assert done is not None and done.status is CheckinStatus.COMPLETED
    a = checkin_helpers.answers_of(checkins, done.id, alex.id)
    b = checkin_helpers.answers_of(checkins, done.id, sam.id)
    assert len(a) == len(b) == len(checkins.pack.items)
    assert a["comm.heard"].skipped and a["comm.heard"].value is None
    assert a["comm.fight"].value == 6 and b["comm.fight"].value == 3
    assert a["overall.trust"].value == 10 and b["overall.trust"].value == 4
    assert a["open.hurt"].text == "I felt left out on Sunday"
    assert a["open.hurt"].visibility is Visibility.THERAPY
    assert a["open.need"].visibility is Visibility.SHARED
    assert b["open.therapy"].skipped
    [reviewed] = checkins.to_review(done)
    assert reviewed.checkin_id == previous and reviewed.review is Review.PARTLY
    new = {(c.owner_id, c.text) for c in checkins.new_commitments(done)}
    assert new == {(alex.id, "Cook on Friday"), (sam.id, "Plan a walk")}


@run_async
async def test_handover_shows_nothing_of_the_first_answers(
    services: Services, couple: list[Profile]
) -> None:
    alex = couple[0]
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([p.id for p in couple]))
    items = checkins.pack.items
    fill_turn(services, draft.id, alex.id, base=5, upto=len(items) - 2)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # through the turn's gate
        screen = app.screen
        assert isinstance(screen, AnswerScreen) and screen.item.id == items[-2].id
        await pilot.press(*SENTINEL, "ctrl+t")
        assert SENTINEL in screen_text(app)  # so the check below can fail
        # The last prompt left empty, the review done.
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        assert isinstance(app.screen, HandoverScreen)
        text = screen_text(app)
        assert SENTINEL not in text
        assert "pass the keyboard to Sam" in text
        assert "therapy" not in text.lower() and "Saved" not in text
    assert checkin_helpers.answers_of(checkins, draft.id, alex.id)[items[-2].id].text == SENTINEL


@run_async
async def test_solo_checkin(services: Services, solo: list[Profile]) -> None:
    (robin,) = solo
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, OpenScreen)
        assert "Checking in: Robin" in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, TurnGateScreen)
        assert "Your turn, Robin." in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press("s")
        assert isinstance(app.screen, AnswerScreen)
        assert "Robin, take your time." in screen_text(app)
        await pilot.press(*keys_for_turn(services, scale="2", rating="7")[1:])
        assert isinstance(app.screen, RevealScreen)
        text = screen_text(app)
        assert "Gap" not in text and "first check-in" in text
        await pilot.press("enter")
        assert isinstance(app.screen, CommitmentsScreen)
        assert "Your commitments" in screen_text(app)
        await pilot.press(*"Go to bed by eleven", "enter", "ctrl+n")
        assert isinstance(app.screen, CloseScreen)
        text = screen_text(app)
        assert "Thank you for taking this time for yourself." in text
        assert "week of 30 Nov 2026" in text
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
    last = services.checkins.status().last
    assert last is not None
    assert (
        checkin_helpers.answers_of(services.checkins, last.id, robin.id)["overall.trust"].value == 7
    )
    assert [c.text for c in services.checkins.new_commitments(last)] == ["Go to bed by eleven"]


@run_async
async def test_resume_lands_at_the_first_unanswered_item_of_b(
    services: Services, couple: list[Profile], tmp_path: Path, clock: FixedClock
) -> None:
    alex, sam = couple
    checkins = services.checkins
    items = checkins.pack.items
    draft = checkin_helpers.advance(checkins, checkins.start([p.id for p in couple]))
    fill_turn(services, draft.id, alex.id, base=6, upto=len(items) - 1)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        # Through the gate; A's last (optional) prompt left empty; review done.
        await pilot.press("enter", "ctrl+n", "ctrl+n")
        assert isinstance(app.screen, HandoverScreen)
        # Sam's safety check skipped; three of Sam's answers, then leave.
        await pilot.press("enter", "s", "2", "3", "s")
        assert isinstance(app.screen, AnswerScreen) and app.screen.index == 3
    services.close()

    again = open_services(tmp_path, clock=clock)
    try:
        app = build_app(again, start="checkin")
        async with app.run_test(size=SIZE) as pilot:
            assert isinstance(app.screen, TurnGateScreen)
            await pilot.press("enter")
            screen = app.screen
            assert isinstance(screen, AnswerScreen)
            assert screen.person.id == sam.id
            assert screen.index == 3
            text = screen_text(app)
            assert f"4 of {len(items)}" in text
            assert "Sam is answering — Alex, please look away" in text
            kept = checkin_helpers.answers_of(again.checkins, draft.id, alex.id)
            assert len(kept) == len(items) and kept[items[-1].id].skipped
            mine = checkin_helpers.answers_of(again.checkins, draft.id, sam.id)
            assert [mine[i.id].value for i in items[:2]] == [2, 3]
            # Going back shows what was stored: the third one was skipped.
            await pilot.press("left")
            assert screen.index == 2 and "Skipped" in screen_text(app)
    finally:
        again.close()


@run_async
async def test_quitting_keeps_the_draft(services: Services, couple: list[Profile]) -> None:
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "s", "4", "ctrl+q")
    draft = services.checkins.draft()
    assert draft is not None and draft.status is CheckinStatus.IN_PROGRESS


@run_async
async def test_click_chooses_an_option(services: Services, couple: list[Profile]) -> None:
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "s")  # start; the turn's gate; the safety check
        options = app.screen.query("ScaleOption")
        assert await pilot.click(options[6])  # "7"
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen) and app.screen.index == 1
    draft = services.checkins.draft()
    assert draft is not None
    assert (
        checkin_helpers.answers_of(services.checkins, draft.id, couple[0].id)["comm.heard"].value
        == 7
    )
