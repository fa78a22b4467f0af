"""Modals for the people in Settings: a name to type (add a partner, rename), removing someone
who has a passphrase (it is asked for, and checked, before anything changes), and a new recovery
code after the passphrase."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from trustcheck import messages
from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.services.errors import CryptoError
from trustcheck.services.profiles import NAME_LIMIT, ProfileError, normalise_name
from trustcheck.tui.screens.modal import MODAL_CSS
from trustcheck.tui.screens.unlock import CheckedPassphraseModal
from trustcheck.tui.text import plain, say
from trustcheck.tui.widgets.fields import LineInput
from trustcheck.tui.widgets.passphrase import PassphraseInput


class NameScreen(ModalScreen[str | None]):
    """Ask for a name; dismiss with it (checked to be a usable name) or None (Esc, Cancel)."""

    DEFAULT_CSS = MODAL_CSS.format(name="NameScreen")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False),
    ]

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(self.title_text), id="title")
            yield LineInput(self.value, id="name", max_length=NAME_LIMIT)
            yield Static("", id="status")
            with Horizontal():
                yield Button(messages.CANCEL, id="cancel")
                yield Button(messages.SETTINGS_NAME_SAVE, id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#name", LineInput).focus()

    @on(Input.Submitted, "#name")
    @on(Button.Pressed, "#save")
    def _submit(self) -> None:
        raw = self.query_one("#name", LineInput).value
        try:
            normalise_name(raw)
        except ProfileError as exc:
            status = self.query_one("#status", Static)
            status.update(plain(str(exc)))
            status.add_class("error")
            return
        self.dismiss(raw)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class RemovePersonScreen(CheckedPassphraseModal):
    """Remove ``profile``, who has a passphrase: it is asked for and checked first (a wrong one
    is said in place and nothing changes). Dismisses True once removed."""

    DEFAULT_CSS = MODAL_CSS.format(name="RemovePersonScreen")
    BUSY_NOTE = messages.SETTINGS_REMOVING
    SAID_ERRORS = (CryptoError, ProfileError)

    def compose(self) -> ComposeResult:
        # Cancel is the primary (safe) button: Enter alone never removes anyone.
        remove = Button(
            messages.SETTINGS_REMOVE_BUTTON, id="remove", variant="warning", classes="submit"
        )
        yield from _passphrase_form(
            self.profile,
            messages.SETTINGS_REMOVE_TITLE,
            messages.SETTINGS_REMOVE_ASK,
            remove,
            Button(messages.CANCEL, id="cancel", variant="primary"),
        )

    def check(self, passphrase: str) -> None:
        self.services.profiles.remove(self.profile, passphrase)

    def done(self) -> None:
        if self.is_current:
            self.dismiss(True)


class NewRecoveryCodeScreen(CheckedPassphraseModal):
    """A new one-time recovery code for ``profile``, after their passphrase; the code is shown
    once over this modal, which then dismisses True. A key unlocked only for this is locked
    again at once."""

    DEFAULT_CSS = MODAL_CSS.format(name="NewRecoveryCodeScreen")
    BUSY_NOTE = messages.RECOVERY_MAKING

    def __init__(self, services: Services, profile: Profile) -> None:
        super().__init__(services, profile)
        self.code: str | None = None

    def compose(self) -> ComposeResult:
        make = Button(messages.RECOVERY_MAKE_BUTTON, id="make", variant="primary", classes="submit")
        yield from _passphrase_form(
            self.profile,
            messages.RECOVERY_MAKE_TITLE,
            messages.RECOVERY_MAKE_ASK,
            make,
            Button(messages.CANCEL, id="cancel"),
        )

    def check(self, passphrase: str) -> None:
        keys = self.services.keys
        was_unlocked = keys.is_unlocked(self.profile.id)
        keys.unlock(self.profile.id, passphrase)
        try:
            self.code = keys.make_recovery_code(self.profile.id)
        finally:
            if not was_unlocked:
                keys.lock(self.profile.id)

    def done(self) -> None:
        from trustcheck.tui.screens.recovery import RecoveryCodeScreen

        code, self.code = self.code, None
        if code is None or not self.is_current:
            return
        self.app.push_screen(RecoveryCodeScreen(self.profile, code), lambda _: self.dismiss(True))


def _passphrase_form(
    profile: Profile, title: str, ask: str, submit: Button, cancel: Button
) -> ComposeResult:
    """A settings action that needs ``profile``'s passphrase first: what it is, why the
    passphrase is asked, the passphrase, a status line, then cancel and the action."""
    with Vertical():
        yield Static(say(title, name=profile.name), id="title")
        yield Static(say(ask, name=profile.name), classes="muted")
        yield PassphraseInput(placeholder=messages.UNLOCK_PROMPT, id="passphrase")
        yield Static("", id="status")
        with Horizontal():
            yield cancel
            yield submit
