"""Export → import → export gives back the same data (modulo the export's own timestamp), over
small generated histories, with and without one person's private section."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rawdb
from trustcheck.core.clock import FixedClock, week_start
from trustcheck.core.models import Answer, ItemKind, Review, Visibility
from trustcheck.core.text import clean_line
from trustcheck.services import Services, open_services
from trustcheck.services.export import ExportRequest, ExportService, PrivateKind
from trustcheck.services.importer import import_dump, parse_dump
from trustcheck.storage.repos.answers import ANSWERS_TABLE, private_answer_id

from .conftest import NOW

PASS = "round trip"
# Printable text, as the app stores it after cleaning (no control characters or surrogates).
# Text as the app stores it: one cleaned line (the services clean what people type; the data
# here is written straight through the repositories, so it must already be in that form).
words = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(
    lambda s: s != "" and clean_line(s) == s
)

answer_spec = st.tuples(
    st.integers(0, 7),  # 0 = skipped
    st.one_of(st.none(), words),  # text for open prompts (None = skipped)
    st.sampled_from(list(Visibility)),
)
history_spec = st.fixed_dictionaries(
    {
        "people": st.sampled_from([("Alex",), ("Alex", "Sam")]),
        "weeks": st.lists(st.lists(answer_spec, min_size=2, max_size=2), min_size=1, max_size=3),
        "commitments": st.lists(st.tuples(words, st.sampled_from([None, *Review])), max_size=3),
        "journal": st.lists(st.tuples(words, st.one_of(st.none(), st.integers(0, 10))), max_size=2),
        "private": st.booleans(),
    }
)


@contextmanager
def scratch() -> Iterator[Path]:
    # tmpfs where there is one: fsync is free there, and these databases are thrown away.
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.TemporaryDirectory(dir=base) as folder:
        yield Path(folder)


def build(services: Services, spec: dict[str, Any]) -> None:
    people = services.profiles.setup(list(spec["people"]))
    for p in people:
        services.keys.set_passphrase(p.id, PASS)
    pack = services.pack
    repo = rawdb.checkins(services)
    this_week = week_start(NOW.date())
    checkin_ids = []
    for w, week_answers in enumerate(spec["weeks"]):
        week = this_week - dt.timedelta(weeks=len(spec["weeks"]) - w)
        started = dt.datetime.combine(week, dt.time(19, 0), tzinfo=dt.UTC)
        answers, sealed = [], []
        for k, person in enumerate(people):
            value, text, visibility = week_answers[k]
            for item in pack.items:
                if item.kind is ItemKind.SCALE:
                    answers.append(
                        Answer(
                            person.id,
                            pack.id,
                            pack.version,
                            item.id,
                            value=value or None,
                            skipped=value == 0,
                        )
                    )
                elif item.kind is ItemKind.RATING:
                    answers.append(Answer(person.id, pack.id, pack.version, item.id, value=value))
                elif text is None:
                    answers.append(Answer(person.id, pack.id, pack.version, item.id, skipped=True))
                elif visibility is Visibility.PRIVATE:
                    sealed.append((person.id, item.id, text))
                else:
                    answers.append(
                        Answer(
                            person.id,
                            pack.id,
                            pack.version,
                            item.id,
                            text=text,
                            visibility=visibility,
                        )
                    )
        cid = repo.insert_completed(
            week, [p.id for p in people], started, started + dt.timedelta(minutes=20), answers
        )
        for pid, item_id, text in sealed:
            blob = services.keys.ring.seal(
                pid, text, table=ANSWERS_TABLE, record_id=private_answer_id(cid, pack.id, item_id)
            )
            rawdb.store_final_answer(
                services,
                cid,
                Answer(pid, pack.id, pack.version, item_id, visibility=Visibility.PRIVATE),
                started,
                blob,
            )
        checkin_ids.append(cid)
    commitments = rawdb.commitments(services)
    for n, (text, review) in enumerate(spec["commitments"]):
        owner = people[n % len(people)]
        made = commitments.add(checkin_ids[0], owner.id, people[-1].id, text, NOW)
        if review is not None:
            commitments.review(made.id, review, checkin_ids[-1], NOW)
    for text, rating in spec["journal"]:
        services.journal.add(people[0].id, text, rating=rating, tags=["t"], for_therapy=True)


def export_json(services: Services, private: bool) -> dict[str, Any]:
    person = services.profiles.people()[0] if private else None
    if person is not None and not services.keys.is_unlocked(person.id):
        services.keys.unlock(person.id, PASS)
    data = (
        ExportService(services)
        .render(ExportRequest("json", include_private=person, private_kinds=frozenset(PrivateKind)))
        .data
    )
    assert isinstance(data, str)
    return dict(json.loads(data))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=history_spec)
def test_export_import_export_is_the_same(spec: dict[str, Any]) -> None:
    with scratch() as folder:
        clock = FixedClock(NOW)
        source = open_services(folder / "a", clock, weak_kdf=True)
        try:
            build(source, spec)
            first = export_json(source, spec["private"])
        finally:
            source.close()
        clock.advance(days=3)  # a later export: only exported_at may differ
        target = open_services(folder / "b", clock, weak_kdf=True)
        try:
            dump = parse_dump(json.dumps(first), "first.json", target.pack)
            import_dump(target, dump, passphrase=PASS if spec["private"] else None)
            target.keys.lock_all()
            second = export_json(target, spec["private"])
        finally:
            target.close()
    assert first.pop("exported_at") != second.pop("exported_at")
    assert first == second
    if spec["private"]:
        assert len(second["private"][0]["journal"]) == len(spec["journal"])
