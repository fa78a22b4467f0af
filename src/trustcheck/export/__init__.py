"""Exporters: each turns assembled data into text or bytes; callers write the files.

The CLI command and the TUI dialog share this one registry (jrnl's exporter registry, harlequin's
``export.py``). A format's module is imported only when that format is used, so ``fpdf`` is loaded
by the pdf path alone.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """What an exporter takes: the therapy summary, the score table, or the whole data."""

    SUMMARY = "summary"
    TABLE = "table"
    DUMP = "dump"


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    title: str
    suffix: str
    kind: Kind
    #: Bytes out (cannot go to a terminal) rather than text.
    binary: bool
    module: str
    function: str = "render"

    def renderer(self) -> Any:
        """The module's render function, imported on first use."""
        return getattr(importlib.import_module(self.module), self.function)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("md", "Markdown", ".md", Kind.SUMMARY, False, "trustcheck.export.markdown"),
        Format(
            "html", "HTML (to print)", ".html", Kind.SUMMARY, False, "trustcheck.export.htmlpage"
        ),
        Format("pdf", "PDF", ".pdf", Kind.SUMMARY, True, "trustcheck.export.pdf"),
        Format(
            "json",
            "JSON (all data)",
            ".json",
            Kind.DUMP,
            False,
            "trustcheck.transfer.format",
            "to_json",
        ),
        Format(
            "csv",
            "CSV (spreadsheet)",
            ".csv",
            Kind.TABLE,
            False,
            "trustcheck.export.spreadsheet",
        ),
    )
}


def get_format(name: str) -> Format:
    """The format called ``name``; KeyError if there is none."""
    return FORMATS[name.lower()]


__all__ = ["FORMATS", "Format", "Kind", "get_format"]
