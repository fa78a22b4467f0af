"""Issue 13, section 4: one round trip per key press. A rating typed on the answer screen is one
transaction holding one upsert; the screen shows the next question from what the save returned,
without reading the check-in again."""

from __future__ import annotations

import checkin_helpers
from sqltrace import kinds, statements
from trustcheck.core.models import ItemKind, Profile
from trustcheck.services import Services
from trustcheck.tui.app import build_app

from .conftest import run_async
from .test_rating import answer_screen, settled

SIZE = (120, 40)


@run_async
async def test_a_rating_key_is_one_upsert_and_no_read(
    services: Services, couple: list[Profile]
) -> None:
    """The first rating also stores the pack's wording, in the same transaction; every later one
    is BEGIN, one upsert, COMMIT — no SELECT: the screen does not read the check-in per key."""
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([p.id for p in couple]))
    scales = [i for i in checkins.pack.items if i.kind is ItemKind.SCALE]
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "s")  # through the turn's gate; the safety check skipped
        per_key = []
        for _ in range(3):
            await settled(pilot, app)
            with statements(services) as seen:
                await pilot.press("5")
                await pilot.pause()
            per_key.append(kinds(seen))
        assert answer_screen(app).item.id == scales[3].id  # the screen moved on each time
    assert per_key[0] == ["BEGIN", "INSERT INTO pack_versions", "INSERT INTO answers", "COMMIT"]
    assert per_key[1] == per_key[2] == ["BEGIN", "INSERT INTO answers", "COMMIT"]
    given = checkin_helpers.answers_of(checkins, draft.id, couple[0].id)
    assert [given[i.id].value for i in scales[:3]] == [5, 5, 5]


@run_async
async def test_back_and_next_show_the_answer_just_given_without_reading_it(
    services: Services, couple: list[Profile]
) -> None:
    """The screen keeps what the save returned: going back shows the answer, and no key press
    reads it from the database."""
    checkins = services.checkins
    checkin_helpers.advance(checkins, checkins.start([p.id for p in couple]))
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "s")  # the gate; the safety check skipped
        await settled(pilot, app)
        await pilot.press("6")
        await settled(pilot, app)
        with statements(services) as seen:
            await pilot.press("left")
            await settled(pilot, app)
        screen = answer_screen(app)
        assert screen.index == 0
        assert screen.given[(services.pack.id, screen.item.id)].value == 6
        assert "6" in str(screen.query_one("#stored").render())
        with statements(services) as more:
            await pilot.press("right")
            await settled(pilot, app)
        assert answer_screen(app).index == 1
    assert seen == [] and more == []
