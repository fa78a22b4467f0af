"""Commitments that follow through (issue 17, section 3), through the check-in service as the
review step uses it: kept for another week, reworded, let go of, looked back on in two voices,
and never lost when nobody looked back on them."""

from __future__ import annotations

import sqlite3

import pytest

import rawdb
from trustcheck import messages
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import (
    Checkin,
    CheckinStatus,
    CommitmentState,
    Profile,
    Review,
    Voice,
)
from trustcheck.services import Services
from trustcheck.services.checkin import MAX_COMMITMENTS, CheckinError


@pytest.fixture
def couple(services: Services) -> list[Profile]:
    return services.profiles.setup(["Alex", "Sam"])


def _next_week(services: Services, clock: FixedClock, people: list[Profile]) -> Checkin:
    clock.advance(weeks=1)
    return services.checkins.start([p.id for p in people])


def _first_week_with(
    services: Services, people: list[Profile], owner: Profile, *texts: str
) -> tuple[Checkin, list[int]]:
    first = services.checkins.start([p.id for p in people])
    made = [services.checkins.add_commitment(first, owner.id, t).id for t in texts]
    services.checkins.complete(first)
    return first, made


def test_an_unreviewed_commitment_comes_back_next_week_not_lost(
    services: Services, clock: FixedClock, couple: list[Profile]
) -> None:
    """Promise: unreviewed commitments are carried forward, not lost when someone presses
    Continue. A week completed without looking back on it; the next week it is there again."""
    alex, _sam = couple
    checkins = services.checkins
    _first, [promise] = _first_week_with(services, couple, alex, "Say goodnight")
    second = _next_week(services, clock, couple)
    assert [c.id for c in checkins.to_review(second)] == [promise]
    checkins.complete(second)  # Continue, nobody said how it went
    third = _next_week(services, clock, couple)
    [offered] = checkins.looking_back(third)
    assert offered.commitment.id == promise and offered.state is CommitmentState.OPEN
    assert offered.week == _first.week  # said: made two weeks ago
    checkins.review(third, promise, Review.KEPT)
    checkins.complete(third)
    fourth = _next_week(services, clock, couple)
    assert checkins.to_review(fourth) == []  # looked back on: it does not come again


def test_keeping_one_for_another_week_carries_it_on_linked_not_duplicated(
    services: Services, clock: FixedClock, couple: list[Profile]
) -> None:
    """Promise: a commitment can be kept for another week; history shows one commitment over
    several weeks (the carried-on one points back at the original)."""
    alex, sam = couple
    checkins = services.checkins
    first, [promise] = _first_week_with(services, couple, alex, "Text when I'm late")
    second = _next_week(services, clock, couple)
    checkins.review(second, promise, Review.PARTLY)
    carried = checkins.keep_going(second, promise)
    assert carried.carried_from == promise
    assert (carried.owner_id, carried.to_id) == (alex.id, sam.id)
    assert carried.text == "Text when I'm late"
    assert [c.id for c in checkins.new_commitments(second)] == [carried.id]
    assert checkins.keep_going(second, promise).id == carried.id  # asked twice: still one
    assert len(checkins.new_commitments(second)) == 1
    checkins.complete(second)

    [outcome] = checkins.outcomes.made_in(first.id)
    assert outcome.state is CommitmentState.CARRIED
    assert outcome.carried_to is not None and outcome.carried_to.id == carried.id
    assert outcome.partner_view is Review.PARTLY and outcome.new_words is None
    third = _next_week(services, clock, couple)
    # Next week the carried-on one is looked back on, not the original as well.
    assert [c.id for c in checkins.to_review(third)] == [carried.id]


def test_changing_the_words_keeps_the_original_words_in_history(
    services: Services, clock: FixedClock, couple: list[Profile]
) -> None:
    """Promise: a commitment can be edited; the words first agreed stay visible in history, the
    new ones live on the commitment it carries on as."""
    alex, _sam = couple
    checkins = services.checkins
    first, [promise] = _first_week_with(services, couple, alex, "Walk every evening")
    second = _next_week(services, clock, couple)
    reworded = checkins.keep_going(second, promise, "  Walk twice this week ")
    assert reworded.text == "Walk twice this week"
    again = checkins.keep_going(second, promise, "Walk on Sunday")  # changed again
    assert again.id == reworded.id
    with pytest.raises(CheckinError, match=messages.COMMITMENT_EMPTY):
        checkins.keep_going(second, promise, "   ")
    checkins.complete(second)
    [outcome] = checkins.outcomes.made_in(first.id)
    assert outcome.commitment.text == "Walk every evening"
    assert outcome.new_words == "Walk on Sunday"
    assert [c.text for c in checkins.new_commitments(second)] == ["Walk on Sunday"]


def test_letting_one_go_is_kind_and_never_counted_as_not_kept(
    services: Services, clock: FixedClock, couple: list[Profile]
) -> None:
    """Promise: a commitment can be let go of; it is not offered again and trends never count it
    as "not kept" (the rule: the partner's view, of commitments not let go of)."""
    alex, _sam = couple
    checkins = services.checkins
    first, [dropped, kept] = _first_week_with(
        services, couple, alex, "Run every morning", "Say goodnight"
    )
    second = _next_week(services, clock, couple)
    checkins.review(second, dropped, Review.NOT_YET)
    checkins.let_go(second, dropped)
    checkins.review(second, kept, Review.KEPT)
    checkins.complete(second)
    states = {o.commitment.id: o.state for o in checkins.outcomes.made_in(first.id)}
    assert states == {dropped: CommitmentState.DROPPED, kept: CommitmentState.REVIEWED}
    third = _next_week(services, clock, couple)
    assert checkins.to_review(third) == []
    # What trends count (the partner's view): the one let go of is not there as a 0.
    assert [r for _o, _w, r in rawdb.commitments(services).reviews_for_completed()] == [Review.KEPT]


def test_two_voices_are_kept_side_by_side_and_solo_has_one(
    services: Services, clock: FixedClock, couple: list[Profile]
) -> None:
    """Promise: the person who made a commitment says how it went too, beside the partner's
    view; a commitment to oneself has one voice."""
    alex, _sam = couple
    checkins = services.checkins
    _first, [promise] = _first_week_with(services, couple, alex, "Cook on Thursday")
    second = _next_week(services, clock, couple)
    checkins.review(second, promise, Review.PARTLY, Voice.PARTNER)  # Sam's view
    checkins.review(second, promise, Review.KEPT, Voice.OWN)  # Alex's own view
    [outcome] = checkins.looking_back(second)
    assert (outcome.partner_view, outcome.own_view) == (Review.PARTLY, Review.KEPT)
    checkins.review(second, promise, None, Voice.PARTNER)  # Sam takes theirs back
    [outcome] = checkins.looking_back(second)
    assert (outcome.partner_view, outcome.own_view) == (None, Review.KEPT)
    assert outcome.state is CommitmentState.REVIEWED
    checkins.complete(second)
    # Trends keep the partner's view: Alex's own word alone is not counted.
    assert rawdb.commitments(services).reviews_for_completed() == []

    third = _next_week(services, clock, [alex])
    to_self = checkins.add_commitment(third, alex.id, "Go to bed by eleven")
    assert to_self.to_id == alex.id and to_self.one_voice
    checkins.complete(third)
    fourth = _next_week(services, clock, [alex])
    checkins.review(fourth, to_self.id, Review.KEPT, Voice.OWN)  # one voice, whichever is asked
    [outcome] = checkins.looking_back(fourth)
    assert outcome.one_voice and (outcome.partner_view, outcome.own_view) == (Review.KEPT, None)


def test_undo_and_discard_take_back_keeping_and_letting_go(
    services: Services, clock: FixedClock, couple: list[Profile]
) -> None:
    alex, _sam = couple
    checkins = services.checkins
    _first, [promise] = _first_week_with(services, couple, alex, "Phone-free dinner")
    second = _next_week(services, clock, couple)
    checkins.keep_going(second, promise)
    checkins.reopen(second, promise)
    assert checkins.new_commitments(second) == []
    checkins.let_go(second, promise)
    checkins.keep_going(second, promise)  # changing one's mind: kept after all
    [outcome] = checkins.looking_back(second)
    assert outcome.state is CommitmentState.CARRIED
    checkins.let_go(second, promise)
    [outcome] = checkins.looking_back(second)
    assert outcome.state is CommitmentState.DROPPED and checkins.new_commitments(second) == []
    checkins.review(second, promise, Review.KEPT, Voice.OWN)
    checkins.discard(second)
    again = services.checkins.start([p.id for p in couple])
    [outcome] = checkins.looking_back(again)
    assert outcome.state is CommitmentState.OPEN and outcome.own_view is None


def test_a_week_ended_early_decides_nothing(
    services: Services, clock: FixedClock, couple: list[Profile]
) -> None:
    """A check-in ended early (the safety screen's way out) keeps what was said there, but its
    commitment decisions do not stand: next week the commitment is offered again."""
    alex, _sam = couple
    checkins = services.checkins
    _first, [promise] = _first_week_with(services, couple, alex, "Ask before planning")
    second = _next_week(services, clock, couple)
    checkins.let_go(second, promise)
    checkins.end_for_this_week(second)
    third = _next_week(services, clock, couple)
    [outcome] = checkins.looking_back(third)
    assert outcome.commitment.id == promise and outcome.state is CommitmentState.OPEN


def test_a_review_given_in_a_week_ended_early_comes_back_unanswered(
    services: Services, clock: FixedClock, couple: list[Profile]
) -> None:
    """A week ended early is not a finished week: how a commitment went, said only there (both
    voices), is not shown ticked when it comes back, and nothing counts or words it (trends,
    the past week in history). A new review starts from nothing: a voice from the week ended
    early never stands beside one given later."""
    alex, _sam = couple
    checkins = services.checkins
    first, [promise] = _first_week_with(services, couple, alex, "Ask before planning")
    second = _next_week(services, clock, couple)
    checkins.review(second, promise, Review.KEPT)
    checkins.review(second, promise, Review.PARTLY, Voice.OWN)
    checkins.end_for_this_week(second)

    third = _next_week(services, clock, couple)
    [outcome] = checkins.looking_back(third)
    assert outcome.commitment.id == promise and outcome.state is CommitmentState.OPEN
    assert (outcome.partner_view, outcome.own_view) == (None, None)
    [past] = services.history.commitments(first)
    assert past.how == messages.EXPORT_COMMITMENT_OPEN
    assert {p.profile.name: list(p.reviews) for p in services.trends.history().persons} == {
        "Alex": [],
        "Sam": [],
    }

    # Looked back on in one voice this time: the other is "not said", not last week's.
    checkins.review(third, promise, Review.NOT_YET)
    checkins.complete(third)
    [past] = services.history.commitments(first)
    assert past.how == "Sam: Not yet · Alex: not said"
    assert {p.profile.name: list(p.reviews) for p in services.trends.history().persons} == {
        "Alex": [(third.week, Review.NOT_YET)],
        "Sam": [],
    }


def test_keeping_one_going_respects_the_three_a_week(
    services: Services, clock: FixedClock, couple: list[Profile]
) -> None:
    alex, _sam = couple
    checkins = services.checkins
    _first, [promise] = _first_week_with(services, couple, alex, "Plan the weekend together")
    second = _next_week(services, clock, couple)
    for n in range(MAX_COMMITMENTS):
        checkins.add_commitment(second, alex.id, f"small thing {n}")
    with pytest.raises(CheckinError, match="Alex already has three"):
        checkins.keep_going(second, promise)


def test_a_commitment_waits_for_a_week_its_people_are_there(
    services: Services, clock: FixedClock, couple: list[Profile]
) -> None:
    """Alex's commitment to themself is not offered when Sam checks in alone; it is not lost
    either: it comes back when Alex checks in."""
    alex, sam = couple
    checkins = services.checkins
    _first, [own] = _first_week_with(services, [alex], alex, "Read before bed")
    samuel = _next_week(services, clock, [sam])
    assert checkins.to_review(samuel) == []
    checkins.complete(samuel)
    back = _next_week(services, clock, [alex])
    assert [c.id for c in checkins.to_review(back)] == [own]



def test_ending_a_week_early_is_one_transaction(
    services: Services, clock: FixedClock, couple: list[Profile]
) -> None:
    """Closing the week, dropping its drafts and undoing its decisions are stored together or
    not at all: a write that fails half-way (here undoing the look back, refused by a trigger)
    leaves the check-in in progress with its look back as given, never a closed week whose
    decisions still count."""
    alex, _sam = couple
    checkins = services.checkins
    _first, [promise] = _first_week_with(services, couple, alex, "Ask before planning")
    second = _next_week(services, clock, couple)
    checkins.review(second, promise, Review.KEPT)
    rawdb.database(services).conn.execute(
        "CREATE TEMP TRIGGER refuse_undo BEFORE UPDATE OF reviewed_in ON commitments "
        "WHEN NEW.reviewed_in IS NULL BEGIN SELECT RAISE(ABORT, 'the disk refused'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="the disk refused"):
        checkins.end_for_this_week(second)
    still = checkins.get(second.id)
    assert still is not None and still.status is CheckinStatus.IN_PROGRESS
    [outcome] = checkins.looking_back(still)
    assert outcome.partner_view is Review.KEPT
