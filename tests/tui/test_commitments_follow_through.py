"""Commitments that follow through (issue 17, section 3), as a couple uses the commitments step:
two voices side by side (never a score), keep one for another week, change its words, let one
go, and one nobody looked back on comes back next week."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, RadioButton, RadioSet, Static

import checkin_helpers
from trustcheck import messages
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import (
    Checkin,
    CheckinStatus,
    CommitmentState,
    Profile,
    Review,
    Step,
)
from trustcheck.services import Services, open_services
from trustcheck.services.commitments import REVIEW_SHOWN
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.close import CloseScreen
from trustcheck.tui.screens.commitments import CommitmentsScreen
from trustcheck.tui.widgets.commitments import CommitmentEditor, ReviewRow

from .conftest import fill_turn, run_async, screen_text, seed_previous_week

SIZE = (120, 40)


def flat(text: str) -> str:
    return " ".join(text.split())


def at_commitments(services: Services, people: list[Profile]) -> Checkin:
    checkins = services.checkins
    draft = checkins.start([p.id for p in people])
    for person in people:
        fill_turn(services, draft.id, person.id, base=5)
    return checkin_helpers.go_to(checkins, draft, Step.COMMITMENTS)


@run_async
async def test_two_voices_side_by_side_not_a_scorecard(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    """Promise: the person who made a commitment says how it went too, beside the partner's
    view, as two voices rather than a scorecard."""
    seed_previous_week(services, clock, couple)
    draft = at_commitments(services, couple)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CommitmentsScreen)
        text = flat(screen_text(app))
        assert "Sam, how did Alex's commitment go?" in text
        assert "Alex, how did it go for you?" in text
        partner = app.screen.query_one("#voice-partner")
        own = app.screen.query_one("#voice-own")
        assert partner.region.y == own.region.y and partner.region.x < own.region.x  # beside
        await pilot.click("#voice-partner #r-partly")
        await pilot.click("#voice-own #r-kept")
        await pilot.pause()
        text = screen_text(app)
        assert "%" not in text and "score" not in text.lower().replace("not a score", "")
    [outcome] = services.checkins.looking_back(draft)
    assert (outcome.partner_view, outcome.own_view) == (Review.PARTLY, Review.KEPT)


@run_async
async def test_solo_has_one_voice(
    services: Services, solo: list[Profile], clock: FixedClock
) -> None:
    seed_previous_week(services, clock, solo)
    draft = at_commitments(services, solo)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(app.screen.query("ReviewRow RadioSet")) == 1
        assert "How did your commitment go?" in screen_text(app)
        await pilot.click("#r-kept")
        await pilot.pause()
    [outcome] = services.checkins.looking_back(draft)
    assert outcome.one_voice and outcome.partner_view is Review.KEPT


@run_async
async def test_keep_for_another_week_carries_it_into_this_weeks_list(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    """Promise: a commitment can be kept for another week: it appears in this week's list,
    marked as kept from an earlier week, and Undo takes it back."""
    alex = couple[0]
    seed_previous_week(services, clock, couple)
    draft = at_commitments(services, couple)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        row = app.screen.query_one(ReviewRow)
        await pilot.click(f"#{row.id} .keep")
        await pilot.pause()
        text = flat(screen_text(app))
        assert messages.STATE_CARRIED in text
        editor = app.screen.query_one(f"#editor-{alex.id}", CommitmentEditor)
        assert [c.text for c in editor.commitments] == ["Text when I'm running late"]
        assert messages.NEW_CARRIED in text
        await pilot.click(f"#{row.id} .reopen")  # Undo
        await pilot.pause()
        assert editor.commitments == []
        assert messages.STATE_CARRIED not in flat(screen_text(app))
        await pilot.click(f"#{row.id} .keep")
        await pilot.pause()
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, CloseScreen)
        text = flat(screen_text(app))
        assert "Alex: Text when I'm running late — kept for another week" in text
    [made] = services.checkins.new_commitments(draft)
    assert made.carried_from == row.commitment_id and made.text == "Text when I'm running late"


@run_async
async def test_change_the_words_keeps_the_old_words_on_the_original(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    """Promise: a commitment can be edited; it carries on in the new words, and history keeps
    the words first agreed."""
    previous = seed_previous_week(services, clock, couple)
    draft = at_commitments(services, couple)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        row = app.screen.query_one(ReviewRow)
        await pilot.click(f"#{row.id} .reword")
        await pilot.pause()
        box = row.query_one(".reword-box Input", Input)
        assert box.has_focus and box.value == "Text when I'm running late"
        box.value = ""
        await pilot.press(*"Text if I'm more than 10 minutes late")
        assert box.value == "Text if I'm more than 10 minutes late"
        await pilot.press("enter")
        await pilot.pause()
        said = str(row.query_one(".state", Static).render())
        assert said == messages.STATE_REWORDED.format(text="Text if I'm more than 10 minutes late")
        assert "in new words" in screen_text(app)
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, CloseScreen)
    [outcome] = services.checkins.outcomes.made_in(previous)
    assert outcome.commitment.text == "Text when I'm running late"
    assert outcome.new_words == "Text if I'm more than 10 minutes late"
    assert [c.text for c in services.checkins.new_commitments(draft)] == [
        "Text if I'm more than 10 minutes late"
    ]


@run_async
async def test_let_it_go_is_said_kindly_and_not_offered_again(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    """Promise: a commitment can be let go of, kindly, without a failure mark."""
    previous = seed_previous_week(services, clock, couple)
    at_commitments(services, couple)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        row = app.screen.query_one(ReviewRow)
        await pilot.click(f"#{row.id} .let-go")
        await pilot.pause()
        text = flat(screen_text(app))
        assert messages.STATE_DROPPED in text and "fail" not in text.lower()
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, CloseScreen)
        assert "Text when I'm running late — let go" in flat(screen_text(app))
    [outcome] = services.checkins.outcomes.made_in(previous)
    assert outcome.state is CommitmentState.DROPPED
    clock.advance(weeks=1)
    assert services.checkins.to_review(services.checkins.start([p.id for p in couple])) == []


@run_async
async def test_continue_without_reviewing_brings_it_back_next_week(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    """Promise: unreviewed commitments are carried forward, not lost when someone presses
    Continue: complete a week without reviewing, and next week the same commitment is there."""
    seed_previous_week(services, clock, couple)
    at_commitments(services, couple)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Text when I'm running late" in screen_text(app)
        await pilot.press("ctrl+n")  # Continue, nothing said
        assert isinstance(app.screen, CloseScreen)
        said = messages.CLOSE_COMES_BACK.format(how=messages.EXPORT_COMMITMENT_OPEN)
        assert f"Text when I'm running late — {said}" in flat(screen_text(app))
    clock.advance(weeks=1)
    at_commitments(services, couple)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CommitmentsScreen)
        text = flat(screen_text(app))
        assert "“Text when I'm running late”" in text
        assert "made in the week of 16 Nov 2026" in text  # two weeks back, said so


@run_async
async def test_a_look_back_in_a_week_ended_early_comes_back_unticked(
    services: Services, couple: list[Profile], clock: FixedClock, tmp_path: Path
) -> None:
    """A week ended early is not a finished week. Sam and Alex say how last week's commitment
    went (Partly, Kept); then the week is ended early from the other window left open on the
    private check ("We'll stop here for this week"). Next week the commitment comes back with
    no choice ticked in either voice, and the close still says nobody looked back on it."""
    seed_previous_week(services, clock, couple)
    draft = at_commitments(services, couple)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CommitmentsScreen)
        await pilot.click("#voice-partner #r-partly")
        await pilot.click("#voice-own #r-kept")
        await pilot.pause()
        [outcome] = services.checkins.looking_back(draft)
        assert (outcome.partner_view, outcome.own_view) == (Review.PARTLY, Review.KEPT)
        other = open_services(tmp_path, clock=clock, weak_kdf=True)
        try:  # the other window's private check: "We'll stop here for this week"
            other.checkins.end_for_this_week(other.checkins.get(draft.id))
        finally:
            other.close()
    assert services.checkins.get(draft.id).status is CheckinStatus.ABANDONED

    clock.advance(weeks=1)
    at_commitments(services, couple)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CommitmentsScreen)
        row = app.screen.query_one(ReviewRow)
        assert "“Text when I'm running late”" in flat(screen_text(app))
        assert len(row.query(RadioSet)) == 2  # both voices asked again
        assert [b.id for b in row.query(RadioButton) if b.value] == []  # none ticked
        await pilot.press("ctrl+n")  # Continue, nothing said this time
        assert isinstance(app.screen, CloseScreen)
        said = messages.CLOSE_COMES_BACK.format(how=messages.EXPORT_COMMITMENT_OPEN)
        assert f"Text when I'm running late — {said}" in flat(screen_text(app))


@pytest.mark.parametrize("first_week", [3, 1])
@run_async
async def test_many_waiting_commitments_are_not_a_wall(
    services: Services, couple: list[Profile], clock: FixedClock, first_week: int
) -> None:
    """Months of Continue without looking back leave many open: the step shows the latest few
    and says how many more wait (they are not lost)."""
    checkins = services.checkins
    clock.advance(weeks=-2)
    for week, each in enumerate((first_week, 3)):
        draft = checkins.start([p.id for p in couple])
        for person in couple[: 1 if each == 1 else 2]:
            for n in range(each):
                checkins.add_commitment(draft, person.id, f"Week {week} step {n} by {person.name}")
        checkins.complete(draft)
        clock.advance(weeks=1)
    draft = at_commitments(services, couple)
    waiting = len(checkins.looking_back(draft)) - REVIEW_SHOWN
    expected = (
        messages.REVIEW_ONE_MORE_WAITING
        if waiting == 1
        else messages.REVIEW_MORE_WAITING.format(n=waiting)
    )
    assert waiting == (6 if first_week == 3 else 1)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = list(app.screen.query(ReviewRow))
        assert len(rows) == REVIEW_SHOWN == 6
        assert all("Week 1" in r.outcome.commitment.text for r in rows)  # the latest
        assert str(app.screen.query_one("#review-waiting", Static).render()) == expected
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, CloseScreen)
        text = flat(screen_text(app))
        assert expected in text
        assert "Week 0" not in text
    clock.advance(weeks=1)
    assert len(checkins.looking_back(checkins.start([p.id for p in couple]))) == 6 + waiting
