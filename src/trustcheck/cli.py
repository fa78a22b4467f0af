"""The command line (Typer). Importing this module stays light: Textual and the storage layer are
imported inside the commands that need them, so ``trustcheck --help`` starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from trustcheck import __version__

if TYPE_CHECKING:
    from trustcheck.services import Services

app = typer.Typer(
    name="trustcheck",
    help=(
        "A private, local-first weekly trust check-in for couples.\n\n"
        "With no command, opens the app."
    ),
    no_args_is_help=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
profile_app = typer.Typer(help="Add, list or remove the people who use trustcheck.")
app.add_typer(profile_app, name="profile")


class _State:
    data_dir: Path | None = None


_state = _State()


def fail(message: str) -> NoReturn:
    """A user-facing error: one line on stderr, exit code 1, no traceback."""
    typer.echo(f"trustcheck: {message}", err=True)
    raise typer.Exit(1)


def _data_dir() -> Path:
    from trustcheck.paths import default_data_dir

    return _state.data_dir or default_data_dir()


def _open(data_dir: Path | None = None) -> Services:
    from trustcheck.services import open_services

    return open_services(data_dir or _data_dir())


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
    _state.data_dir = data_dir.expanduser() if data_dir else None
    if ctx.invoked_subcommand is None:
        _run_tui("home")


def _run_tui(start: str, data_dir: Path | None = None) -> None:
    services = _open(data_dir)
    try:
        # Textual costs ~150 ms to import: only the TUI path pays it.
        from trustcheck.tui.app import build_app

        build_app(services, start=start).run()
    finally:
        services.close()


@app.command()
def checkin() -> None:
    """Open this week's check-in (resumes one in progress)."""
    _run_tui("checkin")


@app.command()
def setup(
    names: Annotated[
        list[str] | None,
        typer.Argument(help="One name (solo) or two (a couple). Without names, the app asks."),
    ] = None,
) -> None:
    """First run: your names, or just yours for solo use."""
    if not names:
        _run_tui("home")
        return
    services = _open()
    try:
        if services.profiles.is_set_up():
            fail("already set up: use `trustcheck profile add|list|remove` to change who is here")
        people = services.profiles.setup(names)
    finally:
        services.close()
    mode = "solo" if len(people) == 1 else "couple"
    typer.echo(f"Set up for {', '.join(p.name for p in people)} ({mode}).")


@profile_app.command("add")
def profile_add(name: Annotated[str, typer.Argument(help="The person's name.")]) -> None:
    """Add a person (at most two)."""
    services = _open()
    try:
        person = services.profiles.add(name)
    finally:
        services.close()
    typer.echo(f"Added {person.name}.")


@profile_app.command("list")
def profile_list() -> None:
    """List the people set up here."""
    services = _open()
    try:
        people = services.profiles.people()
    finally:
        services.close()
    if not people:
        typer.echo("No one is set up yet. Run `trustcheck setup NAME [NAME]`.")
    for person in people:
        typer.echo(_printable(person.name))


@profile_app.command("remove")
def profile_remove(
    name: Annotated[str, typer.Argument(help="The person's name.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")] = False,
) -> None:
    """Remove a person from now on; their past check-ins stay in the history."""
    services = _open()
    try:
        person = services.profiles.by_name(name)
        if not yes and not typer.confirm(
            f"Remove {_printable(person.name)}? Past check-ins stay in the history.", default=False
        ):
            raise typer.Exit(1)
        services.profiles.remove(name)
    finally:
        services.close()
    typer.echo(f"Removed {_printable(person.name)}.")


@app.command()
def demo(
    weeks: Annotated[int, typer.Option(min=1, max=2000, help="Weeks of history.")] = 26,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed, the same history.")] = 1,
    no_open: Annotated[bool, typer.Option("--no-open", help="Fill the folder, don't open it.")] = (
        False
    ),
) -> None:
    """Fill an empty data folder with a realistic synthetic history (Alex and Sam)."""
    from trustcheck import messages
    from trustcheck.services.demo import seed_demo

    data_dir = _state.data_dir
    if data_dir is None:
        import tempfile

        data_dir = Path(tempfile.mkdtemp(prefix="trustcheck-demo-"))
    services = _open(data_dir)
    try:
        if not services.db.is_empty():
            fail(messages.DEMO_NOT_EMPTY.format(path=data_dir))
        result = seed_demo(services, weeks=weeks, seed=seed)
    finally:
        services.close()
    typer.echo(
        f"Demo data: {result.checkins} weekly check-ins for Alex and Sam in {data_dir}\n"
        f"Open it again with: trustcheck --data-dir {data_dir}"
    )
    if not no_open:
        _run_tui("home", data_dir)


def _printable(text: str) -> str:
    from trustcheck.core.text import visible_controls

    return visible_controls(text)


def main() -> None:
    """Console entry point: known errors become one line on stderr and exit code 1."""
    from trustcheck.errors import user_error_types

    try:
        app()
    except user_error_types() as exc:
        typer.echo(f"trustcheck: {exc}", err=True)
        sys.exit(1)
