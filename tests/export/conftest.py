"""A small two-person history with a sentinel in every kind of text, built through the services.

Sentinels are single words (no hyphen) so PDF text extraction cannot split them across lines.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from trustcheck.core.clock import FixedClock
from trustcheck.core.models import ItemKind, Profile, Review, Visibility
from trustcheck.services import Services, open_services

NOW = dt.datetime(2026, 11, 25, 19, 30, tzinfo=dt.UTC)
PASSPHRASES = {"Alex": "alex words", "Sam": "sam words"}


def shared(name: str) -> str:
    return f"Sharedsentinel{name}"


def therapy(name: str) -> str:
    return f"Therapysentinel{name}"


def private(name: str) -> str:
    return f"Privsentinel{name}"


def journal(name: str) -> str:
    return f"Journalsentinel{name}"


@dataclass
class History:
    services: Services
    clock: FixedClock
    people: list[Profile]
    weeks: int

    def person(self, name: str) -> Profile:
        return next(p for p in self.people if p.name == name)

    def unlock(self, name: str) -> Profile:
        person = self.person(name)
        self.services.keys.unlock(person.id, PASSPHRASES[name])
        return person


def build_history(
    services: Services,
    clock: FixedClock,
    *,
    weeks: int = 4,
    names: tuple[str, ...] = ("Alex", "Sam"),
    texts: dict[str, str] | None = None,
) -> History:
    """``weeks`` completed weekly check-ins ending last week; every open prompt answered.

    ``texts`` maps an item id to text used instead of the sentinels (for hostile-text tests).
    """
    people = services.profiles.setup(list(names))
    for p in people:
        services.keys.set_passphrase(p.id, PASSPHRASES.get(p.name, "some words"))
    clock.advance(weeks=-weeks)
    previous: list[int] = []
    for w in range(weeks):
        checkin = services.checkins.start([p.id for p in people])
        for k, person in enumerate(people):
            for n, item in enumerate(services.checkins.pack.items):
                if item.kind is ItemKind.SCALE:
                    value = max(1, min(7, 3 + k + (n + w) % 3))
                    services.checkins.save_answer(checkin.id, person.id, item.id, value=value)
                elif item.kind is ItemKind.RATING:
                    services.checkins.save_answer(checkin.id, person.id, item.id, value=5 + k + w)
                elif texts and item.id in texts:
                    services.checkins.save_answer(
                        checkin.id, person.id, item.id, text=texts[item.id]
                    )
                elif item.id == "open.therapy":
                    services.checkins.save_answer(
                        checkin.id,
                        person.id,
                        item.id,
                        text=f"{therapy(person.name)} week {w}",
                        visibility=Visibility.THERAPY,
                    )
                elif item.id == "open.hurt":
                    services.checkins.save_answer(
                        checkin.id,
                        person.id,
                        item.id,
                        text=f"{private(person.name)} week {w}",
                        visibility=Visibility.PRIVATE,
                    )
                else:
                    services.checkins.save_answer(
                        checkin.id, person.id, item.id, text=f"{shared(person.name)} {item.id}"
                    )
        for cid in previous:
            services.checkins.review(checkin, cid, (Review.KEPT, Review.PARTLY)[cid % 2])
        previous = [
            services.checkins.add_commitment(checkin, p.id, f"Small step {w} by {p.name}").id
            for p in people
        ]
        services.checkins.complete(checkin)
        clock.advance(weeks=1)
    for p in people:
        services.journal.add(
            p.id, f"{journal(p.name)} today", rating=6, tags=["calm"], for_therapy=True
        )
    services.keys.lock_all()
    return History(services, clock, people, weeks)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def fresh(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    svc = open_services(tmp_path / "data", clock, weak_kdf=True)
    yield svc
    svc.close()


@pytest.fixture(scope="session")
def history_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default history, built once (saving every answer fsyncs) and copied per test."""
    folder = tmp_path_factory.mktemp("history") / "data"
    build_clock = FixedClock(NOW)
    svc = open_services(folder, build_clock, weak_kdf=True)
    try:
        build_history(svc, build_clock)
    finally:
        svc.close()
    return folder


@pytest.fixture
def history(history_template: Path, tmp_path: Path, clock: FixedClock) -> Iterator[History]:
    folder = tmp_path / "history"
    shutil.copytree(history_template, folder)
    svc = open_services(folder, clock, weak_kdf=True)
    try:
        yield History(svc, clock, svc.profiles.people(), 4)
    finally:
        svc.close()
