"""`trustcheck journal …`: the private journal from the command line."""

from __future__ import annotations

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
    from trustcheck.core.models import Profile
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
    since: Annotated[
        str | None, typer.Option("--since", help="Only entries from this date (YYYY-MM-DD).")
    ] = None,
    passphrase_stdin: PassphraseStdin = False,
) -> None:
    """List your journal entries, newest first."""
    import datetime as dt

    from trustcheck import messages
    from trustcheck.core.clock import moment_label
    from trustcheck.core.models import UNDATED

    since_at = None
    if since is not None:
        try:
            since_at = dt.datetime.combine(dt.date.fromisoformat(since), dt.time()).astimezone()
        except ValueError:
            fail(f"--since: {since!r} is not a date like 2026-11-27")
    services = open_data()
    try:
        person = journal_person(services, as_name)
        unlock(services, person, PassphraseReader(passphrase_stdin))
        listing = services.journal.entries(person.id, since=since_at)
    finally:
        services.close()
    for entry in listing.entries:
        meta = [moment_label(entry.written_at)]
        if entry.rating is not None:
            meta.append(f"rating {entry.rating}/10")
        meta.extend(f"#{t}" for t in entry.tags)
        if entry.for_therapy:
            meta.append("for therapy")
        typer.echo(printable("  ".join(meta)))
        typer.echo(printable(entry.text))
        typer.echo("")
    if not listing.entries and not listing.damaged:
        typer.echo("No entries yet.")
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
