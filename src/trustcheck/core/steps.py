"""The steps of a weekly check-in: on their own, so that ``trustcheck status`` (at every shell
prompt) can name a check-in's step without loading the domain model's dataclasses."""

from __future__ import annotations

from enum import StrEnum


class Step(StrEnum):
    """The steps of a weekly check-in, in order."""

    OPEN = "open"
    ANSWER_A = "answer_a"
    HANDOVER = "handover"
    ANSWER_B = "answer_b"
    REVEAL = "reveal"
    COMMITMENTS = "commitments"
    CLOSE = "close"
