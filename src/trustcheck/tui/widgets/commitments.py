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
from trustcheck.core.models import Commitment, Review
from trustcheck.tui.text import plain
from trustcheck.tui.widgets.fields import LineInput
from trustcheck.tui.widgets.marks import MarkedRadioButton


class ReviewRow(Widget):
    """One commitment from last time, with Kept / Partly / Not yet."""

    DEFAULT_CSS = """
    ReviewRow {
        height: auto;
        margin-bottom: 1;
    }
    ReviewRow .commitment {
        padding-left: 2;
        text-style: italic;
    }
    ReviewRow RadioSet {
        layout: horizontal;
        width: auto;
        height: auto;
        border: none;
        padding: 0 0 0 2;
        background: transparent;
    }
    ReviewRow RadioSet > RadioButton {
        width: auto;
        margin-right: 2;
        background: transparent;
    }
    """

    @dataclass
    class Reviewed(Message):
        commitment_id: int
        review: Review

    def __init__(self, commitment: Commitment, prompt: Content) -> None:
        super().__init__(id=f"review-{commitment.id}")
        self.commitment = commitment
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        yield Static(self.prompt)
        yield Static(plain(f"“{self.commitment.text}”"), classes="commitment")
        with RadioSet(compact=True):
            for review in Review:
                yield MarkedRadioButton(
                    messages.REVIEW_LABELS[review.value],
                    value=self.commitment.review is review,
                    id=f"r-{review.value}",
                )

    @on(RadioSet.Changed)
    def _changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        button_id = event.pressed.id or ""
        self.post_message(self.Reviewed(self.commitment.id, Review(button_id.removeprefix("r-"))))


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
                    Static(plain(f"•  {commitment.text}")),
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
