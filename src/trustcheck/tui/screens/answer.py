"""Steps 2 and 3b, answering: one item at a time, each answer saved the moment it is given."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.widgets import Footer, RadioSet, Static

from trustcheck import messages
from trustcheck.core.models import Answer, Checkin, Item, ItemKind, Pack, Profile, Visibility
from trustcheck.services import Services
from trustcheck.services.checkin import CheckinError, TurnItem
from trustcheck.storage.crypto import CryptoError, ProfileLocked
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
_TEXT_ACTIONS = {"save_text", "back_text", "toggle_visibility"}


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
    ]

    def __init__(self, services: Services, checkin: Checkin) -> None:
        super().__init__(services, checkin)
        self.turn: Checkin = checkin
        checkins = services.checkins
        person = checkins.answering(checkin)
        assert person is not None, "an answering step always has someone answering"
        self.person: Profile = person
        others = [p for p in checkins.people(checkin) if p.id != person.id]
        self.partner: Profile | None = others[0] if others else None
        # The weekly core, then each switched-on module's items for this person's role.
        self.turn_items: tuple[TurnItem, ...] = checkins.turn_items(person.id)
        self.items: tuple[Item, ...] = tuple(t.item for t in self.turn_items)
        # Set while the person changes one answer from their review: the next step is the review.
        self.from_review = False
        given = checkins.turn_answers(checkin.id, person.id)
        self.index = next(
            (n for n, t in enumerate(self.turn_items) if (t.pack.id, t.item.id) not in given),
            len(self.turn_items),
        )

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
        for other in self.services.checkins.people(self.turn):
            if other.id != self.person.id:
                self.services.keys.lock(other.id)
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
        answers = self.services.checkins.turn_answers(self.turn.id, self.person.id)
        return answers.get((self.pack.id, self.item.id))

    async def show_item(self, index: int) -> None:
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
        if item.kind is ItemKind.TEXT:
            text = "" if stored is None or stored.text is None else stored.text
            # Chosen from the review to change it: a sealed answer's text is shown to its
            # unlocked author, so who sees it can change without writing it again.
            opened = self._open_sealed(item) if self.from_review and _sealed(stored) else None
            if opened is not None:
                text = opened
            visibility = item.visibility if stored is None else stored.visibility
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
            widget.focus_text()
            note = messages.PRIVATE_STORED if _sealed(stored) and opened is None else ""
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
            picker.focus()
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
            self.services.checkins.save_answer(
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
        stored = self.services.checkins.turn_answers(self.turn.id, self.person.id).get(
            (turn.pack.id, turn.item.id)
        )
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
        self.services.keys.lock(self.person.id)

    @on(ScalePicker.Chosen)
    async def _chosen(self, event: ScalePicker.Chosen) -> None:
        if self.item.private and not self.services.keys.is_unlocked(self.person.id):
            value = event.value

            def unlocked(ok: bool) -> None:
                if ok and self._save(value=value):
                    self.call_later(self._next)
                elif not ok:
                    self._show_error(messages.PRIVATE_ITEM_NEEDS_UNLOCK)

            self._ask_for_key(unlocked)
            return
        if self._save(value=event.value):
            await self._next()

    def _show_error(self, why: str) -> None:
        error = self.query_one("#error", Static)
        error.update(plain(why))
        error.display = True

    @on(TextAnswer.Submitted)
    def _written(self, event: TextAnswer.Submitted) -> None:
        self._save_text_then(event.text, event.visibility, self._next)

    @on(TextAnswer.VisibilityChanged)
    def _visibility_chosen(self, event: TextAnswer.VisibilityChanged) -> None:
        if event.visibility is not Visibility.PRIVATE:
            return
        answer = self.query_one(TextAnswer)

        def unlocked(ok: bool) -> None:
            if not ok:  # no passphrase given: back to what it was, nothing is sealed
                answer.set_visibility(event.previous, quiet=True)
            answer.focus_text()

        self._ask_for_key(unlocked)

    async def action_skip(self) -> None:
        if self._save(skipped=True):
            await self._next()

    async def action_back(self) -> None:
        if self.index > 0:
            await self.show_item(self.index - 1)

    async def action_forward(self) -> None:
        if self._stored() is not None:
            await self._next()

    def action_save_text(self) -> None:
        self.query_one(TextAnswer).submit()

    async def action_back_text(self) -> None:
        if self.index == 0:
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
        self.query_one(TextAnswer).toggle_visibility()
