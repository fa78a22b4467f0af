"""The command line. ``main`` is the console entry point.

Opening the app (``trustcheck``, ``trustcheck --data-dir DIR``) starts the TUI without the
command parser (``cli/launch.py``), and ``trustcheck status`` takes its quick glance without it
too (``cli/status.py``), as plain ``trustcheck trends`` prints its charts (``cli/trends_quick.py``);
every other call goes to the Typer app, with only the command it names registered
(``cli/dispatch.py``).
Importing this package stays light: the command modules import Textual, the storage layer and
plotting inside the commands that need them.
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main() -> None:
    """Console entry point."""
    from trustcheck.cli.status import status_call

    status = status_call(sys.argv[1:])
    if status is not None:  # at every shell prompt: no command parser, nothing heavy
        from trustcheck.cli.status import run as run_status

        sys.exit(run_status(status))
    from trustcheck.cli.launch import app_launch

    launch = app_launch(sys.argv[1:])
    if launch is None:
        from trustcheck.cli.trends_quick import trends_call

        trends = trends_call(sys.argv[1:])
        if trends is not None:  # the plain charts: no command parser either
            from trustcheck.cli.trends_quick import run as run_trends

            sys.exit(run_trends(trends))
        from trustcheck.cli.dispatch import run

        run()
        return
    from trustcheck.cli.launch import report, run_tui
    from trustcheck.core.errors import UserError

    try:
        code = run_tui("home", launch.data_dir)
    except UserError as exc:
        report(exc)
        sys.exit(1)
    sys.exit(code)
