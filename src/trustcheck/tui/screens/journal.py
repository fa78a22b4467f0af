"""The private journal of one person, open only while their key is unlocked.

The screen puts together the list of entries with its search (``journal_list``, opened off the UI
thread), one entry read-only (``journal_view``: what opening an entry shows first; ``e`` edits
it), the editor of one entry with its sealed draft (``journal_editor``) and the person's private
check-in answers (``journal_private``), and it owns locking.

Opening the journal draws the list alone: the editor (a text area, fields, and the modules behind
them) is imported and mounted the first time something is written (a new entry, an entry opened,
a kept draft), and stays, hidden, until the screen goes.

Locking (hide key, idle time, leaving) forgets the key and empties every widget that held
decrypted text before the screen goes, and drops the screen's own references to entries; a
search under way stops and what it still finds is dropped.

A little over 400 lines: about 65 are the styles of the parts it mounts, and the rest is one job
(which part shows, which keys act on it, and locking all of them) that reads best in one place.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Input

from trustcheck import messages
from trustcheck.core.clock import moment_label
from trustcheck.core.models import JournalEntry, Profile
from trustcheck.services import Services
from trustcheck.services.errors import CryptoError
from trustcheck.services.journal import JournalConflict
from trustcheck.tui.screens.confirm import ConfirmDialog
from trustcheck.tui.screens.journal_list import EntryList
from trustcheck.tui.screens.journal_private import PrivateAnswers
from trustcheck.tui.screens.journal_view import EntryView
from trustcheck.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from trustcheck.services.journal import Draft
    from trustcheck.tui.screens.journal_editor import EntryEditor

IDLE_DEFAULT = 300.0
# The actions on the list of entries (off while an entry is written or private answers are read).
LIST_ACTIONS = ("new", "delete", "search", "back", "private")


def idle_seconds(services: Services) -> float:
    """The idle time after which an open journal locks itself (setting, default 5 minutes)."""
    value = services.packs.idle_lock_seconds()
    return IDLE_DEFAULT if value is None else value


class JournalScreen(Screen[None]):
    DEFAULT_CSS = """
    JournalScreen #journal {
        padding: 0 2;
    }
    JournalScreen #head {
        height: auto;
        padding-top: 1;
    }
    JournalScreen #lock-note, JournalScreen #more, JournalScreen #empty {
        color: $text-muted;
    }
    JournalScreen #damaged {
        color: $warning;
    }
    JournalScreen #search {
        margin: 1 0 0 0;
    }
    JournalScreen DataTable {
        height: 1fr;
        margin-top: 1;
    }
    JournalScreen #editor {
        padding: 1 2 0 2;
    }
    JournalScreen #editor TextArea {
        height: 1fr;
        min-height: 4;
        margin-top: 1;
    }
    JournalScreen #meta {
        height: auto;
        margin-top: 1;
    }
    JournalScreen #meta .label {
        width: auto;
        padding: 1 1 0 0;
        color: $text-muted;
    }
    JournalScreen #rating {
        width: 10;
        margin-right: 2;
    }
    JournalScreen #tags {
        width: 1fr;
        min-width: 12;
        margin-right: 2;
    }
    JournalScreen Checkbox {
        width: auto;
        margin-top: 0;
    }
    JournalScreen #error {
        color: $error;
        height: auto;
    }
    JournalScreen #draft-note {
        color: $warning;
        height: auto;
    }
    JournalScreen #private {
        padding: 1 2 0 2;
    }
    JournalScreen #private-note {
        color: $text-muted;
        margin-bottom: 1;
    }
    """

    # The table has focus from compose on, so the first frame draws it focused: focusing it in
    # on_mount (after the search field took auto focus) restyled and redrew every row again.
    AUTO_FOCUS = "#entries"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "New entry"),
        # Reading an entry, the gentler action comes first in the footer: Edit, then Delete.
        Binding("e", "edit_viewed", "Edit"),
        Binding("delete", "delete", "Delete", key_display="del"),
        Binding("slash,ctrl+f", "search", "Search", key_display="/"),
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "back", "Close (locks)"),
        Binding("escape", "cancel_edit", "Cancel"),
        Binding("escape", "close_view", "Back to the list"),
        Binding("p", "private", messages.JOURNAL_PRIVATE_KEY),
        Binding("p,escape", "entries", messages.JOURNAL_PRIVATE_BACK, key_display="p"),
        Binding("f1", "app.help", "Help", show=False),
    ]

    def __init__(self, services: Services, profile: Profile) -> None:
        super().__init__()
        self.services = services
        self.profile = profile
        self.reading_private = False  # the private check-in answers are shown, not the entries
        self.entry_list = EntryList(services, profile)
        # Mounted the first time something is written (``_writing``): the list opens without it.
        self.editor: EntryEditor | None = None
        # Mounted the first time an entry is opened: it shows one entry, read-only.
        self.view: EntryView | None = None
        self._writing = False  # the editor is being mounted for writing (keys wait for it)
        self._idle_limit = idle_seconds(services)
        self._last_activity = time.monotonic()
        self._idle_timer: Timer | None = None

    @property
    def editing(self) -> bool:
        """Whether an entry is open in the editor (the list is hidden meanwhile)."""
        return self._writing or (self.editor is not None and self.editor.editing)

    @property
    def viewing(self) -> bool:
        """Whether an entry is shown read-only (the list is hidden meanwhile)."""
        return self.view is not None and self.view.entry is not None

    # --- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield self.entry_list
        yield Footer()

    async def on_mount(self) -> None:
        if not self.services.keys.is_unlocked(self.profile.id):
            self.app.pop_screen()  # never shown without its owner's key
            return
        self.entry_list.start()
        if not self.query_one(DataTable).display:  # no entries: the search field has the focus
            self.query_one("#search", Input).focus()
        self._idle_timer = self.set_interval(min(1.0, self._idle_limit / 4), self._check_idle)
        draft = self.services.journal.draft(self.profile.id)
        if draft is not None:  # kept when the journal last locked, quit or crashed
            await self._write(None, draft)

    def on_resize(self, event: Resize) -> None:
        if not self.editing:
            self.entry_list.fit_width()

    def reload(self, select: int | None = None) -> None:
        """Show the entries again (the search applied), with the cursor on ``select`` if given."""
        self.entry_list.reload(select)

    @on(DataTable.RowSelected)
    async def action_open(self) -> None:
        """The highlighted entry, read-only first (``e`` edits it)."""
        entry = self.entry_list.highlighted()
        if entry is None or self.editing:
            return
        view = self.view
        if view is None:
            view = self.view = EntryView()
            await self.mount(view, before=self.query_one(Footer))
            if not self.services.keys.is_unlocked(self.profile.id) or not self.is_attached:
                return  # locked while the view was mounted: nothing is shown in it
        view.show(entry)
        self.entry_list.display = False
        view.display = True
        view.focus()
        self.refresh_bindings()

    def _hide_view(self) -> None:
        if self.view is not None:
            self.view.clear()
            self.view.display = False

    def action_close_view(self) -> None:
        """Back from the entry to the list, the cursor where it was."""
        self._hide_view()
        self.entry_list.display = True
        self.query_one(DataTable).focus()
        self.refresh_bindings()

    async def action_edit_viewed(self) -> None:
        """The entry being read, in the editor."""
        entry = None if self.view is None else self.view.entry
        if entry is None:
            return
        self._hide_view()
        await self._write(entry)

    async def action_new(self) -> None:
        await self._write(None)

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    # --- private check-in answers -------------------------------------------------------------
    def action_private(self) -> None:
        """Show the private answers this person kept in check-ins (read-only), not the entries.

        The section is mounted only while shown (opening the journal costs nothing more) and
        removed, with the decrypted answers, when going back or locking.
        """
        try:
            answers = self.services.checkins.private_answers(self.profile.id)
        except CryptoError:  # locked meanwhile (e.g. idle)
            return
        self.reading_private = True
        self.query_one("#journal").display = False
        section = PrivateAnswers(answers)
        self.mount(section, before=self.query_one(Footer))
        section.focus()
        self.refresh_bindings()

    def action_entries(self) -> None:
        """Back from the private answers to the entries; the answers are let go of."""
        self._drop_private()
        self.query_one("#journal").display = True
        table = self.query_one(DataTable)
        (table if table.display else self.query_one("#search", Input)).focus()
        self.refresh_bindings()

    def _drop_private(self) -> None:
        self.reading_private = False
        for section in self.query("#private").results(PrivateAnswers):
            section.clear()
            section.remove()

    # --- writing ------------------------------------------------------------------------------
    async def _write(self, entry: JournalEntry | None, draft: Draft | None = None) -> None:
        """Show ``entry`` (None: a new one) in the editor, or the kept ``draft``; the editor is
        imported and mounted the first time (the list's bindings are off meanwhile)."""
        if self._writing:
            return  # already on its way (a second key before the editor was there)
        editor = self.editor
        if editor is None:
            from trustcheck.tui.screens.journal_editor import EntryEditor

            self._writing = True
            self.refresh_bindings()
            editor = EntryEditor(self.services, self.profile)
            editor.display = False  # shown once it holds the entry
            try:
                await self.mount(editor, before=self.query_one(Footer))
            finally:
                self._writing = False
            self.editor = editor
            if not self.services.keys.is_unlocked(self.profile.id) or not self.is_attached:
                return  # locked while the editor was mounted: nothing is opened in it
        if draft is not None:
            editor.reopen(draft)
        else:
            editor.open(entry)
        self._show_editor(editor)

    def _show_editor(self, editor: EntryEditor) -> None:
        self.entry_list.display = False
        editor.display = True
        editor.query_one("#entry-text").focus()
        self.refresh_bindings()

    def _close_editor(self, select: int | None = None) -> None:
        if self.editor is not None:
            self.editor.clear()
            self.editor.editing = False
            self.editor.display = False
        self.entry_list.display = True
        self.reload(select=select)
        self.query_one(DataTable).focus()
        self.refresh_bindings()

    def keep_draft(self) -> None:
        """Seal what is being written as its author's draft (see ``EntryEditor.keep_draft``)."""
        if self.editor is not None:
            self.editor.keep_draft()

    def action_save(self) -> None:
        saved = None if self.editor is None else self.editor.save()
        if saved is None:
            return
        self._close_editor(select=saved.id)
        self.app.notify(messages.ENTRY_SAVED, markup=False, timeout=2)

    def action_cancel_edit(self) -> None:
        if self.editor is None or not self.editor.changed():
            self._leave_editor()
            return

        def decided(leave: bool | None) -> None:
            if leave:
                self._leave_editor()

        self.app.push_screen(
            ConfirmDialog(
                messages.ENTRY_DISCARD_QUESTION,
                messages.ENTRY_DISCARD_YES,
                messages.ENTRY_DISCARD_NO,
            ),
            decided,
        )

    def _leave_editor(self) -> None:
        """Leave without saving, as the person chose: a kept draft of it goes too."""
        try:
            if self.editor is not None:
                self.editor.drop_draft()
        finally:
            self._close_editor()

    def action_delete(self) -> None:
        """Delete the entry being read, or the highlighted one, after a confirmation."""
        viewed = None if self.view is None else self.view.entry
        entry = viewed or self.entry_list.highlighted()
        if entry is None:
            return
        entry_id = entry.id

        def back_to_list() -> None:
            if viewed is not None and self.view is not None and self.view.entry is viewed:
                self.action_close_view()

        def decided(delete: bool | None) -> None:
            target = self.entry_list.entry(entry_id)
            if not delete or target is None:
                return
            try:
                self.services.journal.delete(target)
            except JournalConflict as exc:  # changed in another window: show it, keep it
                back_to_list()
                self.reload()
                self.app.notify(str(exc), severity="warning", markup=False)
                return
            except CryptoError:  # locked meanwhile (e.g. idle)
                return
            back_to_list()
            self.reload()
            self.app.notify(messages.ENTRY_DELETED, markup=False, timeout=2)

        date = moment_label(entry.written_at)
        self.app.push_screen(
            ConfirmDialog(
                messages.ENTRY_DELETE_QUESTION.format(date=date),
                messages.ENTRY_DELETE_YES,
                messages.ENTRY_DELETE_NO,
            ),
            decided,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._writing:  # the editor is on its way: no key acts on the list, nor on it yet
            return action not in ("save", "cancel_edit", "entries", *LIST_ACTIONS)
        if action in ("save", "cancel_edit"):
            return self.editing
        if action == "entries":
            return self.reading_private
        if action in ("edit_viewed", "close_view"):
            return self.viewing and not self.editing
        if action in LIST_ACTIONS:
            if self.editing or self.reading_private:
                return False
            if self.viewing:  # reading one entry: only deleting it acts on the list
                return action == "delete"
            if action == "delete" and self.entry_list.empty:
                return None
        return True

    # --- locking ------------------------------------------------------------------------------
    def touch(self) -> None:
        """A key or mouse event somewhere in the app: the idle countdown starts again."""
        self._last_activity = time.monotonic()

    def _check_idle(self) -> None:
        if time.monotonic() - self._last_activity >= self._idle_limit:
            self.lock_and_leave()
            self.app.notify(messages.JOURNAL_IDLE_LOCKED, markup=False)

    def lock_journal(self) -> None:
        """Keep what is being written as a sealed draft, then forget the key and every piece of
        decrypted text this screen holds. Idempotent."""
        editor = self.editor
        if editor is not None:
            editor.keep_draft()
            editor.editing = False
        self.services.keys.lock(self.profile.id)
        if self._idle_timer is not None:
            self._idle_timer.stop()
            self._idle_timer = None
        self.entry_list.forget()  # a search under way stops; what it still finds is dropped
        if editor is not None:
            editor.forget()
        if self.view is not None:
            self.view.clear()
        if self.is_attached:
            self._drop_private()

    def lock_and_leave(self) -> None:
        """Lock, then close this screen and anything opened over it (e.g. a confirmation)."""
        self.lock_journal()
        app = self.app
        if self not in app.screen_stack:
            return
        while app.screen is not self:
            app.pop_screen()
        app.pop_screen()

    def action_back(self) -> None:
        self.lock_and_leave()

    def on_unmount(self) -> None:
        # However the screen goes (a key, the app closing), the journal is locked behind it.
        self.services.keys.lock(self.profile.id)
        self.entry_list.forget()
        if self.editor is not None:
            self.editor.forget()
        if self.view is not None:
            self.view.clear()
