"""History keeps its questions (issue 14, section 2): every check-in is scored by the keys of the
pack version it was answered under, and trends join the versions honestly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

import rawdb
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import AREAS, Answer, ItemKind, Pack, Profile
from trustcheck.core.packs import read_builtin_version
from trustcheck.core.trend_report import day_label
from trustcheck.messages import TRENDS_QUESTIONS_CHANGED
from trustcheck.paths import builtin_packs_dir
from trustcheck.services import Services, open_services

MON = dt.date(2026, 11, 16)  # last week, as the shared fixture clock (25 Nov 2026) sees it


def v1() -> Pack:
    pack = read_builtin_version(builtin_packs_dir(), "weekly", 1)
    assert pack is not None
    return pack


def answers(
    pack: Pack, person: Profile, raw: int | None = None, keyed: Mapping[str, int] | None = None
) -> list[Answer]:
    """``person``'s answers to ``pack``: every scale item at the ``raw`` value ticked, or at the
    value that keys to the area's level in ``keyed``; overall trust 7."""
    out = []
    for item in pack.items:
        if item.kind is ItemKind.SCALE:
            if raw is not None:
                value = raw
            else:
                level = (keyed or {}).get(item.area, 4)
                value = 8 - level if item.reverse else level
            out.append(Answer(person.id, pack.id, pack.version, item.id, value=value))
        elif item.kind is ItemKind.RATING:
            out.append(Answer(person.id, pack.id, pack.version, item.id, value=7))
    return out


def write_checkin(services: Services, week: dt.date, rows: Sequence[Answer]) -> None:
    people = sorted({a.profile_id for a in rows})
    when = dt.datetime.combine(week + dt.timedelta(days=6), dt.time(19), tzinfo=dt.UTC)
    rawdb.checkins(services).insert_completed(
        week, people, when, when + dt.timedelta(minutes=20), list(rows)
    )


def open_with(folder: Path, clock: FixedClock, pack: Pack | None = None) -> Services:
    return open_services(folder, clock, pack, weak_kdf=True)


def test_v1_answers_are_scored_by_v1_keys_after_the_upgrade(
    tmp_path: Path, clock: FixedClock
) -> None:
    """A database that holds v1 answers (and no stored v1 wording, as before snapshots) still
    scores them by v1's keys once v2 is the current pack; v2 weeks by v2's."""
    data = tmp_path / "data"
    old = open_with(data, clock, v1())
    try:
        (alex,) = old.profiles.setup(["Alex"])
        # Straight-lined at 7 under v1: its unbalanced keying gave security 25 and the rest 75.
        for k in range(3):
            write_checkin(old, MON - dt.timedelta(weeks=5 - k), answers(v1(), alex, raw=7))
    finally:
        old.close()

    services = open_with(data, clock)  # version 2 is current
    try:
        assert services.pack.version == 2
        assert services.packs.stored_snapshot("weekly", 1) is None  # read from data/packs
        shipped = services.packs.answered("weekly", 1)
        assert shipped is not None and shipped.item("comm.escalate").reverse
        for k in range(2):
            write_checkin(
                services, MON - dt.timedelta(weeks=1 - k), answers(services.pack, alex, 7)
            )
        person = rawdb.new_trends(services).report().persons[0]
        v1_weeks, v2_weeks = slice(0, 3), slice(3, 5)
        for area in AREAS:
            expected = 25.0 if area == "security" else 75.0
            values = [p.value for p in person.areas[area].points if p.value is not None]
            assert values[v1_weeks] == [expected] * 3, area
            assert values[v2_weeks] == [50.0, 50.0], area  # v2: balanced keying
        index = [p.value for p in person.index.points if p.value is not None]
        assert index == [65.0, 65.0, 65.0, 50.0, 50.0]
    finally:
        services.close()


def test_the_same_answers_scored_by_v2_keys_would_differ(tmp_path: Path, clock: FixedClock) -> None:
    """The check above can fail: v1's answers keyed by v2 do not give v1's scores (most of v2's
    items are not in v1, so its areas would be missing or different)."""
    from trustcheck.core.scoring import week_scores
    from trustcheck.services.packs import weekly_pack

    alex = Profile(1, "Alex", 0)
    by_v2 = week_scores(
        weekly_pack(),
        1,
        MON,
        [Answer(1, "weekly", 2, a.item_id, value=a.value) for a in answers(v1(), alex, raw=7)],
    )
    assert by_v2.areas["security"] != 25.0 and by_v2.areas["communication"] != 75.0


@pytest.fixture
def upgraded(tmp_path: Path, clock: FixedClock) -> Services:
    """Eight ordinary weeks under v1, then four under v2 whose scores sit far above them."""
    data = tmp_path / "data"
    old = open_with(data, clock, v1())
    (alex, sam) = old.profiles.setup(["Alex", "Sam"])
    for k in range(8):
        level = 3 + k % 2
        for_both = [
            *answers(v1(), alex, keyed=dict.fromkeys(AREAS, level)),
            *answers(v1(), sam, keyed=dict.fromkeys(AREAS, level)),
        ]
        write_checkin(old, MON - dt.timedelta(weeks=11 - k), for_both)
    old.close()
    services = open_with(data, clock)
    for k in range(4):
        for_both = [
            *answers(services.pack, alex, keyed=dict.fromkeys(AREAS, 7)),
            *answers(services.pack, sam, keyed=dict.fromkeys(AREAS, 7)),
        ]
        write_checkin(services, MON - dt.timedelta(weeks=3 - k), for_both)
    return services


def test_a_change_of_questions_is_noted_once_and_not_read_as_a_change_in_trust(
    upgraded: Services,
) -> None:
    try:
        report = rawdb.new_trends(upgraded).report()
        changed = MON - dt.timedelta(weeks=3)
        note = TRENDS_QUESTIONS_CHANGED.format(date=day_label(changed))
        assert report.notes.count(note) == 1  # both partners changed that week: one note
        assert "The questions changed in the week of 26 October 2026" in note
        assert report.changes == ()
        for person in report.persons:
            for area in AREAS:
                verdict = person.verdicts[area]
                assert (verdict.verdict, verdict.reason, verdict.n_baseline) == (
                    "unknown",
                    "too_few",
                    0,
                )
    finally:
        upgraded.close()


def test_without_the_version_change_the_same_scores_would_be_a_rise(
    tmp_path: Path, clock: FixedClock
) -> None:
    """The restart is what keeps the jump quiet: the same scores under one version are a rise."""
    services = open_with(tmp_path / "data", clock)
    try:
        (alex,) = services.profiles.setup(["Alex"])
        for k in range(12):
            level = 7 if k >= 8 else 3 + k % 2
            rows = answers(services.pack, alex, keyed=dict.fromkeys(AREAS, level))
            write_checkin(services, MON - dt.timedelta(weeks=11 - k), rows)
        report = rawdb.new_trends(services).report()
        assert {c.area for c in report.changes} == set(AREAS)
        assert not any(n.startswith("The questions changed") for n in report.notes)
    finally:
        services.close()


@pytest.mark.parametrize("last_week_version", [1, 2])
def test_the_reveal_compares_with_last_week_only_under_the_same_questions(
    tmp_path: Path, clock: FixedClock, last_week_version: int
) -> None:
    """Last week answered under version 1 is not set against this week's version-2 scores: the
    reveal shows no change rather than one the new questions made."""
    services = open_with(tmp_path / "data", clock)
    try:
        (alex,) = services.profiles.setup(["Alex"])
        last = v1() if last_week_version == 1 else services.pack
        write_checkin(services, MON - dt.timedelta(weeks=1), answers(last, alex, keyed={}))
        draft = services.checkins.start([alex.id])
        for item in services.pack.items:
            if item.kind is ItemKind.SCALE:
                services.checkins.save_answer(draft.id, alex.id, item.id, value=6)
        reveal = services.checkins.reveal(services.checkins.get(draft.id))
        before = [row.before[0] for row in reveal.rows]
        if last_week_version == 1:
            assert before == [None] * len(AREAS)
        else:
            assert before == [50.0] * len(AREAS)  # keyed 4 everywhere last week
    finally:
        services.close()


def test_v1_check_ins_answered_in_the_app_keep_their_keys_after_the_upgrade(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Answered through the check-in itself under v1 (its wording stored on first use), then
    read with v2 current: still v1's keys."""
    data = tmp_path / "data"
    old = open_with(data, clock, v1())
    try:
        (alex,) = old.profiles.setup(["Alex"])
        clock.advance(weeks=-3)
        for _ in range(2):
            draft = old.checkins.start([alex.id])
            for item in old.pack.items:
                if item.kind is ItemKind.SCALE:
                    old.checkins.save_answer(draft.id, alex.id, item.id, value=7)
            old.checkins.complete(old.checkins.get(draft.id))
            clock.advance(weeks=1)
    finally:
        old.close()
    services = open_with(data, clock)
    try:
        assert services.packs.stored_snapshot("weekly", 1) is not None
        person = rawdb.new_trends(services).report().persons[0]
        assert [p.value for p in person.areas["security"].points if p.value is not None] == [
            25.0,
            25.0,
        ]
        assert person.index.latest == 65.0
    finally:
        services.close()


def _summary(services: Services) -> str:
    from trustcheck.services.export import ExportRequest, ExportService

    data = ExportService(services).render(ExportRequest("md", weeks=12)).data
    assert isinstance(data, str)
    return " ".join(data.split())


def test_the_therapy_summary_does_not_headline_new_questions_as_a_rise(
    upgraded: Services, tmp_path: Path, clock: FixedClock
) -> None:
    """The summary's dated headline restarts its baseline at the change of questions and
    carries the trends' note; the same scores under one version do headline a rise."""
    try:
        text = _summary(upgraded)
        # Only 4 weeks under the new questions: too few to judge, and never "risen".
        assert "Too few check-ins yet to say whether trust has changed" in text
        assert "risen" not in text and "rose in" not in text
        assert "The questions changed in the week of 26 October 2026" in text
    finally:
        upgraded.close()
    same = open_with(tmp_path / "same", clock)
    try:
        alex, sam = same.profiles.setup(["Alex", "Sam"])
        for k in range(12):
            level = 7 if k >= 8 else 3 + k % 2
            rows = [
                *answers(same.pack, alex, keyed=dict.fromkeys(AREAS, level)),
                *answers(same.pack, sam, keyed=dict.fromkeys(AREAS, level)),
            ]
            write_checkin(same, MON - dt.timedelta(weeks=11 - k), rows)
        text = _summary(same)
        assert "stayed within its usual range" not in text
        assert "risen" in text or "rose" in text
    finally:
        same.close()
