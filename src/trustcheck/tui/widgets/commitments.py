"""Commitment widgets: reviewing last time's, and editing the coming week's.

They show and report (``ReviewRow.Reviewed``, ``CommitmentEditor.Add``/``Remove``); the screen
calls the services and hands the result back down.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, RadioSet, Static

from trustcheck import messages
from trustcheck.core.models import (
    Commitment,
    CommitmentOutcome,
    CommitmentState,
    Review,
    Voice,
)
from trustcheck.tui.text import plain
from trustcheck.tui.widgets.fields import LineInput
from trustcheck.tui.widgets.marks import MarkedRadioButton


def waiting_words(waiting: int) -> str:
    """How many more earlier commitments wait for a later week (the step and the close say it)."""
    if waiting == 1:
        return messages.REVIEW_ONE_MORE_WAITING
    return messages.REVIEW_MORE_WAITING.format(n=waiting)


def _carried_mark(commitment: Commitment) -> str:
    return "" if commitment.carried_from is None else f"  {messages.NEW_CARRIED}"


class ReviewRow(Widget):
    """One earlier commitment: how it went in each voice (side by side, never added up), and
    keep it for another week, change its words, or let it go.

    ``voices`` pairs each voice asked here with its question; a commitment to oneself has one.
    """

    DEFAULT_CSS = """
    ReviewRow {
        height: auto;
        margin-bottom: 1;
    }
    ReviewRow .commitment {
        padding-left: 2;
        text-style: italic;
    }
    ReviewRow .made {
        padding-left: 2;
        color: $text-muted;
    }
    ReviewRow .voices {
        height: auto;
    }
    ReviewRow .voice {
        width: 1fr;
        height: auto;
        padding-left: 2;
    }
    ReviewRow RadioSet {
        layout: horizontal;
        width: auto;
        height: auto;
        border: none;
        padding: 0;
        background: transparent;
    }
    ReviewRow RadioSet > RadioButton {
        width: auto;
        margin-right: 2;
        background: transparent;
    }
    ReviewRow .actions, ReviewRow .reword-box, ReviewRow .decided {
        height: auto;
        padding-left: 2;
    }
    ReviewRow .actions Button, ReviewRow .reword-box Button, ReviewRow .decided Button {
        margin-right: 2;
    }
    ReviewRow .reword-box Input {
        width: 1fr;
        max-width: 64;
        margin-right: 2;
    }
    ReviewRow .decided Static {
        width: auto;
        max-width: 72;
        margin-right: 2;
    }
    ReviewRow .error {
        color: $error;
        padding-left: 2;
        height: auto;
        display: none;
    }
    """

    @dataclass
    class Reviewed(Message):
        commitment_id: int
        voice: Voice
        review: Review

    @dataclass
    class KeepGoing(Message):
        row: ReviewRow
        commitment_id: int
        #: New words, or None to keep its own.
        text: str | None

    @dataclass
    class LetGo(Message):
        row: ReviewRow
        commitment_id: int

    @dataclass
    class Reopen(Message):
        row: ReviewRow
        commitment_id: int

    def __init__(
        self, outcome: CommitmentOutcome, voices: list[tuple[Voice, Content]], made: str
    ) -> None:
        super().__init__(id=f"review-{outcome.commitment.id}")
        self.outcome = outcome
        self.voices = voices
        self.made = made

    @property
    def commitment_id(self) -> int:
        return self.outcome.commitment.id

    def compose(self) -> ComposeResult:
        commitment = self.outcome.commitment
        yield Static(plain(f"“{commitment.text}”"), classes="commitment")
        yield Static(plain(self.made), classes="made")
        with Horizontal(classes="voices"):
            for voice, question in self.voices:
                given = self.outcome.own_view if voice is Voice.OWN else self.outcome.partner_view
                with Vertical(classes="voice", id=f"voice-{voice.value}"):
                    yield Static(question)
                    with RadioSet(compact=True, name=voice.value):
                        for review in Review:
                            yield MarkedRadioButton(
                                messages.REVIEW_LABELS[review.value],
                                value=given is review,
                                id=f"r-{review.value}",
                            )
        with Horizontal(classes="actions"):
            yield Button(messages.KEEP_GOING, classes="keep", compact=True)
            yield Button(messages.REWORD, classes="reword", compact=True)
            yield Button(messages.LET_GO, classes="let-go", compact=True)
        with Horizontal(classes="reword-box"):
            yield LineInput(
                value=self._words(),
                placeholder=messages.REWORD_PLACEHOLDER,
                max_length=200,
                compact=True,
            )
            yield Button(messages.REWORD_SAVE, classes="reword-save", compact=True)
        with Horizontal(classes="decided"):
            yield Static("", classes="state")
            yield Button(messages.REOPEN, classes="reopen", compact=True)
        yield Static("", classes="error")

    def on_mount(self) -> None:
        self.show(self.outcome)

    def _words(self) -> str:
        carried = self.outcome.carried_to
        return self.outcome.commitment.text if carried is None else carried.text

    def show(self, outcome: CommitmentOutcome, error: str = "") -> None:
        """Show what is decided now: the three choices while it is open or only looked back on;
        what was decided, and Undo, once it is kept going or let go."""
        self.outcome = outcome
        state = outcome.state
        decided = state in (CommitmentState.CARRIED, CommitmentState.DROPPED)
        self.query_one(".actions").display = not decided
        self.query_one(".reword-box").display = False
        self.query_one(".decided").display = decided
        words = ""
        if state is CommitmentState.DROPPED:
            words = messages.STATE_DROPPED
        elif state is CommitmentState.CARRIED:
            new = outcome.new_words
            words = (
                messages.STATE_CARRIED if new is None else messages.STATE_REWORDED.format(text=new)
            )
        self.query_one(".state", Static).update(plain(words))
        self.show_error(error)

    def show_error(self, error: str) -> None:
        line = self.query_one(".error", Static)
        line.update(plain(error))
        line.display = bool(error)

    @on(RadioSet.Changed)
    def _changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        button_id = event.pressed.id or ""
        voice = Voice(event.radio_set.name or Voice.PARTNER.value)
        review = Review(button_id.removeprefix("r-"))
        self.post_message(self.Reviewed(self.commitment_id, voice, review))

    @on(Button.Pressed, ".keep")
    def _keep(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.KeepGoing(self, self.commitment_id, None))

    @on(Button.Pressed, ".reword")
    def _reword(self, event: Button.Pressed) -> None:
        event.stop()
        self.query_one(".actions").display = False
        self.query_one(".reword-box").display = True
        box = self.query_one(".reword-box Input", Input)
        box.value = self._words()
        box.focus()

    def _save_words(self) -> None:
        text = self.query_one(".reword-box Input", Input).value
        self.post_message(self.KeepGoing(self, self.commitment_id, text))

    @on(Button.Pressed, ".reword-save")
    def _reword_save(self, event: Button.Pressed) -> None:
        event.stop()
        self._save_words()

    @on(Input.Submitted, ".reword-box Input")
    def _reword_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save_words()

    @on(Button.Pressed, ".let-go")
    def _let_go(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.LetGo(self, self.commitment_id))

    @on(Button.Pressed, ".reopen")
    def _reopen(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Reopen(self, self.commitment_id))


class CommitmentEditor(Widget):
    """One person's new commitments: the list (each removable), an input and Add."""

    DEFAULT_CSS = """
    CommitmentEditor {
        height: auto;
        margin-bottom: 1;
    }
    CommitmentEditor .owner {
        text-style: bold;
    }
    CommitmentEditor #list {
        height: auto;
        padding-left: 2;
    }
    CommitmentEditor .row {
        height: auto;
    }
    CommitmentEditor .row Static {
        width: 1fr;
        max-width: 64;
    }
    CommitmentEditor .row Button {
        min-width: 10;
        margin-left: 2;
    }
    CommitmentEditor .add {
        height: auto;
        padding-left: 2;
    }
    CommitmentEditor Input {
        width: 1fr;
        max-width: 64;
    }
    CommitmentEditor .add Button {
        min-width: 10;
        margin-left: 2;
    }
    CommitmentEditor .error {
        color: $error;
        padding-left: 2;
        height: auto;
        display: none;
    }
    CommitmentEditor .none {
        color: $text-muted;
    }
    """

    @dataclass
    class Add(Message):
        editor: CommitmentEditor
        owner_id: int
        text: str

    @dataclass
    class Remove(Message):
        editor: CommitmentEditor
        commitment_id: int

    def __init__(self, owner_id: int, title: Content, commitments: list[Commitment]) -> None:
        super().__init__(id=f"editor-{owner_id}")
        self.owner_id = owner_id
        self.title = title
        self.commitments = commitments

    def compose(self) -> ComposeResult:
        yield Static(self.title, classes="owner")
        yield Vertical(id="list")
        with Horizontal(classes="add"):
            yield LineInput(placeholder=messages.NEW_PLACEHOLDER, max_length=200, compact=True)
            yield Button(messages.NEW_ADD, classes="add-button", compact=True)
        yield Static("", classes="error")

    async def on_mount(self) -> None:
        await self.show(self.commitments)

    async def show(self, commitments: list[Commitment], error: str = "") -> None:
        """Show the stored list (and clear the input when the add worked)."""
        self.commitments = commitments
        box = self.query_one("#list", Vertical)
        await box.remove_children()
        rows: list[Widget] = []
        for commitment in commitments:
            rows.append(
                Horizontal(
                    Static(plain(f"•  {commitment.text}{_carried_mark(commitment)}")),
                    Button(
                        messages.NEW_REMOVE,
                        name=str(commitment.id),
                        classes="remove",
                        compact=True,
                    ),
                    classes="row",
                )
            )
        if not commitments:
            rows.append(Static(messages.NEW_NONE, classes="none", markup=False))
        await box.mount_all(rows)
        self.show_error(error)

    def show_error(self, error: str) -> None:
        line = self.query_one(".error", Static)
        line.update(plain(error))
        line.display = bool(error)

    def clear_input(self) -> None:
        self.query_one(Input).value = ""

    def _add(self) -> None:
        self.post_message(self.Add(self, self.owner_id, self.query_one(Input).value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._add()

    @on(Button.Pressed, ".add-button")
    def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._add()

    @on(Button.Pressed, ".remove")
    def _remove_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Remove(self, int(event.button.name or 0)))
