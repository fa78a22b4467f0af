"""Shared fixtures: every test gets its own data folder, a fixed clock and services over it."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from trustcheck.core.clock import TODAY_ENV, FixedClock
from trustcheck.paths import DATA_DIR_ENV
from trustcheck.services import Services, open_services

#: A Wednesday evening; its check-in week starts on Monday 23 November 2026.
NOW = dt.datetime(2026, 11, 25, 19, 30, tzinfo=dt.UTC)


def pytest_configure(config: pytest.Config) -> None:
    """Every CLI and TUI a test starts, module fixtures included, lives on the fixed clock's day."""
    os.environ[TODAY_ENV] = NOW.date().isoformat()


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real user data folder: point TRUSTCHECK_DATA_DIR at this test's tmp."""
    data_dir = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(data_dir))
    monkeypatch.setenv("TRUSTCHECK_CONFIG_DIR", str(tmp_path / "config"))
    return data_dir


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def services(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    opened = open_services(tmp_path / "data", clock)
    try:
        yield opened
    finally:
        opened.close()
