"""services.ops.doctor: every check, on healthy, missing, damaged, newer and exposed data."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

import rawdb
from trustcheck.core.clock import FixedClock
from trustcheck.paths import DB_FILENAME, user_packs_dir
from trustcheck.services import open_services
from trustcheck.services.ops import DoctorReport, doctor
from trustcheck.storage import migrations


@pytest.fixture(autouse=True)
def _own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """User packs are looked for under this test's own config folder."""
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("TRUSTCHECK_CONFIG_DIR", str(config / "trustcheck"))
    return user_packs_dir()


@pytest.fixture
def data_dir(tmp_path: Path, clock: FixedClock) -> Path:
    folder = tmp_path / "data"
    services = open_services(folder, clock)
    try:
        alex, sam = services.profiles.setup(["Alex", "Sam"])
        draft = services.checkins.start([alex.id, sam.id])
        services.checkins.save_answer(draft.id, alex.id, "comm.heard", value=4)
    finally:
        services.close()
    return folder


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def labels(report: DoctorReport, *, ok: bool) -> list[str]:
    return [c.label for c in report.checks if c.ok is ok]


def test_a_healthy_folder_has_no_problems_and_is_not_changed(data_dir: Path) -> None:
    before = snapshot(data_dir)
    report = doctor(data_dir)
    assert report.problems == [], report.problems
    assert labels(report, ok=True) == [
        "data folder",
        "permissions",
        "database",
        "schema",
        "quick check",
        "dates and times",
        "foreign keys",
        "journal mode",
        "built-in packs",
        "user packs",
        "support lines",
        "support lines (your file)",
        "free disk",
    ]
    assert str(data_dir / DB_FILENAME) in report.checks[2].detail
    assert f"version {migrations.schema_version()}" in report.checks[3].detail
    assert snapshot(data_dir) == before
    full = doctor(data_dir, full=True)
    assert "integrity check" in labels(full, ok=True)


def test_doctor_while_another_window_has_the_database_open(
    data_dir: Path, clock: FixedClock
) -> None:
    services = open_services(data_dir, clock)
    try:
        rawdb.settings(services).set("theme", "dark")
        assert doctor(data_dir).problems == []
    finally:
        services.close()


def test_a_missing_folder_is_said_and_fine(tmp_path: Path) -> None:
    report = doctor(tmp_path / "nothing-yet")
    assert report.problems == []
    assert "not created yet" in report.checks[0].detail
    assert not (tmp_path / "nothing-yet").exists()


def test_an_empty_folder_is_said_and_fine(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir(mode=0o700)
    report = doctor(tmp_path / "empty")
    assert report.problems == []
    assert any("none yet" in c.detail for c in report.checks)


def test_each_wrong_permission_is_reported_with_a_hint_naming_the_file(data_dir: Path) -> None:
    db = data_dir / DB_FILENAME
    db.chmod(0o644)
    data_dir.chmod(0o755)
    report = doctor(data_dir)
    problems = [c for c in report.problems if c.label == "permissions"]
    assert len(problems) == 2
    assert {c.hint for c in problems} == {f"run: chmod 600 {db}", f"run: chmod 700 {data_dir}"}
    assert any("0644" in c.detail for c in problems)
    assert (db.stat().st_mode & 0o777) == 0o644, "doctor changes nothing"


def test_a_corrupt_database_gives_one_line_per_problem(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    db = folder / DB_FILENAME
    conn = sqlite3.connect(db)
    conn.executescript(migrations.V1)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("CREATE TABLE filler (x BLOB)")
    conn.executemany("INSERT INTO filler VALUES (randomblob(600))", [()] * 300)
    conn.commit()
    conn.close()
    db.chmod(0o600)
    data = bytearray(db.read_bytes())
    for page in (6, 9, 14):
        data[page * 4096 : page * 4096 + 900] = bytes(range(256)) * 3 + bytes(132)
    db.write_bytes(bytes(data))
    before = snapshot(folder)
    report = doctor(folder)
    problems = [c for c in report.problems if c.label == "quick check"]
    assert len(problems) == 3
    for problem in problems:
        assert "\n" not in problem.detail and problem.hint and "restore" in problem.hint
    assert snapshot(folder) == before


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    (folder / DB_FILENAME).write_text("hello\n" * 100)
    (folder / DB_FILENAME).chmod(0o600)
    report = doctor(folder)
    assert [c.label for c in report.problems] == ["database"]
    assert "not a database" in report.problems[0].detail


def test_a_newer_database_is_reported_and_left_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    db = folder / DB_FILENAME
    conn = sqlite3.connect(db)
    conn.executescript(migrations.V1)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    db.chmod(0o600)
    before = snapshot(folder)
    report = doctor(folder)
    assert [c.label for c in report.problems] == ["schema"]
    assert "newer trustcheck" in report.problems[0].detail
    assert "update trustcheck" in (report.problems[0].hint or "")
    assert snapshot(folder) == before


def test_broken_links_and_a_journal_mode_that_is_not_wal(data_dir: Path) -> None:
    conn = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute(
        "INSERT INTO checkin_participants(checkin_id, profile_id, position) VALUES (999, 1, 0)"
    )
    conn.close()
    report = doctor(data_dir)
    assert sorted(c.label for c in report.problems) == ["foreign keys", "journal mode"]
    fk = next(c for c in report.problems if c.label == "foreign keys")
    assert "checkin_participants" in fk.detail


def test_low_disk_space_is_a_problem(data_dir: Path) -> None:
    report = doctor(data_dir, min_free=1 << 60)
    assert [c.label for c in report.problems] == ["free disk"]


def test_a_broken_user_pack_is_named(data_dir: Path, _own_config: Path) -> None:
    _own_config.mkdir(parents=True)
    (_own_config / "mine.toml").write_text('id = "mine"\nversion = "one"\n')
    report = doctor(data_dir)
    assert [c.label for c in report.problems] == ["user packs"]
    assert "mine.toml" in report.problems[0].detail
    assert "packs validate" in (report.problems[0].hint or "")
