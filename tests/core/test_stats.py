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
from trustcheck.core.models import Review
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
    #   S4: two weeks since S2, so w = 1 − 0.7² = 0.51 (elapsed time, not points):
    #   S4 = 0.51·80 + 0.49·53 = 40.8 + 25.97 = 66.77
    out = stats.ewma(series(50, 60, None, 80))
    assert [p.week for p in out] == [wk(0), wk(1), wk(2), wk(3)]
    assert out[0].value == 50
    assert out[1].value == pytest.approx(53.0)
    assert out[2].value is None
    assert out[3].value == pytest.approx(66.77)


def test_ewma_weighs_the_old_state_less_after_a_pause() -> None:
    """Issue 14: a pause of several weeks counts as that many weekly steps."""
    # 4 weeks apart: w = 1 − 0.7⁴ = 0.7599; S = 0.7599·80 + 0.2401·50 = 72.797
    assert stats.ewma([(wk(0), 50), (wk(4), 80)])[1].value == pytest.approx(72.797)
    # the same two points a week apart: the classic λ
    assert stats.ewma([(wk(0), 50), (wk(1), 80)])[1].value == pytest.approx(59.0)


def test_ewma_lambda_one_is_the_raw_series() -> None:
    assert stats.ewma(series(50, 60, None, 80), lam=1.0) == series(50, 60, None, 80)


@pytest.mark.parametrize("lam", [0.0, -0.1, 1.01])
def test_ewma_refuses_lambda_outside_zero_one(lam: float) -> None:
    with pytest.raises(ValueError):
        stats.ewma(series(1, 2), lam=lam)


def test_ewma_restarts_after_a_pause_longer_than_26_weeks() -> None:
    # 26 weeks apart: no restart, but the old state weighs 0.7²⁶ ≈ 0.0001 → ≈ 80
    assert stats.ewma([(wk(0), 50), (wk(26), 80)])[1].value == pytest.approx(80.0, abs=0.01)
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
