"""The list half of the journal screen: the entries, newest first, and the search over them.

Entries are opened (decrypted, in memory only) in a worker, a batch at a time, and shown as they
come, so neither opening a long journal nor typing a search holds up the screen. Only the newest
screenful opens on the UI thread, with the screen, so its first frame already shows it.

The list keeps the ids of every entry listed (or found), but the opened entries of only the first
page and of the rows shown: a row further down is opened again when it is scrolled to. So a long
journal's decrypted text is not all held in memory, and each search leaves little behind.

A little over 400 lines: opening in batches, searching and paging all work on one listing (which
entries are listed, which are open, which worker is still finding), so they stay together.
"""

from __future__ import annotations

import threading
from contextlib import closing

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import ColumnKey
from textual.worker import get_current_worker

from trustcheck import messages
from trustcheck.core.models import JournalEntry, Profile
from trustcheck.services import Services
from trustcheck.services.errors import CryptoError
from trustcheck.tui.screens.journal_rows import Cell, Parts, add_columns, cells, text_width
from trustcheck.tui.text import plain, say
from trustcheck.tui.widgets.fields import LineInput

# The list shows a screenful (the terminal's height less CHROME_LINES and the line under the
# table, never fewer than FIRST_PAGE_MIN), and PAGE rows more each time the cursor comes near its
# end. Opening shows the newest screenful at once and opens the rest REST_DELAY seconds later, or
# sooner when the cursor needs them, in the worker: the first frame reads, decrypts and draws about
# as much with 10,000 entries as with a screenful, and so does each keystroke of a search
# (DESIGN.md, speed budgets).
PAGE = 200
FIRST_PAGE_MIN = 20
# Lines that are never table rows: the title and note (2, more when they wrap), the padding and
# margins (3), the search field (3), the table's header (1) and the footer (1). The table shows
# at most height - CHROME_LINES rows (one fewer while the "Showing the newest ..." line is there).
CHROME_LINES = 10
REST_DELAY = 0.3
# The worker group that opens and searches the entries: one at a time per list.
LISTING = "journal-listing"
# The line under the table while a search is under way: there, so the table keeps its height.
BLANK = Content(" ")
# How often (seconds) the worker, waiting for the list to take a batch, looks whether it was left.
TAKEN_POLL = 0.1


class Found(Message):
    """A batch the listing worker opened: the ids of the entries listed (or found), newest first,
    the first of them opened, and how many did not open. ``done``: nothing more comes."""

    def __init__(
        self,
        search: int,
        ids: list[int],
        entries: list[JournalEntry],
        damaged: int,
        *,
        done: bool = False,
    ) -> None:
        super().__init__()
        self.search = search  # which opening or search found it (see ``EntryList.reload``)
        self.ids = ids
        self.entries = entries
        self.damaged = damaged
        self.done = done
        self.taken = threading.Event()  # set once the list has drawn it


class EntryList(Vertical):
    """The journal's title, search field and table of entries (with the lines around it).

    ``start`` shows the first entries once the screen knows the key is unlocked; ``forget``
    lets go of every entry (locking).
    """

    def __init__(self, services: Services, profile: Profile) -> None:
        super().__init__(id="journal")
        self.services = services
        self.profile = profile
        self._ids: list[int] = []  # every entry listed (or found), newest first
        self._listed: set[int] = set()  # the same ids, to look up
        self._by_id: dict[int, JournalEntry] = {}  # the entries opened: first page, rows shown
        self._shown = 0
        self._wanted = 0  # rows to show once there are that many (a screenful, more on scrolling)
        self._text_width = 0
        self._total = 0  # entries in the journal, also while only the first page is open
        self._complete = True  # False while entries are still being opened or searched
        self._damaged = 0  # entries that did not open, of those opened so far
        self._query = ""  # the search the entries shown were found by
        self._listing = 0  # the opening or search under way; batches of any other are dropped
        self._listing_running = False
        self._fresh = True  # False until a new search's first batch replaces the rows shown
        self._select: int | None = None  # an entry to put the cursor on once it is found
        self._rest_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="head"):
            yield Static(say(messages.JOURNAL_TITLE, name=self.profile.name), classes="title")
            yield Static(messages.JOURNAL_LOCK_NOTE, id="lock-note", markup=False)
        yield LineInput(placeholder=messages.JOURNAL_SEARCH, id="search")
        yield Static("", id="damaged")
        yield DataTable[Cell | Parts](id="entries", cursor_type="row", zebra_stripes=True)
        yield Static("", id="more")
        yield Static("", id="empty")

    def start(self) -> None:
        """The columns, then the newest entries."""
        self._text_width = text_width(self.app.size.width)
        add_columns(self.query_one(DataTable), self._text_width)
        self.reload()

    @property
    def empty(self) -> bool:
        """Whether no entry is shown (none yet, or none found)."""
        return not self._ids

    def entry(self, entry_id: int) -> JournalEntry | None:
        """A shown entry, by id (None once it is no longer shown)."""
        return self._by_id.get(entry_id)

    def _first_page(self) -> int:
        """How many entries the first frame shows: the rows the table shows with the line under it
        ("Showing the newest ..."), and no more. A row more would be read, opened and drawn unseen,
        and would bring the first frame a scroll bar: a second layout, and every row drawn again
        a column narrower."""
        return max(FIRST_PAGE_MIN, self.app.size.height - CHROME_LINES - 1)

    def fit_width(self) -> None:
        """The text column as wide as the screen allows now (after a resize)."""
        width = text_width(self.app.size.width)
        if width != self._text_width and self._ids:
            self._text_width = width
            self.query_one(DataTable).columns[ColumnKey("text")].width = width
            self._fill_table(keep_cursor=True)

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
        self._wanted = self._first_page()
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
        self._ids = [e.id for e in listing.entries]
        self._listed = set(self._ids)
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
            self._listen("", skip=len(self._ids) + self._damaged)

    def _listen(self, query: str, skip: int = 0) -> None:
        """Start the worker that opens (and searches) the entries, newest first."""
        self._listing_running = True
        keep = max(0, PAGE - len(self._ids)) if skip else PAGE
        self._find(self._listing, query, skip, keep)

    @work(thread=True, exclusive=True, exit_on_error=False, group=LISTING)
    def _find(self, listing: int, query: str, skip: int, keep: int) -> None:
        """The worker: opens the entries a batch at a time and posts each batch to the list.

        It stops between batches once it is left (a newer search, locking, the screen gone) and
        when the key goes. What it opens is only ever in memory, and only the first ``keep``
        entries it lists are handed on opened; of the others it hands on the ids.
        """
        worker = get_current_worker()

        def left() -> bool:
            return worker.is_cancelled

        # Read through a connection of the worker's own (see ``JournalRepo.batches``), closed
        # here when the batches are left.
        batches = self.services.journal.batches(self.profile.id, query=query, skip=skip)
        try:
            with closing(batches):
                for batch in batches:
                    entries = batch.entries[:keep]
                    keep -= len(entries)
                    found = Found(
                        listing, [e.id for e in batch.entries], entries, len(batch.damaged)
                    )
                    del batch, entries  # the entries not handed on go now, in this thread
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
            self.post_message(Found(listing, [], [], 0, done=True))

    @on(Found)
    def _found(self, message: Found) -> None:
        """A batch from the worker (or its end): rows come in as they are found, up to a screenful
        (or as many as the cursor asked for).

        A batch of a search that was left, or of a journal locked since, is dropped unseen.
        """
        self.call_after_refresh(message.taken.set)
        if message.search != self._listing or not self.is_attached:
            return
        if not self._fresh:  # a new search's first batch: the rows of the one before go
            self._fresh = True
            self._ids = []
            self._listed = set()
            self._by_id = {}
            self._damaged = 0
            self._shown = 0
            self.query_one(DataTable).clear()
        if message.done:
            self._complete = True
            self._listing_running = False
            self._total = len(self._ids)
        else:
            new = [i for i in message.ids if i not in self._listed]
            self._ids.extend(new)
            self._listed.update(new)
            self._by_id.update((e.id, e) for e in message.entries if e.id not in self._by_id)
            self._damaged += message.damaged
        self._show_notes()
        table = self.query_one(DataTable)
        # Rows up to a screenful (or as many as the cursor asked for), as they are found: each
        # batch draws only what can be seen, and leaves little behind.
        target = None
        if self._select is not None and self._select in self._listed:
            target = self._ids.index(self._select)
            self._wanted = max(self._wanted, target + 1)
            self._select = None
        if self._shown < min(self._wanted, len(self._ids)) or message.done:
            self._add_rows(max(0, self._wanted - self._shown))
        if table.display != bool(self._ids):
            table.display = bool(self._ids)
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
        if not self._ids and self._complete:
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
        if select is not None and select in self._listed:
            target = self._ids.index(select)
        self._wanted = max(self._wanted, cursor + 1, target + 1)
        self._add_rows(self._wanted)
        table.display = bool(self._ids)
        if self._ids:
            table.move_cursor(row=target if select is not None else cursor, animate=False)

    def _add_rows(self, count: int) -> None:
        """Show the next ``count`` entries listed (opening those not open yet)."""
        table = self.query_one(DataTable)
        page = self._page(self._shown, count)
        for entry in page:
            table.add_row(*cells(entry, self._text_width), key=str(entry.id))
        self._shown += len(page)
        self._note("#more", self._more())

    def _more(self) -> Content | None:
        """The line under the table: how many of how many are shown, when not all are.

        While a search is under way (its total not known yet) the line is there but blank: the
        table keeps its height, so rows coming in redraw only the rows, not the whole screen.
        """
        total = len(self._ids) if self._complete else self._total
        if self._shown < total:
            return say(messages.JOURNAL_MORE, shown=str(self._shown), total=str(total))
        return None if self._complete else BLANK

    def _page(self, start: int, count: int) -> list[JournalEntry]:
        """The entries listed from ``start`` on, opened: those not kept open are opened again
        (a page, a few ms). One gone or no longer opening since it was listed is left out."""
        ids = self._ids[start : start + count]
        closed = [i for i in ids if i not in self._by_id]
        if closed:
            try:
                opened = self.services.journal.entries_by_id(self.profile.id, closed)
            except CryptoError:  # locked meanwhile
                return []
            self._by_id.update((e.id, e) for e in opened)
            if len(opened) < len(closed):
                gone = {i for i in closed if i not in self._by_id}
                self._ids = [i for i in self._ids if i not in gone]
                self._listed -= gone
                ids = self._ids[start : start + count]
        return [self._by_id[i] for i in ids]

    @on(DataTable.RowHighlighted)
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        """The cursor near the last row: a page more rows, now or as the worker finds them."""
        if event.cursor_row < self._shown - 10:
            return
        self._wanted = max(self._wanted, self._shown + PAGE)
        if not self._complete:
            self._open_rest()
        if self._shown < len(self._ids):
            self._add_rows(self._wanted - self._shown)

    @on(Input.Changed, "#search")
    def _search(self) -> None:
        self.reload()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(DataTable).focus()

    def highlighted(self) -> JournalEntry | None:
        table = self.query_one(DataTable)
        if not self._ids or table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self._by_id.get(int(str(row_key.value)))

    def forget(self) -> None:
        """Let go of every entry and of the search (locking): a search under way stops, and
        whatever it still finds is dropped."""
        self._stop_rest()
        self._stop_listing()
        self._complete = True
        self._ids = []
        self._listed = set()
        self._by_id = {}
        if not self.is_attached:
            return
        self.query_one(DataTable).clear()
        search = self.query_one("#search", Input)
        with search.prevent(Input.Changed):
            search.value = ""
        self._note("#more", None)
