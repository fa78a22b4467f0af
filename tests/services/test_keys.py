"""Passphrases and keys (services.keys): set, unlock, change, lock, and stored settings that lie.

Every test here uses cheap Argon2id parameters (``weak_kdf=True``) except the one that checks
what production stores.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

import rawdb
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile, Visibility
from trustcheck.services import Services, open_services
from trustcheck.services.keys import PassphraseError, check_strength
from trustcheck.storage import crypto
from trustcheck.storage.crypto import (
    DamagedKeyData,
    KdfParams,
    KdfParamsError,
    ProfileLocked,
    WrongPassphrase,
)
from trustcheck.storage.repos.answers import ANSWERS_TABLE, private_answer_id


@pytest.fixture
def couple(svc: Services) -> tuple[Profile, Profile]:
    alex, sam = svc.profiles.setup(["Alex", "Sam"])
    return alex, sam


def stored_key(svc: Services, profile_id: int) -> str | None:
    row = rawdb.database(svc).conn.execute(
        "SELECT wrapped_key FROM profiles WHERE id = ?", (profile_id,)
    ).fetchone()
    return None if row[0] is None else str(row[0])


def tamper_kdf(svc: Services, profile_id: int, **changes: object) -> None:
    """Edit the stored KDF settings of a profile behind the program's back (a second connection)."""
    raw = stored_key(svc, profile_id)
    assert raw is not None
    doc = json.loads(raw)
    doc["kdf"].update(changes)
    with sqlite3.connect(rawdb.database(svc).path) as conn:
        conn.execute(
            "UPDATE profiles SET wrapped_key = ? WHERE id = ?", (json.dumps(doc), profile_id)
        )
    conn.close()


# --------------------------------------------------------------------------- setting and unlocking


def test_set_passphrase_stores_a_key_and_unlocks_right_away(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, sam = couple
    assert not svc.keys.has_passphrase(alex.id)
    svc.keys.set_passphrase(alex.id, "correct horse")
    assert svc.keys.has_passphrase(alex.id)
    assert svc.keys.is_unlocked(alex.id)
    # usable at once, without a second derivation
    svc.journal.add(alex.id, "first words")
    assert [e.text for e in svc.journal.entries(alex.id).entries] == ["first words"]
    # the partner is untouched
    assert not svc.keys.has_passphrase(sam.id)
    assert not svc.keys.is_unlocked(sam.id)
    # what is stored is a wrapped key, not the passphrase
    raw = stored_key(svc, alex.id)
    assert raw is not None
    assert "correct horse" not in raw
    assert set(json.loads(raw)) == {"v", "kdf", "nonce", "ciphertext"}


def test_unlock_with_the_right_passphrase_after_lock(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, _ = couple
    svc.keys.set_passphrase(alex.id, "correct horse")
    svc.journal.add(alex.id, "kept")
    svc.keys.lock(alex.id)
    assert not svc.keys.is_unlocked(alex.id)
    svc.keys.unlock(alex.id, "correct horse")
    assert svc.keys.is_unlocked(alex.id)
    assert [e.text for e in svc.journal.entries(alex.id).entries] == ["kept"]


def test_wrong_passphrase_is_refused_with_a_plain_message(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, _ = couple
    svc.keys.set_passphrase(alex.id, "correct horse")
    svc.keys.lock(alex.id)
    for wrong in ("correct hors", "Correct horse", "correct horse ", "something else"):
        with pytest.raises(WrongPassphrase) as info:
            svc.keys.unlock(alex.id, wrong)
        assert str(info.value) == "wrong passphrase"
        assert not svc.keys.is_unlocked(alex.id)


def test_one_partners_passphrase_does_not_open_the_others_key(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, sam = couple
    svc.keys.set_passphrase(alex.id, "same words")
    svc.keys.set_passphrase(sam.id, "other words")
    svc.keys.lock_all()
    with pytest.raises(WrongPassphrase):
        svc.keys.unlock(alex.id, "other words")
    # even the same passphrase for both gives two different keys (the key is bound to its profile)
    raw_alex = stored_key(svc, alex.id)
    assert raw_alex is not None
    with sqlite3.connect(rawdb.database(svc).path) as conn:
        conn.execute("UPDATE profiles SET wrapped_key = ? WHERE id = ?", (raw_alex, sam.id))
    conn.close()
    with pytest.raises(WrongPassphrase):
        svc.keys.unlock(sam.id, "same words")


def test_unlock_without_a_passphrase_says_how_to_set_one(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, _ = couple
    with pytest.raises(PassphraseError) as info:
        svc.keys.unlock(alex.id, "anything")
    message = str(info.value)
    assert "\n" not in message
    assert "no passphrase" in message and "profile passwd" in message


@pytest.mark.parametrize(
    ("passphrase", "expected"),
    [
        ("", "a passphrase cannot be empty"),
        ("     ", "a passphrase cannot be empty"),
        ("\t\n", "a passphrase cannot be empty"),
        ("abc", "a passphrase needs at least 4 characters you can see"),
        # four code points typed decomposed are two characters: still too short
        ("e\u0301e\u0301", "a passphrase needs at least 4 characters you can see"),
        # invisible characters do not count (issue 16): zero-width spaces, joiners, bidi marks
        ("\u200b\u200b\u200b\u200b", "a passphrase cannot be empty"),
        ("ab\u200d\u2060\u200e", "a passphrase needs at least 4 characters you can see"),
        ("a b c", "a passphrase needs at least 4 characters you can see"),
    ],
)
def test_too_short_or_empty_passphrase_is_refused_and_nothing_is_stored(
    svc: Services, couple: tuple[Profile, Profile], passphrase: str, expected: str
) -> None:
    alex, _ = couple
    with pytest.raises(PassphraseError) as info:
        svc.keys.set_passphrase(alex.id, passphrase)
    assert str(info.value) == expected
    assert not svc.keys.has_passphrase(alex.id)
    assert not svc.keys.is_unlocked(alex.id)


def test_a_four_character_passphrase_is_enough(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, _ = couple
    svc.keys.set_passphrase(alex.id, "demo")
    assert svc.keys.has_passphrase(alex.id)


@pytest.mark.parametrize(
    ("set_with", "unlock_with"),
    [
        ("caf\u00e9 au lait", "cafe\u0301 au lait"),  # composed set, decomposed typed
        ("cafe\u0301 au lait", "caf\u00e9 au lait"),  # decomposed set, composed typed
    ],
)
def test_composed_and_decomposed_accents_unlock_alike(
    svc: Services, couple: tuple[Profile, Profile], set_with: str, unlock_with: str
) -> None:
    alex, _ = couple
    assert set_with != unlock_with
    svc.keys.set_passphrase(alex.id, set_with)
    svc.journal.add(alex.id, "é")
    svc.keys.lock(alex.id)
    svc.keys.unlock(alex.id, unlock_with)
    assert [e.text for e in svc.journal.entries(alex.id).entries] == ["é"]
    svc.keys.lock(alex.id)
    svc.keys.unlock(alex.id, set_with)
    assert svc.keys.is_unlocked(alex.id)


# --------------------------------------------------------------------------- changing


def _private_answer(svc: Services, profile_id: int, checkin_id: int) -> str:
    (row,) = rawdb.answers(svc).sealed_for(profile_id)
    cid, pack_id, item_id, blob = row
    assert cid == checkin_id
    return svc.keys.ring.open(
        profile_id, blob, table=ANSWERS_TABLE, record_id=private_answer_id(cid, pack_id, item_id)
    )


def test_changing_the_passphrase_keeps_everything_readable_with_the_new_one_only(
    svc: Services, couple: tuple[Profile, Profile], clock: FixedClock
) -> None:
    alex, sam = couple
    svc.keys.set_passphrase(alex.id, "old words")
    texts = []
    for n in range(5):
        texts.append(f"entry {n}")
        svc.journal.add(alex.id, f"entry {n}", rating=n, tags=[f"t{n}"])
        clock.advance(hours=1)
    checkin = svc.checkins.start([alex.id, sam.id])
    svc.checkins.save_answer(
        checkin.id, alex.id, "open.hurt", text="a private hurt", visibility=Visibility.PRIVATE
    )
    before = stored_key(svc, alex.id)

    svc.keys.set_passphrase(alex.id, "new words", old="old words")

    after = stored_key(svc, alex.id)
    assert after is not None and after != before
    # still unlocked in this session, and the key itself did not change
    assert [e.text for e in svc.journal.entries(alex.id).entries] == texts[::-1]
    svc.keys.lock_all()
    with pytest.raises(WrongPassphrase):
        svc.keys.unlock(alex.id, "old words")
    with pytest.raises(ProfileLocked):
        svc.journal.entries(alex.id)
    svc.keys.unlock(alex.id, "new words")
    listing = svc.journal.entries(alex.id)
    assert listing.damaged == []
    assert [e.text for e in listing.entries] == texts[::-1]
    assert [e.rating for e in listing.entries] == [4, 3, 2, 1, 0]
    assert _private_answer(svc, alex.id, checkin.id) == "a private hurt"


def test_changing_while_locked_works_with_the_old_passphrase(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, _ = couple
    svc.keys.set_passphrase(alex.id, "old words")
    svc.journal.add(alex.id, "still here")
    svc.keys.lock(alex.id)
    svc.keys.set_passphrase(alex.id, "new words", old="old words")
    svc.keys.unlock(alex.id, "new words")
    assert [e.text for e in svc.journal.entries(alex.id).entries] == ["still here"]


def test_changing_with_a_wrong_old_passphrase_changes_nothing(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, _ = couple
    svc.keys.set_passphrase(alex.id, "old words")
    svc.journal.add(alex.id, "untouched")
    svc.keys.lock(alex.id)
    before = stored_key(svc, alex.id)
    with pytest.raises(WrongPassphrase) as info:
        svc.keys.set_passphrase(alex.id, "new words", old="not the old words")
    assert str(info.value) == "wrong passphrase"
    assert stored_key(svc, alex.id) == before
    assert not svc.keys.is_unlocked(alex.id)
    with pytest.raises(WrongPassphrase):
        svc.keys.unlock(alex.id, "new words")
    svc.keys.unlock(alex.id, "old words")
    assert [e.text for e in svc.journal.entries(alex.id).entries] == ["untouched"]


def test_changing_needs_the_old_passphrase(svc: Services, couple: tuple[Profile, Profile]) -> None:
    alex, _ = couple
    svc.keys.set_passphrase(alex.id, "old words")
    before = stored_key(svc, alex.id)
    with pytest.raises(PassphraseError) as info:
        svc.keys.set_passphrase(alex.id, "new words")  # unlocked, but no old passphrase given
    assert str(info.value) == "to change a passphrase, enter the current one first"
    assert stored_key(svc, alex.id) == before


def test_changing_to_a_too_short_passphrase_changes_nothing(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, _ = couple
    svc.keys.set_passphrase(alex.id, "old words")
    before = stored_key(svc, alex.id)
    with pytest.raises(PassphraseError):
        svc.keys.set_passphrase(alex.id, "new", old="old words")
    assert stored_key(svc, alex.id) == before


# --------------------------------------------------------------------------- locking


def test_lock_drops_access_to_the_journal(svc: Services, couple: tuple[Profile, Profile]) -> None:
    alex, sam = couple
    svc.keys.set_passphrase(alex.id, "alex words")
    svc.keys.set_passphrase(sam.id, "sam words")
    entry = svc.journal.add(alex.id, "mine")
    svc.keys.lock(alex.id)
    assert not svc.keys.is_unlocked(alex.id)
    assert svc.keys.is_unlocked(sam.id)  # locking one leaves the other alone
    with pytest.raises(ProfileLocked) as info:
        svc.journal.add(alex.id, "more")
    assert str(info.value) == "this profile is locked; enter its passphrase first"
    with pytest.raises(ProfileLocked):
        svc.journal.entries(alex.id)
    with pytest.raises(ProfileLocked):
        svc.journal.update(entry, "changed")
    with pytest.raises(ProfileLocked):
        svc.journal.delete(entry)
    assert svc.journal.count(alex.id) == 1  # nothing was written or removed
    svc.keys.lock(alex.id)  # idempotent
    svc.keys.lock_all()
    assert not svc.keys.is_unlocked(sam.id)
    with pytest.raises(ProfileLocked):
        svc.journal.entries(sam.id)


def test_a_fresh_session_starts_locked(tmp_path: Path, clock: FixedClock) -> None:
    first = open_services(tmp_path / "data", clock, weak_kdf=True)
    (alex,) = first.profiles.setup(["Alex"])
    first.keys.set_passphrase(alex.id, "alex words")
    first.journal.add(alex.id, "yesterday")
    first.close()
    second = open_services(tmp_path / "data", clock, weak_kdf=True)
    try:
        assert second.keys.has_passphrase(alex.id)
        assert not second.keys.is_unlocked(alex.id)
        with pytest.raises(ProfileLocked):
            second.journal.entries(alex.id)
        second.keys.unlock(alex.id, "alex words")
        assert [e.text for e in second.journal.entries(alex.id).entries] == ["yesterday"]
    finally:
        second.close()


# --------------------------------------------------------------------------- stored KDF settings


@pytest.mark.parametrize(
    ("changes", "what"),
    [
        ({"memory_kib": 64 * 1024 * 1024}, "memory_kib"),  # 64 GiB: would exhaust memory
        ({"memory_kib": 2**62}, "memory_kib"),
        ({"memory_kib": 1}, "memory_kib"),  # below even Argon2's own floor
        ({"memory_kib": 0}, "memory_kib"),
        ({"memory_kib": -5}, "memory_kib"),
        ({"iterations": 1_000_000}, "iterations"),  # would hang
        ({"iterations": 0}, "iterations"),
        ({"lanes": 0}, "lanes"),
        ({"lanes": 4096}, "lanes"),
        ({"memory_kib": "65536"}, "memory_kib"),
        ({"iterations": True}, "iterations"),
        ({"memory_kib": 65536.0}, "memory_kib"),
    ],
)
def test_tampered_kdf_settings_are_refused_fast_without_deriving(
    svc: Services,
    couple: tuple[Profile, Profile],
    monkeypatch: pytest.MonkeyPatch,
    changes: dict[str, object],
    what: str,
) -> None:
    alex, _ = couple
    svc.keys.set_passphrase(alex.id, "alex words")
    svc.keys.lock(alex.id)
    tamper_kdf(svc, alex.id, **changes)

    def no_derivation(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("a key was derived from tampered settings")

    monkeypatch.setattr(crypto, "derive_key", no_derivation)
    started = time.perf_counter()
    with pytest.raises(KdfParamsError) as info:
        svc.keys.unlock(alex.id, "alex words")
    assert time.perf_counter() - started < 1.0
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("stored key settings are")
    assert what in message
    assert not svc.keys.is_unlocked(alex.id)
    # changing the passphrase reads the same row: refused the same way, nothing written
    before = stored_key(svc, alex.id)
    with pytest.raises(KdfParamsError):
        svc.keys.set_passphrase(alex.id, "new words", old="alex words")
    assert stored_key(svc, alex.id) == before


@pytest.mark.parametrize(
    "garbage",
    ["", "not json", "[]", '{"v": 1}', "x" * 10_000, '{"v":2,"kdf":{},"nonce":"","ciphertext":""}'],
)
def test_a_garbled_wrapped_key_is_a_clear_error(
    svc: Services, couple: tuple[Profile, Profile], garbage: str
) -> None:
    alex, _ = couple
    svc.keys.set_passphrase(alex.id, "alex words")
    svc.keys.lock(alex.id)
    with sqlite3.connect(rawdb.database(svc).path) as conn:
        conn.execute("UPDATE profiles SET wrapped_key = ? WHERE id = ?", (garbage, alex.id))
    conn.close()
    with pytest.raises(DamagedKeyData) as info:
        svc.keys.unlock(alex.id, "alex words")
    assert "\n" not in str(info.value)
    assert str(info.value).startswith("stored key")


def test_production_refuses_a_row_tampered_to_cheap_test_settings(
    tmp_path: Path, clock: FixedClock
) -> None:
    """A row lowered to the test parameters cannot make a real profile cheap to guess."""
    weak = open_services(tmp_path / "data", clock, weak_kdf=True)
    (alex,) = weak.profiles.setup(["Alex"])
    weak.keys.set_passphrase(alex.id, "alex words")
    weak.close()
    real = open_services(tmp_path / "data", clock)
    try:
        started = time.perf_counter()
        with pytest.raises(KdfParamsError) as info:
            real.keys.unlock(alex.id, "alex words")
        assert time.perf_counter() - started < 1.0
        assert "memory_kib must be 8192..1048576" in str(info.value)
    finally:
        real.close()


def test_production_parameters_are_what_real_profiles_store(
    tmp_path: Path, clock: FixedClock
) -> None:
    params = KdfParams.production()
    assert params.memory_kib == 64 * 1024  # 64 MiB
    assert params.iterations == 3
    assert params.lanes == 1
    assert len(params.salt) == 16
    assert KdfParams.production().salt != params.salt  # a fresh salt every time
    params.validate()  # inside the production bounds

    # open_services without weak_kdf stores exactly these (one real ~150 ms derivation)
    real = open_services(tmp_path / "data", clock)
    try:
        (alex,) = real.profiles.setup(["Alex"])
        real.keys.set_passphrase(alex.id, "alex words")
        raw = rawdb.keys(real).get(alex.id)
        assert raw is not None
        kdf = json.loads(raw)["kdf"]
        assert kdf["kdf"] == "argon2id"
        assert (kdf["memory_kib"], kdf["iterations"], kdf["lanes"]) == (65536, 3, 1)
    finally:
        real.close()
    # and the weak test parameters are refused by production validation
    with pytest.raises(KdfParamsError):
        KdfParams.for_tests().validate()


@pytest.mark.parametrize(
    "passphrase",
    ["demo", "password1", "Alex2026", "qwertyuiop", "aaaaaaaaaaaa", "trustcheck", "sam words"],
)
def test_a_passphrase_easy_to_guess_is_refused_with_a_kind_hint(passphrase: str) -> None:
    """Issue 16, section 2: strength is estimated (zxcvbn), names count as easy words."""
    with pytest.raises(PassphraseError) as refused:
        check_strength(passphrase, ["Alex", "Sam"])
    assert "easy to guess" in str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    "passphrase", ["walking home under autumn rain", "alex keeps the blue lantern", "Tr0ub4dor&3x"]
)
def test_a_passphrase_hard_to_guess_is_taken(passphrase: str) -> None:
    check_strength(passphrase, ["Alex", "Sam"])
