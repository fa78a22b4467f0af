"""Issue 13, section 2: ``Services`` hands out no raw repository and not the database. Screens and
commands go through the services' methods; tests reach tables through ``tests/rawdb.py``."""

from __future__ import annotations

from trustcheck.services import Services
from trustcheck.storage.db import Database


def _is_table(value: object) -> bool:
    return isinstance(value, Database) or type(value).__module__.startswith(
        "trustcheck.storage.repos"
    )


def test_no_service_hands_out_a_table_or_the_database(svc: Services) -> None:
    """Nothing public on ``Services`` or on the check-in, people, keys, packs and safety
    services is a repository or the database (the journal and trends services are reworked on
    their own branches of issue 13 and are not covered here yet)."""
    subs = {
        "services": svc,
        "checkins": svc.checkins,
        "profiles": svc.profiles,
        "keys": svc.keys,
        "packs": svc.packs,
        "safety": svc.safety,
    }
    handed_out = [
        f"{owner}.{name}"
        for owner, obj in subs.items()
        for name, value in vars(obj).items()
        if not name.startswith("_") and _is_table(value)
    ]
    assert handed_out == []
