"""How a journal entry is drawn as one row of the journal's table: fixed columns, plain cells."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable

from trustcheck import messages
from trustcheck.core.clock import moment_label
from trustcheck.core.models import JournalEntry
from trustcheck.core.text import visible_controls

# Fixed column widths: the columns never change width as rows come in (no re-layout, no redraw),
# and a journal with 10 entries draws the same columns as one with 10,000.
DATE_WIDTH = 17
RATING_WIDTH = 6
TAGS_WIDTH = 14
THERAPY_WIDTH = 1
# The other columns, the cell padding, the journal's padding and the scrollbar.
FIXED_WIDTH = DATE_WIDTH + RATING_WIDTH + TAGS_WIDTH + THERAPY_WIDTH + 5 * 2 + 2 + 4
TEXT_MIN_WIDTH = 16

DIM = Style(dim=True)


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


def text_width(screen_width: int) -> int:
    """The width of the text column on a screen this wide (the other columns are fixed)."""
    return max(TEXT_MIN_WIDTH, screen_width - FIXED_WIDTH)


def add_columns(table: DataTable[Cell], width: int) -> None:
    """The journal's columns: date, rating, tags, the therapy mark, and the text, ``width`` wide."""
    table.add_column(Text(messages.JOURNAL_COL_DATE), key="date", width=DATE_WIDTH)
    table.add_column(Text(messages.JOURNAL_COL_RATING), key="rating", width=RATING_WIDTH)
    table.add_column(Text(messages.JOURNAL_COL_TAGS), key="tags", width=TAGS_WIDTH)
    table.add_column(Text(messages.JOURNAL_THERAPY_MARK), key="therapy", width=THERAPY_WIDTH)
    table.add_column(Text(messages.JOURNAL_COL_TEXT), key="text", width=width)


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def cells(entry: JournalEntry, width: int) -> tuple[Cell, ...]:
    """One row's cells, ready to draw: plain text (never markup), cut to its column."""
    tags = " ".join(f"#{t}" for t in entry.tags)
    rating = messages.JOURNAL_NO_RATING if entry.rating is None else str(entry.rating)
    therapy = messages.JOURNAL_THERAPY_MARK if entry.for_therapy else ""
    text = cut(visible_controls(first_line(entry.text)), width)
    return (
        Cell(moment_label(entry.written_at), DIM),
        Cell(rating.rjust(RATING_WIDTH)),
        Cell(cut(visible_controls(tags), TAGS_WIDTH)),
        Cell(therapy),
        Cell(text),
    )
