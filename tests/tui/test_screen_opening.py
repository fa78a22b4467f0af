"""Screens that open quickly by design (issue 13, "Fast by design"): the settings form opens on
its first setting, not on the scroll area around it; the export dialog makes one preview when it
opens, after it is painted."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input

from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Pack, Profile
from trustcheck.services import Services
from trustcheck.services import export as export_service
from trustcheck.tui.app import build_app
from trustcheck.tui.screens import export as export_screen
from trustcheck.tui.screens.settings import SettingsScreen

from .conftest import run_async, seed_previous_week


@run_async
async def test_settings_open_on_the_first_setting_and_keys_still_scroll_the_form(
    services: Services, couple: list[Profile]
) -> None:
    """The first module's box has the focus (space switches it, as the screen says); the page
    keys still scroll the form, and escape still closes it."""
    app = build_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await app.workers.wait_for_complete()  # the catalogue, read as settings opens
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        first = screen.query(Checkbox).first()
        assert screen.focused is first
        module = services.packs.modules()[0]
        await pilot.press("space")
        await pilot.pause()
        assert first.value and module.id in services.packs.enabled_ids()
        form = screen.query_one(VerticalScroll)
        assert form.scroll_y == 0 and form.max_scroll_y > 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert form.scroll_y > 0
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)


@run_async
async def test_the_export_dialog_makes_one_preview_when_it_opens(
    services: Services, clock: FixedClock, couple: list[Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening the dialog (its fields say Changed as they mount) renders the summary once, after
    the dialog is painted, and the preview shows it."""
    seed_previous_week(services, clock, couple)
    renders: list[object] = []
    real = export_service.ExportService

    class Counted(real):  # type: ignore[misc, valid-type]
        def render(self, request: Any) -> Any:
            renders.append(request)
            return super().render(request)

    # The dialog's worker imports the service as it renders (opening it does not wait for that).
    monkeypatch.setattr(export_service, "ExportService", Counted)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, export_screen.ExportScreen)
        assert "trustcheck summary · Alex and Sam" in str(screen.query_one("#preview").render())
        assert len(renders) == 1


@run_async
async def test_settings_read_the_catalogue_off_the_ui_thread_and_saving_before_it_arrives_is_right(
    services: Services, couple: list[Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings opens at once: the pack catalogue (read and validated) and the safety resources
    are read in a worker, not on the UI thread. Until they arrive the modules and the locale are
    not shown (never a wrong value), and the rest of the form works: an idle lock typed and the
    form closed before they arrive is stored, and nothing else changes; the people (most of the
    form's widgets) are mounted just after its first frame. Once the catalogue arrives the
    modules show with their stored switches and the form starts on the first one."""
    release = threading.Event()
    readers: list[threading.Thread] = []
    real_modules = services.packs.modules

    def slow_modules() -> list[Pack]:
        readers.append(threading.current_thread())
        if threading.current_thread() is not threading.main_thread():
            release.wait(timeout=30)  # a slow catalogue, held until the test lets it go
        return real_modules()

    monkeypatch.setattr(services.packs, "modules", slow_modules)
    first = real_modules()[0]
    services.packs.set_enabled(first.id, True)
    before = (services.packs.enabled_ids(), services.packs.locale(), services.packs.reminder())
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        readers.clear()  # home's own reads
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        assert readers and threading.main_thread() not in readers
        assert not screen.query(Checkbox) and not screen.query("#locale")
        assert screen.query_one("#day") and screen.query_one("#done")
        # The people come just after the first frame, without waiting for the catalogue.
        for _ in range(500):
            if screen.query(f"#rename-{couple[0].id}"):
                break
            await pilot.pause(0.01)
        assert screen.query(f"#rename-{couple[0].id}") and not screen.query(Checkbox)
        screen.query_one("#idle", Input).value = "600"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
        assert services.packs.idle_seconds() == 600
        after = (services.packs.enabled_ids(), services.packs.locale(), services.packs.reminder())
        assert after == before
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)

        await pilot.press("s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        boxes = list(screen.query(Checkbox))
        assert [box.value for box in boxes] == [p.id == first.id for p in real_modules()]
        assert screen.focused is boxes[0]
        assert screen.query_one("#locale") and screen.query_one(f"#rename-{couple[1].id}")


@run_async
async def test_a_dialog_takes_its_first_focus_once(
    services: Services, couple: list[Profile]
) -> None:
    """The export dialog opens on its format choice, focused once: not on the scroll area around
    it first and then moved (each move restyles the whole dialog). The same for the yes/no
    question, whose safe answer has the focus so Enter alone never throws anything away."""
    from trustcheck.tui.screens.confirm import ConfirmDialog

    def watching(cls: Any) -> Any:
        class Watched(cls):  # type: ignore[misc, valid-type]
            moves: list[str | None]

            def watch_focused(self, focused: Any) -> None:
                self.__dict__.setdefault("moves", []).append(focused and focused.id)

        return Watched

    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        dialog = watching(export_screen.ExportScreen)(services)
        app.push_screen(dialog)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert dialog.moves == ["format"]
        await pilot.press("escape")
        await pilot.pause()
        question = watching(ConfirmDialog)("Throw it away?")
        app.push_screen(question)
        await pilot.pause()
        assert question.moves == ["no"]
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
