"""The first-frame baseline: a minimal Textual app with ten widgets and no data behind it.

It stands for "what any Textual app of this size costs to start": importing Textual, building the
DOM, applying the default CSS and painting one 120×40 frame. trustcheck's first frame is budgeted as
a ratio of this one (DESIGN.md, "Speed budgets").
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, Static


class MinimalApp(App[None]):
    """Ten widgets: Header, Footer, two Labels, two Buttons, an Input, two Statics, a Checkbox."""

    TITLE = "minimal"
    CSS = """
    #body { padding: 1 2; }
    #buttons { height: auto; }
    Static { margin: 1 0; }
    """
    BINDINGS: ClassVar = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        """Header, a body of eight widgets, Footer."""
        yield Header()
        with Vertical(id="body"):
            yield Label("This week's check-in is due.")
            yield Label("Last check-in: 7 days ago")
            yield Static("Speak for yourself, listen to understand, it is fine to pause.")
            yield Static("Trust index: 5.6  (+0.3 since last week)")
            yield Input(placeholder="A note for this week")
            yield Checkbox("Remind me next week")
            with Horizontal(id="buttons"):
                yield Button("Start check-in", variant="primary")
                yield Button("Journal")
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
