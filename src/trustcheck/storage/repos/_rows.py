"""Row helpers shared by the repositories: stored text and blobs back to typed values."""

from __future__ import annotations

import datetime as dt

from trustcheck.core.models import (
    Review,
    Visibility,
)

#: Stored text → enum member, looked up without an ``Enum.__call__`` per row (read paths only; an
#: unknown value still raises ValueError through the enum itself).
_VISIBILITY: dict[str, Visibility] = {v.value: v for v in Visibility}
_REVIEW: dict[str, Review] = {r.value: r for r in Review}


def _visibility(value: object) -> Visibility:
    found = _VISIBILITY.get(value) if isinstance(value, str) else None
    return found if found is not None else Visibility(str(value))


def _review(value: object) -> Review:
    found = _REVIEW.get(value) if isinstance(value, str) else None
    return found if found is not None else Review(str(value))


def _blob(value: object) -> bytes:
    """A sealed column as bytes; anything else (tampered to TEXT or INTEGER) opens as damaged."""
    return value if isinstance(value, bytes) else b""


def _ts(value: dt.datetime) -> str:
    return value.isoformat(timespec="seconds")


def _parse_ts(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)
