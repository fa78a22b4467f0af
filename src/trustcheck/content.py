"""The words of the check-in's conversation, read from ``data/guides.toml``: ground rules, the
speaker-listener turns, the prompt for the largest gap, and the conversation guides.

They are content rather than UI wording (that stays in :mod:`trustcheck.messages`), so they live
in ``data/`` beside the packs. The file is read once, on first use, and kept.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from trustcheck import paths


@dataclass(frozen=True, slots=True)
class Guide:
    """One conversation guide: a title, one line about it, and its steps (heading, what to do)."""

    id: str
    title: str
    summary: str
    steps: tuple[tuple[str, str], ...]
    #: What the guide adapts, cited without taking on its brand ("" when it is our own).
    source: str = ""


@dataclass(frozen=True, slots=True)
class Conversation:
    ground_rules: tuple[str, ...]
    #: One person on their own: nobody to listen to, nothing to hand over.
    ground_rules_solo: tuple[str, ...]
    speaker_listener: str
    #: The question for the area with the largest gap between partners, by area id.
    gap_prompts: Mapping[str, str]
    #: When partners see the week in much the same way.
    no_gap: str
    #: The reflection prompt when one person checks in alone (there is no gap between partners).
    solo_prompt: str
    guides: tuple[Guide, ...]

    def guide(self, guide_id: str) -> Guide:
        """The guide called ``guide_id``; KeyError if there is none."""
        for guide in self.guides:
            if guide.id == guide_id:
                return guide
        raise KeyError(guide_id)


def guides_file() -> Path:
    """The shipped conversation content (``data/guides.toml``)."""
    return paths.builtin_data_dir() / "guides.toml"


@functools.cache
def conversation() -> Conversation:
    """The conversation content, read from :func:`guides_file` on the first call."""
    import tomllib  # only when a conversation word is first shown

    return parse(tomllib.loads(guides_file().read_text(encoding="utf-8")))


def parse(data: Mapping[str, Any]) -> Conversation:
    """The content of a parsed ``guides.toml``."""
    return Conversation(
        ground_rules=tuple(data["ground_rules"]),
        ground_rules_solo=tuple(data["ground_rules_solo"]),
        speaker_listener=data["speaker_listener"],
        gap_prompts=MappingProxyType(dict(data["gap_prompts"])),
        no_gap=data["no_gap"],
        solo_prompt=data["solo_prompt"],
        guides=tuple(
            Guide(
                id=g["id"],
                title=g["title"],
                summary=g["summary"],
                steps=tuple((s["heading"], s["text"]) for s in g["steps"]),
                source=g.get("source", ""),
            )
            for g in data["guides"]
        ),
    )


__all__ = ["Conversation", "Guide", "conversation", "guides_file", "parse"]
