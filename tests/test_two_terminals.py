"""Two terminals on one data folder: nobody sees "database is locked", nobody's edit is lost.

Real processes hammer writes (with a backup and a doctor running beside them); then two sessions
in one process stand in for two app windows editing the same draft and the same journal entry.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import checkin_helpers
import rawdb
from trustcheck import messages
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Step
from trustcheck.paths import DB_FILENAME
from trustcheck.services import Services, open_services
from trustcheck.services.checkin import CheckinMovedOn
from trustcheck.services.journal import JournalConflict

WRITES = 120

#: A terminal that keeps writing: settings and answers, reopening the data now and then.
_WRITER = """
import sys, time
from pathlib import Path
from trustcheck.services import open_services

data_dir, name, count, start = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
while time.time() < start:
    time.sleep(0.001)
services = open_services(data_dir)
items = [item.id for item in services.pack.items if item.kind.value == "scale"]
for i in range(count):
    if i % 40 == 39:  # a new window opening on the same folder
        services.close()
        services = open_services(data_dir)
    profile = services.profiles.by_name(name)
    draft = services.checkins.draft()
    services._settings.set(f"{name}.{i}", str(i))  # the raw table, as tests/rawdb.py gives it
    services.checkins.save_answer(draft.id, profile.id, items[i % len(items)], value=1 + i % 7)
services.close()
print("wrote", count, flush=True)
"""

#: A third terminal taking backups and running the doctor while the others write.
_OPERATOR = """
import sys, time
from pathlib import Path
from trustcheck.services.ops import backup, doctor

data_dir, out, start = Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3])
while time.time() < start:
    time.sleep(0.001)
for i in range(6):
    backup(data_dir, out / f"b{i}.sqlite3")
    problems = [c for c in doctor(data_dir).problems if c.label != "free disk"]
    assert not problems, problems
print("ok", flush=True)
"""


def test_three_processes_hammering_one_folder_never_see_a_lock(
    tmp_path: Path, clock: FixedClock
) -> None:
    data_dir = tmp_path / "shared"
    services = open_services(data_dir, clock)
    try:
        alex, sam = services.profiles.setup(["Alex", "Sam"])
        services.checkins.start([alex.id, sam.id])
    finally:
        services.close()
    out = tmp_path / "backups"
    out.mkdir()
    start = time.time() + 0.6
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(data_dir), name, str(WRITES), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Alex", "Sam")
    ]
    procs.append(
        subprocess.Popen(
            [sys.executable, "-c", _OPERATOR, str(data_dir), str(out), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    )
    results = [proc.communicate(timeout=60) for proc in procs]
    for proc, (stdout, stderr) in zip(procs, results, strict=True):
        assert proc.returncode == 0, stderr
        assert "locked" not in stderr and "busy" not in stderr.lower()
        assert stdout.strip() in {f"wrote {WRITES}", "ok"}
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert (
            conn.execute("SELECT count(*) FROM settings WHERE key LIKE 'Alex.%'").fetchone()[0]
            == WRITES
        )
        assert (
            conn.execute("SELECT count(*) FROM settings WHERE key LIKE 'Sam.%'").fetchone()[0]
            == WRITES
        )
    finally:
        conn.close()
    for backup_file in sorted(out.glob("*.sqlite3")):
        conn = sqlite3.connect(backup_file)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()


# --- two windows in one process -----------------------------------------------------------------


@pytest.fixture
def windows(tmp_path: Path, clock: FixedClock) -> Iterator[tuple[Services, Services]]:
    """Two sessions on one folder, with the same fixed clock: equal timestamps everywhere."""
    data_dir = tmp_path / "data"
    one = open_services(data_dir, clock, weak_kdf=True)
    alex, _ = one.profiles.setup(["Alex", "Sam"])
    one.keys.set_passphrase(alex.id, "alex words")
    two = open_services(data_dir, clock, weak_kdf=True)
    two.keys.unlock(alex.id, "alex words")
    try:
        yield one, two
    finally:
        two.close()
        one.close()


def test_a_write_waits_for_the_other_window_instead_of_failing(
    windows: tuple[Services, Services],
) -> None:
    one, two = windows
    holding = threading.Event()

    def long_save() -> None:
        with rawdb.database(one).transaction() as conn:
            conn.execute("INSERT INTO settings(key, value) VALUES ('slow', '1')")
            holding.set()
            time.sleep(0.4)

    thread = threading.Thread(target=long_save)
    thread.start()
    assert holding.wait(5)
    began = time.monotonic()
    # Waits for the lock (busy_timeout), no "database is locked".
    rawdb.settings(two).set("quick", "2")
    waited = time.monotonic() - began
    thread.join()
    assert waited > 0.1
    assert (rawdb.settings(one).get("slow"), rawdb.settings(one).get("quick")) == ("1", "2")


def test_both_windows_may_answer_the_same_draft(windows: tuple[Services, Services]) -> None:
    one, two = windows
    alex = one.profiles.by_name("Alex")
    draft = checkin_helpers.advance(
        one.checkins, one.checkins.start([alex.id, one.profiles.by_name("Sam").id])
    )
    seen = two.checkins.draft()
    assert seen is not None and seen.step is Step.ANSWER_A
    one.checkins.save_answer(draft.id, alex.id, "comm.heard", value=2)
    two.checkins.save_answer(seen.id, alex.id, "comm.heard", value=6)  # per-item upsert
    other = next(i.id for i in one.pack.items if i.id != "comm.heard" and i.kind.value == "scale")
    two.checkins.save_answer(seen.id, alex.id, other, value=5)
    answers = checkin_helpers.answers_of(one.checkins, draft.id, alex.id)
    assert (answers["comm.heard"].value, answers[other].value) == (6, 5)


def test_starting_when_another_window_already_started_hands_back_that_draft(
    windows: tuple[Services, Services],
) -> None:
    """A window still on the opening step follows the check-in started elsewhere: no second
    check-in, no error, the other window's draft to go to."""
    one, two = windows
    people = [p.id for p in one.profiles.people()]
    started = checkin_helpers.advance(one.checkins, one.checkins.start(people))
    with pytest.raises(CheckinMovedOn) as moved:
        two.checkins.start(people)
    assert moved.value.current is not None and moved.value.current.id == started.id
    assert moved.value.current.step is Step.ANSWER_A
    assert str(moved.value) == messages.CHECKIN_STARTED_ELSEWHERE


def test_a_stale_window_never_moves_the_draft_back(windows: tuple[Services, Services]) -> None:
    one, two = windows
    ids = [p.id for p in one.profiles.people()]
    draft = one.checkins.advance_from(one.checkins.start(ids))
    assert draft.step is Step.ANSWER_A
    stale = two.checkins.draft()
    assert stale is not None and stale.step is Step.ANSWER_A
    # Window one moves on twice; window two still shows the first answering step.
    draft = one.checkins.advance_from(one.checkins.advance_from(draft))
    assert draft.step is Step.ANSWER_B
    with pytest.raises(CheckinMovedOn) as info:
        two.checkins.advance_from(stale)
    assert str(info.value) == messages.CHECKIN_MOVED_ON
    assert info.value.current is not None and info.value.current.step is Step.ANSWER_B
    assert one.checkins.get(draft.id).step is Step.ANSWER_B, "not moved backwards"
    # The same move made in both windows is no conflict: both land on the same step.
    fresh = two.checkins.get(draft.id)
    assert one.checkins.advance_from(draft).step is Step.REVEAL
    assert two.checkins.advance_from(fresh).step is Step.REVEAL
    # Once one window finishes it, the other is told so.
    one.checkins.complete(one.checkins.get(draft.id))
    with pytest.raises(CheckinMovedOn) as gone:
        two.checkins.advance_from(fresh)
    assert str(gone.value) == messages.CHECKIN_GONE and gone.value.current is None


def test_advance_step_is_a_guarded_move(
    windows: tuple[Services, Services], clock: FixedClock
) -> None:
    one, _ = windows
    ids = [p.id for p in one.profiles.people()]
    draft = one.checkins.start(ids)
    repo = rawdb.checkins(one)
    assert repo.advance_step(draft.id, Step.OPEN, Step.ANSWER_A, clock.now()) is True
    assert repo.advance_step(draft.id, Step.OPEN, Step.ANSWER_A, clock.now()) is False
    assert repo.get(draft.id).step is Step.ANSWER_A


def test_a_journal_edit_from_a_stale_window_is_refused(
    windows: tuple[Services, Services],
) -> None:
    one, two = windows
    alex = one.profiles.by_name("Alex")
    one.journal.add(alex.id, "first words")
    [mine] = one.journal.entries(alex.id).entries
    [theirs] = two.journal.entries(alex.id).entries
    one.journal.update(mine, "edited in window one")  # same second, same clock: still caught
    with pytest.raises(JournalConflict) as info:
        two.journal.update(theirs, "edited in window two")
    assert str(info.value) == messages.JOURNAL_CONFLICT
    assert [e.text for e in one.journal.entries(alex.id).entries] == ["edited in window one"]
    with pytest.raises(JournalConflict):
        two.journal.delete(theirs)
    # Reopened, window two sees the newer text and may edit it; its own edits chain fine.
    [fresh] = two.journal.entries(alex.id).entries
    assert fresh.text == "edited in window one"
    again = two.journal.update(fresh, "window two, after reading")
    two.journal.update(again, "and once more")
    assert [e.text for e in one.journal.entries(alex.id).entries] == ["and once more"]


def test_a_journal_entry_deleted_in_another_window(windows: tuple[Services, Services]) -> None:
    one, two = windows
    alex = one.profiles.by_name("Alex")
    one.journal.add(alex.id, "soon gone")
    [mine] = one.journal.entries(alex.id).entries
    [theirs] = two.journal.entries(alex.id).entries
    one.journal.delete(mine)
    with pytest.raises(JournalConflict) as info:
        two.journal.update(theirs, "too late")
    assert str(info.value) == messages.JOURNAL_GONE
    two.journal.delete(theirs)  # already gone: nothing to do, no error
    assert one.journal.entries(alex.id).entries == []
