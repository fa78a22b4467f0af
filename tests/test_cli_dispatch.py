"""A call registers only the command it runs (``cli/dispatch.py``), and nothing a person sees of
the command line changes for it: the table names every command and the module that registers
it, ``--help`` still lists them all in order, and a misspelt command is still suggested."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trustcheck.cli.dispatch import COMMANDS, MODULES, command_name, modules_for


def _python(code: str, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_table_names_each_command_and_the_module_that_registers_it() -> None:
    # In a fresh process, each module is imported in turn: what it adds to the app is its own.
    code = (
        "import json\n"
        "from typer.main import get_command\n"
        "from trustcheck.cli._app import app\n"
        "from trustcheck.cli.dispatch import MODULES, register\n"
        "seen, out = set(), {}\n"
        "for m in MODULES:\n"
        "    register([m])\n"
        "    names = set(get_command(app).commands)\n"
        "    out[m] = sorted(names - seen)\n"
        "    seen = names\n"
        "print(json.dumps(out))\n"
    )
    registered = json.loads(_python(code))
    expected = {m: sorted(c for c, mod in COMMANDS.items() if mod == m) for m in MODULES}
    assert registered == expected


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        ([], None),
        (["--help"], None),
        (["-h", "export"], "export"),
        (["export", "--format", "md"], "export"),
        (["--data-dir", "export", "history"], "history"),  # a folder named "export"
        (["--data-dir=/tmp/d", "profile", "list"], "profile"),
        (["--version"], None),
        (["--", "export"], None),
    ],
)
def test_the_command_is_read_after_the_apps_own_options(
    argv: list[str], name: str | None
) -> None:
    assert command_name(argv) == name


def test_a_call_with_no_command_or_an_unknown_one_registers_them_all() -> None:
    assert modules_for(["--help"]) == MODULES
    assert modules_for(["exprt"]) == MODULES
    assert modules_for(["status", "--check"]) == ("trends",)


_LOADED = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('LOADED=' + ','.join(sorted(\n"
        "    m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('trustcheck.cli.')))))\n"
        "sys.argv = ['trustcheck', *sys.argv[1:]]\n"
        "from trustcheck.cli import main\n"
        "main()\n"
)


def _loaded(*argv: str) -> set[str]:
    """The command modules a real call (the console script's entry point) loaded."""
    stdout = _python(_LOADED, *argv)
    return set(stdout.rpartition("LOADED=")[2].strip().split(",")) & set(MODULES)


def test_a_call_imports_only_the_module_of_its_command(tmp_path: Path) -> None:
    """The real entry point, as the console script runs it, set-up and then an export."""
    # (set-up names its people through ``cli/profile.py``'s helpers)
    assert _loaded("--data-dir", str(tmp_path), "setup", "Alex", "Sam") == {"checkin", "profile"}
    out = tmp_path / "out.json"
    assert _loaded("--data-dir", str(tmp_path), "export", "--format", "json", "-o", str(out)) == {
        "export"
    }
    names = {p["name"] for p in json.loads(out.read_text(encoding="utf-8"))["profiles"]}
    assert names == {"Alex", "Sam"}


def test_help_still_lists_every_command_in_order() -> None:
    stdout = _python(
        "import sys; sys.argv = ['trustcheck', '--help']\n"
        "from trustcheck.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n",
        env={"COLUMNS": "100"},
    )
    listed = [
        line.split()[0]
        for line in stdout.partition("Commands:")[2].splitlines()
        if line.startswith("  ") and not line.startswith("   ")
    ]
    assert sorted(listed) == sorted(COMMANDS)
    assert listed[:3] == ["checkin", "setup", "demo"]  # the first thing a person does, first


def test_a_misspelt_command_is_still_suggested() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "trustcheck", "exprt"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result.returncode == 2
    assert "Did you mean 'export'?" in result.stderr
