"""The summary lists the commitments themselves, with how each went, and counts "kept" exactly
as trends do (issue 14 §3)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from trustcheck import messages
from trustcheck.core.models import Review
from trustcheck.export.model import KeptRow
from trustcheck.services.export import ExportRequest, ExportService

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
    reviewed = [w for w in ("Kept", "Partly") if f"by Alex” — {w}" in flat]
    assert reviewed  # the review each one got is named


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
