"""An open answer: a multi-line TextArea (pastes keep every line) and who may see it."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import RadioButton, RadioSet, Static, TextArea

from trustcheck import messages
from trustcheck.core.models import Visibility


class TextAnswer(Widget):
    """Posts ``TextAnswer.Submitted`` when asked to (the screen binds the key)."""

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
    """

    @dataclass
    class Submitted(Message):
        text: str
        visibility: Visibility

    def __init__(
        self, text: str = "", visibility: Visibility = Visibility.SHARED, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._initial_text = text
        self.visibility = visibility

    def compose(self) -> ComposeResult:
        yield TextArea(
            self._initial_text, id="answer-text", soft_wrap=True, show_line_numbers=False
        )
        with Horizontal():
            yield Static(messages.VISIBILITY_LABEL, id="visibility-label", markup=False)
            with RadioSet(id="visibility", compact=True):
                yield RadioButton(
                    messages.VISIBILITY_SHARED,
                    value=self.visibility is not Visibility.THERAPY,
                    id="vis-shared",
                )
                yield RadioButton(
                    messages.VISIBILITY_THERAPY,
                    value=self.visibility is Visibility.THERAPY,
                    id="vis-therapy",
                )

    def load(self, text: str, visibility: Visibility) -> None:
        """Show another answer in the same widget (cheaper than mounting a new one)."""
        self.query_one(TextArea).load_text(text)
        if visibility is not self.visibility:
            self.toggle_visibility()

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def focus_text(self) -> None:
        self.query_one(TextArea).focus()

    def toggle_visibility(self) -> None:
        therapy = self.visibility is not Visibility.THERAPY
        button_id = "#vis-therapy" if therapy else "#vis-shared"
        self.query_one(button_id, RadioButton).value = True

    @on(RadioSet.Changed)
    def _visibility_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        pressed = event.pressed.id
        self.visibility = Visibility.THERAPY if pressed == "vis-therapy" else Visibility.SHARED

    def submit(self) -> None:
        self.post_message(self.Submitted(self.text, self.visibility))
