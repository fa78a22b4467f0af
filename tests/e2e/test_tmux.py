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

import checkin_helpers
from sentinel import files_holding
from trustcheck.core.clock import TODAY_ENV
from trustcheck.paths import DB_FILENAME

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

TRUSTCHECK = str(Path(sys.executable).with_name("trustcheck"))


def tmux(name: str, *args: str) -> list[str]:
    """A tmux command for the terminal ``name``, on a server of its own (``-L name``).

    With one shared server, a test closing its last session made that server exit while a test
    in the other worker started a session on it ("server exited unexpectedly"). A server per
    terminal ends with its terminal and touches no other.
    """
    return ["tmux", "-L", name, *args]


class Terminal:
    def __init__(self, name: str) -> None:
        self.name = name

    def screen(self) -> str:
        return subprocess.run(
            tmux(self.name, "capture-pane", "-p", "-t", self.name),
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

    def wait_gone(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        screen = self.screen()
        while text in screen:
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never went; the screen showed:\n{screen}")
            time.sleep(0.1)
            screen = self.screen()
        return screen

    def keys(self, *keys: str) -> None:
        subprocess.run(tmux(self.name, "send-keys", "-t", self.name, *keys), check=True)

    def alive(self) -> bool:
        return (
            subprocess.run(
                tmux(self.name, "has-session", "-t", self.name), capture_output=True
            ).returncode
            == 0
        )

    def type(self, text: str, pace: float = 0.15) -> None:
        """Type ``text`` one key at a time, at human speed (``pace`` seconds between keys)."""
        for char in text:
            subprocess.run(tmux(self.name, "send-keys", "-t", self.name, "-l", char), check=True)
            time.sleep(pace)

    def close(self) -> None:
        """Close the terminal: tmux hangs up on the program (SIGHUP), as closing a window does.
        Its server ends with it; the socket file it leaves behind is removed."""
        subprocess.run(tmux(self.name, "kill-session", "-t", self.name), capture_output=True)
        socket = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}" / self.name
        socket.unlink(missing_ok=True)


def launch(data: Path, *args: str, width: int = 100, height: int = 30) -> Terminal:
    """The real ``trustcheck`` on ``data`` (with ``args``) in a fresh tmux session."""
    name = f"tc-{uuid.uuid4().hex[:8]}"
    # The terminal gives the program its size: COLUMNS and LINES (pytest-xdist's workers have
    # them set to 80 and 24) would override the window's.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TMUX") and k not in ("COLUMNS", "LINES")
    }
    env["TERM"] = "xterm-256color"
    command = " ".join([TRUSTCHECK, "--data-dir", str(data), *args])
    subprocess.run(
        tmux(
            name,
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            str(width),
            "-y",
            str(height),
            # A running tmux server keeps its own environment: name the day on the command.
            f"env {TODAY_ENV}={os.environ[TODAY_ENV]} {command}; echo EXIT=$?; sleep 3",
        ),
        check=True,
        env=env,
    )
    return Terminal(name)


def demo_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    subprocess.run(
        [TRUSTCHECK, "--data-dir", str(data), "demo", "--weeks", "8", "--no-open"],
        check=True,
        capture_output=True,
    )
    return data


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[tuple[Terminal, Path]]:
    data = demo_data(tmp_path)
    term = launch(data)
    try:
        yield term, data
    finally:
        term.close()


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


@pytest.mark.parametrize("key", ["e", "j", "t", "c", "g"])
def test_q_then_a_quick_key_quits_cleanly(tmp_path: Path, key: str) -> None:
    """Issue 16, section 4: `q` and at once a key that opens a screen used to open it while the
    app was closing, crash, and still end with exit code 0."""
    data = demo_data(tmp_path)
    term = launch(data)
    try:
        term.wait_for("q Quit")
        term.keys("q", key)
        screen = term.wait_for("EXIT=")
        assert "EXIT=0" in screen and "Traceback" not in screen
        assert "unexpected error" not in screen
        assert not list(data.glob("crash-*.log"))
    finally:
        term.close()


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
        term.wait_for("A private question, just for you")  # the safety check comes first
        time.sleep(READING)
        term.keys("s")
        term.wait_for("1 of 29")
        for n, key in enumerate("563", start=2):  # at a person's pace, one screen at a time
            time.sleep(READING)
            term.keys(key)
            term.wait_for(f"{n} of 29")
        time.sleep(READING)
        term.keys("Left")
        assert "Saved: 3" in term.wait_for("3 of 29")  # so the check below can fail
    finally:
        term.close()  # the terminal is gone, as if closed

    term = launch(data, width=80, height=24)
    try:
        home = term.wait_for("Riley and Jordan")
        assert "it is Riley's turn" in home
        term.keys("c")
        gate = term.wait_for("Jordan, please look away.")
        assert "Riley's turn." in gate
        assert "Riley, press Enter when you're ready." in gate
        assert "Saved" not in gate and "of 29" not in gate and "Not how it was" not in gate
        assert "Traceback" not in gate
        term.keys("Enter")
        assert "4 of 29" in term.wait_for("of 29")  # every answer kept: on at the fourth
    finally:
        term.close()


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
    term.close()
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
        again.close()


# --- issue 12: drafts survive a closed terminal; the rating takes "10" at typing pace ----------

READING = 0.6  # a person reads a question before answering it (keys sooner are not taken)


def begin_checkin(data: Path, upto: str) -> tuple[int, int]:
    """This week's check-in begun, Alex's answers given up to ``upto`` (not included), through
    the services as the app stores them; (check-in id, Alex's id)."""
    from trustcheck.core.models import ItemKind
    from trustcheck.services import open_services

    svc = open_services(data)
    try:
        checkins = svc.checkins
        alex, sam = svc.profiles.people()
        draft = checkin_helpers.advance(checkins, checkins.start([alex.id, sam.id]))
        for item in checkins.pack.items:
            if item.id == upto:
                break
            value = 7 if item.kind is ItemKind.RATING else 5
            checkins.save_answer(draft.id, alex.id, item.id, value=value)
        return draft.id, alex.id
    finally:
        svc.close()


def question(item_id: str) -> str:
    from trustcheck.services.packs import weekly_pack

    return weekly_pack().item(item_id).text[:40]


def rows(data: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(data / "trustcheck.sqlite3")
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def wait_for_rows(data: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        found = rows(data, sql, *params)
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"nothing stored for {sql!r}")


def ended(data: Path) -> None:
    """After its terminal is closed no trustcheck is left running on ``data`` (none hangs on
    writes to a terminal that is gone, holding the database)."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        found = subprocess.run(["pgrep", "-f", "--", f"--data-dir {data} "], capture_output=True)
        if found.returncode != 0:
            return
        time.sleep(0.1)
    raise AssertionError(f"a trustcheck is still running on {data}")


def pass_the_gate(term: Terminal) -> None:
    """Every turn opens behind a gate naming the person: Enter, as they would."""
    term.wait_for("press Enter when you're ready")
    term.keys("Enter")


DRAFT_SQL = (
    "SELECT visibility, text, text_sealed IS NOT NULL FROM answer_drafts "
    "WHERE checkin_id = ? AND profile_id = ? AND item_id = ?"
)
ANSWER_SQL = (
    "SELECT value, text FROM answers WHERE checkin_id = ? AND profile_id = ? AND item_id = ?"
)


def test_the_rating_typed_1_0_at_human_speed_is_10_and_the_0_stays_out_of_the_next_box(
    tmp_path: Path,
) -> None:
    data = demo_data(tmp_path)
    checkin_id, alex = begin_checkin(data, "opn.evasive")  # the statement before the rating
    term = launch(data, "checkin")
    try:
        pass_the_gate(term)
        term.wait_for(question("opn.evasive"))
        time.sleep(READING)
        term.type("5")
        term.wait_for(question("overall.trust"))
        time.sleep(READING)
        term.type("10")  # one key at a time, 150 ms apart
        term.wait_for(question("open.appreciated"))
        time.sleep(READING)
        term.type("ok")
        term.keys("C-q")  # quits and keeps the draft
        draft = wait_for_rows(data, DRAFT_SQL, checkin_id, alex, "open.appreciated")
    finally:
        term.close()
    assert rows(data, ANSWER_SQL, checkin_id, alex, "overall.trust") == [(10, None)]
    assert draft == [("shared", "ok", 0)]  # not "0ok"


def test_closing_the_terminal_keeps_the_draft_and_who_sees_it(tmp_path: Path) -> None:
    """Type at human speed, close the terminal as soon as the words are on screen (SIGHUP,
    mostly within the second before a draft would be written anyway; the Pilot test of the
    hang-up isolates it), start again: the words and "For therapy" are back."""
    data = demo_data(tmp_path)
    checkin_id, alex = begin_checkin(data, "open.appreciated")
    term = launch(data, "checkin")
    try:
        pass_the_gate(term)
        term.wait_for(question("open.appreciated"))
        time.sleep(READING)
        term.keys("C-t")  # For therapy
        term.type("we cooked together", pace=0.1)
        term.wait_for("we cooked together")  # on screen: the app has every key
    finally:
        term.close()
    ended(data)
    draft = wait_for_rows(data, DRAFT_SQL, checkin_id, alex, "open.appreciated")
    assert draft == [("therapy", "we cooked together", 0)]
    assert rows(data, ANSWER_SQL, checkin_id, alex, "open.appreciated") == []  # not an answer
    term = launch(data, "checkin")
    try:
        pass_the_gate(term)
        screen = term.wait_for("we cooked together")
        assert question("open.appreciated") in screen
        assert "Your draft is back" in screen
    finally:
        term.close()


SECRET = "amberkestrel72"


def test_closing_the_terminal_keeps_a_private_draft_sealed(tmp_path: Path) -> None:
    data = demo_data(tmp_path)
    checkin_id, alex = begin_checkin(data, "open.appreciated")
    term = launch(data, "checkin")
    try:
        pass_the_gate(term)
        term.wait_for(question("open.appreciated"))
        time.sleep(READING)
        term.keys("C-t", "C-t")  # Private: Alex unlocks (the demo passphrase)
        term.wait_for("unlock to keep this answer private")
        time.sleep(READING)
        term.type("demo", pace=0.05)
        term.keys("Enter")
        term.wait_gone("unlock to keep this answer private")
        time.sleep(READING)
        term.type(SECRET, pace=0.1)
        term.wait_for(SECRET)
    finally:
        term.close()
    ended(data)
    draft = wait_for_rows(data, DRAFT_SQL, checkin_id, alex, "open.appreciated")
    assert draft == [("private", None, 1)]
    on_disk = [p.name for p in data.iterdir() if p.is_file() and SECRET.encode() in p.read_bytes()]
    assert on_disk == []
    term = launch(data, "checkin")
    try:
        pass_the_gate(term)
        screen = term.wait_for("Your private draft is kept sealed")
        assert SECRET not in screen
        term.keys("C-o")
        term.wait_for("unlock to bring back your private draft")
        time.sleep(READING)
        term.type("demo", pace=0.05)
        term.keys("Enter")
        term.wait_for(SECRET)
    finally:
        term.close()
    ended(data)


def test_passwd_at_a_terminal_offers_a_recovery_code_and_recovery_uses_it_once(
    tmp_path: Path,
) -> None:
    """Issue 17 §4 at a real terminal: a first passphrase offers a one-time recovery code, shown
    once with what it means to keep it (nothing typed is echoed); `passwd --recovery` takes it
    and a new passphrase, and the code is then used up."""
    import re

    data = tmp_path / "data"
    subprocess.run([TRUSTCHECK, "--data-dir", str(data), "setup", "Alex"], check=True)
    first, new = "alex keeps the blue lantern", "walking home under autumn rain"

    def answer(term: Terminal, prompt: str, text: str) -> None:
        term.wait_for(prompt)
        term.keys("-l", text)
        term.keys("Enter")

    term = launch(data, "profile", "passwd", "Alex", width=200)
    try:
        answer(term, "New passphrase for Alex", first)
        answer(term, "Repeat the new passphrase", first)
        answer(term, "Make a one-time recovery code", "y")
        screen = term.wait_for("EXIT=0")
        assert "Anyone who has this code can open your journal" in screen
        assert first not in screen
        (code,) = re.findall(r"\b[2-9A-HJ-NP-Z]{4}(?:-[2-9A-HJ-NP-Z]{4}){6}\b", screen)
    finally:
        term.close()
    assert code.encode() not in (data / DB_FILENAME).read_bytes()

    term = launch(data, "profile", "passwd", "Alex", "--recovery", width=200)
    try:
        answer(term, "Recovery code for Alex", code)
        answer(term, "New passphrase for Alex", new)
        answer(term, "Repeat the new passphrase", new)
        answer(term, "Make a one-time recovery code", "n")
        screen = term.wait_for("EXIT=0")
        assert "with the recovery code, which is now used up" in screen
        assert code not in screen and new not in screen
    finally:
        term.close()
    assert rows(data, "SELECT recovery_wrapped_key FROM profiles") == [(None,)]


def test_keeping_a_commitment_for_another_week_by_keyboard_in_a_real_terminal(
    tmp_path: Path,
) -> None:
    """Issue 17 §3 in a real terminal: the first of last week's commitments looked back on in
    both voices with the keyboard alone, then kept for another week; it carries on, linked."""
    from trustcheck.core.models import Step
    from trustcheck.services import open_services

    data = demo_data(tmp_path)
    svc = open_services(data)
    try:
        checkins = svc.checkins
        people = svc.profiles.people()
        draft = checkins.start([p.id for p in people])
        for person in people:
            for item in checkins.pack.items:
                if item.kind.value in ("scale", "rating"):
                    checkins.save_answer(draft.id, person.id, item.id, value=5)
        checkin_helpers.go_to(checkins, draft, Step.COMMITMENTS)
        first = checkins.to_review(draft)[0]
    finally:
        svc.close()
    term = launch(data, "checkin", width=110, height=40)
    try:
        term.wait_for("how did it go for you?")
        term.keys("Enter")  # the partner's view has focus: Kept
        term.keys("Tab")
        term.keys("Down")
        term.keys("Enter")  # the maker's own view: Partly
        term.keys("Tab")
        term.keys("Enter")  # Keep for another week
        term.wait_for("Kept for another week")
        term.keys("C-n")
        term.wait_for("kept for another week")
    finally:
        term.close()
    ended(data)
    assert rows(data, "SELECT review, own_review FROM commitments WHERE id = ?", first.id) == [
        ("kept", "partly")
    ]
    assert rows(
        data,
        "SELECT text FROM commitments WHERE carried_from = ? AND checkin_id = ?",
        first.id,
        draft.id,
    ) == [(first.text,)]


def test_a_past_week_opens_from_home_as_it_was_in_a_real_terminal(
    terminal: tuple[Terminal, Path],
) -> None:
    """Issue 17 §1 at a real terminal: `h` on home lists the finished weeks newest first, enter
    opens one read-only (its scores side by side, its shared notes, its commitments and how they
    went), escape goes back, and the app quits cleanly."""
    term, _ = terminal
    term.wait_for("Commitments from the last check-in")
    term.keys("h")
    screen = term.wait_for("8 check-ins · enter opens one")
    assert screen.index("   8  ") < screen.index("   1  ")  # newest first
    term.keys("Down", "Enter")
    screen = term.wait_for("Check-in 7 of 8 · Alex and Sam")
    assert "Trust index" in screen and "since last" in screen
    term.keys("End")
    term.wait_for("Commitments set that week, and how they went")
    screen = term.wait_for("How it went:")  # the scroll to the end is animated
    assert "Traceback" not in screen
    term.keys("Escape")
    term.wait_for("8 check-ins · enter opens one")
    term.keys("Escape")
    term.wait_for("Commitments from the last check-in")
    term.keys("q")
    term.wait_for("EXIT=0")
