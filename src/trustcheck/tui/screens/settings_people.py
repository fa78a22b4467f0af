"""The people in Settings: add a partner after a solo start, rename, remove (asked first, with
the person's passphrase when they have private things) and bring back, and make a new recovery
code. Every change goes through ``services.profiles`` (the recovery code through
``services.keys``); each ends in one line said on the form, and the people shown again.

The form (``settings.py``) draws the rows from :func:`people_rows` and hands each button press to
:class:`PeopleActions`, which opens the dialog it needs and tells the form what came of it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol

from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Static

from trustcheck import messages
from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.services.profiles import ProfileError, ProfileRemovedError, RemovedPerson
from trustcheck.tui.text import plain, say


class Say(Protocol):
    """The form's status line: a sentence, or an error."""

    def __call__(self, text: str, *, error: bool = False) -> None: ...


def people_rows(
    services: Services, people: list[Profile], removed: list[RemovedPerson]
) -> list[Widget]:
    """The people part of the form: each person with their buttons, the offer to add a partner
    when alone, and each removed person with a button to bring them back."""
    rows: list[Widget] = [
        Static(messages.SETTINGS_PEOPLE, classes="section", markup=False),
        Static(messages.SETTINGS_PEOPLE_HINT, classes="muted", markup=False),
    ]
    for person in people:
        buttons = [Button(messages.SETTINGS_RENAME, id=f"rename-{person.id}")]
        if len(people) > 1:
            buttons.append(Button(messages.SETTINGS_REMOVE, id=f"remove-{person.id}"))
        if services.keys.has_passphrase(person.id):
            buttons.append(Button(messages.SETTINGS_RECOVERY, id=f"recovery-{person.id}"))
        rows.append(Horizontal(Static(plain(person.name)), *buttons, classes="person"))
    if len(people) < 2:
        rows.append(Button(messages.SETTINGS_ADD_PARTNER, id="add-partner"))
    for gone in removed:
        rows.append(
            Horizontal(
                Static(say(messages.SETTINGS_REMOVED_ROW, name=gone.name, date=gone.date)),
                Button(messages.SETTINGS_RESTORE, id=f"restore-{gone.profile.id}"),
                classes="person",
            )
        )
    return rows


class PeopleActions:
    """What the people's buttons do, over ``screen`` (the form): ``said`` shows a line on it
    (nothing changed, or why not), ``changed`` shows the people again with what was done."""

    def __init__(
        self, screen: Screen[None], services: Services, said: Say, changed: Callable[[str], None]
    ) -> None:
        self.screen = screen
        self.services = services
        self.said = said
        self.changed = changed

    def pressed(self, button_id: str) -> None:
        """A button of the people part (any other button is not theirs: nothing happens)."""
        if button_id == "add-partner":
            self._add_partner()
        elif button_id.startswith("restore-"):
            self._restore(self._person(button_id, "restore-"))
        elif button_id.startswith("rename-"):
            self._rename(self._person(button_id, "rename-"))
        elif button_id.startswith("remove-"):
            self._remove(self._person(button_id, "remove-"))
        elif button_id.startswith("recovery-"):
            from trustcheck.tui.screens.people import NewRecoveryCodeScreen

            person = self._person(button_id, "recovery-")
            made = messages.RECOVERY_MADE.format(name=person.name)
            self.screen.app.push_screen(
                NewRecoveryCodeScreen(self.services, person),
                lambda done: self.said(made) if done else None,
            )

    def _person(self, button_id: str, prefix: str) -> Profile:
        profile_id = int(button_id.removeprefix(prefix))
        return self.services.profiles.get(profile_id)

    def _add_partner(self) -> None:
        from trustcheck.tui.screens.people import NameScreen

        self.screen.app.push_screen(
            NameScreen(messages.SETTINGS_NAME_PARTNER), self._partner_named
        )

    def _partner_named(self, name: str | None) -> None:
        if name is None:
            return
        try:
            person = self.services.profiles.add(name)
        except ProfileRemovedError as exc:
            self._offer_restore(exc)
            return
        except ProfileError as exc:
            self.said(str(exc), error=True)
            return
        self.changed(messages.SETTINGS_ADDED.format(name=person.name))

    def _offer_restore(self, exc: ProfileRemovedError) -> None:
        """A removed person's name again: bring them back (asked first), not a stranger."""
        from trustcheck.tui.screens.confirm import ConfirmDialog

        gone = exc.removed[0]
        self.screen.app.push_screen(
            ConfirmDialog(
                exc.question(),
                yes=messages.SETTINGS_RESTORE_YES.format(name=gone.name),
                no=messages.CANCEL,
            ),
            partial(self._restore_answered, gone),
        )

    def _restore_answered(self, gone: RemovedPerson, yes: bool | None) -> None:
        if yes:
            self._restore(gone.profile)
        else:
            self.said(messages.SETTINGS_NOTHING_CHANGED)

    def _restore(self, profile: Profile) -> None:
        try:
            person = self.services.profiles.restore(profile)
        except ProfileError as exc:
            self.said(str(exc), error=True)
            return
        self.changed(messages.SETTINGS_RESTORED.format(name=person.name))

    def _rename(self, person: Profile) -> None:
        from trustcheck.tui.screens.people import NameScreen

        self.screen.app.push_screen(
            NameScreen(messages.SETTINGS_NAME_RENAME.format(name=person.name), person.name),
            partial(self._renamed, person),
        )

    def _renamed(self, person: Profile, name: str | None) -> None:
        if name is None:
            return
        try:
            after = self.services.profiles.rename(person, name)
        except ProfileError as exc:
            self.said(str(exc), error=True)
            return
        self.changed(messages.SETTINGS_RENAMED.format(old=person.name, new=after.name))

    def _remove(self, person: Profile) -> None:
        from trustcheck.tui.screens.confirm import ConfirmDialog
        from trustcheck.tui.screens.people import RemovePersonScreen

        done = partial(self._removed, person)
        if self.services.profiles.needs_passphrase(person):
            self.screen.app.push_screen(RemovePersonScreen(self.services, person), done)
            return
        self.screen.app.push_screen(
            ConfirmDialog(
                messages.SETTINGS_REMOVE_ASK.format(name=person.name),
                yes=messages.SETTINGS_REMOVE_YES.format(name=person.name),
                no=messages.CANCEL,
            ),
            partial(self._remove_confirmed, person),
        )

    def _remove_confirmed(self, person: Profile, yes: bool | None) -> None:
        if not yes:
            return
        try:
            self.services.profiles.remove(person)
        except ProfileError as exc:
            self.said(str(exc), error=True)
            return
        self._removed(person, True)

    def _removed(self, person: Profile, removed: bool | None) -> None:
        if removed:
            self.changed(messages.SETTINGS_REMOVED.format(name=person.name))
