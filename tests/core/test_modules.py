"""Module packs (issue 6): the shipped modules, the format's new parts ([[areas]], [roles],
private), every refusal with its line, pack versions, and the safety resources file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from trustcheck.core.models import KNOWN_AREAS, ItemKind
from trustcheck.core.packs import (
    PackError,
    load_user_packs,
    pack_from_snapshot,
    pack_snapshot,
    validate_pack_text,
    wording_changes,
    wording_diff,
)
from trustcheck.core.resources import FALLBACK_LOCALE, load_resources, validate_resources_text
from trustcheck.paths import builtin_resources_file
from trustcheck.services.packs import load_builtin_packs

MODULES = ("betrayal", "old_wounds", "jealousy", "crossroads")

HEAD = 'id = "m"\nversion = 1\ntitle = "M"\nmodule = true\n'  # lines 1–4


def problems(text: str) -> list[tuple[int, str]]:
    pack, found = validate_pack_text(text, "m.toml")
    assert pack is None
    return [(p.line, p.reason) for p in found]


def ok(text: str):  # type: ignore[no-untyped-def]
    pack, found = validate_pack_text(text, "m.toml")
    assert found == [] and pack is not None
    return pack


# --- the shipped modules -----------------------------------------------------------------------


@pytest.mark.parametrize("pack_id", MODULES)
def test_each_module_loads_as_a_module_with_sources_and_its_own_areas(pack_id: str) -> None:
    pack = load_builtin_packs()[pack_id]
    assert pack.module and pack.version >= 1 and pack.sources
    assert pack.areas
    own = {a.id for a in pack.areas}
    for item in pack.items:
        assert item.area in own or item.area in KNOWN_AREAS
        assert len(item.text) <= 90
        if item.kind is ItemKind.SCALE:
            assert item.area in own  # module scores are the module's own areas
    for area in own:
        assert len([i for i in pack.items if i.area == area]) >= 1
    # Cited as constructs, never as copied questionnaires.
    assert all("constructs from" in s for s in pack.sources)


def test_betrayal_has_role_wording_for_both_partners_in_each_phase() -> None:
    pack = load_builtin_packs()["betrayal"]
    assert dict(pack.roles).keys() == {"hurt", "hurting"}
    assert pack.phases == ("betrayal.amends", "betrayal.understanding", "betrayal.recommit")
    for area in pack.phases:
        for role in ("hurt", "hurting"):
            scored = [i for i in pack.for_role(role) if i.area == area and not i.private]
            assert 1 <= len(scored) <= 7, (area, role)
            assert all(i.who in ("everyone", role) for i in scored)
    # Without a role set, a person sees only the shared items.
    assert all(i.who == "everyone" for i in pack.for_role(None))


def test_betrayal_never_scores_what_the_betrayed_partner_goes_through() -> None:
    """Issue 15 §3: still checking up and the hurt taking over the week are private healing
    items, never amends or understanding; own choice and forgiveness are private too."""
    pack = load_builtin_packs()["betrayal"]
    for item_id in (
        "betrayal.checking.hurt",
        "betrayal.takeover.hurt",
        "betrayal.choice",
        "betrayal.forgive.hurt",
    ):
        item = pack.item(item_id)
        assert item.private, item_id
        assert item.area not in ("betrayal.amends", "betrayal.understanding"), item_id
    assert {i.area for i in pack.items if i.area == "betrayal.healing"} == {"betrayal.healing"}
    assert all(i.private for i in pack.items if i.area == "betrayal.healing")
    ask = pack.item("betrayal.ask.hurt")
    assert ask.visibility.value == "private" and not ask.private  # private unless shared


def test_betrayal_phase_one_covers_what_affair_recovery_puts_first() -> None:
    pack = load_builtin_packs()["betrayal"]
    first = " ".join(i.text.lower() for i in pack.items if i.area == "betrayal.amends")
    for topic in ("contact", "boundaries", "time-out", "reminded", "responsibility"):
        assert topic in first, topic


def test_phases_ask_one_phase_at_a_time_and_ready_not_in_the_last() -> None:
    pack = load_builtin_packs()["betrayal"]
    role_items = pack.for_role("hurt")
    for phase, area in enumerate(pack.phases):
        asked = pack.in_phase(role_items, phase)
        areas = {i.area for i in asked}
        assert area in areas and not (areas & (set(pack.phases) - {area}))
        assert "betrayal.checking.hurt" in {i.id for i in asked}  # healing in every phase
        assert (pack.ready in {i.id for i in asked}) is (phase < len(pack.phases) - 1)


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ('phases = ["m.a"]\nready = "m.ready"\n', "phases must list two or more"),
        ('phases = ["m.a", "m.x"]\nready = "m.ready"\n', "phases: 'm.x' is not one of"),
        ('phases = ["m.a", "m.b"]\nready = "m.one"\n', "ready must name a shared choice item"),
        ('phases = ["m.a", "m.b"]\n', "ready must name a shared choice item"),
    ],
)
def test_phases_and_ready_are_checked(extra: str, reason: str) -> None:
    text = (
        HEAD + extra + '[[areas]]\nid = "m.a"\ntitle = "A"\n[[areas]]\nid = "m.b"\ntitle = "B"\n'
        '[scale]\nlow = "a"\nmid = "b"\nhigh = "c"\n'
        '[[items]]\nid = "m.one"\narea = "m.a"\nkind = "scale"\ntext = "One"\n'
        '[[items]]\nid = "m.two"\narea = "m.b"\nkind = "scale"\ntext = "Two"\n'
        '[[items]]\nid = "m.ready"\narea = "open"\nkind = "choice"\ntext = "Ready?"\n'
        'choices = ["Yes", "No"]\n'
    )
    assert any(r.startswith(reason) for _, r in problems(text)), problems(text)


def test_old_wounds_is_gentle_and_points_to_a_therapist() -> None:
    pack = load_builtin_packs()["old_wounds"]
    assert all(i.optional for i in pack.items)
    assert "therapist" in pack.description


def test_old_wounds_is_never_compared_side_by_side_and_offers_grounding_and_support() -> None:
    """Issue 15 §3: every rating is private to its author (never scored for both), it starts
    with a grounding step, and "more than I can hold" quietly offers the support lines."""
    pack = load_builtin_packs()["old_wounds"]
    assert all(i.private for i in pack.items if i.kind is ItemKind.SCALE)
    assert pack.items[0].id == "wounds.grounding" and "feet on the floor" in pack.items[0].text
    after = pack.item("wounds.after")
    assert after.private and after.offers_support(2) and not after.offers_support(1)
    assert pack.item("wounds.moment").visibility.value == "private"


def test_jealousy_rewards_naming_the_feeling_not_seeking_reassurance() -> None:
    """Issue 15 §3 (Joiner et al. 1999): naming the feeling without asking for proof scores up;
    asking again and again for reassurance or checking up scores down; nothing rewards it."""
    pack = load_builtin_packs()["jealousy"]
    scored = {i.id: i for i in pack.items if i.kind is ItemKind.SCALE}
    assert "jealousy.ask" not in scored
    name, proof = scored["jealousy.name"], scored["jealousy.proof"]
    assert not name.reverse and "without asking my partner to prove" in name.text
    assert proof.reverse and "reassurance" in proof.text
    for item in scored.values():
        if "reassurance" in item.text:
            assert item.reverse, item.id
    assert any("Joiner" in source for source in pack.sources)


def test_a_high_stay_out_of_fear_quietly_offers_the_support_lines() -> None:
    fear = load_builtin_packs()["crossroads"].item("crossroads.fear")
    assert fear.private and fear.reverse
    assert fear.offers_support(6) and fear.offers_support(7)
    assert not fear.offers_support(5) and not fear.offers_support(None)


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        ('kind = "scale"\nsupport = 8\n', "support must be the answer"),
        ('kind = "scale"\nsupport = true\n', "support must be the answer"),
        ('kind = "text"\nsupport = 1\n', "support is only for scale and choice items"),
        ('kind = "choice"\nchoices = ["a", "b"]\nsupport = 2\n', "support must be the answer"),
    ],
)
def test_support_is_checked(item: str, reason: str) -> None:
    text = (
        HEAD + '[[areas]]\nid = "m.a"\ntitle = "A"\n[scale]\nlow = "a"\nmid = "b"\nhigh = "c"\n'
        '[[items]]\nid = "m.one"\narea = "m.a"\ntext = "One"\n' + item
    )
    assert any(r.startswith(f"item 'm.one': {reason}") for _, r in problems(text)), problems(text)


def test_jealousy_asks_about_triggers_what_helps_and_self_care() -> None:
    ids = {i.id for i in load_builtin_packs()["jealousy"].items}
    assert {"jealousy.trigger", "jealousy.helps", "jealousy.myself"} <= ids


def test_crossroads_is_private_throughout_and_gives_no_advice() -> None:
    pack = load_builtin_packs()["crossroads"]
    assert pack.private and all(i.private for i in pack.items)
    assert "therapist" in pack.description and "never tell you what to do" in pack.description
    words = " ".join(i.text.lower() for i in pack.items) + pack.description.lower()
    for advice in ("you should", "leave him", "leave her", "stay with"):
        assert advice not in words


# --- the format's new parts ----------------------------------------------------------------------


def test_areas_roles_and_private_are_read() -> None:
    pack = ok(
        HEAD + 'private = true\n[roles]\nhurt = "I was hurt"\n'
        '[[areas]]\nid = "m.trust"\ntitle = "Trust again"\n'
        '[scale]\nlow = "a"\nmid = "b"\nhigh = "c"\n'
        '[[items]]\nid = "m.one"\narea = "m.trust"\nkind = "scale"\ntext = "One"\nwho = "hurt"\n'
    )
    assert [(a.id, a.title) for a in pack.areas] == [("m.trust", "Trust again")]
    assert pack.roles == (("hurt", "I was hurt"),)
    assert pack.private and pack.items[0].private and pack.items[0].who == "hurt"
    assert pack.area_title("m.trust") == "Trust again"
    assert pack.area_title("security") == "Security"


ITEM = '[[items]]\nid = "m.one"\narea = "open"\nkind = "text"\ntext = "One"\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # [[areas]] only in a module pack.
        (
            'id = "m"\nversion = 1\ntitle = "M"\n[[areas]]\nid = "m.a"\ntitle = "A"\n' + ITEM,
            (4, "only a module pack (module = true) can add its own [[areas]]"),
        ),
        (HEAD + '[[areas]]\ntitle = "A"\n' + ITEM, (5, "area 1 has no 'id'")),
        (HEAD + '[[areas]]\nid = "m.a"\n' + ITEM, (5, "area 'm.a' has no 'title'")),
        (HEAD + '[[areas]]\nid = "m.a"\ntitle = ""\n' + ITEM, (7, "area 'm.a': title is empty")),
        (HEAD + '[[areas]]\nid = "Bad Id"\ntitle = "A"\n' + ITEM, (6, "area 1: id must be")),
        (
            HEAD + '[[areas]]\nid = "security"\ntitle = "A"\n' + ITEM,
            (6, "area 'security' is already a weekly area"),
        ),
        (
            HEAD
            + '[[areas]]\nid = "m.a"\ntitle = "A"\n[[areas]]\nid = "m.a"\ntitle = "B"\n'
            + ITEM,
            (9, "duplicate area id 'm.a'"),
        ),
        (
            HEAD + '[[areas]]\nid = "m.a"\ntitle = "A"\ncolour = "red"\n' + ITEM,
            (8, "unknown key 'colour' in area 1"),
        ),
        # An item's area must be a weekly area or one the module declares.
        (
            HEAD + '[[items]]\nid = "m.one"\narea = "m.nope"\nkind = "text"\ntext = "One"\n',
            (7, "item 'm.one': unknown area 'm.nope'"),
        ),
        # Roles.
        (
            HEAD + '[roles]\nhurt = "I was hurt"\n'
            '[[items]]\nid = "m.one"\narea = "open"\nkind = "text"\ntext = "One"\nwho = "hurtt"\n',
            (12, "item 'm.one': unknown role 'hurtt' in 'who' (one of: everyone, hurt)"),
        ),
        (
            HEAD + '[roles]\neveryone = "All"\n' + ITEM,
            (6, "role 'everyone' must be a short lower-case word other than 'everyone'"),
        ),
        (HEAD + '[roles]\nhurt = ""\n' + ITEM, (6, "role 'hurt' is empty")),
        (HEAD + 'roles = "hurt"\n' + ITEM, (5, "'roles' must be a table")),
        # Private.
        (HEAD + 'private = "yes"\n' + ITEM, (5, "private must be true or false")),
        (
            HEAD + "private = true\n"
            '[[items]]\nid = "m.one"\narea = "open"\nkind = "text"\ntext = "One"\n'
            "private = false\n",
            (11, "item 'm.one': every item of a private pack stays private"),
        ),
        (
            HEAD + '[[items]]\nid = "m.one"\narea = "open"\nkind = "text"\ntext = "One"\n'
            "private = 1\n",
            (10, "item 'm.one': private must be true or false"),
        ),
    ],
)
def test_each_new_problem_is_reported_at_its_line(text: str, expected: tuple[int, str]) -> None:
    found = problems(text)
    line, start = expected
    assert any(ln == line and reason.startswith(start) for ln, reason in found), found


def test_the_issue_list_of_problems_all_at_once_each_at_its_line() -> None:
    """TOML is fine; unknown area and kind, duplicate and missing ids, reverse keying on a text
    item and empty text are all reported in one go, each at its own line."""
    text = (
        'id = "m"\nversion = 1\ntitle = "M"\n'  # 1-3
        '[[items]]\nid = "a"\narea = "nowhere"\nkind = "text"\ntext = "A"\n'  # 4-8
        '[[items]]\nid = "a"\narea = "open"\nkind = "essay"\ntext = "B"\n'  # 9-13
        '[[items]]\narea = "open"\nkind = "text"\ntext = "C"\n'  # 14-17
        '[[items]]\nid = "d"\narea = "open"\nkind = "text"\ntext = "D"\nreverse = true\n'  # 18-23
        '[[items]]\nid = "e"\narea = "open"\nkind = "text"\ntext = "   "\n'  # 24-28
    )
    found = problems(text)
    assert (6, "item 'a': unknown area 'nowhere' (one of: " + ", ".join(KNOWN_AREAS) + ")") in found
    assert (10, "duplicate item id 'a' (first at line 5)") in found
    assert (12, "item 'a': unknown kind 'essay' (one of: scale, rating, text, choice)") in found
    assert (14, "item 3 has no 'id'") in found
    assert (23, "item 'd': reverse = true is only for scale items") in found
    assert (28, "item 'e': text is empty") in found
    assert [line for line, _ in found] == sorted(line for line, _ in found)


def test_toml_syntax_error_has_its_line() -> None:
    assert problems(HEAD + "[[items]]\nid = \n") == [
        (6, "TOML syntax error: Invalid value"),
    ]


# --- versions ------------------------------------------------------------------------------------


def test_a_snapshot_rebuilds_the_pack_as_it_was() -> None:
    for pack in load_builtin_packs().values():
        again = pack_from_snapshot(pack_snapshot(pack))
        assert [(i.id, i.text, i.kind, i.reverse, i.who, i.private) for i in again.items] == [
            (i.id, i.text, i.kind, i.reverse, i.who, i.private) for i in pack.items
        ]
        assert again.areas == pack.areas and again.roles == pack.roles
        assert again.scale == pack.scale and again.version == pack.version


def test_wording_changes_name_each_item() -> None:
    before = ok(HEAD + ITEM + '[[items]]\nid = "m.two"\narea = "open"\nkind = "text"\ntext = "2"\n')
    snapshot = pack_snapshot(before)
    assert wording_changes(before, snapshot) == []
    hint_only = ok(
        HEAD
        + ITEM.replace('text = "One"', 'text = "One"\nhint = "new"')
        + '[[items]]\nid = "m.two"\narea = "open"\nkind = "text"\ntext = "2"\n'
    )
    assert wording_changes(hint_only, snapshot) == []  # a hint may change freely
    edited = ok(
        HEAD
        + ITEM.replace('"One"', '"One, reworded"')
        + '[[items]]\nid = "m.three"\narea = "open"\nkind = "text"\ntext = "3"\n'
    )
    assert wording_diff(edited, snapshot) == [
        ("m.one", "item 'm.one' changed its text"),
        ("m.three", "item 'm.three' was added"),
        ("m.two", "item 'm.two' was removed"),
    ]


def test_user_packs_may_not_take_a_builtin_id(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(HEAD.replace('"m"', '"weekly"') + ITEM, encoding="utf-8")
    (tmp_path / "ok.toml").write_text(HEAD + ITEM, encoding="utf-8")
    (tmp_path / "twin.toml").write_text(HEAD + ITEM, encoding="utf-8")
    (tmp_path / "broken.toml").write_text("id = \n", encoding="utf-8")
    packs, found = load_user_packs(tmp_path, load_builtin_packs())
    assert [p.id for p in packs] == ["m"]
    reasons = sorted(str(p) for p in found)
    assert any("broken.toml:1: TOML syntax error" in r for r in reasons)
    assert any("mine.toml:1: pack id 'weekly' is a built-in pack's" in r for r in reasons)
    assert any("twin.toml:1: pack id 'm' is also used by" in r for r in reasons)


# --- safety resources ----------------------------------------------------------------------------


def test_the_shipped_resources_are_valid_and_dated() -> None:
    resources = load_resources(builtin_resources_file(), today=dt.date(2026, 12, 7))
    ids = [loc.id for loc in resources.locales]
    assert {"GB", "US", "AU", "DE", FALLBACK_LOCALE} <= set(ids)
    for res in resources.resources:
        assert res.source and res.last_checked and (res.phone or res.website)
    uk = resources.for_locale("GB")
    assert uk[0].phone == "0808 2000 247"
    assert uk[-1].locale == FALLBACK_LOCALE  # the international ones always follow
    assert resources.locale("ZZ").id == FALLBACK_LOCALE
    assert resources.locale(None).id == FALLBACK_LOCALE


LOC = '[[locales]]\nid = "INT"\nname = "Elsewhere"\nemergency = "112"\n'  # lines 1-4
RES = (
    '[[resources]]\nlocale = "INT"\nname = "Help"\nwebsite = "https://example.org"\n'
    'source = "https://example.org"\nlast_checked = 2026-01-01\n'
)  # lines 5-10 after LOC


def res_problems(text: str) -> list[tuple[int, str]]:
    resources, found = validate_resources_text(text, "r.toml", today=dt.date(2026, 6, 1))
    assert resources is None
    return [(p.line, p.reason) for p in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[locales]\n", (1, "TOML syntax error")),
        (RES, (1, "the file needs at least one [[locales]] table")),
        (LOC, (1, "the file needs at least one [[resources]] table")),
        (LOC.replace('"INT"', '"GB"') + RES, (1, "add a 'INT' locale")),
        (LOC.replace('"INT"', '"gb"') + RES, (2, "locale 1: id must be a country code")),
        (LOC.replace('name = "Elsewhere"\n', "") + RES, (1, "locale 'INT' has no 'name'")),
        (LOC + LOC + RES, (6, "duplicate locale 'INT'")),
        (LOC + RES.replace('locale = "INT"', 'locale = "FR"'), (6, "resource 1: unknown locale")),
        (LOC + RES.replace('name = "Help"', 'name = ""'), (7, "resource 1: 'name' must be")),
        (LOC + RES.replace('website = "https://example.org"\n', ""), (5, "resource 1 needs a")),
        (
            LOC + RES.replace('website = "https://example.org"', 'website = "http://x.org"'),
            (8, "resource 1: website must start with https://"),
        ),
        (
            LOC + RES.replace('source = "https://example.org"\n', ""),
            (5, "resource 1 has no 'source'"),
        ),
        (
            LOC + RES.replace("last_checked = 2026-01-01\n", ""),
            (5, "resource 1 has no 'last_checked'"),
        ),
        (
            LOC + RES.replace("2026-01-01", '"2026-01-01"'),
            (10, "resource 1: last_checked must be a date"),
        ),
        (
            LOC + RES.replace("2026-01-01", "2027-01-01"),
            (10, "resource 1: last_checked is in the future"),
        ),
        (LOC + RES + 'fax = "1"\n', (11, "unknown key 'fax' in resource 1")),
        ('colour = "red"\n' + LOC + RES, (1, "unknown key 'colour'")),
    ],
)
def test_each_resources_problem_has_its_line(text: str, expected: tuple[int, str]) -> None:
    found = res_problems(text)
    line, start = expected
    assert any(ln == line and reason.startswith(start) for ln, reason in found), found


def test_a_broken_resources_file_is_refused_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "resources.toml"
    path.write_text(LOC + RES.replace("2026-01-01", '"soon"'), encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_resources(path)
    assert str(info.value).startswith(f"{path}:10: resource 1: last_checked must be a date")
