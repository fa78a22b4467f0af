"""One of a fixed list of options (``kind = "choice"`` items): digits 1–9 or a click choose.

It posts ``ScalePicker.Chosen`` with the option's index (0-based, as stored), so the answer screen
handles it like any other picker.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from trustcheck.core.models import ScaleLabels
from trustcheck.tui.text import plain
from trustcheck.tui.widgets.scale import ScalePicker


class ChoiceOption(Static):
    DEFAULT_CSS = """
    ChoiceOption {
        height: auto;
        padding: 0 1;
        border: round $primary 60%;
        margin-bottom: 0;
    }
    ChoiceOption:hover {
        background: $boost;
    }
    ChoiceOption.-chosen {
        border: heavy $accent;
        background: $accent 30%;
    }
    """

    def __init__(self, index: int, label: str, chosen: bool) -> None:
        super().__init__(plain(f"{index + 1}  {label}"), classes="-chosen" if chosen else "")
        self.index = index

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(ScalePicker.Chosen(self.index))


class ChoicePicker(ScalePicker):
    """The options one under the other, numbered from 1."""

    DEFAULT_CSS = """
    ChoicePicker {
        width: 1fr;
        max-width: 90;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(1)", "Choose", key_display="1–9"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(2, 10)),
    ]

    def __init__(self, choices: tuple[str, ...], value: int | None = None) -> None:
        super().__init__(ScaleLabels("", "", ""), value)
        self.choices = choices

    def compose(self) -> ComposeResult:
        for index, label in enumerate(self.choices):
            yield ChoiceOption(index, label, index == self.value)

    def show_value(self, value: int | None) -> None:
        self.value = value
        for option in self.query(ChoiceOption):
            option.set_class(option.index == value, "-chosen")

    def action_pick(self, number: int) -> None:
        if 1 <= number <= len(self.choices):
            self.post_message(self.Chosen(number - 1))
