"""The home-screen baseline: a plain Textual app with ten widgets and no data behind it.

It stands for "what any Textual app of this size costs to start": importing Textual, building the
DOM, applying the default CSS and painting one frame. No CSS of its own, no data, no tricks.
trustcheck's home is budgeted as a ratio of this app (DESIGN.md, "Speed budgets"), and both are
measured the same way: started as a script on a 120×40 pseudo-terminal and stopped once what they
show is painted (here: the Footer's keys and the last widget's label; see ``budgets.py``).

    python benchmarks/minimal_app.py
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.widgets import Button, Checkbox, Footer, Header, Label, Static

#: The text the benchmark waits for: the Footer's keys, and the label of the last widget.
FOOTER_KEYS = "n Next  q Quit"
LAST_LABEL = "Journal"


class MinimalApp(App[None]):
    """Ten widgets: Header, two Labels, three Statics, a Checkbox, two Buttons, Footer.

    No text field: a focused Input hides the footer's letter keys and blinks its cursor.
    """

    TITLE = "minimal"
    BINDINGS: ClassVar = [("n", "focus_next", "Next"), ("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        """Ten plain widgets, one after the other."""
        yield Header()
        yield Label("This week's check-in is due.")
        yield Label("Last check-in: 7 days ago")
        yield Static("Speak for yourself, listen to understand, it is fine to pause.")
        yield Static("Trust index: 5.6  (+0.3 since last week)")
        yield Static("A note for this week: none yet.")
        yield Checkbox("Remind me next week")
        yield Button("Start check-in", variant="primary")
        yield Button(LAST_LABEL)
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
