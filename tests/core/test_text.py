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


def test_every_format_character_is_named() -> None:
    """Issue 16, section 3: every Unicode format character (category Cf) of this Python's
    database is shown as ``<U+…>``: the Arabic letter mark, the word joiner and invisible
    operators, the soft hyphen, the Mongolian vowel separator and tag characters included."""
    import sys
    import unicodedata

    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf"
        and visible_controls(chr(code)) != f"<U+{code:04X}>"
    ]
    assert missed == []
    for ch in "\u061c\u2060\u2061\u2064\u00ad\u180e\U000e0041\U000e007f":
        assert visible_controls(f"a{ch}b") == f"a<U+{ord(ch):04X}>b"


def test_c1_controls_and_del_become_visible() -> None:
    shown = visible_controls("a\x9b31mb\x7fc\x85d")
    assert shown == "a\\x9b31mb\u2421c\\x85d"


@given(st.text())
def test_visible_controls_leaves_no_format_character(text: str) -> None:
    import unicodedata

    assert not any(unicodedata.category(c) == "Cf" for c in visible_controls(text))


def test_bytes_that_were_not_utf8_never_reach_storage_or_the_terminal_as_they_came() -> None:
    """Issue 16 §4: Python keeps bytes that were not UTF-8 as lone surrogates, which SQLite and
    every encoder refuse. The cleaning and showing functions turn each into U+FFFD."""
    from trustcheck.core.text import clean_paste, undecodable

    raw = "caf\udce9 \udcff"
    assert undecodable(raw) and not undecodable("café")
    for cleaned in (clean_line(raw), clean_block(raw), clean_paste(raw), visible_controls(raw)):
        assert cleaned == "caf\ufffd \ufffd"
        cleaned.encode("utf-8")
