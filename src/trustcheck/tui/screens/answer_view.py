"""What the answering step says around a question: where the person is, the notes before it,
and what became of the answer already given. Plain functions of the turn's items."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from trustcheck import messages
from trustcheck.core.models import Answer, Item, ItemKind
from trustcheck.services.checkin import TurnItem
from trustcheck.tui.screens.answer_drafts import sealed_answer
from trustcheck.tui.text import say


def progress_line(turn_items: Sequence[TurnItem], index: int) -> Content:
    """``Question 3 of 26 · Communication`` (with the module's name for a module's item)."""
    item, pack = turn_items[index].item, turn_items[index].pack
    area = pack.item_area_title(item)
    n, total = str(index + 1), str(len(turn_items))
    if pack.module:
        return say(messages.PROGRESS_MODULE, n=n, total=total, module=pack.title, area=area)
    return say(messages.PROGRESS, n=n, total=total, area=area)


def item_notes(turn_items: Sequence[TurnItem], index: int) -> list[str]:
    """A module's introduction at its first item, and the note on a private item."""
    item, pack = turn_items[index].item, turn_items[index].pack
    notes = []
    if pack.module and (index == 0 or turn_items[index - 1].pack.id != pack.id):
        notes.append(messages.MODULE_INTRO.format(module=pack.title, description=pack.description))
    if item.private:
        notes.append(messages.PRIVATE_ITEM_NOTE)
    return notes


def stored_note(item: Item, stored: Answer | None) -> str:
    """What became of a rated or chosen answer already given (empty: none yet)."""
    if stored is None:
        return ""
    if sealed_answer(stored):
        return messages.PRIVATE_VALUE_STORED
    if stored.not_this_week:
        return messages.NOT_THIS_WEEK_SAVED
    if stored.skipped:
        return messages.ANSWER_SKIPPED
    shown: object = stored.value
    if item.kind is ItemKind.CHOICE and stored.value is not None:
        shown = item.choices[stored.value]
    return messages.ANSWER_SAVED.format(value=shown)
