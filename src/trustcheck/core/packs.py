"""Question packs: TOML files that define the items of a check-in.

A pack is checked as a whole: every problem is reported with the file and the line it is on, so
a person editing a pack can fix them all in one go (CONTENT.md, "Pack files"). The format is
described in ``data/packs/README.md``.

Pure: stdlib only (``tomllib``), no Textual, Rich, Typer or sqlite3. Where the shipped packs
live is the service layer's business: ``services.packs.load_builtin_packs`` and
``services.packs.weekly_pack`` pass their folder in.

Checking a pack's text is ``core.pack_check``; its snapshots and wording history are
``core.pack_versions``; both are re-exported here.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

from trustcheck.core.files import read_small_file
from trustcheck.core.models import Pack
from trustcheck.core.pack_check import (
    EVERYONE,
    PACK_TEXT_LIMIT,
    WEEKLY_PACK_ID,
    PackError,
    PackProblem,
    validate_pack_text,
)
from trustcheck.core.pack_versions import (
    pack_from_snapshot,
    pack_snapshot,
    wording_changes,
    wording_diff,
)

__all__ = [
    "EVERYONE",
    "PACK_TEXT_LIMIT",
    "WEEKLY_PACK_ID",
    "PackError",
    "PackProblem",
    "load_pack",
    "load_user_packs",
    "pack_from_snapshot",
    "pack_snapshot",
    "read_builtin_packs",
    "read_builtin_version",
    "read_weekly_pack",
    "validate_pack_text",
    "wording_changes",
    "wording_diff",
]


def load_pack(path: Path) -> Pack:
    """Read and validate one pack file; raise PackError with every problem if it is refused."""
    name = str(path)
    try:
        raw = read_small_file(path)
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


#: Earlier versions of built-in packs, as shipped: ``<packs>/versions/<id>.<version>.toml``.
VERSIONS_FOLDER = "versions"


def read_builtin_version(folder: Path, pack_id: str, version: int) -> Pack | None:
    """An earlier version of a built-in pack as it was shipped (``versions/<id>.<version>.toml``
    under ``folder``), or None when trustcheck never shipped it.

    Never an active pack (:func:`read_builtin_packs` reads only ``folder`` itself): it is read to
    show and score answers given under that version when the database holds no stored wording of
    it (databases from before snapshots, the demo, imports).
    """
    path = folder / VERSIONS_FOLDER / f"{pack_id}.{version}.toml"
    if not path.is_file():
        return None
    try:
        pack = _load_builtin_pack(path)
    except PackError:
        return None
    return pack if pack.id == pack_id and pack.version == version else None


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


