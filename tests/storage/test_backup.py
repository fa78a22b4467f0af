"""Backups and restores (storage.backup), and the automatic backup before every migration."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

import rawdb
from trustcheck.core.clock import FixedClock
from trustcheck.paths import DB_FILENAME
from trustcheck.services import open_services
from trustcheck.storage import backup as backup_module
from trustcheck.storage import migrations
from trustcheck.storage.backup import (
    KEEP_MIGRATION_BACKUPS,
    MIGRATION_PREFIX,
    RESTORE_PREFIX,
    BackupError,
    backup_to,
    backups_dir,
    inspect,
    restore_from,
    validate_backup,
    write_copy,
)
from trustcheck.storage.db import Database
from trustcheck.storage.errors import StorageError

CURRENT = migrations.schema_version()


# --- helpers (kept here: the other test files have their own small copies) -----------------------


def populate(data_dir: Path, clock: FixedClock, *, note: str = "first") -> None:
    """Two people, a completed check-in with answers, a commitment and a journal entry."""
    services = open_services(data_dir, clock, weak_kdf=True)
    try:
        alex, sam = services.profiles.setup(["Alex", "Sam"])
        services.keys.set_passphrase(alex.id, "alex words")
        draft = services.checkins.start([alex.id, sam.id])
        for i, item in enumerate(services.pack.items_in("communication")):
            services.checkins.save_answer(draft.id, alex.id, item.id, value=1 + i % 7)
            services.checkins.save_answer(draft.id, sam.id, item.id, value=7 - i % 7)
        services.checkins.add_commitment(draft, alex.id, f"text when late ({note})")
        services.journal.add(alex.id, f"a private entry: {note}", tags=["x"])
        services.checkins.complete(draft)
    finally:
        services.close()


def dump(path: Path) -> list[str]:
    """Every table's rows and the schema, as SQL text (order-stable)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        return [*conn.iterdump(), f"user_version={version}"]
    finally:
        conn.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and its hash: 'left untouched' means this does not change."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): sha(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def one_line(message: str) -> str:
    assert message.strip() and "\n" not in message
    return message


def make_newer(path: Path) -> Path:
    conn = sqlite3.connect(path)
    try:
        conn.executescript(migrations.V1)
        conn.execute("PRAGMA user_version = 99")
    finally:
        conn.close()
    return path


def make_corrupt(path: Path) -> Path:
    """A real trustcheck-shaped database with garbage written over a few of its pages."""
    conn = sqlite3.connect(path)
    try:
        conn.executescript(migrations.V1)
        conn.execute("PRAGMA user_version = 1")
        conn.execute("CREATE TABLE filler (x BLOB)")
        conn.execute("CREATE INDEX filler_x ON filler(x)")
        conn.executemany("INSERT INTO filler VALUES (randomblob(600))", [()] * 300)
        conn.commit()
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    for page in (6, 9, 14):
        start = page * 4096
        data[start : start + 900] = bytes((i * 37 + page) % 251 for i in range(900))
    path.write_bytes(bytes(data))
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def filled(data_dir: Path, clock: FixedClock) -> Path:
    populate(data_dir, clock)
    return data_dir


# --- backup ---------------------------------------------------------------------------------------


def test_backup_is_a_private_standalone_copy(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "b.sqlite3"
    target.parent.mkdir()
    written, version = backup_to(filled, target)
    assert written == target and version == CURRENT
    assert mode(target) == 0o600
    assert dump(target) == dump(filled / DB_FILENAME)
    assert target.read_bytes()[18:20] == b"\x01\x01", "rollback journal: no -wal needed beside it"
    assert sorted(os.listdir(target.parent)) == ["b.sqlite3"], "no temporary file left behind"
    assert inspect(target).integrity == ()


def test_backup_refuses_to_overwrite_without_force(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "b.sqlite3"
    target.write_text("keep me")
    with pytest.raises(BackupError) as info:
        backup_to(filled, target)
    assert "--force" in one_line(str(info.value))
    assert target.read_text() == "keep me"
    backup_to(filled, target, overwrite=True)
    assert dump(target) == dump(filled / DB_FILENAME)


def test_backup_refusals(data_dir: Path, filled: Path, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="nothing to back up"):
        backup_to(tmp_path / "nowhere", tmp_path / "b.sqlite3")
    with pytest.raises(BackupError, match="does not exist"):
        backup_to(filled, tmp_path / "missing-folder" / "b.sqlite3")
    before = snapshot(filled)
    with pytest.raises(BackupError, match="database itself"):
        backup_to(filled, filled / DB_FILENAME, overwrite=True)
    assert snapshot(filled) == before


def test_backup_while_another_window_writes(
    filled: Path, tmp_path: Path, clock: FixedClock
) -> None:
    services = open_services(filled, clock)
    try:
        rawdb.settings(services).set("theme", "dark")
        # A write in flight in the other window.
        with rawdb.database(services).transaction() as conn:
            conn.execute("INSERT INTO settings(key, value) VALUES ('pending', 'x')")
            backup_to(filled, tmp_path / "b.sqlite3")
    finally:
        services.close()
    conn = sqlite3.connect(tmp_path / "b.sqlite3")
    try:
        keys = {k for (k,) in conn.execute("SELECT key FROM settings")}
    finally:
        conn.close()
    assert "theme" in keys and "pending" not in keys, "a consistent, committed snapshot"


# --- restore --------------------------------------------------------------------------------------


def test_backup_restore_round_trip_into_an_empty_folder(
    filled: Path, tmp_path: Path, clock: FixedClock
) -> None:
    backup_to(filled, tmp_path / "b.sqlite3")
    fresh = tmp_path / "fresh"
    result = restore_from(fresh, tmp_path / "b.sqlite3")
    assert result.safety is None
    assert result.version == result.restored_version == CURRENT
    assert dump(fresh / DB_FILENAME) == dump(filled / DB_FILENAME)
    assert mode(fresh) == 0o700 and mode(fresh / DB_FILENAME) == 0o600
    services = open_services(fresh, clock, weak_kdf=True)
    try:
        alex = services.profiles.by_name("Alex")
        services.keys.unlock(alex.id, "alex words")
        assert [e.text for e in services.journal.entries(alex.id).entries] == [
            "a private entry: first"
        ]
    finally:
        services.close()


def test_restore_over_existing_data_keeps_a_safety_backup(
    data_dir: Path, tmp_path: Path, clock: FixedClock
) -> None:
    other = tmp_path / "other"
    populate(other, clock, note="restored")
    backup_to(other, tmp_path / "b.sqlite3")
    populate(data_dir, clock, note="before")
    before = dump(data_dir / DB_FILENAME)
    result = restore_from(data_dir, tmp_path / "b.sqlite3")
    assert result.safety is not None
    assert result.safety.parent == backups_dir(data_dir)
    assert result.safety.name.startswith(RESTORE_PREFIX)
    assert mode(result.safety) == 0o600 and mode(result.safety.parent) == 0o700
    assert dump(result.safety) == before, "the safety copy is the data as it was"
    assert dump(data_dir / DB_FILENAME) == dump(other / DB_FILENAME)


def test_restore_while_another_window_has_the_database_open(
    data_dir: Path, tmp_path: Path, clock: FixedClock
) -> None:
    other = tmp_path / "other"
    populate(other, clock, note="restored")
    backup_to(other, tmp_path / "b.sqlite3")
    populate(data_dir, clock, note="before")
    window = open_services(data_dir, clock)
    try:
        assert rawdb.checkins(window).completed()
        restore_from(data_dir, tmp_path / "b.sqlite3")
        # The open window reads the restored data at once: no torn state, no lock error.
        names = [p.name for p in window.profiles.people()]
        assert names == ["Alex", "Sam"]
        assert rawdb.database(window).conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        window.close()
    assert dump(data_dir / DB_FILENAME) == dump(other / DB_FILENAME)


@pytest.mark.parametrize("kind", ["text", "newer", "corrupt", "other-sqlite", "missing"])
def test_restore_refuses_a_bad_file_and_leaves_the_folder_untouched(
    filled: Path, tmp_path: Path, kind: str
) -> None:
    bad = tmp_path / f"{kind}.sqlite3"
    if kind == "text":
        bad.write_text("hello\n" * 500)
    elif kind == "newer":
        make_newer(bad)
    elif kind == "corrupt":
        make_corrupt(bad)
    elif kind == "other-sqlite":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE notes (x)")
        conn.close()
    before = snapshot(filled)
    with pytest.raises(BackupError) as info:
        restore_from(filled, bad)
    message = one_line(str(info.value))
    assert str(bad) in message
    expected = {
        "text": "not a trustcheck backup",
        "newer": "newer trustcheck",
        "corrupt": "damaged",
        "other-sqlite": "not a trustcheck backup",
        "missing": "does not exist",
    }[kind]
    assert expected in message
    assert snapshot(filled) == before


def test_restore_refuses_the_live_database_itself(filled: Path) -> None:
    before = snapshot(filled)
    with pytest.raises(BackupError, match="database itself"):
        restore_from(filled, filled / DB_FILENAME)
    assert snapshot(filled) == before


def test_validate_backup_gives_the_schema(filled: Path, tmp_path: Path) -> None:
    backup_to(filled, tmp_path / "b.sqlite3")
    assert validate_backup(tmp_path / "b.sqlite3") == CURRENT


def test_an_older_backup_is_upgraded_after_restore(tmp_path: Path) -> None:
    old = tmp_path / "v1.sqlite3"
    conn = sqlite3.connect(old)
    conn.executescript(migrations.V1)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO profiles(name, position, created_at) VALUES ('Alex', 0, '2026-01-01')"
    )
    conn.commit()
    conn.close()
    data_dir = tmp_path / "data"
    result = restore_from(data_dir, old)
    assert (result.restored_version, result.version) == (1, CURRENT)
    database = Database.open(data_dir)
    try:
        assert database.schema_version() == CURRENT
        assert database.conn.execute("SELECT name FROM profiles").fetchall() == [("Alex",)]
    finally:
        database.close()
    # The upgrade kept a copy of the restored file as it was.
    kept = sorted(backups_dir(data_dir).glob(f"{MIGRATION_PREFIX}*-v1.sqlite3"))
    assert len(kept) == 1


def test_restore_over_an_unreadable_database_keeps_its_files(
    data_dir: Path, filled: Path, tmp_path: Path
) -> None:
    backup_to(filled, tmp_path / "b.sqlite3")
    live = filled / DB_FILENAME
    for side in ("-wal", "-shm"):
        Path(f"{live}{side}").unlink(missing_ok=True)
    live.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    damaged = sha(live)
    result = restore_from(filled, tmp_path / "b.sqlite3")
    assert result.safety is not None and sha(result.safety) == damaged
    assert inspect(live).integrity == () and inspect(live).error is None


def test_restore_into_a_wal_database_with_another_page_size(
    filled: Path, tmp_path: Path, clock: FixedClock
) -> None:
    big = tmp_path / "big-pages.sqlite3"
    conn = sqlite3.connect(big)
    conn.execute("PRAGMA page_size = 8192")
    conn.executescript(migrations.V1)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO profiles(name, position, created_at) VALUES ('Kai', 0, '2026-01-01')")
    conn.commit()
    conn.close()
    restore_from(filled, big)
    services = open_services(filled, clock)
    try:
        assert [p.name for p in services.profiles.people()] == ["Kai"]
    finally:
        services.close()


def test_write_copy_never_clobbers_a_file_that_appears_meanwhile(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "b.sqlite3"

    def appears(stage: str, remaining: int, total: int) -> None:
        target.write_text("someone else's")

    monkeypatch.setattr(backup_module, "on_progress", appears)
    conn = sqlite3.connect(filled / DB_FILENAME)
    try:
        with pytest.raises(BackupError, match="already exists"):
            write_copy(conn, target)
    finally:
        conn.close()
    assert target.read_text() == "someone else's"
    assert sorted(os.listdir(tmp_path)) == sorted(["b.sqlite3", "data"])


# --- the automatic backup before a migration ------------------------------------------------


def test_a_migration_is_preceded_by_a_backup_and_they_rotate(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = backups_dir(filled)
    assert not folder.exists(), "a fresh database needs no backup"
    extra: list[str] = []
    for n in range(KEEP_MIGRATION_BACKUPS + 2):
        before = dump(filled / DB_FILENAME)
        extra.append(f"CREATE TABLE extra_{n} (x INTEGER)")
        monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS[:CURRENT], *extra])
        Database.open(filled).close()
        newest = sorted(folder.glob(f"{MIGRATION_PREFIX}*"))[-1]
        assert newest.name.endswith(f"-v{CURRENT + n}.sqlite3"), newest.name
        assert dump(newest) == before, "the backup is the database before the migration"
        assert mode(newest) == 0o600 and mode(folder) == 0o700
    kept = sorted(p.name for p in folder.glob(f"{MIGRATION_PREFIX}*"))
    assert len(kept) == KEEP_MIGRATION_BACKUPS
    versions = [int(name.rsplit("-v", 1)[1].split(".")[0]) for name in kept]
    assert versions == list(range(CURRENT + 2, CURRENT + 2 + KEEP_MIGRATION_BACKUPS))
    # Opening at the current version makes no further backup.
    Database.open(filled).close()
    assert len(list(folder.glob(f"{MIGRATION_PREFIX}*"))) == KEEP_MIGRATION_BACKUPS


def test_an_empty_database_is_migrated_without_a_backup(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Database.open(data_dir).close()
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, "CREATE TABLE e (x)"])
    Database.open(data_dir).close()
    assert not backups_dir(data_dir).exists()


def test_no_migration_when_the_backup_cannot_be_written(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups_dir(filled).write_text("a file where the folder should be")
    before = dump(filled / DB_FILENAME)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, "CREATE TABLE e (x)"])
    with pytest.raises(StorageError) as info:
        Database.open(filled)
    assert "before upgrading" in one_line(str(info.value))
    assert dump(filled / DB_FILENAME) == before


# --- leftovers and folder modes (issue 16, section 6) ----------------------------------------


def test_restores_keep_only_the_newest_copies_of_what_was_there(
    data_dir: Path, tmp_path: Path, clock: FixedClock
) -> None:
    from trustcheck.storage.backup import KEEP_RESTORE_BACKUPS

    other = tmp_path / "other"
    populate(other, clock, note="restored")
    backup_to(other, tmp_path / "b.sqlite3")
    populate(data_dir, clock, note="before")
    for _ in range(KEEP_RESTORE_BACKUPS + 2):
        restore_from(data_dir, tmp_path / "b.sqlite3")
    kept = sorted(backups_dir(data_dir).glob(f"{RESTORE_PREFIX}*"))
    assert len(kept) == KEEP_RESTORE_BACKUPS


def test_a_copy_killed_while_written_leaves_nothing_behind_at_the_next(
    data_dir: Path, tmp_path: Path, clock: FixedClock
) -> None:
    """A SIGKILL during a backup leaves its temporary file: the next copy into that folder
    removes it, once nobody has touched it for an hour (a copy in progress elsewhere is not).
    Ages are read on the file system's clock (a fresh file's time), never the process's."""
    from trustcheck.storage.files import STALE_SECONDS

    other = tmp_path / "other"
    populate(other, clock, note="restored")
    backup_to(other, tmp_path / "b.sqlite3")
    populate(data_dir, clock, note="before")
    folder = backups_dir(data_dir)
    folder.mkdir(mode=0o700, exist_ok=True)
    old = folder / f".{RESTORE_PREFIX}20260101T000000000000Z.sqlite3.abcd1234.partial"
    fresh = folder / f".{RESTORE_PREFIX}20260102T000000000000Z.sqlite3.efgh5678.partial"
    for leftover in (old, fresh):
        leftover.write_bytes(b"half a copy")
    hour_ago = fresh.stat().st_mtime - STALE_SECONDS - 60
    os.utime(old, (hour_ago, hour_ago))
    restore_from(data_dir, tmp_path / "b.sqlite3")
    assert not old.exists()
    assert fresh.exists()  # maybe another window's copy under way

    target = tmp_path / "mine.sqlite3"
    mine = tmp_path / ".mine.sqlite3.zzzz.partial"
    mine.write_bytes(b"killed")
    os.utime(mine, (hour_ago, hour_ago))
    backup_to(data_dir, target)
    assert target.exists() and not mine.exists()


def test_folders_made_for_the_data_are_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        data = tmp_path / "a" / "b" / "data"
        Database.open(data).close()
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", data):
        assert mode(folder) == 0o700, folder


def test_a_loose_backups_folder_is_tightened_when_the_data_is_opened(filled: Path) -> None:
    folder = backups_dir(filled)
    folder.mkdir(exist_ok=True)
    folder.chmod(0o755)
    Database.open(filled).close()
    assert mode(folder) == 0o700


def test_a_backup_missing_a_table_is_refused_and_doctor_says_so(
    filled: Path, tmp_path: Path
) -> None:
    """Issue 16, section 5: a backup with journal_entries dropped was restored, and doctor then
    said all was fine."""
    from trustcheck.services.ops import doctor

    copy = tmp_path / "b.sqlite3"
    backup_to(filled, copy)
    conn = sqlite3.connect(copy)
    conn.execute("DROP TABLE journal_entries")
    conn.commit()
    conn.close()
    with pytest.raises(BackupError) as refused:
        restore_from(filled, copy)
    assert "tables missing: journal_entries" in str(refused.value)
    target = tmp_path / "broken"
    target.mkdir(mode=0o700)
    shutil.copyfile(copy, target / DB_FILENAME)
    report = doctor(target)
    assert any("tables are missing: journal_entries" in str(p) for p in report.problems)
