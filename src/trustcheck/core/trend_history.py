"""A person's history as weekly series, built from the stored rows (see ``core.trends``).

Pure: the rows come from ``storage`` through ``services.trends``. Every area score is
``core.scoring``'s (:class:`~trustcheck.core.scoring.AreaKey` over the raw values).
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType
from typing import NamedTuple

from trustcheck.core.models import AREAS, OVERALL, ItemKind, Pack, Profile, Review
from trustcheck.core.scoring import (
    MIN_ANSWERED_SHARE,
    NOT_THIS_WEEK_STORED,
    SCORING_REVISION,
    AreaKey,
    trust_index_of,
)
from trustcheck.core.trends import (
    History,
    ModuleKey,
    ModuleTrendArea,
    PersonHistory,
    RatedRow,
    ScoredTurn,
    Series,
    monday,
    reviews_of,
    series_of,
)

#: A commitment review as trends read it: (owner id, week of the completed check-in it was
#: reviewed in, review).
ReviewRow = tuple[int, dt.date, Review]


class _Keys:
    """One version of the weekly pack's scored items, keyed once: its areas and the
    overall-trust rating, and the stamp that names this scoring."""

    __slots__ = ("keys", "overall_id", "stamp")

    def __init__(self, pack: Pack) -> None:
        self.keys = {
            area: AreaKey(items)
            for area in AREAS
            if (items := [i for i in pack.items_in(area) if i.kind is ItemKind.SCALE])
        }
        overall = [i for i in pack.items_in(OVERALL) if i.kind is ItemKind.RATING]
        self.overall_id = overall[0].id if overall else None
        keyed = [
            (area, key.ids, [sorted(t.items()) for t in key.tables])
            for area, key in self.keys.items()
        ]
        what = repr((SCORING_REVISION, MIN_ANSWERED_SHARE, keyed, self.overall_id))
        # A change stamp, not a seal (nothing here is secret): CRC-32 tells scorings apart.
        self.stamp = f"{zlib.crc32(what.encode()):08x}"

    def score(
        self, checkins: Sequence[Mapping[str, int]]
    ) -> tuple[dict[str, list[float | None]], list[float | None]]:
        """Each area's score and the overall rating, one per check-in (None: missing)."""
        values = {a: key.scores(key.rows(checkins)) for a, key in self.keys.items()}
        oid = self.overall_id
        ratings = [c.get(oid) for c in checkins] if oid is not None else [None] * len(checkins)
        return values, [None if r is None else float(r) for r in ratings]


class WeeklyScorer:
    """The weekly pack's scored items, keyed once per version.

    Each check-in is scored with the keys of the version it was answered under (``answered``
    gives that version's pack; issue 14), so a change of questions never re-keys history. The
    areas shown are the current pack's. A version nobody can give (answers from a newer
    trustcheck) is scored with the current keys, as before versions were told apart.
    """

    def __init__(self, pack: Pack, answered: Callable[[int], Pack | None] | None = None) -> None:
        self.pack = pack
        self._answered = answered
        self._current = _Keys(pack)
        self._by_version: dict[int, _Keys] = {pack.version: self._current}
        self.keys = self._current.keys
        self.overall_id = self._current.overall_id

    @property
    def areas(self) -> tuple[str, ...]:
        """The five areas this pack scores, in display order."""
        return tuple(a for a in AREAS if a in self.keys)

    def keys_for(self, version: int) -> _Keys:
        """The keys of ``version`` (looked up once per version)."""
        found = self._by_version.get(version)
        if found is None:
            pack = self._answered(version) if self._answered is not None else None
            found = _Keys(pack) if pack is not None else self._current
            self._by_version[version] = found
        return found

    def stamp(self, version: int) -> str:
        """What names the scoring of a turn answered under ``version``: its keys and
        :data:`~trustcheck.core.scoring.SCORING_REVISION`. A stored turn with another stamp
        was scored otherwise, and is scored again."""
        return self.keys_for(version).stamp

    def score_turns(self, rows: Sequence[RatedRow]) -> list[ScoredTurn]:
        """Each row (one person in one completed check-in) scored by its own version's keys,
        in the rows' order."""
        out: list[ScoredTurn | None] = [None] * len(rows)
        missing: list[float | None] = [None] * len(rows)
        for version in sorted({row[3] for row in rows}):
            at = [k for k, row in enumerate(rows) if row[3] == version]
            keys = self.keys_for(version)
            areas, overall = keys.score([rows[k][4] for k in at])
            columns = [areas.get(a, missing) for a in AREAS]
            for j, k in enumerate(at):
                cid, week, pid, _version, _values = rows[k]
                scores = tuple(column[j] for column in columns)
                out[k] = ScoredTurn(cid, week, pid, version, keys.stamp, scores, overall[j])
        return [t for t in out if t is not None]

    def person(
        self,
        profile: Profile,
        by_week: Mapping[dt.date, ScoredTurn],
        reviews: Sequence[tuple[dt.date, Review]] = (),
    ) -> PersonHistory:
        """One person's series from their scored turns per week (an area the turn's version
        or the current pack does not have is missing)."""
        weeks = tuple(sorted(by_week))
        turns = [by_week[w] for w in weeks]
        rows = [t.areas or _NO_SCORES for t in turns]
        shown = self.areas
        if shown != AREAS:
            mask = [a in shown for a in AREAS]
            rows = [tuple(v if m else None for m, v in zip(mask, r, strict=True)) for r in rows]
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in AREAS]
        area_values = {a: columns[AREAS.index(a)] for a in shown}
        changes = tuple(
            weeks[k] for k in range(1, len(weeks)) if turns[k].version != turns[k - 1].version
        )
        return PersonHistory(
            profile=profile,
            weeks=weeks,
            areas=MappingProxyType({a: series_of(weeks, vs) for a, vs in area_values.items()}),
            index=series_of(weeks, map(trust_index_of, rows)),
            overall=series_of(weeks, [t.overall for t in turns]),
            reviews=reviews_of(reviews),
            version_changes=changes,
        )


#: A turn's scores when it has none.
_NO_SCORES: tuple[None, ...] = (None,) * len(AREAS)


class ModuleRows(NamedTuple):
    """A switched-on module's stored rows and everyone's role in it (None: no role)."""

    pack: Pack
    rows: Sequence[RatedRow]
    roles: Mapping[int, str | None]


def with_not_this_week(
    rows: Sequence[RatedRow], quiet: Mapping[tuple[int, int], Sequence[str]]
) -> list[RatedRow]:
    """The rated rows with each "didn't come up this week" answer added, as the value
    :data:`~trustcheck.core.scoring.NOT_THIS_WEEK_STORED` that leaves the item out of its
    area's count. Rows that share a values mapping are copied, never changed in place."""
    if not quiet:
        return list(rows)
    out: list[RatedRow] = []
    for checkin_id, week, pid, version, values in rows:
        items = quiet.get((checkin_id, pid))
        if items:
            values = {**values, **dict.fromkeys(items, NOT_THIS_WEEK_STORED)}
        out.append((checkin_id, week, pid, version, values))
    return out


def build_history(
    scorer: WeeklyScorer,
    people: Sequence[Profile],
    turns: Iterable[ScoredTurn],
    reviews: Iterable[ReviewRow] = (),
    modules: Iterable[ModuleRows] = (),
) -> History:
    """Every person's weekly series from their scored turns of the weekly pack (oldest first),
    the reviews of their commitments and the switched-on modules' rows."""
    people = tuple(people)
    # Two check-ins in one week: the later one stands (turns come oldest first).
    per_person: dict[int, dict[dt.date, ScoredTurn]] = {p.id: {} for p in people}
    all_weeks: set[dt.date] = set()
    for turn in turns:
        if turn.areas is None:
            continue  # no rated answer: not a week of anyone's history
        day = monday(turn.week)
        all_weeks.add(day)
        if turn.profile_id in per_person:
            per_person[turn.profile_id][day] = turn
    by_owner: dict[int, list[tuple[dt.date, Review]]] = {p.id: [] for p in people}
    for owner_id, week, review in reviews:
        if owner_id in by_owner:
            by_owner[owner_id].append((monday(week), review))
    persons = tuple(scorer.person(p, per_person[p.id], by_owner[p.id]) for p in people)
    found: list[ModuleTrendArea] = []
    series: dict[int, dict[ModuleKey, Series]] = {}
    for module in modules:
        found.extend(module_series(module, people, series))
    if series:
        persons = tuple(
            replace(ph, modules=MappingProxyType(series[ph.profile.id]))
            if ph.profile.id in series
            else ph
            for ph in persons
        )
    return History(
        people=people, weeks=tuple(sorted(all_weeks)), persons=persons, modules=tuple(found)
    )


def module_series(
    module: ModuleRows,
    people: Sequence[Profile],
    into: dict[int, dict[ModuleKey, Series]],
) -> list[ModuleTrendArea]:
    """A non-private module's own areas per person, added to ``into``; the areas someone has a
    score in, in pack order.

    Scored like the weekly areas (reverse keying, 75% of the items of the person's role
    answered). Private packs and private items are never read; module scores never enter the
    trust index.
    """
    pack = module.pack
    if pack.private or not pack.areas:
        return []
    by_person: dict[int, dict[dt.date, Mapping[str, int]]] = {p.id: {} for p in people}
    for _cid, week, pid, _version, answered in module.rows:
        if pid in by_person:
            by_person[pid][monday(week)] = answered
    present: set[str] = set()
    for person in people:
        role = module.roles.get(person.id)
        items = [i for i in pack.for_role(role) if i.kind is ItemKind.SCALE and not i.private]
        weeks = sorted(by_person[person.id])
        checkins = [by_person[person.id][w] for w in weeks]
        for area in pack.areas:
            mine = [i for i in items if i.area == area.id]
            if not mine or not weeks:
                continue
            key = AreaKey(mine)
            values = key.scores(key.rows(checkins))
            if any(v is not None for v in values):
                present.add(area.id)
                into.setdefault(person.id, {})[(pack.id, area.id)] = series_of(weeks, values)
    return [
        ModuleTrendArea(pack.id, a.id, pack.area_heading(a.id), pack.title)
        for a in pack.areas
        if a.id in present
    ]
