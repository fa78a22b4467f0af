"""The help modal: the keys, and what trustcheck is and is not."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, Static

from trustcheck import messages


def _own_bindings(node: DOMNode) -> Iterator[Binding]:
    """The bindings trustcheck's own classes declare on ``node`` (subclass first); Textual's
    built-in ones (a text box's editing keys and the like) are not ours to explain."""
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("trustcheck."):
            continue
        yield from Binding.make_bindings(cls.__dict__.get("BINDINGS", ()))


def _action_name(action: str) -> str:
    """``app.help`` → ``help``; ``choose(3)`` → ``choose``."""
    return action.split("(", 1)[0].rsplit(".", 1)[-1]


def _enabled(node: DOMNode, binding: Binding) -> bool:
    """Whether the node offers the binding now (a hidden one, e.g. Skip on a written answer,
    still works differently there and is listed after those that work as they are)."""
    name = _action_name(binding.action)
    target = node.app if binding.action.startswith("app.") else node
    return target.check_action(name, ()) is not False


def help_rows(app: App[Any], screen: Screen[Any]) -> list[tuple[str, str]]:
    """Every key of ``screen`` as (key, what it does): the focused widget's first, then the
    screen's, then the app's. Read from the bindings, so help never lists a key that is not
    there nor misses one that is. Keys bound to the same action share a row."""
    chain: list[DOMNode] = []
    focused = screen.focused
    if isinstance(focused, Widget):
        chain += [n for n in focused.ancestors_with_self if n is not screen and n is not app]
    chain += [screen, app]
    found: list[tuple[DOMNode, Binding]] = [(n, b) for n in chain for b in _own_bindings(n)]
    # What works as it is comes first; a key bound twice is listed once, as it now acts.
    found.sort(key=lambda nb: not _enabled(*nb))
    rows: dict[tuple[int, str, str], list[str]] = {}
    shown_keys: set[str] = set()
    for node, binding in found:
        key = app.get_key_display(binding)
        if key in shown_keys:
            continue
        name = _action_name(binding.action)
        what = messages.HELP_ACTIONS.get(name) or binding.description or name.replace("_", " ")
        group = (id(node), name, what)
        if group in rows:
            if binding.show and not binding.key_display:
                rows[group].append(key)  # e.g. "? / f1"
            shown_keys.add(key)
            continue
        if not binding.show and any(g[1] == name for g in rows):
            continue  # e.g. 2–9 behind "1–9", f1 behind "?"
        rows[group] = [key]
        shown_keys.add(key)
    return [(" / ".join(keys), group[2]) for group, keys in rows.items()]




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
    HelpScreen .section {
        text-style: bold;
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
        Binding("s", "support", messages.SUPPORT_TITLE),
    ]

    def __init__(self, keys: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        #: The keys of the screen help was opened from (see :func:`help_rows`).
        self.keys = keys or []

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
        for key, what in self.keys:
            keys.add_row(Text(key), Text(what))
        with VerticalScroll(id="help-scroll") as scroll:
            scroll.border_title = messages.HELP_TITLE
            yield Static(self._what(), markup=False)
            if self.keys:
                yield Static(messages.HELP_KEYS_TITLE, markup=False, classes="section")
                yield Static(keys, id="keys")
            yield Static(messages.NOT_THERAPY, markup=False, classes="muted")
            yield Static(messages.HELP_ABOUT, markup=False, classes="muted")
            yield Static(messages.HELP_SUPPORT, markup=False, classes="muted")
            yield Button(messages.HELP_CLOSE, id="close")

    def _what(self) -> str:
        services = getattr(self.app, "services", None)
        solo = services is not None and len(services.profiles.people()) == 1
        return messages.HELP_WHAT_SOLO if solo else messages.HELP_WHAT

    def on_mount(self) -> None:
        # The text, not the button at its end, has the focus: help opens at its top (and the
        # arrow keys scroll it); tab reaches Close.
        scroll = self.query_one("#help-scroll", VerticalScroll)
        scroll.focus(scroll_visible=False)
        scroll.scroll_home(animate=False)

    def action_about(self) -> None:
        from trustcheck.tui.screens.about import AboutScreen

        services = getattr(self.app, "services", None)
        if services is not None:
            self.app.push_screen(AboutScreen(services))

    def action_support(self) -> None:
        """The support lines, whatever screen help was opened from: nothing to answer first."""
        from trustcheck.tui.screens.support import SupportLinesScreen

        services = getattr(self.app, "services", None)
        if services is not None:
            self.app.push_screen(SupportLinesScreen(services))

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
