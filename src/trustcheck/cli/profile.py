"""`trustcheck profile …`: who uses trustcheck, and their passphrases."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from trustcheck.cli._app import (
    PassphraseReader,
    PassphraseStdin,
    app,
    fail,
    open_data,
    printable,
)

if TYPE_CHECKING:
    pass

profile_app = typer.Typer(help="Add, list or remove the people who use trustcheck.")
app.add_typer(profile_app, name="profile")


@profile_app.command("add")
def profile_add(name: Annotated[str, typer.Argument(help="The person's name.")]) -> None:
    """Add a person (at most two)."""
    services = open_data()
    try:
        person = services.profiles.add(name)
    finally:
        services.close()
    typer.echo(f"Added {printable(person.name)}.")


@profile_app.command("list")
def profile_list() -> None:
    """List the people set up here."""
    services = open_data()
    try:
        people = services.profiles.people()
    finally:
        services.close()
    if not people:
        typer.echo("No one is set up yet. Run `trustcheck setup NAME [NAME]`.")
    for person in people:
        typer.echo(printable(person.name))


@profile_app.command("remove")
def profile_remove(
    name: Annotated[str, typer.Argument(help="The person's name.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")] = False,
) -> None:
    """Remove a person from now on; their past check-ins stay in the history."""
    services = open_data()
    try:
        person = services.profiles.by_name(name)
        if not yes and not typer.confirm(
            f"Remove {printable(person.name)}? Past check-ins stay in the history.", default=False
        ):
            raise typer.Exit(1)
        services.profiles.remove(name)
    finally:
        services.close()
    typer.echo(f"Removed {printable(person.name)}.")


@profile_app.command("passwd")
def profile_passwd(
    name: Annotated[str, typer.Argument(help="Whose passphrase.")],
    passphrase_stdin: PassphraseStdin = False,
) -> None:
    """Set or change a passphrase. Changing it keeps every private entry readable."""
    from trustcheck import messages

    services = open_data()
    try:
        person = services.profiles.by_name(name)
        reader = PassphraseReader(passphrase_stdin)
        old = None
        if services.keys.has_passphrase(person.id):
            old = reader.read(f"Current passphrase for {printable(person.name)}")
        new = reader.read(f"New passphrase for {printable(person.name)}")
        if not passphrase_stdin and reader.read("Repeat the new passphrase") != new:
            fail(messages.PASSPHRASES_DIFFER)
        services.keys.set_passphrase(person.id, new, old)
    finally:
        services.close()
    typer.echo(
        f"Passphrase {'changed' if old is not None else 'set'} for {printable(person.name)}."
    )
