"""Power cut in the middle of a migration, a backup or a restore (SIGKILL to a real process).

Each operation must have happened entirely or not at all: the database is at the old version or
the new one, the backup file is absent or complete, the data is the old data or the restored data.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import rawdb
from trustcheck.core.clock import FixedClock
from trustcheck.paths import DB_FILENAME
from trustcheck.services import open_services
from trustcheck.storage import migrations
from trustcheck.storage.backup import (
    MIGRATION_PREFIX,
    RESTORE_PREFIX,
    backup_to,
    backups_dir,
    restore_from,
)
from trustcheck.storage.db import Database

CURRENT = migrations.schema_version()

#: Makes the child slow at one chosen point, and says (on stdout) when it is there.
_PRELUDE = """
import sys, time
from pathlib import Path
from trustcheck.storage import backup, migrations
from trustcheck.storage import db as db_module

where = sys.argv[2]

def pause(stage, remaining, total):
    if stage == where:
        print(stage, flush=True)
        time.sleep(0.05)

backup.STEP_PAGES = 4
backup.on_progress = pause
"""

_MIGRATE = (
    _PRELUDE
    + """
real_configure = db_module._configure

def configure(conn):
    real_configure(conn)

    def sleep_in_sql(seconds):
        print("migrating", flush=True)
        time.sleep(seconds)
        return 0

    conn.create_function("pause", 1, sleep_in_sql)

db_module._configure = configure
migrations.MIGRATIONS = [*migrations.MIGRATIONS, sys.argv[3]]
db_module.Database.open(Path(sys.argv[1])).close()
print("done", flush=True)
"""
)

#: The migration the child is killed in: a big table written, then a long pause, then more.
SLOW_MIGRATION = (
    "CREATE TABLE big (x BLOB); "
    "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 4000) "
    "INSERT INTO big SELECT randomblob(1000) FROM c; "
    "SELECT pause(30); "
    "ALTER TABLE profiles ADD COLUMN colour TEXT"
)
QUICK_MIGRATION = "ALTER TABLE profiles ADD COLUMN colour TEXT"

_BACKUP = (
    _PRELUDE
    + """
backup.backup_to(Path(sys.argv[1]), Path(sys.argv[3]))
print("done", flush=True)
"""
)

_RESTORE = (
    _PRELUDE
    + """
backup.restore_from(Path(sys.argv[1]), Path(sys.argv[3]))
print("done", flush=True)
"""
)


def kill_when(script: str, *args: str, signal_line: str, after: int = 1) -> None:
    """Run ``script``; SIGKILL it once it has printed ``signal_line`` ``after`` times."""
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    try:
        seen = 0
        while seen < after:
            line = child.stdout.readline()
            assert line, f"the child ended first: {child.stderr.read()}"
            assert line.strip() != "done", "the child finished before it could be killed"
            seen += line.strip() == signal_line
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL


def check(path: Path) -> sqlite3.Connection:
    """Open ``path`` as the next run would (recovering its -wal); integrity must be ok."""
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return conn


def names(path: Path) -> list[str]:
    conn = check(path)
    try:
        return [str(r[0]) for r in conn.execute("SELECT name FROM profiles ORDER BY id")]
    finally:
        conn.close()


def setup(data_dir: Path, clock: FixedClock, people: list[str], filler: int = 0) -> None:
    services = open_services(data_dir, clock)
    try:
        services.profiles.setup(people)
        if filler:
            with rawdb.database(services).transaction() as conn:
                conn.execute("CREATE TABLE filler (x BLOB)")
                conn.executemany("INSERT INTO filler VALUES (randomblob(1000))", [()] * filler)
    finally:
        services.close()


def version(path: Path) -> int:
    conn = check(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def tables(path: Path) -> set[str]:
    conn = check(path)
    try:
        return {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()


# --- migrating --------------------------------------------------------------------------------


@pytest.mark.parametrize("during", ["migration", "pre-migration backup"])
def test_sigkill_mid_migration_leaves_the_old_version_whole(
    tmp_path: Path, clock: FixedClock, during: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    setup(data_dir, clock, ["Alex", "Sam"], filler=300)
    db = data_dir / DB_FILENAME
    if during == "migration":
        kill_when(_MIGRATE, str(data_dir), "-", SLOW_MIGRATION, signal_line="migrating")
    else:
        kill_when(_MIGRATE, str(data_dir), "pre-migration", SLOW_MIGRATION, signal_line=during[:13])
    assert version(db) == CURRENT, "the old version: no part of the migration is stored"
    assert "big" not in tables(db)
    assert names(db) == ["Alex", "Sam"]
    folder = backups_dir(data_dir)
    kept = sorted(folder.glob(f"{MIGRATION_PREFIX}*")) if folder.exists() else []
    if during == "migration":
        assert [p.name.endswith(f"-v{CURRENT}.sqlite3") for p in kept] == [True]
        assert names(kept[0]) == ["Alex", "Sam"], "the pre-migration backup is complete"
    else:
        assert kept == [], "a backup cut short never appears under its final name"
    # The next run, with the migration, takes it from the old version to the new one.
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, QUICK_MIGRATION])
    Database.open(data_dir).close()
    assert version(db) == CURRENT + 1
    assert names(db) == ["Alex", "Sam"]


# --- backing up ----------------------------------------------------------------------------------


def test_sigkill_mid_backup_leaves_no_target(tmp_path: Path, clock: FixedClock) -> None:
    data_dir = tmp_path / "data"
    setup(data_dir, clock, ["Alex", "Sam"], filler=200)
    target = tmp_path / "out" / "b.sqlite3"
    target.parent.mkdir()
    kill_when(_BACKUP, str(data_dir), "backup", str(target), signal_line="backup", after=3)
    assert not target.exists(), "absent, or complete: never a part"
    # A later backup to the same name is not hindered by what the killed one left.
    backup_to(data_dir, target)
    assert names(target) == ["Alex", "Sam"]


# --- restoring -----------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["safety", "restore"])
def test_sigkill_mid_restore_leaves_the_old_data_whole(
    tmp_path: Path, clock: FixedClock, stage: str
) -> None:
    data_dir = tmp_path / "data"
    setup(data_dir, clock, ["Alex", "Sam"], filler=200)
    other = tmp_path / "other"
    setup(other, clock, ["Kai"], filler=300)
    source = tmp_path / "kai.sqlite3"
    backup_to(other, source)
    db = data_dir / DB_FILENAME
    kill_when(_RESTORE, str(data_dir), stage, str(source), signal_line=stage, after=3)
    assert names(db) == ["Alex", "Sam"], "the old data, not a mix"
    assert "filler" in tables(db)
    safety = sorted(backups_dir(data_dir).glob(f"{RESTORE_PREFIX}*"))
    if stage == "restore":
        assert len(safety) == 1 and names(safety[0]) == ["Alex", "Sam"]
    else:
        assert safety == []
    # Restoring again completes; the data folder then holds the backup's data.
    open_services(data_dir, clock).close()
    restore_from(data_dir, source)
    assert names(db) == ["Kai"]
