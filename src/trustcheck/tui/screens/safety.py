"""The private safety question, at the end of each person's own turn (CONTENT.md, "Care and
safety"), and the calm screen a "yes" opens: what to do next, and who can help.

The answer is sealed with the person's key (``services.safety``) or not stored at all. ctrl+l
hides the screen at once, and the check-in goes on to the neutral hand-over.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from trustcheck import messages
from trustcheck.core.clock import day_label
from trustcheck.core.models import Checkin, Profile
from trustcheck.core.packs import PackError
from trustcheck.services import Services
from trustcheck.services.errors import CryptoError
from trustcheck.services.safety import SafetyAnswer
from trustcheck.tui.screens.unlock import with_key
from trustcheck.tui.text import plain, say


class SafetyScreen(Screen[None]):
    """Asks the question; dismisses (None) once answered, skipped or hidden."""

    DEFAULT_CSS = """
    SafetyScreen {
        align: center middle;
    }
    SafetyScreen #question-box, SafetyScreen #help-box {
        width: 84;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 1 3;
        border: round $primary 50%;
    }
    SafetyScreen .title {
        text-style: bold;
        margin-bottom: 1;
    }
    SafetyScreen .muted {
        color: $text-muted;
        margin-top: 1;
    }
    SafetyScreen .section {
        text-style: bold;
        margin-top: 1;
    }
    SafetyScreen .step, SafetyScreen .resource {
        padding-left: 2;
    }
    SafetyScreen Horizontal {
        height: auto;
        margin-top: 1;
    }
    SafetyScreen Horizontal Button {
        margin-right: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('yes')", messages.SAFETY_YES),
        Binding("n", "answer('no')", messages.SAFETY_NO),
        Binding("s", "skip", messages.SAFETY_SKIP),
        Binding("enter", "continue", messages.SAFETY_CONTINUE, show=False),
        # A priority binding so nothing focused can swallow it (the app's own ctrl+l runs
        # first only while a key is unlocked; this screen locks the key before it shows help).
        Binding("ctrl+l", "hide", "Hide", priority=True),
    ]

    def __init__(self, services: Services, checkin: Checkin, person: Profile) -> None:
        super().__init__()
        self.services = services
        self.turn = checkin
        self.person = person
        self.showing_help = False
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(id="question-box"):
            yield Static(messages.SAFETY_TITLE, classes="title", markup=False)
            yield Static(messages.SAFETY_QUESTION, id="question", markup=False)
            yield Static(messages.SAFETY_PRIVACY, classes="muted", markup=False)
            with Horizontal():
                yield Button(messages.SAFETY_YES, id="yes")
                yield Button(messages.SAFETY_NO, id="no")
                yield Button(messages.SAFETY_SKIP, id="skip")
            yield Static(messages.SAFETY_KEYS, classes="muted", markup=False)
        yield VerticalScroll(id="help-box")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-box").display = False
        self.query_one("#skip", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("answer", "skip"):
            return not self.showing_help and not self.busy
        if action == "continue":
            return self.showing_help
        return True

    # --- answering ----------------------------------------------------------------------------
    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.action_answer("yes")

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.action_answer("no")

    @on(Button.Pressed, "#skip")
    def action_skip(self) -> None:
        self.dismiss(None)  # a skip stores nothing

    def action_answer(self, raw: str) -> None:
        if self.busy or self.showing_help:
            return
        answer = SafetyAnswer(raw)
        self.busy = True

        def keyed(unlocked: bool) -> None:
            self.busy = False
            stored = False
            if unlocked:
                try:
                    self.services.safety.record(self.turn.id, self.person.id, answer)
                    stored = True
                except CryptoError:
                    stored = False
            # Nothing stays unlocked behind this screen (and ctrl+l reaches it at once).
            self.services.keys.lock(self.person.id)
            self.app.refresh_bindings()
            note = messages.SAFETY_STORED if stored else messages.SAFETY_NOT_STORED
            if answer is SafetyAnswer.YES:
                self.call_later(self._show_help, note)
            else:
                if not stored:
                    self.app.notify(note, markup=False, timeout=4)
                self.dismiss(None)

        with_key(self.app, self.services, self.person, keyed, title=messages.SAFETY_UNLOCK)

    # --- after a yes ----------------------------------------------------------------------------
    async def _show_help(self, note: str) -> None:
        self.showing_help = True
        self.query_one("#question-box").display = False
        box = self.query_one("#help-box", VerticalScroll)
        await box.mount_all(self._help_widgets(note))
        box.display = True
        box.focus()
        self.refresh_bindings()

    def _help_widgets(self, note: str) -> list[Static | Button]:
        widgets: list[Static | Button] = [
            Static(messages.SAFETY_HELP_TITLE, classes="title", markup=False),
            Static(messages.SAFETY_HELP_BODY, markup=False),
            Static(messages.SAFETY_NEXT_TITLE, classes="section", markup=False),
        ]
        broken = ""
        try:
            resources = self.services.safety.resources()
        except PackError as exc:
            resources = None
            broken = str(exc)
        locale = None if resources is None else resources.locale(self.services.packs.locale())
        emergency = locale.emergency if locale is not None else messages.SAFETY_NO_LOCALE
        for step in messages.SAFETY_NEXT_STEPS:
            widgets.append(Static(say("• " + step, emergency=emergency), classes="step"))
        if resources is None or locale is None:
            widgets.append(Static(say(messages.SAFETY_RESOURCES_BROKEN, reason=broken)))
        else:
            title = say(messages.SAFETY_RESOURCES_TITLE, place=locale.name)
            widgets.append(Static(title, classes="section"))
            for res in resources.for_locale(locale.id):
                lines = [res.name]
                lines += [part for part in (res.phone, res.website, res.note) if part]
                checked = messages.SAFETY_RESOURCE_CHECKED.format(
                    source=res.source, date=day_label(res.last_checked)
                )
                widgets.append(Static(plain("\n".join(lines)), classes="resource"))
                widgets.append(Static(plain(checked), classes="resource muted"))
            if own := self.services.safety.user_file_notice(resources):
                widgets.append(Static(plain(own), classes="resource muted"))
        widgets.append(Static(plain(note), classes="muted"))
        widgets.append(Static(messages.SAFETY_HIDE_NOTE, classes="muted", markup=False))
        widgets.append(Button(messages.SAFETY_CONTINUE, id="continue", variant="primary"))
        return widgets

    @on(Button.Pressed, "#continue")
    def action_continue(self) -> None:
        self.dismiss(None)

    def action_hide(self) -> None:
        """Gone at once: the check-in goes on to the neutral hand-over."""
        self.services.keys.lock(self.person.id)
        self.dismiss(None)
