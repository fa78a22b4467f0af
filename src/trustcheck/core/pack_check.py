"""Checking a pack's TOML text: every problem with the file and line it is on (CONTENT.md, "Pack
files"), so a person editing a pack can fix them all in one go. Pure: stdlib only.

Longer than most modules on purpose: it is one walk over a pack (top keys, areas, roles, then
each item) sharing one :class:`_Checker`, and reads best in one place.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

from trustcheck.core.errors import UserError
from trustcheck.core.models import (
    KNOWN_AREAS,
    Item,
    ItemKind,
    ModuleArea,
    Pack,
    ScaleLabels,
    Visibility,
)
from trustcheck.core.pack_text import Lines, scan_lines
from trustcheck.core.text import has_control

WEEKLY_PACK_ID = "weekly"

_TOP_KEYS = (
    "id",
    "version",
    "title",
    "description",
    "module",
    "private",
    "sources",
    "scale",
    "rating",
    "areas",
    "roles",
    "items",
    "phases",
    "ready",
)
_ITEM_KEYS = (
    "id",
    "area",
    "kind",
    "text",
    "reverse",
    "optional",
    "who",
    "hint",
    "choices",
    "private",
    "visibility",
    "conditional",
    "support",
)
#: The default visibilities a pack may give a written item (``private = true`` seals it instead).
_VISIBILITIES = ("shared", "therapy", "private")
_AREA_KEYS = ("id", "title")
EVERYONE = "everyone"
_LABEL_KEYS = ("low", "mid", "high")
_KINDS = tuple(k.value for k in ItemKind)

_PACK_ID_RE = re.compile(r"[a-z0-9][a-z0-9_.-]*\Z")
_ROLE_RE = re.compile(r"[a-z][a-z0-9_-]*\Z")
_ITEM_ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*\Z")
_SYNTAX_AT_RE = re.compile(r"\s*\(at line (\d+), column \d+\)\s*\Z")
_SYNTAX_END_RE = re.compile(r"\s*\(at end of document\)\s*\Z")



@dataclass(frozen=True)
class PackProblem:
    """One thing wrong with a pack file, and where."""

    file: str
    line: int  # 1-based; 0 when the problem is with the file as a whole (unreadable)
    reason: str

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.file}: {self.reason}"
        return f"{self.file}:{self.line}: {self.reason}"


class PackError(UserError):
    """A pack was refused: ``problems`` lists every reason; ``str()`` is the first, on one line."""

    def __init__(self, problems: list[PackProblem]) -> None:
        if not problems:
            raise ValueError("PackError needs at least one problem")
        self.problems = list(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        first = str(self.problems[0])
        more = len(self.problems) - 1
        return f"{first} (and {more} more)" if more else first

    def __str__(self) -> str:
        return self._summary()



# --- validation ----------------------------------------------------------------------------------


class _Checker:
    """Collects problems for one pack text, pointing each at the most specific line it can."""

    def __init__(self, filename: str, lines: Lines, item_count: int, area_count: int = 0) -> None:
        self.filename = filename
        self.lines = lines
        self.problems: list[PackProblem] = []
        # Item lines are trusted only when the headers match the items (not `items = [...]`).
        self.item_headers_match = len(lines.item_headers) == item_count
        self.area_headers_match = len(lines.area_headers) == area_count
        #: What a module pack adds: its own areas, and the roles ``who`` may name.
        self.module_areas: dict[str, str] = {}
        self.roles: dict[str, str] = {}
        self.pack_private = False

    def add(self, line: int, reason: str) -> None:
        self.problems.append(PackProblem(self.filename, line, reason))

    def top_line(self, key: str) -> int:
        return self.lines.top.get(key, 1)

    def item_line(self, index: int) -> int:
        if self.item_headers_match:
            return self.lines.item_headers[index]
        return self.top_line("items")

    def item_key_line(self, index: int, key: str) -> int:
        if self.item_headers_match and key in self.lines.item_keys[index]:
            return self.lines.item_keys[index][key]
        return self.item_line(index)

    def area_line(self, index: int, key: str | None = None) -> int:
        if not self.area_headers_match:
            return self.top_line("areas")
        if key is not None and key in self.lines.area_keys[index]:
            return self.lines.area_keys[index][key]
        return self.lines.area_headers[index]

    def table_line(self, table: str, key: str | None = None) -> int:
        if key is not None and key in self.lines.table_keys.get(table, {}):
            return self.lines.table_keys[table][key]
        if table in self.lines.table_headers:
            return self.lines.table_headers[table]
        return self.top_line(table)


#: The longest text a pack may hold (a title, an item's wording, a source): a screen's worth.
PACK_TEXT_LIMIT = 2000


def _bad_char(value: str) -> bool:
    """True when a text holds control characters (other than newline and tab) such as ESC."""
    return has_control(value)


def _unknown_key_reason(key: str, known: tuple[str, ...], where: str) -> str:
    import difflib  # only for a refused key: not paid by every start

    hint = difflib.get_close_matches(key, known, n=1)
    suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
    return f"unknown key '{key}' {where}{suggestion}"


def _text_value(
    check: _Checker, value: object, line: int, what: str, *, required: bool = True
) -> str | None:
    """Check a string value: a string, not empty when required, free of control characters."""
    if not isinstance(value, str):
        check.add(line, f"{what} must be text in quotes")
        return None
    if required and not value.strip():
        check.add(line, f"{what} is empty")
        return None
    if _bad_char(value):
        check.add(line, f"{what} contains a control character")
        return None
    if len(value) > PACK_TEXT_LIMIT:
        check.add(line, f"{what} is longer than {PACK_TEXT_LIMIT} characters")
        return None
    return value


def _bool_value(check: _Checker, value: object, line: int, what: str) -> bool | None:
    if not isinstance(value, bool):
        check.add(line, f"{what} must be true or false")
        return None
    return value


def _check_labels(
    check: _Checker, data: dict[str, Any], table: str, needed_by: list[int]
) -> ScaleLabels:
    """Read a ``[scale]``/``[rating]`` table; it is required only when items of that kind exist."""
    raw = data.get(table)
    empty = ScaleLabels("", "", "")
    if raw is None:
        if needed_by:
            kind = "scale" if table == "scale" else "rating"
            check.add(
                needed_by[0],
                f"missing [{table}] table with low, mid and high labels (needed by {kind} items)",
            )
        return empty
    if not isinstance(raw, dict):
        check.add(check.table_line(table), f"'{table}' must be a table with low, mid and high")
        return empty
    for key in raw:
        if key not in _LABEL_KEYS:
            check.add(
                check.table_line(table, key),
                _unknown_key_reason(key, _LABEL_KEYS, f"in [{table}]"),
            )
    labels: list[str] = []
    for key in _LABEL_KEYS:
        if key not in raw:
            check.add(check.table_line(table), f"missing label '{key}' in [{table}]")
            labels.append("")
            continue
        value = _text_value(check, raw[key], check.table_line(table, key), f"[{table}] {key}")
        labels.append(value or "")
    return ScaleLabels(*labels)


def _check_item(check: _Checker, index: int, raw: object, seen: dict[str, int]) -> Item | None:
    """Check one ``[[items]]`` table; record every problem; return the Item if there were none."""
    before = len(check.problems)
    here = check.item_line(index)
    if not isinstance(raw, dict):
        check.add(here, f"item {index + 1} must be a table ([[items]])")
        return None

    def line(key: str) -> int:
        return check.item_key_line(index, key)

    item_id = raw.get("id")
    label = f"item {index + 1}"
    if item_id is None:
        check.add(here, f"{label} has no 'id'")
    elif not isinstance(item_id, str) or not _ITEM_ID_RE.match(item_id):
        check.add(
            line("id"),
            f'{label}: id must be lower-case words joined by dots, like "comm.heard"',
        )
    else:
        label = f"item '{item_id}'"
        if item_id in seen:
            check.add(line("id"), f"duplicate item id '{item_id}' (first at line {seen[item_id]})")
        else:
            seen[item_id] = line("id")

    for key in raw:
        if key not in _ITEM_KEYS:
            check.add(line(key), _unknown_key_reason(key, _ITEM_KEYS, f"in {label}"))

    area = raw.get("area")
    known_areas = (*KNOWN_AREAS, *check.module_areas)
    if area is None:
        check.add(here, f"{label} has no 'area'")
    elif not isinstance(area, str) or area not in known_areas:
        check.add(
            line("area"), f"{label}: unknown area {area!r} (one of: {', '.join(known_areas)})"
        )

    kind_raw = raw.get("kind")
    kind: ItemKind | None = None
    if kind_raw is None:
        check.add(here, f"{label} has no 'kind'")
    elif not isinstance(kind_raw, str) or kind_raw not in _KINDS:
        check.add(line("kind"), f"{label}: unknown kind {kind_raw!r} (one of: {', '.join(_KINDS)})")
    else:
        kind = ItemKind(kind_raw)

    text: str | None = None
    if "text" not in raw:
        check.add(here, f"{label} has no 'text'")
    else:
        text = _text_value(check, raw["text"], line("text"), f"{label}: text")

    reverse = False
    if "reverse" in raw:
        reverse = bool(_bool_value(check, raw["reverse"], line("reverse"), f"{label}: reverse"))
        if reverse and kind is not None and kind is not ItemKind.SCALE:
            check.add(line("reverse"), f"{label}: reverse = true is only for scale items")

    optional = False
    if "optional" in raw:
        optional = bool(_bool_value(check, raw["optional"], line("optional"), f"{label}: optional"))

    conditional = False
    if "conditional" in raw:
        where = line("conditional")
        conditional = bool(_bool_value(check, raw["conditional"], where, f"{label}: conditional"))
        if conditional and kind is not None and kind is not ItemKind.SCALE:
            check.add(where, f"{label}: conditional = true is only for scale items")

    who = EVERYONE
    if "who" in raw:
        who = _text_value(check, raw["who"], line("who"), f"{label}: who") or who
        if check.roles and who not in (EVERYONE, *check.roles):
            roles = ", ".join((EVERYONE, *check.roles))
            check.add(line("who"), f"{label}: unknown role {who!r} in 'who' (one of: {roles})")

    private = check.pack_private
    if "private" in raw:
        mine = _bool_value(check, raw["private"], line("private"), f"{label}: private")
        if mine is False and check.pack_private:
            check.add(line("private"), f"{label}: every item of a private pack stays private")
        private = private or bool(mine)

    hint = ""
    if "hint" in raw:
        hint = _text_value(check, raw["hint"], line("hint"), f"{label}: hint", required=False) or ""

    choices: tuple[str, ...] = ()
    raw_choices = raw.get("choices")
    if raw_choices is not None and not isinstance(raw_choices, list):
        check.add(line("choices"), f"{label}: choices must be a list of texts")
    elif kind is ItemKind.CHOICE:
        if not raw_choices:
            check.add(line("choices"), f"{label}: a choice item needs a non-empty 'choices' list")
        else:
            values: list[str] = []
            for value in raw_choices:
                checked = _text_value(check, value, line("choices"), f"{label}: each choice")
                if checked is None:
                    break
                if checked in values:
                    check.add(line("choices"), f"{label}: choice {checked!r} is listed twice")
                    break
                values.append(checked)
            choices = tuple(values)
    elif raw_choices and kind is not None:
        check.add(line("choices"), f"{label}: choices are only for choice items")

    visibility = Visibility.SHARED
    if "visibility" in raw:
        raw_visibility = raw["visibility"]
        if raw_visibility not in _VISIBILITIES:
            check.add(
                line("visibility"),
                f"{label}: visibility must be one of: {', '.join(_VISIBILITIES)}"
                " (for an item that must stay private, write private = true)",
            )
        elif kind is not None and kind is not ItemKind.TEXT:
            check.add(line("visibility"), f"{label}: visibility is only for text items")
        else:
            visibility = Visibility(raw_visibility)

    support: int | None = None
    if "support" in raw:
        raw_support = raw["support"]
        if kind is not None and kind not in (ItemKind.SCALE, ItemKind.CHOICE):
            check.add(line("support"), f"{label}: support is only for scale and choice items")
        elif (
            isinstance(raw_support, bool)
            or not isinstance(raw_support, int)
            or not (
                1 <= raw_support <= 7 if kind is ItemKind.SCALE else 0 <= raw_support < len(choices)
            )
        ):
            check.add(
                line("support"),
                f"{label}: support must be the answer (1–7, or a choice's index from 0) from "
                "which the support lines are offered",
            )
        else:
            support = raw_support

    if len(check.problems) > before or kind is None or text is None:
        return None
    assert isinstance(item_id, str) and isinstance(area, str)
    return Item(
        id=item_id,
        area=area,
        text=text,
        kind=kind,
        reverse=reverse,
        optional=optional,
        who=who,
        hint=hint,
        choices=choices,
        line=here,
        private=private,
        conditional=conditional,
        visibility=visibility,
        support=support,
    )


def _check_phases(
    check: _Checker, data: dict[str, object], areas: tuple[ModuleArea, ...], items: list[Item]
) -> tuple[tuple[str, ...], str]:
    """A module's ``phases`` (its own areas, in the order they are unlocked) and ``ready`` (the
    choice item, first choice "ready", that each person answers to move on together)."""
    raw_phases, raw_ready = data.get("phases"), data.get("ready")
    if raw_phases is None and raw_ready is None:
        return (), ""
    own = {a.id for a in areas}
    phases: list[str] = []
    where = check.top_line("phases")
    if not isinstance(raw_phases, list) or len(raw_phases) < 2:
        check.add(where, "phases must list two or more of the pack's own [[areas]], in order")
    else:
        for value in raw_phases:
            if not isinstance(value, str) or value not in own:
                check.add(where, f"phases: {value!r} is not one of the pack's own [[areas]]")
            elif value in phases:
                check.add(where, f"phases: '{value}' is listed twice")
            else:
                phases.append(value)
    by_id = {i.id: i for i in items}
    ready_item = by_id.get(raw_ready) if isinstance(raw_ready, str) else None
    if (
        ready_item is None
        or ready_item.kind is not ItemKind.CHOICE
        or ready_item.private
        or ready_item.area in own
    ):
        check.add(
            check.top_line("ready"),
            "ready must name a shared choice item outside the phases (its first choice means "
            "'ready to move on')",
        )
        return tuple(phases), ""
    return tuple(phases), ready_item.id


def _check_areas(check: _Checker, raw: object, *, module: bool) -> tuple[ModuleArea, ...]:
    """Read a module's ``[[areas]]`` tables (id, title); only module packs may add areas."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.add(check.top_line("areas"), "areas must be a list of [[areas]] tables")
        return ()
    if not module:
        check.add(
            check.area_line(0) if raw else check.top_line("areas"),
            "only a module pack (module = true) can add its own [[areas]]",
        )
        return ()
    found: list[ModuleArea] = []
    for index, entry in enumerate(raw):
        here = check.area_line(index)
        if not isinstance(entry, dict):
            check.add(here, f"area {index + 1} must be a table ([[areas]])")
            continue
        for key in entry:
            if key not in _AREA_KEYS:
                check.add(
                    check.area_line(index, key),
                    _unknown_key_reason(key, _AREA_KEYS, f"in area {index + 1}"),
                )
        area_id = entry.get("id")
        title = entry.get("title")
        if area_id is None:
            check.add(here, f"area {index + 1} has no 'id'")
            continue
        id_line = check.area_line(index, "id")
        if not isinstance(area_id, str) or not _ITEM_ID_RE.match(area_id):
            check.add(id_line, f'area {index + 1}: id must be lower-case words, like "repair"')
            continue
        if area_id in KNOWN_AREAS:
            check.add(id_line, f"area '{area_id}' is already a weekly area; choose another id")
            continue
        if area_id in check.module_areas:
            check.add(id_line, f"duplicate area id '{area_id}'")
            continue
        if title is None:
            check.add(here, f"area '{area_id}' has no 'title'")
            continue
        value = _text_value(
            check, title, check.area_line(index, "title"), f"area '{area_id}': title"
        )
        if value is None:
            continue
        check.module_areas[area_id] = value
        found.append(ModuleArea(area_id, value))
    return tuple(found)


def _check_roles(check: _Checker, raw: object) -> None:
    """Read ``[roles]``: role id → title (whom an item is for, e.g. hurt = "I was hurt")."""
    if raw is None:
        return
    if not isinstance(raw, dict):
        check.add(check.table_line("roles"), "'roles' must be a table of role = \"title\"")
        return
    for role, title in raw.items():
        line = check.table_line("roles", role)
        if role == EVERYONE or not _ROLE_RE.match(role):
            check.add(line, f"role {role!r} must be a short lower-case word other than 'everyone'")
            continue
        value = _text_value(check, title, line, f"role '{role}'")
        if value is not None:
            check.roles[role] = value


#: The largest pack version stored (SQLite's 64-bit INTEGER holds it with room to spare).
MAX_VERSION = 2**31 - 1


def parse_toml(text: str, filename: str) -> tuple[dict[str, object] | None, PackProblem | None]:
    """A user TOML file's table, or the one problem that stops it from being read: a syntax
    error at its line, or nesting too deep to read (arrays in arrays thousands deep)."""
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        if m := _SYNTAX_AT_RE.search(message):
            line, reason = int(m.group(1)), message[: m.start()]
        elif m := _SYNTAX_END_RE.search(message):
            line, reason = max(1, len(text.rstrip("\n").split("\n"))), message[: m.start()]
        else:
            line, reason = 1, message
        return None, PackProblem(filename, line, f"TOML syntax error: {reason}")
    except RecursionError:
        return None, PackProblem(filename, 1, "nested too deeply to read")


def validate_pack_text(text: str, filename: str) -> tuple[Pack | None, list[PackProblem]]:
    """Parse and check a pack's TOML text; return the Pack (or None) and every problem found.

    Each problem carries the line of the offending key, else of its ``[[items]]`` header, else 1.
    """
    data, problem = parse_toml(text, filename)
    if data is None:
        return None, [problem] if problem is not None else []

    raw_items = data.get("items")
    item_count = len(raw_items) if isinstance(raw_items, list) else 0
    raw_areas = data.get("areas")
    area_count = len(raw_areas) if isinstance(raw_areas, list) else 0
    check = _Checker(filename, scan_lines(text), item_count, area_count)

    for key in data:
        if key not in _TOP_KEYS:
            check.add(check.top_line(key), _unknown_key_reason(key, _TOP_KEYS, "in the pack"))

    pack_id = data.get("id")
    if pack_id is None:
        check.add(1, "missing 'id' (a short name such as \"weekly\")")
    elif not isinstance(pack_id, str) or not _PACK_ID_RE.match(pack_id):
        check.add(
            check.top_line("id"),
            "id must be a short lower-case name (letters, digits, '-', '_', '.')",
        )

    version = data.get("version")
    if version is None:
        check.add(1, "missing 'version' (a whole number, starting at 1)")
    elif (
        isinstance(version, bool)
        or not isinstance(version, int)
        or not 1 <= version <= MAX_VERSION
    ):
        check.add(
            check.top_line("version"),
            f"version must be a whole number from 1 to {MAX_VERSION}",
        )

    title: str | None = None
    if "title" not in data:
        check.add(1, "missing 'title'")
    else:
        title = _text_value(check, data["title"], check.top_line("title"), "title")

    description = ""
    if "description" in data:
        description = (
            _text_value(
                check,
                data["description"],
                check.top_line("description"),
                "description",
                required=False,
            )
            or ""
        )

    module = False
    if "module" in data:
        module = bool(_bool_value(check, data["module"], check.top_line("module"), "module"))

    if "private" in data:
        check.pack_private = bool(
            _bool_value(check, data["private"], check.top_line("private"), "private")
        )
    areas = _check_areas(check, raw_areas, module=module)
    _check_roles(check, data.get("roles"))

    sources: list[str] = []
    raw_sources = data.get("sources", [])
    if not isinstance(raw_sources, list):
        check.add(check.top_line("sources"), "sources must be a list of texts")
    else:
        for source in raw_sources:
            value = _text_value(check, source, check.top_line("sources"), "each source")
            if value is None:
                break
            sources.append(value)

    items: list[Item] = []
    needs_scale: list[int] = []
    needs_rating: list[int] = []
    if raw_items is None:
        check.add(1, "the pack has no items (add at least one [[items]] table)")
    elif not isinstance(raw_items, list):
        check.add(check.top_line("items"), "items must be a list of [[items]] tables")
    elif not raw_items:
        check.add(
            check.top_line("items"), "the pack has no items (add at least one [[items]] table)"
        )
    else:
        seen: dict[str, int] = {}
        for index, raw in enumerate(raw_items):
            item = _check_item(check, index, raw, seen)
            if item is not None:
                items.append(item)
            kind = raw.get("kind") if isinstance(raw, dict) else None
            if kind == ItemKind.SCALE.value:
                needs_scale.append(check.item_line(index))
            elif kind == ItemKind.RATING.value:
                needs_rating.append(check.item_line(index))

    scale = _check_labels(check, data, "scale", needs_scale)
    rating = _check_labels(check, data, "rating", needs_rating)
    phases, ready = _check_phases(check, data, areas, items)

    if check.problems:
        return None, sorted(check.problems, key=lambda p: p.line)
    assert isinstance(pack_id, str) and isinstance(version, int) and title is not None
    pack = Pack(
        id=pack_id,
        version=version,
        title=title,
        description=description,
        sources=tuple(sources),
        items=tuple(items),
        scale=scale,
        rating=rating,
        module=module,
        areas=areas,
        roles=tuple(check.roles.items()),
        private=check.pack_private,
        phases=phases,
        ready=ready,
    )
    return pack, []
