"""An open answer: a multi-line TextArea (pastes keep every line) and who may see it."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import RadioSet, Static, TextArea

from trustcheck import messages
from trustcheck.core.models import Visibility
from trustcheck.tui.text import plain
from trustcheck.tui.widgets.editor_area import EditorArea
from trustcheck.tui.widgets.marks import MarkedRadioButton

# The choices in the order they are shown (and cycled through with ctrl+t).
_CHOICES: tuple[tuple[Visibility, str, str], ...] = (
    (Visibility.SHARED, "vis-shared", messages.VISIBILITY_SHARED),
    (Visibility.THERAPY, "vis-therapy", messages.VISIBILITY_THERAPY),
    (Visibility.PRIVATE, "vis-private", messages.VISIBILITY_PRIVATE),
)
_BY_ID = {button_id: visibility for visibility, button_id, _ in _CHOICES}
_ID = {visibility: button_id for visibility, button_id, _ in _CHOICES}


class TextAnswer(Widget):
    """Posts ``Submitted`` when asked to (the screen binds the key), and ``VisibilityChanged``
    when the person picks another visibility (so the screen can ask for a passphrase)."""

    DEFAULT_CSS = """
    TextAnswer {
        height: auto;
    }
    TextAnswer TextArea {
        height: 7;
        min-height: 4;
    }
    TextAnswer Horizontal {
        height: auto;
        width: auto;
        margin-top: 1;
    }
    TextAnswer #visibility-label {
        width: auto;
        padding: 0 1 0 0;
        color: $text-muted;
    }
    TextAnswer RadioSet {
        layout: horizontal;
        border: none;
        padding: 0;
        width: auto;
        height: auto;
        background: transparent;
    }
    TextAnswer RadioSet > RadioButton {
        width: auto;
        margin-right: 2;
        background: transparent;
    }
    TextAnswer #visibility-note {
        color: $text-muted;
    }
    """

    @dataclass
    class Submitted(Message):
        text: str
        visibility: Visibility

    @dataclass
    class VisibilityChanged(Message):
        visibility: Visibility
        previous: Visibility

    def __init__(
        self,
        text: str = "",
        visibility: Visibility = Visibility.SHARED,
        id: str | None = None,
        *,
        solo: bool = False,
    ) -> None:
        super().__init__(id=id)
        self._initial_text = text
        self.visibility = visibility
        #: One person on their own: the choices are explained without a partner.
        self.solo = solo

    def compose(self) -> ComposeResult:
        yield EditorArea(
            self._initial_text,
            id="answer-text",
            soft_wrap=True,
            show_line_numbers=False,
            placeholder=messages.TEXT_HINT,
        )
        with Horizontal():
            yield Static(messages.VISIBILITY_LABEL, id="visibility-label", markup=False)
            with RadioSet(id="visibility", compact=True):
                for visibility, button_id, label in _CHOICES:
                    yield MarkedRadioButton(
                        label, value=self.visibility is visibility, id=button_id
                    )
        yield Static(self._explained(), id="visibility-note")

    def _explained(self) -> Content:
        """One line that says what the chosen visibility does."""
        lines = messages.VISIBILITY_EXPLAIN_SOLO if self.solo else messages.VISIBILITY_EXPLAIN
        return plain(lines[self.visibility.value])

    def _explain(self) -> None:
        self.query_one("#visibility-note", Static).update(self._explained())

    def load(self, text: str, visibility: Visibility) -> None:
        """Show another answer in the same widget (cheaper than mounting a new one)."""
        self.query_one(TextArea).load_text(text)
        self.set_visibility(visibility, quiet=True)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def focus_text(self) -> None:
        self.query_one(TextArea).focus()

    def set_visibility(self, visibility: Visibility, *, quiet: bool = False) -> None:
        """Select ``visibility``; ``quiet`` when code (not the person) changes it."""
        previous = self.visibility
        if visibility is previous:
            return
        self.visibility = visibility  # at once, so a save right after uses it
        self.query_one(f"#{_ID[visibility]}", MarkedRadioButton).value = True
        self._explain()
        if not quiet:
            self.post_message(self.VisibilityChanged(visibility, previous))

    def toggle_visibility(self) -> None:
        """The next choice: Shared → For therapy → Private → Shared."""
        order = [visibility for visibility, _, _ in _CHOICES]
        self.set_visibility(order[(order.index(self.visibility) + 1) % len(order)])

    @on(RadioSet.Changed)
    def _visibility_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        if not event.pressed.value:
            # Overtaken by a later change (ctrl+t pressed twice in a row): that one counts.
            return
        chosen = _BY_ID.get(event.pressed.id or "", Visibility.SHARED)
        if chosen is not self.visibility:  # chosen by the person (click, arrows + space)
            previous, self.visibility = self.visibility, chosen
            self._explain()
            self.post_message(self.VisibilityChanged(chosen, previous))

    def submit(self) -> None:
        self.post_message(self.Submitted(self.text, self.visibility))
