"""Issue 13, "read only what is shown": trends keep each completed turn's weekly scores beside its
answers (schema V8) and read those, one row a person a week, instead of every answer. The
answers stay the record: what trends show is exactly what scoring the answers gives, a turn not
stored yet is scored on the next load, and a turn scored otherwise is scored again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import rawdb
from trends_helpers import Loads, complete_this_week
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import ItemKind
from trustcheck.core.trend_history import build_history, with_not_this_week
from trustcheck.core.trends import History
from trustcheck.services import Services, open_services
from trustcheck.services.demo import seed_demo
from trustcheck.storage.db import DB_FILENAME


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Loads:
    return Loads(monkeypatch)


def from_the_answers(services: Services) -> History:
    """The history as scoring every stored answer gives it, with nothing stored read."""
    trends = rawdb.new_trends(services)
    answers = rawdb.answers(services)
    rows = with_not_this_week(
        answers.rated_for_completed(services.pack.id),
        answers.not_this_week_for_completed(services.pack.id),
    )
    people = services.profiles.people()
    turns = trends.scorer.score_turns(rows)
    return build_history(trends.scorer, people, turns)


def stored_count(services: Services) -> int:
    conn = rawdb.database(services).conn
    return int(conn.execute("SELECT count(*) FROM turn_scores").fetchone()[0])


def test_trends_show_exactly_what_scoring_the_answers_gives(services: Services) -> None:
    seed_demo(services, weeks=60)
    first = rawdb.new_trends(services).history()  # scores and stores
    again = rawdb.new_trends(services).history()  # reads what was stored
    expected = from_the_answers(services)
    for history in (first, again):
        assert history.weeks == expected.weeks
        for got, want in zip(history.persons, expected.persons, strict=True):
            assert got.areas == want.areas
            assert got.index == want.index
            assert got.overall == want.overall
            assert got.version_changes == want.version_changes


def test_after_the_first_load_no_answer_is_read(services: Services, loads: Loads) -> None:
    seed_demo(services, weeks=30)
    rawdb.new_trends(services).report()
    assert len(loads.calls) == 1  # the first load scores every turn once
    assert stored_count(services) == 2 * 30
    report = rawdb.new_trends(services).report()
    assert len(loads.calls) == 1  # a later load (a new window, a new command) reads the scores
    assert report.checkins == 30


def test_a_new_checkin_is_scored_on_the_next_load(services: Services, loads: Loads) -> None:
    seed_demo(services, weeks=5)
    trends = rawdb.new_trends(services)
    assert trends.report().checkins == 5
    complete_this_week(services, services.profiles.people())
    report = trends.report()
    assert report.checkins == 6
    assert [p.latest for p in trends.recent(26).persons] == [100 * 5 / 6] * 2
    assert stored_count(services) == 2 * 6
    calls = len(loads.calls)
    assert rawdb.new_trends(services).report().checkins == 6
    assert len(loads.calls) == calls


def test_a_turn_scored_otherwise_is_scored_again(services: Services, loads: Loads) -> None:
    """A stored row whose stamp is not today's scoring (another formula, other keys) is never
    shown: it is scored again from the answers, and stored with today's stamp."""
    seed_demo(services, weeks=8)
    expected = rawdb.new_trends(services).history()
    conn = rawdb.database(services).conn
    conn.execute("UPDATE turn_scores SET stamp = 'older', communication = 0, overall = 0")
    calls = len(loads.calls)
    history = rawdb.new_trends(services).history()
    assert len(loads.calls) == calls + 1
    assert history.persons[0].areas == expected.persons[0].areas
    assert history.persons[0].overall == expected.persons[0].overall
    stamps = conn.execute("SELECT DISTINCT stamp FROM turn_scores").fetchall()
    assert stamps != [("older",)] and len(stamps) == 1


def test_a_turn_without_a_rating_is_stored_once_and_is_no_week(services: Services) -> None:
    people = services.profiles.people() or [services.profiles.add("Alex")]
    alex = people[0]
    checkin = services.checkins.start([alex.id])
    for item in services.pack.items:
        if item.kind is ItemKind.SCALE:
            services.checkins.save_answer(checkin.id, alex.id, item.id, skipped=True)
    services.checkins.complete(checkin)
    assert rawdb.new_trends(services).history().weeks == ()
    assert stored_count(services) == 1
    assert rawdb.new_trends(services).history().weeks == ()


def test_trends_show_when_the_scores_cannot_be_stored(services: Services) -> None:
    """Keeping the scores is a saving, never a condition: on a database that takes no writes
    (read-only, busy elsewhere, a full disk) trends still show, and nothing was kept."""
    seed_demo(services, weeks=6)
    expected = from_the_answers(services)
    conn = rawdb.database(services).conn
    conn.execute("PRAGMA query_only = ON")
    try:
        history = rawdb.new_trends(services).history()
    finally:
        conn.execute("PRAGMA query_only = OFF")
    assert history.persons[0].index == expected.persons[0].index
    assert stored_count(services) == 0


def test_a_v7_database_upgrades_and_shows_the_same_trends(
    tmp_path: Path, clock: FixedClock
) -> None:
    data = tmp_path / "old"
    services = open_services(data, clock)
    try:
        seed_demo(services, weeks=40)
        before = rawdb.new_trends(services).report()
    finally:
        services.close()
    conn = sqlite3.connect(data / DB_FILENAME)
    conn.execute("DROP TABLE turn_scores")
    conn.execute("ALTER TABLE profiles DROP COLUMN recovery_wrapped_key")  # V11's, after V7
    rawdb.commitments_before_v12(conn)
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    services = open_services(data, clock)
    try:
        after = services.trends.report()
        assert stored_count(services) == 2 * 40
    finally:
        services.close()
    assert [p.index.points for p in after.persons] == [p.index.points for p in before.persons]
    assert [dict(p.areas) for p in after.persons] == [dict(p.areas) for p in before.persons]
