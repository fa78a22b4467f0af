"""Text fields that never silently cut a paste and never keep a terminal control sequence.

Textual's ``Input`` keeps only the first line of a paste, and refuses an over-long one with
nothing but a bell; ``TextArea`` keeps pasted ESC/C1 characters, which then reach the terminal
as live sequences (colours, OSC 8 links, window titles). These subclasses fix both; the
multi-line one, :class:`~trustcheck.tui.widgets.editor_area.EditorArea`, has a module of its own,
so the screens with one-line fields only (settings, export, people) never import ``TextArea``.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.widgets import Input

from trustcheck import messages
from trustcheck.core.text import clean_paste


class LineInput(Input):
    """A one-line field. A multi-line paste keeps every line, joined by ``JOIN`` (or, when
    ``JOIN`` is None, is refused with a visible message); other control characters are dropped.
    A paste or key press past ``max_length`` is refused with a visible message, not a bell only.
    """

    #: How the lines of a multi-line paste are joined; None refuses multi-line pastes.
    JOIN: ClassVar[str | None] = " "
    _pasting = False

    def _refuse(self, message: str) -> None:
        self.notify(message, severity="warning", markup=False, timeout=4)

    def _pasted(self, raw: str) -> str | None:
        """What a paste inserts, or None (after telling the person) when it is refused."""
        text = raw.rstrip("\r\n")
        if self.JOIN is None:
            if len(text.splitlines()) > 1:
                self._refuse(messages.PASTE_ONE_LINE)
                return None
            return text
        lines = clean_paste(text).replace("\t", " ").split("\n")
        return self.JOIN.join(line for line in lines if line.strip())

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Input's own paste handler would keep only the first line
        text = self._pasted(event.text)
        if not text:
            return
        start, end = sorted(self.selection)
        if self.max_length and len(self.value) - (end - start) + len(text) > self.max_length:
            self._refuse(messages.PASTE_TOO_LONG.format(limit=self.max_length))
            return
        before = self.value
        self._pasting = True
        try:
            self.replace(text, start, end)
        finally:
            self._pasting = False
        if self.value == before:
            self._refuse(messages.PASTE_REFUSED)

    def restricted(self) -> None:
        super().restricted()
        if not self._pasting and self.max_length and len(self.value) >= self.max_length:
            self._refuse(messages.FIELD_FULL.format(limit=self.max_length))


class TagsInput(LineInput):
    """Comma-separated tags: each line of a pasted list becomes a tag."""

    JOIN = ", "
