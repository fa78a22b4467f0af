"""Version 2 of the weekly pack: items that measure what they say (issue 14, section 2).

Balanced keying, the double-barrelled items split, new items for new questions, "my part" out of
the trust index, our own scale labels, and version 1 kept as shipped data for its answers.
"""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from trustcheck.cli.commands import app
from trustcheck.core.models import AREAS, Answer, ItemKind, Pack
from trustcheck.core.packs import read_builtin_version
from trustcheck.core.scoring import week_scores
from trustcheck.paths import builtin_packs_dir
from trustcheck.services.packs import load_builtin_packs, weekly_pack

WEEK = dt.date(2026, 11, 16)


def v1() -> Pack:
    pack = read_builtin_version(builtin_packs_dir(), "weekly", 1)
    assert pack is not None
    return pack


def straight_lined(pack: Pack, value: int) -> list[Answer]:
    """Every scale item of ``pack`` ticked at the same ``value``."""
    return [
        Answer(1, pack.id, pack.version, item.id, value=value)
        for item in pack.items
        if item.kind is ItemKind.SCALE
    ]


@pytest.mark.parametrize("value", range(1, 8))
def test_ticking_the_same_number_everywhere_gives_50_in_every_area(value: int) -> None:
    """Balanced keying, by the real scorer: straight-lining cannot push an area either way."""
    pack = weekly_pack()
    scores = week_scores(pack, 1, WEEK, straight_lined(pack, value))
    assert scores.areas == dict.fromkeys(AREAS, 50.0)
    assert scores.trust_index == 50.0


def test_version_1_straight_lined_pushed_security_one_way_and_the_rest_the_other() -> None:
    """Why version 2 exists: the same answers everywhere gave v1's security a different score."""
    scores = week_scores(v1(), 1, WEEK, straight_lined(v1(), 7))
    assert scores.areas["security"] < 50.0 < scores.areas["communication"]


def test_the_double_barrelled_items_are_split_into_one_question_each() -> None:
    by_id = {i.id: i for i in weekly_pack().items}
    # comm.escalate ("a fight or a silence") and sec.jealous ("jealous, or compared") are gone
    for old in ("comm.escalate", "sec.jealous"):
        assert old not in by_id
    assert "fight" in by_id["comm.fight"].text and " or " not in by_id["comm.fight"].text
    assert "quiet" in by_id["comm.quiet"].text
    assert by_id["sec.jealousy"].text == "I felt jealous."
    assert "compared" in by_id["sec.compared"].text and "jealous" not in by_id["sec.compared"].text


def test_the_new_questions_exist_in_their_areas() -> None:
    by_id = {i.id: i for i in weekly_pack().items}
    expected = {
        "comm.pursue": "communication",  # demand/withdraw: one pushes, the other pulls away
        "comm.eggshells": "communication",  # walking on eggshells, not careful wording
        "opn.wellbeing": "openness",  # benevolence
        "rel.doubt": "reliability",  # dependability, further from the published wording
    }
    for item_id, area in expected.items():
        assert by_id[item_id].area == area and by_id[item_id].kind is ItemKind.SCALE
    assert "pushed" in by_id["comm.pursue"].text and "pulled away" in by_id["comm.pursue"].text
    assert "eggshells" in by_id["comm.eggshells"].text
    assert "choosing every word" not in by_id["comm.eggshells"].text
    assert "wellbeing" in by_id["opn.wellbeing"].text
    assert "count on" not in by_id["rel.doubt"].text.lower()
    assert "comm.ease" not in by_id and "rel.count" not in by_id


def test_my_own_openness_is_an_unscored_prompt_not_part_of_the_trust_index() -> None:
    pack = weekly_pack()
    by_id = {i.id: i for i in pack.items}
    assert "opn.me" not in by_id
    own_part = by_id["open.own_part"]
    assert own_part.area == "open" and own_part.kind is ItemKind.TEXT
    assert "open and honest" in own_part.text
    assert all("I was open" not in i.text for i in pack.items_in("openness"))


def test_no_id_is_reused_with_another_meaning() -> None:
    """An id both versions have asks the same question, keyed the same way; a new question has
    an id version 1 never had."""
    old = {i.id: i for i in v1().items}
    for item in weekly_pack().items:
        before = old.get(item.id)
        if before is not None:
            same = (before.area, before.kind, before.text, before.reverse)
            assert same == (item.area, item.kind, item.text, item.reverse), item.id


def test_version_1_ships_as_data_and_is_never_an_active_pack() -> None:
    assert {i.id for i in v1().items} >= {"comm.escalate", "sec.jealous", "opn.me", "comm.ease"}
    assert v1().version == 1
    assert load_builtin_packs()["weekly"].version == 2
    assert read_builtin_version(builtin_packs_dir(), "weekly", 7) is None


def test_the_shipped_weekly_pack_validates() -> None:
    result = CliRunner().invoke(
        app, ["packs", "validate", str(builtin_packs_dir() / "weekly.toml")]
    )
    assert result.exit_code == 0, result.stdout
    assert "looks good — pack 'weekly' version 2, 29 items" in result.stdout
