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
# Format characters (Unicode category Cf): bidi overrides, marks and isolates reorder what a
# reader sees; zero-width characters, the word joiner and invisible operators, the soft hyphen,
# the Arabic letter mark, the Mongolian vowel separator and tag characters hide text. Every Cf
# character of Unicode 14, with whole blocks where later versions add more (checked against the
# running Python's database by tests/core/test_text.py).
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f]"
)


# Bytes that were not UTF-8: Python keeps each as a lone surrogate (a command-line argument or a
# file typed in another character set). SQLite and every encoder refuse them.
_UNDECODABLE = re.compile("[\ud800-\udfff]")


def has_control(text: str) -> bool:
    """Whether ``text`` holds a control character other than tab and newline (ESC, C1, NUL…)."""
    return _CONTROL.search(text) is not None


def undecodable(text: str) -> bool:
    """Whether ``text`` holds bytes that were not UTF-8 text (as lone surrogates)."""
    return _UNDECODABLE.search(text) is not None


def decodable(text: str) -> str:
    """``text`` with each byte that was not UTF-8 shown as U+FFFD, the replacement character."""
    return _UNDECODABLE.sub("\ufffd", text)


def _visible(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀…␟ control pictures
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\x{code:02x}"


def visible_controls(text: str) -> str:
    """Replace control characters by visible stand-ins (ESC → ␛, a C1 control → ``\\x9b``) so
    no terminal sequence runs.

    Newlines and tabs are kept; format characters (bidi overrides, zero-width characters, tags:
    Unicode category Cf) are shown as ``<U+…>``. The one sanitiser of every output path.
    """
    text = _CONTROL.sub(
        lambda m: _visible(m.group()), decodable(text).replace("\r\n", "\n").replace("\r", "\n")
    )
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


_JSON_UNSAFE = re.compile("[\x7f-\x9f]|" + _INVISIBLE.pattern)


def json_safe(text: str) -> str:
    """JSON text (as ``json.dumps(..., ensure_ascii=False)`` writes it) with every C1 control,
    DEL and format character written as a ``\\uXXXX`` escape: the same JSON, read back exactly,
    but nothing in it reorders or hides text or runs in a terminal. (C0 controls are escaped by
    ``json`` already; outside strings JSON is ASCII, so only string contents change.)"""

    def escape(m: re.Match[str]) -> str:
        code = ord(m.group())
        if code > 0xFFFF:  # a surrogate pair, as JSON writes one
            code -= 0x10000
            return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
        return f"\\u{code:04x}"

    return _JSON_UNSAFE.sub(escape, text)


def clean_line(raw: str) -> str:
    """One line of input as stored (names, commitments): NFC, no control chars, single spaces."""
    text = unicodedata.normalize("NFC", decodable(raw))
    text = _CONTROL_OR_NL.sub(" ", text)
    return " ".join(text.split())


def clean_block(raw: str) -> str:
    """Multi-line input as stored: NFC, newlines normalised, other control characters dropped."""
    text = unicodedata.normalize("NFC", decodable(raw)).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip("\n")


def clean_paste(raw: str) -> str:
    """Pasted text as an editor keeps it: line breaks as ``\\n``, tabs kept, and every other
    control character (ESC, C1, NUL, BEL, backspace…) dropped, so no terminal sequence is shown."""
    return _CONTROL.sub("", decodable(raw).replace("\r\n", "\n").replace("\r", "\n"))


# Characters that print as nothing: Hangul fillers, the braille blank, Mongolian vowel separator.
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
_UNSEEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})


def visible_length(text: str) -> int:
    """How many characters of ``text`` show on their own: not whitespace, controls, format
    characters (zero-width, bidi), combining marks or blank fillers."""
    return sum(1 for ch in text if ch not in _BLANK and unicodedata.category(ch) not in _UNSEEN)


def clean_name(raw: str) -> str:
    """A person's name as stored (one clean line), or empty if nothing of it would show on
    screen: whitespace, zero-width and format characters or blank fillers alone are no name."""
    text = clean_line(raw)
    return text if visible_length(text) else ""


def same_name(a: str, b: str) -> bool:
    """Whether two names are the same person's name as typed: case, Unicode form and
    characters that do not show aside."""
    return (
        _INVISIBLE.sub("", clean_line(a)).casefold() == _INVISIBLE.sub("", clean_line(b)).casefold()
    )
