"""Opening the app, first-run set-up and the demo history."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trustcheck.cli._app import (
    FullHelpCommand,
    app,
    fail,
    open_data,
    printable,
    run_tui,
    state,
)

if TYPE_CHECKING:
    pass


@app.command(cls=FullHelpCommand)
def checkin() -> None:
    """Open this week's check-in (resumes one in progress)."""
    run_tui("checkin")


@app.command(cls=FullHelpCommand)
def setup(
    names: Annotated[
        list[str] | None,
        typer.Argument(help="One name (solo) or two (a couple). Without names, the app asks."),
    ] = None,
) -> None:
    """First run: your names, or just yours for solo use."""
    if not names:
        run_tui("home")
        return
    from trustcheck import messages
    from trustcheck.cli.profile import interactive
    from trustcheck.services.profiles import ProfileRemovedError

    services = open_data()
    try:
        if services.profiles.is_set_up():
            fail(
                "already set up: use `trustcheck profile add|list|rename|remove|restore` "
                "to change who is here"
            )
        try:
            people = services.profiles.setup(names)
        except ProfileRemovedError as exc:
            # Someone who was here before: bring them back rather than add a stranger.
            if not interactive():
                fail(str(exc))
            if not typer.confirm(printable(exc.question()), default=True):
                fail(messages.PROFILE_NOTHING_CHANGED)
            people = services.profiles.setup(names, restore=True)
    finally:
        services.close()
    mode = "solo" if len(people) == 1 else "couple"
    typer.echo(printable(f"Set up for {', '.join(p.name for p in people)} ({mode})."))


@app.command(cls=FullHelpCommand)
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

    data_dir = state.data_dir.resolve() if state.data_dir else None
    if data_dir is None:
        import tempfile

        data_dir = Path(tempfile.mkdtemp(prefix="trustcheck-demo-"))
    services = open_data(data_dir)
    try:
        if not services.is_empty():
            fail(messages.DEMO_NOT_EMPTY.format(path=data_dir))
        result = seed_demo(services, weeks=weeks, seed=seed)
    finally:
        services.close()
    typer.echo(
        f"Demo data: {result.checkins} weekly check-ins for Alex and Sam in {data_dir}\n"
        f"Both passphrases are 'demo'. Open it again with: trustcheck --data-dir {data_dir}"
    )
    if not no_open:
        run_tui("home", data_dir)
