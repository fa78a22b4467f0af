"""Issue 17, section 4: an optional one-time recovery code.

The code is shown once and never stored: only a second wrap of the person's data key, under a key
the code derives (Argon2id, as a passphrase). Using it sets a new passphrase, locks the forgotten
one out (as a passphrase change does) and uses the code up. A passphrase change keeps the code
working. A wrong code changes nothing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import rawdb
from trustcheck import messages
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile
from trustcheck.paths import DB_FILENAME
from trustcheck.services import Services, open_services
from trustcheck.services.errors import ConflictError, WrongPassphrase, WrongRecoveryCode
from trustcheck.services.keys import PassphraseError
from trustcheck.storage import crypto, migrations
from trustcheck.storage.repos.journal import JOURNAL_TABLE

OLD, NEW, NEWER = "old words here", "new words here", "newer words still"


def profile_row(svc: Services, profile_id: int) -> tuple[object, ...]:
    row = rawdb.database(svc).conn.execute(
        "SELECT wrapped_key, recovery_wrapped_key FROM profiles WHERE id = ?", (profile_id,)
    ).fetchone()
    return tuple(row)


def sealed_bodies(svc: Services, profile_id: int) -> list[bytes]:
    rows = rawdb.database(svc).conn.execute(
        "SELECT body FROM journal_entries WHERE profile_id = ? ORDER BY id", (profile_id,)
    ).fetchall()
    return [bytes(r[0]) for r in rows]


@pytest.fixture
def alex(svc: Services) -> Profile:
    """Alex, with a passphrase, a recovery code (``alex.code``) and two journal entries, locked."""
    (person,) = svc.profiles.setup(["Alex"])
    svc.keys.set_passphrase(person.id, OLD)
    svc.journal.add(person.id, "first entry", rating=4, tags=["trust"])
    svc.journal.add(person.id, "second entry")
    svc.keys.lock_all()
    return person


def texts(svc: Services, profile_id: int) -> list[str]:
    return sorted(e.text for e in svc.journal.entries(profile_id).entries)


def test_the_code_is_shown_once_and_stored_only_wrapped(svc: Services, alex: Profile) -> None:
    """A code of 28 unambiguous characters in 7 groups; the database holds no trace of it."""
    svc.keys.unlock(alex.id, OLD)
    assert not svc.keys.has_recovery_code(alex.id)
    code = svc.keys.make_recovery_code(alex.id)
    assert svc.keys.has_recovery_code(alex.id)
    groups = code.split("-")
    assert [len(g) for g in groups] == [4] * 7
    assert set("".join(groups)) <= set(crypto.RECOVERY_ALPHABET)
    assert not set("01IO") & set(crypto.RECOVERY_ALPHABET)
    # 140 bits from `secrets`: two codes never repeat.
    assert code != svc.keys.make_recovery_code(alex.id)
    svc.close()
    raw = (svc.data_dir / DB_FILENAME).read_bytes()
    for form in (code, code.replace("-", ""), code.lower()):
        assert form.encode() not in raw


def test_forgotten_passphrase_recovered_with_the_code_which_works_once(
    svc: Services, alex: Profile
) -> None:
    """Recover with the code: the new passphrase opens the journal, the old one does not, and
    the code is used up (a second use is refused)."""
    svc.keys.unlock(alex.id, OLD)
    code = svc.keys.make_recovery_code(alex.id)
    svc.keys.lock_all()

    opened = svc.keys.open_recovery(alex.id, code.lower().replace("-", " "))
    assert "hidden" in repr(opened)
    resealed = svc.keys.finish_recovery(opened, NEW)
    assert resealed == 2
    assert svc.keys.is_unlocked(alex.id)
    assert texts(svc, alex.id) == ["first entry", "second entry"]
    assert not svc.keys.has_recovery_code(alex.id)
    assert profile_row(svc, alex.id)[1] is None

    svc.keys.lock_all()
    with pytest.raises(WrongPassphrase):
        svc.keys.unlock(alex.id, OLD)
    svc.keys.unlock(alex.id, NEW)
    assert texts(svc, alex.id) == ["first entry", "second entry"]
    with pytest.raises(PassphraseError, match="no recovery code"):
        svc.keys.open_recovery(alex.id, code)


def test_a_wrong_code_is_one_line_changes_nothing_and_is_as_slow_as_the_kdf(
    svc: Services, alex: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrong code, a mistyped one, or one of another shape: the same one line, nothing
    changed, and each runs the key derivation (a guess costs what a passphrase guess costs)."""
    svc.keys.unlock(alex.id, OLD)
    code = svc.keys.make_recovery_code(alex.id)
    svc.keys.lock_all()
    before = (profile_row(svc, alex.id), sealed_bodies(svc, alex.id))
    derived: list[int] = []
    real = crypto.derive_key

    def counting(*args: object, **kwargs: object) -> bytes:
        derived.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(crypto, "derive_key", counting)
    other = crypto.new_recovery_code()
    typo = ("Z" if code[0] != "Z" else "Y") + code[1:]
    for wrong in (other, typo, "not a code", ""):
        with pytest.raises(WrongRecoveryCode) as caught:
            svc.keys.open_recovery(alex.id, wrong)
        assert str(caught.value) == messages.WRONG_RECOVERY_CODE
    assert len(derived) == 4
    assert (profile_row(svc, alex.id), sealed_bodies(svc, alex.id)) == before
    assert not svc.keys.is_unlocked(alex.id)
    monkeypatch.undo()
    svc.keys.unlock(alex.id, OLD)  # the passphrase still works
    assert svc.keys.open_recovery(alex.id, code)  # and so does the code


def test_production_cost_a_wrong_code_takes_as_long_as_a_passphrase(
    tmp_path: Path, clock: FixedClock
) -> None:
    """At the real cost, a code is derived with the passphrase's own Argon2id parameters (so a
    guess at either costs the same ~150 ms), each wrap with a salt of its own."""
    svc = open_services(tmp_path / "real", clock)
    try:
        (person,) = svc.profiles.setup(["Alex"])
        svc.keys.set_passphrase(person.id, OLD)
        svc.keys.make_recovery_code(person.id)
        stored = rawdb.keys(svc)
        wrap = crypto.RecoveryWrap.from_json(stored.get_recovery(person.id) or "")
        key = crypto.WrappedKey.from_json(stored.get(person.id) or "")
        cost = (crypto.PRODUCTION_MEMORY_KIB, crypto.PRODUCTION_ITERATIONS, crypto.PRODUCTION_LANES)
        for params in (wrap.params, key.params):
            assert (params.memory_kib, params.iterations, params.lanes) == cost
        assert wrap.params.salt != key.params.salt
        with pytest.raises(WrongRecoveryCode):
            svc.keys.open_recovery(person.id, crypto.new_recovery_code())
    finally:
        svc.close()


def test_a_passphrase_change_keeps_the_code_and_still_locks_the_old_passphrase_out(
    svc: Services, alex: Profile
) -> None:
    svc.keys.unlock(alex.id, OLD)
    code = svc.keys.make_recovery_code(alex.id)
    older_wrap = profile_row(svc, alex.id)
    svc.keys.set_passphrase(alex.id, NEW, OLD)
    svc.keys.lock_all()
    with pytest.raises(WrongPassphrase):
        svc.keys.unlock(alex.id, OLD)
    # The code's wrap moved to the new key: the older copy of it opens nothing stored now.
    stored = profile_row(svc, alex.id)
    assert stored[1] is not None and stored[1] != older_wrap[1]
    old_copy = crypto.RecoveryWrap.from_json(str(older_wrap[1]), allow_weak=True)
    old_key = crypto.unwrap_recovery(code, alex.id, old_copy, allow_weak=True)
    rows = list(zip((1, 2), sealed_bodies(svc, alex.id), strict=True))
    opened = crypto.open_many(old_key, rows, profile_id=alex.id, table=JOURNAL_TABLE)
    assert all(isinstance(o, crypto.DamagedRecord) for o in opened)
    svc.keys.unlock(alex.id, NEW)  # the same rows open with the new key
    assert texts(svc, alex.id) == ["first entry", "second entry"]
    svc.keys.lock_all()
    # The code itself still works, once.
    svc.keys.finish_recovery(svc.keys.open_recovery(alex.id, code), NEWER)
    assert texts(svc, alex.id) == ["first entry", "second entry"]
    svc.keys.lock_all()
    with pytest.raises(WrongPassphrase):
        svc.keys.unlock(alex.id, NEW)
    svc.keys.unlock(alex.id, NEWER)


def test_a_new_code_replaces_the_old_one(svc: Services, alex: Profile) -> None:
    svc.keys.unlock(alex.id, OLD)
    first = svc.keys.make_recovery_code(alex.id)
    second = svc.keys.make_recovery_code(alex.id)
    with pytest.raises(WrongRecoveryCode):
        svc.keys.open_recovery(alex.id, first)
    assert svc.keys.open_recovery(alex.id, second)


def test_a_code_needs_the_person_unlocked_first(svc: Services, alex: Profile) -> None:
    with pytest.raises(crypto.ProfileLocked):
        svc.keys.make_recovery_code(alex.id)
    assert not svc.keys.has_recovery_code(alex.id)


def test_a_code_used_in_another_window_meanwhile_changes_nothing_here(
    svc: Services, alex: Profile, tmp_path: Path, clock: FixedClock
) -> None:
    svc.keys.unlock(alex.id, OLD)
    code = svc.keys.make_recovery_code(alex.id)
    svc.keys.lock_all()
    here = svc.keys.open_recovery(alex.id, code)
    other = open_services(svc.data_dir, clock, weak_kdf=True)
    try:
        other.keys.finish_recovery(other.keys.open_recovery(alex.id, code), NEW)
    finally:
        other.close()
    before = (profile_row(svc, alex.id), sealed_bodies(svc, alex.id))
    with pytest.raises(ConflictError):
        svc.keys.finish_recovery(here, NEWER)
    assert (profile_row(svc, alex.id), sealed_bodies(svc, alex.id)) == before
    svc.keys.unlock(alex.id, NEW)


def test_a_damaged_recovery_wrap_is_a_clear_error_and_a_change_drops_it(
    svc: Services, alex: Profile
) -> None:
    svc.keys.unlock(alex.id, OLD)
    code = svc.keys.make_recovery_code(alex.id)
    conn = rawdb.database(svc).conn
    conn.execute("UPDATE profiles SET recovery_wrapped_key = '{\"v\": 1}' WHERE id = ?", (alex.id,))
    with pytest.raises(crypto.DamagedKeyData):
        svc.keys.open_recovery(alex.id, code)
    svc.keys.set_passphrase(alex.id, NEW, OLD)
    assert not svc.keys.has_recovery_code(alex.id)


def test_a_v10_database_upgrades_and_its_passphrase_gets_a_recovery_code(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Schema V11 adds only ``profiles.recovery_wrapped_key``: a V10 database with a passphrase
    and a journal upgrades, opens with the same passphrase, and can then keep a code."""
    data = tmp_path / "v10"
    svc = open_services(data, clock, weak_kdf=True)
    (person,) = svc.profiles.setup(["Alex"])
    svc.keys.set_passphrase(person.id, OLD)
    svc.journal.add(person.id, "from before the upgrade")
    svc.close()
    conn = sqlite3.connect(data / DB_FILENAME)
    conn.execute("ALTER TABLE profiles DROP COLUMN recovery_wrapped_key")
    rawdb.commitments_before_v12(conn)
    conn.execute("PRAGMA user_version = 10")
    conn.commit()
    conn.close()

    svc = open_services(data, clock, weak_kdf=True)
    try:
        assert rawdb.database(svc).schema_version() == migrations.schema_version()
        assert not svc.keys.has_recovery_code(person.id)
        svc.keys.unlock(person.id, OLD)
        assert texts(svc, person.id) == ["from before the upgrade"]
        code = svc.keys.make_recovery_code(person.id)
        svc.keys.lock_all()
        svc.keys.finish_recovery(svc.keys.open_recovery(person.id, code), NEW)
        assert texts(svc, person.id) == ["from before the upgrade"]
    finally:
        svc.close()


def test_an_export_carries_no_recovery_code_and_an_import_starts_without_one(
    svc: Services, alex: Profile, tmp_path: Path, clock: FixedClock
) -> None:
    """The JSON export holds no key: the import seals the journal under the new passphrase and
    keeps no recovery wrap (the CLI tells the person to make a new code)."""
    import json

    from trustcheck.services.export import ExportRequest, ExportService, PrivateKind
    from trustcheck.services.importer import import_dump, parse_dump

    svc.keys.unlock(alex.id, OLD)
    code = svc.keys.make_recovery_code(alex.id)
    request = ExportRequest("json", include_private=alex, private_kinds=frozenset(PrivateKind))
    data = ExportService(svc).render(request).data
    assert isinstance(data, str)
    assert "recovery" not in data and code not in data
    target = open_services(tmp_path / "imported", clock, weak_kdf=True)
    try:
        import_dump(target, parse_dump(data, "x.json", target.pack), passphrase=NEW)
        assert not target.keys.has_recovery_code(alex.id)
        target.keys.lock_all()
        target.keys.unlock(alex.id, NEW)
        assert texts(target, alex.id) == ["first entry", "second entry"]
    finally:
        target.close()
    assert json.loads(data)
