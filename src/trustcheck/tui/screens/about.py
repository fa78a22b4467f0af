"""About trustcheck: what it is and is not, and credits for the research each area and module
draws on (read from the packs' ``sources``, so a new pack credits its own research)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from trustcheck import messages
from trustcheck.core.models import Pack
from trustcheck.services import Services
from trustcheck.tui.text import plain, say


def credited_packs(services: Services) -> list[Pack]:
    """The weekly pack, then every usable module, each with its own sources."""
    modules = [p for p in services.packs.modules() if p.id != services.pack.id]
    return [services.pack, *modules]


class AboutScreen(ModalScreen[None]):
    AUTO_FOCUS = "#about"

    DEFAULT_CSS = """
    AboutScreen {
        align: center middle;
    }
    AboutScreen > VerticalScroll {
        width: 88;
        max-width: 95%;
        height: auto;
        max-height: 95%;
        padding: 0 2;
        border: round $primary;
        border-title-align: center;
        background: $surface;
    }
    AboutScreen Static {
        margin-top: 1;
    }
    AboutScreen .pack {
        text-style: bold;
    }
    AboutScreen .source {
        margin-top: 0;
        padding-left: 2;
    }
    AboutScreen .muted {
        color: $text-muted;
    }
    AboutScreen Button {
        margin: 1 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,a", "close", "Close"),
        Binding("s", "support", messages.SUPPORT_TITLE),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="about") as scroll:
            scroll.border_title = messages.ABOUT_TITLE
            yield Static(messages.ABOUT_WHAT, markup=False)
            yield Static(messages.ABOUT_NOT, markup=False, classes="muted")
            yield Static(messages.ABOUT_SUPPORT, markup=False, classes="muted")
            yield Static(messages.ABOUT_CREDITS_TITLE, markup=False, classes="pack")
            yield Static(messages.ABOUT_CREDITS_NOTE, markup=False, classes="muted")
            for pack in credited_packs(self.services):
                yield Static(
                    say(messages.ABOUT_PACK, title=pack.title, version=str(pack.version)),
                    classes="pack",
                )
                for source in pack.sources:
                    yield Static(plain(f"• {source}"), classes="source")
            yield Button(messages.ABOUT_CLOSE, id="close")

    def action_support(self) -> None:
        from trustcheck.tui.screens.support import SupportLinesScreen

        self.app.push_screen(SupportLinesScreen(self.services))

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
