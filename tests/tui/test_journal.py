"""Pilot tests of the private journal: passphrases, unlock, entries, search, hide and idle lock."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, TextArea
from textual.widgets.input import Selection

import rawdb
from trustcheck.core.models import Profile, Visibility
from trustcheck.services import Services
from trustcheck.services.packs import IDLE_SETTING
from trustcheck.tui.app import TrustcheckApp, build_app
from trustcheck.tui.screens import journal as journal_screen
from trustcheck.tui.screens import journal_list
from trustcheck.tui.screens.confirm import ConfirmDialog
from trustcheck.tui.screens.help import HelpScreen
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.journal import JournalScreen
from trustcheck.tui.screens.unlock import SetPassphraseScreen, UnlockScreen, WhoseJournalScreen
from trustcheck.tui.widgets.passphrase import PassphraseInput

from .conftest import NOW, run_async, screen_text

SIZE = (120, 40)
SECRET = "tangerine7"  # a private sentinel: written in a journal, never on a locked screen
PASS = "opensesame"


def with_journal(services: Services, person: Profile, *texts: str, locked: bool = True) -> None:
    """A passphrase and a few entries, straight through the services (no typing)."""
    services.keys.set_passphrase(person.id, PASS)
    for n, text in enumerate(texts):
        services.journal.add(person.id, text, rating=n, written_at=NOW.replace(day=n + 1))
    if locked:
        services.keys.lock(person.id)


async def unlock(app: TrustcheckApp, pilot: Pilot[None], passphrase: str = PASS) -> None:
    assert isinstance(app.screen, UnlockScreen)
    app.screen.query_one(PassphraseInput).value = passphrase  # typing is not what is tested
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


STRONG = "robin walks by the quiet harbour"


@run_async
async def test_set_a_passphrase_then_unlock(services: Services, solo: list[Profile]) -> None:
    (robin,) = solo
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert isinstance(app.screen, SetPassphraseScreen)
        assert "unless you keep a recovery code" in screen_text(app)
        await pilot.press(*"abc", "enter", *"abc", "enter")  # too short
        assert isinstance(app.screen, SetPassphraseScreen)
        assert "at least 4 characters" in screen_text(app)
        assert not services.keys.has_passphrase(robin.id)
        await pilot.press(*"abcd", "enter", *"abce", "enter")  # they differ
        assert "the two passphrases differ" in screen_text(app)
        assert not services.keys.has_passphrase(robin.id)
        # Long enough, but easy to guess (issue 16): refused with a kind hint, nothing set.
        app.screen.query_one("#new", PassphraseInput).value = "password1"
        app.screen.query_one("#again", PassphraseInput).value = "password1"
        await pilot.press("enter", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SetPassphraseScreen)
        assert "easy to guess" in screen_text(app)
        assert not services.keys.has_passphrase(robin.id)
        app.screen.query_one("#new", PassphraseInput).value = STRONG
        app.screen.query_one("#again", PassphraseInput).value = STRONG
        await pilot.press("enter", "enter")  # the first field, then the second
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert services.keys.is_unlocked(robin.id)
        assert "Robin's journal" in screen_text(app)
        assert "No entries yet" in screen_text(app)

        await pilot.press("escape")  # leaving locks
        assert isinstance(app.screen, HomeScreen)
        assert not services.keys.is_unlocked(robin.id)

        await pilot.press("j")
        assert isinstance(app.screen, UnlockScreen)
        await unlock(app, pilot, STRONG)
        assert isinstance(app.screen, JournalScreen)
        assert services.keys.is_unlocked(robin.id)
    assert services.keys.has_passphrase(robin.id)


@run_async
async def test_wrong_passphrase_shows_nothing(services: Services, solo: list[Profile]) -> None:
    (robin,) = solo
    with_journal(services, robin, SECRET)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert isinstance(app.screen, UnlockScreen)
        await pilot.press(*"nope", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        text = screen_text(app)
        assert "wrong passphrase" in text
        assert SECRET not in text and "nope" not in text
        assert app.screen.query_one(PassphraseInput).value == ""  # not kept in the widget
        assert not services.keys.is_unlocked(robin.id)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    assert not services.keys.is_unlocked(robin.id)


@run_async
async def test_passphrase_field_is_masked_and_cannot_be_copied(
    services: Services, solo: list[Profile]
) -> None:
    with_journal(services, solo[0])
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", *"hunter22")
        field = app.screen.query_one(PassphraseInput)
        assert field.password
        assert "hunter22" not in screen_text(app)
        field.selection = Selection(0, len(field.value))
        await pilot.press("ctrl+c", "ctrl+x")
        assert app.clipboard == ""
        assert field.value == "hunter22"  # cut did not remove (or copy) anything


@run_async
async def test_partner_cannot_open_the_other_journal(
    services: Services, couple: list[Profile]
) -> None:
    alex, sam = couple
    with_journal(services, alex, SECRET)
    services.keys.set_passphrase(sam.id, "sams-own")
    services.keys.lock(sam.id)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert isinstance(app.screen, WhoseJournalScreen)
        await pilot.press("enter")  # Alex's is focused first
        assert isinstance(app.screen, UnlockScreen)
        assert "Unlock Alex's journal" in screen_text(app)
        await unlock(app, pilot, "sams-own")
        assert isinstance(app.screen, UnlockScreen)
        assert "wrong passphrase" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert SECRET not in screen_text(app)
    assert not services.keys.is_unlocked(alex.id)


@run_async
async def test_write_edit_search_and_delete(services: Services, solo: list[Profile]) -> None:
    (robin,) = solo
    journal = services.journal
    with_journal(services, robin, locked=False)  # unlocked: "j" opens the journal at once
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = app.screen
        assert isinstance(screen, JournalScreen)

        # A new entry: a few typed words, a rating, tags and the therapy flag.
        await pilot.press("ctrl+n")
        assert screen.editing and "New entry" in screen_text(app)
        await pilot.press(*"Hard day")
        screen.query_one("#rating", Input).focus()
        await pilot.press("7")
        screen.query_one("#tags", Input).value = "work, sleep"
        screen.query_one(Checkbox).value = True
        await pilot.press("ctrl+s")
        assert not editing(screen)
        [entry] = journal.entries(robin.id).entries
        assert (entry.text, entry.rating, entry.tags, entry.for_therapy) == (
            "Hard day",
            7,
            ("work", "sleep"),
            True,
        )
        text = screen_text(app)
        assert "Hard day" in text and "#work #sleep" in text and "⚑" in text

        # Edit it: Enter on the row shows it read-only, e opens it with everything filled in.
        await pilot.press("enter", "e")
        assert screen.editing
        area = screen.query_one("#entry-text", TextArea)
        assert area.text == "Hard day"
        area.move_cursor(area.document.end)
        await pilot.press(*", then better")
        await pilot.press("ctrl+s")
        [edited] = journal.entries(robin.id).entries
        assert edited.id == entry.id and edited.text == "Hard day, then better"
        assert edited.rating == 7 and edited.for_therapy

        # Search inside the unlocked entries.
        journal.add(robin.id, "A walk by the river", tags=["outside"])
        journal.add(robin.id, "Dinner with friends")
        screen.reload()
        await pilot.press("slash", *"walk")
        await app.workers.wait_for_complete()  # the search runs off the UI thread
        await pilot.pause()
        assert screen.query_one(DataTable).row_count == 1
        text = screen_text(app)
        assert "A walk by the river" in text and "Dinner" not in text
        await pilot.press(*"zzz")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "No entries match your search." in screen_text(app)
        screen.query_one("#search", Input).value = "hard"
        await pilot.pause()  # the change is seen: the search starts
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # from the search to the list

        # Delete, asked first; "no" keeps it.
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the focused answer is the safe one
        assert journal.count(robin.id) == 3
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        assert pilot.app.screen is screen  # (not app.screen: mypy keeps it a ConfirmDialog)
        assert journal.count(robin.id) == 2
        texts = {e.text for e in journal.entries(robin.id).entries}
        assert texts == {"A walk by the river", "Dinner with friends"}


@run_async
async def test_leaving_an_edited_entry_asks_first(services: Services, solo: list[Profile]) -> None:
    (robin,) = solo
    with_journal(services, robin, locked=False)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "ctrl+n", *"draft")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert isinstance(app.screen, JournalScreen) and app.screen.editing
        await pilot.press("escape", "y")
        assert isinstance(app.screen, JournalScreen) and not editing(app.screen)
    assert services.journal.count(robin.id) == 0


@run_async
async def test_damaged_entries_are_named_and_the_others_open(
    services: Services, solo: list[Profile]
) -> None:
    (robin,) = solo
    with_journal(services, robin, "first", "second", "third", locked=False)
    conn = sqlite3.connect(rawdb.database(services).path)
    with conn:
        [(entry_id, body)] = conn.execute(
            "SELECT id, body FROM journal_entries ORDER BY id LIMIT 1"
        ).fetchall()
        flipped = bytes([*body[:-1], body[-1] ^ 1])
        conn.execute("UPDATE journal_entries SET body = ? WHERE id = ?", (flipped, entry_id))
    conn.close()
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        text = screen_text(app)
        assert "1 entry could not be opened: damaged or modified" in text
        assert "second" in text and "third" in text
        assert app.screen.query_one(DataTable).row_count == 2


@run_async
async def test_hide_key_locks_at_once(services: Services, solo: list[Profile]) -> None:
    (robin,) = solo
    with_journal(services, robin, f"{SECRET} on the first line", locked=False)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        assert SECRET in screen_text(app)  # so the checks below can fail
        await pilot.press("enter", "e")  # editing: the TextArea (which eats most keys) has focus
        assert screen.query_one("#entry-text", TextArea).text.startswith(SECRET)
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, HomeScreen)
        assert SECRET not in screen_text(app)
        assert not services.keys.is_unlocked(robin.id)
        # The closed screen let go of the decrypted text too.
        listed, editor = screen.entry_list, screen.editor
        assert listed._ids == [] and listed._by_id == {} and editor._edited is None

        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "^l" in screen_text(app) and "hide: lock journals" in screen_text(app)


@run_async
async def test_hide_key_closes_a_dialog_over_the_journal(
    services: Services, solo: list[Profile]
) -> None:
    (robin,) = solo
    with_journal(services, robin, SECRET, locked=False)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "delete")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen_stack) == 1
        assert SECRET not in screen_text(app)
    assert not services.keys.is_unlocked(robin.id)
    assert services.journal.count(robin.id) == 1


class FakeTime:
    """Stands in for ``time`` in the journal screen, so idle tests do not race the machine."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = FakeTime()
    monkeypatch.setattr(journal_screen, "time", fake)
    return fake


async def settle(pilot: Pilot[None], done: Callable[[], bool], seconds: float = 5.0) -> None:
    """Let the idle check (it polls a few times a second) run until ``done`` or time is up."""
    for _ in range(int(seconds / 0.05)):
        if done():
            return
        await pilot.pause(0.05)


@run_async
async def test_idle_lock(services: Services, solo: list[Profile], fake_time: FakeTime) -> None:
    (robin,) = solo
    rawdb.settings(services).set(IDLE_SETTING, "10")  # the shortest a person can set
    with_journal(services, robin, SECRET, locked=False)
    app = build_app(services)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j")
        assert isinstance(app.screen, JournalScreen)
        fake_time.now += 6
        await pilot.press("down")  # someone is here: the countdown starts again
        fake_time.now += 6
        await pilot.pause(0.6)  # a couple of idle checks
        assert isinstance(app.screen, JournalScreen)
        assert services.keys.is_unlocked(robin.id)
        fake_time.now += 10
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert isinstance(app.screen, HomeScreen)
        assert not services.keys.is_unlocked(robin.id)
        await pilot.pause()
        text = screen_text(app)
        assert SECRET not in text
        assert "locked itself" in text


def test_idle_setting_falls_back_to_five_minutes(services: Services) -> None:
    from trustcheck.tui.screens.journal import idle_seconds

    assert idle_seconds(services) == 300
    rawdb.settings(services).set(IDLE_SETTING, "soon")
    assert idle_seconds(services) == 300
    # What a person could not set is not used (issue 16): it would switch the lock off or
    # keep a processor busy.
    for stored in ("0.5", "inf", "1e-9", "-5", "9", "86401", "nan"):
        rawdb.settings(services).set(IDLE_SETTING, stored)
        assert idle_seconds(services) == 300, stored
    rawdb.settings(services).set(IDLE_SETTING, "120")
    assert idle_seconds(services) == 120


def test_many_entries_are_listed_a_page_at_a_time(
    services: Services, solo: list[Profile], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (robin,) = solo
    monkeypatch.setattr(journal_list, "REST_DELAY", 60.0)  # the rest opens when scrolled to
    with_journal(services, robin, locked=False)
    for n in range(450):
        services.journal.add(robin.id, f"entry {n}")

    @run_async
    async def check() -> None:
        app = build_app(services)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("j")
            screen = app.screen
            assert isinstance(screen, JournalScreen)
            table = screen.query_one(DataTable)
            # The first frame: a screenful of rows (under the header), not a page of 200, and no
            # row more: one drawn unseen would bring a scroll bar (a second layout) with it.
            first = table.row_count
            assert first == table.size.height - 1
            assert not table.show_vertical_scrollbar
            assert f"newest {first} of 450" in screen_text(app)
            table.move_cursor(row=first - 5)  # near its end: the rest opens, a page more shows
            await app.workers.wait_for_complete()  # opened off the UI thread
            await pilot.pause()
            assert table.row_count == first + 200
            assert f"newest {first + 200} of 450" in screen_text(app)
            table.move_cursor(row=first + 195)
            await pilot.pause()
            assert table.row_count == first + 400
            table.move_cursor(row=first + 395)
            await pilot.pause()
            assert table.row_count == 450 and "newest" not in screen_text(app)

    check()


@run_async
async def test_idle_lock_reaches_a_dialog_over_the_journal(
    services: Services, solo: list[Profile], fake_time: FakeTime
) -> None:
    (robin,) = solo
    with_journal(services, robin, SECRET, locked=False)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "delete")
        assert isinstance(app.screen, ConfirmDialog)
        fake_time.now += 301  # the default: five minutes
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert isinstance(app.screen, HomeScreen)
        assert SECRET not in screen_text(app)
    assert not services.keys.is_unlocked(robin.id)
    assert services.journal.count(robin.id) == 1


@run_async
async def test_hide_key_closes_the_unlock_prompt(services: Services, solo: list[Profile]) -> None:
    (robin,) = solo
    with_journal(services, robin, SECRET)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", *"abc", "ctrl+l")
        assert isinstance(app.screen, HomeScreen)
    assert not services.keys.is_unlocked(robin.id)


def reading_private(screen: JournalScreen) -> bool:
    return screen.reading_private  # (a call: mypy would keep an asserted attribute's value)


def editing(screen: JournalScreen) -> bool:
    return screen.editing


def private_answer(services: Services, couple: list[Profile], text: str) -> None:
    """Alex keeps one open answer private in this week's check-in (straight through services)."""
    alex, sam = couple
    checkin = services.checkins.start([alex.id, sam.id])
    services.checkins.save_answer(
        checkin.id, alex.id, "open.hurt", text=text, visibility=Visibility.PRIVATE
    )


@run_async
async def test_private_answers_show_in_the_authors_journal_until_locked(
    services: Services, couple: list[Profile]
) -> None:
    alex = couple[0]
    with_journal(services, alex, "an entry", locked=False)
    private_answer(services, couple, f"{SECRET}\x1b[31m [b]not markup[/b]")
    prompt = services.pack.item("open.hurt").text
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter")  # Alex's journal, unlocked: it opens at once
        screen = app.screen
        assert isinstance(screen, JournalScreen) and screen.profile.id == alex.id
        assert SECRET not in screen_text(app)  # the entries first
        await pilot.press("p")
        assert reading_private(screen)
        text = screen_text(app)
        assert "From check-ins (private)" in text
        assert SECRET in text and prompt in text
        assert "[31m [b]not markup[/b]" in text  # shown as stored, nothing interpreted
        await pilot.press("p")  # back to the entries, the answers let go of
        assert not reading_private(screen) and SECRET not in screen_text(app)
        assert "an entry" in screen_text(app)
        await pilot.press("p")
        assert SECRET in screen_text(app)
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, HomeScreen)
        assert SECRET not in screen_text(app)
        assert not screen.query("#private")  # the section is gone with the text it held
    assert not services.keys.is_unlocked(alex.id)


@run_async
async def test_private_answers_are_not_in_the_partners_journal(
    services: Services, couple: list[Profile]
) -> None:
    alex, sam = couple
    with_journal(services, alex, locked=False)
    private_answer(services, couple, SECRET)
    services.keys.lock(alex.id)
    with_journal(services, sam, "Sam's entry", locked=False)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "right", "enter")  # Sam's journal
        screen = app.screen
        assert isinstance(screen, JournalScreen) and screen.profile.id == sam.id
        await pilot.press("p")
        text = screen_text(app)
        assert "No private check-in answers yet." in text
        assert SECRET not in text
        await pilot.press("escape")  # back to the entries, not out of the journal
        assert not reading_private(screen) and app.screen is screen
    assert not services.keys.is_unlocked(alex.id)


@run_async
async def test_private_answers_and_back_at_once_does_not_crash(
    services: Services, couple: list[Profile]
) -> None:
    """p then p again before the section has drawn (a quick double press, or keys typed into
    the list by mistake): the answers open and close, and the app keeps running."""
    alex = couple[0]
    with_journal(services, alex, "an entry", locked=False)
    private_answer(services, couple, SECRET)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter")
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        screen.action_private()  # both in one go: nothing is mounted in between
        screen.action_entries()
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert not reading_private(screen)
        assert SECRET not in screen_text(app) and "an entry" in screen_text(app)


@run_async
async def test_a_closed_journal_leaves_nothing_it_drew_behind(
    services: Services, solo: list[Profile]
) -> None:
    """Closing a screen (here the journal) lets go of every line its widgets drew (Textual would
    keep them with its recent widgets' caches, see ``tui.app.forget_drawn``): each visit to a
    screen left thousands of objects behind, for every full garbage collection to walk
    (DESIGN.md, the longest UI stall)."""
    import gc

    from rich.segment import Segment

    from trustcheck import messages

    def drawn(text: str) -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if isinstance(o, Segment) and text in str(o.text))

    note = messages.JOURNAL_LOCK_NOTE[:20]  # a line only the journal draws
    # Textual's caches are the process's: what earlier tests' apps left there is not this one's.
    before = drawn(note), drawn(SECRET)
    (robin,) = solo
    with_journal(services, robin, f"{SECRET} on the first line", "another day", locked=False)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert SECRET in screen_text(app) and note in screen_text(app)
        assert drawn(note) > before[0] and drawn(SECRET) > before[1]  # so the checks can fail
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not services.keys.is_unlocked(robin.id)
        assert drawn(SECRET) <= before[1]
        assert drawn(note) <= before[0]


@run_async
async def test_the_list_shows_every_date_whole(services: Services, solo: list[Profile]) -> None:
    """A two-digit day with its time ("28 Nov 2026, 21:17") fits the date column, not cut."""
    (robin,) = solo
    services.keys.set_passphrase(robin.id, PASS)
    services.journal.add(robin.id, "late evening", written_at=NOW.replace(day=28, hour=21))
    services.keys.lock(robin.id)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await unlock(app, pilot)
        assert isinstance(app.screen, JournalScreen)
        when = NOW.replace(day=28, hour=21).strftime("%-d %b %Y, %H:%M")
        assert len(when) == 18 and when in screen_text(app)


@run_async
async def test_the_first_passphrase_dialog_fits_an_80_by_24_terminal(
    services: Services, solo: list[Profile]
) -> None:
    """With the recovery code's offer, the dialog still fits a small terminal whole: its border,
    both fields, the offer and both buttons on screen, nothing cut off."""
    from textual.containers import Vertical
    from textual.widgets import Button

    async with build_app(services).run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, SetPassphraseScreen)
        box = screen.query_one(Vertical).region
        assert box.y >= 0 and box.bottom <= 24 and box.right <= 80
        for button in screen.query(Button):
            assert box.contains_region(button.region)
