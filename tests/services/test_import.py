"""Import: a JSON export into an empty data folder, validated first, all or nothing."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import rawdb
from trustcheck.core.clock import FixedClock, week_start
from trustcheck.core.models import Answer, CommitmentState, ItemKind, Review, Visibility
from trustcheck.services import Services, open_services
from trustcheck.services.export import ExportRequest, ExportService
from trustcheck.services.importer import ImportFileError, import_dump, parse_dump, read_dump

NOW = dt.datetime(2026, 11, 25, 19, 30, tzinfo=dt.UTC)


def seed(services: Services, weeks: int = 3) -> None:
    people = services.profiles.setup(["Alex", "Sam"])
    pack = services.pack
    ids = [p.id for p in people]
    first = None
    for w in range(weeks):
        week = week_start(NOW.date()) - dt.timedelta(weeks=weeks - w)
        when = dt.datetime.combine(week, dt.time(20), tzinfo=dt.UTC)
        answers = [
            Answer(pid, pack.id, pack.version, item.id, value=4 + k)
            if item.kind is not ItemKind.TEXT
            else Answer(
                pid, pack.id, pack.version, item.id, text=f"note {w}", visibility=Visibility.THERAPY
            )
            for k, pid in enumerate(ids)
            for item in pack.items
        ]
        cid = rawdb.checkins(services).insert_completed(week, ids, when, when, answers)
        if first is None:
            first = cid
            made = rawdb.commitments(services).add(cid, ids[0], ids[1], "Text me", when)
        else:
            rawdb.commitments(services).review(made.id, Review.KEPT, cid, when)


@pytest.fixture
def exported(services: Services) -> dict[str, Any]:
    seed(services)
    data = ExportService(services).render(ExportRequest("json")).data
    assert isinstance(data, str)
    return dict(json.loads(data))


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Services]:
    svc = open_services(tmp_path / "empty", FixedClock(NOW))
    yield svc
    svc.close()


def test_import_into_an_empty_folder(exported: dict[str, Any], empty: Services) -> None:
    result = import_dump(empty, parse_dump(json.dumps(exported), "x.json", empty.pack))
    assert (result.profiles, result.checkins, result.commitments) == (2, 3, 1)
    again = json.loads(str(ExportService(empty).render(ExportRequest("json")).data))
    exported.pop("exported_at"), again.pop("exported_at")
    assert again == exported
    assert empty.trends.report().checkins == 3


def test_an_older_file_imports_without_the_decisions_of_a_week_ended_early(
    exported: dict[str, Any], empty: Services
) -> None:
    """A file from before a week ended early undid its decisions still holds them: it imports,
    and the look back (both voices) and the letting go given in that week are not kept, so the
    commitment comes back unanswered, as an upgraded database has it (schema V13)."""
    ended = exported["checkins"][2]
    ended.update(status="abandoned", completed_at=None)
    [made] = exported["commitments"]
    assert made["reviewed_in"] == ended["id"] and made["review"] == "kept"
    made["own_review"] = "partly"
    later = dict(made, id=made["id"] + 1, text="Call on Sundays", review=None, reviewed_in=None)
    later.update(reviewed_at=None, own_review=None, dropped_in=ended["id"])
    exported["commitments"].append(later)
    result = import_dump(empty, parse_dump(json.dumps(exported), "old.json", empty.pack))
    assert (result.checkins, result.commitments) == (3, 2)
    again = json.loads(str(ExportService(empty).render(ExportRequest("json")).data))
    assert [c["status"] for c in again["checkins"]] == ["completed", "completed", "abandoned"]
    for row in again["commitments"]:
        assert (row["review"], row["own_review"], row["reviewed_in"], row["reviewed_at"]) == (
            None,
            None,
            None,
            None,
        )
        assert row["dropped_in"] is None
    outcomes = empty.commitments.made_in(made["checkin_id"])
    assert [(o.commitment.text, o.state) for o in outcomes] == [
        ("Text me", CommitmentState.OPEN),
        ("Call on Sundays", CommitmentState.OPEN),
    ]


def test_import_refuses_a_folder_with_data(exported: dict[str, Any], services: Services) -> None:
    before = ExportService(services).render(ExportRequest("json")).data
    with pytest.raises(ImportFileError, match="already holds data"):
        import_dump(services, parse_dump(json.dumps(exported), "x.json"))
    assert ExportService(services).render(ExportRequest("json")).data == before


Change = Callable[[dict[str, Any]], object]
MALFORMED: dict[str, tuple[Change | str, str]] = {
    "bad json": ('{"format": "trustcheck-export", ', "not valid JSON"),
    "not an object": ("[1, 2]", "expected an object"),
    "wrong format_version": (lambda d: d.update(format_version=99), "format_version 99"),
    "missing key": (lambda d: d.pop("checkins"), "missing 'checkins'"),
    "wrong type": (
        lambda d: d["checkins"][1]["answers"][2].update(value="five"),
        "checkins[1].answers[2].value: expected a whole number",
    ),
    "unknown area": (
        lambda d: d["checkins"][0]["answers"][0].update(area="astrology"),
        "checkins[0].answers[0].area: unknown area 'astrology'",
    ),
    "value out of range": (
        lambda d: d["checkins"][0]["answers"][0].update(value=9),
        "checkins[0].answers[0].value: 9 is out of range",
    ),
    "dangling reference": (
        lambda d: d["commitments"][0].update(owner_id=77),
        "commitments[0].owner_id: no profile with id 77",
    ),
    "answer by someone who did not take part": (
        lambda d: d["checkins"][0].update(participants=d["checkins"][0]["participants"][:1]),
        "did not take part in it",
    ),
    "an id SQLite cannot store": (
        lambda d: d["checkins"][0].update(id=2**63),
        "checkins[0].id: too large a number",
    ),
    "a participant id SQLite cannot store": (
        lambda d: d["checkins"][0].update(participants=[2**64]),
        "checkins[0].participants",
    ),
    "a check-in on one's own at the second turn": (
        lambda d: d["checkins"][0].update(
            participants=d["checkins"][0]["participants"][:1],
            step="answer_b",
            answers=[
                a
                for a in d["checkins"][0]["answers"]
                if a["profile_id"] == d["checkins"][0]["participants"][0]
            ],
        ),
        "checkins[0].step: answer_b needs two people, not one",
    ),
    "duplicate id": (
        lambda d: d["checkins"][1].update(id=d["checkins"][0]["id"]),
        "checkins[1].id",
    ),
    "private text in the open": (
        lambda d: d["checkins"][0]["answers"][-1].update(visibility="private"),
        "a private answer's text belongs in",
    ),
    "unexpected key": (lambda d: d["profiles"][0].update(colour="red"), "unexpected key 'colour'"),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_files_change_nothing(
    case: str, exported: dict[str, Any], empty: Services, tmp_path: Path
) -> None:
    change, expected = MALFORMED[case]
    if isinstance(change, str):
        text = change
    else:
        data = copy.deepcopy(exported)
        change(data)
        text = json.dumps(data)
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        read_dump(path, empty.pack)
    message = str(caught.value)
    assert "\n" not in message
    assert expected in message, message
    assert message.endswith("nothing was imported")
    assert rawdb.database(empty).is_empty()


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="cannot read"):
        read_dump(tmp_path / "missing.json")
    (tmp_path / "latin1.json").write_bytes(b"\xff\xfe{}")
    with pytest.raises(ImportFileError, match="not UTF-8"):
        read_dump(tmp_path / "latin1.json")
