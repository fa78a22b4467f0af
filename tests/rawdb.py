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
