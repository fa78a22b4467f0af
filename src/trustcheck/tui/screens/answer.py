"""Steps 2 and 3b, answering: one item at a time, each answer saved the moment it is given.

A written answer is kept as a draft while it is typed (a second after the last key, and on every
way out: quit, stop, hide, crash, hang-up), sealed when it is private. A draft is not an answer:
a resumed turn lands on the first item without one, with the draft back in its box.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, RadioSet, Static, TextArea

from trustcheck import messages
from trustcheck.core.models import Answer, Checkin, Item, ItemKind, Pack, Profile, Visibility
from trustcheck.services import Services
from trustcheck.services.checkin import CheckinError, DraftSaved, TurnItem
from trustcheck.services.errors import CryptoError, ProfileLocked, StorageError
from trustcheck.tui.screens.safety import SafetyScreen
from trustcheck.tui.screens.step import StepScreen
from trustcheck.tui.screens.turnreview import TurnReviewScreen
from trustcheck.tui.screens.unlock import with_key
from trustcheck.tui.text import plain, say
from trustcheck.tui.widgets.choice import ChoicePicker
from trustcheck.tui.widgets.scale import AgreementPicker, RatingPicker, ScalePicker
from trustcheck.tui.widgets.text_answer import TextAnswer

# Actions that only make sense for a kind of item; the others are hidden from the footer.
_CHOICE_ACTIONS = {"skip", "back", "forward"}
_TEXT_ACTIONS = {"save_text", "back_text", "toggle_visibility", "unlock_draft"}


def _sealed(stored: Answer | None) -> bool:
    """A private answer already stored: its text is sealed, so it is not shown here."""
    return (
        stored is not None
        and stored.visibility is Visibility.PRIVATE
        and not stored.skipped
        and stored.text is None
    )


class AnswerScreen(StepScreen):
    DEFAULT_CSS = """
    AnswerScreen #who {
        dock: top;
        height: auto;
        padding: 0 2;
        background: $panel;
        color: $text;
        text-style: bold;
    }
    AnswerScreen #body {
        padding: 1 2 0 2;
        overflow-y: auto;
    }
    AnswerScreen #progress {
        color: $text-muted;
    }
    AnswerScreen #question {
        text-style: bold;
        margin: 1 0 0 0;
    }
    AnswerScreen #hint {
        color: $text-muted;
        text-style: italic;
    }
    AnswerScreen #answer {
        height: auto;
        margin-top: 1;
    }
    AnswerScreen #stored {
        color: $text-muted;
        margin-top: 1;
    }
    AnswerScreen #error {
        color: $error;
    }
    AnswerScreen #module-note {
        color: $text-muted;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "skip", "Skip"),
        Binding("left,backspace", "back", "Back", key_display="←"),
        Binding("right", "forward", "Next", key_display="→"),
        Binding("ctrl+n", "save_text", "Save & next"),
        Binding("ctrl+b", "back_text", "Back"),
        Binding("ctrl+t", "toggle_visibility", "Who sees it"),
        Binding("ctrl+o", "unlock_draft", "Open draft"),
    ]

    #: No focus on arrival: each question takes focus itself once it has settled (see
    #: ``_settle``), so no key reaches a box early and the question is not scrolled away.
    AUTO_FOCUS = ""
    #: A draft is written this long after the last key (a debounce); tests make it shorter.
    DRAFT_SECONDS: ClassVar[float] = 1.0
    #: After a question appears, keys are not taken for this long: a key typed while the screen
    #: changes (the second digit of "55", a key pressed with Enter) never answers the next one.
    SETTLE_SECONDS: ClassVar[float] = 0.3

    def __init__(self, services: Services, checkin: Checkin) -> None:
        super().__init__(services, checkin)
        self.turn: Checkin = checkin
        # Everything this turn needs, read once; each answer saved updates ``given`` from what
        # the save returns, so a key press never reads the check-in again.
        turn = services.checkins.turn(checkin)
        self.person: Profile = turn.person
        self.partner: Profile | None = turn.partner
        # The weekly core, then each switched-on module's items for this person's role.
        self.turn_items: tuple[TurnItem, ...] = turn.items
        self.items: tuple[Item, ...] = tuple(t.item for t in self.turn_items)
        #: This person's stored answers, by (pack id, item id).
        self.given: dict[tuple[str, str], Answer] = turn.answers
        # Set while the person changes one answer from their review: the next step is the review.
        self.from_review = False
        self.index = turn.position
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
        #: True from an answer until the next question has settled: keys are not taken.
        self.changing = True
        self._stop_watching_locks: Callable[[], None] | None = None

    # --- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        if self.partner is None:
            header = say(messages.ANSWER_HEADER_SOLO, name=self.person.name)
        else:
            header = say(messages.ANSWER_HEADER, name=self.person.name, partner=self.partner.name)
        yield Static(header, id="who")
        # A plain Vertical: a scroll container would claim the arrow keys for scrolling.
        with Vertical(id="body"):
            yield Static(id="progress")
            yield Static(id="question")
            yield Static(id="hint")
            yield Static(id="module-note")
            yield Container(id="answer")
            yield Static(id="stored")
            yield Static(id="error")
        yield Footer()

    async def on_mount(self) -> None:
        # During one person's turn, nobody else's key is held.
        if self.partner is not None:
            self.services.keys.lock(self.partner.id)
        # Whoever drops this person's key (hide, an idle lock, the hand-over), the draft in the
        # box is sealed first, while the key is still here.
        self._stop_watching_locks = self.services.keys.before_lock(self._before_lock)
        if self.index >= len(self.items):
            self._finish_turn()  # every item was answered before an interruption
            return
        await self.show_item(self.index)

    @property
    def item(self) -> Item:
        return self.items[self.index]

    @property
    def pack(self) -> Pack:
        """The pack the current item comes from (weekly or a module)."""
        return self.turn_items[self.index].pack

    def _stored(self) -> Answer | None:
        return self.given.get((self.pack.id, self.item.id))

    async def show_item(self, index: int) -> None:
        self.keep_draft()  # whatever was being written stays, wherever the person goes
        self._text_item = None
        self._sealed_hidden = False
        self.changing = True
        self.set_focus(None)  # keys typed while the screen changes reach no answer
        self.index = index
        item = self.item
        stored = self._stored()
        pack = self.pack
        area = pack.item_area_title(item)
        n, total = str(index + 1), str(len(self.items))
        if pack.module:
            progress = say(messages.PROGRESS_MODULE, n=n, total=total, module=pack.title, area=area)
        else:
            progress = say(messages.PROGRESS, n=n, total=total, area=area)
        self.query_one("#progress", Static).update(progress)
        module_note = self.query_one("#module-note", Static)
        notes = []
        if pack.module and (index == 0 or self.turn_items[index - 1].pack.id != pack.id):
            notes.append(
                messages.MODULE_INTRO.format(module=pack.title, description=pack.description)
            )
        if item.private:
            notes.append(messages.PRIVATE_ITEM_NOTE)
        module_note.update(plain("\n".join(notes)))
        module_note.display = bool(notes)
        question = item.text + (f"  ({messages.OPTIONAL})" if item.optional else "")
        self.query_one("#question", Static).update(plain(question))
        # One hint line: a written answer's "leave it empty to skip" is the text box's placeholder.
        hint = item.hint
        hint_line = self.query_one("#hint", Static)
        hint_line.update(plain(hint.strip()))
        hint_line.display = bool(hint.strip())
        self.query_one("#error", Static).display = False
        container = self.query_one("#answer", Container)
        current = container.children[0] if container.children else None
        value = None if stored is None or stored.skipped else stored.value
        target: Widget
        if item.kind is ItemKind.TEXT:
            text = "" if stored is None or stored.text is None else stored.text
            # Chosen from the review to change it: a sealed answer's text is shown to its
            # unlocked author, so who sees it can change without writing it again.
            opened = self._open_sealed(item) if self.from_review and _sealed(stored) else None
            if opened is not None:
                text = opened
            visibility = item.visibility if stored is None else stored.visibility
            note = messages.PRIVATE_STORED if _sealed(stored) and opened is None else ""
            draft = self.services.checkins.answer_draft(
                self.turn.id, self.person.id, item.id, pack.id
            )
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
        else:
            picker: ScalePicker
            if item.kind is ItemKind.CHOICE:
                # Options differ from item to item: always a fresh picker.
                await container.remove_children()
                picker = ChoicePicker(item.choices, value)
                await container.mount(picker)
            else:
                kind = RatingPicker if item.kind is ItemKind.RATING else AgreementPicker
                if type(current) is kind:
                    assert isinstance(current, ScalePicker)
                    current.show_value(value)
                    picker = current
                else:
                    await container.remove_children()
                    labels = pack.rating if item.kind is ItemKind.RATING else pack.scale
                    picker = kind(labels, value)
                    await container.mount(picker)
            target = picker
            if stored is None:
                note = ""
            elif _sealed(stored):
                note = messages.PRIVATE_VALUE_STORED
            elif stored.skipped:
                note = messages.ANSWER_SKIPPED
            else:
                shown: object = stored.value
                if item.kind is ItemKind.CHOICE and stored.value is not None:
                    shown = item.choices[stored.value]
                note = messages.ANSWER_SAVED.format(value=shown)
            self.query_one("#stored", Static).update(plain(note))
        self.query_one("#body").scroll_home(animate=False)
        self.refresh_bindings()
        self._settle(target)

    def _settle(self, target: Widget) -> None:
        """Take keys again once the new question has been on screen for a moment."""
        shown = self.index

        def ready() -> None:
            if self.index == shown:
                self.changing = False
                target.focus(scroll_visible=False)  # the question stays in view
                self.refresh_bindings()

        if self.SETTLE_SECONDS <= 0:
            ready()
        else:
            self.set_timer(self.SETTLE_SECONDS, ready)

    def _open_sealed(self, item: Item) -> str | None:
        """A sealed written answer's text for its unlocked author (None when locked or damaged),
        so changing it, or who sees it, starts from what was written."""
        if not self.services.keys.is_unlocked(self.person.id):
            return None
        try:
            return self.services.checkins.private_text(
                self.turn.id, self.person.id, item.id, self.pack.id
            )
        except CryptoError:
            return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.items or self.index >= len(self.items):
            return True
        is_text = self.item.kind is ItemKind.TEXT
        if action in _CHOICE_ACTIONS:
            if is_text:
                return False
            if action == "back" and self.index == 0:
                return None
            if action == "forward" and self._stored() is None:
                return None
        if action in _TEXT_ACTIONS and not is_text:
            return False
        if action == "toggle_visibility" and self.item.private:
            return False
        if action == "unlock_draft":
            # Only while a private draft waits for its author's passphrase.
            return self._needs_unlock()
        if action == "back_text" and self.index == 0:
            return None
        return True

    # --- answering ----------------------------------------------------------------------------
    def _save(
        self,
        *,
        value: int | None = None,
        text: str | None = None,
        skipped: bool = False,
        visibility: Visibility = Visibility.SHARED,
    ) -> bool:
        try:
            saved = self.services.checkins.save_answer(
                self.turn.id,
                self.person.id,
                self.item.id,
                value=value,
                text=text,
                skipped=skipped,
                visibility=visibility,
                pack_id=self.pack.id,
            )
        except (CheckinError, ProfileLocked) as exc:
            why = messages.PRIVATE_NEEDS_UNLOCK if isinstance(exc, ProfileLocked) else str(exc)
            self.query_one("#error", Static).update(plain(why))
            self.query_one("#error", Static).display = True
            return False
        self.given[(saved.pack_id, saved.item_id)] = saved
        if self._text_item is not None:
            # Given as the answer (its draft is gone with it): nothing left to keep as a draft.
            self._stop_draft_timer()
            self._sealed_hidden = False
            self._clean_is_answer = True
            with contextlib.suppress(Exception):
                answer = self.query_one(TextAnswer)
                self._clean = (answer.text, answer.visibility)
        return True

    def _save_text_then(
        self, text: str, visibility: Visibility, then: Callable[[], Awaitable[None]]
    ) -> None:
        """Save a written answer (asking for the passphrase first when it is to be sealed and
        the author is locked), then run ``then``. A sealed answer left empty is kept as it is."""
        stored = self._stored()
        if not text.strip() and _sealed(stored):
            self.call_later(then)
            return
        needs_key = visibility is Visibility.PRIVATE and bool(text.strip())
        if needs_key and not self.services.keys.is_unlocked(self.person.id):

            def unlocked(ok: bool) -> None:
                if ok and self._save(text=text, visibility=visibility):
                    self.call_later(then)

            self._ask_for_key(unlocked)
            return
        if self._save(text=text, visibility=visibility):
            self.call_later(then)

    def _ask_for_key(self, then: Callable[[bool], None]) -> None:
        with_key(self.app, self.services, self.person, then, title=messages.UNLOCK_PRIVATE)

    async def _next(self) -> None:
        if self.from_review or self.index + 1 >= len(self.items):
            self._finish_turn()
        else:
            await self.show_item(self.index + 1)

    def _finish_turn(self) -> None:
        """The end of the turn: the person's own review first (they may change any answer from
        there), then the private safety question, then the hand-over."""
        self.from_review = False
        self.app.push_screen(
            TurnReviewScreen(self.services, self.turn, self.person, self.partner), self._reviewed
        )

    async def _reviewed(self, change: int | None) -> None:
        if change is None:
            self._after_review()
            return
        self.from_review = True
        turn = self.turn_items[change]
        stored = self.given.get((turn.pack.id, turn.item.id))
        keys = self.services.keys
        if (
            turn.item.kind is ItemKind.TEXT
            and _sealed(stored)
            and keys.has_passphrase(self.person.id)
            and not keys.is_unlocked(self.person.id)
        ):
            # A sealed answer is changed with its text in view: unlock first (or go on without).
            def unlocked(_: bool) -> None:
                self.call_later(self.show_item, change)

            title = messages.UNLOCK_TO_CHANGE
            with_key(self.app, self.services, self.person, unlocked, title=title)
            return
        await self.show_item(change)

    def _after_review(self) -> None:
        # The private safety question comes last in each person's own turn (asked again on a
        # resume only if nothing was stored the first time).
        if self.services.safety.answered(self.turn.id, self.person.id):
            self._hand_over()
            return
        self.app.push_screen(
            SafetyScreen(self.services, self.turn, self.person), lambda _: self._hand_over()
        )

    def _hand_over(self) -> None:
        # The author's key goes before the hand-over screen: the next person's turn can never
        # read (or write) this person's private text.
        self.services.keys.lock(self.person.id)
        self.app.refresh_bindings()
        self.move_on(self.turn)

    def on_unmount(self) -> None:
        # However the turn ends (next step, stopping, quitting), the author is locked again.
        self._stop_draft_timer()
        if self._stop_watching_locks is not None:
            self._stop_watching_locks()
            self._stop_watching_locks = None
        self.services.keys.lock(self.person.id)

    # --- drafts -------------------------------------------------------------------------------
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

    def action_abandon(self) -> None:
        self.keep_draft()  # before the stop dialog: whatever it decides, the words are kept
        super().action_abandon()

    @on(ScalePicker.Chosen)
    async def _chosen(self, event: ScalePicker.Chosen) -> None:
        if self.changing or self.app.screen is not self:
            return  # typed while the screen changed, or under a dialog: not for this question
        if self.item.private and not self.services.keys.is_unlocked(self.person.id):
            value = event.value

            def unlocked(ok: bool) -> None:
                if ok and self._save(value=value):
                    self.call_later(self._next)
                elif not ok:
                    self._show_error(messages.PRIVATE_ITEM_NEEDS_UNLOCK)

            self._ask_for_key(unlocked)
            return
        self.changing = True  # from here until the next question settles, keys are not taken
        if self._save(value=event.value):
            await self._next()
        else:
            self.changing = False

    def _show_error(self, why: str) -> None:
        error = self.query_one("#error", Static)
        error.update(plain(why))
        error.display = True

    @on(TextAnswer.Submitted)
    def _written(self, event: TextAnswer.Submitted) -> None:
        if self.changing:
            return
        self._save_text_then(event.text, event.visibility, self._next)

    @on(TextAnswer.VisibilityChanged)
    def _visibility_chosen(self, event: TextAnswer.VisibilityChanged) -> None:
        if event.visibility is not Visibility.PRIVATE:
            # Who sees it is part of the draft: kept with the next debounce, not at once, so
            # passing through "For therapy" on the way to "Private" writes nothing in clear.
            self._restart_draft_timer()
            return
        answer = self.query_one(TextAnswer)

        def unlocked(ok: bool) -> None:
            if not ok:  # no passphrase given: back to what it was, nothing is sealed
                answer.set_visibility(event.previous, quiet=True)
            else:
                self.keep_draft()  # sealed now, in place of the draft kept before
            answer.focus_text()
            self.refresh_bindings()

        self._ask_for_key(unlocked)

    async def action_skip(self) -> None:
        if self.changing:
            return
        self.changing = True
        if self._save(skipped=True):
            await self._next()
        else:
            self.changing = False

    async def action_back(self) -> None:
        if self.index > 0 and not self.changing:
            await self.show_item(self.index - 1)

    async def action_forward(self) -> None:
        if self._stored() is not None and not self.changing:
            await self._next()

    def action_save_text(self) -> None:
        if not self.changing:
            self.query_one(TextAnswer).submit()

    async def action_back_text(self) -> None:
        if self.index == 0 or self.changing:
            return
        # Keep what was written before stepping back, so nothing typed is lost.
        answer = self.query_one(TextAnswer)
        index = self.index

        async def back() -> None:
            await self.show_item(index - 1)

        if answer.text.strip() or self._stored() is not None:
            self._save_text_then(answer.text, answer.visibility, back)
        else:
            await back()

    def action_toggle_visibility(self) -> None:
        if not self.changing:
            self.query_one(TextAnswer).toggle_visibility()
