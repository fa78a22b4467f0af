"""The real program in a real terminal: tmux runs it, send-keys types, capture-pane reads."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from trustcheck.core.clock import TODAY_ENV

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

TRUSTCHECK = str(Path(sys.executable).with_name("trustcheck"))


class Terminal:
    def __init__(self, name: str) -> None:
        self.name = name

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen showed:\n{screen}")

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def alive(self) -> bool:
        return (
            subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode
            == 0
        )


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[tuple[Terminal, Path]]:
    data = tmp_path / "data"
    subprocess.run(
        [TRUSTCHECK, "--data-dir", str(data), "demo", "--weeks", "8", "--no-open"],
        check=True,
        capture_output=True,
    )
    name = f"tc-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
    env["TERM"] = "xterm-256color"
    subprocess.run(
        [
            "tmux",
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "100",
            "-y",
            "30",
            # A running tmux server keeps its own environment: name the day on the command.
            f"env {TODAY_ENV}={os.environ[TODAY_ENV]} {TRUSTCHECK} --data-dir {data}; sleep 3",
        ],
        check=True,
        env=env,
    )
    try:
        yield Terminal(name), data
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def test_home_shows_the_couple_and_quits_cleanly(terminal: tuple[Terminal, Path]) -> None:
    term, _ = terminal
    screen = term.wait_for("Alex")
    assert "Sam" in screen
    assert "Traceback" not in screen
    term.keys("q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "Alex" in term.screen():
        time.sleep(0.1)
    assert "Alex" not in term.screen()
