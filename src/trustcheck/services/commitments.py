"""How commitments went (issue 17, section 3): the one place that turns stored commitments into
:class:`~trustcheck.core.models.CommitmentOutcome` — both voices, and whether each was kept for
another week (perhaps in new words) or let go of. The review step, the therapy summary and the
history of past check-ins read outcomes from here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence

from trustcheck.core.models import Commitment, CommitmentLine, CommitmentOutcome, CommitmentState
from trustcheck.messages.outcomes import how_it_went as _how_it_went
from trustcheck.storage.repos.commitments import CommitmentRepo

#: The review step (and the close screen after it) shows at most this many earlier commitments
#: still open, the latest: a couple who pressed Continue for months is not met by a wall of
#: them. The others wait for a later week, not lost.
REVIEW_SHOWN = 6


def latest_open(
    outcomes: Sequence[CommitmentOutcome], shown: int = REVIEW_SHOWN
) -> tuple[list[CommitmentOutcome], int]:
    """``outcomes`` (oldest first) with only the latest ``shown`` still open kept, every one
    already decided kept too; and how many older open ones wait."""
    still_open = [o for o in outcomes if o.state is CommitmentState.OPEN]
    hidden = {o.commitment.id for o in still_open[: max(0, len(still_open) - shown)]}
    return [o for o in outcomes if o.commitment.id not in hidden], len(hidden)


class CommitmentOutcomes:
    """Commitments with how they went, read from storage (read only)."""

    def __init__(self, repo: CommitmentRepo) -> None:
        self._repo = repo

    def made_in(self, checkin_id: int) -> list[CommitmentOutcome]:
        """The commitments made in one check-in, each with how it went (empty: none, or no such
        check-in)."""
        found = self._repo.made_in(checkin_id)
        if found is None:
            return []
        week, made = found
        return self.outcomes([(week, c) for c in made])

    def to_review(
        self, checkin_id: int, among: Collection[int] | None = None
    ) -> list[CommitmentOutcome]:
        """What the review step of check-in ``checkin_id`` offers: every earlier commitment not
        yet looked back on, kept for another week or let go of (however many weeks ago it was
        made), and those it already decided. Oldest first.

        ``among``: the people checking in; a commitment neither made by nor to one of them
        waits for a week they are there (it is not lost, only not offered)."""
        made = self._repo.to_review(checkin_id)
        if among is not None:
            made = [(w, c) for w, c in made if c.owner_id in among or c.to_id in among]
        return self.outcomes(made)

    def outcomes(self, made: Sequence[tuple[dt.date, Commitment]]) -> list[CommitmentOutcome]:
        """Each (week made, commitment) with what it carries on as, if it was kept going."""
        carried = self._repo.carried_on(c.id for _, c in made)
        return [CommitmentOutcome(c, week, carried.get(c.id)) for week, c in made]


def line_of(outcome: CommitmentOutcome, names: Mapping[int, str]) -> CommitmentLine:
    """An outcome by name (``names``: profile id → name), as the summary, the CSV and the
    screens word it."""
    made = outcome.commitment
    return CommitmentLine(
        outcome.week,
        names.get(made.owner_id, "—"),
        names.get(made.to_id, "—"),
        made.text,
        outcome.partner_view,
        own_review=outcome.own_view,
        one_voice=outcome.one_voice,
        state=outcome.state,
        new_words=outcome.new_words,
    )


def lines_of(
    outcomes: Iterable[CommitmentOutcome], names: Mapping[int, str]
) -> tuple[CommitmentLine, ...]:
    return tuple(line_of(o, names) for o in outcomes)


def how_it_went(outcome: CommitmentOutcome, names: Mapping[int, str]) -> str:
    """How it went in words: "Sam: Partly · Alex: Kept · kept for another week" (both voices
    side by side, never added up), "Kept" for one voice, "not reviewed yet" when nobody said."""
    return _how_it_went(line_of(outcome, names))
