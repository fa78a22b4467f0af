"""The PDF holds the figures a therapist reads first, as real (extractable) text."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from trustcheck import messages
from trustcheck.core.clock import FixedClock
from trustcheck.export import pdf
from trustcheck.export.model import KeptRow, Summary, TextItem
from trustcheck.services import Services
from trustcheck.services.export import ExportRequest, ExportService, font_dir

from .conftest import History, build_history, therapy


def test_pdf_text_holds_the_figures(history: History) -> None:
    result = ExportService(history.services).render(ExportRequest("pdf"))
    assert isinstance(result.data, bytes) and result.data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(result.data))
    first = reader.pages[0].extract_text()
    assert "trustcheck summary · Alex and Sam" in first
    assert "26 Oct 2026 – 22 Nov 2026" in first
    assert "4 weeks" in first and "4 check-ins" in first
    assert "Communication" in first
    # Overall trust is its own 0–10 chart, never an area of the 0–100 table.
    assert "Overall" not in first.split("Areas at the start")[1]
    assert "Alex: latest" in first and "Sam: latest" in first
    everything = "\n".join(p.extract_text() for p in reader.pages)
    assert "Commitments, and how they went" in everything
    assert therapy("Alex") in everything
    assert "Included:" in everything and "Left out:" in everything


def test_pdf_renders_unicode(fresh: Services, clock: FixedClock) -> None:
    words = "Zoë ✓ Привет Ελλάδα naïve façade"
    build_history(fresh, clock, weeks=2, names=("Zoë", "Jürgen"), texts={"open.therapy": words})
    data = ExportService(fresh).render(ExportRequest("pdf", include_notes=True)).data
    assert isinstance(data, bytes)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert words in text
    assert "Zoë and Jürgen" in text


# --- layout (issue 14): grouped notes, no lonely headings, no silently dropped characters ---

MONDAY = dt.date(2026, 9, 7)
PROMPT = "What is one thing you would like more of next week?"


def _summary(topics: int = 0, notes: tuple[TextItem, ...] = (), text: str = "") -> Summary:
    topic_items = tuple(
        TextItem("Alex", MONDAY + dt.timedelta(weeks=k % 12), "", text or f"Topic number {k}")
        for k in range(topics)
    )
    return Summary(
        title="trustcheck summary · Alex and Sam",
        names=("Alex", "Sam"),
        generated=MONDAY + dt.timedelta(weeks=12),
        start=MONDAY,
        end=MONDAY + dt.timedelta(weeks=11),
        weeks=12,
        checkins=12,
        period="7 Sep 2026 – 29 Nov 2026 · 12 weeks · 12 check-ins",
        persons=(),
        areas=(),
        changes=(),
        method="",
        gaps=(),
        kept=(KeptRow("Alex", 1, 0, 0), KeptRow("Sam", 0, 1, 0)),
        topics=topic_items,
        notes=notes,
        private=None,
        included=("ratings and scores",),
        left_out=(),
        trend_notes=("A note on the trend",),
    )


def _pages(summary: Summary) -> list[str]:
    data = pdf.render(summary, font_dir())
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_notes_are_grouped_by_week_with_each_question_once_a_week() -> None:
    notes = tuple(
        TextItem(name, MONDAY + dt.timedelta(weeks=w), PROMPT, f"Answer{name}{w}")
        for w in range(4)
        for name in ("Alex", "Sam")
    )
    text = " ".join(" ".join(_pages(_summary(notes=notes))).split())
    assert text.count(PROMPT) == 4  # once a week, not once for each of the 8 answers
    assert text.count("Week of") == 4
    assert text.index("Week of 7 Sep 2026") < text.index("AnswerAlex0") < text.index("AnswerSam0")
    assert text.index("AnswerSam0") < text.index("Week of 14 Sep 2026") < text.index("AnswerAlex1")


def test_a_heading_is_never_left_alone_at_the_foot_of_a_page() -> None:
    """Whatever the length of what comes before, a heading keeps some of its text on its page:
    topics of growing length push the next headings through every position on the page."""
    headings = {messages.EXPORT_TRENDS_NOTES, messages.EXPORT_TOPICS_TITLE}
    lonely = []
    for topics in range(8, 40, 3):
        pages = _pages(_summary(topics=topics))
        for number, page in enumerate(pages[:-1], start=1):
            body = [line.strip() for line in page.splitlines() if line.strip()][:-1]  # no footer
            if body and (body[-1] in headings or body[-1].startswith("Week of")):
                lonely.append((topics, number, body[-1]))
    assert not lonely


def test_characters_the_font_lacks_are_replaced_visibly_never_dropped() -> None:
    text = " ".join(_pages(_summary(topics=1, text="I felt 🥰 and 👨‍👩‍👧 today, 中文 too ❤️ ✓")))
    assert "I felt [emoji] and [emoji] today, [text not shown] too" in text
    assert "✓" in text  # a symbol the font has stays itself
    assert "<U+200D>" not in text  # the joiners went with the emoji they joined
