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
    from trustcheck.core.models import Profile
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
journal_app = typer.Typer(help="Your private journal: only you can read it, with your passphrase.")
app.add_typer(journal_app, name="journal")

PassphraseStdin = Annotated[
    bool,
    typer.Option(
        "--passphrase-stdin",
        help="Read the passphrase from the first line of standard input instead of prompting.",
    ),
]


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


@profile_app.command("passwd")
def profile_passwd(
    name: Annotated[str, typer.Argument(help="Whose passphrase.")],
    passphrase_stdin: PassphraseStdin = False,
) -> None:
    """Set or change a passphrase. Changing it keeps every private entry readable."""
    from trustcheck import messages

    services = _open()
    try:
        person = services.profiles.by_name(name)
        reader = _PassphraseReader(passphrase_stdin)
        old = None
        if services.keys.has_passphrase(person.id):
            old = reader.read(f"Current passphrase for {_printable(person.name)}")
        new = reader.read(f"New passphrase for {_printable(person.name)}")
        if not passphrase_stdin and reader.read("Repeat the new passphrase") != new:
            fail(messages.PASSPHRASES_DIFFER)
        services.keys.set_passphrase(person.id, new, old)
    finally:
        services.close()
    typer.echo(
        f"Passphrase {'changed' if old is not None else 'set'} for {_printable(person.name)}."
    )


class _PassphraseReader:
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


def _journal_person(services: Services, name: str | None) -> Profile:
    from trustcheck import messages

    if name is not None:
        return services.profiles.by_name(name)
    people = services.profiles.people()
    if not people:
        fail(messages.NO_PROFILES)
    if len(people) > 1:
        fail(messages.WHO_NEEDED)
    return people[0]


AsName = Annotated[
    str | None, typer.Option("--as", help="Whose journal (needed when two people are set up).")
]


@journal_app.command("add")
def journal_add(
    text: Annotated[
        str | None, typer.Argument(help="The entry. Without it, read from standard input.")
    ] = None,
    as_name: AsName = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag; repeat for more.")] = None,
    rating: Annotated[
        int | None, typer.Option("--rating", min=0, max=10, help="How today felt, 0–10.")
    ] = None,
    therapy: Annotated[bool, typer.Option("--therapy", help="Flag it to bring to therapy.")] = (
        False
    ),
    passphrase_stdin: PassphraseStdin = False,
) -> None:
    """Write a private journal entry, sealed with your passphrase."""
    services = _open()
    try:
        person = _journal_person(services, as_name)
        _unlock(services, person, _PassphraseReader(passphrase_stdin))
        body = text if text is not None else sys.stdin.read()
        entry = services.journal.add(
            person.id, body, rating=rating, tags=tag or [], for_therapy=therapy
        )
    finally:
        services.close()
    typer.echo(f"Saved entry {entry.id} in {_printable(person.name)}'s journal.")


@journal_app.command("list")
def journal_list(
    as_name: AsName = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only entries from this date (YYYY-MM-DD).")
    ] = None,
    passphrase_stdin: PassphraseStdin = False,
) -> None:
    """List your journal entries, newest first."""
    import datetime as dt

    from trustcheck import messages

    since_at = None
    if since is not None:
        try:
            since_at = dt.datetime.combine(dt.date.fromisoformat(since), dt.time()).astimezone()
        except ValueError:
            fail(f"--since: {since!r} is not a date like 2026-11-27")
    services = _open()
    try:
        person = _journal_person(services, as_name)
        _unlock(services, person, _PassphraseReader(passphrase_stdin))
        listing = services.journal.entries(person.id, since=since_at)
    finally:
        services.close()
    for entry in listing.entries:
        meta = [f"{entry.written_at:%Y-%m-%d %H:%M}"]
        if entry.rating is not None:
            meta.append(f"rating {entry.rating}/10")
        meta.extend(f"#{t}" for t in entry.tags)
        if entry.for_therapy:
            meta.append("for therapy")
        typer.echo(_printable("  ".join(meta)))
        typer.echo(_printable(entry.text))
        typer.echo("")
    if not listing.entries and not listing.damaged:
        typer.echo("No entries yet.")
    for damaged in listing.damaged:
        typer.echo(f"trustcheck: {damaged}", err=True)
    if listing.damaged:
        fail(messages.DAMAGED_SUMMARY.format(n=len(listing.damaged)))


def _unlock(services: Services, person: Profile, reader: _PassphraseReader) -> None:
    from trustcheck import messages

    if not services.keys.has_passphrase(person.id):
        fail(messages.NO_PASSPHRASE.replace("NAME", person.name))
    services.keys.unlock(person.id, reader.read(f"Passphrase for {_printable(person.name)}"))


@app.command()
def trends(
    weeks: Annotated[int | None, typer.Option(min=1, help="Only the last N weeks.")] = None,
    area: Annotated[
        str | None,
        typer.Option(help="One area: communication, security, closeness, reliability or openness."),
    ] = None,
) -> None:
    """Charts and figures of your trends, printed to the terminal (plain text when piped)."""
    import os
    import shutil

    # plotext itself (~30 ms) is imported inside render_trends.
    from trustcheck.charts import render_trends

    services = _open()
    try:
        report = services.trends.report(weeks=weeks, area=area)
    finally:
        services.close()
    size = shutil.get_terminal_size((80, 24))
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = render_trends(report, width=size.columns, height=size.lines, color=color)
    typer.echo(text.rstrip("\n"))


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

    data_dir = _state.data_dir.resolve() if _state.data_dir else None
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
        f"Both passphrases are 'demo'. Open it again with: trustcheck --data-dir {data_dir}"
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
