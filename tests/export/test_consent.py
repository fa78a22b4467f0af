"""Consent: private answers and journal entries appear only for the person named, after their
passphrase, and never anyone else's — in every format."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from trustcheck.core.models import Profile
from trustcheck.export import FORMATS
from trustcheck.services.export import ExportRequest, ExportService
from trustcheck.storage.crypto import ProfileLocked

from .conftest import History, journal, private, shared, therapy


def text_of(history: History, fmt: str, person: Profile | None = None, notes: bool = True) -> str:
    result = ExportService(history.services).render(
        ExportRequest(
            fmt, include_notes=notes and FORMATS[fmt].kind == "summary", include_private=person
        )
    )
    if isinstance(result.data, bytes):
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(result.data)).pages)
    return result.data


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_no_private_text_without_consent(history: History, fmt: str) -> None:
    text = text_of(history, fmt)
    for name in ("Alex", "Sam"):
        assert private(name) not in text
        assert journal(name) not in text
    if fmt != "csv":  # the CSV holds scores only
        assert "Alex" in text and "Sam" in text
    if FORMATS[fmt].kind == "summary":
        assert therapy("Alex") in text and therapy("Sam") in text
        assert shared("Sam") in text  # shared notes were chosen


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_only_the_owners_private_text_with_consent(history: History, fmt: str) -> None:
    alex = history.unlock("Alex")
    history.services.keys.unlock(history.person("Sam").id, "sam words")  # unlocked, not chosen
    text = text_of(history, fmt, alex)
    assert private("Sam") not in text
    assert journal("Sam") not in text
    if fmt != "csv":
        assert private("Alex") in text
        assert journal("Alex") in text


def test_private_needs_the_key(history: History) -> None:
    with pytest.raises(ProfileLocked):
        ExportService(history.services).render(
            ExportRequest("md", include_private=history.person("Alex"))
        )


def test_footer_says_what_was_left_out(history: History) -> None:
    text = text_of(history, "md", notes=False)
    assert "Left out: shared notes; Alex's private answers" in text
    alex = history.unlock("Alex")
    text = text_of(history, "md", alex)
    assert "Alex's private answers and journal entries" in text.split("Included:")[1]
    assert "Sam's private answers, journal entries and safety answers" in text
