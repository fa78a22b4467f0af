"""Journal drafts (issue 12, section 6): sealed with their author's key, and never an entry."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import rawdb
from sentinel import files_holding
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile
from trustcheck.services import Services, open_services
from trustcheck.services.export import ExportRequest, ExportService, PrivateKind
from trustcheck.services.journal import Draft, JournalError, parse_rating
from trustcheck.storage.crypto import ProfileLocked

SECRET = "SENTINEL-draft-5b1e"


def test_a_draft_is_not_an_entry(svc: Services, couple: tuple[Profile, Profile]) -> None:
    """Not in the list, the count, a search or an export: only the editor ever shows it."""
    alex, _ = couple
    journal = svc.journal
    journal.add(alex.id, "an entry")
    journal.keep_draft(alex.id, Draft(f"unsaved {SECRET}", rating="4", tags="x"))
    assert journal.count(alex.id) == 1
    assert [e.text for e in journal.entries(alex.id).entries] == ["an entry"]
    assert journal.entries(alex.id, query=SECRET).entries == []
    # The JSON export holds everything, Alex's journal included (opened with Alex's key).
    result = ExportService(svc).render(
        ExportRequest("json", include_private=alex, private_kinds=frozenset(PrivateKind))
    )
    data = result.as_bytes().decode("utf-8")
    assert "an entry" in data  # the control: the export holds the entries
    assert SECRET not in data
    assert journal.draft(alex.id) == Draft(f"unsaved {SECRET}", rating="4", tags="x")


def test_one_draft_per_person_replaced_and_dropped_by_saving(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, sam = couple
    journal = svc.journal
    journal.keep_draft(alex.id, Draft("first"))
    journal.keep_draft(alex.id, Draft("second", for_therapy=True))
    journal.keep_draft(sam.id, Draft("sam's"))
    assert journal.draft(alex.id) == Draft("second", for_therapy=True)
    entry = journal.add(alex.id, "second", from_draft=True)
    assert journal.draft(alex.id) is None and not rawdb.has_draft(svc, alex.id)
    assert journal.draft(sam.id) == Draft("sam's")  # the other person's draft is theirs

    journal.keep_draft(alex.id, Draft("second, edited", entry_id=entry.id))
    journal.update(entry, "second, edited", from_draft=True)
    assert not rawdb.has_draft(svc, alex.id)
    journal.keep_draft(alex.id, Draft("gone"))
    journal.add(alex.id, "from the command line")  # not the editor's text: the draft stays
    assert rawdb.has_draft(svc, alex.id)
    journal.drop_draft(alex.id)
    assert not rawdb.has_draft(svc, alex.id)


def test_a_draft_needs_its_authors_key_and_is_bound_to_them(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, sam = couple
    journal = svc.journal
    journal.keep_draft(alex.id, Draft(SECRET))
    svc.keys.lock(alex.id)
    with pytest.raises(ProfileLocked):
        journal.draft(alex.id)
    with pytest.raises(ProfileLocked):
        journal.keep_draft(alex.id, Draft("more"))
    assert rawdb.has_draft(svc, alex.id)  # known to be there, unreadable
    # Alex's sealed draft moved to Sam's row does not open with Sam's key.
    conn = sqlite3.connect(rawdb.database(svc).path)
    try:
        with conn:
            conn.execute(
                "INSERT INTO journal_drafts(profile_id, saved_at, body) "
                "SELECT ?, saved_at, body FROM journal_drafts WHERE profile_id = ?",
                (sam.id, alex.id),
            )
    finally:
        conn.close()
    assert journal.draft(sam.id) is None
    svc.keys.unlock(alex.id, "alex words")
    assert journal.draft(alex.id) == Draft(SECRET)


def test_a_draft_is_in_no_file_of_the_data_folder(tmp_path: Path, clock: FixedClock) -> None:
    """Sealed before it is written: not in the database, its WAL, or anything else on disk."""
    data_dir = tmp_path / "data"
    svc = open_services(data_dir, clock, weak_kdf=True)
    (robin,) = svc.profiles.setup(["Robin"])
    svc.keys.set_passphrase(robin.id, "robin words")
    svc.journal.keep_draft(robin.id, Draft(f"today {SECRET}", tags=SECRET))
    svc.journal.keep_draft(robin.id, Draft(f"today {SECRET}, more", tags=SECRET))
    assert files_holding(data_dir, SECRET) == []
    svc.close()
    assert files_holding(data_dir, SECRET) == []
    again = open_services(data_dir, clock, weak_kdf=True)
    try:
        again.keys.unlock(robin.id, "robin words")
        assert again.journal.draft(robin.id) == Draft(f"today {SECRET}, more", tags=SECRET)
    finally:
        again.close()


@pytest.mark.parametrize("typed", ["abc12", "11", "-1", "7.5", "1 0", "１", "+3"])
def test_a_rating_that_is_not_a_whole_number_from_0_to_10_is_named(typed: str) -> None:
    with pytest.raises(JournalError) as info:
        parse_rating(typed)
    assert str(info.value) == (
        f"the rating “{typed}” is not a whole number from 0 to 10; nothing was saved"
    )


def test_a_blank_rating_is_none_and_whole_numbers_are_read() -> None:
    assert [parse_rating(r) for r in (None, "", "  ", "0", " 7 ", "10", "05")] == [
        None,
        None,
        None,
        0,
        7,
        10,
        5,
    ]
