"""Selection state shows without colour (NO_COLOR): every chosen radio button is ``●`` and the
others ``○``; a ticked checkbox shows ``X`` and an unticked one nothing (issue 12, section 8).

The snapshots under NO_COLOR are in test_snapshots.py; these walk each place a choice is made."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Checkbox, RadioButton

import checkin_helpers
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile, Review, Step
from trustcheck.services import Services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.commitments import CommitmentsScreen
from trustcheck.tui.screens.export import ExportScreen
from trustcheck.tui.screens.settings import SettingsScreen

from .conftest import fill_turn, run_async, seed_previous_week


@pytest.fixture(autouse=True)
def _no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


def marks(app: App[None], selector: str) -> dict[str, str]:
    """Each toggle's id → its text as drawn (mark and label), colour left out."""
    return {str(t.id): str(t.render()) for t in app.screen.query(selector)}


def radio_marks_match(app: App[None]) -> None:
    """Every radio button draws ● exactly when it is chosen, ○ otherwise."""
    buttons = list(app.screen.query(RadioButton))
    assert buttons
    for button in buttons:
        drawn = str(button.render())
        assert ("●" in drawn) is button.value and ("○" in drawn) is not button.value, drawn


@run_async
async def test_visibility_choice_is_marked_without_colour(
    services: Services, couple: list[Profile]
) -> None:
    alex = couple[0]
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([p.id for p in couple]))
    first_text = next(n for n, i in enumerate(checkins.pack.items) if i.area == "open")
    fill_turn(services, draft.id, alex.id, base=5, upto=first_text)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # through the turn's gate
        await pilot.pause()
        assert app.no_color
        drawn = marks(app, "RadioButton")
        assert drawn["vis-shared"].startswith("▐●▌") and "○" in drawn["vis-therapy"]
        radio_marks_match(app)
        await pilot.click("#vis-therapy")
        await pilot.pause()
        drawn = marks(app, "RadioButton")
        assert "●" in drawn["vis-therapy"] and "○" in drawn["vis-shared"]
        radio_marks_match(app)


@run_async
async def test_kept_partly_not_yet_is_marked_without_colour(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    seed_previous_week(services, clock, couple)
    checkins = services.checkins
    draft = checkins.start([p.id for p in couple])
    for person in couple:
        fill_turn(services, draft.id, person.id, base=5)
    checkin_helpers.go_to(checkins, draft, Step.COMMITMENTS)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CommitmentsScreen)
        assert all("○" in text for text in marks(app, "RadioButton").values())  # none chosen yet
        await pilot.click("#voice-partner #r-partly")
        await pilot.pause()
        drawn = marks(app, "#voice-partner RadioButton")
        assert "●" in drawn["r-partly"] and "○" in drawn["r-kept"] and "○" in drawn["r-not_yet"]
        await pilot.click("#voice-own #r-kept")  # the maker's own view, beside it
        await pilot.pause()
        drawn = marks(app, "#voice-own RadioButton")
        assert "●" in drawn["r-kept"] and "○" in drawn["r-partly"]
        radio_marks_match(app)
    (reviewed,) = checkins.to_review(checkins.get(draft.id))
    assert reviewed.review is Review.PARTLY and reviewed.own_review is Review.KEPT


@run_async
async def test_export_options_are_marked_without_colour(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    seed_previous_week(services, clock, couple)
    app = build_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, ExportScreen)
        radio_marks_match(app)
        notes = app.screen.query_one("#notes", Checkbox)
        assert str(notes.render()).startswith("▐ ▌")  # not ticked: no mark
        notes.focus()
        await pilot.press("space")
        await pilot.pause()
        assert notes.value and str(notes.render()).startswith("▐X▌")
        await pilot.click("#fmt-pdf")
        await pilot.pause()
        assert "●" in marks(app, "RadioButton")["fmt-pdf"]
        radio_marks_match(app)
        await app.workers.wait_for_complete()


@run_async
async def test_module_switches_are_marked_without_colour(
    services: Services, couple: list[Profile]
) -> None:
    app = build_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(SettingsScreen(services))
        await pilot.pause()
        await app.workers.wait_for_complete()  # the catalogue, read as settings opens
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        betrayal = next(k for k, v in screen._switches.items() if v == "betrayal")
        box = screen.query_one(f"#{betrayal}", Checkbox)
        assert str(box.render()).startswith("▐ ▌") and "After a betrayal" in str(box.render())
        box.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert services.packs.enabled_ids() == ["betrayal"]
        assert str(box.render()).startswith("▐X▌")
        others = [c for c in screen.query(Checkbox) if c is not box]
        assert others and all(str(c.render()).startswith("▐ ▌") for c in others)


@run_async
async def test_the_recovery_code_offer_is_marked_without_colour(
    services: Services, couple: list[Profile]
) -> None:
    """Setting a first passphrase, the "also make a recovery code" box shows whether it is
    ticked without colour: blank until space ticks it, then X (a plain checkbox drew X either
    way, so a person could not tell whether a code would be made)."""
    from trustcheck.tui.screens.unlock import SetPassphraseScreen

    app = build_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "enter")  # whose journal: the first person
        await pilot.pause()
        assert isinstance(app.screen, SetPassphraseScreen)
        box = app.screen.query_one("#make-code", Checkbox)
        assert not box.value and str(box.render()).startswith("▐ ▌")
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert box.value and str(box.render()).startswith("▐X▌")
