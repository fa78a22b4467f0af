"""``trustcheck status [--check]`` (issue 17 §2), run as a shell prompt runs it: a subprocess.

One line (due, in progress with whose turn and never what, or done until a week) and exit 0; with
``--check`` nothing printed, 0 when nothing is due and 3 when a check-in is due or in progress.
Problems are one line and exit 1. It never creates the data folder, and never loads Typer.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import checkin_helpers
import rawdb
from cli_results import one_line_error, tc
from trustcheck import messages
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Step
from trustcheck.paths import DATA_DIR_ENV, DB_FILENAME
from trustcheck.services import Services, open_services

#: The fixed clock every subprocess gets (conftest pins ``TRUSTCHECK_TODAY`` to its day).
NOW = dt.datetime(2026, 11, 25, 19, 30, tzinfo=dt.UTC)


def status(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return tc(data_dir, "status", *args)


def said(data_dir: Path) -> str:
    result = status(data_dir)
    assert result.returncode == 0 and result.stderr == "", result
    (line,) = result.stdout.splitlines()
    return line


def checked(data_dir: Path) -> int:
    result = status(data_dir, "--check")
    assert result.stdout == result.stderr == ""
    return result.returncode


@pytest.fixture
def couple(tmp_path: Path) -> Services:
    services = open_services(tmp_path / "data", FixedClock(NOW), weak_kdf=True)
    services.profiles.setup(["Alex", "Sam"])
    return services


def test_nobody_set_up_is_one_line_and_nothing_is_created(tmp_path: Path) -> None:
    data_dir = tmp_path / "none"
    assert said(data_dir) == messages.STATUS_LINE_NOBODY
    assert checked(data_dir) == 0
    assert not data_dir.exists()


def test_due_then_whose_turn_never_what_then_done(couple: Services) -> None:
    data_dir = couple.data_dir
    alex, sam = couple.profiles.people()
    assert said(data_dir) == messages.STATUS_DUE
    assert checked(data_dir) == 3

    checkins = couple.checkins
    draft = checkins.start([alex.id, sam.id])
    draft = checkin_helpers.advance(checkins, draft)  # to Alex's turn
    item = checkins.pack.items[0]
    checkins.save_answer(draft.id, alex.id, item.id, value=6)
    line = said(data_dir)
    assert line == "A check-in is in progress: it is Alex's turn."
    assert item.text not in line and "6" not in line
    assert checked(data_dir) == 3

    draft = checkin_helpers.go_to(checkins, draft, Step.ANSWER_B)
    assert said(data_dir) == "A check-in is in progress: it is Sam's turn."
    draft = checkin_helpers.go_to(checkins, draft, Step.REVEAL)
    assert said(data_dir) == messages.STATUS_LINE_TOGETHER

    checkins.complete(draft)
    assert said(data_dir) == messages.STATUS_DONE.format(week="week of 30 Nov 2026")
    assert checked(data_dir) == 0
    couple.close()


def test_a_check_in_from_an_earlier_week_is_paused(tmp_path: Path) -> None:
    clock = FixedClock(NOW - dt.timedelta(weeks=2))
    services = open_services(tmp_path / "data", clock, weak_kdf=True)
    alex, sam = services.profiles.setup(["Alex", "Sam"])
    services.checkins.start([alex.id, sam.id])
    services.close()
    assert said(tmp_path / "data") == messages.STATUS_LINE_PAUSED.format(week="week of 9 Nov 2026")
    assert checked(tmp_path / "data") == 3


def test_a_name_is_shown_inert(couple: Services) -> None:
    alex, sam = couple.profiles.people()
    rawdb.database(couple).conn.execute(
        "UPDATE profiles SET name = ? WHERE id = ?", ("Al\x1b]52;c;aGk=\x07ex\u202e", alex.id)
    )
    draft = couple.checkins.start([alex.id, sam.id])
    checkin_helpers.advance(couple.checkins, draft)
    line = said(couple.data_dir)
    assert "\x1b" not in line and "\u202e" not in line and "<U+202E>" in line
    couple.close()


def test_an_older_database_is_read_the_ordinary_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database of an older schema is not glanced at: it is opened as every command opens it
    (upgraded, after a backup), and the line is the same."""
    from trustcheck.storage import migrations

    with monkeypatch.context() as m:  # a couple set up by a trustcheck of schema 9
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:9])
        older = open_services(tmp_path / "data", FixedClock(NOW), weak_kdf=True)
        older.profiles.setup(["Alex", "Sam"])
        data_dir = older.data_dir
        older.close()
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 9
    conn.close()
    assert said(data_dir) == messages.STATUS_DUE
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.schema_version()
    conn.close()


def test_problems_are_one_line_and_exit_1(couple: Services, tmp_path: Path) -> None:
    data_dir = couple.data_dir
    couple.close()
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    assert "newer" in one_line_error(status(data_dir))
    assert "newer" in one_line_error(status(data_dir, "--check"))
    bad_day = subprocess.run(
        [sys.executable, "-m", "trustcheck", "status"],
        capture_output=True,
        text=True,
        env={**os.environ, DATA_DIR_ENV: str(tmp_path / "x"), "TRUSTCHECK_TODAY": "someday"},
        timeout=60,
    )
    assert "TRUSTCHECK_TODAY" in one_line_error(bad_day)


def test_status_loads_no_command_parser_nor_anything_heavy(couple: Services) -> None:
    """It runs at every prompt: no Typer, Textual, Rich, plotting, PDF, encryption or TOML."""
    couple.close()
    code = (
        "import contextlib, io, json, sys\n"
        "from trustcheck.cli import main\n"
        "sys.argv = ['trustcheck', 'status']\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main()\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, DATA_DIR_ENV: str(couple.data_dir)},
        timeout=60,
        check=True,
    ).stdout
    loaded = set(json.loads(out))
    heavy = {"typer", "click", "textual", "rich", "plotext", "fpdf", "cryptography", "tomllib"}
    assert loaded.isdisjoint(heavy), loaded & heavy
