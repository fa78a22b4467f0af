"""The summary lists the commitments themselves, with how each went, and counts "kept" exactly
as trends do; it names the statements the partners answered most differently (issue 14 §3)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

import rawdb
from trustcheck import messages
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import CommitmentState, ItemKind, Review, Voice
from trustcheck.export.model import KeptRow
from trustcheck.services import Services, open_services
from trustcheck.services.export import ExportRequest, ExportService
from trustcheck.services.importer import import_dump, parse_dump

from .conftest import History


def _text(history: History, fmt: str) -> str:
    data = ExportService(history.services).render(ExportRequest(fmt)).data
    if isinstance(data, bytes):
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return data


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_the_summary_lists_each_commitment_and_how_it_went(history: History, fmt: str) -> None:
    flat = " ".join(_text(history, fmt).split())
    assert messages.EXPORT_COMMITMENTS_RATED.split(";")[0] in flat
    # Made in weeks 0–2 and reviewed the week after; the last week's are not reviewed yet.
    assert "Alex to Sam: “Small step 0 by Alex” — " in flat
    assert "Sam to Alex: “Small step 0 by Sam” — " in flat
    assert "“Small step 3 by Alex” — not reviewed yet" in flat
    # The partner's view each one got is named, beside the maker's own (not said here).
    said = [w for w in ("Kept", "Partly") if f"by Alex” — Sam: {w} · Alex: not said" in flat]
    assert said


def test_kept_is_counted_with_the_same_credit_as_trends() -> None:
    """kept 1, partly ½, not yet 0: REVIEW_CREDIT, the one definition."""
    assert KeptRow("A", kept=1, partly=2, not_yet=1).share == pytest.approx(0.5)
    assert KeptRow("A", kept=0, partly=0, not_yet=0).share is None


def test_the_summary_and_trends_agree_on_commitments_kept(history: History) -> None:
    summary = ExportService(history.services).summary(ExportRequest("md", weeks=4))
    report = history.services.trends.report(weeks=4)
    for row, person in zip(summary.kept, report.persons, strict=True):
        kept = [p.value for p in person.commitments if p.value is not None]
        assert row.share == pytest.approx(kept[-1]), (row, kept)


def test_review_credit_is_what_the_kept_share_uses() -> None:
    from trustcheck.core.models import REVIEW_CREDIT

    assert REVIEW_CREDIT == {Review.KEPT: 1.0, Review.PARTLY: 0.5, Review.NOT_YET: 0.0}


def test_the_statements_answered_most_differently_lead_with_the_largest_gap(
    fresh: Services, clock: FixedClock
) -> None:
    """Issue 14: the items where the partners differ most, with each one's mean."""
    alex, sam = fresh.profiles.setup(["Alex", "Sam"])
    apart = {"comm.heard": (7, 1), "rel.word": (6, 3)}
    clock.advance(weeks=-2)
    for _ in range(2):
        checkin = fresh.checkins.start([alex.id, sam.id])
        for person, side in ((alex, 0), (sam, 1)):
            for item in fresh.pack.items:
                if item.kind is ItemKind.SCALE:
                    value = apart.get(item.id, (4, 4))[side]
                    fresh.checkins.save_answer(checkin.id, person.id, item.id, value=value)
                elif item.kind is ItemKind.RATING:
                    fresh.checkins.save_answer(checkin.id, person.id, item.id, value=6)
        fresh.checkins.complete(checkin)
        clock.advance(weeks=1)
    md = ExportService(fresh).render(ExportRequest("md")).data
    assert isinstance(md, str)
    section = md.split(messages.EXPORT_ITEM_GAPS_TITLE)[1].split("##")[0]
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    heard = fresh.pack.item("comm.heard").text
    count = fresh.pack.item("rel.word").text
    assert len(lines) == 2  # the statements answered alike are not listed
    assert heard in lines[0] and "Alex 7.0 and Sam 1.0 out of 7, 6.0 apart" in lines[0]
    assert count in lines[1] and "3.0 apart" in lines[1]


def test_a_long_period_lists_the_latest_commitments_and_counts_the_earlier_ones(
    fresh: Services,
) -> None:
    """Ten years stay readable in two minutes: the latest 24 commitments, and how many more."""
    from trustcheck.services.demo import seed_demo
    from trustcheck.services.summary import COMMITMENTS_SHOWN

    seed_demo(fresh, weeks=40)
    summary = ExportService(fresh).summary(ExportRequest("md", weeks=40))
    assert len(summary.commitments) == COMMITMENTS_SHOWN
    assert summary.earlier_commitments > 0
    assert summary.commitments[-1].week >= summary.commitments[0].week  # the latest, in order
    rows = (
        rawdb.database(fresh)
        .conn.execute(
            "SELECT c.week, m.text FROM commitments m JOIN checkins c ON c.id = m.checkin_id "
            "WHERE c.status = 'completed' ORDER BY c.week, m.id"
        )
        .fetchall()
    )
    assert summary.earlier_commitments == len(rows) - COMMITMENTS_SHOWN
    assert [c.text for c in summary.commitments] == [t for _, t in rows[-COMMITMENTS_SHOWN:]]
    md = ExportService(fresh).render(ExportRequest("md", weeks=40)).data
    assert f"and {summary.earlier_commitments} earlier commitments" in str(md)


def _two_weeks_that_follow_through(fresh: Services, clock: FixedClock) -> dict[str, int]:
    """Week one: four commitments. Week two: one looked back on in two voices and kept going
    in new words, one let go of, one in the partner's voice only, one not looked back on."""
    alex, sam = fresh.profiles.setup(["Alex", "Sam"])
    checkins = fresh.checkins
    clock.advance(weeks=-2)

    def answered(checkin_id: int) -> None:
        for person in (alex, sam):
            for item in fresh.pack.items:
                if item.kind in (ItemKind.SCALE, ItemKind.RATING):
                    checkins.save_answer(checkin_id, person.id, item.id, value=5)

    first = checkins.start([alex.id, sam.id])
    answered(first.id)
    made = {
        text: checkins.add_commitment(first, owner.id, text).id
        for owner, text in (
            (alex, "Text when late"),
            (alex, "Run every morning"),
            (sam, "Cook on Thursday"),
            (sam, "Call my sister"),
        )
    }
    checkins.complete(first)
    clock.advance(weeks=1)
    second = checkins.start([alex.id, sam.id])
    answered(second.id)
    checkins.review(second, made["Text when late"], Review.PARTLY, Voice.PARTNER)
    checkins.review(second, made["Text when late"], Review.KEPT, Voice.OWN)
    checkins.keep_going(second, made["Text when late"], "Text if over ten minutes late")
    checkins.let_go(second, made["Run every morning"])
    checkins.review(second, made["Cook on Thursday"], Review.KEPT, Voice.PARTNER)
    checkins.complete(second)
    clock.advance(weeks=1)
    return made


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_the_summary_lists_both_voices_and_what_carried_on_or_was_let_go(
    fresh: Services, clock: FixedClock, fmt: str
) -> None:
    """Promise: the therapy summary lists the commitments themselves: the words, who to whom,
    the week, how it went in both voices, and kept for another week (in which words) or let go."""
    _two_weeks_that_follow_through(fresh, clock)
    data = ExportService(fresh).render(ExportRequest(fmt)).data
    if isinstance(data, bytes):
        data = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    flat = " ".join(data.split())
    if fmt == "html":
        flat = flat.replace("&ldquo;", "“").replace("&rdquo;", "”").replace("&#x27;", "'")
    for line in (
        "Alex to Sam: “Text when late” — Sam: Partly · Alex: Kept · kept for another week as "
        "“Text if over ten minutes late”",
        "Alex to Sam: “Run every morning” — let go",
        "Sam to Alex: “Cook on Thursday” — Alex: Kept · Sam: not said",
        "Sam to Alex: “Call my sister” — not reviewed yet",
        "Alex to Sam: “Text if over ten minutes late” — not reviewed yet",
    ):
        assert line in flat, line
    assert "week of 23 Nov 2026" in flat or "week of 16 Nov 2026" in flat


def test_a_look_back_in_a_week_ended_early_is_in_no_summary(history: History) -> None:
    """A week ended early counts for nothing: how a commitment went, said only there, is not
    in the summary's list nor in its kept counts; the commitment is still "not reviewed yet"."""
    services = history.services
    before = ExportService(services).summary(ExportRequest("md"))
    checkins = services.checkins
    draft = checkins.start([p.id for p in history.people])
    [promise] = [c for c in checkins.to_review(draft) if c.text == "Small step 3 by Alex"]
    checkins.review(draft, promise.id, Review.KEPT)
    checkins.review(draft, promise.id, Review.KEPT, Voice.OWN)
    checkins.end_for_this_week(draft)
    after = ExportService(services).summary(ExportRequest("md"))
    assert after.kept == before.kept and after.commitments == before.commitments
    flat = " ".join(_text(history, "md").split())
    assert "“Small step 3 by Alex” — not reviewed yet" in flat


def test_the_json_export_keeps_both_voices_and_the_links_and_imports_them_back(
    fresh: Services, clock: FixedClock, tmp_path: Path
) -> None:
    """The JSON export holds every commitment with both voices, what it carries on from and
    where it was let go; import gives back the same outcomes."""
    made = _two_weeks_that_follow_through(fresh, clock)
    data = ExportService(fresh).render(ExportRequest("json")).data
    assert isinstance(data, str)
    rows = {m["text"]: m for m in json.loads(data)["commitments"]}
    assert (rows["Text when late"]["review"], rows["Text when late"]["own_review"]) == (
        "partly",
        "kept",
    )
    assert rows["Text if over ten minutes late"]["carried_from"] == made["Text when late"]
    assert rows["Run every morning"]["dropped_in"] is not None
    assert rows["Call my sister"]["review"] is None and rows["Call my sister"]["dropped_in"] is None

    copy = open_services(tmp_path / "copy", clock, weak_kdf=True)
    try:
        import_dump(copy, parse_dump(data, "all.json", copy.pack))
        before = [
            (o.commitment.text, o.partner_view, o.own_view, o.state, o.new_words)
            for o in fresh.commitments.outcomes(
                [(dt.date(2026, 1, 1), c) for c in rawdb.commitments(fresh).all()]
            )
        ]
        after = [
            (o.commitment.text, o.partner_view, o.own_view, o.state, o.new_words)
            for o in copy.commitments.outcomes(
                [(dt.date(2026, 1, 1), c) for c in rawdb.commitments(copy).all()]
            )
        ]
        assert after == before
        assert CommitmentState.CARRIED in {s for *_x, s, _w in after}
    finally:
        copy.close()


def test_the_csv_has_a_row_for_each_commitment_with_both_voices(
    fresh: Services, clock: FixedClock
) -> None:
    """The CSV lists the commitments too (area ``commitment``, no score): who to whom, the
    words, both voices, and kept for another week or let go."""
    _two_weeks_that_follow_through(fresh, clock)
    data = ExportService(fresh).render(ExportRequest("csv")).data
    assert isinstance(data, str)
    rows = [r for r in csv.DictReader(io.StringIO(data)) if r["area"] == "commitment"]
    got = {
        r["commitment"]: (r["person"], r["to"], r["partner_view"], r["own_view"], r["then"])
        for r in rows
    }
    assert got == {
        "Text when late": ("Alex", "Sam", "partly", "kept", "kept for another week"),
        "Run every morning": ("Alex", "Sam", "", "", "let go"),
        "Cook on Thursday": ("Sam", "Alex", "kept", "", ""),
        "Call my sister": ("Sam", "Alex", "", "", ""),
        "Text if over ten minutes late": ("Alex", "Sam", "", "", ""),
    }
    assert all(r["score"] == r["scale"] == "" for r in rows)
    assert {r["week"] for r in rows} == {"2026-11-09", "2026-11-16"}


def test_a_commitments_words_never_run_as_a_formula_in_the_csv() -> None:
    from trustcheck.export.model import CommitmentLine, CommitmentRow
    from trustcheck.export.spreadsheet import render

    line = CommitmentLine(dt.date(2026, 11, 16), "=Alex", "@Sam", "=HYPERLINK(\"x\")", None)
    [_header, row] = list(csv.reader(io.StringIO(render([CommitmentRow(line)]))))
    assert row[1] == "'=Alex" and row[5] == "'@Sam" and row[6] == "'=HYPERLINK(\"x\")"


def test_a_json_export_from_before_two_voices_still_imports(
    fresh: Services, clock: FixedClock, tmp_path: Path
) -> None:
    """A file written before issue 17 §3 has no own_review, carried_from or dropped_in: it
    imports, each review the partner's voice as it always was."""
    _two_weeks_that_follow_through(fresh, clock)
    exported = json.loads(str(ExportService(fresh).render(ExportRequest("json")).data))
    exported["commitments"] = [
        {k: v for k, v in m.items() if k not in ("own_review", "carried_from", "dropped_in")}
        for m in exported["commitments"]
        if m["carried_from"] is None
    ]
    for m in exported["commitments"]:
        if m["review"] is None:
            m["reviewed_in"] = m["reviewed_at"] = None
    copy = open_services(tmp_path / "copy", clock, weak_kdf=True)
    try:
        import_dump(copy, parse_dump(json.dumps(exported), "old.json", copy.pack))
        views = {c.text: (c.review, c.own_review) for c in rawdb.commitments(copy).all()}
        assert views["Text when late"] == (Review.PARTLY, None)
        assert views["Cook on Thursday"] == (Review.KEPT, None)
    finally:
        copy.close()
