"""Plain domain data: the shapes every layer agrees on.

Nothing here does I/O or imports Textual, Rich, Typer or sqlite3.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from trustcheck.core.steps import Step as Step  # re-exported: the domain vocabulary

#: The five rated areas whose mean is the trust index, in display order.
AREAS: tuple[str, ...] = ("communication", "security", "closeness", "reliability", "openness")
#: The single global rating, 0–10, kept as its own series.
OVERALL = "overall"
#: Every area an item may belong to. ``open`` holds the open prompts.
KNOWN_AREAS: tuple[str, ...] = (*AREAS, OVERALL, "open")

AREA_TITLES: dict[str, str] = {
    "communication": "Communication",
    "security": "Security",
    "closeness": "Closeness",
    "reliability": "Reliability",
    "openness": "Openness",
    OVERALL: "Overall trust",
    "open": "Open prompts",
}

#: The heading of an unscored item that is not written ("open" holds choices too).
OPEN_CHOICE_TITLE = "Choose one"

#: The time given to a record whose stored time cannot be read (changed outside the app): such a
#: record opens as damaged, and is never named by this date.
UNDATED = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

SCALE_MIN, SCALE_MAX = 1, 7
OVERALL_MIN, OVERALL_MAX = 0, 10


class ItemKind(StrEnum):
    SCALE = "scale"  # 1–7 agreement
    RATING = "rating"  # 0–10 global rating
    TEXT = "text"  # open prompt, multi-line
    CHOICE = "choice"  # one of a fixed list of options


class Visibility(StrEnum):
    """Who may see an open answer (DESIGN.md, "Visibility and consent")."""

    SHARED = "shared"
    THERAPY = "therapy"  # shared, and flagged for the therapy summary
    PRIVATE = "private"  # the author's encrypted journal only (journal issue)


class CheckinStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class Review(StrEnum):
    """How a commitment went, in one person's voice (the person it was made to, or who made it)."""

    KEPT = "kept"
    PARTLY = "partly"
    NOT_YET = "not_yet"


class Voice(StrEnum):
    """Whose view of how a commitment went: the person it was made to, or who made it."""

    PARTNER = "partner"
    OWN = "own"


REVIEW_CREDIT: dict[Review, float] = {Review.KEPT: 1.0, Review.PARTLY: 0.5, Review.NOT_YET: 0.0}


class ScaleLabels(NamedTuple):
    low: str
    mid: str
    high: str


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    area: str
    text: str
    kind: ItemKind
    reverse: bool = False
    optional: bool = False
    #: Who the item is for: "everyone", or a role a module defines.
    who: str = "everyone"
    hint: str = ""
    choices: tuple[str, ...] = ()
    line: int = 0  # line in the pack file, for error messages
    #: Private items are sealed with the author's key and never shown to the partner.
    private: bool = False
    #: Who sees a written answer unless its author chooses otherwise (text items only).
    visibility: Visibility = Visibility.SHARED
    #: A scale item about something that may not happen every week ("When I raised something
    #: hard, …"): it can be answered "didn't come up this week", which is not a skip.
    conditional: bool = False
    #: Scale or choice items: from this answer up (the value given, 1–7, or the choice's index)
    #: the support lines are quietly offered to the person who answered, and to no one else.
    support: int | None = None

    def offers_support(self, value: int | None) -> bool:
        """Whether this answer quietly offers its author the support lines."""
        return self.support is not None and value is not None and value >= self.support


class ModuleArea(NamedTuple):
    """A rated area a module pack defines for its own items (scored like the weekly areas)."""

    id: str
    title: str


@dataclass(frozen=True, slots=True)
class Pack:
    id: str
    version: int
    title: str
    description: str
    sources: tuple[str, ...]
    items: tuple[Item, ...]
    scale: ScaleLabels
    rating: ScaleLabels
    module: bool = False
    path: str = ""
    #: A module's own rated areas (``[[areas]]``), beside the weekly ones.
    areas: tuple[ModuleArea, ...] = ()
    #: Roles that ``Item.who`` may name (``[roles]``: id → title), e.g. "hurt", "hurting".
    roles: tuple[tuple[str, str], ...] = ()
    #: Every answer to this pack is private (sealed, never shown to the partner).
    private: bool = False
    #: A module's own areas in the order they are unlocked: the couple is in one phase at a time
    #: and moves on when both answer ``ready`` with its first choice. Empty: no phases.
    phases: tuple[str, ...] = ()
    #: The choice item each person answers to move on to the next phase ("" without phases).
    ready: str = ""

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def items_in(self, area: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.area == area)

    def area_title(self, area: str) -> str:
        """A title for an area: the module's own, else the weekly one, else the id."""
        for own in self.areas:
            if own.id == area:
                return own.title
        return AREA_TITLES.get(area, area)

    def item_area_title(self, item: Item) -> str:
        """The area heading shown above ``item``: "Open prompts" only for written prompts."""
        if item.area == "open" and item.kind is ItemKind.CHOICE:
            return OPEN_CHOICE_TITLE
        return self.area_title(item.area)

    def area_heading(self, area: str) -> str:
        """A module's area with the module named once: ``Jealousy: Feeling settled`` (an area
        title that already starts with the module's, as older pack versions had, is kept)."""
        title = self.area_title(area)
        if not self.module or title.startswith(f"{self.title}:"):
            return title
        return f"{self.title}: {title}"

    def for_role(self, role: str | None) -> tuple[Item, ...]:
        """The items a person with ``role`` answers: everyone's, plus their role's own."""
        return tuple(i for i in self.items if i.who == "everyone" or (role and i.who == role))

    def in_phase(self, items: tuple[Item, ...], phase: int) -> tuple[Item, ...]:
        """Of ``items``, those asked while the couple is in ``phase`` (0-based): the items of that
        phase's area and every item outside the phases; the ``ready`` item not in the last phase.
        A pack without phases asks them all."""
        if not self.phases:
            return items
        current = self.phases[min(max(phase, 0), len(self.phases) - 1)]
        last = phase >= len(self.phases) - 1
        return tuple(
            i
            for i in items
            if (i.area == current or i.area not in self.phases)
            and not (last and i.id == self.ready)
        )


class Profile(NamedTuple):
    id: int
    name: str
    position: int  # 0 = partner A, 1 = partner B


class Answer(NamedTuple):
    """One stored answer. ``value`` is None when skipped or for text items."""

    profile_id: int
    pack_id: str
    pack_version: int
    item_id: str
    value: int | None = None
    text: str | None = None
    skipped: bool = False
    visibility: Visibility = Visibility.SHARED
    #: "Didn't come up this week" (a conditional item): no value, and not a skip either; the
    #: item is left out of its area's score that week rather than counted as missing.
    not_this_week: bool = False


class Checkin(NamedTuple):
    id: int
    week: dt.date  # the Monday of the week it covers
    status: CheckinStatus
    step: Step
    participant_ids: tuple[int, ...]  # in answering order
    started_at: dt.datetime
    completed_at: dt.datetime | None = None

    @property
    def solo(self) -> bool:
        return len(self.participant_ids) == 1


class Commitment(NamedTuple):
    id: int
    checkin_id: int  # the check-in it was set in
    owner_id: int  # who makes the promise
    to_id: int  # who it is made to (the same person for a commitment to oneself)
    text: str
    created_at: dt.datetime
    #: How it went, said by the person it was made to (the partner's view; for a commitment to
    #: oneself, the one voice).
    review: Review | None = None
    #: The check-in either voice was given in.
    reviewed_in: int | None = None
    #: How it went, said by the person who made it (None for a commitment to oneself).
    own_review: Review | None = None
    #: The commitment this one carries on (kept for another week), if any.
    carried_from: int | None = None
    #: The check-in it was let go of in, if it was.
    dropped_in: int | None = None

    @property
    def one_voice(self) -> bool:
        """A commitment to oneself is looked back on in one voice."""
        return self.owner_id == self.to_id


class CommitmentState(StrEnum):
    """Where a commitment stands after the week it was made for (issue 17, section 3)."""

    #: Not looked back on yet: offered again at the next check-in.
    OPEN = "open"
    #: Looked back on: how it went, in one or two voices.
    REVIEWED = "reviewed"
    #: Kept for another week: it carries on in the next week's set (perhaps in new words).
    CARRIED = "carried"
    #: Let go of, kindly: neither kept nor "not kept", and never counted in trends.
    DROPPED = "dropped"


@dataclass(frozen=True, slots=True)
class CommitmentOutcome:
    """One commitment and how it went, as history, the review step and the summary show it.

    Two voices, side by side and never added up: ``partner_view`` is the view of the person it
    was made to, ``own_view`` that of the person who made it. A commitment to oneself has one
    voice, ``partner_view`` (``own_view`` stays None). ``carried_to`` is the commitment it carries
    on as, in the next week's set; its words are the new ones when it was reworded, while
    ``commitment.text`` keeps the words first agreed.
    """

    commitment: Commitment
    #: The Monday of the week of the check-in it was made in.
    week: dt.date
    carried_to: Commitment | None = None

    @property
    def partner_view(self) -> Review | None:
        return self.commitment.review

    @property
    def own_view(self) -> Review | None:
        return None if self.commitment.one_voice else self.commitment.own_review

    @property
    def one_voice(self) -> bool:
        return self.commitment.one_voice

    @property
    def dropped(self) -> bool:
        return self.commitment.dropped_in is not None

    @property
    def reviewed(self) -> bool:
        return self.partner_view is not None or self.own_view is not None

    @property
    def new_words(self) -> str | None:
        """The words it carries on in, when they changed."""
        if self.carried_to is None or self.carried_to.text == self.commitment.text:
            return None
        return self.carried_to.text

    @property
    def state(self) -> CommitmentState:
        if self.dropped:
            return CommitmentState.DROPPED
        if self.carried_to is not None:
            return CommitmentState.CARRIED
        if self.reviewed:
            return CommitmentState.REVIEWED
        return CommitmentState.OPEN


class CommitmentLine(NamedTuple):
    """One commitment by name, as the summary, the history and the screens word it: who made it
    to whom, its words, and how it went, in two voices side by side (one for a commitment to
    oneself), and whether it was kept for another week (perhaps in new words) or let go of."""

    week: dt.date
    owner: str
    to: str
    text: str
    #: The view of the person it was made to (the one voice of a commitment to oneself); None:
    #: not said.
    review: Review | None
    #: The view of the person who made it; None: not said, or a commitment to oneself.
    own_review: Review | None = None
    one_voice: bool = True
    state: CommitmentState = CommitmentState.OPEN
    #: The words it carries on in, when they changed.
    new_words: str | None = None


@dataclass(frozen=True, slots=True)
class WeekScores:
    """Derived scores for one person in one check-in; None means missing."""

    profile_id: int
    week: dt.date
    areas: dict[str, float | None] = field(default_factory=dict)
    trust_index: float | None = None
    overall: int | None = None


class JournalEntry(NamedTuple):
    """One private journal entry, decrypted. Only ever held while its author is unlocked."""

    id: int
    profile_id: int
    written_at: dt.datetime
    text: str
    rating: int | None = None  # 0–10, optional
    tags: tuple[str, ...] = ()
    for_therapy: bool = False
