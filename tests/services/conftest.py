"""Services over a temporary data folder with cheap key derivation (the real cost is ~150 ms)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile
from trustcheck.services import Services, open_services


@pytest.fixture
def svc(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    opened = open_services(tmp_path / "data", clock, weak_kdf=True)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def couple(svc: Services) -> tuple[Profile, Profile]:
    """Alex and Sam, each with a passphrase, both unlocked."""
    alex, sam = svc.profiles.setup(["Alex", "Sam"])
    svc.keys.set_passphrase(alex.id, "alex words")
    svc.keys.set_passphrase(sam.id, "sam words")
    return alex, sam
