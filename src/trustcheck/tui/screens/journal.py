"""The private journal of one person, open only while their key is unlocked.

Locking (hide key, idle time, leaving) forgets the key and empties every widget that held
decrypted text before the screen goes, and drops the screen's own references to entries.

An entry being written is never lost (issue 12, section 6): about a second after the last change,
and again before the key is forgotten (idle lock, hide key, quit, terminal closed, crash), what is
in the editor is sealed with its author's key and kept as their draft. Opening the journal again
reopens it in the editor; saving makes it an ordinary entry.
"""

from __future__ import annotations

import threading
import time
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Checkbox, DataTable, Footer, Input, Static, TextArea
from textual.widgets.data_table import ColumnKey
from textual.worker import get_current_worker

from trustcheck import messages
from trustcheck.core.clock import moment_label, week_label
from trustcheck.core.models import JournalEntry, Profile
from trustcheck.core.text import visible_controls
from trustcheck.services import Services
from trustcheck.services.checkin import PrivateAnswer
from trustcheck.services.errors import CryptoError
from trustcheck.services.journal import (
    Draft,
    JournalConflict,
    JournalError,
    Listing,
    clean_tags,
    parse_rating,
)
from trustcheck.tui.screens.confirm import ConfirmDialog
from trustcheck.tui.text import plain, say
from trustcheck.tui.widgets.fields import EditorArea, LineInput, TagsInput
from trustcheck.tui.widgets.marks import MarkedCheckbox

IDLE_DEFAULT = 300.0
PAGE = 200  # rows added to the table at a time: opening 10,000 entries costs as much as 200
# Opening shows the newest screenful at once (the terminal's height less CHROME_LINES entries,
# never fewer than FIRST_PAGE_MIN) and opens the rest REST_DELAY seconds later, or sooner when
# the cursor or a search needs them: with 10,000 entries the first frame reads, decrypts and
# draws about as much as with a screenful (DESIGN.md, speed budgets).
FIRST_PAGE_MIN = 20
# Lines that are never table rows: the title and note (2, more when they wrap), the padding and
# margins (3), the search field (3), the table's header (1) and the footer (1). The table shows
# at most height - CHROME_LINES rows (one fewer while the "Showing the newest ..." line is there).
CHROME_LINES = 10
REST_DELAY = 0.3
# The worker group that opens and searches the entries: one at a time per screen.
LISTING = "journal-listing"
# How often (seconds) the worker, waiting for the screen to take a batch, looks whether it was left.
TAKEN_POLL = 0.1
# Seconds after the last change in the editor before it is kept as a sealed draft.
DRAFT_DELAY = 1.0
# Fixed column widths: the columns never change width as rows come in (no re-layout, no redraw),
# and a journal with 10 entries draws the same columns as one with 10,000.
DATE_WIDTH = 17
RATING_WIDTH = 6
TAGS_WIDTH = 14
THERAPY_WIDTH = 1
# The other columns, the cell padding, the journal's padding and the scrollbar.
FIXED_WIDTH = DATE_WIDTH + RATING_WIDTH + TAGS_WIDTH + THERAPY_WIDTH + 5 * 2 + 2 + 4


def idle_seconds(services: Services) -> float:
    """The idle time after which an open journal locks itself (setting, default 5 minutes)."""
    value = services.packs.idle_lock_seconds()
    return IDLE_DEFAULT if value is None else value


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


class Cell:
    """One line of plain text in a table cell, drawn as one segment and cut to the column.

    The table renders each visible cell through Rich: a ``Text`` is wrapped, justified and
    measured there on every draw; this is already one line (never markup), so it costs little.
    """

    __slots__ = ("style", "text", "width")

    def __init__(self, text: str, style: Style | None = None) -> None:
        self.text = text.replace("\t", " ")
        self.style = style
        self.width = cell_len(self.text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        yield Segment(
            self.text if self.width <= width else set_cell_size(self.text, width), self.style
        )

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width)

    def __str__(self) -> str:
        return self.text


DIM = Style(dim=True)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


class Found(Message):
    """A batch of entries the listing worker opened (``batch`` None: it is done)."""

    def __init__(self, search: int, batch: Listing | None) -> None:
        super().__init__()
        self.search = search  # which opening or search found it (see ``JournalScreen.reload``)
        self.batch = batch
        self.taken = threading.Event()  # set once the screen has shown it


class JournalScreen(Screen[None]):
    DEFAULT_CSS = """
    JournalScreen #journal {
        padding: 0 2;
    }
    JournalScreen #head {
        height: auto;
        padding-top: 1;
    }
    JournalScreen #lock-note, JournalScreen #more, JournalScreen #empty {
        color: $text-muted;
    }
    JournalScreen #damaged {
        color: $warning;
    }
    JournalScreen #search {
        margin: 1 0 0 0;
    }
    JournalScreen DataTable {
        height: 1fr;
        margin-top: 1;
    }
    JournalScreen #editor {
        padding: 1 2 0 2;
    }
    JournalScreen #editor TextArea {
        height: 1fr;
        min-height: 4;
        margin-top: 1;
    }
    JournalScreen #meta {
        height: auto;
        margin-top: 1;
    }
    JournalScreen #meta .label {
        width: auto;
        padding: 1 1 0 0;
        color: $text-muted;
    }
    JournalScreen #rating {
        width: 10;
        margin-right: 2;
    }
    JournalScreen #tags {
        width: 1fr;
        min-width: 12;
        margin-right: 2;
    }
    JournalScreen Checkbox {
        width: auto;
        margin-top: 0;
    }
    JournalScreen #error {
        color: $error;
        height: auto;
    }
    JournalScreen #draft-note {
        color: $warning;
        height: auto;
    }
    JournalScreen #private {
        padding: 1 2 0 2;
    }
    JournalScreen #private-note {
        color: $text-muted;
        margin-bottom: 1;
    }
    """

    # The table has focus from compose on, so the first frame draws it focused: focusing it in
    # on_mount (after the search field took auto focus) restyled and redrew every row again.
    AUTO_FOCUS = "#entries"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "New entry"),
        Binding("delete", "delete", "Delete", key_display="del"),
        Binding("slash,ctrl+f", "search", "Search", key_display="/"),
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "back", "Close (locks)"),
        Binding("escape", "cancel_edit", "Cancel"),
        Binding("p", "private", messages.JOURNAL_PRIVATE_KEY),
        Binding("p,escape", "entries", messages.JOURNAL_PRIVATE_BACK, key_display="p"),
        Binding("f1", "app.help", "Help", show=False),
    ]

    def __init__(self, services: Services, profile: Profile) -> None:
        super().__init__()
        self.services = services
        self.profile = profile
        self.editing = False
        self.reading_private = False  # the private check-in answers are shown, not the entries
        self._entries: list[JournalEntry] = []
        self._by_id: dict[int, JournalEntry] = {}
        self._shown = 0
        self._text_width = 0
        self._edited: JournalEntry | None = None
        self._idle_limit = idle_seconds(services)
        self._last_activity = time.monotonic()
        self._idle_timer: Timer | None = None
        self._total = 0  # entries in the journal, also while only the first page is open
        self._complete = True  # False while entries are still being opened or searched
        self._damaged = 0  # entries that did not open, of those opened so far
        self._query = ""  # the search the entries shown were found by
        self._listing = 0  # the opening or search under way; batches of any other are dropped
        self._listing_running = False
        self._fresh = True  # False until a new search's first batch replaces the rows shown
        self._select: int | None = None  # an entry to put the cursor on once it is found
        self._rest_timer: Timer | None = None
        self._draft_timer: Timer | None = None
        # Whether the stored draft is this editor's (kept here, or reopened here): only then
        # may this screen let it go. Another window's draft is left alone.
        self._draft_is_mine = False

    # --- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="journal"):
            with Vertical(id="head"):
                yield Static(say(messages.JOURNAL_TITLE, name=self.profile.name), classes="title")
                yield Static(messages.JOURNAL_LOCK_NOTE, id="lock-note", markup=False)
            yield LineInput(placeholder=messages.JOURNAL_SEARCH, id="search")
            yield Static("", id="damaged")
            yield DataTable[Cell](id="entries", cursor_type="row", zebra_stripes=True)
            yield Static("", id="more")
            yield Static("", id="empty")
        with Vertical(id="editor"):
            yield Static("", id="editor-title", classes="title")
            yield Static("", id="draft-note")
            yield EditorArea(id="entry-text", soft_wrap=True, show_line_numbers=False)
            with Horizontal(id="meta"):
                yield Static(messages.ENTRY_RATING, classes="label", markup=False)
                # Any text: a rating that is not a whole number 0–10 is named on saving and
                # nothing is saved (a filter would quietly turn "abc12" into 1).
                yield LineInput(placeholder=messages.ENTRY_RATING_PLACEHOLDER, id="rating")
                yield Static(messages.ENTRY_TAGS, classes="label", markup=False)
                yield TagsInput(placeholder=messages.ENTRY_TAGS_PLACEHOLDER, id="tags")
                yield MarkedCheckbox(messages.ENTRY_THERAPY, id="therapy")
            yield Static("", id="error")
        yield Footer()

    def on_mount(self) -> None:
        if not self.services.keys.is_unlocked(self.profile.id):
            self.app.pop_screen()  # never shown without its owner's key
            return
        table = self.query_one(DataTable)
        self._text_width = self._width_for_text()
        table.add_column(Text(messages.JOURNAL_COL_DATE), key="date", width=DATE_WIDTH)
        table.add_column(Text(messages.JOURNAL_COL_RATING), key="rating", width=RATING_WIDTH)
        table.add_column(Text(messages.JOURNAL_COL_TAGS), key="tags", width=TAGS_WIDTH)
        table.add_column(Text(messages.JOURNAL_THERAPY_MARK), key="therapy", width=THERAPY_WIDTH)
        table.add_column(Text(messages.JOURNAL_COL_TEXT), key="text", width=self._text_width)
        self.query_one("#editor").display = False
        self.reload()
        if not table.display:  # no entries: the search field has the focus, as before
            self.query_one("#search", Input).focus()
        self._idle_timer = self.set_interval(min(1.0, self._idle_limit / 4), self._check_idle)
        self._reopen_draft()

    def _reopen_draft(self) -> None:
        """An entry kept when the journal last locked, quit or crashed: back in the editor."""
        journal = self.services.journal
        draft = journal.draft(self.profile.id)
        if draft is None:
            return
        entry = None
        if draft.entry_id is not None:
            # The entry it edits; if that went meanwhile, the words come back as a new entry.
            entry = journal.entry(self.profile.id, draft.entry_id)
        self._open_editor(entry)
        self._draft_is_mine = True
        self.query_one("#entry-text", TextArea).load_text(draft.text)
        self.query_one("#rating", Input).value = draft.rating
        self.query_one("#tags", Input).value = draft.tags
        self.query_one("#therapy", Checkbox).value = draft.for_therapy
        self.query_one("#draft-note", Static).update(plain(messages.JOURNAL_DRAFT_KEPT))
        self.query_one("#draft-note", Static).display = True

    def _width_for_text(self) -> int:
        return max(16, self.app.size.width - FIXED_WIDTH)

    def _first_page(self) -> int:
        """How many entries the first frame shows: the rows the table can show, or a few more."""
        return max(FIRST_PAGE_MIN, self.app.size.height - CHROME_LINES)

    def on_resize(self, event: Resize) -> None:
        width = self._width_for_text()
        if width != self._text_width and not self.editing and self._entries:
            self._text_width = width
            self.query_one(DataTable).columns[ColumnKey("text")].width = width
            self._fill_table(keep_cursor=True)

    # --- listing ------------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        """Open the entries again (with the search applied) and show them, newest first.

        Without a search, the newest screenful (``_first_page``) opens at once, on this thread:
        it is small. Everything else opens in a worker, a batch at a time, and shows as it comes
        (``_found``): the rest just after the first frame (``_open_rest``), and a search's
        matches at once, in place of the rows shown until its first batch arrives. A newer
        search, or locking, leaves the one under way: its batches are dropped unseen.
        """
        query = self.query_one("#search", Input).value
        self._stop_rest()
        self._stop_listing()
        self._query = query
        self._select = select
        if query.strip():
            self._complete = False
            self._fresh = False  # the rows shown stay until the search's first batch replaces them
            self._total = 0  # not known until the search is done
            self._listen(query)
            return
        journal = self.services.journal
        limit = self._first_page()
        listing = journal.entries(self.profile.id, limit=limit)
        self._fresh = True
        self._complete = len(listing.entries) + len(listing.damaged) < limit
        self._total = len(listing.entries) if self._complete else journal.count(self.profile.id)
        self._entries = listing.entries
        self._by_id = {e.id: e for e in listing.entries}
        self._damaged = len(listing.damaged)
        self._show_notes()
        self._fill_table(select=select)
        if select is not None and select in self._by_id:
            self._select = None
        if not self._complete:
            if self._select is not None:  # the saved entry is further down: open the rest now
                self._open_rest()
            else:
                self._rest_timer = self.set_timer(REST_DELAY, self._open_rest)

    def _stop_rest(self) -> None:
        if self._rest_timer is not None:
            self._rest_timer.stop()
            self._rest_timer = None

    def _stop_listing(self) -> None:
        """Leave the opening or search under way: whatever it still finds is dropped unseen."""
        self._listing += 1
        self._listing_running = False
        self.workers.cancel_group(self, LISTING)

    def _open_rest(self) -> None:
        """Open the entries after the first screenful in the worker (timer, cursor near the end)."""
        self._stop_rest()
        if self._complete or self._query.strip() or not self.is_attached:
            return
        if not self._listing_running:
            self._listen("", skip=len(self._entries) + self._damaged)

    def _listen(self, query: str, skip: int = 0) -> None:
        """Start the worker that opens (and searches) the entries, newest first."""
        self._listing_running = True
        self._find(self._listing, query, skip)

    @work(thread=True, exclusive=True, exit_on_error=False, group=LISTING)
    def _find(self, listing: int, query: str, skip: int) -> None:
        """The worker: opens the entries a batch at a time and posts each batch to the screen.

        It stops between batches once it is left (a newer search, locking, the screen gone) and
        when the key goes. What it opens is only ever in memory.
        """
        worker = get_current_worker()

        def left() -> bool:
            return worker.is_cancelled

        batches = self.services.journal.batches(self.profile.id, query=query, skip=skip)
        try:
            for batch in batches:
                found = Found(listing, batch)
                if left() or not self.post_message(found):
                    return
                # One batch at a time: the next is opened once the screen has drawn this one,
                # so the two threads do not contend while the screen draws.
                while not found.taken.wait(TAKEN_POLL):
                    if left():
                        return
        except CryptoError:  # locked meanwhile: nothing more is opened
            return
        if not left():
            self.post_message(Found(listing, None))

    @on(Found)
    def _found(self, message: Found) -> None:
        """A batch from the worker (or its end): the rows come in, up to a page, as they are found.

        A batch of a search that was left, or of a journal locked since, is dropped unseen.
        """
        self.call_after_refresh(message.taken.set)
        if message.search != self._listing or not self.is_attached:
            return
        if not self._fresh:  # a new search's first batch: the rows of the one before go
            self._fresh = True
            self._entries = []
            self._by_id = {}
            self._damaged = 0
            self._shown = 0
            self.query_one(DataTable).clear()
        batch = message.batch
        if batch is None:
            self._complete = True
            self._listing_running = False
            self._total = len(self._entries)
        else:
            new = [e for e in batch.entries if e.id not in self._by_id]
            self._entries.extend(new)
            self._by_id.update((e.id, e) for e in new)
            self._damaged += len(batch.damaged)
        self._show_notes()
        table = self.query_one(DataTable)
        # Up to a screenful more rows a batch (each batch is drawn before the next is opened),
        # and a full page once all are found.
        want = PAGE if batch is None else min(PAGE, self._shown + self._first_page())
        target = None
        if self._select is not None and self._select in self._by_id:
            target = next(n for n, e in enumerate(self._entries) if e.id == self._select)
            want = max(want, target + 1)
            self._select = None
        if self._shown < want or batch is None:
            self._add_rows(max(0, want - self._shown))
        if table.display != bool(self._entries):
            table.display = bool(self._entries)
        if target is not None:
            table.move_cursor(row=target, animate=False)

    def _show_notes(self) -> None:
        """The lines above and below the table: entries that did not open, none found."""
        damaged = self._damaged
        self._note(
            "#damaged",
            None
            if not damaged
            else plain(messages.JOURNAL_DAMAGED_ONE)
            if damaged == 1
            else say(messages.JOURNAL_DAMAGED_MANY, n=str(damaged)),
        )
        none = None
        if not self._entries and self._complete:
            searching = bool(self._query.strip())
            none = plain(messages.JOURNAL_NO_MATCHES if searching else messages.JOURNAL_NO_ENTRIES)
        self._note("#empty", none)

    def _note(self, selector: str, content: Content | None) -> None:
        """Show one line above or below the table (None: hide it). A line that stays as it is
        is left alone: each change lays the screen out again, and batches come often."""
        line = self.query_one(selector, Static)
        if content is not None and content != line.content:
            line.update(content)
        if line.display != (content is not None):
            line.display = content is not None

    def _fill_table(self, *, keep_cursor: bool = False, select: int | None = None) -> None:
        table = self.query_one(DataTable)
        cursor = table.cursor_row if keep_cursor else 0
        table.clear()
        self._shown = 0
        target = 0
        if select is not None:
            target = next((n for n, e in enumerate(self._entries) if e.id == select), 0)
        self._add_rows(max(PAGE, cursor + 1, target + 1))
        table.display = bool(self._entries)
        if self._entries:
            table.move_cursor(row=target if select is not None else cursor, animate=False)

    def _add_rows(self, count: int) -> None:
        table = self.query_one(DataTable)
        page = self._entries[self._shown : self._shown + count]
        for entry in page:
            table.add_row(*self._cells(entry), key=str(entry.id))
        self._shown += len(page)
        total = len(self._entries) if self._complete else max(self._total, self._shown)
        more = say(messages.JOURNAL_MORE, shown=str(self._shown), total=str(total))
        self._note("#more", more if self._shown < total else None)

    def _cells(self, entry: JournalEntry) -> tuple[Cell, ...]:
        """One row's cells, ready to draw: plain text (never markup), cut to its column."""
        tags = " ".join(f"#{t}" for t in entry.tags)
        rating = messages.JOURNAL_NO_RATING if entry.rating is None else str(entry.rating)
        therapy = messages.JOURNAL_THERAPY_MARK if entry.for_therapy else ""
        text = _cut(visible_controls(first_line(entry.text)), self._text_width)
        return (
            Cell(moment_label(entry.written_at), DIM),
            Cell(rating.rjust(RATING_WIDTH)),
            Cell(_cut(visible_controls(tags), TAGS_WIDTH)),
            Cell(therapy),
            Cell(text),
        )

    @on(DataTable.RowHighlighted)
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row < self._shown - 10:
            return
        if not self._complete:
            self._open_rest()  # the worker fills the table up to a page as the entries open
        if event.cursor_row >= self._shown - 10 and self._shown < len(self._entries):
            self._add_rows(PAGE)

    @on(Input.Changed, "#search")
    def _search(self) -> None:
        self.reload()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(DataTable).focus()

    def _highlighted(self) -> JournalEntry | None:
        table = self.query_one(DataTable)
        if not self._entries or table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self._by_id.get(int(str(row_key.value)))

    # --- private check-in answers -------------------------------------------------------------
    def action_private(self) -> None:
        """Show the private answers this person kept in check-ins (read-only), not the entries.

        The section is mounted only while shown (opening the journal costs nothing more) and
        removed, with the decrypted answers, when going back or locking.
        """
        try:
            answers = self.services.checkins.private_answers(self.profile.id)
        except CryptoError:  # locked meanwhile (e.g. idle)
            return
        self.reading_private = True
        self.query_one("#journal").display = False
        section = VerticalScroll(
            Static(messages.JOURNAL_PRIVATE_TITLE, classes="title", markup=False),
            Static(messages.JOURNAL_PRIVATE_NOTE, id="private-note", markup=False),
            Static(private_text(answers), id="private-list", markup=False),
            id="private",
        )
        self.mount(section, before=self.query_one(Footer))
        section.focus()
        self.refresh_bindings()

    def action_entries(self) -> None:
        """Back from the private answers to the entries; the answers are let go of."""
        self._drop_private()
        self.query_one("#journal").display = True
        table = self.query_one(DataTable)
        (table if table.display else self.query_one("#search", Input)).focus()
        self.refresh_bindings()

    def _drop_private(self) -> None:
        self.reading_private = False
        for section in self.query("#private"):
            # p twice in quick succession: the section may not have mounted its list yet.
            for answers in section.query("#private-list").results(Static):
                answers.update("")
            section.remove()

    # --- writing ------------------------------------------------------------------------------
    def _open_editor(self, entry: JournalEntry | None) -> None:
        self._edited = entry
        self.editing = True
        title = (
            messages.ENTRY_NEW
            if entry is None
            else messages.ENTRY_EDIT.format(date=moment_label(entry.written_at))
        )
        self.query_one("#editor-title", Static).update(plain(title))
        self.query_one("#entry-text", TextArea).load_text("" if entry is None else entry.text)
        rating = "" if entry is None or entry.rating is None else str(entry.rating)
        self.query_one("#rating", Input).value = rating
        self.query_one("#tags", Input).value = "" if entry is None else ", ".join(entry.tags)
        self.query_one("#therapy", Checkbox).value = entry is not None and entry.for_therapy
        self.query_one("#error", Static).update("")
        self.query_one("#draft-note", Static).display = False
        self.query_one("#journal").display = False
        self.query_one("#editor").display = True
        self.query_one("#entry-text", TextArea).focus()
        self.refresh_bindings()

    def _close_editor(self, select: int | None = None) -> None:
        self._clear_editor()
        self.editing = False
        self.query_one("#editor").display = False
        self.query_one("#journal").display = True
        self.reload(select=select)
        self.query_one(DataTable).focus()
        self.refresh_bindings()

    def _clear_editor(self) -> None:
        self._stop_draft_timer()
        self._edited = None
        self.query_one("#entry-text", TextArea).load_text("")  # also clears the undo history
        self.query_one("#rating", Input).value = ""
        self.query_one("#tags", Input).value = ""
        self.query_one("#therapy", Checkbox).value = False

    def _in_editor(self) -> Draft:
        """What the editor holds now, as it would be kept."""
        entry = self._edited
        return Draft(
            text=self.query_one("#entry-text", TextArea).text,
            rating=self.query_one("#rating", Input).value,
            tags=self.query_one("#tags", Input).value,
            for_therapy=self.query_one("#therapy", Checkbox).value,
            entry_id=None if entry is None else entry.id,
        )

    def _changed(self) -> bool:
        """Whether the editor holds anything its entry (or an empty new one) does not."""
        now = self._in_editor()
        entry = self._edited
        if entry is None:
            return bool(now.text.strip() or now.rating.strip() or now.tags.strip()) or (
                now.for_therapy
            )
        rating = "" if entry.rating is None else str(entry.rating)
        try:
            tags = clean_tags(now.tags.split(","))  # as saving would store them
        except JournalError:
            return True  # tags that could not be saved as they are: not what is stored
        return (
            now.text.strip() != entry.text.strip()
            or now.rating.strip() != rating
            or tags != entry.tags
            or now.for_therapy != entry.for_therapy
        )

    # --- the draft ----------------------------------------------------------------------------
    @on(TextArea.Changed, "#entry-text")
    @on(Input.Changed, "#rating")
    @on(Input.Changed, "#tags")
    @on(Checkbox.Changed, "#therapy")
    def _edited_now(self) -> None:
        """A change in the editor: it is kept as a draft DRAFT_DELAY seconds after the last one."""
        if not self.editing:
            return
        self._stop_draft_timer()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.keep_draft)

    def _stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def keep_draft(self) -> None:
        """Seal what is being written as its author's draft (nothing changed: no draft).

        Called after a pause in typing and on every way out while the key is still unlocked:
        idle lock, hide key, quit, terminal closed, crash. Never raises: it runs on the way out.
        """
        self._stop_draft_timer()
        if not self.editing or not self.services.keys.is_unlocked(self.profile.id):
            return
        journal = self.services.journal
        try:
            if self._changed():
                journal.keep_draft(self.profile.id, self._in_editor())
                self._draft_is_mine = True
            elif self._draft_is_mine:  # changed back to what was saved
                journal.drop_draft(self.profile.id)
                self._draft_is_mine = False
        except (CryptoError, NoMatches):  # locked meanwhile, or the editor is already gone
            return

    def action_new(self) -> None:
        self._open_editor(None)

    @on(DataTable.RowSelected)
    def action_edit(self) -> None:
        entry = self._highlighted()
        if entry is not None:
            self._open_editor(entry)

    def action_save(self) -> None:
        text = self.query_one("#entry-text", TextArea).text
        raw_rating = self.query_one("#rating", Input).value.strip()
        tags = self.query_one("#tags", Input).value.split(",")
        therapy = self.query_one("#therapy", Checkbox).value
        error = self.query_one("#error", Static)
        try:
            rating = parse_rating(raw_rating)
            journal = self.services.journal
            if self._edited is None:
                saved = journal.add(
                    self.profile.id,
                    text,
                    rating=rating,
                    tags=tags,
                    for_therapy=therapy,
                    from_draft=self._draft_is_mine,
                )
            else:
                saved = journal.update(
                    self._edited,
                    text,
                    rating=rating,
                    tags=tags,
                    for_therapy=therapy,
                    from_draft=self._draft_is_mine,
                )
        except JournalError as exc:  # the entry stays in the editor, as typed
            error.update(plain(_sentence(str(exc))))
            return
        except CryptoError:  # locked meanwhile (e.g. idle): nothing more to do here
            return
        self._draft_is_mine = False  # saved: the draft went in the same transaction
        self._close_editor(select=saved.id)
        self.app.notify(messages.ENTRY_SAVED, markup=False, timeout=2)

    def action_cancel_edit(self) -> None:
        if not self._changed():
            self._leave_editor()
            return

        def decided(leave: bool | None) -> None:
            if leave:
                self._leave_editor()

        self.app.push_screen(
            ConfirmDialog(
                messages.ENTRY_DISCARD_QUESTION,
                messages.ENTRY_DISCARD_YES,
                messages.ENTRY_DISCARD_NO,
            ),
            decided,
        )

    def _leave_editor(self) -> None:
        """Leave without saving, as the person chose: a kept draft of it goes too."""
        self._stop_draft_timer()
        try:
            if self._draft_is_mine:
                self.services.journal.drop_draft(self.profile.id)
        finally:
            self._draft_is_mine = False
            self._close_editor()

    def action_delete(self) -> None:
        entry = self._highlighted()
        if entry is None:
            return
        entry_id = entry.id

        def decided(delete: bool | None) -> None:
            target = self._by_id.get(entry_id)
            if not delete or target is None:
                return
            try:
                self.services.journal.delete(target)
            except JournalConflict as exc:  # changed in another window: show it, keep it
                self.reload()
                self.app.notify(str(exc), severity="warning", markup=False)
                return
            except CryptoError:  # locked meanwhile (e.g. idle)
                return
            self.reload()
            self.app.notify(messages.ENTRY_DELETED, markup=False, timeout=2)

        date = moment_label(entry.written_at)
        self.app.push_screen(
            ConfirmDialog(
                messages.ENTRY_DELETE_QUESTION.format(date=date),
                messages.ENTRY_DELETE_YES,
                messages.ENTRY_DELETE_NO,
            ),
            decided,
        )

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "cancel_edit"):
            return self.editing
        if action == "entries":
            return self.reading_private
        if action in ("new", "delete", "search", "back", "private"):
            if self.editing or self.reading_private:
                return False
            if action == "delete" and not self._entries:
                return None
        return True

    # --- locking ------------------------------------------------------------------------------
    def touch(self) -> None:
        """A key or mouse event somewhere in the app: the idle countdown starts again."""
        self._last_activity = time.monotonic()

    def _check_idle(self) -> None:
        if time.monotonic() - self._last_activity >= self._idle_limit:
            self.lock_and_leave()
            self.app.notify(messages.JOURNAL_IDLE_LOCKED, markup=False)

    def lock_journal(self) -> None:
        """Keep what is being written as a sealed draft, then forget the key and every piece of
        decrypted text this screen holds. Idempotent."""
        self.keep_draft()
        self.editing = False
        self.services.keys.lock(self.profile.id)
        if self._idle_timer is not None:
            self._idle_timer.stop()
            self._idle_timer = None
        self._stop_rest()
        self._stop_listing()  # a search under way stops; what it still finds is dropped
        self._complete = True
        self._entries = []
        self._by_id = {}
        self._edited = None
        if not self.is_attached:
            return
        self.query_one(DataTable).clear()
        self._drop_private()
        self._clear_editor()
        search = self.query_one("#search", Input)
        with search.prevent(Input.Changed):
            search.value = ""
        self._note("#more", None)
        self.query_one("#error", Static).update("")

    def lock_and_leave(self) -> None:
        """Lock, then close this screen and anything opened over it (e.g. a confirmation)."""
        self.lock_journal()
        app = self.app
        if self not in app.screen_stack:
            return
        while app.screen is not self:
            app.pop_screen()
        app.pop_screen()

    def action_back(self) -> None:
        self.lock_and_leave()

    def on_unmount(self) -> None:
        # However the screen goes (a key, the app closing), the journal is locked behind it.
        self.services.keys.lock(self.profile.id)
        self._stop_listing()
        self._entries = []
        self._by_id = {}
        self._edited = None


def private_text(answers: list[PrivateAnswer]) -> Text:
    """Private check-in answers, newest first: week (and module), prompt, answer. Plain text."""
    if not answers:
        return Text(messages.JOURNAL_PRIVATE_NONE, style="dim", end="")
    out = Text(end="")
    for n, answer in enumerate(reversed(answers)):
        if n:
            out.append("\n\n")
        head = week_label(answer.week)
        head = head[:1].upper() + head[1:]
        if answer.module:
            head = f"{head} · {answer.module}"
        out.append(visible_controls(head), style="bold")
        out.append("\n")
        out.append(visible_controls(answer.prompt), style="italic")
        out.append("\n")
        if answer.text is None:
            out.append(messages.JOURNAL_PRIVATE_DAMAGED, style="bold")
        else:
            out.append(visible_controls(answer.text))
    return out
