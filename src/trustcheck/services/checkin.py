"""The weekly check-in, step by step (DESIGN.md): the rules the TUI and the CLI share.

Every answer is written the moment it is given and the current step is stored with the draft, so a
check-in interrupted anywhere resumes at the same step with every answer kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from trustcheck import messages
from trustcheck.content import conversation
from trustcheck.core import scoring
from trustcheck.core.clock import Clock, week_label, week_start
from trustcheck.core.errors import UserError
from trustcheck.core.models import (
    AREAS,
    OVERALL_MAX,
    OVERALL_MIN,
    SCALE_MAX,
    SCALE_MIN,
    Answer,
    Checkin,
    CheckinStatus,
    Commitment,
    Item,
    ItemKind,
    Pack,
    Profile,
    Review,
    Step,
    Visibility,
    WeekScores,
)
from trustcheck.core.text import clean_block, clean_line
from trustcheck.services.keys import KeyService
from trustcheck.services.packs import PackService
from trustcheck.storage.crypto import CryptoError, DamagedRecord, ProfileLocked
from trustcheck.storage.errors import ConflictError
from trustcheck.storage.repos import (
    ANSWER_DRAFTS_TABLE,
    ANSWERS_TABLE,
    AnswerRepo,
    CheckinRepo,
    CommitmentRepo,
    DraftRepo,
    ProfileRepo,
    draft_record_id,
    private_answer_id,
)

MAX_COMMITMENTS = 3
COMMITMENT_LIMIT = 200
TEXT_LIMIT = 20_000


def _shown(value: float | None) -> str:
    """A score as the reveal shows it (one decimal): ties are judged on what people see."""
    return "" if value is None else f"{value:.1f}"


class CheckinError(UserError, ValueError):
    """A check-in action that cannot be done; the message is one line for the user."""


class CheckinMovedOn(CheckinError):
    """Another window moved the draft on (or finished it); ``current`` is it as stored now."""

    def __init__(self, message: str, current: Checkin | None) -> None:
        super().__init__(message)
        self.current = current


class DraftSaved(StrEnum):
    """What became of a draft the screen asked to keep."""

    KEPT = "kept"  # stored as typed (shared or for therapy)
    SEALED = "sealed"  # private: stored sealed with the author's key
    EMPTY = "empty"  # nothing written: no draft is kept (an earlier one is removed)
    LOCKED = "locked"  # private, and the author is locked: nothing written, the old draft stays


@dataclass(frozen=True, slots=True)
class Draft:
    """A written answer being typed, not given yet (it never counts as an answer)."""

    visibility: Visibility
    #: The text; None when it is sealed and its author is locked (or the seal is damaged).
    text: str | None
    sealed: bool
    damaged: bool = False


class WeekState(StrEnum):
    DUE = "due"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Status:
    """What the home screen says about this week."""

    state: WeekState
    week: dt.date
    next_due: dt.date
    draft: Checkin | None
    last: Checkin | None
    #: Whose turn it is in the draft (at an answering step), else None. Never what they answered.
    turn: Profile | None = None

    @property
    def paused_earlier(self) -> bool:
        """A draft from an earlier week: paused or interrupted, to be resumed or discarded."""
        return self.draft is not None and self.draft.week < self.week


@dataclass(frozen=True, slots=True)
class Loss:
    """What discarding a draft throws away: each person's stored answers, and new commitments."""

    answers: tuple[tuple[Profile, int], ...]
    commitments: int


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One of a person's own answers in the review before the hand-over.

    ``shown`` is the rating or choice in words, or a written answer's first line; "" for a sealed
    answer whose author is locked (``sealed`` says so) or for one not answered (``answer`` None).
    """

    index: int
    pack: Pack
    item: Item
    answer: Answer | None
    shown: str
    sealed: bool


@dataclass(frozen=True, slots=True)
class OpenAnswer:
    profile: Profile
    item: Item
    text: str
    visibility: Visibility


@dataclass(frozen=True, slots=True)
class TurnItem:
    """One item of a person's turn and the pack it comes from (weekly or a module)."""

    pack: Pack
    item: Item


@dataclass(frozen=True, slots=True)
class ModuleRow:
    """A module's own area at the reveal: each person's score (None when not answered)."""

    pack: Pack
    area: str
    now: tuple[float | None, ...]


@dataclass(frozen=True, slots=True)
class AreaRow:
    """One area at the reveal: each person's score now and last time."""

    area: str
    now: tuple[float | None, ...]
    before: tuple[float | None, ...]
    gap: float | None

    def change(self, index: int) -> float | None:
        return scoring.change(self.before[index], self.now[index])


@dataclass(frozen=True, slots=True)
class Reveal:
    people: tuple[Profile, ...]
    rows: tuple[AreaRow, ...]
    index_now: tuple[float | None, ...]
    index_before: tuple[float | None, ...]
    overall_now: tuple[int | None, ...]
    overall_before: tuple[int | None, ...]
    largest_gap: AreaRow | None
    biggest_change: tuple[AreaRow, int] | None  # (row, person index)
    open_answers: tuple[OpenAnswer, ...]
    has_previous: bool
    prompt: str
    #: Module areas (private modules never), each person's score this week.
    modules: tuple[ModuleRow, ...] = ()
    #: Every area whose gap ties for the largest (as shown, to one decimal); the first is
    #: ``largest_gap``. Empty when there is no gap worth naming.
    largest_gaps: tuple[AreaRow, ...] = ()


@dataclass(frozen=True, slots=True)
class Summary:
    checkin: Checkin
    people: tuple[Profile, ...]
    index: tuple[float | None, ...]
    overall: tuple[int | None, ...]
    reviewed: tuple[Commitment, ...]
    new_commitments: tuple[Commitment, ...]
    next_due: dt.date


@dataclass(frozen=True, slots=True)
class PrivateAnswer:
    """A private check-in answer as its author sees it in their journal."""

    week: dt.date
    prompt: str
    text: str | None  # None: the record is damaged or was modified
    #: The module's title for a module pack's answer (e.g. "Crossroads"); "" for the weekly one.
    module: str = ""


def _private_value(pack: Pack, item: Item, secret: str) -> str:
    """A sealed rating or choice in words; anything else (text, an odd value) as it is."""
    if item.kind not in (ItemKind.SCALE, ItemKind.RATING, ItemKind.CHOICE):
        return secret
    try:
        value = int(secret)
    except ValueError:
        return secret
    if item.kind is ItemKind.CHOICE:
        return item.choices[value] if 0 <= value < len(item.choices) else secret
    if item.kind is ItemKind.RATING:
        labels, low, high = pack.rating, OVERALL_MIN, OVERALL_MAX
    else:
        labels, low, high = pack.scale, SCALE_MIN, SCALE_MAX
    if not low <= value <= high:
        return secret
    mid = (low + high) / 2
    anchors = ((low, labels.low), (mid, labels.mid), (high, labels.high))
    label = next((text for at, text in anchors if value == at), None)
    if label is None:
        (_, below), (_, above) = (
            (anchors[0], anchors[1]) if value < mid else (anchors[1], anchors[2])
        )
        label = messages.PRIVATE_VALUE_BETWEEN.format(low=below, high=above)
    return messages.PRIVATE_VALUE.format(value=value, top=high, label=label)


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


REVIEW_LINE = 60


def _first_line(text: str) -> str:
    """A written answer's first non-empty line, cut to fit one row of the review."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    more = len(line) > REVIEW_LINE or line != text.strip()
    return line[:REVIEW_LINE].rstrip() + ("…" if more else "")


class CheckinService:
    def __init__(
        self,
        pack: Pack,
        checkins: CheckinRepo,
        answers: AnswerRepo,
        commitments: CommitmentRepo,
        profiles: ProfileRepo,
        clock: Clock,
        keys: KeyService,
        catalog: PackService | None = None,
    ) -> None:
        self.keys = keys
        self.pack = pack
        self.checkins = checkins
        self.answers = answers
        self.commitments = commitments
        self.profiles = profiles
        self.clock = clock
        #: Modules, roles and pack versions (issue 6); without it, only the weekly pack is used.
        self.catalog = catalog
        #: Written answers being typed (issue 12), kept apart from the answers themselves.
        self.drafts = DraftRepo(answers.db)

    # --- status -------------------------------------------------------------------------------
    def this_week(self) -> dt.date:
        return week_start(self.clock.now().date())

    def status(self) -> Status:
        week = self.this_week()
        draft = self.checkins.draft()
        last = self.checkins.last_completed()
        done = last is not None and last.week >= week
        next_due = week + dt.timedelta(weeks=1) if done else week
        if draft is not None:
            state = WeekState.IN_PROGRESS
        elif done:
            state = WeekState.DONE
        else:
            state = WeekState.DUE
        turn = None if draft is None else self.answering(draft)
        return Status(
            state=state, week=week, next_due=next_due, draft=draft, last=last, turn=turn
        )

    def people(self, checkin: Checkin) -> tuple[Profile, ...]:
        return tuple(self.profiles.get(pid) for pid in checkin.participant_ids)

    # --- the flow -----------------------------------------------------------------------------
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
            return self.checkins.start(self.this_week(), participant_ids, self.clock.now())
        except ConflictError as exc:
            draft = self.checkins.draft()
            if draft is not None:  # started in another window between the check and the insert
                raise CheckinMovedOn(messages.CHECKIN_STARTED_ELSEWHERE, draft) from exc
            raise CheckinError(str(exc)) from exc

    def get(self, checkin_id: int) -> Checkin:
        return self.checkins.get(checkin_id)

    def draft(self) -> Checkin | None:
        return self.checkins.draft()

    def steps(self, checkin: Checkin) -> list[Step]:
        """The steps this check-in goes through: solo skips the hand-over and the second turn."""
        if checkin.solo:
            return [Step.OPEN, Step.ANSWER_A, Step.REVEAL, Step.COMMITMENTS, Step.CLOSE]
        return list(Step)

    def advance(self, checkin: Checkin) -> Checkin:
        """Move to the next step and store it, so a resume lands there."""
        steps = self.steps(checkin)
        position = steps.index(checkin.step)
        if position + 1 < len(steps):
            self.checkins.set_step(checkin.id, steps[position + 1], self.clock.now())
        return self.checkins.get(checkin.id)

    def advance_from(self, checkin: Checkin, to: Step | None = None) -> Checkin:
        """Move on from the step this window shows (``checkin.step``): to ``to``, else the next.

        Only from that step: if another window moved the draft on meanwhile, nothing changes and
        CheckinMovedOn says so (its ``current`` is the draft as stored, None once finished). When
        the other window made this very move, the stored draft is returned as if this one had.
        """
        steps = self.steps(checkin)
        position = steps.index(checkin.step)
        target = to if to is not None else steps[min(position + 1, len(steps) - 1)]
        if target is not checkin.step and self.checkins.advance_step(
            checkin.id, checkin.step, target, self.clock.now()
        ):
            return self.checkins.get(checkin.id)
        current = self.checkins.get(checkin.id)
        if current.status is not CheckinStatus.IN_PROGRESS:
            raise CheckinMovedOn(messages.CHECKIN_GONE, None)
        if current.step is target:
            return current
        raise CheckinMovedOn(messages.CHECKIN_MOVED_ON, current)

    def go_to(self, checkin: Checkin, step: Step) -> Checkin:
        self.checkins.set_step(checkin.id, step, self.clock.now())
        return self.checkins.get(checkin.id)

    def answering(self, checkin: Checkin) -> Profile | None:
        """Whose turn it is, at an answering step."""
        if checkin.step is Step.ANSWER_A:
            return self.profiles.get(checkin.participant_ids[0])
        if checkin.step is Step.ANSWER_B and len(checkin.participant_ids) > 1:
            return self.profiles.get(checkin.participant_ids[1])
        return None

    def items(self) -> tuple[Item, ...]:
        """The items everyone answers, in order."""
        return self.pack.items

    def pack_of(self, pack_id: str | None) -> Pack:
        """The weekly pack, or a module's (usable) pack by id."""
        if pack_id is None or pack_id == self.pack.id:
            return self.pack
        if self.catalog is None:
            raise KeyError(pack_id)
        return self.catalog.get(pack_id)

    def turn_items(self, profile_id: int) -> tuple[TurnItem, ...]:
        """What one person answers in a check-in: the weekly core, then each switched-on
        module's items for everyone and for that person's role in it. Each answer keeps its
        item's own pack id and version."""
        out = [TurnItem(self.pack, item) for item in self.pack.items]
        if self.catalog is not None:
            for pack in self.catalog.enabled_modules():
                role = self.catalog.role(pack.id, profile_id)
                out.extend(TurnItem(pack, item) for item in pack.for_role(role))
        return tuple(out)

    def turn_answers(self, checkin_id: int, profile_id: int) -> dict[tuple[str, str], Answer]:
        """A person's stored answers in a check-in, by (pack id, item id), modules included."""
        return {
            (a.pack_id, a.item_id): a
            for a in self.answers.for_checkin(checkin_id)
            if a.profile_id == profile_id
        }

    def answered_pack(self, pack_id: str, version: int) -> Pack | None:
        """The pack as it was worded at ``version`` (its snapshot), or None if unknown here."""
        if self.catalog is not None:
            return self.catalog.answered(pack_id, version)
        if pack_id == self.pack.id and version == self.pack.version:
            return self.pack
        return None

    def answered_item(self, answer: Answer) -> Item | None:
        """The item as it was worded when ``answer`` was given (its pack version's snapshot)."""
        pack = self.answered_pack(answer.pack_id, answer.pack_version)
        if pack is None:
            return None
        try:
            return pack.item(answer.item_id)
        except KeyError:
            return None

    def answers_of(self, checkin_id: int, profile_id: int) -> dict[str, Answer]:
        return {
            a.item_id: a
            for a in self.answers.for_checkin(checkin_id)
            if a.profile_id == profile_id and a.pack_id == self.pack.id
        }

    def first_unanswered(self, checkin_id: int, profile_id: int) -> int:
        """Where a resumed turn picks up: the first item with no stored answer (or the end)."""
        given = self.answers_of(checkin_id, profile_id)
        for position, item in enumerate(self.pack.items):
            if item.id not in given:
                return position
        return len(self.pack.items)

    def save_answer(
        self,
        checkin_id: int,
        profile_id: int,
        item_id: str,
        *,
        value: int | None = None,
        text: str | None = None,
        skipped: bool = False,
        visibility: Visibility = Visibility.SHARED,
        pack_id: str | None = None,
    ) -> Answer:
        """Validate and store one answer at once (fsynced before this returns).

        ``pack_id`` names a module's pack (default: the weekly one). A private item's answer,
        its value included, is sealed with the author's key whatever ``visibility`` says.
        """
        pack = self.pack_of(pack_id)
        item = pack.item(item_id)
        if item.private:
            visibility = Visibility.PRIVATE
        if skipped:
            value, text = None, None
        elif item.kind is ItemKind.SCALE:
            if value is None or not 1 <= value <= 7:
                raise CheckinError("choose 1 to 7, or skip")
        elif item.kind is ItemKind.RATING:
            if value is None or not 0 <= value <= 10:
                raise CheckinError("choose 0 to 10, or skip")
        elif item.kind is ItemKind.TEXT:
            text = clean_block(text or "")
            if len(text) > TEXT_LIMIT:
                raise CheckinError(messages.TEXT_TOO_LONG.format(limit=TEXT_LIMIT))
            if not text:
                skipped, text = True, None
            value = None
        elif item.kind is ItemKind.CHOICE and (value is None or not 0 <= value < len(item.choices)):
            raise CheckinError("choose one of the options, or skip")
        secret = text
        if item.private and value is not None:
            # A private rating is as private as a private sentence: only its seal is stored.
            secret, value = str(value), None
        answer = Answer(
            profile_id=profile_id,
            pack_id=pack.id,
            pack_version=pack.version,
            item_id=item.id,
            value=value,
            text=text,
            skipped=skipped,
            visibility=visibility,
        )
        sealed = None
        if visibility is Visibility.PRIVATE and secret is not None:
            # Sealed with the author's key; the clear text never reaches the database.
            if not self.keys.is_unlocked(profile_id):
                raise ProfileLocked(profile_id)
            sealed = self.keys.ring.seal(
                profile_id,
                secret,
                table=ANSWERS_TABLE,
                record_id=private_answer_id(checkin_id, pack.id, item.id),
            )
        if self.catalog is not None:
            self.catalog.ensure_snapshot(pack)
        self.answers.save(checkin_id, answer, self.clock.now(), sealed)
        return answer

    # --- drafts -------------------------------------------------------------------------------
    def save_draft(
        self,
        checkin_id: int,
        profile_id: int,
        item_id: str,
        text: str,
        visibility: Visibility,
        pack_id: str | None = None,
    ) -> DraftSaved:
        """Keep a written answer as it is being typed, so no way out loses it.

        A draft is not an answer: nothing that reads answers sees it. A private one is sealed
        with the author's key before it is written; when the author is locked nothing is written
        (``LOCKED``) and an earlier draft stays as it was. Empty text keeps no draft.
        """
        pack = self.pack_of(pack_id)
        item = pack.item(item_id)
        if item.kind is not ItemKind.TEXT:
            raise CheckinError("only a written answer has a draft")
        if item.private:
            visibility = Visibility.PRIVATE
        cleaned = clean_block(text)
        if not cleaned.strip():
            self.drafts.delete(checkin_id, profile_id, pack.id, item.id)
            return DraftSaved.EMPTY
        now = self.clock.now()
        if visibility is Visibility.PRIVATE:
            if not self.keys.is_unlocked(profile_id):
                return DraftSaved.LOCKED
            sealed = self.keys.ring.seal(
                profile_id,
                cleaned,
                table=ANSWER_DRAFTS_TABLE,
                record_id=draft_record_id(checkin_id, pack.id, item.id),
            )
            self.drafts.save(
                checkin_id, profile_id, pack.id, item.id, visibility, now, sealed=sealed
            )
            return DraftSaved.SEALED
        self.drafts.save(checkin_id, profile_id, pack.id, item.id, visibility, now, text=cleaned)
        return DraftSaved.KEPT

    def answer_draft(
        self, checkin_id: int, profile_id: int, item_id: str, pack_id: str | None = None
    ) -> Draft | None:
        """The draft of a written answer, opened when it is sealed and its author unlocked."""
        pack = self.pack_of(pack_id)
        stored = self.drafts.get(checkin_id, profile_id, pack.id, item_id)
        if stored is None:
            return None
        if stored.sealed is None:
            return Draft(stored.visibility, stored.text, sealed=False)
        if not self.keys.is_unlocked(profile_id):
            return Draft(stored.visibility, None, sealed=True)
        try:
            text = self.keys.ring.open(
                profile_id,
                stored.sealed,
                table=ANSWER_DRAFTS_TABLE,
                record_id=draft_record_id(checkin_id, pack.id, item_id),
            )
        except DamagedRecord:
            return Draft(stored.visibility, None, sealed=True, damaged=True)
        return Draft(stored.visibility, text, sealed=True)

    # --- reveal -------------------------------------------------------------------------------
    def scores(self, checkin: Checkin) -> tuple[WeekScores, ...]:
        answers = self.answers.for_checkin(checkin.id)
        return tuple(
            scoring.week_scores(self.pack, pid, checkin.week, answers)
            for pid in checkin.participant_ids
        )

    def reveal(self, checkin: Checkin) -> Reveal:
        people = self.people(checkin)
        now = self.scores(checkin)
        previous = self.checkins.last_completed(before=checkin.id)
        before: list[WeekScores | None] = [None] * len(people)
        if previous is not None:
            # Last week answered under other questions is not compared (issue 14): new
            # questions are not a change in trust.
            prev_answers = [
                a
                for a in self.answers.for_checkin(previous.id)
                if a.pack_version == self.pack.version
            ]
            for i, person in enumerate(people):
                if person.id in previous.participant_ids:
                    before[i] = scoring.week_scores(
                        self.pack, person.id, previous.week, prev_answers
                    )
        rows = []
        for area in AREAS:
            values_now = tuple(s.areas.get(area) for s in now)
            values_before = tuple(None if b is None else b.areas.get(area) for b in before)
            area_gap = scoring.gap(*values_now) if len(values_now) == 2 else None
            rows.append(AreaRow(area, values_now, values_before, area_gap))
        with_gap = [r for r in rows if r.gap is not None]
        largest = max(with_gap, key=lambda r: r.gap or 0.0, default=None)
        # A tie as people see it: equal to the one decimal the reveal shows.
        tied = tuple(
            r for r in with_gap if largest is not None and _shown(r.gap) == _shown(largest.gap)
        )
        named = largest is not None and (largest.gap or 0.0) >= 1.0
        changes = [
            (abs(c), r, i)
            for r in rows
            for i in range(len(people))
            if (c := r.change(i)) is not None
        ]
        biggest = max(changes, key=lambda t: t[0], default=None)
        answers = self.answers.for_checkin(checkin.id)
        open_answers = self._shared_texts(answers, {p.id: p for p in people})
        if len(people) < 2:
            prompt = conversation().solo_prompt  # no partner, so no gap and no "you both"
        elif largest is not None and (largest.gap or 0.0) >= 1.0:
            prompt = conversation().gap_prompts[largest.area]
        else:
            prompt = conversation().no_gap
        return Reveal(
            people=people,
            rows=tuple(rows),
            index_now=tuple(s.trust_index for s in now),
            index_before=tuple(None if b is None else b.trust_index for b in before),
            overall_now=tuple(s.overall for s in now),
            overall_before=tuple(None if b is None else b.overall for b in before),
            largest_gap=largest if named else None,
            largest_gaps=tied if named else (),
            biggest_change=None if biggest is None or biggest[0] == 0 else (biggest[1], biggest[2]),
            open_answers=tuple(open_answers),
            has_previous=previous is not None,
            prompt=prompt,
            modules=self._module_rows(people, answers),
        )

    def _shared_texts(
        self, answers: list[Answer], by_person: dict[int, Profile]
    ) -> list[OpenAnswer]:
        """Written answers the partner may see, weekly prompts first, each under the wording it
        was answered with. Private answers and private items never come through."""
        found: dict[tuple[str, str], list[OpenAnswer]] = {}
        for a in answers:
            if (
                not a.text
                or a.skipped
                or a.visibility is Visibility.PRIVATE
                or a.profile_id not in by_person
            ):
                continue
            item = self.answered_item(a)
            if item is None or item.private or item.kind is not ItemKind.TEXT:
                continue
            found.setdefault((a.pack_id, a.item_id), []).append(
                OpenAnswer(by_person[a.profile_id], item, a.text, a.visibility)
            )
        order = [(self.pack.id, i.id) for i in self.pack.items_in("open")]
        order += [key for key in found if key not in order]
        return [answer for key in order for answer in found.get(key, [])]

    def _module_rows(
        self, people: tuple[Profile, ...], answers: list[Answer]
    ) -> tuple[ModuleRow, ...]:
        """Each switched-on module's own areas, scored per person over the items of their role."""
        if self.catalog is None:
            return ()
        rows = []
        for pack in self.catalog.enabled_modules():
            if pack.private:
                continue
            for area in pack.areas:
                values = []
                for person in people:
                    role = self.catalog.role(pack.id, person.id)
                    items = [i for i in pack.for_role(role) if i.area == area.id and not i.private]
                    mine = {
                        a.item_id: a
                        for a in answers
                        if a.profile_id == person.id and a.pack_id == pack.id
                    }
                    values.append(scoring.area_score(items, mine))
                if any(v is not None for v in values):
                    rows.append(ModuleRow(pack, area.id, tuple(values)))
        return tuple(rows)

    # --- commitments --------------------------------------------------------------------------
    def to_review(self, checkin: Checkin) -> list[Commitment]:
        """Commitments set at the last completed check-in, reviewed in this one."""
        previous = self.checkins.last_completed(before=checkin.id)
        if previous is None:
            return []
        return self.commitments.set_in(previous.id)

    def review(self, checkin: Checkin, commitment_id: int, review: Review | None) -> None:
        self.commitments.review(commitment_id, review, checkin.id, self.clock.now())

    def new_commitments(self, checkin: Checkin) -> list[Commitment]:
        return self.commitments.set_in(checkin.id)

    def add_commitment(self, checkin: Checkin, owner_id: int, raw_text: str) -> Commitment:
        text = clean_line(raw_text)
        if not text:
            raise CheckinError(messages.COMMITMENT_EMPTY)
        if len(text) > COMMITMENT_LIMIT:
            raise CheckinError(messages.TEXT_TOO_LONG.format(limit=COMMITMENT_LIMIT))
        mine = [c for c in self.commitments.set_in(checkin.id) if c.owner_id == owner_id]
        if len(mine) >= MAX_COMMITMENTS:
            raise CheckinError(messages.COMMITMENT_LIMIT)
        others = [pid for pid in checkin.participant_ids if pid != owner_id]
        to_id = others[0] if others else owner_id
        return self.commitments.add(checkin.id, owner_id, to_id, text, self.clock.now())

    def remove_commitment(self, commitment_id: int) -> None:
        self.commitments.delete(commitment_id)

    def private_text(
        self, checkin_id: int, profile_id: int, item_id: str, pack_id: str | None = None
    ) -> str | None:
        """A private answer's text, for its unlocked author going back to it; None if none."""
        wanted = pack_id or self.pack.id
        for cid, pack_id, iid, blob in self.answers.sealed_for(profile_id):
            if cid == checkin_id and pack_id == wanted and iid == item_id:
                return self.keys.ring.open(
                    profile_id,
                    blob,
                    table=ANSWERS_TABLE,
                    record_id=private_answer_id(cid, pack_id, iid),
                )
        return None

    def private_answers(self, profile_id: int) -> list[PrivateAnswer]:
        """Every private check-in answer of an unlocked person, oldest first, for their journal.

        An answer that fails to open is listed with ``text`` None (damaged or modified).
        """
        rows = self.answers.sealed_for(profile_id)
        opened = self.keys.ring.open_many(
            profile_id,
            [(private_answer_id(cid, pack_id, iid), blob) for cid, pack_id, iid, blob in rows],
            table=ANSWERS_TABLE,
        )
        versions = self.answers.sealed_versions(profile_id) if rows else {}
        weeks: dict[int, dt.date] = {}
        out = []
        for (cid, pack_id, iid, _), text in zip(rows, opened, strict=True):
            version = versions.get((cid, pack_id, iid), 0)
            prompt, shown, module = self.private_display(
                pack_id, version, iid, text if isinstance(text, str) else None
            )
            if cid not in weeks:
                weeks[cid] = self.checkins.get(cid).week
            out.append(PrivateAnswer(week=weeks[cid], prompt=prompt, text=shown, module=module))
        return out

    def private_display(
        self, pack_id: str, version: int, item_id: str, secret: str | None
    ) -> tuple[str, str | None, str]:
        """A private answer as its author reads it: (the prompt as it was worded, the answer,
        the module's title or ""). A sealed rating reads "6 of 7 — between “Partly true” and
        “Completely true”", a sealed choice its option; text stays as written."""
        pack = self.answered_pack(pack_id, version)
        if pack is None and pack_id == self.pack.id:
            pack = self.pack  # answers stored before pack versions were kept
        item: Item | None = None
        if pack is not None:
            try:
                item = pack.item(item_id)
            except KeyError:
                item = None
        module = pack.title if pack is not None and pack.module else ""
        if item is None or pack is None or secret is None:
            return (item.text if item is not None else item_id), secret, module
        return item.text, _private_value(pack, item, secret), module

    def open_commitments(self) -> list[Commitment]:
        """The commitments made at the last completed check-in (shown on home)."""
        last = self.checkins.last_completed()
        return [] if last is None else self.commitments.set_in(last.id)

    def had_commitments(self) -> bool:
        """Whether an earlier check-in set any commitment (home words "none" accordingly)."""
        return self.commitments.any_completed()

    # --- finishing ----------------------------------------------------------------------------
    def complete(self, checkin: Checkin) -> Summary:
        self.checkins.set_step(checkin.id, Step.CLOSE, self.clock.now())
        self.checkins.finish(checkin.id, CheckinStatus.COMPLETED, self.clock.now())
        self.drafts.clear(checkin.id)  # the answers are given; a draft left over goes nowhere
        return self.summary(self.checkins.get(checkin.id))

    def loss(self, checkin: Checkin) -> Loss:
        """What discarding ``checkin`` would throw away, to name it before asking."""
        answers = self.answers.for_checkin(checkin.id)
        counts = tuple(
            (person, sum(1 for a in answers if a.profile_id == person.id))
            for person in self.people(checkin)
        )
        return Loss(answers=counts, commitments=len(self.commitments.set_in(checkin.id)))

    def discard(self, checkin: Checkin) -> None:
        """Delete a draft and everything given in it (asked twice in the app; no undo).

        Reviews of earlier commitments made in it are undone, so they come up again next time.
        """
        if not self.checkins.discard(checkin.id):
            raise CheckinError(messages.CHECKIN_GONE)

    # --- the review before the hand-over ------------------------------------------------------
    def turn_review(self, checkin: Checkin, person: Profile) -> list[ReviewRow]:
        """Each of ``person``'s items in order with what they answered, for their own review.

        A sealed answer shows its text only while its author is unlocked.
        """
        given = self.turn_answers(checkin.id, person.id)
        unlocked = self.keys.is_unlocked(person.id)
        rows = []
        for index, turn_item in enumerate(self.turn_items(person.id)):
            pack, item = turn_item.pack, turn_item.item
            answer = given.get((pack.id, item.id))
            shown, sealed = "", False
            if answer is None or answer.skipped:
                pass
            elif answer.visibility is Visibility.PRIVATE and answer.text is None and (
                answer.value is None
            ):
                sealed = True
                if unlocked:
                    try:
                        secret = self.private_text(checkin.id, person.id, item.id, pack.id)
                    except CryptoError:  # damaged or modified: it reads as sealed
                        secret = None
                    if secret is not None:
                        sealed = False
                        shown = _first_line(_private_value(pack, item, secret))
            elif item.kind is ItemKind.TEXT:
                shown = _first_line(answer.text or "")
            elif item.kind is ItemKind.CHOICE and answer.value is not None:
                shown = item.choices[answer.value] if 0 <= answer.value < len(item.choices) else ""
            elif answer.value is not None:
                top = OVERALL_MAX if item.kind is ItemKind.RATING else SCALE_MAX
                shown = messages.REVIEW_VALUE.format(value=answer.value, top=top)
            rows.append(ReviewRow(index, pack, item, answer, shown, sealed))
        return rows

    def summary(self, checkin: Checkin) -> Summary:
        scores = self.scores(checkin)
        reviewed = [c for c in self.commitments.all() if c.reviewed_in == checkin.id]
        return Summary(
            checkin=checkin,
            people=self.people(checkin),
            index=tuple(s.trust_index for s in scores),
            overall=tuple(s.overall for s in scores),
            reviewed=tuple(reviewed),
            new_commitments=tuple(self.commitments.set_in(checkin.id)),
            next_due=checkin.week + dt.timedelta(weeks=1),
        )
