"""`trustcheck history` as a person runs it (issue 17 §1): the list of past check-ins newest first
and a page at a time, one week as it was, one clear line for a week or page that is not there,
and private answers only to their author, after their passphrase."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cli_results import ok, one_line_error, tc
from history_helpers import (
    ALEX_SECRET,
    SAM_SECRET,
    SHARED_NOTE,
    couple_with_passphrases,
    finish_weeks,
)
from trustcheck.core.clock import FixedClock
from trustcheck.services import open_services
from trustcheck.services.safety import SafetyAnswer

#: The day the suite lives on (``TRUSTCHECK_TODAY`` is pinned to it for the command too).
NOW = dt.datetime(2026, 11, 25, 19, 30, tzinfo=dt.UTC)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Four finished weeks of Alex and Sam (the last one last week); in the first, each gave a
    private answer and Sam said yes to the safety question."""
    folder = tmp_path / "data"
    clock = FixedClock(NOW)
    services = open_services(folder, clock)  # the real key cost: the command reads it back
    try:
        people = couple_with_passphrases(services)
        ids = finish_weeks(services, clock, people, 4, private=True)
        services.safety.record(ids[0], people[1].id, SafetyAnswer.YES)
    finally:
        services.close()
    return folder


def test_the_list_is_newest_first_one_line_a_week(data: Path) -> None:
    out = ok(tc(data, "history"))
    lines = out.splitlines()
    rows = [line for line in lines if "week of" in line]
    assert [row.split()[0] for row in rows] == ["4", "3", "2", "1"]
    assert "week of 16 Nov 2026" in rows[0] and "week of 26 Oct 2026" in rows[-1]
    assert all("Alex and Sam" in row for row in rows)
    assert "overall trust: Alex 6 · Sam 7" in rows[0]
    assert all("1 commitment" in row for row in rows)
    assert "4 check-ins" in out and "--page 2" not in out  # one page only
    assert SAM_SECRET not in out and ALEX_SECRET not in out


def test_pages_walk_the_list(data: Path) -> None:
    first = ok(tc(data, "history", "--limit", "3"))
    assert "Page 1 of 2 · 4 check-ins" in first
    assert "More: trustcheck history --page 2" in first
    second = ok(tc(data, "history", "--page", "2", "--limit", "3"))
    rows = [line for line in second.splitlines() if "week of" in line]
    assert len(rows) == 1 and rows[0].split()[0] == "1"
    assert "Page 2 of 2" in second and "More:" not in second


def test_one_week_shows_the_reveal_the_shared_notes_and_its_commitments(data: Path) -> None:
    by_date = ok(tc(data, "history", "2026-11-04"))  # a Wednesday: the week of 2 Nov
    by_number = ok(tc(data, "history", "2"))
    assert by_date == by_number
    out = by_date
    assert out.startswith("The week of 2 Nov 2026\nCheck-in 2 of 4 · Alex and Sam\n")
    for heading in ("Area", "Communication", "Openness", "Trust index", "Overall (0–10)"):
        assert heading in out
    assert "Alex since last" in out  # compared with the week before it
    assert f"{SHARED_NOTE} (Alex, week 2)" in out and f"{SHARED_NOTE} (Sam, week 2)" in out
    assert "Alex → Sam: Text when I'm late (week 2)" in out
    assert "How it went: Sam: Kept · Alex: not said" in out
    newest = ok(tc(data, "history", "4"))
    assert "How it went: not reviewed yet" in newest
    for private in (SAM_SECRET, ALEX_SECRET):
        assert private not in ok(tc(data, "history", "1"))


def test_private_answers_only_to_their_author_after_the_passphrase(data: Path) -> None:
    as_alex = ok(
        tc(data, "history", "1", "--as", "alex", "--passphrase-stdin", input="alex words\n")
    )
    assert ALEX_SECRET in as_alex and SAM_SECRET not in as_alex
    assert "Alex's private answers (only you can see these)" in as_alex
    as_sam = ok(tc(data, "history", "1", "--as", "Sam", "--passphrase-stdin", input="sam words\n"))
    assert SAM_SECRET in as_sam and ALEX_SECRET not in as_sam
    # Nothing from the safety check, whoever asks.
    for out in (as_alex, as_sam):
        assert "safety" not in out.lower() and "afraid" not in out.lower()
    # A week without private answers says so.
    quiet = ok(tc(data, "history", "2", "--as", "Sam", "--passphrase-stdin", input="sam words\n"))
    assert "Sam gave no private answers that week." in quiet
    # Sam's passphrase opens nothing of Alex's, and a wrong one shows nothing at all.
    wrong = tc(data, "history", "1", "--as", "Alex", "--passphrase-stdin", input="sam words\n")
    assert one_line_error(wrong) == "wrong passphrase"
    assert wrong.stdout == ""


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("someday",), "'someday' is not a week: give a date like 2026-11-30, or a number"),
        (("2026-13-01",), "'2026-13-01' is not a week"),
        (("9",), "There is no check-in 9: they are numbered 1 to 4."),
        (("0",), "There is no check-in 0: they are numbered 1 to 4."),
        (("2026-11-23",), "No check-in was finished in the week of 23 Nov 2026."),
        (("--page", "3", "--limit", "2"), "There is no page 3: the list has 2"),
        (("--page", "two"), "--page: 'two' is not a whole number like 2"),
        (("--page", "0"), "--page: give a number from 1 on, not 0"),
        (("--limit", "0"), "--limit: give a number from 1 to 500"),
        (("--as", "Sam"), "--as shows private answers of one week: give the WEEK too."),
        (("1", "--as", "Robin"), "there is no profile called 'Robin'"),
    ],
)
def test_a_week_or_page_that_is_not_there_is_one_clear_line(
    data: Path, args: tuple[str, ...], says: str
) -> None:
    result = tc(data, "history", *args)
    assert says in one_line_error(result)
    assert result.stdout == ""


def test_no_check_ins_yet_is_a_kind_sentence(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    services = open_services(folder, FixedClock(NOW))
    try:
        services.profiles.setup(["Alex", "Sam"])
    finally:
        services.close()
    out = ok(tc(folder, "history"))
    assert out.strip() == (
        "No check-ins finished yet. Once you finish one, it will be here to look back on."
    )
    assert "none has been finished yet" in one_line_error(tc(folder, "history", "1"))


def test_help_describes_history_in_full(tmp_path: Path) -> None:
    top = ok(tc(tmp_path / "data", "--help"))
    assert "history" in top
    assert "Past check-ins, newest first; with a WEEK, that week as it was:" in " ".join(
        top.split()
    )
    for flag in ("--help", "-h"):
        text = " ".join(ok(tc(tmp_path / "data", "history", flag)).split())
        assert "how the commitments went" in text
        assert "--page" in text and "--limit" in text and "--as" in text
        assert "answers to the safety question are never shown" in text
