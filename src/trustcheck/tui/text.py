"""Showing user text safely: always as plain ``Content``/``Text``, never as markup.

Names, answers and commitments are data. They go through ``visible_controls`` (so no terminal
sequence can run) and into ``Content``/``Text`` objects, which are never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from trustcheck.core.text import visible_controls


def plain(text: str, style: str = "") -> Content:
    """User (or mixed) text as Content, with control characters made visible."""
    return Content.styled(visible_controls(text), style)


def say(template: str, style: str = "", **values: str) -> Content:
    """A wording template filled with user values, shown as plain text."""
    return plain(template.format(**values), style)


def rich_plain(text: str, style: str = "") -> Text:
    """User text as a Rich ``Text`` (for Rich tables), control characters made visible."""
    return Text(visible_controls(text), style=style)


def score(value: float | None, missing: str = "—") -> str:
    """A 0–100 score with one decimal, or a dash when the area is missing that week."""
    return missing if value is None else f"{value:.1f}"
