"""Scores derived from raw answers (CONTENT.md, "Scores").

The answers are the record. Trends keep each completed turn's weekly scores beside them (schema
V8) so as not to read every answer on each load; those rows carry the stamp of the keys and of
:data:`SCORING_REVISION` they were computed with, and any other stamp is scored again from the
answers. So changing a formula (and bumping the revision) never rewrites history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat
from typing import NamedTuple, cast

from trustcheck.core.models import (
    AREAS,
    OVERALL,
    SCALE_MAX,
    SCALE_MIN,
    Answer,
    Item,
    ItemKind,
    Pack,
    WeekScores,
)

#: Bump when a formula below changes: every stored weekly score is then computed again.
SCORING_REVISION = 1

#: Share of an area's items (and of the five areas, for the index) that must be answered.
MIN_ANSWERED_SHARE = 0.75


def keyed_value(item: Item, value: int) -> int:
    """The value on the item's own scale with reverse keying applied: ``8 − x`` when reversed.

    Source: CONTENT.md ("reverse-keyed items become 8 − x"), standard practice for Likert scales.
    """
    if not SCALE_MIN <= value <= SCALE_MAX:
        raise ValueError(f"{value} is outside {SCALE_MIN}–{SCALE_MAX}")
    return (SCALE_MIN + SCALE_MAX) - value if item.reverse else value


def area_score(items: Sequence[Item], answers: Mapping[str, Answer]) -> float | None:
    """Area score 0–100: ``100 × (mean − 1) / 6`` over the answered, reverse-keyed items.

    Returns None (missing, never zero) when fewer than 75% of the area's items were answered;
    a skipped item counts as not answered, and an item that "didn't come up this week" is left
    out of the count altogether (a quiet week is not a missing area). Source: CONTENT.md,
    "Scores".
    """
    keyed: list[float | None] = []
    for item in items:
        if item.kind is not ItemKind.SCALE:
            continue
        answer = answers.get(item.id)
        if answer is not None and answer.not_this_week:
            keyed.append(NOT_THIS_WEEK)
        elif answer is not None and not answer.skipped and answer.value is not None:
            keyed.append(keyed_value(item, answer.value))
        else:
            keyed.append(None)
    return keyed_area_score(keyed)


#: In a row of keyed values: the item "didn't come up this week" (not a value, not a skip).
NOT_THIS_WEEK = -1.0
#: How such an answer travels in a row of stored values (never a valid answer: the scale is 1–7).
NOT_THIS_WEEK_STORED = 0


def keyed_area_score(keyed: Sequence[float | None]) -> float | None:
    """:func:`area_score` from the area's reverse-keyed values, one per scale item (None: not
    answered; :data:`NOT_THIS_WEEK`: left out of the count): ``100 × (mean − 1) / 6``, or None
    when fewer than 75% of the items that applied were answered."""
    applied = [v for v in keyed if v != NOT_THIS_WEEK]
    values = [v for v in applied if v is not None]
    if not applied or len(values) < MIN_ANSWERED_SHARE * len(applied):
        return None
    mean = sum(values) / len(values)
    return 100.0 * (mean - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)


class AreaKey:
    """An area's rated items as :func:`keyed_area_score` needs them, precomputed once per pack.

    For scoring many check-ins at once (trends over 20 years): stored values go through
    :func:`keyed_value` tables, so the formula stays the one above.
    """

    __slots__ = ("ids", "tables")

    def __init__(self, items: Sequence[Item]) -> None:
        self.ids = tuple(i.id for i in items)
        #: Per item, stored value → :func:`keyed_value`; a value outside 1–7 is not in the
        #: table and reads as not answered.
        self.tables: tuple[dict[int | None, float], ...] = tuple(
            {
                NOT_THIS_WEEK_STORED: NOT_THIS_WEEK,
                **{v: float(keyed_value(item, v)) for v in range(SCALE_MIN, SCALE_MAX + 1)},
            }
            for item in items
        )

    def rows(self, checkins: Sequence[Mapping[str, int]]) -> list[tuple[float | None, ...]]:
        """One row of keyed values per check-in, None where not answered.

        Built column by column with C-level ``map``: this is the hot loop of a 20-year history.
        """
        if all(type(c) is dict for c in checkins):  # the repo's rows: ``dict.get`` in C
            rows = cast(Sequence[dict[str, int]], checkins)
            columns = [
                list(map(table.get, map(dict.get, rows, repeat(item_id))))
                for item_id, table in zip(self.ids, self.tables, strict=True)
            ]
        else:
            columns = [
                list(map(table.get, [c.get(item_id) for c in checkins]))
                for item_id, table in zip(self.ids, self.tables, strict=True)
            ]
        return list(zip(*columns, strict=True)) if columns else [() for _ in checkins]

    def scores(self, rows: Iterable[Sequence[float | None]]) -> list[float | None]:
        """:func:`keyed_area_score` per row."""
        return list(map(keyed_area_score, rows))


def trust_index(areas: Mapping[str, float | None]) -> float | None:
    """The mean of the five area scores (communication … openness), 0–100.

    All five or nothing: a week missing an area has no trust index (a gap in its line), never a
    mean of the other four that would then jump when the fifth comes back (issue 14). The
    overall-trust rating is never part of it. Source: CONTENT.md, "Trust index".
    """
    return trust_index_of([areas.get(a) for a in AREAS])


def trust_index_of(values: Sequence[float | None]) -> float | None:
    """:func:`trust_index` from the five area scores in :data:`AREAS` order (None: missing)."""
    present = [v for v in values if v is not None]
    if len(present) < len(AREAS):
        return None
    return sum(present) / len(present)


def overall_rating(pack: Pack, answers: Mapping[str, Answer]) -> int | None:
    """The 0–10 overall-trust rating, or None when skipped."""
    for item in pack.items_in(OVERALL):
        answer = answers.get(item.id)
        if answer is not None and not answer.skipped and answer.value is not None:
            return answer.value
    return None


def week_scores(
    pack: Pack, profile_id: int, week: dt.date, answers: Iterable[Answer]
) -> WeekScores:
    """Everything derived for one person in one check-in, from their answers to ``pack``."""
    by_item = {a.item_id: a for a in answers if a.profile_id == profile_id and a.pack_id == pack.id}
    areas = {area: area_score(pack.items_in(area), by_item) for area in AREAS}
    return WeekScores(
        profile_id=profile_id,
        week=week,
        areas=areas,
        trust_index=trust_index(areas),
        overall=overall_rating(pack, by_item),
    )


def gap(a: float | None, b: float | None) -> float | None:
    """The gap between partners, ``|A − B|``: a topic to talk about, not a verdict."""
    if a is None or b is None:
        return None
    return abs(a - b)


def change(before: float | None, after: float | None) -> float | None:
    """Signed change from one check-in to the next; None when either is missing."""
    if before is None or after is None:
        return None
    return after - before


class AreaGap(NamedTuple):
    area: str
    a: float | None
    b: float | None
    gap: float | None


def largest_gaps(
    a: Mapping[str, float | None], b: Mapping[str, float | None], *, areas: Sequence[str] = AREAS
) -> list[AreaGap]:
    """Areas ordered by the gap between two people, largest first; missing gaps last."""
    rows = [
        AreaGap(area, a.get(area), b.get(area), gap(a.get(area), b.get(area))) for area in areas
    ]
    return sorted(rows, key=lambda r: (r.gap is None, -(r.gap or 0.0), areas.index(r.area)))


#: Fewest rated statements answered before "the same answer everywhere" is worth a word.
SAME_ANSWER_MIN_ITEMS = 8


def same_answer_everywhere(values: Sequence[int | None]) -> bool:
    """Whether a turn gave every agreement statement the same number (straight-lining).

    ``values`` are the raw answers to the weekly pack's scale items (None: skipped or not
    answered). True when at least :data:`SAME_ANSWER_MIN_ITEMS` were answered and all alike: the
    review then says so gently, to the person only (issue 14). With balanced keying it reads as
    the middle of every area, which is rarely what a week was like.
    """
    given = [v for v in values if v is not None]
    return len(given) >= SAME_ANSWER_MIN_ITEMS and len(set(given)) == 1
