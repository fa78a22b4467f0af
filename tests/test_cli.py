"""The command line: in-process with CliRunner, and as a real process for exit codes and stderr.

Nothing here opens the TUI: no bare ``trustcheck``, no ``checkin``, and ``demo`` always --no-open.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import os
import random
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import typer
import typer.core
import typer.main
from typer.testing import CliRunner

import checkin_helpers
import rawdb
from trustcheck import __version__
from trustcheck.core.models import CheckinStatus, Review
from trustcheck.paths import DATA_DIR_ENV, DB_FILENAME
from trustcheck.services import Services, open_services
from trustcheck.services.profiles import ProfileError
from trustcheck.storage import migrations

runner = CliRunner()


def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    from trustcheck.cli.commands import app

    return runner.invoke(app, list(args), input=input)


def run(
    *args: str, env: dict[str, str] | None = None, unset: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """``python -m trustcheck ARGS`` as a real process, with this test's environment."""
    full_env = {**os.environ, **(env or {})}
    for name in unset:
        full_env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "trustcheck", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def assert_user_error(result: subprocess.CompletedProcess[str], *expected: str) -> str:
    """Exit 1, exactly one line on stderr, no traceback; returns that line."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("trustcheck: ")
    for part in expected:
        assert part in line, line
    return line


def opened(data_dir: Path) -> Services:
    return open_services(data_dir)


@pytest.fixture
def data_dir(_private_data_dir: Path) -> Path:
    """The folder TRUSTCHECK_DATA_DIR points at for this test."""
    return _private_data_dir


@pytest.fixture
def couple(data_dir: Path) -> Path:
    result = invoke("setup", "Alex", "Sam")
    assert result.exit_code == 0, result.output
    return data_dir


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- version and help --------------------------------------------------------------------------


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"trustcheck {__version__}"


def test_version_does_not_create_the_data_folder(data_dir: Path) -> None:
    assert invoke("--version").exit_code == 0
    assert invoke("--help").exit_code == 0
    assert not data_dir.exists()


def test_help_lists_the_commands() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for command in ("checkin", "setup", "profile", "demo", "--data-dir", "--version"):
        assert command in result.stdout


def test_profile_help_lists_its_commands() -> None:
    result = invoke("profile", "--help")
    assert result.exit_code == 0
    for command in ("add", "list", "remove"):
        assert re.search(rf"^\s+{command}\b", result.stdout, re.MULTILINE), result.stdout


def test_dash_h_is_help_everywhere() -> None:
    """Issue 17 §5: ``-h`` works like ``--help``, for the app and for every command."""
    for args in ((), ("export",), ("journal",), ("journal", "add"), ("profile", "rename")):
        short, long = invoke(*args, "-h"), invoke(*args, "--help")
        assert short.exit_code == long.exit_code == 0
        assert short.stdout == long.stdout and "Usage:" in short.stdout


def test_the_top_level_help_shows_each_description_in_full() -> None:
    """Issue 17 §5: every command's description is its whole first sentence, never cut with
    "..." to the width left beside the longest name (as click does by default)."""
    from trustcheck.cli.commands import app as typer_app

    listed = " ".join(invoke("--help").stdout.split("Commands:")[1].split())
    assert "..." not in listed
    command = typer.main.get_command(typer_app)
    assert isinstance(command, typer.core.TyperGroup)
    names = command.list_commands(typer.Context(command))
    assert len(names) >= 12
    for name in names:
        sub = command.get_command(typer.Context(command), name)
        assert sub is not None and sub.help
        words = sub.help.split("\n\n")[0].split()
        end = next((k for k, w in enumerate(words) if w.endswith(".")), len(words) - 1)
        assert " ".join(words[: end + 1]) in listed, name  # its first sentence, whole


def test_unknown_command_is_a_usage_error() -> None:
    assert invoke("no-such-command").exit_code == 2


# --- setup and profiles ------------------------------------------------------------------------


def test_setup_then_profile_list(data_dir: Path) -> None:
    result = invoke("setup", "Alex", "Sam")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Set up for Alex, Sam (couple)."
    listed = invoke("profile", "list")
    assert listed.exit_code == 0
    assert listed.stdout.splitlines() == ["Alex", "Sam"]
    services = opened(data_dir)
    try:
        assert [p.name for p in services.profiles.people()] == ["Alex", "Sam"]
    finally:
        services.close()


def test_setup_solo(data_dir: Path) -> None:
    result = invoke("setup", "Kim")
    assert result.exit_code == 0
    assert "(solo)" in result.stdout
    assert invoke("profile", "list").stdout.splitlines() == ["Kim"]


def test_setup_twice_is_refused(couple: Path) -> None:
    result = invoke("setup", "Kim", "Lee")
    assert result.exit_code == 1
    assert "already set up" in result.stderr
    assert invoke("profile", "list").stdout.splitlines() == ["Alex", "Sam"]


def test_data_dir_option_wins_over_the_environment(tmp_path: Path, data_dir: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    assert invoke("--data-dir", str(elsewhere), "setup", "Kim").exit_code == 0
    assert (elsewhere / DB_FILENAME).exists()
    assert not data_dir.exists()
    assert invoke("--data-dir", str(elsewhere), "profile", "list").stdout.splitlines() == ["Kim"]


def test_profile_list_when_nobody_is_set_up() -> None:
    result = invoke("profile", "list")
    assert result.exit_code == 0
    assert "setup" in result.stdout


def test_profile_add_a_third_is_refused(couple: Path) -> None:
    result = invoke("profile", "add", "Kim")
    assert result.exit_code == 1
    assert isinstance(result.exception, ProfileError)
    assert invoke("profile", "list").stdout.splitlines() == ["Alex", "Sam"]


def test_profile_add_cleans_control_characters(data_dir: Path) -> None:
    result = invoke("profile", "add", "Ev\x1b[2Jil\x07")
    assert result.exit_code == 0
    listed = invoke("profile", "list").stdout
    assert "\x1b" not in listed and "\x07" not in listed


def test_profile_remove_with_yes_keeps_history(couple: Path) -> None:
    services = opened(couple)
    try:
        alex, sam = services.profiles.people()
        draft = services.checkins.start([alex.id, sam.id])
        services.checkins.save_answer(draft.id, sam.id, "comm.heard", value=4)
        services.checkins.complete(draft)
    finally:
        services.close()
    result = invoke("profile", "remove", "Sam", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Removed Sam. `trustcheck profile restore Sam`")
    assert invoke("profile", "list").stdout.splitlines() == ["Alex"]
    services = opened(couple)
    try:
        (done,) = rawdb.checkins(services).completed()
        assert (
            checkin_helpers.answers_of(services.checkins, done.id, sam.id)["comm.heard"].value == 4
        )
    finally:
        services.close()


def test_profile_remove_asks_and_no_keeps_the_person(couple: Path) -> None:
    result = invoke("profile", "remove", "Sam", input="n\n")
    assert result.exit_code == 1
    assert invoke("profile", "list").stdout.splitlines() == ["Alex", "Sam"]
    result = invoke("profile", "remove", "Sam", input="y\n")
    assert result.exit_code == 0
    assert invoke("profile", "list").stdout.splitlines() == ["Alex"]


# --- demo --------------------------------------------------------------------------------------


def _demo(folder: Path, *extra: str) -> None:
    result = invoke("--data-dir", str(folder), "demo", "--no-open", *extra)
    assert result.exit_code == 0, (result.output, result.exception)
    assert str(folder) in result.stdout


def _history(folder: Path) -> tuple[object, ...]:
    services = opened(folder)
    try:
        answers = rawdb.answers(services).for_completed()
        commitments = [
            (c.owner_id, c.to_id, c.text, c.review) for c in rawdb.commitments(services).all()
        ]
        return tuple(answers.values()), tuple(commitments)
    finally:
        services.close()


def test_demo_fills_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    _demo(folder, "--weeks", "12")
    services = opened(folder)
    try:
        assert [p.name for p in services.profiles.people()] == ["Alex", "Sam"]
        completed = rawdb.checkins(services).completed()
        assert len(completed) == 12
        assert all(c.status is CheckinStatus.COMPLETED for c in completed)
        assert services.checkins.draft() is None
        weeks = [c.week for c in completed]
        assert all(b - a == dt.timedelta(weeks=1) for a, b in itertools.pairwise(weeks))
        assert all(w.weekday() == 0 for w in weeks)
        assert weeks[-1] < dt.date.today()
        people = {p.id for p in services.profiles.people()}
        answers = rawdb.answers(services).for_completed()
        assert set(answers) == {c.id for c in completed}
        for checkin_answers in answers.values():
            assert {a.profile_id for a in checkin_answers} == people
            assert len(checkin_answers) == 2 * len(services.pack.items)
        assert rawdb.commitments(services).all()
    finally:
        services.close()
    assert oct((folder.stat().st_mode) & 0o777) == oct(0o700)


def test_a_26_week_demo_reviews_commitments_all_three_ways(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    _demo(folder)  # default: 26 weeks
    services = opened(folder)
    try:
        assert len(rawdb.checkins(services).completed()) == 26
        commitments = rawdb.commitments(services).all()
        reviews = {c.review for c in commitments}
        assert {Review.KEPT, Review.PARTLY, Review.NOT_YET} <= reviews
        for c in commitments:
            assert c.owner_id != c.to_id
            if c.review is not None:
                assert c.reviewed_in is not None and c.reviewed_in > c.checkin_id
    finally:
        services.close()


def test_demo_same_seed_same_history_other_seed_other_history(tmp_path: Path) -> None:
    _demo(tmp_path / "a", "--weeks", "8", "--seed", "5")
    _demo(tmp_path / "b", "--weeks", "8", "--seed", "5")
    _demo(tmp_path / "c", "--weeks", "8", "--seed", "6")
    a, b, c = (_history(tmp_path / name) for name in "abc")
    assert a == b
    assert a != c


def test_demo_refuses_a_folder_that_holds_data(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    _demo(folder, "--weeks", "3")
    before = _history(folder)
    result = invoke("--data-dir", str(folder), "demo", "--no-open", "--weeks", "3")
    assert result.exit_code == 1
    assert "already holds data" in result.stderr
    assert _history(folder) == before


def test_demo_refuses_a_set_up_folder(couple: Path) -> None:
    result = invoke("demo", "--no-open", "--weeks", "2")
    assert result.exit_code == 1
    services = opened(couple)
    try:
        assert rawdb.checkins(services).completed() == []
    finally:
        services.close()


# --- real processes: exit codes and stderr -----------------------------------------------------


def test_process_version_and_help() -> None:
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.strip() == f"trustcheck {__version__}"
    assert version.stderr == ""
    helped = run("--help")
    assert helped.returncode == 0
    assert "setup" in helped.stdout and "demo" in helped.stdout


def test_process_setup_list_and_errors(tmp_path: Path) -> None:
    env = {DATA_DIR_ENV: str(tmp_path / "proc")}
    assert run("setup", "Alex", "Sam", env=env).returncode == 0
    listed = run("profile", "list", env=env)
    assert (listed.returncode, listed.stdout.splitlines()) == (0, ["Alex", "Sam"])
    assert_user_error(run("profile", "add", "Kim", env=env), "two")
    assert_user_error(run("profile", "remove", "Nobody", "--yes", env=env), "Nobody")
    assert_user_error(run("setup", "Kim", env=env), "already set up")
    removed = run("profile", "remove", "Sam", "--yes", env=env)
    assert removed.returncode == 0 and removed.stderr == ""
    assert run("profile", "list", env=env).stdout.splitlines() == ["Alex"]


def test_process_usage_error_exits_2() -> None:
    assert run("profile", "frobnicate").returncode == 2


def test_process_demo_without_data_dir_uses_a_fresh_temp_folder(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    home = tmp_path / "home"
    temp.mkdir()
    home.mkdir()
    env = {
        "TMPDIR": str(temp),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
    }
    result = run("demo", "--no-open", "--weeks", "4", env=env, unset=(DATA_DIR_ENV,))
    assert result.returncode == 0, result.stderr
    made = [p for p in temp.iterdir() if p.is_dir()]
    assert len(made) == 1
    folder = made[0]
    assert str(folder) in result.stdout
    assert (folder / DB_FILENAME).exists()
    assert not any(home.rglob(DB_FILENAME)), "the real data folder is left alone"
    services = opened(folder)
    try:
        assert len(rawdb.checkins(services).completed()) == 4
    finally:
        services.close()


def test_process_demo_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    assert run("--data-dir", str(folder), "demo", "--no-open", "--weeks", "2").returncode == 0
    assert_user_error(
        run("--data-dir", str(folder), "demo", "--no-open", "--weeks", "2"),
        str(folder),
        "already holds data",
    )


def _newer(folder: Path) -> Path:
    folder.mkdir(parents=True)
    path = folder / DB_FILENAME
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.executescript(migrations.V1)
        conn.execute("PRAGMA user_version = 99")
    finally:
        conn.close()
    return path


@pytest.mark.parametrize("args", [("profile", "list"), ("setup", "Kim"), ("demo", "--no-open")])
def test_process_newer_database_is_one_line_and_untouched(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    folder = tmp_path / "newer"
    path = _newer(folder)
    before = _sha256(path)
    assert_user_error(run("--data-dir", str(folder), *args), str(path), "newer")
    assert _sha256(path) == before
    assert sorted(os.listdir(folder)) == [DB_FILENAME]


def test_process_corrupt_database_is_one_line_and_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "corrupt"
    folder.mkdir()
    path = folder / DB_FILENAME
    path.write_bytes(random.Random(3).randbytes(4096))
    before = _sha256(path)
    assert_user_error(run("--data-dir", str(folder), "profile", "list"), str(path))
    assert _sha256(path) == before


def test_process_data_dir_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert_user_error(run("--data-dir", str(blocker), "profile", "list"), str(blocker))


def test_trustcheck_today_fixes_the_week_for_the_real_command(data_dir: Path) -> None:
    """Tests and demos can fix "today" for the real program (README: TRUSTCHECK_TODAY)."""
    assert run("setup", "Alex", "Sam").returncode == 0
    for day in ("2026-12-23", "2031-03-05"):
        result = run("export", "-f", "json", "-o", "-", env={"TRUSTCHECK_TODAY": day})
        assert result.returncode == 0, result.stderr
        assert f'"exported_at": "{day}T' in result.stdout


def test_a_bad_trustcheck_today_is_one_line_and_changes_nothing(couple: Path) -> None:
    db = couple / DB_FILENAME
    before = _sha256(db)
    result = run("export", "-f", "md", "-o", "-", env={"TRUSTCHECK_TODAY": "next week"})
    assert_user_error(result, "TRUSTCHECK_TODAY", "YYYY-MM-DD")
    assert _sha256(db) == before
