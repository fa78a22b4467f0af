"""The export dialog: format, period, what to include, a preview, and where to save.

It only gathers choices (harlequin's export screen); ``services.export`` builds and renders the
export, in a thread worker so the dialog never freezes (a PDF imports fpdf2, ~250 ms). That
module is imported by the worker too, so opening the dialog does not wait for it.
Dismisses with the path written, or None.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from trustcheck import messages
from trustcheck.core.models import Profile
from trustcheck.export import FORMATS
from trustcheck.services import Services
from trustcheck.services.errors import CryptoError
from trustcheck.services.export_request import (
    DEFAULT_SUMMARY_WEEKS,
    ExportError,
    ExportRequest,
    FileExists,
    PrivateKind,
)
from trustcheck.tui.text import plain
from trustcheck.tui.widgets.fields import LineInput
from trustcheck.tui.widgets.marks import MarkedCheckbox, MarkedRadioButton

#: Lines of a preview shown: the first page is what matters.
PREVIEW_LINES = 400


def default_path(fmt: str, today: dt.date, folder: Path | None = None) -> Path:
    suffix = FORMATS[fmt].suffix
    name = "trustcheck-data" if FORMATS[fmt].kind == "dump" else "trustcheck-summary"
    return (folder or Path.cwd()) / f"{name}-{today.isoformat()}{suffix}"


#: Below this many columns the choices stack (three side by side need about 100).
NARROW = 100

#: One checkbox per kind of private record: each is its own choice, none ticked at first.
KIND_BOXES = (
    (PrivateKind.ANSWERS, messages.EXPORT_DIALOG_KIND_ANSWERS),
    (PrivateKind.JOURNAL, messages.EXPORT_DIALOG_KIND_JOURNAL),
    (PrivateKind.SAFETY, messages.EXPORT_DIALOG_KIND_SAFETY),
)


class ExportScreen(ModalScreen[Path | None]):
    DEFAULT_CSS = """
    ExportScreen {
        align: center middle;
    }
    ExportScreen > VerticalScroll {
        width: 110;
        max-width: 98%;
        height: auto;
        max-height: 95%;
        padding: 0 2;
        border: round $primary;
        background: $surface;
    }
    ExportScreen #title {
        text-style: bold;
        color: $accent;
    }
    ExportScreen #choices {
        height: auto;
    }
    ExportScreen #choices > Vertical {
        width: 1fr;
        height: auto;
    }
    /* Narrow terminals: the three groups of choices one under the other, nothing cut off. */
    ExportScreen.narrow #choices {
        layout: vertical;
    }
    ExportScreen.narrow #choices > Vertical {
        width: 100%;
    }
    ExportScreen RadioSet {
        width: 100%;
    }
    ExportScreen #weeks {
        width: 20;
    }
    ExportScreen #preview-box {
        height: 12;
        border: round $primary 40%;
    }
    ExportScreen #status {
        height: auto;
        color: $text-muted;
    }
    ExportScreen #status.error {
        color: $error;
    }
    ExportScreen #save-row {
        height: auto;
    }
    ExportScreen #path {
        width: 1fr;
    }
    ExportScreen Button {
        margin-left: 1;
    }
    """

    #: The format choice has the focus from the first frame (one focus change, not two: each
    #: restyles the dialog for ``:focus-within``).
    AUTO_FOCUS = "#format"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", show=False),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, services: Services, folder: Path | None = None) -> None:
        super().__init__()
        self.services = services
        self.people = services.profiles.people()
        self.fmt = "md"
        self.private: Profile | None = None
        #: Keys this dialog unlocked, locked again when it closes.
        self.unlocked_here: set[int] = set()
        self.folder = folder
        self.today = services.clock.now().date()
        self._auto_path = default_path(self.fmt, self.today, folder)
        self._preview_asked = False  # a preview is due after the next paint

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(messages.EXPORT_DIALOG_TITLE, id="title", markup=False)
            with Horizontal(id="choices"):
                with Vertical():
                    yield Label(messages.EXPORT_DIALOG_FORMAT)
                    with RadioSet(id="format"):
                        for name, fmt in FORMATS.items():
                            yield MarkedRadioButton(
                                fmt.title, value=name == self.fmt, id=f"fmt-{name}"
                            )
                with Vertical():
                    yield Label(messages.EXPORT_DIALOG_PERIOD)
                    yield LineInput(str(DEFAULT_SUMMARY_WEEKS), id="weeks", type="integer")
                    yield MarkedCheckbox(messages.EXPORT_DIALOG_NOTES, id="notes")
                with Vertical():
                    yield Label(messages.EXPORT_DIALOG_PRIVATE)
                    with RadioSet(id="private"):
                        yield MarkedRadioButton(
                            messages.EXPORT_DIALOG_PRIVATE_NONE, value=True, id="private-none"
                        )
                        for n, person in enumerate(self.people):
                            yield MarkedRadioButton(plain(person.name), id=f"private-{n}")
                    for kind, label in KIND_BOXES:
                        yield MarkedCheckbox(
                            label, id=f"kind-{kind}", classes="kind", disabled=True
                        )
            yield Label(messages.EXPORT_DIALOG_PREVIEW)
            with VerticalScroll(id="preview-box"):
                yield Static("", id="preview", markup=False)
            yield Static("", id="status")
            with Horizontal(id="save-row"):
                yield LineInput(
                    str(self._auto_path), id="path", placeholder=messages.EXPORT_DIALOG_PATH
                )
                yield Button(messages.CANCEL, id="cancel")
                yield Button(messages.EXPORT_DIALOG_WRITE, id="save", variant="primary")
            yield Static(messages.EXPORT_DIALOG_KEYS, classes="muted", markup=False)

    def on_mount(self) -> None:
        self.refresh_preview()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "narrow")

    # --- choices ----------------------------------------------------------------------------------
    def request(self) -> ExportRequest:
        """What the dialog shows now, as an export request; ExportError if the period is bad."""
        raw = self.query_one("#weeks", Input).value.strip()
        weeks: int | None = None
        if raw:
            try:
                weeks = int(raw)
            except ValueError:
                raise ExportError(messages.EXPORT_DIALOG_BAD_WEEKS) from None
            if weeks < 1:
                raise ExportError(messages.EXPORT_DIALOG_BAD_WEEKS)
        if FORMATS[self.fmt].kind == "dump":
            weeks = None  # a JSON export always holds everything
        return ExportRequest(
            fmt=self.fmt,
            weeks=weeks,
            include_notes=self.query_one("#notes", Checkbox).value,
            include_private=self.private,
            private_kinds=self.kinds(),
        )

    def kinds(self) -> frozenset[PrivateKind]:
        """The kinds of private record ticked (only once a person is chosen and unlocked)."""
        if self.private is None:
            return frozenset()
        return frozenset(
            kind for kind, _ in KIND_BOXES if self.query_one(f"#kind-{kind}", Checkbox).value
        )

    def _enable_kinds(self, enabled: bool) -> None:
        for kind, _ in KIND_BOXES:
            box = self.query_one(f"#kind-{kind}", Checkbox)
            box.disabled = not enabled
            if not enabled:
                with box.prevent(Checkbox.Changed):
                    box.value = False

    @on(RadioSet.Changed, "#format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self.fmt = (event.pressed.id or "fmt-md").removeprefix("fmt-")
        path_input = self.query_one("#path", Input)
        if Path(path_input.value) == self._auto_path:
            self._auto_path = default_path(self.fmt, self.today, self.folder)
            path_input.value = str(self._auto_path)
        self.query_one("#weeks", Input).disabled = FORMATS[self.fmt].kind == "dump"
        self.refresh_preview()

    @on(Input.Changed, "#weeks")
    @on(Checkbox.Changed, "#notes")
    @on(Checkbox.Changed, ".kind")
    def _options_changed(self) -> None:
        self.refresh_preview()

    @on(RadioSet.Changed, "#private")
    def _private_changed(self, event: RadioSet.Changed) -> None:
        button_id = event.pressed.id or "private-none"
        # Another person's choice never carries over: every box starts unticked again.
        self._enable_kinds(False)
        if button_id == "private-none":
            self.private = None
            self.refresh_preview()
            return
        person = self.people[int(button_id.removeprefix("private-"))]
        was_unlocked = self.services.keys.is_unlocked(person.id)

        def then(unlocked: bool) -> None:
            if unlocked:
                if not was_unlocked:
                    self.unlocked_here.add(person.id)
                self.private = person
            else:
                self.private = None
                self.query_one("#private-none", RadioButton).value = True
            self._enable_kinds(self.private is not None)
            self.refresh_preview()

        # Imported when a person is chosen: the unlock dialog and its fields cost the first open
        # of this dialog ~10 ms otherwise, and most exports hold nothing private.
        from trustcheck.tui.screens.unlock import with_key

        with_key(self.app, self.services, person, then, messages.UNLOCK_JOURNAL)

    # --- preview ----------------------------------------------------------------------------------
    def show_status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(plain(text))
        status.set_class(error, "error")

    def refresh_preview(self) -> None:
        """Preview the choices as they are once the screen is painted again: changes that come
        together (the dialog mounting, its fields saying Changed as they mount, a burst of
        typing) make one preview, and its thread never stretches a paint (it would hold the
        interpreter, the GIL, for half of it)."""
        if not self._preview_asked:
            self._preview_asked = True
            self.call_after_refresh(self._refresh_preview_now)

    def _refresh_preview_now(self) -> None:
        self._preview_asked = False
        try:
            request = self.request()
        except ExportError as exc:
            self.show_status(str(exc), error=True)
            return
        self.show_status("")
        self._preview(request)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export-preview")
    def _preview(self, request: ExportRequest) -> None:
        fmt = FORMATS[request.fmt]
        note = ""
        if fmt.binary or fmt.name == "html":
            # The same summary, as readable text rather than markup or PDF bytes.
            note = messages.EXPORT_DIALOG_NO_PREVIEW.format(fmt=fmt.name.upper())
            request = replace(request, fmt="md")
        from trustcheck.services.export import ExportService

        try:
            result = ExportService(self.services).render(request)
        except (ExportError, CryptoError) as exc:
            self.app.call_from_thread(self.show_status, str(exc), True)
            return
        text = result.data if isinstance(result.data, str) else ""
        lines = text.splitlines()
        if len(lines) > PREVIEW_LINES:
            lines = [*lines[:PREVIEW_LINES], "…"]
        body = "\n".join(([note, ""] if note else []) + lines)
        self.app.call_from_thread(self._show_preview, body)

    def _show_preview(self, body: str) -> None:
        if self.is_attached:
            self.query_one("#preview", Static).update(plain(body))

    # --- saving -----------------------------------------------------------------------------------
    def action_save(self, force: bool = False) -> None:
        try:
            request = self.request()
        except ExportError as exc:
            self.show_status(str(exc), error=True)
            return
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self.show_status(messages.EXPORT_DIALOG_PATH, error=True)
            return
        self._save(request, Path(raw).expanduser(), force)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export-save")
    def _save(self, request: ExportRequest, path: Path, force: bool) -> None:
        from trustcheck.services.export import ExportService, write_atomic

        try:
            result = ExportService(self.services).render(request)
            write_atomic(path, result.as_bytes(), force=force)
        except FileExists:
            self.app.call_from_thread(self._ask_replace, path)
        except (ExportError, CryptoError) as exc:
            self.app.call_from_thread(self.show_status, str(exc), True)
        else:
            self.app.call_from_thread(self._saved, path)

    def _ask_replace(self, path: Path) -> None:
        from trustcheck.tui.screens.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self.action_save(force=True)
            else:
                self.show_status(messages.EXPORT_NOT_REPLACED.format(path=path))

        self.app.push_screen(
            ConfirmDialog(messages.EXPORT_REPLACE_QUESTION.format(path=path)), answered
        )

    def _saved(self, path: Path) -> None:
        self.app.notify(messages.EXPORT_DIALOG_SAVED.format(path=path), markup=False, timeout=4)
        self._close(path)

    def _close(self, result: Path | None) -> None:
        for pid in self.unlocked_here:
            self.services.keys.lock(pid)
        self.unlocked_here.clear()
        self.dismiss(result)

    def action_cancel(self) -> None:
        self._close(None)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self._close(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()
