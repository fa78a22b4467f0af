"""Past check-ins written through the check-in service, as people give them (issue 17 tests)."""

from __future__ import annotations

from trustcheck.core.clock import FixedClock
from trustcheck.core.models import ItemKind, Profile, Review, Visibility
from trustcheck.services import Services

#: Sam's private answer in the first seeded week (it must never reach Alex).
SAM_SECRET = "SAM-PRIVATE-only-mine"
#: Alex's private answer in the first seeded week.
ALEX_SECRET = "ALEX-PRIVATE-only-mine"
#: The start of every shared note the seeded weeks hold.
SHARED_NOTE = "We cooked together twice"


def answer_turn(services: Services, checkin_id: int, person: Profile, base: int, n: int) -> None:
    """Every weekly item for one person: ratings around ``base``, overall ``base + 2``, and a
    shared note naming the person and the week's number ``n``."""
    for k, item in enumerate(services.checkins.pack.items):
        if item.kind is ItemKind.SCALE:
            value = max(1, min(7, base + (k % 3) - 1))
            services.checkins.save_answer(checkin_id, person.id, item.id, value=value)
        elif item.kind is ItemKind.RATING:
            services.checkins.save_answer(checkin_id, person.id, item.id, value=base + 2)
        elif item.id == "open.went_well":
            text = f"{SHARED_NOTE} ({person.name}, week {n})"
            services.checkins.save_answer(checkin_id, person.id, item.id, text=text)


def finish_weeks(
    services: Services,
    clock: FixedClock,
    people: list[Profile],
    weeks: int,
    *,
    private: bool = False,
) -> list[int]:
    """``weeks`` finished check-ins, one a week, the last one last week (the clock comes back to
    where it was). Each sets a commitment from the first person, reviewed "kept" the week after.
    With ``private``, in the first week Alex and Sam each give a private answer (their keys are
    unlocked for it and locked again after). Returns the check-in ids, oldest first."""
    checkins = services.checkins
    ids: list[int] = []
    clock.advance(weeks=-weeks)
    for n in range(1, weeks + 1):
        checkin = checkins.start([p.id for p in people])
        for base, person in zip((4, 5), people, strict=False):
            answer_turn(services, checkin.id, person, base, n)
        if private and n == 1:
            for person, secret in zip(people, (ALEX_SECRET, SAM_SECRET), strict=False):
                checkins.save_answer(
                    checkin.id, person.id, "open.hurt", text=secret, visibility=Visibility.PRIVATE
                )
        for earlier in checkins.to_review(checkin):
            checkins.review(checkin, earlier.id, Review.KEPT)
        checkins.add_commitment(checkin, people[0].id, f"Text when I'm late (week {n})")
        checkins.complete(checkin)
        ids.append(checkin.id)
        clock.advance(weeks=1)
    return ids


def couple_with_passphrases(services: Services) -> list[Profile]:
    """Alex and Sam, each with a passphrase (``alex words``, ``sam words``), both unlocked."""
    people = services.profiles.setup(["Alex", "Sam"])
    services.keys.set_passphrase(people[0].id, "alex words")
    services.keys.set_passphrase(people[1].id, "sam words")
    return people
