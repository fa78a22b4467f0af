"""The support lines (issue 15 §1-2): a person's own resources file can only add to the shipped
list and is always announced; doctor names it and warns about lines checked over a year ago; the
shipped list carries the numbers the issue asks for, each with the page it was confirmed on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cli_results import ok, tc
from trustcheck.core.resources import (
    Resources,
    add_user_resources,
    load_resources,
    months_before,
)
from trustcheck.paths import builtin_resources_file, user_resources_file
from trustcheck.services import Services
from trustcheck.services.ops import doctor

OWN_LINE = """
[[resources]]
locale = "GB"
name = "Our local domestic abuse service"
phone = "01234 567890"
note = "Monday to Friday, 9:00 to 17:00."
source = "https://example.org/contact"
last_checked = 2026-11-01
"""

NEW_PLACE = """
[[locales]]
id = "FR"
name = "France"
emergency = "17 or 112"

[[resources]]
locale = "FR"
name = "Violences Femmes Info"
phone = "3919"
source = "https://example.org/3919"
last_checked = 2026-11-01
"""


def shipped() -> Resources:
    return load_resources(builtin_resources_file())


def write_own(text: str) -> Path:
    path = user_resources_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- a file of your own can only add, and is announced ----------------------------------------


def test_without_a_file_of_your_own_the_shipped_list_is_used_and_nothing_is_announced(
    services: Services,
) -> None:
    resources = services.safety.resources()
    assert resources == shipped()
    assert resources.user_file is None and resources.added == ()
    assert services.safety.user_file_notice(resources) is None


def test_a_file_of_your_own_adds_lines_after_the_shipped_ones_and_is_announced(
    services: Services,
) -> None:
    path = write_own(OWN_LINE + NEW_PLACE)
    resources = services.safety.resources()
    base = shipped()
    # Every shipped line is still there, unchanged and first.
    assert resources.resources[: len(base.resources)] == base.resources
    assert [r.name for r in resources.added] == [
        "Our local domestic abuse service",
        "Violences Femmes Info",
    ]
    assert resources.user_file == str(path)
    assert resources.locale("FR").name == "France"
    uk = [r.name for r in resources.for_locale("GB")]
    assert uk.index("Our local domestic abuse service") > uk.index("Samaritans")
    notice = services.safety.user_file_notice(resources)
    assert notice is not None and str(path) in notice and "2 line(s) you added" in notice


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            '[[locales]]\nid = "GB"\nname = "Mine"\nemergency = "112"\n' + OWN_LINE,
            "locale 'GB' is already in the shipped list",
        ),
        (
            OWN_LINE.replace("Our local domestic abuse service", "Samaritans"),
            "'Samaritans' is already in the shipped list",
        ),
        (
            OWN_LINE.replace("samaritans", "x").replace(
                "Our local domestic abuse service",
                "national domestic abuse helpline (run by refuge)",
            ),
            "is already in the shipped list",
        ),
        ("[[resources]\n", "TOML syntax error"),
    ],
)
def test_a_file_that_would_replace_a_shipped_line_adds_nothing_and_says_why(
    services: Services, text: str, reason: str
) -> None:
    path = write_own(text)
    resources = services.safety.resources()
    base = shipped()
    assert resources.resources == base.resources, "the shipped list is shown exactly as shipped"
    assert resources.locales == base.locales
    assert resources.user_file == str(path)
    assert any(reason in str(p) for p in resources.user_problems), resources.user_problems
    notice = services.safety.user_file_notice(resources)
    assert notice is not None and "could not be used" in notice and str(path) in notice


def test_the_old_replace_everything_file_no_longer_hides_the_shipped_list(tmp_path: Path) -> None:
    """A full copy of the old format (with its own GB and INT) used to replace the list silently."""
    path = tmp_path / "resources.toml"
    path.write_text(
        '[[locales]]\nid = "INT"\nname = "Elsewhere"\nemergency = "112"\n'
        '[[resources]]\nlocale = "INT"\nname = "Only mine"\nwebsite = "https://example.org"\n'
        'source = "https://example.org"\nlast_checked = 2026-01-01\n',
        encoding="utf-8",
    )
    resources = add_user_resources(shipped(), path)
    assert "Only mine" not in [r.name for r in resources.resources]
    assert len(resources.resources) == len(shipped().resources)
    assert resources.user_problems


# --- doctor ------------------------------------------------------------------------------------


def test_doctor_says_when_a_file_of_your_own_is_in_use(tmp_path: Path) -> None:
    path = write_own(OWN_LINE)
    report = doctor(tmp_path / "data", today=dt.date(2026, 12, 7))
    own = [c for c in report.checks if c.label == "support lines (your file)"]
    assert len(own) == 1 and own[0].ok
    assert str(path) in own[0].detail and "adds 1 line(s)" in own[0].detail
    assert report.problems == []


def test_doctor_lists_what_is_wrong_with_a_refused_file_of_your_own(tmp_path: Path) -> None:
    write_own(OWN_LINE.replace("Our local domestic abuse service", "Samaritans"))
    report = doctor(tmp_path / "data", today=dt.date(2026, 12, 7))
    bad = [c for c in report.problems if c.label == "support lines (your file)"]
    assert bad and "already in the shipped list" in bad[0].detail and bad[0].hint


def test_doctor_warns_about_a_line_checked_more_than_twelve_months_ago(tmp_path: Path) -> None:
    write_own(OWN_LINE.replace("2026-11-01", "2025-12-06"))
    report = doctor(tmp_path / "data", today=dt.date(2026, 12, 7))
    stale = [c for c in report.checks if c.warning]
    assert [c.detail for c in stale] == [
        "'Our local domestic abuse service' (United Kingdom) was last checked on 2025-12-06, "
        "more than 12 months ago"
    ]
    assert stale[0].ok and report.problems == [], "a warning is not a problem"
    assert str(user_resources_file()) in (stale[0].hint or "")
    # Exactly twelve months is not yet stale.
    write_own(OWN_LINE.replace("2026-11-01", "2025-12-07"))
    again = doctor(tmp_path / "data", today=dt.date(2026, 12, 7))
    assert not [c for c in again.checks if c.warning]


def test_doctor_warns_about_shipped_lines_once_they_are_a_year_old(tmp_path: Path) -> None:
    report = doctor(tmp_path / "data", today=dt.date(2028, 1, 1))
    stale = [c for c in report.checks if c.warning]
    assert len(stale) == len(shipped().resources)
    assert "update trustcheck" in (stale[0].hint or "")
    fresh = doctor(tmp_path / "data", today=dt.date(2026, 12, 7))
    assert [c.detail for c in fresh.checks if c.label == "support lines (dates)"] == [
        "every line was checked within the last 12 months"
    ]


def test_the_doctor_command_announces_your_file_and_warns_on_the_fixed_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_own(OWN_LINE.replace("2026-11-01", "2024-05-01"))
    monkeypatch.setenv("TRUSTCHECK_TODAY", "2026-12-07")
    out = ok(tc(tmp_path / "data", "doctor"))
    assert f"✓ support lines (your file): {user_resources_file()} is in use" in out
    assert "! support lines (dates): 'Our local domestic abuse service'" in out
    assert out.splitlines()[-1] == "Everything looks fine."


def test_months_before_keeps_the_day_or_takes_the_months_last() -> None:
    assert months_before(dt.date(2026, 12, 7), 12) == dt.date(2025, 12, 7)
    assert months_before(dt.date(2028, 2, 29), 12) == dt.date(2027, 2, 28)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)


# --- the shipped list (issue 15 §2) -------------------------------------------------------------


def by_name(name: str) -> list[str]:
    found = [r for r in shipped().resources if r.name.startswith(name)]
    assert found, name
    return [found[0].phone, found[0].note, found[0].source]


def test_the_shipped_list_has_the_numbers_the_safety_review_asked_for() -> None:
    assert "0458 737 732" in by_name("1800RESPECT")[1]
    assert by_name("Silent Solution")[0] == "999, then 55 on a mobile"
    assert "TTY 1-800-787-3224" in by_name("National Domestic Violence Hotline")[1]
    assert by_name("Respect Phoneline")[0] == "0808 802 4040"
    assert (
        "in German and 18 other languages, and sign language"
        in by_name("Hilfetelefon Gewalt gegen Frauen")[1]
    )
    crisis = {"GB": "116 123", "US": "988", "AU": "13 11 14", "DE": "0800 111 0 111"}
    for place, number in crisis.items():
        phones = [r.phone for r in shipped().for_locale(place)]
        assert any(number in phone for phone in phones), (place, phones)


def test_every_shipped_line_says_when_it_is_open_and_where_it_was_confirmed() -> None:
    for res in shipped().resources:
        assert res.source.startswith("https://"), res.name
        if res.phone:
            note = res.note.lower()
            assert "24 hours" in note or "around the clock" in note, res.name
            if "not open around the clock" in note:
                assert "check the hours" in note and res.website, res.name
    assert "not open around the clock" in by_name("Men's Advice Line")[1].lower()
    assert "not open around the clock" in by_name("Hilfetelefon Gewalt an Männern")[1].lower()
