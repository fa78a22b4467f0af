"""Regenerate the README screenshots from demo data with the app's own screenshot function.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Seeds a fresh temporary data folder with the demo history (Alex and Sam), drives the real app
headless with Textual's Pilot, and saves one SVG per screen.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from trustcheck.core.clock import FixedClock
from trustcheck.core.models import ItemKind, Step, Visibility
from trustcheck.services import Services, open_services
from trustcheck.services.demo import seed_demo
from trustcheck.tui.app import build_app

NOW = dt.datetime(2026, 11, 26, 19, 30).astimezone()
SIZE = (110, 36)


def _fill_this_week(services: Services) -> None:
    """This week's check-in, answered by both and stopped at the reveal."""
    people = services.profiles.people()
    checkins = services.checkins
    checkin = checkins.start([p.id for p in people])
    texts = {
        "open.appreciated": (
            "You listened without fixing it. That's your patience.",
            "You texted when you were running late, every time.",
        ),
        "open.hurt": ("", "When the call went long I felt left out."),
        "open.therapy": ("How we plan weekends.", ""),
    }
    for index, (person, base) in enumerate(zip(people, (6, 5), strict=True)):
        for n, item in enumerate(checkins.pack.items):
            if item.kind is ItemKind.SCALE:
                value = max(1, min(7, base + (n % 3) - 1 - (index and item.area == "security")))
                checkins.save_answer(
                    checkin.id, person.id, item.id, value=8 - value if item.reverse else value
                )
            elif item.kind is ItemKind.RATING:
                checkins.save_answer(checkin.id, person.id, item.id, value=base + 2)
            else:
                text = texts.get(item.id, ("", ""))[index]
                checkins.save_answer(
                    checkin.id,
                    person.id,
                    item.id,
                    text=text,
                    visibility=Visibility.THERAPY
                    if item.id == "open.therapy"
                    else Visibility.SHARED,
                )
    checkins.advance_from(checkin, to=Step.REVEAL)


async def _shoot(
    data: Path,
    out: Path,
    name: str,
    start: str,
    drive: Callable[[Pilot[None]], Awaitable[None]] | None = None,
) -> None:
    services = open_services(data, FixedClock(NOW))
    try:
        app = build_app(services, start=start)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            if drive is not None:
                await drive(pilot)
                await pilot.pause()
            app.save_screenshot(str(out / f"{name}.svg"))
    finally:
        services.close()
    print(f"wrote {out / name}.svg")


async def _open_trends(pilot: Pilot[None]) -> None:
    """Home, then ``t``: the Trends screen over the last 6 months."""
    await pilot.press("t")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "TrendsScreen", pilot.app.screen


async def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        services = open_services(data, FixedClock(NOW))
        try:
            seed_demo(services, weeks=26)
        finally:
            services.close()
        await _shoot(data, out, "home", "home")
        await _shoot(data, out, "trends", "home", _open_trends)
        services = open_services(data, FixedClock(NOW))
        try:
            _fill_this_week(services)
        finally:
            services.close()
        await _shoot(data, out, "reveal", "checkin")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    asyncio.run(main(parser.parse_args().out))
