"""`trustcheck export` and `trustcheck import`: a summary to bring to therapy, and all the data
as JSON to move to another computer (issue 5)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trustcheck.cli._app import (
    FullHelpCommand,
    PassphraseReader,
    PassphraseStdin,
    app,
    data_dir_path,
    fail,
    open_data,
    printable,
)

if TYPE_CHECKING:
    import datetime as dt

    from trustcheck.services.export import ExportResult, Progress

STDOUT = "-"


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Progress]:
    """A rich progress bar on stderr when it is a terminal; otherwise reports go nowhere."""
    if not enabled:
        yield lambda _what, _done: None
        return
    # rich.progress is only worth its import when someone is watching.
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("", total=1.0)

        def report(what: str, done: float) -> None:
            bar.update(task, description=what, completed=done)

        yield report


@app.command("export", cls=FullHelpCommand)
def export_command(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="md, html or pdf (a summary), json or csv.")
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", help="The file to write; - for standard output.")
    ],
    weeks: Annotated[
        int | None,
        typer.Option(min=1, help="The last N weeks (default: 12 for a summary, all for csv)."),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="From the week of this date (YYYY-MM-DD).")
    ] = None,
    include_private: Annotated[
        str | None,
        typer.Option(
            "--include-private",
            metavar="NAME",
            help="Add NAME's private answers (asks NAME's passphrase).",
        ),
    ] = None,
    include_journal: Annotated[
        str | None,
        typer.Option(
            "--include-journal",
            metavar="NAME",
            help="Add NAME's journal entries (asks NAME's passphrase).",
        ),
    ] = None,
    include_safety: Annotated[
        str | None,
        typer.Option(
            "--include-safety",
            metavar="NAME",
            help="Add NAME's own answers to the private safety question (asks NAME's passphrase).",
        ),
    ] = None,
    notes: Annotated[
        bool, typer.Option("--notes", help="Add the shared notes on later pages.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    passphrase_stdin: PassphraseStdin = False,
) -> None:
    """Export a summary to bring to therapy (md, html, pdf), the scores (csv) or all data (json)."""
    import datetime as dt

    from trustcheck import messages
    from trustcheck.export import FORMATS

    fmt_info = FORMATS.get(fmt.lower())
    if fmt_info is None:
        fail(messages.EXPORT_UNKNOWN_FORMAT.format(name=fmt, formats=", ".join(FORMATS)))
    to_stdout = output == STDOUT
    if to_stdout and fmt_info.name not in ("md", "json", "csv"):
        fail(messages.EXPORT_STDOUT_BINARY.format(fmt=fmt_info.name))
    if weeks is not None and since is not None:
        fail(messages.EXPORT_WEEKS_AND_SINCE)
    since_day = None
    if since is not None:
        try:
            since_day = dt.date.fromisoformat(since)
        except ValueError:
            fail(messages.EXPORT_BAD_SINCE.format(value=since))
    chosen = _private_choice(include_private, include_journal, include_safety)
    path = Path(output).expanduser()
    force = force or (not to_stdout and _confirm_replace(path, passphrase_stdin))

    result = _export(
        fmt_info.name,
        weeks,
        since_day,
        notes,
        chosen,
        passphrase_stdin,
        None if to_stdout else path,
        force,
    )
    for note in result.notes:
        typer.echo(f"trustcheck: {note}", err=True)
    if to_stdout:
        text = result.data if isinstance(result.data, str) else result.data.decode("utf-8")
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        typer.echo(messages.EXPORT_WROTE.format(path=printable(str(path))))


def _private_choice(
    answers: str | None, journal: str | None, safety: str | None
) -> tuple[str, frozenset[str]] | None:
    """The one person named by the ``--include-*`` options and the kinds chosen, or None.

    Each kind of private record is its own choice; one person's records per export.
    """
    from trustcheck import messages

    named = [
        (kind, name)
        for kind, name in (("answers", answers), ("journal", journal), ("safety", safety))
        if name is not None
    ]
    if not named:
        return None
    first = named[0][1]
    for _, name in named[1:]:
        if name.casefold() != first.casefold():
            fail(messages.EXPORT_PRIVATE_ONE_PERSON.format(first=first, second=name))
    return first, frozenset(kind for kind, _ in named)


def _export(
    fmt: str,
    weeks: int | None,
    since_day: dt.date | None,
    notes: bool,
    chosen: tuple[str, frozenset[str]] | None,
    passphrase_stdin: bool,
    path: Path | None,
    force: bool,
) -> ExportResult:
    """Open the data and build the export; write it to ``path`` (None: standard output, which
    the caller writes)."""
    from trustcheck import messages
    from trustcheck.services.export import (
        ExportError,
        ExportRequest,
        ExportService,
        PrivateKind,
        write_atomic,
    )

    services = open_data()
    try:
        person = None
        kinds: frozenset[PrivateKind] = frozenset()
        if chosen is not None:
            from trustcheck.cli.journal import unlock

            person = services.profiles.by_name(chosen[0])
            unlock(services, person, PassphraseReader(passphrase_stdin))
            kinds = frozenset(PrivateKind(k) for k in chosen[1])
        request = ExportRequest(
            fmt=fmt,
            weeks=weeks,
            since=since_day,
            include_notes=notes,
            include_private=person,
            private_kinds=kinds,
        )
        try:
            with progress_bar(sys.stderr.isatty() and path is not None) as progress:
                result = ExportService(services).render(request, progress)
                if path is not None:
                    write_atomic(path, result.as_bytes(), force=force)
                    progress(messages.EXPORT_PROGRESS, 1.0)
        except ExportError as exc:
            fail(str(exc))
    finally:
        services.close()
    return result


def _confirm_replace(path: Path, passphrase_stdin: bool) -> bool:
    """Ask before replacing an existing file, when someone is there to answer."""
    from trustcheck import messages

    try:
        if not (path.exists() or path.is_symlink()):
            return False
    except OSError:  # a name too long for the file system: writing it reports that
        return False
    if passphrase_stdin or not sys.stdin.isatty():
        fail(messages.EXPORT_EXISTS.format(path=printable(str(path))))
    if typer.confirm(messages.EXPORT_REPLACE_QUESTION.format(path=printable(str(path)))):
        return True
    fail(messages.EXPORT_NOT_REPLACED.format(path=printable(str(path))))


@app.command("import", cls=FullHelpCommand)
def import_command(
    file: Annotated[Path, typer.Argument(help="A JSON export of trustcheck.", show_default=False)],
    passphrase_stdin: PassphraseStdin = False,
) -> None:
    """Import a JSON export into an empty data folder: all of it, or nothing."""
    from trustcheck import messages
    from trustcheck.services.importer import (
        ImportFileError,
        import_dump,
        private_person,
        read_dump,
    )
    from trustcheck.services.keys import PassphraseError, check_strength
    from trustcheck.services.packs import weekly_pack

    try:
        # The whole file is checked before the data folder is even opened.
        dump = read_dump(file.expanduser(), weekly_pack())
    except ImportFileError as exc:
        fail(printable(str(exc)))
    services = open_data()
    try:
        if not services.is_empty():
            fail(messages.IMPORT_NOT_EMPTY.format(path=data_dir_path()))
        person = private_person(dump)
        passphrase = None
        if person is not None:
            reader = PassphraseReader(passphrase_stdin)
            passphrase = reader.read(
                messages.IMPORT_PRIVATE_PASSPHRASE.format(name=printable(person.name))
            )
            if not passphrase_stdin:
                again = reader.read(messages.IMPORT_PRIVATE_AGAIN)
                if again != passphrase:
                    fail(messages.PASSPHRASES_DIFFER)
            try:
                check_strength(passphrase, [p.name for p in dump.profiles])
            except PassphraseError as exc:
                fail(str(exc))
        try:
            with progress_bar(sys.stderr.isatty()) as progress:
                result = import_dump(services, dump, passphrase=passphrase, progress=progress)
        except (ImportFileError, PassphraseError) as exc:
            fail(printable(str(exc)))
    finally:
        services.close()
    typer.echo(
        messages.IMPORT_DONE.format(
            profiles=result.profiles,
            checkins=result.checkins,
            commitments=result.commitments,
            path=printable(str(file)),
        )
    )
    if result.resealed is not None:
        typer.echo(messages.IMPORT_PRIVATE_DONE.format(name=printable(result.resealed)))
        # A recovery code is a wrap of the old key, which an export never holds.
        typer.echo(printable(messages.RECOVERY_NOT_IMPORTED.format(name=result.resealed)))
