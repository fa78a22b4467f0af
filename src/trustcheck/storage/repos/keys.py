"""Keys: each person's wrapped key, stored on their profile row."""

from __future__ import annotations

from trustcheck.storage.db import Database


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
