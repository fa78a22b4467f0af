"""Exports with modules and the safety question (issue 5 part 3, issue 6 part 4).

Crossroads answers (a private pack) and safety answers are absent from every format unless the
person includes their own private data, and then only theirs. Shared module scores appear in a
short "Modules" section. A JSON export carries pack versions, settings and (with consent) the
safety answers through an import.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import rawdb
from trustcheck import messages
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import ItemKind, Profile, Visibility
from trustcheck.export import FORMATS
from trustcheck.services import Services, open_services
from trustcheck.services.export import ExportRequest, ExportService, PrivateKind
from trustcheck.services.importer import import_dump, parse_dump
from trustcheck.services.safety import SafetyAnswer

NOW = dt.datetime(2026, 11, 25, 19, 30, tzinfo=dt.UTC)
WORDS = {"Alex": "alex words", "Sam": "sam words"}
WEEKS = 3


def crossroads_note(name: str) -> str:
    return f"Crossroadsentinel{name}"


def jealousy_note(name: str) -> str:
    return f"Jealousysentinel{name}"


def build(services: Services, clock: FixedClock) -> list[Profile]:
    """Three check-ins with jealousy (shared) and crossroads (private) on, and a safety answer
    from each person every week: Alex says yes in the last week, Sam always no."""
    people = services.profiles.setup(["Alex", "Sam"])
    for p in people:
        services.keys.set_passphrase(p.id, WORDS[p.name])
    services.packs.set_enabled("jealousy", True)
    services.packs.set_enabled("crossroads", True)
    clock.advance(weeks=-WEEKS)
    c = services.checkins
    for w in range(WEEKS):
        checkin = c.start([p.id for p in people])
        for k, person in enumerate(people):
            for turn in c.turn_items(person.id):
                item, pack = turn.item, turn.pack
                if item.kind is ItemKind.SCALE:
                    value = 6 if pack.id == "crossroads" else 3 + k + w % 2
                    c.save_answer(checkin.id, person.id, item.id, value=value, pack_id=pack.id)
                elif item.kind is ItemKind.RATING:
                    c.save_answer(checkin.id, person.id, item.id, value=6, pack_id=pack.id)
                elif item.id == "crossroads.note":
                    text = f"{crossroads_note(person.name)} week {w}"
                    c.save_answer(checkin.id, person.id, item.id, text=text, pack_id=pack.id)
                elif item.id == "jealousy.trigger":
                    text = f"{jealousy_note(person.name)} week {w}"
                    c.save_answer(
                        checkin.id,
                        person.id,
                        item.id,
                        text=text,
                        pack_id=pack.id,
                        visibility=Visibility.THERAPY,
                    )
            yes = person.name == "Alex" and w == WEEKS - 1
            services.safety.record(
                checkin.id, person.id, SafetyAnswer.YES if yes else SafetyAnswer.NO
            )
        c.complete(checkin)
        clock.advance(weeks=1)
    services.keys.lock_all()
    return people


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def people(svc: Services, clock: FixedClock) -> list[Profile]:
    return build(svc, clock)


def text_of(svc: Services, fmt: str, person: Profile | None = None) -> str:
    summary = FORMATS[fmt].kind == "summary"
    result = ExportService(svc).render(
        ExportRequest(
            fmt, include_notes=summary, include_private=person, private_kinds=frozenset(PrivateKind)
        )
    )
    if isinstance(result.data, bytes):
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(result.data)).pages)
    return result.data


def unlock(svc: Services, person: Profile) -> Profile:
    svc.keys.unlock(person.id, WORDS[person.name])
    return person


CROSSROADS_PROMPT = "When I picture us a year from now"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_crossroads_and_safety_are_absent_without_consent(
    svc: Services, people: list[Profile], fmt: str
) -> None:
    text = text_of(svc, fmt)
    for p in people:
        assert crossroads_note(p.name) not in text
    assert messages.EXPORT_SAFETY_TITLE not in text
    assert messages.EXPORT_SAFETY_YES not in text
    if fmt != "json":
        assert CROSSROADS_PROMPT not in text
        assert "crossroads" not in text.lower()
    else:  # the pack's own wording is in pack_versions; no answer is
        data = json.loads(text)
        assert "safety" not in json.dumps(data["checkins"])
        assert data["private"] == []
        # not even that a private answer (or a skip) exists goes out
        answers = [a for c in data["checkins"] for a in c["answers"]]
        assert answers and not [a for a in answers if a["pack_id"] == "crossroads"]
        assert all(a["visibility"] != "private" for a in answers)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_only_the_owners_crossroads_and_safety_with_consent(
    svc: Services, people: list[Profile], fmt: str
) -> None:
    alex, sam = people
    unlock(svc, alex)
    unlock(svc, sam)  # unlocked, but not chosen
    text = text_of(svc, fmt, alex)
    assert crossroads_note(sam.name) not in text
    if fmt == "csv":  # scores and commitments only: nothing private at all
        assert crossroads_note(alex.name) not in text
        assert "crossroads" not in text.lower()
        return
    assert crossroads_note(alex.name) in text
    if fmt == "json":
        data = json.loads(text)
        (mine,) = data["private"]
        assert mine["profile_id"] == alex.id
        assert [s["answer"] for s in mine["safety"]] == ["no", "no", "yes"]
        assert {a["pack_id"] for a in mine["answers"]} == {"crossroads"}
        assert "6" in {a["text"] for a in mine["answers"]}  # a sealed rating, opened
        return
    flat = " ".join(text.split())
    assert messages.EXPORT_SAFETY_TITLE in flat
    assert messages.EXPORT_SAFETY_YES in flat
    assert "Crossroads: When I picture us a year from now" in flat
    assert "6 of 7" in flat
    if fmt == "md":
        included = flat.split("Included:")[1]
        assert "Alex's answers to the private safety question" in included
        assert "Sam's private answers, journal entries and safety answers" in flat


def test_sams_safety_answers_never_come_with_alexs(svc: Services, people: list[Profile]) -> None:
    alex, sam = people
    unlock(svc, alex)
    unlock(svc, sam)
    md = text_of(svc, "md", sam)
    assert messages.EXPORT_SAFETY_YES not in md  # Alex's yes
    assert md.count(messages.EXPORT_SAFETY_NO) >= WEEKS  # Sam's own three noes
    data = json.loads(text_of(svc, "json", sam))
    assert [s["answer"] for s in data["private"][0]["safety"]] == ["no"] * WEEKS


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_the_summary_has_a_short_modules_section(
    svc: Services, people: list[Profile], fmt: str
) -> None:
    text = " ".join(text_of(svc, fmt).split())
    assert messages.EXPORT_MODULES_TITLE in text
    assert "Jealousy: Feeling settled" in text
    # a shared module prompt answered "for therapy" is listed under its own wording
    assert jealousy_note("Alex") in text
    assert "Jealousy: What set off the feeling" in text


def test_csv_has_module_rows_but_never_private_packs(svc: Services, people: list[Profile]) -> None:
    text = text_of(svc, "csv")
    assert "jealousy:jealousy.settled" in text
    assert "crossroads" not in text


def test_no_modules_section_without_modules(svc: Services, people: list[Profile]) -> None:
    svc.packs.set_enabled("jealousy", False)
    assert f"## {messages.EXPORT_MODULES_TITLE}" not in text_of(svc, "md")


def test_json_round_trip_carries_pack_versions_settings_and_safety(
    svc: Services, people: list[Profile], tmp_path: Path
) -> None:
    alex, _ = people
    unlock(svc, alex)
    exported: dict[str, Any] = json.loads(text_of(svc, "json", alex))
    versions = {(v["pack_id"], v["version"]) for v in exported["pack_versions"]}
    assert {("weekly", svc.pack.version), ("jealousy", 2), ("crossroads", 1)} <= versions
    assert exported["settings"]["modules"] == "jealousy,crossroads"

    target = open_services(tmp_path / "other", FixedClock(NOW), weak_kdf=True)
    try:
        import_dump(
            target,
            parse_dump(json.dumps(exported), "x.json", target.pack),
            passphrase="new alex words",
        )
        assert rawdb.pack_versions(target).all() == rawdb.pack_versions(svc).all()
        assert {p.id for p in target.packs.enabled_modules()} == {"jealousy", "crossroads"}
        target.keys.unlock(alex.id, "new alex words")
        answers = [r.answer for r in target.safety.history(alex.id)]
        assert answers == [SafetyAnswer.NO, SafetyAnswer.NO, SafetyAnswer.YES]
        again = json.loads(
            str(
                ExportService(target)
                .render(
                    ExportRequest(
                        "json", include_private=alex, private_kinds=frozenset(PrivateKind)
                    )
                )
                .data
            )
        )
        for data in (exported, again):
            data.pop("exported_at")
        assert again == exported
        assert target.trends.report().modules == svc.trends.report().modules
    finally:
        target.close()


def test_an_export_without_the_new_keys_still_imports(
    svc: Services, people: list[Profile], tmp_path: Path
) -> None:
    exported: dict[str, Any] = json.loads(text_of(svc, "json"))
    exported.pop("pack_versions")
    target = open_services(tmp_path / "older", FixedClock(NOW), weak_kdf=True)
    try:
        import_dump(target, parse_dump(json.dumps(exported), "x.json", target.pack))
        assert rawdb.pack_versions(target).all() == {}
    finally:
        target.close()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["pack_versions"][0].update(items_json="[1]"), "items_json"),
        (lambda d: d["pack_versions"].append(dict(d["pack_versions"][0])), "appears twice"),
        (lambda d: d["private"][0]["safety"][0].update(answer="maybe"), "unknown value"),
        (lambda d: d["private"][0]["safety"][0].update(checkin_id=999), "no check-in"),
    ],
)
def test_malformed_pack_versions_and_safety_are_refused(
    svc: Services, people: list[Profile], change: Any, message: str
) -> None:
    from trustcheck.services.importer import ImportFileError

    unlock(svc, people[0])
    exported: dict[str, Any] = json.loads(text_of(svc, "json", people[0]))
    change(exported)
    with pytest.raises(ImportFileError, match=message):
        parse_dump(json.dumps(exported), "x.json")


# --- private module answers in the author's own view (issue 6, part 2) ---------------------------


def test_private_module_answers_show_their_prompt_and_rating_in_words(
    svc: Services, people: list[Profile]
) -> None:
    alex, sam = people
    unlock(svc, alex)
    listed = svc.checkins.private_answers(alex.id)
    crossroads = svc.packs.get("crossroads")
    future = crossroads.item("crossroads.future")
    rated = [a for a in listed if a.prompt == future.text]
    assert len(rated) == WEEKS
    assert all(a.module == "Crossroads" for a in rated)
    # stored 6 on 1–7: between the middle and the top label
    assert rated[0].text == (
        f"6 of 7 — between “{crossroads.scale.mid}” and “{crossroads.scale.high}”"
    )
    notes = [a for a in listed if a.prompt == crossroads.item("crossroads.note").text]
    assert [a.text for a in notes] == [f"{crossroads_note('Alex')} week {w}" for w in range(WEEKS)]
    assert not any(a.prompt.startswith("crossroads.") for a in listed)  # never a bare item id
    # Sam's list holds Sam's own only
    unlock(svc, sam)
    assert all(
        crossroads_note("Alex") not in (a.text or "") for a in svc.checkins.private_answers(sam.id)
    )


def test_private_values_read_at_the_labels(svc: Services) -> None:
    from trustcheck.services.checkin import _private_value

    pack = svc.packs.get("crossroads")
    item = pack.item("crossroads.future")
    assert _private_value(pack, item, "1") == f"1 of 7 — {pack.scale.low}"
    assert _private_value(pack, item, "4") == f"4 of 7 — {pack.scale.mid}"
    assert _private_value(pack, item, "2").startswith("2 of 7 — between")
    assert _private_value(pack, item, "9") == "9"  # out of range: shown as stored
    note = pack.item("crossroads.note")
    assert _private_value(pack, note, "5") == "5"  # text stays text


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_safety_answers_go_in_only_by_their_own_choice(
    svc: Services, people: list[Profile], fmt: str
) -> None:
    """Issue 14: safety answers are never included by default, nor with the other kinds."""
    alex = unlock(svc, people[0])

    def render(kinds: frozenset[PrivateKind]) -> str:
        request = ExportRequest(fmt, include_private=alex, private_kinds=kinds)
        return str(ExportService(svc).render(request).data)

    without = render(frozenset({PrivateKind.ANSWERS, PrivateKind.JOURNAL}))
    with_safety = render(frozenset({PrivateKind.SAFETY}))
    if fmt == "json":
        assert json.loads(without)["private"][0]["safety"] == []
        assert [s["answer"] for s in json.loads(with_safety)["private"][0]["safety"]] == [
            "no",
            "no",
            "yes",
        ]
        assert json.loads(with_safety)["private"][0]["answers"] == []
        return
    assert messages.EXPORT_SAFETY_TITLE not in without
    assert messages.EXPORT_SAFETY_YES not in without
    assert messages.EXPORT_SAFETY_YES in " ".join(with_safety.split())
    assert crossroads_note(alex.name) not in with_safety  # answers were not chosen this time


# --- issue 15: no timing, and the control answers only with consent ------------------------------


def stored_answer_times(services: Services) -> set[str]:
    conn = sqlite3.connect(rawdb.database(services).path)
    try:
        rows = conn.execute("SELECT answered_at FROM answers").fetchall()
        rows += conn.execute("SELECT answered_at FROM safety_answers").fetchall()
        return {str(r[0]) for r in rows}
    finally:
        conn.close()


def stored_checkin_times(services: Services) -> set[str]:
    conn = sqlite3.connect(rawdb.database(services).path)
    try:
        rows = conn.execute("SELECT started_at, updated_at, completed_at FROM checkins").fetchall()
        return {str(t) for r in rows for t in r if t is not None}
    finally:
        conn.close()


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_no_export_holds_a_per_answer_time(svc: Services, people: list[Profile], fmt: str) -> None:
    """No per-answer time reaches an export, so no gap can show how long a private question
    took: a JSON export gives each answer (and each safety answer its author chose to include)
    the day only; the spreadsheet has no time column. Stored the same way."""
    alex = unlock(svc, people[0])
    text = text_of(svc, fmt, alex)
    stored = stored_answer_times(svc)
    assert stored and all(t.endswith("T00:00:00+00:00") for t in stored)
    # Nor the check-in's own times (V10): the moment it reached the hand-over would show how long
    # a turn, and its private safety check, took.
    checkin_times = stored_checkin_times(svc)
    assert checkin_times and all(t.endswith("T00:00:00+00:00") for t in checkin_times)
    if fmt == "csv":
        header = text.splitlines()[0].lower()
        assert "answered" not in header and "time" not in header and ":" not in header
        return
    data = json.loads(text)
    times = [a["answered_at"] for c in data["checkins"] for a in c["answers"]]
    times += [s["answered_at"] for s in data["private"][0]["safety"]]
    times += [c[k] for c in data["checkins"] for k in ("started_at", "updated_at", "completed_at")]
    assert times and all(t.endswith("T00:00:00+00:00") for t in times)


def test_an_older_export_with_answer_times_imports_with_the_day_only(
    svc: Services, people: list[Profile], tmp_path: Path
) -> None:
    """Importing a file from before issue 15 (times of day, no control answers) keeps working;
    what is stored of each answer's time is its day."""
    alex = unlock(svc, people[0])
    exported: dict[str, Any] = json.loads(text_of(svc, "json", alex))
    for checkin in exported["checkins"]:
        for answer in checkin["answers"]:
            answer["answered_at"] = answer["answered_at"].replace("T00:00:00", "T19:42:07")
    for record in exported["private"][0]["safety"]:
        record.pop("control")
        record["answered_at"] = record["answered_at"].replace("T00:00:00", "T19:43:01")
    target = open_services(tmp_path / "older", FixedClock(NOW), weak_kdf=True)
    try:
        import_dump(
            target, parse_dump(json.dumps(exported), "x.json", target.pack), passphrase="new words"
        )
        stored = stored_answer_times(target)
        assert stored and all(t.endswith("T00:00:00+00:00") for t in stored)
        target.keys.unlock(alex.id, "new words")
        history = target.safety.history(alex.id)
        assert [r.answer for r in history] == [SafetyAnswer.NO, SafetyAnswer.NO, SafetyAnswer.YES]
        assert all(r.answered_at.time() == dt.time(0, 0) for r in history)
    finally:
        target.close()


def test_control_answers_travel_only_with_their_authors_consent(
    svc: Services, people: list[Profile], tmp_path: Path, clock: FixedClock
) -> None:
    """The short private set on coercive control is kept in the same sealed note: absent from
    every export unless its author includes their safety answers, and then carried through an
    import."""
    from trustcheck.services.safety import SafetyCheck

    alex, sam = people
    unlock(svc, alex)
    checkin_id = svc.checkins.status().last.id  # type: ignore[union-attr]
    check = SafetyCheck(SafetyAnswer.NO, {"money": SafetyAnswer.YES, "isolated": SafetyAnswer.NO})
    svc.safety.record(checkin_id, alex.id, check)
    svc.keys.lock_all()
    for fmt in FORMATS:
        assert messages.EXPORT_CONTROL_YES["money"] not in text_of(svc, fmt)
    unlock(svc, alex)
    flat = " ".join(text_of(svc, "md", alex).split())
    assert messages.EXPORT_CONTROL_YES["money"] in flat
    data = json.loads(text_of(svc, "json", alex))
    last = data["private"][0]["safety"][-1]
    assert last["control"] == {"isolated": "no", "money": "yes"}
    unlock(svc, sam)
    assert "money" not in json.dumps(json.loads(text_of(svc, "json", sam))["private"])
    target = open_services(tmp_path / "again", FixedClock(NOW), weak_kdf=True)
    try:
        import_dump(target, parse_dump(json.dumps(data), "x.json", target.pack), passphrase="w0rds")
        target.keys.unlock(alex.id, "w0rds")
        record = target.safety.history(alex.id)[-1]
        assert record.control["money"] is SafetyAnswer.YES and record.control["sexual"] is None
    finally:
        target.close()
