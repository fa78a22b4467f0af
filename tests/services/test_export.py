"""Export assembly: the period, the summary's figures, the score table and refusals."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from trustcheck.core.clock import FixedClock
from trustcheck.services import Services, open_services
from trustcheck.services.demo import seed_demo
from trustcheck.services.export import ExportError, ExportRequest, ExportService

NOW = dt.datetime(2026, 11, 25, 19, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "data"
    svc = open_services(folder, FixedClock(NOW))
    try:
        seed_demo(svc, weeks=30)
    finally:
        svc.close()
    return folder


@pytest.fixture
def demo(demo_dir: Path) -> Iterator[Services]:
    svc = open_services(demo_dir, FixedClock(NOW))
    yield svc
    svc.close()


def test_summary_figures(demo: Services) -> None:
    s = ExportService(demo).summary(ExportRequest("md"))
    assert s.names == ("Alex", "Sam")
    assert s.weeks == 12 and s.checkins == 12
    assert s.period.startswith("31 Aug 2026 – 22 Nov 2026")
    assert [a.area for a in s.areas] == [
        "communication",
        "security",
        "closeness",
        "reliability",
        "openness",
    ]
    assert all(len(p.index) == 12 for p in s.persons)
    assert len(s.gaps) == 3 and s.gaps[0].gap >= s.gaps[-1].gap
    assert sum(k.reviewed for k in s.kept) > 0
    assert s.topics and all(t.text for t in s.topics)
    assert s.notes is None and s.private is None
    assert "26 weeks before" in s.method and "3% level" in s.method  # the method, named
    # Arrows only for the changes the method calls real, one per change sentence.
    arrows = sum(1 for a in s.areas for m in a.marks if m)
    assert arrows == len(s.changes)


def test_since_picks_the_weeks(demo: Services) -> None:
    service = ExportService(demo)
    s = service.summary(ExportRequest("md", since=dt.date(2026, 11, 4)))
    assert s.start == dt.date(2026, 11, 2) and s.weeks == 3
    with pytest.raises(ExportError, match="after the last check-in"):
        service.summary(ExportRequest("md", since=dt.date(2027, 1, 1)))
    with pytest.raises(ExportError, match="either --weeks or --since"):
        service.summary(ExportRequest("md", weeks=3, since=dt.date(2026, 11, 4)))


def test_json_always_holds_everything(demo: Services) -> None:
    with pytest.raises(ExportError, match="always holds everything"):
        ExportService(demo).render(ExportRequest("json", weeks=4))
    with pytest.raises(ExportError, match="no export format 'docx'"):
        ExportService(demo).render(ExportRequest("docx"))


def test_csv_one_row_per_person_week_and_area(demo: Services) -> None:
    data = ExportService(demo).render(ExportRequest("csv", weeks=4)).data
    assert isinstance(data, str)
    everything = list(csv.DictReader(io.StringIO(data)))
    rows = [r for r in everything if r["area"] != "commitment"]  # the commitments follow
    assert everything[: len(rows)] == rows
    assert len(rows) == 4 * 2 * 7
    keys = {(r["week"], r["person"], r["area"]) for r in rows}
    assert len(keys) == len(rows)
    assert {r["area"] for r in rows} >= {"communication", "trust_index", "overall"}
    assert all(r["score"] == "" or 0 <= float(r["score"]) <= 100 for r in rows)


def test_a_period_without_check_ins_says_so_instead_of_a_page_of_none(
    services: Services,
) -> None:
    """Issue 14: a summary or table of a period with no completed check-in is refused with one
    line; the JSON export (all data) still works on an empty folder."""
    for fmt in ("md", "html", "pdf", "csv"):
        with pytest.raises(ExportError, match="no check-in was completed in the chosen period"):
            ExportService(services).render(ExportRequest(fmt))
    assert ExportService(services).render(ExportRequest("json")).data


@pytest.mark.parametrize(
    ("values", "ends"),
    [
        ([], (None, None)),
        ([None, None], (None, None)),
        ([40.0], (40.0, 40.0)),
        ([40.0, 80.0], (40.0, 80.0)),
        ([10.0, None, 20.0, 30.0, 90.0], (15.0, 60.0)),  # 4 scores: 2 each side
        ([10.0, 20.0, 30.0, 99.0, 40.0, 50.0, 60.0], (20.0, 50.0)),  # 3 each side, 99 not in
    ],
)
def test_start_and_end_are_means_of_the_first_and_last_weeks(
    values: list[float | None], ends: tuple[float | None, float | None]
) -> None:
    """Issue 14: one unusual week does not decide a summary's start or end."""
    from trustcheck.core.stats import period_ends

    assert period_ends(values) == ends
