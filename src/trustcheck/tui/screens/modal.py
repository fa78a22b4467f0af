"""What every passphrase modal shares: the look of a small dialog, a status line, a busy state
while a key is derived, and Esc to cancel (used by unlock, people and recovery)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.tui.text import plain
from trustcheck.tui.widgets.passphrase import PassphraseInput

#: The look of every small dialog over a screen; ``{name}`` is the screen's class name.
MODAL_CSS = """
{name} {{
    align: center middle;
}}
{name} > Vertical {{
    width: 64;
    max-width: 95%;
    height: auto;
    max-height: 100%;
    overflow-y: auto;
    padding: 0 2;
    border: round $primary;
    background: $surface;
}}
{name} #title {{
    text-style: bold;
    color: $accent;
}}
{name} .muted {{
    color: $text-muted;
}}
{name} PassphraseInput, {name} LineInput {{
    margin-top: 1;
}}
{name} #status {{
    height: auto;
    min-height: 1;
    color: $text-muted;
}}
{name} #status.error {{
    color: $error;
}}
{name} Horizontal {{
    height: auto;
    align-horizontal: right;
}}
{name} Button {{
    margin-left: 2;
}}
"""


class PassphraseModal(ModalScreen[bool]):
    """What both passphrase modals share: a status line, busy state and Esc to cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False),
    ]

    def __init__(self, services: Services, profile: Profile) -> None:
        super().__init__()
        self.services = services
        self.profile = profile
        self.busy = False

    def show_status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(plain(text))
        status.set_class(error, "error")

    def set_busy(self, busy: bool, note: str = "") -> None:
        self.busy = busy
        for field in self.query(PassphraseInput):
            field.disabled = busy
        for button in self.query(Button):
            button.disabled = busy
        self.show_status(note)

    def finish(self) -> None:
        """The key is unlocked: hand it back, unless this modal was closed meanwhile (the hide
        key), in which case the key is locked again rather than left open behind anyone's back."""
        if self.is_current:
            self.dismiss(True)
        else:
            self.services.keys.lock(self.profile.id)

    def action_cancel(self) -> None:
        # While the key is being derived the result is moments away; cancelling then could
        # leave a key unlocked behind the caller's back, so wait for it.
        if not self.busy:
            self.dismiss(False)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
