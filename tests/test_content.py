"""The conversation's words (ground rules, gap prompts, the guides) are content in
``data/guides.toml``: found where the app looks for shipped data, shipped in the wheel, and the
same words the app always said."""

from __future__ import annotations

import tomllib
from pathlib import Path

from trustcheck import paths
from trustcheck.content import conversation, guides_file
from trustcheck.core.models import AREAS

ROOT = Path(__file__).resolve().parent.parent


def test_the_conversation_words_are_read_from_the_shipped_data_folder() -> None:
    assert guides_file() == paths.builtin_data_dir() / "guides.toml"
    assert guides_file().is_file()
    words = conversation()
    assert words.ground_rules[0] == "Speak for yourself: “I felt…”, not “you always…”."
    assert words.ground_rules_solo[1] == "Be as kind to yourself as you would be to a friend."
    assert len(words.ground_rules) == len(words.ground_rules_solo) == 4
    assert words.speaker_listener == (
        "Take turns. The speaker says “I feel … about … and I need …”. "
        "The listener sums up what they heard before replying. Then swap."
    )
    assert words.no_gap == "You see this week in much the same way. What made that possible?"
    assert set(words.gap_prompts) == set(AREAS)
    assert words.gap_prompts["security"] == (
        "What moments this week left one of you unsure where you stand? What would help?"
    )


def test_every_guide_has_a_title_a_summary_and_steps_in_plain_words() -> None:
    guides = conversation().guides
    assert [g.id for g in guides] == ["speaker-listener", "after-a-fight"]
    fight = conversation().guide("after-a-fight")
    assert fight.title == "After a fight: a calm walk-through"
    assert [h for h, _ in fight.steps][2] == "Each person's view"
    assert len(fight.steps) == 7
    for guide in guides:
        assert guide.summary and guide.steps and guide.source
        assert guide.source.strip() == guide.source and "  " not in guide.source
        for heading, text in guide.steps:
            # Wrapped lines in the TOML file join without a line break or a double space.
            assert heading.strip() == heading and text.strip() == text
            assert "\n" not in text and "  " not in text


def test_the_file_is_read_once_and_kept() -> None:
    assert conversation() is conversation()


def test_a_wheel_ships_the_guides_beside_the_packs() -> None:
    """The wheel force-includes ``data/`` as ``trustcheck/_data``, where an installed
    ``paths.builtin_data_dir()`` looks first; the guides file is part of that folder."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    force = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force["data"] == "trustcheck/_data"
    assert (ROOT / "data" / "guides.toml").is_file()


def test_guides_cite_what_they_adapt_without_branding() -> None:
    """Issue 15 §3: the Gottman Institute's five steps for a regrettable incident, the gentle
    start-up and PREP's speaker–listener technique are cited; no guide is named after them."""
    talk, fight = conversation().guide("speaker-listener"), conversation().guide("after-a-fight")
    assert "speaker–listener technique of PREP" in talk.source
    assert "gentle start-up" in talk.source
    assert "five steps" in fight.source and "Gottman Institute" in fight.source
    for guide in conversation().guides:
        assert "Gottman" not in guide.title and "PREP" not in guide.title


def test_before_my_own_part_the_fight_guide_says_to_skip_it_after_fear_or_force() -> None:
    headings = [h for h, _ in conversation().guide("after-a-fight").steps]
    at = headings.index("My own part")
    heading, text = conversation().guide("after-a-fight").steps[at - 1]
    assert heading == "If there was fear or force"
    assert "skip the rest of this walk-through" in text and "support lines" in text
