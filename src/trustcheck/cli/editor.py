"""Editing a journal entry in ``$EDITOR`` without the clear text ever touching a disk.

The text goes to a file in a folder of its own (0700, the file 0600) inside a memory-only file
system (tmpfs or ramfs: ``/dev/shm``, or ``$XDG_RUNTIME_DIR`` when it is one), is read back when
the editor exits, then overwritten and removed, whatever happened. Where no such place exists the
entry is not edited here at all (the app edits it in memory instead).
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

MEMORY_FILE_SYSTEMS = frozenset({"tmpfs", "ramfs"})


def _mounts() -> list[tuple[str, str]]:
    """(mount point, file system type) of every mount, from ``/proc/self/mounts`` (Linux)."""
    try:
        text = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    out = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            out.append((parts[1].replace("\\040", " "), parts[2]))
    return out


def in_memory(folder: Path, mounts: list[tuple[str, str]]) -> bool:
    """Whether ``folder`` lies on a memory-only file system (its deepest mount's type)."""
    resolved = str(folder.resolve())
    best, kind = "", ""
    for point, fs in mounts:
        inside = resolved == point or resolved.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fs
    return kind in MEMORY_FILE_SYSTEMS


def memory_folder() -> Path | None:
    """A writable folder on a memory-only file system, or None."""
    mounts = _mounts()
    candidates = [Path("/dev/shm")]
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        candidates.append(Path(runtime))
    for folder in candidates:
        if folder.is_dir() and os.access(folder, os.W_OK) and in_memory(folder, mounts):
            return folder
    return None


def editor_command() -> list[str]:
    """``$VISUAL``, else ``$EDITOR``, else ``vi``, split as a shell would."""
    return shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")


@contextlib.contextmanager
def private_file(base: Path, text: str) -> Iterator[Path]:
    """``text`` in a 0600 file in a new 0700 folder under ``base``; overwritten and removed on
    the way out, whatever happened."""
    folder = Path(tempfile.mkdtemp(prefix="trustcheck-", dir=base))  # 0700
    path = folder / "entry.txt"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        yield path
    finally:
        for leftover in folder.iterdir():  # the editor's own backup or swap files too
            with contextlib.suppress(OSError):
                size = leftover.stat().st_size
                with leftover.open("r+b") as f:
                    f.write(b"\0" * size)
            with contextlib.suppress(OSError):
                leftover.unlink()
        with contextlib.suppress(OSError):
            folder.rmdir()


def edit_text(base: Path, text: str) -> str | None:
    """``text`` as the person left it in their editor (None when the editor failed)."""
    with private_file(base, text) as path:
        try:
            done = subprocess.run([*editor_command(), str(path)], check=False)
        except OSError:
            return None
        if done.returncode != 0:
            return None
        return path.read_text(encoding="utf-8", errors="surrogateescape")
