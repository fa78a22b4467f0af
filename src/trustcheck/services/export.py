"""Export (issue 5): one entry point for every format. The therapy summary is assembled in
``services.summary``, the whole-data dump in ``services.dump``, the score table here; the
``export`` package renders them and :func:`write_atomic` writes the file.

Consent (DESIGN.md, "Visibility and consent"): private records appear only for the one person
named in ``include_private``, whose key must be unlocked in this process, and only the kinds
they chose in ``private_kinds``: private answers, journal entries and safety answers are three
separate choices, and safety answers are never in by default. Everyone else's private text is
never opened. Private packs and items (crossroads) are sealed like private answers, so they
follow the same rule.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from trustcheck import messages
from trustcheck.core.clock import week_start
from trustcheck.core.models import Profile
from trustcheck.export import FORMATS, Format, Kind
from trustcheck.export.model import CommitmentRow, ScoreRow, Summary
from trustcheck.services.export_request import (
    DEFAULT_SUMMARY_WEEKS,
    ExportError,
    ExportRequest,
    ExportResult,
    FileExists,
    PrivateKind,
)
from trustcheck.storage import files
from trustcheck.storage.repos.summary import ExportRepo

if TYPE_CHECKING:
    from trustcheck.services import Services
    from trustcheck.transfer.format import Dump

#: Progress reports: (what is happening, share done 0–1).
Progress = Callable[[str, float], None]


def _noop(_what: str, _done: float) -> None:
    return None


def font_dir() -> Path:
    from trustcheck.paths import builtin_data_dir

    return builtin_data_dir() / "fonts"


class ExportService:
    """Builds what each format needs from the services, and hands it to the format's renderer."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.repo = ExportRepo(services._db)  # the service layer's own database

    def summary(self, request: ExportRequest) -> Summary:
        """The therapy summary over the requested period (``services.summary``)."""
        from trustcheck.services.summary import SummaryBuilder

        weeks = self.weeks_for(request, FORMATS["md"])
        return SummaryBuilder(self.services, self.repo).summary(request, weeks)

    def dump(
        self, include_private: Profile | None = None, kinds: frozenset[PrivateKind] = frozenset()
    ) -> tuple[Dump, int]:
        """Every shared record, and the chosen kinds of one person's private records
        (``services.dump``); plus how many of theirs did not open."""
        from trustcheck.services.dump import DumpBuilder
        from trustcheck.storage.repos.transfer import TransferRepo

        transfer = TransferRepo(self.services._db)  # the service layer's own database
        return DumpBuilder(self.services, transfer).dump(include_private, kinds)

    # --- the period -----------------------------------------------------------------------------
    def weeks_for(self, request: ExportRequest, fmt: Format) -> int | None:
        if request.weeks is not None and request.since is not None:
            raise ExportError(messages.EXPORT_WEEKS_AND_SINCE)
        if request.weeks is not None:
            if request.weeks < 1:
                raise ExportError(messages.TRENDS_BAD_WEEKS)
            return request.weeks
        if request.since is not None:
            end = self.services.trends.report().end
            if end is None:
                return None
            weeks = (end - week_start(request.since)).days // 7 + 1
            if weeks < 1:
                raise ExportError(messages.EXPORT_SINCE_FUTURE.format(value=request.since))
            return weeks
        return DEFAULT_SUMMARY_WEEKS if fmt.kind is Kind.SUMMARY else None

    # --- the score table ------------------------------------------------------------------------
    def table(self, request: ExportRequest) -> list[ScoreRow | CommitmentRow]:
        """One row per person, week and area (the five areas, the trust index, overall trust),
        then one row per commitment made in the period, with how it went in both voices."""
        report = self.services.trends.report(weeks=self.weeks_for(request, FORMATS["csv"]))
        if not report.checkins:
            raise ExportError(messages.EXPORT_NOTHING_IN_PERIOD)
        rows: list[ScoreRow | CommitmentRow] = []
        for k, week in enumerate(report.weeks):
            for p in report.persons:
                name = p.profile.name
                for area, series in p.areas.items():
                    rows.append(ScoreRow(week, name, area, series.points[k].value, "0-100"))
                rows.append(ScoreRow(week, name, "trust_index", p.index.points[k].value, "0-100"))
                rows.append(ScoreRow(week, name, "overall", p.overall.points[k].value, "0-10"))
                for m in report.modules:  # shared modules only; never in the trust index
                    value = p.modules[m.key].points[k].value
                    rows.append(ScoreRow(week, name, f"{m.pack_id}:{m.area}", value, "0-100"))
        if report.weeks:
            from trustcheck.services.commitments import lines_of

            made, _ = self.repo.commitments_made_between(report.weeks[0], report.weeks[-1], None)
            outcomes = self.services.commitments.outcomes(made)
            names = {p.profile.id: p.profile.name for p in report.persons}
            rows.extend(CommitmentRow(line) for line in lines_of(outcomes, names))
        return rows

    # --- rendering and writing ------------------------------------------------------------------
    def render(self, request: ExportRequest, progress: Progress = _noop) -> ExportResult:
        """The export in the requested format, as text or bytes."""
        fmt = FORMATS.get(request.fmt.lower())
        if fmt is None:
            raise ExportError(
                messages.EXPORT_UNKNOWN_FORMAT.format(name=request.fmt, formats=", ".join(FORMATS))
            )
        if fmt.kind is Kind.DUMP and (request.weeks is not None or request.since is not None):
            raise ExportError(messages.EXPORT_JSON_PERIOD)
        person = request.private_person
        if person is not None:
            # The caller unlocked this person; nobody else's key is ever used here.
            self.services.keys.ring.key(person.id)
        progress(messages.EXPORT_PROGRESS, 0.05)
        notes: list[str] = []
        renderer = fmt.renderer()
        progress(messages.EXPORT_PROGRESS, 0.15)
        data: str | bytes
        if fmt.kind is Kind.DUMP:
            dump, damaged = self.dump(person, request.private_kinds)
            progress(messages.EXPORT_PROGRESS, 0.6)
            data = renderer(dump)
            if damaged and person is not None:
                notes.append(messages.EXPORT_DAMAGED.format(n=damaged, name=person.name))
        elif fmt.kind is Kind.TABLE:
            rows = self.table(request)
            progress(messages.EXPORT_PROGRESS, 0.6)
            data = renderer(rows)
        else:
            summary = self.summary(request)
            progress(messages.EXPORT_PROGRESS, 0.6)
            data = renderer(summary, font_dir()) if fmt.binary else renderer(summary)
            if summary.private is not None and summary.private.damaged:
                notes.append(
                    messages.EXPORT_DAMAGED.format(n=summary.private.damaged, name=person.name)
                    if person
                    else ""
                )
        progress(messages.EXPORT_PROGRESS, 0.9)
        return ExportResult(fmt, data, tuple(n for n in notes if n))


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` so that it is either the old file, or the whole new one.

    Through storage's one atomic writer (``storage.files``), mode 0600; an existing file is
    never replaced unconfirmed (``force``). Its errors are worded here for the person.
    """
    path = path.expanduser()
    try:
        return files.write_atomic(path, data, overwrite=force)
    except files.TargetExists:
        raise FileExists(messages.EXPORT_EXISTS.format(path=path)) from None
    except OSError as exc:  # e.g. a name longer than the file system allows, a full disk
        reason = exc.strerror or exc
        raise ExportError(messages.EXPORT_WRITE_FAILED.format(path=path, reason=reason)) from exc


__all__ = [
    "DEFAULT_SUMMARY_WEEKS",
    "ExportError",
    "ExportRequest",
    "ExportResult",
    "ExportService",
    "FileExists",
    "PrivateKind",
    "Progress",
    "write_atomic",
]
