"""The therapy summary (issue 5, issue 14): a period's figures, changes, gaps, commitments and
topics, and one person's chosen private records, assembled for the ``export`` renderers.

Consent (DESIGN.md, "Visibility and consent"): private records appear only for the one person
named in the request, whose key is unlocked, and only the kinds they chose; everyone else's
private text is never opened.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from trustcheck import messages
from trustcheck.core.clock import day_label
from trustcheck.core.models import (
    AREA_TITLES,
    AREAS,
    ItemKind,
    Profile,
    Review,
    Visibility,
)
from trustcheck.core.stats import period_ends
from trustcheck.export.model import (
    AreaRow,
    ChangeLine,
    CommitmentLine,
    GapRow,
    ItemGapRow,
    KeptRow,
    PersonSummary,
    Summary,
    TextItem,
)
from trustcheck.services.commitments import lines_of
from trustcheck.services.export_request import ExportError, ExportRequest, PrivateKind
from trustcheck.services.summary_private import PrivateRecords
from trustcheck.storage.repos.summary import ExportRepo, ItemGap, WrittenAnswer

if TYPE_CHECKING:
    from trustcheck.core.trends import TrendReport
    from trustcheck.services import Services

#: The open prompt whose answers are topics for therapy (``data/packs/weekly.toml``).
THERAPY_ITEM = "open.therapy"
#: How many of the largest gaps page one lists (areas, and statements).
GAPS_SHOWN = 3
_WEEK = dt.timedelta(weeks=1)

#: The summary lists this many of the period's latest commitments (a 12-week period holds about
#: as many); earlier ones are counted, so ten years stay readable in two minutes.
COMMITMENTS_SHOWN = 24


class SummaryBuilder:
    """Builds a :class:`~trustcheck.export.model.Summary` from the services."""

    def __init__(self, services: Services, repo: ExportRepo) -> None:
        self.services = services
        self.repo = repo

    def summary(self, request: ExportRequest, weeks: int | None) -> Summary:
        """The therapy summary over the last ``weeks`` weeks (page one, and later pages if
        chosen)."""
        from trustcheck.export.sparkline import render_sparkline

        services = self.services
        # The statement gaps pair every answer of the period: SQLite reads them in the background
        # from the moment the period is known, while the report and the rest are built here.
        weeks_read = services.trends.period(weeks)
        couple = services.trends.history().people
        pending_gaps = (
            self.repo.item_gaps_between(*weeks_read, couple[0].id, couple[1].id)
            if weeks_read is not None and len(couple) == 2
            else None
        )
        report = services.trends.report(weeks=weeks)
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
            f"{day_label(start)} – {day_label(end + dt.timedelta(days=6))}"
            f" · {weeks_text} · {checkins_text}"
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
            section, therapy_entries = PrivateRecords(self.services).section(
                private, kinds, written, start
            )
            topics.extend(therapy_entries)
            topics.sort(key=lambda t: t.when)
        commitments, earlier = self._commitments(people, start, end)
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
            item_gaps=self._item_gaps(pending_gaps.result() if pending_gaps else []),
            kept=self._kept(people, start, end),
            commitments=commitments,
            earlier_commitments=earlier,
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

    def _headline(self, report: TrendReport, start: dt.date, end: dt.date, today: dt.date) -> str:
        """The trust index's rises and falls in the period, dated (``export.headline``): the
        couple's mean index, or the one person's; judged on the whole history up to each week."""
        from trustcheck.core.change import episodes, judge
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
        last = max((w for w in restarts if w <= end), default=None)
        judged = judge([p for p in series if p[0] <= end], since=last).verdict != "unknown"
        return headline(found, who, len(report.weeks), today.year, judged=judged)

    def _item_gaps(self, gaps: Iterable[ItemGap]) -> tuple[ItemGapRow, ...]:
        """The scale statements the partners answered most differently, largest gap first."""
        packs = self.services.packs
        rows = []
        for g in gaps:
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
    ) -> tuple[tuple[CommitmentLine, ...], int]:
        """The period's latest :data:`COMMITMENTS_SHOWN` commitments, oldest first, and how
        many earlier ones there were (counted, not read)."""
        made, total = self.repo.commitments_made_between(start, end, COMMITMENTS_SHOWN)
        names = {p.id: p.name for p in people}
        lines = lines_of(self.services.commitments.outcomes(made), names)
        return lines, total - len(lines)

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
            item = item._replace(meta=f"{item.meta} {extra}".strip())
        out.append(item)
    return out

