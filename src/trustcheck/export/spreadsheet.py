"""The scores as CSV: one row per person, week and area, for a spreadsheet; then one row per
commitment made in the period (issue 17, section 3).

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with
``'`` so no spreadsheet runs it as a formula (OWASP, "CSV injection"). Names and the words of
commitments are user text; scores are numbers and never negative.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from trustcheck import messages
from trustcheck.core.models import CommitmentState
from trustcheck.export.fmt import clean
from trustcheck.export.model import CommitmentRow, ScoreRow

HEADER = (
    "week",
    "person",
    "area",
    "score",
    "scale",
    "to",
    "commitment",
    "partner_view",
    "own_view",
    "then",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The ``then`` cell of a commitment row.
_THEN = {
    CommitmentState.CARRIED: messages.OUTCOME_CARRIED,
    CommitmentState.DROPPED: messages.OUTCOME_DROPPED,
}


def neutralise(cell: str) -> str:
    """A text cell a spreadsheet shows as text, never evaluates."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _text(cell: str) -> str:
    return neutralise(clean(cell))


def render(rows: Iterable[ScoreRow | CommitmentRow]) -> str:
    """The CSV text: a header, then the rows in the order given (RFC 4180 line ends).

    A score row leaves the commitment columns empty; a commitment row (``area`` ``commitment``)
    leaves ``score`` and ``scale`` empty, and has who it was made to, its words, both voices
    (``kept``, ``partly``, ``not_yet``, or empty when not said; ``own_view`` always empty for a
    commitment to oneself) and ``then``: ``kept for another week``, ``let go`` or empty. A
    commitment kept going in new words has them in the row of the commitment it carries on as.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for r in rows:
        if isinstance(r, CommitmentRow):
            c = r.line
            writer.writerow(
                (
                    c.week.isoformat(),
                    _text(c.owner),
                    "commitment",
                    "",
                    "",
                    _text(c.to),
                    _text(c.text),
                    "" if c.review is None else c.review.value,
                    "" if c.own_review is None else c.own_review.value,
                    _THEN.get(c.state, ""),
                )
            )
            continue
        writer.writerow(
            (
                r.week.isoformat(),
                _text(r.person),
                r.area,
                "" if r.score is None else f"{r.score:.1f}",
                r.scale,
                "",
                "",
                "",
                "",
                "",
            )
        )
    return out.getvalue()
