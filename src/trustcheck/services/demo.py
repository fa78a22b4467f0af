"""A realistic, deterministic synthetic history so a newcomer sees a lived-in program at once.

Partners Alex and Sam: a steady start, drift, a rough patch around two thirds of the way back,
then a recovery; commitments kept, partly kept and missed. The same seed gives the same history.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from trustcheck.core.clock import week_start
from trustcheck.core.models import AREAS, Answer, ItemKind, Review, Visibility
from trustcheck.services import Services

DEMO_PEOPLE = ("Alex", "Sam")
DEMO_PASSPHRASE = "demo"  # messages.HOME_DEMO_BANNER names it
DEFAULT_WEEKS = 26

_JOURNAL: dict[str, tuple[tuple[str, int, tuple[str, ...], bool], ...]] = {
    "Alex": (
        (
            "Quiet evening. I noticed I relaxed when Sam told me about the call.",
            7,
            ("calm",),
            False,
        ),
        (
            "I snapped about the dishes. It wasn't about the dishes; I was tired and scared "
            "about work.",
            4,
            ("work", "repair"),
            True,
        ),
        ("We walked for an hour. I want more of this.", 8, ("closeness",), False),
    ),
    "Sam": (
        (
            "Caught myself wanting to check the phone again. I didn't. Wrote here instead.",
            5,
            ("jealousy",),
            True,
        ),
        ("Alex texted when running late. Small thing, big difference.", 7, ("reliability",), False),
        (
            "Old stuff from my last relationship came up. Want to bring it to therapy.",
            3,
            ("old wounds",),
            True,
        ),
    ),
}

_APPRECIATED = (
    "You made tea when I came home late; that's your thoughtfulness.",
    "You listened without fixing anything. I felt patient care from you.",
    "You told me about your day before I asked. That openness matters to me.",
    "You planned Saturday so I could rest; that's your generosity.",
)
_WENT_WELL = (
    "We talked about money without it turning into a fight.",
    "Sunday walk, phones at home.",
    "We laughed a lot this week.",
    "We cooked together twice.",
)
_HURT = (
    "When plans changed at the last minute I felt unimportant.",
    "I felt shut out when the door closed during the call.",
    "I worried when messages went unanswered all evening.",
    "",
)
_NEED = (
    "A heads-up when you're running late.",
    "Ten minutes each evening without screens.",
    "Reassurance when I ask, without it becoming a big thing.",
    "Some time alone on Saturday morning.",
)
_OWN_PART = (
    "I brought up the bill straight away instead of waiting.",
    "I kept quiet about feeling left out; I want to say it next time.",
    "",
    "",
)
_THERAPY = (
    "How we handle plans that change.",
    "Why checking each other's phone feels tempting.",
    "",
    "",
)
_COMMITMENTS = (
    "Text if I'll be more than 15 minutes late",
    "One screen-free evening together",
    "Ask before making weekend plans",
    "Say goodnight even when we're upset",
    "Share my calendar for the week",
    "Take a ten-minute walk together after dinner",
)


@dataclass(frozen=True, slots=True)
class DemoResult:
    checkins: int
    commitments: int


def _level(week_index: int, weeks: int, person: int) -> float:
    """A latent trust level 0–1: a slight drift, a rough patch around 60% through, then a
    recovery a little above where they started. Judged by ``core.change``, a 26-week demo shows
    the dip in its lines and an area or two risen beyond their usual range, not a flood."""
    t = week_index / max(weeks - 1, 1)
    base = 0.68 - 0.02 * t
    rough = 0.32 * math.exp(-(((t - 0.6) / 0.09) ** 2))
    recovery = 0.08 / (1 + math.exp(-(t - 0.78) * 20))
    offset = 0.04 if person == 0 else -0.03
    return max(0.05, min(0.97, base - rough + recovery + offset))


def seed_demo(services: Services, *, weeks: int = DEFAULT_WEEKS, seed: int = 1) -> DemoResult:
    """Write ``weeks`` completed weekly check-ins ending last week into an empty database."""
    rng = random.Random(seed)
    # The makers' own views of their commitments draw from a stream of their own, so the rest of
    # the history is the same as before there were two voices.
    own_rng = random.Random(seed + 1)
    pack = services.pack
    people = services.profiles.setup(list(DEMO_PEOPLE))
    services.packs.mark_demo()  # home says so: a visitor is never stuck at a passphrase
    ids = [p.id for p in people]
    this_week = week_start(services.clock.now().date())
    checkins = services.checkins
    previous_commitments: list[int] = []
    commitment_count = 0
    for w in range(weeks):
        week = this_week - dt.timedelta(weeks=weeks - w)
        started = dt.datetime.combine(
            week + dt.timedelta(days=6), dt.time(19, rng.randrange(0, 50))
        ).astimezone()
        completed = started + dt.timedelta(minutes=rng.randrange(14, 28))
        answers: list[Answer] = []
        for person_index, pid in enumerate(ids):
            level = _level(w, weeks, person_index)
            for item in pack.items:
                if item.kind is ItemKind.SCALE:
                    area_shift = (AREAS.index(item.area) - 2) * 0.03 * (1 if person_index else -1)
                    if item.area == "security" and person_index == 1:
                        area_shift -= 0.08  # Sam carries more insecurity
                    latent = max(0.0, min(1.0, level + area_shift + rng.gauss(0, 0.07)))
                    keyed = 1 + round(latent * 6)
                    if rng.random() < 0.03:
                        answers.append(_skip(pid, pack.id, pack.version, item.id))
                        continue
                    value = 8 - keyed if item.reverse else keyed
                    answers.append(Answer(pid, pack.id, pack.version, item.id, value=value))
                elif item.kind is ItemKind.RATING:
                    value = max(0, min(10, round(level * 10 + rng.gauss(0, 0.6))))
                    answers.append(Answer(pid, pack.id, pack.version, item.id, value=value))
                elif item.kind is ItemKind.TEXT:
                    text, visibility = _open_text(item.id, rng)
                    if text:
                        answers.append(
                            Answer(
                                pid,
                                pack.id,
                                pack.version,
                                item.id,
                                text=text,
                                visibility=visibility,
                            )
                        )
                    else:
                        answers.append(_skip(pid, pack.id, pack.version, item.id))
        checkin_id = checkins.record_past(week, ids, started, completed, answers)
        level_now = sum(_level(w, weeks, i) for i in range(2)) / 2
        for commitment_id in previous_commitments:
            roll = rng.random() + (level_now - 0.5) * 0.6
            review = Review.KEPT if roll > 0.55 else Review.PARTLY if roll > 0.3 else Review.NOT_YET
            own = roll + own_rng.gauss(0, 0.2)
            said = Review.KEPT if own > 0.55 else Review.PARTLY if own > 0.3 else Review.NOT_YET
            checkins.record_review(commitment_id, review, checkin_id, completed, own=said)
        previous_commitments = []
        for pid in ids:
            other = ids[1] if pid == ids[0] else ids[0]
            for _ in range(rng.choice((1, 1, 2))):
                text = rng.choice(_COMMITMENTS)
                made = checkins.record_commitment(checkin_id, pid, other, text, completed)
                previous_commitments.append(made.id)
                commitment_count += 1
    for person in people:
        services.keys.set_passphrase(person.id, DEMO_PASSPHRASE)
        for n, (text, rating, tags, therapy) in enumerate(_JOURNAL[person.name]):
            day = services.clock.now() - dt.timedelta(days=9 - 3 * n)
            when = day.replace(
                hour=21 + person.position, minute=10 + 7 * n, second=0, microsecond=0
            )
            services.journal.add(
                person.id, text, rating=rating, tags=tags, for_therapy=therapy, written_at=when
            )
        services.keys.lock(person.id)
    return DemoResult(checkins=weeks, commitments=commitment_count)


def _skip(pid: int, pack_id: str, version: int, item_id: str) -> Answer:
    return Answer(pid, pack_id, version, item_id, skipped=True)


def _open_text(item_id: str, rng: random.Random) -> tuple[str, Visibility]:
    pools = {
        "open.appreciated": _APPRECIATED,
        "open.went_well": _WENT_WELL,
        "open.hurt": _HURT,
        "open.need": _NEED,
        "open.own_part": _OWN_PART,
        "open.therapy": _THERAPY,
    }
    text = rng.choice(pools.get(item_id, ("",)))
    visibility = Visibility.THERAPY if item_id == "open.therapy" else Visibility.SHARED
    return text, visibility
