"""Reading a file a person names (an import, a pack, a resources file) without trusting it.

Only a regular file is read, and only up to a limit: ``/dev/zero`` would fill memory, a FIFO
would wait for ever, a folder is no file. Problems are :class:`OSError` with a one-line
``strerror``, as any unreadable file's are, so callers report them the way they already do.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: The largest file of our own kinds (a pack, a resources file) read: far above any real one.
SMALL_FILE_LIMIT = 4 * 1024 * 1024


def read_small_file(path: Path, limit: int = SMALL_FILE_LIMIT) -> bytes:
    """The bytes of the regular file at ``path`` (symlinks followed), at most ``limit`` of them.

    Opened without waiting (a FIFO answers at once, and is then refused for what it is), and
    read only to ``limit`` + 1 bytes, so a file that grows meanwhile cannot exhaust memory.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as file:
        mode = os.fstat(file.fileno()).st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            raise OSError(errno.EINVAL, kind)
        data = file.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"the file is too large (over {limit // (1024 * 1024)} MB)")
    return data
