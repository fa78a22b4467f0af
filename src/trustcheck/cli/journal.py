"""`trustcheck journal …`: the private journal from the command line."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from trustcheck.cli._app import (
    FullHelpCommand,
    PassphraseReader,
    PassphraseStdin,
    app,
    fail,
    group,
    open_data,
    printable,
)

if TYPE_CHECKING:
    from trustcheck.core.models import JournalEntry, Profile
    from trustcheck.services import Services

journal_app = group("Your private journal: only you can read it, with your passphrase.")
app.add_typer(journal_app, name="journal")


def journal_person(services: Services, name: str | None) -> Profile:
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


@journal_app.command("add", cls=FullHelpCommand)
def journal_add(
    text: Annotated[
        str | None, typer.Argument(help="The entry. Without it, read from standard input.")
    ] = None,
    as_name: AsName = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag; repeat for more.")] = None,
    # Read as text and checked by the journal service: one clear line for ``abc12``, not
    # Typer's usage box (and never part of it taken as a number).
    rating: Annotated[
        str | None, typer.Option("--rating", help="How today felt, a whole number 0–10.")
    ] = None,
    therapy: Annotated[bool, typer.Option("--therapy", help="Flag it to bring to therapy.")] = (
        False
    ),
    passphrase_stdin: PassphraseStdin = False,
) -> None:
    """Write a private journal entry, sealed with your passphrase."""
    from trustcheck.services.journal import parse_rating

    services = open_data()
    try:
        score = parse_rating(rating)  # before the passphrase is asked: nothing to unlock for
        person = journal_person(services, as_name)
        unlock(services, person, PassphraseReader(passphrase_stdin))
        body = text if text is not None else sys.stdin.read()
        entry = services.journal.add(
            person.id, body, rating=score, tags=tag or [], for_therapy=therapy
        )
    finally:
        services.close()
    # No entry number: ids are shared by everyone's entries, so one would tell how many the
    # other person wrote meanwhile. The date and time name the entry, as in ``journal list``.
    from trustcheck.core.clock import moment_label

    when = moment_label(entry.written_at)
    typer.echo(f"Saved the entry of {when} in {printable(person.name)}'s journal.")


@journal_app.command("list", cls=FullHelpCommand)
def journal_list(
    as_name: AsName = None,
    contains: Annotated[
        str | None,
        typer.Option("--contains", metavar="WORDS", help="Entries holding every one of WORDS."),
    ] = None,
    tags: Annotated[
        list[str] | None,
        typer.Option("--tag", metavar="TAG", help="Entries tagged TAG (#TAG too); repeatable."),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", metavar="DATE", help="From this day (YYYY-MM-DD).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", metavar="DATE", help="Up to this day (YYYY-MM-DD).")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", hidden=True)] = None,
    passphrase_stdin: PassphraseStdin = False,
) -> None:
    """List your journal entries, newest first: all of them, or those you search for."""
    import datetime as dt

    from trustcheck import messages
    from trustcheck.core.clock import moment_label
    from trustcheck.core.journal_search import Search
    from trustcheck.core.models import UNDATED

    if since is not None and start is not None:
        fail(messages.JOURNAL_FROM_AND_SINCE)
    first = _day("--from", start) if since is None else _day("--since", since)
    last = _day("--to", end)
    if first and last and first > last:
        fail(messages.JOURNAL_FROM_AFTER_TO.format(start=first, end=last))
    search = Search.of([contains or ""], tags or [], first, last)
    # Only the entries from the first day on are read at all: the rest need not be opened.
    since_at = None if first is None else dt.datetime.combine(first, dt.time()).astimezone()
    services = open_data()
    try:
        person = journal_person(services, as_name)
        unlock(services, person, PassphraseReader(passphrase_stdin))
        listing = services.journal.entries(person.id, since=since_at, query=search)
        numbers = services.journal.numbers(person.id)
    finally:
        services.close()
    for entry in listing.entries:
        meta = [f"[{numbers.get(entry.id, '?')}]", moment_label(entry.written_at)]
        if entry.rating is not None:
            meta.append(f"rating {entry.rating}/10")
        meta.extend(f"#{t}" for t in entry.tags)
        if entry.for_therapy:
            meta.append("for therapy")
        typer.echo(printable("  ".join(meta)))
        typer.echo(printable(entry.text))
        typer.echo("")
    if not listing.entries and not listing.damaged:
        typer.echo(messages.JOURNAL_NONE_FOUND if not search.empty else messages.JOURNAL_NONE_YET)
    for when in listing.damaged_at:
        line = (
            messages.JOURNAL_DAMAGED_UNDATED
            if when == UNDATED
            else messages.JOURNAL_DAMAGED_AT.format(when=moment_label(when))
        )
        typer.echo(f"trustcheck: {line}", err=True)
    if listing.damaged:
        fail(messages.DAMAGED_SUMMARY.format(n=len(listing.damaged)))


def unlock(services: Services, person: Profile, reader: PassphraseReader) -> None:
    from trustcheck import messages

    if not services.keys.has_passphrase(person.id):
        fail(messages.NO_PASSPHRASE.replace("NAME", person.name))
    services.keys.unlock(person.id, reader.read(f"Passphrase for {printable(person.name)}"))


def _day(option: str, value: str | None) -> dt.date | None:
    """A ``YYYY-MM-DD`` option as a date (one line and exit 1 when it is not one)."""
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        fail(f"{option}: {value!r} is not a date like 2026-11-27")


EntryNumber = Annotated[
    int, typer.Argument(metavar="N", help="The entry's number in `journal list` ([N]).", min=1)
]


def _opened(
    services: Services, as_name: str | None, number: int, passphrase_stdin: bool
) -> tuple[JournalEntry, str]:
    """Entry ``number`` of the person's own journal, after their passphrase, and its date."""
    from trustcheck.core.clock import moment_label

    person = journal_person(services, as_name)
    unlock(services, person, PassphraseReader(passphrase_stdin))
    entry = services.journal.numbered(person.id, number)
    return entry, moment_label(entry.written_at)


@journal_app.command("delete", cls=FullHelpCommand)
def journal_delete(
    number: EntryNumber,
    as_name: AsName = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")] = False,
    passphrase_stdin: PassphraseStdin = False,
) -> None:
    """Delete one of your entries, after your passphrase (it cannot be brought back)."""
    from trustcheck import messages
    from trustcheck.cli.profile import interactive

    if not yes and (passphrase_stdin or not interactive()):
        fail(messages.JOURNAL_DELETE_YES_NEEDED)
    services = open_data()
    try:
        entry, when = _opened(services, as_name, number, passphrase_stdin)
        if not yes:
            first = entry.text.strip().splitlines()[0] if entry.text.strip() else ""
            typer.echo(printable(f"{when}: {first[:70]}"))
            if not typer.confirm(messages.JOURNAL_DELETE_ASK.format(when=when), default=False):
                typer.echo(messages.JOURNAL_NOT_DELETED)
                return
        services.journal.delete(entry)
    finally:
        services.close()
    typer.echo(messages.JOURNAL_DELETED.format(when=when))


@journal_app.command("edit", cls=FullHelpCommand)
def journal_edit(
    number: EntryNumber,
    as_name: AsName = None,
    passphrase_stdin: PassphraseStdin = False,
) -> None:
    """Edit one of your entries in $EDITOR (through memory only, never the disk)."""
    from trustcheck import messages
    from trustcheck.cli.editor import edit_text, editor_command, memory_folder

    base = memory_folder()
    if base is None:  # before the passphrase: nothing is opened that could not be edited
        fail(messages.JOURNAL_EDIT_NO_MEMORY)
    services = open_data()
    try:
        entry, when = _opened(services, as_name, number, passphrase_stdin)
        edited = edit_text(base, entry.text)
        if edited is None:
            fail(messages.JOURNAL_EDITOR_FAILED.format(editor=" ".join(editor_command())))
        if edited.strip() == entry.text.strip():
            typer.echo(messages.JOURNAL_EDIT_UNCHANGED.format(when=when))
            return
        services.journal.update(
            entry, edited, rating=entry.rating, tags=entry.tags, for_therapy=entry.for_therapy
        )
    finally:
        services.close()
    typer.echo(messages.JOURNAL_EDITED.format(when=when))


@journal_app.command("export", cls=FullHelpCommand)
def journal_export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="md or json.")],
    output: Annotated[
        str, typer.Option("--output", "-o", help="The file to write; - for standard output.")
    ] = "-",
    as_name: AsName = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    passphrase_stdin: PassphraseStdin = False,
) -> None:
    """Your journal on its own, as Markdown or JSON, after your passphrase."""
    from pathlib import Path

    from trustcheck import messages
    from trustcheck.export.journal import journal_json, journal_markdown
    from trustcheck.services.export import write_atomic

    if fmt.lower() not in ("md", "json"):
        fail(messages.JOURNAL_EXPORT_FORMATS)
    services = open_data()
    try:
        person = journal_person(services, as_name)
        unlock(services, person, PassphraseReader(passphrase_stdin))
        listing = services.journal.entries(person.id)
        now = services.clock.now()
        text = (
            journal_markdown(person.name, listing.entries, now.date())
            if fmt.lower() == "md"
            else journal_json(person.name, listing.entries, now)
        )
        if output != "-":
            path = Path(output).expanduser()
            write_atomic(path, text.encode("utf-8"), force=force)
    finally:
        services.close()
    if listing.damaged:
        typer.echo(
            f"trustcheck: {messages.DAMAGED_SUMMARY.format(n=len(listing.damaged))}", err=True
        )
    if output == "-":
        sys.stdout.write(text)
    else:
        typer.echo(
            messages.JOURNAL_EXPORT_WROTE.format(
                path=printable(output), n=len(listing.entries), name=printable(person.name)
            )
        )
