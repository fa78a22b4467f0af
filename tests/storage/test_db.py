"""The database file: creation, pragmas, permissions, migrations, and every refusal."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from trustcheck.paths import DB_FILENAME
from trustcheck.storage import db as db_module
from trustcheck.storage import migrations
from trustcheck.storage.db import BUSY_TIMEOUT_MS, Database
from trustcheck.storage.errors import CorruptDatabaseError, NewerDatabaseError, StorageError

V1_TABLES = {
    "settings",
    "profiles",
    "checkins",
    "checkin_participants",
    "answers",
    "commitments",
}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def opened(data_dir: Path) -> Iterator[Database]:
    database = Database.open(data_dir)
    try:
        yield database
    finally:
        database.close()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {str(r[0]) for r in rows}


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})").fetchall()]


def _one_line(message: str) -> None:
    assert message.strip()
    assert "\n" not in message and "\r" not in message


# --- a fresh database --------------------------------------------------------------------------


def test_fresh_database_is_at_the_current_schema_version(opened: Database) -> None:
    assert opened.schema_version() == migrations.schema_version()
    assert opened.conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS)
    assert _tables(opened.conn) >= V1_TABLES


def test_fresh_database_pragmas(opened: Database) -> None:
    conn = opened.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
    assert BUSY_TIMEOUT_MS >= 1000


def test_foreign_keys_are_enforced(opened: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError), opened.transaction() as conn:
        conn.execute(
            "INSERT INTO checkin_participants(checkin_id, profile_id, position) VALUES (42, 42, 0)"
        )


def test_fresh_database_is_empty_until_a_profile_or_checkin(
    opened: Database, data_dir: Path
) -> None:
    assert opened.is_empty()
    with opened.transaction() as conn:
        conn.execute("INSERT INTO settings(key, value) VALUES ('theme', 'dark')")
    assert opened.is_empty(), "settings alone are not user data"
    with opened.transaction() as conn:
        conn.execute(
            "INSERT INTO profiles(name, position, created_at) VALUES ('Alex', 0, '2026-11-25')"
        )
    assert not opened.is_empty()


def test_is_empty_is_false_with_only_a_checkin(opened: Database) -> None:
    with opened.transaction() as conn:
        conn.execute(
            "INSERT INTO checkins(week, status, step, started_at, updated_at) "
            "VALUES ('2026-11-23', 'abandoned', 'open', 'x', 'x')"
        )
    assert not opened.is_empty()


def test_reopening_keeps_data_and_version(data_dir: Path) -> None:
    first = Database.open(data_dir)
    with first.transaction() as conn:
        conn.execute("INSERT INTO settings(key, value) VALUES ('k', 'v')")
    first.close()
    second = Database.open(data_dir)
    try:
        assert second.schema_version() == migrations.schema_version()
        assert second.conn.execute("SELECT value FROM settings").fetchall() == [("v",)]
    finally:
        second.close()


def test_transaction_rolls_back_everything_on_error(opened: Database) -> None:
    with pytest.raises(RuntimeError), opened.transaction() as conn:
        conn.execute("INSERT INTO settings(key, value) VALUES ('a', '1')")
        raise RuntimeError("boom")
    assert opened.conn.execute("SELECT count(*) FROM settings").fetchone()[0] == 0
    assert not opened.conn.in_transaction


# --- permissions -------------------------------------------------------------------------------


def test_folder_and_files_are_private_even_with_umask_0(tmp_path: Path) -> None:
    data_dir = tmp_path / "nested" / "data"
    old = os.umask(0)
    try:
        database = Database.open(data_dir)
        try:
            with database.transaction() as conn:
                conn.execute("INSERT INTO settings(key, value) VALUES ('k', 'v')")
            path = data_dir / DB_FILENAME
            wal = path.with_name(path.name + "-wal")
            shm = path.with_name(path.name + "-shm")
            assert wal.exists() and shm.exists(), "WAL mode keeps -wal and -shm while open"
            assert _mode(data_dir) == 0o700
            for f in (path, wal, shm):
                assert _mode(f) == 0o600, f"{f.name} is {oct(_mode(f))}"
        finally:
            database.close()
    finally:
        os.umask(old)


def test_existing_open_folder_and_file_are_tightened(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    Database.open(data_dir).close()
    path = data_dir / DB_FILENAME
    path.chmod(0o644)
    Database.open(data_dir).close()
    assert _mode(data_dir) == 0o700
    assert _mode(path) == 0o600


def test_a_file_where_the_folder_should_be_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError) as info:
        Database.open(blocker)
    _one_line(str(info.value))
    assert str(blocker) in str(info.value)
    assert blocker.read_text() == "not a folder"


# --- migrations --------------------------------------------------------------------------------

V2_COLOUR = "ALTER TABLE profiles ADD COLUMN colour TEXT"


def _build_v1_fixture(data_dir: Path) -> Path:
    """A database as the first release wrote it, built from the shipped V1 script alone."""
    data_dir.mkdir(parents=True, mode=0o700)
    path = data_dir / DB_FILENAME
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.executescript(migrations.V1)
        conn.execute("PRAGMA user_version = 1")
        conn.execute(
            "INSERT INTO profiles(id, name, position, created_at) VALUES "
            "(1, 'Alex', 0, '2026-01-05T19:00:00+00:00'), "
            "(2, 'Sam', 1, '2026-01-05T19:00:00+00:00')"
        )
        conn.execute(
            "INSERT INTO checkins(id, week, status, step, started_at, updated_at, completed_at) "
            "VALUES (1, '2026-01-05', 'completed', 'close', '2026-01-11T19:00:00+00:00', "
            "'2026-01-11T19:20:00+00:00', '2026-01-11T19:20:00+00:00')"
        )
        conn.execute(
            "INSERT INTO checkin_participants(checkin_id, profile_id, position) "
            "VALUES (1, 1, 0), (1, 2, 1)"
        )
        conn.execute(
            "INSERT INTO answers(checkin_id, profile_id, pack_id, pack_version, item_id, value, "
            "answered_at) VALUES (1, 1, 'weekly', 1, 'comm.heard', 5, '2026-01-11T19:05:00'), "
            "(1, 2, 'weekly', 1, 'comm.heard', 3, '2026-01-11T19:10:00')"
        )
    finally:
        conn.close()
    return path


def _fixture_at(data_dir: Path, version: int) -> sqlite3.Connection:
    """The V1 fixture migrated to ``version`` as the trustcheck of that version left it, open
    in autocommit for a test to add rows the later migrations must carry."""
    conn = sqlite3.connect(_build_v1_fixture(data_dir), isolation_level=None)
    for script in migrations.MIGRATIONS[1:version]:
        conn.executescript(script)
    conn.execute(f"PRAGMA user_version = {version}")
    return conn


def _v1_data(conn: sqlite3.Connection) -> tuple[list[tuple[object, ...]], ...]:
    return (
        conn.execute("SELECT id, name, position FROM profiles ORDER BY id").fetchall(),
        conn.execute("SELECT id, week, status FROM checkins ORDER BY id").fetchall(),
        conn.execute(
            "SELECT profile_id, pack_id, pack_version, item_id, value FROM answers ORDER BY id"
        ).fetchall(),
    )


EXPECTED_V1_DATA = (
    [(1, "Alex", 0), (2, "Sam", 1)],
    [(1, "2026-01-05", "completed")],
    [(1, "weekly", 1, "comm.heard", 5), (2, "weekly", 1, "comm.heard", 3)],
)


CURRENT = migrations.schema_version()


def test_v1_fixture_migrates_to_the_current_version(data_dir: Path) -> None:
    _build_v1_fixture(data_dir)
    database = Database.open(data_dir)
    try:
        assert database.schema_version() == CURRENT == 13
        assert _v1_data(database.conn) == EXPECTED_V1_DATA
        # V2: private data.
        assert "wrapped_key" in _columns(database.conn, "profiles")
        assert "text_sealed" in _columns(database.conn, "answers")
        assert "journal_entries" in _tables(database.conn)
        # V3: pack wording snapshots and sealed safety answers.
        assert {"pack_versions", "safety_answers"} <= _tables(database.conn)
        # V4: read indexes for trends and the summary.
        indexes = {
            r[0]
            for r in database.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        assert {"answers_rated", "answers_written", "journal_entries_by_time"} <= indexes
        # V5 (issue 12, section 6): sealed journal drafts, one per person.
        assert _columns(database.conn, "journal_drafts") == ["profile_id", "saved_at", "body"]
        # V6: drafts of written answers, apart from the answers.
        assert "answer_drafts" in _tables(database.conn)
        assert database.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        database.close()


def test_a_v4_database_upgrades_with_its_journal_kept(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """V5 (journal drafts) over a V4 database: entries stay, an empty drafts table appears."""
    _build_v1_fixture(data_dir)
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:4])
        database = Database.open(data_dir)
        try:
            assert database.schema_version() == 4
            assert "journal_drafts" not in _tables(database.conn)
            with database.transaction() as conn:
                conn.execute(
                    "INSERT INTO journal_entries(profile_id, written_at, updated_at, body) "
                    "VALUES (1, '2026-01-06T20:00:00+00:00', '2026-01-06T20:00:00+00:00', X'0102')"
                )
        finally:
            database.close()
    database = Database.open(data_dir)
    try:
        assert database.schema_version() == CURRENT
        assert _v1_data(database.conn) == EXPECTED_V1_DATA
        entries = database.conn.execute("SELECT profile_id, body FROM journal_entries").fetchall()
        assert entries == [(1, b"\x01\x02")]
        assert database.conn.execute("SELECT count(*) FROM journal_drafts").fetchone() == (0,)
    finally:
        database.close()


def test_a_v4_database_gains_drafts_and_keeps_its_answers(data_dir: Path) -> None:
    """Schema V6 (drafts of written answers) upgrades a V4 database without touching its data,
    and the new table refuses a private draft in clear text."""
    _fixture_at(data_dir, 4).close()
    database = Database.open(data_dir)
    try:
        assert database.schema_version() == CURRENT
        assert _v1_data(database.conn) == EXPECTED_V1_DATA
        assert "answer_drafts" in _tables(database.conn)
        insert = (
            "INSERT INTO answer_drafts(checkin_id, profile_id, pack_id, item_id, visibility, "
            "text, text_sealed, saved_at) VALUES (1, 1, 'weekly', 'open.hurt', ?, ?, ?, 'now')"
        )
        with pytest.raises(sqlite3.IntegrityError):
            database.conn.execute(insert, ("private", "in the clear", None))
        with pytest.raises(sqlite3.IntegrityError):
            database.conn.execute(insert, ("shared", None, None))
        database.conn.execute(insert, ("private", None, b"sealed"))
    finally:
        database.close()


def test_a_further_migration_keeps_data(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _build_v1_fixture(data_dir)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, V2_COLOUR])
    assert migrations.schema_version() == CURRENT + 1
    database = Database.open(data_dir)
    try:
        assert database.schema_version() == CURRENT + 1
        assert "colour" in _columns(database.conn, "profiles")
        assert _v1_data(database.conn) == EXPECTED_V1_DATA
        colours = database.conn.execute("SELECT colour FROM profiles").fetchall()
        assert colours == [(None,), (None,)]
    finally:
        database.close()
    # Opening again runs nothing twice.
    Database.open(data_dir).close()


def test_a_fresh_database_runs_every_migration_in_order(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    v3 = "CREATE TABLE palette (colour TEXT NOT NULL); INSERT INTO palette(colour) VALUES ('teal')"
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, V2_COLOUR, v3])
    database = Database.open(data_dir)
    try:
        assert database.schema_version() == CURRENT + 2
        assert "colour" in _columns(database.conn, "profiles")
        assert database.conn.execute("SELECT colour FROM palette").fetchall() == [("teal",)]
    finally:
        database.close()


def test_a_migration_failing_midway_rolls_back_entirely(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _build_v1_fixture(data_dir)
    broken = (
        "ALTER TABLE profiles ADD COLUMN colour TEXT; "
        "CREATE TABLE half_done (x INTEGER); "
        "CREATE TABLE oops (;"
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    with pytest.raises((StorageError, sqlite3.Error)) as info:
        Database.open(data_dir)
    if isinstance(info.value, StorageError):
        _one_line(str(info.value))
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT
        assert "colour" not in _columns(conn, "profiles")
        assert "half_done" not in _tables(conn)
        assert _v1_data(conn) == EXPECTED_V1_DATA
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    # The file still opens with the migrations this trustcheck really has.
    monkeypatch.undo()
    Database.open(data_dir).close()


def test_the_migrations_before_a_failing_one_stay_applied(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each migration is its own transaction: v2 is kept when v3 fails, never half of v3."""
    path = _build_v1_fixture(data_dir)
    v3 = "CREATE TABLE palette (colour TEXT); THIS IS NOT SQL"
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, V2_COLOUR, v3])
    with pytest.raises((StorageError, sqlite3.Error)):
        Database.open(data_dir)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT + 1
        assert "colour" in _columns(conn, "profiles")
        assert "palette" not in _tables(conn)
    finally:
        conn.close()


def test_open_tolerates_another_opener_migrating_first(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulates two terminals opening a fresh folder at once, the other one winning the race."""
    real_configure = db_module._configure
    raced = []

    def configure_after_the_other_terminal(conn: sqlite3.Connection) -> None:
        if not raced:
            raced.append(True)
            Database.open(data_dir).close()  # the other terminal creates the schema now
        real_configure(conn)

    monkeypatch.setattr(db_module, "_configure", configure_after_the_other_terminal)
    database = Database.open(data_dir)
    try:
        assert raced
        assert database.schema_version() == migrations.schema_version()
    finally:
        database.close()


_OPEN_AT = """
import sys, time
from pathlib import Path
from trustcheck.storage.db import Database
start = float(sys.argv[2])
while time.time() < start:
    pass
try:
    Database.open(Path(sys.argv[1])).close()
    print("ok")
except Exception as exc:
    print(type(exc).__name__, exc)
"""


def test_many_processes_open_a_fresh_folder_at_once(tmp_path: Path) -> None:
    failures = []
    for round_ in range(3):
        folder = tmp_path / f"fresh{round_}"
        start = time.time() + 0.6
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", _OPEN_AT, str(folder), str(start)],
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        for proc in procs:
            out, _ = proc.communicate(timeout=30)
            if out.strip() != "ok":
                failures.append(out.strip())
    assert failures == []


# --- refusals ----------------------------------------------------------------------------------


def _newer_db(data_dir: Path, *, wal: bool) -> Path:
    data_dir.mkdir(parents=True, mode=0o700)
    path = data_dir / DB_FILENAME
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        if wal:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(migrations.V1)
        conn.execute("CREATE TABLE from_the_future (x)")
        conn.execute("PRAGMA user_version = 99")
    finally:
        conn.close()
    return path


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
def test_a_newer_database_is_refused_and_left_untouched(data_dir: Path, wal: bool) -> None:
    path = _newer_db(data_dir, wal=wal)
    before = _sha256(path)
    listing = sorted(os.listdir(data_dir))
    with pytest.raises(NewerDatabaseError) as info:
        Database.open(data_dir)
    message = str(info.value)
    _one_line(message)
    assert str(path) in message
    assert "99" in message
    assert _sha256(path) == before
    assert sorted(os.listdir(data_dir)) == listing
    assert not path.with_name(path.name + "-wal").exists()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 99
    finally:
        conn.close()


def test_newer_database_error_is_a_storage_error() -> None:
    assert issubclass(NewerDatabaseError, StorageError)
    assert issubclass(CorruptDatabaseError, StorageError)


def test_a_newer_database_with_a_leftover_wal_is_not_modified(tmp_path: Path) -> None:
    """A newer trustcheck that crashed leaves a -wal; we must refuse without checkpointing it."""
    live = tmp_path / "live"
    path = _newer_db(live, wal=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("INSERT INTO from_the_future VALUES (1)")
    crashed = tmp_path / "data"
    shutil.copytree(live, crashed)  # the files as a crash would leave them
    conn.close()
    copy = crashed / DB_FILENAME
    wal = copy.with_name(copy.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    before = (_sha256(copy), _sha256(wal))
    with pytest.raises(NewerDatabaseError):
        Database.open(crashed)
    assert wal.exists()
    assert (_sha256(copy), _sha256(wal)) == before


def test_a_corrupt_file_is_refused_and_left_untouched(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    path = data_dir / DB_FILENAME
    path.write_bytes(random.Random(7).randbytes(8192))
    before = _sha256(path)
    with pytest.raises(CorruptDatabaseError) as info:
        Database.open(data_dir)
    _one_line(str(info.value))
    assert str(path) in str(info.value)
    assert _sha256(path) == before
    assert sorted(os.listdir(data_dir)) == [DB_FILENAME]


def test_a_text_file_in_place_of_the_database_is_refused(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    path = data_dir / DB_FILENAME
    path.write_text("hello\n" * 200)
    before = _sha256(path)
    with pytest.raises(CorruptDatabaseError):
        Database.open(data_dir)
    assert _sha256(path) == before


def test_a_v6_database_gains_not_this_week_and_keeps_its_answers(data_dir: Path) -> None:
    """Schema V7 ("didn't come up this week", issue 14) upgrades a V6 database: its answers stay
    and read as given; the new column never holds a value with it, nor a skip."""
    _fixture_at(data_dir, 6).close()
    database = Database.open(data_dir)
    try:
        assert database.schema_version() == CURRENT == 13
        assert _v1_data(database.conn) == EXPECTED_V1_DATA
        flags = database.conn.execute("SELECT DISTINCT not_this_week FROM answers").fetchall()
        assert flags == [(0,)]
        answer_id = database.conn.execute("SELECT min(id) FROM answers").fetchone()[0]
        with pytest.raises(sqlite3.IntegrityError):  # a value with it
            database.conn.execute("UPDATE answers SET not_this_week = 1 WHERE id = ?", (answer_id,))
        database.conn.execute(
            "UPDATE answers SET not_this_week = 1, value = NULL WHERE id = ?", (answer_id,)
        )
    finally:
        database.close()


def test_a_v7_database_keeps_only_the_day_of_each_answer_and_safety_answer(
    data_dir: Path,
) -> None:
    """Schema V8 (issue 15: no timing that reveals a safety answer) upgrades a V7 database: every
    answer's, safety answer's and answer draft's time becomes the start of its day, offset kept;
    nothing else of them changes."""
    conn = _fixture_at(data_dir, 7)
    try:
        conn.execute(
            "INSERT INTO answers(checkin_id, profile_id, pack_id, pack_version, item_id, value, "
            "answered_at) VALUES (1, 1, 'weekly', 1, 'comm.repair', 4, "
            "'2026-01-11T23:59:59-05:00')"
        )
        conn.execute(
            "INSERT INTO safety_answers(checkin_id, profile_id, answered_at, body) "
            "VALUES (1, 2, '2026-01-11T19:11:42+01:00', x'00ff')"
        )
        conn.execute(
            "INSERT INTO answer_drafts(checkin_id, profile_id, pack_id, item_id, visibility, "
            "text, saved_at) VALUES (1, 1, 'weekly', 'open.need', 'shared', 'half a thought', "
            "'2026-01-11T19:12:03+00:00')"
        )
    finally:
        conn.close()
    database = Database.open(data_dir)
    try:
        assert database.schema_version() == CURRENT == 13
        times = database.conn.execute(
            "SELECT item_id, answered_at FROM answers ORDER BY id"
        ).fetchall()
        assert times == [
            ("comm.heard", "2026-01-11T00:00:00"),
            ("comm.heard", "2026-01-11T00:00:00"),
            ("comm.repair", "2026-01-11T00:00:00-05:00"),
        ]
        safety = database.conn.execute(
            "SELECT checkin_id, profile_id, answered_at, body FROM safety_answers"
        ).fetchall()
        assert safety == [(1, 2, "2026-01-11T00:00:00+01:00", b"\x00\xff")]
        drafts = database.conn.execute("SELECT text, saved_at FROM answer_drafts").fetchall()
        assert drafts == [("half a thought", "2026-01-11T00:00:00+00:00")]
        assert _v1_data(database.conn)[:2] == EXPECTED_V1_DATA[:2]
        # V10: the check-in's own times keep their day too (the hand-over's time would show how
        # long a turn took).
        checkin = database.conn.execute("SELECT started_at FROM checkins").fetchone()
        assert checkin == ("2026-01-11T00:00:00+00:00",)
    finally:
        database.close()


def test_a_v10_database_keeps_each_review_as_the_partners_voice(data_dir: Path) -> None:
    """Schema V12 (issue 17, section 3: commitments that follow through) upgrades a V10 database
    with reviews: each review given before is the view of the person it was made to (the
    partner's voice), the maker's own voice is not said yet, nothing is kept going or let go,
    and a commitment never looked back on is still open."""
    from trustcheck.core.models import CommitmentState, Review
    from trustcheck.services.commitments import CommitmentOutcomes
    from trustcheck.storage.repos.commitments import CommitmentRepo

    conn = _fixture_at(data_dir, 10)
    try:
        conn.execute(
            "INSERT INTO checkins(id, week, status, step, started_at, updated_at, completed_at) "
            "VALUES (2, '2026-01-12', 'completed', 'close', '2026-01-18T00:00:00+00:00', "
            "'2026-01-18T00:00:00+00:00', '2026-01-18T00:00:00+00:00')"
        )
        conn.execute(
            "INSERT INTO commitments(id, checkin_id, owner_id, to_id, text, created_at, review, "
            "reviewed_in, reviewed_at) VALUES "
            "(1, 1, 1, 2, 'Text when late', '2026-01-11T00:00:00+00:00', 'partly', 2, "
            "'2026-01-18T00:00:00+00:00'), "
            "(2, 1, 2, 1, 'Walk after dinner', '2026-01-11T00:00:00+00:00', 'kept', 2, "
            "'2026-01-18T00:00:00+00:00'), "
            "(3, 1, 2, 1, 'Say goodnight', '2026-01-11T00:00:00+00:00', NULL, NULL, NULL)"
        )
    finally:
        conn.close()
    database = Database.open(data_dir)
    try:
        assert database.schema_version() == CURRENT == 13
        assert {"own_review", "carried_from", "dropped_in"} <= set(
            _columns(database.conn, "commitments")
        )
        outcomes = CommitmentOutcomes(CommitmentRepo(database)).made_in(1)
        views = [(o.commitment.text, o.partner_view, o.own_view, o.state) for o in outcomes]
        assert views == [
            ("Text when late", Review.PARTLY, None, CommitmentState.REVIEWED),
            ("Walk after dinner", Review.KEPT, None, CommitmentState.REVIEWED),
            ("Say goodnight", None, None, CommitmentState.OPEN),
        ]
        assert _v1_data(database.conn)[::2] == EXPECTED_V1_DATA[::2]
    finally:
        database.close()


def test_a_v12_database_forgets_the_decisions_of_a_week_ended_early(data_dir: Path) -> None:
    """Schema V13: a week ended early decides nothing about commitments, as ``end_early`` now
    has it. Looks back (both voices) and a letting go given only in such a week, stored by an
    earlier trustcheck, are undone: those commitments are open again. Decisions made in a
    finished week, and what was answered in the week ended early, stay."""
    from trustcheck.core.models import CommitmentState, Review
    from trustcheck.services.commitments import CommitmentOutcomes
    from trustcheck.storage.repos.commitments import CommitmentRepo

    conn = _fixture_at(data_dir, 12)
    day = "'2026-01-18T00:00:00+00:00'"
    try:
        conn.execute(
            "INSERT INTO checkins(id, week, status, step, started_at, updated_at, completed_at) "
            f"VALUES (2, '2026-01-12', 'abandoned', 'commitments', {day}, {day}, NULL), "
            f"(3, '2026-01-19', 'completed', 'close', {day}, {day}, {day})"
        )
        conn.execute(
            "INSERT INTO commitments(id, checkin_id, owner_id, to_id, text, created_at, review, "
            "own_review, reviewed_in, reviewed_at, dropped_in) VALUES "
            f"(1, 1, 1, 2, 'Text when late', {day}, 'kept', 'partly', 2, {day}, NULL), "
            f"(2, 1, 2, 1, 'Walk after dinner', {day}, NULL, NULL, NULL, NULL, 2), "
            f"(3, 1, 2, 1, 'Say goodnight', {day}, 'not_yet', NULL, 3, {day}, NULL)"
        )
        answers_before = conn.execute("SELECT count(*) FROM answers").fetchone()
    finally:
        conn.close()
    database = Database.open(data_dir)
    try:
        assert database.schema_version() == CURRENT == 13
        outcomes = CommitmentOutcomes(CommitmentRepo(database)).made_in(1)
        views = [(o.commitment.text, o.partner_view, o.own_view, o.state) for o in outcomes]
        assert views == [
            ("Text when late", None, None, CommitmentState.OPEN),
            ("Walk after dinner", None, None, CommitmentState.OPEN),
            ("Say goodnight", Review.NOT_YET, None, CommitmentState.REVIEWED),
        ]
        rows = database.conn.execute(
            "SELECT id, reviewed_in, reviewed_at, dropped_in FROM commitments ORDER BY id"
        ).fetchall()
        assert [tuple(r) for r in rows] == [
            (1, None, None, None),
            (2, None, None, None),
            (3, 3, "2026-01-18T00:00:00+00:00", None),
        ]
        status = database.conn.execute("SELECT status FROM checkins WHERE id = 2").fetchone()
        assert tuple(status) == ("abandoned",)
        assert database.conn.execute("SELECT count(*) FROM answers").fetchone() == answers_before
    finally:
        database.close()


# --- a write that cannot happen is one line, and stores nothing (issue 16, section 4) ----------


def test_a_write_blocked_by_another_window_past_the_timeout_is_one_line(data_dir: Path) -> None:
    from trustcheck.storage.errors import WriteFailed

    database = Database.open(data_dir)
    other = sqlite3.connect(database.path, isolation_level=None)
    try:
        database.conn.execute("PRAGMA busy_timeout = 50")  # the app waits 10 s; a test need not
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(WriteFailed) as failed, database.transaction() as conn:
            conn.execute("INSERT INTO settings(key, value) VALUES ('a', 'b')")
        assert "another trustcheck window is saving" in str(failed.value)
        assert "\n" not in str(failed.value)
        other.execute("ROLLBACK")
        found = database.conn.execute("SELECT count(*) FROM settings WHERE key = 'a'")
        assert found.fetchone() == (0,)
        assert not database.conn.in_transaction
    finally:
        other.close()
        database.close()


def test_a_full_disk_is_reported_as_a_full_disk_and_nothing_is_stored(data_dir: Path) -> None:
    from trustcheck.storage.errors import WriteFailed

    database = Database.open(data_dir)
    try:
        pages = database.conn.execute("PRAGMA page_count").fetchone()[0]
        database.conn.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow: SQLITE_FULL
        with pytest.raises(WriteFailed) as failed, database.transaction() as conn:
            conn.executemany(
                "INSERT INTO settings(key, value) VALUES (?, ?)",
                [(f"k{n}", "x" * 2000) for n in range(200)],
            )
        assert str(failed.value) == (
            "the disk is full; nothing was changed: free some space and try again"
        )
        assert "readable" not in str(failed.value)
        count = database.conn.execute("SELECT count(*) FROM settings WHERE key LIKE 'k%'")
        assert count.fetchone() == (0,)
    finally:
        database.close()


# --- a database is checked by its whole schema (issue 16, section 5) ----------------------------


def test_another_programs_sqlite_file_is_refused_and_left_untouched(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    path = data_dir / DB_FILENAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes(body) VALUES ('theirs')")
    conn.commit()
    conn.close()
    before = _sha256(path)
    with pytest.raises(CorruptDatabaseError) as refused:
        Database.open(data_dir)
    assert "another program's tables" in str(refused.value)
    assert _sha256(path) == before
