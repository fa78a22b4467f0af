"""The one atomic file writer: a file on disk is either the old one or the whole new one.

Exports (``services.export.write_atomic``) and backups (``storage.backup``) both write through
:func:`atomic_target`: a temporary file beside the target (mode 0600) is filled, fsynced, then
renamed over the target (``overwrite``) or hard-linked to it, which fails if the target appeared
meanwhile, so an existing file is never replaced unasked. The folder is fsynced after the rename.
Errors are the caller's to word: :class:`TargetExists`, or the ``OSError`` as it came.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from trustcheck.storage.db import FILE_MODE


class TargetExists(Exception):
    """The target exists (or appeared while it was written) and overwriting was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def fsync_path(path: Path, *, directory: bool = False) -> None:
    """Flush ``path`` to disk; a folder that cannot be opened or flushed is skipped."""
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if directory:
            return  # some platforms cannot open a folder; the rename is still atomic
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not directory:
            raise
    finally:
        os.close(fd)


def _publish(tmp: Path, target: Path, *, overwrite: bool) -> None:
    """Put the finished ``tmp`` in ``target``'s place in one step."""
    if overwrite:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)  # fails if the target appeared meanwhile: never clobbers
    except FileExistsError:
        raise TargetExists(target) from None
    except OSError:  # a file system without hard links (FAT, some network drives)
        if target.exists():
            raise TargetExists(target) from None
        os.replace(tmp, target)


@contextlib.contextmanager
def atomic_target(target: Path, *, overwrite: bool = False, suffix: str = ".tmp") -> Iterator[Path]:
    """A temporary path beside ``target`` to fill; a block that ends cleanly makes it ``target``.

    Raises :class:`TargetExists` (before anything is written, or at the end if the target
    appeared meanwhile) unless ``overwrite``. The temporary file is gone afterwards either way.
    """
    import tempfile  # deferred: random and shutil are not needed until a file is written

    if not overwrite and (target.exists() or target.is_symlink()):
        raise TargetExists(target)
    folder = target.parent
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=folder)
    now = os.fstat(fd).st_mtime
    os.close(fd)
    tmp = Path(name)
    # What a killed earlier write of this target left behind goes (ours is new: never stale).
    remove_stale_partials(folder, f".{glob.escape(target.name)}.*{suffix}", now)
    try:
        yield tmp
        os.chmod(tmp, FILE_MODE)
        fsync_path(tmp)
        _publish(tmp, target, overwrite=overwrite)
        fsync_path(folder, directory=True)
    finally:
        tmp.unlink(missing_ok=True)


#: A temporary file untouched this long is a leftover of a write that was killed (a copy being
#: written keeps changing it), never one in progress in another window.
STALE_SECONDS = 3600


def remove_stale_partials(folder: Path, pattern: str, now: float) -> list[Path]:
    """Delete leftovers of killed writes in ``folder`` matching ``pattern`` (and SQLite's
    ``-journal`` beside each) that nobody has touched for :data:`STALE_SECONDS`; best effort.

    ``now`` is the modification time of a file just written there: the file system's own
    clock, which the leftovers' times come from (the process's clock may differ)."""
    removed = []
    for leftover in [*folder.glob(pattern), *folder.glob(f"{pattern}-journal")]:
        with contextlib.suppress(OSError):
            info = leftover.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_SECONDS:
                leftover.unlink()
                removed.append(leftover)
    return removed


def write_atomic(path: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` through :func:`atomic_target`, mode 0600."""
    with atomic_target(path, overwrite=overwrite) as tmp:
        tmp.write_bytes(data)
    return path
