"""What a check-in asks of a couple's time: how many questions each module adds, and about how
long the whole check-in takes (issue 15 §3, "module cost"). Pure: stdlib only.

A rough, honest estimate: a rated or chosen answer takes about 10 seconds, a written one about
40 (many are short or skipped), and the talk at the reveal with the commitments about 7 minutes.
The weekly core on its own fits the promised 15–25 minutes; modules add to it, and when the total
goes past 25 minutes the opening screen says how long it will take.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from trustcheck.core.models import Item, ItemKind

#: Seconds an answer of each kind takes, on average.
SECONDS: dict[ItemKind, int] = {
    ItemKind.SCALE: 10,
    ItemKind.RATING: 10,
    ItemKind.CHOICE: 10,
    ItemKind.TEXT: 40,
}
#: The talk at the reveal and the commitments, in minutes.
TALK_MINUTES = 7
#: The weekly check-in's promise, in minutes.
PROMISED_MINUTES = (15, 25)


def answer_seconds(items: Iterable[Item]) -> int:
    """About how long answering ``items`` takes, in seconds."""
    return sum(SECONDS[item.kind] for item in items)


def checkin_minutes(turns: Iterable[Sequence[Item]]) -> int:
    """About how long a check-in takes, in whole minutes: every person's turn, then the talk."""
    seconds = sum(answer_seconds(turn) for turn in turns)
    return math.ceil(seconds / 60 + TALK_MINUTES)


def fits_the_promise(minutes: int) -> bool:
    return minutes <= PROMISED_MINUTES[1]
