"""`trustcheck profile …`: who uses trustcheck, and their passphrases.

Nobody is lost: `remove` asks for the person's passphrase when they have one and only hides them;
`restore` brings them back with their journal and history, and adding a removed person's name
again offers that rather than creating a stranger whose journal can never be reached.
"""

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
    from trustcheck.services import Services
    from trustcheck.services.profiles import ProfileRemovedError

profile_app = group("Add, list, rename, remove or restore the people who use trustcheck.")
app.add_typer(profile_app, name="profile")


def interactive() -> bool:
    """Someone is at the terminal to answer a question (not a script, not a pipe)."""
    return sys.stdin.isatty()


def offer_restore(services: Services, exc: ProfileRemovedError) -> None:
    """A removed person's name was typed again: ask whether to bring them back (at a terminal),
    else one line pointing at `profile restore`. Nothing is stored without a yes."""
    from trustcheck import messages

    if not interactive():
        fail(str(exc))
    if not typer.confirm(printable(exc.question()), default=True):
        fail(messages.PROFILE_NOTHING_CHANGED)
    for gone in exc.removed:
        person = services.profiles.restore(gone.profile)
        typer.echo(printable(messages.PROFILE_RESTORED.format(name=person.name)))


@profile_app.command("add", cls=FullHelpCommand)
def profile_add(
    name: Annotated[str, typer.Argument(help="The person's name.")],
    new: Annotated[
        bool,
        typer.Option("--new", help="Someone new who happens to share a removed person's name."),
    ] = False,
) -> None:
    """Add a person (at most two). A removed person's name offers to restore them."""
    from trustcheck.services.profiles import ProfileRemovedError

    services = open_data()
    try:
        try:
            person = services.profiles.add(name, new_person=new)
        except ProfileRemovedError as exc:
            offer_restore(services, exc)
            return
    finally:
        services.close()
    typer.echo(f"Added {printable(person.name)}.")


@profile_app.command("list", cls=FullHelpCommand)
def profile_list(
    removed: Annotated[
        bool, typer.Option("--removed", help="Also list the people removed (and when).")
    ] = False,
) -> None:
    """List the people set up here."""
    services = open_data()
    try:
        people = services.profiles.people()
        gone = services.profiles.removed() if removed else []
    finally:
        services.close()
    if not people and not gone:
        typer.echo("No one is set up yet. Run `trustcheck setup NAME [NAME]`.")
    for person in people:
        typer.echo(printable(person.name))
    for r in gone:
        typer.echo(printable(f"{r.name} (removed {r.date})"))


@profile_app.command("remove", cls=FullHelpCommand)
def profile_remove(
    name: Annotated[str, typer.Argument(help="The person's name.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")] = False,
    passphrase_stdin: PassphraseStdin = False,
) -> None:
    """Remove a person from now on. Their passphrase is needed when they have one; their
    journal and past check-ins are kept, and `profile restore NAME` brings them back."""
    from trustcheck import messages

    services = open_data()
    try:
        person = services.profiles.by_name(name)
        if not yes and not typer.confirm(
            printable(messages.PROFILE_REMOVE_CONFIRM.format(name=person.name)), default=False
        ):
            fail(messages.PROFILE_NOTHING_CHANGED)
        passphrase = None
        if services.profiles.needs_passphrase(person):
            if not passphrase_stdin and not interactive():
                fail(messages.PROFILE_REMOVE_NEEDS_PASSPHRASE.format(name=person.name))
            passphrase = PassphraseReader(passphrase_stdin).read(
                printable(messages.PROFILE_REMOVE_PASSPHRASE.format(name=person.name))
            )
        services.profiles.remove(person, passphrase)
    finally:
        services.close()
    typer.echo(printable(messages.PROFILE_REMOVED.format(name=person.name)))


@profile_app.command("restore", cls=FullHelpCommand)
def profile_restore(
    name: Annotated[str, typer.Argument(help="The removed person's name.")],
) -> None:
    """Bring a removed person back, with their journal and past check-ins."""
    from trustcheck import messages

    services = open_data()
    try:
        person = services.profiles.restore(name)
    finally:
        services.close()
    typer.echo(printable(messages.PROFILE_RESTORED.format(name=person.name)))


@profile_app.command("rename", cls=FullHelpCommand)
def profile_rename(
    old: Annotated[str, typer.Argument(help="The person's name now.")],
    new: Annotated[str, typer.Argument(help="Their new name.")],
) -> None:
    """Give a person a new name; their journal and history stay theirs."""
    from trustcheck import messages

    services = open_data()
    try:
        before = services.profiles.by_name(old)
        after = services.profiles.rename(before, new)
    finally:
        services.close()
    typer.echo(printable(messages.PROFILE_RENAMED.format(old=before.name, new=after.name)))


@profile_app.command("passwd", cls=FullHelpCommand)
def profile_passwd(
    name: Annotated[str, typer.Argument(help="Whose passphrase.")],
    recovery: Annotated[
        bool,
        typer.Option(
            "--recovery",
            help="Forgot it? Set a new passphrase with your one-time recovery code "
            "(the code is used up).",
        ),
    ] = False,
    passphrase_stdin: PassphraseStdin = False,
    delete_old_backups: Annotated[
        bool,
        typer.Option(
            "--delete-old-backups",
            help="After a change, delete the copies trustcheck made itself before it "
            "(they still open with the old passphrase); without it, you are asked.",
        ),
    ] = False,
) -> None:
    """Set or change a passphrase. A change seals every private record again under a new key,
    so the old passphrase opens nothing written from then on; a recovery code keeps working."""
    from trustcheck import messages
    from trustcheck.services import ops
    from trustcheck.services.keys import check_strength

    services = open_data()
    try:
        person = services.profiles.by_name(name)
        reader = PassphraseReader(passphrase_stdin)
        old = None
        opened = None
        if recovery:
            if not services.keys.has_recovery_code(person.id):
                fail(messages.NO_RECOVERY_CODE)
            code = reader.read(f"Recovery code for {printable(person.name)}")
            opened = services.keys.open_recovery(person.id, code)
        elif services.keys.has_passphrase(person.id):
            old = reader.read(f"Current passphrase for {printable(person.name)}")
        new = reader.read(f"New passphrase for {printable(person.name)}")
        check_strength(new, [p.name for p in services.profiles.people()])
        if not passphrase_stdin and reader.read("Repeat the new passphrase") != new:
            fail(messages.PASSPHRASES_DIFFER)
        if opened is not None:
            resealed = services.keys.finish_recovery(opened, new)
        else:
            resealed = services.keys.set_passphrase(person.id, new, old)
        data_dir = services.data_dir
        # A first passphrase, or one just recovered: offer a (new) code, at a terminal.
        offer = (old is None or opened is not None) and not passphrase_stdin and interactive()
        if offer and typer.confirm(messages.RECOVERY_CODE_ASK, default=False):
            show_recovery_code(services.keys.make_recovery_code(person.id))
    finally:
        services.close()
    if opened is not None:
        typer.echo(printable(messages.RECOVERY_DONE.format(name=person.name)))
        older_note = messages.RECOVERY_OLD_BACKUPS
    elif old is None:
        typer.echo(f"Passphrase set for {printable(person.name)}.")
        return
    else:
        typer.echo(messages.PASSPHRASE_CHANGED.format(name=printable(person.name), n=resealed))
        older_note = messages.OLD_BACKUPS_KEEP_OLD_KEY
    older = ops.app_backups(data_dir)
    if not older:
        return
    typer.echo(older_note.format(n=len(older), folder=older[0].parent))
    if delete_old_backups or (
        not passphrase_stdin and typer.confirm(messages.DELETE_OLD_BACKUPS, default=False)
    ):
        typer.echo(messages.OLD_BACKUPS_DELETED.format(n=ops.delete_backups(older)))


def show_recovery_code(code: str) -> None:
    """The code, shown this once, and what it means to keep it."""
    import shutil
    import textwrap

    from trustcheck import messages

    width = min(shutil.get_terminal_size((80, 24)).columns, 100) - 1
    typer.echo(textwrap.fill(messages.RECOVERY_CODE_SHOWN, width))
    typer.echo(f"\n    {code}\n")
    typer.echo(textwrap.fill(messages.RECOVERY_MEANS, width))


@profile_app.command("recovery", cls=FullHelpCommand)
def profile_recovery(
    name: Annotated[str, typer.Argument(help="Whose recovery code.")],
    passphrase_stdin: PassphraseStdin = False,
) -> None:
    """Make a one-time recovery code, after the passphrase; an earlier code stops working."""
    from trustcheck import messages
    from trustcheck.cli.journal import unlock

    services = open_data()
    try:
        person = services.profiles.by_name(name)
        had = services.keys.has_recovery_code(person.id)
        unlock(services, person, PassphraseReader(passphrase_stdin))
        code = services.keys.make_recovery_code(person.id)
    finally:
        services.close()
    if had:
        typer.echo(printable(messages.RECOVERY_CODE_REPLACES.format(name=person.name)))
    show_recovery_code(code)
