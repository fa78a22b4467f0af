"""Stopping a check-in says what it does: pause (everything kept) or discard (asked twice)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from trustcheck import messages
from trustcheck.core.models import Checkin
from trustcheck.services import Services
from trustcheck.services.checkin import CheckinError, discard_question
from trustcheck.tui.screens.confirm import ConfirmDialog


class Stop(StrEnum):
    PAUSE = "pause"
    DISCARD = "discard"


class StopDialog(ModalScreen[Stop | None]):
    """Pause, discard or keep going (None). The safe choices come first and pause has focus."""

    AUTO_FOCUS = "#pause"

    DEFAULT_CSS = """
    StopDialog {
        align: center middle;
    }
    StopDialog > Vertical {
        width: 64;
        max-width: 95%;
        height: auto;
        max-height: 100%;
        padding: 1 2;
        border: round $primary;
        background: $surface;
    }
    StopDialog #stop-title {
        text-style: bold;
    }
    StopDialog #stop-body {
        margin: 1 0;
    }
    StopDialog Button {
        width: 100%;
        margin-bottom: 1;
    }
    StopDialog #stop-keys {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "choose('pause')", "Pause", show=False),
        Binding("d", "choose('discard')", "Discard", show=False),
        Binding("escape,k", "choose('')", "Keep going", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(messages.STOP_TITLE, id="stop-title", markup=False)
            yield Static(messages.STOP_BODY, id="stop-body", markup=False)
            yield Button(messages.STOP_PAUSE, id="pause", variant="primary")
            yield Button(messages.STOP_KEEP, id="keep")
            yield Button(messages.STOP_DISCARD, id="discard", variant="warning")
            yield Static(messages.STOP_KEYS, id="stop-keys", markup=False)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose("" if event.button.id == "keep" else str(event.button.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(Stop(choice) if choice else None)


def ask_to_discard(
    app: App[Any], services: Services, checkin: Checkin, done: Callable[[], None]
) -> None:
    """Ask once more, naming what is lost; on yes, discard the draft and call ``done``."""
    question = discard_question(services.checkins.loss(checkin))

    def decided(yes: bool | None) -> None:
        if not yes:
            return
        try:
            services.checkins.discard(checkin)
        except CheckinError as exc:
            app.notify(str(exc), severity="warning", markup=False)
        else:
            app.notify(messages.DISCARDED_NOTE, markup=False)
        done()

    app.push_screen(ConfirmDialog(question, messages.DISCARD_YES, messages.DISCARD_NO), decided)
