"""Issue 13, section 4: one round trip per answer. Saving one rating is one transaction with one
statement in it; the first answer to a pack version stores that version's wording in the same
transaction; saving hands back the answer as stored, so nobody needs to read it again."""

from __future__ import annotations

import pytest

import checkin_helpers
import rawdb
from sqltrace import kinds, statements
from trustcheck.core.models import Checkin, ItemKind, Profile, Visibility
from trustcheck.services import Services
from trustcheck.services.errors import ConflictError


@pytest.fixture
def checkin(svc: Services, couple: tuple[Profile, Profile]) -> Checkin:
    return svc.checkins.start([p.id for p in couple])


def scale_items(svc: Services) -> list[str]:
    return [i.id for i in svc.pack.items if i.kind is ItemKind.SCALE]


def test_a_rating_is_one_upsert_in_one_transaction(
    svc: Services, couple: tuple[Profile, Profile], checkin: Checkin
) -> None:
    alex = couple[0]
    first, second = scale_items(svc)[:2]
    svc.checkins.save_answer(checkin.id, alex.id, first, value=4)
    with statements(svc) as seen:
        svc.checkins.save_answer(checkin.id, alex.id, second, value=6)
    assert kinds(seen) == ["BEGIN", "INSERT INTO answers", "COMMIT"]


def test_the_first_answer_stores_its_pack_wording_in_the_same_transaction(
    svc: Services, couple: tuple[Profile, Profile], checkin: Checkin
) -> None:
    alex = couple[0]
    with statements(svc) as seen:
        svc.checkins.save_answer(checkin.id, alex.id, scale_items(svc)[0], value=4)
    assert kinds(seen) == [
        "BEGIN",
        "INSERT INTO pack_versions",
        "INSERT INTO answers",
        "COMMIT",
    ]
    assert svc.packs.stored_snapshot(svc.pack.id, svc.pack.version) is not None


def test_an_answer_that_cannot_be_stored_leaves_no_pack_wording_behind(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    """The wording and the answer are one transaction: all of it is stored, or none."""
    with pytest.raises(ConflictError):  # no such check-in
        svc.checkins.save_answer(999, couple[0].id, scale_items(svc)[0], value=4)
    assert svc.packs.stored_snapshot(svc.pack.id, svc.pack.version) is None
    count = rawdb.database(svc).conn.execute("SELECT count(*) FROM pack_versions").fetchone()
    assert count[0] == 0


@pytest.mark.parametrize(
    ("item_id", "given"),
    [
        ("overall.trust", {"value": 8}),
        ("open.hurt", {"text": "said kindly", "visibility": Visibility.THERAPY}),
        ("open.hurt", {"text": "only for me", "visibility": Visibility.PRIVATE}),
        ("open.hurt", {"skipped": True}),
    ],
)
def test_saving_returns_the_answer_exactly_as_it_reads_back(
    svc: Services,
    couple: tuple[Profile, Profile],
    checkin: Checkin,
    item_id: str,
    given: dict[str, object],
) -> None:
    """What ``save_answer`` returns is what reading the check-in gives: a private answer's text
    is sealed, so it is not in either."""
    alex = couple[0]
    saved = svc.checkins.save_answer(checkin.id, alex.id, item_id, **given)  # type: ignore[arg-type]
    stored = svc.checkins.turn_answers(checkin.id, alex.id)[(svc.pack.id, item_id)]
    assert saved == stored


def test_a_turn_is_read_in_one_call(
    svc: Services, couple: tuple[Profile, Profile], checkin: Checkin
) -> None:
    """Who answers, with whom, the items in order, what was answered and where to go on."""
    alex, sam = couple
    at = checkin_helpers.advance(svc.checkins, checkin)
    first = scale_items(svc)[0]
    svc.checkins.save_answer(at.id, alex.id, first, value=5)
    turn = svc.checkins.turn(at)
    assert (turn.person, turn.partner) == (alex, sam)
    assert [t.item.id for t in turn.items][: len(svc.pack.items)] == [i.id for i in svc.pack.items]
    assert list(turn.answers) == [(svc.pack.id, first)]
    assert turn.position == 1


def test_opening_one_private_answer_reads_only_that_answer(
    svc: Services, couple: tuple[Profile, Profile], checkin: Checkin
) -> None:
    """Going back to a sealed answer reads its one row, not the author's whole history."""
    alex = couple[0]
    svc.checkins.save_answer(
        checkin.id, alex.id, "open.hurt", text="only for me", visibility=Visibility.PRIVATE
    )
    svc.checkins.save_answer(
        checkin.id, alex.id, "open.need", text="also mine", visibility=Visibility.PRIVATE
    )
    with statements(svc) as seen:
        text = svc.checkins.private_text(checkin.id, alex.id, "open.hurt")
    assert text == "only for me"
    # The answer's one row, and the check that the key in hand is still the person's (a
    # passphrase changed in another window seals everything under a new key: issue 16).
    assert kinds(seen) == ["SELECT", "SELECT"]
    assert "item_id = 'open.hurt'" in seen[0]
    assert seen[1].startswith("SELECT wrapped_key FROM profiles WHERE id =")
    assert svc.checkins.private_text(checkin.id, alex.id, "open.therapy") is None
