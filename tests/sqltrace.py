"""Test-only: every SQL statement the services run while a block runs (sqlite3's trace callback).

Pins how many statements one user action costs, e.g. one rating saved from the answer screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import rawdb
from trustcheck.services import Services


@contextmanager
def statements(services: Services) -> Iterator[list[str]]:
    """The statements run on the services' connection inside the ``with`` block, in order
    (``BEGIN`` and ``COMMIT`` included)."""
    conn = rawdb.database(services).conn
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        conn.set_trace_callback(None)


def kinds(seen: list[str]) -> list[str]:
    """Each statement by what it does, to compare in order: "BEGIN", "INSERT INTO answers",
    "SELECT", "COMMIT"."""
    out = []
    for sql in seen:
        words = sql.replace("(", " ").split()
        out.append(" ".join(words[:3]) if words[0] in ("INSERT", "DELETE") else words[0])
    return out
