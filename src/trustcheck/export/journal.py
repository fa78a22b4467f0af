"""One person's journal on its own, as Markdown or JSON (``trustcheck journal export``, issue
17 §4): written only after their passphrase, for themselves. Text in, text out, no I/O."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from trustcheck import messages
from trustcheck.core.clock import day_label
from trustcheck.core.models import JournalEntry
from trustcheck.core.text import json_safe
from trustcheck.export.fmt import clean
from trustcheck.export.markdown import block, escape

#: The JSON file's kind and version: a reader checks both.
JOURNAL_FORMAT = "trustcheck-journal"
JOURNAL_FORMAT_VERSION = 1


def _when(entry: JournalEntry) -> str:
    moment = entry.written_at.astimezone()
    return f"{moment.day} {moment:%b %Y}, {moment:%H:%M}"


def journal_markdown(name: str, entries: Sequence[JournalEntry], exported: dt.date) -> str:
    """Oldest first, each entry under its date: rating, tags and the therapy flag beside it."""
    lines = [f"# {escape(messages.JOURNAL_EXPORT_TITLE.format(name=name))}", ""]
    note = messages.JOURNAL_EXPORT_NOTE.format(n=len(entries), day=day_label(exported))
    lines.append(escape(note))
    for entry in sorted(entries, key=lambda e: (e.written_at, e.id)):
        meta = [_when(entry)]
        if entry.rating is not None:
            meta.append(f"rating {entry.rating}/10")
        meta.extend(f"#{clean(t)}" for t in entry.tags)
        if entry.for_therapy:
            meta.append("for therapy")
        lines += ["", f"## {escape(' · '.join(meta))}", "", block(entry.text, indent="")]
    return "\n".join(lines) + "\n"


def journal_json(name: str, entries: Sequence[JournalEntry], exported: dt.datetime) -> str:
    """Every entry, oldest first, with its time, rating, tags and therapy flag."""
    data = {
        "format": JOURNAL_FORMAT,
        "format_version": JOURNAL_FORMAT_VERSION,
        "person": name,
        "exported_at": exported.isoformat(timespec="seconds"),
        "entries": [
            {
                "written_at": e.written_at.isoformat(timespec="seconds"),
                "text": e.text,
                "rating": e.rating,
                "tags": list(e.tags),
                "for_therapy": e.for_therapy,
            }
            for e in sorted(entries, key=lambda e: (e.written_at, e.id))
        ],
    }
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
