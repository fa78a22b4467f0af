"""Drafts of written answers (issue 12, section 1): kept, sealed when private, never an answer."""

from __future__ import annotations

import sqlite3

import pytest

import checkin_helpers
import rawdb
from trustcheck.core.models import CheckinStatus, ItemKind, Profile, Visibility
from trustcheck.services import Services
from trustcheck.services.checkin import DraftSaved
from trustcheck.services.export import ExportRequest, ExportService
from trustcheck.storage.crypto import DamagedRecord
from trustcheck.storage.repos.drafts import ANSWER_DRAFTS_TABLE, draft_record_id
from trustcheck.storage.repos.journal import JOURNAL_DRAFTS_TABLE

SHARED_DRAFT = "tangerineharbour31"
THERAPY_DRAFT = "copperwillow64"
PRIVATE_DRAFT = "silentheron19"


def answer_all_but(svc: Services, checkin_id: int, person: Profile, left: set[str]) -> None:
    for item in svc.checkins.pack.items:
        if item.id in left:
            continue
        if item.kind is ItemKind.TEXT:
            svc.checkins.save_answer(checkin_id, person.id, item.id, text=f"given {item.id}")
        elif item.kind is ItemKind.RATING:
            svc.checkins.save_answer(checkin_id, person.id, item.id, value=7)
        else:
            svc.checkins.save_answer(checkin_id, person.id, item.id, value=5)


def test_a_draft_is_not_an_answer_at_the_reveal_in_trends_or_in_exports(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, sam = couple
    checkins = svc.checkins
    checkin = checkins.start([alex.id, sam.id])
    answer_all_but(svc, checkin.id, alex, {"open.hurt", "open.therapy"})
    answer_all_but(svc, checkin.id, sam, {"open.need"})
    assert (
        checkins.save_draft(checkin.id, alex.id, "open.hurt", SHARED_DRAFT, Visibility.SHARED)
        is DraftSaved.KEPT
    )
    checkins.save_draft(checkin.id, alex.id, "open.therapy", THERAPY_DRAFT, Visibility.THERAPY)
    assert (
        checkins.save_draft(checkin.id, sam.id, "open.need", PRIVATE_DRAFT, Visibility.PRIVATE)
        is DraftSaved.SEALED
    )
    mine = checkin_helpers.answers_of(checkins, checkin.id, alex.id)
    assert "open.hurt" not in mine and "open.therapy" not in mine
    assert "open.need" not in checkin_helpers.answers_of(checkins, checkin.id, sam.id)
    shown = [a.text for a in checkins.reveal(checkin).open_answers]
    assert shown and not {SHARED_DRAFT, THERAPY_DRAFT, PRIVATE_DRAFT} & set(shown)

    # Completed while drafts are still stored (as another window could leave them).
    rawdb.checkins(svc).finish(checkin.id, CheckinStatus.COMPLETED, svc.clock.now())
    report = svc.trends.report()
    assert report.checkins == 1
    export = ExportService(svc)
    for fmt in ("md", "html", "json", "csv"):
        data = export.render(ExportRequest(fmt, include_notes=True)).as_bytes()
        assert b"given open.appreciated" in data or fmt == "csv"  # answers are there
        for words in (SHARED_DRAFT, THERAPY_DRAFT, PRIVATE_DRAFT):
            assert words.encode() not in data, (fmt, words)


def test_completing_a_checkin_clears_its_drafts(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, sam = couple
    checkins = svc.checkins
    checkin = checkins.start([alex.id, sam.id])
    checkins.save_draft(checkin.id, alex.id, "open.hurt", SHARED_DRAFT, Visibility.SHARED)
    checkins.complete(checkin)
    assert checkins.answer_draft(checkin.id, alex.id, "open.hurt") is None


def test_a_private_draft_is_stored_sealed_and_opens_only_for_its_author(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, sam = couple
    checkins = svc.checkins
    checkin = checkins.start([alex.id, sam.id])
    checkins.save_draft(checkin.id, alex.id, "open.hurt", PRIVATE_DRAFT, Visibility.PRIVATE)
    conn = sqlite3.connect(rawdb.database(svc).path)
    try:
        text, sealed = conn.execute(
            "SELECT text, text_sealed FROM answer_drafts WHERE item_id = 'open.hurt'"
        ).fetchone()
    finally:
        conn.close()
    assert text is None and PRIVATE_DRAFT.encode() not in sealed
    draft = checkins.answer_draft(checkin.id, alex.id, "open.hurt")
    assert draft is not None and draft.text == PRIVATE_DRAFT and draft.sealed
    svc.keys.lock(alex.id)
    draft = checkins.answer_draft(checkin.id, alex.id, "open.hurt")
    assert draft is not None and draft.text is None and draft.visibility is Visibility.PRIVATE
    # Locked: a private draft cannot be sealed, so nothing is written (the old one stays).
    saved = checkins.save_draft(checkin.id, alex.id, "open.hurt", "newer", Visibility.PRIVATE)
    assert saved is DraftSaved.LOCKED
    svc.keys.unlock(alex.id, "alex words")
    draft = checkins.answer_draft(checkin.id, alex.id, "open.hurt")
    assert draft is not None and draft.text == PRIVATE_DRAFT


def test_giving_the_answer_replaces_its_draft(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, sam = couple
    checkins = svc.checkins
    checkin = checkins.start([alex.id, sam.id])
    checkins.save_draft(checkin.id, alex.id, "open.hurt", "half", Visibility.THERAPY)
    checkins.save_answer(
        checkin.id, alex.id, "open.hurt", text="whole", visibility=Visibility.THERAPY
    )
    assert checkins.answer_draft(checkin.id, alex.id, "open.hurt") is None
    assert checkin_helpers.answers_of(checkins, checkin.id, alex.id)["open.hurt"].text == "whole"
    # Empty text keeps no draft.
    checkins.save_draft(checkin.id, alex.id, "open.need", "x", Visibility.SHARED)
    assert (
        checkins.save_draft(checkin.id, alex.id, "open.need", " \n", Visibility.SHARED)
        is DraftSaved.EMPTY
    )
    assert checkins.answer_draft(checkin.id, alex.id, "open.need") is None


def test_a_private_draft_is_bound_to_its_own_table_and_record(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    """A sealed answer draft opens only as that answer's draft: not as a journal draft, not as
    another item's draft (a row moved elsewhere is damaged, never read)."""
    alex, sam = couple
    checkins = svc.checkins
    checkin = checkins.start([alex.id, sam.id])
    checkins.save_draft(checkin.id, alex.id, "open.hurt", PRIVATE_DRAFT, Visibility.PRIVATE)
    stored = rawdb.drafts(svc).get(checkin.id, alex.id, "weekly", "open.hurt")
    assert stored is not None and stored.sealed is not None
    record = draft_record_id(checkin.id, "weekly", "open.hurt")
    ring = svc.keys.ring
    assert ring.open(alex.id, stored.sealed, table=ANSWER_DRAFTS_TABLE, record_id=record) == (
        PRIVATE_DRAFT
    )
    for table, record_id in (
        (JOURNAL_DRAFTS_TABLE, record),
        (ANSWER_DRAFTS_TABLE, draft_record_id(checkin.id, "weekly", "open.need")),
    ):
        with pytest.raises(DamagedRecord):
            ring.open(alex.id, stored.sealed, table=table, record_id=record_id)
