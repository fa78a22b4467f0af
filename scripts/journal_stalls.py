"""How long the journal screen holds up the UI: opening it, and each key of a typed search.

    .venv/bin/python scripts/journal_stalls.py [--entries 10000] [--runs 5] [--word walk]
                                               [--data-dir DIR]

Seeds a temporary data folder with one person's journal (or uses ``--data-dir``, seeded by an
earlier run with ``--keep``), drives the real app headless with Textual's Pilot, and reports the
longest stall of the app's event loop (the UI thread: what stalls it stalls every frame) while the
journal opens and while each key of the search is typed. A 1 ms ticker on the loop measures it.

Not a test and not a benchmark row: a quick look while working on the journal. Numbers depend on
the machine and on what else runs on it; compare runs made side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from trustcheck.services import open_services
from trustcheck.tui.app import build_app

PASSPHRASE = "stall check"
WORDS = (
    "today", "we", "talked", "about", "the", "week", "and", "I", "felt", "heard", "tired",
    "calm", "worried", "work", "dinner", "walk", "phone", "trust", "promise", "kept", "late",
    "sorry", "thanks", "closer", "space", "listen", "plan", "weekend", "again", "small",
)  # fmt: skip


def seed(folder: Path, entries: int) -> None:
    """One person with ``entries`` journal entries of about 200 characters, newest last."""
    services = open_services(folder)
    try:
        person = services.profiles.setup(["Robin"])[0]
        services.keys.set_passphrase(person.id, PASSPHRASE)
        newest = dt.datetime(2026, 1, 1, 21, 0).astimezone()
        for i in range(entries):
            n = i * 7919 + 17
            words: list[str] = []
            while sum(len(w) + 1 for w in words) < 200:
                n = (n * 1103515245 + 12345) % 2**31
                words.append(WORDS[n % len(WORDS)])
            services.journal.add(
                person.id,
                " ".join(words).capitalize(),
                rating=i % 11,
                tags=("work",) if i % 5 == 0 else (),
                written_at=newest - dt.timedelta(hours=14 * (entries - 1 - i)),
            )
    finally:
        services.close()


class Ticker:
    """The longest gap between two ticks of a 1 ms timer on the event loop since ``take``."""

    def __init__(self) -> None:
        self.running = True
        self.longest = 0.0

    async def run(self) -> None:
        last = time.perf_counter()
        while self.running:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last)
            last = now

    def take(self) -> float:
        longest, self.longest = self.longest, 0.0
        return longest * 1000


async def one_run(folder: Path, word: str) -> tuple[float, list[float]]:
    services = open_services(folder)
    person = services.profiles.people()[0]
    services.keys.unlock(person.id, PASSPHRASE)
    app = build_app(services)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            ticker = Ticker()
            task = asyncio.create_task(ticker.run())
            await pilot.pause(0.5)
            ticker.take()
            await pilot.press("j")  # the journal, unlocked: it opens at once
            for _ in range(2):  # the first screenful, then the rest in the background
                await app.workers.wait_for_complete()
                await pilot.pause(0.6)
            opening = ticker.take()
            await pilot.press("slash")
            await pilot.pause(0.2)
            ticker.take()
            keys = []
            for key in word:
                await pilot.press(key)
                await app.workers.wait_for_complete()
                await pilot.pause(0.3)
                keys.append(ticker.take())
            ticker.running = False
            await task
    finally:
        services.close()
    return opening, keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--word", default="walk")
    parser.add_argument("--data-dir", type=Path, help="a folder seeded by an earlier run")
    parser.add_argument("--keep", type=Path, help="seed into this folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.data_dir or args.keep or Path(scratch) / "data"
        if args.data_dir is None:
            started = time.perf_counter()
            seed(folder, args.entries)
            print(f"seeded {args.entries} entries in {time.perf_counter() - started:.0f} s")
        openings: list[float] = []
        keys: list[float] = []
        for _ in range(args.runs):
            opening, typed = asyncio.run(one_run(folder, args.word))
            openings.append(opening)
            keys.extend(typed)
            print(f"open {opening:4.0f} ms   keys " + " ".join(f"{k:4.0f}" for k in typed))
    print(
        f"longest stall, median of {args.runs} runs: opening {statistics.median(openings):.0f} ms, "
        f"a key {statistics.median(keys):.0f} ms (longest {max(keys):.0f} ms)"
    )


if __name__ == "__main__":
    main()
