"""One hostile corpus through every command and every screen (issue 16 §3).

The corpus (``tests/hostile.py``) is stored wherever a person's words are kept: both names,
every written answer (shared and for therapy), commitments and their review, a journal entry
and its tag. It is written straight into the database as well as through the app, so nothing
the app cleans on the way in hides a path that would print it raw. Then every command that
prints runs as a real process, and every screen opens: nothing a terminal would run, and
nothing that reorders or hides text, comes out; no markup becomes a link or a click action.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import checkin_helpers
import rawdb
from hostile import HOSTILE, assert_inert, leaks
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile, Step
from trustcheck.paths import DATA_DIR_ENV
from trustcheck.services import Services, open_services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.commitments import CommitmentsScreen
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.journal import JournalScreen

from .conftest import NOW, fill_turn, give_passphrase, run_async, seed_previous_week

SIZE = (120, 40)
PASS = "a long enough passphrase for alex"
#: Names within the 40-character limit (an import refuses longer ones), with a hyperlink, a
#: clipboard write, a bidi override, a tag character and a C1 CSI.
NAME_A = "Al\x1b]8;;http://x\x1b\\ex\x1b]52;c;aGk=\x07\u202e\U000e0041\x9b31m"
NAME_B = "[@click=app.quit]Sam[/] \u202e\x9b31m"


def _store_hostile(services: Services, clock: FixedClock, people: list[Profile]) -> None:
    """Last week's check-in with hostile words everywhere, then the raw names and texts."""
    alex, sam = people
    seed_previous_week(services, clock, people)
    services.keys.set_passphrase(alex.id, PASS)  # production cost: the CLI opens it too
    services.journal.add(alex.id, HOSTILE, rating=5, tags=[HOSTILE[:30]], for_therapy=True)
    conn = rawdb.database(services).conn
    conn.execute("UPDATE profiles SET name = ? WHERE id = ?", (NAME_A, alex.id))
    conn.execute("UPDATE profiles SET name = ? WHERE id = ?", (NAME_B, sam.id))
    conn.execute("UPDATE answers SET text = ? WHERE text IS NOT NULL", (HOSTILE,))
    conn.execute("UPDATE answers SET visibility = 'therapy' WHERE item_id = 'open.therapy'")
    conn.execute("UPDATE commitments SET text = ?", (HOSTILE,))
    services.keys.lock_all()


def _run(data_dir: Path, *args: str, stdin: str = "") -> str:
    result = subprocess.run(
        [sys.executable, "-m", "trustcheck", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        env={**os.environ, DATA_DIR_ENV: str(data_dir), "COLUMNS": "100", "LINES": "40"},
        timeout=120,
    )
    assert result.returncode == 0, (args, result.stderr[-2000:])
    out = result.stdout + result.stderr
    found = leaks(out)
    if args[:3] == ("export", "-f", "md"):
        # The Markdown exporter's own word joiner (it keeps "http://" from becoming a link);
        # the ones in user text are spelled out, as every other.
        assert "U+2060" in out
        found.remove("U+2060")
    assert found == [], (args, found)
    return out


@run_async
async def test_the_corpus_goes_through_every_command_and_every_screen_inert(
    tmp_path: Path,
) -> None:
    clock = FixedClock(NOW)
    data_dir = tmp_path / "hostile"
    services = open_services(data_dir, clock=clock)
    try:
        people = services.profiles.setup(["Alex", "Sam"])
        _store_hostile(services, clock, people)

        # --- every command that prints -----------------------------------------------------
        out_dir = tmp_path / "out"
        out_dir.mkdir()
        for args in (
            ("--help",),
            ("profile", "list"),
            ("trends",),
            ("trends", "--json"),
            ("export", "-f", "md", "-o", "-", "--notes"),
            ("export", "-f", "json", "-o", "-"),
            ("export", "-f", "csv", "-o", "-"),
            ("export", "-f", "pdf", "-o", str(out_dir / "summary.pdf")),
            ("packs", "list"),
            ("doctor",),
            ("backup", "-o", str(out_dir / "copy.db")),
        ):
            _run(data_dir, *args)
        _run(data_dir, "export", "-f", "html", "-o", str(out_dir / "summary.html"), "--notes")
        html = (out_dir / "summary.html").read_text(encoding="utf-8")
        assert "evil" in html and leaks(html) == []
        journal = ("--include-journal", NAME_A, "--passphrase-stdin")
        _run(data_dir, "export", "-f", "md", "-o", "-", *journal, stdin=PASS)
        listed = _run(data_dir, "journal", "list", "--as", NAME_A, "--passphrase-stdin", stdin=PASS)
        assert "evil" in listed  # the entry is there, shown inert
        exported = _run(data_dir, "export", "-f", "json", "-o", str(out_dir / "all.json"))
        assert "all.json" in exported
        _run(tmp_path / "imported", "import", str(out_dir / "all.json"))

        # --- every screen ------------------------------------------------------------------
        app = build_app(services)
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert_inert(app)
            for key in ("t", "s", "e", "g", "a", "question_mark"):
                await pilot.press(key)
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert not isinstance(app.screen, HomeScreen), key
                assert_inert(app)
                await pilot.press("escape")
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert isinstance(app.screen, HomeScreen), key
            await pilot.press("j")  # whose journal: Alex's is first
            await pilot.pause()
            assert_inert(app)
            await pilot.press("enter")
            await give_passphrase(app, pilot, PASS)
            assert isinstance(app.screen, JournalScreen)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert_inert(app)
            await pilot.press("enter")  # the entry itself
            await pilot.pause()
            assert_inert(app)
            await app.action_quit()

        # A check-in at its reveal, both turns answered, with last week's commitment to review.
        alex, sam = people
        checkins = services.checkins
        draft = checkins.start([alex.id, sam.id])
        for base, person in ((4, alex), (5, sam)):
            fill_turn(services, draft.id, person.id, base)
        rawdb.database(services).conn.execute(
            "UPDATE answers SET text = ? WHERE checkin_id = ? AND text IS NOT NULL",
            (HOSTILE, draft.id),
        )
        checkin_helpers.go_to(checkins, draft, Step.REVEAL)
        app = build_app(services, start="checkin")
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert_inert(app)  # the reveal, side by side
            for _ in range(12):
                if isinstance(app.screen, CommitmentsScreen):
                    break
                await pilot.press("ctrl+n")
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert_inert(app)  # every page of the reveal and the gap talk on the way
            assert isinstance(app.screen, CommitmentsScreen)
            assert_inert(app)
            await app.action_quit()
    finally:
        services.close()
