"""People are never lost (issue 12, section 7), walked in the app: Settings removes someone only
with their passphrase, brings them back, adds a partner after a solo start and renames; setup
refuses an empty first name and offers to restore a removed person rather than add a stranger."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input

import rawdb
from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.tui.app import TrustcheckApp, build_app
from trustcheck.tui.screens.confirm import ConfirmDialog
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.journal import JournalScreen
from trustcheck.tui.screens.people import NameScreen, RemovePersonScreen
from trustcheck.tui.screens.settings import SettingsScreen
from trustcheck.tui.screens.setup import SetupScreen
from trustcheck.tui.screens.unlock import UnlockScreen, WhoseJournalScreen
from trustcheck.tui.widgets.passphrase import PassphraseInput

from .conftest import run_async, screen_text

SIZE = (100, 34)
PASS = "sams-own"
SECRET = "quince91"  # Sam's journal entry: reachable again after Sam is brought back


def sam_with_journal(services: Services, sam: Profile) -> None:
    services.keys.set_passphrase(sam.id, PASS)
    services.journal.add(sam.id, SECRET)
    services.keys.lock(sam.id)


async def open_settings(app: TrustcheckApp, pilot: Pilot[None]) -> SettingsScreen:
    await pilot.press("s")
    await pilot.pause()
    await app.workers.wait_for_complete()  # the catalogue, read as settings opens
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


async def press_button(app: TrustcheckApp, pilot: Pilot[None], button_id: str) -> None:
    """Tab to a button (focus scrolls it into view) and press Enter, as a keyboard user does."""
    app.screen.query_one(f"#{button_id}", Button).focus()
    await pilot.press("enter")
    await pilot.pause()


async def settled(app: TrustcheckApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def type_passphrase(app: TrustcheckApp, pilot: Pilot[None], passphrase: str) -> None:
    app.screen.query_one(PassphraseInput).value = passphrase  # typing is not what is tested
    await pilot.press("enter")
    await settled(app, pilot)


async def opens_journal_with(
    app: TrustcheckApp, pilot: Pilot[None], person: Profile, passphrase: str
) -> str:
    """Open ``person``'s journal from home with their passphrase; what the screen shows."""
    await pilot.press("j")
    await pilot.pause()
    if isinstance(app.screen, WhoseJournalScreen):
        people = app.screen.people
        app.screen.query_one(f"#person-{people.index(person)}", Button).focus()
        await pilot.press("enter")
        await pilot.pause()
    assert isinstance(app.screen, UnlockScreen)
    await type_passphrase(app, pilot, passphrase)
    assert isinstance(app.screen, JournalScreen)
    return screen_text(app)


# --- remove and restore -----------------------------------------------------------------------


@run_async
async def test_settings_remove_asks_the_passphrase_and_restore_brings_the_journal_back(
    services: Services, couple: list[Profile]
) -> None:
    """Removing Sam needs Sam's passphrase (a wrong one changes nothing); Sam is listed as
    removed with a way back, and once brought back Sam's journal opens with the same passphrase."""
    alex, sam = couple
    sam_with_journal(services, sam)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)

        await press_button(app, pilot, f"remove-{sam.id}")
        assert isinstance(app.screen, RemovePersonScreen)
        assert "enter Sam's passphrase" in screen_text(app)
        await type_passphrase(app, pilot, "alex-guess")
        assert isinstance(app.screen, RemovePersonScreen)
        assert "wrong passphrase" in screen_text(app)
        assert [p.name for p in services.profiles.people()] == ["Alex", "Sam"]
        await type_passphrase(app, pilot, PASS)
        await settled(app, pilot)
        assert isinstance(app.screen, SettingsScreen)
        assert [p.name for p in services.profiles.people()] == ["Alex"]
        assert not services.keys.is_unlocked(sam.id)
        text = screen_text(app)
        assert "Sam removed" in text and "Sam (removed 25 Nov 2026)" in text
        assert app.screen.query(f"#restore-{sam.id}")
        await press_button(app, pilot, f"restore-{sam.id}")
        await settled(app, pilot)
        assert [p.id for p in services.profiles.people()] == [alex.id, sam.id]
        assert "Sam is back" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Alex and Sam" in screen_text(app)
        assert SECRET in await opens_journal_with(app, pilot, sam, PASS)


@run_async
async def test_settings_remove_without_a_passphrase_asks_first(
    services: Services, couple: list[Profile]
) -> None:
    """No passphrase to ask for: a yes/no question, whose safe answer keeps the person."""
    _, sam = couple
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        await press_button(app, pilot, f"remove-{sam.id}")
        assert isinstance(app.screen, ConfirmDialog)
        assert "you can bring them back" in screen_text(app)
        await pilot.press("enter")  # the focused answer is Cancel
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert [p.name for p in services.profiles.people()] == ["Alex", "Sam"]
        await press_button(app, pilot, f"remove-{sam.id}")
        await pilot.press("y")
        await settled(app, pilot)
        assert [p.name for p in services.profiles.people()] == ["Alex"]
        assert "Sam (removed 25 Nov 2026)" in screen_text(app)


@run_async
async def test_settings_adding_a_removed_name_offers_to_bring_them_back(
    services: Services, couple: list[Profile]
) -> None:
    """ "Add your partner" with a removed person's name (any case) asks to restore them; yes
    brings back the same person with their journal, not an empty stranger."""
    _, sam = couple
    sam_with_journal(services, sam)
    services.profiles.remove(sam, PASS)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        await press_button(app, pilot, "add-partner")
        assert isinstance(app.screen, NameScreen)
        await pilot.press(*"sam", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Bring Sam back" in screen_text(app)
        await pilot.press("escape")  # no: nothing changes
        await pilot.pause()
        assert [p.name for p in services.profiles.people()] == ["Alex"]
        assert "Nothing was changed" in screen_text(app)
        await press_button(app, pilot, "add-partner")
        await pilot.press(*"SAM", "enter")
        await pilot.pause()
        await pilot.press("y")
        await settled(app, pilot)
        assert [p.name for p in services.profiles.people()] == ["Alex", "Sam"]
        assert services.profiles.people()[1].id == sam.id
        assert len(services.profiles.removed()) == 0
        await pilot.press("escape")
        await pilot.pause()
        assert SECRET in await opens_journal_with(app, pilot, sam, PASS)


# --- add a partner, rename --------------------------------------------------------------------


@run_async
async def test_settings_adds_a_partner_after_a_solo_start(
    services: Services, solo: list[Profile]
) -> None:
    """Robin started alone; "Add your partner" makes them a couple (home says so); the
    only person here cannot be removed, and the partner button goes once there are two."""
    (robin,) = solo
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        assert not screen.query(f"#remove-{robin.id}")
        await press_button(app, pilot, "add-partner")
        assert isinstance(app.screen, NameScreen)
        await pilot.press("enter")  # an empty name is refused in place
        assert isinstance(app.screen, NameScreen)
        assert "a name cannot be empty" in screen_text(app)
        await pilot.press(*"Kai", "enter")
        await settled(app, pilot)
        assert isinstance(app.screen, SettingsScreen)
        assert [p.name for p in services.profiles.people()] == ["Robin", "Kai"]
        assert "Kai added" in screen_text(app)
        assert not app.screen.query("#add-partner")
        assert app.screen.query(f"#remove-{robin.id}")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Robin and Kai" in screen_text(app)


@run_async
async def test_settings_renames_a_person_and_refuses_a_name_in_use(
    services: Services, couple: list[Profile]
) -> None:
    """Rename keeps the person (the same id, journal and history); another person's name, in
    any case, is refused with a line and nothing changes."""
    alex, sam = couple
    sam_with_journal(services, sam)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        await press_button(app, pilot, f"rename-{sam.id}")
        assert isinstance(app.screen, NameScreen)
        assert app.screen.query_one(Input).value == "Sam"
        app.screen.query_one(Input).value = ""
        await pilot.press(*"ALEX", "enter")
        await settled(app, pilot)
        assert "already a profile called 'Alex'" in screen_text(app)
        assert [p.name for p in services.profiles.people()] == ["Alex", "Sam"]
        await press_button(app, pilot, f"rename-{sam.id}")
        app.screen.query_one(Input).value = ""
        await pilot.press(*"Samira", "enter")
        await settled(app, pilot)
        assert [(p.id, p.name) for p in services.profiles.people()] == [
            (alex.id, "Alex"),
            (sam.id, "Samira"),
        ]
        assert "Renamed Sam to Samira" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Alex and Samira" in screen_text(app)
        assert SECRET in await opens_journal_with(app, pilot, services.profiles.get(sam.id), PASS)


# --- setup ------------------------------------------------------------------------------------


@pytest.mark.parametrize("first", ["   ", "\u200b\u200b", "\u3164"])
@run_async
async def test_setup_refuses_an_empty_first_name_and_stays(services: Services, first: str) -> None:
    """A blank (or invisible-only) first name with a partner's name does not set up solo use
    under the partner's name: the message shows, the screen stays, nothing is stored."""
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SetupScreen)
        app.screen.query_one("#name-a", Input).value = first
        app.screen.query_one("#name-b", Input).focus()
        await pilot.press(*"Bo", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert "please write your name first" in screen_text(app)
        assert app.screen.focused is app.screen.query_one("#name-a", Input)
    assert not services.profiles.is_set_up()
    assert services.profiles.removed() == []
    assert rawdb.database(services).conn.execute("SELECT count(*) FROM profiles").fetchone()[0] == 0


@run_async
async def test_setup_with_a_removed_persons_name_offers_to_restore_them(
    services: Services, couple: list[Profile]
) -> None:
    """Everyone was removed; setting up again as "sam" asks to bring Sam back (their journal
    with them); Cancel stores nothing, yes restores the same person."""
    alex, sam = couple
    sam_with_journal(services, sam)
    services.profiles.remove(sam, PASS)
    services.profiles.remove(alex)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SetupScreen)
        await pilot.press(*"sam", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Sam was removed on 25 Nov 2026" in screen_text(app)
        await pilot.press("enter")  # Cancel has the focus
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert "Nothing was set up" in screen_text(app)
        assert not services.profiles.is_set_up()
        app.screen.query_one("#name-b", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [p.id for p in services.profiles.people()] == [sam.id]
        assert SECRET in await opens_journal_with(app, pilot, sam, PASS)


@run_async
async def test_settings_show_a_hostile_name_as_typed(
    services: Services, solo: list[Profile]
) -> None:
    """A partner's name with markup and an escape sequence is shown as text in the rows, the
    dialogs and the status line: no markup runs, no sequence reaches the terminal."""
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        await press_button(app, pilot, "add-partner")
        assert isinstance(app.screen, NameScreen)
        app.screen.query_one(Input).value = "[@click=app.quit]Kai[/] \x1b[31m"
        await pilot.press("enter")
        await settled(app, pilot)
        assert isinstance(app.screen, SettingsScreen)
        (kai,) = [p for p in services.profiles.people() if p.name.startswith("[")]
        text = screen_text(app)
        assert "[@click=app.quit]Kai[/]" in text and "\x1b" not in text
        await press_button(app, pilot, f"remove-{kai.id}")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Remove [@click=app.quit]Kai[/]" in screen_text(app)
        await pilot.press("y")
        await settled(app, pilot)
        assert app.is_running
        # The ESC was dropped as the name was stored; the rest shows as typed.
        assert "[@click=app.quit]Kai[/] [31m (removed 25 Nov 2026)" in screen_text(app)
