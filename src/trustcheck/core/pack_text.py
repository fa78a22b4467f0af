"""Where each key of a pack's TOML text is: the line numbers that pack problems name.

``tomllib`` gives values, not positions; this small scanner finds the line of every table,
array-of-tables entry and key, so a problem can say ``FILE:LINE``. Pure: stdlib only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# --- where things are in the raw text ------------------------------------------------------------


@dataclass
class Lines:
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


def scan_lines(text: str) -> Lines:
    """Record the line of every top-level key, table header, ``[[items]]`` header and item key."""
    found = Lines()
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


