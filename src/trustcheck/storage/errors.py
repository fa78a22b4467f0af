"""Errors the storage layer raises; each message is one line a person can act on."""

from __future__ import annotations

from trustcheck.core.errors import UserError


class StorageError(UserError):
    """Base for every storage problem shown to a user."""


class NewerDatabaseError(StorageError):
    pass


class CorruptDatabaseError(StorageError):
    pass


class ConflictError(StorageError):
    """A change clashes with something already stored (a duplicate name, a second draft)."""


class WriteFailed(StorageError):
    """A write that could not happen (busy past the timeout, a full disk, an I/O error): nothing
    of it was stored, and what the person gave is still theirs to give again."""


class DamagedValueError(StorageError):
    """A stored value that cannot be read (a date or time edited behind the app's back): nothing
    was changed; ``doctor`` lists every such value."""
