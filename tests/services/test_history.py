"""Past check-ins (issue 17 §1) through the history service: the list newest first, a page at a
time and reading only that page; one week as it was, scored under the pack version it was
answered under; its commitments as stored now; private answers only to their unlocked author."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import rawdb
from history_helpers import (
    ALEX_SECRET,
    SAM_SECRET,
    SHARED_NOTE,
    couple_with_passphrases,
    finish_weeks,
)
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import AREAS, Review, Voice
from trustcheck.core.packs import read_builtin_version
from trustcheck.paths import builtin_packs_dir
from trustcheck.services import Services, open_services
from trustcheck.services.history import HistoryError
from trustcheck.services.safety import SafetyAnswer


def test_the_list_is_newest_first_with_who_overall_and_commitments(
    svc: Services, clock: FixedClock
) -> None:
    people = svc.profiles.setup(["Alex", "Sam"])
    ids = finish_weeks(svc, clock, people, 3)
    page = svc.history.page(1, 20)
    assert (page.page, page.pages, page.total) == (1, 1, 3)
    assert [line.checkin_id for line in page.lines] == ids[::-1]
    assert [line.number for line in page.lines] == [3, 2, 1]
    newest = page.lines[0]
    assert newest.week == dt.date(2026, 11, 16)  # last week, as the fixed clock sees it
    assert newest.names == ("Alex", "Sam")
    assert newest.overall == (6, 7)  # base + 2 for each
    assert newest.commitments == 1


def test_paging_walks_the_whole_list_once_and_a_page_past_the_end_is_one_line(
    svc: Services, clock: FixedClock
) -> None:
    people = svc.profiles.setup(["Alex", "Sam"])
    ids = finish_weeks(svc, clock, people, 5)
    seen = []
    for n in (1, 2, 3):
        page = svc.history.page(n, 2)
        assert page.pages == 3
        seen += [line.checkin_id for line in page.lines]
    assert seen == ids[::-1]
    with pytest.raises(HistoryError) as caught:
        svc.history.page(4, 2)
    assert str(caught.value) == "There is no page 4: the list has 3 (of 2 check-ins each)."
    with pytest.raises(HistoryError):
        svc.history.page(0, 2)
    with pytest.raises(HistoryError):
        svc.history.page(1, 0)


def test_no_check_ins_yet_is_an_empty_first_page(svc: Services) -> None:
    svc.profiles.setup(["Alex", "Sam"])
    page = svc.history.page()
    assert page.lines == () and page.total == 0
    with pytest.raises(HistoryError, match="none has been finished yet"):
        svc.history.find("1")


def test_a_week_keeps_its_number_as_new_weeks_come(svc: Services, clock: FixedClock) -> None:
    """Numbers count from the first check-in: a new week takes the next one, and ``history 2``
    stays the same week."""
    people = svc.profiles.setup(["Alex", "Sam"])
    ids = finish_weeks(svc, clock, people, 2)
    assert svc.history.find("2") == ids[1]
    clock.advance(weeks=1)  # a week later, this week's check-in is finished too
    (newer,) = finish_weeks(svc, clock, people, 1)
    assert svc.history.find("2") == ids[1] and svc.history.find("3") == newer
    assert [line.number for line in svc.history.page().lines] == [3, 2, 1]


def test_a_week_is_found_by_any_day_of_it_or_by_its_number(
    svc: Services, clock: FixedClock
) -> None:
    people = svc.profiles.setup(["Alex", "Sam"])
    ids = finish_weeks(svc, clock, people, 3)
    assert svc.history.find("2026-11-16") == ids[-1]
    assert svc.history.find("2026-11-19") == ids[-1]  # a Thursday of that week
    assert svc.history.find(" 1 ") == ids[0]
    for bad, says in (
        ("someday", "is not a week"),
        ("2026-02-30", "is not a week"),
        ("-1", "is not a week"),
        ("4", "There is no check-in 4: they are numbered 1 to 3."),
        ("2026-11-23", "No check-in was finished in the week of 23 Nov 2026."),  # this week
        ("2020-01-06", "No check-in was finished in the week of 6 Jan 2020."),
    ):
        with pytest.raises(HistoryError, match=says.replace(".", r"\.")):
            svc.history.find(bad)


def test_a_past_week_holds_the_reveal_its_shared_notes_and_how_its_commitments_went(
    svc: Services, clock: FixedClock
) -> None:
    people = svc.profiles.setup(["Alex", "Sam"])
    ids = finish_weeks(svc, clock, people, 3)
    past = svc.history.week(ids[1])
    assert (past.number, past.total) == (2, 3)
    assert past.reveal == svc.checkins.reveal(svc.checkins.get(ids[1]), as_answered=True)
    assert past.reveal.has_previous  # compared with the week before it, not with today
    notes = [a.text for a in past.reveal.open_answers]
    assert notes == [f"{SHARED_NOTE} (Alex, week 2)", f"{SHARED_NOTE} (Sam, week 2)"]
    (made,) = past.commitments
    assert (made.owner, made.to, made.commitment.text) == (
        "Alex",
        "Sam",
        "Text when I'm late (week 2)",
    )
    assert made.commitment.review is Review.KEPT and made.how == "Sam: Kept · Alex: not said"
    # The newest week's commitment has no review yet: said kindly, not as a failure.
    (latest,) = svc.history.week(ids[2]).commitments
    assert latest.commitment.review is None and latest.how == "not reviewed yet"


def test_a_past_week_says_how_each_commitment_went_in_both_voices_and_what_became_of_it(
    svc: Services, clock: FixedClock
) -> None:
    """Issue 17 §1 with §3: a past week's commitments show both voices side by side (the
    partner's, then the maker's own), and whether each was kept for another week (in which
    words) or let go, as the review step, the close screen and the summary word it."""
    alex, sam = svc.profiles.setup(["Alex", "Sam"])
    checkins = svc.checkins
    first = checkins.start([alex.id, sam.id])
    walk = checkins.add_commitment(first, alex.id, "An evening walk")
    phone = checkins.add_commitment(first, sam.id, "Phone away at dinner")
    checkins.complete(first)
    clock.advance(weeks=1)
    second = checkins.start([alex.id, sam.id])
    checkins.review(second, walk.id, Review.PARTLY)  # Sam's view
    checkins.review(second, walk.id, Review.KEPT, Voice.OWN)  # Alex's own
    checkins.keep_going(second, walk.id, "Two evening walks")
    checkins.review(second, phone.id, Review.NOT_YET)
    checkins.let_go(second, phone.id)
    checkins.complete(second)

    hows = {c.commitment.text: c.how for c in svc.history.week(first.id).commitments}
    assert hows == {
        "An evening walk": (
            "Sam: Partly · Alex: Kept · kept for another week as “Two evening walks”"
        ),
        "Phone away at dinner": "Alex: Not yet · Sam: not said · let go",
    }
    (carried,) = svc.history.week(second.id).commitments
    assert carried.commitment.text == "Two evening walks" and carried.how == "not reviewed yet"


def test_commitments_are_read_as_stored_now(svc: Services, clock: FixedClock) -> None:
    """The one function history reads commitments through returns what is stored now: a
    review given later shows at once."""
    people = svc.profiles.setup(["Alex", "Sam"])
    ids = finish_weeks(svc, clock, people, 2)
    checkin = svc.checkins.get(ids[-1])
    (made,) = svc.history.commitments(checkin)
    assert made.commitment.review is None
    svc.checkins.record_review(made.commitment.id, Review.PARTLY, ids[-1], clock.now())
    (again,) = svc.history.commitments(checkin)
    assert again.commitment.review is Review.PARTLY and again.how == "Sam: Partly · Alex: not said"


def test_a_week_answered_under_an_older_pack_version_shows_the_scores_it_had(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Answers given under version 1 are scored by version 1's keys in history, not by today's
    pack: ticking 7 everywhere under v1 gave security 25 and every other area 75."""
    from trustcheck.core.models import Answer, ItemKind, Pack

    v1 = read_builtin_version(builtin_packs_dir(), "weekly", 1)
    assert isinstance(v1, Pack)
    data = tmp_path / "data"
    old = open_services(data, clock, v1, weak_kdf=True)
    try:
        (alex,) = old.profiles.setup(["Alex"])
        answers = [
            Answer(alex.id, v1.id, v1.version, item.id, value=7)
            for item in v1.items
            if item.kind in (ItemKind.SCALE, ItemKind.RATING)
        ]
        week = dt.date(2026, 11, 9)
        when = dt.datetime(2026, 11, 15, 19, tzinfo=dt.UTC)
        checkin_id = rawdb.checkins(old).insert_completed(week, [alex.id], when, when, answers)
    finally:
        old.close()
    services = open_services(data, clock, weak_kdf=True)
    try:
        assert services.pack.version > 1
        past = services.history.week(services.history.find("2026-11-09"))
        assert past.checkin.id == checkin_id
        got = {row.area: row.now[0] for row in past.reveal.rows}
        assert got == {a: (25.0 if a == "security" else 75.0) for a in AREAS}
        # Today's pack would have scored the same answers otherwise (so this test can fail).
        from trustcheck.core.scoring import week_scores

        today = week_scores(services.pack, alex.id, week, answers)
        assert today.areas != got
    finally:
        services.close()


def test_a_module_switched_off_since_still_shows_in_its_past_week(
    svc: Services, clock: FixedClock
) -> None:
    """The reveal as it was holds the module areas answered that week, even once the module is
    switched off (today's reveal would leave them out)."""
    from trustcheck.core.models import ItemKind

    people = svc.profiles.setup(["Alex", "Sam"])
    svc.packs.set_enabled("jealousy", True)
    clock.advance(weeks=-1)
    checkins = svc.checkins
    checkin = checkins.start([p.id for p in people])
    for person in people:
        for turn in checkins.turn_items(person.id):
            if turn.item.kind is ItemKind.SCALE:
                checkins.save_answer(
                    checkin.id, person.id, turn.item.id, value=5, pack_id=turn.pack.id
                )
    checkins.complete(checkin)
    clock.advance(weeks=1)
    svc.packs.set_enabled("jealousy", False)
    past = svc.history.week(checkin.id)
    assert past.reveal.modules and {m.pack.id for m in past.reveal.modules} == {"jealousy"}
    assert all(v is not None for m in past.reveal.modules for v in m.now)
    assert checkins.reveal(checkins.get(checkin.id)).modules == ()


def test_private_answers_open_only_for_their_unlocked_author(
    svc: Services, clock: FixedClock
) -> None:
    alex, sam = couple_with_passphrases(svc)
    ids = finish_weeks(svc, clock, [alex, sam], 2, private=True)
    svc.keys.lock_all()
    past = svc.history.week(ids[0])
    shown = repr(past)
    assert SAM_SECRET not in shown and ALEX_SECRET not in shown  # never in the shared view
    with pytest.raises(HistoryError, match="Sam's private answers are locked"):
        svc.history.private_answers(ids[0], sam)
    svc.keys.unlock(alex.id, "alex words")
    alex_notes = svc.history.private_answers(ids[0], alex)
    assert [n.text for n in alex_notes] == [ALEX_SECRET]
    assert SAM_SECRET not in repr(alex_notes)
    with pytest.raises(HistoryError):  # Alex's key opens nothing of Sam's
        svc.history.private_answers(ids[0], sam)
    svc.keys.unlock(sam.id, "sam words")
    sam_notes = svc.history.private_answers(ids[0], sam)
    assert [n.text for n in sam_notes] == [SAM_SECRET]
    assert sam_notes[0].prompt == svc.pack.item("open.hurt").text
    assert svc.history.private_answers(ids[1], sam) == ()  # none that week


@contextlib.contextmanager
def traced_reads(services: Services, seen: list[str]) -> Iterator[None]:
    """Every statement run through the read-only connections the history list opens."""
    db = rawdb.database(services)
    opened = db.reader

    @contextlib.contextmanager
    def reader() -> Iterator[sqlite3.Connection]:
        with opened() as conn:
            conn.set_trace_callback(seen.append)
            yield conn

    db.reader = reader  # type: ignore[method-assign]
    try:
        yield
    finally:
        del db.reader


def test_a_page_of_twenty_years_reads_only_that_page(tmp_path: Path, clock: FixedClock) -> None:
    """1040 weeks (the demo's twenty years): a page is a handful of queries, every one bounded
    by the page through an index: none walks the answers, commitments or participants of the
    whole history, and the check-ins are walked from the newest end of their week index."""
    from trustcheck.services.demo import seed_demo

    services = open_services(tmp_path / "data", clock, weak_kdf=True)
    try:
        seed_demo(services, weeks=1040)
        seen: list[str] = []
        with traced_reads(services, seen):
            page = services.history.page(3, 20)
        assert page.total == 1040 and page.pages == 52
        assert [line.number for line in page.lines] == list(range(1000, 980, -1))
        assert page.lines[0].week == dt.date(2026, 11, 16) - dt.timedelta(weeks=40)
        assert len(seen) == 5, seen
        conn = rawdb.database(services).conn
        for sql in seen:
            plan = " | ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql))
            scans = [part for part in plan.split(" | ") if part.startswith("SCAN")]
            assert all("checkins USING" in s and "INDEX checkins_week" in s for s in scans), plan
            if " IN (" in sql:  # the page's own rows: its 20 check-ins and no more
                ids = sql.split(" IN (", 1)[1].split(")", 1)[0].split(",")
                assert len(ids) == 20, sql
    finally:
        services.close()


def test_history_never_reads_the_safety_answers(svc: Services, clock: FixedClock) -> None:
    """Opening a week, its commitments and a person's own private answers touches no safety
    record (they live in their own table, which history never reads)."""
    import sqltrace

    alex, sam = couple_with_passphrases(svc)
    ids = finish_weeks(svc, clock, [alex, sam], 1, private=True)
    svc.safety.record(ids[0], sam.id, SafetyAnswer.YES)
    with sqltrace.statements(svc) as seen, traced_reads(svc, seen):
        svc.history.page()
        past = svc.history.week(ids[0])
        notes = svc.history.private_answers(ids[0], sam)
    assert past.reveal.people and notes
    assert seen and not any("safety" in sql for sql in seen)
