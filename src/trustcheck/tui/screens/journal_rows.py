"""How a journal entry is drawn as one row of the journal's table: fixed columns, plain cells.

The table has two columns: what is known about an entry (date, rating, tags, the therapy mark)
and its first line. The first is drawn as one cell holding four fixed-width parts, two spaces
apart (the padding the table puts around a cell), so it looks exactly like four columns: the
table renders, styles and caches each cell of each row shown, and two cells a row instead of five
make each screenful (drawn on opening and on each keystroke of a search) cheaper.
"""

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
DATE_WIDTH = 18  # "28 Nov 2026, 21:17"
RATING_WIDTH = 6
TAGS_WIDTH = 14
THERAPY_WIDTH = 1
# Between two parts of the first column: what the table's padding put between two columns.
GAP = "  "
# The first column: its four parts and the three gaps between them.
META_WIDTH = DATE_WIDTH + RATING_WIDTH + TAGS_WIDTH + THERAPY_WIDTH + 3 * len(GAP)
# The other columns, the cell padding, the journal's padding and the scrollbar.
FIXED_WIDTH = META_WIDTH + 2 * 2 + 2 + 4
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


class Parts:
    """Fixed-width parts of one line in one table cell (each padded or cut to its width), drawn
    as one segment each: the first column of the journal's table."""

    __slots__ = ("segments", "text", "width")

    def __init__(self, *parts: tuple[str, int, Style | None]) -> None:
        segments: list[Segment] = []
        for n, (text, width, style) in enumerate(parts):
            if n:
                segments.append(Segment(GAP))
            segments.append(Segment(set_cell_size(text.replace("\t", " "), width), style))
        self.segments = segments
        self.text = "".join(s.text for s in segments)
        self.width = cell_len(self.text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if width >= self.width:  # every part is already cut to its cells
            yield from self.segments
        else:
            yield from Segment.adjust_line_length(self.segments, width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width)

    def __str__(self) -> str:
        return self.text


def text_width(screen_width: int) -> int:
    """The width of the text column on a screen this wide (the other columns are fixed)."""
    return max(TEXT_MIN_WIDTH, screen_width - FIXED_WIDTH)


def add_columns(table: DataTable[Cell | Parts], width: int) -> None:
    """The journal's columns: date, rating, tags and the therapy mark (drawn as one), and the
    text, ``width`` wide."""
    heads = Parts(
        (messages.JOURNAL_COL_DATE, DATE_WIDTH, None),
        (messages.JOURNAL_COL_RATING, RATING_WIDTH, None),
        (messages.JOURNAL_COL_TAGS, TAGS_WIDTH, None),
        (messages.JOURNAL_THERAPY_MARK, THERAPY_WIDTH, None),
    )
    table.add_column(Text(heads.text), key="meta", width=META_WIDTH)
    table.add_column(Text(messages.JOURNAL_COL_TEXT), key="text", width=width)


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def cells(entry: JournalEntry, width: int) -> tuple[Parts, Cell]:
    """One row's cells, ready to draw: plain text (never markup), cut to its column."""
    tags = " ".join(f"#{t}" for t in entry.tags)
    rating = messages.JOURNAL_NO_RATING if entry.rating is None else str(entry.rating)
    therapy = messages.JOURNAL_THERAPY_MARK if entry.for_therapy else ""
    text = cut(visible_controls(first_line(entry.text)), width)
    meta = Parts(
        (moment_label(entry.written_at), DATE_WIDTH, DIM),
        (rating.rjust(RATING_WIDTH), RATING_WIDTH, None),
        (cut(visible_controls(tags), TAGS_WIDTH), TAGS_WIDTH, None),
        (therapy, THERAPY_WIDTH, None),
    )
    return meta, Cell(text)
