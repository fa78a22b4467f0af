"""What the answering step does with a written answer while it is typed: a draft, kept a second
after the last key and on every way out, sealed when it is private (issue 12, §1).

:class:`DraftingStep` is the answer screen's base: it owns the draft's state and the box's
notes, so ``answer.py`` reads as the questions and their answers.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.containers import Container
from textual.timer import Timer
from textual.widgets import RadioSet, Static, TextArea

from trustcheck import messages
from trustcheck.core.models import Answer, Checkin, Item, Pack, Profile, Visibility
from trustcheck.services import Services
from trustcheck.services.checkin import CheckinError, DraftSaved
from trustcheck.services.errors import CryptoError, StorageError
from trustcheck.tui.screens.step import StepScreen
from trustcheck.tui.screens.unlock import with_key
from trustcheck.tui.text import plain
from trustcheck.tui.widgets.text_answer import TextAnswer


def sealed_answer(stored: Answer | None) -> bool:
    """A private answer already stored: its text is sealed, so it is not shown here."""
    return (
        stored is not None
        and stored.visibility is Visibility.PRIVATE
        and not stored.skipped
        and stored.text is None
    )


class DraftingStep(StepScreen):
    """A check-in step with a written answer in a box (``#stored`` shows what became of it)."""

    #: A draft is written this long after the last key (a debounce); tests make it shorter.
    DRAFT_SECONDS: ClassVar[float] = 1.0

    #: Whose turn it is, their partner (None: alone), and the check-in (set by the screen).
    person: Profile
    partner: Profile | None
    turn: Checkin

    def __init__(self, services: Services, checkin: Checkin) -> None:
        super().__init__(services, checkin)
        # The written answer in the box: its (pack id, item id), and what was last stored for
        # it (draft or answer), so a draft is written only when something changed.
        self._text_item: tuple[str, str] | None = None
        self._clean: tuple[str, Visibility] = ("", Visibility.SHARED)
        #: A private draft is stored sealed but not shown (its author is locked): an empty box
        #: never writes over it.
        self._sealed_hidden = False
        #: What is in the box is the given answer (not a draft).
        self._clean_is_answer = False
        self._draft_timer: Timer | None = None

    async def load_text_box(
        self, container: Container, item: Item, pack: Pack, stored: Answer | None, from_review: bool
    ) -> TextArea:
        """Show a written item's box: its draft if one is newer, else the given answer (a sealed
        one opened for its unlocked author when changed from the review). Returns the box."""
        current = container.children[0] if container.children else None
        text = "" if stored is None or stored.text is None else stored.text
        # Chosen from the review to change it: a sealed answer's text is shown to its
        # unlocked author, so who sees it can change without writing it again.
        opened = self._open_sealed(item, pack) if from_review and sealed_answer(stored) else None
        if opened is not None:
            text = opened
        visibility = item.visibility if stored is None else stored.visibility
        note = messages.PRIVATE_STORED if sealed_answer(stored) and opened is None else ""
        draft = self.services.checkins.answer_draft(self.turn.id, self.person.id, item.id, pack.id)
        if draft is not None:  # newer than any answer: what was being written comes back
            visibility = draft.visibility
            text = draft.text or ""
            self._sealed_hidden = draft.text is None and not draft.damaged
            if draft.damaged:
                note = messages.DRAFT_DAMAGED
            elif draft.text is None:
                note = messages.DRAFT_SEALED_HIDDEN
            else:
                note = messages.DRAFT_RESUMED
        if item.private:
            visibility = Visibility.PRIVATE
        if isinstance(current, TextAnswer):
            current.load(text, visibility)
            widget = current
        else:
            await container.remove_children()
            widget = TextAnswer(text, visibility, solo=self.partner is None)
            await container.mount(widget)
        # A private item stays private: who sees it is not a choice here.
        widget.query_one(RadioSet).disabled = item.private
        target = widget.query_one(TextArea)
        target.move_cursor(target.document.end)  # a resumed draft goes on where it ended
        self._text_item = (pack.id, item.id)
        self._clean = (widget.text, widget.visibility)
        self._clean_is_answer = draft is None
        self.query_one("#stored", Static).update(plain(note))
        return target

    def _open_sealed(self, item: Item, pack: Pack) -> str | None:
        """A sealed written answer's text for its unlocked author (None when locked or damaged),
        so changing it, or who sees it, starts from what was written."""
        if not self.services.keys.is_unlocked(self.person.id):
            return None
        try:
            return self.services.checkins.private_text(
                self.turn.id, self.person.id, item.id, pack.id
            )
        except CryptoError:
            return None

    def _show_error(self, why: str) -> None:
        error = self.query_one("#error", Static)
        error.update(plain(why))
        error.display = True

    def _stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def _needs_unlock(self) -> bool:
        """A private draft that cannot be kept or shown until its author unlocks."""
        if self._text_item is None or self.services.keys.is_unlocked(self.person.id):
            return False
        if self._sealed_hidden:
            return True
        answers = self.query(TextAnswer)
        return bool(answers) and answers.first().visibility is Visibility.PRIVATE

    def keep_draft(self) -> DraftSaved | None:
        """Store what is in the box as a draft, now, if it changed since it was last stored.

        Private text is sealed first; with the author locked nothing is written and the screen
        says so. Returns what happened (None: nothing to keep).
        """
        self._stop_draft_timer()
        if self._text_item is None:
            return None
        answers = self.query(TextAnswer)
        if not answers:
            return None
        answer = answers.first()
        text, visibility = answer.text, answer.visibility
        if (text, visibility) == self._clean:
            return None
        if self._sealed_hidden and not text.strip():
            return None  # the sealed draft stays as it is until its author opens it
        pack_id, item_id = self._text_item
        try:
            saved = self.services.checkins.save_draft(
                self.turn.id, self.person.id, item_id, text, visibility, pack_id
            )
        except (CheckinError, StorageError) as exc:
            self._show_error(str(exc))
            return None
        note = self.query_one("#stored", Static)
        if saved is DraftSaved.LOCKED:
            note.update(plain(messages.DRAFT_NOT_KEPT_LOCKED))
            self.refresh_bindings()
            return saved
        self._clean = (text, visibility)
        self._sealed_hidden = False
        self._clean_is_answer = False
        if saved is DraftSaved.KEPT:
            note.update(plain(messages.DRAFT_KEPT))
        elif saved is DraftSaved.SEALED:
            note.update(plain(messages.DRAFT_SEALED))
        else:
            note.update("")
        return saved

    def _before_lock(self, profile_id: int | None) -> None:
        """A key is about to be dropped: seal the draft while it can be, then hide its text."""
        if profile_id is not None and profile_id != self.person.id:
            return
        if not self.services.keys.is_unlocked(self.person.id):
            return
        self.keep_draft()
        self.call_later(self._hide_private_text)

    def _hide_private_text(self) -> None:
        """After a lock, private text being written leaves the screen (it is kept sealed)."""
        if self._text_item is None or self.services.keys.is_unlocked(self.person.id):
            return
        answers = self.query(TextAnswer)
        if not answers:
            return
        answer = answers.first()
        if answer.visibility is not Visibility.PRIVATE or not answer.text:
            return
        if (answer.text, answer.visibility) != self._clean:
            return  # not kept (nothing could be sealed): the person's words stay in the box
        answer.load("", Visibility.PRIVATE)
        self._clean = ("", Visibility.PRIVATE)
        if self._clean_is_answer:  # the given answer, sealed: left empty, it stays as it is
            self.query_one("#stored", Static).update(plain(messages.PRIVATE_STORED))
        else:
            self._sealed_hidden = True
            self.query_one("#stored", Static).update(plain(messages.DRAFT_SEALED_HIDDEN))
        self.refresh_bindings()

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        self._restart_draft_timer()

    def _restart_draft_timer(self) -> None:
        """Keep a draft a moment after the last change (a debounce)."""
        if self._text_item is None:
            return
        self._stop_draft_timer()
        self._draft_timer = self.set_timer(self.DRAFT_SECONDS, self.keep_draft)

    def action_unlock_draft(self) -> None:
        """Unlock, then bring a sealed draft back into the box (or keep the one typed)."""

        def unlocked(ok: bool) -> None:
            if not ok or self._text_item is None:
                return
            answer = self.query_one(TextAnswer)
            if self._sealed_hidden and not answer.text.strip():
                pack_id, item_id = self._text_item
                draft = self.services.checkins.answer_draft(
                    self.turn.id, self.person.id, item_id, pack_id
                )
                if draft is not None and draft.text is not None:
                    answer.load(draft.text, Visibility.PRIVATE)
                    self._clean = (answer.text, answer.visibility)
                    self.query_one("#stored", Static).update(plain(messages.DRAFT_RESUMED))
                self._sealed_hidden = False
            self.keep_draft()
            answer.focus_text()
            self.refresh_bindings()

        with_key(
            self.app,
            self.services,
            self.person,
            unlocked,
            title=messages.UNLOCK_DRAFT.format(name=self.person.name),
        )
