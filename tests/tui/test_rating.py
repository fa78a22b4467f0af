"""Issue 12, section 2: the 0–10 rating takes "10", and no key lands on the next question."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

import checkin_helpers
from trustcheck import messages
from trustcheck.core.models import Checkin, ItemKind, Profile
from trustcheck.services import Services
from trustcheck.tui.app import TrustcheckApp, build_app
from trustcheck.tui.screens.answer import AnswerScreen
from trustcheck.tui.screens.handover import HandoverScreen
from trustcheck.tui.screens.reveal import RevealScreen
from trustcheck.tui.widgets.scale import RatingPicker
from trustcheck.tui.widgets.text_answer import TextAnswer

from .conftest import fill_turn, run_async, screen_text
from .test_drafts import wait_until

SIZE = (120, 40)
RATING = "overall.trust"


def at_item(services: Services, couple: list[Profile], item_id: str) -> Checkin:
    """Alex's turn with every item before ``item_id`` answered; Sam's all but the last."""
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([p.id for p in couple]))
    items = checkins.pack.items
    upto = next(n for n, item in enumerate(items) if item.id == item_id)
    fill_turn(services, draft.id, couple[0].id, base=5, upto=upto)
    fill_turn(services, draft.id, couple[1].id, base=3, upto=len(items) - 1)
    return draft


def answer_screen(app: TrustcheckApp) -> AnswerScreen:
    screen = app.screen
    assert isinstance(screen, AnswerScreen)
    return screen


def stored(services: Services, draft: Checkin, person: Profile, item_id: str) -> int | None:
    answer = checkin_helpers.answers_of(services.checkins, draft.id, person.id).get(item_id)
    return None if answer is None else answer.value


@pytest.fixture
def no_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    """A lone "1" waits as long as the test needs: the machine's speed cannot end it early."""
    monkeypatch.setattr(RatingPicker, "PENDING_SECONDS", 60.0)


async def settled(pilot: Pilot[None], app: TrustcheckApp) -> None:
    await wait_until(pilot, lambda: not answer_screen(app).changing)


@pytest.mark.usefixtures("no_pause")
@run_async
async def test_typing_1_0_stores_10_and_the_reveal_shows_10(
    services: Services, couple: list[Profile]
) -> None:
    """ "1" then "0" at typing pace is 10 (not 1 with a "0" in the next box), at the reveal too."""
    alex, sam = couple
    draft = at_item(services, couple, RATING)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # through the turn's gate
        assert answer_screen(app).item.id == RATING
        assert messages.RATING_KEYS_HINT in screen_text(app)  # the screen says how to type 10
        await pilot.press("1")
        assert messages.RATING_PENDING.format(value=1) in screen_text(app)
        assert stored(services, draft, alex, RATING) is None  # waiting for a second digit
        await pilot.press("0")
        assert stored(services, draft, alex, RATING) == 10
        screen = answer_screen(app)
        assert screen.item.kind is ItemKind.TEXT
        assert screen.query_one(TextAnswer).text == ""  # the "0" is not in the next box
        # The rest of Alex's turn left empty, the review done; then Sam's last prompt and
        # review (the safety checks come before the questions, so not in a resumed turn).
        texts = sum(1 for item in services.checkins.pack.items if item.kind is ItemKind.TEXT)
        await pilot.press(*["ctrl+n"] * texts, "ctrl+n")
        assert isinstance(app.screen, HandoverScreen)
        await pilot.press("enter", "ctrl+n", "ctrl+n")
        assert isinstance(app.screen, RevealScreen)
        row = next(
            line for line in screen_text(app).splitlines() if messages.REVEAL_OVERALL in line
        )
        assert "10" in row.split(messages.REVEAL_OVERALL, 1)[1].split()[0]
    assert services.checkins.reveal(draft).overall_now == (10, 3 + 2)
    assert stored(services, draft, sam, RATING) == 5


@pytest.mark.usefixtures("no_pause")
@run_async
async def test_1_then_enter_stores_1(services: Services, couple: list[Profile]) -> None:
    """A lone "1" and Enter is 1; the Enter does not reach the next (written) question."""
    alex = couple[0]
    draft = at_item(services, couple, RATING)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # through the turn's gate
        await pilot.press("1", "enter")
        assert stored(services, draft, alex, RATING) == 1
        assert answer_screen(app).query_one(TextAnswer).text == ""


@run_async
async def test_1_then_a_pause_stores_1(
    services: Services, couple: list[Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lone "1" and a pause (0.6 s; shorter here) is 1."""
    monkeypatch.setattr(RatingPicker, "PENDING_SECONDS", 0.05)
    alex = couple[0]
    draft = at_item(services, couple, RATING)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # through the turn's gate
        await pilot.press("1")
        await wait_until(pilot, lambda: stored(services, draft, alex, RATING) is not None)
        assert stored(services, draft, alex, RATING) == 1
        assert answer_screen(app).item.kind is ItemKind.TEXT


@run_async
async def test_t_is_10_as_the_screen_says(services: Services, couple: list[Profile]) -> None:
    alex = couple[0]
    draft = at_item(services, couple, RATING)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # through the turn's gate
        assert "t is 10" in screen_text(app)
        await pilot.press("t")
        assert stored(services, draft, alex, RATING) == 10


@run_async
async def test_keys_typed_while_the_question_changes_reach_no_question(
    services: Services, couple: list[Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys typed while one question gives way to the next (a double "55", a key after the
    answer) neither answer the next question nor appear in its box; once it is shown, keys work.
    The pause is long here so the machine's speed cannot decide the test."""
    monkeypatch.setattr(AnswerScreen, "SETTLE_SECONDS", 2.0)
    alex = couple[0]
    items = services.checkins.pack.items
    before = items[next(n for n, i in enumerate(items) if i.id == RATING) - 1]
    assert before.kind is ItemKind.SCALE
    draft = at_item(services, couple, before.id)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # through the turn's gate
        await settled(pilot, app)
        await pilot.press("5", "3")  # a scale answer, and a key during the change
        assert stored(services, draft, alex, before.id) == 5
        assert answer_screen(app).item.id == RATING
        assert stored(services, draft, alex, RATING) is None  # the "3" answered nothing
        await settled(pilot, app)
        await pilot.press("7", "x", "y")
        assert stored(services, draft, alex, RATING) == 7
        box = answer_screen(app).query_one(TextAnswer)
        assert box.text == ""  # "x" and "y" were typed while the screen changed
        await settled(pilot, app)
        await pilot.press("o", "k")
        assert box.text == "ok"


@run_async
async def test_a_save_that_cannot_happen_keeps_the_question_and_says_why(
    services: Services, couple: list[Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16, section 4: a failed save crashed the app (while the message said nothing was
    lost). Now the question stays, the reason is on screen, and giving the answer again saves
    it."""
    from trustcheck.storage.errors import WriteFailed
    from trustcheck.storage.repos.answers import AnswerRepo

    alex = couple[0]
    draft = at_item(services, couple, RATING)
    real = AnswerRepo.save
    failing = {"on": True}

    def save(repo: AnswerRepo, *args: object, **kwargs: object) -> None:
        if failing["on"]:
            raise WriteFailed(messages.DISK_FULL)
        real(repo, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(AnswerRepo, "save", save)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # through the turn's gate
        await pilot.press("t")  # 10
        await pilot.pause()
        screen = answer_screen(app)
        assert screen.item.id == RATING  # still this question
        assert "the disk is full" in screen_text(app)
        assert stored(services, draft, alex, RATING) is None
        failing["on"] = False
        await pilot.press("t")  # the person gives it again
        await pilot.pause()
        assert stored(services, draft, alex, RATING) == 10
        assert answer_screen(app).item.id != RATING
    assert app.return_code in (None, 0)
