"""First run: one or two names (the first one is needed), and the country the support lines in
Help are shown for (issue 15; Settings changes it later). Dismisses with the profiles created, or
brought back: a name of someone removed earlier asks whether to restore them."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Select, Static

from trustcheck import messages
from trustcheck.core.models import Profile
from trustcheck.core.packs import PackError
from trustcheck.services import Services
from trustcheck.services.profiles import ProfileError, ProfileRemovedError
from trustcheck.tui.text import plain
from trustcheck.tui.widgets.fields import LineInput
from trustcheck.tui.widgets.footer import Footer


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
    SetupScreen #country-label {
        color: $text-muted;
    }
    SetupScreen #country {
        margin-bottom: 1;
    }
    SetupScreen #error {
        color: $error;
        height: auto;
        min-height: 1;
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
            countries = self._countries()
            if countries:
                yield Static(messages.SETUP_COUNTRY, id="country-label", markup=False)
                yield Select(
                    countries, value=self._country(countries), id="country", allow_blank=False
                )
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
        names = self._names()
        try:
            people = self.services.profiles.setup(names)
        except ProfileRemovedError as exc:
            self._offer_restore(exc, names)
            return
        except ProfileError as exc:
            self._error(str(exc), first=str(exc) == messages.SETUP_FIRST_NAME_EMPTY)
            return
        self._keep_country()
        self.dismiss(people)

    def _countries(self) -> list[tuple[str, str]]:
        """(name, code) of each country the support lines list; none if the list is unreadable
        (help then says why)."""
        try:
            resources = self.services.safety.resources()
        except PackError:
            return []
        return [(loc.name, loc.id) for loc in resources.locales]

    def _country(self, countries: list[tuple[str, str]]) -> str:
        """The country chosen before (a setup begun again), else the last one ("elsewhere")."""
        current = self.services.packs.locale()
        codes = [code for _, code in countries]
        return current if current in codes else codes[-1]

    def _keep_country(self) -> None:
        for select in self.query("#country").results(Select):
            value = select.value
            if isinstance(value, str):
                self.services.packs.set_locale(value)

    def _names(self) -> list[str]:
        return [self.query_one(f"#name-{x}", Input).value for x in "ab"]

    def _error(self, text: str, *, first: bool = False) -> None:
        self.query_one("#error", Static).update(plain(text))
        if first:
            self.query_one("#name-a", Input).focus()

    def _offer_restore(self, exc: ProfileRemovedError, names: list[str]) -> None:
        """Someone who was here before: bring them back with their journal, not a stranger."""
        from trustcheck.tui.screens.confirm import ConfirmDialog

        yes = (
            messages.SETTINGS_RESTORE_YES.format(name=exc.removed[0].name)
            if len(exc.removed) == 1
            else messages.SETUP_RESTORE_BOTH
        )

        def answered(restore: bool | None) -> None:
            if not restore:
                self._error(messages.SETUP_RESTORE_DECLINED)
                return
            try:
                people = self.services.profiles.setup(names, restore=True)
            except ProfileError as error:
                self._error(str(error))
                return
            self._keep_country()
            self.dismiss(people)

        self.app.push_screen(ConfirmDialog(exc.question(), yes=yes, no=messages.CANCEL), answered)
