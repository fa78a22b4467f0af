"""Safety resources: who to call or where to look, per locale, read from ``data/resources.toml``.

The file is checked as a whole and every problem is reported as ``FILE:LINE: reason``, like a
pack (``core.packs``). Pure: stdlib only, no Textual, Rich, Typer or sqlite3.

A person's own ``resources.toml`` can only add to the shipped list (:func:`add_user_resources`):
new places and new lines, never a change to a shipped one. The result says that a file of their own
is in use (``Resources.user_file``) and what was wrong with it, so no screen can pass it off as the
shipped list.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from trustcheck.core.files import read_small_file
from trustcheck.core.pack_check import parse_toml
from trustcheck.core.packs import PackError, PackProblem

FALLBACK_LOCALE = "INT"

_TOP_KEYS = ("locales", "resources")
_LOCALE_KEYS = ("id", "name", "emergency")
_RESOURCE_KEYS = ("locale", "name", "phone", "website", "note", "source", "last_checked")
_LOCALE_RE = re.compile(r"[A-Z]{2,3}\Z")
_AOT_RE = re.compile(r"\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
_TABLE_RE = re.compile(r"\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
_KEY_RE = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=")


@dataclass(frozen=True, slots=True)
class Locale:
    id: str
    name: str
    emergency: str


@dataclass(frozen=True, slots=True)
class Resource:
    locale: str
    name: str
    phone: str
    website: str
    note: str
    source: str
    last_checked: dt.date
    #: True for a line from the person's own file, never for a shipped one.
    added: bool = False


@dataclass(frozen=True, slots=True)
class Resources:
    locales: tuple[Locale, ...]
    resources: tuple[Resource, ...]
    #: The person's own file when one is in use (it can only add), else None.
    user_file: str | None = None
    #: What was wrong with that file; then none of its lines were added.
    user_problems: tuple[PackProblem, ...] = ()

    @property
    def added(self) -> tuple[Resource, ...]:
        """The lines the person's own file added."""
        return tuple(r for r in self.resources if r.added)

    def stale(self, today: dt.date, months: int = 12) -> tuple[Resource, ...]:
        """Lines last checked more than ``months`` months before ``today``."""
        return tuple(r for r in self.resources if r.last_checked < months_before(today, months))

    def locale(self, locale_id: str | None) -> Locale:
        """The locale asked for, else the international fallback."""
        by_id = {loc.id: loc for loc in self.locales}
        return by_id.get(locale_id or "", by_id[FALLBACK_LOCALE])

    def for_locale(self, locale_id: str | None) -> tuple[Resource, ...]:
        """The resources of a locale; the fallback's are always added after them."""
        chosen = self.locale(locale_id).id
        own = [r for r in self.resources if r.locale == chosen]
        extra = [r for r in self.resources if r.locale == FALLBACK_LOCALE and chosen != r.locale]
        return tuple(own + extra)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _lines(text: str) -> tuple[dict[str, list[int]], dict[str, list[dict[str, int]]]]:
    """Line of each ``[[table]]`` header, and of each key inside it (tomllib gives none).

    The resources format is flat (no multi-line values are needed), so a line scan is enough;
    a key not found falls back to its table's header line.
    """
    headers: dict[str, list[int]] = {}
    keys: dict[str, list[dict[str, int]]] = {}
    current: str | None = None
    for lineno, line in enumerate(text.split("\n"), start=1):
        if m := _AOT_RE.match(line):
            current = m.group(1)
            headers.setdefault(current, []).append(lineno)
            keys.setdefault(current, []).append({})
        elif _TABLE_RE.match(line):
            current = None
        elif (m := _KEY_RE.match(line)) and current is not None:
            keys[current][-1].setdefault(m.group(1), lineno)
    return headers, keys


def validate_resources_text(
    text: str, filename: str, today: dt.date | None = None, base: Resources | None = None
) -> tuple[Resources | None, list[PackProblem]]:
    """Parse and check a resources file; return it (or None) and every problem with its line.

    With ``base`` (the shipped list) the file is a person's own additions: it may hold no
    ``[[locales]]`` at all, its lines may belong to the shipped places, and it is refused if it
    names a shipped place or a shipped line again (it can add, never replace). The result holds
    only the additions, each marked ``added``.
    """
    data, problem = parse_toml(text, filename)
    if data is None:
        return None, [problem] if problem is not None else []

    headers, keys = _lines(text)
    problems: list[PackProblem] = []

    def add(line: int, reason: str) -> None:
        problems.append(PackProblem(filename, line, reason))

    def where(table: str, index: int, key: str | None = None) -> int:
        found = keys.get(table, [])
        if index < len(found) and key is not None and key in found[index]:
            return found[index][key]
        lines = headers.get(table, [])
        return lines[index] if index < len(lines) else 1

    def text_of(raw: dict[str, object], table: str, index: int, key: str, label: str) -> str:
        value = raw.get(key)
        if value is None:
            add(where(table, index), f"{label} has no '{key}'")
            return ""
        if not isinstance(value, str) or not value.strip():
            add(where(table, index, key), f"{label}: '{key}' must be non-empty text in quotes")
            return ""
        return value.strip()

    for key in data:
        if key not in _TOP_KEYS:
            add(1, f"unknown key '{key}' (the file holds [[locales]] and [[resources]])")

    locales: list[Locale] = []
    shipped_ids = {loc.id for loc in base.locales} if base is not None else set()
    raw_locales = data.get("locales", [])
    if not isinstance(raw_locales, list) or (not raw_locales and base is None):
        add(1, "the file needs at least one [[locales]] table")
        raw_locales = []
    for index, raw in enumerate(raw_locales):
        if not isinstance(raw, dict):
            add(where("locales", index), f"locale {index + 1} must be a table ([[locales]])")
            continue
        for key in raw:
            if key not in _LOCALE_KEYS:
                add(where("locales", index, key), f"unknown key '{key}' in locale {index + 1}")
        locale_id = raw.get("id")
        if not isinstance(locale_id, str) or not _LOCALE_RE.match(locale_id):
            add(
                where("locales", index, "id"),
                f'locale {index + 1}: id must be a country code in capitals, like "GB"',
            )
            continue
        if any(loc.id == locale_id for loc in locales):
            add(where("locales", index, "id"), f"duplicate locale '{locale_id}'")
            continue
        if locale_id in shipped_ids:
            add(
                where("locales", index, "id"),
                f"locale '{locale_id}' is already in the shipped list: a file of your own can "
                "only add places and lines, not change them (add [[resources]] to it instead)",
            )
            continue
        label = f"locale '{locale_id}'"
        name = text_of(raw, "locales", index, "name", label)
        emergency = text_of(raw, "locales", index, "emergency", label)
        locales.append(Locale(locale_id, name, emergency))
    known = {loc.id for loc in locales} | shipped_ids
    if raw_locales and base is None and FALLBACK_LOCALE not in known:
        add(where("locales", 0), f"add a '{FALLBACK_LOCALE}' locale: the fallback for elsewhere")

    resources: list[Resource] = []
    raw_resources = data.get("resources", [])
    if not isinstance(raw_resources, list) or not raw_resources:
        add(1, "the file needs at least one [[resources]] table")
        raw_resources = []
    for index, raw in enumerate(raw_resources):
        here = where("resources", index)
        if not isinstance(raw, dict):
            add(here, f"resource {index + 1} must be a table ([[resources]])")
            continue
        for key in raw:
            if key not in _RESOURCE_KEYS:
                add(where("resources", index, key), f"unknown key '{key}' in resource {index + 1}")
        label = f"resource {index + 1}"
        locale = raw.get("locale")
        if not isinstance(locale, str) or locale not in known:
            add(
                where("resources", index, "locale"),
                f"{label}: unknown locale {locale!r} (one of: {', '.join(sorted(known))})",
            )
        name = text_of(raw, "resources", index, "name", label)
        phone = raw.get("phone", "")
        website = raw.get("website", "")
        for key, value in (("phone", phone), ("website", website), ("note", raw.get("note", ""))):
            if not isinstance(value, str):
                add(where("resources", index, key), f"{label}: '{key}' must be text in quotes")
        if not (isinstance(phone, str) and phone.strip()) and not (
            isinstance(website, str) and website.strip()
        ):
            add(here, f"{label} needs a 'phone' or a 'website'")
        if isinstance(website, str) and website and not website.startswith("https://"):
            add(where("resources", index, "website"), f"{label}: website must start with https://")
        source = text_of(raw, "resources", index, "source", label)
        checked = raw.get("last_checked")
        if checked is None:
            add(here, f"{label} has no 'last_checked' date (when someone last checked it)")
        elif not isinstance(checked, dt.date) or isinstance(checked, dt.datetime):
            add(
                where("resources", index, "last_checked"),
                f"{label}: last_checked must be a date like 2026-11-27 (no quotes)",
            )
        elif today is not None and checked > today:
            add(
                where("resources", index, "last_checked"), f"{label}: last_checked is in the future"
            )
        note = raw.get("note", "")
        shipped_names = {(r.locale, r.name.casefold()) for r in base.resources} if base else set()
        if isinstance(locale, str) and (locale, name.casefold()) in shipped_names:
            add(
                where("resources", index, "name"),
                f"{label}: '{name}' is already in the shipped list: a file of your own can "
                "only add lines, not change a shipped one",
            )
            continue
        if (
            isinstance(locale, str)
            and isinstance(phone, str)
            and isinstance(website, str)
            and isinstance(note, str)
            and isinstance(checked, dt.date)
            and name
            and source
        ):
            resources.append(
                Resource(
                    locale,
                    name,
                    phone.strip(),
                    website.strip(),
                    note.strip(),
                    source,
                    checked,
                    added=base is not None,
                )
            )
    for loc in locales:
        if not any(r.locale == loc.id for r in resources) and not problems:
            add(where("locales", 0), f"locale '{loc.id}' has no [[resources]]")

    if problems:
        return None, sorted(problems, key=lambda p: p.line)
    return Resources(tuple(locales), tuple(resources)), []


def add_user_resources(base: Resources, path: Path, today: dt.date | None = None) -> Resources:
    """The shipped list ``base`` with a person's own file's additions after it.

    Never raises for the person's file: when it cannot be read or is refused, the shipped list is
    returned as it was, with ``user_file`` and ``user_problems`` saying so.
    """
    name = str(path)
    try:
        text = read_small_file(path).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or type(err).__name__
        problem = PackProblem(name, 0, f"cannot read the file: {reason}")
        return Resources(base.locales, base.resources, name, (problem,))
    extra, problems = validate_resources_text(text, name, today, base=base)
    if extra is None:
        return Resources(base.locales, base.resources, name, tuple(problems))
    return Resources(base.locales + extra.locales, base.resources + extra.resources, name)


def load_resources(path: Path, today: dt.date | None = None) -> Resources:
    """Read and check a resources file; raise ``PackError`` with every problem if it is refused."""
    name = str(path)
    try:
        text = read_small_file(path).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or type(err).__name__
        raise PackError([PackProblem(name, 0, f"cannot read the file: {reason}")]) from err
    resources, problems = validate_resources_text(text, name, today)
    if resources is None:
        raise PackError(problems)
    return resources
