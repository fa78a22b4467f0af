"""The private answers a person kept in check-ins, shown read-only in their journal (``p``).

Answers marked private at a check-in are never shown to the partner; their author reads them
here, with their journal unlocked. The section is mounted only while shown and removed, with the
decrypted answers, when going back or locking (the journal screen decides when; this module only
draws them). Every answer is shown as plain text, its control characters made visible.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from trustcheck import messages
from trustcheck.core.clock import week_label
from trustcheck.core.text import visible_controls
from trustcheck.services.checkin import PrivateAnswer


class PrivateAnswers(VerticalScroll):
    """The title, what these answers are, and the answers themselves, newest first."""

    def __init__(self, answers: list[PrivateAnswer]) -> None:
        super().__init__(
            Static(messages.JOURNAL_PRIVATE_TITLE, classes="title", markup=False),
            Static(messages.JOURNAL_PRIVATE_NOTE, id="private-note", markup=False),
            Static(private_text(answers), id="private-list", markup=False),
            id="private",
        )

    def clear(self) -> None:
        """Empty the answers on screen (before the section is removed)."""
        # p twice in quick succession: the section may not have mounted its list yet.
        for answers in self.query("#private-list").results(Static):
            answers.update("")


def private_text(answers: list[PrivateAnswer]) -> Text:
    """Private check-in answers, newest first: week (and module), prompt, answer. Plain text."""
    if not answers:
        return Text(messages.JOURNAL_PRIVATE_NONE, style="dim", end="")
    out = Text(end="")
    for n, answer in enumerate(reversed(answers)):
        if n:
            out.append("\n\n")
        head = week_label(answer.week)
        head = head[:1].upper() + head[1:]
        if answer.module:
            head = f"{head} · {answer.module}"
        out.append(visible_controls(head), style="bold")
        out.append("\n")
        out.append(visible_controls(answer.prompt), style="italic")
        out.append("\n")
        if answer.text is None:
            out.append(messages.JOURNAL_PRIVATE_DAMAGED, style="bold")
        else:
            out.append(visible_controls(answer.text))
    return out
