"""Each turn stays private (issue 12, §3), each person reviews their answers before the hand-over
(§4), and stopping says what it does: pause keeps everything, discard asks twice (§5).

Every test walks the user's path with the Pilot and asserts on the rendered screen text.
"""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

import checkin_helpers
import rawdb
from trustcheck import messages
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Checkin, CheckinStatus, Profile, Review, Visibility
from trustcheck.services import Services
from trustcheck.services.checkin import WeekState
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.answer import AnswerScreen
from trustcheck.tui.screens.confirm import ConfirmDialog
from trustcheck.tui.screens.gate import TurnGateScreen
from trustcheck.tui.screens.handover import HandoverScreen
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.open import OpenScreen
from trustcheck.tui.screens.safety import SafetyScreen
from trustcheck.tui.screens.stop import StopDialog
from trustcheck.tui.screens.turnreview import TurnReviewScreen
from trustcheck.tui.screens.unlock import UnlockScreen

from .conftest import fill_turn, keys_for_turn, run_async, screen_text, seed_previous_week
from .test_private_answers import give_passphrase

SIZE = (120, 40)
SHARED = "pelicanharbour17"  # a shared written answer of Alex's
THERAPY = "lanternmoth58"  # one for therapy


def alex_midway(services: Services, couple: list[Profile], upto: int = 25) -> Checkin:
    """Alex's turn with the first ``upto`` items answered: ratings of 6, a written answer
    (the first prompt) shared and another (the second) for therapy."""
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([p.id for p in couple]))
    alex = couple[0]
    for item in checkins.pack.items[:upto]:
        if item.id == "open.appreciated":
            checkins.save_answer(draft.id, alex.id, item.id, text=f"{SHARED}\nsecond line")
        elif item.id == "open.went_well":
            checkins.save_answer(
                draft.id, alex.id, item.id, text=THERAPY, visibility=Visibility.THERAPY
            )
        elif item.kind.value == "text":
            checkins.save_answer(draft.id, alex.id, item.id, text="fine")
        else:
            checkins.save_answer(draft.id, alex.id, item.id, value=6)
    return draft


def flat(text: str) -> str:
    """Screen text with its line wrapping undone, to find a sentence a dialog wrapped."""
    return " ".join(text.replace("│", " ").split())


def row(text: str, n: int) -> str:
    """The review's row for item ``n`` (1-based): its line and the one below it."""
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if f"{n:>2}. " in line)
    return flat(" ".join(lines[at : at + 2]))


def nothing_of_alex(text: str) -> None:
    """The screen shows none of Alex's answers: no written words, no ratings, no progress."""
    assert SHARED not in text and THERAPY not in text
    assert "Saved" not in text and " of 29" not in text and "Skipped" not in text


# --- §3: a gate before every turn -------------------------------------------------------------


@run_async
async def test_a_fresh_turn_opens_behind_a_gate_that_names_the_person(
    services: Services, couple: list[Profile]
) -> None:
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "enter")  # check in; "Both of us"
        assert isinstance(app.screen, TurnGateScreen)
        text = screen_text(app)
        assert "Alex's turn." in text
        assert "Sam, please look away." in text
        assert "Alex, press Enter when you're ready." in text
        assert "1 of 29" not in text  # the first question is not behind it, half visible
        await pilot.press("enter")
        # Behind the gate, before the questions: the private safety check (issue 15).
        assert isinstance(app.screen, SafetyScreen)
        assert "1 of 29" not in screen_text(app)
        await pilot.press("s")
        assert isinstance(app.screen, AnswerScreen) and app.screen.index == 0
        assert "1 of 29" in screen_text(app)


@run_async
async def test_a_resumed_turn_from_home_is_gated_and_home_says_only_whose_turn(
    services: Services, couple: list[Profile]
) -> None:
    alex_midway(services, couple)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        home = screen_text(app)
        assert "it is Alex's turn" in home
        nothing_of_alex(home)
        await pilot.press("c")
        assert isinstance(app.screen, TurnGateScreen)
        gate = screen_text(app)
        assert "Alex's turn." in gate and "Sam, please look away." in gate
        nothing_of_alex(gate)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, AnswerScreen) and screen.index == 25
        # Behind the gate the answers are there (so the checks above can fail).
        await pilot.press("ctrl+b", "ctrl+b")
        assert screen.index == 23 and SHARED in screen_text(app)


@run_async
async def test_a_resumed_turn_via_the_checkin_entry_is_gated(
    services: Services, couple: list[Profile]
) -> None:
    sam = couple[1]
    draft = alex_midway(services, couple, upto=len(services.checkins.pack.items))
    checkins = services.checkins
    checkin_helpers.advance(checkins, draft, steps=2)  # past the hand-over: Sam's turn
    fill_turn(services, draft.id, sam.id, base=2, upto=5)
    app = build_app(services, start="checkin")  # as `trustcheck checkin` opens it
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, TurnGateScreen)
        gate = screen_text(app)
        assert "Sam's turn." in gate and "Alex, please look away." in gate
        assert "Sam, press Enter when you're ready." in gate
        nothing_of_alex(gate)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, AnswerScreen) and screen.person.id == sam.id
        assert screen.index == 5 and "6 of 29" in screen_text(app)


@run_async
async def test_the_second_turn_after_the_hand_over_shows_nothing_of_the_first(
    services: Services, couple: list[Profile]
) -> None:
    alex_midway(services, couple, upto=len(services.checkins.pack.items) - 1)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        # The gate; the last prompt left empty; the review done.
        await pilot.press("enter", "ctrl+n", "ctrl+n")
        assert isinstance(app.screen, HandoverScreen)
        handover = screen_text(app)
        assert "Please pass the keyboard to Sam." in handover
        assert "Sam's turn. Alex, please look away." in handover
        nothing_of_alex(handover)
        await pilot.press("enter")
        assert isinstance(app.screen, SafetyScreen)  # Sam's own private check, first
        nothing_of_alex(screen_text(app))
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, AnswerScreen) and screen.person.id == couple[1].id
        assert screen.index == 0
        first = screen_text(app)
        nothing_of_alex(first.replace("1 of 29", ""))
        # ← at Sam's first item stays there: it never goes back into Alex's turn.
        await pilot.press("left", "backspace")
        assert app.screen is screen and screen.index == 0
        assert "1 of 29" in screen_text(app) and "Saved: 6" not in screen_text(app)


@run_async
async def test_back_at_the_first_item_stays_in_the_turn(
    services: Services, couple: list[Profile]
) -> None:
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "s")  # start; the gate; the safety check skipped
        screen = app.screen
        assert isinstance(screen, AnswerScreen) and screen.index == 0
        await pilot.press("left")
        assert app.screen is screen and screen.index == 0
        await pilot.press("4", "left")  # but back inside the turn works
        assert screen.index == 0 and "Saved: 4" in screen_text(app)


@run_async
async def test_solo_gate_has_no_partner_in_it(services: Services, solo: list[Profile]) -> None:
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, TurnGateScreen)
        text = screen_text(app)
        assert "Your turn, Robin." in text and "Press Enter when you're ready." in text
        assert "look away" not in text


# --- §4: the review before the hand-over ------------------------------------------------------


@run_async
async def test_the_review_lists_every_answer_and_changes_a_rating_and_who_sees_it(
    services: Services, couple: list[Profile]
) -> None:
    alex = couple[0]
    checkins = services.checkins
    items = checkins.pack.items
    draft = alex_midway(services, couple, upto=len(items) - 1)
    checkins.save_answer(draft.id, alex.id, "comm.repair", skipped=True)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("enter", *"last words", "ctrl+n")  # the gate; the last prompt
        assert isinstance(app.screen, TurnReviewScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == len(items)  # every answer
        text = screen_text(app)
        assert "Alex, your answers" in text
        assert "1. When I talked about something that mattered" in row(text, 1)
        assert "— 6 of 7" in row(text, 1)
        assert "— skipped" in row(text, 5)
        lines = [next(x for x in text.splitlines() if f"{n:>2}. " in x) for n in (1, 5, 7, 23)]
        assert len({line.index(" — ") for line in lines}) == 1  # the ratings in one column
        assert "23. All in all, how much did I trust" in row(text, 23)
        assert "— 6 of 10" in row(text, 23)
        # Each written answer: its first line, and who will see it.
        assert f"“{SHARED}…” · Shared" in row(text, 24) and "second line" not in text
        assert f"“{THERAPY}” · For therapy" in row(text, 25)
        assert "“last words” · For therapy" in row(text, 29)  # the therapy topic's default

        # Change the first rating: choose it, answer again, and the review is back.
        options.highlighted = 0
        await pilot.press("enter")
        assert isinstance(app.screen, AnswerScreen) and app.screen.index == 0
        await pilot.press("2")
        assert isinstance(app.screen, TurnReviewScreen)
        assert "— 2 of 7" in row(screen_text(app), 1)

        # Change who sees a written answer: Shared → For therapy.
        app.screen.query_one(OptionList).highlighted = 23
        await pilot.press("enter")
        assert isinstance(app.screen, AnswerScreen) and app.screen.item.id == "open.appreciated"
        await pilot.press("ctrl+t", "ctrl+n")
        assert isinstance(app.screen, TurnReviewScreen)
        assert f"“{SHARED}…” · For therapy" in row(screen_text(app), 24)

        # ← from the review goes to the turn's last question, not out of the turn.
        await pilot.press("left")
        assert isinstance(app.screen, AnswerScreen) and app.screen.index == len(items) - 1
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, TurnReviewScreen)

        await pilot.press("ctrl+n")  # done: the hand-over (the safety check came first)
        assert isinstance(app.screen, HandoverScreen)
    mine = checkin_helpers.answers_of(checkins, draft.id, alex.id)
    assert mine[items[0].id].value == 2
    assert mine["open.appreciated"].visibility is Visibility.THERAPY
    assert mine["open.appreciated"].text == f"{SHARED}\nsecond line"  # the text itself kept


def alex_sealed_and_locked(services: Services, couple: list[Profile]) -> Checkin:
    """Alex has answered every item, "open.hurt" privately (sealed), and is locked again."""
    alex = couple[0]
    checkins = services.checkins
    draft = alex_midway(services, couple, upto=len(checkins.pack.items))
    services.keys.set_passphrase(alex.id, "alex keeps the blue lantern")
    checkins.save_answer(
        draft.id, alex.id, "open.hurt", text="burrowingowl31", visibility=Visibility.PRIVATE
    )
    services.keys.lock(alex.id)
    return draft


@run_async
async def test_the_review_shows_a_sealed_answer_as_sealed_while_locked(
    services: Services, couple: list[Profile]
) -> None:
    alex = couple[0]
    checkins = services.checkins
    draft = alex_sealed_and_locked(services, couple)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("enter")  # the gate: every item answered, so the review
        assert isinstance(app.screen, TurnReviewScreen)
        text = screen_text(app)
        assert "sealed with your passphrase" in text and "·  Private" in text
        assert "burrowingowl31" not in text
    # Its unlocked author sees the first line.
    services.keys.unlock(alex.id, "alex keeps the blue lantern")
    [row] = [r for r in checkins.turn_review(draft, alex) if r.item.id == "open.hurt"]
    assert row.shown == "burrowingowl31" and not row.sealed


# --- §5: pause and discard --------------------------------------------------------------------


@run_async
async def test_pause_then_resume_lands_at_the_same_step_behind_the_gate(
    services: Services, couple: list[Profile]
) -> None:
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "enter", "enter", "s", "4", "5", "6")
        assert isinstance(app.screen, AnswerScreen) and app.screen.index == 3
        await pilot.press("escape")
        assert isinstance(app.screen, StopDialog)
        text = screen_text(app)
        assert "Pause (keep everything)" in text and "Discard this check-in" in text
        await pilot.press("escape")  # keep going
        assert isinstance(app.screen, AnswerScreen) and app.screen.index == 3
        await pilot.press("escape", "p")
        assert isinstance(app.screen, HomeScreen)
        assert "it is Alex's turn" in screen_text(app)
        draft = services.checkins.draft()
        assert draft is not None and draft.status is CheckinStatus.IN_PROGRESS

        await pilot.press("c")
        assert isinstance(app.screen, TurnGateScreen)
        assert "Alex's turn." in screen_text(app) and "Saved" not in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, AnswerScreen) and app.screen.index == 3
    given = checkin_helpers.answers_of(services.checkins, draft.id, couple[0].id)
    assert [a.value for a in given.values()] == [4, 5, 6]


@run_async
async def test_discard_asks_twice_and_names_what_is_lost(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    alex, sam = couple
    previous = seed_previous_week(services, clock, couple)
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([alex.id, sam.id]))
    fill_turn(services, draft.id, alex.id, base=5, upto=12)
    fill_turn(services, draft.id, sam.id, base=3, upto=3)
    [earlier] = checkins.to_review(draft)
    checkins.review(draft, earlier.id, Review.KEPT)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "d")  # from the gate: stop, discard
        assert isinstance(app.screen, ConfirmDialog)
        question = "Discard Alex's 12 answers and Sam's 3? This cannot be undone."
        assert question in flat(screen_text(app))
        await pilot.press("enter")  # the focused button keeps them
        assert isinstance(app.screen, TurnGateScreen)
        assert checkins.draft() is not None

        await pilot.press("escape", "d", "y")
        assert isinstance(app.screen, HomeScreen)
        assert "This week's check-in is due." in screen_text(app)
    assert checkins.draft() is None
    assert rawdb.answers(services).for_checkin(draft.id) == []
    assert checkins.status().state is WeekState.DUE
    # The review made in the discarded check-in is undone: it comes up again next time.
    [again] = [c for c in rawdb.commitments(services).set_in(previous)]
    assert again.review is None and again.reviewed_in is None


@run_async
async def test_an_earlier_weeks_paused_checkin_is_named_on_home(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    clock.advance(weeks=-2)
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([p.id for p in couple]))
    fill_turn(services, draft.id, couple[0].id, base=4, upto=7)
    clock.advance(weeks=2)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        text = screen_text(app)
        paused = "A check-in from the week of 9 Nov 2026 is paused: resume it (c), or discard it"
        assert paused in flat(text)
        assert "Resume" in text and "Discard it" in text  # the two buttons
        await pilot.press("c")
        assert isinstance(app.screen, TurnGateScreen)  # resuming it: behind its gate
        await pilot.press("escape", "p")
        assert isinstance(app.screen, HomeScreen)

        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Discard Alex's 7 answers? This cannot be undone." in flat(screen_text(app))
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "This week's check-in is due." in screen_text(app)
        await pilot.press("c")
        assert isinstance(app.screen, OpenScreen)
    with pytest.raises(KeyError):
        checkins.get(draft.id)  # gone, with its answers


@run_async
async def test_a_full_turn_walks_gate_safety_items_review_hand_over(
    services: Services, couple: list[Profile]
) -> None:
    """The order of a turn (issue 15): gate → the private safety check, before the other
    questions → items → review → hand-over."""
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, TurnGateScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, SafetyScreen)
        keys = keys_for_turn(services, scale="3")
        assert keys[0] == "s"
        await pilot.press(keys[0])
        assert isinstance(app.screen, AnswerScreen) and app.screen.index == 0
        await pilot.press(*keys[1:-1])
        assert isinstance(app.screen, TurnReviewScreen)
        await pilot.press(keys[-1])
        assert isinstance(app.screen, HandoverScreen)


@run_async
async def test_a_window_that_fell_behind_follows_into_the_next_turn_behind_its_gate(
    services: Services, couple: list[Profile]
) -> None:
    """Another window finished Alex's turn and Sam has begun: this window, finishing Alex's turn
    late, follows the check-in to Sam's turn, behind Sam's gate, with nothing of Sam's showing."""
    sam = couple[1]
    checkins = services.checkins
    draft = alex_midway(services, couple, upto=len(checkins.pack.items) - 1)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the gate: at Alex's last prompt
        assert isinstance(app.screen, AnswerScreen)
        # Meanwhile, in the other window: Alex's turn ends and Sam answers a few.
        at_handover = checkins.advance_from(checkins.get(draft.id))
        checkins.advance_from(at_handover)
        checkins.save_answer(draft.id, sam.id, "comm.heard", value=1)
        checkins.save_answer(draft.id, sam.id, "open.hurt", text=SHARED)
        await pilot.press("ctrl+n", "ctrl+n")  # here: last prompt, review
        await pilot.pause()
        assert isinstance(app.screen, TurnGateScreen)
        gate = screen_text(app)
        assert "Sam's turn." in gate and "Alex, please look away." in gate
        assert SHARED not in gate and "Saved" not in gate
    assert checkins.get(draft.id).step.value == "answer_b"


@run_async
async def test_from_the_review_a_sealed_answer_can_be_shared_after_unlocking(
    services: Services, couple: list[Profile]
) -> None:
    alex = couple[0]
    checkins = services.checkins
    items = checkins.pack.items
    draft = alex_sealed_and_locked(services, couple)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("enter")  # the gate: every item answered, so the review
        assert isinstance(app.screen, TurnReviewScreen)
        index = next(n for n, i in enumerate(items) if i.id == "open.hurt")
        app.screen.query_one(OptionList).highlighted = index
        await pilot.press("enter")
        assert isinstance(app.screen, UnlockScreen)
        assert "Alex, unlock to change your private answer" in screen_text(app)
        await give_passphrase(app, pilot, "alex keeps the blue lantern")
        assert isinstance(app.screen, AnswerScreen) and app.screen.item.id == "open.hurt"
        assert "burrowingowl31" in screen_text(app)
        await pilot.press("ctrl+t", "ctrl+n")  # Private → Shared
        assert isinstance(app.screen, TurnReviewScreen)
        assert "“burrowingowl31” · Shared" in row(screen_text(app), index + 1)
    answer = checkin_helpers.answers_of(checkins, draft.id, alex.id)["open.hurt"]
    assert answer.visibility is Visibility.SHARED and answer.text == "burrowingowl31"


@pytest.mark.parametrize(("scale", "noted"), [("4", True), ("6", True), (None, False)])
@run_async
async def test_the_same_answer_everywhere_is_noted_gently_in_ones_own_review_only(
    services: Services, couple: list[Profile], scale: str | None, noted: bool
) -> None:
    """Issue 14: a turn where every statement got the same number is flagged gently, for the
    person only, in the review behind their own gate (never at the hand-over or the reveal)."""
    keys = keys_for_turn(services, scale=scale or "5")[:-1]  # up to the review
    if scale is None:  # a real mix: the second statement differs
        first = keys.index("5")
        keys[first + 1] = "3"
    app = build_app(services, start="checkin")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("enter", "enter")  # the opening step, then Alex's gate
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, TurnReviewScreen)
        assert (messages.TURN_REVIEW_SAME in " ".join(screen_text(app).split())) is noted
        await pilot.press("ctrl+n")  # done
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        assert messages.TURN_REVIEW_SAME not in " ".join(screen_text(app).split())


def test_same_answer_everywhere_needs_eight_alike() -> None:
    from trustcheck.core.scoring import same_answer_everywhere

    assert same_answer_everywhere([4] * 8)
    assert same_answer_everywhere([4] * 8 + [None, None])
    assert not same_answer_everywhere([4] * 7 + [None])
    assert not same_answer_everywhere([4] * 12 + [5])


@run_async
async def test_n_answers_a_conditional_statement_didnt_come_up_this_week(
    services: Services, couple: list[Profile]
) -> None:
    """Issue 14: "When I raised something hard, …" can be answered "didn't come up"; the key is
    offered only on such statements, and the review says so."""
    app = build_app(services, start="checkin")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("enter", "enter", "s")  # the opening step, Alex's gate, safety check
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnswerScreen) and screen.item.id == "comm.heard"
        assert messages.NOT_THIS_WEEK_KEY not in screen_text(app)  # not on this one
        await pilot.press("n")  # does nothing here
        await pilot.pause()
        assert screen.item.id == "comm.heard"
        await pilot.press("5")
        await pilot.pause()
        assert screen.item.conditional and messages.NOT_THIS_WEEK_KEY in screen_text(app)
        conditional = screen.item.id
        await pilot.press("n")
        await pilot.pause()
        assert screen.item.id != conditional  # answered, moved on
        stored = screen.given[(services.pack.id, conditional)]
        assert stored.not_this_week and not stored.skipped and stored.value is None
        await pilot.press("left")  # back to it: it says what was saved
        await pilot.pause()
        assert messages.NOT_THIS_WEEK_SAVED in screen_text(app)
    draft = services.checkins.draft()
    assert draft is not None
    rows = services.checkins.turn_review(draft, couple[0])
    [row] = [r for r in rows if r.item.id == conditional]
    assert row.shown == messages.REVIEW_NOT_THIS_WEEK
