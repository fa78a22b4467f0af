"""Test-only shortcuts through a check-in that no screen or command takes (issue 13: test-only
methods live with the tests, not in ``CheckinService``)."""

from __future__ import annotations

from trustcheck.core.models import Answer, Checkin, Item, Step
from trustcheck.services.checkin import CheckinService


def items(checkins: CheckinService) -> tuple[Item, ...]:
    """The weekly pack's items, in the order everyone answers them."""
    return checkins.pack.items


def advance(checkins: CheckinService, checkin: Checkin) -> Checkin:
    """Move ``checkin`` on to its next step and store it (the last step stays), as the app does
    from the step it shows."""
    return checkins.advance_from(checkin)


def go_to(checkins: CheckinService, checkin: Checkin, step: Step) -> Checkin:
    """Put the draft at ``step``, whatever step it is at now (a shortcut no window takes)."""
    repo = checkins.checkins
    repo.set_step(checkin.id, step, checkins.clock.now())
    return repo.get(checkin.id)


def answers_of(checkins: CheckinService, checkin_id: int, profile_id: int) -> dict[str, Answer]:
    """A person's stored answers to the weekly pack, by item id."""
    return {
        item_id: answer
        for (pack_id, item_id), answer in checkins.turn_answers(checkin_id, profile_id).items()
        if pack_id == checkins.pack.id
    }


def first_unanswered(checkins: CheckinService, checkin_id: int, profile_id: int) -> int:
    """Where a resumed turn picks up in the weekly pack: the first item with no stored answer."""
    given = answers_of(checkins, checkin_id, profile_id)
    weekly = items(checkins)
    return next((n for n, item in enumerate(weekly) if item.id not in given), len(weekly))
