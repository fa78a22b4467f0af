"""Opening the app (``trustcheck``, ``trustcheck --data-dir DIR``) starts the TUI without the
command parser (issue 13, "lazy imports at the edges"): the same app on the same folder, with the
same one-line errors, and every other call still reaches the commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_results import ok, one_line_error, tc
from trustcheck.cli.launch import Launch, app_launch
from trustcheck.paths import DATA_DIR_ENV, DB_FILENAME


@pytest.mark.parametrize(
    ("argv", "launch"),
    [
        ([], Launch(None)),
        (["--data-dir", "/tmp/x"], Launch(Path("/tmp/x"))),
        (["--data-dir=/tmp/x"], Launch(Path("/tmp/x"))),
        (["--data-dir", "~/x"], Launch(Path("~/x").expanduser())),
        # Everything else is the command parser's: commands, options, mistakes.
        (["--help"], None),
        (["-h"], None),
        (["--version"], None),
        (["checkin"], None),
        (["--data-dir"], None),
        (["--data-dir", ""], None),
        (["--data-dir="], None),
        (["--data-dir", "--version"], None),
        (["--data-dir", "/tmp/x", "trends"], None),
        (["--data", "/tmp/x"], None),
    ],
)
def test_only_the_two_launch_forms_skip_the_parser(argv: list[str], launch: Launch | None) -> None:
    assert app_launch(argv) == launch


# The app is replaced by one that reports what it was given and what was imported, then ends.
_PROBE = """
import os
import sys
import trustcheck.tui.app as tui

class Probe:
    return_code = int(os.environ.get("PROBE_CODE", "0"))
    def __init__(self, services, start):
        self.services, self.start = services, start
    def run(self):
        print(self.services.data_dir, self.start, "typer" in sys.modules)

tui.build_app = Probe
sys.argv = ["trustcheck", *sys.argv[1:]]
from trustcheck.cli import main
main()
"""


def launch(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_the_app_opens_on_the_folder_given_without_the_command_parser(tmp_path: Path) -> None:
    data = tmp_path / "data"
    out = ok(launch("--data-dir", str(data)))
    assert out.split() == [str(data), "home", "False"]
    out = ok(launch(f"--data-dir={data}"))
    assert out.split() == [str(data), "home", "False"]


def test_the_app_opens_on_the_folder_the_environment_names(tmp_path: Path) -> None:
    data = tmp_path / "from-env"
    out = ok(launch(env={DATA_DIR_ENV: str(data)}))
    assert out.split() == [str(data), "home", "False"]


def test_another_spelling_of_the_launch_opens_the_same_app(tmp_path: Path) -> None:
    """A form the launcher leaves to the parser still opens the app on the folder given."""
    data = tmp_path / "data"
    out = ok(launch("--data-dir", str(data), "--data-dir", str(data)))
    assert out.split() == [str(data), "home", "True"]


def test_a_damaged_database_is_one_line_and_left_as_it_was(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / DB_FILENAME).write_text("not a database\n" * 100)
    before = (data / DB_FILENAME).read_bytes()
    line = one_line_error(tc(data))  # ``python -m trustcheck --data-dir DATA``: the real launch
    assert "not a readable trustcheck database" in line
    assert (data / DB_FILENAME).read_bytes() == before


def test_a_bad_day_in_the_environment_is_one_line(tmp_path: Path) -> None:
    result = launch("--data-dir", str(tmp_path / "data"), env={"TRUSTCHECK_TODAY": "someday"})
    assert one_line_error(result)


def test_a_crash_in_the_app_ends_the_process_with_a_non_zero_code(tmp_path: Path) -> None:
    """Issue 16, section 4: the app's own exit code (1 after a crash) is the process's."""
    result = launch("--data-dir", str(tmp_path / "data"), env={"PROBE_CODE": "1"})
    assert result.returncode == 1
    assert ok(launch("--data-dir", str(tmp_path / "data"))).split()[1] == "home"


_MEMORY_PROBE = """
import resource, sys
import trustcheck.tui.app as tui
from trustcheck.cli.hardening import is_dumpable

class Probe:
    return_code = 0
    def __init__(self, services, start):
        pass
    def run(self):
        print(resource.getrlimit(resource.RLIMIT_CORE), is_dumpable())

tui.build_app = Probe
sys.argv = ["trustcheck", *sys.argv[1:]]
from trustcheck.cli import main
main()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_the_running_app_writes_no_core_dump_and_cannot_be_attached_to(tmp_path: Path) -> None:
    """Issue 16, section 6: a crash dump taken after ctrl+l held the passphrase and private
    text. The app turns core dumps off and marks itself not dumpable (no same-user ptrace)."""
    result = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, "--data-dir", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ok(result).strip() == "(0, 0) False"
