"""The real command, run as a subprocess, and what a finished one must look like: shared by the
command-line tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from trustcheck.paths import DATA_DIR_ENV


def tc(data_dir: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m trustcheck --data-dir DATA_DIR ARGS`` with ``input`` on stdin (a pipe, empty
    when None)."""
    return subprocess.run(
        [sys.executable, "-m", "trustcheck", "--data-dir", str(data_dir), *args],
        input=input if input is not None else "",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, DATA_DIR_ENV: str(data_dir), "PYTHONIOENCODING": "utf-8"},
        timeout=60,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    """Exit 0 and nothing on stderr; returns stdout."""
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    return result.stdout


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """Exit 1, exactly one line on stderr, no traceback; returns the line without the prefix."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("trustcheck: ")
    return lines[0].removeprefix("trustcheck: ")
