"""The gate before each turn: a full screen that names the person, and nothing of their answers.

Every turn opens here, fresh or resumed, from home, from ``trustcheck checkin`` or from another
window: the answering screen (with the person's earlier answers) is built only after Enter.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.widgets import Button, Static

from trustcheck import messages
from trustcheck.core.models import Checkin, CheckinStatus, Profile
from trustcheck.services import Services
from trustcheck.tui.screens.step import StepScreen
from trustcheck.tui.text import say
from trustcheck.tui.widgets.footer import Footer


class TurnGateScreen(StepScreen):
    AUTO_FOCUS = "#gate-go"

    DEFAULT_CSS = """
    TurnGateScreen {
        align: center middle;
    }
    TurnGateScreen > Vertical {
        width: 64;
        max-width: 100%;
        height: auto;
        padding: 1 3;
        border: round $primary 50%;
    }
    TurnGateScreen #gate-title {
        text-style: bold;
        margin-bottom: 1;
    }
    TurnGateScreen #gate-note {
        margin-top: 1;
        color: $text-muted;
    }
    TurnGateScreen Center {
        height: auto;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,ctrl+n", "ready", "I'm ready", key_display="enter"),
    ]

    def __init__(self, services: Services, checkin: Checkin) -> None:
        super().__init__(services, checkin)
        self.turn = checkin
        checkins = services.checkins
        person = checkins.answering(checkin)
        assert person is not None, "a turn's gate is shown at an answering step"
        self.person: Profile = person
        others = [p for p in checkins.people(checkin) if p.id != person.id]
        self.partner: Profile | None = others[0] if others else None

    def compose(self) -> ComposeResult:
        name = self.person.name
        with Vertical():
            if self.partner is None:
                yield Static(say(messages.GATE_TITLE_SOLO, name=name), id="gate-title")
                yield Static(say(messages.GATE_READY_SOLO), id="gate-ready")
            else:
                yield Static(say(messages.GATE_TITLE, name=name), id="gate-title")
                yield Static(
                    say(messages.GATE_LOOK_AWAY, partner=self.partner.name), id="gate-away"
                )
                yield Static(say(messages.GATE_READY, name=name), id="gate-ready")
            yield Static(say(messages.GATE_NOTE), id="gate-note")
            with Center():
                yield Button(messages.GATE_BUTTON, id="gate-go", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        # Nobody's key is held at a gate: the turn behind it starts locked.
        for person in self.services.checkins.people(self.turn):
            self.services.keys.lock(person.id)
        self.app.refresh_bindings()

    @on(Button.Pressed, "#gate-go")
    def action_ready(self) -> None:
        # Another window may have moved the check-in on (or ended it) meanwhile: follow it.
        current = self.services.checkins.get(self.turn.id)
        if current.status is not CheckinStatus.IN_PROGRESS:
            self.app.notify(messages.CHECKIN_GONE, severity="warning", markup=False)
            self.go_home()
        elif current.step is not self.turn.step:
            self.go_to(current)
        else:
            self.open_turn(current)
