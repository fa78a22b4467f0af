"""Test-only shortcuts through a check-in that no screen or command takes (issue 13: test-only
methods live with the tests, not in ``CheckinService``)."""

from __future__ import annotations

from trustcheck.core.models import Answer, Checkin, Step
from trustcheck.services.checkin import CheckinService


def advance(checkins: CheckinService, checkin: Checkin, steps: int = 1) -> Checkin:
    """Move ``checkin`` on by ``steps`` steps and store it (the last step stays), as the app does
    from the step it shows."""
    for _ in range(steps):
        checkin = checkins.advance_from(checkin)
    return checkin


def go_to(checkins: CheckinService, checkin: Checkin, step: Step) -> Checkin:
    """Put the draft at ``step``, whatever step it is at now (a shortcut no window takes)."""
    repo = checkins._checkins
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
    weekly = checkins.pack.items
    return next((n for n, item in enumerate(weekly) if item.id not in given), len(weekly))
