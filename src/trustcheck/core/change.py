"""Is a change in a person's weekly score real, or the ordinary ups and downs? Pure: stdlib only.

The method (named on screen by :data:`CHANGE_METHOD`, explained in ``docs/change.md``):

* **The recent weeks** are the :data:`RECENT_WEEKS` (4) calendar weeks ending at the latest
  week with a score. At least :data:`MIN_RECENT` (3) of them must have a score.
* **The usual range** comes from the :data:`BASELINE_WEEKS` (26) calendar weeks just before
  them, never from the weeks being judged. At least :data:`MIN_BASELINE` (6) of those weeks
  must have a score. A pause of more than :data:`PAUSE_WEEKS` (8) weeks without a score starts
  the baseline again after it, and so does a change of the questions (``since``: the first
  week under a new version of the pack), so new questions are never read as a change.
* **The test** compares the mean of the recent weeks with the baseline mean, against the spread
  of the person's *weekly* scores in the baseline (so ordinary good and bad weeks are part of
  the yardstick, not counted as change)::

      t = (mean_recent − mean_baseline) / (s_baseline · √(1/n_recent + 1/n_baseline))

  This is Student's two-sample t statistic with the variance taken from the baseline alone (a
  Shewhart chart of the 4-week mean, with limits set from the baseline: Montgomery, 2019,
  *Introduction to Statistical Quality Control*, 8th ed., ch. 6). The change is real when
  ``|t|`` exceeds Student's t quantile for a two-sided 3 % test with ``n_baseline − 1``
  degrees of freedom (:func:`t_quantile`), **and** at least :data:`MIN_SAME_SIDE` (3) of the
  recent weeks lie on the side of the change (a sustained shift, not one odd week), **and** the
  means differ by at least ``min_change`` (a tenth of the score's range by default) so a tiny
  wobble against a near-flat baseline is never called a change.
* A baseline with no spread at all cannot judge anything: the verdict says so
  (``reason="flat"``), it never waits "for now" for ever.

Validated by simulation (``tests/core/change_simulation.py``): on stable simulated series
about 3 % are flagged (the budget is at most 5 %), and a sustained shift of two within-person
standard deviations over the last 4 weeks is flagged in about 85 % of series (the budget is at
least 80 %). The 3 % level is the one that meets both with a margin; 2 % missed detection.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import cache
from statistics import NormalDist, fmean
from typing import Literal, NamedTuple

#: The weeks being judged: this many calendar weeks ending at the latest score.
RECENT_WEEKS = 4
#: Fewest scores among the recent weeks for a verdict.
MIN_RECENT = 3
#: The usual range is read from this many calendar weeks before the recent ones.
BASELINE_WEEKS = 26
#: Fewest scores in the baseline for a verdict.
MIN_BASELINE = 6
#: A longer run of weeks without a score restarts the baseline after it.
PAUSE_WEEKS = 8
#: Two-sided significance level of the test.
ALPHA = 0.03
#: Of the recent scores, at least this many lie on the side of the change.
MIN_SAME_SIDE = 3

#: Named wherever a change verdict is shown.
CHANGE_METHOD = (
    "the mean of the last 4 weeks lies outside the usual range of the 26 weeks before "
    "(a t-test at the 3% level), at least 3 of those 4 weeks point the same way, and the "
    "difference is 10 points or more"
)

Verdict = Literal["rise", "fall", "none", "unknown"]
Reason = Literal["", "too_few", "too_few_recent", "flat"]

_WEEK = dt.timedelta(weeks=1)
_PAUSE = PAUSE_WEEKS * _WEEK


class Change(NamedTuple):
    """The verdict on one weekly series at its latest week, with the figures behind it.

    ``verdict`` is "rise" or "fall" only for a change the method calls real, "none" when it was
    judged and is within the usual range, and "unknown" when it cannot be judged (``reason``
    says why: too few baseline weeks, too few recent weeks, or a baseline without spread).
    """

    verdict: Verdict
    reason: Reason = ""
    at: dt.date | None = None
    baseline_mean: float | None = None
    baseline_sd: float | None = None
    n_baseline: int = 0
    recent_mean: float | None = None
    n_recent: int = 0
    t: float | None = None
    critical: float | None = None

    @property
    def real(self) -> bool:
        return self.verdict in ("rise", "fall")


@cache  # a pure function of two numbers, asked for again at every week a headline judges
def t_quantile(p: float, df: int) -> float:
    """Student's t quantile ``t_p`` with ``df`` degrees of freedom (``df`` ≥ 1).

    The Cornish–Fisher expansion in ``1/df`` around the normal quantile ``z`` (Abramowitz &
    Stegun 1964, 26.7.5)::

        t ≈ z + g1/df + g2/df² + g3/df³ + g4/df⁴
        g1 = (z³ + z)/4
        g2 = (5z⁵ + 16z³ + 3z)/96
        g3 = (3z⁷ + 19z⁵ + 17z³ − 15z)/384
        g4 = (79z⁹ + 776z⁷ + 1482z⁵ − 1920z³ − 945z)/92160

    Within 0.005 of the tables for ``df`` ≥ 5 at the quantiles used here.
    """
    if df < 1:
        raise ValueError("t needs at least one degree of freedom")
    z = NormalDist().inv_cdf(p)
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4


def _sample_sd(xs: list[float], mean: float) -> float:
    """The sample standard deviation, ``√(Σ(x − mean)² / (n − 1))``, in floats (``fsum``):
    the yardstick's formula, written out because it is judged for every week of a 20-year
    summary and ``statistics.stdev`` works in exact fractions."""
    return math.sqrt(math.fsum((x - mean) ** 2 for x in xs) / (len(xs) - 1))


def _since_pause(points: list[tuple[dt.date, float]]) -> list[tuple[dt.date, float]]:
    """The points after the last pause longer than :data:`PAUSE_WEEKS` (looked for from the
    latest point back: a 20-year headline judges every week's window)."""
    for k in range(len(points) - 1, 0, -1):
        if points[k][0] - points[k - 1][0] > _PAUSE:
            return points[k:]
    return points


def judge(
    series: Iterable[tuple[dt.date, float | None]],
    *,
    min_change: float = 10.0,
    since: dt.date | None = None,
) -> Change:
    """The verdict on ``series`` (weekly ``(week, score)``; None is a gap) at its latest score.

    ``min_change`` is the smallest difference of means called a change, in the score's own
    units (10 on a 0–100 area score; pass 1.0 for a 0–10 rating). ``since`` starts the baseline
    again at that week, as a long pause does: the weeks before it are not read (the first week
    answered under new questions).
    """
    points = sorted((w, v) for w, v in series if v is not None and (since is None or w >= since))
    if not points:
        return Change("unknown", "too_few")
    return _verdict(_since_pause(points), min_change)


def _verdict(points: Sequence[tuple[dt.date, float]], min_change: float) -> Change:
    """:func:`judge` on ``points``: sorted, none missing, none before the baseline's start."""
    at = points[-1][0]
    recent_from = at - (RECENT_WEEKS - 1) * _WEEK
    baseline_from = recent_from - BASELINE_WEEKS * _WEEK
    recent = [v for w, v in points if w >= recent_from]
    base = [v for w, v in points if baseline_from <= w < recent_from]
    if len(base) < MIN_BASELINE:
        return Change("unknown", "too_few", at, n_baseline=len(base), n_recent=len(recent))
    mean_b = fmean(base)
    sd_b = _sample_sd(base, mean_b)
    if len(recent) < MIN_RECENT:
        return Change("unknown", "too_few_recent", at, mean_b, sd_b, len(base), None, len(recent))
    mean_r = fmean(recent)
    if sd_b == 0.0:
        return Change("unknown", "flat", at, mean_b, sd_b, len(base), mean_r, len(recent))
    diff = mean_r - mean_b
    t = diff / (sd_b * math.sqrt(1 / len(recent) + 1 / len(base)))
    critical = t_quantile(1 - ALPHA / 2, len(base) - 1)
    same_side = sum(1 for v in recent if (v - mean_b) * diff > 0)
    real = abs(t) > critical and same_side >= MIN_SAME_SIDE and abs(diff) >= min_change
    verdict: Verdict = ("rise" if diff > 0 else "fall") if real else "none"
    return Change(verdict, "", at, mean_b, sd_b, len(base), mean_r, len(recent), t, critical)


def _began(points: list[tuple[dt.date, float]], change: Change, start: dt.date) -> dt.date:
    """The first of the latest weeks that all lie more than one baseline SD on the side of
    ``change`` (within the recent window, not before ``start``): where the change began, not
    where its window did."""
    assert change.at is not None and change.baseline_mean is not None
    assert change.baseline_sd is not None
    sign = 1.0 if change.verdict == "rise" else -1.0
    began = change.at
    recent_from = change.at - (RECENT_WEEKS - 1) * _WEEK
    for week, value in reversed(points):
        if week < recent_from or sign * (value - change.baseline_mean) <= change.baseline_sd:
            break
        began = week
    return max(began, start)


class Episode(NamedTuple):
    """A run of weeks at which the series had really risen or fallen (:func:`episodes`).

    ``start`` is the first week of the first changed 4-week window, ``end`` the last week judged
    changed; ``ongoing`` when the change still holds at the last week looked at.
    """

    direction: Literal["rise", "fall"]
    start: dt.date
    end: dt.date
    ongoing: bool


def episodes(
    series: Iterable[tuple[dt.date, float | None]],
    start: dt.date,
    end: dt.date,
    *,
    min_change: float = 10.0,
    restarts: Sequence[dt.date] = (),
) -> list[Episode]:
    """The rises and falls of ``series`` between ``start`` and ``end``, oldest first.

    Each scored week ``t`` in the range is judged as if it were the latest (:func:`judge` on
    the weeks up to ``t``); consecutive weeks with the same verdict make one episode. Only the
    weeks a verdict can read are handed to it, so a 20-year range costs a few thousand points.
    ``restarts`` (sorted) are weeks the baseline starts again at (``judge``'s ``since``).
    """
    points = sorted((w, v) for w, v in series if v is not None)
    weeks = [w for w, _ in points]
    reach = (RECENT_WEEKS - 1 + BASELINE_WEEKS) * _WEEK
    out: list[Episode] = []
    run: tuple[Literal["rise", "fall"], dt.date, dt.date] | None = None
    last = None
    resumed = 0  # the first point after the latest pause, as judge's pause rule finds it
    for k, (week, _) in enumerate(points):
        if k and week - weeks[k - 1] > _PAUSE:
            resumed = k
        if not start <= week <= end:
            continue
        last = week
        r = bisect_right(restarts, week)
        # judge's window for this week, found here once rather than by judge for every week:
        # what a verdict can read, after the latest restart and the latest pause.
        first = max(
            bisect_left(weeks, week - reach),
            bisect_left(weeks, restarts[r - 1]) if r else 0,
            resumed,
        )
        change = _verdict(points[first : k + 1], min_change)
        if change.verdict in ("rise", "fall"):
            direction: Literal["rise", "fall"] = "rise" if change.verdict == "rise" else "fall"
            if run is not None and run[0] == direction:
                run = (direction, run[1], week)
            else:
                if run is not None:
                    out.append(Episode(run[0], run[1], run[2], False))
                run = (direction, _began(points[first : k + 1], change, start), week)
        elif run is not None:
            out.append(Episode(run[0], run[1], run[2], False))
            run = None
    if run is not None:
        out.append(Episode(run[0], run[1], run[2], run[2] == last))
    return out
