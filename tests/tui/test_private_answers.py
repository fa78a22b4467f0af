"""Private answers in the check-in: sealed at once, and gone from every screen after the turn."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import checkin_helpers
import rawdb
from trustcheck.core.models import Checkin, Profile, Visibility
from trustcheck.services import Services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.answer import AnswerScreen
from trustcheck.tui.screens.handover import HandoverScreen
from trustcheck.tui.screens.reveal import RevealScreen
from trustcheck.tui.screens.unlock import SetPassphraseScreen, UnlockScreen
from trustcheck.tui.widgets.text_answer import TextAnswer

from .conftest import fill_turn, give_passphrase, run_async, screen_text

SIZE = (120, 40)
PRIVATE = "quietmarmot93"  # the private sentinel


def near_the_end_of_a(services: Services, couple: list[Profile]) -> tuple[Checkin, str]:
    """A's turn with everything answered but the last two (open) prompts; the first one's id."""
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([p.id for p in couple]))
    items = checkins.pack.items
    fill_turn(services, draft.id, couple[0].id, base=5, upto=len(items) - 2)
    return draft, items[-2].id


def stored_row(services: Services, item_id: str, profile_id: int) -> tuple[object, ...]:
    conn = sqlite3.connect(rawdb.database(services).path)
    try:
        row = conn.execute(
            "SELECT text, text_sealed, visibility FROM answers "
            "WHERE item_id = ? AND profile_id = ?",
            (item_id, profile_id),
        ).fetchone()
    finally:
        conn.close()
    assert row is not None
    return tuple(row)


def sentinel_on_disk(folder: Path, sentinel: str) -> list[str]:
    return [p.name for p in folder.iterdir() if p.is_file() and sentinel.encode() in p.read_bytes()]


@run_async
async def test_private_answer_is_sealed_and_never_shown_to_the_partner(
    services: Services, couple: list[Profile], tmp_path: Path
) -> None:
    alex, sam = couple
    checkins = services.checkins
    draft, item_id = near_the_end_of_a(services, couple)
    # Sam has answered all but the last prompt already (so the test need not type Sam's turn).
    fill_turn(services, draft.id, sam.id, base=3, upto=len(checkins.pack.items) - 1)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # through the turn's gate
        screen = app.screen
        assert isinstance(screen, AnswerScreen) and screen.item.id == item_id
        await pilot.press(*PRIVATE, "ctrl+t", "ctrl+t")  # Shared → For therapy → Private
        assert isinstance(app.screen, SetPassphraseScreen)  # Alex has none yet
        await give_passphrase(app, pilot, "alex keeps the blue lantern")
        assert app.screen is screen
        assert screen.query_one(TextAnswer).visibility is Visibility.PRIVATE
        assert services.keys.is_unlocked(alex.id)
        # Save it sealed; leave the last prompt empty; review done.
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")

        assert isinstance(app.screen, HandoverScreen)
        assert not services.keys.is_unlocked(alex.id)  # locked before the hand-over
        assert PRIVATE not in screen_text(app)
        text, sealed, visibility = stored_row(services, item_id, alex.id)
        assert text is None and sealed and visibility == "private"
        assert sentinel_on_disk(tmp_path, PRIVATE) == []
        assert checkin_helpers.answers_of(checkins, draft.id, alex.id)[item_id].text is None

        await pilot.press("enter")
        assert isinstance(app.screen, AnswerScreen) and app.screen.person.id == sam.id
        assert PRIVATE not in screen_text(app)
        assert not services.keys.is_unlocked(alex.id)
        await pilot.press("ctrl+n", "ctrl+n")  # Sam's last prompt empty; review

        assert isinstance(app.screen, RevealScreen)
        scroll = app.screen.query_one("#reveal-scroll")
        seen = screen_text(app)
        scroll.scroll_end(animate=False)
        await pilot.pause()
        seen += screen_text(app)
        assert PRIVATE not in seen
        assert "Sam" in seen
    assert all(PRIVATE not in a.text for a in checkins.reveal(draft).open_answers)


@run_async
async def test_choosing_private_when_locked_asks_to_unlock(
    services: Services, couple: list[Profile]
) -> None:
    alex = couple[0]
    services.keys.set_passphrase(alex.id, "alex keeps the blue lantern")
    services.keys.lock(alex.id)
    draft, item_id = near_the_end_of_a(services, couple)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *"only mine", "ctrl+t", "ctrl+t")  # through the gate first
        assert isinstance(app.screen, UnlockScreen)
        assert "Alex, unlock to keep this answer private" in screen_text(app)
        await give_passphrase(app, pilot, "wrong-one")
        assert isinstance(app.screen, UnlockScreen) and "wrong passphrase" in screen_text(app)
        await give_passphrase(app, pilot, "alex keeps the blue lantern")
        assert isinstance(app.screen, AnswerScreen)
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, AnswerScreen) and app.screen.item.id != item_id
        # Back to it: the sealed text is not shown; going on keeps it as it is.
        await pilot.press("ctrl+b")
        assert app.screen.item.id == item_id
        assert "Kept private" in screen_text(app)
        await pilot.press("ctrl+n")
    answer = checkin_helpers.answers_of(services.checkins, draft.id, alex.id)[item_id]
    assert answer.visibility is Visibility.PRIVATE and not answer.skipped
    assert stored_row(services, item_id, alex.id)[1]  # still sealed
    assert not services.keys.is_unlocked(alex.id)  # the app closed: locked


@run_async
async def test_cancelling_the_passphrase_keeps_the_answer_shared(
    services: Services, couple: list[Profile]
) -> None:
    draft, item_id = near_the_end_of_a(services, couple)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *"hello", "ctrl+t", "ctrl+t")  # through the gate first
        assert isinstance(app.screen, SetPassphraseScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, AnswerScreen)
        assert app.screen.query_one(TextAnswer).visibility is Visibility.THERAPY
        await pilot.press("ctrl+n")
    answer = checkin_helpers.answers_of(services.checkins, draft.id, couple[0].id)[item_id]
    assert answer.text == "hello" and answer.visibility is Visibility.THERAPY
    assert not services.keys.has_passphrase(couple[0].id)


@run_async
async def test_b_turn_never_holds_a_key(services: Services, couple: list[Profile]) -> None:
    """Even if A's key were left unlocked somehow, B's turn starts by locking it."""
    alex, sam = couple
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([p.id for p in couple]))
    fill_turn(services, draft.id, alex.id, base=5)
    checkin_helpers.advance(checkins, draft, steps=2)  # past the hand-over, at B's turn
    services.keys.set_passphrase(alex.id, "alex keeps the blue lantern")  # leaves Alex unlocked
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        assert not services.keys.is_unlocked(alex.id)  # locked at the gate already
        await pilot.press("enter", "s")  # through the turn's gate; the safety check skipped
        assert isinstance(app.screen, AnswerScreen) and app.screen.person.id == sam.id
        assert not services.keys.is_unlocked(alex.id)
