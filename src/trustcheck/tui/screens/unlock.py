"""Passphrase modals: unlock a profile's key, set a first passphrase, and pick whose journal.

Deriving a key runs Argon2id (~150 ms in production), so it runs in a thread worker while the
modal shows "Unlocking…"; the passphrase is cleared from the field as soon as it is read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static

from trustcheck import messages
from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.services.errors import CryptoError, WrongPassphrase
from trustcheck.services.keys import PassphraseError, check_passphrase, check_strength
from trustcheck.tui.screens.modal import MODAL_CSS, PassphraseModal
from trustcheck.tui.screens.recovery import RecoverScreen, RecoveryCodeScreen, recovery_offer
from trustcheck.tui.text import plain, say
from trustcheck.tui.widgets.passphrase import PassphraseInput


class CheckedPassphraseModal(PassphraseModal):
    """One passphrase field whose Enter (or the ``.submit`` button) runs :meth:`check` off the UI
    thread: a wrong passphrase, or one of :attr:`SAID_ERRORS`, is said in place and nothing
    changes; success calls :meth:`done`."""

    #: What the status line says while :meth:`check` runs.
    BUSY_NOTE: ClassVar[str] = messages.UNLOCKING
    #: Errors :meth:`check` may raise besides a wrong passphrase, said as their one line (damaged
    #: key data, say: nothing private in it).
    SAID_ERRORS: ClassVar[tuple[type[Exception], ...]] = (CryptoError,)

    def on_mount(self) -> None:
        self.query_one("#passphrase", PassphraseInput).focus()

    @on(Input.Submitted, "#passphrase")
    @on(Button.Pressed, ".submit")
    def _submit(self) -> None:
        field = self.query_one("#passphrase", PassphraseInput)
        passphrase = field.value
        field.forget()
        if self.busy or not passphrase:
            return
        self.set_busy(True, self.BUSY_NOTE)
        self._check(passphrase)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _check(self, passphrase: str) -> None:
        try:
            self.check(passphrase)
        except WrongPassphrase:
            self.app.call_from_thread(self._failed, messages.WRONG_PASSPHRASE)
        except self.SAID_ERRORS as exc:
            self.app.call_from_thread(self._failed, str(exc))
        else:
            self.app.call_from_thread(self._checked)

    def check(self, passphrase: str) -> None:
        """Use ``passphrase``; runs in a worker thread, and raises to say why not."""
        raise NotImplementedError

    def done(self) -> None:
        """After :meth:`check` succeeded, on the UI thread."""
        raise NotImplementedError

    def _failed(self, why: str) -> None:
        if not self.is_attached:
            return
        self.set_busy(False)
        self.show_status(why, error=True)
        self.query_one("#passphrase", PassphraseInput).focus()

    def _checked(self) -> None:
        self.busy = False
        self.done()


class UnlockScreen(CheckedPassphraseModal):
    """Ask for ``profile``'s passphrase and unlock its key; dismisses True once unlocked."""

    DEFAULT_CSS = MODAL_CSS.format(name="UnlockScreen")

    def __init__(self, services: Services, profile: Profile, title: str | None = None) -> None:
        super().__init__(services, profile)
        self.title_text = title or messages.UNLOCK_JOURNAL

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(say(self.title_text, name=self.profile.name), id="title")
            yield PassphraseInput(placeholder=messages.UNLOCK_PROMPT, id="passphrase")
            yield Static("", id="status")
            yield Static(messages.UNLOCK_KEYS, classes="muted", markup=False)
            with Horizontal():
                yield Button(messages.RECOVERY_FORGOT_BUTTON, id="forgot")
                yield Button(messages.CANCEL, id="cancel")
                yield Button(
                    messages.UNLOCK_BUTTON, id="unlock", variant="primary", classes="submit"
                )

    def check(self, passphrase: str) -> None:
        self.services.keys.unlock(self.profile.id, passphrase)

    def done(self) -> None:
        self.finish()

    @on(Button.Pressed, "#forgot")
    def _forgot(self) -> None:
        """A forgotten passphrase: the recovery code sets a new one (and unlocks), if there is
        a code; else one line says so and nothing changes."""
        if self.busy:
            return
        if not self.services.keys.has_recovery_code(self.profile.id):
            self.show_status(messages.NO_RECOVERY_CODE, error=True)
            self.query_one("#passphrase", PassphraseInput).focus()
            return
        def recovered(unlocked: bool | None) -> None:
            if unlocked:
                self.finish()

        self.app.push_screen(RecoverScreen(self.services, self.profile), recovered)


class SetPassphraseScreen(PassphraseModal):
    """Set a first passphrase for ``profile`` (twice, masked); dismisses True once set."""

    DEFAULT_CSS = MODAL_CSS.format(name="SetPassphraseScreen")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(say(messages.SET_PASSPHRASE_TITLE, name=self.profile.name), id="title")
            yield Static(messages.SET_PASSPHRASE_BODY, classes="muted", markup=False)
            yield PassphraseInput(placeholder=messages.SET_PASSPHRASE_NEW, id="new")
            yield PassphraseInput(placeholder=messages.SET_PASSPHRASE_AGAIN, id="again")
            yield from recovery_offer()
            yield Static("", id="status")
            with Horizontal():
                yield Button(messages.CANCEL, id="cancel")
                yield Button(messages.SET_PASSPHRASE_BUTTON, id="set", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#new", PassphraseInput).focus()

    @on(Input.Submitted, "#new")
    def _first_done(self) -> None:
        self.query_one("#again", PassphraseInput).focus()

    @on(Input.Submitted, "#again")
    @on(Button.Pressed, "#set")
    def _submit(self) -> None:
        if self.busy:
            return
        new_field = self.query_one("#new", PassphraseInput)
        again_field = self.query_one("#again", PassphraseInput)
        new, again = new_field.value, again_field.value
        try:
            check_passphrase(new)
            if new != again:
                raise PassphraseError(messages.PASSPHRASES_DIFFER)
        except PassphraseError as exc:
            new_field.forget()  # start again from the first field
            again_field.forget()
            self.show_status(str(exc), error=True)
            new_field.focus()
            return
        new_field.forget()
        again_field.forget()
        make_code = self.query_one("#make-code", Checkbox).value
        self.set_busy(True, messages.SETTING_PASSPHRASE)
        self._set(new, [p.name for p in self.services.profiles.people()], make_code)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _set(self, passphrase: str, names: list[str], make_code: bool) -> None:
        try:
            # Off the UI thread: the strength estimate loads its word lists the first time.
            check_strength(passphrase, names)
            self.services.keys.set_passphrase(self.profile.id, passphrase)
        except (PassphraseError, CryptoError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        code = self.services.keys.make_recovery_code(self.profile.id) if make_code else None
        self.app.call_from_thread(self._done, code)

    def _failed(self, why: str) -> None:
        if not self.is_attached:
            return
        self.set_busy(False)
        self.show_status(why, error=True)
        self.query_one("#new", PassphraseInput).focus()

    def _done(self, code: str | None) -> None:
        self.busy = False
        if code is not None and self.is_current:
            # Shown once, over this modal; closing it hands the unlocked key back.
            self.app.push_screen(RecoveryCodeScreen(self.profile, code), lambda _: self.finish())
        else:
            self.finish()


class WhoseJournalScreen(ModalScreen[Profile | None]):
    """Two people share the keyboard: whose journal to open (Esc: none)."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="WhoseJournalScreen")
        + """
    WhoseJournalScreen #people {
        margin-top: 1;
        align-horizontal: center;
    }
    WhoseJournalScreen #people Button {
        margin: 0 1;
    }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, people: list[Profile]) -> None:
        super().__init__()
        self.people = people

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(messages.JOURNAL_WHOSE, id="title", markup=False)
            yield Static(messages.JOURNAL_WHOSE_HINT, classes="muted", markup=False)
            with Horizontal(id="people"):
                for n, person in enumerate(self.people):
                    yield Button(plain(person.name), id=f"person-{n}", variant="primary")
                yield Button(messages.CANCEL, id="cancel")

    def on_mount(self) -> None:
        self.query_one("#person-0", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if button_id.startswith("person-"):
            self.dismiss(self.people[int(button_id.removeprefix("person-"))])
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def with_key(
    app: App[Any],
    services: Services,
    profile: Profile,
    then: Callable[[bool], None],
    title: str | None = None,
) -> None:
    """Make sure ``profile``'s key is unlocked (set a passphrase first if there is none), then
    call ``then(unlocked)``."""
    keys = services.keys

    def done(unlocked: bool | None) -> None:
        app.refresh_bindings()
        then(bool(unlocked))

    if keys.is_unlocked(profile.id):
        then(True)
    elif keys.has_passphrase(profile.id):
        app.push_screen(UnlockScreen(services, profile, title), done)
    else:
        app.push_screen(SetPassphraseScreen(services, profile), done)
