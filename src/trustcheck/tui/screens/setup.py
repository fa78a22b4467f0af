"""First run: one or two names. Dismisses with the profiles created."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Static

from trustcheck import messages
from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.services.profiles import ProfileError
from trustcheck.tui.text import plain
from trustcheck.tui.widgets.fields import LineInput


class SetupScreen(Screen[list[Profile]]):
    DEFAULT_CSS = """
    SetupScreen {
        align: center middle;
    }
    SetupScreen > Vertical {
        width: 72;
        max-width: 100%;
        height: auto;
        padding: 1 3;
        border: round $primary 50%;
    }
    SetupScreen #intro, SetupScreen #solo-hint {
        margin-bottom: 1;
    }
    SetupScreen #solo-hint {
        color: $text-muted;
    }
    SetupScreen Input {
        margin-bottom: 1;
    }
    SetupScreen #error {
        color: $error;
        height: 1;
    }
    SetupScreen #not-therapy {
        color: $text-muted;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "submit", "Continue"),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(messages.SETUP_TITLE, classes="title", markup=False)
            yield Static(messages.SETUP_INTRO, id="intro", markup=False)
            yield LineInput(placeholder=messages.SETUP_NAME_A, id="name-a", max_length=40)
            yield LineInput(placeholder=messages.SETUP_NAME_B, id="name-b", max_length=40)
            yield Static(messages.SETUP_SOLO_HINT, id="solo-hint", markup=False)
            yield Static("", id="error")
            yield Button(messages.SETUP_CONTINUE, id="continue", variant="primary")
            yield Static(messages.NOT_THERAPY, id="not-therapy", markup=False)
        yield Footer()

    @on(Input.Submitted, "#name-a")
    def _first_done(self) -> None:
        self.query_one("#name-b", Input).focus()

    @on(Input.Submitted, "#name-b")
    @on(Button.Pressed, "#continue")
    def action_submit(self) -> None:
        names = [self.query_one(f"#name-{x}", Input).value for x in "ab"]
        try:
            people = self.services.profiles.setup(names)
        except ProfileError as exc:
            self.query_one("#error", Static).update(plain(str(exc)))
            return
        self.dismiss(people)
