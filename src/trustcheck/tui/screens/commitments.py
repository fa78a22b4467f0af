"""Step 5, commitments: review last time's, then each person sets one to three small ones."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Static

from trustcheck import messages
from trustcheck.core.clock import day_label
from trustcheck.core.models import Checkin, CommitmentOutcome, Voice
from trustcheck.services import Services
from trustcheck.services.checkin import CheckinError
from trustcheck.tui.screens.step import StepScreen
from trustcheck.tui.text import plain, say
from trustcheck.tui.widgets.commitments import CommitmentEditor, ReviewRow, waiting_words
from trustcheck.tui.widgets.footer import Footer


class CommitmentsScreen(StepScreen):
    DEFAULT_CSS = """
    CommitmentsScreen VerticalScroll {
        padding: 1 2;
    }
    CommitmentsScreen #help, CommitmentsScreen #review-help, CommitmentsScreen #review-waiting {
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
            looking_back, waiting = checkins.review_step(self.turn)
            if looking_back:
                yield Static(messages.REVIEW_TITLE, classes="section", markup=False)
                two = any(not (solo or o.one_voice) for o in looking_back)
                intro = messages.REVIEW_TWO_VOICES if two else messages.REVIEW_ONE_VOICE
                yield Static(plain(intro), id="review-help")
                for outcome in looking_back:
                    made = messages.REVIEW_MADE.format(week=day_label(outcome.week))
                    yield ReviewRow(outcome, self._voices(outcome, solo), made)
                if waiting:
                    yield Static(plain(waiting_words(waiting)), id="review-waiting")
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

    def _voices(self, outcome: CommitmentOutcome, solo: bool) -> list[tuple[Voice, Content]]:
        """Who says how it went: the person it was made to, and beside them the person who made
        it. One voice for a commitment to oneself, or when only one of them is here."""
        made = outcome.commitment
        if solo or outcome.one_voice:
            return [(Voice.PARTNER, plain(messages.REVIEW_PROMPT_SOLO))]
        to, owner = self._name_of(made.to_id), self._name_of(made.owner_id)
        here = {p.id for p in self.people}
        voices = []
        if made.to_id in here or made.owner_id not in here:
            voices.append((Voice.PARTNER, say(messages.VOICE_TO, to=to, owner=owner)))
        if made.owner_id in here:
            voices.append((Voice.OWN, say(messages.VOICE_OWN, owner=owner)))
        return voices

    def on_mount(self) -> None:
        first = self.query(ReviewRow)
        if first:
            first.first().query_one("RadioSet").focus()
        else:
            self.query(Input).first().focus()

    @on(ReviewRow.Reviewed)
    def _reviewed(self, event: ReviewRow.Reviewed) -> None:
        self.services.checkins.review(self.turn, event.commitment_id, event.review, event.voice)

    @on(ReviewRow.KeepGoing)
    async def _keep_going(self, event: ReviewRow.KeepGoing) -> None:
        checkins = self.services.checkins
        await self._decide(
            event.row, lambda: checkins.keep_going(self.turn, event.commitment_id, event.text)
        )

    @on(ReviewRow.LetGo)
    async def _let_go(self, event: ReviewRow.LetGo) -> None:
        checkins = self.services.checkins
        await self._decide(event.row, lambda: checkins.let_go(self.turn, event.commitment_id))

    @on(ReviewRow.Reopen)
    async def _reopen(self, event: ReviewRow.Reopen) -> None:
        checkins = self.services.checkins
        await self._decide(
            event.row, lambda: checkins.reopen(self.turn, event.commitment_id), then=".keep"
        )

    async def _decide(
        self, row: ReviewRow, decision: Callable[[], object], then: str = ".reopen"
    ) -> None:
        """Store a decision on ``row``'s commitment (a refusal is said on the row, nothing
        changes), show the step again, and focus ``then`` on the row: Undo after a decision,
        the first choice again after an Undo."""
        try:
            decision()
        except CheckinError as exc:
            row.show_error(str(exc))
            return
        await self._refresh()
        row.query_one(then).focus()

    async def _refresh(self) -> None:
        """Show what is stored now: each earlier commitment's state, and each person's list
        for the coming week (a commitment kept going appears there, and goes when undone)."""
        checkins = self.services.checkins
        outcomes = {o.commitment.id: o for o in checkins.looking_back(self.turn)}
        for row in self.query(ReviewRow):
            found = outcomes.get(row.commitment_id)
            if found is not None:
                row.show(found)
        new = checkins.new_commitments(self.turn)
        for editor in self.query(CommitmentEditor):
            await editor.show([c for c in new if c.owner_id == editor.owner_id])

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
        self.services.checkins.remove_commitment(event.commitment_id)
        await self._refresh()  # a commitment kept going and removed here is open again above
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
