"""Fixtures for the TUI tests: services over a temporary data dir and a fixed clock."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import io
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, ParamSpec

import pytest
from rich.console import Console
from textual.app import App
from textual.pilot import Pilot

from trustcheck.core.clock import FixedClock
from trustcheck.core.models import ItemKind, Profile
from trustcheck.services import Services, open_services
from trustcheck.tui.app import TrustcheckApp
from trustcheck.tui.widgets.passphrase import PassphraseInput

P = ParamSpec("P")

NOW = dt.datetime(2026, 11, 25, 19, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does may touch the real home folder."""
    monkeypatch.setenv("TRUSTCHECK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TRUSTCHECK_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def services(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    svc = open_services(tmp_path, clock=clock, weak_kdf=True)
    yield svc
    svc.close()


@pytest.fixture
def couple(services: Services) -> list[Profile]:
    return services.profiles.setup(["Alex", "Sam"])


@pytest.fixture
def solo(services: Services) -> list[Profile]:
    return services.profiles.setup(["Robin"])


def fill_turn(
    services: Services, checkin_id: int, profile_id: int, base: int, upto: int | None = None
) -> None:
    """Answer every item (or the first ``upto``) for one person straight through the service."""
    for n, item in enumerate(services.checkins.pack.items[:upto]):
        if item.kind is ItemKind.SCALE:
            value = max(1, min(7, base + (n % 3) - 1))
            services.checkins.save_answer(checkin_id, profile_id, item.id, value=value)
        elif item.kind is ItemKind.RATING:
            services.checkins.save_answer(checkin_id, profile_id, item.id, value=base + 2)
        else:
            services.checkins.save_answer(checkin_id, profile_id, item.id, text=f"words {n}")


def seed_previous_week(services: Services, clock: FixedClock, people: list[Profile]) -> int:
    """A completed check-in one week back, with one commitment from the first person."""
    clock.advance(weeks=-1)
    checkins = services.checkins
    checkin = checkins.start([p.id for p in people])
    for base, person in zip((4, 5), people, strict=False):
        fill_turn(services, checkin.id, person.id, base)
    checkins.add_commitment(checkin, people[0].id, "Text when I'm running late")
    checkins.complete(checkin)
    clock.advance(weeks=1)
    return checkin.id


def keys_for_turn(
    services: Services,
    *,
    scale: str = "5",
    rating: str = "t",
    texts: dict[str, str] | None = None,
    skip: tuple[str, ...] = (),
    therapy: tuple[str, ...] = (),
) -> list[str]:
    """The key presses that answer one whole fresh turn past its gate: the private safety check
    skipped, every question, the review.

    ``skip`` item ids get ``s`` (scale/rating) or stay empty (text); ``therapy`` text items are
    switched to "for therapy" with ctrl+t before saving.
    """
    texts = texts or {}
    # The private safety check opens a fresh turn, before the questions: skipped.
    keys: list[str] = ["s"]
    for item in services.checkins.pack.items:
        if item.kind is ItemKind.TEXT:
            if item.id not in skip:
                keys.extend(texts.get(item.id, "ok"))
            if item.id in therapy:
                keys.append("ctrl+t")
            keys.append("ctrl+n")
        elif item.id in skip:
            keys.append("s")
        else:
            keys.append(rating if item.kind is ItemKind.RATING else scale)
    keys.append("ctrl+n")  # the review of the turn's answers: done
    return keys


def screen_text(app: App[None]) -> str:
    """What the terminal shows right now, as plain text (the way a screenshot is taken)."""
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
    )
    render = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(render)
    return console.export_text(styles=False)


def run_async(test: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, None]:
    """Run an async Pilot test without an async pytest plugin (none is a dependency)."""

    @functools.wraps(test)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


@pytest.fixture(autouse=True)
def _quick_screens(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot presses keys as fast as the app takes them: the answer screen's settle pause (keys
    typed while a question changes are not taken) is off unless a test turns it on."""
    from trustcheck.tui.screens.answer import AnswerScreen

    monkeypatch.setattr(AnswerScreen, "SETTLE_SECONDS", 0.0)


async def give_passphrase(app: TrustcheckApp, pilot: Pilot[None], passphrase: str) -> None:
    """Fill the open passphrase modal (set or unlock) without typing, and submit it."""
    for field in app.screen.query(PassphraseInput):
        field.value = passphrase
    for _ in app.screen.query(PassphraseInput):
        await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
