"""``trustcheck remind``: choose the weekly check-in day and time, and put it in a calendar."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trustcheck.cli._app import FullHelpCommand, app, fail, open_data, printable


@app.command("remind", cls=FullHelpCommand)
def remind(
    day: Annotated[
        str | None, typer.Option("--day", help="The day of your check-in: mon, tue, … sun.")
    ] = None,
    time: Annotated[
        str | None, typer.Option("--time", help="Its time of day, as HH:MM (24-hour).")
    ] = None,
    clear: Annotated[
        bool, typer.Option("--clear", help="Forget the day and time (due from Monday).")
    ] = False,
    ics: Annotated[
        str | None,
        typer.Option(
            "--ics",
            metavar="FILE",
            help="Write a weekly recurring calendar event for any calendar app.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Your weekly check-in day and time: choose it, or write it as a calendar event (.ics)."""
    from trustcheck import messages
    from trustcheck.core.clock import day_time_label
    from trustcheck.core.errors import UserError
    from trustcheck.services.remind import first_occurrence, write_calendar

    if clear and (day or time):
        fail(messages.REMIND_CLEAR_OR_CHOOSE)
    services = open_data()
    try:
        if clear:
            services.packs.set_reminder(None, None)
            typer.echo(messages.REMIND_CLEARED)
        elif day is not None or time is not None:
            services.packs.set_reminder(day, time)
        chosen = services.packs.reminder()
        if ics is not None:
            path = Path(ics).expanduser()
            write_calendar(services, path, force=force)
            assert chosen is not None  # write_calendar refuses when nothing is chosen
            when = day_time_label(first_occurrence(chosen, services.clock.now()))
            typer.echo(messages.REMIND_WROTE.format(path=printable(str(path)), when=when))
        elif not clear:
            if chosen is None:
                typer.echo(messages.REMIND_NONE)
            else:
                typer.echo(messages.REMIND_CHOSEN.format(when=chosen.label()))
    except UserError as exc:
        fail(str(exc))
    finally:
        services.close()
