"""The whole-data JSON dump (issue 5): every shared record, and one person's chosen private
records opened (their key unlocked). Not even the existence of anyone else's private answer
goes out. The format and its reader are in ``trustcheck.transfer``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trustcheck import __version__
from trustcheck.core.models import Profile, Visibility
from trustcheck.services.export_request import PrivateKind
from trustcheck.services.summary_private import own_safety
from trustcheck.storage.repos.answers import ANSWERS_TABLE, private_answer_id
from trustcheck.storage.repos.journal import JOURNAL_TABLE, decode_body
from trustcheck.storage.repos.transfer import TransferRepo

if TYPE_CHECKING:
    from trustcheck.services import Services
    from trustcheck.transfer.format import Dump, DumpPrivate


class DumpBuilder:
    """Builds a :class:`~trustcheck.transfer.format.Dump` from the database."""

    def __init__(self, services: Services, transfer: TransferRepo) -> None:
        self.services = services
        self.transfer = transfer

    def dump(
        self,
        include_private: Profile | None = None,
        kinds: frozenset[PrivateKind] = frozenset(),
    ) -> tuple[Dump, int]:
        """Every shared record, and the chosen ``kinds`` of ``include_private``'s private records
        opened; plus the number of that person's records that did not open (left out).

        Private answers that were not chosen are left out altogether, as everyone else's are."""
        from trustcheck.transfer.format import (
            Dump,
            DumpAnswer,
            DumpCheckin,
            DumpCommitment,
            DumpPackVersion,
            DumpProfile,
        )

        data = self.transfer.read()
        pack = self.services.pack
        areas = {i.id: i.area for i in pack.items}
        participants: dict[int, list[int]] = {}
        for cid, pid, _ in data.participants:
            participants.setdefault(cid, []).append(pid)
        answers: dict[int, list[DumpAnswer]] = {}
        owner = include_private.id if include_private and PrivateKind.ANSWERS in kinds else None
        for a in data.answers:
            if a[8] == Visibility.PRIVATE.value and a[1] != owner:
                # Not even the existence of someone else's private answer (or skip) goes out.
                continue
            area = areas.get(a[4]) if a[2] == pack.id else None
            answers.setdefault(a[0], []).append(
                DumpAnswer(a[1], a[2], a[3], a[4], area, a[5], a[6], a[7], a[8], a[9], a[10])
            )
        private: tuple[DumpPrivate, ...] = ()
        damaged = 0
        if include_private is not None:
            section, damaged = self._private_dump(include_private, kinds)
            private = (section,)
        dump = Dump(
            exported_at=self.services.clock.now().isoformat(timespec="seconds"),
            app_version=__version__,
            profiles=tuple(DumpProfile(*p) for p in data.profiles),
            checkins=tuple(
                DumpCheckin(
                    *c,
                    participants=tuple(participants.get(c[0], ())),
                    answers=tuple(answers.get(c[0], ())),
                )
                for c in data.checkins
            ),
            commitments=tuple(DumpCommitment(*m) for m in data.commitments),
            settings=data.settings,
            private=private,
            pack_versions=tuple(DumpPackVersion(*v) for v in data.pack_versions),
        )
        return dump, damaged

    def _private_dump(
        self, person: Profile, kinds: frozenset[PrivateKind]
    ) -> tuple[DumpPrivate, int]:
        from trustcheck.storage.crypto import DamagedRecord
        from trustcheck.transfer.format import (
            DumpPrivate,
            PrivateAnswer,
            PrivateEntry,
            PrivateSafety,
        )

        ring = self.services.keys.ring
        chosen = PrivateKind.ANSWERS in kinds
        sealed = self.services.checkins.sealed_answers(person.id) if chosen else []
        opened = ring.open_many(
            person.id,
            [(private_answer_id(cid, pack, item), blob) for cid, pack, item, blob in sealed],
            table=ANSWERS_TABLE,
        )
        damaged = 0
        answers = []
        for (cid, pack_id, item_id, _), text in zip(sealed, opened, strict=True):
            if isinstance(text, DamagedRecord):
                damaged += 1
            else:
                answers.append(PrivateAnswer(cid, pack_id, item_id, text))
        records = self.transfer.journal_records(person.id) if PrivateKind.JOURNAL in kinds else []
        bodies = ring.open_many(person.id, [(r[0], r[4]) for r in records], table=JOURNAL_TABLE)
        journal: list[PrivateEntry] = []
        for record, body in zip(records, bodies, strict=True):
            entry = None if isinstance(body, DamagedRecord) else decode_body(body)
            if entry is None:
                damaged += 1
                continue
            text, rating, tags, therapy = entry
            # Numbered within this person's journal (1, 2, ... oldest first), not by database
            # id: ids are shared by everyone's entries, so their gaps would count the other
            # person's. Unique within the one private section, which is all an import needs.
            number = len(journal) + 1
            journal.append(PrivateEntry(number, record[2], record[3], text, rating, tags, therapy))
        own, broken = own_safety(self.services, person) if PrivateKind.SAFETY in kinds else ([], 0)
        safety = tuple(
            PrivateSafety(
                r.checkin_id,
                r.answered_at.isoformat(timespec="seconds"),
                r.answer.value,
                {t: a.value for t, a in r.control.items() if a is not None},
            )
            for r in own
        )
        return DumpPrivate(person.id, tuple(answers), tuple(journal), safety), damaged + broken
