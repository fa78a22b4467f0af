"""Trend and change statistics over weekly scores (CONTENT.md, "Scores"). Pure: stdlib only.

Every figure here is derived on the fly from a person's weekly series and never stored.

Conventions shared by every function:

* A series is a sequence of weekly points ``(week, value)``; :class:`Point` is a ``NamedTuple``,
  so plain ``(date, float | None)`` tuples are accepted wherever a series is read.
* ``None`` is a gap: a skipped area, a week with no check-in, a missing score. A gap is never
  read as zero and never given a made-up value; weeks absent from the list are gaps as well.
* Functions sort their input by week and refuse duplicate weeks and non-finite values
  (``ValueError``), so caller order never changes a result.
* Time is measured in weeks from the dates themselves (``days / 7``), so pauses are honoured.
* No clinical cut-offs: our items have no published norms. Whether a change is real is
  :mod:`trustcheck.core.change`'s question, judged against the person's own usual range.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import partial
from itertools import islice, pairwise, repeat
from operator import is_not, itemgetter, lt
from statistics import fmean, median
from typing import NamedTuple, cast

from trustcheck.core.models import REVIEW_CREDIT, Review
from trustcheck.core.scoring import gap

#: Smoothing weight of the newest point in the trend line (CONTENT.md: λ ≈ 0.3).
EWMA_LAMBDA = 0.3
#: A pause longer than this many weeks between two present points restarts the trend line.
EWMA_MAX_GAP_WEEKS = 26
#: The Theil–Sen slope looks at the last this-many calendar weeks (CONTENT.md: 8).
SLOPE_WINDOW_WEEKS = 8
#: Fewest present points in the window for a slope; two points would be a bare difference.
SLOPE_MIN_POINTS = 3
#: A period's start and end are the means of this many first and last scored weeks.
END_WEEKS = 3


#: Commitments are summarised over blocks of this many weeks (CONTENT.md: per 4 weeks).
COMMITMENT_PERIOD_WEEKS = 4

_WEEK_DAYS = 7

_week_of = itemgetter(0)
_value_of = itemgetter(1)
_is_value = partial(is_not, None)


class Point(NamedTuple):
    """One weekly value; ``value`` None is a gap (missing, skipped), never zero."""

    week: dt.date
    value: float | None


#: What functions accept as a series: Points or plain ``(date, value)`` tuples.
SeriesLike = Iterable[tuple[dt.date, float | None]]


class CouplePoint(NamedTuple):
    """Both partners' values for one week, their mean and the gap ``|A − B|``."""

    week: dt.date
    a: float | None
    b: float | None
    mean: float | None
    gap: float | None


# --------------------------------------------------------------------------- series helpers


def _weeks_between(earlier: dt.date, later: dt.date) -> float:
    return (later - earlier).days / _WEEK_DAYS


def _make_points(weeks: Iterable[dt.date], values: Iterable[float | None]) -> list[Point]:
    """Points built in bulk; ``tuple.__new__`` is what ``Point._make`` does, without a call each."""
    return list(map(tuple.__new__, repeat(Point), zip(weeks, values, strict=True)))


def _checked(series: SeriesLike) -> list[tuple[dt.date, float | None]]:
    """The series as a new list sorted by week, validated; items stay as given (tuples or Points).

    Raises ValueError on a repeated week or a value that is not a finite number. Written with
    C-level helpers (``map``, ``itemgetter``) because every function here starts with it.
    """
    pairs = list(series)
    weeks = list(map(_week_of, pairs))
    if not all(map(lt, weeks, islice(weeks, 1, None))):
        pairs.sort(key=_week_of)
        weeks = list(map(_week_of, pairs))
        if not all(map(lt, weeks, islice(weeks, 1, None))):
            twice = next(a for a, b in pairwise(weeks) if a == b)
            raise ValueError(f"week {twice} appears twice in one series")
    values = list(filter(_is_value, map(_value_of, pairs)))
    # A finite sum means every value is finite (inf and NaN propagate); only an overflowing sum
    # needs the value-by-value look.
    if not math.isfinite(sum(values)) and not all(map(math.isfinite, values)):
        bad = next(p for p in pairs if p[1] is not None and not math.isfinite(p[1]))
        raise ValueError(f"week {bad[0]}: {bad[1]!r} is not a finite number; use None")
    return pairs


def as_points(series: SeriesLike) -> list[Point]:
    """The series as :class:`Point` s sorted by week (a new list; the input is not changed).

    Raises ValueError on a repeated week or a value that is not a finite number (use None for a
    gap, never NaN).
    """
    return _to_points(_checked(series))


def _to_points(pairs: list[tuple[dt.date, float | None]]) -> list[Point]:
    """Checked pairs as Points, reusing the list when it already holds only Points."""
    if set(map(type, pairs)) <= {Point}:
        return cast(list[Point], pairs)
    return _make_points(map(_week_of, pairs), map(_value_of, pairs))


def present(series: SeriesLike) -> list[tuple[dt.date, float]]:
    """Only the weeks that have a value, sorted by week."""
    return cast(list[tuple[dt.date, float]], [p for p in _checked(series) if p[1] is not None])


def fill_weeks(series: SeriesLike) -> list[Point]:
    """Every week from the first to the last, with None for the weeks the series lacks.

    Weeks are 7-day steps from the first point; a date off that grid raises ValueError.
    """
    points = _checked(series)
    if not points:
        return []
    days = list(map(dt.date.toordinal, map(_week_of, points)))
    first, last = days[0], days[-1]
    if days == list(range(first, last + 1, _WEEK_DAYS)):  # already whole: nothing to fill
        return _to_points(points)
    by_day = dict(zip(days, map(_value_of, points), strict=True))
    off_grid = [d for d in by_day if (d - first) % _WEEK_DAYS]
    if off_grid:
        day = dt.date.fromordinal(off_grid[0])
        raise ValueError(f"{day} is not a whole number of weeks after {points[0][0]}")
    grid = range(first, last + 1, _WEEK_DAYS)
    return _make_points(map(dt.date.fromordinal, grid), map(by_day.get, grid))


def align(
    series_a: SeriesLike, series_b: SeriesLike
) -> list[tuple[dt.date, float | None, float | None]]:
    """Two series side by side on the union of their weeks, sorted; a missing side is None."""
    pa, pb = _checked(series_a), _checked(series_b)
    weeks_a = list(map(_week_of, pa))
    if weeks_a == list(map(_week_of, pb)):  # the usual case: the same check-ins
        return list(zip(weeks_a, map(_value_of, pa), map(_value_of, pb), strict=True))
    a, b = dict(pa), dict(pb)
    weeks = sorted(a.keys() | b.keys())
    return list(zip(weeks, map(a.get, weeks), map(b.get, weeks), strict=True))


def _bounded_mean(xs: Sequence[float]) -> float:
    """The mean, kept inside [min, max] of ``xs`` even where float rounding would step out."""
    return min(max(fmean(xs), min(xs)), max(xs))


def ewma(
    points: SeriesLike, lam: float = EWMA_LAMBDA, *, max_gap_weeks: float = EWMA_MAX_GAP_WEEKS
) -> list[Point]:
    """Exponentially weighted moving average: the smoothed trend line, one point per input week.

    Formula: ``S₁ = x₁``; ``Sₜ = wₜ · xₜ + (1 − wₜ) · Sₜ₋₁`` with ``wₜ = 1 − (1 − λ)^Δₜ``,
    ``Δₜ`` the weeks since the previous present point and λ = 0.3 by default: an unbroken weekly
    series is the classic EWMA (``wₜ = λ``), and after a pause the old state weighs as much as
    it would have after that many weekly steps (issue 14: elapsed time, not points).
    Source: Roberts (1959), "Control chart tests based on geometric moving averages",
    *Technometrics* 1(3); Hunter (1986), *J. Quality Technology* 18(4); for unevenly spaced
    points, Eckner (2019), "Algorithms for unevenly spaced time series" (the EMA with the
    "last" convention); CONTENT.md, "Trend".

    * A week whose value is None yields None (a gap in the line, never a made-up value) and does
      not update the average; the smoothing state carries over to the next present point.
    * When more than ``max_gap_weeks`` (default 26, half a year) separate two present points, the
      old state is dropped and the line restarts at the new point: after a long pause the past
      is no longer a fair summary of where the couple stands.

    Every output value is a weighted mean of present inputs, so it lies within their range.
    """
    if not 0.0 < lam <= 1.0:
        raise ValueError(f"λ must be in (0, 1], not {lam}")
    pts = _checked(points)
    keep, max_gap_days = 1.0 - lam, max_gap_weeks * _WEEK_DAYS
    line: list[float | None] = []
    state, last_day = 0.0, None
    for week, value in pts:
        if value is None:
            line.append(None)
            continue
        day = week.toordinal()
        if last_day is None or day - last_day > max_gap_days:
            state = float(value)
        else:
            weight = 1.0 - keep ** ((day - last_day) / _WEEK_DAYS)
            new = weight * value + (1.0 - weight) * state
            # A convex combination; the clamp only keeps float rounding inside [value, state].
            lo, hi = (value, state) if value < state else (state, value)
            state = lo if new < lo else hi if new > hi else new
        last_day = day
        line.append(state)
    return _make_points(map(_week_of, pts), line)


def theil_sen_slope(
    points: SeriesLike,
    window: int = SLOPE_WINDOW_WEEKS,
    *,
    until: dt.date | None = None,
    min_points: int = SLOPE_MIN_POINTS,
) -> float | None:
    """Theil–Sen slope of the last ``window`` calendar weeks, in points per week.

    Formula: ``slope = median over i < j of (yⱼ − yᵢ) / (xⱼ − xᵢ)``, x in weeks from the dates.
    Source: Theil (1950), *Indagationes Mathematicae* 12; Sen (1968), *JASA* 63(324);
    CONTENT.md, "Trend" ("robust to one odd week").

    The window is the ``window`` weeks ending at ``until`` (default: the last week in the
    series, present or not): points with ``until − 7·window days < week ≤ until``. Only present
    points count, and x comes from the dates, so a pause shrinks the window rather than being
    squeezed out. With fewer than ``min_points`` (default 3) present points it returns None: two
    points would give a bare difference that one odd week decides entirely.
    """
    if window < 1:
        raise ValueError(f"window must be at least one week, not {window}")
    if min_points < 2:
        raise ValueError("a slope needs at least two points")
    pts = _checked(points)
    if not pts:
        return None
    end = until if until is not None else pts[-1][0]
    start = end - dt.timedelta(days=_WEEK_DAYS * window)
    inside = pts[bisect_right(pts, start, key=_week_of) : bisect_right(pts, end, key=_week_of)]
    xy = [(_weeks_between(end, w), v) for w, v in inside if v is not None]
    if len(xy) < min_points:
        return None
    slopes = [(yj - yi) / (xj - xi) for i, (xi, yi) in enumerate(xy) for xj, yj in xy[i + 1 :]]
    return float(median(slopes))


# --------------------------------------------------------------------------- reliable change


def period_ends(values: Iterable[float | None]) -> tuple[float | None, float | None]:
    """The start and end of a period: the means of the first and last :data:`END_WEEKS` scored
    weeks (half of them each when there are fewer than twice as many; the one score when there
    is one), so a single unusual week never decides them. Gaps are left out, never zeros."""
    present = [v for v in values if v is not None]
    if not present:
        return None, None
    k = min(END_WEEKS, max(1, len(present) // 2))
    return math.fsum(present[:k]) / k, math.fsum(present[-k:]) / k


# --------------------------------------------------------------------------- commitments


def commitments_kept(
    reviews: Iterable[tuple[dt.date, Review]],
    period_weeks: int = COMMITMENT_PERIOD_WEEKS,
    *,
    until: dt.date | None = None,
) -> list[Point]:
    """Share of one person's commitments kept, per block of ``period_weeks`` weeks.

    Formula: ``share = Σ credit / n`` over the commitments reviewed in the block, with credit
    kept = 1, partly = 0.5, not yet = 0 (``REVIEW_CREDIT``). Source: CONTENT.md, "Commitments".

    ``reviews`` pairs the week a commitment was reviewed with its review. Blocks are consecutive
    ``period_weeks``-week spans counted *back* from ``until`` (default: the latest review's
    week), so the newest block is always "the last 4 weeks" and whole. Each point's ``week`` is
    the first week of its block; points run oldest first, from the block of the earliest review
    to the newest block, and a block with no reviewed commitments is None (not zero). Reviews
    after ``until`` are left out.
    """
    if period_weeks < 1:
        raise ValueError(f"a period needs at least one week, not {period_weeks}")
    reviews = list(reviews)
    if not reviews:
        return []
    end = until if until is not None else max(map(_week_of, reviews))
    end_day, span = end.toordinal(), _WEEK_DAYS * period_weeks
    credit: dict[int, float] = {}
    count: dict[int, int] = {}
    # Looked up by identity: hashing an enum member runs Python code, once per review otherwise.
    by_member = {id(r): c for r, c in REVIEW_CREDIT.items()}
    for week, review in reviews:
        back = end_day - week.toordinal()
        if back >= 0:
            block = back // span
            value = by_member.get(id(review))
            if value is None:  # a plain string equal to a member, or not a review at all
                value = REVIEW_CREDIT[review]
            credit[block] = credit.get(block, 0.0) + value
            count[block] = count.get(block, 0) + 1
    if not count:
        return []
    blocks = range(max(count), -1, -1)
    newest_start = end_day - (span - _WEEK_DAYS)
    return _make_points(
        (dt.date.fromordinal(newest_start - span * k) for k in blocks),
        (credit[k] / count[k] if k in count else None for k in blocks),
    )


# --------------------------------------------------------------------------- couple and charts


def couple_view(a: SeriesLike, b: SeriesLike) -> list[CouplePoint]:
    """Both partners' series side by side, with their mean and the gap ``|A − B|``.

    Formula: ``mean = (A + B) / 2``, ``gap = |A − B|`` (:func:`trustcheck.core.scoring.gap`);
    both None unless both partners have a value that week, so one person's score is never shown
    as the couple's. The gap is a topic to talk about, not a verdict. Source: CONTENT.md,
    "Couple view".
    """
    rows = [
        (week, va, vb, None if va is None or vb is None else (va + vb) / 2.0, gap(va, vb))
        for week, va, vb in align(a, b)
    ]
    return list(map(tuple.__new__, repeat(CouplePoint), rows))


def downsample(points: SeriesLike, width: int) -> list[Point]:
    """At most ``width`` points for a chart ``width`` cells wide, by bucket means.

    Formula: the sorted points are cut into ``width`` consecutive buckets by position
    (bucket i holds points ``⌊i·n/width⌋ … ⌊(i+1)·n/width⌋ − 1``); each bucket becomes one point
    at its first week whose value is the mean of its present values, or None when the bucket
    holds only gaps. A series that already fits is returned as is. Pass :func:`fill_weeks`
    output so that buckets are equal spans of time. Each value lies within its bucket's range.
    """
    if width < 1:
        raise ValueError(f"a chart needs at least one column, not {width}")
    pts = _checked(points)
    n = len(pts)
    if n <= width:
        return _to_points(pts)
    all_values = list(map(_value_of, pts))
    cuts = [i * n // width for i in range(width + 1)]
    weeks = [pts[a][0] for a in cuts[:-1]]
    means: list[float | None] = []
    for a, b in pairwise(cuts):
        values = list(filter(_is_value, all_values[a:b]))
        means.append(_bounded_mean(values) if values else None)
    return _make_points(weeks, means)
