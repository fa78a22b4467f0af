"""Use cases shared by the CLI and the TUI, wired over one database."""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from trustcheck.core.clock import TODAY_ENV, Clock, SystemClock, parse_today
from trustcheck.core.errors import UserError

if TYPE_CHECKING:
    # Imported where the services are built: importing a module of this package (the status
    # glance, at every shell prompt) runs this file, and must not load every service with it.
    from trustcheck.core.models import Pack
    from trustcheck.services.checkin import CheckinService
    from trustcheck.services.commitments import CommitmentOutcomes
    from trustcheck.services.history import HistoryService
    from trustcheck.services.journal import JournalService
    from trustcheck.services.keys import KeyService
    from trustcheck.services.packs import PackService
    from trustcheck.services.profiles import ProfileService
    from trustcheck.services.safety import SafetyService
    from trustcheck.services.trends import TrendsService
    from trustcheck.services.week import WeekService
    from trustcheck.storage.db import Database
    from trustcheck.storage.repos.settings import SettingsRepo


class Services:
    """Every service over one database.

    What every command needs is built by :func:`open_services`; ``keys``, ``checkins``,
    ``week``, ``journal``, ``trends`` and ``safety`` are built (and their modules imported) on
    first access, so a command or a screen pays only for what it uses: ``trends`` and ``export``
    never load the encryption. Each is built once and then shared.
    """

    def __init__(
        self,
        *,
        db: Database,
        clock: Clock,
        pack: Pack,
        settings: SettingsRepo,
        packs: PackService,
        weak_kdf: bool = False,
    ) -> None:
        # The database and the settings table stay inside the service layer: callers use the
        # methods below and the services' own methods (an import-linter contract keeps screens and
        # commands away from storage).
        self._db = db
        self.clock = clock
        self.pack = pack
        self._settings = settings
        #: Packs, modules, roles and pack versions (issue 6).
        self.packs = packs
        self._weak_kdf = weak_kdf
        self._keys: KeyService | None = None
        from trustcheck.services.profiles import ProfileService
        from trustcheck.storage.repos.checkins import CheckinRepo
        from trustcheck.storage.repos.profiles import ProfileRepo

        self.profiles: ProfileService = ProfileService(
            ProfileRepo(db), clock, lambda: self.keys, CheckinRepo(db)
        )

    @property
    def keys(self) -> KeyService:
        """Passphrases and the session's unlocked keys (the encryption is imported on first use)."""
        if self._keys is None:
            from trustcheck.services.keys import KeyService
            from trustcheck.storage.repos.keys import KeyRepo
            from trustcheck.storage.repos.sealed import SealedRepo

            self._keys = KeyService(
                KeyRepo(self._db), SealedRepo(self._db), weak_kdf=self._weak_kdf
            )
        return self._keys

    @cached_property
    def checkins(self) -> CheckinService:
        """The weekly check-in: home and the check-in screens (the commands that only read
        trends or export never import it)."""
        from trustcheck.services.checkin import CheckinService
        from trustcheck.storage.repos.answers import AnswerRepo
        from trustcheck.storage.repos.checkins import CheckinRepo
        from trustcheck.storage.repos.commitments import CommitmentRepo
        from trustcheck.storage.repos.drafts import DraftRepo
        from trustcheck.storage.repos.profiles import ProfileRepo

        return CheckinService(
            self.pack,
            CheckinRepo(self._db),
            AnswerRepo(self._db),
            CommitmentRepo(self._db),
            ProfileRepo(self._db),
            self.clock,
            self.keys,
            self.packs,
            drafts=DraftRepo(self._db),
        )

    @cached_property
    def commitments(self) -> CommitmentOutcomes:
        """Commitments and how each went (both voices, kept going or let go): one model for the
        commitments step, the therapy summary and the history of past check-ins."""
        from trustcheck.services.commitments import CommitmentOutcomes
        from trustcheck.storage.repos.commitments import CommitmentRepo

        return CommitmentOutcomes(CommitmentRepo(self._db))

    @cached_property
    def week(self) -> WeekService:
        """This week's status and the last commitments: what home shows, without importing the
        check-in's layers (``checkins``) until a check-in is opened."""
        from trustcheck.services.week import WeekService
        from trustcheck.storage.repos.checkins import CheckinRepo
        from trustcheck.storage.repos.commitments import CommitmentRepo
        from trustcheck.storage.repos.profiles import ProfileRepo

        return WeekService(
            CheckinRepo(self._db),
            CommitmentRepo(self._db),
            ProfileRepo(self._db),
            self.clock,
            self.packs.reminder,
        )

    @cached_property
    def history(self) -> HistoryService:
        """Past check-ins: the list, a page at a time, and one past week as it was (issue 17)."""
        from trustcheck.services.history import HistoryService
        from trustcheck.storage.repos.history import HistoryRepo

        return HistoryService(self.checkins, HistoryRepo(self._db), self.commitments)

    @cached_property
    def journal(self) -> JournalService:
        from trustcheck.services.journal import JournalService
        from trustcheck.storage.repos.journal import JournalRepo

        return JournalService(JournalRepo(self._db), self.keys, self.clock)

    @cached_property
    def trends(self) -> TrendsService:
        from trustcheck.services.trends import TrendsService
        from trustcheck.storage.repos.answers import AnswerRepo
        from trustcheck.storage.repos.checkins import CheckinRepo
        from trustcheck.storage.repos.commitments import CommitmentRepo
        from trustcheck.storage.repos.profiles import ProfileRepo

        # Repos keep no state of their own: these read the same tables as the check-in's.
        answers, commitments = AnswerRepo(self._db), CommitmentRepo(self._db)
        return TrendsService(
            self.pack,
            self._db,
            CheckinRepo(self._db),
            answers,
            commitments,
            ProfileRepo(self._db),
            self.packs,
            self.clock,
        )

    @cached_property
    def safety(self) -> SafetyService:
        """The private safety question (issue 6)."""
        from trustcheck.services.safety import SafetyService
        from trustcheck.storage.repos.safety import SafetyRepo

        return SafetyService(SafetyRepo(self._db), self.keys, self.clock)

    @property
    def data_dir(self) -> Path:
        """The folder that holds the database (crash reports and messages name it)."""
        return self._db.path.parent

    def is_empty(self) -> bool:
        """True while nothing has been stored yet: no profile, no check-in."""
        return self._db.is_empty()

    def close(self) -> None:
        if self._keys is not None:
            self._keys.lock_all()
        self._db.close()


def system_clock() -> SystemClock:
    """The one clock of the CLI and the TUI: the wall clock, on the day ``TRUSTCHECK_TODAY`` names.

    Raises :class:`UserError` (one line) when ``TRUSTCHECK_TODAY`` is not a ``YYYY-MM-DD`` date.
    """
    try:
        return SystemClock(parse_today(os.environ.get(TODAY_ENV)))
    except ValueError as exc:
        raise UserError(str(exc)) from None


def open_services(
    data_dir: Path,
    clock: Clock | None = None,
    pack: Pack | None = None,
    *,
    weak_kdf: bool = False,
) -> Services:
    """Open the database in ``data_dir`` and build the services over it.

    ``weak_kdf`` swaps Argon2id's production cost for a cheap one: for tests only.
    """
    clock = clock or system_clock()
    from trustcheck.services.packs import PackService, weekly_pack
    from trustcheck.storage.db import Database
    from trustcheck.storage.repos.pack_versions import PackVersionRepo
    from trustcheck.storage.repos.settings import SettingsRepo

    pack = pack or weekly_pack()
    db = Database.open(data_dir)
    settings = SettingsRepo(db)
    packs = PackService(pack, settings, PackVersionRepo(db), clock.now)
    return Services(
        db=db, clock=clock, pack=pack, settings=settings, packs=packs, weak_kdf=weak_kdf
    )
