"""Power cut mid check-in: a SIGKILLed writer loses no acknowledged answer and resumes cleanly."""

from __future__ import annotations

import dataclasses
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import checkin_helpers
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import CheckinStatus, Item, ItemKind, Pack, Step
from trustcheck.paths import DB_FILENAME
from trustcheck.services import open_services
from trustcheck.services.packs import weekly_pack

ITEMS = 5000  # more than the child can save before it is killed

_CHILD = """
import dataclasses, sys
from pathlib import Path
from trustcheck.core.models import Item, ItemKind
from trustcheck.services.packs import weekly_pack
from trustcheck.services import open_services

count = int(sys.argv[2])
items = tuple(
    Item(id=f"crash.{i}", area="communication", text=f"item {i}", kind=ItemKind.SCALE)
    for i in range(count)
)
services = open_services(Path(sys.argv[1]), pack=dataclasses.replace(weekly_pack(), items=items))
alex, sam = services.profiles.setup(["Alex", "Sam"])
draft = services.checkins.advance_from(services.checkins.start([alex.id, sam.id]))
print("started", draft.id, flush=True)
for i in range(count):
    services.checkins.save_answer(draft.id, alex.id, f"crash.{i}", value=1 + i % 7)
    print(i + 1, flush=True)
"""


def _pack() -> Pack:
    items = tuple(
        Item(id=f"crash.{i}", area="communication", text=f"item {i}", kind=ItemKind.SCALE)
        for i in range(ITEMS)
    )
    return dataclasses.replace(weekly_pack(), items=items)


@pytest.mark.parametrize("kill_after", [0, 1, 30, 117, 400])
def test_sigkill_mid_checkin_keeps_every_acknowledged_answer(
    tmp_path: Path, clock: FixedClock, kill_after: int
) -> None:
    data_dir = tmp_path / "data"
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(data_dir), str(ITEMS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    try:
        first = child.stdout.readline()
        assert first.startswith("started "), child.stderr.read() if child.stderr else first
        reported = 0
        while reported < kill_after:
            line = child.stdout.readline()
            assert line, "the child stopped before it was killed"
            reported = int(line)
        child.send_signal(signal.SIGKILL)
        # Every line it printed before dying was printed after a committed save.
        for line in child.stdout:
            reported = int(line)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL, "the child finished before it could be killed"
    assert reported < ITEMS

    conn = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()

    services = open_services(data_dir, clock, pack=_pack())
    try:
        draft = services.checkins.draft()
        assert draft is not None
        assert draft.status is CheckinStatus.IN_PROGRESS
        assert draft.step is Step.ANSWER_A, "the step is resumed where it was"
        alex = services.profiles.by_name("Alex")
        assert services.checkins.answering(draft) == alex
        stored = checkin_helpers.answers_of(services.checkins, draft.id, alex.id)
        # At most one save can have committed without being reported.
        assert reported <= len(stored) <= reported + 1
        for i in range(reported):
            assert stored[f"crash.{i}"].value == 1 + i % 7
        resume = checkin_helpers.first_unanswered(services.checkins, draft.id, alex.id)
        assert resume == len(stored)
        assert 0 <= resume <= ITEMS
        assert all(item.id in stored for item in services.pack.items[:resume])
        assert services.pack.items[resume].id not in stored
        # And the draft carries on where it stopped.
        services.checkins.save_answer(draft.id, alex.id, services.pack.items[resume].id, value=3)
        assert checkin_helpers.first_unanswered(services.checkins, draft.id, alex.id) == resume + 1
    finally:
        services.close()
