"""Journal search off the UI thread (issue 13, "fast by design").

Searching and opening a long journal decrypt entries in a worker, a batch at a time: the first
screenful shows at once, matches show as they are found, a newer search takes the place of an
older one, and locking stops a search and drops what it found.

The tests hold the worker between two batches (``Gate``), so what the screen shows while a search
is still under way is checked deterministically, without sleeps.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Iterator

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from trustcheck import messages
from trustcheck.core.clock import moment_label
from trustcheck.core.models import JournalEntry, Profile
from trustcheck.services import Services
from trustcheck.services.journal import BATCH, Listing
from trustcheck.tui.app import TrustcheckApp, build_app
from trustcheck.tui.screens import journal_rows as jr
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.journal import JournalScreen

from .conftest import NOW, run_async, screen_text
from .test_journal import PASS, SIZE, settle

SECRET = "kumquat-drawer-61"  # in matches of a search that is locked midway


class Gate:
    """Stands in for ``JournalService.batches``: the real batches, ``size`` entries each, held
    before the ``hold``-th one until the test opens the gate (only for searches for ``query``,
    when given). Records the thread each batch was opened on."""

    def __init__(
        self, services: Services, size: int, hold: int = 1, query: str | None = None
    ) -> None:
        self.real = services.journal.batches
        self.size = size
        self.hold = hold
        self.query = query
        self.open = threading.Event()
        self.threads: set[int] = set()

    def __call__(
        self, profile_id: int, *, query: str = "", size: int = BATCH, skip: int = 0
    ) -> Iterator[Listing]:
        for n, batch in enumerate(self.real(profile_id, query=query, size=self.size, skip=skip)):
            self.threads.add(threading.get_ident())
            if n == self.hold and self.query in (None, query):
                assert self.open.wait(10), "the test never opened the gate"
            yield batch


def journal_of(services: Services, person: Profile, texts: list[str]) -> None:
    """A passphrase and entries (the first is the oldest), the journal left unlocked."""
    services.keys.set_passphrase(person.id, PASS)
    for n, text in enumerate(texts):
        services.journal.add(person.id, text, written_at=NOW - dt.timedelta(minutes=len(texts) - n))


async def open_journal(app: TrustcheckApp) -> JournalScreen:
    screen = app.screen
    assert isinstance(screen, JournalScreen)
    return screen


def rows(screen: JournalScreen) -> list[str]:
    """The entry text of each row of the table, top to bottom."""
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(n)[-1]) for n in range(table.row_count)]


def search(screen: JournalScreen, words: str) -> None:
    screen.query_one("#search", Input).value = words  # typing is not what is tested


async def searched(app: TrustcheckApp, pilot: Pilot[None], words: str) -> JournalScreen:
    """Search, and wait for the search to be done (its worker starts once the change is seen)."""
    screen = await open_journal(app)
    search(screen, words)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


@run_async
async def test_search_runs_off_the_ui_thread_and_results_arrive_as_they_are_found(
    services: Services, solo: list[Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    (robin,) = solo
    journal_of(services, robin, [f"match {n}" if n % 2 else f"other {n}" for n in range(12)])
    gate = Gate(services, size=4)  # two matches a batch
    monkeypatch.setattr(services.journal, "batches", gate)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = await open_journal(app)
        search(screen, "match")
        await settle(pilot, lambda: rows(screen) == ["match 11", "match 9"])
        # The first batch is on screen; the rest is not found yet, and nothing says "no match".
        assert rows(screen) == ["match 11", "match 9"]
        assert "match 11" in screen_text(app) and "No entries match" not in screen_text(app)
        assert threading.get_ident() not in gate.threads  # decrypted in the worker
        gate.open.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert rows(screen) == [f"match {n}" for n in (11, 9, 7, 5, 3, 1)]
        await searched(app, pilot, "nothing like it")
        assert rows(screen) == [] and "No entries match your search." in screen_text(app)


@run_async
async def test_a_newer_search_supersedes_an_older_one(
    services: Services, solo: list[Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    (robin,) = solo
    journal_of(services, robin, [f"apple {n}" if n % 2 else f"pear {n}" for n in range(12)])
    gate = Gate(services, size=2, query="apple")  # the search for apples stops after one batch
    monkeypatch.setattr(services.journal, "batches", gate)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = await open_journal(app)
        search(screen, "apple")
        await settle(pilot, lambda: rows(screen) == ["apple 11"])
        search(screen, "pear")  # a newer search while the older one is under way
        await settle(pilot, lambda: rows(screen)[:1] == ["pear 10"])
        gate.open.set()  # the older search could go on now: it must not come back
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert rows(screen) == [f"pear {n}" for n in (10, 8, 6, 4, 2, 0)]
        assert "apple" not in screen_text(app)


@run_async
async def test_opening_shows_the_first_screenful_at_once(
    services: Services, solo: list[Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The newest screenful is drawn with the screen, before the worker opens a single batch;
    the rest follows in the background."""
    (robin,) = solo
    journal_of(services, robin, [f"entry {n}" for n in range(300)])
    gate = Gate(services, size=50, hold=0)  # the worker opens nothing until the gate opens
    monkeypatch.setattr(services.journal, "batches", gate)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = await open_journal(app)
        table = screen.query_one(DataTable)
        first = table.row_count
        assert first == table.size.height - 1  # a screenful (no row unseen), not everything
        assert rows(screen)[:2] == ["entry 299", "entry 298"]
        text = screen_text(app)
        assert "entry 299" in text and f"newest {first} of 300" in text
        table.move_cursor(row=first - 5)  # near the end: the rest is asked for, and waited for
        await pilot.pause()
        assert table.row_count == first
        gate.open.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == first + 200
        assert f"newest {first + 200} of 300" in screen_text(app)
        assert rows(screen)[first - 1 : first + 1] == [
            f"entry {300 - first}",
            f"entry {299 - first}",
        ]


@run_async
async def test_locking_during_a_search_drops_its_results(
    services: Services, solo: list[Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    (robin,) = solo
    journal_of(services, robin, [f"{SECRET} {n}" for n in range(8)])
    gate = Gate(services, size=2)
    monkeypatch.setattr(services.journal, "batches", gate)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = await open_journal(app)
        search(screen, "kumquat")
        await settle(pilot, lambda: len(rows(screen)) == 2)
        assert SECRET in screen_text(app)  # so the checks below can fail
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, HomeScreen)
        gate.open.set()  # the search would go on now; the key is gone and the search left
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.entry_list._ids == [] and screen.entry_list._by_id == {}
        assert SECRET not in screen_text(app)
    assert not services.keys.is_unlocked(robin.id)


@run_async
async def test_a_long_search_shows_a_screenful_and_more_as_the_cursor_moves_down(
    services: Services, solo: list[Profile]
) -> None:
    """Each keystroke draws only the matches that can be seen; the list keeps the others' ids,
    not their decrypted text, and opens them again when they are scrolled to."""
    (robin,) = solo
    journal_of(services, robin, [f"entry {n}" for n in range(300)])
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = await searched(app, pilot, "entry")
        table = screen.query_one(DataTable)
        first = table.row_count
        assert table.size.height - 1 <= first < 100  # a screenful
        assert f"newest {first} of 300" in screen_text(app)
        assert len(screen.entry_list._by_id) <= 200  # not all 300 held open
        table.move_cursor(row=first - 5)  # near the end: a page more, opened again by id
        await pilot.pause()
        assert table.row_count == first + 200
        assert rows(screen)[-1] == f"entry {299 - first - 199}"
        assert rows(screen)[first - 1 : first + 1] == [
            f"entry {300 - first}",
            f"entry {299 - first}",
        ]


@run_async
async def test_the_editor_is_mounted_only_when_something_is_written_and_then_works(
    services: Services, solo: list[Profile]
) -> None:
    """Opening the journal draws the list alone (no text area, no fields): the editor comes the
    first time an entry is written or opened, and writes, saves and edits as before."""
    (robin,) = solo
    journal_of(services, robin, ["an older day"])
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = await open_journal(app)
        assert screen.editor is None and not screen.query(TextArea) and not screen.query("#rating")
        await pilot.press("ctrl+n", *"a new day")  # the keys after ctrl+n land in the editor
        area = screen.query_one("#entry-text", TextArea)
        assert screen.editing and area.has_focus and area.text == "a new day"
        screen.query_one("#rating", Input).value = "6"
        await pilot.press("ctrl+s")
        assert not screen.editing and rows(screen) == ["a new day", "an older day"]
        assert [(e.text, e.rating) for e in services.journal.entries(robin.id).entries] == [
            ("a new day", 6),
            ("an older day", None),
        ]
        await pilot.press("down", "enter", "e")  # the same editor, mounted once, opens an entry
        assert screen.editing and len(screen.query(TextArea)) == 1
        assert screen.query_one("#entry-text", TextArea).text == "an older day"
        await pilot.press("escape")
        assert not screen.editing and "an older day" in screen_text(app)


@run_async
async def test_the_table_keeps_its_height_while_a_search_is_under_way(
    services: Services, solo: list[Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line under a long list stays (blank while the total is not known): matches coming in
    redraw the rows, not the whole screen laid out again."""
    (robin,) = solo
    journal_of(services, robin, [f"entry {n}" for n in range(300)])
    gate = Gate(services, size=50, query="entry")
    monkeypatch.setattr(services.journal, "batches", gate)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = await open_journal(app)
        table = screen.query_one(DataTable)
        height = table.size.height
        assert "of 300" in screen_text(app)
        search(screen, "entry")
        await settle(pilot, lambda: "of 300" not in screen_text(app))  # the first matches came
        assert rows(screen)[:1] == ["entry 299"] and screen.entry_list._total == 0
        assert table.size.height == height
        gate.open.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.size.height == height and f"newest {table.row_count} of 300" in (
            screen_text(app)
        )


def test_a_row_is_two_cells_that_look_like_the_five_columns() -> None:
    """Date, rating, tags and the therapy mark are one cell (the table draws two cells a row, not
    five), each part in its own place, cut to its width in cells (wide characters too)."""
    entry = JournalEntry(
        1, 1, NOW, "first line\nsecond", 7, ("walk", "猫猫猫猫猫猫猫猫"), for_therapy=True
    )
    meta, text = jr.cells(entry, 30)
    assert str(text) == "first line"
    line = str(meta)
    assert cell_len(line) == jr.META_WIDTH
    date_end = jr.DATE_WIDTH
    rating_end = date_end + 2 + jr.RATING_WIDTH
    tags_end = rating_end + 2 + jr.TAGS_WIDTH
    assert line[:date_end].rstrip() == moment_label(NOW)[: jr.DATE_WIDTH]
    assert line[date_end:rating_end] == "       7"  # two spaces, then right-aligned in six
    tags = line[rating_end + 2 :].split("  ")[0]
    assert tags.startswith("#walk #") and cell_len(tags) <= jr.TAGS_WIDTH
    assert line.endswith("  " + messages.JOURNAL_THERAPY_MARK)
    assert cell_len(line[: line.rindex(messages.JOURNAL_THERAPY_MARK)]) == tags_end + 2


@run_async
async def test_hiding_while_the_editor_is_on_its_way_locks_and_leaves(
    services: Services, solo: list[Profile]
) -> None:
    """The hide key while the editor is being mounted for the first time: the journal closes,
    locked; the editor, once there, opens nothing, and nothing waits forever."""
    (robin,) = solo
    journal_of(services, robin, [SECRET])
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = await open_journal(app)
        writing = asyncio.create_task(screen.action_new())  # as ctrl+n does
        await asyncio.sleep(0)
        assert screen.editing and screen.editor is None  # on its way: the list's keys are off
        app.action_hide()
        await asyncio.wait_for(writing, 10)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not services.keys.is_unlocked(robin.id) and not screen.editing
        assert SECRET not in screen_text(app)


@run_async
async def test_the_search_box_finds_as_the_command_line_does(
    services: Services, solo: list[Profile]
) -> None:
    """Issue 17 §4: ``#tag`` finds a tag (in any case), and every other word must appear, in any
    order, in the text or a tag: the rules of ``journal list --contains --tag``."""
    (robin,) = solo
    services.keys.set_passphrase(robin.id, PASS)
    for n, (text, tags) in enumerate(
        (
            ("Late walk by the river, we talked.", ["trust"]),
            ("Talked late about money.", ["Money"]),
            ("A late talk about trust.", []),
        )
    ):
        services.journal.add(robin.id, text, tags=tags, written_at=NOW - dt.timedelta(hours=3 - n))
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = await searched(app, pilot, "#trust")
        assert rows(screen) == ["Late walk by the river, we talked."]
        await searched(app, pilot, "trust late")  # words: the text or a tag, any order
        assert rows(screen) == ["A late talk about trust.", "Late walk by the river, we talked."]
        await searched(app, pilot, "#MONEY talked")
        assert rows(screen) == ["Talked late about money."]
        await searched(app, pilot, "#money river")
        assert rows(screen) == []
