"""The PDF holds the figures a therapist reads first, as real (extractable) text."""

from __future__ import annotations

import io

from pypdf import PdfReader

from trustcheck.core.clock import FixedClock
from trustcheck.services import Services
from trustcheck.services.export import ExportRequest, ExportService

from .conftest import History, build_history, therapy


def test_pdf_text_holds_the_figures(history: History) -> None:
    result = ExportService(history.services).render(ExportRequest("pdf"))
    assert isinstance(result.data, bytes) and result.data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(result.data))
    first = reader.pages[0].extract_text()
    assert "trustcheck summary · Alex and Sam" in first
    assert "26 Oct 2026 – 22 Nov 2026" in first
    assert "4 weeks" in first and "4 check-ins" in first
    assert "Communication" in first and "Overall" not in first.split("Communication")[0]
    assert "Alex: latest" in first and "Sam: latest" in first
    assert "Commitments kept" in first
    everything = "\n".join(p.extract_text() for p in reader.pages)
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
