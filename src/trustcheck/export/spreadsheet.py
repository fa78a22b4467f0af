"""The scores as CSV: one row per person, week and area, for a spreadsheet.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with
``'`` so no spreadsheet runs it as a formula (OWASP, "CSV injection"). Only names are user text
here; scores are numbers and never negative.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from trustcheck.export.fmt import clean
from trustcheck.export.model import ScoreRow

HEADER = ("week", "person", "area", "score", "scale")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A text cell a spreadsheet shows as text, never evaluates."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def render(rows: Iterable[ScoreRow]) -> str:
    """The CSV text: a header, then the rows in the order given (RFC 4180 line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for r in rows:
        writer.writerow(
            (
                r.week.isoformat(),
                neutralise(clean(r.person)),
                r.area,
                "" if r.score is None else f"{r.score:.1f}",
                r.scale,
            )
        )
    return out.getvalue()
