"""What a finished CLI process must look like: shared by the command-line tests."""

from __future__ import annotations

import subprocess


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
