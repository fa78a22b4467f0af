"""A read in the background (the therapy summary's statement gaps) gives what the same read on
the caller's connection gives, through a read-only connection of its own, and hands any error
back to the caller rather than losing it in the thread."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from trustcheck.storage.background import BackgroundRead
from trustcheck.storage.db import Database


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database.open(tmp_path / "data")
    database.conn.execute("INSERT INTO settings (key, value) VALUES ('probe', 'x')")
    return database


def test_the_read_sees_committed_data_on_its_own_connection_in_another_thread(
    db: Database,
) -> None:
    seen: dict[str, object] = {}

    def read(conn: sqlite3.Connection) -> str:
        seen["thread"] = threading.current_thread()
        seen["conn"] = conn
        return str(conn.execute("SELECT value FROM settings WHERE key = 'probe'").fetchone()[0])

    assert BackgroundRead(db, read).result() == "x"
    assert seen["thread"] is not threading.current_thread()
    assert seen["conn"] is not db.conn


def test_the_background_connection_cannot_write(db: Database) -> None:
    pending = BackgroundRead(
        db, lambda conn: conn.execute("DELETE FROM settings WHERE key = 'probe'")
    )
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        pending.result()
    assert db.conn.execute("SELECT count(*) FROM settings WHERE key = 'probe'").fetchone()[0] == 1


def test_an_error_in_the_read_reaches_the_caller(db: Database) -> None:
    pending = BackgroundRead(db, lambda conn: conn.execute("SELECT * FROM no_such_table"))
    with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
        pending.result()
