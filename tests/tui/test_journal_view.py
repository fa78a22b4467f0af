"""Pilot tests of the read-only view of a journal entry (issue 17, section 4).

Opening an entry shows it first as it is (date, rating, tags, for therapy, the text) without
changing anything; editing is one key away (``e``), deleting asks first, Esc goes back to the
list. The person's words stay plain text there: markup is shown as typed, never run.
"""

from __future__ import annotations

from textual.widgets import DataTable, Footer, Static, TextArea

import rawdb
from hostile import HOSTILE, MARKUP, assert_inert
from trustcheck.core.clock import moment_label
from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.confirm import ConfirmDialog
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.journal import JournalScreen
from trustcheck.tui.screens.journal_editor import DRAFT_DELAY

from .conftest import NOW, run_async, screen_text

SIZE = (120, 40)
PASS = "opensesame"
SECRET = "tangerine7"


def journal_rows(services: Services) -> list[tuple[object, ...]]:
    """Every stored byte of the journal: entries (seal and times) and drafts."""
    conn = rawdb.database(services).conn
    entries = conn.execute(
        "SELECT id, written_at, updated_at, body FROM journal_entries ORDER BY id"
    ).fetchall()
    drafts = conn.execute("SELECT profile_id, saved_at, body FROM journal_drafts").fetchall()
    return [*map(tuple, entries), *map(tuple, drafts)]


def write(services: Services, person: Profile, text: str) -> None:
    services.keys.set_passphrase(person.id, PASS)
    services.journal.add(
        person.id,
        "An older day",
        rating=3,
        written_at=NOW.replace(day=1),
    )
    services.journal.add(
        person.id,
        text,
        rating=7,
        tags=["trust", "sleep"],
        for_therapy=True,
        written_at=NOW.replace(day=2),
    )


@run_async
async def test_opening_an_entry_shows_it_read_only_and_changes_nothing(
    services: Services, solo: list[Profile]
) -> None:
    """Enter on an entry: its date, rating, tags, therapy mark and full text, read-only; the
    stored entry is the same byte for byte after reading it (and a pause past the draft delay),
    no draft is kept, and Esc goes back to the list with the cursor where it was."""
    (robin,) = solo
    text = f"{SECRET} first line\nsecond line of a hard day"
    write(services, robin, text)
    before = journal_rows(services)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # the newest entry
        await pilot.pause()
        assert screen.viewing and not screen.editing
        assert not screen.query(TextArea)  # no editor was even mounted
        shown = screen_text(app)
        newest = max(services.journal.entries(robin.id).entries, key=lambda e: e.written_at)
        assert f"Entry of {moment_label(newest.written_at)}" in shown
        assert "rating 7/10" in shown and "#trust #sleep" in shown and "for therapy" in shown
        assert f"{SECRET} first line" in shown and "second line of a hard day" in shown
        assert "e edits" in shown
        assert "An older day" not in shown  # the list is hidden meanwhile
        # Typing does nothing to it: letters are no edits, and no draft is made.
        await pilot.press(*"xyz", "backspace", "ctrl+s")
        await pilot.pause(DRAFT_DELAY + 0.2)
        assert journal_rows(services) == before
        assert not rawdb.has_draft(services, robin.id)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and not screen.viewing
        assert screen.query_one(DataTable).has_focus
        assert screen.query_one(DataTable).cursor_row == 0
        assert SECRET not in str(screen.query_one("#view-text", Static).render())
        await pilot.press("escape")  # and Esc again closes the journal (locks)
        assert isinstance(app.screen, HomeScreen)
    assert journal_rows(services) == before


@run_async
async def test_editing_is_one_key_away_and_delete_asks_first(
    services: Services, solo: list[Profile]
) -> None:
    (robin,) = solo
    write(services, robin, "Words to edit")
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter", "e")
        assert screen.editing and not screen.viewing
        area = screen.query_one("#entry-text", TextArea)
        assert area.text == "Words to edit"
        area.move_cursor(area.document.end)
        await pilot.press(*", edited", "ctrl+s")
        await pilot.pause()
        texts = sorted(e.text for e in services.journal.entries(robin.id).entries)
        assert texts == ["An older day", "Words to edit, edited"]

        # Delete from the view: asked first; "no" keeps it and stays on it.
        await pilot.press("enter")
        assert screen.viewing
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the focused answer is the safe one
        assert app.screen is screen and screen.viewing
        assert services.journal.count(robin.id) == 2
        await pilot.press("delete")
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen and not screen.viewing
        assert [e.text for e in services.journal.entries(robin.id).entries] == ["An older day"]
        assert "Words to edit" not in screen_text(app)


@run_async
async def test_the_views_footer_offers_edit_before_delete(
    services: Services, solo: list[Profile]
) -> None:
    """Reading an entry, the footer names the gentler action first: ``e Edit`` comes before
    ``del Delete`` (and Esc back to the list is there too)."""
    (robin,) = solo
    write(services, robin, "Words to read")
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.viewing
        keys = [
            (key.key_display, key.description)  # FooterKey: not exported by Textual by name
            for key in screen.query_one(Footer).query("FooterKey")
        ]
        assert ("e", "Edit") in keys and ("del", "Delete") in keys, keys
        assert keys.index(("e", "Edit")) < keys.index(("del", "Delete")), keys
        assert "Back to the list" in [description for _, description in keys]


@run_async
async def test_the_view_shows_private_text_as_plain_text(
    services: Services, solo: list[Profile]
) -> None:
    """Markup in an entry is shown as typed (never a link, a click or a style), and control and
    invisible characters are made visible, in the read-only view as in the list."""
    (robin,) = solo
    write(services, robin, HOSTILE)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.viewing
        assert_inert(app)
        shown = " ".join(screen_text(app).split())
        for part in MARKUP.split():
            assert part in shown, part
        view = screen.view
        assert view is not None and view.entry is not None
        text = screen.query_one("#view-text", Static)
        await pilot.press("ctrl+l")  # the hide key: the view lets go of the text too
        assert isinstance(app.screen, HomeScreen)
        assert "[bold]b[/bold]" not in screen_text(app)
        assert view.entry is None and str(text.render()) == ""
