"""The private safety check (issue 15 §1), driven with Pilot: asked behind the person's own gate
and before their other questions; a yes and a no take the same screens and keys; the calm help
screen comes before any offer to keep the answers (sealed, only if wanted); a discreet way to end
the week's joint part; ctrl+l hides it; support lines from help and about with nothing answered;
and the country asked at setup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Select

import rawdb
from trustcheck import messages
from trustcheck.core.clock import FixedClock, day_label
from trustcheck.core.models import CheckinStatus, Profile
from trustcheck.services import Services, open_services
from trustcheck.services.safety import CONTROL_TOPICS, SafetyAnswer
from trustcheck.tui.app import TrustcheckApp, build_app
from trustcheck.tui.screens.about import AboutScreen
from trustcheck.tui.screens.answer import AnswerScreen
from trustcheck.tui.screens.gate import TurnGateScreen
from trustcheck.tui.screens.handover import HandoverScreen
from trustcheck.tui.screens.help import HelpScreen
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.safety import Phase, SafetyScreen, WeekStoppedScreen
from trustcheck.tui.screens.setup import SetupScreen
from trustcheck.tui.screens.support import SupportLinesScreen
from trustcheck.tui.screens.unlock import SetPassphraseScreen, UnlockScreen

from .conftest import NOW, give_passphrase, run_async, screen_text

SIZE = (120, 50)


def open_at(tmp_path: Path, name: str, locale: str = "GB") -> tuple[Services, list[Profile]]:
    """A couple in a data folder of its own, with a passphrase each, at the start of this week."""
    services = open_services(tmp_path / name, clock=FixedClock(NOW), weak_kdf=True)
    people = services.profiles.setup(["Alex", "Sam"])
    services.packs.set_locale(locale)
    for person in people:
        services.keys.set_passphrase(person.id, f"{person.name.lower()}-pass")
    services.keys.lock_all()
    return services, people


def db_rows(services: Services, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(rawdb.database(services).path)
    try:
        return [tuple(r) for r in conn.execute(sql).fetchall()]
    finally:
        conn.close()


def where(app: TrustcheckApp) -> tuple[str, str | None]:
    """The screen showing, and the safety check's phase on it (what someone could count)."""
    screen = app.screen
    return type(screen).__name__, str(screen.phase) if isinstance(screen, SafetyScreen) else None


async def walk(
    services: Services, first: str, rest: str, *, keep: bool, passphrase: str = "alex-pass"
) -> tuple[list[tuple[str, str | None]], list[str], dict[str, str]]:
    """Alex's turn from the opening step to the first question: the screens seen after each key,
    the keys pressed, and the text of the screen after the questions and of the keep offer."""
    app = build_app(services, start="checkin")
    keys = ["enter", "enter", first, rest, rest, rest, rest, "enter", "k" if keep else "d"]
    seen: list[tuple[str, str | None]] = []
    texts: dict[str, str] = {}
    async with app.run_test(size=SIZE) as pilot:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            seen.append(where(app))
            if isinstance(app.screen, SafetyScreen) and app.screen.phase in (
                Phase.AFTER,
                Phase.KEEP,
            ):
                texts[str(app.screen.phase)] = screen_text(app)
        if keep:
            assert isinstance(app.screen, UnlockScreen)
            await give_passphrase(app, pilot, passphrase)
            seen.append(where(app))
        assert isinstance(app.screen, AnswerScreen) and app.screen.index == 0
        assert not services.keys.is_unlocked(app.screen.person.id)
    return seen, keys, texts


@run_async
async def test_yes_and_no_take_the_same_screens_and_keys(tmp_path: Path) -> None:
    """Issue 15: a yes and a no pass the same screens, in the same order, with the same number
    of keys (a no passes a neutral screen where a yes sees the help); nothing in what follows,
    nor the sealed note kept, tells them apart."""
    runs = {}
    for answer, key in (("yes", "y"), ("no", "n")):
        services, _ = open_at(tmp_path, answer)
        try:
            runs[answer] = await walk(services, key, "n", keep=True)
            runs[answer + "-rows"] = db_rows(
                services,
                "SELECT checkin_id, profile_id, answered_at, length(body) FROM safety_answers",
            )
        finally:
            services.close()
    yes_seen, yes_keys, yes_text = runs["yes"]
    no_seen, no_keys, no_text = runs["no"]
    assert yes_seen == no_seen
    # The same keys but the answer itself (the third key: y or n).
    assert (yes_keys[2], no_keys[2]) == ("y", "n")
    assert yes_keys[:2] + yes_keys[3:] == no_keys[:2] + no_keys[3:]
    phases = [p for _, p in yes_seen if p is not None]
    assert phases == ["question", "control", "control", "control", "control", "after", "keep"]
    assert yes_seen[-2:] == [("UnlockScreen", None), ("AnswerScreen", None)]
    # The help only after a yes; the neutral screen after a no: the same choices on both.
    assert messages.SAFETY_HELP_TITLE in yes_text["after"]
    assert messages.SAFETY_CLEAR_TITLE in no_text["after"]
    for text in (yes_text["after"], no_text["after"]):
        assert messages.SAFETY_GO_ON in text and messages.SAFETY_END_WEEK in text
    assert yes_text["keep"] == no_text["keep"]
    # The notes kept: the same size, and the day only (no time of day).
    assert runs["yes-rows"] == runs["no-rows"]
    assert [r[:3] for r in runs["yes-rows"]] == [(1, 1, "2026-11-25T00:00:00+00:00")]


@run_async
async def test_the_check_comes_behind_the_gate_before_the_questions_and_help_before_any_passphrase(
    services: Services, couple: list[Profile]
) -> None:
    """A yes opens the calm help screen first (support lines for the chosen country, each with
    its source and check date; pausing joint check-ins; a professional alone). Only after it, and
    only if wanted, an offer to keep the answers sealed: with no passphrase yet, that is where
    one would be set; declined, nothing is kept, and it says so."""
    alex = couple[0]
    services.packs.set_locale("GB")
    app = build_app(services, start="checkin")
    async with app.run_test(size=(120, 80)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, TurnGateScreen)
        assert "afraid" not in screen_text(app)  # nothing of it before the person is ready
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, SafetyScreen) and screen.person.id == alex.id
        text = " ".join(screen_text(app).split())
        assert "have you felt afraid of your partner?" in text
        assert "physically hurt you, threatened you, or forced you" in text
        assert "Question 1 of 5" in text
        await pilot.press("y")
        for n, topic in enumerate(CONTROL_TOPICS, start=2):
            assert screen.phase is Phase.CONTROL and f"Question {n} of 5" in screen_text(app)
            words = " ".join(messages.CONTROL_QUESTIONS[topic].split()[:4])
            assert words in " ".join(screen_text(app).split())
            await pilot.press("s" if topic == "money" else "n")
        # The help first: no passphrase asked for on the way.
        assert app.screen is screen and screen.phase is Phase.AFTER
        help_text = " ".join(screen_text(app).split())
        assert messages.SAFETY_HELP_TITLE in help_text
        assert "Thank you for telling us" not in help_text
        assert "pausing the joint check-ins" in help_text
        assert "therapist you see alone" in help_text
        resources = services.safety.resources()
        gb = resources.locale("GB")
        assert f"call {gb.emergency}" in help_text
        for line in resources.for_locale("GB")[:2]:
            assert line.name in help_text
            assert f"last checked {day_label(line.last_checked)}" in help_text
        assert messages.SAFETY_END_WEEK in help_text
        await pilot.press("enter")  # go on
        assert screen.phase is Phase.KEEP
        await pilot.press("k")
        assert isinstance(app.screen, SetPassphraseScreen)  # Alex has none: asked only now
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen) and app.screen.index == 0
        notes = [str(n.message) for n in app._notifications]
        assert messages.SAFETY_NOT_STORED in notes
    assert db_rows(services, "SELECT count(*) FROM safety_answers") == [(0,)]
    assert not services.keys.has_passphrase(alex.id)


@run_async
async def test_a_kept_yes_is_sealed_for_its_author_with_the_control_answers(
    services: Services, couple: list[Profile]
) -> None:
    """Kept, the note is sealed (no "yes" in the clear), never among the answers the partner's
    screens read, and opens only for its author."""
    alex = couple[0]
    services.keys.set_passphrase(alex.id, "alex-pass")
    services.keys.lock_all()
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "n", "y", "n", "s", "y", "enter", "k")
        assert isinstance(app.screen, UnlockScreen)
        await give_passphrase(app, pilot, "alex-pass")
        assert isinstance(app.screen, AnswerScreen)
        assert not services.keys.is_unlocked(alex.id)
    [(body,)] = db_rows(services, "SELECT body FROM safety_answers")
    assert isinstance(body, bytes) and b"yes" not in body and b"v2" not in body
    draft = services.checkins.draft()
    assert draft is not None
    assert all(a.pack_id != "safety" for a in rawdb.answers(services).for_checkin(draft.id))
    services.keys.unlock(alex.id, "alex-pass")
    [record] = services.safety.history(alex.id)
    assert record.answer is SafetyAnswer.NO
    assert record.control == {
        "monitored": SafetyAnswer.YES,
        "isolated": SafetyAnswer.NO,
        "money": None,
        "sexual": SafetyAnswer.YES,
    }
    assert record.answered_at.isoformat() == "2026-11-25T00:00:00+00:00"


@run_async
async def test_ending_the_weeks_joint_part_shows_one_neutral_sentence(tmp_path: Path) -> None:
    """The discreet choice: whatever was answered, the week's joint part ends with "We'll stop
    here for this week" and nothing else; the check-in ends with no reveal, and what was
    answered is kept."""
    shown = {}
    for answer, key in (("yes", "y"), ("no", "n")):
        services, _ = open_at(tmp_path, answer)
        try:
            app = build_app(services, start="checkin")
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("enter", "enter", key, "n", "n", "n", "n", "e", "d")
                assert isinstance(app.screen, WeekStoppedScreen)
                shown[answer] = screen_text(app)
                await pilot.press("enter")
                assert isinstance(app.screen, HomeScreen)
            [checkin] = db_rows(services, "SELECT status, completed_at FROM checkins")
            assert checkin == (CheckinStatus.ABANDONED.value, None)
            assert services.checkins.draft() is None
            assert db_rows(services, "SELECT count(*) FROM safety_answers") == [(0,)]
        finally:
            services.close()
    assert shown["yes"] == shown["no"]
    assert messages.WEEK_STOPPED in shown["yes"]
    for word in ("afraid", "safety", "Support", "help"):
        assert word not in shown["yes"].replace("Help", "")


@run_async
async def test_ctrl_l_hides_the_check_at_once_back_to_the_gate(
    services: Services, couple: list[Profile]
) -> None:
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "y", "n", "n", "n", "n")
        assert isinstance(app.screen, SafetyScreen) and app.screen.phase is Phase.AFTER
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, TurnGateScreen)
        text = screen_text(app)
        assert "afraid" not in text and messages.SAFETY_HELP_TITLE not in text
    assert db_rows(services, "SELECT count(*) FROM safety_answers") == [(0,)]


@run_async
async def test_a_resumed_turn_with_answers_does_not_ask_again(
    services: Services, couple: list[Profile]
) -> None:
    """Before the other questions only: once a person has answered one, their resumed turn goes
    straight to their next question."""
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "s", "4", "escape", "p")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("c")
        assert isinstance(app.screen, TurnGateScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, AnswerScreen) and app.screen.index == 1


@run_async
async def test_support_lines_are_reachable_from_help_and_about_with_nothing_answered(
    services: Services, couple: list[Profile]
) -> None:
    """Issue 15: "Support lines", a neutral label, from help (anywhere, the check-in's gate too)
    and from about, without answering anything; nothing is stored on the way."""
    services.packs.set_locale("DE")
    resources = services.safety.resources()
    lines = resources.for_locale("DE")
    app = build_app(services)
    async with app.run_test(size=(120, 80)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert messages.HELP_SUPPORT in screen_text(app)
        await pilot.press("s")
        assert isinstance(app.screen, SupportLinesScreen)
        text = " ".join(screen_text(app).split())
        assert messages.SUPPORT_TITLE in text
        assert f"call {resources.locale('DE').emergency}" in text
        assert all(line.name in text for line in lines)
        assert "Germany" in text
        await pilot.press("escape", "a")
        assert isinstance(app.screen, AboutScreen)
        assert messages.ABOUT_SUPPORT in screen_text(app)
        await pilot.press("s")
        assert isinstance(app.screen, SupportLinesScreen)
        await pilot.press("escape", "escape", "escape")
        assert isinstance(app.screen, HomeScreen)
        # From inside a check-in, at a turn's gate, before anything is answered.
        await pilot.press("c", "enter")
        assert isinstance(app.screen, TurnGateScreen)
        await pilot.press("f1", "s")
        assert isinstance(app.screen, SupportLinesScreen)
    assert db_rows(services, "SELECT count(*) FROM safety_answers") == [(0,)]
    assert db_rows(services, "SELECT count(*) FROM answers") == [(0,)]


@run_async
async def test_setup_asks_the_country_for_the_support_lines(services: Services) -> None:
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SetupScreen)
        assert messages.SETUP_COUNTRY in screen_text(app)
        app.screen.query_one("#country", Select).value = "AU"
        await pilot.press(*"Alex", "enter", *"Sam", "enter")
        assert isinstance(app.screen, HomeScreen)
    assert services.packs.locale() == "AU"


@run_async
async def test_the_second_persons_check_shows_nothing_of_the_firsts(tmp_path: Path) -> None:
    """After Alex's yes, kept, the hand-over and Sam's own check look as after a no."""
    texts = {}
    for answer, key in (("yes", "y"), ("no", "n")):
        services, (alex, sam) = open_at(tmp_path, answer)
        try:
            draft = services.checkins.start([alex.id, sam.id])
            app = build_app(services, start="checkin")
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("enter", "enter", key, "n", "n", "n", "n", "enter", "k")
                await give_passphrase(app, pilot, "alex-pass")
                assert isinstance(app.screen, AnswerScreen)
            for item in services.checkins.pack.items:
                services.checkins.save_answer(draft.id, alex.id, item.id, skipped=True)
            services.checkins.advance_from(services.checkins.get(draft.id))
            app = build_app(services, start="checkin")
            async with app.run_test(size=SIZE) as pilot:
                assert isinstance(app.screen, HandoverScreen)
                handover = screen_text(app)
                await pilot.press("enter")
                assert isinstance(app.screen, SafetyScreen) and app.screen.person.id == sam.id
                texts[answer] = (handover, screen_text(app))
        finally:
            services.close()
    assert texts["yes"] == texts["no"]


@run_async
async def test_a_kept_yes_reaches_no_partner_screen_nor_any_export_without_consent(
    tmp_path: Path,
) -> None:
    """Issue 15: the same week, once with Alex's yes (and a yes on the control set) kept sealed,
    once with a no kept: the hand-over, Sam's own check, the reveal and every export made
    without Alex's consent are the same, byte for byte (no answer, no trace, no timing)."""
    from trustcheck.core.models import ItemKind
    from trustcheck.export import FORMATS
    from trustcheck.services.export import ExportRequest, ExportService

    seen: dict[str, list[object]] = {}
    for answer, keys in (("yes", ("y", "y", "n", "s", "y")), ("no", ("n", "n", "n", "n", "n"))):
        services, (alex, sam) = open_at(tmp_path, answer)
        out: list[object] = []
        try:
            draft = services.checkins.start([alex.id, sam.id])
            app = build_app(services, start="checkin")
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("enter", "enter", *keys, "enter", "k")
                await give_passphrase(app, pilot, "alex-pass")
                assert isinstance(app.screen, AnswerScreen)
            assert services.safety.answered(draft.id, alex.id)
            checkins = services.checkins
            for n, person in enumerate((alex, sam)):
                for item in checkins.pack.items:
                    if item.kind is ItemKind.TEXT:
                        checkins.save_answer(draft.id, person.id, item.id, text=f"words {n}")
                    else:
                        value = 5 if item.kind is ItemKind.SCALE else 7
                        checkins.save_answer(draft.id, person.id, item.id, value=value - n)
                current = checkins.advance_from(checkins.get(draft.id))  # the hand-over
                app = build_app(services, start="checkin")
                async with app.run_test(size=SIZE) as pilot:
                    out.append(screen_text(app))  # the hand-over, or the reveal
                    if n == 0:
                        await pilot.press("enter")
                        assert isinstance(app.screen, SafetyScreen)  # Sam's own check
                        out.append(screen_text(app))
                if n == 0:
                    checkins.advance_from(current)  # Sam's turn
            services.keys.lock_all()
            checkins.complete(checkins.get(draft.id))
            for fmt in FORMATS:
                if fmt == "pdf":
                    continue  # a PDF holds its own creation time; its text is the md's
                request = ExportRequest(fmt, include_notes=FORMATS[fmt].kind == "summary")
                out.append(ExportService(services).render(request).data)
        finally:
            services.close()
        seen[answer] = out
    assert len(seen["yes"]) == len(seen["no"]) >= 6
    handover, sams_check, reveal = seen["yes"][:3]
    assert "pass the keyboard to Sam" in str(handover)
    assert messages.SAFETY_TITLE in str(sams_check)
    assert "Gap" in str(reveal)  # so the comparison below can fail
    for yes, no in zip(seen["yes"], seen["no"], strict=True):
        assert yes == no


@run_async
async def test_help_over_the_check_reaches_the_support_lines_and_leaves_it_unanswered(
    services: Services, couple: list[Profile]
) -> None:
    app = build_app(services, start="checkin")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("enter", "enter")
        screen = app.screen
        assert isinstance(screen, SafetyScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert messages.HELP_SUPPORT in text
        assert messages.HELP_ACTIONS["skip"] not in text  # not a rated question's skip
        await pilot.press("s")
        assert isinstance(app.screen, SupportLinesScreen)
        await pilot.press("escape", "escape")
        assert app.screen is screen and screen.phase is Phase.QUESTION
        assert screen.answer is None
    assert db_rows(services, "SELECT count(*) FROM safety_answers") == [(0,)]


@run_async
async def test_on_ones_own_the_check_offers_to_stop_for_the_week_in_words_for_one(
    services: Services, solo: list[Profile]
) -> None:
    app = build_app(services, start="checkin")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("enter", "enter", "y", "n", "n", "n", "n")
        text = screen_text(app)
        assert messages.SAFETY_END_WEEK_SOLO in text and "joint part" not in text.split("Hide")[0]
        assert messages.SAFETY_HELP_TITLE in text
        await pilot.press("e", "d")
        assert isinstance(app.screen, WeekStoppedScreen)
    assert services.checkins.draft() is None


@run_async
async def test_ctrl_l_while_the_passphrase_is_asked_keeps_nothing_and_shows_the_gate(
    services: Services, couple: list[Profile]
) -> None:
    alex = couple[0]
    services.keys.set_passphrase(alex.id, "alex-pass")
    services.keys.lock_all()
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "y", "n", "n", "n", "n", "enter", "k")
        assert isinstance(app.screen, UnlockScreen)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, TurnGateScreen)
        assert len(app.screen_stack) == 2  # home, and the gate: nothing left behind it
    assert db_rows(services, "SELECT count(*) FROM safety_answers") == [(0,)]
    assert not services.keys.is_unlocked(alex.id)
