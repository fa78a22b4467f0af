"""After a betrayal, version 2 (issue 15 §3): what the betrayed partner goes through is theirs
alone and never a score; own choice and forgiveness are private; the question still to ask is
private unless shared; the three phases open one at a time, when both say they are ready.

Every format is checked: no private module answer, and none of those items' words, reaches the
partner's view (the reveal) or an export made without that person's consent."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from pypdf import PdfReader

from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Checkin, ItemKind, Profile, Visibility
from trustcheck.export import FORMATS
from trustcheck.services import Services
from trustcheck.services.export import ExportRequest, ExportService

WORDS = {"Alex": "alex words", "Sam": "sam words"}
ASK = "Askingsentinel: who else knew?"
PRIVATE_WORDS = (
    "I still needed to check up",
    "The hurt took up most of my week",
    "nothing I did could help",
    "feels like my own choice",
    "Forgiving feels possible",
    "A question I would still like to ask",
)


def couple(svc: Services) -> list[Profile]:
    people = svc.profiles.setup(["Alex", "Sam"])
    for p in people:
        svc.keys.set_passphrase(p.id, WORDS[p.name])
    svc.packs.set_enabled("betrayal", True)
    alex, sam = people
    svc.packs.set_role("betrayal", alex.id, "hurt")
    svc.packs.set_role("betrayal", sam.id, "hurting")
    return people


def answer_all(
    svc: Services,
    checkin: Checkin,
    people: list[Profile],
    *,
    healing: int = 7,
    ready: dict[str, int] | None = None,
) -> None:
    """Everyone answers everything: scale 5, the private healing items ``healing``, the ready
    item per name (default "Not yet"), the question still to ask with its default visibility."""
    c = svc.checkins
    for person in people:
        for turn in c.turn_items(person.id):
            item, pack = turn.item, turn.pack
            if item.kind is ItemKind.SCALE:
                value = healing if item.area == "betrayal.healing" else 5
                c.save_answer(checkin.id, person.id, item.id, value=value, pack_id=pack.id)
            elif item.kind is ItemKind.RATING:
                c.save_answer(checkin.id, person.id, item.id, value=6, pack_id=pack.id)
            elif item.id == "betrayal.ready":
                value = (ready or {}).get(person.name, 1)
                c.save_answer(checkin.id, person.id, item.id, value=value, pack_id=pack.id)
            elif item.id == "betrayal.ask.hurt":
                c.save_answer(
                    checkin.id,
                    person.id,
                    item.id,
                    text=ASK,
                    pack_id=pack.id,
                    visibility=item.visibility,
                )


def module_scores(svc: Services, checkin: Checkin) -> dict[str, tuple[Any, ...]]:
    return {row.area: row.now for row in svc.checkins.reveal(checkin).modules}


def test_the_betrayed_partners_healing_items_never_move_a_shared_score(
    svc: Services, clock: FixedClock
) -> None:
    people = couple(svc)
    first = svc.checkins.start([p.id for p in people])
    answer_all(svc, first, people, healing=1)
    low = module_scores(svc, first)
    svc.checkins.discard(first)
    second = svc.checkins.start([p.id for p in people])
    answer_all(svc, second, people, healing=7)
    high = module_scores(svc, second)
    assert low == high, "checking up or a hard week never changes amends or understanding"
    assert "betrayal.healing" not in high
    assert "betrayal.amends" in high


def test_no_private_betrayal_answer_reaches_the_reveal_or_an_export(
    svc: Services, clock: FixedClock
) -> None:
    people = couple(svc)
    checkin = svc.checkins.start([p.id for p in people])
    answer_all(svc, checkin, people)
    reveal = svc.checkins.reveal(checkin)
    assert all(a.text != ASK for a in reveal.open_answers)
    assert all(row.area != "betrayal.healing" for row in reveal.modules)
    svc.checkins.complete(checkin)
    svc.keys.lock_all()
    for fmt in FORMATS:
        result = ExportService(svc).render(
            ExportRequest(fmt, include_notes=FORMATS[fmt].kind == "summary")
        )
        data = result.data
        if isinstance(data, bytes):
            text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        else:
            text = data
        assert ASK not in text, fmt
        if fmt == "json":
            dump = json.loads(text)
            answers = [a for c in dump["checkins"] for a in c["answers"]]
            private_ids = {i.id for i in svc.packs.get("betrayal").items if i.private} | {
                "betrayal.ask.hurt"
            }
            assert not [a for a in answers if a["item_id"] in private_ids], fmt
        else:
            for words in PRIVATE_WORDS:
                assert words not in text, (fmt, words)


def test_the_question_still_to_ask_is_sealed_unless_shared(svc: Services) -> None:
    alex, _ = people = couple(svc)
    checkin = svc.checkins.start([p.id for p in people])
    answer_all(svc, checkin, people)
    stored = svc.checkins.turn_answers(checkin.id, alex.id)[("betrayal", "betrayal.ask.hurt")]
    assert stored.visibility is Visibility.PRIVATE and stored.text is None
    assert svc.checkins.private_text(checkin.id, alex.id, "betrayal.ask.hurt", "betrayal") == ASK


def phase_areas(svc: Services, person: Profile) -> set[str]:
    return {
        t.item.area
        for t in svc.checkins.turn_items(person.id)
        if t.pack.id == "betrayal" and t.item.area.startswith("betrayal.")
    } - {"betrayal.healing"}


@pytest.mark.parametrize(
    ("ready", "moves_on"),
    [
        ({"Alex": 0, "Sam": 0}, True),
        ({"Alex": 0, "Sam": 1}, False),
        ({"Alex": 2, "Sam": 0}, False),
    ],
)
def test_the_next_phase_opens_only_when_both_say_they_are_ready(
    svc: Services, clock: FixedClock, ready: dict[str, int], moves_on: bool
) -> None:
    alex, sam = people = couple(svc)
    assert phase_areas(svc, alex) == phase_areas(svc, sam) == {"betrayal.amends"}
    checkin = svc.checkins.start([p.id for p in people])
    answer_all(svc, checkin, people, ready=ready)
    svc.checkins.complete(checkin)
    expected = {"betrayal.understanding"} if moves_on else {"betrayal.amends"}
    assert phase_areas(svc, alex) == phase_areas(svc, sam) == expected


def test_the_last_phase_asks_no_more_about_moving_on(svc: Services, clock: FixedClock) -> None:
    alex, _ = people = couple(svc)
    for _ in range(2):
        checkin = svc.checkins.start([p.id for p in people])
        answer_all(svc, checkin, people, ready={"Alex": 0, "Sam": 0})
        svc.checkins.complete(checkin)
        clock.advance(weeks=1)
    assert phase_areas(svc, alex) == {"betrayal.recommit"}
    ids = {t.item.id for t in svc.checkins.turn_items(alex.id)}
    assert "betrayal.ready" not in ids
    assert {"betrayal.choice", "betrayal.forgive.hurt", "betrayal.checking.hurt"} <= ids


def test_a_check_in_one_partner_does_alone_never_moves_the_couple_on(
    svc: Services, clock: FixedClock
) -> None:
    alex, sam = people = couple(svc)
    alone = svc.checkins.start([alex.id])
    answer_all(svc, alone, [alex], ready={"Alex": 0})
    svc.checkins.complete(alone)
    assert phase_areas(svc, alex) == phase_areas(svc, sam) == {"betrayal.amends"}
    assert len(people) == 2
