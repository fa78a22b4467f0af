"""Typed access to a parsed JSON export that names the path of whatever is wrong
(``checkins[3].answers[2].value: expected a whole number``); :mod:`trustcheck.transfer.reader`
reads each record through it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from trustcheck.transfer.format import TEXT_LIMIT, DumpError

T = TypeVar("T")


#: The largest whole number SQLite stores (a 64-bit signed integer).
LARGEST = 2**63 - 1


class Reader:
    """Typed access to parsed JSON that names the path of whatever is wrong."""

    def __init__(self, data: Any, path: str) -> None:
        self.data = data
        self.path = path

    def fail(self, what: str, key: str | None = None) -> DumpError:
        where = self.path if key is None else f"{self.path}.{key}" if self.path else key
        return DumpError(f"{where or 'the file'}: {what}")

    def obj(self, keys: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, Any]:
        if not isinstance(self.data, dict):
            raise self.fail(f"expected an object, got {kind_of(self.data)}")
        missing = [k for k in keys if k not in self.data]
        if missing:
            raise self.fail(f"missing {', '.join(repr(k) for k in missing)}")
        unknown = sorted(set(self.data) - set(keys) - set(optional))
        if unknown:
            raise self.fail(f"unexpected key {unknown[0]!r}")
        return self.data

    def child(self, key: str | int) -> Reader:
        data: Any = self.data
        path = (
            f"{self.path}[{key}]"
            if isinstance(key, int)
            else (f"{self.path}.{key}" if self.path else key)
        )
        return Reader(data[key], path)

    def items(self, key: str, each: Callable[[Reader], T], limit: int | None = None) -> list[T]:
        node = self.child(key)
        if not isinstance(node.data, list):
            raise node.fail(f"expected a list, got {kind_of(node.data)}")
        if limit is not None and len(node.data) > limit:
            raise node.fail(f"at most {limit} entries")
        return [each(node.child(i)) for i in range(len(node.data))]

    def whole(self, key: str, low: int | None = None, high: int | None = None) -> int:
        value = self.data[key]
        if type(value) is not int:
            raise self.fail(f"expected a whole number, got {kind_of(value)}", key)
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = f"{low}..{high}" if high is not None else f"at least {low}"
            raise self.fail(f"{value} is out of range ({bounds})", key)
        if not -LARGEST <= value <= LARGEST:  # what SQLite can store (issue 16)
            raise self.fail("too large a number", key)
        return value

    def opt_whole(self, key: str, low: int | None = None, high: int | None = None) -> int | None:
        return None if self.data[key] is None else self.whole(key, low, high)

    def text(self, key: str, limit: int = TEXT_LIMIT, *, empty: bool = True) -> str:
        value = self.data[key]
        if not isinstance(value, str):
            raise self.fail(f"expected text, got {kind_of(value)}", key)
        if len(value) > limit:
            raise self.fail(f"longer than {limit} characters", key)
        if not empty and not value.strip():
            raise self.fail("must not be empty", key)
        return value

    def opt_text(self, key: str, limit: int = TEXT_LIMIT) -> str | None:
        return None if self.data[key] is None else self.text(key, limit)

    def flag(self, key: str) -> bool:
        value = self.data[key]
        if not isinstance(value, bool):
            raise self.fail(f"expected true or false, got {kind_of(value)}", key)
        return value

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self.text(key, 100)
        if value not in choices:
            raise self.fail(f"unknown value {value!r} (expected one of {', '.join(choices)})", key)
        return value

    def timestamp(self, key: str) -> str:
        value = self.text(key, 64)
        try:
            dt.datetime.fromisoformat(value)
        except ValueError:
            raise self.fail(f"{value!r} is not a date and time", key) from None
        return value

    def opt_timestamp(self, key: str) -> str | None:
        return None if self.data[key] is None else self.timestamp(key)


def kind_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


__all__ = ["Reader", "kind_of"]
