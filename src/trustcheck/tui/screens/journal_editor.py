"""The writing half of the journal screen: one entry in the editor, and its sealed draft.

An entry being written is never lost (issue 12, section 6): about a second after the last change,
and again before the key is forgotten (idle lock, hide key, quit, terminal closed, crash), what is
in the editor is sealed with its author's key and kept as their draft. Opening the journal again
reopens it in the editor; saving makes it an ordinary entry.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Static, TextArea

from trustcheck import messages
from trustcheck.core.clock import moment_label
from trustcheck.core.models import JournalEntry, Profile
from trustcheck.services import Services
from trustcheck.services.errors import CryptoError
from trustcheck.services.journal import Draft, JournalError, clean_tags, parse_rating
from trustcheck.tui.text import plain
from trustcheck.tui.widgets.editor_area import EditorArea
from trustcheck.tui.widgets.fields import LineInput, TagsInput
from trustcheck.tui.widgets.marks import MarkedCheckbox

# Seconds after the last change in the editor before it is kept as a sealed draft.
DRAFT_DELAY = 1.0


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class EntryEditor(Vertical):
    """The editor of one entry (a new one, or one being changed): text, rating, tags, therapy."""

    def __init__(self, services: Services, profile: Profile) -> None:
        super().__init__(id="editor")
        self.services = services
        self.profile = profile
        self.editing = False
        self._edited: JournalEntry | None = None
        self._draft_timer: Timer | None = None
        # Whether the stored draft is this editor's (kept here, or reopened here): only then
        # may this editor let it go. Another window's draft is left alone.
        self._draft_is_mine = False

    def compose(self) -> ComposeResult:
        yield Static("", id="editor-title", classes="title")
        yield Static("", id="draft-note")
        yield EditorArea(id="entry-text", soft_wrap=True, show_line_numbers=False)
        with Horizontal(id="meta"):
            yield Static(messages.ENTRY_RATING, classes="label", markup=False)
            # Any text: a rating that is not a whole number 0–10 is named on saving and
            # nothing is saved (a filter would quietly turn "abc12" into 1).
            yield LineInput(placeholder=messages.ENTRY_RATING_PLACEHOLDER, id="rating")
            yield Static(messages.ENTRY_TAGS, classes="label", markup=False)
            yield TagsInput(placeholder=messages.ENTRY_TAGS_PLACEHOLDER, id="tags")
            yield MarkedCheckbox(messages.ENTRY_THERAPY, id="therapy")
        yield Static("", id="error")

    def open(self, entry: JournalEntry | None) -> None:
        """Fill the editor with ``entry`` (None: a new one)."""
        self._edited = entry
        self.editing = True
        title = (
            messages.ENTRY_NEW
            if entry is None
            else messages.ENTRY_EDIT.format(date=moment_label(entry.written_at))
        )
        self.query_one("#editor-title", Static).update(plain(title))
        self.query_one("#entry-text", TextArea).load_text("" if entry is None else entry.text)
        rating = "" if entry is None or entry.rating is None else str(entry.rating)
        self.query_one("#rating", Input).value = rating
        self.query_one("#tags", Input).value = "" if entry is None else ", ".join(entry.tags)
        self.query_one("#therapy", Checkbox).value = entry is not None and entry.for_therapy
        self.query_one("#error", Static).update("")
        self.query_one("#draft-note", Static).display = False

    def reopen(self, draft: Draft) -> None:
        """An entry kept when the journal last locked, quit or crashed: back in the editor."""
        journal = self.services.journal
        entry = None
        if draft.entry_id is not None:
            # The entry it edits; if that went meanwhile, the words come back as a new entry.
            entry = journal.entry(self.profile.id, draft.entry_id)
        self.open(entry)
        self._draft_is_mine = True
        self.query_one("#entry-text", TextArea).load_text(draft.text)
        self.query_one("#rating", Input).value = draft.rating
        self.query_one("#tags", Input).value = draft.tags
        self.query_one("#therapy", Checkbox).value = draft.for_therapy
        self.query_one("#draft-note", Static).update(plain(messages.JOURNAL_DRAFT_KEPT))
        self.query_one("#draft-note", Static).display = True

    def clear(self) -> None:
        """Empty the editor (and forget which entry it held)."""
        self._stop_draft_timer()
        self._edited = None
        self.query_one("#entry-text", TextArea).load_text("")  # also clears the undo history
        self.query_one("#rating", Input).value = ""
        self.query_one("#tags", Input).value = ""
        self.query_one("#therapy", Checkbox).value = False

    def forget(self) -> None:
        """Let go of the entry being written (locking, after it was kept as a draft)."""
        self.editing = False
        self._edited = None
        if self.is_attached:
            self.clear()
            self.query_one("#error", Static).update("")

    def _in_editor(self) -> Draft:
        """What the editor holds now, as it would be kept."""
        entry = self._edited
        return Draft(
            text=self.query_one("#entry-text", TextArea).text,
            rating=self.query_one("#rating", Input).value,
            tags=self.query_one("#tags", Input).value,
            for_therapy=self.query_one("#therapy", Checkbox).value,
            entry_id=None if entry is None else entry.id,
        )

    def changed(self) -> bool:
        """Whether the editor holds anything its entry (or an empty new one) does not."""
        now = self._in_editor()
        entry = self._edited
        if entry is None:
            return bool(now.text.strip() or now.rating.strip() or now.tags.strip()) or (
                now.for_therapy
            )
        rating = "" if entry.rating is None else str(entry.rating)
        try:
            tags = clean_tags(now.tags.split(","))  # as saving would store them
        except JournalError:
            return True  # tags that could not be saved as they are: not what is stored
        return (
            now.text.strip() != entry.text.strip()
            or now.rating.strip() != rating
            or tags != entry.tags
            or now.for_therapy != entry.for_therapy
        )

    # --- the draft ----------------------------------------------------------------------------
    @on(TextArea.Changed, "#entry-text")
    @on(Input.Changed, "#rating")
    @on(Input.Changed, "#tags")
    @on(Checkbox.Changed, "#therapy")
    def _edited_now(self) -> None:
        """A change in the editor: it is kept as a draft DRAFT_DELAY seconds after the last one."""
        if not self.editing:
            return
        self._stop_draft_timer()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.keep_draft)

    def _stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def keep_draft(self) -> None:
        """Seal what is being written as its author's draft (nothing changed: no draft).

        Called after a pause in typing and on every way out while the key is still unlocked:
        idle lock, hide key, quit, terminal closed, crash. Never raises: it runs on the way out.
        """
        self._stop_draft_timer()
        if not self.editing or not self.services.keys.is_unlocked(self.profile.id):
            return
        journal = self.services.journal
        try:
            if self.changed():
                journal.keep_draft(self.profile.id, self._in_editor())
                self._draft_is_mine = True
            elif self._draft_is_mine:  # changed back to what was saved
                journal.drop_draft(self.profile.id)
                self._draft_is_mine = False
        except (CryptoError, NoMatches):  # locked meanwhile, or the editor is already gone
            return

    def drop_draft(self) -> None:
        """Leaving without saving, as the person chose: a draft kept of it goes too."""
        self._stop_draft_timer()
        try:
            if self._draft_is_mine:
                self.services.journal.drop_draft(self.profile.id)
        finally:
            self._draft_is_mine = False

    # --- saving -------------------------------------------------------------------------------
    def save(self) -> JournalEntry | None:
        """Store what is in the editor (its draft goes in the same transaction): the entry as
        saved, or None when it cannot be (the reason is shown; the words stay as typed)."""
        text = self.query_one("#entry-text", TextArea).text
        raw_rating = self.query_one("#rating", Input).value.strip()
        tags = self.query_one("#tags", Input).value.split(",")
        therapy = self.query_one("#therapy", Checkbox).value
        error = self.query_one("#error", Static)
        try:
            rating = parse_rating(raw_rating)
            journal = self.services.journal
            if self._edited is None:
                saved = journal.add(
                    self.profile.id,
                    text,
                    rating=rating,
                    tags=tags,
                    for_therapy=therapy,
                    from_draft=self._draft_is_mine,
                )
            else:
                saved = journal.update(
                    self._edited,
                    text,
                    rating=rating,
                    tags=tags,
                    for_therapy=therapy,
                    from_draft=self._draft_is_mine,
                )
        except JournalError as exc:  # the entry stays in the editor, as typed
            error.update(plain(_sentence(str(exc))))
            return None
        except CryptoError:  # locked meanwhile (e.g. idle): nothing more to do here
            return None
        self._draft_is_mine = False  # saved: the draft went in the same transaction
        return saved
