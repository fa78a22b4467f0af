"""Use cases shared by the CLI and the TUI, wired over one database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trustcheck.core.clock import Clock, SystemClock
from trustcheck.core.models import Pack
from trustcheck.services.checkin import CheckinService
from trustcheck.services.journal import JournalService
from trustcheck.services.keys import KeyService
from trustcheck.services.packs import PackService
from trustcheck.services.profiles import ProfileService
from trustcheck.services.safety import SafetyService
from trustcheck.services.trends import TrendsService
from trustcheck.storage.db import Database
from trustcheck.storage.repos import (
    AnswerRepo,
    CheckinRepo,
    CommitmentRepo,
    JournalRepo,
    KeyRepo,
    PackVersionRepo,
    ProfileRepo,
    SafetyRepo,
    SettingsRepo,
)


@dataclass
class Services:
    db: Database
    clock: Clock
    pack: Pack
    profiles: ProfileService
    checkins: CheckinService
    keys: KeyService
    journal: JournalService
    trends: TrendsService
    settings: SettingsRepo
    #: Packs, modules, roles and pack versions (issue 6).
    packs: PackService
    #: The private safety question (issue 6).
    safety: SafetyService

    def close(self) -> None:
        self.keys.lock_all()
        self.db.close()


def open_services(
    data_dir: Path,
    clock: Clock | None = None,
    pack: Pack | None = None,
    *,
    weak_kdf: bool = False,
) -> Services:
    """Open the database in ``data_dir`` and build every service over it.

    ``weak_kdf`` swaps Argon2id's production cost for a cheap one: for tests only.
    """
    from trustcheck.core.packs import weekly_pack

    clock = clock or SystemClock()
    pack = pack or weekly_pack()
    db = Database.open(data_dir)
    profile_repo = ProfileRepo(db)
    checkin_repo, answer_repo, commitment_repo = CheckinRepo(db), AnswerRepo(db), CommitmentRepo(db)
    keys = KeyService(KeyRepo(db), weak_kdf=weak_kdf)
    settings = SettingsRepo(db)
    packs = PackService(pack, settings, PackVersionRepo(db), clock.now)
    return Services(
        db=db,
        clock=clock,
        pack=pack,
        profiles=ProfileService(profile_repo, clock),
        checkins=CheckinService(
            pack, checkin_repo, answer_repo, commitment_repo, profile_repo, clock, keys, packs
        ),
        trends=TrendsService(
            pack,
            checkin_repo,
            answer_repo,
            commitment_repo,
            profile_repo,
            clock,
            rated=answer_repo,
            reviews=commitment_repo,
            catalog=packs,
        ),
        keys=keys,
        journal=JournalService(JournalRepo(db), keys, clock),
        settings=settings,
        packs=packs,
        safety=SafetyService(SafetyRepo(db), keys, clock),
    )
