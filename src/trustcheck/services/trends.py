"""Trends over the weeks: the report behind the Trends screen, ``trustcheck trends`` and the
exports, and home's short trend line (issue 4; the model and maths in ``core.trends``,
``core.trend_history`` and ``core.trend_report``).

This service loads the rows from storage, hands them to the core and caches what it built. The
cache is dropped by the data itself: when nothing was written to the database (this window or
another, ``Database.change_stamp``) it is served as is; after a write, a small stamp of what
trends read (completed check-ins, reviews, the people, the switched-on modules and roles) says
whether it still holds.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from typing import Protocol

from trustcheck.core.clock import Clock
from trustcheck.core.errors import UserError
from trustcheck.core.models import AREAS, Pack, Profile
from trustcheck.core.text import visible_controls
from trustcheck.core.trend_history import (
    ModuleRows,
    WeeklyScorer,
    build_history,
    with_not_this_week,
)
from trustcheck.core.trend_report import (
    TrendWords,
    build_report,
    range_start,
    recent,
    report_end,
    window_start,
)
from trustcheck.core.trends import History, RecentTrend, ScoredTurn, TrendReport
from trustcheck.messages import (
    TRENDS_BAD_WEEKS,
    TRENDS_CHANGE,
    TRENDS_FALLEN,
    TRENDS_FLAT,
    TRENDS_METHOD,
    TRENDS_NO_CHECKINS,
    TRENDS_NONE_IN_RANGE,
    TRENDS_ONE_CHECKIN,
    TRENDS_ONE_IN_RANGE,
    TRENDS_PAUSE,
    TRENDS_PERSON_ABSENT,
    TRENDS_QUESTIONS_CHANGED,
    TRENDS_RISEN,
    TRENDS_SKIPPED_AREA,
    TRENDS_SOLO,
    TRENDS_UNKNOWN_AREA,
)
from trustcheck.storage.db import Database
from trustcheck.storage.repos.answers import AnswerRepo
from trustcheck.storage.repos.checkins import CheckinRepo
from trustcheck.storage.repos.commitments import CommitmentRepo
from trustcheck.storage.repos.profiles import ProfileRepo
from trustcheck.storage.repos.scores import ScoreRepo

WORDS = TrendWords(
    method=TRENDS_METHOD,
    no_checkins=TRENDS_NO_CHECKINS,
    none_in_range=TRENDS_NONE_IN_RANGE,
    one_checkin=TRENDS_ONE_CHECKIN,
    one_in_range=TRENDS_ONE_IN_RANGE,
    pause=TRENDS_PAUSE,
    person_absent=TRENDS_PERSON_ABSENT,
    skipped_area=TRENDS_SKIPPED_AREA,
    solo=TRENDS_SOLO,
    change=TRENDS_CHANGE,
    flat=TRENDS_FLAT,
    risen=TRENDS_RISEN,
    fallen=TRENDS_FALLEN,
    questions_changed=TRENDS_QUESTIONS_CHANGED,
)


class ModuleCatalog(Protocol):
    """What trends need of ``services.packs.PackService``: the switched-on modules and roles, and
    the weekly pack as each earlier version was answered (to score it by its own keys)."""

    def enabled_ids(self) -> list[str]: ...

    def enabled_modules(self) -> list[Pack]: ...

    def role(self, pack_id: str, profile_id: int) -> str | None: ...

    def answered(self, pack_id: str, version: int) -> Pack | None: ...


class TrendsError(UserError, ValueError):
    """A trends request that cannot be met (unknown area, empty range); one line for the user."""


class TrendsService:
    """Weekly series per person, built once, and reports over a range of them."""

    def __init__(
        self,
        pack: Pack,
        db: Database,
        checkins: CheckinRepo,
        answers: AnswerRepo,
        commitments: CommitmentRepo,
        profiles: ProfileRepo,
        catalog: ModuleCatalog,
        clock: Clock,
    ) -> None:
        self.pack = pack
        self._db = db
        self._checkins = checkins
        self._answers = answers
        #: Each completed turn's weekly scores, kept beside its answers (schema V8).
        self._scores = ScoreRepo(db)
        self._commitments = commitments
        self._profiles = profiles
        #: Switched-on modules and roles (issue 6).
        self.catalog = catalog
        self.clock = clock
        #: Each check-in scored by the keys of the version it was answered under (issue 14).
        self.scorer = WeeklyScorer(pack, lambda version: catalog.answered(pack.id, version))
        self._changes: tuple[int, int] | None = None
        self._stamp: tuple[object, ...] | None = None
        self._history: History | None = None
        self._reports: dict[tuple[int | None, str | None, dt.date], TrendReport] = {}
        self._recent: dict[tuple[int, dt.date], RecentTrend] = {}
        # The Trends screen builds its report in a worker thread while home may ask for its line:
        # one caller at a time, so the cache and the scores stored on a load are never raced.
        self._lock = threading.RLock()

    # --- the cache ------------------------------------------------------------------------------
    def _check(self) -> None:
        """Drop what was built when the data it was built from has changed."""
        changes = self._db.change_stamp()
        if changes == self._changes:
            return
        self._changes = changes
        stamp = self._data_stamp()
        if stamp != self._stamp:
            self._stamp = stamp
            self._history = None
            self._reports.clear()
            self._recent.clear()

    def _data_stamp(self) -> tuple[object, ...]:
        """What the report depends on: completed check-ins and reviews, the people (names and
        order), the switched-on modules and everyone's role in them."""
        people = tuple(self._profiles.active())
        return (self._checkins.trends_stamp(), people, self._modules_state(people))

    def _modules_state(self, people: Sequence[Profile]) -> tuple[object, ...]:
        if not self.catalog.enabled_ids():  # one small query
            return ()
        modules = [p for p in self.catalog.enabled_modules() if not p.private]
        return tuple(
            (p.id, p.version, tuple(self.catalog.role(p.id, who.id) for who in people))
            for p in modules
        )

    # --- loading --------------------------------------------------------------------------------
    def history(self) -> History:
        """Every person's weekly series, loaded in one pass and cached while the data holds."""
        with self._lock:
            self._check()
            if self._history is None:
                self._history = self._load()
            return self._history

    def _load(self, since: dt.date | None = None) -> History:
        """The history from storage: all of it, or only the weeks from ``since`` on (the weekly
        pack alone then: no reviews, no modules)."""
        # Names as shown: whatever a stored name holds (an import, an edit behind the app's
        # back), no control or format character of it reaches a chart, a sentence or an export.
        people = [p._replace(name=visible_controls(p.name)) for p in self._profiles.active()]
        turns = self._turns(since)
        if since is not None:
            return build_history(self.scorer, people, turns)
        modules: list[ModuleRows] = []
        if self.catalog.enabled_ids():
            for pack in self.catalog.enabled_modules():
                if pack.private or not pack.areas:
                    continue  # a private pack is never read
                roles = {p.id: self.catalog.role(pack.id, p.id) for p in people}
                modules.append(ModuleRows(pack, self._answers.rated_for_completed(pack.id), roles))
        reviews = self._commitments.reviews_for_completed()
        return build_history(self.scorer, people, turns, reviews, modules)

    def _turns(self, since: dt.date | None) -> list[ScoredTurn]:
        """Every completed turn's weekly scores (from ``since`` on), oldest first: read as
        stored; when a turn is not stored yet or was scored otherwise (a new check-in, an
        import, a new scoring), the answers are read once, those turns scored and stored for
        the next load."""
        pack_id = self.pack.id
        stored = self._scores.for_completed(pack_id, since)
        good = {
            (t.checkin_id, t.profile_id): t
            for t in stored
            if t.stamp == self.scorer.stamp(t.version)
        }
        unscored = self._scores.unscored(pack_id, since)
        if not unscored and len(good) == len(stored):
            return stored
        rows = with_not_this_week(
            self._answers.rated_for_completed(pack_id, since),
            self._answers.not_this_week_for_completed(pack_id, since),
        )
        scored = self.scorer.score_turns([r for r in rows if (r[0], r[2]) not in good])
        # A turn without a rated answer is kept as "no scores", so it is not asked for again.
        stamp = self.scorer.stamp(self.pack.version)
        found = {(t.checkin_id, t.profile_id) for t in scored}
        empty = [
            ScoredTurn(cid, dt.date.min, pid, self.pack.version, stamp, None, None)
            for cid, pid in unscored
            if (cid, pid) not in found
        ]
        self._scores.store(pack_id, [*scored, *empty])
        # In the answers' order (which is the stored turns' order too).
        good.update(((t.checkin_id, t.profile_id), t) for t in scored)
        return [good[(r[0], r[2])] for r in rows]

    # --- the report -----------------------------------------------------------------------------
    def report(self, weeks: int | None = None, area: str | None = None) -> TrendReport:
        """The trends over the last ``weeks`` weeks (all when None), optionally for one area.

        The range ends at last week, or this week once it has a check-in. Changes are judged at
        its end (``core.change``): the last 4 weeks against the 26 weeks before.
        """
        if weeks is not None and weeks < 1:
            raise TrendsError(TRENDS_BAD_WEEKS)
        if area is not None and area not in AREAS:
            raise TrendsError(TRENDS_UNKNOWN_AREA.format(area=area, areas=", ".join(AREAS)))
        today = self.clock.now().date()
        key = (weeks, area, today)
        with self._lock:
            self._check()
            cached = self._reports.get(key)
            if cached is None:
                report = build_report(
                    self.history(), weeks, area, today, areas=self.scorer.areas, words=WORDS
                )
                cached = self._reports[key] = report
            return cached

    def period(self, weeks: int | None = None) -> tuple[dt.date, dt.date] | None:
        """The first and last week of ``report(weeks)`` (None when nobody has checked in), from
        the history alone: a caller can start reading that period's other rows while the report
        is built."""
        if weeks is not None and weeks < 1:
            raise TrendsError(TRENDS_BAD_WEEKS)
        history = self.history()
        if not history.weeks:
            return None
        end = report_end(history.weeks[-1], self.clock.now().date())
        return range_start(history.weeks[0], end, weeks), end

    def recent(self, weeks: int) -> RecentTrend:
        """Each person's trust index over the last ``weeks`` weeks: home's trend line.

        Reads only those weeks' rows (and the first week of the history) unless the whole
        history is loaded already; the line is the one ``report(weeks)`` has.
        """
        if weeks < 1:
            raise TrendsError(TRENDS_BAD_WEEKS)
        today = self.clock.now().date()
        key = (weeks, today)
        with self._lock:
            self._check()
            cached = self._recent.get(key)
            if cached is None:
                if self._history is not None:
                    history = self._history
                    first = history.weeks[0] if history.weeks else None
                else:
                    history = self._load(since=window_start(weeks, today))
                    first = self._answers.first_rated_week(self.pack.id)
                cached = self._recent[key] = recent(history, weeks, today, first)
            return cached
