"""The recovery code in the app (issue 17, section 4): shown once when it is made, and used from
the unlock modal when a passphrase is forgotten.

Checking a code runs Argon2id as unlocking does, so it runs in a thread worker; the code and the
new passphrase are cleared from their fields as soon as they are read.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static

from trustcheck import messages
from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.services.errors import ConflictError, CryptoError
from trustcheck.services.keys import PassphraseError, Recovery, check_passphrase, check_strength
from trustcheck.tui.screens.modal import MODAL_CSS, PassphraseModal
from trustcheck.tui.text import plain, say
from trustcheck.tui.widgets.marks import MarkedCheckbox
from trustcheck.tui.widgets.passphrase import PassphraseInput


class RecoveryCodeScreen(ModalScreen[None]):
    """Show a recovery code this once, with what it means to keep it."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="RecoveryCodeScreen")
        + """
    RecoveryCodeScreen #code {
        margin: 1 0;
        text-style: bold;
        content-align: center middle;
        width: 100%;
    }
    RecoveryCodeScreen #means {
        margin-bottom: 1;
    }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", "Done", show=False),
    ]

    def __init__(self, profile: Profile, code: str) -> None:
        super().__init__()
        self.profile = profile
        self.code = code

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(say(messages.RECOVERY_CODE_TITLE, name=self.profile.name), id="title")
            yield Static(messages.RECOVERY_CODE_SHOWN, markup=False)
            yield Static(plain(self.code), id="code")
            yield Static(messages.RECOVERY_MEANS, id="means", markup=False)
            with Horizontal():
                yield Button(messages.RECOVERY_CODE_DONE, id="done", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#done", Button).focus()

    @on(Button.Pressed, "#done")
    def action_done(self) -> None:
        self.code = ""
        self.dismiss(None)

    # The hide key closes a passphrase modal (the app's ``_AsksPassphrase``): this one too, so a
    # code on screen goes at once with everything else private.
    def finish(self) -> None:
        self.action_done()

    def set_busy(self, busy: bool, note: str = "") -> None:
        """Nothing is derived here; part of what the hide key looks for."""


def recovery_offer() -> ComposeResult:
    """The choice to make a recovery code, in a form that sets a passphrase."""
    # Ticked or not shows without colour too: a person choosing this must see what they chose.
    yield MarkedCheckbox(messages.RECOVERY_OFFER_CHECK, id="make-code")
    yield Static(messages.RECOVERY_OFFER_HINT, classes="muted", markup=False)


class RecoverScreen(PassphraseModal):
    """A forgotten passphrase: the recovery code first, then a new passphrase (twice). Dismisses
    True once the new passphrase is set and the person unlocked; nothing changes before that."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="RecoverScreen")
        + """
    RecoverScreen #later {
        display: none;
        height: auto;
        padding: 0;
        border: none;
        width: 100%;
    }
    RecoverScreen.opened #later {
        display: block;
    }
    RecoverScreen.opened #code {
        display: none;
    }
    """
    )

    def __init__(self, services: Services, profile: Profile) -> None:
        super().__init__(services, profile)
        self.opened: Recovery | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(say(messages.RECOVERY_TITLE, name=self.profile.name), id="title")
            yield Static(messages.RECOVERY_ENTER, id="ask", classes="muted", markup=False)
            yield PassphraseInput(placeholder=messages.RECOVERY_PROMPT, id="code")
            with Vertical(classes="later", id="later"):
                yield PassphraseInput(placeholder=messages.SET_PASSPHRASE_NEW, id="new")
                yield PassphraseInput(placeholder=messages.SET_PASSPHRASE_AGAIN, id="again")
                yield from recovery_offer()
            yield Static("", id="status")
            yield Static(messages.RECOVERY_KEYS, classes="muted", markup=False)
            with Horizontal():
                yield Button(messages.CANCEL, id="cancel")
                yield Button(messages.RECOVERY_BUTTON, id="go", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#code", PassphraseInput).focus()

    def on_unmount(self) -> None:
        # However the modal goes (Esc, the hide key), the key the code opened goes with it.
        self.opened = None

    @on(Input.Submitted, "#code")
    def _code_given(self) -> None:
        field = self.query_one("#code", PassphraseInput)
        code = field.value
        field.forget()
        if self.busy or not code.strip():
            return
        self.set_busy(True, messages.RECOVERY_CHECKING)
        self._open(code)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _open(self, code: str) -> None:
        try:
            opened = self.services.keys.open_recovery(self.profile.id, code)
        except (PassphraseError, CryptoError) as exc:
            self.app.call_from_thread(self._failed, str(exc), "#code")
        else:
            self.app.call_from_thread(self._opened, opened)

    def _opened(self, opened: Recovery) -> None:
        if not self.is_attached:
            return
        self.opened = opened
        self.set_busy(False)
        self.add_class("opened")
        # The line that asked for the code now says what comes next, in its place.
        self.query_one("#ask", Static).update(plain(messages.RECOVERY_CODE_FITS))
        self.query_one("#new", PassphraseInput).focus()

    @on(Input.Submitted, "#new")
    def _first_done(self) -> None:
        self.query_one("#again", PassphraseInput).focus()

    @on(Button.Pressed, "#go")
    def _go(self) -> None:
        if self.opened is None:
            self._code_given()
        else:
            self._submit()

    @on(Input.Submitted, "#again")
    def _submit(self) -> None:
        if self.busy or self.opened is None:
            return
        new_field = self.query_one("#new", PassphraseInput)
        again_field = self.query_one("#again", PassphraseInput)
        new, again = new_field.value, again_field.value
        new_field.forget()
        again_field.forget()
        try:
            check_passphrase(new)
            if new != again:
                raise PassphraseError(messages.PASSPHRASES_DIFFER)
        except PassphraseError as exc:
            self.show_status(str(exc), error=True)
            new_field.focus()
            return
        make_code = self.query_one("#make-code", Checkbox).value
        self.set_busy(True, messages.RECOVERY_SETTING)
        self._finish(self.opened, new, [p.name for p in self.services.profiles.people()], make_code)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _finish(self, opened: Recovery, new: str, names: list[str], make_code: bool) -> None:
        try:
            check_strength(new, names)
            self.services.keys.finish_recovery(opened, new)
        except (PassphraseError, CryptoError, ConflictError) as exc:
            # A conflict: the code was used in another window meanwhile; nothing changed.
            self.app.call_from_thread(self._failed, str(exc), "#new")
            return
        code = self.services.keys.make_recovery_code(self.profile.id) if make_code else None
        self.app.call_from_thread(self._done, code)

    def _failed(self, why: str, field: str) -> None:
        if not self.is_attached:
            return
        self.set_busy(False)
        self.show_status(why, error=True)
        self.query_one(field, PassphraseInput).focus()

    def _done(self, code: str | None) -> None:
        self.busy = False
        self.opened = None
        if code is not None and self.is_current:
            self.app.push_screen(RecoveryCodeScreen(self.profile, code), lambda _: self.finish())
        else:
            self.finish()
