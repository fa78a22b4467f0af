"""People are never lost (issue 12, section 7), on the command line as real processes: removing
asks for the person's passphrase and is undone by `profile restore`; a removed name typed again
points there (or asks, at a terminal) rather than adding a stranger; `profile rename`; setup
refuses an empty first name; names are matched case-insensitively everywhere one is typed, and an
unknown name lists the people here. Every error is one line, exit 1, and nothing is lost."""

from __future__ import annotations

import json
import os
import pty
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cli_results import ok, one_line_error, tc
from trustcheck.core.clock import FixedClock
from trustcheck.paths import DATA_DIR_ENV, DB_FILENAME
from trustcheck.services import open_services

PASS = "sam sings beside the river"
SECRET = "quince91"  # in Sam's journal


def at_terminal(data_dir: Path, *args: str, answer: str) -> subprocess.CompletedProcess[str]:
    """The command with a terminal as its stdin (someone is there to answer a question);
    ``answer`` is typed."""
    controller, terminal = pty.openpty()
    try:
        os.write(controller, answer.encode())
        return subprocess.run(
            [sys.executable, "-m", "trustcheck", "--data-dir", str(data_dir), *args],
            stdin=terminal,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, DATA_DIR_ENV: str(data_dir), "PYTHONIOENCODING": "utf-8"},
            timeout=60,
        )
    finally:
        os.close(terminal)
        os.close(controller)


def rows(data_dir: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def listed(data_dir: Path, *extra: str) -> list[str]:
    return ok(tc(data_dir, "profile", "list", *extra)).splitlines()


@pytest.fixture
def couple(tmp_path: Path, clock: FixedClock) -> Path:
    """Alex and Sam; one completed check-in of both; Sam has a passphrase and a journal entry."""
    data_dir = tmp_path / "data"
    services = open_services(data_dir, clock)
    try:
        alex, sam = services.profiles.setup(["Alex", "Sam"])
        done = services.checkins.start([alex.id, sam.id])
        services.checkins.save_answer(done.id, alex.id, "comm.heard", value=6)
        services.checkins.save_answer(done.id, sam.id, "comm.heard", value=3)
        services.checkins.complete(done)
    finally:
        services.close()
    ok(tc(data_dir, "profile", "passwd", "sam", "--passphrase-stdin", input=f"{PASS}\n"))
    ok(
        tc(
            data_dir,
            "journal",
            "add",
            "--as",
            "SAM",
            "--passphrase-stdin",
            input=f"{PASS}\n{SECRET}",
        )
    )
    return data_dir


# --- remove, restore --------------------------------------------------------------------------


def test_remove_needs_the_passphrase_and_restore_brings_the_journal_back(couple: Path) -> None:
    """Without the passphrase, or with a wrong one, Sam stays; with it Sam is removed (listed as
    removed, the past check-in kept), and after `profile restore` Sam's journal opens again."""
    line = one_line_error(tc(couple, "profile", "remove", "Sam", "--yes"))
    assert "Sam has a passphrase" in line and "--passphrase-stdin" in line
    wrong = tc(couple, "profile", "remove", "Sam", "--yes", "--passphrase-stdin", input="x1234\n")
    assert one_line_error(wrong) == "wrong passphrase"
    assert listed(couple) == ["Alex", "Sam"]

    removed = ok(
        tc(couple, "profile", "remove", "sam", "--yes", "--passphrase-stdin", input=f"{PASS}\n")
    )
    assert removed == "Removed Sam. `trustcheck profile restore Sam` brings them back.\n"
    assert listed(couple) == ["Alex"]
    assert listed(couple, "--removed") == ["Alex", "Sam (removed 25 Nov 2026)"]
    # Nothing of Sam's is gone: the check-in and the sealed journal entry stay stored.
    assert rows(couple, "SELECT count(*) FROM journal_entries") == [(1,)]
    dump = json.loads(ok(tc(couple, "export", "-f", "json", "-o", "-")))
    assert "Sam" in json.dumps(dump) and '"value": 3' in json.dumps(dump)
    # While removed, Sam's journal is not reachable by name; the line says how to get Sam back.
    line = one_line_error(tc(couple, "journal", "list", "--as", "sam", "--passphrase-stdin"))
    assert (
        line
        == "Sam was removed on 25 Nov 2026: bring them back with `trustcheck profile restore Sam`"
    )

    assert ok(tc(couple, "profile", "restore", "SAM")) == (
        "Sam is back, with their journal and past check-ins.\n"
    )
    assert listed(couple) == ["Alex", "Sam"]
    assert listed(couple, "--removed") == ["Alex", "Sam"]
    journal = ok(
        tc(couple, "journal", "list", "--as", "Sam", "--passphrase-stdin", input=f"{PASS}\n")
    )
    assert SECRET in journal
    trends = ok(tc(couple, "trends"))
    assert "Alex and Sam" in trends


def test_remove_without_a_passphrase_asks_and_no_changes_nothing(couple: Path) -> None:
    result = tc(couple, "profile", "remove", "alex", input="n\n")
    assert one_line_error(result) == "nothing was changed"
    assert listed(couple) == ["Alex", "Sam"]
    assert "Removed Alex." in ok(tc(couple, "profile", "remove", "ALEX", input="y\n"))
    assert listed(couple) == ["Sam"]


def test_restore_errors_are_one_line_and_change_nothing(couple: Path) -> None:
    assert one_line_error(tc(couple, "profile", "restore", "Sam")) == (
        "Sam is here already; nothing to restore"
    )
    assert one_line_error(tc(couple, "profile", "restore", "Bob")) == (
        "no one called 'Bob' was removed; no one has been removed"
    )
    ok(tc(couple, "profile", "remove", "Alex", "--yes"))
    assert one_line_error(tc(couple, "profile", "restore", "Bob")) == (
        "no one called 'Bob' was removed; removed: Alex"
    )
    ok(tc(couple, "profile", "add", "--new", "Kim"))
    assert "already two" in one_line_error(tc(couple, "profile", "restore", "Alex"))
    assert listed(couple, "--removed") == ["Sam", "Kim", "Alex (removed 25 Nov 2026)"]


# --- a removed name typed again ---------------------------------------------------------------


def test_adding_a_removed_name_points_to_restore_and_adds_no_stranger(couple: Path) -> None:
    ok(tc(couple, "profile", "remove", "Sam", "--yes", "--passphrase-stdin", input=f"{PASS}\n"))
    line = one_line_error(tc(couple, "profile", "add", "sam"))
    assert line.startswith("Sam was removed on 25 Nov 2026")
    assert "`trustcheck profile restore Sam`" in line
    assert listed(couple) == ["Alex"]
    assert rows(couple, "SELECT count(*) FROM profiles") == [(2,)]  # no empty stranger


def test_adding_a_removed_name_at_a_terminal_asks_and_restores(couple: Path) -> None:
    ok(tc(couple, "profile", "remove", "Sam", "--yes", "--passphrase-stdin", input=f"{PASS}\n"))
    declined = at_terminal(couple, "profile", "add", "Sam", answer="n\n")
    assert "Bring Sam back" in declined.stdout
    assert one_line_error(declined) == "nothing was changed"
    assert listed(couple) == ["Alex"]
    result = at_terminal(couple, "profile", "add", "SAM", answer="y\n")
    assert result.returncode == 0, result.stderr
    assert "Sam is back" in result.stdout
    assert listed(couple) == ["Alex", "Sam"]
    assert rows(couple, "SELECT count(*) FROM profiles") == [(2,)]
    journal = ok(
        tc(couple, "journal", "list", "--as", "sam", "--passphrase-stdin", input=f"{PASS}\n")
    )
    assert SECRET in journal


def test_add_new_is_someone_else_of_the_same_name(couple: Path) -> None:
    ok(tc(couple, "profile", "remove", "Sam", "--yes", "--passphrase-stdin", input=f"{PASS}\n"))
    assert ok(tc(couple, "profile", "add", "--new", "Sam")) == "Added Sam.\n"
    assert listed(couple, "--removed") == ["Alex", "Sam", "Sam (removed 25 Nov 2026)"]
    line = one_line_error(tc(couple, "journal", "list", "--as", "Sam"))
    assert "no passphrase yet" in line  # the new Sam has a journal of their own


def test_setup_again_with_removed_names_points_to_restore(couple: Path) -> None:
    ok(tc(couple, "profile", "remove", "Sam", "--yes", "--passphrase-stdin", input=f"{PASS}\n"))
    ok(tc(couple, "profile", "remove", "Alex", "--yes"))
    line = one_line_error(tc(couple, "setup", "alex", "Sam"))
    assert line.startswith("Alex was removed on 25 Nov 2026") and "profile restore Alex" in line
    assert listed(couple) == ["No one is set up yet. Run `trustcheck setup NAME [NAME]`."]
    result = at_terminal(couple, "setup", "alex", "sam", answer="y\n")
    assert result.returncode == 0, result.stderr
    assert "Set up for Alex, Sam (couple)." in result.stdout
    assert rows(couple, "SELECT id, name FROM profiles WHERE removed_at IS NULL") == [
        (1, "Alex"),
        (2, "Sam"),
    ]


# --- rename -----------------------------------------------------------------------------------


def test_rename_keeps_the_person_and_refuses_a_name_in_use(couple: Path) -> None:
    assert ok(tc(couple, "profile", "rename", "sam", "Samira")) == "Renamed Sam to Samira.\n"
    assert listed(couple) == ["Alex", "Samira"]
    journal = ok(
        tc(couple, "journal", "list", "--as", "samira", "--passphrase-stdin", input=f"{PASS}\n")
    )
    assert SECRET in journal
    assert one_line_error(tc(couple, "profile", "rename", "Samira", "alex")) == (
        "there is already a profile called 'Alex'"
    )
    assert one_line_error(tc(couple, "profile", "rename", "Samira", " \u200b ")) == (
        "a name cannot be empty"
    )
    assert ok(tc(couple, "profile", "rename", "ALEX", "alex")) == "Renamed Alex to alex.\n"
    assert listed(couple) == ["alex", "Samira"]


# --- setup --------------------------------------------------------------------------------------


@pytest.mark.parametrize("first", [" ", "", "\t", "\u200b", "\u3164", "\u2800 \u200d"])
def test_setup_refuses_an_empty_first_name_and_stores_nothing(tmp_path: Path, first: str) -> None:
    data_dir = tmp_path / "data"
    line = one_line_error(tc(data_dir, "setup", first, "Bo"))
    assert line == "please write your name first (the second name is optional)"
    assert listed(data_dir) == ["No one is set up yet. Run `trustcheck setup NAME [NAME]`."]
    if (data_dir / DB_FILENAME).exists():
        assert rows(data_dir, "SELECT count(*) FROM profiles") == [(0,)]


def test_setup_refuses_the_same_name_twice_in_any_case(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert "already a profile called 'sam'" in one_line_error(tc(data_dir, "setup", "Sam", "sam"))
    assert listed(data_dir) == ["No one is set up yet. Run `trustcheck setup NAME [NAME]`."]


# --- names as typed ---------------------------------------------------------------------------


NAMED = [
    ("journal", "list", "--as", "{name}"),
    ("journal", "add", "--as", "{name}", "words"),
    ("profile", "passwd", "{name}"),
    ("export", "-f", "md", "-o", "-", "--include-private", "{name}"),
    ("profile", "remove", "{name}", "--yes"),
    ("profile", "rename", "{name}", "Kim"),
    ("profile", "restore", "{name}"),
]


@pytest.mark.parametrize("args", NAMED[:4])
def test_a_name_in_another_case_is_found(couple: Path, args: tuple[str, ...]) -> None:
    """`sAm` is Sam: the command goes on to ask Sam's passphrase (wrong here, so nothing
    happens) instead of saying there is no such person."""
    named = [a.format(name="sAm") for a in args]
    new = "walking home under autumn rain"
    result = tc(couple, *named, "--passphrase-stdin", input=f"nope\n{new}\n")
    assert one_line_error(result) == "wrong passphrase"


@pytest.mark.parametrize("args", NAMED[:6])
def test_an_unknown_name_is_one_line_listing_who_is_here(
    couple: Path, args: tuple[str, ...]
) -> None:
    result = tc(couple, *(a.format(name="Samantha") for a in args))
    assert one_line_error(result) == (
        "there is no profile called 'Samantha'; the people here are Alex, Sam"
    )
    assert listed(couple) == ["Alex", "Sam"]


def test_an_unknown_name_when_nobody_is_set_up(tmp_path: Path) -> None:
    line = one_line_error(tc(tmp_path / "data", "journal", "list", "--as", "Sam"))
    assert line == "there is no profile called 'Sam': no one is set up yet"


def test_remove_waits_for_the_checkin_in_progress(couple: Path, clock: FixedClock) -> None:
    """Sam is part of this week's check-in: removing Sam is one line that says what to do first,
    and nothing changes (the check-in, Sam, Sam's key)."""
    clock.advance(days=7)  # this week's is done: next week's is begun
    services = open_services(couple, clock)
    try:
        alex, sam = services.profiles.people()
        services.checkins.start([alex.id, sam.id])
    finally:
        services.close()
    result = tc(couple, "profile", "remove", "Sam", "--yes", "--passphrase-stdin", input=PASS)
    assert one_line_error(result) == (
        "Sam is part of the check-in in progress; finish it or discard it first, then remove them"
    )
    assert listed(couple) == ["Alex", "Sam"]
    assert rows(couple, "SELECT status FROM checkins WHERE status = 'in_progress'") == [
        ("in_progress",)
    ]


def test_a_name_typed_in_another_character_set_is_one_clear_line_and_nothing_changes(
    tmp_path: Path,
) -> None:
    """Issue 16 §4: bytes that are not UTF-8 (a Latin-1 terminal's "ÿ") in a name were a
    traceback. Now one line says so, the exit is non-zero, and what is stored stays as it was."""
    data = tmp_path / "data"
    message = one_line_error(tc(data, "setup", "Al\udcffex"))
    assert "not UTF-8" in message and "character set" in message
    ok(tc(data, "setup", "Alex", "Sam"))
    one_line_error(tc(data, "profile", "add", "Ro\udcfebin"))
    one_line_error(tc(data, "profile", "rename", "Sam", "S\udcfeam"))
    assert ok(tc(data, "profile", "list")).split() == ["Alex", "Sam"]
    # Looking someone up by such a name finds nobody, and says so in one line.
    assert "no profile" in one_line_error(
        tc(data, "export", "-f", "md", "--include-private", "\udcff", "-o", "-")
    )
