"""Test-only access to what :class:`Services` keeps to itself: its database and settings table
(and a trends service of one's own over them).

The app never hands these out (screens and commands go through the services' methods); tests reach
them here, in one place, to look at rows or to write what no screen would write.
"""

from __future__ import annotations

from trustcheck.services import Services
from trustcheck.services.trends import ModuleCatalog, TrendsService
from trustcheck.storage.db import Database
from trustcheck.storage.repos import SettingsRepo


def database(services: Services) -> Database:
    """The one database the services work over."""
    return services._db


def settings(services: Services) -> SettingsRepo:
    """The raw settings table the services read and write."""
    return services._settings


def new_trends(services: Services, catalog: ModuleCatalog | None = None) -> TrendsService:
    """A fresh trends service (an empty cache) wired as ``Services.trends`` is, over the same
    database; ``catalog`` stands in for the pack service's modules and roles."""
    c = services.checkins
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
