"""A multi-line text field that never keeps a terminal control sequence (see ``fields``).

Apart from the one-line fields in ``fields`` so that only the screens that write more than a line
(the journal's editor, a check-in's text answers) import Textual's ``TextArea``.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from trustcheck.core.text import clean_paste


class EditorArea(TextArea):
    """A ``TextArea`` whose pastes keep every line but lose ESC, C1 and other control chars."""

    def on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # TextArea's own paste handler would insert the raw text
        if self.read_only:
            return
        result = self.replace(
            clean_paste(event.text), *self.selection, maintain_selection_offset=False
        )
        self.move_cursor(result.end_location)
        self.focus()
