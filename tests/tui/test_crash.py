"""A crash tells the truth and keeps secrets: no passphrase or private text gets out."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest

from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.tui.app import build_app
from trustcheck.tui.crash import write_crash_report
from trustcheck.tui.screens.home import HomeScreen

from .conftest import run_async

PASSPHRASE = "correct-horse-77"
PRIVATE = "whisperingotter5"


def _fail_with_secrets() -> None:
    passphrase = PASSPHRASE  # noqa: F841 - a local a traceback-with-locals would print
    private = PRIVATE
    raise ValueError(f"could not save {private!r}")


def _raised() -> ValueError:
    try:
        try:
            _fail_with_secrets()
        except ValueError as inner:
            raise RuntimeError(f"while saving {PRIVATE}") from inner
    except RuntimeError as exc:
        return exc  # type: ignore[return-value]
    raise AssertionError("unreachable")


def test_report_has_types_and_frames_only(tmp_path: Path) -> None:
    error = _raised()
    when = dt.datetime(2026, 11, 25, 19, 30, 5)
    path = write_crash_report(error, tmp_path, now=when)
    assert path.name == "crash-20261125-193005.log"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    report = path.read_text()
    assert PASSPHRASE not in report and PRIVATE not in report
    assert "error: ValueError" in report and "error: RuntimeError" in report
    assert "test_crash.py:" in report and ":_fail_with_secrets" in report
    assert not any(line.strip().startswith("/") for line in report.splitlines())  # no full paths

    again = write_crash_report(error, tmp_path, now=when)  # same second: a new file
    assert again.name == "crash-20261125-193005-2.log" and path.exists()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_forced_crash_prints_one_redacted_line(
    services: Services,
    solo: list[Profile],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    robin = solo[0]
    services.keys.set_passphrase(robin.id, PASSPHRASE)
    services.journal.add(robin.id, PRIVATE)  # and Robin stays unlocked

    def explode(self: HomeScreen) -> None:
        _fail_with_secrets()

    monkeypatch.setattr(HomeScreen, "action_journal", explode)

    @run_async
    async def crash() -> None:
        app = build_app(services)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("j")

    with pytest.raises(ValueError):
        crash()
    printed = capsys.readouterr()
    out = printed.out + printed.err
    assert "Nothing was lost" in out and "ValueError" in out
    assert PASSPHRASE not in out and PRIVATE not in out
    [report] = tmp_path.glob("crash-*.log")
    assert report.name in out.replace("\n", "")
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    text = report.read_text()
    assert PASSPHRASE not in text and PRIVATE not in text
    assert ":_fail_with_secrets" in text
    assert not services.keys.is_unlocked(robin.id)  # keys are dropped on the way out
