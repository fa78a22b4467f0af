"""Consent: private records appear only for the person named, after their passphrase, only the
kinds they chose (private answers, journal entries and safety answers are three separate
choices), and never anyone else's — in every format."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from trustcheck.core.models import Profile
from trustcheck.export import FORMATS
from trustcheck.services.export import ExportRequest, ExportService, PrivateKind
from trustcheck.storage.crypto import ProfileLocked

from .conftest import History, journal, private, shared, therapy


def text_of(
    history: History,
    fmt: str,
    person: Profile | None = None,
    notes: bool = True,
    kinds: frozenset[PrivateKind] = frozenset(PrivateKind),
) -> str:
    result = ExportService(history.services).render(
        ExportRequest(
            fmt,
            include_notes=notes and FORMATS[fmt].kind == "summary",
            include_private=person,
            private_kinds=kinds,
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
    if fmt != "csv":  # the CSV holds scores and commitments only
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
            ExportRequest(
                "md",
                include_private=history.person("Alex"),
                private_kinds=frozenset({PrivateKind.JOURNAL}),
            )
        )


def test_footer_says_what_was_left_out(history: History) -> None:
    text = text_of(history, "md", notes=False)
    assert "Left out: shared notes; Alex's private answers" in text
    alex = history.unlock("Alex")
    text = text_of(history, "md", alex, kinds=frozenset({PrivateKind.JOURNAL}))
    included, left_out = text.split("Included:")[1].split("Left out:")
    assert "Alex's journal entries" in included
    assert "Alex's private answers" in left_out
    assert "Alex's answers to the private safety question" in left_out
    assert "Sam's private answers, journal entries and safety answers" in left_out


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "json"])
def test_each_kind_of_private_record_is_its_own_choice(history: History, fmt: str) -> None:
    """Issue 14: journal entries and private answers go in only when each is chosen."""
    alex = history.unlock("Alex")
    only_journal = text_of(history, fmt, alex, kinds=frozenset({PrivateKind.JOURNAL}))
    assert journal("Alex") in only_journal
    assert private("Alex") not in only_journal
    only_answers = text_of(history, fmt, alex, kinds=frozenset({PrivateKind.ANSWERS}))
    assert private("Alex") in only_answers
    assert journal("Alex") not in only_answers


def test_a_person_chosen_with_no_kind_adds_nothing_and_needs_no_key(history: History) -> None:
    text = text_of(history, "md", history.person("Alex"), kinds=frozenset())  # still locked
    assert private("Alex") not in text and journal("Alex") not in text
    assert "Alex's private answers, journal entries and safety answers" in text


def test_a_kind_not_chosen_has_no_heading_at_all(history: History) -> None:
    """Nothing says "none in this period" of something that was not asked for."""
    from trustcheck import messages

    alex = history.unlock("Alex")
    text = text_of(history, "md", alex, kinds=frozenset({PrivateKind.JOURNAL}))
    assert f"### {messages.EXPORT_JOURNAL}" in text
    assert f"### {messages.EXPORT_PRIVATE_ANSWERS}" not in text
    assert messages.EXPORT_SAFETY_TITLE not in text
