"""Step 5, commitments: review last time's, then each person sets one to three small ones."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Static

from trustcheck import messages
from trustcheck.core.models import Checkin
from trustcheck.services import Services
from trustcheck.services.checkin import CheckinError
from trustcheck.tui.screens.step import StepScreen
from trustcheck.tui.text import plain, say
from trustcheck.tui.widgets.commitments import CommitmentEditor, ReviewRow
from trustcheck.tui.widgets.footer import Footer


class CommitmentsScreen(StepScreen):
    DEFAULT_CSS = """
    CommitmentsScreen VerticalScroll {
        padding: 1 2;
    }
    CommitmentsScreen #help {
        color: $text-muted;
        margin-bottom: 1;
    }
    CommitmentsScreen #continue {
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "finish", "Continue"),
    ]

    def __init__(self, services: Services, checkin: Checkin) -> None:
        super().__init__(services, checkin)
        self.turn = checkin
        self.people = services.checkins.people(checkin)

    def _name_of(self, profile_id: int) -> str:
        for person in self.people:
            if person.id == profile_id:
                return person.name
        return self.services.profiles.get(profile_id).name

    def compose(self) -> ComposeResult:
        checkins = self.services.checkins
        solo = len(self.people) == 1
        with VerticalScroll():
            yield Static(messages.COMMITMENTS_TITLE, classes="title", markup=False)
            to_review = checkins.to_review(self.turn)
            if to_review:
                yield Static(messages.REVIEW_TITLE, classes="section", markup=False)
                for commitment in to_review:
                    if solo or commitment.owner_id == commitment.to_id:
                        prompt = plain(messages.REVIEW_PROMPT_SOLO)
                    else:
                        prompt = say(
                            messages.REVIEW_PROMPT,
                            to=self._name_of(commitment.to_id),
                            owner=self._name_of(commitment.owner_id),
                        )
                    yield ReviewRow(commitment, prompt)
            yield Static(messages.NEW_TITLE, classes="section", markup=False)
            yield Static(plain(messages.COMMITMENTS_HELP), id="help")
            new = checkins.new_commitments(self.turn)
            for person in self.people:
                title = (
                    plain(messages.NEW_FOR_SOLO)
                    if solo
                    else say(messages.NEW_FOR, name=person.name)
                )
                mine = [c for c in new if c.owner_id == person.id]
                yield CommitmentEditor(person.id, title, mine)
            yield Button(messages.CONTINUE, id="continue", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        first = self.query(ReviewRow)
        if first:
            first.first().query_one("RadioSet").focus()
        else:
            self.query(Input).first().focus()

    @on(ReviewRow.Reviewed)
    def _reviewed(self, event: ReviewRow.Reviewed) -> None:
        self.services.checkins.review(self.turn, event.commitment_id, event.review)

    @on(CommitmentEditor.Add)
    async def _add(self, event: CommitmentEditor.Add) -> None:
        checkins = self.services.checkins
        try:
            checkins.add_commitment(self.turn, event.owner_id, event.text)
        except CheckinError as exc:
            event.editor.show_error(str(exc))
            return
        event.editor.clear_input()
        mine = [c for c in checkins.new_commitments(self.turn) if c.owner_id == event.owner_id]
        await event.editor.show(mine)

    @on(CommitmentEditor.Remove)
    async def _remove(self, event: CommitmentEditor.Remove) -> None:
        checkins = self.services.checkins
        checkins.remove_commitment(event.commitment_id)
        owner = event.editor.owner_id
        mine = [c for c in checkins.new_commitments(self.turn) if c.owner_id == owner]
        await event.editor.show(mine)
        event.editor.query_one(Input).focus()

    @on(Button.Pressed, "#continue")
    async def action_finish(self) -> None:
        # Words typed but not yet added are added now rather than silently dropped.
        checkins = self.services.checkins
        for editor in self.query(CommitmentEditor):
            pending = editor.query_one(Input).value
            if not pending.strip():
                continue
            try:
                checkins.add_commitment(self.turn, editor.owner_id, pending)
            except CheckinError as exc:
                editor.show_error(str(exc))
                editor.query_one(Input).focus()
                return
            editor.clear_input()
        summary = self.services.checkins.complete(self.turn)
        self.go_to(summary.checkin)  # completed: its stored step is the close
