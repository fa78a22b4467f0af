"""The reveal and the summary: both partners' scores side by side per area, the largest gap, the
biggest change since last time, their shared written answers, and the week's summary.

The third layer of :class:`~trustcheck.services.checkin.CheckinService` (see there).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trustcheck.content import conversation
from trustcheck.core import scoring
from trustcheck.core.models import (
    AREAS,
    Answer,
    Checkin,
    Commitment,
    CommitmentOutcome,
    Item,
    ItemKind,
    Pack,
    Profile,
    Visibility,
    WeekScores,
)
from trustcheck.services.checkin_turn import CheckinTurns
from trustcheck.services.commitments import CommitmentOutcomes


def _shown(value: float | None) -> str:
    """A score as the reveal shows it (one decimal): ties are judged on what people see."""
    return "" if value is None else f"{value:.1f}"


@dataclass(frozen=True, slots=True)
class OpenAnswer:
    profile: Profile
    item: Item
    text: str
    visibility: Visibility


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
    #: The earlier commitments looked back on in this check-in, with how each went (both
    #: voices, kept going or let go); those nobody looked back on are here too, still open.
    looked_back: tuple[CommitmentOutcome, ...] = ()


class CheckinReveal(CheckinTurns):
    """What both partners see together once both turns are done."""

    def scores(
        self, checkin: Checkin, answers: list[Answer] | None = None
    ) -> tuple[WeekScores, ...]:
        """Each person's scores in ``checkin`` (from ``answers`` when the caller read them)."""
        if answers is None:
            answers = self._answers.for_checkin(checkin.id)
        return tuple(
            scoring.week_scores(self.scoring_pack(pid, answers), pid, checkin.week, answers)
            for pid in checkin.participant_ids
        )

    def answered_version(self, profile_id: int, answers: list[Answer]) -> int:
        """The weekly pack's version ``profile_id`` answered in these answers (all of a turn's
        answers share it); today's version when they gave none."""
        return next(
            (
                a.pack_version
                for a in answers
                if a.profile_id == profile_id and a.pack_id == self.pack.id
            ),
            self.pack.version,
        )

    def scoring_pack(self, profile_id: int, answers: list[Answer]) -> Pack:
        """The weekly pack as ``profile_id`` answered it in these answers: today's pack when
        they answered its version (every check-in in progress), else that version's stored
        wording and keys, so a past week shows the scores it had (issue 17). Today's pack when
        that version is unknown here."""
        version = self.answered_version(profile_id, answers)
        if version == self.pack.version:
            return self.pack
        return self.answered_pack(self.pack.id, version) or self.pack

    def reveal(self, checkin: Checkin, *, as_answered: bool = False) -> Reveal:
        """The reveal of ``checkin``. ``as_answered`` (a past week, issue 17): its module areas
        are those of the modules answered in it, as worded then, whether or not they are
        switched on now; otherwise those of the modules switched on."""
        people = self.people(checkin)
        answers = self._answers.for_checkin(checkin.id)
        now = self.scores(checkin, answers)
        previous = self._checkins.last_completed(before=checkin.id)
        before: list[WeekScores | None] = [None] * len(people)
        if previous is not None:
            # Last week answered under other questions is not compared (issue 14): new
            # questions are not a change in trust.
            version = self.answered_version(people[0].id, answers) if people else self.pack.version
            prev_answers = [
                a for a in self._answers.for_checkin(previous.id) if a.pack_version == version
            ]
            for i, person in enumerate(people):
                if person.id in previous.participant_ids:
                    before[i] = scoring.week_scores(
                        self.scoring_pack(person.id, prev_answers),
                        person.id,
                        previous.week,
                        prev_answers,
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
            modules=self._module_rows(
                people, answers, self._answered_modules(answers) if as_answered else None
            ),
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

    def _answered_modules(self, answers: list[Answer]) -> list[Pack]:
        """The modules answered in these answers, each as worded in the version answered."""
        if self.catalog is None:
            return []
        found: dict[str, Pack] = {}
        for a in answers:
            if a.pack_id == self.pack.id or a.pack_id in found:
                continue
            pack = self.catalog.answered(a.pack_id, a.pack_version)
            if pack is not None and pack.module:
                found[a.pack_id] = pack
        return list(found.values())

    def _module_rows(
        self,
        people: tuple[Profile, ...],
        answers: list[Answer],
        modules: list[Pack] | None = None,
    ) -> tuple[ModuleRow, ...]:
        """Each module's own areas (the switched-on ones, unless ``modules`` are given), scored
        per person over the items of their role."""
        if self.catalog is None:
            return ()
        rows = []
        for pack in self.catalog.enabled_modules() if modules is None else modules:
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

    def summary(self, checkin: Checkin) -> Summary:
        scores = self.scores(checkin)
        reviewed = [c for c in self._commitments.all() if c.reviewed_in == checkin.id]
        return Summary(
            checkin=checkin,
            people=self.people(checkin),
            index=tuple(s.trust_index for s in scores),
            overall=tuple(s.overall for s in scores),
            reviewed=tuple(reviewed),
            new_commitments=tuple(self._commitments.set_in(checkin.id)),
            next_due=checkin.week + dt.timedelta(weeks=1),
            looked_back=tuple(
                CommitmentOutcomes(self._commitments).to_review(checkin.id, checkin.participant_ids)
            ),
        )
