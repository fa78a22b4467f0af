"""Toggles whose state shows without colour (NO_COLOR, a monochrome terminal, colour blindness).

Textual draws a radio button's dot and a checkbox's cross in every state and tells them apart by
colour alone. These draw a different mark for on and off: ``●``/``○`` and ``X``/blank.
"""

from __future__ import annotations

from typing import ClassVar

from textual.widgets import Checkbox, RadioButton

RADIO_ON, RADIO_OFF = "●", "○"
CHECK_ON, CHECK_OFF = "X", " "


class MarkedRadioButton(RadioButton):
    """A radio button that shows ``●`` when chosen and ``○`` when not."""

    ON: ClassVar[str] = RADIO_ON
    OFF: ClassVar[str] = RADIO_OFF

    def _mark(self) -> None:
        self.BUTTON_INNER = self.ON if self.value else self.OFF

    def on_mount(self) -> None:
        self._mark()

    def watch_value(self) -> None:
        self._mark()
        super().watch_value()


class MarkedCheckbox(Checkbox):
    """A checkbox that shows ``X`` when ticked and nothing when not."""

    ON: ClassVar[str] = CHECK_ON
    OFF: ClassVar[str] = CHECK_OFF

    def _mark(self) -> None:
        self.BUTTON_INNER = self.ON if self.value else self.OFF

    def on_mount(self) -> None:
        self._mark()

    def watch_value(self) -> None:
        self._mark()
        super().watch_value()
