"""``trustcheck trends`` as most people type it, without the command parser (issue 13, "lazy
imports at the edges").

Plain ``trustcheck [--data-dir DIR] trends`` is read here, as ``status`` is in ``cli/status.py``
and opening the app is in ``cli/launch.py``: Typer and every other command's module are never
imported for it. Any option (``--weeks``, ``--area``, ``--json``, ``--help``) or other spelling
goes to the Typer command in ``cli/trends.py``. Both print through :func:`charts_text`, so the
output is the same, and both end the same way: a known problem is one line and exit 1, a reader
that went away (``| head``) ends it quietly with exit 1, Ctrl-C quietly with exit 130.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from trustcheck.cli.status import data_dir_prefix

if TYPE_CHECKING:
    from trustcheck.core.trends import TrendReport


#: The exit code after Ctrl-C, as the command parser gives it.
INTERRUPTED = 130


class TrendsCall(NamedTuple):
    data_dir: Path | None


def trends_call(argv: Sequence[str]) -> TrendsCall | None:
    """The plain trends call ``argv`` makes (``[--data-dir DIR] trends``), or None."""
    data_dir, args = data_dir_prefix(argv)
    return TrendsCall(data_dir) if args == ["trends"] else None


def charts_text(report: TrendReport) -> str:
    """What ``trustcheck trends`` prints for ``report``: the charts and figures at the
    terminal's size, in colour only on a terminal without ``NO_COLOR`` (no final newline)."""
    import shutil

    # plotext itself (~30 ms) is imported inside render_trends.
    from trustcheck.charts import render_trends

    size = shutil.get_terminal_size((80, 24))
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    return render_trends(report, width=size.columns, height=size.lines, color=color).rstrip("\n")


def run(call: TrendsCall) -> int:
    """Print the trends of the whole history; the exit code."""
    from trustcheck.cli.launch import report
    from trustcheck.core.errors import UserError

    try:
        try:
            if call.data_dir is not None:
                data_dir = call.data_dir
            else:
                from trustcheck.paths import default_data_dir

                data_dir = default_data_dir()
            from trustcheck.services import open_services

            services = open_services(data_dir)
            try:
                trends = services.trends.report(weeks=None, area=None)
            finally:
                services.close()
            text = charts_text(trends)
        except UserError as exc:
            report(exc)
            return 1
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # Whoever read the output has gone (``| head``): nothing more to say, to anyone.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return INTERRUPTED
    return 0
