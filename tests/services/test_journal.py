"""The private journal (services.journal): entries, search, hostile text, and tampered records."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

import rawdb
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import Profile
from trustcheck.services import Services
from trustcheck.services.journal import ENTRY_LIMIT, JournalError
from trustcheck.storage.crypto import DamagedRecord, ProfileLocked
from trustcheck.storage.repos.journal import JOURNAL_TABLE


def tamper(svc: Services, sql: str, *params: object) -> None:
    """Change the database behind the program's back, through a second connection."""
    conn = sqlite3.connect(rawdb.database(svc).path)
    try:
        with conn:
            conn.execute(sql, params)
    finally:
        conn.close()


def body_of(svc: Services, entry_id: int) -> bytes:
    conn = rawdb.database(svc).conn
    row = conn.execute("SELECT body FROM journal_entries WHERE id = ?", (entry_id,))
    return bytes(row.fetchone()[0])


def damaged_message(entry_id: int) -> str:
    return f"journal entry {entry_id} is damaged or was modified; the others still open"


# ------------------------------------------------------------------------ add, list, edit, delete


def test_add_and_list_newest_first_with_rating_tags_and_therapy_flag(
    svc: Services, couple: tuple[Profile, Profile], clock: FixedClock
) -> None:
    alex, _ = couple
    start = clock.now()
    first = svc.journal.add(alex.id, "Quiet evening.", rating=7, tags=["calm"])
    clock.advance(days=1)
    second = svc.journal.add(
        alex.id,
        "Hard day.\nTalked it through.",
        rating=3,
        tags=["#work", "repair"],
        for_therapy=True,
    )
    clock.advance(days=1)
    third = svc.journal.add(alex.id, "No rating today.")

    listing = svc.journal.entries(alex.id)
    assert listing.damaged == []
    assert [e.id for e in listing.entries] == [third.id, second.id, first.id]
    newest, middle, oldest = listing.entries
    assert newest.text == "No rating today."
    assert (newest.rating, newest.tags, newest.for_therapy) == (None, (), False)
    assert middle.text == "Hard day.\nTalked it through."
    assert (middle.rating, middle.tags, middle.for_therapy) == (3, ("work", "repair"), True)
    assert (oldest.rating, oldest.tags, oldest.for_therapy) == (7, ("calm",), False)
    assert oldest.written_at == start
    assert middle.written_at == start + dt.timedelta(days=1)
    assert listing.entries[0] == third  # what add returned is what reads back
    assert svc.journal.count(alex.id) == 3


def test_written_at_can_be_given(
    svc: Services, couple: tuple[Profile, Profile], clock: FixedClock
) -> None:
    alex, _ = couple
    when = clock.now() - dt.timedelta(days=30)
    svc.journal.add(alex.id, "later")
    svc.journal.add(alex.id, "back-dated", written_at=when)
    entries = svc.journal.entries(alex.id).entries
    assert [e.text for e in entries] == ["later", "back-dated"]
    assert entries[1].written_at == when


def test_tags_are_cleaned_and_deduplicated(svc: Services, couple: tuple[Profile, Profile]) -> None:
    alex, _ = couple
    entry = svc.journal.add(alex.id, "x", tags=["#work", "work", "  two  words ", "", "#", "Ünï"])
    assert entry.tags == ("work", "two words", "Ünï")
    assert svc.journal.entries(alex.id).entries[0].tags == entry.tags


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": ""}, "an entry needs a few words"),
        ({"text": " \n\n  \n"}, "an entry needs a few words"),
        ({"text": "\x1b\x07\x00"}, "an entry needs a few words"),
        ({"text": "ok", "rating": 11}, "a rating is a whole number from 0 to 10"),
        ({"text": "ok", "rating": -1}, "a rating is a whole number from 0 to 10"),
        ({"text": "ok", "tags": [f"t{n}" for n in range(13)]}, "up to 12 tags per entry"),
        ({"text": "ok", "tags": ["x" * 41]}, "that is longer than 40 characters"),
    ],
)
def test_invalid_entries_are_refused_with_one_line_and_nothing_is_stored(
    svc: Services, couple: tuple[Profile, Profile], kwargs: dict[str, object], message: str
) -> None:
    alex, _ = couple
    text = kwargs.pop("text")
    assert isinstance(text, str)
    with pytest.raises(JournalError) as info:
        svc.journal.add(alex.id, text, **kwargs)  # type: ignore[arg-type]
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)
    assert svc.journal.count(alex.id) == 0


def test_ratings_at_the_ends_of_the_scale(svc: Services, couple: tuple[Profile, Profile]) -> None:
    alex, _ = couple
    svc.journal.add(alex.id, "low", rating=0)
    svc.journal.add(alex.id, "high", rating=10)
    assert sorted(e.rating or 0 for e in svc.journal.entries(alex.id).entries) == [0, 10]


def test_edit_changes_text_rating_tags_and_flag_but_not_the_date(
    svc: Services, couple: tuple[Profile, Profile], clock: FixedClock
) -> None:
    alex, _ = couple
    entry = svc.journal.add(alex.id, "first draft", rating=2, tags=["a"])
    other = svc.journal.add(alex.id, "other")
    clock.advance(hours=5)
    before = body_of(svc, entry.id)
    edited = svc.journal.update(entry, "second draft", rating=6, tags=["b"], for_therapy=True)
    assert body_of(svc, entry.id) != before
    assert edited.written_at == entry.written_at
    by_id = {e.id: e for e in svc.journal.entries(alex.id).entries}
    assert by_id[entry.id] == edited
    assert (edited.text, edited.rating, edited.tags, edited.for_therapy) == (
        "second draft",
        6,
        ("b",),
        True,
    )
    assert by_id[other.id].text == "other"
    with pytest.raises(JournalError):
        svc.journal.update(entry, "   ")
    assert svc.journal.entries(alex.id).damaged == []


def test_delete_removes_only_that_entry(svc: Services, couple: tuple[Profile, Profile]) -> None:
    alex, sam = couple
    keep = svc.journal.add(alex.id, "keep")
    drop = svc.journal.add(alex.id, "drop")
    sams = svc.journal.add(sam.id, "sam's")
    svc.journal.delete(drop)
    assert [e.id for e in svc.journal.entries(alex.id).entries] == [keep.id]
    assert [e.id for e in svc.journal.entries(sam.id).entries] == [sams.id]
    assert svc.journal.count(alex.id) == 1
    # ids are never reused, so no later entry can share a deleted one's identity
    again = svc.journal.add(alex.id, "new")
    assert again.id > sams.id


# --------------------------------------------------------------------------- search and since


@pytest.fixture
def searchable(svc: Services, couple: tuple[Profile, Profile], clock: FixedClock) -> Profile:
    alex, _ = couple
    svc.journal.add(alex.id, "Dinner with my MOTHER went fine", tags=["family"])
    clock.advance(days=1)
    svc.journal.add(alex.id, "Long day", tags=["Work", "tired"])
    clock.advance(days=1)
    svc.journal.add(alex.id, "Walked by the Straße at dusk")
    clock.advance(days=1)
    svc.journal.add(alex.id, "Nothing special")
    return alex


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mother", ["Dinner with my MOTHER went fine"]),
        ("  MoThEr ", ["Dinner with my MOTHER went fine"]),
        ("work", ["Long day"]),  # a tag
        ("WORK", ["Long day"]),
        ("FAMIL", ["Dinner with my MOTHER went fine"]),  # part of a tag
        ("strasse", ["Walked by the Straße at dusk"]),  # casefold, not just lower
        ("day", ["Long day"]),
        ("d", ["Walked by the Straße at dusk", "Long day", "Dinner with my MOTHER went fine"]),
        ("zebra", []),
        ("", ["Nothing special", "Walked by the Straße at dusk", "Long day",
              "Dinner with my MOTHER went fine"]),
    ],
)  # fmt: skip
def test_search_is_case_insensitive_in_text_and_tags(
    svc: Services, searchable: Profile, query: str, expected: list[str]
) -> None:
    listing = svc.journal.entries(searchable.id, query=query)
    assert [e.text for e in listing.entries] == expected
    assert listing.damaged == []


@pytest.mark.parametrize("size", [1, 2, 3, 250])
@pytest.mark.parametrize("query", ["", "d", "  MoThEr ", "work", "strasse", "zebra"])
def test_batches_match_as_a_whole_listing_does(
    svc: Services, searchable: Profile, query: str, size: int
) -> None:
    """Opened a few at a time (the journal screen's worker), newest first: the same entries in the
    same order as one listing, each batch at most ``size`` entries read."""
    batches = list(svc.journal.batches(searchable.id, query=query, size=size))
    assert len(batches) == -(-4 // size)
    found = [e.text for b in batches for e in b.entries]
    assert found == [e.text for e in svc.journal.entries(searchable.id, query=query).entries]
    assert all(len(b.entries) <= size for b in batches)


def test_batches_leave_out_the_newest_skipped_and_other_peoples_entries(
    svc: Services, searchable: Profile, couple: tuple[Profile, Profile]
) -> None:
    svc.journal.add(couple[1].id, "Sam's own day")
    texts = [e.text for b in svc.journal.batches(searchable.id, skip=1, size=2) for e in b.entries]
    assert texts == ["Walked by the Straße at dusk", "Long day", "Dinner with my MOTHER went fine"]


def test_batches_arrive_before_the_last_entry_is_read(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    """The first batch is there while later ones are still unread, and locking between two
    batches stops the rest: nothing more is opened without the key."""
    alex, _ = couple
    for n in range(10):
        svc.journal.add(alex.id, f"entry {n}")
    batches = svc.journal.batches(alex.id, size=4)
    first = next(batches)
    assert [e.text for e in first.entries] == ["entry 9", "entry 8", "entry 7", "entry 6"]
    svc.keys.lock(alex.id)
    with pytest.raises(ProfileLocked):
        next(batches)


def test_batches_read_only_committed_entries_through_a_connection_of_their_own(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    """The worker's batches never see an entry half-written by a transaction under way on the
    UI thread's connection (stored first with an empty body, then sealed): it is not there yet,
    rather than named damaged. What is committed is there."""
    alex, _ = couple
    svc.journal.add(alex.id, "stored")
    db = rawdb.database(svc)
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        db.conn.execute(
            "INSERT INTO journal_entries(profile_id, written_at, updated_at, body) "
            "VALUES (?, '2026-12-01T10:00:00+00:00', '2026-12-01T10:00:00+00:00', X'')",
            (alex.id,),
        )
        batches = list(svc.journal.batches(alex.id, size=2))
    finally:
        db.conn.execute("ROLLBACK")
    assert [[e.text for e in b.entries] for b in batches] == [["stored"]]
    assert all(b.damaged == [] for b in batches)


def test_entries_by_id_open_those_asked_for_in_that_order(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    """What the journal screen shows when scrolled past the entries it kept: only the owner's,
    none that went or are damaged."""
    alex, sam = couple
    a, b, c = (svc.journal.add(alex.id, text) for text in ("a", "b", "c"))
    sams = svc.journal.add(sam.id, "sam's")
    svc.journal.delete(b)
    tamper(svc, "UPDATE journal_entries SET body = ? WHERE id = ?", b"\x01" + bytes(40), a.id)
    opened = svc.journal.entries_by_id(alex.id, [c.id, b.id, sams.id, a.id])
    assert [e.text for e in opened] == ["c"]
    svc.journal.add(alex.id, "d")
    assert [e.text for e in svc.journal.entries_by_id(alex.id, [c.id, c.id + 2])] == ["c", "d"]


def test_batches_name_damaged_entries_and_open_the_others(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, _ = couple
    svc.journal.add(alex.id, "apples")
    bad = svc.journal.add(alex.id, "pears")
    svc.journal.add(alex.id, "apple pie")
    tamper(svc, "UPDATE journal_entries SET body = ? WHERE id = ?", b"\x01" + bytes(40), bad.id)
    batches = list(svc.journal.batches(alex.id, query="apple", size=2))
    assert [[e.text for e in b.entries] for b in batches] == [["apple pie"], ["apples"]]
    assert [[d.record_id for d in b.damaged] for b in batches] == [[bad.id], []]


def test_since_keeps_entries_from_that_moment_on(
    svc: Services, couple: tuple[Profile, Profile], clock: FixedClock
) -> None:
    alex, _ = couple
    start = clock.now()
    old = svc.journal.add(alex.id, "old")
    clock.advance(days=2)
    edge = svc.journal.add(alex.id, "on the edge")
    clock.advance(days=2)
    new = svc.journal.add(alex.id, "new")
    assert [e.id for e in svc.journal.entries(alex.id, since=edge.written_at).entries] == [
        new.id,
        edge.id,
    ]
    since_one = start + dt.timedelta(days=1)
    assert [e.id for e in svc.journal.entries(alex.id, since=since_one).entries] == [
        new.id,
        edge.id,
    ]
    future = start + dt.timedelta(days=30)
    assert svc.journal.entries(alex.id, since=future).entries == []
    assert len(svc.journal.entries(alex.id, since=start - dt.timedelta(days=1)).entries) == 3
    # search and since together
    assert [e.id for e in svc.journal.entries(alex.id, since=since_one, query="OLD").entries] == []
    assert old.id not in [e.id for e in svc.journal.entries(alex.id, since=since_one).entries]


def test_since_compares_moments_not_strings(svc: Services, couple: tuple[Profile, Profile]) -> None:
    alex, _ = couple
    entry = svc.journal.add(alex.id, "at 19:30 UTC")  # the clock says 19:30 UTC
    plus_two = dt.timezone(dt.timedelta(hours=2))
    earlier = dt.datetime(2026, 11, 25, 20, 0, tzinfo=plus_two)  # 18:00 UTC: before the entry
    later = dt.datetime(2026, 11, 25, 22, 0, tzinfo=plus_two)  # 20:00 UTC: after the entry
    assert later > entry.written_at > earlier
    assert svc.journal.entries(alex.id, since=later).entries == []
    assert [e.id for e in svc.journal.entries(alex.id, since=earlier).entries] == [entry.id]


# --------------------------------------------------------------------------- hostile text


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("[link=https://evil.example]click[/link] [/] [bold red]x[/]", None),
        ("$(rm -rf ~) `whoami` ${HOME} %s %(x)s {0}", None),
        ("<script>alert(1)</script> &amp; <b>", None),
        ("\x1b[31mred\x1b[0m \x1b]8;;https://x\x07link\x1b]8;;\x07", "[31mred[0m ]8;;https://xlink]8;;"),
        ("bell\x07 nul\x00 del\x7f c1\x9b end", "bell nul del c1 end"),
        ("tab\tkept\nnewline kept", None),
        ("windows\r\nline\rends", "windows\nline\nends"),
        ("\n\nleading and trailing newlines\n\n", "leading and trailing newlines"),
        ("abc\u202eevil.exe\u202c \u2067isolate\u2069", None),  # RTL override: stored as typed
        ("zero\u200bwidth\u200d\ufeffjoiners", None),
        ("emoji 😀👩‍❤️‍👨🏳️‍🌈 and ZWJ", None),
        ("שלום עליכם مرحبا", None),
        ("cafe\u0301", "caf\u00e9"),  # NFC
        ("𝕌𝕟𝕚𝕔𝕠𝕕𝕖 outside the BMP 𐍈", None),
    ],
)  # fmt: skip
def test_hostile_text_round_trips_as_cleaned(
    svc: Services, couple: tuple[Profile, Profile], typed: str, stored: str | None
) -> None:
    alex, _ = couple
    expected = typed if stored is None else stored
    entry = svc.journal.add(alex.id, typed, tags=[typed[:30]])
    assert entry.text == expected
    (back,) = svc.journal.entries(alex.id).entries
    assert back.text == expected
    assert back == entry
    assert "\x1b" not in back.text and "\x00" not in back.text


def test_bytes_from_a_bad_terminal_are_refused_and_nothing_is_stored(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    """Bytes that were not UTF-8 (Python keeps them as lone surrogates) were stored and later
    printed raw by ``journal list`` (issue 16 §3): now the entry is refused, saying why."""
    alex, _ = couple
    with pytest.raises(JournalError, match="not UTF-8"):
        svc.journal.add(alex.id, "lone surrogate \udcff from a bad terminal")
    with pytest.raises(JournalError, match="not UTF-8"):
        svc.journal.add(alex.id, "fine words", tags=["t\udcff"])
    assert svc.journal.entries(alex.id).entries == []


def test_a_long_entry_at_the_limit_round_trips(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, _ = couple
    text = ("é😀[/]\u202e" * (ENTRY_LIMIT // 4 + 1))[:ENTRY_LIMIT]  # ~300 KB of UTF-8
    entry = svc.journal.add(alex.id, text)
    (back,) = svc.journal.entries(alex.id, query="😀").entries
    assert back.text == text == entry.text


def test_a_one_megabyte_paste_is_refused_cleanly_and_nothing_is_stored(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    """A 1 MB paste is over the entry limit: one plain line, no partial entry."""
    alex, _ = couple
    paste = ("line of pasted text with [markup] and \x1b[1m escapes 😀\n" * 20_000)[: 1 << 20]
    with pytest.raises(JournalError) as info:
        svc.journal.add(alex.id, paste)
    assert str(info.value) == f"that is longer than {ENTRY_LIMIT} characters; please shorten it"
    assert svc.journal.count(alex.id) == 0


# --------------------------------------------------------------------------- the partner


def test_partner_cannot_open_or_change_the_others_entries(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, sam = couple
    entry = svc.journal.add(alex.id, "alex only")
    svc.keys.lock(alex.id)
    assert svc.keys.is_unlocked(sam.id)  # only Sam is unlocked
    with pytest.raises(ProfileLocked):
        svc.journal.entries(alex.id)
    with pytest.raises(ProfileLocked):
        svc.journal.entries(alex.id, query="alex")
    with pytest.raises(ProfileLocked):
        svc.journal.add(alex.id, "written as Alex by Sam")
    with pytest.raises(ProfileLocked):
        svc.journal.update(entry, "rewritten by Sam")
    with pytest.raises(ProfileLocked):
        svc.journal.delete(entry)
    # Sam's own journal does not show Alex's entry
    assert svc.journal.entries(sam.id).entries == []
    svc.keys.unlock(alex.id, "alex words")
    assert [e.text for e in svc.journal.entries(alex.id).entries] == ["alex only"]


# --------------------------------------------------------------------------- tampered records


def test_a_ciphertext_copied_onto_another_entry_is_damaged_and_the_others_open(
    svc: Services, couple: tuple[Profile, Profile], clock: FixedClock
) -> None:
    alex, _ = couple
    ids = []
    for n in range(3):
        ids.append(svc.journal.add(alex.id, f"entry {n}").id)
        clock.advance(hours=1)
    source, target, bystander = ids
    tamper(
        svc,
        "UPDATE journal_entries SET body = (SELECT body FROM journal_entries WHERE id = ?) "
        "WHERE id = ?",
        source,
        target,
    )
    assert body_of(svc, source) == body_of(svc, target)
    listing = svc.journal.entries(alex.id)
    assert [e.text for e in listing.entries] == ["entry 2", "entry 0"]  # never "entry 0" twice
    (damaged,) = listing.damaged
    assert isinstance(damaged, DamagedRecord)
    assert damaged.record_id == target
    assert str(damaged) == damaged_message(target)
    assert bystander in [e.id for e in listing.entries]


@pytest.mark.parametrize("position", [0, 1, 5, 13, 20, -1])
def test_a_flipped_bit_makes_that_entry_damaged(
    svc: Services, couple: tuple[Profile, Profile], position: int
) -> None:
    alex, _ = couple
    good = svc.journal.add(alex.id, "good one")
    bad = svc.journal.add(alex.id, "about to be damaged")
    body = bytearray(body_of(svc, bad.id))
    body[position] ^= 0x01
    tamper(svc, "UPDATE journal_entries SET body = ? WHERE id = ?", bytes(body), bad.id)
    listing = svc.journal.entries(alex.id)
    assert [e.id for e in listing.entries] == [good.id]
    assert [str(d) for d in listing.damaged] == [damaged_message(bad.id)]


@pytest.mark.parametrize(
    "body",
    [b"", b"\x01", b"\x01" + bytes(28), b"\x02" + bytes(40), b"\x00" * 64],
)
def test_truncated_or_foreign_blobs_are_damaged(
    svc: Services, couple: tuple[Profile, Profile], body: bytes
) -> None:
    alex, _ = couple
    good = svc.journal.add(alex.id, "good one")
    bad = svc.journal.add(alex.id, "replaced")
    tamper(svc, "UPDATE journal_entries SET body = ? WHERE id = ?", body, bad.id)
    listing = svc.journal.entries(alex.id)
    assert [e.id for e in listing.entries] == [good.id]
    assert [d.record_id for d in listing.damaged] == [bad.id]


def test_a_body_tampered_to_text_is_damaged_not_a_crash(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, _ = couple
    good = svc.journal.add(alex.id, "good one")
    bad = svc.journal.add(alex.id, "replaced")
    tamper(svc, "UPDATE journal_entries SET body = 'plain text' WHERE id = ?", bad.id)
    listing = svc.journal.entries(alex.id)
    assert [e.id for e in listing.entries] == [good.id]
    assert [d.record_id for d in listing.damaged] == [bad.id]


def test_partner_key_cannot_open_a_copied_blob(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, sam = couple
    alexs = svc.journal.add(alex.id, "alex's secret")
    sams_good = svc.journal.add(sam.id, "sam's own")
    sams_target = svc.journal.add(sam.id, "to be overwritten")
    tamper(
        svc,
        "UPDATE journal_entries SET body = ? WHERE id = ?",
        body_of(svc, alexs.id),
        sams_target.id,
    )
    svc.keys.lock(alex.id)
    listing = svc.journal.entries(sam.id)
    assert [e.id for e in listing.entries] == [sams_good.id]
    assert [str(d) for d in listing.damaged] == [damaged_message(sams_target.id)]
    assert all("secret" not in e.text for e in listing.entries)


def test_an_entry_moved_to_the_partner_row_does_not_open_for_either(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    """Re-assigning a row's profile_id: the partner's key and the author's identity both fail."""
    alex, sam = couple
    entry = svc.journal.add(alex.id, "alex's secret")
    tamper(svc, "UPDATE journal_entries SET profile_id = ? WHERE id = ?", sam.id, entry.id)
    listing = svc.journal.entries(sam.id)
    assert listing.entries == []
    assert [d.record_id for d in listing.damaged] == [entry.id]


def _odd_sealed_body_is_damaged(svc: Services, alex: Profile, body: str) -> None:
    good = svc.journal.add(alex.id, "good one")
    odd = svc.journal.add(alex.id, "replaced")
    sealed = svc.keys.ring.seal(alex.id, body, table=JOURNAL_TABLE, record_id=odd.id)
    tamper(svc, "UPDATE journal_entries SET body = ? WHERE id = ?", sealed, odd.id)
    listing = svc.journal.entries(alex.id)
    assert [e.id for e in listing.entries] == [good.id]
    assert [str(d) for d in listing.damaged] == [damaged_message(odd.id)]


@pytest.mark.parametrize(
    "body",
    ["not json", "", '{"rating": 3}', '{"text": "x", "rating": "high"}', '{"text": "x", '
     '"tags": 5}'],
)  # fmt: skip
def test_a_sealed_body_that_is_not_an_entry_is_damaged(
    svc: Services, couple: tuple[Profile, Profile], body: str
) -> None:
    """Even an authentic seal of something odd is reported, not shown as garbage or raised."""
    _odd_sealed_body_is_damaged(svc, couple[0], body)


@pytest.mark.parametrize("body", ["null", "[1, 2]", "7", '"text"'])
def test_a_sealed_body_that_is_json_but_not_an_object_is_damaged(
    svc: Services, couple: tuple[Profile, Profile], body: str
) -> None:
    _odd_sealed_body_is_damaged(svc, couple[0], body)


def test_damaged_entries_are_listed_even_when_a_search_is_given(
    svc: Services, couple: tuple[Profile, Profile]
) -> None:
    alex, _ = couple
    svc.journal.add(alex.id, "apples")
    bad = svc.journal.add(alex.id, "pears")
    tamper(svc, "UPDATE journal_entries SET body = ? WHERE id = ?", b"\x01" + bytes(40), bad.id)
    listing = svc.journal.entries(alex.id, query="apple")
    assert [e.text for e in listing.entries] == ["apples"]
    assert [d.record_id for d in listing.damaged] == [bad.id]
