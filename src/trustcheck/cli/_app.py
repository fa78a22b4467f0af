"""The Typer app, the global options, and what every command shares (opening data, errors)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from trustcheck import __version__
from trustcheck.cli import launch

if TYPE_CHECKING:
    from trustcheck.services import Services


class FullHelpCommand(TyperCommand):
    """A command whose line in its group's help is its description's first sentence in full,
    not cut with "..." to the width left beside the longest command name."""

    def get_short_help_str(self, limit: int = 45) -> str:
        return super().get_short_help_str(limit=sys.maxsize)


class FullHelpGroup(TyperGroup):
    """A group of commands (the app, ``journal``, ``packs``, ``profile``), listed in full as a
    command is (:class:`FullHelpCommand`)."""

    def get_short_help_str(self, limit: int = 45) -> str:
        return super().get_short_help_str(limit=sys.maxsize)


#: ``-h`` works as ``--help`` does, for every command (a sub-command's context inherits it).
HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}


def group(help: str) -> typer.Typer:
    """A group of sub-commands (``journal``, ``packs``, ``profile``)."""
    return typer.Typer(help=help, cls=FullHelpGroup, context_settings=HELP_OPTIONS)


app = typer.Typer(
    name="trustcheck",
    help=(
        "A private, local-first weekly trust check-in for couples.\n\n"
        "With no command, opens the app."
    ),
    no_args_is_help=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    cls=FullHelpGroup,
    context_settings=HELP_OPTIONS,
)

PassphraseStdin = Annotated[
    bool,
    typer.Option(
        "--passphrase-stdin",
        help="Read the passphrase from the first line of standard input instead of prompting.",
    ),
]


class State:
    data_dir: Path | None = None


state = State()


def fail(message: str) -> NoReturn:
    """A user-facing error: one line on stderr, exit code 1, no traceback."""
    typer.echo(f"trustcheck: {printable(message)}", err=True)
    raise typer.Exit(1)


def data_dir_path() -> Path:
    """The data folder: ``--data-dir``, else ``TRUSTCHECK_DATA_DIR``, else the user data folder."""
    from trustcheck.paths import default_data_dir

    return state.data_dir or default_data_dir()


def open_data(data_dir: Path | None = None) -> Services:
    from trustcheck.services import open_services

    return open_services(data_dir or data_dir_path())


def _version(value: bool) -> None:
    if value:
        typer.echo(f"trustcheck {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar="TRUSTCHECK_DATA_DIR",
            help="Data folder (default: your user data folder).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    state.data_dir = data_dir.expanduser() if data_dir else None
    if ctx.invoked_subcommand is None:
        # ``trustcheck [--data-dir DIR]`` opens the app before Typer is even imported
        # (cli/launch.py); another spelling of the same launch arrives here.
        run_tui("home")


def run_tui(start: launch.Start, data_dir: Path | None = None) -> None:
    """Open the app (``cli/launch.py``) on ``data_dir``, else the folder the options name;
    a crash ends the command with its exit code."""
    code = launch.run_tui(start, data_dir or data_dir_path())
    if code:
        raise typer.Exit(code)


class PassphraseReader:
    """Passphrases come from a prompt without echo, or from stdin lines (``--passphrase-stdin``)."""

    def __init__(self, from_stdin: bool) -> None:
        self.from_stdin = from_stdin

    def read(self, prompt: str) -> str:
        if self.from_stdin:
            line = sys.stdin.readline()
            if not line:
                fail("--passphrase-stdin: no passphrase on standard input")
            return line.rstrip("\r\n")
        return str(typer.prompt(prompt, hide_input=True))


def printable(text: str) -> str:
    from trustcheck.core.text import visible_controls

    return visible_controls(text)
