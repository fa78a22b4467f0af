"""What the running app asks of the system so that its memory stays its own (issue 16, §6).

While the app runs it may hold a data key, a passphrase being typed and private text on screen.
A core dump written after a crash, or another program of the same user attaching a debugger,
could read that memory. On Linux the app therefore turns core dumps off for itself and marks
itself not dumpable, which also keeps a same-user debugger from attaching (root still can).
Elsewhere this does nothing; nothing here can stop the app from starting.
"""

from __future__ import annotations

import contextlib
import sys

#: ``prctl`` option numbers from <linux/prctl.h>.
PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def keep_memory_private() -> bool:
    """No core dump of this process, and (Linux) not dumpable nor attachable by a same-user
    debugger. Whether both took effect."""
    limited = False
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        limited = True
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        undumpable = libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False
    return limited and undumpable


def is_dumpable() -> bool | None:
    """Whether this process may be dumped or attached to (Linux; None elsewhere)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    return bool(ctypes.CDLL(None).prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
