"""What a therapy summary holds: plain data, assembled by ``services.export``, drawn by the
renderers of this package. Every figure is already computed; renderers only lay it out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

# CommitmentLine is re-exported: the summary holds them, the wording of one is messages.outcomes.
from trustcheck.core.models import REVIEW_CREDIT, Review
from trustcheck.core.models import CommitmentLine as CommitmentLine
from trustcheck.core.stats import Point


@dataclass(frozen=True, slots=True)
class PersonSummary:
    name: str
    #: Check-ins this person answered in the period.
    checkins: int
    #: The trust index (0–100) per week of the period; None is a week without a score.
    index: tuple[Point, ...]
    #: The same as a line of block characters (for Markdown and plain text).
    sparkline: str
    latest: float | None
    mean: float | None
    #: The 0–10 overall-trust rating per week of the period.
    overall: tuple[Point, ...] = ()
    #: Per area (title, weekly 0–100 scores), for the small multiples.
    areas: tuple[tuple[str, tuple[Point, ...]], ...] = ()


class AreaRow(NamedTuple):
    """One area: each person's start and end of the period (means of the first and last weeks)."""

    area: str
    title: str
    start: tuple[float | None, ...]
    end: tuple[float | None, ...]
    #: Per person: "" or the direction of a real change in this area ("↑", "↓"): arrows appear
    #: only for changes the method calls real (``core.change``).
    marks: tuple[str, ...] = ()


class ChangeLine(NamedTuple):
    """A real change, as a sentence that names the person, the area and the direction."""

    sentence: str


class GapRow(NamedTuple):
    title: str
    #: Each person's mean over the weeks both answered.
    a: float
    b: float
    gap: float


class ItemGapRow(NamedTuple):
    """A statement the partners answered most differently: the wording, each one's mean on the
    1–7 scale and the mean gap over the weeks both answered."""

    text: str
    a: float
    b: float
    gap: float


class KeptRow(NamedTuple):
    name: str
    kept: int
    partly: int
    not_yet: int

    @property
    def reviewed(self) -> int:
        return self.kept + self.partly + self.not_yet

    @property
    def share(self) -> float | None:
        """The credit of ``REVIEW_CREDIT`` (kept 1, partly ½, not yet 0), as trends count it."""
        if not self.reviewed:
            return None
        credit = (
            self.kept * REVIEW_CREDIT[Review.KEPT]
            + self.partly * REVIEW_CREDIT[Review.PARTLY]
            + self.not_yet * REVIEW_CREDIT[Review.NOT_YET]
        )
        return credit / self.reviewed


class TextItem(NamedTuple):
    """A piece of someone's own words: who, when, in answer to what, and the words."""

    name: str
    when: dt.date
    label: str
    text: str
    #: Extra facts shown beside it (a rating, tags, "for therapy").
    meta: str = ""
    #: ``when`` is the Monday of a check-in's week (else the day it was written).
    weekly: bool = True


class PrivateSection(NamedTuple):
    """One person's private records, each kind included only by its own choice.

    A kind that was not chosen is None: its heading is left out altogether, so "none in this
    period" is never said of something that was simply not asked for.
    """

    name: str
    answers: tuple[TextItem, ...] | None
    journal: tuple[TextItem, ...] | None
    #: Records that did not open (damaged); said, never hidden.
    damaged: int = 0
    #: Their own answers to the private safety question in the period.
    safety: tuple[TextItem, ...] | None = None


class Summary(NamedTuple):
    title: str
    names: tuple[str, ...]
    generated: dt.date
    #: First and last week (Mondays) of the period; None when there is nothing yet.
    start: dt.date | None
    end: dt.date | None
    weeks: int
    checkins: int
    #: "1 Sep 2026 – 23 Nov 2026 · 12 weeks · 11 check-ins"
    period: str
    persons: tuple[PersonSummary, ...]
    areas: tuple[AreaRow, ...]
    changes: tuple[ChangeLine, ...]
    method: str
    gaps: tuple[GapRow, ...]
    kept: tuple[KeptRow, ...]
    topics: tuple[TextItem, ...]
    #: Shared notes, or None when they were not chosen.
    notes: tuple[TextItem, ...] | None
    private: PrivateSection | None
    included: tuple[str, ...]
    left_out: tuple[str, ...]
    trend_notes: tuple[str, ...] = ()
    #: Switched-on, shared modules' own areas (never part of the trust index); empty if none.
    modules: tuple[AreaRow, ...] = ()
    #: The statements the partners answered most differently (a couple only).
    item_gaps: tuple[ItemGapRow, ...] = ()
    #: The dated first line: rises and falls of the trust index over the period.
    headline: str = ""
    #: The latest commitments made in the period, each with how it went ...
    commitments: tuple[CommitmentLine, ...] = ()
    #: ... and how many earlier ones there were, not listed.
    earlier_commitments: int = 0


class ScoreRow(NamedTuple):
    """One row of the CSV: a person's score in one area in one week (None = not scored)."""

    week: dt.date
    person: str
    area: str
    score: float | None
    scale: str


class CommitmentRow(NamedTuple):
    """A row of the CSV for one commitment (``area`` = ``commitment``, no score): the week it
    was made, who made it, and :class:`CommitmentLine`'s words and voices."""

    line: CommitmentLine
