"""When a check-in is due and whose turn it is: the rules home and ``trustcheck status`` share.

A check-in belongs to an ISO week (its Monday). This week's is due until one is completed for it;
then the next one is due from next Monday. A check-in started and not finished is in progress,
whatever its week (an earlier week's is paused, to resume or discard).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import NamedTuple

from trustcheck.core.steps import Step


class WeekState(StrEnum):
    DUE = "due"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class WeekStatus(NamedTuple):
    state: WeekState
    #: This week (its Monday).
    week: dt.date
    #: The week the next check-in is due: this one, or next week once this one is done.
    next_due: dt.date


def week_status(this_week: dt.date, last_completed: dt.date | None, draft: bool) -> WeekStatus:
    """This week's state, from the week of the latest completed check-in and whether one is
    in progress."""
    done = last_completed is not None and last_completed >= this_week
    next_due = this_week + dt.timedelta(weeks=1) if done else this_week
    if draft:
        state = WeekState.IN_PROGRESS
    elif done:
        state = WeekState.DONE
    else:
        state = WeekState.DUE
    return WeekStatus(state, this_week, next_due)


def turn_position(step: Step, participants: int) -> int | None:
    """Whose turn it is at ``step``, as a position among the participants (answering order);
    None when nobody is answering alone (the hand-over, the talk, the commitments)."""
    if step is Step.ANSWER_A:
        return 0
    if step is Step.ANSWER_B and participants > 1:
        return 1
    return None
