"""The simulation that validates :mod:`trustcheck.core.change` (issue 14; ``docs/change.md``).

Synthetic people answer a four-item area on the 1–7 scale every week for 26 weeks, through the
real scorer (:func:`trustcheck.core.scoring.keyed_area_score`):

* each person has a usual level (2.5–6.5), week-to-week ups and downs of their own
  (SD 0.2–0.6 scale points), item noise (SD 0.5–1.1) and small item offsets; answers are
  rounded and kept within 1–7, as real answers are;
* two items are forward- and two reverse-keyed (the balanced keying of pack version 2); one
  person in twenty ticks the same number for every item ("straight-lining");
* about one week in ten is missed (never the latest).

**False alarms**: stable series (no true change) flagged at the latest week.
**Detection**: the last 4 weeks shifted by two *within-person* standard deviations (the SD of
that person's weekly area scores in stable weeks, estimated from 300 simulated weeks), towards
the middle of the scale so the shift is not swallowed by the scale's ends.

Run ``python tests/core/change_simulation.py`` to print the figures.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from statistics import fmean, pstdev

from trustcheck.core.change import judge
from trustcheck.core.models import SCALE_MAX, SCALE_MIN
from trustcheck.core.scoring import keyed_area_score

WEEKS = 26
SHIFT_WEEKS = 4
ITEMS = 4
MISSING = 0.1
STRAIGHT_LINERS = 0.05
START = dt.date(2024, 1, 1)


@dataclass(frozen=True)
class Person:
    level: float
    ups_and_downs: float
    item_noise: float
    offsets: tuple[float, ...]
    straight: bool

    def week(self, rng: random.Random, shift: float = 0.0) -> float:
        state = self.level + shift + rng.gauss(0, self.ups_and_downs)
        if self.straight:
            x = min(SCALE_MAX, max(SCALE_MIN, round(state)))
            raw = [x] * ITEMS
        else:
            raw = [
                min(SCALE_MAX, max(SCALE_MIN, round(state + b + rng.gauss(0, self.item_noise))))
                for b in self.offsets
            ]
            # the reverse-keyed half is answered on the flipped scale, then keyed back
            raw = raw[:2] + [SCALE_MIN + SCALE_MAX - x for x in raw[2:]]
        keyed = raw[:2] + [SCALE_MIN + SCALE_MAX - x for x in raw[2:]]
        score = keyed_area_score([float(k) for k in keyed])
        assert score is not None
        return score


def person(rng: random.Random) -> Person:
    return Person(
        level=rng.uniform(2.5, 6.5),
        ups_and_downs=rng.uniform(0.2, 0.6),
        item_noise=rng.uniform(0.5, 1.1),
        offsets=tuple(rng.gauss(0, 0.4) for _ in range(ITEMS)),
        straight=rng.random() < STRAIGHT_LINERS,
    )


def series(
    rng: random.Random, who: Person, shift: float = 0.0
) -> list[tuple[dt.date, float | None]]:
    out: list[tuple[dt.date, float | None]] = []
    for w in range(WEEKS):
        week = START + dt.timedelta(weeks=w)
        if w < WEEKS - 1 and rng.random() < MISSING:
            out.append((week, None))
            continue
        out.append((week, who.week(rng, shift if w >= WEEKS - SHIFT_WEEKS else 0.0)))
    return out


def two_sd_shift(who: Person, seed: int) -> float:
    """The shift of the usual level that moves the expected weekly score by two SDs."""
    draws = 300

    def mean_and_sd(shift: float) -> tuple[float, float]:
        rng = random.Random(seed)  # the same draws for every shift: a smooth curve
        scores = [who.week(rng, shift) for _ in range(draws)]
        return fmean(scores), pstdev(scores)

    base, sd = mean_and_sd(0.0)
    sign = -1.0 if who.level > (SCALE_MIN + SCALE_MAX) / 2 else 1.0
    lo, hi = 0.0, 4.0
    for _ in range(9):
        mid = (lo + hi) / 2
        if abs(mean_and_sd(sign * mid)[0] - base) < 2 * sd:
            lo = mid
        else:
            hi = mid
    return sign * hi


@dataclass(frozen=True)
class Figures:
    series: int
    false_alarms: float
    detection: float
    judged_stable: int
    judged_shifted: int
    flat: int

    def __str__(self) -> str:
        return (
            f"{self.series} simulated series: false alarms {self.false_alarms:.1%} of "
            f"{self.judged_stable} stable series (budget ≤ 5%), detection {self.detection:.1%} "
            f"of {self.judged_shifted} shifted by 2 SD over the last {SHIFT_WEEKS} weeks "
            f"(budget ≥ 80%); {self.flat} baselines without spread were not judged"
        )


def simulate(n: int = 500, seed: int = 2026) -> Figures:
    rng = random.Random(seed)
    alarms = judged = hits = judged_shift = flat = 0
    for k in range(n):
        who = person(rng)
        stable = judge(series(rng, who))
        if stable.reason == "flat":
            flat += 1
        if stable.verdict != "unknown":
            judged += 1
            alarms += stable.real
        shift = two_sd_shift(who, seed + k)
        shifted = judge(series(rng, who, shift))
        if shifted.verdict != "unknown":
            judged_shift += 1
            hits += shifted.verdict == ("rise" if shift > 0 else "fall")
    return Figures(n, alarms / judged, hits / judged_shift, judged, judged_shift, flat)


if __name__ == "__main__":
    print(simulate())
