"""`trustcheck trends` and `status`: where you stand, without opening the app."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from trustcheck.cli._app import FullHelpCommand, app, open_data


@app.command(cls=FullHelpCommand)
def trends(
    weeks: Annotated[int | None, typer.Option(min=1, help="Only the last N weeks.")] = None,
    area: Annotated[
        str | None,
        typer.Option(help="One area: communication, security, closeness, reliability or openness."),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="The figures and each area's change as JSON (docs/trends-json.md)."
        ),
    ] = False,
) -> None:
    """Charts and figures of your trends, printed to the terminal (plain text when piped)."""
    services = open_data()
    try:
        report = services.trends.report(weeks=weeks, area=area)
        today = services.clock.now().date()
    finally:
        services.close()
    if as_json:
        from trustcheck.export.trends_json import render

        sys.stdout.write(render(report, today))
        return
    # Plain ``trustcheck trends`` prints in cli/trends_quick.py, without Typer: the same text.
    from trustcheck.cli.trends_quick import charts_text

    typer.echo(charts_text(report))


@app.command("status", cls=FullHelpCommand)
def status(
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Print nothing; exit 0 when nothing is due, 3 when a check-in is due or in "
            "progress (for a shell prompt, a login message or cron).",
        ),
    ] = False,
) -> None:
    """Whether this week's check-in is due, in progress (whose turn, never what) or done."""
    from trustcheck.cli._app import state
    from trustcheck.cli.status import StatusCall, run

    code = run(StatusCall(state.data_dir, check))
    if code:
        raise typer.Exit(code)
