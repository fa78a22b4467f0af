"""Row helpers shared by the repositories: stored text and blobs back to typed values."""

from __future__ import annotations

import datetime as dt

from trustcheck import messages
from trustcheck.core.models import (
    Review,
    Visibility,
)
from trustcheck.core.text import visible_controls
from trustcheck.storage.errors import DamagedValueError

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
    """A stored time; a damaged one (edited behind the app's back) is one clear error."""
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise _damaged(value) from None


def _day(value: object) -> dt.date:
    """A stored week or day (``YYYY-MM-DD``); a damaged one is one clear error."""
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise _damaged(value) from None


def _damaged(value: object) -> DamagedValueError:
    shown = visible_controls(str(value))
    if len(shown) > 40:
        shown = shown[:39] + "…"
    return DamagedValueError(messages.DB_DAMAGED_VALUE.format(value=shown))
