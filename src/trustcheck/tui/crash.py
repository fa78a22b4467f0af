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

from rich.text import Text
from textual.app import App

from trustcheck import messages
from trustcheck.core.errors import UserError
from trustcheck.core.text import visible_controls

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


class RedactedCrashApp(App[None]):
    """An app whose crash writes :func:`write_crash_report` and prints one plain line.

    The one place that touches Textual's private names (guarded by tests/tui/test_crash.py):
    Textual has no public hook for an unhandled exception. ``App._handle_exception`` is where
    every error lands, and ``App._fatal_error`` prints the traceback with local variables; so
    both are overridden here, and the line is queued as Textual queues its own crash screen
    (``_exit_renderables``, ``_close_messages_no_wait``: ``exit()`` would post a message to a
    message loop that may have just stopped).
    """

    def crash_folder(self) -> Path:
        """Where the report is written (the data folder)."""
        raise NotImplementedError

    def before_crash(self) -> None:
        """What must happen before the app goes (keep drafts, lock keys); never raises."""

    def _handle_exception(self, error: Exception) -> None:
        # Textual renders an exception with a ``__rich__`` method itself; route every error
        # through ``_fatal_error`` so nothing but the redacted line reaches the terminal.
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._fatal_error()

    def _fatal_error(self) -> None:
        # Textual's crash screen prints local variables, which may hold a passphrase or private
        # text. Write a redacted report (types and frames only) and print one plain line.
        error = self._exception
        kind = type(error).__name__ if error else "error"
        self.before_crash()
        if isinstance(error, UserError):
            # A known problem (a damaged stored value, a full disk) that no screen could show:
            # its own line says what to do, as on the command line; it is not a bug to report.
            line = f"trustcheck: {visible_controls(str(error))}"
        else:
            try:
                if error is None:
                    raise OSError("no exception recorded")
                path = write_crash_report(error, self.crash_folder())
                line = messages.CRASH_REPORTED.format(kind=kind, path=path)
            except OSError:
                line = messages.CRASH_UNREPORTED.format(kind=kind)
        self.bell()
        # One line, not wrapped by Rich (the terminal may fold it): the path stays copyable.
        self.error_console.soft_wrap = True
        self._exit_renderables.append(Text(line))
        self._close_messages_no_wait()
