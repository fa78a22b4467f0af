"""Which exceptions are a user-facing problem (one line, exit 1) rather than a bug."""

from __future__ import annotations


def user_error_types() -> tuple[type[Exception], ...]:
    """Every error class whose message is written for the user. Imported lazily by the CLI."""
    from trustcheck.core.packs import PackError
    from trustcheck.services.checkin import CheckinError
    from trustcheck.services.journal import JournalError
    from trustcheck.services.keys import PassphraseError
    from trustcheck.services.profiles import ProfileError
    from trustcheck.services.trends import TrendsError
    from trustcheck.storage.errors import StorageError

    return (
        PackError,
        CheckinError,
        JournalError,
        PassphraseError,
        ProfileError,
        TrendsError,
        StorageError,
    )
