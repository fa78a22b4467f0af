"""The support lines, offered quietly after an answer that asks for them (a module item's
``support``): to the person answering, in their own turn, and to no one else. Nothing is stored
and nothing here reaches the reveal, the partner's screens or an export."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from trustcheck import messages
from trustcheck.core.packs import PackError
from trustcheck.services import Services
from trustcheck.tui.text import plain, say


class SupportOfferScreen(Screen[None]):
    DEFAULT_CSS = """
    SupportOfferScreen {
        align: center middle;
    }
    SupportOfferScreen > VerticalScroll {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 1 3;
        border: round $primary 50%;
    }
    SupportOfferScreen .title {
        text-style: bold;
        margin-bottom: 1;
    }
    SupportOfferScreen .section {
        text-style: bold;
        margin-top: 1;
    }
    SupportOfferScreen .resource {
        margin-top: 1;
    }
    SupportOfferScreen .muted {
        color: $text-muted;
    }
    SupportOfferScreen Center {
        height: auto;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter,escape,ctrl+n", "go_on", messages.SUPPORT_OFFER_CONTINUE, key_display="enter"
        ),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(messages.SUPPORT_OFFER_TITLE, classes="title", markup=False)
            yield Static(messages.SUPPORT_OFFER_BODY, markup=False)
            yield from self._lines()
            with Center():
                yield Button(messages.SUPPORT_OFFER_CONTINUE, id="go-on", variant="primary")
        yield Footer()

    def _lines(self) -> list[Static]:
        try:
            resources = self.services.safety.resources()
        except PackError as exc:
            return [Static(say(messages.SUPPORT_OFFER_BROKEN, reason=str(exc)))]
        locale = resources.locale(self.services.packs.locale())
        out = [
            Static(say(messages.SUPPORT_OFFER_PLACE, place=locale.name), classes="section"),
            Static(say(messages.SUPPORT_OFFER_EMERGENCY, emergency=locale.emergency)),
        ]
        for res in resources.for_locale(locale.id):
            parts = [res.name, *(part for part in (res.phone, res.website, res.note) if part)]
            out.append(Static(plain("\n".join(parts)), classes="resource"))
        if own := self.services.safety.user_file_notice(resources):
            out.append(Static(plain(own), classes="resource muted"))
        return out

    def on_mount(self) -> None:
        self.query_one("#go-on", Button).focus()

    @on(Button.Pressed, "#go-on")
    def action_go_on(self) -> None:
        self.dismiss(None)
