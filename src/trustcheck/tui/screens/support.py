"""Support lines (issue 15): who can help, for the country chosen in setup or settings.

Reachable from help and about under a neutral label, without answering anything, and shown on
the calm screen a "yes" to the private safety check opens. Every line comes with its source
page and the date it was last checked (``data/resources.toml``, read through
``services.safety.resources``). Nothing here is stored.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Static

from trustcheck import messages
from trustcheck.core.clock import day_label
from trustcheck.core.packs import PackError
from trustcheck.services import Services
from trustcheck.tui.text import plain, say


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
