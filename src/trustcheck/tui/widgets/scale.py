"""A row of numbered options with labelled ends and middle: 1–7 agreement or 0–10 rating.

The picker only shows and reports: it posts ``ScalePicker.Chosen``; the screen saves. On the 0–10
rating a lone ``1`` waits a moment for a ``0`` (so typing "10" gives 10), and counts as 1 on
Enter, on any other key or when nothing follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from trustcheck import messages
from trustcheck.core.models import ScaleLabels
from trustcheck.tui.text import plain


class ScaleOption(Static):
    """One number; clicking it chooses it. The chosen one has a heavy border, not only a colour."""

    DEFAULT_CSS = """
    ScaleOption {
        width: 7;
        height: 3;
        border: round $primary 60%;
        content-align: center middle;
        text-style: bold;
        margin-right: 1;
    }
    ScaleOption:hover {
        background: $boost;
        border: round $primary;
    }
    ScaleOption.-chosen {
        border: heavy $accent;
        background: $accent 30%;
        color: $text;
    }
    ScaleOption.-pending {
        border: double $accent;
    }
    """

    def __init__(self, value: int, chosen: bool) -> None:
        super().__init__(str(value), classes="-chosen" if chosen else "")
        self.value = value

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(ScalePicker.Chosen(self.value))


class ScalePicker(Widget, can_focus=True):
    """Numbers ``low``..``high``; digits choose (see the subclasses' bindings)."""

    DEFAULT_CSS = """
    ScalePicker {
        height: auto;
        width: auto;
    }
    ScalePicker > Horizontal {
        height: auto;
        width: auto;
    }
    ScalePicker #labels {
        height: auto;
        color: $text-muted;
    }
    ScalePicker .label {
        width: 1fr;
    }
    ScalePicker #label-mid {
        text-align: center;
    }
    ScalePicker #label-high {
        text-align: right;
    }
    """

    LOW: ClassVar[int] = 1
    HIGH: ClassVar[int] = 7
    OPTION_WIDTH: ClassVar[int] = 7

    @dataclass
    class Chosen(Message):
        """A number was chosen (by key or click)."""

        value: int

    def __init__(
        self, labels: ScaleLabels, value: int | None = None, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.labels = labels
        self.value = value

    def compose(self) -> ComposeResult:
        with Horizontal(id="options"):
            for number in range(self.LOW, self.HIGH + 1):
                option = ScaleOption(number, number == self.value)
                option.styles.width = self.OPTION_WIDTH
                yield option
        width = (self.HIGH - self.LOW + 1) * (self.OPTION_WIDTH + 1) - 1
        with Horizontal(id="labels") as labels:
            labels.styles.width = width
            yield Static(plain(self.labels.low), classes="label", id="label-low")
            yield Static(plain(self.labels.mid), classes="label", id="label-mid")
            yield Static(plain(self.labels.high), classes="label", id="label-high")

    def show_value(self, value: int | None) -> None:
        """Mark ``value`` as the stored answer (None: nothing chosen yet)."""
        self.value = value
        for option in self.query(ScaleOption):
            option.set_class(option.value == value, "-chosen")

    def action_choose(self, value: int) -> None:
        if self.LOW <= value <= self.HIGH:
            self.post_message(self.Chosen(value))


class AgreementPicker(ScalePicker):
    """1–7 agreement, with the pack's own end labels ("Not how it was" … "Exactly how it was")."""

    LOW, HIGH, OPTION_WIDTH = 1, 7, 7
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "choose(1)", "Choose", key_display="1–7"),
        *(Binding(str(n), f"choose({n})", show=False) for n in range(2, 8)),
    ]


class RatingPicker(ScalePicker):
    """0–10 rating, typed as the number: ``1`` ``0`` is 10; ``1`` then Enter or a pause is 1.

    ``t`` also chooses 10; the line under the scale says so.
    """

    DEFAULT_CSS = """
    RatingPicker #rating-keys {
        height: auto;
        color: $text-muted;
        margin-top: 1;
    }
    """

    LOW, HIGH, OPTION_WIDTH = 0, 10, 5
    #: How long a lone ``1`` waits for a ``0`` before it counts as 1 (a typing pause).
    PENDING_SECONDS: ClassVar[float] = 0.6
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("0", "digit(0)", "Choose", key_display="0–10"),
        *(Binding(str(n), f"digit({n})", show=False) for n in range(1, 10)),
        Binding("enter", "commit", "Choose", show=False),
        Binding("t", "choose(10)", "Ten"),
    ]

    def __init__(
        self, labels: ScaleLabels, value: int | None = None, id: str | None = None
    ) -> None:
        super().__init__(labels, value, id=id)
        self.pending: int | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static(messages.RATING_KEYS_HINT, id="rating-keys", markup=False)

    def show_value(self, value: int | None) -> None:
        self._forget_pending()
        super().show_value(value)

    def _forget_pending(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.pending is not None:
            self.pending = None
            for option in self.query(ScaleOption):
                option.remove_class("-pending")
            self.query_one("#rating-keys", Static).update(messages.RATING_KEYS_HINT)

    def action_digit(self, number: int) -> None:
        first = self.pending
        if first is not None:
            self._forget_pending()
            # "1" "0" is ten; after a "1" any other key ends the number (and is not used).
            self.action_choose(10 if number == 0 else first)
            return
        if number == 1:
            self.pending = 1
            for option in self.query(ScaleOption):
                option.set_class(option.value == 1, "-pending")
            self.query_one("#rating-keys", Static).update(messages.RATING_PENDING.format(value=1))
            self._timer = self.set_timer(self.PENDING_SECONDS, self.action_commit)
            return
        self.action_choose(number)

    def action_commit(self) -> None:
        """Enter (or the pause after a lone ``1``): the number typed so far."""
        first = self.pending
        if first is not None:
            self._forget_pending()
            self.action_choose(first)

    def action_choose(self, value: int) -> None:
        self._forget_pending()
        super().action_choose(value)
