"""The journal never loses what is being written (issue 12, section 6).

Each way out while an entry is open in the editor (idle lock, ctrl+l, quit, the terminal closing,
a crash) keeps it as a draft sealed with its author's key. Unlocking again says so and reopens
it in the editor; saving it makes it an ordinary entry and the draft goes. A draft is not an
entry: it is in no list, count, search or export, and its words are in no file of the data folder.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

import rawdb
from sentinel import files_holding
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile
from trustcheck.services import Services, open_services
from trustcheck.services.journal import Draft
from trustcheck.services.packs import IDLE_SETTING
from trustcheck.tui.app import TrustcheckApp, build_app
from trustcheck.tui.screens import journal_editor
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.journal import JournalScreen

from .conftest import run_async, screen_text
from .test_journal import SIZE, FakeTime, fake_time, settle, unlock, with_journal

__all__ = ["fake_time"]  # the fixture, used by name below

WORDS = "half a thought about plum-lantern-83"
SENTINEL = "plum-lantern-83"  # in no file of the data folder, ever
KEPT = "Your unsaved entry was kept as a draft"


@pytest.fixture(autouse=True)
def _no_typing_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    """The draft kept after a pause in typing stays out of the way: each test walks one way out
    (a test of that pause sets its own delay)."""
    monkeypatch.setattr(journal_editor, "DRAFT_DELAY", 600.0)


async def write_new_entry(app: TrustcheckApp, pilot: Pilot[None], words: str = WORDS) -> None:
    """Open the (unlocked) journal from home and type a new entry, unsaved."""
    await pilot.press("j")
    screen = app.screen
    assert isinstance(screen, JournalScreen)
    await pilot.press("ctrl+n", *words)
    await pilot.pause()
    assert screen.query_one("#entry-text", TextArea).text == words


async def reopen(app: TrustcheckApp, pilot: Pilot[None]) -> JournalScreen:
    """From home: open the journal again, with the passphrase."""
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("j")
    await unlock(app, pilot)
    screen = app.screen
    assert isinstance(screen, JournalScreen)
    return screen


def assert_draft_is_back(app: TrustcheckApp, screen: JournalScreen, words: str = WORDS) -> None:
    assert screen.editing
    assert screen.query_one("#entry-text", TextArea).text == words
    text = screen_text(app)
    assert KEPT in text and words in text


def assert_kept_not_entry(services: Services, person: Profile, entries: int = 0) -> None:
    """A draft is kept (sealed), and it is not an entry."""
    journal = services.journal
    assert rawdb.has_draft(services, person.id)
    assert journal.count(person.id) == entries


@run_async
async def test_idle_lock_keeps_the_entry_being_written_and_unlocking_brings_it_back(
    services: Services, solo: list[Profile], fake_time: FakeTime
) -> None:
    (robin,) = solo
    rawdb.settings(services).set(IDLE_SETTING, "10")
    with_journal(services, robin, locked=False)
    app = build_app(services)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await write_new_entry(app, pilot)
        fake_time.now += 20  # nobody at the keyboard: the idle timer locks the journal
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert isinstance(app.screen, HomeScreen)
        assert not services.keys.is_unlocked(robin.id)
        assert SENTINEL not in screen_text(app)
        assert_kept_not_entry(services, robin)

        screen = await reopen(app, pilot)
        assert_draft_is_back(app, screen)
        await pilot.press("ctrl+s")  # saving makes it an ordinary entry; the draft goes
        assert not screen.editing
        [entry] = services.journal.entries(robin.id).entries
        assert entry.text == WORDS
        assert not rawdb.has_draft(services, robin.id)
        assert KEPT not in screen_text(app)


@run_async
async def test_hide_key_keeps_the_entry_being_written(
    services: Services, solo: list[Profile]
) -> None:
    (robin,) = solo
    with_journal(services, robin, locked=False)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await write_new_entry(app, pilot)
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, HomeScreen)
        assert not services.keys.is_unlocked(robin.id)
        assert SENTINEL not in screen_text(app)
        assert_kept_not_entry(services, robin)

        screen = await reopen(app, pilot)
        assert_draft_is_back(app, screen)


@run_async
async def test_an_edit_of_an_entry_is_kept_as_a_draft_of_that_entry(
    services: Services, solo: list[Profile]
) -> None:
    (robin,) = solo
    with_journal(services, robin, "first words", locked=False)
    [entry] = services.journal.entries(robin.id).entries
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter", "e")  # the entry, open in the editor
        screen = app.screen
        assert isinstance(screen, JournalScreen) and screen.editing
        area = screen.query_one("#entry-text", TextArea)
        area.move_cursor(area.document.end)
        await pilot.press(*", and more")
        screen.query_one("#rating", Input).value = "9"
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, HomeScreen)
        assert_kept_not_entry(services, robin, entries=1)
        services.keys.unlock(robin.id, "opensesame")
        assert services.journal.entries(robin.id).entries[0].text == "first words"  # unchanged
        services.keys.lock(robin.id)

        screen = await reopen(app, pilot)
        assert_draft_is_back(app, screen, "first words, and more")
        assert "Entry of" in screen_text(app)  # the entry it edits, not a new one
        assert screen.query_one("#rating", Input).value == "9"
        await pilot.press("ctrl+s")
        [saved] = services.journal.entries(robin.id).entries
        assert (saved.id, saved.text, saved.rating) == (entry.id, "first words, and more", 9)
        assert not rawdb.has_draft(services, robin.id)


@pytest.mark.parametrize("way_out", ["ctrl+q", "sighup"])
def test_quitting_or_closing_the_terminal_keeps_the_entry_for_the_next_start(
    tmp_path: Path, clock: FixedClock, way_out: str
) -> None:
    """ctrl+q, or the terminal closed (SIGHUP): the next start of the app brings it back."""
    data_dir = tmp_path / "data"
    first = open_services(data_dir, clock=clock, weak_kdf=True)
    (robin,) = first.profiles.setup(["Robin"])
    with_journal(first, robin, locked=False)

    @run_async
    async def write_then_leave() -> None:
        app = build_app(first)
        async with app.run_test(size=SIZE) as pilot:
            await write_new_entry(app, pilot)
            if way_out == "ctrl+q":
                await pilot.press("ctrl+q")
            else:
                os.kill(os.getpid(), signal.SIGHUP)
            await pilot.pause()
            assert not app.is_running
        assert app.return_code in (None, 0)

    write_then_leave()
    assert_kept_not_entry(first, robin)
    first.close()
    assert files_holding(data_dir, SENTINEL) == []

    again = open_services(data_dir, clock=clock, weak_kdf=True)

    @run_async
    async def start_again() -> None:
        app = build_app(again)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = await reopen(app, pilot)
            assert_draft_is_back(app, screen)

    try:
        start_again()
    finally:
        again.close()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_crash_keeps_the_entry_being_written(
    services: Services,
    solo: list[Profile],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (robin,) = solo
    with_journal(services, robin, locked=False)

    def explode(self: TrustcheckApp) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(TrustcheckApp, "action_help", explode)

    @run_async
    async def crash() -> None:
        app = build_app(services)
        async with app.run_test(size=SIZE) as pilot:
            await write_new_entry(app, pilot)
            await pilot.press("f1")  # help: a crash, right in the middle of writing

    with pytest.raises(RuntimeError):
        crash()
    out = capsys.readouterr()
    assert SENTINEL not in out.out + out.err
    assert not services.keys.is_unlocked(robin.id)
    assert_kept_not_entry(services, robin)

    @run_async
    async def start_again() -> None:
        app = build_app(services)
        async with app.run_test(size=SIZE) as pilot:
            screen = await reopen(app, pilot)
            assert_draft_is_back(app, screen)

    start_again()


@run_async
async def test_a_pause_in_typing_keeps_a_sealed_draft_before_any_way_out(
    services: Services,
    solo: list[Profile],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Power loss or kill -9 leave no way out to act on: a draft is kept as one types."""
    (robin,) = solo
    monkeypatch.setattr(journal_editor, "DRAFT_DELAY", 0.05)
    with_journal(services, robin, locked=False)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await write_new_entry(app, pilot)
        await settle(pilot, lambda: rawdb.has_draft(services, robin.id))
        assert_kept_not_entry(services, robin)
        assert services.keys.is_unlocked(robin.id)  # still writing: nothing locked
        # sealed: its words are in no file, the database's write-ahead log included
        assert files_holding(tmp_path, SENTINEL) == []
        draft = services.journal.draft(robin.id)
        assert draft is not None and draft.text == WORDS


@run_async
async def test_leaving_without_saving_lets_the_draft_go(
    services: Services, solo: list[Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Escape, then "Leave without saving": a choice, so no draft comes back."""
    (robin,) = solo
    monkeypatch.setattr(journal_editor, "DRAFT_DELAY", 0.05)
    with_journal(services, robin, locked=False)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await write_new_entry(app, pilot)
        await settle(pilot, lambda: rawdb.has_draft(services, robin.id))
        await pilot.press("escape", "y")
        screen = app.screen
        assert isinstance(screen, JournalScreen) and not screen.editing
        assert not rawdb.has_draft(services, robin.id)
        await pilot.press("escape")  # leaving the journal: nothing is being written
        assert not rawdb.has_draft(services, robin.id)
        screen = await reopen(app, pilot)
        assert not screen.editing
        assert KEPT not in screen_text(app)


@run_async
async def test_a_rating_that_is_not_a_whole_number_is_named_and_nothing_is_saved(
    services: Services, solo: list[Profile]
) -> None:
    (robin,) = solo
    with_journal(services, robin, locked=False)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await write_new_entry(app, pilot, "a day")
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        rating = screen.query_one("#rating", Input)
        for typed in ("abc12", "11", "7.5"):
            rating.value = ""
            rating.focus()
            await pilot.press(*typed)
            assert rating.value == typed  # kept as typed, nothing quietly dropped
            await pilot.press("ctrl+s")
            assert screen.editing
            error = str(screen.query_one("#error", Static).render())
            assert f"“{typed}” is not a whole number from 0 to 10" in error
            assert services.journal.count(robin.id) == 0
        assert screen.query_one("#entry-text", TextArea).text == "a day"
        rating.value = "10"
        await pilot.press("ctrl+s")
        [entry] = services.journal.entries(robin.id).entries
        assert (entry.text, entry.rating) == ("a day", 10)


@run_async
async def test_another_windows_draft_is_left_alone(
    services: Services,
    solo: list[Profile],
    tmp_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reading an entry here, unchanged, never lets go of a draft kept in another window."""
    (robin,) = solo
    monkeypatch.setattr(journal_editor, "DRAFT_DELAY", 0.05)
    with_journal(services, robin, "an entry", locked=False)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        other = open_services(tmp_path, clock=clock, weak_kdf=True)  # the other window
        try:
            other.keys.unlock(robin.id, "opensesame")
            other.journal.keep_draft(robin.id, Draft(WORDS))
        finally:
            other.close()
        await pilot.press("enter", "e")  # open the entry in the editor, nothing is changed
        screen = app.screen
        assert isinstance(screen, JournalScreen) and screen.editing
        await pilot.pause(0.2)  # past DRAFT_DELAY: the pause-in-typing check has run
        await pilot.press("escape")
        assert not screen.editing
        assert services.journal.draft(robin.id) == Draft(WORDS)


@run_async
async def test_a_draft_of_an_entry_deleted_meanwhile_comes_back_as_a_new_entry(
    services: Services, solo: list[Profile]
) -> None:
    (robin,) = solo
    with_journal(services, robin, "first words", locked=False)
    [entry] = services.journal.entries(robin.id).entries
    services.journal.keep_draft(robin.id, Draft("first words, changed", entry_id=entry.id))
    services.journal.delete(entry)
    services.keys.lock(robin.id)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await reopen(app, pilot)
        assert_draft_is_back(app, screen, "first words, changed")
        assert "New entry" in screen_text(app)
        await pilot.press("ctrl+s")
        [saved] = services.journal.entries(robin.id).entries
        assert saved.text == "first words, changed" and saved.id != entry.id
        assert not rawdb.has_draft(services, robin.id)
