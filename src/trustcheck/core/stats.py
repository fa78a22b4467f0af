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
* No clinical cut-offs: our items have no published norms, so the only threshold is the
  statistical one of the reliable change index (|RC| > 1.96), computed from the person's own
  history.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import islice, pairwise, repeat
from operator import add, is_not, itemgetter, lt, mul, sub
from statistics import fmean, median
from typing import Literal, NamedTuple, cast

from trustcheck.core.models import REVIEW_CREDIT, Answer, Item, ItemKind, Review
from trustcheck.core.scoring import gap, keyed_value

#: Smoothing weight of the newest point in the trend line (CONTENT.md: λ ≈ 0.3).
EWMA_LAMBDA = 0.3
#: A pause longer than this many weeks between two present points restarts the trend line.
EWMA_MAX_GAP_WEEKS = 26
#: The Theil–Sen slope looks at the last this-many calendar weeks (CONTENT.md: 8).
SLOPE_WINDOW_WEEKS = 8
#: Fewest present points in the window for a slope; two points would be a bare difference.
SLOPE_MIN_POINTS = 3
#: The baseline is a person's first this-many present points in an area.
BASELINE_POINTS = 6
#: Reliable change is *provisional* until the person has this many check-ins with a score.
PROVISIONAL_BELOW = 6
#: |RC| above this is a reliable change (two-sided 5%, Jacobson & Truax 1991).
RC_CRITICAL = 1.96
#: Internal consistency is clamped to this range before it enters ``SE = s · √(1 − r)``.
R_FLOOR, R_CEILING = 0.0, 0.99
#: Commitments are summarised over blocks of this many weeks (CONTENT.md: per 4 weeks).
COMMITMENT_PERIOD_WEEKS = 4
#: Fewest complete check-ins (rows) for Cronbach's alpha.
ALPHA_MIN_ROWS = 3

#: Named wherever a reliable-change flag is shown (CONTENT.md: "State the method").
RC_METHOD = "Jacobson & Truax reliable change index, |RC| > 1.96, from your own history"

_WEEK_DAYS = 7

Direction = Literal["up", "down"]

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


@dataclass(frozen=True, slots=True)
class ReliableChange:
    """The outcome of one reliable-change comparison.

    ``rc`` is None when it cannot be computed (a value, ``s`` or ``r`` missing, or ``s`` = 0).
    ``direction`` is set only for a reliable change, so noise is never shown as a direction;
    the sign of ``rc`` still follows ``x2 − x1``.
    """

    rc: float | None
    reliable: bool
    direction: Direction | None
    provisional: bool
    n_checkins: int
    method: str = RC_METHOD


@dataclass(frozen=True, slots=True)
class ChangeSince:
    """Baseline mean against the latest point, and since when a reliable change has held.

    Written for sentences like "Sam's closeness has risen reliably since March — provisional,
    from 9 check-ins": ``change.direction`` (risen/fallen), ``since`` (March),
    ``change.provisional`` and ``change.n_checkins`` (9), ``change.method`` (how).
    ``note`` says in plain words why no index could be computed, else it is empty.
    """

    change: ReliableChange
    baseline_mean: float | None
    baseline_sd: float | None
    alpha: float | None
    latest: Point | None
    since: dt.date | None
    note: str = ""


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


def _sample_variance(xs: Sequence[float]) -> float:
    """Sample variance with the ``n − 1`` denominator (two-pass, float only)."""
    m = fmean(xs)
    d = list(map(sub, xs, repeat(m)))  # the same products as ``(x − m)·(x − m)``, built in C
    return math.fsum(map(mul, d, d)) / (len(xs) - 1)


# --------------------------------------------------------------------------- trend


def ewma(
    points: SeriesLike, lam: float = EWMA_LAMBDA, *, max_gap_weeks: float = EWMA_MAX_GAP_WEEKS
) -> list[Point]:
    """Exponentially weighted moving average: the smoothed trend line, one point per input week.

    Formula: ``S₁ = x₁``; ``Sₜ = λ · xₜ + (1 − λ) · Sₜ₋₁`` with λ = 0.3 by default.
    Source: Roberts (1959), "Control chart tests based on geometric moving averages",
    *Technometrics* 1(3); Hunter (1986), *J. Quality Technology* 18(4); CONTENT.md, "Trend".

    Gaps: the average is taken over the raw weekly *points*, not over calendar time.

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
            new = lam * value + keep * state
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


def cronbach_alpha(item_matrix: Sequence[Sequence[float | None]]) -> float | None:
    """Cronbach's alpha: internal consistency of an area's items across check-ins.

    Formula: ``α = k / (k − 1) · (1 − Σ σ²ᵢ / σ²ₓ)``, k items, σ²ᵢ the variance of item i over
    check-ins, σ²ₓ the variance of the row totals (sample variances; the denominator cancels).
    Source: Cronbach (1951), "Coefficient alpha and the internal structure of tests",
    *Psychometrika* 16(3).

    Rows are check-ins and columns items, reverse keying already applied. Rows with any missing
    item are dropped. Returns None with fewer than two items, fewer than 3 complete rows, or no
    variance in the totals. Alpha may be negative (items pulling apart) and is at most 1; it is
    returned raw, and clamped only where it enters the standard error (:func:`reliable_change`).
    """
    if len(set(map(len, item_matrix))) > 1:
        raise ValueError("every row of the item matrix needs the same number of items")
    # ``None in row`` is a C-level scan; the cast records what that filter guarantees.
    rows = cast(list[Sequence[float]], [r for r in item_matrix if None not in r])
    if len(rows) < ALPHA_MIN_ROWS:
        return None
    k = len(rows[0])
    if k < 2:
        return None
    columns = list(zip(*rows, strict=True))
    totals: Iterable[float] = columns[0]
    for column in columns[1:]:  # row totals, summed column by column
        totals = map(add, totals, column)
    total_var = _sample_variance(list(totals))
    if total_var <= 0.0:
        return None
    item_var = math.fsum(map(_sample_variance, columns))
    alpha = k / (k - 1) * (1.0 - item_var / total_var)
    return min(alpha, 1.0)  # ≤ 1 in exact arithmetic; guard against rounding


def clamp_reliability(r: float) -> float:
    """``r`` clamped to [0, 0.99] before it enters ``SE = s · √(1 − r)``.

    At r → 1 the standard error vanishes and every wobble would look reliable; a negative alpha
    would inflate it beyond the baseline SD. Both ends are our choice, not from the source.
    """
    return min(max(r, R_FLOOR), R_CEILING)


def _s_diff(s: float, r: float) -> float:
    """``S_diff = √2 · SE``, ``SE = s · √(1 − r)`` with r clamped (Jacobson & Truax 1991)."""
    return math.sqrt(2.0) * s * math.sqrt(1.0 - clamp_reliability(r))


def reliable_change(
    x1: float | None,
    x2: float | None,
    s: float | None,
    r: float | None,
    *,
    n_checkins: int = 0,
) -> ReliableChange:
    """Jacobson & Truax reliable change index between two scores.

    Formula: ``RC = (x2 − x1) / S_diff``, ``S_diff = √2 · SE``, ``SE = s · √(1 − r)``;
    ``|RC| > 1.96`` is a reliable change. Source: Jacobson & Truax (1991), "Clinical
    significance: a statistical approach to defining meaningful change in psychotherapy
    research", *J. Consulting and Clinical Psychology* 59(1); CONTENT.md, "Real change vs noise".

    ``s`` is the SD of the person's baseline and ``r`` the internal consistency of the area's
    items (Cronbach's alpha), clamped to [0, 0.99] (:func:`clamp_reliability`). Our items have no
    published norms, so both come from the person's own history. ``rc`` is None when any input
    is missing or ``s`` is 0 (no spread to judge against). The result is *provisional* while
    ``n_checkins`` < 6.
    """
    provisional = n_checkins < PROVISIONAL_BELOW
    if x1 is None or x2 is None or s is None or r is None:
        return ReliableChange(None, False, None, provisional, n_checkins)
    if s < 0 or not math.isfinite(s):
        raise ValueError(f"a standard deviation cannot be {s}")
    s_diff = _s_diff(s, r)
    if s_diff == 0.0:
        return ReliableChange(None, False, None, provisional, n_checkins)
    rc = (x2 - x1) / s_diff
    reliable = abs(rc) > RC_CRITICAL
    direction: Direction | None = ("up" if rc > 0 else "down") if reliable else None
    return ReliableChange(rc, reliable, direction, provisional, n_checkins)


def item_rows(
    items: Sequence[Item], checkins: Iterable[Mapping[str, Answer]]
) -> list[list[float | None]]:
    """Rows of reverse-keyed item values for :func:`cronbach_alpha`, one row per check-in.

    ``checkins`` holds one person's answers per check-in, keyed by item id. Only 1–7 scale items
    count; a skipped or missing answer is None (never a middle value).
    """
    scale_items = [i for i in items if i.kind is ItemKind.SCALE]
    rows: list[list[float | None]] = []
    for answers in checkins:
        row: list[float | None] = []
        for item in scale_items:
            a = answers.get(item.id)
            if a is None or a.skipped or a.value is None:
                row.append(None)
            else:
                row.append(float(keyed_value(item, a.value)))
        rows.append(row)
    return rows


def reliable_change_since(
    points: SeriesLike,
    items: Sequence[Sequence[float | None]],
    *,
    baseline_size: int = BASELINE_POINTS,
) -> ChangeSince:
    """Has a person's area score changed reliably from their baseline, and since when?

    Method (Jacobson & Truax 1991, adapted to a person's own history; see
    :func:`reliable_change`):

    * Baseline: the first ``baseline_size`` (6) present points, or all but the last present
      point when there are fewer; ``x1`` is their mean, ``s`` their sample SD. Using the mean
      rather than one week errs on the cautious side, as the formula assumes x1 is as noisy as
      a single week.
    * ``r``: Cronbach's alpha of ``items`` (rows = check-ins, columns = the area's items).
    * ``change`` compares the baseline mean with the latest present point.
    * ``since`` is the first week of the unbroken run of post-baseline present points, ending at
      the latest, that are each reliably changed from the baseline in the same direction (gap
      weeks neither break nor extend it). None unless the latest point is a reliable change.
    * ``n_checkins`` counts present points; provisional while fewer than 6.
    """
    if baseline_size < 2:
        raise ValueError("a baseline needs at least two points for its SD")
    pts = present(points)
    n = len(pts)
    alpha = cronbach_alpha(items)
    latest = Point(*pts[-1]) if pts else None
    if n < 3:
        return ChangeSince(
            change=ReliableChange(None, False, None, n < PROVISIONAL_BELOW, n),
            baseline_mean=None,
            baseline_sd=None,
            alpha=alpha,
            latest=latest,
            since=None,
            note="needs at least 3 check-ins with a score",
        )
    size = min(baseline_size, n - 1)
    base = [v for _, v in pts[:size]]
    x1, s = fmean(base), math.sqrt(_sample_variance(base))
    note = ""
    if alpha is None:
        note = "needs at least 3 check-ins with every question in the area answered"
    elif s == 0.0:
        note = "the first weeks did not vary, so there is nothing yet to measure change against"
    change = reliable_change(x1, pts[-1][1], s, alpha, n_checkins=n)
    since: dt.date | None = None
    if change.reliable and alpha is not None:
        # the same test as reliable_change, inlined: |x − x1| > 1.96 · S_diff on the same side
        s_diff = _s_diff(s, alpha)
        up = change.direction == "up"
        for week, value in reversed(pts[size:]):
            diff = value - x1
            if abs(diff) <= RC_CRITICAL * s_diff or (diff > 0) != up:
                break
            since = week
    return ChangeSince(change, x1, s, alpha, latest, since, note)


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
