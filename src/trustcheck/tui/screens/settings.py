"""Settings for the couple: which modules are on, who is who in a module with roles, where the
safety resources are for, the journal's idle lock, and the people (add a partner after a solo
start, rename, remove and bring back). Every change is stored at once (``services.packs`` for the
settings; ``services.profiles`` for the people).

What the people's buttons do is in ``settings_people.py``; the form itself stays whole, a few
lines over 400 of which about 65 are its styles."""

from __future__ import annotations

import asyncio
from typing import ClassVar, NamedTuple

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select, Static

from trustcheck import messages
from trustcheck.core.models import Pack, Profile
from trustcheck.core.packs import PackError
from trustcheck.core.schedule import DAY_NAMES, DAYS
from trustcheck.services import Services
from trustcheck.services.packs import PackSettingError
from trustcheck.services.profiles import RemovedPerson
from trustcheck.tui.screens.settings_people import PeopleActions, people_rows
from trustcheck.tui.text import plain, say
from trustcheck.tui.widgets.fields import LineInput
from trustcheck.tui.widgets.footer import Footer
from trustcheck.tui.widgets.marks import MarkedCheckbox

_UNSET = "-"
#: What the form's focus starts on.
FIRST_FOCUS = "Checkbox, Select, Input, Button"


class Catalogue(NamedTuple):
    """What the settings read off the UI thread: the usable modules, the questions each adds to
    a turn now, and the locales of the safety resources."""

    modules: list[Pack]
    added: dict[str, int]
    locales: list[tuple[str, str]]


class CatalogueRead(Message):
    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self.catalogue = catalogue


def read_catalogue(services: Services) -> Catalogue:
    """The usable modules (the catalogue read and validated against the stored wordings), what
    each adds to a turn now, and the locales of the safety resources (read off the UI thread)."""
    packs = services.packs
    modules = packs.modules()
    added = {pack.id: packs.questions_added(pack) for pack in modules}
    try:
        resources = services.safety.resources()
    except PackError:
        return Catalogue(modules, added, [(messages.SAFETY_NO_LOCALE, _UNSET)])
    return Catalogue(modules, added, [(loc.name, loc.id) for loc in resources.locales])


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
    SettingsScreen #idle, SettingsScreen #time {
        width: 16;
    }
    SettingsScreen #day {
        width: 36;
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
    SettingsScreen .person {
        height: auto;
        margin-top: 1;
    }
    SettingsScreen .person Static {
        width: 1fr;
        padding: 1 0 0 0;
    }
    SettingsScreen .person Button {
        margin-left: 1;
    }
    SettingsScreen #add-partner {
        margin-top: 1;
    }
    SettingsScreen .part {
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Done"),
    ]
    #: The form opens on its first setting (a module's box, once the catalogue is read), not on
    #: the scroll area around it: focusing or leaving that area restyles every widget inside it
    #: (~15 ms each way on open and close). Nothing is focused before the catalogue arrives.
    AUTO_FOCUS = ""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.people: list[Profile] = services.profiles.people()
        self.removed: list[RemovedPerson] = services.profiles.removed()
        #: The pack catalogue and the locales, read in a worker as the form opens (None: not yet).
        self.catalogue: Catalogue | None = None
        self.modules: list[Pack] = []
        self._switches: dict[str, str] = {}  # widget id → pack id
        self._roles: dict[str, tuple[str, int]] = {}  # widget id → (pack id, profile id)
        self._said: tuple[str, bool] = ("", False)  # the status line, kept across a recompose
        self._people_shown = False  # mounted just after the first frame, then composed with it
        self.people_actions = PeopleActions(self, services, self._status, self._people_changed)

    def compose(self) -> ComposeResult:
        packs = self.services.packs
        with VerticalScroll():
            yield Static(messages.SETTINGS_TITLE, classes="title", markup=False)
            yield Static(messages.SETTINGS_MODULES, classes="section", markup=False)
            yield Static(messages.SETTINGS_MODULES_HINT, classes="muted", markup=False)
            # The modules, their roles and the locales need the pack catalogue and the safety
            # resources: read in a worker as the form opens, filled in when they arrive.
            yield Vertical(*self._module_rows(), id="modules-part", classes="part")
            yield Static(messages.SETTINGS_LOCALE, classes="section", markup=False)
            yield Vertical(*self._locale_rows(), id="locale-part", classes="part")
            yield Static(messages.SETTINGS_REMINDER, classes="section", markup=False)
            yield Static(messages.SETTINGS_REMINDER_HINT, classes="muted", markup=False)
            chosen = packs.reminder()
            with Horizontal(classes="row"):
                yield Select(
                    [(name, day) for day, name in zip(DAYS, DAY_NAMES, strict=True)],
                    value=Select.NULL if chosen is None else DAYS[chosen.weekday],
                    prompt=messages.SETTINGS_REMINDER_NONE,
                    id="day",
                )
                at = "" if chosen is None else f"{chosen.at:%H:%M}"
                yield LineInput(at, placeholder="20:00", id="time")
            yield Static(messages.SETTINGS_IDLE, classes="section", markup=False)
            idle = packs.idle_seconds()
            yield LineInput("" if idle is None else str(idle), placeholder="300", id="idle")
            yield Vertical(*self._people_rows(), id="people-part", classes="part")
            text, error = self._said
            yield Static(plain(text), id="status", classes="error" if error else "")
            yield Button(messages.SETTINGS_CLOSE, id="done", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        if self.catalogue is None:
            self._read_catalogue()
        self.call_after_refresh(self._show_people)

    @work(exclusive=True, exit_on_error=False, group="settings-catalogue")
    async def _read_catalogue(self) -> None:
        """The worker: the catalogue read in a thread of its own that holds nothing of the screen
        (a Textual thread worker would leave the closed screen in its idle thread's context)."""
        catalogue = await asyncio.to_thread(read_catalogue, self.services)
        self.post_message(CatalogueRead(catalogue))

    @on(CatalogueRead)
    async def _catalogue_read(self, message: CatalogueRead) -> None:
        self.catalogue = message.catalogue
        self.modules = message.catalogue.modules
        modules_part = self.query_one("#modules-part", Vertical)
        locale_part = self.query_one("#locale-part", Vertical)
        await modules_part.remove_children()
        await locale_part.remove_children()
        await modules_part.mount_all(self._module_rows())
        await locale_part.mount_all(self._locale_rows())
        if self.focused is None:  # nothing chosen meanwhile: the form starts on its first setting
            first = self.query(FIRST_FOCUS).first()
            first.focus(scroll_visible=False)

    def _module_rows(self) -> list[Widget]:
        """The module switches and the roles, once the catalogue is read (else nothing yet)."""
        self._switches.clear()
        self._roles.clear()
        if self.catalogue is None:
            return []
        packs = self.services.packs
        on = set(packs.enabled_ids())
        rows: list[Widget] = []
        if not self.modules:
            rows.append(Static(messages.SETTINGS_NO_MODULES, classes="muted", markup=False))
        for n, pack in enumerate(self.modules):
            widget_id = f"module-{n}"
            self._switches[widget_id] = pack.id
            # What switching it on costs a turn (issue 15): its questions, said up front.
            label = messages.MODULE_QUESTIONS_TITLE.format(
                title=pack.title, n=self.catalogue.added[pack.id]
            )
            if pack.private:
                solo = len(self.people) == 1
                private = messages.SETTINGS_PRIVATE_MODULE_SOLO if solo else None
                label += f"  {private or messages.SETTINGS_PRIVATE_MODULE}"
            # A checkbox, not a Switch: its X shows "on" without colour.
            rows.append(MarkedCheckbox(plain(label), value=pack.id in on, id=widget_id))
        for n, pack in enumerate(p for p in self.modules if p.roles):
            rows.append(Static(say(messages.SETTINGS_ROLES, module=pack.title), classes="section"))
            hint = (
                messages.SETTINGS_ROLES_HINT_SOLO
                if len(self.people) == 1
                else messages.SETTINGS_ROLES_HINT
            )
            rows.append(Static(hint, classes="muted", markup=False))
            choices = [(plain(title), role) for role, title in pack.roles]
            for person in self.people:
                widget_id = f"role-{n}-{person.id}"
                self._roles[widget_id] = (pack.id, person.id)
                current = packs.role(pack.id, person.id)
                rows.append(
                    Horizontal(
                        Static(say(messages.SETTINGS_ROLE_FOR, name=person.name), classes="label"),
                        Select(
                            choices,
                            value=current if current in dict(pack.roles) else Select.NULL,
                            prompt=messages.SETTINGS_ROLE_UNSET,
                            id=widget_id,
                        ),
                        classes="row",
                    )
                )
        return rows

    def _locale_rows(self) -> list[Widget]:
        if self.catalogue is None:
            return []
        locales = self.catalogue.locales
        return [Select(locales, value=self._locale_value(locales), id="locale", allow_blank=False)]

    def _people_rows(self) -> list[Widget]:
        """The people and their buttons, once shown (the form's first frame comes without them:
        they are mounted just after it, the buttons being most of what opening the form costs)."""
        if not self._people_shown:
            return []
        return people_rows(self.services, self.people, self.removed)

    async def _show_people(self) -> None:
        if self._people_shown:
            return
        self._people_shown = True
        await self.query_one("#people-part", Vertical).mount_all(self._people_rows())

    # --- people (what their buttons do: settings_people.py) --------------------------------------
    @on(Button.Pressed)
    def _person_button(self, event: Button.Pressed) -> None:
        self.people_actions.pressed(event.button.id or "")

    def _people_changed(self, said: str) -> None:
        """Show the people as they are now (and the roles for them), with what was done."""
        self._said = (said, False)
        self._refresh_people()

    def _refresh_people(self) -> None:
        self.people = self.services.profiles.people()
        self.removed = self.services.profiles.removed()
        self.run_worker(self._recompose(), exclusive=True, group="people")

    async def _recompose(self) -> None:
        await self.recompose()
        if self.is_current:
            # The people and what was just done stay in view (a recompose starts at the top).
            done = self.query_one("#done", Button)
            done.focus(scroll_visible=False)
            self.call_after_refresh(done.scroll_visible, animate=False)

    def on_screen_resume(self) -> None:
        # A change made elsewhere meanwhile (the command line, another window): show it.
        people = self.services.profiles.people()
        removed = self.services.profiles.removed()
        if people != self.people or removed != self.removed:
            self._refresh_people()

    def _locale_value(self, locales: list[tuple[str, str]]) -> str:
        current = self.services.packs.locale()
        known = [value for _, value in locales]
        if current in known:
            return current
        return known[-1] if known else _UNSET

    def _status(self, text: str, *, error: bool = False) -> None:
        self._said = (text, error)
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
        packs = self.services.packs
        try:
            if widget_id == "day":
                self._save_reminder(chosen_day=True)
                return
            if widget_id == "locale":
                value = event.value
                before: str | None = packs.locale()
                packs.set_locale(value if isinstance(value, str) and value != _UNSET else None)
                after = packs.locale()
            elif widget_id in self._roles:
                pack_id, profile_id = self._roles[widget_id]
                role = event.value if isinstance(event.value, str) else None
                before = packs.role(pack_id, profile_id)
                packs.set_role(pack_id, profile_id, role)
                after = packs.role(pack_id, profile_id)
            else:
                return
        except PackSettingError as exc:
            self._status(str(exc), error=True)
            return
        if after != before:  # not the value a select starts with (it says Changed as it mounts)
            self._status(messages.SETTINGS_SAVED)

    @on(Input.Submitted, "#time")
    def _time_submitted(self) -> None:
        self._save_reminder()

    def _save_reminder(self, *, chosen_day: bool = False) -> bool:
        """Store the day and time when both are given (or neither: cleared); a day just chosen
        without a time asks for the time instead of refusing."""
        value = self.query_one("#day", Select).value
        day = value if isinstance(value, str) else ""
        time = self.query_one("#time", Input).value
        packs = self.services.packs
        before = packs.reminder()
        if chosen_day and day and not time.strip():
            if before is None or DAYS[before.weekday] != day:
                self._status(messages.SETTINGS_REMINDER_TIME)
                self.query_one("#time", Input).focus()  # where the time goes, next
            return True
        try:
            after = packs.set_reminder(day, time)
        except PackSettingError as exc:
            self._status(str(exc), error=True)
            return False
        if after != before:
            self._status(messages.SETTINGS_SAVED)
        return True

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
        if self._save_reminder() and self._save_idle():
            self.dismiss(None)
