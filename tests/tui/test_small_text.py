"""Small text defects (issue 12, section 8): a module named once, a choice not headed "Open
prompts", "No commitments yet" only when there never were any, one date format, a tie of largest
gaps marked on every tied row, and multi-line answers indented under their author."""

from __future__ import annotations

import datetime as dt
import re

import checkin_helpers
from trustcheck import messages
from trustcheck.core.clock import FixedClock, day_label, moment_label, week_label
from trustcheck.core.models import ItemKind, Profile, Step, Visibility
from trustcheck.services import Services
from trustcheck.services.packs import load_builtin_packs
from trustcheck.services.reveal_grid import GAP_MARK
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.answer import AnswerScreen
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.journal import JournalScreen
from trustcheck.tui.screens.reveal import RevealScreen

from .conftest import NOW, fill_turn, run_async, screen_text, seed_previous_week
from .test_modules import module_keys, weekly_done

AREAS_TIED = ("communication", "closeness")


def test_a_module_area_is_headed_with_the_module_named_once() -> None:
    packs = load_builtin_packs()
    jealousy = packs["jealousy"]
    assert jealousy.area_heading("jealousy.settled") == "Jealousy: Feeling settled"
    for pack in packs.values():
        for area in pack.areas:  # no module repeats its own name in an area title
            assert not pack.area_title(area.id).startswith(f"{pack.title}:"), area
            assert pack.area_heading(area.id).count(pack.title) == 1


def test_one_date_format_everywhere_a_date_is_shown() -> None:
    assert day_label(dt.date(2026, 12, 7)) == "7 Dec 2026"
    assert moment_label(dt.datetime(2026, 12, 7, 9, 5)) == "7 Dec 2026, 09:05"
    assert week_label(dt.date(2026, 11, 23)) == "week of 23 Nov 2026"


@run_async
async def test_a_choice_item_is_not_headed_open_prompts(
    services: Services, couple: list[Profile]
) -> None:
    alex = couple[0]
    services.packs.set_enabled("betrayal", True)  # no role yet: the shared items, none private
    weekly_done(services, couple, second=False)
    turn = [t for t in services.checkins.turn_items(alex.id) if t.pack.id == "betrayal"]
    before_choice = next(n for n, t in enumerate(turn) if t.item.kind is ItemKind.CHOICE)
    keys = module_keys(services, alex, "betrayal")[: before_choice]
    app = build_app(services, start="checkin")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter", *keys)  # through the turn's gate, then the module's items
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnswerScreen) and screen.item.kind is ItemKind.CHOICE
        progress = str(screen.query_one("#progress").render())
        assert "Open prompts" not in progress
        assert progress.endswith("After a betrayal  ·  Choose one")


@run_async
async def test_home_says_none_were_set_last_time_once_there_were_some_before(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    app = build_app(services)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert messages.HOME_NO_COMMITMENTS in " ".join(screen_text(app).split())
    seed_previous_week(services, clock, couple)  # sets one commitment
    draft = services.checkins.start([p.id for p in couple])  # this week's: none set
    for person in couple:
        fill_turn(services, draft.id, person.id, base=5)
    services.checkins.complete(draft)
    app = build_app(services)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = " ".join(screen_text(app).split())
        assert "No commitments yet" not in text
        assert messages.HOME_NO_COMMITMENTS_LAST in text


@run_async
async def test_journal_dates_use_the_one_format(services: Services, solo: list[Profile]) -> None:
    (robin,) = solo
    services.keys.set_passphrase(robin.id, "snapshot words")
    services.journal.add(robin.id, "A walk.", written_at=NOW.replace(day=7, hour=9, minute=5))
    app = build_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        text = screen_text(app)
        assert "7 Nov 2026, 09:05" in text
        assert not re.search(r"\b07 Nov|\d{4}-\d\d-\d\d", text)


def _tie(services: Services, couple: list[Profile], clock: FixedClock) -> int:
    """Alex answers the middle everywhere; Sam the top of communication and closeness only:
    the same gap (50) in two areas, none in the others."""
    seed_previous_week(services, clock, couple)
    checkins = services.checkins
    draft = checkins.start([p.id for p in couple])
    alex, sam = couple
    for item in checkins.pack.items:
        if item.kind is ItemKind.SCALE:
            checkins.save_answer(draft.id, alex.id, item.id, value=4)
            top = 1 if item.reverse else 7
            sam_value = top if item.area in AREAS_TIED else 4
            checkins.save_answer(draft.id, sam.id, item.id, value=sam_value)
        elif item.kind is ItemKind.RATING:
            for person in couple:
                checkins.save_answer(draft.id, person.id, item.id, value=6)
    checkins.save_answer(
        draft.id,
        sam.id,
        "open.went_well",
        text="We cooked together.\nAnd we laughed about the burnt rice.",
        visibility=Visibility.SHARED,
    )
    checkin_helpers.go_to(checkins, draft, Step.REVEAL)
    return draft.id


def test_the_reveal_knows_every_area_tied_for_the_largest_gap(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    checkin_id = _tie(services, couple, clock)
    reveal = services.checkins.reveal(services.checkins.get(checkin_id))
    assert [r.area for r in reveal.largest_gaps] == list(AREAS_TIED)
    assert reveal.largest_gap is not None and reveal.largest_gap.area == AREAS_TIED[0]


@run_async
async def test_a_tie_of_largest_gaps_is_marked_on_every_tied_row(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    _tie(services, couple, clock)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen)
        lines = screen_text(app).splitlines()
        marked = [line.split()[0] for line in lines if f"{GAP_MARK} 50.0" in line]
        assert marked == ["Communication", "Closeness"]
        assert any(messages.REVEAL_LEGEND_GAP_TIE in line for line in lines)


@run_async
async def test_a_multi_line_answer_is_indented_under_its_author(
    services: Services, couple: list[Profile], clock: FixedClock
) -> None:
    _tie(services, couple, clock)
    app = build_app(services, start="checkin")
    async with app.run_test(size=(100, 80)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        first = next(n for n, line in enumerate(lines) if "We cooked together." in line)
        second = next(n for n, line in enumerate(lines) if "the burnt rice" in line)
        author = lines[first - 1]
        assert author.strip() == "Sam"
        indent = len(lines[first]) - len(lines[first].lstrip())
        assert len(lines[second]) - len(lines[second].lstrip()) == indent  # every line lines up
        assert indent > len(author) - len(author.lstrip())  # under the author, indented
