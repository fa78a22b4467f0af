"""Question packs: TOML files that define the items of a check-in.

A pack is checked as a whole: every problem is reported with the file and the line it is on, so
a person editing a pack can fix them all in one go (CONTENT.md, "Pack files"). The format is
described in ``data/packs/README.md``.

Pure: stdlib only (``tomllib``), no Textual, Rich, Typer or sqlite3. Where the shipped packs
live is the service layer's business: ``services.packs.load_builtin_packs`` and
``services.packs.weekly_pack`` pass their folder in.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
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
)
#: The default visibilities a pack may give a written item (``private = true`` seals it instead).
_VISIBILITIES = ("shared", "therapy")
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


# --- where things are in the raw text ------------------------------------------------------------


@dataclass
class _Lines:
    """Line numbers of keys and tables, found by scanning the raw text (tomllib gives none)."""

    top: dict[str, int] = field(default_factory=dict)
    table_headers: dict[str, int] = field(default_factory=dict)
    table_keys: dict[str, dict[str, int]] = field(default_factory=dict)
    item_headers: list[int] = field(default_factory=list)
    item_keys: list[dict[str, int]] = field(default_factory=list)
    area_headers: list[int] = field(default_factory=list)
    area_keys: list[dict[str, int]] = field(default_factory=list)


_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r"\"(?:[^\"\\]|\\.)*\"|'[^']*'"
_KEY_PART = rf"(?:{_BARE}|{_QUOTED})"
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_AOT_HEADER_RE = re.compile(rf"\s*\[\[\s*({_DOTTED})\s*\]\]")
_TABLE_HEADER_RE = re.compile(rf"\s*\[\s*({_DOTTED})\s*\]")
_KEY_RE = re.compile(rf"\s*({_DOTTED})\s*=")
_FIRST_PART_RE = re.compile(_KEY_PART)


def _first_key(dotted: str) -> str:
    """The first segment of a possibly dotted, possibly quoted key: ``"a".b`` -> ``a``."""
    match = _FIRST_PART_RE.match(dotted)
    part = match.group(0) if match else dotted
    if len(part) >= 2 and part[0] == part[-1] and part[0] in "\"'":
        return part[1:-1]
    return part


def _full_key(dotted: str) -> str:
    return ".".join(_first_key(p.strip()) for p in re.findall(rf"{_KEY_PART}", dotted))


def _scan_value(line: str, start: int, ml: str | None, depth: int) -> tuple[str | None, int]:
    """Follow strings, comments and brackets through one line; return the state at its end.

    ``ml`` is the open multi-line string delimiter, ``depth`` the open ``[``/``{`` count, so that
    lines inside a multi-line value are never mistaken for keys or headers.
    """
    i, n = start, len(line)
    while i < n:
        if ml is not None:
            if ml == '"""' and line[i] == "\\":
                i += 2
                continue
            if line.startswith(ml, i):
                ml = None
                i += 3
                continue
            i += 1
            continue
        c = line[i]
        if c == "#":
            break
        if line.startswith('"""', i) or line.startswith("'''", i):
            ml = line[i : i + 3]
            i += 3
            continue
        if c == '"':
            i += 1
            while i < n and line[i] != '"':
                i += 2 if line[i] == "\\" else 1
            i += 1
            continue
        if c == "'":
            end = line.find("'", i + 1)
            i = n if end < 0 else end + 1
            continue
        if c in "[{":
            depth += 1
        elif c in "]}":
            depth = max(0, depth - 1)
        i += 1
    return ml, depth


def _scan_lines(text: str) -> _Lines:
    """Record the line of every top-level key, table header, ``[[items]]`` header and item key."""
    found = _Lines()
    # ("", -1) top level; ("items", k); ("areas", k); (table, -1); ("?", -1)
    context: tuple[str, int] = ("", -1)
    ml: str | None = None
    depth = 0
    # Split on "\n" only: tomllib counts lines that way, str.splitlines() would not.
    for lineno, line in enumerate(text.split("\n"), start=1):
        if ml is not None or depth > 0:
            ml, depth = _scan_value(line, 0, ml, depth)
            continue
        if m := _AOT_HEADER_RE.match(line):
            name = _full_key(m.group(1))
            if name == "items":
                found.item_headers.append(lineno)
                found.item_keys.append({})
                context = ("items", len(found.item_headers) - 1)
            elif name == "areas":
                found.area_headers.append(lineno)
                found.area_keys.append({})
                context = ("areas", len(found.area_headers) - 1)
            else:
                context = ("?", -1)
            continue
        if m := _TABLE_HEADER_RE.match(line):
            name = _full_key(m.group(1))
            found.table_headers.setdefault(name, lineno)
            head, _, rest = name.partition(".")
            if head == "items" and rest and found.item_keys:
                # [items.x] after [[items]] adds key x to the last item.
                found.item_keys[-1].setdefault(rest.partition(".")[0], lineno)
            context = (name, -1) if name in ("scale", "rating", "roles") else ("?", -1)
            continue
        if m := _KEY_RE.match(line):
            key = _first_key(m.group(1))
            where, index = context
            if where == "":
                found.top.setdefault(key, lineno)
            elif where == "items":
                found.item_keys[index].setdefault(key, lineno)
            elif where == "areas":
                found.area_keys[index].setdefault(key, lineno)
            elif where != "?":
                found.table_keys.setdefault(where, {}).setdefault(key, lineno)
            ml, depth = _scan_value(line, m.end(), ml, depth)
    return found


# --- validation ----------------------------------------------------------------------------------


class _Checker:
    """Collects problems for one pack text, pointing each at the most specific line it can."""

    def __init__(self, filename: str, lines: _Lines, item_count: int, area_count: int = 0) -> None:
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
    return any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in value)


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
                " (for a private item, write private = true)",
            )
        elif kind is not None and kind is not ItemKind.TEXT:
            check.add(line("visibility"), f"{label}: visibility is only for text items")
        else:
            visibility = Visibility(raw_visibility)

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
        visibility=visibility,
    )


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


def validate_pack_text(text: str, filename: str) -> tuple[Pack | None, list[PackProblem]]:
    """Parse and check a pack's TOML text; return the Pack (or None) and every problem found.

    Each problem carries the line of the offending key, else of its ``[[items]]`` header, else 1.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        if m := _SYNTAX_AT_RE.search(message):
            line, reason = int(m.group(1)), message[: m.start()]
        elif m := _SYNTAX_END_RE.search(message):
            line, reason = max(1, len(text.rstrip("\n").split("\n"))), message[: m.start()]
        else:
            line, reason = 1, message
        return None, [PackProblem(filename, line, f"TOML syntax error: {reason}")]

    raw_items = data.get("items")
    item_count = len(raw_items) if isinstance(raw_items, list) else 0
    raw_areas = data.get("areas")
    area_count = len(raw_areas) if isinstance(raw_areas, list) else 0
    check = _Checker(filename, _scan_lines(text), item_count, area_count)

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
    elif isinstance(version, bool) or not isinstance(version, int) or version < 1:
        check.add(check.top_line("version"), "version must be a whole number of 1 or more")

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
    )
    return pack, []


def load_pack(path: Path) -> Pack:
    """Read and validate one pack file; raise PackError with every problem if it is refused."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise PackError([PackProblem(name, 0, f"cannot read the file: {reason}")]) from err
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problem = PackProblem(name, line, "the file is not UTF-8 text")
        raise PackError([problem]) from err
    pack, problems = validate_pack_text(text, name)
    if pack is None:
        raise PackError(problems)
    return replace(pack, path=name)


@functools.cache
def _load_builtin_pack(path: Path) -> Pack:
    """One built-in pack file, read and validated once per process (PackError if refused)."""
    return load_pack(path)


@functools.cache
def read_builtin_packs(folder: Path) -> dict[str, Pack]:
    """Every built-in pack in ``folder``, by id; a broken or doubled built-in pack is refused."""
    packs: dict[str, Pack] = {}
    problems: list[PackProblem] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            pack = _load_builtin_pack(path)
        except PackError as err:
            problems.extend(err.problems)
            continue
        if pack.id in packs:
            problems.append(
                PackProblem(
                    str(path), 1, f"pack id '{pack.id}' is also used by {packs[pack.id].path}"
                )
            )
            continue
        packs[pack.id] = pack
    if problems:
        raise PackError(problems)
    return packs


def read_weekly_pack(folder: Path) -> Pack:
    """The weekly core pack every check-in uses, from the built-in packs in ``folder``.

    Only ``weekly.toml`` is read (the modules are read when first needed, by
    :func:`read_builtin_packs`): starting the app need not parse every module pack. It is the
    same object ``read_builtin_packs(folder)["weekly"]`` gives. When that file is missing or holds
    another pack, every built-in pack is read so the error names what is wrong.
    """
    path = folder / f"{WEEKLY_PACK_ID}.toml"
    if path.is_file():
        pack = _load_builtin_pack(path)
        if pack.id == WEEKLY_PACK_ID:
            return pack
    packs = read_builtin_packs(folder)
    if WEEKLY_PACK_ID not in packs:
        where = str(folder)
        raise PackError([PackProblem(where, 0, f"the built-in '{WEEKLY_PACK_ID}' pack is missing")])
    return packs[WEEKLY_PACK_ID]


# --- user packs ----------------------------------------------------------------------------------


def load_user_packs(folder: Path, builtin: dict[str, Pack]) -> tuple[list[Pack], list[PackProblem]]:
    """Every valid pack in ``folder`` (the user's packs), and the problems of the refused ones.

    A user pack may not take a built-in pack's id, nor another user pack's.
    """
    packs: list[Pack] = []
    problems: list[PackProblem] = []
    if not folder.is_dir():
        return packs, problems
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            pack = load_pack(path)
        except PackError as err:
            problems.extend(err.problems)
            continue
        if pack.id in builtin:
            reason = f"pack id '{pack.id}' is a built-in pack's; give yours another id"
            problems.append(PackProblem(str(path), 1, reason))
            continue
        if pack.id in seen:
            reason = f"pack id '{pack.id}' is also used by {seen[pack.id]}"
            problems.append(PackProblem(str(path), 1, reason))
            continue
        seen[pack.id] = str(path)
        packs.append(pack)
    return packs, problems


# --- versions: what was answered stays readable -------------------------------------------

#: The fields of an item whose change means "a different question": a new version is needed.
_MEANING = ("area", "kind", "text", "reverse", "choices", "who", "private")


def _item_dict(item: Item) -> dict[str, Any]:
    return {
        "id": item.id,
        "area": item.area,
        "kind": item.kind.value,
        "text": item.text,
        "reverse": item.reverse,
        "optional": item.optional,
        "who": item.who,
        "hint": item.hint,
        "choices": list(item.choices),
        "private": item.private,
    }


def pack_snapshot(pack: Pack) -> str:
    """The wording of one pack version as JSON: stored the first time that version is answered."""
    labels = {
        name: {"low": lab.low, "mid": lab.mid, "high": lab.high}
        for name, lab in (("scale", pack.scale), ("rating", pack.rating))
    }
    body = {
        "id": pack.id,
        "version": pack.version,
        "title": pack.title,
        "description": pack.description,
        "module": pack.module,
        "private": pack.private,
        "sources": list(pack.sources),
        "areas": [{"id": a.id, "title": a.title} for a in pack.areas],
        "roles": dict(pack.roles),
        "items": [_item_dict(i) for i in pack.items],
        **labels,
    }
    import json  # snapshots are written and read during check-ins, not at start-up

    return json.dumps(body, ensure_ascii=False, sort_keys=True)


def pack_from_snapshot(snapshot: str) -> Pack:
    """The pack as it was answered, rebuilt from :func:`pack_snapshot` (for history)."""
    import json

    body = json.loads(snapshot)
    items = tuple(
        Item(
            id=i["id"],
            area=i["area"],
            text=i["text"],
            kind=ItemKind(i["kind"]),
            reverse=bool(i.get("reverse", False)),
            optional=bool(i.get("optional", False)),
            who=i.get("who", EVERYONE),
            hint=i.get("hint", ""),
            choices=tuple(i.get("choices", ())),
            private=bool(i.get("private", False)),
        )
        for i in body["items"]
    )

    def labels(name: str) -> ScaleLabels:
        raw = body.get(name) or {}
        return ScaleLabels(raw.get("low", ""), raw.get("mid", ""), raw.get("high", ""))

    return Pack(
        id=body["id"],
        version=int(body["version"]),
        title=body.get("title", body["id"]),
        description=body.get("description", ""),
        sources=tuple(body.get("sources", ())),
        items=items,
        scale=labels("scale"),
        rating=labels("rating"),
        module=bool(body.get("module", False)),
        areas=tuple(ModuleArea(a["id"], a["title"]) for a in body.get("areas", ())),
        roles=tuple(body.get("roles", {}).items()),
        private=bool(body.get("private", False)),
    )


def wording_diff(pack: Pack, snapshot: str) -> list[tuple[str, str]]:
    """How ``pack`` differs from the stored wording of the same id and version: (item id, reason)
    per changed, added or removed item.

    Empty when nothing that changes a question's meaning changed (a hint or the description
    may change freely). Any other change needs a new version, so old answers keep their words.
    """
    import json

    old = {i["id"]: i for i in json.loads(snapshot).get("items", [])}
    new = {i.id: _item_dict(i) for i in pack.items}
    found: list[tuple[str, str]] = []
    for item_id, now in new.items():
        before = old.get(item_id)
        if before is None:
            found.append((item_id, f"item '{item_id}' was added"))
            continue
        changed = [f for f in _MEANING if before.get(f) != now[f]]
        if changed:
            found.append((item_id, f"item '{item_id}' changed its {', '.join(changed)}"))
    found.extend(
        (item_id, f"item '{item_id}' was removed") for item_id in old if item_id not in new
    )
    return found


def wording_changes(pack: Pack, snapshot: str) -> list[str]:
    """:func:`wording_diff`, the reasons only."""
    return [reason for _, reason in wording_diff(pack, snapshot)]
