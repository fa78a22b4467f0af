"""Test-only access to what :class:`Services` keeps to itself: its database and settings table.

The app never hands these out (screens and commands go through the services' methods); tests reach
them here, in one place, to look at rows or to write what no screen would write.
"""

from __future__ import annotations

from trustcheck.services import Services
from trustcheck.storage.db import Database
from trustcheck.storage.repos import SettingsRepo


def database(services: Services) -> Database:
    """The one database the services work over."""
    return services._db


def settings(services: Services) -> SettingsRepo:
    """The raw settings table the services read and write."""
    return services._settings


def has_draft(services: Services, profile_id: int) -> bool:
    """Whether a person's sealed journal draft is stored (nothing of it is opened: no key)."""
    return services.journal.repo.draft(profile_id) is not None
