"""One hostile corpus, and what "inert" means on every output path (issue 7 part 5, issue 16 §3).

``HOSTILE`` holds Rich/Textual markup that would make a link or a click action, terminal
sequences (colours, a hyperlink, a window title, a clipboard write, a C1 CSI, NUL, BEL,
backspace, CR), format characters that reorder or hide text (bidi overrides and isolates, zero
widths, the word joiner, the Arabic letter mark, a soft hyphen, tag characters) and odd but
honest text (combining marks, emoji sequences). Tests store it wherever a person's text is kept
and look at every place it comes out.
"""

from __future__ import annotations

import re
import unicodedata

from textual.app import App

MARKUP = "[link=https://evil.example]y[/link] [@click=app.quit]q[/] [on red]r[/] [bold]b[/bold] [/]"
ESCAPES = (
    "\x1b[31mred\x1b[0m \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ "
    "\x1b]0;title\x07 \x1b]52;c;cm0gLXJmIH4=\x07 \x9b31m c1 NUL\x00 BEL\x07 BS\x08 CR\r DEL\x7f"
)
ODD = (
    "\u202eevil\u202c \u2066iso\u2069 zw\u200bj\ufeff \u061c\u2060\u00ad\U000e0041\U000e007f "
    "e\u0301\u0308 👩‍👩‍👧 🇳🇿"
)
HOSTILE = f"{MARKUP} {ESCAPES} {ODD}"

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def leaks(text: str) -> list[str]:
    """The characters of ``text`` that a terminal would run or that reorder or hide text: C0
    controls but tab and newline, DEL, C1 controls and format characters (category Cf)."""
    return sorted(
        {
            f"U+{ord(c):04X}"
            for c in text
            if (ord(c) < 0x20 and c not in "\t\n")
            or 0x7F <= ord(c) <= 0x9F
            or unicodedata.category(c) == "Cf"
        }
    )


def assert_inert(app: App[object]) -> None:
    """On screen now: no control character, no link and no click action from user text (the
    screen is rendered as a screenshot is, and as its segments)."""
    svg = app.export_screenshot()
    assert "evil.example" not in str(re.findall(r"<a [^>]*>", svg))
    assert "\x1b" not in svg and "\x9b" not in svg
    update = app.screen._compositor.render_update(full=True)
    for line in getattr(update, "strips", []):
        for strip in line:
            for seg in strip:
                assert not CONTROL.search(seg.text), repr(seg.text)
                style = seg.style
                if style is None:
                    continue
                assert not style.link or "evil" not in style.link, style.link
                meta = style.meta or {}
                assert "@click" not in meta or "quit" not in str(meta["@click"]), meta
