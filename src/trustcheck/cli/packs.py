"""`trustcheck packs …`: the question packs there are, and checking one you wrote."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trustcheck import messages
from trustcheck.cli._app import FullHelpCommand, app, data_dir_path, group, open_data, printable

if TYPE_CHECKING:
    from trustcheck.core.models import Pack
    from trustcheck.core.packs import PackProblem

packs_app = group("List the question packs, or check a pack file you wrote.")
app.add_typer(packs_app, name="packs")


@packs_app.command("list", cls=FullHelpCommand)
def packs_list() -> None:
    """Every pack: id, version, title, where it comes from, and whether it is on."""
    from trustcheck.paths import user_packs_dir

    services = open_data()
    try:
        entries = services.packs.entries()
        added = {
            e.id: services.packs.questions_added(e.pack)
            for e in entries
            if e.module and e.pack is not None and not e.problems
        }
    finally:
        services.close()
    rows = [
        (
            messages.PACKS_COL_ID,
            messages.PACKS_COL_VERSION,
            messages.PACKS_COL_TITLE,
            messages.PACKS_COL_FROM,
            messages.PACKS_COL_ON,
        )
    ]
    notes: dict[int, tuple[str, ...]] = {}
    for entry in entries:
        if entry.problems:
            state = messages.PACKS_REFUSED
            notes[len(rows)] = entry.problems
        elif not entry.module:
            state = messages.PACKS_ALWAYS
        else:
            state = messages.PACKS_ON if entry.enabled else messages.PACKS_OFF
        version = "" if entry.version is None else str(entry.version)
        title = entry.title
        if entry.id in added:
            title = messages.MODULE_QUESTIONS_TITLE.format(title=title, n=added[entry.id])
        rows.append((entry.id, version, title, entry.source, state))
    widths = [max(len(printable(r[c])) for r in rows) for c in range(4)]
    for n, row in enumerate(rows):
        cells = [printable(cell).ljust(widths[c]) for c, cell in enumerate(row[:4])]
        typer.echo("  ".join([*cells, row[4]]).rstrip())
        for reason in notes.get(n, ()):
            typer.echo(printable(messages.PACKS_REFUSED_NOTE.format(reason=reason)))
    typer.echo("")
    typer.echo(messages.PACKS_USER_DIR.format(path=user_packs_dir()))


@packs_app.command("validate", cls=FullHelpCommand)
def packs_validate(
    file: Annotated[Path, typer.Argument(help="The pack file (TOML) to check.")],
) -> None:
    """Check a pack file and list every problem as FILE:LINE: reason (exit 1 if there are any)."""
    from trustcheck.core.packs import PackError, PackProblem, load_pack
    from trustcheck.services.packs import load_builtin_packs

    pack: Pack | None
    problems: list[PackProblem]
    try:
        pack, problems = load_pack(file), []
    except PackError as err:
        pack, problems = None, err.problems
    if pack is not None:
        builtin = load_builtin_packs()
        known = builtin.get(pack.id)
        if known is not None and Path(known.path).resolve() != file.resolve():
            reason = f"pack id '{pack.id}' is a built-in pack's; give yours another id"
            problems.append(PackProblem(str(file), 1, reason))
        problems.extend(_version_problems(file, pack))
    for problem in problems:
        typer.echo(printable(str(problem)))
    if problems:
        typer.echo(messages.PACKS_PROBLEMS.format(n=len(problems)), err=True)
        raise typer.Exit(1)
    assert pack is not None
    typer.echo(
        printable(
            messages.PACKS_VALID.format(
                file=file, id=pack.id, version=pack.version, n=len(pack.items)
            )
        )
    )


def _version_problems(file: Path, pack: Pack) -> list[PackProblem]:
    """Wording changed since this version was answered here: each such item, at its line.

    Only when a database already exists: checking a file never creates one.
    """
    from trustcheck.core.packs import PackProblem, wording_diff
    from trustcheck.paths import DB_FILENAME

    if not (data_dir_path() / DB_FILENAME).is_file():
        return []
    services = open_data()
    try:
        stored = services.packs.stored_snapshot(pack.id, pack.version)
    finally:
        services.close()
    if stored is None:
        return []
    lines = {item.id: item.line for item in pack.items}
    return [
        PackProblem(
            str(file),
            lines.get(item_id, 1),
            messages.PACK_NEEDS_VERSION.format(reason=reason, version=pack.version + 1),
        )
        for item_id, reason in wording_diff(pack, stored)
    ]
