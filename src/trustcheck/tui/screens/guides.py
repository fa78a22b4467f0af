"""Conversation guides (CONTENT.md): speaker/listener turns, and a calm walk-through after a fight,
as short guided screens, one step at a time. Reachable from the reveal (g) and from home."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from trustcheck import messages
from trustcheck.content import conversation
from trustcheck.tui.text import plain, say

_CSS = """
{name} {{
    align: center middle;
}}
{name} > Vertical {{
    width: 76;
    max-width: 95%;
    height: auto;
    max-height: 95%;
    padding: 1 3;
    border: round $primary;
    background: $surface;
}}
{name} .title {{
    text-style: bold;
    color: $accent;
}}
{name} .muted {{
    color: $text-muted;
    margin-top: 1;
}}
{name} .heading {{
    text-style: bold;
    margin-top: 1;
}}
{name} Horizontal {{
    height: auto;
    margin-top: 1;
}}
{name} Button {{
    margin-right: 2;
}}
"""


def guide_ids() -> list[str]:
    return [guide.id for guide in conversation().guides]


class GuidesScreen(ModalScreen[None]):
    """Pick a guide; the chosen one opens over this list and comes back to it."""

    DEFAULT_CSS = (
        _CSS.format(name="GuidesScreen")
        + """
    GuidesScreen .guide {
        width: 100%;
        margin-top: 1;
    }
    GuidesScreen .summary {
        color: $text-muted;
        padding-left: 2;
    }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("up", "app.focus_previous", show=False),
        Binding("down", "app.focus_next", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(messages.GUIDES_TITLE, classes="title", markup=False)
            yield Static(messages.GUIDES_PICK, classes="muted", markup=False)
            for guide in conversation().guides:
                yield Button(guide.title, id=f"guide-{guide.id}", classes="guide")
                yield Static(guide.summary, classes="summary", markup=False)

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _open(self, event: Button.Pressed) -> None:
        guide_id = (event.button.id or "").removeprefix("guide-")
        if guide_id in guide_ids():
            self.app.push_screen(GuideScreen(guide_id))

    def action_close(self) -> None:
        self.dismiss(None)


class GuideScreen(ModalScreen[None]):
    """One guide, one step at a time: enter or → goes on, ← goes back, escape closes."""

    DEFAULT_CSS = _CSS.format(name="GuideScreen")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,right", "next", messages.GUIDE_NEXT, key_display="→"),
        Binding("left", "back", messages.GUIDE_BACK, key_display="←"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, guide_id: str) -> None:
        super().__init__()
        guide = conversation().guide(guide_id)
        self.title_text = guide.title
        self.source = guide.source
        self.steps = guide.steps
        self.step = 0

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(self.title_text), classes="title")
            yield Static(id="counter", classes="muted")
            yield Static(id="heading", classes="heading")
            yield Static(id="body")
            with Horizontal():
                yield Button(messages.GUIDE_BACK, id="back")
                yield Button(messages.GUIDE_NEXT, id="next", variant="primary")
            yield Static(messages.GUIDE_KEYS, classes="muted", markup=False)
            if self.source:
                yield Static(plain(self.source), id="source", classes="muted")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        heading, body = self.steps[self.step]
        total = len(self.steps)
        self.query_one("#counter", Static).update(
            say(messages.GUIDE_STEP, n=str(self.step + 1), total=str(total))
        )
        self.query_one("#heading", Static).update(plain(heading))
        self.query_one("#body", Static).update(plain(body))
        last = self.step + 1 >= total
        self.query_one("#next", Button).label = messages.GUIDE_DONE if last else messages.GUIDE_NEXT
        self.query_one("#back", Button).disabled = self.step == 0
        self.query_one("#next", Button).focus()

    @on(Button.Pressed, "#next")
    def action_next(self) -> None:
        if self.step + 1 >= len(self.steps):
            self.dismiss(None)
            return
        self.step += 1
        self._show()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        if self.step > 0:
            self.step -= 1
            self._show()

    def action_close(self) -> None:
        self.dismiss(None)
