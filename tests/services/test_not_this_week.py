""" "Didn't come up this week" (issue 14 §2): a conditional statement ("When I raised something
hard, …") can be answered so; it is stored apart from a skip, and a quiet week is not a missing
area."""

from __future__ import annotations

import json

import pytest

import rawdb
from trustcheck.core import scoring
from trustcheck.core.models import AREAS, ItemKind, Profile
from trustcheck.services import Services
from trustcheck.services.checkin import CheckinError
from trustcheck.services.export import ExportRequest, ExportService
from trustcheck.transfer.reader import from_json

CONDITIONAL = ("comm.fight", "comm.quiet", "comm.repair", "close.reach")


def test_the_weekly_pack_marks_its_when_statements_conditional(svc: Services) -> None:
    marked = {i.id for i in svc.pack.items if i.conditional}
    assert marked == set(CONDITIONAL)
    assert all(svc.pack.item(i).kind is ItemKind.SCALE for i in marked)


def test_it_is_stored_apart_from_a_skip_and_only_for_a_conditional_statement(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex = couple[0]
    checkin = svc.checkins.start([p.id for p in couple])
    saved = svc.checkins.save_answer(checkin.id, alex.id, "comm.fight", not_this_week=True)
    assert (saved.not_this_week, saved.skipped, saved.value) == (True, False, None)
    [stored] = [a for a in rawdb.answers(svc).for_checkin(checkin.id) if a.item_id == "comm.fight"]
    assert stored.not_this_week and not stored.skipped
    with pytest.raises(CheckinError, match="didn't come up"):
        svc.checkins.save_answer(checkin.id, alex.id, "comm.heard", not_this_week=True)


def _week(svc: Services, couple: tuple[Profile, Profile], quiet: bool) -> None:
    checkin = svc.checkins.start([p.id for p in couple])
    for person in couple:
        for item in svc.pack.items:
            if item.kind is ItemKind.SCALE:
                if item.id in ("comm.fight", "comm.quiet"):
                    if quiet:
                        svc.checkins.save_answer(checkin.id, person.id, item.id, not_this_week=True)
                    else:
                        svc.checkins.save_answer(checkin.id, person.id, item.id, skipped=True)
                    continue
                svc.checkins.save_answer(checkin.id, person.id, item.id, value=5)
            elif item.kind is ItemKind.RATING:
                svc.checkins.save_answer(checkin.id, person.id, item.id, value=7)
    svc.checkins.complete(checkin)


@pytest.mark.parametrize("quiet", [True, False])
def test_a_quiet_week_is_not_a_missing_area(
    svc: Services, couple: tuple[Profile, Profile], quiet: bool
) -> None:
    """Two of communication's six statements didn't come up: the area is scored from the other
    four. Skipping the same two leaves 4 of 6 (under 75 %): the area is missing that week."""
    _week(svc, couple, quiet)
    alex = svc.trends.report().persons[0]
    communication = alex.areas["communication"].latest
    if quiet:
        assert communication is not None
        assert alex.index.latest is not None  # all five areas: a trust index
    else:
        assert communication is None
        assert alex.index.latest is None


def test_the_area_score_leaves_such_statements_out_of_the_count() -> None:
    na = scoring.NOT_THIS_WEEK
    assert scoring.keyed_area_score([7.0, 7.0, 7.0, na]) == 100.0
    assert scoring.keyed_area_score([7.0, None, na, na]) is None  # 1 of the 2 that applied
    assert scoring.keyed_area_score([na, na]) is None
    assert scoring.keyed_area_score([4.0, 4.0, 4.0, None]) == 50.0  # a skip still counts


def test_it_survives_a_json_export_and_import(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    _week(svc, couple, quiet=True)
    text = str(ExportService(svc).render(ExportRequest("json")).data)
    answers = [a for c in json.loads(text)["checkins"] for a in c["answers"]]
    quiet = [a for a in answers if a["not_this_week"]]
    assert {a["item_id"] for a in quiet} == {"comm.fight", "comm.quiet"}
    assert all(a["value"] is None and not a["skipped"] for a in quiet)
    dump = from_json(text)
    assert sum(a.not_this_week for c in dump.checkins for a in c.answers) == 4
    # An export from before the field existed still reads (the key is optional).
    older = json.loads(text)
    for c in older["checkins"]:
        for a in c["answers"]:
            del a["not_this_week"]
    assert not any(
        a.not_this_week for c in from_json(json.dumps(older)).checkins for a in c.answers
    )


def test_areas_are_all_still_scored_on_a_quiet_week(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    _week(svc, couple, quiet=True)
    alex = svc.trends.report().persons[0]
    assert all(alex.areas[a].latest is not None for a in AREAS)
