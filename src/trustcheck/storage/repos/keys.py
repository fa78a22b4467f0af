"""Keys: each person's wrapped key, and their recovery wrap if any, stored on their profile row."""

from __future__ import annotations

from trustcheck import messages
from trustcheck.storage.db import Database
from trustcheck.storage.errors import ConflictError


class KeyRepo:
    """The passphrase-wrapped data key of each profile (JSON, see ``storage.crypto``)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, profile_id: int) -> str | None:
        row = self.db.conn.execute(
            "SELECT wrapped_key FROM profiles WHERE id = ?", (profile_id,)
        ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def set(self, profile_id: int, wrapped_json: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE profiles SET wrapped_key = ? WHERE id = ?", (wrapped_json, profile_id)
            )

    def get_recovery(self, profile_id: int) -> str | None:
        """The recovery wrap (JSON, ``storage.crypto.RecoveryWrap``); None: no recovery code."""
        row = self.db.conn.execute(
            "SELECT recovery_wrapped_key FROM profiles WHERE id = ?", (profile_id,)
        ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def set_recovery(self, profile_id: int, expected_key: str, wrap_json: str | None) -> None:
        """Store (None: remove) the recovery wrap, if the wrapped key is still ``expected_key``
        (the key it wraps); else :class:`ConflictError` and nothing changes."""
        with self.db.transaction() as conn:
            done = conn.execute(
                "UPDATE profiles SET recovery_wrapped_key = ? WHERE id = ? AND wrapped_key = ?",
                (wrap_json, profile_id, expected_key),
            ).rowcount
            if not done:
                raise ConflictError(messages.PASSPHRASE_CHANGED_ELSEWHERE)
