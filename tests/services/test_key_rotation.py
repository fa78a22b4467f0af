"""Issue 16, section 1: changing a passphrase locks the old one out.

The usual reason to change a passphrase is that the partner learned it, and older copies of the
wrapped key are easy to find (a backup, a copy of the database, the log of an open window). So a
change seals every private record again under a new data key: whoever holds the old passphrase and
any older copy of the wrapped key opens nothing that is stored from then on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import rawdb
from cli_results import tc
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile, Visibility
from trustcheck.services import Services, open_services
from trustcheck.services.journal import Draft
from trustcheck.services.safety import SafetyAnswer
from trustcheck.storage import crypto
from trustcheck.storage.backup import MIGRATION_PREFIX, SUFFIX, backups_dir
from trustcheck.storage.crypto import ProfileLocked, WrongPassphrase
from trustcheck.storage.errors import WriteFailed

OLD, NEW = "old words here", "new words here"

#: Every table holding sealed records, and its sealed column.
SEALED = {
    "answers": "text_sealed",
    "answer_drafts": "text_sealed",
    "journal_entries": "body",
    "journal_drafts": "body",
    "safety_answers": "body",
}


@pytest.fixture
def couple(svc: Services) -> tuple[Profile, Profile]:
    alex, sam = svc.profiles.setup(["Alex", "Sam"])
    return alex, sam


def write_everything(svc: Services, person: Profile, partner: Profile, note: str) -> None:
    """One sealed record of every kind, written by ``person`` (unlocked)."""
    svc.journal.add(person.id, f"journal {note}", rating=3, tags=["t"])
    svc.journal.keep_draft(person.id, Draft(text=f"journal draft {note}"))
    checkin = svc.checkins.draft() or svc.checkins.start([person.id, partner.id])
    svc.checkins.save_answer(
        checkin.id, person.id, "open.hurt", text=f"answer {note}", visibility=Visibility.PRIVATE
    )
    svc.checkins.save_draft(checkin.id, person.id, "open.need", f"draft {note}", Visibility.PRIVATE)
    svc.safety.record(checkin.id, person.id, SafetyAnswer.NO)


def sealed_rows(svc: Services, profile_id: int) -> dict[str, list[bytes]]:
    conn = rawdb.database(svc).conn
    return {
        table: [
            bytes(r[0])
            for r in conn.execute(
                f"SELECT {column} FROM {table} WHERE profile_id = ? AND {column} IS NOT NULL",
                (profile_id,),
            )
        ]
        for table, column in SEALED.items()
    }


def stored_key(svc: Services, profile_id: int) -> str:
    row = rawdb.database(svc).conn.execute(
        "SELECT wrapped_key FROM profiles WHERE id = ?", (profile_id,)
    ).fetchone()
    return str(row[0])


def opens_with(data_key: bytes, svc: Services, profile_id: int) -> int:
    """How many of the person's sealed records ``data_key`` opens (trying every table binding
    would need the ids: a record that opens under any of its own bindings counts)."""
    key = crypto.RecordKey(data_key)
    opened = 0
    conn = rawdb.database(svc).conn
    rows = conn.execute("SELECT id, body FROM journal_entries WHERE profile_id = ?", (profile_id,))
    for record_id, body in rows:
        try:
            crypto.open_sealed(
                key, body, profile_id=profile_id, table="journal_entries", record_id=record_id
            )
            opened += 1
        except crypto.DamagedRecord:
            pass
    rows = conn.execute(
        "SELECT checkin_id, pack_id, item_id, text_sealed FROM answers "
        "WHERE profile_id = ? AND text_sealed IS NOT NULL",
        (profile_id,),
    )
    for checkin_id, pack_id, item_id, body in rows:
        try:
            crypto.open_sealed(
                key,
                body,
                profile_id=profile_id,
                table="answers",
                record_id=f"{checkin_id}:{pack_id}:{item_id}",
            )
            opened += 1
        except crypto.DamagedRecord:
            pass
    return opened


def test_the_old_passphrase_and_an_older_copy_of_the_key_open_nothing_after_a_change(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, sam = couple
    svc.keys.set_passphrase(alex.id, OLD)
    write_everything(svc, alex, sam, "before")
    older_copy = crypto.WrappedKey.from_json(stored_key(svc, alex.id), allow_weak=True)
    before = sealed_rows(svc, alex.id)
    assert all(before.values())  # one record of every kind

    resealed = svc.keys.set_passphrase(alex.id, NEW, old=OLD)

    assert resealed == sum(len(v) for v in before.values())
    after = sealed_rows(svc, alex.id)
    for table in SEALED:  # every seal replaced, none kept
        assert not set(after[table]) & set(before[table]), table
    svc.journal.add(alex.id, "written after the change")
    # Whoever knew the old passphrase and kept an older copy of the wrapped key:
    old_key = crypto.unwrap_key(OLD, alex.id, older_copy, allow_weak=True)
    assert opens_with(old_key, svc, alex.id) == 0
    # The person, with the new passphrase, reads everything.
    svc.keys.lock_all()
    with pytest.raises(WrongPassphrase):
        svc.keys.unlock(alex.id, OLD)
    svc.keys.unlock(alex.id, NEW)
    texts = [e.text for e in svc.journal.entries(alex.id).entries]
    assert texts == ["written after the change", "journal before"]
    draft = svc.checkins.draft()
    assert draft is not None
    assert svc.checkins.private_text(draft.id, alex.id, "open.hurt") == "answer before"
    assert [r.answer for r in svc.safety.history(alex.id)] == [SafetyAnswer.NO]
    kept = svc.journal.draft(alex.id)
    assert kept is not None and kept.text == "journal draft before"


def test_the_partners_records_are_not_touched(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, sam = couple
    svc.keys.set_passphrase(alex.id, OLD)
    svc.keys.set_passphrase(sam.id, "sam's own words")
    svc.journal.add(sam.id, "sam's entry")
    before = sealed_rows(svc, sam.id)
    svc.keys.set_passphrase(alex.id, NEW, old=OLD)
    assert sealed_rows(svc, sam.id) == before


def test_a_damaged_record_stays_as_it_was_and_the_rest_are_sealed_again(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, _ = couple
    svc.keys.set_passphrase(alex.id, OLD)
    good = svc.journal.add(alex.id, "fine")
    bad = svc.journal.add(alex.id, "will be damaged")
    conn = rawdb.database(svc).conn
    conn.execute("UPDATE journal_entries SET body = ? WHERE id = ?", (b"\x00" * 40, bad.id))
    svc.keys.set_passphrase(alex.id, NEW, old=OLD)
    body = conn.execute("SELECT body FROM journal_entries WHERE id = ?", (bad.id,)).fetchone()
    assert bytes(body[0]) == b"\x00" * 40
    listing = svc.journal.entries(alex.id)
    assert [e.id for e in listing.entries] == [good.id]
    assert len(listing.damaged) == 1


def test_a_change_that_fails_midway_changes_nothing(
    svc: Services, couple: tuple[Profile, Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One transaction: the records and the wrapped key change together, or not at all."""
    alex, sam = couple
    svc.keys.set_passphrase(alex.id, OLD)
    write_everything(svc, alex, sam, "before")
    before, key_before = sealed_rows(svc, alex.id), stored_key(svc, alex.id)
    calls = 0
    real = crypto.seal

    def failing(*args: object, **kwargs: object) -> bytes:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise sqlite3.OperationalError("disk I/O error")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(crypto, "seal", failing)
    with pytest.raises(WriteFailed):
        svc.keys.set_passphrase(alex.id, NEW, old=OLD)
    monkeypatch.undo()
    assert sealed_rows(svc, alex.id) == before
    assert stored_key(svc, alex.id) == key_before
    svc.keys.lock_all()
    svc.keys.unlock(alex.id, OLD)
    assert [e.text for e in svc.journal.entries(alex.id).entries] == ["journal before"]


@pytest.fixture
def other(tmp_path: Path, clock: FixedClock, svc: Services) -> Iterator[Services]:
    """A second window on the same data."""
    opened = open_services(tmp_path / "data", clock, weak_kdf=True)
    try:
        yield opened
    finally:
        opened.close()


def test_a_window_still_holding_the_old_key_stops_using_it(
    svc: Services, other: Services, couple: tuple[Profile, Profile]
) -> None:
    """The other window unlocked with the old passphrase: after the change there it seals and
    opens nothing with the old key; it asks for the passphrase again."""
    alex, _ = couple
    svc.keys.set_passphrase(alex.id, OLD)
    svc.journal.add(alex.id, "first")
    other.keys.unlock(alex.id, OLD)
    assert [e.text for e in other.journal.entries(alex.id).entries] == ["first"]

    svc.keys.set_passphrase(alex.id, NEW, old=OLD)

    with pytest.raises(ProfileLocked):
        other.journal.add(alex.id, "sealed with the old key?")
    assert not other.keys.is_unlocked(alex.id)
    with pytest.raises(ProfileLocked):
        other.journal.entries(alex.id)
    assert [e.text for e in svc.journal.entries(alex.id).entries] == ["first"]
    other.keys.unlock(alex.id, NEW)
    assert [e.text for e in other.journal.entries(alex.id).entries] == ["first"]


def test_passwd_says_what_changed_and_offers_to_delete_the_apps_older_backups(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    assert tc(data, "setup", "Alex").returncode == 0
    setup = tc(data, "profile", "passwd", "Alex", "--passphrase-stdin", input=f"{OLD}\n")
    assert setup.returncode == 0, setup.stderr
    note = tc(data, "journal", "add", "a note", "--as", "Alex", "--passphrase-stdin", input=OLD)
    assert note.returncode == 0, note.stderr
    folder = backups_dir(data)
    folder.mkdir(mode=0o700, exist_ok=True)
    copy = folder / f"{MIGRATION_PREFIX}20260101T000000000000Z{SUFFIX}"
    copy.write_bytes(b"an older copy")
    mine = tmp_path / "my-own-backup.sqlite3"
    mine.write_bytes(b"a copy the person made")

    kept = tc(data, "profile", "passwd", "Alex", "--passphrase-stdin", input=f"{OLD}\n{NEW}\n")
    assert kept.returncode == 0, kept.stderr
    assert "sealed again with a new key" in kept.stdout
    assert "1 older backup(s)" in kept.stdout and "old passphrase" in kept.stdout
    assert copy.exists()  # not asked on stdin: kept unless told

    deleted = tc(
        data,
        "profile",
        "passwd",
        "Alex",
        "--passphrase-stdin",
        "--delete-old-backups",
        input=f"{NEW}\n{OLD}2\n",
    )
    assert deleted.returncode == 0, deleted.stderr
    assert "Deleted 1 older backup(s)." in deleted.stdout
    assert not copy.exists()
    assert mine.exists()  # a copy of the person's own is theirs


def test_passwd_refuses_a_passphrase_easy_to_guess_and_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert tc(data, "setup", "Alex", "Sam").returncode == 0
    for weak in ("demo", "Alex2026", "\u200b\u200b\u200b\u200b"):
        result = tc(data, "profile", "passwd", "Alex", "--passphrase-stdin", input=f"{weak}\n")
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert len(result.stderr.splitlines()) == 1
    first = tc(data, "profile", "passwd", "Alex", "--passphrase-stdin", input=f"{OLD}\n")
    assert first.returncode == 0, first.stderr
    weak = tc(data, "profile", "passwd", "Alex", "--passphrase-stdin", input=f"{OLD}\nsam words\n")
    assert weak.returncode == 1 and "easy to guess" in weak.stderr
    kept = tc(data, "journal", "list", "--as", "Alex", "--passphrase-stdin", input=f"{OLD}\n")
    assert kept.returncode == 0, kept.stderr  # the old passphrase still opens: nothing changed
