"""Issue 17, section 4: the recovery code on the command line, run as real processes.

`trustcheck profile recovery NAME` makes a one-time code after the passphrase and shows it once;
`trustcheck profile passwd NAME --recovery` takes the code and a new passphrase (production key
derivation, as a person runs it).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from cli_results import ok, one_line_error, tc
from trustcheck import messages
from trustcheck.paths import DB_FILENAME
from trustcheck.storage import crypto

OLD = "alex keeps the blue lantern"
NEW = "walking home under autumn rain"
CODE = re.compile(r"^    ([2-9A-HJ-NP-Z]{4}(?:-[2-9A-HJ-NP-Z]{4}){6})$", re.MULTILINE)


def stored(data_dir: Path) -> tuple[object, ...]:
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        return tuple(
            conn.execute(
                "SELECT p.wrapped_key, p.recovery_wrapped_key, "
                "(SELECT group_concat(hex(body)) FROM journal_entries) FROM profiles p"
            ).fetchone()
        )
    finally:
        conn.close()


def entries(data_dir: Path, passphrase: str) -> str:
    return ok(tc(data_dir, "journal", "list", "--passphrase-stdin", input=f"{passphrase}\n"))


def test_recover_a_forgotten_passphrase_with_the_code_which_works_once(tmp_path: Path) -> None:
    """Code made and shown once with what it means to keep it; a wrong code is one line and
    changes nothing; the right one sets a new passphrase (the old one opens nothing) and is
    used up."""
    data = tmp_path / "data"
    ok(tc(data, "setup", "Alex"))
    ok(tc(data, "profile", "passwd", "Alex", "--passphrase-stdin", input=f"{OLD}\n"))
    ok(tc(data, "journal", "add", "--passphrase-stdin", "A hard day.", input=f"{OLD}\n"))

    made = ok(tc(data, "profile", "recovery", "Alex", "--passphrase-stdin", input=f"{OLD}\n"))
    (code,) = CODE.findall(made)
    flowing = " ".join(made.split())  # wrapped to the terminal's width
    assert messages.RECOVERY_CODE_SHOWN in flowing
    assert messages.RECOVERY_MEANS in flowing
    assert all(len(line) < 100 for line in made.splitlines())
    assert code.encode() not in (data / DB_FILENAME).read_bytes()

    before = stored(data)
    wrong = crypto.new_recovery_code()
    for attempt in (wrong, "not a code at all"):
        result = tc(
            data, "profile", "passwd", "Alex", "--recovery", "--passphrase-stdin",
            input=f"{attempt}\n{NEW}\n",
        )  # fmt: skip
        assert one_line_error(result) == messages.WRONG_RECOVERY_CODE
    assert stored(data) == before
    assert "A hard day." in entries(data, OLD)

    done = ok(
        tc(
            data, "profile", "passwd", "Alex", "--recovery", "--passphrase-stdin",
            input=f"{code.lower()}\n{NEW}\n",
        )
    )  # fmt: skip
    assert done.strip() == messages.RECOVERY_DONE.format(name="Alex")
    assert "A hard day." in entries(data, NEW)
    old = tc(data, "journal", "list", "--passphrase-stdin", input=f"{OLD}\n")
    assert one_line_error(old) == messages.WRONG_PASSPHRASE
    again = tc(
        data, "profile", "passwd", "Alex", "--recovery", "--passphrase-stdin",
        input=f"{code}\n{OLD}\n",
    )  # fmt: skip
    assert one_line_error(again) == messages.NO_RECOVERY_CODE
    assert stored(data)[1] is None


def test_without_a_code_the_recovery_path_says_so_and_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ok(tc(data, "setup", "Alex"))
    ok(tc(data, "profile", "passwd", "Alex", "--passphrase-stdin", input=f"{OLD}\n"))
    before = stored(data)
    result = tc(
        data, "profile", "passwd", "Alex", "--recovery", "--passphrase-stdin",
        input=f"{crypto.new_recovery_code()}\n{NEW}\n",
    )  # fmt: skip
    assert one_line_error(result) == messages.NO_RECOVERY_CODE
    assert stored(data) == before


def test_a_new_code_replaces_the_old_one_and_a_change_keeps_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ok(tc(data, "setup", "Alex"))
    ok(tc(data, "profile", "passwd", "Alex", "--passphrase-stdin", input=f"{OLD}\n"))
    (first,) = CODE.findall(
        ok(tc(data, "profile", "recovery", "Alex", "--passphrase-stdin", input=f"{OLD}\n"))
    )
    second_out = ok(tc(data, "profile", "recovery", "Alex", "--passphrase-stdin", input=f"{OLD}\n"))
    assert messages.RECOVERY_CODE_REPLACES.format(name="Alex") in second_out
    (second,) = CODE.findall(second_out)
    ok(tc(data, "profile", "passwd", "Alex", "--passphrase-stdin", input=f"{OLD}\n{NEW}\n"))
    stale = tc(
        data, "profile", "passwd", "Alex", "--recovery", "--passphrase-stdin",
        input=f"{first}\n{OLD}\n",
    )  # fmt: skip
    assert one_line_error(stale) == messages.WRONG_RECOVERY_CODE
    ok(
        tc(
            data, "profile", "passwd", "Alex", "--recovery", "--passphrase-stdin",
            input=f"{second}\n{OLD}\n",
        )
    )  # fmt: skip
    assert "No entries yet." in entries(data, OLD)


def test_a_backup_carries_the_recovery_wrap_as_it_was(tmp_path: Path) -> None:
    """A backup is a copy of everything as it was: restoring one made before the code was used
    brings back the forgotten passphrase and the code with it (which is why a recovery names
    the older backups, as a passphrase change does)."""
    data = tmp_path / "data"
    ok(tc(data, "setup", "Alex"))
    ok(tc(data, "profile", "passwd", "Alex", "--passphrase-stdin", input=f"{OLD}\n"))
    (code,) = CODE.findall(
        ok(tc(data, "profile", "recovery", "Alex", "--passphrase-stdin", input=f"{OLD}\n"))
    )
    copy = tmp_path / "copy.sqlite3"
    ok(tc(data, "backup", "-o", str(copy)))
    recovered = ok(
        tc(
            data, "profile", "passwd", "Alex", "--recovery", "--passphrase-stdin",
            input=f"{code}\n{NEW}\n",
        )
    )  # fmt: skip
    assert messages.RECOVERY_DONE.format(name="Alex") in recovered
    ok(tc(data, "restore", str(copy)))
    assert stored(data)[1] is not None
    ok(
        tc(
            data, "profile", "passwd", "Alex", "--recovery", "--passphrase-stdin",
            input=f"{code}\n{NEW}\n",
        )
    )  # fmt: skip
    assert "No entries yet." in entries(data, NEW)
