"""Trend and change statistics against hand-computed values (CONTENT.md, "Scores")."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustcheck.core import stats
from trustcheck.core.models import Answer, Item, ItemKind, Review
from trustcheck.core.stats import CouplePoint, Point

MONDAY = dt.date(2026, 1, 5)


def wk(n: int) -> dt.date:
    """The Monday ``n`` weeks after 5 January 2026."""
    return MONDAY + dt.timedelta(weeks=n)


def series(*values: float | None, start: int = 0) -> list[Point]:
    """Consecutive weekly points from week ``start``."""
    return [Point(wk(start + i), v) for i, v in enumerate(values)]


# --------------------------------------------------------------------------- series helpers


def test_as_points_sorts_and_accepts_plain_tuples() -> None:
    pts = stats.as_points([(wk(2), 3.0), (wk(0), None), (wk(1), 1)])
    assert pts == [Point(wk(0), None), Point(wk(1), 1), Point(wk(2), 3.0)]
    assert all(isinstance(p, Point) for p in pts)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_values_are_refused_gaps_are_none(bad: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        stats.as_points([(wk(0), bad)])


def test_a_week_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        stats.ewma([(wk(0), 1.0), (wk(0), 2.0)])


def test_fill_weeks_inserts_gaps_for_absent_weeks() -> None:
    assert stats.fill_weeks([(wk(3), 30.0), (wk(0), 10.0)]) == [
        Point(wk(0), 10.0),
        Point(wk(1), None),
        Point(wk(2), None),
        Point(wk(3), 30.0),
    ]
    assert stats.fill_weeks([]) == []
    with pytest.raises(ValueError, match="whole number of weeks"):
        stats.fill_weeks([(wk(0), 1.0), (wk(1) + dt.timedelta(days=2), 2.0)])


def test_align_takes_the_union_of_weeks() -> None:
    a = [(wk(0), 1.0), (wk(2), 3.0)]
    b = [(wk(1), 20.0), (wk(2), None)]
    assert stats.align(a, b) == [(wk(0), 1.0, None), (wk(1), None, 20.0), (wk(2), 3.0, None)]
    assert stats.align([], []) == []


# --------------------------------------------------------------------------- ewma


def test_ewma_hand_computed_with_a_gap() -> None:
    # λ = 0.3 over [50, 60, None, 80]:
    #   S1 = 50                          (first point starts the line)
    #   S2 = 0.3·60 + 0.7·50 = 18 + 35 = 53
    #   week 3 is a gap → None; the state stays 53
    #   S4 = 0.3·80 + 0.7·53 = 24 + 37.1 = 61.1
    out = stats.ewma(series(50, 60, None, 80))
    assert [p.week for p in out] == [wk(0), wk(1), wk(2), wk(3)]
    assert out[0].value == 50
    assert out[1].value == pytest.approx(53.0)
    assert out[2].value is None
    assert out[3].value == pytest.approx(61.1)


def test_ewma_lambda_one_is_the_raw_series() -> None:
    assert stats.ewma(series(50, 60, None, 80), lam=1.0) == series(50, 60, None, 80)


@pytest.mark.parametrize("lam", [0.0, -0.1, 1.01])
def test_ewma_refuses_lambda_outside_zero_one(lam: float) -> None:
    with pytest.raises(ValueError):
        stats.ewma(series(1, 2), lam=lam)


def test_ewma_restarts_after_a_pause_longer_than_26_weeks() -> None:
    # 26 weeks apart: no restart → 0.3·80 + 0.7·50 = 24 + 35 = 59
    assert stats.ewma([(wk(0), 50), (wk(26), 80)])[1].value == pytest.approx(59.0)
    # 27 weeks apart: the line restarts at 80
    assert stats.ewma([(wk(0), 50), (wk(27), 80)])[1].value == 80


def test_ewma_year_long_pause() -> None:
    # 50, 60 → 53; a year of nothing; 20 restarts the line; 30 → 0.3·30 + 0.7·20 = 23
    pts = [(wk(0), 50), (wk(1), 60), (wk(53), 20), (wk(54), 30)]
    assert [p.value for p in stats.ewma(pts)] == pytest.approx([50, 53, 20, 23])


def test_ewma_edge_cases() -> None:
    assert stats.ewma([]) == []
    assert stats.ewma(series(42)) == series(42)
    assert stats.ewma(series(None, None)) == series(None, None)
    # leading gaps: the line starts at the first present point
    lead = stats.ewma(series(None, 70, 40))
    assert [p.week for p in lead] == [wk(0), wk(1), wk(2)]
    assert [p.value for p in lead] == [None, 70, pytest.approx(61.0)]  # 0.3·40 + 0.7·70 = 12 + 49


# --------------------------------------------------------------------------- Theil–Sen


def test_theil_sen_ignores_one_odd_week_that_pulls_ols() -> None:
    # x = 0..4 weeks, y = 50, 52, 54, 86, 58 (the line 50 + 2x, with week 3 off by +30).
    # Pairwise slopes (yj − yi)/(xj − xi):
    #   (0,1) 2   (0,2) 2   (0,3) 36/3 = 12   (0,4) 8/4 = 2
    #   (1,2) 2   (1,3) 34/2 = 17   (1,4) 6/3 = 2
    #   (2,3) 32  (2,4) 4/2 = 2
    #   (3,4) −28
    # sorted: −28, 2, 2, 2, 2, 2, 2, 12, 17, 32 → median of 10 = (2 + 2) / 2 = 2
    # OLS for contrast: x̄ = 2, ȳ = 300/5 = 60; Sxy = 20 + 8 + 0 + 26 − 4 = 50; Sxx = 10 → 5
    pts = series(50, 52, 54, 86, 58)
    assert stats.theil_sen_slope(pts) == pytest.approx(2.0)


def test_theil_sen_uses_dates_so_pauses_are_honoured() -> None:
    # weeks 0, 4, 6 with 10, 30, 40: slopes 20/4 = 5, 30/6 = 5, 10/2 = 5 → 5 per week.
    # (By position 0, 1, 2 it would have been 20, 15, 10 → 15: wrong.)
    pts = [(wk(0), 10), (wk(4), 30), (wk(6), 40)]
    assert stats.theil_sen_slope(pts) == pytest.approx(5.0)


def test_theil_sen_window_is_the_last_8_calendar_weeks() -> None:
    # weeks 0–5 at 100 fall outside the window ending at week 13 (weeks 6..13);
    # inside it y = x exactly → slope 1.
    pts = [*[(wk(i), 100.0) for i in range(6)], *[(wk(i), float(i)) for i in range(6, 14)]]
    assert stats.theil_sen_slope(pts) == pytest.approx(1.0)
    # over all 14 weeks: 15 slopes of 0, 28 of 1 and 48 negative ones → the median is negative
    slope14 = stats.theil_sen_slope(pts, window=14)
    assert slope14 is not None and slope14 < 0
    # two odd weeks among ten do not move it: 17 of 45 slopes are off, the median stays 1
    two_odd = [(wk(0), 100.0), (wk(1), 100.0), *[(wk(i), float(i)) for i in range(2, 10)]]
    assert stats.theil_sen_slope(two_odd, window=10) == pytest.approx(1.0)


def test_theil_sen_window_ends_at_until() -> None:
    # until = week 12 → window weeks 5..12; present points 6, 7, 8 at 60, 50, 40 → −10 per week
    pts = [(wk(i), float(100 - 10 * i)) for i in range(9)]
    assert stats.theil_sen_slope(pts, until=wk(12)) == pytest.approx(-10.0)
    # until = week 20: nothing in weeks 13..20 → None
    assert stats.theil_sen_slope(pts, until=wk(20)) is None


def test_theil_sen_needs_three_present_points() -> None:
    assert stats.theil_sen_slope([]) is None
    assert stats.theil_sen_slope(series(50)) is None
    assert stats.theil_sen_slope(series(50, None, 60)) is None  # two present
    assert stats.theil_sen_slope(series(None, None, None)) is None
    # slopes 10/2 = 5, 0/1 = 0... : 50, 55, 60 at weeks 0, 1, 2 → all slopes 5
    assert stats.theil_sen_slope(series(50, 55, 60)) == pytest.approx(5.0)
    assert stats.theil_sen_slope(series(50, None, 60), min_points=2) == pytest.approx(5.0)


def test_theil_sen_after_a_year_long_pause_has_no_slope() -> None:
    pts = [*series(10, 20, 30, 40), (wk(56), 50.0)]
    assert stats.theil_sen_slope(pts) is None


def test_theil_sen_refuses_bad_arguments() -> None:
    with pytest.raises(ValueError):
        stats.theil_sen_slope(series(1, 2, 3), window=0)
    with pytest.raises(ValueError):
        stats.theil_sen_slope(series(1, 2, 3), min_points=1)


# --------------------------------------------------------------------------- Cronbach's alpha

# 4 check-ins × 3 items
MATRIX: list[list[float | None]] = [[4, 5, 6], [2, 3, 3], [5, 5, 7], [3, 4, 4]]
# item 1: 4, 2, 5, 3 → mean 3.5,  deviations .5, −1.5, 1.5, −.5    → SS 5     → var 5/3
# item 2: 5, 3, 5, 4 → mean 4.25, deviations .75, −1.25, .75, −.25 → SS 2.75  → var 2.75/3
# item 3: 6, 3, 7, 4 → mean 5,    deviations 1, −2, 2, −1          → SS 10    → var 10/3
# totals: 15, 8, 17, 11 → mean 12.75, deviations 2.25, −4.75, 4.25, −1.75
#         → SS 5.0625 + 22.5625 + 18.0625 + 3.0625 = 48.75 → var 48.75/3
# α = 3/2 · (1 − (5 + 2.75 + 10) / 48.75) = 1.5 · 31/48.75 = 46.5/48.75 = 62/65 ≈ 0.953846
ALPHA = 62 / 65


def test_cronbach_alpha_hand_computed() -> None:
    assert stats.cronbach_alpha(MATRIX) == pytest.approx(ALPHA)


def test_cronbach_alpha_drops_rows_with_a_missing_item() -> None:
    assert stats.cronbach_alpha([*MATRIX, [7, None, 1], [None, None, None]]) == pytest.approx(ALPHA)


def test_cronbach_alpha_perfectly_consistent_items_is_one() -> None:
    # items 1,2,3 twice: each var 1, totals 2,4,6 var 4 → 2 · (1 − 2/4) = 1
    assert stats.cronbach_alpha([[1, 1], [2, 2], [3, 3]]) == pytest.approx(1.0)


def test_cronbach_alpha_can_be_negative_and_is_clamped_only_for_se() -> None:
    # item 1: 1, 7, 4 → var 18/2 = 9; item 2: 6, 1, 4 → mean 11/3, SS 38/3 → var 19/3
    # totals 7, 8, 8 → mean 23/3, SS 2/3 → var 1/3
    # α = 2 · (1 − (9 + 19/3) / (1/3)) = 2 · (1 − 46) = −90
    alpha = stats.cronbach_alpha([[1, 6], [7, 1], [4, 4]])
    assert alpha == pytest.approx(-90.0)
    assert stats.clamp_reliability(-90.0) == 0.0
    assert stats.clamp_reliability(0.999) == 0.99
    assert stats.clamp_reliability(0.7) == 0.7


def test_cronbach_alpha_none_cases() -> None:
    assert stats.cronbach_alpha([]) is None
    assert stats.cronbach_alpha(MATRIX[:2]) is None  # fewer than 3 complete rows
    assert stats.cronbach_alpha([[4, 4], [4, 4], [4, 4]]) is None  # no variance
    assert stats.cronbach_alpha([[1], [2], [3]]) is None  # one item: no consistency to measure
    assert stats.cronbach_alpha([[1, None], [2, None], [3, None]]) is None


def test_cronbach_alpha_refuses_ragged_rows() -> None:
    with pytest.raises(ValueError):
        stats.cronbach_alpha([[1, 2], [2, 3], [3, 4, 5]])


def test_item_rows_applies_reverse_keying_and_keeps_skips_missing() -> None:
    fwd = Item("c.fwd", "closeness", "forward", ItemKind.SCALE)
    rev = Item("c.rev", "closeness", "reversed", ItemKind.SCALE, reverse=True)
    note = Item("c.note", "closeness", "note", ItemKind.TEXT)

    def a(item: Item, value: int | None, skipped: bool = False) -> Answer:
        return Answer(1, "weekly", 1, item.id, value=value, skipped=skipped)

    checkins = [
        {fwd.id: a(fwd, 6), rev.id: a(rev, 2)},  # rev 2 → 8 − 2 = 6
        {fwd.id: a(fwd, 3), rev.id: a(rev, None, skipped=True)},
        {fwd.id: a(fwd, 5)},
    ]
    assert stats.item_rows([fwd, rev, note], checkins) == [[6, 6], [3, None], [5, None]]


# --------------------------------------------------------------------------- reliable change


def test_reliable_change_hand_computed() -> None:
    # s = 10, r = 0.8: SE = 10·√0.2 = 4.4721; S_diff = √2 · 4.4721 = √40 = 6.3246
    # RC = (65 − 50) / 6.3246 = 2.3717 > 1.96 → reliable, up
    rc = stats.reliable_change(50, 65, 10, 0.8, n_checkins=9)
    assert rc.rc == pytest.approx(15 / math.sqrt(40))
    assert rc.rc == pytest.approx(2.3717, abs=1e-4)
    assert (rc.reliable, rc.direction, rc.provisional, rc.n_checkins) == (True, "up", False, 9)
    assert rc.method == stats.RC_METHOD
    assert "Jacobson & Truax" in rc.method and "1.96" in rc.method
    down = stats.reliable_change(65, 50, 10, 0.8, n_checkins=9)
    assert down.rc == pytest.approx(-2.3717, abs=1e-4)
    assert (down.reliable, down.direction) == (True, "down")


def test_reliable_change_below_threshold_has_no_direction() -> None:
    # RC = 10 / 6.3246 = 1.581 ≤ 1.96 → noise: not reliable, no direction, sign still kept
    rc = stats.reliable_change(50, 60, 10, 0.8, n_checkins=9)
    assert rc.rc == pytest.approx(1.5811, abs=1e-4)
    assert (rc.reliable, rc.direction) == (False, None)


def test_reliable_change_clamps_r() -> None:
    # r = 0.999 → 0.99: S_diff = √2 · 10 · √0.01 = √2; RC = 1/√2 = 0.7071
    assert stats.reliable_change(50, 51, 10, 0.999).rc == pytest.approx(1 / math.sqrt(2))
    # r = −0.5 → 0: S_diff = √2 · 10 = 14.142; RC = 30 / 14.142 = 2.1213
    assert stats.reliable_change(50, 80, 10, -0.5).rc == pytest.approx(30 / (10 * math.sqrt(2)))


def test_reliable_change_is_provisional_until_six_checkins() -> None:
    assert stats.reliable_change(50, 65, 10, 0.8).provisional  # default 0 check-ins
    assert stats.reliable_change(50, 65, 10, 0.8, n_checkins=5).provisional
    assert not stats.reliable_change(50, 65, 10, 0.8, n_checkins=6).provisional


@pytest.mark.parametrize(
    ("x1", "x2", "s", "r"),
    [(None, 60, 10, 0.8), (50, None, 10, 0.8), (50, 60, None, 0.8), (50, 60, 10, None)],
)
def test_reliable_change_missing_inputs(
    x1: float | None, x2: float | None, s: float | None, r: float | None
) -> None:
    rc = stats.reliable_change(x1, x2, s, r, n_checkins=3)
    assert (rc.rc, rc.reliable, rc.direction, rc.provisional) == (None, False, None, True)


def test_reliable_change_zero_sd_gives_no_index_and_negative_sd_is_refused() -> None:
    assert stats.reliable_change(50, 90, 0, 0.8).rc is None
    with pytest.raises(ValueError):
        stats.reliable_change(50, 90, -1, 0.8)


# Baseline 50, 54, 46, 52, 48, 50 → mean 50; deviations 0, 4, −4, 2, −2, 0 → SS 40 → var 40/5 = 8
# s = √8 = 2.8284; r = α = 62/65 → 1 − r = 3/65; S_diff = √2 · √8 · √(3/65) = √(48/65) = 0.85933
# So |x − 50| > 1.96 · 0.85933 = 1.6843 is reliable:
#   51 → RC 1.16 (no), 55 → 5.82 (up), 49 → −1.16 (no), 56 → 6.98, 57 → 8.15, 58 → 9.31 (up)
BASELINE = (50, 54, 46, 52, 48, 50)
S_DIFF = math.sqrt(48 / 65)


def test_reliable_change_since_hand_computed() -> None:
    pts = series(*BASELINE, 51, 55, 49, 56, None, 57, 58)
    result = stats.reliable_change_since(pts, MATRIX)
    assert result.baseline_mean == pytest.approx(50.0)
    assert result.baseline_sd == pytest.approx(math.sqrt(8))
    assert result.alpha == pytest.approx(ALPHA)
    assert result.latest == Point(wk(12), 58)
    assert result.change.rc == pytest.approx(8 / S_DIFF)
    assert result.change.rc == pytest.approx(9.31, abs=0.01)
    assert (result.change.reliable, result.change.direction) == (True, "up")
    # 58, 57, (gap), 56 are all reliably up; 49 is not → holds since week 9 (the 56)
    assert result.since == wk(9)
    assert result.change.n_checkins == 12  # present points; the gap week is not a check-in
    assert not result.change.provisional
    assert result.note == ""


def test_reliable_change_since_is_provisional_with_few_checkins() -> None:
    # 4 points: baseline = first 3 (all but the last): 50, 52, 48 → mean 50, SS 8, var 4, s = 2
    # S_diff = √2 · 2 · √(3/65) = √(24/65) = 0.60764; RC = 20 / 0.60764 = 32.91
    result = stats.reliable_change_since(series(50, 52, 48, 70), MATRIX)
    assert result.baseline_sd == pytest.approx(2.0)
    assert result.change.rc == pytest.approx(20 / math.sqrt(24 / 65))
    assert (result.change.direction, result.change.provisional) == ("up", True)
    assert result.change.n_checkins == 4
    assert result.since == wk(3)


def test_reliable_change_since_latest_not_reliable_means_no_since() -> None:
    result = stats.reliable_change_since(series(*BASELINE, 58, 51), MATRIX)
    assert result.change.rc == pytest.approx(1 / S_DIFF)
    assert (result.change.reliable, result.change.direction, result.since) == (False, None, None)


def test_reliable_change_since_a_reversal_breaks_the_run() -> None:
    # 45 is reliably down, 56 and 57 reliably up → holds (up) since the 56
    result = stats.reliable_change_since(series(*BASELINE, 45, 56, 57), MATRIX)
    assert (result.change.direction, result.since) == ("up", wk(7))


def test_reliable_change_since_without_enough_data() -> None:
    empty = stats.reliable_change_since([], MATRIX)
    assert (empty.change.rc, empty.latest, empty.since) == (None, None, None)
    assert empty.change.n_checkins == 0 and empty.note
    two = stats.reliable_change_since(series(50, None, 90), MATRIX)
    assert two.change.rc is None and two.latest == Point(wk(2), 90) and two.note
    no_alpha = stats.reliable_change_since(series(*BASELINE, 90), [])
    assert (
        no_alpha.change.rc is None and no_alpha.alpha is None and "every question" in no_alpha.note
    )
    flat = stats.reliable_change_since(series(50, 50, 50, 90), MATRIX)
    assert flat.change.rc is None and flat.baseline_sd == 0 and "did not vary" in flat.note
    with pytest.raises(ValueError):
        stats.reliable_change_since(series(*BASELINE), MATRIX, baseline_size=1)


# --------------------------------------------------------------------------- commitments


def test_commitments_kept_hand_computed_blocks_count_back_from_latest() -> None:
    until = dt.date(2026, 3, 2)
    reviews = [
        (dt.date(2026, 3, 2), Review.KEPT),  # 0 days back    → block 0
        (dt.date(2026, 2, 23), Review.PARTLY),  # 7 days       → block 0
        (dt.date(2026, 2, 9), Review.NOT_YET),  # 21 days      → block 0
        (dt.date(2026, 2, 2), Review.KEPT),  # 28 days         → block 1
        (dt.date(2025, 12, 1), Review.PARTLY),  # 91 // 28 = 3 → block 3
    ]
    # block 0: weeks 9 Feb – 2 Mar: (1 + 0.5 + 0) / 3 = 0.5
    # block 1: weeks 12 Jan – 2 Feb: 1 / 1 = 1.0
    # block 2: weeks 15 Dec – 5 Jan: nothing reviewed → None (not zero)
    # block 3: weeks 17 Nov – 8 Dec: 0.5 / 1 = 0.5
    expected = [
        Point(dt.date(2025, 11, 17), 0.5),
        Point(dt.date(2025, 12, 15), None),
        Point(dt.date(2026, 1, 12), 1.0),
        Point(dt.date(2026, 2, 9), 0.5),
    ]
    assert stats.commitments_kept(reviews) == expected
    assert stats.commitments_kept(reversed(reviews), until=until) == expected


def test_commitments_kept_until_shifts_blocks_and_drops_later_reviews() -> None:
    reviews = [(wk(0), Review.KEPT), (wk(1), Review.NOT_YET), (wk(5), Review.KEPT)]
    # until = week 4: block 0 = weeks 1..4 → NOT_YET → 0.0; block 1 = weeks −3..0 → KEPT → 1.0
    # the week-5 review is after until and left out
    assert stats.commitments_kept(reviews, until=wk(4)) == [
        Point(wk(-3), 1.0),
        Point(wk(1), 0.0),
    ]
    # two-week blocks back from week 5: {4,5} → 1.0, {2,3} → None, {0,1} → 0.5
    assert stats.commitments_kept(reviews, period_weeks=2) == [
        Point(wk(0), 0.5),
        Point(wk(2), None),
        Point(wk(4), 1.0),
    ]


def test_commitments_kept_edge_cases() -> None:
    assert stats.commitments_kept([]) == []
    assert stats.commitments_kept([(wk(3), Review.PARTLY)]) == [Point(wk(0), 0.5)]
    assert stats.commitments_kept([(wk(5), Review.KEPT)], until=wk(1)) == []
    with pytest.raises(ValueError):
        stats.commitments_kept([(wk(0), Review.KEPT)], period_weeks=0)


# --------------------------------------------------------------------------- couple view


def test_couple_view_mean_and_gap_only_when_both_answered() -> None:
    a = [(wk(0), 60.0), (wk(1), None), (wk(2), 70.0)]
    b = [(wk(0), 40.0), (wk(1), 50.0), (wk(3), 80.0)]
    assert stats.couple_view(a, b) == [
        CouplePoint(wk(0), 60.0, 40.0, 50.0, 20.0),  # (60 + 40)/2, |60 − 40|
        CouplePoint(wk(1), None, 50.0, None, None),
        CouplePoint(wk(2), 70.0, None, None, None),
        CouplePoint(wk(3), None, 80.0, None, None),
    ]
    assert stats.couple_view([], []) == []


# --------------------------------------------------------------------------- downsample


def test_downsample_hand_computed() -> None:
    # n = 10, width 4 → cuts at ⌊i·10/4⌋ = 0, 2, 5, 7, 10
    pts = series(10, 20, None, None, None, 30, None, 40, 50, 60)
    assert stats.downsample(pts, 4) == [
        Point(wk(0), 15.0),  # (10 + 20) / 2
        Point(wk(2), None),  # only gaps
        Point(wk(5), 30.0),  # 30 (the gap is not a zero)
        Point(wk(7), 50.0),  # (40 + 50 + 60) / 3
    ]


def test_downsample_edge_cases() -> None:
    assert stats.downsample([], 5) == []
    assert stats.downsample(series(1, None, 3), 3) == series(1, None, 3)
    assert stats.downsample(series(1, None, 3), 1) == [Point(wk(0), 2.0)]
    assert stats.downsample(series(None, None, None), 2) == [Point(wk(0), None), Point(wk(1), None)]
    with pytest.raises(ValueError):
        stats.downsample(series(1), 0)


# --------------------------------------------------------------------------- properties

values = st.one_of(st.none(), st.floats(0, 100, allow_nan=False))


@st.composite
def weekly(draw: st.DrawFn, min_size: int = 0, max_size: int = 40) -> list[Point]:
    """A weekly series with gaps (None) and absent weeks, including long pauses."""
    steps = draw(
        st.lists(st.sampled_from([1, 1, 1, 2, 3, 30, 60]), min_size=min_size, max_size=max_size)
    )
    week, out = 0, []
    for step in steps:
        week += step
        out.append(Point(wk(week), draw(values)))
    return out


@settings(max_examples=60, deadline=None)
@given(weekly(), st.floats(0.01, 1.0))
def test_prop_ewma_within_range_and_gaps_propagate(pts: list[Point], lam: float) -> None:
    out = stats.ewma(pts, lam)
    assert [p.week for p in out] == [p.week for p in pts]
    present_in = [p.value for p in pts if p.value is not None]
    for p_in, p_out in zip(pts, out, strict=True):
        assert (p_in.value is None) == (p_out.value is None)
        if p_out.value is not None:
            assert min(present_in) <= p_out.value <= max(present_in)


@settings(max_examples=60, deadline=None)
@given(weekly(min_size=1, max_size=12), st.randoms(use_true_random=False))
def test_prop_theil_sen_is_order_independent(pts: list[Point], rnd: random.Random) -> None:
    shuffled = list(pts)
    rnd.shuffle(shuffled)
    assert stats.theil_sen_slope(shuffled) == stats.theil_sen_slope(pts)


@settings(max_examples=60, deadline=None)
@given(
    st.floats(-50, 150),
    st.floats(-10, 10),
    st.lists(st.integers(0, 7), min_size=3, max_size=8, unique=True),
)
def test_prop_theil_sen_exact_on_a_line(intercept: float, slope: float, xs: list[int]) -> None:
    pts = [(wk(x), intercept + slope * x) for x in xs]
    assert stats.theil_sen_slope(pts) == pytest.approx(slope, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 5).flatmap(
        lambda k: st.lists(
            st.lists(st.one_of(st.none(), st.integers(1, 7)), min_size=k, max_size=k),
            min_size=0,
            max_size=15,
        )
    )
)
def test_prop_alpha_at_most_one(matrix: list[list[float | None]]) -> None:
    alpha = stats.cronbach_alpha(matrix)
    assert alpha is None or alpha <= 1.0


@settings(max_examples=60, deadline=None)
@given(
    st.floats(0, 100),
    st.floats(0, 100),
    st.floats(0.1, 50),
    st.floats(-1, 1),
    st.integers(0, 20),
)
def test_prop_rc_sign_follows_the_change(x1: float, x2: float, s: float, r: float, n: int) -> None:
    rc = stats.reliable_change(x1, x2, s, r, n_checkins=n)
    assert rc.rc is not None
    assert math.copysign(1, rc.rc) == math.copysign(1, x2 - x1) or x2 == x1
    assert rc.reliable == (abs(rc.rc) > 1.96)
    assert rc.direction == (None if not rc.reliable else ("up" if x2 > x1 else "down"))
    assert rc.provisional == (n < 6)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 120), st.sampled_from(list(Review))), max_size=30),
    st.integers(1, 8),
)
def test_prop_commitment_share_in_unit_interval(raw: list[tuple[int, Review]], period: int) -> None:
    reviews = [(wk(w), r) for w, r in raw]
    out = stats.commitments_kept(reviews, period)
    assert all(p.value is None or 0.0 <= p.value <= 1.0 for p in out)
    if reviews:
        # one block per `period` weeks, oldest first, newest block ending at the latest review
        assert out[-1].week == max(w for w, _ in reviews) - dt.timedelta(weeks=period - 1)
        assert all((b.week - a.week).days == 7 * period for a, b in itertools.pairwise(out))
        assert out[0].value is not None and out[-1].value is not None


@settings(max_examples=60, deadline=None)
@given(weekly(), st.integers(1, 12))
def test_prop_downsample_keeps_width_and_bucket_range(pts: list[Point], width: int) -> None:
    out = stats.downsample(pts, width)
    assert len(out) <= width
    assert len(out) == min(width, len(pts))
    starts = [p.week for p in out]
    for i, p in enumerate(out):
        end = starts[i + 1] if i + 1 < len(starts) else dt.date.max
        bucket = [q.value for q in pts if p.week <= q.week < end]
        present_b = [v for v in bucket if v is not None]
        if not present_b:
            assert p.value is None
        else:
            assert p.value is not None and min(present_b) <= p.value <= max(present_b)
