"""How a commitment went, put into words once for everyone who says it: the review step's close,
a past week in history, and every export (Markdown, HTML, PDF). The sentences are the constants
beside this module; these small formatters only put them together, so that services and the
export renderers word an outcome alike without either importing the other.

Not gathered into ``trustcheck.messages`` by name: import the functions from here.
"""

from __future__ import annotations

from trustcheck import messages
from trustcheck.core.clock import day_label
from trustcheck.core.models import CommitmentLine, CommitmentState


def commitment_line(c: CommitmentLine) -> str:
    """``week of 7 Sep 2026: Alex to Sam: “…” — Sam: Kept · Alex: Partly · kept for another
    week`` (plain text, to be escaped): both voices side by side, never added up; one voice for a
    commitment to oneself; then whether it carried on (in which words) or was let go of."""
    return messages.EXPORT_COMMITMENT_LINE.format(
        week=f"week of {day_label(c.week)}", owner=c.owner, to=c.to, text=c.text, how=how_it_went(c)
    )


def how_it_went(c: CommitmentLine) -> str:
    """The part after the dash of :func:`commitment_line`: "Sam: Partly · Alex: Kept · kept for
    another week", "Kept" for one voice, "not reviewed yet" when nobody said."""
    parts: list[str] = []
    labels = messages.REVIEW_LABELS
    if c.one_voice:
        if c.review is not None:
            parts.append(labels[c.review.value])
    elif c.review is not None or c.own_review is not None:
        for name, view in ((c.to, c.review), (c.owner, c.own_review)):
            how = labels[view.value] if view is not None else messages.OUTCOME_NOT_SAID
            parts.append(messages.OUTCOME_VOICE.format(name=name, how=how))
    if c.state is CommitmentState.CARRIED:
        parts.append(
            messages.OUTCOME_CARRIED
            if c.new_words is None
            else messages.OUTCOME_CARRIED_AS.format(text=c.new_words)
        )
    elif c.state is CommitmentState.DROPPED:
        parts.append(messages.OUTCOME_DROPPED)
    return " · ".join(parts) if parts else messages.EXPORT_COMMITMENT_OPEN
