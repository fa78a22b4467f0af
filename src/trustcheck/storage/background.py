"""A read that runs beside the caller's own work.

SQLite runs a query outside Python's global lock, so a long aggregate (the therapy summary's
statement gaps over 20 years of answers) can go on in a thread while the caller builds the rest
in Python. The read uses a read-only connection of its own (:meth:`Database.reader`), never the
caller's.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from trustcheck.storage.db import Database

T = TypeVar("T")


class BackgroundRead(Generic[T]):
    """``read(conn)`` started now in a thread; :meth:`result` waits for its value."""

    def __init__(self, db: Database, read: Callable[[sqlite3.Connection], T]) -> None:
        self._outcome: tuple[T] | BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(db, read), name="trustcheck-read", daemon=True
        )
        self._thread.start()

    def _run(self, db: Database, read: Callable[[sqlite3.Connection], T]) -> None:
        try:
            with db.reader() as conn:
                self._outcome = (read(conn),)
        except BaseException as exc:  # handed to the caller by result()
            self._outcome = exc

    def result(self) -> T:
        """The read's value, once it is done; what it raised is raised here."""
        self._thread.join()
        outcome = self._outcome
        if isinstance(outcome, BaseException):
            raise outcome
        assert outcome is not None
        return outcome[0]
