"""The help modal: the keys, and what trustcheck is and is not."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from trustcheck import messages


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > VerticalScroll {
        width: 84;
        max-width: 95%;
        height: auto;
        max-height: 95%;
        padding: 0 2;
        border: round $primary;
        border-title-align: center;
        background: $surface;
    }
    HelpScreen Static {
        margin-top: 1;
    }
    HelpScreen .muted {
        color: $text-muted;
    }
    HelpScreen Button {
        margin: 1 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "close", "Close"),
        Binding("a", "about", "About"),
    ]

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
        # Journal rows replace a general row with the same key, or are added before help/quit.
        rows = (
            dict(messages.HELP_KEYS)
            | dict(messages.HELP_KEYS_JOURNAL)
            | dict(messages.HELP_KEYS_TRENDS)
            | dict(messages.HELP_KEYS_HOME)
        )
        last = ("ctrl+q", "? / f1")
        for key, what in sorted(rows.items(), key=lambda row: row[0] in last):
            keys.add_row(key, what)
        with VerticalScroll() as scroll:
            scroll.border_title = messages.HELP_TITLE
            yield Static(messages.HELP_WHAT, markup=False)
            yield Static(keys)
            yield Static(messages.NOT_THERAPY, markup=False, classes="muted")
            yield Static(messages.HELP_ABOUT, markup=False, classes="muted")
            yield Button(messages.HELP_CLOSE, id="close")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def action_about(self) -> None:
        from trustcheck.tui.screens.about import AboutScreen

        services = getattr(self.app, "services", None)
        if services is not None:
            self.app.push_screen(AboutScreen(services))

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
