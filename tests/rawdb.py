"""Test-only access to what :class:`Services` keeps to itself: its database, settings table and
the check-in's tables (and a trends service of one's own over them).

The app never hands these out (screens and commands go through the services' methods); tests reach
them here, in one place, to look at rows or to write what no screen would write. A repo keeps no
state of its own, so one built here reads and writes exactly what the services' own do.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass

from trustcheck.core.models import Answer
from trustcheck.services import Services
from trustcheck.services.trends import ModuleCatalog, TrendsService
from trustcheck.storage.db import Database
from trustcheck.storage.repos.answers import AnswerRepo
from trustcheck.storage.repos.checkins import CheckinRepo
from trustcheck.storage.repos.commitments import CommitmentRepo
from trustcheck.storage.repos.drafts import DraftRepo
from trustcheck.storage.repos.keys import KeyRepo
from trustcheck.storage.repos.pack_versions import PackVersionRepo
from trustcheck.storage.repos.profiles import ProfileRepo
from trustcheck.storage.repos.settings import SettingsRepo


def database(services: Services) -> Database:
    """The one database the services work over."""
    return services._db


def settings(services: Services) -> SettingsRepo:
    """The raw settings table the services read and write."""
    return services._settings


def checkins(services: Services) -> CheckinRepo:
    """The raw check-ins table (and whole past check-ins written at once)."""
    return CheckinRepo(services._db)


def answers(services: Services) -> AnswerRepo:
    """The raw answers table."""
    return AnswerRepo(services._db)


def store_final_answer(
    services: Services,
    checkin_id: int,
    answer: Answer,
    when: dt.datetime,
    sealed: bytes | None = None,
) -> None:
    """An answer written straight into a finished check-in, as an import writes one (the app's
    own save writes only into a check-in in progress)."""
    from trustcheck.storage.repos.answers import _INSERT_ANSWER, _answer_params

    with database(services).transaction() as conn:
        conn.execute(_INSERT_ANSWER, _answer_params(checkin_id, answer, when, sealed))


def commitments(services: Services) -> CommitmentRepo:
    """The raw commitments table."""
    return CommitmentRepo(services._db)


def drafts(services: Services) -> DraftRepo:
    """The raw answer drafts table."""
    return DraftRepo(services._db)


def keys(services: Services) -> KeyRepo:
    """The raw wrapped keys (one per person with a passphrase)."""
    return KeyRepo(services._db)


def pack_versions(services: Services) -> PackVersionRepo:
    """The raw pack wording kept for each pack version answered."""
    return PackVersionRepo(services._db)


@dataclass(frozen=True)
class Repos:
    """The check-in's tables, one repo each (as a trends service is built over them)."""

    checkins: CheckinRepo
    answers: AnswerRepo
    commitments: CommitmentRepo
    profiles: ProfileRepo
    drafts: DraftRepo


def repos(services: Services) -> Repos:
    """Every raw table of the check-in, at once."""
    db = services._db
    return Repos(
        CheckinRepo(db), AnswerRepo(db), CommitmentRepo(db), ProfileRepo(db), DraftRepo(db)
    )


def new_trends(services: Services, catalog: ModuleCatalog | None = None) -> TrendsService:
    """A fresh trends service (an empty cache) wired as ``Services.trends`` is, over the same
    database; ``catalog`` stands in for the pack service's modules and roles."""
    c = repos(services)
    return TrendsService(
        services.pack,
        services._db,
        c.checkins,
        c.answers,
        c.commitments,
        c.profiles,
        services.packs if catalog is None else catalog,
        services.clock,
    )


def has_draft(services: Services, profile_id: int) -> bool:
    """Whether a person's sealed journal draft is stored (nothing of it is opened: no key)."""
    return services.journal.repo.draft(profile_id) is not None


def commitments_before_v12(conn: sqlite3.Connection) -> None:
    """Take the commitments table back to its shape before schema V12 (issue 17 §3: the maker's
    own voice, ``carried_from`` and ``dropped_in`` gone), for a test that fakes an older database
    by lowering ``user_version`` below 12 (V12 adds those columns again on the way up)."""
    from trustcheck.storage import migrations

    found = re.search(
        r"CREATE TABLE commitments \(.*?\);\nCREATE INDEX commitments_checkin[^;]*;",
        migrations.V1,
        re.DOTALL,
    )
    assert found is not None
    conn.executescript(
        "DROP INDEX IF EXISTS commitments_carried_from;\n"
        "ALTER TABLE commitments RENAME TO commitments_v12;\n"
        "DROP INDEX IF EXISTS commitments_checkin;\n"
        f"{found.group(0)}\n"
        "INSERT INTO commitments SELECT id, checkin_id, owner_id, to_id, text, created_at, "
        "review, reviewed_in, reviewed_at FROM commitments_v12;\n"
        "DROP TABLE commitments_v12;\n"
    )
