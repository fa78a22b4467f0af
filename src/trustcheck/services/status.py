"""What ``trustcheck status`` says: this week's check-in due, in progress (whose turn, never
what) or done, from a read-only glance at the database (``storage/peek.py``).

It runs at every shell prompt, so nothing else is loaded: no pack, no service. A file the glance
cannot read (another schema version, damage) is opened the ordinary way instead, which upgrades
an older one and refuses a newer or damaged one in one clear line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from trustcheck import messages
from trustcheck.core.clock import day_time_label, week_label
from trustcheck.core.schedule import (
    WeekState,
    WeekStatus,
    reminder_from,
    turn_position,
    week_status,
)
from trustcheck.core.text import visible_controls
from trustcheck.paths import DB_FILENAME
from trustcheck.storage.peek import NotAtAGlance, glance


def status_line(data_dir: Path, now: dt.datetime) -> tuple[str, bool]:
    """The status line for the data in ``data_dir``, and whether a check-in is due or in
    progress. A file this glance cannot read is opened the ordinary way: an older one is upgraded,
    a newer or damaged one is a :class:`~trustcheck.core.errors.UserError`."""
    try:
        seen = glance(data_dir / DB_FILENAME)
    except NotAtAGlance:
        return _the_long_way(data_dir)
    if seen is None or not seen.people:
        return _nobody()
    draft = seen.draft
    name = None
    if draft is not None:
        position = turn_position(draft.step, len(draft.participants))
        name = None if position is None else seen.people.get(draft.participants[position])
    chosen = reminder_from(seen.day, seen.time)
    status = week_status(now, seen.last_completed, draft is not None, chosen)
    return describe(status, None if draft is None else draft.week, name)


def describe(now: WeekStatus, draft_week: dt.date | None, turn: str | None) -> tuple[str, bool]:
    """The line for ``now`` (whose turn, never what), and whether something is due."""
    if now.state is WeekState.DONE:
        if now.due_at is not None:
            return messages.STATUS_DONE_UNTIL.format(when=day_time_label(now.due_at)), False
        return messages.STATUS_DONE.format(week=week_label(now.next_due)), False
    if now.state is WeekState.UPCOMING and now.due_at is not None:
        return messages.STATUS_UPCOMING.format(when=day_time_label(now.due_at)), False
    if now.state is WeekState.DUE or draft_week is None:
        return messages.STATUS_DUE, True
    if draft_week < now.week:
        return messages.STATUS_LINE_PAUSED.format(week=week_label(draft_week)), True
    if turn is None:
        return messages.STATUS_LINE_TOGETHER, True
    return messages.STATUS_LINE_TURN.format(name=visible_controls(turn)), True


def _nobody() -> tuple[str, bool]:
    return messages.STATUS_LINE_NOBODY, False


def _the_long_way(data_dir: Path) -> tuple[str, bool]:
    from trustcheck.services import open_services

    services = open_services(data_dir)
    try:
        if not services.profiles.people():
            return _nobody()
        status = services.checkins.status()
        turn = None if status.turn is None else status.turn.name
        draft_week = None if status.draft is None else status.draft.week
        return describe(
            WeekStatus(status.state, status.week, status.next_due, status.due_at), draft_week, turn
        )
    finally:
        services.close()
