"""Support lines (issue 15): who can help, for the country chosen in setup or settings.

Reachable from help and about under a neutral label, without answering anything, shown on
the calm screen a "yes" to the private safety check opens, and offered quietly after a module
answer that asks for them (a pack item's ``support``: :class:`SupportOfferScreen`). Every line
comes with its source page and the date it was last checked (``data/resources.toml``, read
through ``services.safety.resources``). Nothing here is stored.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, Static

from trustcheck import messages
from trustcheck.core.clock import day_label
from trustcheck.core.packs import PackError
from trustcheck.services import Services
from trustcheck.tui.text import plain, say
from trustcheck.tui.widgets.footer import Footer


def emergency_number(services: Services) -> str:
    """The emergency number for the chosen country (words for "your local one" if unknown)."""
    try:
        resources = services.safety.resources()
    except PackError:
        return messages.SAFETY_NO_LOCALE
    return resources.locale(services.packs.locale()).emergency


def support_lines(services: Services) -> list[Widget]:
    """The support lines of the chosen country (then the international ones), each with its
    source and last check; or one line saying the list could not be read, and why."""
    try:
        resources = services.safety.resources()
    except PackError as exc:
        return [Static(say(messages.SAFETY_RESOURCES_BROKEN, reason=str(exc)))]
    locale = resources.locale(services.packs.locale())
    widgets: list[Widget] = [
        Static(say(messages.SAFETY_RESOURCES_TITLE, place=locale.name), classes="section")
    ]
    for res in resources.for_locale(locale.id):
        lines = [res.name]
        lines += [part for part in (res.phone, res.website, res.note) if part]
        checked = messages.SAFETY_RESOURCE_CHECKED.format(
            source=res.source, date=day_label(res.last_checked)
        )
        widgets.append(Static(plain("\n".join(lines)), classes="resource"))
        widgets.append(Static(plain(checked), classes="resource muted"))
    if own := services.safety.user_file_notice(resources):
        widgets.append(Static(plain(own), classes="resource muted"))
    return widgets


def country_name(services: Services) -> str:
    try:
        return services.safety.resources().locale(services.packs.locale()).name
    except PackError:
        return messages.SAFETY_NO_LOCALE


class SupportLinesScreen(ModalScreen[None]):
    """The support lines on their own: opened from help or about, asks nothing."""

    DEFAULT_CSS = """
    SupportLinesScreen {
        align: center middle;
    }
    SupportLinesScreen > VerticalScroll {
        width: 84;
        max-width: 95%;
        height: auto;
        max-height: 95%;
        padding: 0 2;
        border: round $primary;
        border-title-align: center;
        background: $surface;
    }
    SupportLinesScreen Static {
        margin-top: 1;
    }
    SupportLinesScreen .section {
        text-style: bold;
    }
    SupportLinesScreen .resource {
        padding-left: 2;
    }
    SupportLinesScreen .resource.muted {
        margin-top: 0;
    }
    SupportLinesScreen .muted {
        color: $text-muted;
    }
    SupportLinesScreen Button {
        margin: 1 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,s", "close", "Close"),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="support") as scroll:
            scroll.border_title = messages.SUPPORT_TITLE
            yield Static(messages.SUPPORT_INTRO, markup=False)
            yield Static(
                say(messages.SUPPORT_EMERGENCY, emergency=emergency_number(self.services)),
                classes="section",
            )
            yield from support_lines(self.services)
            yield Static(
                say(messages.SUPPORT_WHERE, place=country_name(self.services)), classes="muted"
            )
            yield Button(messages.SUPPORT_CLOSE, id="close")

    def on_mount(self) -> None:
        scroll = self.query_one("#support", VerticalScroll)
        scroll.focus(scroll_visible=False)
        scroll.scroll_home(animate=False)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)


class SupportOfferScreen(Screen[None]):
    """The support lines, offered to the person answering, in their own turn, to no one else:
    nothing is stored, and nothing here reaches the reveal, the partner or an export."""

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
            emergency = emergency_number(self.services)
            yield Static(say(messages.SUPPORT_OFFER_EMERGENCY, emergency=emergency))
            # Before the long list, so the first screenful holds the way on.
            with Center():
                yield Button(messages.SUPPORT_OFFER_CONTINUE, id="go-on", variant="primary")
            yield from support_lines(self.services)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#go-on", Button).focus()

    @on(Button.Pressed, "#go-on")
    def action_go_on(self) -> None:
        self.dismiss(None)
