"""What an export is asked for, and how it can fail: shared by the export service and the
summary and dump it builds (``services.export`` re-exports every name)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from trustcheck.core.errors import UserError
from trustcheck.core.models import Profile
from trustcheck.export import Format

#: The summary's period when none is asked for: what a therapist can take in at a glance.
DEFAULT_SUMMARY_WEEKS = 12


class ExportError(UserError, ValueError):
    """An export that cannot be made or written; the message is one line for the user."""


class FileExists(ExportError):
    """The output file exists and replacing it was not confirmed."""


class PrivateKind(StrEnum):
    """A kind of one person's private records; each goes into an export only by its own choice."""

    ANSWERS = "answers"
    JOURNAL = "journal"
    SAFETY = "safety"


@dataclass(frozen=True, slots=True)
class ExportRequest:
    fmt: str
    #: The last N weeks; None: the default (12 weeks for a summary, everything for CSV).
    weeks: int | None = None
    #: From the week holding this date; excludes ``weeks``.
    since: dt.date | None = None
    include_notes: bool = False
    #: The one person whose private records go in (their key unlocked) ...
    include_private: Profile | None = None
    #: ... and which kinds of them: each its own choice, none by default.
    private_kinds: frozenset[PrivateKind] = frozenset()

    @property
    def private_person(self) -> Profile | None:
        """The person whose private records go in: None when no kind of them was chosen."""
        return self.include_private if self.private_kinds else None


class ExportResult(NamedTuple):
    format: Format
    data: str | bytes
    #: Things worth telling the person (damaged private records left out), one line each.
    notes: tuple[str, ...] = ()

    def as_bytes(self) -> bytes:
        return self.data if isinstance(self.data, bytes) else self.data.encode("utf-8")
