"""Two terminals open at once: both write answers into the same draft, nothing is lost."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import checkin_helpers
import rawdb
from trustcheck.core.clock import FixedClock
from trustcheck.paths import DB_FILENAME
from trustcheck.services import open_services

ANSWERS_EACH = 200

#: A child process: open services with a pack of ANSWERS_EACH items, wait for the common start,
#: then save one answer per item for its own profile into the shared draft.
_WRITER = """
import dataclasses, sys, time
from pathlib import Path
from trustcheck.core.models import Item, ItemKind
from trustcheck.services.packs import weekly_pack
from trustcheck.services import open_services

data_dir, name, count, start = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
items = tuple(
    Item(id=f"load.{i}", area="communication", text=f"item {i}", kind=ItemKind.SCALE)
    for i in range(count)
)
pack = dataclasses.replace(weekly_pack(), items=items)
services = open_services(data_dir, pack=pack)
profile = services.profiles.by_name(name)
draft = services.checkins.draft()
assert draft is not None
while time.time() < start:
    time.sleep(0.001)
for i in range(count):
    services.checkins.save_answer(draft.id, profile.id, f"load.{i}", value=1 + i % 7)
services.close()
print("saved", count, flush=True)
"""


def test_two_processes_save_answers_into_one_draft_at_once(
    tmp_path: Path, clock: FixedClock
) -> None:
    data_dir = tmp_path / "shared"
    services = open_services(data_dir, clock)
    try:
        alex, sam = services.profiles.setup(["Alex", "Sam"])
        draft = services.checkins.start([alex.id, sam.id])
    finally:
        services.close()

    start = time.time() + 1.0  # both are importing by then; they begin writing together
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(data_dir), name, str(ANSWERS_EACH), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Alex", "Sam")
    ]
    results = [proc.communicate(timeout=60) for proc in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
        assert out.strip() == f"saved {ANSWERS_EACH}"

    conn = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        per_person = conn.execute(
            "SELECT profile_id, count(*), count(DISTINCT item_id) FROM answers "
            "WHERE checkin_id = ? GROUP BY profile_id ORDER BY profile_id",
            (draft.id,),
        ).fetchall()
        assert per_person == [
            (alex.id, ANSWERS_EACH, ANSWERS_EACH),
            (sam.id, ANSWERS_EACH, ANSWERS_EACH),
        ]
        assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 2 * ANSWERS_EACH
        values = conn.execute(
            "SELECT item_id, value FROM answers WHERE profile_id = ?", (alex.id,)
        ).fetchall()
        assert all(value == 1 + int(item.split(".")[1]) % 7 for item, value in values)
    finally:
        conn.close()


def test_a_reader_sees_committed_answers_while_a_writer_holds_the_draft(
    tmp_path: Path, clock: FixedClock
) -> None:
    """WAL: one terminal reading (the reveal, trends) never blocks or sees half a save."""
    data_dir = tmp_path / "shared"
    writer = open_services(data_dir, clock)
    reader = open_services(data_dir, clock)
    try:
        alex, _ = writer.profiles.setup(["Alex", "Sam"])
        draft = writer.checkins.start([alex.id])
        writer.checkins.save_answer(draft.id, alex.id, "comm.heard", value=4)
        with rawdb.database(writer).transaction() as conn:
            conn.execute(
                "UPDATE answers SET value = 7 WHERE checkin_id = ? AND item_id = 'comm.heard'",
                (draft.id,),
            )
            # Mid-transaction, the other connection still reads the committed value at once.
            seen = checkin_helpers.answers_of(reader.checkins, draft.id, alex.id)[
                "comm.heard"
            ].value
            assert seen == 4
        assert (
            checkin_helpers.answers_of(reader.checkins, draft.id, alex.id)["comm.heard"].value == 7
        )
    finally:
        reader.close()
        writer.close()
