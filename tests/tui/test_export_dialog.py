"""The export dialog: choose Markdown, see the summary in the preview, save it to a path."""

from __future__ import annotations

import stat
from pathlib import Path

from textual.widgets import Checkbox, Input, RadioButton, Static

from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.confirm import ConfirmDialog
from trustcheck.tui.screens.export import ExportScreen
from trustcheck.tui.screens.unlock import UnlockScreen

from .conftest import run_async, seed_previous_week


def preview(screen: ExportScreen) -> str:
    return str(screen.query_one("#preview", Static).render())


@run_async
async def test_markdown_preview_and_save(
    services: Services,
    clock,
    couple: list[Profile],
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    seed_previous_week(services, clock, couple)
    app = build_app(services)
    results: list[Path | None] = []
    async with app.run_test(size=(120, 40)) as pilot:
        screen = ExportScreen(services, folder=tmp_path)
        app.push_screen(screen, results.append)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_one("#fmt-md", RadioButton).value
        text = preview(screen)
        assert "trustcheck summary · Alex and Sam" in text
        assert "1 check-in" in text
        target = tmp_path / "for-therapy.md"
        path_input = screen.query_one("#path", Input)
        path_input.value = str(target)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert results == [target]
    assert target.read_text(encoding="utf-8").startswith("# trustcheck summary · Alex and Sam")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@run_async
async def test_choosing_a_format_changes_the_path_and_asks_before_replacing(
    services: Services,
    clock,
    couple: list[Profile],
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    seed_previous_week(services, clock, couple)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = ExportScreen(services, folder=tmp_path)
        app.push_screen(screen)
        await pilot.pause()
        await pilot.click("#fmt-csv")
        await app.workers.wait_for_complete()
        await pilot.pause()
        path = Path(screen.query_one("#path", Input).value)
        assert path.suffix == ".csv"
        assert "week,person,area,score,scale" in preview(screen)
        path.write_text("old")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert path.read_text() == "old"


@run_async
async def test_private_notes_need_the_owners_passphrase(
    services: Services,
    clock,
    couple: list[Profile],
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    alex = couple[0]
    services.keys.set_passphrase(alex.id, "alex words")
    services.journal.add(alex.id, "Journalsentinel for therapy", for_therapy=True)
    services.keys.lock_all()
    seed_previous_week(services, clock, couple)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = ExportScreen(services, folder=tmp_path)
        app.push_screen(screen)
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert "Journalsentinel" not in preview(screen)
        await pilot.click("#private-0")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        await pilot.press(*"alex words", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        # Unlocked, but nothing is in until a kind is ticked: each is its own choice.
        assert "Journalsentinel" not in preview(screen)
        assert not screen.query_one("#kind-safety", Checkbox).value
        await pilot.click("#kind-journal")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Journalsentinel" in preview(screen)
        await pilot.click("#private-none")  # back to nobody: the ticks go with the person
        await pilot.pause()
        assert not screen.query_one("#kind-journal", Checkbox).value
        assert screen.query_one("#kind-journal", Checkbox).disabled
        await pilot.press("escape")
        await pilot.pause()
    assert not services.keys.is_unlocked(alex.id)  # locked again when the dialog closed
