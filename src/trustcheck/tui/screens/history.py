"""Past check-ins (issue 17): every finished week, newest first; enter opens one as it was.

The list is read a page at a time in a worker thread (``services.history.page``, through a
read-only connection of its own): the screen is drawn and takes keys at once, and only the rows
it shows are read. Moving the cursor near the last row read asks for the next page, so twenty
years of weeks never stall the screen.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from trustcheck import messages
from trustcheck.core.clock import day_label
from trustcheck.core.history import PAGE_SIZE
from trustcheck.core.text import visible_controls
from trustcheck.services import Services
from trustcheck.services.history import HistoryPage, HistoryService, PastLine
from trustcheck.tui.text import plain
from trustcheck.tui.widgets.footer import Footer

#: Rows of a page read at once: about two screenfuls.
PAGE = PAGE_SIZE * 2
#: The next page is asked for when the cursor comes this close to the last row read.
AHEAD = 10


class PageRead(Message):
    """A page of the list, read in the worker."""

    def __init__(self, page: HistoryPage) -> None:
        super().__init__()
        self.page = page


def _overall(line: PastLine) -> str:
    parts = []
    for name, value in zip(line.names, line.overall, strict=True):
        template = (
            messages.HISTORY_OVERALL_SKIPPED if value is None else messages.HISTORY_OVERALL_SCORE
        )
        parts.append(template.format(name=visible_controls(name), value=value))
    return " · ".join(parts)


def _who(names: tuple[str, ...]) -> str:
    shown = [visible_controls(n) for n in names]
    if len(shown) == 2:
        return messages.HISTORY_WHO_COUPLE.format(a=shown[0], b=shown[1])
    return ", ".join(shown)


def _commitments(n: int) -> str:
    if n == 0:
        return messages.HISTORY_NO_COMMITMENTS
    if n == 1:
        return messages.HISTORY_ONE_COMMITMENT
    return messages.HISTORY_COMMITMENTS.format(n=n)


class HistoryScreen(Screen[None]):
    """The list of past check-ins."""

    AUTO_FOCUS = "DataTable"

    DEFAULT_CSS = """
    HistoryScreen #history {
        padding: 1 2 0 2;
    }
    HistoryScreen #intro {
        color: $text-muted;
        margin-bottom: 1;
    }
    HistoryScreen DataTable {
        height: 1fr;
    }
    HistoryScreen #count {
        color: $text-muted;
        height: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", show=True, priority=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        # Built here, on the UI thread: the worker only reads through it.
        self.history: HistoryService = services.history
        #: The check-in id of each row, in the table's order.
        self.ids: list[int] = []
        #: The pages read so far, and how many there are (None: none read yet).
        self.pages_read = 0
        self.pages: int | None = None
        self.total = 0
        self.reading = False

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Static(messages.HISTORY_TITLE, classes="title", markup=False)
            yield Static(messages.HISTORY_INTRO, id="intro", markup=False)
            table: DataTable[Text] = DataTable(id="weeks", cursor_type="row", zebra_stripes=True)
            table.add_column(messages.HISTORY_COL_NUMBER, key="number")
            table.add_column(messages.HISTORY_COL_WEEK, key="week")
            table.add_column(messages.HISTORY_COL_WHO, key="who")
            table.add_column(messages.HISTORY_COL_OVERALL, key="overall")
            table.add_column(messages.HISTORY_COL_COMMITMENTS, key="commitments")
            yield table
            yield Static(messages.HISTORY_LOADING, id="count", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._read_next()

    # --- reading, a page at a time ------------------------------------------------------------
    def _read_next(self) -> None:
        if self.reading or (self.pages is not None and self.pages_read >= self.pages):
            return
        self.reading = True
        self._read(self.pages_read + 1)

    @work(thread=True, exclusive=True, exit_on_error=False, group="history-page")
    def _read(self, page: int) -> None:
        """The worker: one page of the list (only its rows are read)."""
        self.post_message(PageRead(self.history.page(page, PAGE)))

    @on(PageRead)
    def _page_read(self, message: PageRead) -> None:
        page = message.page
        self.reading = False
        if page.page != self.pages_read + 1:
            return  # a page already shown
        self.pages_read, self.pages, self.total = page.page, page.pages, page.total
        table: DataTable[Text] = self.query_one(DataTable)
        for line in page.lines:
            if line.checkin_id in self.ids:
                continue  # a week finished meanwhile moved the pages on by one
            self.ids.append(line.checkin_id)
            table.add_row(
                Text(str(line.number), justify="right"),
                Text(day_label(line.week)),
                Text(_who(line.names)),
                Text(_overall(line)),
                Text(_commitments(line.commitments)),
                key=str(line.checkin_id),
            )
        count = self.query_one("#count", Static)
        if not self.total:
            count.update(plain(messages.HISTORY_NONE))
        elif self.total == 1:
            count.update(plain(messages.HISTORY_PAGE_ONE))
        else:
            count.update(plain(messages.HISTORY_COUNT.format(total=self.total)))
        self._near_end(table.cursor_row)

    @on(DataTable.RowHighlighted)
    def _moved(self, event: DataTable.RowHighlighted) -> None:
        self._near_end(event.cursor_row)

    def _near_end(self, row: int) -> None:
        if row >= len(self.ids) - AHEAD:
            self._read_next()

    # --- keys -----------------------------------------------------------------------------------
    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._open(event.cursor_row)

    def action_open(self) -> None:
        self._open(self.query_one(DataTable).cursor_row)

    def _open(self, row: int) -> None:
        if not 0 <= row < len(self.ids):
            return
        from trustcheck.services.history import HistoryError
        from trustcheck.tui.screens.history_week import PastWeekScreen

        try:
            screen = PastWeekScreen(self.services, self.ids[row])
        except HistoryError as exc:  # gone since the list was read (an import replaced it)
            self.notify(str(exc), markup=False)
            return
        self.app.push_screen(screen)

    def action_back(self) -> None:
        self.app.pop_screen()
