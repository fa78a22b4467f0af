"""Repositories on a real SQLite file: what is stored is what comes back, and the rules hold."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import checkin_helpers
import rawdb
from trustcheck.core.clock import FixedClock, day_start
from trustcheck.core.models import Answer, CheckinStatus, Review, Step, Visibility
from trustcheck.services import Services
from trustcheck.storage.db import Database
from trustcheck.storage.errors import ConflictError, StorageError
from trustcheck.storage.repos.answers import AnswerRepo
from trustcheck.storage.repos.checkins import CheckinRepo
from trustcheck.storage.repos.commitments import CommitmentRepo
from trustcheck.storage.repos.profiles import ProfileRepo
from trustcheck.storage.repos.settings import SettingsRepo

T0 = dt.datetime(2026, 11, 25, 19, 30, tzinfo=dt.UTC)
WEEK = dt.date(2026, 11, 23)


@pytest.fixture
def db(services: Services) -> Database:
    return rawdb.database(services)


@pytest.fixture
def profiles(db: Database) -> ProfileRepo:
    return ProfileRepo(db)


@pytest.fixture
def checkins(db: Database) -> CheckinRepo:
    return CheckinRepo(db)


@pytest.fixture
def answers(db: Database) -> AnswerRepo:
    return AnswerRepo(db)


@pytest.fixture
def commitments(db: Database) -> CommitmentRepo:
    return CommitmentRepo(db)


@pytest.fixture
def couple(profiles: ProfileRepo) -> tuple[int, int]:
    return profiles.add("Alex", T0).id, profiles.add("Sam", T0).id


def _answer(pid: int, item: str, value: int | None = None, **kw: object) -> Answer:
    return Answer(pid, "weekly", 1, item, value=value, **kw)  # type: ignore[arg-type]


# --- settings ----------------------------------------------------------------------------------


def test_settings_get_default_set_and_overwrite(db: Database) -> None:
    settings = SettingsRepo(db)
    assert settings.get("theme") is None
    assert settings.get("theme", "light") == "light"
    settings.set("theme", "dark")
    settings.set("theme", "high-contrast")
    assert settings.get("theme") == "high-contrast"
    assert db.conn.execute("SELECT count(*) FROM settings").fetchone()[0] == 1


# --- profiles ----------------------------------------------------------------------------------


def test_profiles_add_in_order_with_positions(profiles: ProfileRepo) -> None:
    alex = profiles.add("Alex", T0)
    sam = profiles.add("Sam", T0)
    assert (alex.position, sam.position) == (0, 1)
    assert [p.name for p in profiles.active()] == ["Alex", "Sam"]
    assert profiles.get(sam.id) == sam
    assert profiles.by_name("Alex") == alex
    assert profiles.by_name("Nobody") is None


def test_profile_names_are_unique_among_active(profiles: ProfileRepo, db: Database) -> None:
    profiles.add("Alex", T0)
    with pytest.raises(ConflictError) as info:
        profiles.add("Alex", T0)
    assert issubclass(ConflictError, StorageError)
    assert "Alex" in str(info.value)
    assert "\n" not in str(info.value)
    assert db.conn.execute("SELECT count(*) FROM profiles").fetchone()[0] == 1
    assert not db.conn.in_transaction


def test_unknown_profile_id_is_a_key_error(profiles: ProfileRepo) -> None:
    with pytest.raises(KeyError):
        profiles.get(999)


def test_remove_hides_the_profile_but_keeps_history(
    services: Services,
    profiles: ProfileRepo,
    checkins: CheckinRepo,
    answers: AnswerRepo,
    db: Database,
) -> None:
    alex = profiles.add("Alex", T0)
    sam = profiles.add("Sam", T0)
    done = checkins.insert_completed(
        WEEK,
        [alex.id, sam.id],
        T0,
        T0,
        [_answer(alex.id, "comm.heard", 5), _answer(sam.id, "comm.heard", 3)],
    )
    profiles.remove(alex.id, T0 + dt.timedelta(days=1))
    assert [p.name for p in profiles.active()] == ["Sam"]
    assert profiles.active()[0].position == 0, "positions close up after a removal"
    assert profiles.by_name("Alex") is None
    assert profiles.get(alex.id).name == "Alex", "history still resolves the removed person"
    assert checkins.get(done).participant_ids == (alex.id, sam.id)
    assert {a.profile_id for a in answers.for_checkin(done)} == {alex.id, sam.id}
    removed_at = db.conn.execute(
        "SELECT removed_at FROM profiles WHERE id = ?", (alex.id,)
    ).fetchone()[0]
    assert removed_at is not None
    # The name is free again for a new person, who is a different profile.
    again = profiles.add("Alex", T0 + dt.timedelta(days=2))
    assert again.id != alex.id
    assert [p.name for p in profiles.active()] == ["Sam", "Alex"]
    assert [p.position for p in profiles.active()] == [0, 1]


def test_profile_service_remove_keeps_completed_checkins(services: Services) -> None:
    alex, sam = services.profiles.setup(["Alex", "Sam"])
    draft = services.checkins.start([alex.id, sam.id])
    services.checkins.save_answer(draft.id, alex.id, "comm.heard", value=6)
    services.checkins.complete(draft)
    services.profiles.remove("Sam")
    assert [p.name for p in services.profiles.people()] == ["Alex"]
    kept = rawdb.checkins(services).completed()
    assert len(kept) == 1 and kept[0].participant_ids == (alex.id, sam.id)
    assert services.checkins.people(kept[0])[1].name == "Sam"


# --- check-ins ---------------------------------------------------------------------------------


def test_start_stores_a_draft_at_the_open_step(
    checkins: CheckinRepo, couple: tuple[int, int]
) -> None:
    draft = checkins.start(WEEK, list(couple), T0)
    assert draft.status is CheckinStatus.IN_PROGRESS
    assert draft.step is Step.OPEN
    assert draft.week == WEEK
    assert draft.participant_ids == couple
    assert draft.started_at == day_start(T0)  # the day only (issue 15, schema V10)
    assert draft.completed_at is None
    assert checkins.draft() == draft


def test_only_one_draft_at_a_time(
    checkins: CheckinRepo, couple: tuple[int, int], db: Database
) -> None:
    first = checkins.start(WEEK, list(couple), T0)
    with pytest.raises(ConflictError) as info:
        checkins.start(WEEK, [couple[0]], T0)
    assert "\n" not in str(info.value)
    assert checkins.draft() == first
    assert db.conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 1
    assert db.conn.execute("SELECT count(*) FROM checkin_participants").fetchone()[0] == 2
    assert not db.conn.in_transaction


@pytest.mark.parametrize("status", [CheckinStatus.COMPLETED, CheckinStatus.ABANDONED])
def test_a_new_draft_is_allowed_once_the_last_one_is_finished(
    checkins: CheckinRepo, couple: tuple[int, int], status: CheckinStatus
) -> None:
    first = checkins.start(WEEK, list(couple), T0)
    checkins.finish(first.id, status, T0 + dt.timedelta(minutes=20))
    assert checkins.draft() is None
    finished = checkins.get(first.id)
    assert finished.status is status
    assert (finished.completed_at is not None) == (status is CheckinStatus.COMPLETED)
    second = checkins.start(WEEK, list(couple), T0 + dt.timedelta(hours=1))
    assert checkins.draft() == second
    assert second.id != first.id


def test_set_step_persists_and_ignores_finished_checkins(
    checkins: CheckinRepo, couple: tuple[int, int], db: Database
) -> None:
    draft = checkins.start(WEEK, list(couple), T0)
    checkins.set_step(draft.id, Step.HANDOVER, T0)
    assert checkins.get(draft.id).step is Step.HANDOVER
    checkins.finish(draft.id, CheckinStatus.ABANDONED, T0)
    checkins.set_step(draft.id, Step.REVEAL, T0)
    assert checkins.get(draft.id).step is Step.HANDOVER
    checkins.finish(draft.id, CheckinStatus.COMPLETED, T0)
    assert checkins.get(draft.id).status is CheckinStatus.ABANDONED, "finish only ends drafts"


def test_step_survives_reopening(tmp_path: Path, clock: FixedClock, services: Services) -> None:
    from trustcheck.services import open_services

    alex, sam = services.profiles.setup(["Alex", "Sam"])
    draft = services.checkins.start([alex.id, sam.id])
    draft = checkin_helpers.advance(services.checkins, draft, steps=2)
    assert draft.step is Step.HANDOVER
    other = open_services(tmp_path / "data", clock)
    try:
        resumed = other.checkins.draft()
        assert resumed is not None and resumed.step is Step.HANDOVER
    finally:
        other.close()


def test_last_completed_and_before(checkins: CheckinRepo, couple: tuple[int, int]) -> None:
    ids = list(couple)
    assert checkins.last_completed() is None
    # Inserted out of week order on purpose: ordering is by week, not by id.
    w3 = checkins.insert_completed(WEEK, ids, T0, T0, [])
    w1 = checkins.insert_completed(WEEK - dt.timedelta(weeks=2), ids, T0, T0, [])
    w2 = checkins.insert_completed(WEEK - dt.timedelta(weeks=1), ids, T0, T0, [])
    abandoned = checkins.start(WEEK - dt.timedelta(weeks=3), ids, T0)
    checkins.finish(abandoned.id, CheckinStatus.ABANDONED, T0)
    last = checkins.last_completed()
    assert last is not None and last.id == w3
    assert [c.id for c in checkins.completed()] == [w1, w2, w3]

    def before(cid: int) -> int | None:
        found = checkins.last_completed(before=cid)
        return None if found is None else found.id

    assert before(w3) == w2
    assert before(w2) == w1
    assert before(w1) is None
    assert before(abandoned.id) is None
    draft = checkins.start(WEEK + dt.timedelta(weeks=1), ids, T0)
    assert before(draft.id) == w3
    assert checkins.last_completed().id == w3  # type: ignore[union-attr]


def test_last_completed_before_in_the_same_week_uses_the_earlier_one(
    checkins: CheckinRepo, couple: tuple[int, int]
) -> None:
    ids = list(couple)
    first = checkins.insert_completed(WEEK, ids, T0, T0, [])
    second = checkins.insert_completed(WEEK, ids, T0, T0 + dt.timedelta(hours=1), [])
    assert checkins.last_completed().id == second  # type: ignore[union-attr]
    found = checkins.last_completed(before=second)
    assert found is not None and found.id == first
    assert checkins.last_completed(before=first) is None


def test_for_week(checkins: CheckinRepo, couple: tuple[int, int]) -> None:
    ids = list(couple)
    a = checkins.insert_completed(WEEK, ids, T0, T0, [])
    checkins.insert_completed(WEEK - dt.timedelta(weeks=1), ids, T0, T0, [])
    b = checkins.start(WEEK, ids, T0)
    assert [c.id for c in checkins.for_week(WEEK)] == [a, b.id]


# --- answers -----------------------------------------------------------------------------------


def test_answer_upsert_keeps_one_row_with_the_latest_value(
    checkins: CheckinRepo, answers: AnswerRepo, couple: tuple[int, int], db: Database
) -> None:
    alex, sam = couple
    draft = checkins.start(WEEK, [alex, sam], T0)
    answers.save(draft.id, _answer(alex, "comm.heard", 2), T0)
    answers.save(draft.id, _answer(alex, "comm.heard", 6), T0 + dt.timedelta(seconds=5))
    answers.save(draft.id, _answer(sam, "comm.heard", 4), T0)
    stored = answers.for_checkin(draft.id)
    assert len(stored) == 2
    assert {(a.profile_id, a.value) for a in stored} == {(alex, 6), (sam, 4)}
    answered_at = db.conn.execute(
        "SELECT answered_at FROM answers WHERE profile_id = ?", (alex,)
    ).fetchone()[0]
    # The day only (issue 15): no per-answer time is stored.
    assert answered_at == "2026-11-25T00:00:00+00:00"


def test_answer_upsert_replaces_skip_and_text(
    checkins: CheckinRepo, answers: AnswerRepo, couple: tuple[int, int]
) -> None:
    alex, _ = couple
    draft = checkins.start(WEEK, list(couple), T0)
    answers.save(
        draft.id, _answer(alex, "open.need", text="first", visibility=Visibility.THERAPY), T0
    )
    answers.save(draft.id, Answer(alex, "weekly", 1, "open.need", skipped=True), T0)
    (stored,) = answers.for_checkin(draft.id)
    assert stored.skipped is True
    assert stored.text is None
    assert stored.visibility is Visibility.SHARED


def test_answers_keep_pack_id_pack_version_and_item_id(
    checkins: CheckinRepo, answers: AnswerRepo, couple: tuple[int, int]
) -> None:
    alex, _ = couple
    draft = checkins.start(WEEK, list(couple), T0)
    given = [
        Answer(alex, "weekly", 1, "comm.heard", value=5),
        Answer(alex, "weekly", 3, "sec.worry", value=2),
        Answer(alex, "jealousy-module", 7, "comm.heard", value=1),
        Answer(
            alex,
            "weekly",
            1,
            "open.hurt",
            text="Ünïcødé ✓ [b]not markup[/b]",
            visibility=Visibility.THERAPY,
        ),
        Answer(alex, "weekly", 1, "overall.trust", skipped=True),
    ]
    for a in given:
        answers.save(draft.id, a, T0)
    assert answers.for_checkin(draft.id) == given


def test_answers_need_a_real_checkin_and_profile(
    answers: AnswerRepo, couple: tuple[int, int], db: Database
) -> None:
    import sqlite3

    with pytest.raises(ConflictError):  # no such check-in
        answers.save(999, _answer(couple[0], "comm.heard", 5), T0)
    draft = CheckinRepo(db).start(WEEK, list(couple), T0)
    with pytest.raises(sqlite3.IntegrityError):  # no such person
        answers.save(draft.id, _answer(999, "comm.heard", 5), T0)
    assert db.conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 0
    assert not db.conn.in_transaction


def test_a_finished_checkins_answers_are_final(
    checkins: CheckinRepo, answers: AnswerRepo, couple: tuple[int, int], db: Database
) -> None:
    """Answers go only into a check-in in progress: a finished one's are final (its weekly
    scores are kept beside them), and the refusal stores nothing."""
    alex, sam = couple
    done = checkins.insert_completed(WEEK, [alex, sam], T0, T0, [_answer(alex, "comm.heard", 5)])
    with pytest.raises(ConflictError):
        answers.save(done, _answer(alex, "comm.heard", 1), T0)
    with pytest.raises(ConflictError):
        answers.save(done, _answer(sam, "comm.heard", 1), T0)
    rows = db.conn.execute("SELECT profile_id, value FROM answers").fetchall()
    assert rows == [(alex, 5)]
    assert not db.conn.in_transaction


def test_for_completed_only_returns_completed_checkins(
    checkins: CheckinRepo, answers: AnswerRepo, couple: tuple[int, int]
) -> None:
    alex, sam = couple
    done = checkins.insert_completed(
        WEEK - dt.timedelta(weeks=1),
        [alex, sam],
        T0,
        T0,
        [_answer(alex, "comm.heard", 5), _answer(sam, "comm.heard", 4)],
    )
    draft = checkins.start(WEEK, [alex, sam], T0)
    answers.save(draft.id, _answer(alex, "comm.heard", 1), T0)
    by_checkin = answers.for_completed()
    assert list(by_checkin) == [done]
    assert [a.value for a in by_checkin[done]] == [5, 4]


def test_insert_completed_is_one_transaction(
    checkins: CheckinRepo, couple: tuple[int, int], db: Database
) -> None:
    import sqlite3

    bad = [_answer(couple[0], "comm.heard", 5), _answer(999, "comm.heard", 5)]
    with pytest.raises(sqlite3.IntegrityError):
        checkins.insert_completed(WEEK, list(couple), T0, T0, bad)
    for table in ("checkins", "checkin_participants", "answers"):
        assert db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


# --- commitments -------------------------------------------------------------------------------


def test_commitments_add_review_and_delete(
    checkins: CheckinRepo, commitments: CommitmentRepo, couple: tuple[int, int]
) -> None:
    alex, sam = couple
    week1 = checkins.insert_completed(WEEK - dt.timedelta(weeks=1), [alex, sam], T0, T0, [])
    c1 = commitments.add(week1, alex, sam, "Text if I'm late", T0)
    c2 = commitments.add(week1, sam, alex, "One screen-free evening", T0)
    c3 = commitments.add(week1, sam, alex, "Walk after dinner", T0)
    assert (c1.owner_id, c1.to_id, c1.text, c1.checkin_id) == (alex, sam, "Text if I'm late", week1)
    assert c1.review is None and c1.reviewed_in is None
    assert c1.created_at == T0
    assert [c.id for c in commitments.set_in(week1)] == [c1.id, c2.id, c3.id]

    week2 = checkins.start(WEEK, [alex, sam], T0).id
    commitments.review(c1.id, Review.KEPT, week2, T0)
    commitments.review(c2.id, Review.PARTLY, week2, T0)
    commitments.review(c3.id, Review.NOT_YET, week2, T0)
    reviewed = {c.id: (c.review, c.reviewed_in) for c in commitments.all()}
    assert reviewed == {
        c1.id: (Review.KEPT, week2),
        c2.id: (Review.PARTLY, week2),
        c3.id: (Review.NOT_YET, week2),
    }
    commitments.review(c3.id, None, week2, T0)  # un-review
    assert {c.id: c.review for c in commitments.all()}[c3.id] is None
    assert {c.id: c.reviewed_in for c in commitments.all()}[c3.id] is None

    commitments.delete(c2.id)
    assert [c.id for c in commitments.all()] == [c1.id, c3.id]
    assert commitments.set_in(week2) == []


def test_commitment_service_limits_and_cleans(services: Services) -> None:
    from trustcheck.services.checkin import MAX_COMMITMENTS, CheckinError

    alex, sam = services.profiles.setup(["Alex", "Sam"])
    draft = services.checkins.start([alex.id, sam.id])
    made = services.checkins.add_commitment(draft, alex.id, "  Text\x1b[31m if late\n ")
    assert made.to_id == sam.id
    assert "\x1b" not in made.text and "\n" not in made.text
    for i in range(MAX_COMMITMENTS - 1):
        services.checkins.add_commitment(draft, alex.id, f"small thing {i}")
    with pytest.raises(CheckinError):
        services.checkins.add_commitment(draft, alex.id, "one too many")
    services.checkins.add_commitment(draft, sam.id, "Sam still can")
    with pytest.raises(CheckinError):
        services.checkins.add_commitment(draft, sam.id, "   ")
    assert len(services.checkins.new_commitments(draft)) == MAX_COMMITMENTS + 1


def test_to_review_returns_last_completed_commitments(
    services: Services, clock: FixedClock
) -> None:
    alex, sam = services.profiles.setup(["Alex", "Sam"])
    first = services.checkins.start([alex.id, sam.id])
    promise = services.checkins.add_commitment(first, alex.id, "Say goodnight")
    services.checkins.complete(first)
    clock.advance(weeks=1)
    second = services.checkins.start([alex.id, sam.id])
    assert [c.id for c in services.checkins.to_review(second)] == [promise.id]
    services.checkins.review(second, promise.id, Review.PARTLY)
    summary = services.checkins.complete(second)
    assert [(c.id, c.review) for c in summary.reviewed] == [(promise.id, Review.PARTLY)]


def test_deleting_a_checkin_row_cascades(
    checkins: CheckinRepo,
    answers: AnswerRepo,
    commitments: CommitmentRepo,
    couple: tuple[int, int],
    db: Database,
) -> None:
    """Foreign keys are on: the schema's ON DELETE CASCADE really runs."""
    alex, sam = couple
    cid = checkins.insert_completed(WEEK, [alex, sam], T0, T0, [_answer(alex, "comm.heard", 5)])
    commitments.add(cid, alex, sam, "x", T0)
    with db.transaction() as conn:
        conn.execute("DELETE FROM checkins WHERE id = ?", (cid,))
    for table in ("checkin_participants", "answers", "commitments"):
        assert db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
