"""Step 3, hand-over: a neutral full screen (nothing of the first answers shows through), and
the second turn's gate: it names who answers next and asks the other to look away."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.widgets import Button, Static

from trustcheck import messages
from trustcheck.core.models import Checkin, Step
from trustcheck.services import Services
from trustcheck.tui.screens.step import StepScreen
from trustcheck.tui.text import say
from trustcheck.tui.widgets.footer import Footer


class HandoverScreen(StepScreen):
    AUTO_FOCUS = "#go"

    DEFAULT_CSS = """
    HandoverScreen {
        align: center middle;
    }
    HandoverScreen > Vertical {
        width: 64;
        max-width: 100%;
        height: auto;
        padding: 1 3;
        border: round $primary 50%;
    }
    HandoverScreen #title {
        text-style: bold;
        margin-bottom: 1;
    }
    HandoverScreen #ready {
        margin-top: 1;
        text-style: bold;
    }
    HandoverScreen Center {
        height: auto;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,ctrl+n", "ready", "Continue", key_display="enter"),
    ]

    def __init__(self, services: Services, checkin: Checkin) -> None:
        super().__init__(services, checkin)
        self.turn = checkin
        first, second = services.checkins.people(checkin)
        self.first_name, self.next_name = first.name, second.name

    def compose(self) -> ComposeResult:
        names = {"name": self.first_name, "next": self.next_name}
        with Vertical():
            yield Static(say(messages.HANDOVER_TITLE, **names), id="title")
            yield Static(say(messages.HANDOVER_BODY, **names), id="body")
            yield Static(say(messages.HANDOVER_READY, **names), id="ready")
            with Center():
                yield Button(messages.HANDOVER_BUTTON, id="go", variant="primary")
        yield Footer()

    @on(Button.Pressed, "#go")
    def action_ready(self) -> None:
        # This screen is the next turn's gate (it names them and asks the other to look away),
        # so Enter opens that turn itself rather than a second gate.
        self.move_on(self.turn, self._open_turn)

    def _open_turn(self, moved: Checkin) -> None:
        if moved.step is Step.ANSWER_B:
            self.open_turn(moved)
        else:
            self.go_to(moved)
