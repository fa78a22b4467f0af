"""`trustcheck trends` as a person runs it: empty, short and ten-year histories, piped output."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from cli_results import tc
from trustcheck.core.change import CHANGE_METHOD
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import AREAS
from trustcheck.services import open_services
from trustcheck.services.demo import seed_demo


def _seed(data: Path, weeks: int) -> None:
    services = open_services(data, FixedClock(dt.datetime.now().astimezone()))
    try:
        seed_demo(services, weeks=weeks)
    finally:
        services.close()


@pytest.fixture(scope="module")
def ten_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("ten") / "data"
    _seed(data, 520)
    return data


def _plain(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert "\x1b" not in out  # piped: plain text
    assert "nan" not in out.lower().replace("nance", "")
    assert all(len(line) <= 80 for line in out.splitlines())
    return out


def test_no_check_ins_yet_is_a_sentence(tmp_path: Path) -> None:
    out = _plain(tc(tmp_path / "data", "trends"))
    assert "No check-ins yet" in out


def test_one_check_in_says_trends_need_two(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _seed(data, 1)
    out = _plain(tc(data, "trends"))
    assert "One check-in so far: trends need at least two." in out
    assert "┌" not in out  # no empty chart


def test_a_short_history_has_charts_figures_and_both_names(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _seed(data, 8)
    out = _plain(tc(data, "trends"))
    assert "Trust index (0–100)" in out
    assert "Alex: solid line" in out and "Sam: dotted line" in out
    assert "Figures" in out


def test_ten_years_with_range_and_area(ten_years: Path) -> None:
    out = _plain(tc(ten_years, "trends"))
    assert "(520 weeks, 520 check-ins)" in out
    assert "has risen in the last 4 weeks" not in out  # ten steady years: no change named
    narrowed = _plain(tc(ten_years, "trends", "--weeks", "8", "--area", "closeness"))
    assert "(8 weeks, 8 check-ins)" in narrowed
    assert "Closeness" in narrowed and "Communication" not in narrowed


def test_an_unknown_area_is_one_line_and_exit_1(ten_years: Path) -> None:
    result = tc(ten_years, "trends", "--area", "nope")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "trustcheck: there is no area called 'nope'; choose one of: communication, security, "
        "closeness, reliability, openness"
    ]


def test_trends_json_gives_each_area_its_change_and_names_the_method(tmp_path: Path) -> None:
    """Issue 14: a machine-readable trends output (docs/trends-json.md)."""
    data = tmp_path / "data"
    _seed(data, 26)
    result = tc(data, "trends", "--json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii()
    body = json.loads(result.stdout)
    assert (body["format"], body["format_version"]) == ("trustcheck-trends", 1)
    assert body["weeks"] == 26 and body["checkins"] == 26
    assert body["method"]["text"] == CHANGE_METHOD and body["method"]["doc"] == "docs/change.md"
    assert [p["name"] for p in body["people"]] == ["Alex", "Sam"]
    changes = []
    for person in body["people"]:
        assert set(person["areas"]) == set(AREAS)
        for area, figures in person["areas"].items():
            assert figures["change"] in ("rise", "fall", "none", "unknown")
            assert 0 <= figures["latest"] <= 100
            if figures["change"] in ("rise", "fall"):
                changes.append((person["name"], area, figures["change"]))
                assert abs(figures["recent"] - figures["usual"]) >= 10
    # The same verdicts as the words of `trustcheck trends`.
    words = _plain(tc(data, "trends"))
    assert len(changes) == words.count("has risen in the last 4 weeks") + words.count(
        "has fallen in the last 4 weeks"
    )


def test_trends_json_of_too_few_weeks_says_unknown_and_why(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _seed(data, 3)
    body = json.loads(tc(data, "trends", "--json", "--area", "closeness").stdout)
    closeness = body["people"][0]["areas"]["closeness"]
    assert (closeness["change"], closeness["reason"]) == ("unknown", "too few weeks")
    assert list(body["people"][0]["areas"]) == ["closeness"]
