"""Pilot tests of the recovery code (issue 17, section 4): offered when a passphrase is made,
shown once with what it means to keep it, and used once from the unlock modal when the passphrase
is forgotten."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Checkbox, Static

import rawdb
from trustcheck import messages
from trustcheck.core.models import Profile
from trustcheck.paths import DB_FILENAME
from trustcheck.services import Services
from trustcheck.tui.app import TrustcheckApp, build_app
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.journal import JournalScreen
from trustcheck.tui.screens.recovery import RecoverScreen, RecoveryCodeScreen
from trustcheck.tui.screens.unlock import SetPassphraseScreen, UnlockScreen
from trustcheck.tui.widgets.passphrase import PassphraseInput

from .conftest import run_async, screen_text

SIZE = (120, 40)
FIRST = "robin walks by the quiet harbour"
NEW = "lanterns drift over a sleepy canal"
SECRET = "tangerine7"


async def settle(app: TrustcheckApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def stored(services: Services, profile_id: int) -> tuple[object, ...]:
    row = rawdb.database(services).conn.execute(
        "SELECT wrapped_key, recovery_wrapped_key, "
        "(SELECT group_concat(hex(body)) FROM journal_entries) FROM profiles WHERE id = ?",
        (profile_id,),
    ).fetchone()
    return tuple(row)


def flat(app: TrustcheckApp) -> str:
    """The screen's words with the wrapping (and box edges) undone, to find a sentence."""
    return " ".join(screen_text(app).replace("│", " ").split())


async def passphrase_with_a_code(app: TrustcheckApp, pilot: Pilot[None], passphrase: str) -> str:
    """Fill the passphrase form open on screen with ``passphrase`` twice, tick the recovery
    code's box and submit: the code shown once (the screen showing it is left current)."""
    app.screen.query_one("#new", PassphraseInput).value = passphrase
    app.screen.query_one("#again", PassphraseInput).value = passphrase
    app.screen.query_one("#make-code", Checkbox).value = True
    await pilot.press("enter", "enter")
    await settle(app, pilot)
    assert isinstance(app.screen, RecoveryCodeScreen)
    return app.screen.code


async def give_code(app: TrustcheckApp, pilot: Pilot[None], code: str) -> None:
    assert isinstance(app.screen, RecoverScreen)
    app.screen.query_one("#code", PassphraseInput).value = code
    await pilot.press("enter")
    await settle(app, pilot)


@run_async
async def test_create_a_passphrase_with_a_code_forget_it_and_recover_once(
    services: Services, solo: list[Profile]
) -> None:
    """Create a passphrase and ask for a code: it is shown once, with what keeping it means.
    Later, forgotten: a wrong code is refused with nothing changed; the right one sets a new
    passphrase that opens the journal, the old one no longer does, and the code is used up."""
    (robin,) = solo
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert isinstance(app.screen, SetPassphraseScreen)
        assert messages.RECOVERY_OFFER_CHECK in flat(app)
        code = await passphrase_with_a_code(app, pilot, FIRST)
        text = flat(app)
        assert code in text
        assert "Anyone who has this code can open your journal" in text
        assert "It works once" in text and "on paper" in text
        assert services.keys.has_recovery_code(robin.id)
        await pilot.press("enter")  # "I have written it down"
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert code not in flat(app)
        services.journal.add(robin.id, SECRET)
        await pilot.press("escape")  # leaving locks
        assert isinstance(app.screen, HomeScreen)
        assert not services.keys.is_unlocked(robin.id)
        assert code.encode() not in (services.data_dir / DB_FILENAME).read_bytes()

        # Forgotten: the unlock modal's "Forgot passphrase".
        await pilot.press("j")
        assert isinstance(app.screen, UnlockScreen)
        await pilot.click("#forgot")
        await pilot.pause()
        assert isinstance(app.screen, RecoverScreen)
        before = stored(services, robin.id)
        typo = ("Z" if code[0] != "Z" else "Y") + code[1:]
        await give_code(app, pilot, typo)
        assert isinstance(app.screen, RecoverScreen)
        assert messages.WRONG_RECOVERY_CODE in flat(app)
        assert app.screen.query_one("#code", PassphraseInput).value == ""
        assert stored(services, robin.id) == before
        assert not services.keys.is_unlocked(robin.id)

        await give_code(app, pilot, code.lower())
        assert messages.RECOVERY_CODE_FITS in flat(app)
        assert messages.RECOVERY_ENTER not in flat(app)  # it no longer asks for the code
        assert messages.WRONG_RECOVERY_CODE not in flat(app)  # nor keeps the earlier error
        assert stored(services, robin.id) == before  # nothing changes before the new passphrase
        app.screen.query_one("#new", PassphraseInput).value = NEW
        app.screen.query_one("#again", PassphraseInput).value = NEW
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
        assert services.keys.is_unlocked(robin.id)
        assert SECRET in flat(app)
        assert not services.keys.has_recovery_code(robin.id)  # used up
        await pilot.press("escape")

        await pilot.press("j")
        app.screen.query_one(PassphraseInput).value = FIRST
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert messages.WRONG_PASSPHRASE in flat(app)
        await pilot.click("#forgot")  # the code is used up: said, nothing opens
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert messages.NO_RECOVERY_CODE in flat(app)
        app.screen.query_one(PassphraseInput).value = NEW
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)


@run_async
async def test_the_hide_key_takes_a_code_off_the_screen_at_once(
    services: Services, solo: list[Profile]
) -> None:
    (robin,) = solo
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        code = await passphrase_with_a_code(app, pilot, FIRST)
        assert code in flat(app)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert code not in flat(app)
        assert not services.keys.is_unlocked(robin.id)


@run_async
async def test_without_asking_no_code_is_made(services: Services, solo: list[Profile]) -> None:
    (robin,) = solo
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        app.screen.query_one("#new", PassphraseInput).value = FIRST
        app.screen.query_one("#again", PassphraseInput).value = FIRST
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
    assert not services.keys.has_recovery_code(robin.id)


@run_async
async def test_recovering_offers_a_new_code_and_cancel_changes_nothing(
    services: Services, solo: list[Profile]
) -> None:
    (robin,) = solo
    services.keys.set_passphrase(robin.id, FIRST)
    code = services.keys.make_recovery_code(robin.id)
    services.keys.lock_all()
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.click("#forgot")
        await pilot.pause()
        await give_code(app, pilot, code)
        before = stored(services, robin.id)
        await pilot.press("escape")  # cancelled after the code fitted: nothing changed
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert stored(services, robin.id) == before
        assert not services.keys.is_unlocked(robin.id)

        await pilot.click("#forgot")
        await pilot.pause()
        await give_code(app, pilot, code)
        second = await passphrase_with_a_code(app, pilot, NEW)
        assert second != code
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
    services.keys.lock_all()
    services.keys.finish_recovery(services.keys.open_recovery(robin.id, second), FIRST)


@run_async
async def test_settings_make_a_new_code_after_the_passphrase(
    services: Services, couple: list[Profile]
) -> None:
    """Someone who set a passphrase before codes existed (or lost theirs) makes one in Settings,
    after their passphrase (a wrong one makes nothing); the key is not left unlocked."""
    from trustcheck.tui.screens.people import NewRecoveryCodeScreen
    from trustcheck.tui.screens.settings import SettingsScreen

    alex, sam = couple
    services.keys.set_passphrase(alex.id, FIRST)
    services.keys.lock_all()
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await settle(app, pilot)
        assert isinstance(app.screen, SettingsScreen)
        assert not app.screen.query(f"#recovery-{sam.id}")  # Sam has no passphrase
        button = app.screen.query_one(f"#recovery-{alex.id}")
        button.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(f"#recovery-{alex.id}")
        await pilot.pause()
        assert isinstance(app.screen, NewRecoveryCodeScreen)
        app.screen.query_one(PassphraseInput).value = NEW
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, NewRecoveryCodeScreen)
        assert messages.WRONG_PASSPHRASE in flat(app)
        assert not services.keys.has_recovery_code(alex.id)
        app.screen.query_one(PassphraseInput).value = FIRST
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecoveryCodeScreen)
        code = app.screen.code
        assert "Anyone who has this code can open your journal" in flat(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, SettingsScreen)
        status = str(app.screen.query_one("#status", Static).render())
        assert status == messages.RECOVERY_MADE.format(name="Alex")
        assert not services.keys.is_unlocked(alex.id)
    services.keys.finish_recovery(services.keys.open_recovery(alex.id, code), NEW)
    services.keys.lock_all()
    services.keys.unlock(alex.id, NEW)
