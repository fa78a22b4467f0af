"""Which module registers each command, so that a call imports and registers only the command it
runs (Click's "lazily loading subcommands", with Typer's one ``app``).

Each command module registers its commands on ``cli._app.app`` as it is imported. Importing all
nine and letting Typer build every command's parameters costs about 30 ms on every call; a call
that names a command (``trustcheck export …``) needs only that command's module. Anything else
(``--help``, no command, a misspelt one, shell completion) registers them all, in :data:`MODULES`
order: ``--help`` lists the commands in the order they were registered, then the groups.
``tests/test_cli_dispatch.py`` checks that this table names
every registered command and the module that registers it.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

#: The command modules, in the order their commands are registered (and listed by ``--help``).
MODULES = (
    "checkin",
    "export",
    "history",
    "journal",
    "ops",
    "packs",
    "profile",
    "remind",
    "trends",
)

#: Each top-level command (or group of sub-commands) and the module that registers it.
COMMANDS = {
    "checkin": "checkin",
    "setup": "checkin",
    "demo": "checkin",
    "export": "export",
    "import": "export",
    "history": "history",
    "journal": "journal",
    "doctor": "ops",
    "backup": "ops",
    "restore": "ops",
    "packs": "packs",
    "profile": "profile",
    "remind": "remind",
    "trends": "trends",
    "status": "trends",
}

#: The app's own options that take a value (the next argument is that value, not a command).
_VALUED = ("--data-dir",)


def command_name(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names, after the app's own options; None when it names none."""
    args = iter(argv)
    for arg in args:
        if arg in _VALUED:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
        elif arg == "--":
            return None
    return None


def modules_for(argv: Sequence[str]) -> tuple[str, ...]:
    """The command modules a call with ``argv`` needs: the one of the command it names, or all."""
    module = COMMANDS.get(command_name(argv) or "")
    return (module,) if module else MODULES


def register(modules: Sequence[str]) -> None:
    """Import ``modules`` (names in :data:`MODULES`): each registers its commands on the app."""
    for module in modules:
        importlib.import_module(f"trustcheck.cli.{module}")


def run() -> None:
    """Parse ``sys.argv`` and run the command: known errors become one line on stderr and exit
    code 1."""
    from trustcheck.cli._app import app
    from trustcheck.cli.launch import report
    from trustcheck.core.errors import UserError

    register(modules_for(sys.argv[1:]))
    try:
        app()
    except UserError as exc:
        report(exc)
        sys.exit(1)
