"""Private text at rest: private check-in answers, and a sentinel that must never reach the disk.

A private open answer is sealed with its author's key (``answers.text`` stays NULL) and never
appears at the reveal. The sentinel tests read every byte of every file in the data folder.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import checkin_helpers
import rawdb
from sentinel import files_holding
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Checkin, Profile, Visibility
from trustcheck.services import Services, open_services
from trustcheck.storage.crypto import DamagedRecord, ProfileLocked, open_sealed
from trustcheck.storage.repos.answers import ANSWERS_TABLE, private_answer_id

SENTINEL = "SENTINEL-7f3a-private"
SENTINEL_ANSWER = "SENTINEL-answer-91c2"
SENTINEL_TAG = "SENTINEL-tag-44d0"


@pytest.fixture
def checkin(svc: Services, couple: tuple[Profile, Profile]) -> Checkin:
    alex, sam = couple
    return svc.checkins.start([alex.id, sam.id])


def answer_row(svc: Services, checkin_id: int, profile_id: int, item_id: str) -> sqlite3.Row:
    conn = sqlite3.connect(rawdb.database(svc).path)
    conn.row_factory = sqlite3.Row
    try:
        row = conn.execute(
            "SELECT text, text_sealed, visibility, skipped FROM answers "
            "WHERE checkin_id = ? AND profile_id = ? AND item_id = ?",
            (checkin_id, profile_id, item_id),
        ).fetchone()
    finally:
        conn.close()
    assert isinstance(row, sqlite3.Row)
    return row


def open_private(svc: Services, checkin_id: int, profile_id: int, item_id: str) -> str:
    blob = answer_row(svc, checkin_id, profile_id, item_id)["text_sealed"]
    return svc.keys.ring.open(
        profile_id,
        blob,
        table=ANSWERS_TABLE,
        record_id=private_answer_id(checkin_id, svc.pack.id, item_id),
    )


# --------------------------------------------------------------------------- private answers


def test_a_private_answer_needs_its_author_unlocked(
    svc: Services, couple: tuple[Profile, Profile], checkin: Checkin
) -> None:
    alex, sam = couple
    svc.keys.lock(alex.id)
    assert svc.keys.is_unlocked(sam.id)  # the partner being unlocked does not help
    with pytest.raises(ProfileLocked):
        svc.checkins.save_answer(
            checkin.id, alex.id, "open.hurt", text="locked out", visibility=Visibility.PRIVATE
        )
    assert checkin_helpers.answers_of(svc.checkins, checkin.id, alex.id) == {}
    count = rawdb.database(svc).conn.execute("SELECT count(*) FROM answers").fetchone()[0]
    assert count == 0


def test_a_private_answer_without_any_passphrase_is_refused(
    svc: Services, clock: FixedClock
) -> None:
    (solo,) = svc.profiles.setup(["Robin"])
    checkin = svc.checkins.start([solo.id])
    with pytest.raises(ProfileLocked):
        svc.checkins.save_answer(
            checkin.id,
            solo.id,
            "open.hurt",
            text="nowhere to keep it",
            visibility=Visibility.PRIVATE,
        )
    assert checkin_helpers.answers_of(svc.checkins, checkin.id, solo.id) == {}


def test_a_private_answer_is_stored_sealed(
    svc: Services, couple: tuple[Profile, Profile], checkin: Checkin
) -> None:
    alex, _ = couple
    answer = svc.checkins.save_answer(
        checkin.id, alex.id, "open.hurt", text="only for me", visibility=Visibility.PRIVATE
    )
    assert answer.visibility is Visibility.PRIVATE
    row = answer_row(svc, checkin.id, alex.id, "open.hurt")
    assert row["text"] is None
    assert row["text_sealed"] is not None
    assert b"only for me" not in bytes(row["text_sealed"])
    assert row["visibility"] == "private"
    assert row["skipped"] == 0
    assert open_private(svc, checkin.id, alex.id, "open.hurt") == "only for me"
    # reading the check-in back never yields the text
    stored = checkin_helpers.answers_of(svc.checkins, checkin.id, alex.id)["open.hurt"]
    assert stored.text is None
    assert stored.visibility is Visibility.PRIVATE


def test_private_text_is_cleaned_before_sealing(
    svc: Services, couple: tuple[Profile, Profile], checkin: Checkin
) -> None:
    alex, _ = couple
    svc.checkins.save_answer(
        checkin.id,
        alex.id,
        "open.hurt",
        text="\x1b[31mred\x1b[0m\r\n[/]cafe\u0301",
        visibility=Visibility.PRIVATE,
    )
    assert open_private(svc, checkin.id, alex.id, "open.hurt") == "[31mred[0m\n[/]caf\u00e9"


def test_partner_key_cannot_open_a_private_answer(
    svc: Services, couple: tuple[Profile, Profile], checkin: Checkin
) -> None:
    alex, sam = couple
    svc.checkins.save_answer(
        checkin.id, alex.id, "open.hurt", text="alex's hurt", visibility=Visibility.PRIVATE
    )
    svc.keys.lock(alex.id)
    blob = answer_row(svc, checkin.id, alex.id, "open.hurt")["text_sealed"]
    record_id = private_answer_id(checkin.id, svc.pack.id, "open.hurt")
    with pytest.raises(ProfileLocked):
        svc.keys.ring.open(alex.id, blob, table=ANSWERS_TABLE, record_id=record_id)
    # Sam's key, under either identity, does not open it
    for pid in (alex.id, sam.id):
        with pytest.raises(DamagedRecord):
            open_sealed(
                svc.keys.ring.key(sam.id),
                blob,
                profile_id=pid,
                table=ANSWERS_TABLE,
                record_id=record_id,
            )


def test_resaving_a_private_answer_keeps_it_sealed_and_openable(
    svc: Services, couple: tuple[Profile, Profile], checkin: Checkin
) -> None:
    alex, _ = couple
    svc.checkins.save_answer(
        checkin.id, alex.id, "open.hurt", text="first", visibility=Visibility.PRIVATE
    )
    first_blob = bytes(answer_row(svc, checkin.id, alex.id, "open.hurt")["text_sealed"])
    svc.checkins.save_answer(
        checkin.id, alex.id, "open.hurt", text="second", visibility=Visibility.PRIVATE
    )
    row = answer_row(svc, checkin.id, alex.id, "open.hurt")
    assert row["text"] is None
    assert bytes(row["text_sealed"]) != first_blob
    assert open_private(svc, checkin.id, alex.id, "open.hurt") == "second"
    assert len(rawdb.answers(svc).sealed_for(alex.id)) == 1


def test_switching_a_private_answer_to_shared_drops_the_seal(
    svc: Services, couple: tuple[Profile, Profile], checkin: Checkin
) -> None:
    alex, _ = couple
    svc.checkins.save_answer(
        checkin.id, alex.id, "open.need", text="secret need", visibility=Visibility.PRIVATE
    )
    svc.checkins.save_answer(
        checkin.id, alex.id, "open.need", text="shared need", visibility=Visibility.SHARED
    )
    row = answer_row(svc, checkin.id, alex.id, "open.need")
    assert row["text"] == "shared need"
    assert row["text_sealed"] is None
    assert rawdb.answers(svc).sealed_for(alex.id) == []


def test_a_private_answer_never_reaches_the_reveal_but_shared_ones_do(
    svc: Services, couple: tuple[Profile, Profile], checkin: Checkin
) -> None:
    alex, sam = couple
    svc.checkins.save_answer(
        checkin.id, alex.id, "open.hurt", text=SENTINEL, visibility=Visibility.PRIVATE
    )
    svc.checkins.save_answer(
        checkin.id, alex.id, "open.need", text="alex shared need", visibility=Visibility.SHARED
    )
    svc.checkins.save_answer(
        checkin.id,
        alex.id,
        "open.therapy",
        text="alex therapy topic",
        visibility=Visibility.THERAPY,
    )
    svc.checkins.save_answer(
        checkin.id, sam.id, "open.hurt", text="sam shared hurt", visibility=Visibility.SHARED
    )
    for unlocked in (True, False):  # whether or not the author is unlocked at the reveal
        if not unlocked:
            svc.keys.lock_all()
        reveal = svc.checkins.reveal(svc.checkins.get(checkin.id))
        shown = {(a.profile.name, a.item.id, a.text, a.visibility) for a in reveal.open_answers}
        assert shown == {
            ("Alex", "open.need", "alex shared need", Visibility.SHARED),
            ("Alex", "open.therapy", "alex therapy topic", Visibility.THERAPY),
            ("Sam", "open.hurt", "sam shared hurt", Visibility.SHARED),
        }
        assert SENTINEL not in repr(reveal)
    summary = svc.checkins.complete(svc.checkins.get(checkin.id))
    assert SENTINEL not in repr(summary)
    for answers in rawdb.answers(svc).for_completed().values():
        assert all(a.text != SENTINEL for a in answers)


def test_private_on_a_rating_item_stores_the_value_only(
    svc: Services, couple: tuple[Profile, Profile], checkin: Checkin
) -> None:
    alex, _ = couple
    svc.keys.lock(alex.id)  # no text, so nothing to seal: the author need not be unlocked
    svc.checkins.save_answer(
        checkin.id, alex.id, "overall.trust", value=6, visibility=Visibility.PRIVATE
    )
    row = answer_row(svc, checkin.id, alex.id, "overall.trust")
    assert row["text"] is None and row["text_sealed"] is None


# --------------------------------------------------------------------------- the sentinel


def write_private_things(svc: Services, alex: Profile, sam: Profile, clock: FixedClock) -> None:
    svc.journal.add(alex.id, "before")
    entry = svc.journal.add(
        alex.id, f"today {SENTINEL} happened", rating=4, tags=[SENTINEL_TAG], for_therapy=True
    )
    clock.advance(minutes=5)
    svc.journal.update(entry, f"edited: {SENTINEL} still", tags=[SENTINEL_TAG])
    svc.journal.add(sam.id, f"sam also writes {SENTINEL}")
    checkin = svc.checkins.start([alex.id, sam.id])
    svc.checkins.save_answer(
        checkin.id, alex.id, "open.hurt", text=SENTINEL_ANSWER, visibility=Visibility.PRIVATE
    )
    svc.checkins.save_answer(
        checkin.id,
        sam.id,
        "open.need",
        text=f"need {SENTINEL_ANSWER}",
        visibility=Visibility.PRIVATE,
    )
    svc.checkins.save_answer(
        checkin.id, alex.id, "open.need", text="a shared answer", visibility=Visibility.SHARED
    )
    # and the program still reads them back
    assert SENTINEL in svc.journal.entries(alex.id).entries[0].text
    assert open_private(svc, checkin.id, alex.id, "open.hurt") == SENTINEL_ANSWER


def test_sentinel_is_in_no_file_while_the_database_is_open(
    tmp_path: Path, clock: FixedClock
) -> None:
    data_dir = tmp_path / "data"
    svc = open_services(data_dir, clock, weak_kdf=True)
    try:
        alex, sam = svc.profiles.setup(["Alex", "Sam"])
        svc.keys.set_passphrase(alex.id, "alex words")
        svc.keys.set_passphrase(sam.id, "sam words")
        write_private_things(svc, alex, sam, clock)
        wal = data_dir / (rawdb.database(svc).path.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0  # the WAL is live
        assert files_holding(data_dir, SENTINEL, SENTINEL_ANSWER, SENTINEL_TAG) == []
        # the control: a shared answer is stored in the clear, so the scan would see it
        assert files_holding(data_dir, "a shared answer") != []
    finally:
        svc.close()


def test_sentinel_is_in_no_file_after_closing(tmp_path: Path, clock: FixedClock) -> None:
    data_dir = tmp_path / "data"
    svc = open_services(data_dir, clock, weak_kdf=True)
    alex, sam = svc.profiles.setup(["Alex", "Sam"])
    svc.keys.set_passphrase(alex.id, "alex words")
    svc.keys.set_passphrase(sam.id, "sam words")
    write_private_things(svc, alex, sam, clock)
    svc.close()
    assert files_holding(data_dir, SENTINEL, SENTINEL_ANSWER, SENTINEL_TAG) == []
    assert files_holding(data_dir, "a shared answer") != []
    # and the passphrases themselves are nowhere either
    assert files_holding(data_dir, "alex words", "sam words") == []
    # reopened and unlocked, everything is still there
    again = open_services(data_dir, clock, weak_kdf=True)
    try:
        again.keys.unlock(alex.id, "alex words")
        texts = [e.text for e in again.journal.entries(alex.id).entries]
        assert texts == [f"edited: {SENTINEL} still", "before"]
    finally:
        again.close()


def test_an_answer_made_private_after_being_shared_is_gone_from_disk_after_closing(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Changing one's mind: the earlier clear text is overwritten (secure_delete) once closed.

    While the database is open, the WAL still holds the page as it was when the answer was
    shared; that is the moment it *was* shared, so only the state after closing is asserted.
    """
    data_dir = tmp_path / "data"
    svc = open_services(data_dir, clock, weak_kdf=True)
    alex, sam = svc.profiles.setup(["Alex", "Sam"])
    svc.keys.set_passphrase(alex.id, "alex words")
    checkin = svc.checkins.start([alex.id, sam.id])
    for visibility in (Visibility.SHARED, Visibility.PRIVATE):
        svc.checkins.save_answer(
            checkin.id, alex.id, "open.hurt", text=SENTINEL, visibility=visibility
        )
    assert checkin_helpers.answers_of(svc.checkins, checkin.id, alex.id)["open.hurt"].text is None
    svc.close()
    assert files_holding(data_dir, SENTINEL) == []


def test_the_author_reads_private_answers_back_and_the_partner_cannot(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, sam = couple
    checkin = svc.checkins.start([alex.id, sam.id])
    svc.checkins.save_answer(
        checkin.id, alex.id, "open.hurt", text="kept to myself", visibility=Visibility.PRIVATE
    )
    assert svc.checkins.private_text(checkin.id, alex.id, "open.hurt") == "kept to myself"
    listed = svc.checkins.private_answers(alex.id)
    assert [(a.week, a.text) for a in listed] == [(checkin.week, "kept to myself")]
    assert listed[0].prompt == svc.pack.item("open.hurt").text
    svc.keys.lock(alex.id)
    with pytest.raises(ProfileLocked):
        svc.checkins.private_answers(alex.id)
    assert svc.checkins.private_answers(sam.id) == []
