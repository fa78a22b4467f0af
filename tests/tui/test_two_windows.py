"""Two windows on one data folder: a stale window follows the draft instead of moving it back."""

from __future__ import annotations

from pathlib import Path

from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile, Step
from trustcheck.services import Services, open_services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.handover import HandoverScreen
from trustcheck.tui.screens.reveal import RevealScreen

from .conftest import fill_turn, run_async


@run_async
async def test_a_stale_hand_over_follows_the_other_window(
    services: Services, couple: list[Profile], tmp_path: Path, clock: FixedClock
) -> None:
    alex, sam = couple
    checkins = services.checkins
    draft = checkins.go_to(checkins.start([alex.id, sam.id]), Step.HANDOVER)
    fill_turn(services, draft.id, alex.id, base=5)
    fill_turn(services, draft.id, sam.id, base=4)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        other = open_services(tmp_path, clock=clock, weak_kdf=True)
        try:  # the other window goes on through B's turn to the reveal
            other.checkins.go_to(other.checkins.get(draft.id), Step.REVEAL)
        finally:
            other.close()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen)
        assert checkins.get(draft.id).step is Step.REVEAL  # never moved back to B's turn
        assert any("moved on in another window" in n.message for n in app._notifications)
