"""Reading one person's turn: the items they answer, what they answered so far, their own review
before the hand-over, and their private answers as their journal shows them.

The second layer of :class:`~trustcheck.services.checkin.CheckinService` (see there).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from trustcheck import messages
from trustcheck.core import scoring
from trustcheck.core.models import (
    OVERALL_MAX,
    OVERALL_MIN,
    SCALE_MAX,
    SCALE_MIN,
    Answer,
    Checkin,
    Item,
    ItemKind,
    Pack,
    Profile,
    Step,
    Visibility,
)
from trustcheck.services.checkin_answers import CheckinAnswers, CheckinError
from trustcheck.storage.crypto import CryptoError
from trustcheck.storage.repos.answers import ANSWERS_TABLE, private_answer_id


@dataclass(frozen=True, slots=True)
class TurnItem:
    """One item of a person's turn and the pack it comes from (weekly or a module)."""

    pack: Pack
    item: Item


@dataclass(frozen=True, slots=True)
class CheckinCost:
    """Each switched-on module's title and the questions it adds, and about how many minutes the
    whole check-in takes (``core.cost``)."""

    modules: tuple[tuple[str, int], ...]
    minutes: int


@dataclass(frozen=True, slots=True)
class Turn:
    """What the answer screen needs for one person's turn, read in one call.

    ``answers`` are the person's stored answers by (pack id, item id); the screen keeps them up
    to date from what :meth:`CheckinService.save_answer` returns, without reading them again.
    """

    checkin: Checkin
    person: Profile
    partner: Profile | None
    items: tuple[TurnItem, ...]
    answers: dict[tuple[str, str], Answer]

    @property
    def position(self) -> int:
        """Where the turn (re)starts: the first item without an answer, or the end."""
        return next(
            (n for n, t in enumerate(self.items) if (t.pack.id, t.item.id) not in self.answers),
            len(self.items),
        )


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


REVIEW_LINE = 60


def _first_line(text: str) -> str:
    """A written answer's first non-empty line, cut to fit one row of the review."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    more = len(line) > REVIEW_LINE or line != text.strip()
    return line[:REVIEW_LINE].rstrip() + ("…" if more else "")


class CheckinTurns(CheckinAnswers):
    """One person's turn as the answer screen and the review show it."""

    def turn_items(self, profile_id: int) -> tuple[TurnItem, ...]:
        """What one person answers in a check-in: the weekly core, then each switched-on
        module's items for everyone and for that person's role in it (in a module with phases,
        those of the couple's current phase). Each answer keeps its item's own pack id and
        version."""
        out = [TurnItem(self.pack, item) for item in self.pack.items]
        if self.catalog is not None:
            for pack in self.catalog.enabled_modules():
                role = self.catalog.role(pack.id, profile_id)
                out.extend(TurnItem(pack, item) for item in self.catalog.phase_items(pack, role))
        return tuple(out)

    def cost(self, profile_ids: Sequence[int]) -> CheckinCost:
        """What a check-in with these people asks of their time: each switched-on module's
        questions (the most any one of them is asked) and about how long it all takes."""
        from trustcheck.core.cost import checkin_minutes

        turns = [self.turn_items(pid) for pid in profile_ids]
        modules: dict[str, tuple[str, int]] = {}
        for turn in turns:
            counts: dict[str, int] = {}
            for t in turn:
                if t.pack.module:
                    counts[t.pack.id] = counts.get(t.pack.id, 0) + 1
                    modules.setdefault(t.pack.id, (t.pack.title, 0))
            for pack_id, n in counts.items():
                title, most = modules[pack_id]
                modules[pack_id] = (title, max(most, n))
        minutes = checkin_minutes([tuple(t.item for t in turn) for turn in turns])
        return CheckinCost(tuple(modules.values()), minutes)

    def turn(self, checkin: Checkin) -> Turn:
        """The turn of whoever answers at ``checkin``'s step: who, with whom, the items in order
        and what they answered so far. Drafts are read per written item as it is shown."""
        people = self.people(checkin)
        at = {Step.ANSWER_A: 0, Step.ANSWER_B: 1}.get(checkin.step)
        if at is None or at >= len(people):
            raise CheckinError(messages.CHECKIN_MOVED_ON)  # not an answering step
        person = people[at]
        others = [p for p in people if p.id != person.id]
        return Turn(
            checkin=checkin,
            person=person,
            partner=others[0] if others else None,
            items=self.turn_items(person.id),
            answers=self.turn_answers(checkin.id, person.id),
        )

    def turn_answers(self, checkin_id: int, profile_id: int) -> dict[tuple[str, str], Answer]:
        """A person's stored answers in a check-in, by (pack id, item id), modules included."""
        return {
            (a.pack_id, a.item_id): a
            for a in self._answers.for_checkin(checkin_id)
            if a.profile_id == profile_id
        }

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
            if answer is not None and answer.not_this_week:
                shown = messages.REVIEW_NOT_THIS_WEEK
            elif answer is None or answer.skipped:
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

    def same_answer_everywhere(self, rows: Sequence[ReviewRow]) -> bool:
        """Whether this turn gave every weekly statement the same number (``turn_review``'s rows),
        for a gentle word in the person's own review, never anywhere the partner sees."""
        return scoring.same_answer_everywhere(
            [
                None if r.answer is None or r.answer.skipped else r.answer.value
                for r in rows
                if r.pack.id == self.pack.id and r.item.kind is ItemKind.SCALE
            ]
        )

    def private_answers(self, profile_id: int) -> list[PrivateAnswer]:
        """Every private check-in answer of an unlocked person, oldest first, for their journal.

        An answer that fails to open is listed with ``text`` None (damaged or modified).
        """
        rows = self._answers.sealed_for(profile_id)
        opened = self.keys.ring.open_many(
            profile_id,
            [(private_answer_id(cid, pack_id, iid), blob) for cid, pack_id, iid, blob in rows],
            table=ANSWERS_TABLE,
        )
        versions = self._answers.sealed_versions(profile_id) if rows else {}
        weeks: dict[int, dt.date] = {}
        out = []
        for (cid, pack_id, iid, _), text in zip(rows, opened, strict=True):
            version = versions.get((cid, pack_id, iid), 0)
            prompt, shown, module = self.private_display(
                pack_id, version, iid, text if isinstance(text, str) else None
            )
            if cid not in weeks:
                weeks[cid] = self._checkins.get(cid).week
            out.append(PrivateAnswer(week=weeks[cid], prompt=prompt, text=shown, module=module))
        return out

    def private_display(
        self, pack_id: str, version: int, item_id: str, secret: str | None
    ) -> tuple[str, str | None, str]:
        """A private answer as its author reads it: (the prompt as it was worded, the answer,
        the module's title or ""). A sealed rating reads "6 of 7 — between “Partly how it was” and
        “Exactly how it was”", a sealed choice its option; text stays as written."""
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
