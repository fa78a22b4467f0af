"""A yes/no question as a modal: inputs in ``__init__``, the answer via ``dismiss``."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from trustcheck import messages
from trustcheck.tui.text import plain


class ConfirmDialog(ModalScreen[bool]):
    """Ask ``question``; dismiss with True (yes) or False (no, escape)."""

    #: The safe answer has the focus: Enter alone never throws anything away.
    AUTO_FOCUS = "#no"

    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
    }
    ConfirmDialog > Vertical {
        width: 60;
        max-width: 90%;
        height: auto;
        padding: 1 2;
        border: round $primary;
        background: $surface;
    }
    ConfirmDialog #question {
        margin-bottom: 1;
    }
    ConfirmDialog Horizontal {
        height: auto;
        align-horizontal: right;
    }
    ConfirmDialog Button {
        margin-left: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n,escape", "answer(False)", "No", show=False),
    ]

    def __init__(
        self, question: str, yes: str = messages.CONFIRM_YES, no: str = messages.CONFIRM_NO
    ) -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(self.question), id="question")
            with Horizontal():
                yield Button(plain(self.yes_label), id="yes", variant="warning")
                yield Button(plain(self.no_label), id="no", variant="primary")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
