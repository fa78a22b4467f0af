"""The errors the screens and CLI commands show, named where they live: in the service layer.

Screens and commands call the services and never import ``trustcheck.storage`` (an import-linter
contract in ``pyproject.toml`` says so). The storage layer raises these errors; this module names
them for the layers above. Importing it does not load ``cryptography``.
"""

from __future__ import annotations

from trustcheck.storage.crypto import (
    CryptoError,
    DamagedKeyData,
    DamagedRecord,
    ProfileLocked,
    WrongPassphrase,
    WrongRecoveryCode,
)
from trustcheck.storage.errors import (
    ConflictError,
    CorruptDatabaseError,
    NewerDatabaseError,
    StorageError,
)

__all__ = [
    "ConflictError",
    "CorruptDatabaseError",
    "CryptoError",
    "DamagedKeyData",
    "DamagedRecord",
    "NewerDatabaseError",
    "ProfileLocked",
    "StorageError",
    "WrongPassphrase",
    "WrongRecoveryCode",
]
