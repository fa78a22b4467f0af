"""Two windows on one data folder: a stale window follows the draft instead of moving it back."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import checkin_helpers
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile, Step
from trustcheck.services import Services, open_services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.gate import TurnGateScreen
from trustcheck.tui.screens.handover import HandoverScreen
from trustcheck.tui.screens.open import OpenScreen
from trustcheck.tui.screens.reveal import RevealScreen

from .conftest import fill_turn, run_async


@run_async
async def test_a_stale_hand_over_follows_the_other_window(
    services: Services, couple: list[Profile], tmp_path: Path, clock: FixedClock
) -> None:
    alex, sam = couple
    checkins = services.checkins
    draft = checkin_helpers.go_to(checkins, checkins.start([alex.id, sam.id]), Step.HANDOVER)
    fill_turn(services, draft.id, alex.id, base=5)
    fill_turn(services, draft.id, sam.id, base=4)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        other = open_services(tmp_path, clock=clock, weak_kdf=True)
        try:  # the other window goes on through B's turn to the reveal
            checkin_helpers.go_to(other.checkins, other.checkins.get(draft.id), Step.REVEAL)
        finally:
            other.close()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen)
        assert checkins.get(draft.id).step is Step.REVEAL  # never moved back to B's turn
        assert any("moved on in another window" in n.message for n in app._notifications)


def _start_elsewhere(tmp_path: Path, clock: FixedClock, people: list[Profile]) -> int:
    """Another window starts this week's check-in, as its Start button does (open → A's turn)."""
    other = open_services(tmp_path, clock=clock, weak_kdf=True)
    try:
        draft = other.checkins.start([p.id for p in people])
        return other.checkins.advance_from(draft).id
    finally:
        other.close()


@run_async
async def test_start_in_a_window_left_on_the_opening_step_follows_the_other_window(
    services: Services, couple: list[Profile], tmp_path: Path, clock: FixedClock
) -> None:
    """README: "a window that fell behind follows the check-in" — here from the opening step."""
    app = build_app(services, start="checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OpenScreen) and screen.checkin is None
        started = _start_elsewhere(tmp_path, clock, couple)
        await pilot.press("ctrl+n")  # Start, as if nothing had happened elsewhere
        await pilot.pause()
        # It follows into the first turn, behind that person's gate.
        assert isinstance(app.screen, TurnGateScreen)
        assert app.screen.turn.id == started and app.screen.person.id == couple[0].id
        assert any("started in another window" in n.message for n in app._notifications)
        assert not any(n.severity == "error" for n in app._notifications)
    assert services.checkins.draft() is not None and services.checkins.draft().id == started


@run_async
async def test_a_window_waiting_on_the_opening_step_follows_without_a_key(
    services: Services,
    couple: list[Profile],
    tmp_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(OpenScreen, "FOLLOW_EVERY", 0.05)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OpenScreen)
        started = _start_elsewhere(tmp_path, clock, couple)
        deadline = time.monotonic() + 10  # generous: the machine may be busy
        while not isinstance(app.screen, TurnGateScreen) and time.monotonic() < deadline:
            await pilot.pause(0.05)
        assert isinstance(app.screen, TurnGateScreen) and app.screen.turn.id == started


@run_async
async def test_the_follow_check_leaves_a_waiting_window_alone_when_nothing_started(
    services: Services, couple: list[Profile]
) -> None:
    app = build_app(services, start="checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OpenScreen)
        screen.follow_elsewhere()  # the timer's callback, driven by hand
        await pilot.pause()
        assert app.screen is screen and services.checkins.draft() is None


@run_async
async def test_a_window_waiting_on_the_opening_step_follows_once_help_over_it_closes(
    services: Services,
    couple: list[Profile],
    tmp_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The look for another window's check-in waits while help covers the opening step (nothing
    moves under it), and takes up again, without a key, once help is closed."""
    from trustcheck.tui.screens.help import HelpScreen

    monkeypatch.setattr(OpenScreen, "FOLLOW_EVERY", 0.05)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        opening = app.screen
        assert isinstance(opening, OpenScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        started = _start_elsewhere(tmp_path, clock, couple)
        for _ in range(6):  # several looks' worth of time: help stays, over the opening step
            await pilot.pause(0.05)
        assert isinstance(app.screen, HelpScreen) and app.screen_stack[-2] is opening
        await pilot.press("escape")
        deadline = time.monotonic() + 10  # generous: the machine may be busy
        while not isinstance(app.screen, TurnGateScreen) and time.monotonic() < deadline:
            await pilot.pause(0.05)
        assert isinstance(app.screen, TurnGateScreen) and app.screen.turn.id == started
