"""Power cut in the middle of an import (SIGKILL to a real process): all of it, or nothing."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from trustcheck.core.clock import FixedClock
from trustcheck.paths import DB_FILENAME
from trustcheck.services import open_services
from trustcheck.services.demo import seed_demo
from trustcheck.services.export import ExportRequest, ExportService

#: The child imports through the real CLI, but stops for good right after the answers are written
#: inside the import's transaction, and says so; the parent then kills it.
_CHILD = """
import contextlib, sys, time
from trustcheck.storage.db import Database

class Slow:
    def __init__(self, conn):
        self.conn = conn
    def __getattr__(self, name):
        return getattr(self.conn, name)
    def executemany(self, sql, rows):
        done = self.conn.executemany(sql, rows)
        if sql.startswith("INSERT INTO answers"):
            print("mid-import", flush=True)
            time.sleep(60)
        return done

real = Database.transaction

@contextlib.contextmanager
def transaction(self):
    with real(self) as conn:
        yield Slow(conn)

Database.transaction = transaction
sys.argv = ["trustcheck", "--data-dir", sys.argv[1], "import", sys.argv[2]]
from trustcheck.cli import main
main()
"""


def _export(tmp_path: Path, clock: FixedClock) -> Path:
    source = open_services(tmp_path / "source", clock, weak_kdf=True)
    try:
        seed_demo(source, weeks=30)
        result = ExportService(source).render(ExportRequest("json"))
    finally:
        source.close()
    path = tmp_path / "export.json"
    assert isinstance(result.data, str)
    path.write_text(result.data)
    return path


def _counts(db: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("profiles", "checkins", "answers")
        )
    finally:
        conn.close()


def test_an_import_killed_midway_leaves_nothing_and_can_be_run_again(
    tmp_path: Path, clock: FixedClock
) -> None:
    export = _export(tmp_path, clock)
    data = tmp_path / "data"
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(data), str(export)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "mid-import"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    assert _counts(data / DB_FILENAME) == (0, 0, 0)

    again = subprocess.run(
        [sys.executable, "-m", "trustcheck", "--data-dir", str(data), "import", str(export)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode == 0, again.stderr
    expected = json.loads(export.read_text())
    answers = sum(len(c["answers"]) for c in expected["checkins"])
    assert _counts(data / DB_FILENAME) == (2, 30, answers)
