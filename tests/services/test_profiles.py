"""The profile service's rules behind "people are never lost" (issue 12, section 7): what the CLI
and the Settings screen both rely on."""

from __future__ import annotations

import pytest

import rawdb
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.services.profiles import ProfileError, ProfileRemovedError
from trustcheck.storage.crypto import WrongPassphrase


def test_remove_checks_the_passphrase_and_locks_the_key(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, sam = couple
    with pytest.raises(ProfileError, match="Sam has a passphrase"):
        svc.profiles.remove(sam)
    with pytest.raises(WrongPassphrase):
        svc.profiles.remove("sam", "alex words")
    assert [p.name for p in svc.profiles.people()] == ["Alex", "Sam"]
    svc.profiles.remove("SAM", "sam words")
    assert [p.name for p in svc.profiles.people()] == ["Alex"]
    assert not svc.keys.is_unlocked(sam.id)
    assert svc.keys.is_unlocked(alex.id), "only the removed person's key is locked"


def test_restore_keeps_the_id_and_the_journal(
    svc: Services, couple: tuple[Profile, Profile], clock: FixedClock
) -> None:
    _, sam = couple
    entry = svc.journal.add(sam.id, "kept")
    svc.profiles.remove(sam, "sam words")
    clock.advance(days=3)
    (gone,) = svc.profiles.removed()
    assert gone.profile.id == sam.id and gone.date == "25 Nov 2026"
    back = svc.profiles.restore("sAm")
    assert back.id == sam.id and svc.profiles.removed() == []
    svc.keys.unlock(sam.id, "sam words")
    assert [e.id for e in svc.journal.entries(sam.id).entries] == [entry.id]


def test_a_removed_name_is_never_a_new_stranger_unless_asked(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    _, sam = couple
    svc.profiles.remove(sam, "sam words")
    with pytest.raises(ProfileRemovedError) as raised:
        svc.profiles.add(" sam ")
    assert raised.value.removed[0].profile.id == sam.id
    assert "Bring Sam back" in raised.value.question()
    assert [p.name for p in svc.profiles.people()] == ["Alex"]
    other = svc.profiles.add("Sam", new_person=True)
    assert other.id != sam.id
    with pytest.raises(ProfileError, match="already a profile called 'Sam'"):
        svc.profiles.restore(sam)  # two people called Sam at once would be one too many


def test_setup_needs_the_first_name_and_restores_only_when_asked(svc: Services) -> None:
    for first in ("", "  ", "\u200b", "\u2800", "\u200e\u200f"):
        with pytest.raises(ProfileError, match="please write your name first"):
            svc.profiles.setup([first, "Bo"])
    assert rawdb.database(svc).conn.execute("SELECT count(*) FROM profiles").fetchone()[0] == 0
    alex, sam = svc.profiles.setup(["Alex", "Sam"])
    svc.profiles.remove(alex)
    svc.profiles.remove(sam)
    with pytest.raises(ProfileRemovedError) as raised:
        svc.profiles.setup(["Kai", "sam"])
    assert [r.name for r in raised.value.removed] == ["Sam"]
    assert not svc.profiles.is_set_up(), "nothing is stored before the answer"
    kai, back = svc.profiles.setup(["Kai", "sam"], restore=True)
    assert back.id == sam.id and back.name == "Sam" and kai.name == "Kai"


def test_names_in_use_are_refused_in_any_case(svc: Services) -> None:
    alex, sam = svc.profiles.setup(["Alex", "Sam"])
    with pytest.raises(ProfileError, match="already a profile called 'Alex'"):
        svc.profiles.rename(sam, "ALEX")
    assert svc.profiles.rename(alex, "alex").name == "alex"  # a change of case is a rename
    with pytest.raises(ProfileError, match="already"):
        svc.profiles.setup(["Kim", "kim"])


def test_an_unknown_name_lists_who_is_here(svc: Services) -> None:
    with pytest.raises(ProfileError, match="no one is set up yet"):
        svc.profiles.by_name("Sam")
    svc.profiles.setup(["Alex", "Sam"])
    with pytest.raises(ProfileError) as raised:
        svc.profiles.by_name("Samantha")
    assert str(raised.value) == (
        "there is no profile called 'Samantha'; the people here are Alex, Sam"
    )


def test_a_person_in_the_checkin_in_progress_is_removed_only_after_it_ends(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    """Removing Sam mid check-in would leave Sam's turn in a check-in home no longer names: it
    is refused, in one line that says what to do, until the check-in is finished or discarded."""
    alex, sam = couple
    checkin = svc.checkins.start([alex.id, sam.id])
    with pytest.raises(ProfileError, match="Sam is part of the check-in in progress"):
        svc.profiles.remove(sam, "sam words")
    assert [p.name for p in svc.profiles.people()] == ["Alex", "Sam"]
    assert svc.keys.is_unlocked(sam.id), "nothing changed, not even the key"
    svc.checkins.discard(checkin)
    svc.profiles.remove(sam, "sam words")
    assert [p.name for p in svc.profiles.people()] == ["Alex"]


def test_someone_outside_the_checkin_in_progress_can_be_removed(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, sam = couple
    svc.checkins.start([alex.id])  # Alex on their own this week
    svc.profiles.remove(sam, "sam words")
    assert [p.name for p in svc.profiles.people()] == ["Alex"]
