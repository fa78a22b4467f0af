"""Export assembly (issue 5): the therapy summary, the score table and the whole-data dump,
rendered by the ``export`` package and written atomically.

Consent (DESIGN.md, "Visibility and consent"): private records appear only for the one person
named in ``include_private``, whose key must be unlocked in this process, and only the kinds
they chose in ``private_kinds``: private answers, journal entries and safety answers are three
separate choices, and safety answers are never in by default. Everyone else's private text is
never opened. Private packs and items
(crossroads) are sealed like private answers, so they follow the same rule; module scores that
are shared appear in a short "Modules" section.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from trustcheck import __version__, messages
from trustcheck.core.clock import week_start
from trustcheck.core.errors import UserError
from trustcheck.core.models import AREA_TITLES, AREAS, ItemKind, Profile, Review, Visibility
from trustcheck.export import FORMATS, Format, Kind
from trustcheck.export.fmt import day
from trustcheck.export.model import (
    AreaRow,
    ChangeLine,
    CommitmentLine,
    GapRow,
    ItemGapRow,
    KeptRow,
    PersonSummary,
    PrivateSection,
    ScoreRow,
    Summary,
    TextItem,
)
from trustcheck.storage import files
from trustcheck.storage.repos import (
    ANSWERS_TABLE,
    JOURNAL_TABLE,
    ExportRepo,
    TransferRepo,
    WrittenAnswer,
    decode_body,
    private_answer_id,
)

if TYPE_CHECKING:
    # Only the JSON dump needs these at run time (imported there): a summary does not pay them.
    from trustcheck.core.trends import TrendReport
    from trustcheck.services import Services
    from trustcheck.services.safety import SafetyRecord
    from trustcheck.transfer.format import Dump, DumpPrivate

#: The summary's period when none is asked for: what a therapist can take in at a glance.
DEFAULT_SUMMARY_WEEKS = 12
#: The open prompt whose answers are topics for therapy (``data/packs/weekly.toml``).
THERAPY_ITEM = "open.therapy"
#: How many of the largest gaps page one lists (areas, and statements).
GAPS_SHOWN = 3
_WEEK = dt.timedelta(weeks=1)

#: A summary's start and end are the means of this many first and last scored weeks.
END_WEEKS = 3

#: Progress reports: (what is happening, share done 0–1).
Progress = Callable[[str, float], None]


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


@dataclass(frozen=True, slots=True)
class ExportResult:
    format: Format
    data: str | bytes
    #: Things worth telling the person (damaged private records left out), one line each.
    notes: tuple[str, ...] = ()

    def as_bytes(self) -> bytes:
        return self.data if isinstance(self.data, bytes) else self.data.encode("utf-8")


def period_ends(values: Iterable[float | None]) -> tuple[float | None, float | None]:
    """The start and end of a period: the means of the first and last :data:`END_WEEKS` scored
    weeks (half of them each when there are fewer than twice as many; the one score when there
    is one), so a single unusual week never decides them. Gaps are left out, never zeros."""
    present = [v for v in values if v is not None]
    if not present:
        return None, None
    k = min(END_WEEKS, max(1, len(present) // 2))
    return math.fsum(present[:k]) / k, math.fsum(present[-k:]) / k


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
        self.transfer = TransferRepo(services._db)

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

    # --- the summary ----------------------------------------------------------------------------
    def summary(self, request: ExportRequest) -> Summary:
        """The therapy summary over the requested period (page one, and later pages if chosen)."""
        from trustcheck.export.sparkline import render_sparkline

        services = self.services
        report = services.trends.report(weeks=self.weeks_for(request, FORMATS["md"]))
        people = report.people
        names = tuple(p.name for p in people)
        today = services.clock.now().date()
        title = (
            messages.EXPORT_TITLE_FOR.format(names=" and ".join(names))
            if names
            else messages.EXPORT_TITLE
        )
        persons = tuple(
            PersonSummary(
                name=p.profile.name,
                checkins=p.checkins,
                index=p.index.points,
                sparkline=render_sparkline(p.index.values(), 52, low=0.0, high=100.0),
                latest=p.index.latest,
                mean=p.index.mean,
                overall=p.overall.points,
                areas=tuple(
                    (AREA_TITLES.get(area, area), series.points) for area, series in p.areas.items()
                ),
            )
            for p in report.persons
        )
        start, end = report.start, report.end
        private = request.private_person
        kinds = request.private_kinds
        if start is None or end is None or not report.checkins:
            # A page of "none" helps nobody: say so, and write nothing (issue 14).
            raise ExportError(messages.EXPORT_NOTHING_IN_PERIOD)
        weeks_text = (
            messages.RANGE_ONE_WEEK
            if len(report.weeks) == 1
            else messages.RANGE_WEEKS.format(n=len(report.weeks))
        )
        checkins_text = (
            messages.RANGE_ONE_CHECKIN
            if report.checkins == 1
            else messages.RANGE_CHECKINS.format(n=report.checkins)
        )
        period = (
            f"{day(start)} – {day(end + dt.timedelta(days=6))} · {weeks_text} · {checkins_text}"
        )
        # Only what this summary shows: topics, the shared notes when asked for, and the sealed
        # answers of the one person whose private data goes in.
        shown = {Visibility.THERAPY}
        if request.include_notes:
            shown.add(Visibility.SHARED)
        sealed_of = private.id if private and PrivateKind.ANSWERS in kinds else None
        written = self.repo.written_between(start, end, visibilities=shown, sealed_of=sealed_of)
        by_id = {p.id: p for p in people}
        # Repeated words are counted before any item is built: 20 years of weekly topics are
        # mostly the same few sentences.
        topics = _once(
            written,
            by_id,
            lambda w: self._text_item(w, by_id, topic=True),
            lambda w: w.visibility is Visibility.THERAPY and bool(w.text) and w.profile_id in by_id,
        )
        notes = None
        if request.include_notes:
            notes = tuple(
                self._text_item(w, by_id)
                for w in written
                if w.visibility is Visibility.SHARED and w.text and w.profile_id in by_id
            )
        section = None
        if private is not None:
            section, therapy_entries = self._private(private, kinds, written, start)
            topics.extend(therapy_entries)
            topics.sort(key=lambda t: t.when)
        return Summary(
            title=title,
            names=names,
            generated=today,
            start=start,
            end=end,
            weeks=len(report.weeks),
            checkins=report.checkins,
            period=period,
            persons=persons,
            areas=self._areas(report),
            modules=self._modules(report),
            changes=tuple(ChangeLine(c.sentence) for c in report.changes),
            method=report.method,
            headline=self._headline(report, start, end, today),
            gaps=self._gaps(report),
            item_gaps=self._item_gaps(people, start, end),
            kept=self._kept(people, start, end),
            commitments=self._commitments(people, start, end),
            topics=tuple(topics),
            notes=notes,
            private=section,
            included=self._included(request),
            left_out=self._left_out(request, people),
            trend_notes=report.notes,
        )

    def _text_item(
        self, w: WrittenAnswer, by_id: dict[int, Profile], *, topic: bool = False
    ) -> TextItem:
        # As a topic, the therapy prompt's own wording would only repeat the heading.
        label = (
            ""
            if topic and w.item_id == THERAPY_ITEM
            else self._label(w.pack_id, w.item_id, w.pack_version)
        )
        return TextItem(name=by_id[w.profile_id].name, when=w.week, label=label, text=w.text or "")

    def _label(self, pack_id: str, item_id: str, version: int = 0) -> str:
        """The prompt as it was worded when answered; a module's prompt names its module."""
        prompt, _, module = self.services.checkins.private_display(pack_id, version, item_id, None)
        return f"{module}: {prompt}" if module else prompt

    def _modules(self, report: TrendReport) -> tuple[AreaRow, ...]:
        """Switched-on, shared modules' own areas: each person's first and latest score."""
        rows = []
        for m in report.modules:
            starts, ends = [], []
            for p in report.persons:
                start, end = period_ends(p.modules[m.key].values())
                starts.append(start)
                ends.append(end)
            title = m.title if m.title.startswith(m.pack_title) else f"{m.pack_title}: {m.title}"
            rows.append(AreaRow(f"{m.pack_id}:{m.area}", title, tuple(starts), tuple(ends)))
        return tuple(rows)

    def _areas(self, report: TrendReport) -> tuple[AreaRow, ...]:
        marks: dict[tuple[int, str], str] = {}
        for c in report.changes:
            marks[(c.profile.id, c.area)] = "↑" if c.change.verdict == "rise" else "↓"
        rows = []
        for area in AREAS:
            if not report.persons or area not in report.persons[0].areas:
                continue
            starts, ends = [], []
            for p in report.persons:
                start, end = period_ends(p.areas[area].values())
                starts.append(start)
                ends.append(end)
            rows.append(
                AreaRow(
                    area=area,
                    title=AREA_TITLES.get(area, area),
                    start=tuple(starts),
                    end=tuple(ends),
                    marks=tuple(marks.get((p.profile.id, area), "") for p in report.persons),
                )
            )
        return tuple(rows)

    def _gaps(self, report: TrendReport) -> tuple[GapRow, ...]:
        """Per area, the mean of each partner and of ``|A − B|`` over the weeks both answered."""
        if len(report.persons) != 2:
            return ()
        a, b = report.persons
        rows = []
        for area in AREAS:
            if area not in a.areas:
                continue
            pairs = [
                (x, y)
                for x, y in zip(a.areas[area].values(), b.areas[area].values(), strict=True)
                if x is not None and y is not None
            ]
            if not pairs:
                continue
            n = len(pairs)
            rows.append(
                GapRow(
                    title=AREA_TITLES.get(area, area),
                    a=math.fsum(x for x, _ in pairs) / n,
                    b=math.fsum(y for _, y in pairs) / n,
                    gap=math.fsum(abs(x - y) for x, y in pairs) / n,
                )
            )
        rows.sort(key=lambda r: -r.gap)
        return tuple(rows[:GAPS_SHOWN])

    def _headline(
        self, report: TrendReport, start: dt.date, end: dt.date, today: dt.date
    ) -> str:
        """The trust index's rises and falls in the period, dated (``export.headline``): the
        couple's mean index, or the one person's; judged on the whole history up to each week."""
        from trustcheck.core.change import episodes
        from trustcheck.core.stats import couple_view
        from trustcheck.export.headline import headline

        persons = self.services.trends.history().persons
        if len(persons) == 2:
            series = [(c.week, c.mean) for c in couple_view(persons[0].index, persons[1].index)]
            who = messages.EXPORT_HEADLINE_WHO_COUPLE
        elif len(persons) == 1:
            series = list(persons[0].index)
            who = messages.EXPORT_HEADLINE_WHO_SOLO.format(name=persons[0].profile.name)
        else:
            return ""
        # New questions are not a change in trust: each change of version restarts the baseline.
        restarts = sorted({w for p in persons for w in p.version_changes})
        found = episodes(series, start, end, restarts=restarts)
        return headline(found, who, len(report.weeks), today.year)

    def _item_gaps(
        self, people: Sequence[Profile], start: dt.date, end: dt.date
    ) -> tuple[ItemGapRow, ...]:
        """The scale statements the partners answered most differently, largest gap first."""
        if len(people) != 2:
            return ()
        a, b = people
        packs = self.services.packs
        rows = []
        for g in self.repo.item_gaps_between(start, end, a.id, b.id):
            answered = packs.answered(g.pack_id, g.pack_version)
            if answered is None or answered.private:
                continue
            item = next((i for i in answered.items if i.id == g.item_id), None)
            if item is None or item.kind is not ItemKind.SCALE or item.private:
                continue
            rows.append(ItemGapRow(item.text, g.a, g.b, g.gap))
        rows.sort(key=lambda r: -r.gap)
        return tuple(r for r in rows[:GAPS_SHOWN] if r.gap > 0)

    def _kept(self, people: Sequence[Profile], start: dt.date, end: dt.date) -> tuple[KeptRow, ...]:
        counts = {p.id: {r: 0 for r in Review} for p in people}
        for owner, review, n in self.repo.review_counts_between(start, end):
            if owner in counts:
                counts[owner][review] += n
        return tuple(
            KeptRow(
                p.name,
                counts[p.id][Review.KEPT],
                counts[p.id][Review.PARTLY],
                counts[p.id][Review.NOT_YET],
            )
            for p in people
        )

    def _commitments(
        self, people: Sequence[Profile], start: dt.date, end: dt.date
    ) -> tuple[CommitmentLine, ...]:
        names = {p.id: p.name for p in people}
        return tuple(
            CommitmentLine(
                m.week, names.get(m.owner_id, "—"), names.get(m.to_id, "—"), m.text, m.review
            )
            for m in self.repo.commitments_made_between(start, end)
        )

    def _private(
        self,
        person: Profile,
        kinds: frozenset[PrivateKind],
        written: Sequence[WrittenAnswer],
        start: dt.date,
    ) -> tuple[PrivateSection, list[TextItem]]:
        """One person's chosen kinds of private records in the period (their key unlocked)."""
        answers, damaged = (
            self._private_answers(person, written) if PrivateKind.ANSWERS in kinds else (None, 0)
        )
        journal: list[TextItem] | None = None
        therapy: list[TextItem] = []
        if PrivateKind.JOURNAL in kinds:
            journal, therapy, broken = self._journal(person, start)
            damaged += broken
        safety: tuple[TextItem, ...] | None = None
        if PrivateKind.SAFETY in kinds:
            records, broken = self._safety(person)
            damaged += broken
            safety = tuple(
                TextItem(
                    person.name,
                    r.answered_at.astimezone().date(),
                    "",
                    messages.EXPORT_SAFETY_YES if r.answer == "yes" else messages.EXPORT_SAFETY_NO,
                    weekly=False,
                )
                for r in records
                if r.answered_at.astimezone().date() >= start
            )
        section = PrivateSection(
            person.name,
            None if answers is None else tuple(answers),
            None if journal is None else tuple(journal),
            damaged,
            safety,
        )
        return section, therapy

    def _private_answers(
        self, person: Profile, written: Sequence[WrittenAnswer]
    ) -> tuple[list[TextItem], int]:
        """The person's own sealed answers among ``written``, opened; and how many did not open."""
        from trustcheck.storage.crypto import DamagedRecord

        ring = self.services.keys.ring
        mine = [w for w in written if w.profile_id == person.id and w.sealed is not None]
        opened = ring.open_many(
            person.id,
            [(private_answer_id(w.checkin_id, w.pack_id, w.item_id), w.sealed) for w in mine],
            table=ANSWERS_TABLE,
        )
        damaged = 0
        answers = []
        checkins = self.services.checkins
        for w, text in zip(mine, opened, strict=True):
            if isinstance(text, DamagedRecord):
                damaged += 1
                continue
            prompt, shown, module = checkins.private_display(
                w.pack_id, w.pack_version, w.item_id, text
            )
            label = f"{module}: {prompt}" if module else prompt
            answers.append(TextItem(person.name, w.week, label, shown or ""))
        return answers, damaged

    def _journal(
        self, person: Profile, start: dt.date
    ) -> tuple[list[TextItem], list[TextItem], int]:
        """The person's journal entries from ``start``, those marked for therapy, and how many
        did not open."""
        since = dt.datetime.combine(start, dt.time()).astimezone()
        listing = self.services.journal.entries(person.id, since=since)
        journal: list[TextItem] = []
        therapy: list[TextItem] = []
        # From the period's start up to today: what was written since the last check-in
        # is often what most needs bringing.
        for entry in reversed(listing.entries):  # oldest first
            when = entry.written_at.astimezone().date()
            meta = []
            if entry.rating is not None:
                meta.append(f"{entry.rating}/10")
            meta.extend(f"#{t}" for t in entry.tags)
            if entry.for_therapy:
                meta.append(messages.JOURNAL_COL_THERAPY.lower())
            item = TextItem(
                person.name, when, messages.EXPORT_JOURNAL, entry.text, " ".join(meta), weekly=False
            )
            journal.append(item)
            if entry.for_therapy:
                therapy.append(item)
        return journal, therapy, len(listing.damaged)

    def _safety(self, person: Profile) -> tuple[list[SafetyRecord], int]:
        """The person's own safety answers (their key unlocked), and 1 if they did not open."""
        from trustcheck.storage.crypto import DamagedRecord

        try:
            return self.services.safety.history(person.id), 0
        except DamagedRecord:
            return [], 1

    def _included(self, request: ExportRequest) -> tuple[str, ...]:
        out = [
            messages.EXPORT_WHAT_SCORES,
            messages.EXPORT_WHAT_COMMITMENTS,
            messages.EXPORT_WHAT_TOPICS,
        ]
        if request.include_notes:
            out.append(messages.EXPORT_WHAT_NOTES)
        person = request.private_person
        if person is not None:
            for kind, what in _KIND_WORDS:
                if kind in request.private_kinds:
                    out.append(what.format(name=person.name))
        return tuple(out)

    def _left_out(self, request: ExportRequest, people: Sequence[Profile]) -> tuple[str, ...]:
        out = []
        if not request.include_notes:
            out.append(messages.EXPORT_WHAT_NOTES)
        chosen = request.private_person
        for p in people:
            if chosen is None or p.id != chosen.id:
                out.append(messages.EXPORT_WHAT_OTHERS_PRIVATE.format(name=p.name))
                continue
            for kind, what in _KIND_WORDS:
                if kind not in request.private_kinds:
                    out.append(what.format(name=p.name))
        return tuple(out)

    # --- the score table ------------------------------------------------------------------------
    def table(self, request: ExportRequest) -> list[ScoreRow]:
        """One row per person, week and area (the five areas, the trust index, overall trust)."""
        report = self.services.trends.report(weeks=self.weeks_for(request, FORMATS["csv"]))
        if not report.checkins:
            raise ExportError(messages.EXPORT_NOTHING_IN_PERIOD)
        rows: list[ScoreRow] = []
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
        return rows

    # --- the whole data -------------------------------------------------------------------------
    def dump(
        self,
        include_private: Profile | None = None,
        kinds: frozenset[PrivateKind] = frozenset(),
    ) -> tuple[Dump, int]:
        """Every shared record, and the chosen ``kinds`` of ``include_private``'s private records
        opened; plus the number of that person's records that did not open (left out).

        Private answers that were not chosen are left out altogether, as everyone else's are."""
        from trustcheck.transfer.format import (
            Dump,
            DumpAnswer,
            DumpCheckin,
            DumpCommitment,
            DumpPackVersion,
            DumpProfile,
        )

        data = self.transfer.read()
        pack = self.services.pack
        areas = {i.id: i.area for i in pack.items}
        participants: dict[int, list[int]] = {}
        for cid, pid, _ in data.participants:
            participants.setdefault(cid, []).append(pid)
        answers: dict[int, list[DumpAnswer]] = {}
        owner = include_private.id if include_private and PrivateKind.ANSWERS in kinds else None
        for a in data.answers:
            if a[8] == Visibility.PRIVATE.value and a[1] != owner:
                # Not even the existence of someone else's private answer (or skip) goes out.
                continue
            area = areas.get(a[4]) if a[2] == pack.id else None
            answers.setdefault(a[0], []).append(
                DumpAnswer(a[1], a[2], a[3], a[4], area, a[5], a[6], a[7], a[8], a[9])
            )
        private: tuple[DumpPrivate, ...] = ()
        damaged = 0
        if include_private is not None:
            section, damaged = self._private_dump(include_private, kinds)
            private = (section,)
        dump = Dump(
            exported_at=self.services.clock.now().isoformat(timespec="seconds"),
            app_version=__version__,
            profiles=tuple(DumpProfile(*p) for p in data.profiles),
            checkins=tuple(
                DumpCheckin(
                    *c,
                    participants=tuple(participants.get(c[0], ())),
                    answers=tuple(answers.get(c[0], ())),
                )
                for c in data.checkins
            ),
            commitments=tuple(DumpCommitment(*m) for m in data.commitments),
            settings=data.settings,
            private=private,
            pack_versions=tuple(DumpPackVersion(*v) for v in data.pack_versions),
        )
        return dump, damaged

    def _private_dump(
        self, person: Profile, kinds: frozenset[PrivateKind]
    ) -> tuple[DumpPrivate, int]:
        from trustcheck.storage.crypto import DamagedRecord
        from trustcheck.transfer.format import (
            DumpPrivate,
            PrivateAnswer,
            PrivateEntry,
            PrivateSafety,
        )

        ring = self.services.keys.ring
        chosen = PrivateKind.ANSWERS in kinds
        sealed = self.services.checkins.answers.sealed_for(person.id) if chosen else []
        opened = ring.open_many(
            person.id,
            [(private_answer_id(cid, pack, item), blob) for cid, pack, item, blob in sealed],
            table=ANSWERS_TABLE,
        )
        damaged = 0
        answers = []
        for (cid, pack_id, item_id, _), text in zip(sealed, opened, strict=True):
            if isinstance(text, DamagedRecord):
                damaged += 1
            else:
                answers.append(PrivateAnswer(cid, pack_id, item_id, text))
        records = self.transfer.journal_records(person.id) if PrivateKind.JOURNAL in kinds else []
        bodies = ring.open_many(person.id, [(r[0], r[4]) for r in records], table=JOURNAL_TABLE)
        journal: list[PrivateEntry] = []
        for record, body in zip(records, bodies, strict=True):
            entry = None if isinstance(body, DamagedRecord) else decode_body(body)
            if entry is None:
                damaged += 1
                continue
            text, rating, tags, therapy = entry
            # Numbered within this person's journal (1, 2, ... oldest first), not by database
            # id: ids are shared by everyone's entries, so their gaps would count the other
            # person's. Unique within the one private section, which is all an import needs.
            number = len(journal) + 1
            journal.append(PrivateEntry(number, record[2], record[3], text, rating, tags, therapy))
        own, broken = self._safety(person) if PrivateKind.SAFETY in kinds else ([], 0)
        safety = tuple(
            PrivateSafety(r.checkin_id, r.answered_at.isoformat(timespec="seconds"), r.answer.value)
            for r in own
        )
        return DumpPrivate(person.id, tuple(answers), tuple(journal), safety), damaged + broken

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


#: Each kind of private record, as the summary's "Included" and "Left out" lines name it.
_KIND_WORDS = (
    (PrivateKind.ANSWERS, messages.EXPORT_WHAT_PRIVATE),
    (PrivateKind.JOURNAL, messages.EXPORT_WHAT_JOURNAL),
    (PrivateKind.SAFETY, messages.EXPORT_WHAT_OWN_SAFETY),
)


def _once(
    written: Iterable[WrittenAnswer],
    by_id: dict[int, Profile],
    make: Callable[[WrittenAnswer], TextItem],
    keep: Callable[[WrittenAnswer], bool],
) -> list[TextItem]:
    """The same words from the same person listed once, at their first week, with a count.

    ``keep`` picks the answers; ``make`` builds the item of each first answer only.
    """
    first: dict[tuple[str, str], WrittenAnswer] = {}
    repeats: dict[tuple[str, str], int] = {}
    for w in written:
        if not keep(w):
            continue
        key = (by_id[w.profile_id].name, " ".join((w.text or "").split()).casefold())
        if key in first:
            repeats[key] += 1
        else:
            first[key], repeats[key] = w, 0
    out = []
    for key, w in first.items():
        item = make(w)
        if repeats[key]:
            extra = messages.EXPORT_REPEATED.format(n=repeats[key])
            item = replace(item, meta=f"{item.meta} {extra}".strip())
        out.append(item)
    return out


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
