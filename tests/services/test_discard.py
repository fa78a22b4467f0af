"""Discarding a check-in in progress (issue 12, §5): what it names, and what it removes."""

from __future__ import annotations

import sqlite3

import pytest

import checkin_helpers
import rawdb
from trustcheck.core.models import CheckinStatus, Profile, Visibility
from trustcheck.services import Services
from trustcheck.services.checkin import CheckinError, Loss, discard_question


def test_discard_removes_every_answer_sealed_ones_and_new_commitments(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, sam = couple
    checkins = svc.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([alex.id, sam.id]))
    checkins.save_answer(draft.id, alex.id, "comm.heard", value=5)
    checkins.save_answer(
        draft.id, alex.id, "open.hurt", text="sealed words", visibility=Visibility.PRIVATE
    )
    checkins.add_commitment(draft, sam.id, "Call on Friday")
    loss = checkins.loss(draft)
    assert [(p.name, n) for p, n in loss.answers] == [("Alex", 2), ("Sam", 0)]
    assert loss.commitments == 1
    assert discard_question(loss) == (
        "Discard Alex's 2 answers and 1 new commitment? This cannot be undone."
    )

    checkins.discard(draft)
    assert checkins.draft() is None
    conn = sqlite3.connect(rawdb.database(svc).path)
    try:
        for table in ("answers", "commitments", "checkin_participants", "checkins"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
    finally:
        conn.close()
    with pytest.raises(CheckinError):  # a second discard (another window) says so
        checkins.discard(draft)


def test_discard_never_touches_a_finished_checkin(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    checkins = svc.checkins
    draft = checkins.start([p.id for p in couple])
    checkins.complete(draft)
    with pytest.raises(CheckinError):
        checkins.discard(draft)
    assert checkins.get(draft.id).status is CheckinStatus.COMPLETED


def test_the_discard_question_names_each_person_and_solo_use(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, sam = couple
    assert discard_question(Loss(((alex, 12), (sam, 3)), 0)) == (
        "Discard Alex's 12 answers and Sam's 3? This cannot be undone."
    )
    assert discard_question(Loss(((alex, 0), (sam, 1)), 0)) == (
        "Discard Sam's 1 answer? This cannot be undone."
    )
    assert discard_question(Loss(((alex, 4),), 0)) == (
        "Discard your 4 answers? This cannot be undone."
    )
    assert discard_question(Loss(((alex, 0), (sam, 0)), 0)) == (
        "Discard this check-in? Nothing has been answered yet."
    )
