"""A masked passphrase field that will not hand its text to the clipboard."""

from __future__ import annotations

from typing import ClassVar

from trustcheck.tui.widgets.fields import LineInput


class PassphraseInput(LineInput):
    """``Input(password=True)`` with copy and cut disabled and no mouse selection.

    Input binds ctrl+c/super+c to copy and ctrl+x to cut; both are turned into no-ops here, so
    a passphrase never reaches the system clipboard (or an OSC 52 sequence in scrollback).
    """

    ALLOW_SELECT: ClassVar[bool] = False
    #: A pasted passphrase is kept exactly (as ``--passphrase-stdin`` reads it); several lines
    #: are refused with a message rather than cut to the first.
    JOIN = None

    def __init__(
        self, *, placeholder: str = "", id: str | None = None, max_length: int = 1024
    ) -> None:
        super().__init__(
            placeholder=placeholder,
            password=True,
            id=id,
            max_length=max_length,
            select_on_focus=False,
        )

    def action_copy(self) -> None:
        """Copying a passphrase is not offered."""

    def action_cut(self) -> None:
        """Cutting a passphrase is not offered (it would copy it)."""

    def forget(self) -> None:
        """Empty the field, so the widget holds the passphrase no longer than needed."""
        self.value = ""
