"""The review before the hand-over: every one of this person's answers, and who will see each.

Pushed over the answering screen at the end of a turn. Choosing an answer dismisses with its
index (the answering screen shows that item and comes back here); done dismisses with None.
Only the person whose turn it is sees it, and only before the hand-over.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from trustcheck import messages
from trustcheck.core.models import Checkin, ItemKind, Profile
from trustcheck.services import Services
from trustcheck.services.checkin import ReviewRow
from trustcheck.tui.screens.step import ask_to_stop
from trustcheck.tui.text import plain, say
from trustcheck.tui.widgets.footer import Footer

QUESTION_WIDTH = 52


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def row_text(row: ReviewRow) -> str:
    """One answer as the review lists it: the question, then what was said and who sees it."""
    head = f"{row.index + 1:>2}. {_cut(row.item.text, QUESTION_WIDTH)}"
    answer = row.answer
    if answer is None:
        said = messages.REVIEW_NOT_ANSWERED
    elif answer.skipped:
        said = messages.REVIEW_EMPTY if row.item.kind is ItemKind.TEXT else messages.REVIEW_SKIPPED
    elif row.sealed:
        said = messages.REVIEW_SEALED
    elif row.item.kind is ItemKind.TEXT:
        said = f"“{row.shown}”"
    else:
        said = row.shown
    if row.item.kind is ItemKind.TEXT or row.item.private:
        if answer is not None and not answer.skipped:
            said += f"  ·  {messages.REVIEW_WHO[answer.visibility.value]}"
        return f"{head}\n      {said}"
    # Ratings line up in one column, whatever the length of the question before them.
    return f"{head.ljust(QUESTION_WIDTH + 4)}  —  {said}"


class TurnReviewScreen(Screen[int | None]):
    DEFAULT_CSS = """
    TurnReviewScreen #who {
        dock: top;
        height: auto;
        padding: 0 2;
        background: $panel;
        color: $text;
        text-style: bold;
    }
    TurnReviewScreen #review-body {
        padding: 1 2 0 2;
        height: 1fr;
    }
    TurnReviewScreen #review-title {
        text-style: bold;
    }
    TurnReviewScreen #review-intro {
        color: $text-muted;
        margin-bottom: 1;
    }
    TurnReviewScreen #review-list {
        height: 1fr;
    }
    TurnReviewScreen Center {
        height: auto;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "done", "Done"),
        # A priority binding: the list would take ← for scrolling sideways.
        Binding("left", "back", "Back", key_display="←", priority=True),
        Binding("escape", "stop", "Stop"),
        Binding("ctrl+q", "app.quit", "Quit (saved)", priority=True),
        Binding("f1", "app.help", "Help", show=False),
    ]

    def __init__(
        self, services: Services, checkin: Checkin, person: Profile, partner: Profile | None
    ) -> None:
        super().__init__()
        self.services = services
        self.turn = checkin
        self.person = person
        self.partner = partner
        self.rows = services.checkins.turn_review(checkin, person)

    def compose(self) -> ComposeResult:
        name = self.person.name
        if self.partner is None:
            header = say(messages.ANSWER_HEADER_SOLO, name=name)
            intro = messages.TURN_REVIEW_INTRO_SOLO
        else:
            header = say(messages.ANSWER_HEADER, name=name, partner=self.partner.name)
            intro = messages.TURN_REVIEW_INTRO
        yield Static(header, id="who")
        with Vertical(id="review-body"):
            yield Static(say(messages.TURN_REVIEW_TITLE, name=name), id="review-title")
            yield Static(plain(intro), id="review-intro")
            if self.services.checkins.same_answer_everywhere(self.rows):
                yield Static(plain(messages.TURN_REVIEW_SAME), id="review-same")
            yield OptionList(
                *(Option(plain(row_text(row))) for row in self.rows),
                id="review-list",
            )
            with Center():
                yield Button(messages.TURN_REVIEW_DONE, id="review-done", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0 if self.rows else None
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.rows[event.option_index].index)

    @on(Button.Pressed, "#review-done")
    def action_done(self) -> None:
        self.dismiss(None)

    def action_back(self) -> None:
        """← goes back to the turn's last question, never out of this person's turn."""
        if self.rows:
            self.dismiss(self.rows[-1].index)

    def action_stop(self) -> None:
        ask_to_stop(self.app, self.services, self.turn)
