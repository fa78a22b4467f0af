"""Home imports only what it shows (issue 13, fast by design: lazy imports at the edges).

Home is the screen every launch shows first. It reads this week's status, the last commitments
and its 26-week trend line through ``services.week`` and ``services.trends``; the check-in's own
layers (answers, turns, the reveal), the Trends screen and plotext are imported when opened.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from trustcheck import messages
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile, Step
from trustcheck.services import Services

from .conftest import seed_previous_week

# Run in a fresh interpreter: the app at home over DATA, then what was imported and shown.
_HOME = """
import asyncio, json, sys
from pathlib import Path
from textual.widgets import Static
from trustcheck.services import open_services
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.home import HomeScreen

async def main(data):
    services = open_services(Path(data))
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), app.screen
        shown = {w: str(app.screen.query_one(w, Static).render()) for w in ("#status", "#trend")}
        commitments = [str(s.render()) for s in app.screen.query(".commitment").results(Static)]
    services.close()
    return {"modules": sorted(sys.modules), "shown": shown, "commitments": commitments}

print(json.dumps(asyncio.run(main(sys.argv[1]))))
"""


def _in_a_fresh_interpreter(script: str, data: Path) -> dict[str, Any]:
    """What ``script`` printed last (JSON), run over the data folder ``data``."""
    result = subprocess.run(
        [sys.executable, "-c", script, str(data)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def test_home_shows_its_status_without_importing_the_checkin_layers(
    services: Services, couple: list[Profile], clock: FixedClock, tmp_path: Path
) -> None:
    """Home says whose turn it is in the check-in under way, shows the last commitments and the
    trend line, and has imported neither the check-in's layers nor the Trends screen nor plotext
    (each imported when it is opened)."""
    clock.advance(weeks=-1)
    seed_previous_week(services, clock, couple)
    clock.advance(weeks=1)
    seed_previous_week(services, clock, couple)  # two check-ins: a trend line
    draft = services.checkins.start([p.id for p in couple])
    services.checkins.advance_from(draft, Step.ANSWER_A)  # this week's, at Alex's turn
    found = _in_a_fresh_interpreter(_HOME, tmp_path)
    assert found["shown"]["#status"] == messages.STATUS_TURN.format(name="Alex")
    assert "Alex" in found["shown"]["#trend"] and "Sam" in found["shown"]["#trend"]
    assert any("Text when I'm running late" in c for c in found["commitments"])
    modules = set(found["modules"])
    assert "trustcheck.services.week" in modules
    for lazy in (
        "trustcheck.services.checkin",
        "trustcheck.services.checkin_answers",
        "trustcheck.services.checkin_turn",
        "trustcheck.services.checkin_reveal",
        "trustcheck.services.checkin_commitments",
        "trustcheck.tui.screens.trends",
        "plotext",
    ):
        assert lazy not in modules, f"home imported {lazy}"


# Run in a fresh interpreter: the app at home over DATA, ``c`` pressed, then what was imported.
_OPEN_CHECKIN = """
import asyncio, json, sys
from pathlib import Path
from trustcheck.services import open_services
from trustcheck.tui.app import build_app

async def main(data):
    services = open_services(Path(data))
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = type(app.screen).__name__
    services.close()
    return {"modules": sorted(sys.modules), "shown": shown}

print(json.dumps(asyncio.run(main(sys.argv[1]))))
"""


def test_opening_a_checkin_imports_only_its_first_screen(
    services: Services, couple: list[Profile], tmp_path: Path
) -> None:
    """``c`` on home opens this week's first step (who is checking in), and imports that step's
    screen only: the answering screen with its text editor, the safety check, the reveal, the
    commitments and the close are imported when their step is first shown (``tui/flow.py``)."""
    found = _in_a_fresh_interpreter(_OPEN_CHECKIN, tmp_path)
    assert found["shown"] == "OpenScreen"
    modules = set(found["modules"])
    assert "trustcheck.tui.screens.open" in modules
    for later in ("answer", "safety", "reveal", "commitments", "close", "handover", "gate"):
        assert f"trustcheck.tui.screens.{later}" not in modules, f"c imported {later}"
    assert "textual.widgets._text_area" not in modules
