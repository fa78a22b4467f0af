"""A stored date or time changed outside the app (issue 16 §4): the TUI keeps its promises.

The journal lists every other entry and says one could not be opened, as for a tampered seal;
a screen that cannot go on without the value ends the app with the same one line the command
line prints (what to do about it), exit code 1, and no crash report: it is not a bug.
"""

from __future__ import annotations

import pytest

import rawdb
from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.storage.errors import DamagedValueError
from trustcheck.tui.app import build_app
from trustcheck.tui.screens.journal import JournalScreen

from .conftest import NOW, run_async, screen_text
from .test_journal import PASS, SIZE, unlock


@run_async
async def test_the_journal_lists_the_others_and_says_one_could_not_be_opened(
    services: Services, solo: list[Profile]
) -> None:
    (robin,) = solo
    services.keys.set_passphrase(robin.id, PASS)
    for n, text in enumerate(("first walk", "second walk", "third walk")):
        services.journal.add(robin.id, text, written_at=NOW.replace(day=n + 1))
    services.keys.lock(robin.id)
    rawdb.database(services).conn.execute(
        "UPDATE journal_entries SET written_at = '2026-02-30T10:00:00+00:00' "
        "WHERE id = (SELECT min(id) FROM journal_entries)"
    )
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await unlock(app, pilot)
        assert isinstance(app.screen, JournalScreen)
        shown = screen_text(app)
        assert "second walk" in shown and "third walk" in shown
        assert "first walk" not in shown
        assert "1 entry could not be opened" in shown
        assert "1970" not in shown


def test_a_damaged_checkin_time_ends_the_app_with_one_line_and_no_report(
    services: Services,
    couple: list[Profile],
    capsys: pytest.CaptureFixture[str],
) -> None:
    alex, sam = couple
    draft = services.checkins.start([alex.id, sam.id])
    rawdb.database(services).conn.execute(
        "UPDATE checkins SET started_at = 'yesterday' WHERE id = ?", (draft.id,)
    )

    @run_async
    async def open_app() -> None:
        app = build_app(services)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()

    with pytest.raises(DamagedValueError):
        open_app()  # run_test hands the error back; the real program prints the line below
    printed = capsys.readouterr()
    out = printed.out + printed.err
    assert "trustcheck: a stored date or time is damaged ('yesterday')" in out
    assert "trustcheck doctor" in out
    assert not list(services.data_dir.glob("crash-*.log"))
