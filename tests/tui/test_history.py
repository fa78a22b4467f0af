"""Past check-ins in the app (issue 17 §1), walked with the Pilot: home's h opens the list, enter
opens a week as it was (the reveal, the shared notes, the commitments and how they went),
escape goes back; twenty years are read a page at a time off the UI thread; private answers
appear only to their unlocked author, and leave the screen when the key goes."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from history_helpers import (
    ALEX_SECRET,
    SAM_SECRET,
    SHARED_NOTE,
    couple_with_passphrases,
    finish_weeks,
)
from hostile import assert_inert
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.services.history import HistoryPage, HistoryService
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.history import PAGE, HistoryScreen
from trustcheck.tui.screens.history_week import PastWeekScreen, WhosePrivateScreen
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.unlock import UnlockScreen

from .conftest import NOW, give_passphrase, run_async, screen_text

#: Tall enough that a whole past week is on the screen at once (what it shows is what is read).
TALL = (110, 120)


def shown(app: Any) -> str:
    """Every Static of the current screen, on screen or scrolled away, as plain text."""
    return "\n".join(str(w.content) for w in app.screen.query(Static) if w.display)


async def settle(app: Any, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


@run_async
async def test_h_on_home_opens_past_check_ins_newest_first_and_escape_goes_back(
    services: Services, clock: FixedClock, couple: list[Profile]
) -> None:
    finish_weeks(services, clock, couple, 3)
    app = build_app(services)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("h")
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3
        text = screen_text(app)
        assert text.index("16 Nov 2026") < text.index("9 Nov 2026") < text.index("2 Nov 2026")
        assert "Alex 6 · Sam 7" in text and "1 commitment" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


@run_async
async def test_the_history_button_on_home_opens_it_too(
    services: Services, clock: FixedClock, couple: list[Profile]
) -> None:
    finish_weeks(services, clock, couple, 1)
    app = build_app(services)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        assert "Look back at any past week, just as it was (h)." in screen_text(app)
        await pilot.click("#history")
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)


@run_async
async def test_enter_opens_a_week_as_it_was_and_escape_goes_back_to_the_list(
    services: Services, clock: FixedClock, couple: list[Profile]
) -> None:
    finish_weeks(services, clock, couple, 3)
    app = build_app(services)
    async with app.run_test(size=TALL) as pilot:
        await pilot.press("h")
        await settle(app, pilot)
        await pilot.press("down", "enter")  # the second newest: the week of 9 Nov
        await settle(app, pilot)
        assert isinstance(app.screen, PastWeekScreen)
        text = screen_text(app)
        assert "The week of 9 Nov 2026" in text and "Check-in 2 of 3 · Alex and Sam" in text
        for part in ("Communication", "Openness", "Trust index", "Overall (0–10)"):
            assert part in text
        assert "since last" in text  # compared with the week before it
        assert f"{SHARED_NOTE} (Alex, week 2)" in text and f"{SHARED_NOTE} (Sam, week 2)" in text
        assert "Alex → Sam: Text when I'm late (week 2)" in text
        assert "How it went: Sam: Kept · Alex: not said" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


@run_async
async def test_no_check_ins_yet_says_so_kindly(services: Services, couple: list[Profile]) -> None:
    app = build_app(services)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("h")
        await settle(app, pilot)
        assert app.screen.query_one(DataTable).row_count == 0
        assert "No check-ins finished yet." in screen_text(app)
        await pilot.press("enter")  # nothing to open: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


@pytest.fixture
def twenty_years(services: Services) -> Services:
    from trustcheck.services.demo import seed_demo

    seed_demo(services, weeks=1040)
    return services


@run_async
async def test_twenty_years_open_and_page_without_a_stall(
    twenty_years: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening the list reads one page, in a worker thread: while that read is held back the
    screen is up, says it is reading and takes keys. Moving down reads the next page when the
    cursor nears the last row read, never the whole history."""
    services = twenty_years
    asked: list[tuple[int, bool]] = []
    held = threading.Event()
    read = HistoryService.page

    def page(self: HistoryService, number: int = 1, limit: int = 20) -> HistoryPage:
        asked.append((number, threading.current_thread() is threading.main_thread()))
        if number == 1:
            assert held.wait(timeout=60), "the test never let the first page through"
        return read(self, number, limit)

    monkeypatch.setattr(HistoryService, "page", page)
    app = build_app(services)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert "Reading your past check-ins" in screen_text(app)  # drawn while the read waits
        await pilot.press("down", "down")  # and it takes keys meanwhile
        await pilot.pause()
        assert screen.query_one(DataTable).row_count == 0
        held.set()
        await settle(app, pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == PAGE
        assert "1040 check-ins" in screen_text(app)
        assert asked == [(1, False)]  # one page, off the UI thread
        for _ in range(PAGE - 5):  # towards the end of what was read
            await pilot.press("down")
        await settle(app, pilot)
        assert table.row_count == 2 * PAGE
        assert [n for n, _ in asked] == [1, 2]
        assert not any(on_ui for _, on_ui in asked)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PastWeekScreen)
        assert f"Check-in {1040 - (PAGE - 5)} of 1040" in screen_text(app)


@run_async
async def test_private_answers_appear_only_to_their_unlocked_author(
    services: Services, clock: FixedClock
) -> None:
    """Sam gave a private answer. Opened with Alex unlocked, the week shows none of it, and
    Alex's own private answers show only Alex's; Sam's appear after Sam's passphrase, and
    leave the screen at once when the hide key locks everything."""
    alex, sam = couple_with_passphrases(services)
    finish_weeks(services, clock, [alex, sam], 2, private=True)
    services.keys.lock_all()
    services.keys.unlock(alex.id, "alex words")
    app = build_app(services)
    async with app.run_test(size=TALL) as pilot:
        await pilot.press("h")
        await settle(app, pilot)
        await pilot.press("down", "enter")  # the first week, which holds the private answers
        await settle(app, pilot)
        assert isinstance(app.screen, PastWeekScreen)
        assert "The week of 9 Nov 2026" in shown(app)
        assert SAM_SECRET not in shown(app) and ALEX_SECRET not in shown(app)

        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, WhosePrivateScreen)
        await pilot.click("#person-0")  # Alex, unlocked already
        await settle(app, pilot)
        assert isinstance(app.screen, PastWeekScreen)
        assert "Alex's private answers (only you can see these)" in shown(app)
        assert ALEX_SECRET in shown(app) and SAM_SECRET not in shown(app)
        assert ALEX_SECRET in screen_text(app)  # on the screen, not just in a widget

        await pilot.press("p")
        await pilot.pause()
        await pilot.click("#person-1")  # Sam: locked, so Sam's passphrase first
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        await give_passphrase(app, pilot, "sam words")
        await settle(app, pilot)
        assert isinstance(app.screen, PastWeekScreen)
        assert SAM_SECRET in shown(app) and ALEX_SECRET not in shown(app)

        # Leaving the week locks the key it unlocked (Alex's was held before: it stays).
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert not services.keys.is_unlocked(sam.id) and services.keys.is_unlocked(alex.id)
        await pilot.press("enter")
        await settle(app, pilot)
        assert SAM_SECRET not in shown(app)  # opened again: sealed again
        await pilot.press("p")
        await pilot.pause()
        await pilot.click("#person-1")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)  # Sam's passphrase is asked again
        await give_passphrase(app, pilot, "sam words")
        await settle(app, pilot)
        assert SAM_SECRET in shown(app)

        await pilot.press("ctrl+l")  # hide: every key goes, and the private text with it
        await settle(app, pilot)
        assert not services.keys.any_unlocked()
        assert SAM_SECRET not in shown(app) and SAM_SECRET not in screen_text(app)
        assert "Private answers are hidden again." in shown(app)


@run_async
async def test_a_wrong_passphrase_shows_nothing_private(
    services: Services, clock: FixedClock
) -> None:
    alex, sam = couple_with_passphrases(services)
    finish_weeks(services, clock, [alex, sam], 1, private=True)
    services.keys.lock_all()
    app = build_app(services)
    async with app.run_test(size=TALL) as pilot:
        await pilot.press("h")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        await pilot.click("#person-1")
        await pilot.pause()
        await give_passphrase(app, pilot, "alex words")  # Alex's passphrase for Sam's answers
        await settle(app, pilot)
        assert isinstance(app.screen, UnlockScreen)  # still asking
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, PastWeekScreen)
        assert SAM_SECRET not in shown(app) and ALEX_SECRET not in shown(app)


@run_async
async def test_hostile_names_notes_and_commitments_stay_inert_in_history(tmp_path: Path) -> None:
    """The hostile corpus in names, shared notes and commitments: the list, a past week and
    `trustcheck history` show it inert (no markup run, no terminal sequence, no reordering)."""
    from trustcheck.services import open_services

    from .test_hostile_everywhere import _run, _store_hostile

    clock = FixedClock(NOW)
    data_dir = tmp_path / "hostile"
    services = open_services(data_dir, clock=clock)
    try:
        people = services.profiles.setup(["Alex", "Sam"])
        _store_hostile(services, clock, people)
        assert "[@click=app.quit]Sam[/]" in _run(data_dir, "history")  # shown as typed
        assert "evil" in _run(data_dir, "history", "1")
        app = build_app(services)
        async with app.run_test(size=TALL) as pilot:
            await pilot.press("h")
            await settle(app, pilot)
            assert isinstance(app.screen, HistoryScreen)
            assert_inert(app)
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, PastWeekScreen)
            assert "evil" in shown(app)  # the note and the commitment are there, inert
            assert_inert(app)
            await app.action_quit()
    finally:
        services.close()
