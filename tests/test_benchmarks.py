"""The benchmark times what a person sees: home is complete once its footer keys and trend line
are painted on a real terminal, and the baseline once its footer and last widget are.

These run the real ``trustcheck`` command and ``benchmarks/minimal_app.py`` on a pseudo-terminal
through the benchmark's own runner (``budgets.paint_until``), so a change to home's footer or trend
line that the benchmark would no longer recognise fails here, not in a benchmark run.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="pseudo-terminals, /proc")

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
TRUSTCHECK = str(Path(sys.executable).with_name("trustcheck"))


@pytest.fixture(scope="module")
def budgets() -> Any:
    sys.path.insert(0, str(BENCH))
    try:
        return importlib.import_module("budgets")
    finally:
        sys.path.remove(str(BENCH))


def _demo(folder: Path, weeks: int) -> Path:
    data = folder / "data"
    subprocess.run(
        [TRUSTCHECK, "--data-dir", str(data), "demo", "--weeks", str(weeks), "--no-open"],
        check=True,
        capture_output=True,
    )
    return data


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(HOME=str(tmp_path / "home"), TERM="xterm-256color")
    return env


def test_painted_text_keeps_what_a_terminal_shows_without_escape_codes(budgets: Any) -> None:
    raw = (
        b"\x1b[?1049h\x1b]0;title\x07\x1b[1;1H\x1b[38;2;1;2;3m c \x1b[0mCheck in"
        b"\x1b(B\x1b=  \xe2\x96\x81\xe2\x96\x87  84.2\r\n"
    )
    assert budgets.painted_text(raw) == " c Check in  ▁▇  84.2\r\n"


def test_home_is_complete_only_with_its_footer_keys_and_trend_line(
    budgets: Any, tmp_path: Path
) -> None:
    """The real command on a pty: the benchmark sees the footer and both partners' trend lines,
    and reads the process's own peak RSS."""
    data = _demo(tmp_path, 8)
    found = budgets.paint_until(
        [TRUSTCHECK, "--data-dir", str(data)], _env(tmp_path), budgets.HOME_COMPLETE
    )
    assert set(found["marks_ms"]) == set(budgets.HOME_COMPLETE)
    assert found["s"] * 1000 == max(found["marks_ms"].values())
    assert 10 * 1024 < found["maxrss_kib"] < 1024 * 1024


def test_a_home_without_its_trend_line_is_not_taken_as_complete(
    budgets: Any, tmp_path: Path
) -> None:
    """One check-in draws no trend line: the benchmark waits, and says what never appeared."""
    data = _demo(tmp_path, 1)
    with pytest.raises(budgets.ProcessFailed, match="trend Alex"):
        budgets.paint_until(
            [TRUSTCHECK, "--data-dir", str(data)],
            _env(tmp_path),
            budgets.HOME_COMPLETE,
            timeout=5.0,
        )


def test_the_plain_baseline_app_is_painted_with_its_footer_keys(
    budgets: Any, tmp_path: Path
) -> None:
    found = budgets.paint_until(
        [sys.executable, str(BENCH / "minimal_app.py")], _env(tmp_path), budgets.MINIMAL_PAINTED
    )
    assert set(found["marks_ms"]) == {"footer", "last widget"}
