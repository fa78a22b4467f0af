"""A glance at the database for ``trustcheck status``, which runs at every shell prompt.

Read-only and quick: no migration, no pack, no service. It reads the people, the check-in in
progress (its week, step and who takes part, never what was answered) and the week of the latest
completed check-in. A database whose schema is not this trustcheck's own is not read here: the
caller opens it the ordinary way (which upgrades an older one, or refuses a newer one).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import NamedTuple

from trustcheck.core.steps import Step
from trustcheck.storage import migrations

BUSY_TIMEOUT_S = 2.0
#: The settings keys of the couple's check-in day and time (``services.packs`` writes them).
DAY_SETTING = "checkin_day"
TIME_SETTING = "checkin_time"


class Draft(NamedTuple):
    week: dt.date
    step: Step
    #: Participants' ids, in answering order.
    participants: tuple[int, ...]


class Glance(NamedTuple):
    #: Active people's names, by id.
    people: dict[int, str]
    draft: Draft | None
    #: The week of the latest completed check-in.
    last_completed: dt.date | None
    #: The chosen check-in day and time, as stored (validated by the reader).
    day: str | None = None
    time: str | None = None


class NotAtAGlance(Exception):
    """The file holds another schema version, or cannot be read: open it the ordinary way, which
    upgrades an older one and says in one line what is wrong with any other."""


def glance(path: Path) -> Glance | None:
    """What ``status`` says, read from ``path``; None when there is no database yet.

    Raises :class:`NotAtAGlance` for another schema version or a file it cannot read.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        return _glance(path)
    except (sqlite3.Error, ValueError) as exc:  # ValueError: a damaged stored week or step
        raise NotAtAGlance(str(exc)) from exc


def _glance(path: Path) -> Glance:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        if version != migrations.schema_version():
            raise NotAtAGlance(f"schema version {version}")
        people = {
            int(r[0]): str(r[1])
            for r in conn.execute("SELECT id, name FROM profiles WHERE removed_at IS NULL")
        }
        row = conn.execute(
            "SELECT id, week, step FROM checkins WHERE status = 'in_progress'"
        ).fetchone()
        draft = None
        if row is not None:
            ids = tuple(
                int(r[0])
                for r in conn.execute(
                    "SELECT profile_id FROM checkin_participants WHERE checkin_id = ? "
                    "ORDER BY position",
                    (row[0],),
                )
            )
            draft = Draft(dt.date.fromisoformat(str(row[1])), Step(str(row[2])), ids)
        (last,) = conn.execute(
            "SELECT max(week) FROM checkins WHERE status = 'completed'"
        ).fetchone()
        chosen = dict(
            conn.execute(
                "SELECT key, value FROM settings WHERE key IN (?, ?)", (DAY_SETTING, TIME_SETTING)
            ).fetchall()
        )
        return Glance(
            people,
            draft,
            None if last is None else dt.date.fromisoformat(str(last)),
            chosen.get(DAY_SETTING),
            chosen.get(TIME_SETTING),
        )
    finally:
        conn.close()
