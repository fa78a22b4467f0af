"""`trustcheck history`: past check-ins, newest first, and one past week as it was (issue 17)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from trustcheck.cli._app import (
    FullHelpCommand,
    PassphraseReader,
    PassphraseStdin,
    app,
    fail,
    open_data,
    printable,
)

if TYPE_CHECKING:
    from trustcheck.core.models import Profile
    from trustcheck.services.history import HistoryPage, PastWeek, PrivateNote


@app.command("history", cls=FullHelpCommand)
def history(
    week: Annotated[
        str | None,
        typer.Argument(
            metavar="[WEEK]",
            help="One past week: a day of it (2026-11-30) or its number in the list.",
            show_default=False,
        ),
    ] = None,
    # Read as text and checked by the history service: one clear line for ``--page x``.
    page: Annotated[
        str, typer.Option("--page", metavar="N", help="Page N of the list (1: the newest).")
    ] = "1",
    limit: Annotated[
        str, typer.Option("--limit", metavar="N", help="Check-ins on a page (default 20).")
    ] = "20",
    as_name: Annotated[
        str | None,
        typer.Option(
            "--as",
            metavar="NAME",
            help="With a WEEK: also show NAME's own private answers of that week, after "
            "NAME's passphrase (never anyone else's).",
        ),
    ] = None,
    passphrase_stdin: PassphraseStdin = False,
) -> None:
    """Past check-ins, newest first; with a WEEK, that week as it was: your scores side by side,
    the notes you shared and how the commitments went.

    Each line of the list shows the week, who took part, each one's overall trust rating and
    how many commitments were set; `--page` and `--limit` walk through the list. Private
    answers are never shown, except a person's own with `--as NAME` after their passphrase;
    answers to the safety question are never shown.
    """
    from trustcheck import messages

    if as_name is not None and week is None:
        fail(messages.HISTORY_AS_NEEDS_WEEK)
    page_number = _number("--page", page)
    page_size = _number("--limit", limit)
    services = open_data()
    try:
        if week is None:
            _print_page(services.history.page(page_number, page_size))
            return
        past = services.history.week(services.history.find(week))
        notes: tuple[PrivateNote, ...] | None = None
        person: Profile | None = None
        if as_name is not None:
            from trustcheck.cli.journal import unlock

            person = services.profiles.by_name(as_name)
            unlock(services, person, PassphraseReader(passphrase_stdin))
            notes = services.history.private_answers(past.checkin.id, person)
    finally:
        services.close()
    _print_week(past)
    if person is not None and notes is not None:
        _print_private(person, notes)


def _number(option: str, value: str) -> int:
    text = value.strip()
    if not text.isascii() or not text.isdigit():
        fail(f"{option}: {value!r} is not a whole number like 2")
    return int(text)


def _columns(rows: list[list[str]], right: frozenset[int] = frozenset()) -> list[str]:
    """Rows of cells as lines of aligned columns, two spaces apart (``right``: numbers)."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def _who(names: tuple[str, ...]) -> str:
    from trustcheck import messages

    if len(names) == 2:
        return messages.HISTORY_WHO_COUPLE.format(a=names[0], b=names[1])
    return ", ".join(names)


def _print_page(page: HistoryPage) -> None:
    from trustcheck import messages
    from trustcheck.core.clock import week_label

    if not page.lines:
        typer.echo(messages.HISTORY_NONE)
        return
    rows = []
    for line in page.lines:
        overall = " · ".join(
            (
                messages.HISTORY_OVERALL_SKIPPED.format(name=name)
                if value is None
                else messages.HISTORY_OVERALL_SCORE.format(name=name, value=value)
            )
            for name, value in zip(line.names, line.overall, strict=True)
        )
        rows.append(
            [
                str(line.number),
                week_label(line.week),
                printable(_who(line.names)),
                printable(f"{messages.HISTORY_COL_OVERALL.lower()}: {overall}"),
                _commitments(line.commitments),
            ]
        )
    typer.echo(messages.HISTORY_TITLE)
    typer.echo("")
    for text in _columns(rows, right=frozenset({0})):
        typer.echo(text)
    typer.echo("")
    if page.total == 1:
        typer.echo(messages.HISTORY_PAGE_ONE)
    else:
        typer.echo(messages.HISTORY_PAGE.format(page=page.page, pages=page.pages, total=page.total))
    if page.page < page.pages:
        typer.echo(messages.HISTORY_NEXT_PAGE.format(page=page.page + 1))
    typer.echo(messages.HISTORY_OPEN_HINT.format(week=page.lines[0].week.isoformat()))


def _commitments(n: int) -> str:
    from trustcheck import messages

    if n == 0:
        return f"{messages.HISTORY_COL_COMMITMENTS.lower()}: {messages.HISTORY_NO_COMMITMENTS}"
    if n == 1:
        return messages.HISTORY_ONE_COMMITMENT
    return messages.HISTORY_COMMITMENTS.format(n=n)


def _print_week(past: PastWeek) -> None:
    from trustcheck import messages
    from trustcheck.core.clock import week_label
    from trustcheck.core.models import Visibility
    from trustcheck.services.reveal_grid import reveal_grid, reveal_legend

    reveal = past.reveal
    people = reveal.people
    names = tuple(p.name for p in people)
    echo = typer.echo
    echo(messages.HISTORY_WEEK_TITLE.format(week=week_label(past.checkin.week)))
    echo(
        printable(
            messages.HISTORY_WEEK_NUMBER.format(
                number=past.number, total=past.total, who=_who(names)
            )
        )
    )
    echo(messages.HISTORY_AS_IT_WAS)
    echo("")

    def score(value: float | None) -> str:
        return messages.REVEAL_MISSING if value is None else f"{value:.1f}"

    grid = reveal_grid(reveal)
    header = [printable(title.replace("\n", " ")) for title in grid.header]
    rows = [header, *([c.text for c in row] for row in (*grid.areas, *grid.summary))]
    right = frozenset(range(1, len(header)))
    for text in _columns(rows, right):
        echo(text)
    echo("")
    for line in reveal_legend(reveal):
        echo(line)
    if reveal.modules:
        echo("")
        echo(messages.REVEAL_MODULES_TITLE)
        module_rows = [[messages.REVEAL_AREA, *(printable(n) for n in names)]]
        module_rows += [
            [printable(m.pack.area_heading(m.area)), *(score(v) for v in m.now)]
            for m in reveal.modules
        ]
        for text in _columns(module_rows, frozenset(range(1, len(names) + 1))):
            echo("  " + text)

    echo("")
    echo(messages.HISTORY_NOTES_TITLE)
    if not reveal.open_answers:
        echo("  " + messages.HISTORY_NO_NOTES)
    seen: list[str] = []
    for answer in reveal.open_answers:
        if answer.item.id not in seen:
            seen.append(answer.item.id)
            echo("  " + printable(answer.item.text))
        therapy = answer.visibility is Visibility.THERAPY
        mark = f"  {messages.REVEAL_THERAPY_MARK}" if therapy else ""
        echo("    " + printable(answer.profile.name) + mark)
        for part in answer.text.splitlines() or [""]:
            echo("      " + printable(part))

    echo("")
    echo(messages.HISTORY_COMMITMENTS_TITLE)
    if not past.commitments:
        echo("  " + messages.HISTORY_NO_COMMITMENTS_SET)
    for c in past.commitments:
        text = c.commitment.text
        line = (
            messages.HISTORY_COMMITMENT_SOLO.format(text=text)
            if c.own
            else messages.HISTORY_COMMITMENT.format(owner=c.owner, to=c.to, text=text)
        )
        echo("  " + printable(line))
        echo("      " + printable(messages.HISTORY_HOW.format(how=c.how)))


def _print_private(person: Profile, notes: tuple[PrivateNote, ...]) -> None:
    from trustcheck import messages

    echo = typer.echo
    echo("")
    echo(printable(messages.HISTORY_PRIVATE_TITLE.format(name=person.name)))
    if not notes:
        echo("  " + printable(messages.HISTORY_PRIVATE_NONE.format(name=person.name)))
    for note in notes:
        title = f"{note.module}: {note.prompt}" if note.module else note.prompt
        echo("  " + printable(title))
        text = note.text if note.text is not None else messages.HISTORY_PRIVATE_DAMAGED
        for part in text.splitlines() or [""]:
            echo("      " + printable(part))
