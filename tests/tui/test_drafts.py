"""Issue 12, section 1: a written answer is kept as it is typed, and on every way out.

Each test types into the answer box as a person would, leaves the app one way (ctrl+q, esc,
hide, an idle lock, a crash, a hang-up), opens it again and finds the words back in the box with
who sees them as it was. A draft is not an answer, and a private one is never on disk in clear.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

import checkin_helpers
import rawdb
from trustcheck import messages
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Checkin, Profile, Visibility
from trustcheck.services import Services, open_services
from trustcheck.services.checkin import CheckinService
from trustcheck.storage.repos.drafts import DraftRepo
from trustcheck.tui.app import TrustcheckApp, build_app
from trustcheck.tui.screens.answer import AnswerScreen
from trustcheck.tui.screens.stop import StopDialog
from trustcheck.tui.screens.unlock import UnlockScreen
from trustcheck.tui.widgets.text_answer import TextAnswer

from .conftest import fill_turn, run_async, screen_text
from .test_private_answers import give_passphrase, sentinel_on_disk

SIZE = (120, 40)
WORDS = "I felt left out on Sunday"
SECRET = "velvetlantern58"  # a private sentinel: it must be in no file of the data folder
PASSPHRASE = "alex keeps the blue lantern"


def at_a_written_prompt(services: Services, couple: list[Profile]) -> tuple[Checkin, str]:
    """Alex's turn, everything answered up to the "what I need" prompt; its item id."""
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([p.id for p in couple]))
    items = checkins.pack.items
    fill_turn(services, draft.id, couple[0].id, base=5, upto=len(items) - 2)
    return draft, items[-2].id


def reopen(tmp_path: Path, clock: FixedClock) -> Services:
    """The program started again: new services over the same folder, nobody unlocked."""
    return open_services(tmp_path, clock=clock, weak_kdf=True)


async def wait_until(pilot: Pilot[None], done: Callable[[], bool], deadline: float = 10.0) -> None:
    """Let the app run until ``done()`` (a debounce or a pause), within a generous deadline."""
    end = time.monotonic() + deadline
    while not done():
        assert time.monotonic() < end, "the app never got there"
        await pilot.pause(0.02)


async def choose_visibility(pilot: Pilot[None], app: TrustcheckApp, wanted: Visibility) -> None:
    answer = app.screen.query_one(TextAnswer)
    while answer.visibility is not wanted:
        await pilot.press("ctrl+t")
        if isinstance(app.screen, UnlockScreen):  # the gate locked everyone: unlock, as asked
            await give_passphrase(app, pilot, PASSPHRASE)


def kept_text(
    checkins: CheckinService, draft: Checkin, person: Profile, item_id: str
) -> str | None:
    """The text of the draft kept for ``item_id`` so far (None while there is none)."""
    kept = checkins.answer_draft(draft.id, person.id, item_id)
    return None if kept is None else kept.text


def box(app: TrustcheckApp) -> TextAnswer:
    screen = app.screen
    assert isinstance(screen, AnswerScreen)
    return screen.query_one(TextAnswer)


@run_async
async def test_a_draft_is_saved_a_moment_after_the_last_key(
    services: Services, couple: list[Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing keeps a draft within about a second of the last key (shorter here), and it is
    not an answer: the item stays unanswered."""
    monkeypatch.setattr(AnswerScreen, "DRAFT_SECONDS", 0.05)
    alex = couple[0]
    draft, item_id = at_a_written_prompt(services, couple)
    checkins = services.checkins
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # through the turn's gate
        await pilot.press(*WORDS)
        # A busy machine may keep a draft mid-word first: wait for the whole of it.
        await wait_until(pilot, lambda: kept_text(checkins, draft, alex, item_id) == WORDS)
        kept = checkins.answer_draft(draft.id, alex.id, item_id)
        assert kept is not None and kept.text == WORDS and kept.visibility is Visibility.SHARED
        assert messages.DRAFT_KEPT in screen_text(app)
        assert item_id not in checkin_helpers.answers_of(
            checkins, draft.id, alex.id
        )  # a draft is not an answer
        await pilot.press(*" again")
        await wait_until(
            pilot,
            lambda: (
                checkins.answer_draft(draft.id, alex.id, item_id).text  # type: ignore[union-attr]
                == WORDS + " again"
            ),
        )
        await pilot.press("ctrl+n")  # given as the answer: the draft goes with it
        assert checkins.answer_draft(draft.id, alex.id, item_id) is None
        assert (
            checkin_helpers.answers_of(checkins, draft.id, alex.id)[item_id].text
            == WORDS + " again"
        )


def _crash(self: TrustcheckApp) -> None:
    raise RuntimeError("a bug")


_ALWAYS = ["ctrl+q", "escape", "crash", "hang-up"]
#: The locks only apply while a key is held, so to private drafts.
WAYS_OUT = [
    *((way, Visibility.THERAPY) for way in _ALWAYS),
    *((way, Visibility.PRIVATE) for way in [*_ALWAYS, "hide", "idle lock"]),
]


async def leave(way: str, app: TrustcheckApp, pilot: Pilot[None], services: Services) -> None:
    """Leave the app ``way``, without any other save first."""
    screen = app.screen
    assert isinstance(screen, AnswerScreen)
    if way == "ctrl+q":
        await pilot.press("ctrl+q")
    elif way == "escape":
        await pilot.press("escape")
        assert isinstance(app.screen, StopDialog)
        app.exit()  # the terminal goes away while the stop dialog is up
    elif way == "crash":
        await pilot.press("f1")  # help, patched to fail like a bug would
    elif way == "hang-up":
        app.hang_up()  # what the app does on SIGHUP (the real signal: tests/e2e/test_tmux.py)
    elif way == "hide":
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert SECRET not in screen_text(app)  # hidden from the screen at once, kept sealed
        assert messages.DRAFT_SEALED_HIDDEN in screen_text(app)
        app.exit()
    elif way == "idle lock":
        services.keys.lock(screen.person.id)  # what an idle lock does
        await pilot.pause()
        app.exit()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize(("way", "visibility"), WAYS_OUT)
def test_every_way_out_keeps_the_draft_and_who_sees_it(
    way: str,
    visibility: Visibility,
    services: Services,
    couple: list[Profile],
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Type, leave (ctrl+q, esc, a crash, a hang-up, hide, an idle lock) before any debounce,
    start again: the resumed turn lands on this prompt with the words back in the box and who
    sees them as chosen. A private draft is sealed: its words are in no file of the folder."""
    monkeypatch.setattr(AnswerScreen, "DRAFT_SECONDS", 60.0)  # only the way out saves
    monkeypatch.setattr(TrustcheckApp, "action_help", _crash)
    alex = couple[0]
    if visibility is Visibility.PRIVATE:
        services.keys.set_passphrase(alex.id, PASSPHRASE)  # and Alex is unlocked
    draft, item_id = at_a_written_prompt(services, couple)
    words = SECRET if visibility is Visibility.PRIVATE else WORDS

    @run_async
    async def type_and_leave() -> None:
        app = build_app(services, start="checkin")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")  # through the turn's gate
            await choose_visibility(pilot, app, visibility)
            await pilot.press(*words)
            assert services.checkins.answer_draft(draft.id, alex.id, item_id) is None
            await leave(way, app, pilot, services)

    if way == "crash":
        with pytest.raises(RuntimeError):
            type_and_leave()
    else:
        type_and_leave()
    if visibility is Visibility.PRIVATE:
        assert sentinel_on_disk(tmp_path, SECRET) == []

    again = reopen(tmp_path, clock)
    try:
        assert item_id not in checkin_helpers.answers_of(
            again.checkins, draft.id, alex.id
        )  # not an answer

        @run_async
        async def resume() -> None:
            app = build_app(again, start="checkin")
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("enter")  # through the turn's gate
                screen = app.screen
                assert isinstance(screen, AnswerScreen) and screen.item.id == item_id
                assert screen.item.text[:40] in screen_text(app)  # the question stays in view
                if visibility is Visibility.PRIVATE:
                    assert box(app).text == ""  # sealed: back only for its author
                    assert messages.DRAFT_SEALED_HIDDEN in screen_text(app)
                    await pilot.press("ctrl+o")
                    assert isinstance(app.screen, UnlockScreen)
                    await give_passphrase(app, pilot, PASSPHRASE)
                assert box(app).text == words
                assert box(app).visibility is visibility
                await pilot.press("ctrl+n")

        resume()
        answer = checkin_helpers.answers_of(again.checkins, draft.id, alex.id)[item_id]
        assert answer.visibility is visibility
        assert again.checkins.answer_draft(draft.id, alex.id, item_id) is None
    finally:
        again.close()
    if visibility is Visibility.PRIVATE:
        assert sentinel_on_disk(tmp_path, SECRET) == []


@run_async
async def test_text_typed_as_shared_then_made_private_leaves_no_clear_copy(
    services: Services, couple: list[Profile], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft kept in clear while it was shared is replaced by its seal when it is made
    private, and no file of the data folder (database or its log) keeps the words."""
    monkeypatch.setattr(AnswerScreen, "DRAFT_SECONDS", 0.05)
    alex = couple[0]
    services.keys.set_passphrase(alex.id, PASSPHRASE)
    draft, item_id = at_a_written_prompt(services, couple)
    checkins = services.checkins
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # through the turn's gate
        await pilot.press(*SECRET)
        await wait_until(pilot, lambda: kept_text(checkins, draft, alex, item_id) == SECRET)
        assert sentinel_on_disk(tmp_path, SECRET)  # shared: kept as typed (so this can fail)
        await choose_visibility(pilot, app, Visibility.PRIVATE)
        kept = rawdb.drafts(services).get(draft.id, alex.id, checkins.pack.id, item_id)
        assert kept is not None and kept.text is None and kept.sealed
        assert sentinel_on_disk(tmp_path, SECRET) == []
        await pilot.press("ctrl+q")
    assert sentinel_on_disk(tmp_path, SECRET) == []


@run_async
async def test_a_private_draft_typed_while_locked_is_not_written_and_says_so(
    services: Services, couple: list[Profile], tmp_path: Path
) -> None:
    """After a hide, words typed into a private answer cannot be sealed: nothing is written,
    the screen says so, and ctrl+o unlocks and keeps them (sealed)."""
    alex = couple[0]
    services.keys.set_passphrase(alex.id, PASSPHRASE)
    draft, item_id = at_a_written_prompt(services, couple)
    checkins = services.checkins
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # through the turn's gate
        await choose_visibility(pilot, app, Visibility.PRIVATE)
        await pilot.press("ctrl+l")  # hide: Alex is locked, nothing was typed yet
        assert not services.keys.is_unlocked(alex.id)
        await pilot.press(*SECRET)
        screen = app.screen
        assert isinstance(screen, AnswerScreen)
        screen.keep_draft()  # what the debounce does
        assert rawdb.drafts(services).get(draft.id, alex.id, checkins.pack.id, item_id) is None
        assert "Not kept yet: this draft is private and you are locked" in screen_text(app)
        assert sentinel_on_disk(tmp_path, SECRET) == []
        await pilot.press("ctrl+o")
        await give_passphrase(app, pilot, PASSPHRASE)
        assert box(app).text == SECRET  # the words stayed in the box
        kept = checkins.answer_draft(draft.id, alex.id, item_id)
        assert kept is not None and kept.sealed and kept.text == SECRET
    assert sentinel_on_disk(tmp_path, SECRET) == []


@run_async
async def test_a_draft_after_going_back_comes_back_over_the_answer(
    services: Services, couple: list[Profile]
) -> None:
    """A draft is newer than the answer it would replace: going back to a prompt shows it."""
    alex = couple[0]
    draft, item_id = at_a_written_prompt(services, couple)
    checkins = services.checkins
    checkins.save_answer(draft.id, alex.id, item_id, text="first words")
    checkins.save_draft(draft.id, alex.id, item_id, "second thoughts", Visibility.THERAPY)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # through the turn's gate
        assert isinstance(app.screen, AnswerScreen) and app.screen.item.id != item_id
        await pilot.press("ctrl+b")
        assert app.screen.item.id == item_id
        assert box(app).text == "second thoughts"
        assert box(app).visibility is Visibility.THERAPY
        assert messages.DRAFT_RESUMED in screen_text(app)
    assert checkin_helpers.answers_of(checkins, draft.id, alex.id)[item_id].text == "first words"


@run_async
async def test_passing_through_for_therapy_on_the_way_to_private_writes_nothing_in_clear(
    services: Services, couple: list[Profile], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ctrl+t cycles Shared → For therapy → Private: the words typed before are never written
    in clear on the way (only their seal), not even for a moment."""
    monkeypatch.setattr(AnswerScreen, "DRAFT_SECONDS", 60.0)
    alex = couple[0]
    services.keys.set_passphrase(alex.id, PASSPHRASE)
    at_a_written_prompt(services, couple)
    written: list[tuple[Visibility, str | None]] = []
    save = DraftRepo.save

    def spy(repo: DraftRepo, *args: object, **kwargs: object) -> None:
        text = kwargs.get("text")
        written.append((args[4], text if isinstance(text, str) else None))  # type: ignore[arg-type]
        save(repo, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(DraftRepo, "save", spy)  # every draft written, whoever writes it
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # through the turn's gate
        await pilot.press(*SECRET, "ctrl+t", "ctrl+t")
        assert isinstance(app.screen, UnlockScreen)  # the gate locked everyone: unlock, as asked
        await give_passphrase(app, pilot, PASSPHRASE)
        assert box(app).visibility is Visibility.PRIVATE
        await pilot.press("ctrl+q")
    assert written == [(Visibility.PRIVATE, None)]
    assert sentinel_on_disk(tmp_path, SECRET) == []
