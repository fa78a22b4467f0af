"""`trustcheck profile passwd` and `trustcheck journal add|list`, run as real processes.

These use the production key derivation (~150 ms each), so the number of unlocks is kept low: one
module-wide data folder (Alex and Sam, Alex with a passphrase and two entries) is built once and
copied for each test that changes or reads it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cli_results import ok, one_line_error, tc
from trustcheck.paths import DB_FILENAME

ALEX = "alex keeps the blue lantern"
SAM = "sam sings beside the river"
NEW = "walking home under autumn rain"
SAVED = re.compile(
    r"Saved the entry of [1-9]\d? [A-Z][a-z]{2} \d{4}, \d\d:\d\d in Alex's journal\.\n"
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Alex and Sam; Alex has a passphrase and two entries (from the argument, from stdin)."""
    data_dir = tmp_path_factory.mktemp("journal") / "data"
    outputs = {
        "setup": ok(tc(data_dir, "setup", "Alex", "Sam")),
        "passwd": ok(tc(data_dir, "profile", "passwd", "Alex", "--passphrase-stdin", input=ALEX)),
        "add_arg": ok(
            tc(
                data_dir,
                "journal", "add", "--as", "Alex", "--tag", "work", "--tag", "#calm",
                "--rating", "4", "--therapy", "--passphrase-stdin", "Entry from the argument.",
                input=f"{ALEX}\n",
            )
        ),
        "add_stdin": ok(
            tc(
                data_dir,
                "journal", "add", "--as", "Alex", "--passphrase-stdin",
                input=f"{ALEX}\nEntry from stdin,\nsecond line [/] é.\n",
            )
        ),
    }  # fmt: skip
    return data_dir, outputs


@pytest.fixture
def journal_dir(template: tuple[Path, dict[str, str]], tmp_path: Path) -> Path:
    """A private copy of the template data folder."""
    copy = tmp_path / "copy"
    shutil.copytree(template[0], copy)
    return copy


def entry_count(data_dir: Path) -> int:
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        return int(conn.execute("SELECT count(*) FROM journal_entries").fetchone()[0])
    finally:
        conn.close()


def test_passphrase_set_and_entries_added_from_argument_and_stdin(
    template: tuple[Path, dict[str, str]],
) -> None:
    data_dir, out = template
    assert out["passwd"] == "Passphrase set for Alex.\n"
    # No entry number (ids are shared between people): the entry is named by its date and time.
    for added in (out["add_arg"], out["add_stdin"]):
        assert SAVED.fullmatch(added), added
    assert all(ALEX not in text for text in out.values())
    assert entry_count(data_dir) == 2
    raw = (data_dir / DB_FILENAME).read_bytes()
    assert b"Entry from" not in raw and ALEX.encode() not in raw


def test_list_shows_entries_newest_first(journal_dir: Path) -> None:
    out = ok(tc(journal_dir, "journal", "list", "--as", "Alex", "--passphrase-stdin", input=ALEX))
    assert ALEX not in out
    assert "Entry from stdin,\nsecond line [/] é.\n" in out
    assert "Entry from the argument.\n" in out
    assert out.index("Entry from stdin") < out.index("Entry from the argument")
    meta = out.splitlines()[out.splitlines().index("Entry from the argument.") - 1]
    assert meta.endswith("  rating 4/10  #work  #calm  for therapy")
    # --since (--from): a date in the future leaves nothing
    later = tc(
        journal_dir,
        "journal", "list", "--as", "Alex", "--since", "2999-01-01", "--passphrase-stdin",
        input=ALEX,
    )  # fmt: skip
    assert ok(later) == "No entries match.\n"


def test_wrong_passphrase_shows_nothing_and_writes_nothing(journal_dir: Path) -> None:
    listed = tc(
        journal_dir, "journal", "list", "--as", "Alex", "--passphrase-stdin", input="nope words\n"
    )
    assert listed.returncode == 1
    assert listed.stderr == "trustcheck: wrong passphrase\n"
    assert listed.stdout == ""
    added = tc(
        journal_dir,
        "journal", "add", "--as", "Alex", "--passphrase-stdin", "should not be saved",
        input="nope words\n",
    )  # fmt: skip
    assert one_line_error(added) == "wrong passphrase"
    assert added.stdout == ""
    assert entry_count(journal_dir) == 2


def test_two_people_without_as_is_one_line(journal_dir: Path) -> None:
    for args in (("journal", "list"), ("journal", "add", "words")):
        result = tc(journal_dir, *args, "--passphrase-stdin", input=f"{ALEX}\n")
        line = one_line_error(result)
        assert line == "there are two of you here: say whose journal with --as NAME"
        assert result.stdout == ""


def test_no_passphrase_yet_gives_a_hint(journal_dir: Path) -> None:
    result = tc(journal_dir, "journal", "list", "--as", "Sam", "--passphrase-stdin", input="x\n")
    line = one_line_error(result)
    assert (
        line == "this profile has no passphrase yet: set one with `trustcheck profile passwd Sam`"
    )
    assert result.stdout == ""


def test_since_with_a_bad_date_is_one_line(journal_dir: Path) -> None:
    result = tc(
        journal_dir,
        "journal", "list", "--as", "Alex", "--since", "27/11/2026", "--passphrase-stdin",
        input=ALEX,
    )  # fmt: skip
    assert one_line_error(result) == "--since: '27/11/2026' is not a date like 2026-11-27"
    assert result.stdout == ""


def test_a_damaged_entry_is_named_and_the_others_still_listed(journal_dir: Path) -> None:
    conn = sqlite3.connect(journal_dir / DB_FILENAME)
    try:
        with conn:
            body = bytearray(
                conn.execute("SELECT body FROM journal_entries WHERE id = 1").fetchone()[0]
            )
            body[20] ^= 0xFF
            conn.execute("UPDATE journal_entries SET body = ? WHERE id = 1", (bytes(body),))
    finally:
        conn.close()
    result = tc(journal_dir, "journal", "list", "--as", "Alex", "--passphrase-stdin", input=ALEX)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Entry from stdin" in result.stdout
    assert "Entry from the argument" not in result.stdout
    first, second = result.stderr.splitlines()
    # named by when it was written, never by an id
    assert re.fullmatch(
        r"trustcheck: the entry of [1-9]\d? [A-Z][a-z]{2} \d{4}, \d\d:\d\d is damaged or was "
        r"modified; the others still open",
        first,
    ), first
    assert second == "trustcheck: 1 of the entries could not be opened: damaged or modified"


def test_changing_the_passphrase_from_stdin(journal_dir: Path) -> None:
    changed = tc(
        journal_dir,
        "profile", "passwd", "Alex", "--passphrase-stdin",
        input=f"{ALEX}\n{NEW}\n",
    )  # fmt: skip
    assert ok(changed).startswith("Passphrase changed for Alex: 2 private records are sealed again")
    listed = tc(
        journal_dir,
        "journal", "list", "--as", "Alex", "--passphrase-stdin", input=f"{NEW}\n",
    )  # fmt: skip
    assert "Entry from the argument." in ok(listed)


def test_a_too_short_passphrase_is_one_line(journal_dir: Path) -> None:
    result = tc(journal_dir, "profile", "passwd", "Sam", "--passphrase-stdin", input="abc\n")
    assert one_line_error(result) == "a passphrase needs at least 4 characters you can see"


def test_an_empty_entry_is_one_line(journal_dir: Path) -> None:
    result = tc(
        journal_dir, "journal", "add", "--as", "Alex", "--passphrase-stdin", input=f"{ALEX}\n\n  \n"
    )
    assert one_line_error(result) == "an entry needs a few words"
    assert entry_count(journal_dir) == 2


def test_demo_journal_lists_only_that_persons_entries(tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    made = tc(data_dir, "demo", "--weeks", "2", "--no-open")
    assert "Both passphrases are 'demo'" in ok(made)
    out = ok(tc(data_dir, "journal", "list", "--as", "Sam", "--passphrase-stdin", input="demo\n"))
    assert "Caught myself wanting to check the phone again." in out
    assert "Alex texted when running late." in out
    assert "Old stuff from my last relationship came up." in out
    for alexs in ("Quiet evening.", "I snapped about the dishes.", "We walked for an hour."):
        assert alexs not in out
    assert "#jealousy" in out and "for therapy" in out


def test_a_rating_that_is_not_a_whole_number_is_one_line_and_nothing_is_stored(
    journal_dir: Path,
) -> None:
    """``--rating abc12`` is refused by name (never read as 1), before any passphrase is asked."""
    before = entry_count(journal_dir)
    for typed in ("abc12", "11", "-1", "7.5", " "):
        result = tc(
            journal_dir,
            "journal", "add", "--as", "Alex", "--rating", typed, "--passphrase-stdin", "A day.",
            input=f"{ALEX}\n",
        )  # fmt: skip
        if typed.strip():
            assert one_line_error(result) == (
                f"the rating “{typed}” is not a whole number from 0 to 10; nothing was saved"
            )
            assert result.stdout == ""
        else:
            ok(result)  # a blank rating is no rating
    assert entry_count(journal_dir) == before + 1
    fine = tc(
        journal_dir,
        "journal", "add", "--as", "Alex", "--rating", "10", "--passphrase-stdin", "Ten.",
        input=f"{ALEX}\n",
    )  # fmt: skip
    assert SAVED.fullmatch(ok(fine))
    listed = tc(journal_dir, "journal", "list", "--as", "Alex", "--passphrase-stdin", input=ALEX)
    assert "rating 10/10" in ok(listed)


def test_entries_show_no_number_that_counts_the_other_persons_entries(journal_dir: Path) -> None:
    """Entry ids are shared by everyone's entries, so none is shown: an entry's number is its
    place in its author's own journal. Sam's first entry, written after Alex's two, is [1]."""
    ok(tc(journal_dir, "profile", "passwd", "Sam", "--passphrase-stdin", input=SAM))
    added = ok(
        tc(
            journal_dir,
            "journal", "add", "--as", "Sam", "--passphrase-stdin", "Sam's first.",
            input="sam sings beside the river\n",
        )
    )  # fmt: skip
    assert re.fullmatch(
        r"Saved the entry of [1-9]\d? [A-Z][a-z]{2} \d{4}, \d\d:\d\d in Sam's journal\.\n", added
    ), added
    listed = ok(tc(journal_dir, "journal", "list", "--as", "Sam", "--passphrase-stdin", input=SAM))
    lines = listed.splitlines()
    assert lines[1:] == ["Sam's first.", ""]
    assert re.fullmatch(r"\[1\]  [1-9]\d? [A-Z][a-z]{2} \d{4}, \d\d:\d\d", lines[0]), lines[0]


def test_list_shows_dates_in_the_one_format_of_the_app(journal_dir: Path) -> None:
    """One date format wherever a date is shown to a person (issue 12): ``7 Dec 2026, 19:30``."""
    import re

    out = ok(tc(journal_dir, "journal", "list", "--as", "Alex", "--passphrase-stdin", input=ALEX))
    meta = out.splitlines()[out.splitlines().index("Entry from the argument.") - 1]
    months = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    assert re.match(rf"\[[12]\]  [1-9]\d? ({months}) \d{{4}}, \d\d:\d\d", meta), meta
    assert not re.search(r"\d{4}-\d\d-\d\d", out)


def test_an_entry_or_tag_that_is_not_utf8_is_refused_in_one_line(journal_dir: Path) -> None:
    """Issue 16 §4: bytes that are not UTF-8, from a Latin-1 terminal or a file piped in, are
    refused with one line rather than a traceback, and nothing is stored."""
    import subprocess
    import sys

    command = ("journal", "add", "--as", "Alex", "--passphrase-stdin")

    def add(*args: str, stdin: bytes) -> subprocess.CompletedProcess[str]:
        run = subprocess.run(
            [sys.executable, "-m", "trustcheck", "--data-dir", str(journal_dir), *command, *args],
            input=stdin,
            capture_output=True,
            timeout=60,
        )
        return subprocess.CompletedProcess(
            run.args, run.returncode, run.stdout.decode(), run.stderr.decode()
        )

    listing = ("journal", "list", "--as", "Alex", "--passphrase-stdin")
    before = ok(tc(journal_dir, *listing, input=ALEX))
    piped = add(stdin=ALEX.encode() + b"\ncaf\xe9 with friends\n")
    assert "not UTF-8" in one_line_error(piped)
    assert "not UTF-8" in one_line_error(add("caf\udce9 typed", stdin=ALEX.encode() + b"\n"))
    tagged = add("--tag", "t\udce9", "a fine day", stdin=ALEX.encode() + b"\n")
    assert "a tag" in one_line_error(tagged)
    assert ok(tc(journal_dir, *listing, input=ALEX)) == before


# --- search, edit, delete and export on the command line (issue 17 §4) -------------------------


def _alex(journal_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return tc(journal_dir, "journal", *args, "--as", "Alex", "--passphrase-stdin", input=ALEX)


@pytest.fixture
def searchable(journal_dir: Path) -> Path:
    """Alex's two entries, and three more with words and tags to find."""
    for text, tags in (
        ("Late walk by the river, we talked about trust.", ["trust", "walk"]),
        ("Work was heavy; the walk home helped.", ["work"]),
        ("Talked late about money.", ["Money"]),
    ):
        tag_args = [a for t in tags for a in ("--tag", t)]
        ok(_alex(journal_dir, "add", *tag_args, text))
    return journal_dir


def texts(listed: str) -> list[str]:
    return [line for line in listed.splitlines() if line and not line.startswith("[")]


def test_contains_tag_and_days_narrow_the_list_as_jrnl_does(searchable: Path) -> None:
    # Every word must match, in any order, in the text or a tag, in any case.
    assert texts(ok(_alex(searchable, "list", "--contains", "LATE talked"))) == [
        "Talked late about money.",
        "Late walk by the river, we talked about trust.",
    ]
    assert texts(ok(_alex(searchable, "list", "--contains", "walk trust"))) == [
        "Late walk by the river, we talked about trust."
    ]
    # A tag, with or without #, in any case; repeated tags must all be there.
    assert texts(ok(_alex(searchable, "list", "--tag", "#money"))) == ["Talked late about money."]
    both = _alex(searchable, "list", "--tag", "walk", "--tag", "trust")
    assert texts(ok(both)) == ["Late walk by the river, we talked about trust."]
    assert ok(_alex(searchable, "list", "--tag", "walk", "--tag", "work")) == "No entries match.\n"
    # Days: today's entries are in a range that holds today, and in no range before it.
    assert (
        len(texts(ok(_alex(searchable, "list", "--from", "2026-11-25", "--to", "2026-11-25")))) >= 3
    )
    assert ok(_alex(searchable, "list", "--to", "2026-11-24")) == "No entries match.\n"
    wrong = _alex(searchable, "list", "--from", "2026-12-01", "--to", "2026-11-01")
    assert "after --to" in one_line_error(wrong)


def test_delete_asks_or_needs_yes_and_takes_the_entry_by_its_number(searchable: Path) -> None:
    before = entry_count(searchable)
    assert "--yes" in one_line_error(_alex(searchable, "delete", "3"))  # no terminal to ask at
    assert entry_count(searchable) == before
    assert "no entry 9" in one_line_error(_alex(searchable, "delete", "9", "--yes"))
    deleted = ok(_alex(searchable, "delete", "3", "--yes"))
    assert deleted.startswith("Deleted the entry of ")
    assert entry_count(searchable) == before - 1
    assert "Late walk by the river" not in ok(_alex(searchable, "list"))


def test_edit_goes_through_memory_only_and_leaves_nothing_behind(
    searchable: Path, tmp_path: Path
) -> None:
    """$EDITOR gets the entry in a 0700 folder of a memory-only file system, and the folder is
    gone afterwards; what it saved becomes the entry."""
    from trustcheck.cli.editor import memory_folder

    if memory_folder() is None:
        pytest.skip("this machine has no memory-only folder (the app edits instead)")
    seen = tmp_path / "seen.txt"
    script = tmp_path / "editor.sh"
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s %s\\n" "$1" "$(stat -c %a "$(dirname "$1")")" > "{seen}"\n'
        'sed -i "s/heavy/lighter than I feared/" "$1"\n',
        encoding="utf-8",
    )
    script.chmod(0o700)
    env = {**os.environ, "EDITOR": str(script), "VISUAL": ""}
    edit = ("edit", "4", "--as", "Alex", "--passphrase-stdin")
    edited = subprocess.run(
        [sys.executable, "-m", "trustcheck", "--data-dir", str(searchable), "journal", *edit],
        input=ALEX,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert edited.returncode == 0, edited.stderr
    assert edited.stdout.startswith("Saved the changes to the entry of ")
    path, mode = seen.read_text(encoding="utf-8").split()
    assert mode == "700" and path.startswith(str(memory_folder()))
    assert not Path(path).exists() and not Path(path).parent.exists()
    assert "Work was lighter than I feared; the walk home helped." in ok(_alex(searchable, "list"))


def test_edit_without_a_memory_only_folder_says_so_and_opens_nothing(
    journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from trustcheck.cli import editor
    from trustcheck.cli.commands import app

    monkeypatch.setattr(editor, "memory_folder", lambda: None)
    result = CliRunner().invoke(
        app, ["--data-dir", str(journal_dir), "journal", "edit", "1", "--as", "Alex"]
    )
    assert result.exit_code == 1
    assert "edit it in the app instead" in result.output
    assert "passphrase" not in result.output.casefold()  # asked for nothing it cannot edit


def test_export_one_journal_as_markdown_or_json(searchable: Path, tmp_path: Path) -> None:
    md = ok(_alex(searchable, "export", "-f", "md"))
    assert md.startswith("# Alex's journal\n") and "Entry from the argument." in md
    assert "\\#trust" in md  # a tag, escaped: never a Markdown heading
    out = tmp_path / "alex.json"
    wrote = ok(_alex(searchable, "export", "-f", "json", "-o", str(out)))
    assert "5 entries of Alex's journal" in wrote
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "trustcheck-journal" and data["person"] == "Alex"
    assert data["entries"][0]["text"] == "Entry from the argument."
    assert data["entries"][0]["tags"] == ["work", "calm"] and data["entries"][0]["for_therapy"]
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert "already exists" in one_line_error(
        _alex(searchable, "export", "-f", "json", "-o", str(out))
    )
    assert "-f md or -f json" in one_line_error(_alex(searchable, "export", "-f", "pdf"))
