"""`trustcheck export` and `trustcheck import` as real processes: output, refusals, exit codes,
consent with a passphrase from stdin, and a JSON round trip through the command line."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from cli_results import one_line_error, tc
from trustcheck.core.clock import FixedClock
from trustcheck.services import open_services
from trustcheck.services.demo import DEMO_PASSPHRASE, seed_demo

NOW = dt.datetime(2026, 11, 25, 19, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Alex and Sam, 16 weeks, both with passphrase 'demo' (production key derivation)."""
    folder = tmp_path_factory.mktemp("cli-export") / "data"
    services = open_services(folder, FixedClock(NOW))
    try:
        seed_demo(services, weeks=16)
    finally:
        services.close()
    return folder


def test_markdown_to_stdout(demo: Path) -> None:
    result = tc(demo, "export", "--format", "md", "-o", "-", "--weeks", "8")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# trustcheck summary · Alex and Sam")
    assert "8 weeks · 8 check-ins" in result.stdout
    assert "I didn't. Wrote here instead" not in result.stdout  # Sam's journal stays private


def test_pdf_and_html_need_a_file(demo: Path) -> None:
    for fmt in ("pdf", "html"):
        assert "cannot go to standard output" in one_line_error(
            tc(demo, "export", "-f", fmt, "-o", "-")
        )


def test_no_overwrite_without_force(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.html"
    out.write_text("old")
    assert "already exists" in one_line_error(tc(demo, "export", "-f", "html", "-o", str(out)))
    assert out.read_text() == "old"
    result = tc(demo, "export", "-f", "html", "-o", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert result.stdout.strip() == f"Wrote {out}."


def test_usage_errors_are_one_line(demo: Path) -> None:
    assert "no export format 'docx'" in one_line_error(tc(demo, "export", "-f", "docx", "-o", "-"))
    assert "either --weeks or --since" in one_line_error(
        tc(demo, "export", "-f", "md", "-o", "-", "--weeks", "2", "--since", "2026-10-01")
    )
    assert "not a date" in one_line_error(
        tc(demo, "export", "-f", "md", "-o", "-", "--since", "yesterday")
    )
    assert "always holds everything" in one_line_error(
        tc(demo, "export", "-f", "json", "-o", "-", "--weeks", "2")
    )
    assert "wrong passphrase" in one_line_error(
        tc(
            demo,
            "export",
            "-f",
            "md",
            "-o",
            "-",
            "--include-private",
            "Sam",
            "--passphrase-stdin",
            input="nope\n",
        )
    )


def summary_with(demo: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """A Markdown summary to standard output with ``options``, the demo passphrase on stdin."""
    return tc(
        demo,
        "export",
        "-f",
        "md",
        "-o",
        "-",
        *options,
        "--passphrase-stdin",
        input=DEMO_PASSPHRASE + "\n",
    )


def test_include_private_with_the_passphrase(demo: Path) -> None:
    result = summary_with(demo, "--include-private", "Sam", "--include-journal", "sam")
    assert result.returncode == 0, result.stderr
    assert "Sam's private notes" in result.stdout
    assert "Wrote here instead" in result.stdout  # Sam's journal
    assert "I want more of this" not in result.stdout  # Alex's journal stays out


def test_each_kind_of_private_record_is_its_own_option(demo: Path) -> None:
    """Issue 14: --include-private adds private answers only; the journal and the safety
    answers each need their own option."""
    result = summary_with(demo, "--include-private", "Sam")
    assert result.returncode == 0, result.stderr
    assert "Wrote here instead" not in result.stdout  # Sam's journal was not chosen
    assert "Sam's journal entries" in result.stdout.split("Left out:")[1]
    assert "safety question" in result.stdout.split("Left out:")[1]


def test_private_records_of_two_people_are_refused(demo: Path) -> None:
    result = summary_with(demo, "--include-private", "Sam", "--include-journal", "Alex")
    assert "one person's private records per export" in one_line_error(result)


NEW = "walking home under autumn rain"


def test_json_round_trip_through_the_cli(demo: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    result = tc(
        demo,
        "export",
        "-f",
        "json",
        "-o",
        str(first),
        "--include-private",
        "Alex",
        "--include-journal",
        "Alex",
        "--include-safety",
        "Alex",
        "--passphrase-stdin",
        input=DEMO_PASSPHRASE + "\n",
    )
    assert result.returncode == 0, result.stderr
    target = tmp_path / "moved"
    # A new passphrase easy to guess is refused before anything is imported (issue 16).
    weak = tc(target, "import", str(first), "--passphrase-stdin", input="new words\n")
    assert "easy to guess" in one_line_error(weak)
    result = tc(target, "import", str(first), "--passphrase-stdin", input=f"{NEW}\n")
    assert result.returncode == 0, result.stderr
    assert "Imported 2 people, 16 check-ins" in result.stdout
    assert "Alex's private notes were sealed again" in result.stdout
    again = tc(
        target,
        "export",
        "-f",
        "json",
        "-o",
        "-",
        "--include-private",
        "Alex",
        "--include-journal",
        "Alex",
        "--include-safety",
        "Alex",
        "--passphrase-stdin",
        input=f"{NEW}\n",
    )
    assert again.returncode == 0, again.stderr
    a, b = json.loads(first.read_text()), json.loads(again.stdout)
    a.pop("exported_at"), b.pop("exported_at")
    assert a == b
    # A second import into the same folder is refused, and changes nothing.
    assert "already holds data" in one_line_error(tc(target, "import", str(first)))


def test_malformed_import_changes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "trustcheck-export", "format_version": 2}')
    target = tmp_path / "never"
    message = one_line_error(tc(target, "import", str(bad)))
    assert "format_version 2" in message and "nothing was imported" in message
    assert not target.exists()  # the data folder was not even created
    shutil.rmtree(target, ignore_errors=True)


def test_exporting_a_period_without_check_ins_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    """Issue 14: says so in one line and exits 1, rather than writing a page of "none"."""
    empty = tmp_path / "empty"
    out = tmp_path / "summary.md"
    for fmt in ("md", "pdf", "csv"):
        result = tc(empty, "export", "-f", fmt, "-o", str(out))
        assert result.returncode == 1
        assert "no check-in was completed in the chosen period" in one_line_error(result)
        assert not out.exists()
