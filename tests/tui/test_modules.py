"""Modules in the check-in (issue 6), driven with Pilot: each module after the weekly core, role
wording after a betrayal, crossroads sealed and absent from every partner screen and the reveal,
settings, guides and about, and old wording kept after a pack edit. (The safety check: see
``test_safety.py``.)"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Static

import checkin_helpers
import rawdb
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Checkin, ItemKind, Profile, Visibility
from trustcheck.services import Services, open_services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.about import AboutScreen
from trustcheck.tui.screens.answer import AnswerScreen
from trustcheck.tui.screens.guides import GuideScreen, GuidesScreen
from trustcheck.tui.screens.handover import HandoverScreen
from trustcheck.tui.screens.help import HelpScreen
from trustcheck.tui.screens.reveal import RevealScreen
from trustcheck.tui.screens.settings import SettingsScreen
from trustcheck.tui.screens.support import SupportOfferScreen
from trustcheck.tui.screens.turnreview import TurnReviewScreen
from trustcheck.tui.screens.unlock import SetPassphraseScreen, UnlockScreen

from .conftest import fill_turn, give_passphrase, run_async, screen_text

SIZE = (120, 40)
SECRET = "velvetotter42"  # a private sentinel


def weekly_done(services: Services, people: list[Profile], *, second: bool = True) -> Checkin:
    """A draft at A's turn with A's weekly core answered (and B's too, when ``second``)."""
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([p.id for p in people]))
    fill_turn(services, draft.id, people[0].id, base=5)
    if second and len(people) > 1:
        fill_turn(services, draft.id, people[1].id, base=4)
    return draft


def module_keys(services: Services, person: Profile, pack_id: str, text: str = "ok") -> list[str]:
    """Keys that answer one module's items (as ``keys_for_turn`` does for the weekly core)."""
    keys: list[str] = []
    for turn in services.checkins.turn_items(person.id):
        if turn.pack.id != pack_id:
            continue
        if turn.item.kind is ItemKind.TEXT:
            keys += [*text, "ctrl+n"]
        elif turn.item.kind is ItemKind.CHOICE:
            keys.append("2")
        else:
            keys.append("5")
    return keys


def db_rows(services: Services, sql: str, *params: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(rawdb.database(services).path)
    try:
        return [tuple(r) for r in conn.execute(sql, params).fetchall()]
    finally:
        conn.close()


# --- each module through a check-in --------------------------------------------------------------


@run_async
async def test_jealousy_and_old_wounds_follow_the_weekly_core(
    services: Services, solo: list[Profile]
) -> None:
    """Old wounds (version 2) is never compared side by side: its ratings are private to each
    person, sealed, and absent from the reveal (issue 15 §3)."""
    (robin,) = solo
    services.packs.set_enabled("jealousy", True)
    services.packs.set_enabled("old_wounds", True)
    draft = weekly_done(services, solo)
    weekly = len(services.pack.items)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(120, 120)) as pilot:
        await pilot.press("enter")  # through the turn's gate
        screen = app.screen
        assert isinstance(screen, AnswerScreen) and screen.index == weekly
        text = screen_text(app)
        assert f"{weekly + 1} of {weekly + 8 + 8}" in text
        assert "Jealousy  ·  Feeling settled" in text  # the module named once (issue 12)
        assert "Jealousy: Jealousy" not in text and "Jealousy  ·  Jealousy" not in text
        assert "Something this week set off a jealous feeling in me." in text
        await pilot.press(*module_keys(services, robin, "jealousy", "a text message"))
        text = screen_text(app)
        assert "Old wounds" in text and "therapist" in text and "feet on the floor" in text
        asked = 0
        for key in [*module_keys(services, robin, "old_wounds"), "ctrl+n"]:  # review: done
            await pilot.press(key)
            if isinstance(app.screen, SetPassphraseScreen):  # the first private answer
                asked += 1
                await give_passphrase(app, pilot, "robin walks by the quiet harbour")
        assert asked == 1
        assert isinstance(app.screen, RevealScreen)
        seen = screen_text(app)
        assert "Modules" in seen and "Jealousy: Feeling settled" in seen
        assert "Jealousy: Jealousy" not in seen  # never doubled (issue 12)
        assert "Old hurts" not in seen and "Old wounds" not in seen  # never side by side
        assert "a text message" in seen  # a shared module answer, under its prompt
        assert "What set off the feeling, as I see it." in seen
    mine = services.checkins.turn_answers(draft.id, robin.id)
    assert mine[("jealousy", "jealousy.triggered")].value == 5
    assert mine[("jealousy", "jealousy.triggered")].pack_version == 2
    assert mine[("old_wounds", "wounds.helps")].text == "ok"
    echo = mine[("old_wounds", "wounds.echo")]
    assert echo.value is None and echo.visibility is Visibility.PRIVATE  # sealed, never scored
    assert services.packs.stored_snapshot("jealousy", 2) is not None  # wording kept on first use


@run_async
async def test_betrayal_shows_each_partner_their_own_wording(
    services: Services, couple: list[Profile]
) -> None:
    alex, sam = couple
    services.packs.set_enabled("betrayal", True)
    services.packs.set_role("betrayal", alex.id, "hurt")
    services.packs.set_role("betrayal", sam.id, "hurting")
    # Unlocked: private items seal at once.
    services.keys.set_passphrase(alex.id, "alex keeps the blue lantern")
    draft = weekly_done(services, couple, second=False)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # through the turn's gate
        text = screen_text(app)
        assert "After a betrayal  ·  Safety and accountability (phase 1)" in text
        assert "I know the contact with the other person has ended" in text
        keys = module_keys(services, alex, "betrayal")
        await pilot.press(*keys[:1])
        assert "we took a time-out" in screen_text(app)
        asked = 0
        for key in [*keys[1:], "ctrl+n"]:  # the review done
            await pilot.press(key)
            if isinstance(app.screen, UnlockScreen):  # the first private answer: sealed for Alex
                asked += 1
                await give_passphrase(app, pilot, "alex keeps the blue lantern")
        assert asked == 1
        assert isinstance(app.screen, HandoverScreen)
        await pilot.press("enter", "s")  # Sam's gate; Sam's safety check skipped
        assert isinstance(app.screen, AnswerScreen) and app.screen.person.id == sam.id
    alex_items = {iid for (pid, iid) in services.checkins.turn_answers(draft.id, alex.id)}
    assert "betrayal.answers.hurt" in alex_items and "betrayal.answers.hurting" not in alex_items
    assert "betrayal.ready" in alex_items  # the choice item, for everyone
    answers = services.checkins.turn_answers(draft.id, alex.id)
    assert answers[("betrayal", "betrayal.ready")].value == 1  # "2" chose "Not yet"
    assert "betrayal.why.hurt" not in alex_items  # phase 2 opens only when both are ready
    sam_items = [t.item.id for t in services.checkins.turn_items(sam.id) if t.pack.id == "betrayal"]
    assert "betrayal.answers.hurting" in sam_items and "betrayal.answers.hurt" not in sam_items


@run_async
async def test_a_high_stay_out_of_fear_quietly_offers_the_support_lines_to_that_person_only(
    services: Services, couple: list[Profile]
) -> None:
    """Issue 15 §3: "I stay partly out of fear" answered 7 opens the support lines for the person
    answering, in their own turn; a 5 does not. Nothing of it is stored or shown to the partner."""
    alex, sam = couple
    services.packs.set_enabled("crossroads", True)
    services.packs.set_locale("GB")
    draft = weekly_done(services, couple)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("enter")  # through the turn's gate
        await pilot.press("5")  # the first (private) answer asks for a passphrase
        assert isinstance(app.screen, SetPassphraseScreen)
        await give_passphrase(app, pilot, "alex keeps the blue lantern")
        await pilot.press("5", "5", "5", "5")  # protect, effort, possible, own: nothing offered
        assert isinstance(app.screen, AnswerScreen)
        assert "I stay partly out of fear" in screen_text(app)
        await pilot.press("7")
        assert isinstance(app.screen, SupportOfferScreen)
        offer = " ".join(screen_text(app).split())  # the first screenful
        assert "Your partner does not see this" in offer and "call 999" in offer
        assert "0808 2000 247" in offer
        listed = " ".join(str(w.render()) for w in app.screen.query(Static))  # the whole list
        assert "Samaritans" in listed and "116 123" in listed
        await pilot.press("enter")
        assert isinstance(app.screen, AnswerScreen)
        assert "I stay mostly out of duty or guilt." in screen_text(app)
        await pilot.press("5")
        assert not isinstance(app.screen, SupportOfferScreen)
    fear = services.checkins.turn_answers(draft.id, alex.id)[("crossroads", "crossroads.fear")]
    assert fear.value is None and fear.visibility is Visibility.PRIVATE  # sealed, as before
    assert sam.id not in {
        a.profile_id
        for a in services.checkins.turn_answers(draft.id, sam.id).values()
        if a.pack_id == "crossroads"
    }


@run_async
async def test_crossroads_is_sealed_and_absent_from_partner_screens_and_reveal(
    services: Services, couple: list[Profile]
) -> None:
    alex, sam = couple
    services.packs.set_enabled("crossroads", True)
    draft = weekly_done(services, couple)
    # Sam's crossroads answered already, privately, so the test goes from Alex to the reveal.
    services.keys.set_passphrase(sam.id, "sam-pass")
    for turn in services.checkins.turn_items(sam.id):
        if turn.pack.id == "crossroads":
            kind = turn.item.kind
            services.checkins.save_answer(
                draft.id,
                sam.id,
                turn.item.id,
                pack_id="crossroads",
                value=2 if kind is ItemKind.SCALE else None,
                text=SECRET + "-sam" if kind is ItemKind.TEXT else None,
            )
    services.keys.lock(sam.id)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # through the turn's gate
        text = screen_text(app)
        assert "Crossroads" in text and "Only for you" in text
        await pilot.press("6")  # the first (private) answer asks for a passphrase
        assert isinstance(app.screen, SetPassphraseScreen)
        await give_passphrase(app, pilot, "alex keeps the blue lantern")
        assert isinstance(app.screen, AnswerScreen) and app.screen.index > len(services.pack.items)
        await pilot.press(*module_keys(services, alex, "crossroads", SECRET)[1:], "ctrl+n")
        assert isinstance(app.screen, HandoverScreen)
        assert SECRET not in screen_text(app)
        await pilot.press("enter")
        # Sam's items are all answered already: Sam's turn goes straight to Sam's own review
        # (sealed answers shown as sealed).
        assert isinstance(app.screen, TurnReviewScreen) and app.screen.person.id == sam.id
        assert SECRET not in screen_text(app)
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, RevealScreen)
        reveal = app.screen.reveal
        seen = screen_text(app)
        assert SECRET not in seen and "Crossroads" not in seen and "Hope" not in seen
        assert all(a.item.id != "crossroads.note" for a in reveal.open_answers)
        assert all(row.pack.id != "crossroads" for row in reveal.modules)
    rows = db_rows(
        services,
        "SELECT value, text, text_sealed, visibility FROM answers WHERE pack_id = 'crossroads'",
    )
    assert len(rows) == 2 * 8
    for value, text, sealed, visibility in rows:
        assert value is None and text is None and sealed and visibility == "private"
    assert not any(SECRET.encode() in p.read_bytes() for p in services.data_dir.iterdir())
    # Only its author, unlocked, reads it back.
    services.keys.unlock(alex.id, "alex keeps the blue lantern")
    note = services.checkins.private_text(draft.id, alex.id, "crossroads.note", "crossroads")
    assert note == SECRET
    assert (
        services.checkins.private_text(draft.id, alex.id, "crossroads.future", "crossroads") == "6"
    )


# --- the safety question: tests/tui/test_safety.py (issue 15) ------------------------------------


# --- settings, guides, about ------------------------------------------------------------------


@run_async
async def test_settings_switch_modules_roles_locale_and_idle_time(
    services: Services, couple: list[Profile]
) -> None:
    alex, sam = couple
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(SettingsScreen(services))
        await pilot.pause()
        await app.workers.wait_for_complete()  # the catalogue, read as settings opens
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        text = screen_text(app)
        assert "After a betrayal" in text and "Crossroads" in text and "private" in text
        betrayal = next(k for k, v in screen._switches.items() if v == "betrayal")
        screen.query_one(f"#{betrayal}").focus()
        await pilot.press("enter")
        assert services.packs.enabled_ids() == ["betrayal"]
        from textual.widgets import Input, Select

        role_alex = next(k for k, v in screen._roles.items() if v == ("betrayal", alex.id))
        screen.query_one(f"#{role_alex}", Select).value = "hurting"
        screen.query_one("#locale", Select).value = "DE"
        await pilot.pause()
        assert services.packs.role("betrayal", alex.id) == "hurting"
        assert services.packs.role("betrayal", sam.id) is None
        assert services.packs.locale() == "DE"
        idle = screen.query_one("#idle", Input)
        idle.value = "5"
        idle.focus()
        await pilot.press("enter")
        assert "from 10 to 86400" in screen_text(app)
        idle.value = "120"
        await pilot.press("enter")
        assert rawdb.settings(services).get("journal_idle_seconds") == "120"
        await pilot.press("escape")
        assert not isinstance(app.screen, SettingsScreen)


@run_async
async def test_guides_from_the_reveal_step_by_step(services: Services, solo: list[Profile]) -> None:
    draft = weekly_done(services, solo)
    checkin_helpers.go_to(
        services.checkins, services.checkins.get(draft.id), services.checkins.steps(draft)[2]
    )
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, RevealScreen)
        await pilot.press("g")
        assert isinstance(app.screen, GuidesScreen)
        await pilot.press("down", "enter")  # the second guide: after a fight
        assert isinstance(app.screen, GuideScreen)
        text = screen_text(app)
        assert "After a fight" in text and "Step 1 of 7" in text
        assert "Adapted from the five steps" in " ".join(text.split())  # cited, not branded
        await pilot.press("right", "right")
        assert "Step 3 of 7" in screen_text(app) and "Each person's view" in screen_text(app)
        await pilot.press("left")
        assert "Step 2 of 7" in screen_text(app)
        await pilot.press("right", "right", "right")
        assert "If there was fear or force" in screen_text(app)  # before "My own part"
        await pilot.press("right")
        assert "My own part" in screen_text(app)
        await pilot.press("right", "enter")
        assert isinstance(app.screen, GuidesScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, RevealScreen)


@run_async
async def test_about_from_help_says_what_it_is_not_and_credits_the_research(
    services: Services, couple: list[Profile]
) -> None:
    app = build_app(services)
    async with app.run_test(size=(120, 80)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("a")
        assert isinstance(app.screen, AboutScreen)
        text = " ".join(screen_text(app).split())
        assert "not therapy, not a diagnosis and not an emergency service" in text
        assert "Rempel, Holmes & Zanna" in text  # the weekly areas' sources
        assert "After a betrayal (version 2)" in text
        assert "Gordon, Baucom & Snyder" in text  # a module's own sources


# --- a pack edit keeps the wording that was answered ---------------------------------------------


def test_old_answers_keep_their_original_wording(
    tmp_path: Path, clock: FixedClock, monkeypatch: object
) -> None:
    from dataclasses import replace

    from trustcheck.services.packs import weekly_pack

    v1 = weekly_pack()
    services = open_services(tmp_path, clock=clock, weak_kdf=True)
    try:
        people = services.profiles.setup(["Alex", "Sam"])
        checkin = services.checkins.start([p.id for p in people])
        for person in people:
            fill_turn(services, checkin.id, person.id, base=5)
        services.checkins.complete(checkin)
    finally:
        services.close()

    old = v1.item("open.need").text
    reworded = tuple(
        replace(i, text="What I would like more of next week.") if i.id == "open.need" else i
        for i in v1.items
    )
    v2 = replace(v1, version=v1.version + 1, items=reworded)
    again = open_services(tmp_path, clock=clock, pack=v2, weak_kdf=True)
    try:
        done = again.checkins.get(checkin.id)
        reveal = again.checkins.reveal(done)
        texts = {a.item.id: a.item.text for a in reveal.open_answers}
        assert texts["open.need"] == old  # the words that were answered, not today's
        assert (
            again.checkins.answered_item(rawdb.answers(again).for_checkin(checkin.id)[0])
            is not None
        )
        assert again.packs.version_problems(v2) == []  # a new version is fine
        # The same version with new words is refused, naming the item.
        same = replace(v1, items=reworded)
        [problem] = again.packs.version_problems(same)
        assert "item 'open.need' changed its text" in problem
        assert f"version = {v1.version + 1}" in problem
    finally:
        again.close()


def test_a_user_pack_edited_without_a_new_version_is_refused(
    services: Services, solo: list[Profile], tmp_path: Path
) -> None:
    (robin,) = solo
    folder = tmp_path / "config" / "packs"
    folder.mkdir(parents=True)
    pack_file = folder / "sleep.toml"
    text = (
        'id = "sleep"\nversion = 1\ntitle = "Sleep"\nmodule = true\n'
        '[[items]]\nid = "sleep.note"\narea = "open"\nkind = "text"\ntext = "How I slept."\n'
    )
    pack_file.write_text(text, encoding="utf-8")
    services.packs.refresh()
    services.packs.set_enabled("sleep", True)
    draft = weekly_done(services, solo)
    services.checkins.save_answer(draft.id, robin.id, "sleep.note", text="fine", pack_id="sleep")
    pack_file.write_text(text.replace("How I slept.", "How I rested."), encoding="utf-8")
    services.packs.refresh()
    [entry] = [e for e in services.packs.entries() if e.id == "sleep"]
    assert not entry.usable
    assert "item 'sleep.note' changed its text" in entry.problems[0]
    assert [t.pack.id for t in services.checkins.turn_items(robin.id)] == ["weekly"] * len(
        services.pack.items
    )
    # The answer keeps its first wording.
    answer = services.checkins.turn_answers(draft.id, robin.id)[("sleep", "sleep.note")]
    item = services.checkins.answered_item(answer)
    assert item is not None and item.text == "How I slept."
    assert answer.visibility is Visibility.SHARED
