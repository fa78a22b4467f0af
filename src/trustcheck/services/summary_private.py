"""One person's private records in a therapy summary: each chosen kind, opened with their key
(unlocked by the caller). Everyone else's private text is never opened here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from trustcheck import messages
from trustcheck.core.models import Profile
from trustcheck.export.model import PrivateSection, TextItem
from trustcheck.services.export_request import PrivateKind
from trustcheck.storage.repos.answers import ANSWERS_TABLE, private_answer_id
from trustcheck.storage.repos.summary import WrittenAnswer

if TYPE_CHECKING:
    from trustcheck.services import Services
    from trustcheck.services.safety import SafetyRecord


class PrivateRecords:
    """Builds the private section of a summary for one person."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def section(
        self,
        person: Profile,
        kinds: frozenset[PrivateKind],
        written: Sequence[WrittenAnswer],
        start: dt.date,
    ) -> tuple[PrivateSection, list[TextItem]]:
        """One person's chosen kinds of private records in the period (their key unlocked)."""
        answers, damaged = (
            self._private_answers(person, written) if PrivateKind.ANSWERS in kinds else (None, 0)
        )
        journal: list[TextItem] | None = None
        therapy: list[TextItem] = []
        if PrivateKind.JOURNAL in kinds:
            journal, therapy, broken = self._journal(person, start)
            damaged += broken
        safety: tuple[TextItem, ...] | None = None
        if PrivateKind.SAFETY in kinds:
            records, broken = own_safety(self.services, person)
            damaged += broken
            safety = tuple(
                TextItem(
                    person.name,
                    r.answered_at.astimezone().date(),
                    "",
                    safety_words(r),
                    weekly=False,
                )
                for r in records
                if r.answered_at.astimezone().date() >= start
            )
        section = PrivateSection(
            person.name,
            None if answers is None else tuple(answers),
            None if journal is None else tuple(journal),
            damaged,
            safety,
        )
        return section, therapy

    def _private_answers(
        self, person: Profile, written: Sequence[WrittenAnswer]
    ) -> tuple[list[TextItem], int]:
        """The person's own sealed answers among ``written``, opened; and how many did not open."""
        from trustcheck.storage.crypto import DamagedRecord

        ring = self.services.keys.ring
        mine = [w for w in written if w.profile_id == person.id and w.sealed is not None]
        opened = ring.open_many(
            person.id,
            [(private_answer_id(w.checkin_id, w.pack_id, w.item_id), w.sealed) for w in mine],
            table=ANSWERS_TABLE,
        )
        damaged = 0
        answers = []
        checkins = self.services.checkins
        for w, text in zip(mine, opened, strict=True):
            if isinstance(text, DamagedRecord):
                damaged += 1
                continue
            prompt, shown, module = checkins.private_display(
                w.pack_id, w.pack_version, w.item_id, text
            )
            label = f"{module}: {prompt}" if module else prompt
            answers.append(TextItem(person.name, w.week, label, shown or ""))
        return answers, damaged

    def _journal(
        self, person: Profile, start: dt.date
    ) -> tuple[list[TextItem], list[TextItem], int]:
        """The person's journal entries from ``start``, those marked for therapy, and how many
        did not open."""
        since = dt.datetime.combine(start, dt.time()).astimezone()
        listing = self.services.journal.entries(person.id, since=since)
        journal: list[TextItem] = []
        therapy: list[TextItem] = []
        # From the period's start up to today: what was written since the last check-in
        # is often what most needs bringing.
        for entry in reversed(listing.entries):  # oldest first
            when = entry.written_at.astimezone().date()
            meta = []
            if entry.rating is not None:
                meta.append(f"{entry.rating}/10")
            meta.extend(f"#{t}" for t in entry.tags)
            if entry.for_therapy:
                meta.append(messages.JOURNAL_COL_THERAPY.lower())
            item = TextItem(
                person.name, when, messages.EXPORT_JOURNAL, entry.text, " ".join(meta), weekly=False
            )
            journal.append(item)
            if entry.for_therapy:
                therapy.append(item)
        return journal, therapy, len(listing.damaged)


def safety_words(record: SafetyRecord) -> str:
    """A kept safety record in its author's words: the main answer, then any control topic
    answered yes."""
    words = messages.EXPORT_SAFETY_YES if record.answer == "yes" else messages.EXPORT_SAFETY_NO
    also = [messages.EXPORT_CONTROL_YES[t] for t, a in record.control.items() if a == "yes"]
    if also:
        words += ". " + messages.EXPORT_CONTROL_LINE.format(what="; ".join(also))
    return words


def own_safety(services: Services, person: Profile) -> tuple[list[SafetyRecord], int]:
    """The person's own safety answers (their key unlocked), and 1 if they did not open."""
    from trustcheck.storage.crypto import DamagedRecord

    try:
        return services.safety.history(person.id), 0
    except DamagedRecord:
        return [], 1
