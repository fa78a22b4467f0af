"""The weekly check-in, step by step (DESIGN.md): the rules the TUI and the CLI share.

Every answer is written the moment it is given and the current step is stored with the draft, so a
check-in interrupted anywhere resumes at the same step with every answer kept.

:class:`CheckinService` is built in layers, one file each, every layer using the one before:
``checkin_answers`` (storing answers and drafts; it holds the tables), ``checkin_turn`` (reading
one person's turn), ``checkin_reveal`` (the reveal and the summary), ``checkin_commitments`` (the
commitments step: looking back, keeping going, letting go, the new ones) and this file (status,
the steps, finishing). Screens and commands import everything from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from trustcheck import messages
from trustcheck.core.clock import week_label
from trustcheck.core.models import (
    Answer,
    Checkin,
    CheckinStatus,
    Commitment,
    Profile,
    Review,
    Step,
)
from trustcheck.services.checkin_answers import (
    TEXT_LIMIT,
    CheckinAnswers,
    CheckinError,
    CheckinMovedOn,
    Draft,
    DraftSaved,
)
from trustcheck.services.checkin_commitments import (
    COMMITMENT_LIMIT,
    MAX_COMMITMENTS,
    REVIEW_SHOWN,
    CheckinCommitments,
)
from trustcheck.services.checkin_reveal import (
    AreaRow,
    CheckinReveal,
    ModuleRow,
    OpenAnswer,
    Reveal,
    Summary,
)
from trustcheck.services.checkin_turn import (
    CheckinTurns,
    PrivateAnswer,
    ReviewRow,
    Turn,
    TurnItem,
    _private_value,
)
from trustcheck.services.week import Status, WeekService, WeekState
from trustcheck.storage.errors import ConflictError

__all__ = [
    "COMMITMENT_LIMIT",
    "MAX_COMMITMENTS",
    "REVIEW_SHOWN",
    "TEXT_LIMIT",
    "AreaRow",
    "CheckinAnswers",
    "CheckinCommitments",
    "CheckinError",
    "CheckinMovedOn",
    "CheckinReveal",
    "CheckinService",
    "CheckinTurns",
    "Draft",
    "DraftSaved",
    "Loss",
    "ModuleRow",
    "OpenAnswer",
    "PrivateAnswer",
    "Reveal",
    "ReviewRow",
    "Status",
    "Summary",
    "Turn",
    "TurnItem",
    "WeekState",
    "_private_value",
    "discard_question",
]

@dataclass(frozen=True, slots=True)
class Loss:
    """What discarding a draft throws away: each person's stored answers, and new commitments."""

    answers: tuple[tuple[Profile, int], ...]
    commitments: int


def discard_question(loss: Loss) -> str:
    """What discarding loses, named: "Discard Riley's 12 answers and Jordan's 3? This cannot be
    undone." A safety answer is never counted: naming it would tell the partner it was given."""
    solo = len(loss.answers) == 1
    parts = []
    for n, (person, count) in enumerate(a for a in loss.answers if a[1]):
        if solo:
            one, many = messages.DISCARD_ONE_ANSWER_SOLO, messages.DISCARD_ANSWERS_SOLO
        else:
            one, many = messages.DISCARD_ONE_ANSWER, messages.DISCARD_ANSWERS
        text = (one if count == 1 else many).format(name=person.name, n=count)
        # "Riley's 12 answers and Jordan's 3": the second count needs no second "answers".
        if n and not solo:
            text = messages.DISCARD_MORE.format(name=person.name, n=count)
        parts.append(text)
    if loss.commitments:
        parts.append(
            messages.DISCARD_ONE_COMMITMENT
            if loss.commitments == 1
            else messages.DISCARD_COMMITMENTS.format(n=loss.commitments)
        )
    if not parts:
        return messages.DISCARD_NOTHING
    what = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return messages.DISCARD_QUESTION.format(what=what)


class CheckinService(CheckinCommitments):
    """The check-in as the screens and commands use it (the layers it builds on: see above)."""

    # --- status (services/week.py: what home reads, without this module) ------------------------
    @cached_property
    def week(self) -> WeekService:
        reminder = self.catalog.reminder if self.catalog is not None else None
        return WeekService(
            self._checkins, self._commitments, self._profiles, self.clock, reminder
        )

    def this_week(self) -> dt.date:
        return self.week.this_week()

    def status(self) -> Status:
        return self.week.status()

    # --- the flow ---------------------------------------------------------------------------------
    def start(self, participant_ids: list[int]) -> Checkin:
        """Start this week's check-in. If another window started one meanwhile, nothing new is
        started: CheckinMovedOn carries that draft, so this window can follow it."""
        if not participant_ids:
            raise CheckinError(messages.NO_PROFILES)
        status = self.status()
        if status.draft is not None:
            raise CheckinMovedOn(messages.CHECKIN_STARTED_ELSEWHERE, status.draft)
        if status.state is WeekState.DONE:
            raise CheckinError(messages.STATUS_DONE.format(week=week_label(status.next_due)))
        try:
            return self._checkins.start(self.this_week(), participant_ids, self.clock.now())
        except ConflictError as exc:
            draft = self._checkins.draft()
            if draft is not None:  # started in another window between the check and the insert
                raise CheckinMovedOn(messages.CHECKIN_STARTED_ELSEWHERE, draft) from exc
            raise CheckinError(str(exc)) from exc

    def get(self, checkin_id: int) -> Checkin:
        return self._checkins.get(checkin_id)

    def draft(self) -> Checkin | None:
        return self._checkins.draft()

    def steps(self, checkin: Checkin) -> list[Step]:
        """The steps this check-in goes through: solo skips the hand-over and the second turn."""
        if checkin.solo:
            return [Step.OPEN, Step.ANSWER_A, Step.REVEAL, Step.COMMITMENTS, Step.CLOSE]
        return list(Step)

    def advance_from(self, checkin: Checkin, to: Step | None = None) -> Checkin:
        """Move on from the step this window shows (``checkin.step``): to ``to``, else the next.

        Only from that step: if another window moved the draft on meanwhile, nothing changes and
        CheckinMovedOn says so (its ``current`` is the draft as stored, None once finished). When
        the other window made this very move, the stored draft is returned as if this one had.
        """
        steps = self.steps(checkin)
        position = steps.index(checkin.step)
        target = to if to is not None else steps[min(position + 1, len(steps) - 1)]
        if target is not checkin.step and self._checkins.advance_step(
            checkin.id, checkin.step, target, self.clock.now()
        ):
            return self._checkins.get(checkin.id)
        current = self._checkins.get(checkin.id)
        if current.status is not CheckinStatus.IN_PROGRESS:
            raise CheckinMovedOn(messages.CHECKIN_GONE, None)
        if current.step is target:
            return current
        raise CheckinMovedOn(messages.CHECKIN_MOVED_ON, current)

    def answering(self, checkin: Checkin) -> Profile | None:
        """Whose turn it is, at an answering step."""
        return self.week.answering(checkin)

    # --- commitments (the step itself: checkin_commitments.py) --------------------------------
    def open_commitments(self) -> list[Commitment]:
        """The commitments made at the last completed check-in (shown on home)."""
        return self.week.open_commitments()

    def had_commitments(self) -> bool:
        """Whether an earlier check-in set any commitment (home words "none" accordingly)."""
        return self.week.had_commitments()

    # --- history written at once (demo data) ------------------------------------------------------
    def record_past(
        self,
        week: dt.date,
        participant_ids: list[int],
        started: dt.datetime,
        completed: dt.datetime,
        answers: list[Answer],
    ) -> int:
        """A whole completed check-in from the past, stored in one transaction; its id."""
        return self._checkins.insert_completed(week, participant_ids, started, completed, answers)

    def record_commitment(
        self, checkin_id: int, owner_id: int, to_id: int, text: str, at: dt.datetime
    ) -> Commitment:
        """A commitment as it was made at a past check-in (``at``)."""
        return self._commitments.add(checkin_id, owner_id, to_id, text, at)

    def record_review(
        self,
        commitment_id: int,
        review: Review,
        checkin_id: int,
        at: dt.datetime,
        own: Review | None = None,
    ) -> None:
        """A commitment's review as it was given at a past check-in (``at``): the view of the
        person it was made to, and ``own``, the view of the person who made it."""
        self._commitments.record_review(commitment_id, review, own, checkin_id, at)

    # --- finishing --------------------------------------------------------------------------------
    def complete(self, checkin: Checkin) -> Summary:
        self._checkins.set_step(checkin.id, Step.CLOSE, self.clock.now())
        self._checkins.finish(checkin.id, CheckinStatus.COMPLETED, self.clock.now())
        self._drafts.clear(checkin.id)  # the answers are given; a draft left over goes nowhere
        self._move_on_together(checkin)
        return self.summary(self._checkins.get(checkin.id))

    def _move_on_together(self, checkin: Checkin) -> None:
        """In a module with phases, the couple moves on to the next phase when everyone answered
        its ``ready`` item with the first choice ("ready") in this check-in. A check-in one
        partner does alone never moves the couple on: both say it."""
        if self.catalog is None:
            return
        people = {p.id for p in self.people(checkin)}
        if people != {p.id for p in self._profiles.active()}:
            return
        answers = self._answers.for_checkin(checkin.id)
        for pack in self.catalog.enabled_modules():
            phase = self.catalog.phase(pack.id)
            if not pack.phases or not pack.ready or phase >= len(pack.phases) - 1:
                continue
            ready = {
                a.profile_id
                for a in answers
                if a.pack_id == pack.id and a.item_id == pack.ready and a.value == 0
            }
            if people and people <= ready:
                self.catalog.set_phase(pack.id, phase + 1)

    def loss(self, checkin: Checkin) -> Loss:
        """What discarding ``checkin`` would throw away, to name it before asking."""
        answers = self._answers.for_checkin(checkin.id)
        counts = tuple(
            (person, sum(1 for a in answers if a.profile_id == person.id))
            for person in self.people(checkin)
        )
        return Loss(answers=counts, commitments=len(self._commitments.set_in(checkin.id)))

    def discard(self, checkin: Checkin) -> None:
        """Delete a draft and everything given in it (asked twice in the app; no undo).

        Reviews of earlier commitments made in it are undone, and so are keeping one for another
        week and letting one go, so they come up again next time.
        """
        if not self._checkins.discard(checkin.id):
            raise CheckinError(messages.CHECKIN_GONE)

    def end_for_this_week(self, checkin: Checkin) -> None:
        """End this week's joint part here (issue 15): no reveal and no commitments this week.

        The check-in is closed as abandoned, with what was answered kept (never counted in
        trends or a summary, which read completed check-ins only). Chosen on the private safety
        screen by anyone, whatever they answered there, so it says nothing about an answer; the
        app shows only "We'll stop here for this week".
        """
        # One transaction. No commitments this week: one looked back on or let go of here is
        # open again next time, unanswered (one kept going here already is, as the week it would
        # carry on into never completes).
        self._checkins.end_early(checkin.id, self.clock.now())
