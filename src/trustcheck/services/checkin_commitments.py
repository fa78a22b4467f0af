"""The commitments step of a check-in (issue 17, section 3): looking back on each earlier
commitment in one or two voices, keeping one for another week (in its words or new ones),
letting one go, and the new ones for the coming week (up to three each, small and concrete).

The fourth layer of :class:`~trustcheck.services.checkin.CheckinService` (see there): it reads
and writes the commitments table only, and the outcomes come from ``services/commitments.py``.
"""

from __future__ import annotations

from functools import cached_property

from trustcheck import messages
from trustcheck.core.models import Checkin, Commitment, CommitmentOutcome, Review, Voice
from trustcheck.core.text import clean_line
from trustcheck.services.checkin_answers import CheckinError
from trustcheck.services.checkin_reveal import CheckinReveal
from trustcheck.services.commitments import REVIEW_SHOWN, CommitmentOutcomes, latest_open

__all__ = ["COMMITMENT_LIMIT", "MAX_COMMITMENTS", "REVIEW_SHOWN", "CheckinCommitments"]

MAX_COMMITMENTS = 3
COMMITMENT_LIMIT = 200


class CheckinCommitments(CheckinReveal):
    """What the commitments step asks of the check-in (see :class:`CheckinService`)."""

    @cached_property
    def outcomes(self) -> CommitmentOutcomes:
        """Commitments with how they went (``services/commitments.py``)."""
        return CommitmentOutcomes(self._commitments)

    def to_review(self, checkin: Checkin) -> list[Commitment]:
        """The commitments looked back on in this check-in (see :meth:`looking_back`)."""
        return [o.commitment for o in self.looking_back(checkin)]

    def looking_back(self, checkin: Checkin) -> list[CommitmentOutcome]:
        """Every earlier commitment still open, however many weeks ago it was made: one nobody
        looked back on (Continue pressed past it) comes back next week rather than being lost.
        Those decided in this check-in stay in the list, with what was decided."""
        return self.outcomes.to_review(checkin.id, checkin.participant_ids)

    def review_step(self, checkin: Checkin) -> tuple[list[CommitmentOutcome], int]:
        """What the review step shows: the latest :data:`REVIEW_SHOWN` earlier commitments still
        open (oldest first) with every one already decided in this check-in, and how many older
        ones wait for a later week."""
        return latest_open(self.looking_back(checkin))

    def review(
        self,
        checkin: Checkin,
        commitment_id: int,
        review: Review | None,
        voice: Voice = Voice.PARTNER,
    ) -> None:
        """One voice's view of how it went: the person it was made to (``PARTNER``, the one
        voice of a commitment to oneself) or the person who made it (``OWN``)."""
        made = self._commitments.get(commitment_id)
        if made is not None and made.one_voice:
            voice = Voice.PARTNER
        self._commitments.review(commitment_id, review, checkin.id, self.clock.now(), voice)

    def keep_going(
        self, checkin: Checkin, commitment_id: int, raw_text: str | None = None
    ) -> Commitment:
        """Keep an earlier commitment for another week: it carries on in this check-in's set,
        linked to the original, in its own words or in new ones (``raw_text``). The original
        keeps the words it was made in. Asked again, it changes the words it carries on in."""
        original = self._earlier(checkin, commitment_id)
        text = original.text if raw_text is None else self._commitment_text(raw_text)
        for made in self._commitments.set_in(checkin.id):
            if made.carried_from == original.id:
                self._commitments.reword(made.id, text)
                return made._replace(text=text)
        mine = [c for c in self._commitments.set_in(checkin.id) if c.owner_id == original.owner_id]
        if len(mine) >= MAX_COMMITMENTS:
            name = self._profiles.get(original.owner_id).name
            raise CheckinError(messages.COMMITMENT_LIMIT_KEEP.format(name=name))
        if original.dropped_in is not None:
            self._commitments.drop(original.id, None)
        return self._commitments.add(
            checkin.id,
            original.owner_id,
            original.to_id,
            text,
            self.clock.now(),
            carried_from=original.id,
        )

    def let_go(self, checkin: Checkin, commitment_id: int) -> None:
        """Let an earlier commitment go, kindly: not a review and never counted as not kept."""
        original = self._earlier(checkin, commitment_id)
        self._stop_carrying(checkin, original.id)
        self._commitments.drop(original.id, checkin.id)

    def reopen(self, checkin: Checkin, commitment_id: int) -> None:
        """Take back keeping it going or letting it go (its voices stay as given)."""
        original = self._earlier(checkin, commitment_id)
        self._stop_carrying(checkin, original.id)
        if original.dropped_in is not None:
            self._commitments.drop(original.id, None)

    def _stop_carrying(self, checkin: Checkin, commitment_id: int) -> None:
        for made in self._commitments.set_in(checkin.id):
            if made.carried_from == commitment_id:
                self._commitments.delete(made.id)

    def _earlier(self, checkin: Checkin, commitment_id: int) -> Commitment:
        made = self._commitments.get(commitment_id)
        if made is None or made.checkin_id == checkin.id:
            raise CheckinError(messages.COMMITMENT_GONE)
        return made

    @staticmethod
    def _commitment_text(raw_text: str) -> str:
        text = clean_line(raw_text)
        if not text:
            raise CheckinError(messages.COMMITMENT_EMPTY)
        if len(text) > COMMITMENT_LIMIT:
            raise CheckinError(messages.TEXT_TOO_LONG.format(limit=COMMITMENT_LIMIT))
        return text

    def new_commitments(self, checkin: Checkin) -> list[Commitment]:
        return self._commitments.set_in(checkin.id)

    def add_commitment(self, checkin: Checkin, owner_id: int, raw_text: str) -> Commitment:
        text = self._commitment_text(raw_text)
        mine = [c for c in self._commitments.set_in(checkin.id) if c.owner_id == owner_id]
        if len(mine) >= MAX_COMMITMENTS:
            raise CheckinError(messages.COMMITMENT_LIMIT)
        others = [pid for pid in checkin.participant_ids if pid != owner_id]
        to_id = others[0] if others else owner_id
        return self._commitments.add(checkin.id, owner_id, to_id, text, self.clock.now())

    def remove_commitment(self, commitment_id: int) -> None:
        self._commitments.delete(commitment_id)
