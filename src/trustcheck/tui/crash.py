"""A crash report that tells the truth without telling secrets.

Textual's own crash screen prints the traceback with local variables, which may hold a
passphrase or private text. Instead the app writes this redacted report: the exception's type and
the file:line:function of each frame. No locals, no source lines and no exception message (a
message can quote user text, e.g. a ``ValueError`` about a value typed in).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import traceback
from pathlib import Path

REPORT_MODE = 0o600


def _short_path(filename: str) -> str:
    """A frame's file from the package folder on, so the report does not show the home folder."""
    parts = Path(filename).parts
    for marker in ("site-packages", "src"):
        if marker in parts:
            index = len(parts) - 1 - parts[::-1].index(marker)
            return "/".join(parts[index + 1 :])
    return Path(filename).name


def _type_name(error: BaseException) -> str:
    kind = type(error)
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def _chain(error: BaseException) -> list[BaseException]:
    """The error and the ones it was raised from or during, oldest first (as Python prints)."""
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain[::-1]


def redacted_report(error: BaseException, now: dt.datetime) -> str:
    """The report's text: versions, then each exception's type and frames (no values at all)."""
    from trustcheck import __version__

    lines = [
        f"trustcheck {__version__} crash report",
        f"time: {now:%Y-%m-%d %H:%M:%S}",
        f"python: {platform.python_version()} on {sys.platform}",
        "Redacted: no variable values, no messages, no text you wrote.",
        "",
    ]
    for n, exc in enumerate(_chain(error)):
        if n:
            lines.append("then:")
        lines.append(f"error: {_type_name(exc)}")
        for frame in traceback.extract_tb(exc.__traceback__):
            lines.append(f"  {_short_path(frame.filename)}:{frame.lineno}:{frame.name}")
    return "\n".join(lines) + "\n"


def write_crash_report(error: BaseException, folder: Path, now: dt.datetime | None = None) -> Path:
    """Write :func:`redacted_report` to ``folder/crash-YYYYmmdd-HHMMSS.log`` (0600); its path.

    Never overwrites an earlier report (a second crash in the same second gets ``-2``, ...).
    Raises ``OSError`` if the folder cannot be written.
    """
    now = now or dt.datetime.now()
    text = redacted_report(error, now).encode("utf-8")
    stem = f"crash-{now:%Y%m%d-%H%M%S}"
    for n in range(1, 100):
        path = folder / (f"{stem}.log" if n == 1 else f"{stem}-{n}.log")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, REPORT_MODE)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), REPORT_MODE)  # whatever the umask
            out.write(text)
        return path
    raise FileExistsError(f"{stem}.log")
