"""The summary's dated headline names rises and falls in words (issue 14 §3)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from trustcheck import messages
from trustcheck.core.change import Episode
from trustcheck.export.headline import headline, span
from trustcheck.services import Services
from trustcheck.services.demo import seed_demo
from trustcheck.services.export import ExportRequest, ExportService

SEP = dt.date(2026, 9, 7)
OCT = dt.date(2026, 10, 19)
NOV = dt.date(2026, 11, 2)


def test_no_episode_says_the_index_stayed_in_its_usual_range() -> None:
    assert headline([], "Your shared trust index", 12, 2026) == (
        "Your shared trust index stayed within its usual range over these 12 weeks."
    )


def test_a_fall_then_a_recovery_is_dated() -> None:
    eps = [Episode("fall", SEP, OCT, False), Episode("rise", NOV, NOV, True)]
    assert headline(eps, "Your shared trust index", 12, 2026) == (
        "Your shared trust index fell in Sep–Oct, then has recovered since Nov."
    )


def test_a_fall_that_ended_says_since_when_it_is_back() -> None:
    assert headline([Episode("fall", SEP, OCT, False)], "Sam's trust index", 12, 2026) == (
        "Sam's trust index fell in Sep–Oct, and has been back within its usual range since Oct."
    )


def test_ongoing_falls_and_rises() -> None:
    assert headline([Episode("fall", OCT, NOV, True)], "X", 8, 2026) == "X has fallen since Oct."
    assert headline([Episode("rise", OCT, NOV, True)], "X", 8, 2026) == "X has risen since Oct."


def test_a_span_names_the_year_only_when_it_is_not_this_one() -> None:
    assert span(SEP, SEP, 2026) == "Sep"
    assert span(dt.date(2025, 12, 1), dt.date(2026, 1, 12), 2026) == "Dec 2025–Jan"
    assert span(dt.date(2025, 3, 3), dt.date(2025, 4, 7), 2026) == "Mar 2025–Apr 2025"


def test_the_demo_summary_leads_with_its_dip(fresh: Services) -> None:
    seed_demo(fresh, weeks=26)
    md = ExportService(fresh).render(ExportRequest("md", weeks=26)).data
    assert isinstance(md, str)
    first = md.split("## ")[0]
    assert "Your shared trust index fell in " in first
    assert "26 weeks before its last 4" in first  # what the weeks are judged against, said


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_the_summary_charts_are_dated_and_show_overall_trust_and_each_area(
    fresh: Services, fmt: str
) -> None:
    """Issue 14: a dated x-axis, the 0–10 overall series the cover promises, and small
    multiples per area, in every summary format."""
    seed_demo(fresh, weeks=26)
    data = ExportService(fresh).render(ExportRequest(fmt, weeks=26)).data
    if isinstance(data, bytes):
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    else:
        text = data
    flat = " ".join(text.split())
    assert messages.EXPORT_OVERALL_TITLE in flat
    assert messages.EXPORT_MULTIPLES_TITLE in flat
    for title in ("Communication", "Security", "Closeness", "Reliability", "Openness"):
        assert title in flat
    if fmt == "md":
        assert flat.count("`") >= 2 * (2 + 2 + 10)  # index, overall and 10 area sparklines
        return
    # A dated axis: the period's months are written under the charts.
    for month in ("Jul", "Aug", "Sep", "Oct", "Nov"):
        assert month in flat
    if fmt == "html":
        assert text.count("<svg") == 2 + 5  # index, overall, five areas


def test_too_few_check_ins_say_so_rather_than_steady() -> None:
    assert headline([], "Your shared trust index", 1, 2026, judged=False) == (
        messages.EXPORT_HEADLINE_TOO_FEW
    )
