"""User text: stored clean, shown with every control character visible."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trustcheck.core.text import clean_block, clean_line, visible_controls


def test_escape_sequences_become_visible() -> None:
    shown = visible_controls("red \x1b[31mtext\x07 and \x1b]8;;http://x\x1b\\link")
    assert "\x1b" not in shown and "\x07" not in shown
    assert "␛[31m" in shown


def test_newlines_and_tabs_survive_display() -> None:
    assert visible_controls("a\tb\nc\r\nd") == "a\tb\nc\nd"


def test_bidi_and_zero_width_are_named() -> None:
    assert visible_controls("ab\u202ecd\u200b") == "ab<U+202E>cd<U+200B>"


def test_clean_line_is_one_trimmed_nfc_line() -> None:
    assert clean_line("  Ale\u0301 \n\t Sam ") == "Al\u00e9 Sam"
    assert clean_line("\x00\x1b") == ""


def test_clean_block_keeps_lines_drops_controls() -> None:
    assert clean_block("one\r\ntwo\x1b[31m\n\nthree\n") == "one\ntwo[31m\n\nthree"


@given(st.text())
def test_visible_controls_never_leaves_a_control_character(text: str) -> None:
    shown = visible_controls(text)
    assert not any(ord(c) < 0x20 and c not in "\t\n" for c in shown)
    assert not any(0x7F <= ord(c) <= 0x9F for c in shown)
