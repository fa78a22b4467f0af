"""Plain ``trustcheck trends`` prints its charts without the command parser (issue 13, "lazy
imports at the edges"): the same text as the Typer command, the same one-line errors and exit
codes, and every other spelling still reaches the command."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_results import one_line_error
from trustcheck.cli.trends_quick import TrendsCall, trends_call
from trustcheck.core.clock import FixedClock
from trustcheck.paths import DATA_DIR_ENV
from trustcheck.services import open_services
from trustcheck.services.demo import seed_demo


@pytest.mark.parametrize(
    ("argv", "call"),
    [
        (["trends"], TrendsCall(None)),
        (["--data-dir", "/tmp/x", "trends"], TrendsCall(Path("/tmp/x"))),
        (["--data-dir=/tmp/x", "trends"], TrendsCall(Path("/tmp/x"))),
        (["--data-dir", "~/x", "trends"], TrendsCall(Path("~/x").expanduser())),
        # Everything else is the command parser's: options, other commands, mistakes.
        (["trends", "--weeks", "8"], None),
        (["trends", "--json"], None),
        (["trends", "--help"], None),
        (["trends", "-h"], None),
        (["status"], None),
        ([], None),
        (["--data-dir", "trends"], None),
        (["--data-dir", "", "trends"], None),
        (["--data-dir=", "trends"], None),
        (["--data", "/tmp/x", "trends"], None),
        (["trend"], None),
    ],
)
def test_only_the_plain_trends_call_skips_the_parser(
    argv: list[str], call: TrendsCall | None
) -> None:
    assert trends_call(argv) == call


# Runs the console entry point, or the Typer app itself, and says whether Typer was loaded.
_PROBE = """
import sys
which, args = sys.argv[1], sys.argv[2:]
sys.argv = ["trustcheck", *args]
try:
    if which == "main":
        from trustcheck.cli import main
        main()
    else:
        from trustcheck.cli.commands import run
        run()
    code = 0
except SystemExit as exc:
    code = exc.code or 0
sys.stdout.flush()
sys.stderr.write(f"typer={'typer' in sys.modules}\\n")
sys.exit(code)
"""


def probe(
    which: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _PROBE, which, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={
            **os.environ,
            "COLUMNS": "100",
            "LINES": "40",
            "PYTHONIOENCODING": "utf-8",
            **(env or {}),
        },
        timeout=60,
    )


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("two") / "data"
    services = open_services(data, FixedClock(dt.datetime.now().astimezone()))
    try:
        seed_demo(services, weeks=104)
    finally:
        services.close()
    return data


def test_plain_trends_prints_what_the_command_prints_without_loading_typer(
    two_years: Path,
) -> None:
    quick = probe("main", "--data-dir", str(two_years), "trends")
    parsed = probe("typer", "--data-dir", str(two_years), "trends")
    assert quick.returncode == parsed.returncode == 0
    assert quick.stderr == "typer=False\n"
    assert parsed.stderr == "typer=True\n"
    assert "Alex and Sam" in quick.stdout and "104 weeks" in quick.stdout
    assert quick.stdout == parsed.stdout


def test_the_folder_can_come_from_the_environment(two_years: Path) -> None:
    quick = probe("main", "trends", env={DATA_DIR_ENV: str(two_years)})
    assert quick.returncode == 0 and quick.stderr == "typer=False\n"
    assert "104 weeks" in quick.stdout


def test_a_problem_is_the_same_one_line_error_either_way(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    quick = probe("main", "--data-dir", str(not_a_folder), "trends")
    parsed = probe("typer", "--data-dir", str(not_a_folder), "trends")
    for result in (quick, parsed):
        # The probe's own last line says whether Typer was loaded: the error is the one before it.
        *said, _typer = result.stderr.splitlines()
        one_line_error(subprocess.CompletedProcess(result.args, 1, result.stdout, "\n".join(said)))
        assert result.returncode == 1
    assert quick.stderr.splitlines()[0] == parsed.stderr.splitlines()[0]
    assert quick.stderr.splitlines()[1] == "typer=False"


def test_a_reader_that_goes_away_ends_it_quietly(two_years: Path) -> None:
    """``trustcheck trends | head -1``, with the reader gone before the charts are printed: no
    traceback, exit 1, as the command parser ends it."""
    read, write = os.pipe()
    os.close(read)  # nobody will read
    try:
        result = subprocess.run(
            [sys.executable, "-m", "trustcheck", "--data-dir", str(two_years), "trends"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write)
    assert result.returncode == 1
    assert result.stderr == ""
