"""Snapshots of the key screens (look at them after ``--snapshot-update``).

Each test asserts it is on the expected screen before the picture is taken, so a wrong screen is
never saved as the baseline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, RadioButton

import checkin_helpers
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile, Step
from trustcheck.services import Services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.answer import AnswerScreen
from trustcheck.tui.screens.commitments import CommitmentsScreen
from trustcheck.tui.screens.export import ExportScreen
from trustcheck.tui.screens.handover import HandoverScreen
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.journal import JournalScreen
from trustcheck.tui.screens.reveal import RevealScreen
from trustcheck.tui.screens.unlock import UnlockScreen

from .conftest import NOW, fill_turn, seed_previous_week

SIZE = (100, 34)
SnapCompare = Callable[..., bool]


def expect(screen_type: type[Any]) -> Callable[[Pilot[None]], Any]:
    async def check(pilot: Pilot[None]) -> None:
        await pilot.pause()
        assert isinstance(pilot.app.screen, screen_type), pilot.app.screen

    return check


def test_home(
    snap_compare: SnapCompare, services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    seed_previous_week(services, clock, couple)
    assert snap_compare(build_app(services), terminal_size=SIZE, run_before=expect(HomeScreen))


def test_scale_question(
    snap_compare: SnapCompare, services: Services, couple: list[Profile]
) -> None:
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([p.id for p in couple]))
    fill_turn(services, draft.id, couple[0].id, base=5, upto=4)
    app = build_app(services, start="checkin")

    async def back_to_a_stored_answer(pilot: Pilot[None]) -> None:
        await pilot.press("enter", "left")  # through the turn's gate, then back
        screen = pilot.app.screen
        assert isinstance(screen, AnswerScreen) and screen.index == 3

    assert snap_compare(app, terminal_size=SIZE, run_before=back_to_a_stored_answer)


def test_handover(snap_compare: SnapCompare, services: Services, couple: list[Profile]) -> None:
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([p.id for p in couple]))
    fill_turn(services, draft.id, couple[0].id, base=5)
    checkin_helpers.advance(checkins, draft)
    app = build_app(services, start="checkin")
    assert snap_compare(app, terminal_size=SIZE, run_before=expect(HandoverScreen))


def _at_step(services: Services, clock: FixedClock, couple: list[Profile], step: Step) -> None:
    seed_previous_week(services, clock, couple)
    checkins = services.checkins
    draft = checkins.start([p.id for p in couple])
    fill_turn(services, draft.id, couple[0].id, base=6)
    fill_turn(services, draft.id, couple[1].id, base=3)
    checkin_helpers.go_to(checkins, draft, step)


def test_reveal(
    snap_compare: SnapCompare, services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    _at_step(services, clock, couple, Step.REVEAL)
    app = build_app(services, start="checkin")
    assert snap_compare(app, terminal_size=SIZE, run_before=expect(RevealScreen))


def test_commitments(
    snap_compare: SnapCompare, services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    _at_step(services, clock, couple, Step.COMMITMENTS)
    app = build_app(services, start="checkin")

    async def review_and_add(pilot: Pilot[None]) -> None:
        assert isinstance(pilot.app.screen, CommitmentsScreen)
        await pilot.press("enter")  # Sam's view of Alex's commitment: kept
        pilot.app.screen.query("CommitmentEditor Input").first().focus()
        await pilot.press(*"Cook on Friday", "enter")
        assert "Cook on Friday" in str(pilot.app.screen.query_one("#editor-1 #list Static").content)

    assert snap_compare(app, terminal_size=SIZE, run_before=review_and_add)


def test_reveal_small_terminal(
    snap_compare: SnapCompare, services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    _at_step(services, clock, couple, Step.REVEAL)
    app = build_app(services, start="checkin")
    assert snap_compare(app, terminal_size=(80, 24), run_before=expect(RevealScreen))


def _journal(services: Services, person: Profile) -> None:
    services.keys.set_passphrase(person.id, "snapshot")
    journal = services.journal
    journal.add(
        person.id,
        "Long walk after the argument.\nWe talked it through on the way back.",
        rating=6,
        tags=["walk", "money"],
        written_at=NOW.replace(day=20, hour=21),
    )
    journal.add(
        person.id,
        "Felt left out at dinner with [b]friends[/b]",
        rating=3,
        for_therapy=True,
        written_at=NOW.replace(day=22, hour=23),
    )
    journal.add(person.id, "Slept well for once.", written_at=NOW.replace(day=24, hour=7))


def test_unlock_modal(snap_compare: SnapCompare, services: Services, couple: list[Profile]) -> None:
    _journal(services, couple[0])
    services.keys.lock_all()

    async def open_unlock(pilot: Pilot[None]) -> None:
        await pilot.press("j", "enter")
        assert isinstance(pilot.app.screen, UnlockScreen)

    assert snap_compare(build_app(services), terminal_size=(80, 24), run_before=open_unlock)


def test_journal_list(snap_compare: SnapCompare, services: Services, solo: list[Profile]) -> None:
    _journal(services, solo[0])  # left unlocked: "j" opens the list at once

    async def open_journal(pilot: Pilot[None]) -> None:
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(pilot.app.screen, JournalScreen)
        assert pilot.app.screen.query_one(DataTable).row_count == 3

    assert snap_compare(build_app(services), terminal_size=SIZE, run_before=open_journal)


def test_written_answer_without_colour(
    snap_compare: SnapCompare,
    services: Services,
    couple: list[Profile],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """NO_COLOR: the chosen visibility is ● and the others ○, with the line that explains it."""
    monkeypatch.setenv("NO_COLOR", "1")
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([p.id for p in couple]))
    therapy = [i.id for i in checkins.pack.items].index("open.therapy")
    fill_turn(services, draft.id, couple[0].id, base=5, upto=therapy)
    app = build_app(services, start="checkin")

    async def marked(pilot: Pilot[None]) -> None:
        await pilot.press("enter")  # through the turn's gate
        await pilot.pause()
        screen = pilot.app.screen
        assert pilot.app.no_color and isinstance(screen, AnswerScreen)
        drawn = {str(b.id): str(b.render()) for b in screen.query(RadioButton)}
        assert "●" in drawn["vis-therapy"]
        assert "○" in drawn["vis-shared"] and "○" in drawn["vis-private"]

    assert snap_compare(app, terminal_size=(80, 24), run_before=marked)


def test_commitment_review_without_colour(
    snap_compare: SnapCompare,
    services: Services,
    couple: list[Profile],
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """NO_COLOR: kept / partly / not yet shows which one was chosen by its mark alone."""
    monkeypatch.setenv("NO_COLOR", "1")
    _at_step(services, clock, couple, Step.COMMITMENTS)
    app = build_app(services, start="checkin")

    async def partly(pilot: Pilot[None]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert pilot.app.no_color and isinstance(screen, CommitmentsScreen)
        await pilot.click("#voice-partner #r-partly")
        await pilot.pause()
        drawn = {str(b.id): str(b.render()) for b in screen.query("#voice-partner RadioButton")}
        assert "●" in drawn["r-partly"]
        assert "○" in drawn["r-kept"] and "○" in drawn["r-not_yet"]

    assert snap_compare(app, terminal_size=(80, 24), run_before=partly)


def test_export_options_without_colour(
    snap_compare: SnapCompare,
    services: Services,
    couple: list[Profile],
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """NO_COLOR: the chosen format and "nobody's" private notes are ●, the rest ○."""
    monkeypatch.setenv("NO_COLOR", "1")
    seed_previous_week(services, clock, couple)

    async def open_export(pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        assert pilot.app.no_color and isinstance(screen, ExportScreen)
        for button in screen.query(RadioButton):
            assert ("●" in str(button.render())) is button.value
        assert "●" in str(screen.query_one("#fmt-md", RadioButton).render())
        assert str(screen.query_one("#notes", Checkbox).render()).startswith("▐ ▌")
        # The default path names the working folder: a fixed one keeps the picture the same.
        screen.query_one("#path", Input).value = "trustcheck-summary.md"
        await pilot.pause()

    assert snap_compare(build_app(services), terminal_size=(100, 34), run_before=open_export)
