"""The Textual app: it wires services to screens and opens the first one (toolong style)."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from trustcheck import messages
from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.tui.screens.help import HelpScreen
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.setup import SetupScreen
from trustcheck.tui.screens.step import step_screen

Start = Literal["home", "checkin"]


class TrustcheckApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "trustcheck"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        # Quitting keeps a check-in in progress; stopping one is escape (and asks first).
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
        Binding("f1", "help", "Help", show=False),
    ]

    def __init__(self, services: Services, start: Start = "home") -> None:
        super().__init__()
        self.services = services
        self.start = start
        self.theme = "nord"

    def get_default_screen(self) -> Screen[Any]:
        # Home as the base screen, not pushed over an empty one: the first frame is ~30 ms sooner.
        if self.services.profiles.is_set_up():
            return HomeScreen(self.services)
        return super().get_default_screen()

    def on_mount(self) -> None:
        if not isinstance(self.screen, HomeScreen):
            self.push_screen(SetupScreen(self.services), self._set_up)
        elif self.start == "checkin":
            self._open_checkin()

    def _set_up(self, people: list[Profile] | None) -> None:
        self.push_screen(HomeScreen(self.services))
        if self.start == "checkin":
            self._open_checkin()

    def _open_checkin(self) -> None:
        self.push_screen(step_screen(self.services, self.services.checkins.draft()))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def _fatal_error(self) -> None:
        # Textual's crash screen prints local variables, which may hold private answers.
        # Show one plain line instead (the journal issue brings a full error log).
        from rich.text import Text

        kind = type(self._exception).__name__ if self._exception else "error"
        self.bell()
        self._exit_renderables.append(Text(messages.CRASH.format(kind=kind)))
        self._close_messages_no_wait()


def build_app(services: Services, *, start: str = "home") -> TrustcheckApp:
    """The app over ``services``, opening at home or at this week's check-in (resuming a draft)."""
    if start not in ("home", "checkin"):
        raise ValueError(f"unknown start screen: {start!r}")
    return TrustcheckApp(services, "checkin" if start == "checkin" else "home")
