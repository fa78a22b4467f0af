"""One journal entry, read-only (issue 17, section 4): what opening an entry shows first.

Its date, rating, tags and whether it is for therapy, then its text, all as plain text (an entry is
the person's own words, never markup, its control characters made visible). Editing is one key
away (``e``, the journal screen's binding); nothing here can change the entry.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from trustcheck import messages
from trustcheck.core.clock import moment_label
from trustcheck.core.models import JournalEntry
from trustcheck.tui.text import plain


def entry_details(entry: JournalEntry) -> str:
    """The line under the date: rating, tags and the therapy mark, or that there are none."""
    parts = []
    if entry.rating is not None:
        parts.append(messages.ENTRY_VIEW_RATING.format(rating=entry.rating))
    if entry.tags:
        parts.append(" ".join(f"#{tag}" for tag in entry.tags))
    if entry.for_therapy:
        parts.append(messages.ENTRY_VIEW_THERAPY)
    return " · ".join(parts) or messages.ENTRY_VIEW_NO_DETAILS


class EntryView(VerticalScroll):
    """The entry being read; :meth:`show` fills it, :meth:`clear` empties it (locking)."""

    DEFAULT_CSS = """
    EntryView {
        padding: 1 2 0 2;
    }
    EntryView #view-details, EntryView #view-keys {
        color: $text-muted;
    }
    EntryView #view-text {
        margin: 1 0;
    }
    """

    def __init__(self) -> None:
        super().__init__(id="view")
        self.entry: JournalEntry | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="view-title", classes="title")
        yield Static("", id="view-details")
        yield Static("", id="view-text")
        yield Static(messages.ENTRY_VIEW_KEYS, id="view-keys", markup=False)

    def show(self, entry: JournalEntry) -> None:
        self.entry = entry
        title = messages.ENTRY_EDIT.format(date=moment_label(entry.written_at))
        self.query_one("#view-title", Static).update(plain(title))
        self.query_one("#view-details", Static).update(plain(entry_details(entry)))
        self.query_one("#view-text", Static).update(plain(entry.text))
        self.scroll_home(animate=False)

    def clear(self) -> None:
        """Let go of the entry and every word of it on screen."""
        self.entry = None
        if self.is_attached:
            for static in self.query("#view-title, #view-details, #view-text").results(Static):
                static.update("")
