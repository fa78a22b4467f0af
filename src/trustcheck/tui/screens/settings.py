"""Settings for the couple: which modules are on, who is who in a module with roles, where the
safety resources are for, and the journal's idle lock. Every change is stored at once
(``services.packs`` over ``services.settings``)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Input, Select, Static

from trustcheck import messages
from trustcheck.core.models import Pack, Profile
from trustcheck.core.packs import PackError
from trustcheck.services import Services
from trustcheck.services.packs import PackSettingError
from trustcheck.tui.text import plain, say
from trustcheck.tui.widgets.fields import LineInput
from trustcheck.tui.widgets.marks import MarkedCheckbox

_UNSET = "-"


class SettingsScreen(Screen[None]):
    DEFAULT_CSS = """
    SettingsScreen VerticalScroll {
        padding: 1 2;
    }
    SettingsScreen .title {
        text-style: bold;
    }
    SettingsScreen .section {
        text-style: bold;
        margin-top: 1;
    }
    SettingsScreen .muted {
        color: $text-muted;
    }
    SettingsScreen .row {
        height: auto;
        margin-top: 1;
    }
    SettingsScreen .row Static {
        width: 1fr;
        padding: 1 0 0 1;
    }
    SettingsScreen .label {
        width: 16;
        padding: 1 1 0 0;
    }
    SettingsScreen Select {
        width: 44;
    }
    SettingsScreen #idle {
        width: 16;
    }
    SettingsScreen #status {
        margin-top: 1;
        color: $text-muted;
    }
    SettingsScreen #status.error {
        color: $error;
    }
    SettingsScreen #done {
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Done"),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.people: list[Profile] = services.profiles.people()
        self.modules: list[Pack] = services.packs.modules()
        self._switches: dict[str, str] = {}  # widget id → pack id
        self._roles: dict[str, tuple[str, int]] = {}  # widget id → (pack id, profile id)

    def compose(self) -> ComposeResult:
        packs = self.services.packs
        on = set(packs.enabled_ids())
        with VerticalScroll():
            yield Static(messages.SETTINGS_TITLE, classes="title", markup=False)
            yield Static(messages.SETTINGS_MODULES, classes="section", markup=False)
            yield Static(messages.SETTINGS_MODULES_HINT, classes="muted", markup=False)
            if not self.modules:
                yield Static(messages.SETTINGS_NO_MODULES, classes="muted", markup=False)
            for n, pack in enumerate(self.modules):
                widget_id = f"module-{n}"
                self._switches[widget_id] = pack.id
                label = pack.title
                if pack.private:
                    solo = len(self.people) == 1
                    private = messages.SETTINGS_PRIVATE_MODULE_SOLO if solo else None
                    label += f"  {private or messages.SETTINGS_PRIVATE_MODULE}"
                # A checkbox, not a Switch: its X shows "on" without colour.
                yield MarkedCheckbox(plain(label), value=pack.id in on, id=widget_id)
            for n, pack in enumerate(p for p in self.modules if p.roles):
                yield Static(say(messages.SETTINGS_ROLES, module=pack.title), classes="section")
                hint = (
                    messages.SETTINGS_ROLES_HINT_SOLO
                    if len(self.people) == 1
                    else messages.SETTINGS_ROLES_HINT
                )
                yield Static(hint, classes="muted", markup=False)
                choices = [(plain(title), role) for role, title in pack.roles]
                for person in self.people:
                    widget_id = f"role-{n}-{person.id}"
                    self._roles[widget_id] = (pack.id, person.id)
                    current = packs.role(pack.id, person.id)
                    with Horizontal(classes="row"):
                        yield Static(
                            say(messages.SETTINGS_ROLE_FOR, name=person.name), classes="label"
                        )
                        yield Select(
                            choices,
                            value=current if current in dict(pack.roles) else Select.NULL,
                            prompt=messages.SETTINGS_ROLE_UNSET,
                            id=widget_id,
                        )
            yield Static(messages.SETTINGS_LOCALE, classes="section", markup=False)
            yield Select(
                self._locales(), value=self._locale_value(), id="locale", allow_blank=False
            )
            yield Static(messages.SETTINGS_IDLE, classes="section", markup=False)
            idle = packs.idle_seconds()
            yield LineInput("" if idle is None else str(idle), placeholder="300", id="idle")
            yield Static("", id="status")
            yield Button(messages.SETTINGS_CLOSE, id="done", variant="primary")
        yield Footer()

    def _locales(self) -> list[tuple[str, str]]:
        try:
            resources = self.services.safety.resources()
        except PackError:
            return [(messages.SAFETY_NO_LOCALE, _UNSET)]
        return [(loc.name, loc.id) for loc in resources.locales]

    def _locale_value(self) -> str:
        current = self.services.packs.locale()
        known = [value for _, value in self._locales()]
        if current in known:
            return current
        return known[-1] if known else _UNSET

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(plain(text))
        status.set_class(error, "error")

    @on(Checkbox.Changed)
    def _module_switched(self, event: Checkbox.Changed) -> None:
        pack_id = self._switches.get(event.checkbox.id or "")
        if pack_id is None:
            return
        try:
            self.services.packs.set_enabled(pack_id, event.value)
        except PackSettingError as exc:
            self._status(str(exc), error=True)
            return
        self._status(messages.SETTINGS_SAVED)

    @on(Select.Changed)
    def _selected(self, event: Select.Changed) -> None:
        widget_id = event.select.id or ""
        try:
            if widget_id == "locale":
                value = event.value
                self.services.packs.set_locale(
                    value if isinstance(value, str) and value != _UNSET else None
                )
            elif widget_id in self._roles:
                pack_id, profile_id = self._roles[widget_id]
                role = event.value if isinstance(event.value, str) else None
                self.services.packs.set_role(pack_id, profile_id, role)
            else:
                return
        except PackSettingError as exc:
            self._status(str(exc), error=True)
            return
        self._status(messages.SETTINGS_SAVED)

    @on(Input.Submitted, "#idle")
    def _idle_submitted(self) -> None:
        self._save_idle()

    def _save_idle(self) -> bool:
        raw = self.query_one("#idle", Input).value
        if not raw.strip():
            return True
        try:
            self.services.packs.set_idle_seconds(raw)
        except PackSettingError as exc:
            self._status(str(exc), error=True)
            return False
        self._status(messages.SETTINGS_SAVED)
        return True

    @on(Button.Pressed, "#done")
    def action_close(self) -> None:
        if self._save_idle():
            self.dismiss(None)
