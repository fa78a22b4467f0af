"""Test helpers for trends: counting the history's reads of answers, and completing a check-in
as a window completes it."""

from __future__ import annotations

import datetime as dt

import pytest

from trustcheck.core.models import ItemKind, Profile
from trustcheck.services import Services
from trustcheck.storage.repos.answers import AnswerRepo


class Loads:
    """Counts the history loads and the rows they fetched, by wrapping the storage method."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[str, dt.date | None, int]] = []
        real = AnswerRepo.rated_for_completed

        def counted(
            repo: AnswerRepo, pack_id: str, since: dt.date | None = None
        ) -> list[tuple[int, dt.date, int, dict[str, int]]]:
            rows = real(repo, pack_id, since)
            self.calls.append((pack_id, since, len(rows)))
            return rows

        monkeypatch.setattr(AnswerRepo, "rated_for_completed", counted)


def complete_this_week(services: Services, people: list[Profile]) -> None:
    """A whole check-in through the check-in service, as a window completes it."""
    checkin = services.checkins.start([p.id for p in people])
    for person in people:
        for item in services.pack.items:
            if item.kind is ItemKind.SCALE:
                value = 2 if item.reverse else 6  # 6 once keyed
                services.checkins.save_answer(checkin.id, person.id, item.id, value=value)
    services.checkins.complete(checkin)
