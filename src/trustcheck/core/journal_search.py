"""Finding journal entries: every word, any order; tags by name; a range of days (issue 17 §4).

The same rules on the command line (``journal list --contains WORDS --tag TAG --from --to``) and
in the journal screen's search box, where ``#trust`` is a tag and every other word must appear.
Words match inside the text or a tag, in any case; a tag matches a whole tag, in any case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from trustcheck.core.models import JournalEntry


class Search(NamedTuple):
    #: Every one must appear in the entry's text or one of its tags (case aside).
    words: tuple[str, ...] = ()
    #: Every one must be one of the entry's tags (case aside, without ``#``).
    tags: tuple[str, ...] = ()
    #: The first and last day written (local dates), each None for open-ended.
    start: dt.date | None = None
    end: dt.date | None = None

    @classmethod
    def of(
        cls,
        words: Iterable[str] = (),
        tags: Iterable[str] = (),
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> Search:
        """A search from what was typed: words split on spaces, tags with or without ``#``."""
        return cls(
            tuple(w.casefold() for text in words for w in text.split()),
            tuple(t.strip().lstrip("#").casefold() for t in tags if t.strip().lstrip("#")),
            start,
            end,
        )

    @classmethod
    def parse(cls, text: str) -> Search:
        """The search box: ``#tag`` tokens are tags, every other token a word."""
        tokens = text.split()
        tags = [t for t in tokens if t.startswith("#") and len(t) > 1]
        return cls.of([t for t in tokens if t not in tags], tags)

    @property
    def empty(self) -> bool:
        return not (self.words or self.tags or self.start or self.end)

    def matches(self, entry: JournalEntry) -> bool:
        day = entry.written_at.astimezone().date()
        if (self.start and day < self.start) or (self.end and day > self.end):
            return False
        tags = [t.casefold() for t in entry.tags]
        if any(tag not in tags for tag in self.tags):
            return False
        text = entry.text.casefold()
        return all(w in text or any(w in t for t in tags) for w in self.words)
