"""The real program in a real terminal: tmux runs it, send-keys types, capture-pane reads."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sentinel import files_holding
from trustcheck.core.clock import TODAY_ENV
from trustcheck.paths import DB_FILENAME

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


def launch(data: Path, *, width: int = 100, height: int = 30) -> Terminal:
    """Start the real ``trustcheck`` on ``data`` in a new detached tmux session."""
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
            str(width),
            "-y",
            str(height),
            # A running tmux server keeps its own environment: name the day on the command.
            f"env {TODAY_ENV}={os.environ[TODAY_ENV]} {TRUSTCHECK} --data-dir {data}; sleep 3",
        ],
        check=True,
        env=env,
    )
    return Terminal(name)


def kill(term: Terminal) -> None:
    """Close the terminal window: tmux hangs up on the program (SIGHUP), as closing a tab does."""
    subprocess.run(["tmux", "kill-session", "-t", term.name], capture_output=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[tuple[Terminal, Path]]:
    data = tmp_path / "data"
    subprocess.run(
        [TRUSTCHECK, "--data-dir", str(data), "demo", "--weeks", "8", "--no-open"],
        check=True,
        capture_output=True,
    )
    term = launch(data)
    try:
        yield term, data
    finally:
        kill(term)


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


def test_a_turn_resumed_after_the_terminal_closed_opens_behind_its_gate(tmp_path: Path) -> None:
    """Issue 12 §3 in the real program: Riley answers three items, the terminal is killed, the
    program starts again and `c` resumes: the gate names Riley and no answer is visible."""
    data = tmp_path / "data"
    subprocess.run(
        [TRUSTCHECK, "--data-dir", str(data), "setup", "Riley", "Jordan"],
        check=True,
        capture_output=True,
    )
    term = launch(data, width=80, height=24)
    try:
        term.wait_for("Riley and Jordan")
        term.keys("c")
        term.wait_for("Who is checking in?")
        term.keys("Enter")  # both of us
        term.wait_for("Jordan, please look away.")
        term.keys("Enter")
        term.wait_for("1 of 26")
        for n, key in enumerate("563", start=2):  # at a person's pace, one screen at a time
            term.keys(key)
            term.wait_for(f"{n} of 26")
        term.keys("Left")
        assert "Saved: 3" in term.wait_for("3 of 26")  # so the check below can fail
    finally:
        kill(term)  # the terminal is gone, as if closed

    term = launch(data, width=80, height=24)
    try:
        home = term.wait_for("Riley and Jordan")
        assert "it is Riley's turn" in home
        term.keys("c")
        gate = term.wait_for("Jordan, please look away.")
        assert "Riley's turn." in gate
        assert "Riley, press Enter when you're ready." in gate
        assert "Saved" not in gate and "of 26" not in gate and "Not at all true" not in gate
        assert "Traceback" not in gate
        term.keys("Enter")
        assert "4 of 26" in term.wait_for("of 26")  # every answer kept: on at the fourth
    finally:
        kill(term)


def _drafts(data: Path) -> list[tuple[int, bytes]]:
    conn = sqlite3.connect(data / DB_FILENAME)
    try:
        return [
            (int(r[0]), bytes(r[1]))
            for r in conn.execute("SELECT profile_id, body FROM journal_drafts")
        ]
    finally:
        conn.close()


def _wait_until(done: Callable[[], bool], timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if done():
            return True
        time.sleep(0.1)
    return done()


def open_alexs_journal(term: Terminal, expect: str = "Search your entries") -> str:
    term.wait_for("Alex")
    term.keys("j")
    term.wait_for("Whose journal?")
    term.keys("Enter")  # Alex, the first
    term.wait_for("Passphrase")
    term.keys("demo", "Enter")  # the demo's passphrase
    return term.wait_for(expect)  # the journal itself, not its unlock prompt


def test_closing_the_terminal_mid_entry_keeps_it_sealed_and_it_comes_back(
    terminal: tuple[Terminal, Path],
) -> None:
    """Issue 12, section 6: the terminal closed while an entry is being written (SIGHUP)."""
    term, data = terminal
    open_alexs_journal(term)
    term.keys("C-n")
    term.wait_for("Bring to therapy")  # the editor (the footer names "New entry" before)
    words = "a hard evening, wren-copper-19"
    for word in words.split(" "):  # at a person's pace, a word at a time
        term.keys("-l", word + " ")
    term.wait_for("wren-copper-19")
    kill(term)
    assert _wait_until(lambda: len(_drafts(data)) == 1), "no draft was kept"
    # the program ended (no process left behind on a closed terminal)
    assert _wait_until(
        lambda: (
            subprocess.run(["pgrep", "-f", f"--data-dir {data}"], capture_output=True).returncode
            != 0
        )
    ), "trustcheck kept running after its terminal closed"
    assert files_holding(data, "wren-copper-19") == []  # sealed, never in the clear

    again = launch(data)
    try:
        screen = open_alexs_journal(again, "Your unsaved entry was kept as a draft")
        assert words in screen
        again.keys("C-s")
        again.wait_for("Entry saved")
        assert _wait_until(lambda: _drafts(data) == [])
    finally:
        kill(again)
