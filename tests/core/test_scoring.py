"""Scores against hand-computed values (CONTENT.md, "Scores")."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustcheck.core import scoring
from trustcheck.core.models import AREAS, Answer, Item, ItemKind
from trustcheck.services.packs import weekly_pack

FWD = Item("a.fwd", "communication", "forward", ItemKind.SCALE)
REV = Item("a.rev", "communication", "reversed", ItemKind.SCALE, reverse=True)
FWD2 = Item("a.fwd2", "communication", "forward 2", ItemKind.SCALE)
FWD3 = Item("a.fwd3", "communication", "forward 3", ItemKind.SCALE)


def ans(item: Item, value: int | None, *, skipped: bool = False) -> Answer:
    return Answer(1, "weekly", 1, item.id, value=value, skipped=skipped)


@pytest.mark.parametrize(("value", "expected"), [(1, 7), (2, 6), (4, 4), (7, 1)])
def test_reverse_keying_is_eight_minus_x(value: int, expected: int) -> None:
    assert scoring.keyed_value(REV, value) == expected
    assert scoring.keyed_value(FWD, value) == value


@pytest.mark.parametrize("value", [0, 8, -1])
def test_out_of_scale_values_are_refused(value: int) -> None:
    with pytest.raises(ValueError):
        scoring.keyed_value(FWD, value)


def test_area_score_hand_computed() -> None:
    # fwd 6, rev 2 → 6; mean (6 + 6) / 2 = 6 → 100 × 5 / 6 = 83.33…
    answers = {FWD.id: ans(FWD, 6), REV.id: ans(REV, 2)}
    assert scoring.area_score([FWD, REV], answers) == pytest.approx(83.3333, abs=1e-3)


def test_area_score_ends_of_the_scale() -> None:
    assert scoring.area_score([FWD], {FWD.id: ans(FWD, 1)}) == 0.0
    assert scoring.area_score([FWD], {FWD.id: ans(FWD, 7)}) == 100.0
    assert scoring.area_score([REV], {REV.id: ans(REV, 1)}) == 100.0


def test_three_of_four_answered_is_enough() -> None:
    items = [FWD, REV, FWD2, FWD3]
    answers = {FWD.id: ans(FWD, 7), REV.id: ans(REV, 1), FWD2.id: ans(FWD2, 4)}
    # keyed 7, 7, 4 → mean 6 → 83.33…
    assert scoring.area_score(items, answers) == pytest.approx(500 / 6)


def test_a_skip_is_missing_not_a_middle_value() -> None:
    items = [FWD, REV, FWD2, FWD3]
    answers = {
        FWD.id: ans(FWD, 7),
        REV.id: ans(REV, 1),
        FWD2.id: ans(FWD2, None, skipped=True),
        FWD3.id: ans(FWD3, None, skipped=True),
    }
    # Two of four answered (50% < 75%): the area is missing, never 0 and never a middle value.
    assert scoring.area_score(items, answers) is None


def test_trust_index_is_the_mean_of_five_areas() -> None:
    areas = dict(zip(AREAS, [10.0, 20.0, 30.0, 40.0, 50.0], strict=True))
    assert scoring.trust_index(areas) == 30.0


def test_a_week_missing_an_area_has_no_trust_index_rather_than_a_four_area_mean() -> None:
    """Issue 14: never a silent 4-area mean that then jumps when the fifth area is back."""
    areas: dict[str, float | None] = dict(zip(AREAS, [10.0, 20.0, 30.0, 40.0, None], strict=True))
    assert scoring.trust_index(areas) is None
    areas["openness"] = 50.0
    assert scoring.trust_index(areas) == 30.0


def test_gap_and_change() -> None:
    assert scoring.gap(80.0, 55.0) == 25.0
    assert scoring.gap(55.0, 80.0) == 25.0
    assert scoring.gap(None, 80.0) is None
    assert scoring.change(50.0, 62.5) == 12.5
    assert scoring.change(None, 62.5) is None


def test_largest_gaps_orders_and_puts_missing_last() -> None:
    a = {"communication": 50.0, "security": 90.0, "closeness": None}
    b = {"communication": 60.0, "security": 40.0, "closeness": 70.0}
    rows = scoring.largest_gaps(a, b, areas=("communication", "security", "closeness"))
    assert [(r.area, r.gap) for r in rows] == [
        ("security", 50.0),
        ("communication", 10.0),
        ("closeness", None),
    ]


def test_week_scores_on_the_weekly_pack() -> None:
    pack = weekly_pack()
    answers = []
    for item in pack.items:
        if item.kind is ItemKind.SCALE:
            # Everyone answers 5 on forward items, 3 on reversed ones: keyed 5 everywhere.
            answers.append(
                Answer(7, pack.id, pack.version, item.id, value=3 if item.reverse else 5)
            )
        elif item.kind is ItemKind.RATING:
            answers.append(Answer(7, pack.id, pack.version, item.id, value=8))
    week = dt.date(2026, 11, 23)
    scores = scoring.week_scores(pack, 7, week, answers)
    expected = 100 * 4 / 6
    assert all(v == pytest.approx(expected) for v in scores.areas.values())
    assert scores.trust_index == pytest.approx(expected)
    assert scores.overall == 8
    # Someone else's answers are not counted.
    assert scoring.week_scores(pack, 8, week, answers).trust_index is None


@given(st.lists(st.integers(min_value=1, max_value=7), min_size=1, max_size=4))
def test_area_score_stays_in_range(values: list[int]) -> None:
    items = [
        Item(f"x.i{n}", "closeness", "t", ItemKind.SCALE, reverse=n % 2 == 1)
        for n in range(len(values))
    ]
    answers = {i.id: Answer(1, "p", 1, i.id, value=v) for i, v in zip(items, values, strict=True)}
    score = scoring.area_score(items, answers)
    assert score is not None
    assert 0.0 <= score <= 100.0
