"""One line of choices, one of them active: a light, clickable switch.

A single ``Static`` instead of ``Tabs``: two ``Tabs`` rows cost ~50 ms to mount (a widget per tab
plus an animated underline), which was half the Trends screen's opening budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content, Span
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

ACTIVE_STYLE = "bold $background on $primary"
IDLE_STYLE = "$foreground-muted"


class Choices(Static):
    """``labels`` side by side; a click (or :meth:`choose`) activates one and posts ``Chosen``."""

    DEFAULT_CSS = """
    Choices {
        height: auto;
        width: 1fr;
    }
    """

    @dataclass
    class Chosen(Message):
        choices: Choices
        index: int

        @property
        def control(self) -> Choices:
            return self.choices

    def __init__(self, labels: Sequence[str], active: int = 0, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.labels = tuple(labels)
        self.active = active
        self.update(self._content())

    def choose(self, index: int) -> None:
        """Make ``index`` the active choice (wrapping around) and say so."""
        index %= len(self.labels)
        self.mark(index)
        self.post_message(self.Chosen(self, index))

    def mark(self, index: int) -> None:
        """Show ``index`` as the active choice, without saying so (its owner chose it)."""
        if index != self.active:
            self.active = index
            self.update(self._content())

    def on_click(self, event: Click) -> None:
        """The choice under the pointer (each label with its padding is one target)."""
        if event.y == 0:
            for i, (start, end) in enumerate(self._places):
                if start <= event.x < end:
                    self.choose(i)
                    return

    def _content(self) -> Content:
        text = ""
        spans: list[Span] = []
        self._places: list[tuple[int, int]] = []
        for i, label in enumerate(self.labels):
            if i:
                text += " "
            start = len(text)
            text += f" {label} "
            self._places.append((start, len(text)))
            spans.append(Span(start, len(text), ACTIVE_STYLE if i == self.active else IDLE_STYLE))
        return Content(text, spans=spans)
