"""Steps 2 and 3b, answering: one item at a time, each answer saved the moment it is given.

A written answer is kept as a draft while it is typed (a second after the last key, and on every
way out: quit, stop, hide, crash, hang-up), sealed when it is private. A draft is not an answer:
a resumed turn lands on the first item without one, with the draft back in its box.

The drafts live in ``answer_drafts.py`` (this screen's base class) and the words around a
question in ``answer_view.py``; what is left here is one flow (show a question, take its
answer, move on, review, hand over), a little over 400 lines that read best together.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.widget import Widget
from textual.widgets import Static

from trustcheck import messages
from trustcheck.core.errors import UserError
from trustcheck.core.models import Answer, Checkin, Item, ItemKind, Pack, Profile, Visibility
from trustcheck.services import Services
from trustcheck.services.checkin import TurnItem
from trustcheck.services.errors import ProfileLocked
from trustcheck.tui.screens.answer_drafts import DraftingStep, sealed_answer
from trustcheck.tui.screens.answer_view import item_notes, progress_line, stored_note
from trustcheck.tui.screens.turnreview import TurnReviewScreen
from trustcheck.tui.screens.unlock import with_key
from trustcheck.tui.text import plain, say
from trustcheck.tui.widgets.choice import ChoicePicker
from trustcheck.tui.widgets.footer import Footer
from trustcheck.tui.widgets.scale import AgreementPicker, RatingPicker, ScalePicker
from trustcheck.tui.widgets.text_answer import TextAnswer

# Actions that only make sense for a kind of item; the others are hidden from the footer.
_CHOICE_ACTIONS = {"skip", "back", "forward", "not_this_week"}
_TEXT_ACTIONS = {"save_text", "back_text", "toggle_visibility", "unlock_draft"}


class AnswerScreen(DraftingStep):
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
        Binding("n", "not_this_week", messages.NOT_THIS_WEEK_KEY),
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
        # One question is put on screen at a time: a second move (a pending digit's commit and a
        # key, on a slow machine) waits for the first to finish mounting its answer widget.
        self._showing = asyncio.Lock()
        self.index = turn.position
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
        async with self._showing:
            await self._show_item(index)

    async def _show_item(self, index: int) -> None:
        self.keep_draft()  # whatever was being written stays, wherever the person goes
        self._text_item = None
        self._sealed_hidden = False
        self.changing = True
        self.set_focus(None)  # keys typed while the screen changes reach no answer
        self.index = index
        item = self.item
        stored = self._stored()
        pack = self.pack
        self.query_one("#progress", Static).update(progress_line(self.turn_items, index))
        module_note = self.query_one("#module-note", Static)
        notes = item_notes(self.turn_items, index)
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
            target = await self.load_text_box(container, item, pack, stored, self.from_review)
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
            self.query_one("#stored", Static).update(plain(stored_note(item, stored)))
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.items or self.index >= len(self.items):
            return True
        is_text = self.item.kind is ItemKind.TEXT
        if action in _CHOICE_ACTIONS:
            if is_text:
                return False
            if action == "not_this_week" and not self.item.conditional:
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
        not_this_week: bool = False,
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
                not_this_week=not_this_week,
            )
        except (UserError, ProfileLocked) as exc:
            # A refused answer, a locked author, or a write that could not happen (busy, a full
            # disk): the answer stays on screen with the reason; giving it again retries.
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
        if not text.strip() and sealed_answer(stored):
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
        there), then the hand-over. (The private safety check came before the questions.)"""
        self.from_review = False
        self.app.push_screen(
            TurnReviewScreen(self.services, self.turn, self.person, self.partner), self._reviewed
        )

    async def _reviewed(self, change: int | None) -> None:
        if change is None:
            self._hand_over()
            return
        self.from_review = True
        turn = self.turn_items[change]
        stored = self.given.get((turn.pack.id, turn.item.id))
        keys = self.services.keys
        if (
            turn.item.kind is ItemKind.TEXT
            and sealed_answer(stored)
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
                    self.call_later(self._next_or_support, value)
                elif not ok:
                    self._show_error(messages.PRIVATE_ITEM_NEEDS_UNLOCK)

            self._ask_for_key(unlocked)
            return
        self.changing = True  # from here until the next question settles, keys are not taken
        if self._save(value=event.value):
            await self._next_or_support(event.value)
        else:
            self.changing = False

    async def _next_or_support(self, value: int) -> None:
        """On to the next question; first, when this answer asks for it (a module item's
        ``support``), the support lines, offered quietly to this person alone."""
        if not self.item.offers_support(value):
            await self._next()
            return
        from trustcheck.tui.screens.support import SupportOfferScreen

        def offered(_: None) -> None:
            self.call_later(self._next)

        self.app.push_screen(SupportOfferScreen(self.services), offered)

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

    async def action_not_this_week(self) -> None:
        """A conditional statement: "didn't come up this week" (not a skip; left out of the
        area's score that week)."""
        if self.changing or not self.item.conditional:
            return
        self.changing = True
        if self._save(not_this_week=True):
            await self._next()
        else:
            self.changing = False

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
