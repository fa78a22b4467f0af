"""`trustcheck doctor`, `backup -o FILE` and `restore FILE`, run as real processes."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
from pathlib import Path

import pytest

from cli_results import ok, one_line_error, tc
from trustcheck.paths import DB_FILENAME
from trustcheck.storage import migrations


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def rows(data_dir: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        return conn.execute("SELECT id, name FROM profiles ORDER BY id").fetchall()
    finally:
        conn.close()


@pytest.fixture(autouse=True)
def _own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("TRUSTCHECK_CONFIG_DIR", str(tmp_path / "config" / "trustcheck"))


@pytest.fixture
def couple(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    ok(tc(data_dir, "setup", "Alex", "Sam"))
    return data_dir


def test_doctor_on_a_healthy_folder(couple: Path) -> None:
    out = ok(tc(couple, "doctor"))
    lines = out.splitlines()
    assert all(line.startswith(("✓ ", "    hint: ")) for line in lines[:-1]), out
    assert "✗" not in out
    assert str(couple / DB_FILENAME) in out
    assert f"schema: version {migrations.schema_version()}" in out
    assert lines[-1] == "Everything looks fine."
    assert "integrity check: ok" in ok(tc(couple, "doctor", "--full"))


def test_doctor_on_a_missing_folder_says_so(tmp_path: Path) -> None:
    out = ok(tc(tmp_path / "none", "doctor"))
    assert "not created yet" in out
    assert not (tmp_path / "none").exists()


def test_doctor_on_wrong_permissions_names_the_file(couple: Path) -> None:
    (couple / DB_FILENAME).chmod(0o640)
    result = tc(couple, "doctor")
    assert "problem" in one_line_error(result)
    assert f"✗ permissions: {couple / DB_FILENAME} is 0640" in result.stdout
    assert f"    hint: run: chmod 600 {couple / DB_FILENAME}" in result.stdout


def test_doctor_on_a_corrupt_database(couple: Path) -> None:
    db = couple / DB_FILENAME
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE filler (x BLOB)")
    conn.executemany("INSERT INTO filler VALUES (randomblob(600))", [()] * 200)
    conn.commit()
    conn.close()
    data = bytearray(db.read_bytes())
    for page in (8, 12):
        data[page * 4096 : page * 4096 + 600] = bytes(range(200)) * 3
    db.write_bytes(bytes(data))
    before = snapshot(couple)
    result = tc(couple, "doctor")
    one_line_error(result)
    bad = [line for line in result.stdout.splitlines() if line.startswith("✗")]
    assert bad and all(line.startswith("✗ quick check: ") for line in bad), bad
    assert result.stdout.count("hint:") == len(bad), "one hint per problem"
    assert snapshot(couple) == before


def test_doctor_on_a_newer_database(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    conn = sqlite3.connect(folder / DB_FILENAME)
    conn.executescript(migrations.V1)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    (folder / DB_FILENAME).chmod(0o600)
    before = snapshot(folder)
    result = tc(folder, "doctor")
    one_line_error(result)
    assert "✗ schema: version 99, written by a newer trustcheck" in result.stdout
    assert snapshot(folder) == before


def test_backup_and_restore_round_trip(couple: Path, tmp_path: Path) -> None:
    target = tmp_path / "b.sqlite3"
    assert ok(tc(couple, "backup", "-o", str(target))).startswith(f"Backed up {target}")
    assert (target.stat().st_mode & 0o777) == 0o600
    assert "--force" in one_line_error(tc(couple, "backup", "-o", str(target)))
    ok(tc(couple, "backup", "-o", str(target), "--force"))
    fresh = tmp_path / "fresh"
    out = ok(tc(fresh, "restore", str(target)))
    assert "kept in" not in out, "nothing to keep in an empty folder"
    assert out.startswith(f"Restored {target}")
    assert rows(fresh) == rows(couple) == [(1, "Alex"), (2, "Sam")]


def test_restore_over_existing_data_says_where_the_old_data_is(
    couple: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    ok(tc(other, "setup", "Kai"))
    ok(tc(other, "backup", "-o", str(tmp_path / "kai.sqlite3")))
    out = ok(tc(couple, "restore", str(tmp_path / "kai.sqlite3")))
    first = out.splitlines()[0]
    assert first.startswith(f"Your data as it was is kept in {couple / 'backups'}/before-restore-")
    safety = Path(first.removeprefix("Your data as it was is kept in ").rstrip("."))
    assert rows(couple) == [(1, "Kai")]
    conn = sqlite3.connect(safety)
    try:
        assert conn.execute("SELECT name FROM profiles ORDER BY id").fetchall() == [
            ("Alex",),
            ("Sam",),
        ]
    finally:
        conn.close()


def test_restore_refuses_a_bad_file_with_one_line(couple: Path, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n" * 50)
    newer = tmp_path / "newer.sqlite3"
    conn = sqlite3.connect(newer)
    conn.executescript(migrations.V1)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = snapshot(couple)
    assert "not a trustcheck backup" in one_line_error(tc(couple, "restore", str(text)))
    assert "newer trustcheck" in one_line_error(tc(couple, "restore", str(newer)))
    assert "does not exist" in one_line_error(tc(couple, "restore", str(tmp_path / "nope")))
    assert snapshot(couple) == before


def test_backup_with_nothing_to_back_up(tmp_path: Path) -> None:
    message = one_line_error(tc(tmp_path / "empty", "backup", "-o", str(tmp_path / "b")))
    assert "nothing to back up" in message
    assert not (tmp_path / "b").exists()


@pytest.fixture(scope="module")
def tampered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight demo weeks whose stored dates and times were then edited by hand, the way an
    attacker or a careless sqlite3 session would (issue 16 §4)."""
    data_dir = tmp_path_factory.mktemp("tampered") / "data"
    ok(tc(data_dir, "demo", "--weeks", "8", "--no-open"))
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    with conn:
        first = "(SELECT min(id) FROM {})"
        conn.execute(
            "UPDATE checkins SET started_at = '2026-13-45T99:00:00', completed_at = 'now' "
            f"WHERE id = {first.format('checkins')}"
        )
        conn.execute(f"UPDATE answers SET answered_at = 'x' WHERE id = {first.format('answers')}")
        conn.execute(
            "UPDATE journal_entries SET written_at = '2026-02-30T10:00:00+00:00' "
            f"WHERE id = {first.format('journal_entries')}"
        )
    conn.close()
    return data_dir


def test_a_tampered_time_is_one_clear_line_and_doctor_names_where(tampered: Path) -> None:
    """Issue 16 §4: a date or time edited behind the app's back was a traceback (JSON export,
    journal list). Now every command says it in one line, exits non-zero and changes nothing;
    doctor, which said all was fine, lists the columns that hold such values."""
    # What does not read those values still works: the scores are intact (and, read for the
    # first time, kept for the next load: the one write here).
    assert "Trust trends" in ok(tc(tampered, "trends"))
    before = snapshot(tampered)
    exported = one_line_error(tc(tampered, "export", "-f", "json", "-o", "-"))
    assert exported.startswith("a stored date or time is damaged ('2026-13-45T99:00:00')")
    assert "trustcheck doctor" in exported
    # The journal lists the other entries and names the one it cannot place, as a damaged one.
    listed = tc(tampered, "journal", "list", "--as", "Alex", "--passphrase-stdin", input="demo")
    assert listed.returncode == 1 and "Traceback" not in listed.stderr
    assert listed.stdout.count("rating") >= 1
    assert "an entry whose date was changed outside trustcheck" in listed.stderr
    doctor = tc(tampered, "doctor")
    assert "1 problem" in one_line_error(doctor)
    line = next(x for x in doctor.stdout.splitlines() if "dates and times" in x)
    assert line.startswith("✗ ")
    for where in (
        "1 in answers.answered_at",
        "1 in checkins.started_at",
        "1 in checkins.completed_at",
        "1 in journal_entries.written_at",
    ):
        assert where in line
    assert snapshot(tampered) == before


def test_doctor_finds_every_date_and_time_readable_in_a_healthy_history(couple: Path) -> None:
    assert "✓ dates and times: all readable" in ok(tc(couple, "doctor"))


def _under_file_size_limit(
    data_dir: Path, limit: int, *args: str
) -> subprocess.CompletedProcess[str]:
    import os
    import resource
    import sys

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "trustcheck", "--data-dir", str(data_dir), *args],
        input="",
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        preexec_fn=limited,
        timeout=60,
    )


def test_a_file_size_limit_is_one_clear_line_and_nothing_is_half_written(tmp_path: Path) -> None:
    """Issue 16 §4: a file-size limit (``ulimit -f``) was a traceback, or was called "not a
    readable trustcheck database". Now it is one line that names the likely cause, the exit is
    non-zero, the database is untouched and no half-written file is left."""
    couple = tmp_path / "data"
    ok(tc(couple, "demo", "--weeks", "8", "--no-open"))
    before = snapshot(couple)
    opened = _under_file_size_limit(couple, 8 * 1024, "export", "-f", "md", "-o", "-")
    message = one_line_error(opened)
    assert "file-size limit" in message and "nothing was changed" in message
    assert "not a readable" not in message
    out = tmp_path / "out" / "all.json"
    out.parent.mkdir()
    written = _under_file_size_limit(couple, 64 * 1024, "export", "-f", "json", "-o", str(out))
    assert "too large" in one_line_error(written)
    assert list(out.parent.iterdir()) == []
    assert snapshot(couple) == before
