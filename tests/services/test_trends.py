"""TrendsService over real SQLite files: hand-built histories with known scores."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Mapping, Sequence

import pytest

import rawdb
from trustcheck.core.change import CHANGE_METHOD
from trustcheck.core.models import AREAS, OVERALL, Answer, ItemKind, Profile, Review, Voice
from trustcheck.core.scoring import week_scores
from trustcheck.core.trends import month_label
from trustcheck.messages import TRENDS_NO_CHECKINS, TRENDS_ONE_CHECKIN, TRENDS_SOLO
from trustcheck.services import Services
from trustcheck.services.demo import seed_demo
from trustcheck.services.trends import TrendsError, TrendsService

MON = dt.date(2026, 11, 16)  # last week, as the shared fixture clock (25 Nov 2026) sees it


def trends_of(services: Services) -> TrendsService:
    """A trends service with a cache of its own, wired as the app wires it."""
    return rawdb.new_trends(services)


def level_to_score(level: int) -> float:
    """Area score when every item of an area is answered at ``level`` (after keying)."""
    return 100.0 * (level - 1) / 6


def answers_for(
    services: Services,
    person: Profile,
    levels: Mapping[str, int | None],
    overall: int | None = 7,
    default: int = 4,
    per_item: Mapping[str, int] | None = None,
) -> list[Answer]:
    """Every rated item answered so that its *keyed* value is the area's level; None skips."""
    pack = services.pack
    out = []
    for item in pack.items:
        if item.kind is ItemKind.SCALE:
            level = (per_item or {}).get(item.id, levels.get(item.area, default))
            if level is None:
                out.append(Answer(person.id, pack.id, pack.version, item.id, skipped=True))
                continue
            value = 8 - level if item.reverse else level
            out.append(Answer(person.id, pack.id, pack.version, item.id, value=value))
        elif item.kind is ItemKind.RATING and overall is not None:
            out.append(Answer(person.id, pack.id, pack.version, item.id, value=overall))
    return out


def checkin(
    services: Services,
    week: dt.date,
    people: Sequence[Profile],
    levels: Sequence[Mapping[str, int | None]] | None = None,
    overall: Sequence[int | None] | None = None,
    per_item: Sequence[Mapping[str, int]] | None = None,
) -> int:
    when = dt.datetime.combine(week + dt.timedelta(days=6), dt.time(19), tzinfo=dt.UTC)
    answers: list[Answer] = []
    for i, person in enumerate(people):
        answers += answers_for(
            services,
            person,
            levels[i] if levels else {},
            overall[i] if overall else 7,
            per_item=per_item[i] if per_item else None,
        )
    return rawdb.checkins(services).insert_completed(
        week, [p.id for p in people], when, when + dt.timedelta(minutes=20), answers
    )


@pytest.fixture
def couple(services: Services) -> list[Profile]:
    return services.profiles.setup(["Alex", "Sam"])


def test_series_hold_the_hand_computed_scores(services: Services, couple: list[Profile]) -> None:
    weeks = [MON - dt.timedelta(weeks=2), MON - dt.timedelta(weeks=1), MON]
    for k, week in enumerate(weeks):
        checkin(
            services,
            week,
            couple,
            levels=[{"closeness": 4 + k}, {"communication": 7, "security": 1}],
            overall=[5 + k, 8],
        )
    report = trends_of(services).report()
    alex, sam = report.persons
    assert report.weeks == tuple(weeks)
    assert alex.areas["closeness"].values() == [level_to_score(4 + k) for k in range(3)]
    assert alex.areas["communication"].values() == [50.0, 50.0, 50.0]
    assert alex.index.values() == pytest.approx(
        [(4 * 50.0 + level_to_score(4 + k)) / 5 for k in range(3)]
    )
    assert sam.index.values() == pytest.approx([(100 + 0 + 50 * 3) / 5] * 3)
    assert alex.overall.values() == [5.0, 6.0, 7.0]
    assert alex.overall.latest == 7.0
    assert alex.overall.mean == 6.0
    # the couple view: mean and gap of the trust index, per week
    assert [c.gap for c in report.couple] == pytest.approx(
        [abs(a - b) for a, b in zip(alex.index.values(), sam.index.values(), strict=True)]  # type: ignore[operator]
    )
    assert report.gap is not None and report.gap.latest == pytest.approx(report.couple[-1].gap)
    # EWMA over the raw points: S1 = x1, S2 = 0.3·x2 + 0.7·S1
    trend = [p.value for p in alex.overall.trend]
    assert trend == pytest.approx([5.0, 0.3 * 6 + 0.7 * 5, 0.3 * 7 + 0.7 * (0.3 * 6 + 0.7 * 5)])
    assert alex.overall.slope == pytest.approx(1.0)  # Theil–Sen of 5, 6, 7 a week apart
    assert report.notes == ()


def test_scores_match_the_core_scoring(services: Services) -> None:
    seed_demo(services, weeks=30)
    trends = trends_of(services)
    history = trends.history()
    repo = rawdb.repos(services)
    answers = repo.answers.for_completed()
    for c in repo.checkins.completed():
        for person in history.persons:
            i = person.weeks.index(c.week)
            expected = week_scores(services.pack, person.profile.id, c.week, answers[c.id])
            assert {a: person.areas[a][i].value for a in AREAS} == expected.areas
            assert person.index[i].value == expected.trust_index
            assert person.overall[i].value == expected.overall


def test_missing_weeks_are_gaps_not_zeros(services: Services, couple: list[Profile]) -> None:
    for back in (3, 2, 0):
        checkin(services, MON - dt.timedelta(weeks=back), couple)
    report = trends_of(services).report()
    alex = report.persons[0]
    assert len(report.weeks) == 4
    assert alex.index.values() == [50.0, 50.0, None, 50.0]
    assert alex.index.trend[2].value is None
    assert report.couple[2].gap is None and report.couple[2].mean is None
    assert alex.checkins == 3


def test_a_partner_who_skips_an_area_leaves_a_gap_and_a_note(
    services: Services, couple: list[Profile]
) -> None:
    for back in (1, 0):
        checkin(services, MON - dt.timedelta(weeks=back), couple, levels=[{"security": None}, {}])
    report = trends_of(services).report()
    alex, sam = report.persons
    assert alex.areas["security"].values() == [None, None]
    assert alex.areas["security"].latest is None and alex.areas["security"].mean is None
    # All five areas or no index: never a four-area mean that jumps when the fifth is back.
    assert alex.index.values() == [None, None]
    assert sam.areas["security"].values() == [50.0, 50.0]
    assert "Alex skipped security in every check-in in this range." in report.notes


def test_commitments_kept_per_person_per_four_weeks(
    services: Services, couple: list[Profile]
) -> None:
    alex, sam = couple
    first = checkin(services, MON - dt.timedelta(weeks=1), couple)
    second = checkin(services, MON, couple)
    repo = rawdb.commitments(services)
    now = services.clock.now()
    kept = repo.add(first, alex.id, sam.id, "text when late", now)
    partly = repo.add(first, alex.id, sam.id, "walk after dinner", now)
    by_sam = repo.add(first, sam.id, alex.id, "say goodnight", now)
    repo.add(second, alex.id, sam.id, "not reviewed yet", now)
    repo.review(kept.id, Review.KEPT, second, now)
    repo.review(partly.id, Review.PARTLY, second, now)
    repo.review(by_sam.id, Review.NOT_YET, second, now)
    report = trends_of(services).report()
    a, s = report.persons
    assert [p.value for p in a.commitments] == [0.75]  # (1 + 0.5) / 2, made by Alex
    assert [p.value for p in s.commitments] == [0.0]
    assert a.commitments[0].week == MON - dt.timedelta(weeks=3)  # the block's first week


def test_the_history_holds_reviews_as_columns_the_collector_does_not_walk(
    services: Services, couple: list[Profile]
) -> None:
    """Issue 13 (fast by design): a person's reviewed commitments are kept as two columns of
    plain dates and strings (no object per review for every full collection to walk), and read
    back as the (review week, review) pairs they were, oldest first."""
    alex, sam = couple
    first = checkin(services, MON - dt.timedelta(weeks=5), couple)
    second = checkin(services, MON - dt.timedelta(weeks=1), couple)
    third = checkin(services, MON, couple)
    repo = rawdb.commitments(services)
    now = services.clock.now()
    late = repo.add(second, alex.id, sam.id, "text when late", now)
    early = repo.add(first, alex.id, sam.id, "walk after dinner", now)
    repo.review(late.id, Review.PARTLY, third, now)
    repo.review(early.id, Review.KEPT, second, now)
    reviews = trends_of(services).history().persons[0].reviews
    pairs = [(MON - dt.timedelta(weeks=1), Review.KEPT), (MON, Review.PARTLY)]
    assert list(reviews) == pairs and len(reviews) == 2
    assert reviews[1] == pairs[1] and list(reviews[:1]) == pairs[:1]
    assert all(isinstance(r, Review) for _w, r in reviews)
    gc.collect()  # a tuple of untracked items is untracked once the collector has seen it
    assert not gc.is_tracked(reviews.weeks) and not gc.is_tracked(reviews.kinds)


def test_commitments_kept_follow_the_partners_view_and_leave_out_those_let_go(
    services: Services, couple: list[Profile]
) -> None:
    """The documented rule (README, commitments): "kept" is the view of the person a commitment
    was made to; the maker's own view is shown beside it but not counted, and a commitment let
    go of is not counted at all (never a "not kept")."""
    alex, sam = couple
    first = checkin(services, MON - dt.timedelta(weeks=1), couple)
    second = checkin(services, MON, couple)
    repo = rawdb.commitments(services)
    now = services.clock.now()
    kept = repo.add(first, alex.id, sam.id, "text when late", now)
    let_go = repo.add(first, alex.id, sam.id, "run every morning", now)
    repo.review(kept.id, Review.KEPT, second, now)
    repo.review(kept.id, Review.NOT_YET, second, now, Voice.OWN)  # Alex is hard on himself
    repo.review(let_go.id, Review.NOT_YET, second, now)
    repo.drop(let_go.id, second)
    a, _s = trends_of(services).report().persons
    assert [p.value for p in a.commitments] == [1.0]


def _closeness_history(
    services: Services, couple: list[Profile], first: dt.date, n_base: int, n_high: int
) -> None:
    """Sam's closeness wobbles 3/4 for ``n_base`` weeks, then jumps to 7: a real rise."""
    for k in range(n_base + n_high):
        level = 7 if k >= n_base else 3 + k % 2
        checkin(
            services,
            first + dt.timedelta(weeks=k),
            couple,
            levels=[{}, {"closeness": level}],
        )


def test_a_real_rise_is_said_in_words(services: Services, couple: list[Profile]) -> None:
    _closeness_history(services, couple, dt.date(2026, 2, 2), n_base=6, n_high=4)
    report = trends_of(services).report()
    assert [c.sentence for c in report.changes] == [
        "Sam's closeness has risen in the last 4 weeks, since March: 100 on average, "
        "against a usual 42."
    ]
    change = report.changes[0]
    assert change.area == "closeness" and change.since == dt.date(2026, 3, 16)
    assert change.change.verdict == "rise"
    assert CHANGE_METHOD in report.method
    sam = report.persons[1]
    assert sam.verdicts["closeness"].verdict == "rise"
    assert sam.verdicts["security"].reason == "flat"  # the same answer every week


def test_fewer_than_the_minimum_check_ins_give_no_verdict_at_all(
    services: Services, couple: list[Profile]
) -> None:
    """Issue 14: five check-ins are too few for any verdict, even a "provisional" one."""
    _closeness_history(services, couple, dt.date(2026, 9, 7), n_base=4, n_high=1)
    report = trends_of(services).report()
    assert report.changes == ()
    verdict = report.persons[1].verdicts["closeness"]
    assert (verdict.verdict, verdict.reason) == ("unknown", "too_few")


def test_a_baseline_without_spread_says_there_is_not_enough_variation(
    services: Services, couple: list[Profile]
) -> None:
    for k in range(10):
        level = 7 if k >= 6 else 4
        checkin(
            services,
            dt.date(2026, 2, 2) + dt.timedelta(weeks=k),
            couple,
            levels=[{}, {"closeness": level}],
        )
    report = trends_of(services).report()
    assert report.changes == ()
    assert (
        "Sam's closeness did not vary in the weeks before, so there is not enough variation "
        "to judge a change." in report.notes
    )


def test_month_label_adds_the_year_when_not_this_year() -> None:
    today = dt.date(2026, 11, 25)
    assert month_label(dt.date(2026, 3, 2), today) == "March"
    assert month_label(dt.date(2025, 3, 3), today) == "March 2025"


def test_no_checkins_yet(services: Services, couple: list[Profile]) -> None:
    report = trends_of(services).report()
    assert report.notes == (TRENDS_NO_CHECKINS,)
    assert not report.has_trend and report.weeks == () and report.start is None
    assert all(p.index.points == () for p in report.persons)


def test_no_one_set_up(services: Services) -> None:
    report = trends_of(services).report()
    assert report.notes == (TRENDS_NO_CHECKINS,) and report.persons == ()


def test_one_checkin(services: Services, couple: list[Profile]) -> None:
    checkin(services, MON, couple)
    report = trends_of(services).report()
    assert report.notes[0] == TRENDS_ONE_CHECKIN
    assert report.notes[0].lower().startswith("one check-in so far: trends need at least two")
    assert report.checkins == 1 and not report.has_trend
    assert report.persons[0].index.slope is None


def test_solo_mode_has_no_gap(services: Services) -> None:
    (alex,) = services.profiles.setup(["Alex"])
    for back in (1, 0):
        checkin(services, MON - dt.timedelta(weeks=back), [alex])
    report = trends_of(services).report()
    assert report.solo and TRENDS_SOLO in report.notes
    assert report.couple == () and report.gap is None
    assert report.persons[0].index.values() == [50.0, 50.0]


def test_a_year_long_pause_gets_a_sentence(services: Services, couple: list[Profile]) -> None:
    for week in (dt.date(2025, 6, 2), dt.date(2025, 6, 9), dt.date(2026, 6, 1)):
        checkin(services, week, couple)
    checkin(services, MON, couple)
    report = trends_of(services).report()
    assert (
        "No check-ins between June 2025 and June 2026; the trend line starts afresh after it."
        in report.notes
    )
    alex = report.persons[0]
    assert alex.index.values().count(None) == len(report.weeks) - 4
    # the trend line restarts after the pause rather than carrying 2025 into 2026
    assert alex.index.trend[-1].value == pytest.approx(50.0)


def test_weeks_range_filter(services: Services, couple: list[Profile]) -> None:
    for back in range(10):
        checkin(services, MON - dt.timedelta(weeks=back), couple, overall=[back % 10, 5])
    trends = trends_of(services)
    report = trends.report(weeks=4)
    assert report.weeks == tuple(MON - dt.timedelta(weeks=k) for k in (3, 2, 1, 0))
    assert report.checkins == 4 and report.requested_weeks == 4
    assert report.persons[0].overall.values() == [3.0, 2.0, 1.0, 0.0]
    assert len(trends.report().weeks) == 10
    assert len(trends.report(weeks=100).weeks) == 10  # never before the first check-in
    with pytest.raises(TrendsError):
        trends.report(weeks=0)


def test_a_range_without_checkins(services: Services, couple: list[Profile]) -> None:
    checkin(services, dt.date(2025, 3, 3), couple)
    checkin(services, dt.date(2025, 3, 10), couple)
    report = trends_of(services).report(weeks=8)
    assert report.checkins == 0 and not report.has_trend
    assert report.notes[0] == "No check-ins in the last 8 weeks; the latest was in March 2025."


def test_area_filter(services: Services, couple: list[Profile]) -> None:
    _closeness_history(services, couple, dt.date(2026, 2, 2), n_base=6, n_high=4)
    trends = trends_of(services)
    report = trends.report(area="closeness")
    assert list(report.persons[1].areas) == ["closeness"] and report.area == "closeness"
    assert len(report.changes) == 1
    assert trends.report(area="security").changes == ()
    with pytest.raises(TrendsError, match="no area called"):
        trends.report(area="romance")
    with pytest.raises(TrendsError):
        trends.report(area=OVERALL)


def test_ten_years_of_demo_data(services: Services) -> None:
    seed_demo(services, weeks=520)
    report = trends_of(services).report()
    assert [len(p.index.points) for p in report.persons] == [520, 520]
    assert [p.checkins for p in report.persons] == [520, 520]
    assert len(report.couple) == 520 and report.notes == ()
    assert all(p.index.slope is not None for p in report.persons)
    assert all(len(p.commitments) >= 129 for p in report.persons)
