"""One past week, read-only (issue 17): the reveal as it was, the notes shared that week, and the
commitments set that week with how they went.

Private answers stay sealed here. ``p`` shows one person's own, after that person's passphrase
(or while their key is held, as their journal does), and never anyone else's; locking (the hide
key) takes them off the screen at once, and a key unlocked here is locked again when the screen
closes. Nothing from the safety check is read.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from trustcheck import messages
from trustcheck.core.clock import week_label
from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.services.history import PastWeek, PrivateNote
from trustcheck.tui.screens.reveal import (
    module_table,
    open_answers,
    reveal_legend,
    reveal_table,
)
from trustcheck.tui.screens.unlock import WhoseJournalScreen
from trustcheck.tui.text import plain, say
from trustcheck.tui.widgets.footer import Footer


class WhosePrivateScreen(WhoseJournalScreen):
    """Whose private answers to show (escape: nobody's)."""

    def compose(self) -> ComposeResult:
        from textual.containers import Horizontal
        from textual.widgets import Button

        with Vertical():
            yield Static(messages.HISTORY_PRIVATE_WHOSE, id="title", markup=False)
            with Horizontal(id="people"):
                for n, person in enumerate(self.people):
                    yield Button(plain(person.name), id=f"person-{n}", variant="primary")
                yield Button(messages.CANCEL, id="cancel")


def _who(people: tuple[Profile, ...]) -> str:
    names = [p.name for p in people]
    if len(names) == 2:
        return messages.HISTORY_WHO_COUPLE.format(a=names[0], b=names[1])
    return ", ".join(names)


class PastWeekScreen(Screen[None]):
    """A past week as it was; nothing here can be changed."""

    AUTO_FOCUS = "#week-scroll"

    DEFAULT_CSS = """
    PastWeekScreen VerticalScroll {
        padding: 1 2;
    }
    PastWeekScreen #table {
        margin: 1 0 0 0;
        width: auto;
    }
    PastWeekScreen .legend {
        color: $text-muted;
    }
    PastWeekScreen .prompt-title {
        margin-top: 1;
        text-style: bold;
    }
    PastWeekScreen .open-author {
        padding-left: 2;
    }
    PastWeekScreen .open-answer {
        padding-left: 4;
    }
    PastWeekScreen .commitment {
        padding-left: 2;
    }
    PastWeekScreen .how {
        padding-left: 4;
        color: $text-muted;
    }
    PastWeekScreen #private {
        height: auto;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "private", "Private answers"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, services: Services, checkin_id: int) -> None:
        super().__init__()
        self.services = services
        self.past: PastWeek = services.history.week(checkin_id)
        #: Whose private answers are on the screen (None: nobody's).
        self.showing: Profile | None = None
        #: Keys unlocked on this screen: locked again when it closes (as leaving the journal
        #: locks it), so the next person at the keyboard finds them locked.
        self.unlocked_here: set[int] = set()
        self._stop_watching_locks = services.keys.before_lock(self._before_lock)

    def compose(self) -> ComposeResult:
        past = self.past
        reveal = past.reveal
        with VerticalScroll(id="week-scroll"):
            yield Static(
                say(messages.HISTORY_WEEK_TITLE, week=week_label(past.checkin.week)),
                classes="title",
            )
            yield Static(
                say(
                    messages.HISTORY_WEEK_NUMBER,
                    number=str(past.number),
                    total=str(past.total),
                    who=_who(past.people),
                ),
                id="number",
            )
            yield Static(plain(messages.HISTORY_AS_IT_WAS), classes="legend")
            yield Static(reveal_table(reveal), id="table")
            yield reveal_legend(reveal)
            if reveal.modules:
                yield Static(messages.REVEAL_MODULES_TITLE, classes="section", markup=False)
                yield Static(module_table(reveal), id="modules")
            yield Static(messages.HISTORY_NOTES_TITLE, classes="section", markup=False)
            yield from open_answers(self.past.reveal, messages.HISTORY_NO_NOTES)
            yield Static(messages.HISTORY_COMMITMENTS_TITLE, classes="section", markup=False)
            yield from self._commitments()
            with Vertical(id="private"):
                yield Static(messages.HISTORY_PRIVATE_HINT, classes="legend", markup=False)
        yield Footer()

    def _commitments(self) -> ComposeResult:
        if not self.past.commitments:
            yield Static(messages.HISTORY_NO_COMMITMENTS_SET, classes="muted", markup=False)
            return
        for c in self.past.commitments:
            text = c.commitment.text
            line = (
                messages.HISTORY_COMMITMENT_SOLO.format(text=text)
                if c.own
                else messages.HISTORY_COMMITMENT.format(owner=c.owner, to=c.to, text=text)
            )
            yield Static(plain(line), classes="commitment")
            yield Static(say(messages.HISTORY_HOW, how=c.how), classes="how")

    def on_unmount(self) -> None:
        self._stop_watching_locks()
        for profile_id in self.unlocked_here:
            self.services.keys.lock(profile_id)

    # --- one person's own private answers -------------------------------------------------------
    def action_private(self) -> None:
        people = list(self.past.people)
        if len(people) == 1:
            self._unlock_for(people[0])
        else:
            self.app.push_screen(WhosePrivateScreen(people), self._unlock_for)

    def _unlock_for(self, person: Profile | None) -> None:
        if person is None:
            return
        keys = self.services.keys
        if keys.is_unlocked(person.id):
            self._show_private(person)
        elif keys.has_passphrase(person.id):
            from trustcheck.tui.screens.unlock import UnlockScreen

            def done(unlocked: bool | None) -> None:
                self.app.refresh_bindings()
                if unlocked:
                    self.unlocked_here.add(person.id)
                    self._show_private(person)

            self.app.push_screen(UnlockScreen(self.services, person), done)
        else:
            # No passphrase, so nothing of theirs was ever sealed: there is nothing to show.
            self._fill_private(person, ())

    def _show_private(self, person: Profile) -> None:
        from trustcheck.services.history import HistoryError

        try:
            notes = self.services.history.private_answers(self.past.checkin.id, person)
        except HistoryError as exc:  # locked meanwhile
            self.notify(str(exc), markup=False)
            return
        self._fill_private(person, notes)

    def _fill_private(self, person: Profile, notes: tuple[PrivateNote, ...]) -> None:
        rows: list[Static] = [
            Static(say(messages.HISTORY_PRIVATE_TITLE, name=person.name), classes="section")
        ]
        if not notes:
            rows.append(
                Static(say(messages.HISTORY_PRIVATE_NONE, name=person.name), classes="muted")
            )
        for note in notes:
            title = f"{note.module}: {note.prompt}" if note.module else note.prompt
            rows.append(Static(plain(title), classes="prompt-title"))
            text = note.text if note.text is not None else messages.HISTORY_PRIVATE_DAMAGED
            rows.append(Static(plain(text), classes="open-answer private-answer"))
        self.showing = person
        self.run_worker(self._replace_private(rows, scroll=True), group="private", exclusive=True)

    async def _replace_private(self, rows: list[Static], *, scroll: bool = False) -> None:
        box = self.query_one("#private", Vertical)
        await box.remove_children()
        await box.mount_all(rows)
        if scroll:
            self.query_one("#week-scroll", VerticalScroll).scroll_end(animate=False)

    def _before_lock(self, profile_id: int | None) -> None:
        """A key is about to go: the private answers it opened leave the screen at once."""
        if self.showing is None or profile_id not in (None, self.showing.id):
            return
        self.showing = None
        # Off the screen before the key goes (the next frame shows none of it), then replaced.
        for widget in self.query_one("#private", Vertical).children:
            widget.display = False
        hidden = Static(messages.HISTORY_PRIVATE_HIDDEN, classes="legend", markup=False)
        self.run_worker(self._replace_private([hidden]), group="private", exclusive=True)

    def action_back(self) -> None:
        self.app.pop_screen()
