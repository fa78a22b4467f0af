"""Finding journal entries (issue 17 §4): every word in any order, tags by name, a range of days."""

from __future__ import annotations

import datetime as dt

from trustcheck.core.journal_search import Search
from trustcheck.core.models import JournalEntry

LOCAL = dt.datetime(2026, 11, 25, 21, 0).astimezone()


def entry(text: str, tags: tuple[str, ...] = (), days_ago: int = 0) -> JournalEntry:
    return JournalEntry(1, 1, LOCAL - dt.timedelta(days=days_ago), text, None, tags, False)


def test_every_word_in_any_order_in_the_text_or_a_tag() -> None:
    walk = entry("We walked by the River", ("trust",))
    assert Search.of(["river walked"]).matches(walk)
    assert Search.of(["TRUST walk"]).matches(walk)  # a word may be found in a tag
    assert not Search.of(["river money"]).matches(walk)


def test_tags_are_whole_and_any_case_with_or_without_hash() -> None:
    money = entry("Talked.", ("Money", "work"))
    assert Search.of(tags=["#money"]).matches(money)
    assert Search.of(tags=["WORK", "money"]).matches(money)
    assert not Search.of(tags=["mon"]).matches(money)  # a tag is matched whole
    assert not Search.of(tags=["money", "trust"]).matches(money)


def test_days_are_local_and_inclusive() -> None:
    today = LOCAL.date()
    old = entry("Then.", days_ago=3)
    assert Search.of(start=today - dt.timedelta(days=3), end=today).matches(old)
    assert not Search.of(start=today - dt.timedelta(days=2)).matches(old)
    assert not Search.of(end=today - dt.timedelta(days=4)).matches(old)


def test_the_search_box_reads_hash_words_as_tags() -> None:
    found = Search.parse("  #Money late  talked #  ")
    assert found.tags == ("money",) and found.words == ("late", "talked", "#")
    assert Search.parse("").empty and not found.empty
