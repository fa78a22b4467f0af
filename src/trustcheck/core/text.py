"""Cleaning and showing user text safely. Pure functions, no rendering library.

User text is data: it is stored as typed (minus what a terminal would execute) and shown through
``rich.text.Text`` / Textual ``Content``, never as markup.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 control characters (ESC included), DEL; tab and newline are handled by the callers.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_NL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Bidi overrides/isolates can reorder what a reader sees; zero-width chars hide text.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _visible(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀…␟ control pictures
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\x{code:02x}"


def visible_controls(text: str) -> str:
    """Replace control characters by visible stand-ins (ESC → ␛) so no terminal sequence runs.

    Newlines and tabs are kept; bidi overrides and zero-width characters are shown as ``<U+…>``.
    """
    text = _CONTROL.sub(
        lambda m: _visible(m.group()), text.replace("\r\n", "\n").replace("\r", "\n")
    )
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def clean_line(raw: str) -> str:
    """One line of input as stored (names, commitments): NFC, no control chars, single spaces."""
    text = unicodedata.normalize("NFC", raw)
    text = _CONTROL_OR_NL.sub(" ", text)
    return " ".join(text.split())


def clean_block(raw: str) -> str:
    """Multi-line input as stored: NFC, newlines normalised, other control characters dropped."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip("\n")


def clean_paste(raw: str) -> str:
    """Pasted text as an editor keeps it: line breaks as ``\\n``, tabs kept, and every other
    control character (ESC, C1, NUL, BEL, backspace…) dropped, so no terminal sequence is shown."""
    return _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))


# Characters that print as nothing: Hangul fillers, the braille blank, Mongolian vowel separator.
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
_UNSEEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})


def clean_name(raw: str) -> str:
    """A person's name as stored (one clean line), or empty if nothing of it would show on
    screen: whitespace, zero-width and format characters or blank fillers alone are no name."""
    text = clean_line(raw)
    if not any(ch not in _BLANK and unicodedata.category(ch) not in _UNSEEN for ch in text):
        return ""
    return text


def same_name(a: str, b: str) -> bool:
    """Whether two names are the same person's name as typed: case, Unicode form and
    characters that do not show aside."""
    return (
        _INVISIBLE.sub("", clean_line(a)).casefold() == _INVISIBLE.sub("", clean_line(b)).casefold()
    )
